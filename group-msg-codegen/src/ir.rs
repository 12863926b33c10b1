//! Stage two's output: the generator's own model of the types to emit, names decided.
//!
//! Emitters read only this model; they never look at the spec's JSON (except `schema`, the JSON
//! Schema each type reports through `schemars`).

use serde_json::Value;

/// Everything generated from one spec.
#[derive(Debug, Clone, Default)]
pub struct Module {
    /// Module documentation (the file writer puts it in `//!` lines; the macro drops it).
    pub doc: Option<String>,
    pub types: Vec<TypeDef>,
    pub endpoint: Option<Endpoint>,
    /// `pub type Request = ...;` and friends: (alias, target type).
    pub aliases: Vec<(String, String, Option<String>)>,
    pub error_codes: Vec<ErrorCode>,
    /// `$ref` strings of the spec → the Rust type they name.
    pub refs: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// The JSON Schema of this type, `$ref`s still pointing into the spec.
    pub schema: Value,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    Alias(Ty),
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub extra: Extra,
    /// A tagged union whose keys live in this object beside the fields.
    pub union: Option<FlatUnion>,
}

/// What happens to keys that are not fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    /// `additionalProperties: false`: an unknown key is an error.
    Deny,
    /// Kept in `extra: BTreeMap<String, T>`.
    Keep(Ty),
}

#[derive(Debug, Clone)]
pub struct FlatUnion {
    /// Rust field name holding the union.
    pub rust: String,
    /// The union enum's type name.
    pub ty: String,
    /// Index among `fields` before which the union's keys are written.
    pub position: usize,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub rust: String,
    pub wire: String,
    pub doc: Option<String>,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    /// Boxed to break a recursive type.
    pub boxed: bool,
    pub default: Option<Value>,
    /// The value the spec fixes with `const` (or a one-value `enum`): builders set it themselves.
    pub constant: Option<Value>,
    /// A credential: wrapped in `Secret` so `Debug` never shows it.
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Bool,
    F64,
    Int(IntTy),
    Named(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    /// Any JSON value.
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntTy {
    I32,
    I64,
    U32,
    U64,
}

/// A literal tag or enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lit {
    Str(String),
    Int(i64),
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub rust: String,
    pub wire: Lit,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub tag: String,
    pub variants: Vec<Variant>,
    /// Keys that belong to no variant are an error.
    pub strict: bool,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub rust: String,
    pub doc: Option<String>,
    pub tag: Lit,
    pub payload: Payload,
}

#[derive(Debug, Clone)]
pub enum Payload {
    /// Only the tag.
    Unit,
    /// One more key, its value the payload.
    Single { key: String, ty: Ty, boxed: bool },
    /// Several keys beside the tag: a struct of them.
    Struct(String),
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub servers: Vec<crate::read::Server>,
    pub auth: Vec<crate::read::ApiKeyScheme>,
    /// (struct name, location) of the generated parameter structs.
    pub params: Vec<(String, crate::read::ParamLocation)>,
}

#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub code: i64,
    pub rust: String,
    pub description: String,
    pub retry: bool,
}

impl Union {
    /// Whether every variant is a unit or single-key variant.
    pub fn is_adjacent(&self) -> bool {
        self.variants.iter().all(|v| !matches!(v.payload, Payload::Struct(_)))
    }
}
