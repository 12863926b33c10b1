//! The literal engine's model of a spec: the types a literal is built into and every rule the
//! generated `Validate` impls check, without what only the emitters need (docs, schemas,
//! endpoints). `cargo xtask codegen` writes it per bundled spec as compact JSON
//! (`group-msg-macros/rules/`), from the generator's IR (`group_msg_codegen::ir`), whose types
//! serialize to this shape: same names, same variants; fields this model does not hold are
//! skipped when it is read.

use std::collections::BTreeMap;

use serde::Deserialize;
#[cfg(feature = "serialize")]
use serde::Serialize;
use serde_json::Value;

/// One spec's types and rules, as far as literals care.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Model {
    /// `Request`, `Response`, `Callback` ...: (alias, the type it names).
    pub aliases: Vec<(String, String)>,
    /// Every type, by name.
    pub types: BTreeMap<String, TypeDef>,
}

impl Model {
    /// The type named `name`.
    pub fn typedef(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    /// The wire keys of a union variant besides the tag.
    pub fn variant_keys(&self, v: &Variant) -> Vec<String> {
        match &v.payload {
            Payload::Unit => Vec::new(),
            Payload::Single { key, .. } => vec![key.clone()],
            Payload::Struct(name) => match self.typedef(name).map(|t| &t.kind) {
                Some(Kind::Struct(s)) => s.fields.iter().map(|f| f.wire.clone()).collect(),
                _ => Vec::new(),
            },
        }
    }

    /// Every key a union reads: its tag, then each variant's keys, without repeats.
    pub fn union_keys(&self, u: &Union) -> Vec<String> {
        let mut keys = vec![u.tag.clone()];
        for v in &u.variants {
            for k in self.variant_keys(v) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        keys
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct TypeDef {
    pub kind: Kind,
    /// The rules of the type's schema, checked by its `Validate` impl.
    pub checks: Checks,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Kind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    Alias(Ty),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Struct {
    pub fields: Vec<Field>,
    pub extra: Extra,
    /// A tagged union whose keys live in this object beside the fields.
    pub union: Option<FlatUnion>,
}

/// What happens to keys that are not fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Extra {
    /// An unknown key is an error.
    Deny,
    /// Kept in `extra: BTreeMap<String, T>`.
    Keep(Ty),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct FlatUnion {
    /// Rust field name holding the union.
    pub rust: String,
    /// The union enum's type name.
    pub ty: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Field {
    pub rust: String,
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub boxed: bool,
    pub secret: bool,
}

/// The longest tuple emitted as a Rust tuple (`group_msg_codegen::ir::MAX_TUPLE`): a longer one
/// is a tuple struct.
pub const MAX_TUPLE: usize = 12;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Ty {
    String,
    Bool,
    F64,
    Int(IntTy),
    Named(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    Rows(Box<Ty>),
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum IntTy {
    I32,
    I64,
    U32,
    U64,
}

/// A literal tag or enum value.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Lit {
    Str(String),
    Int(i64),
}

impl Lit {
    /// As messages show it.
    pub fn text(&self) -> String {
        match self {
            Lit::Str(s) => s.clone(),
            Lit::Int(i) => i.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Enum {
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct EnumValue {
    pub rust: String,
    pub wire: Lit,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Union {
    pub tag: String,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Variant {
    pub rust: String,
    pub tag: Lit,
    pub payload: Payload,
    /// Rules on a single-key payload (a struct payload validates itself).
    pub checks: Checks,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Payload {
    Unit,
    Single { key: String, ty: Ty, boxed: bool },
    Struct(String),
}

/// Rules on one value; all must hold.
pub type Checks = Vec<Check>;

/// One rule (see `group_msg_codegen::ir::Check`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Check {
    Num {
        op: NumOp,
        limit: f64,
    },
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    Format(String),
    JsonString,
    MaxBytes(u64),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    Contains {
        item: Ty,
        cond: Checks,
        min: u64,
        max: Option<u64>,
    },
    Const(Value),
    Enum(Vec<Value>),
    Sequence {
        item: Ty,
        wire: String,
        start: i64,
    },
    Items {
        item: Ty,
        checks: Checks,
    },
    Prefix {
        index: usize,
        item: Ty,
        checks: Checks,
    },
    Values {
        item: Ty,
        checks: Checks,
    },
    Nested,
    Finite,
    Depth {
        untyped: bool,
    },
    Flat {
        field: String,
    },
    Prop {
        wire: String,
        access: Access,
        ty: Ty,
        checks: Checks,
    },
    Required {
        wire: String,
        access: Access,
    },
    Forbidden {
        wire: String,
        access: Access,
    },
    NoExtra,
    If {
        cond: Checks,
        then: Checks,
        else_: Checks,
        because: Option<String>,
    },
    Not(Checks),
    AnyOf(Vec<Checks>),
    OneOf(Vec<Checks>),
    Static(bool),
    TypeIs(Vec<String>),
    /// Run by the schema validator at run time (not at compile time).
    Schema {
        pointer: String,
    },
    Warn(Checks),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum NumOp {
    Min,
    Max,
    ExclusiveMin,
    ExclusiveMax,
    MultipleOf,
}

/// How to reach a property of an object value (only which kind matters here).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub enum Access {
    Field {},
    Extra,
    Tag {},
    Absent,
    Elsewhere,
}
