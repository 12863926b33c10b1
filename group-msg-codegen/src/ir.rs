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
    /// `x-error-code-field`: the response struct and its integer field (rust name, required)
    /// that `error_code()` reads as an `ErrorCode`.
    pub error_code_field: Option<ErrorCodeField>,
    /// `$ref` strings of the spec → the Rust type they name.
    pub refs: std::collections::BTreeMap<String, String>,
    /// Type name → index in `types`.
    pub index: std::collections::BTreeMap<String, usize>,
    /// The spec document as compact JSON: [`Check::Schema`] compiles the schema validator from it
    /// (embedded in the generated code only when some check uses it).
    pub document: Option<String>,
    /// What the generated code needs of the runtime beyond its lightest build, with where the
    /// spec asks for it: the `regex` feature for a `pattern` that is not a charset, `full-regex`
    /// for one `regex-lite` cannot run, `uri` for the `uri` formats (see [`needs`]).
    pub needs: Needs,
    /// Every operation of an OpenAPI document, in document order (see [`Operation`]).
    pub operations: Vec<Operation>,
    /// The one operation's items are the module's own (`endpoint`, `aliases`, `error_codes`
    /// above): a document with exactly one operation, the layout of the bundled specs. Otherwise
    /// each operation is a submodule.
    pub flat: bool,
    /// The types a message is made of whole (request and response bodies, callback, parameter
    /// structs, a standalone schema's root): their builders' `build()` checks every rule under
    /// them; other builders leave their rules to the root that holds them.
    pub roots: std::collections::BTreeSet<String>,
}

impl Needs {
    fn pattern(&mut self, p: &str, at: &str) {
        use group_msg_rules::pattern::Needs as Engine;
        // A pattern no engine compiles is refused where it is read; it needs nothing here.
        let slot = match group_msg_rules::Pattern::needs(p) {
            Engine::Nothing => return,
            Engine::Regex => &mut self.regex,
            Engine::FullRegex if group_msg_rules::Pattern::new(p).is_ok() => &mut self.full_regex,
            Engine::FullRegex => return,
        };
        slot.get_or_insert_with(|| at.to_owned());
    }
}

/// Runtime features a module needs: the JSON pointer of the first keyword that needs each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Needs {
    pub regex: Option<String>,
    pub full_regex: Option<String>,
    pub uri: Option<String>,
    /// A position left to the schema validator ([`Check::Schema`]).
    pub schema: Option<String>,
}

/// The pointer of the first [`Check::Schema`] among the rules of `types` (in type order, each
/// type's checks depth first): a module with one needs the runtime's schema validator.
pub fn first_schema_check(types: &[TypeDef]) -> Option<String> {
    fn find(checks: &[Check]) -> Option<&str> {
        checks.iter().find_map(|c| match c {
            Check::Schema { pointer } => Some(pointer.as_str()),
            Check::Contains { cond: inner, .. }
            | Check::Items { checks: inner, .. }
            | Check::Prefix { checks: inner, .. }
            | Check::Values { checks: inner, .. }
            | Check::Prop { checks: inner, .. }
            | Check::Not(inner)
            | Check::Warn(inner) => find(inner),
            Check::If { cond, then, else_, .. } => find(cond).or_else(|| find(then)).or_else(|| find(else_)),
            Check::AnyOf(branches) | Check::OneOf(branches) => branches.iter().find_map(|b| find(b)),
            _ => None,
        })
    }
    types.iter().find_map(|t| {
        let variants = match &t.kind {
            Kind::Union(u) => u.variants.as_slice(),
            _ => &[],
        };
        find(&t.checks).or_else(|| variants.iter().find_map(|v| find(&v.checks))).map(str::to_owned)
    })
}

/// What `doc` needs of the runtime: every `pattern` and `patternProperties` key is asked which
/// engine it needs ([`group_msg_rules::pattern::Needs`]), every `format` is looked up (values
/// under `const`, `enum`, `default` and the example keywords are data, not schemas, and are
/// skipped).
pub fn needs(doc: &Value) -> Needs {
    fn walk(v: &Value, at: &mut String, needs: &mut Needs) {
        match v {
            Value::Object(o) => {
                for (k, v) in o {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    match (k.as_str(), v) {
                        ("pattern", Value::String(p)) => needs.pattern(p, at),
                        ("patternProperties", Value::Object(ps)) => {
                            for p in ps.keys() {
                                needs.pattern(p, at);
                            }
                            walk(v, at, needs);
                        }
                        ("format", Value::String(f)) if group_msg_rules::format_needs_uri(f) => {
                            needs.uri.get_or_insert_with(|| at.clone());
                        }
                        ("const" | "enum" | "default" | "example" | "examples", _) => {}
                        _ => walk(v, at, needs),
                    }
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = at.len();
                    at.push_str(&format!("/{i}"));
                    walk(item, at, needs);
                    at.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut needs = Needs::default();
    walk(doc, &mut String::new(), &mut needs);
    needs
}

/// One operation of an OpenAPI document (under `paths`, `webhooks` or `callbacks`): a submodule
/// named [`Operation::module`] that re-exports the document's shared types and adds its own
/// items, or (a one-operation document) the module's root.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The submodule's name: the `operationId` in snake_case, else the webhook's key, else the
    /// parent operation's module and the callback's name, else the method and path; a name
    /// already taken gets `2`, `3`, ... in document order.
    pub module: String,
    /// `UpperCamelCase` of `module`: the prefix of the operation's own type names at the root.
    pub prefix: String,
    pub doc: Option<String>,
    pub endpoint: Endpoint,
    /// `pub type Request = ...;` and friends: (alias, target type, doc).
    pub aliases: Vec<(String, String, Option<String>)>,
    /// Bodies that are not a schema's type: (alias, carrier, doc).
    pub plain: Vec<(String, Plain, Option<String>)>,
    /// Every declared response, in document order.
    pub responses: Vec<ResponseInfo>,
    pub error_codes: Vec<ErrorCode>,
    pub error_code_field: Option<ErrorCodeField>,
}

/// The Rust type of a body without a typed schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plain {
    /// `text/*`: `String`.
    Text,
    /// Binary media types: `Vec<u8>`.
    Bytes,
    /// JSON (or form, multipart) without a schema: `serde_json::Value`.
    Json,
}

/// A declared response of an operation.
#[derive(Debug, Clone)]
pub struct ResponseInfo {
    /// `200`, `2XX`, `default`, ...
    pub status: String,
    /// The media type of the body the alias follows (`None`: no body).
    pub media: Option<String>,
    /// The alias naming its body (`Response200`, `Response4xx`, `ResponseDefault`).
    pub alias: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// The JSON Schema of this type, `$ref`s still pointing into the spec.
    pub schema: Value,
    pub kind: Kind,
    /// The rules of the type's schema, checked by its `Validate` impl.
    pub checks: Checks,
    /// An alias that is a root (standalone schema, request, response, callback): emitted as a
    /// newtype `pub struct Name(pub T)` so it has `from_json`, `validate()` and its rules.
    pub newtype: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub enum Kind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    Alias(Ty),
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub extra: Extra,
    /// A tagged union whose keys live in this object beside the fields.
    pub union: Option<FlatUnion>,
}

/// What happens to keys that are not fields.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Extra {
    /// `additionalProperties: false`: an unknown key is an error.
    Deny,
    /// Kept in `extra: BTreeMap<String, T>`.
    Keep(Ty),
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FlatUnion {
    /// Rust field name holding the union.
    pub rust: String,
    /// The union enum's type name.
    pub ty: String,
    /// Index among `fields` before which the union's keys are written.
    pub position: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
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

/// The longest tuple emitted as a Rust tuple: std implements `Debug`, `PartialEq` and `Clone`
/// up to 12 items (serde up to 16). A longer `prefixItems` tuple is a named type,
/// `Kind::Alias(Ty::Tuple(..))`, which the emitter writes as a tuple struct.
pub const MAX_TUPLE: usize = 12;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Ty {
    String,
    Bool,
    F64,
    Int(IntTy),
    Named(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    /// `anyOf` of an array of arrays of T and an array of T: `runtime::Rows<T>`, a list of rows
    /// or a flat list, kept in the form given.
    Rows(Box<Ty>),
    /// Any JSON value.
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum IntTy {
    I32,
    I64,
    U32,
    U64,
}

/// A literal tag or enum value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Lit {
    Str(String),
    Int(i64),
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Enum {
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct EnumValue {
    pub rust: String,
    pub wire: Lit,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Union {
    pub tag: String,
    pub variants: Vec<Variant>,
    /// Keys that belong to no variant are an error.
    pub strict: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Variant {
    pub rust: String,
    pub doc: Option<String>,
    pub tag: Lit,
    pub payload: Payload,
    /// Rules on a single-key payload (a struct payload validates itself).
    pub checks: Checks,
    /// The variant's schema has `additionalProperties: false`: with this tag, a key outside
    /// the variant's properties (another variant's, or none's) is refused.
    pub deny_unknown: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
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
    /// Every security requirement (alternatives), each a list of (scheme, scopes).
    pub security: Vec<Vec<(crate::read::SecurityScheme, Vec<String>)>>,
    /// Where the operation comes from: `path`, `webhook` or `callback`.
    pub kind: crate::read::OperationKind,
    /// The request body's media type, when there is a body.
    pub request_media: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone)]
pub struct ErrorCodeField {
    /// The response struct.
    pub ty: String,
    /// Its field holding the code.
    pub rust: String,
    pub wire: String,
    pub required: bool,
}

#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub code: i64,
    pub rust: String,
    pub description: String,
    pub retry: bool,
}

impl Module {
    /// The type named `name`.
    pub fn typedef(&self, name: &str) -> Option<&TypeDef> {
        self.index.get(name).and_then(|i| self.types.get(*i))
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

/// Rules on one value; all must hold.
pub type Checks = Vec<Check>;

/// One rule, compiled from a schema keyword, on a value whose Rust type the context knows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Check {
    /// `minimum` and friends on a number.
    Num {
        op: NumOp,
        limit: f64,
    },
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    Format(&'static str),
    JsonString,
    MaxBytes(u64),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    /// `contains`: items passing `cond` number between `min` and `max`.
    Contains {
        item: Ty,
        cond: Checks,
        min: u64,
        max: Option<u64>,
    },
    Const(Value),
    Enum(Vec<Value>),
    /// `x-sequence` on an array of structs.
    Sequence {
        item: Ty,
        access: Access,
        wire: String,
        start: i64,
    },
    /// Rules on every item.
    Items {
        item: Ty,
        checks: Checks,
    },
    /// Rules on the tuple item `index`.
    Prefix {
        index: usize,
        item: Ty,
        checks: Checks,
    },
    /// Rules on every value of a map.
    Values {
        item: Ty,
        checks: Checks,
    },
    /// The value's named type checks its own rules.
    Nested,
    /// A number is not NaN or infinite (JSON has no such number): on every `f64`.
    Finite,
    /// The value (an object of a recursive type, or one holding untyped JSON when `untyped`)
    /// nests no deeper than the runtime's `MAX_DEPTH`; first of its type's checks, since past
    /// the limit nothing else is checked.
    Depth {
        untyped: bool,
    },
    /// The struct's flattened union checks its own rules (same path).
    Flat {
        field: String,
    },
    /// Rules on an object's property.
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
    /// `additionalProperties: false` on an object that keeps unknown keys.
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
    /// Decided at generation time (e.g. `type` on a typed value).
    Static(bool),
    /// `type` on an untyped value.
    TypeIs(Vec<&'static str>),
    /// The whole schema at `pointer` (in the spec document), run by the schema validator on the
    /// value as JSON: the positions the typed lowering does not decide exactly.
    Schema {
        pointer: String,
    },
    /// `x-severity: "warning"`: the rules inside report warnings, never errors, and always pass
    /// as a condition.
    Warn(Checks),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum NumOp {
    Min,
    Max,
    ExclusiveMin,
    ExclusiveMax,
    MultipleOf,
}

/// How to reach a property of an object value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Access {
    /// A struct field.
    Field { rust: String, required: bool, nullable: bool, boxed: bool, secret: bool },
    /// A key kept in the struct's `extra` map.
    Extra,
    /// The tag of a union: the value itself (`None`) or its flattened field.
    Tag { field: Option<String> },
    /// A key the value never has.
    Absent,
    /// A key the enclosing structure owns and checks (a union's keys seen from its parent, the
    /// parent's keys seen from a variant): present as far as this value is concerned.
    Elsewhere,
}

/// What a value of a Rust type is, as far as rules care.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Str,
    Int(IntTy),
    Float,
    Bool,
    /// A generated enum; `int` when its wire values are integers.
    Enum {
        int: bool,
    },
    Struct(String),
    Union(String),
    Vec(Ty),
    Map(Ty),
    Tuple(Vec<Ty>),
    /// `runtime::Rows` of the item type.
    Rows(Ty),
    Any,
}

/// The shape of `ty`, looking named types up with `lookup` (aliases resolved).
pub fn shape_of<'t>(lookup: &dyn Fn(&str) -> Option<&'t TypeDef>, ty: &Ty) -> Shape {
    shape_within(lookup, ty, 0)
}

fn shape_within<'t>(lookup: &dyn Fn(&str) -> Option<&'t TypeDef>, ty: &Ty, depth: usize) -> Shape {
    // Alias chains are short; a cycle (an error the spec reader reports) stops here.
    if depth > 32 {
        return Shape::Any;
    }
    match ty {
        Ty::String => Shape::Str,
        Ty::Bool => Shape::Bool,
        Ty::F64 => Shape::Float,
        Ty::Int(i) => Shape::Int(*i),
        Ty::Vec(t) => Shape::Vec((**t).clone()),
        Ty::Map(t) => Shape::Map((**t).clone()),
        Ty::Tuple(ts) => Shape::Tuple(ts.clone()),
        Ty::Rows(t) => Shape::Rows((**t).clone()),
        Ty::Any => Shape::Any,
        Ty::Named(n) => match lookup(n).map(|t| &t.kind) {
            Some(Kind::Struct(_)) => Shape::Struct(n.clone()),
            Some(Kind::Union(_)) => Shape::Union(n.clone()),
            Some(Kind::Enum(e)) => Shape::Enum { int: e.values.iter().any(|v| matches!(v.wire, Lit::Int(_))) },
            Some(Kind::Alias(t)) => shape_within(lookup, t, depth + 1),
            None => Shape::Any,
        },
    }
}

/// The named types `ty` mentions (through arrays, maps, tuples), and whether it holds untyped
/// JSON (`Any`).
fn ty_refs(ty: &Ty, out: &mut Vec<String>) -> bool {
    match ty {
        Ty::Named(n) => {
            out.push(n.clone());
            false
        }
        Ty::Vec(t) | Ty::Map(t) => ty_refs(t, out),
        Ty::Tuple(ts) => ts.iter().fold(false, |any, t| ty_refs(t, out) | any),
        Ty::Any => true,
        _ => false,
    }
}

/// The named types a type holds, by value or through arrays and maps, and whether it holds
/// untyped JSON directly.
pub fn type_refs(t: &TypeDef) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut any = false;
    match &t.kind {
        Kind::Struct(s) => {
            for f in &s.fields {
                any |= ty_refs(&f.ty, &mut out);
            }
            if let Some(u) = &s.union {
                out.push(u.ty.clone());
            }
            if let Extra::Keep(ty) = &s.extra {
                any |= ty_refs(ty, &mut out);
            }
        }
        Kind::Union(u) => {
            for v in &u.variants {
                match &v.payload {
                    Payload::Single { ty, .. } => any |= ty_refs(ty, &mut out),
                    Payload::Struct(n) => out.push(n.clone()),
                    Payload::Unit => {}
                }
            }
        }
        Kind::Alias(ty) => any |= ty_refs(ty, &mut out),
        Kind::Enum(_) => {}
    }
    (out, any)
}

/// The types that can contain themselves (through any chain of fields, arrays, maps and union
/// payloads): a value of one can be nested without bound, so its impls guard their depth.
pub fn recursive_types(types: &[TypeDef]) -> std::collections::BTreeSet<String> {
    use std::collections::{BTreeMap, BTreeSet};
    let edges: BTreeMap<&str, Vec<String>> = types.iter().map(|t| (t.name.as_str(), type_refs(t).0)).collect();
    let mut out = BTreeSet::new();
    for t in types {
        // Whether `t` reaches itself: a walk from its successors.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<&str> = edges[t.name.as_str()].iter().map(String::as_str).collect();
        while let Some(n) = stack.pop() {
            if n == t.name {
                out.insert(t.name.clone());
                break;
            }
            if seen.insert(n) {
                if let Some(next) = edges.get(n) {
                    stack.extend(next.iter().map(String::as_str));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The features a spec needs, found at their keyword: schema positions only, never data.
    #[test]
    fn needs_finds_the_keywords_that_need_a_feature() {
        let doc = json!({"components": {"schemas": {
            "Plain": {"type": "string", "pattern": "^[\\x20-\\x7e]*$", "format": "email"},
            "Id": {"type": "string", "pattern": "^ep_[A-Za-z0-9]{27}$"},
            "Data": {"const": {"pattern": "(?=x)", "format": "uri"}, "examples": [{"pattern": "\\1"}]},
            "Names": {"properties": {"pattern": {"type": "string"}, "format": {"type": "string"}}},
        }}});
        assert_eq!(needs(&doc), Needs::default());
        let doc = json!({"components": {"schemas": {
            "Code": {"type": "string", "pattern": "^[A-Z]{2}-\\d+$"},
            "Id": {"type": "string", "pattern": "^(?!ep_)[a-z]+$"},
            "Link": {"type": "object", "properties": {"url": {"type": "string", "format": "https-uri"}}},
            "Map": {"patternProperties": {"^\\p{L}+$": true}},
        }}});
        assert_eq!(
            needs(&doc),
            Needs {
                regex: Some("/components/schemas/Code/pattern".into()),
                full_regex: Some("/components/schemas/Id/pattern".into()),
                uri: Some("/components/schemas/Link/properties/url/format".into()),
                schema: None,
            }
        );
        let doc = json!({"patternProperties": {"^a$": true, "[\\D]": true}});
        assert_eq!(needs(&doc).full_regex.as_deref(), Some("/patternProperties"));
    }
}
