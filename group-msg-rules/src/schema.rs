//! A compiled JSON Schema 2020-12 validator over `serde_json::Value`.
//!
//! [`Validator::compile`] turns the schema at a JSON pointer of a document into a flat tree of
//! subschemas: every `$ref` is resolved once to an index (any JSON pointer of the document,
//! `$anchor`s and `$id`-relative references), every `pattern` is compiled once. Evaluation is then
//! exact on the whole 2020-12 applicator and validation vocabularies, the `format`s of
//! [`crate::format_ok`] and our `x-max-bytes`, `x-json-string` and `x-sequence` extensions, and
//! bounded on hostile input:
//!
//! - instances nested deeper than [`MAX_INSTANCE_DEPTH`] levels (counted where a schema looks into
//!   them) and evaluations nested deeper than [`MAX_EVAL_DEPTH`] subschemas are a [`Problem`]
//!   (keyword `"depth"`), never a stack overflow;
//! - a `$ref` cycle through in-place applicators only (`{"$ref": "#"}`, `{"allOf": [{"$ref":
//!   "#"}]}`), which would evaluate forever without moving into the instance, is a [`SchemaError`];
//! - `uniqueItems` hashes and sorts (not quadratic); equality, hashing and `x-max-bytes` counting
//!   do not recurse without bound;
//! - [`Validator::validate`] reports at most [`MAX_PROBLEMS`] problems.
//!
//! What is refused (a [`SchemaError`] with its pointer): a `$ref` outside the document (a remote
//! URL), `$dynamicRef`/`$recursiveRef`, a keyword whose value has the wrong shape, a `pattern`
//! that is not a regular expression (look-around and back-references are run by
//! [`crate::pattern`]'s backtracking engine, whose step limit makes a string that reaches it
//! invalid, with a problem saying so).
//! Every other keyword (`title`, `description`, `default`, `examples`, `deprecated`, `readOnly`,
//! `writeOnly`, `discriminator`, `$comment`, other `x-` extensions, unknown formats, ...) is an
//! annotation.
//!
//! ```
//! use group_msg_rules::schema::Validator;
//! use serde_json::json;
//!
//! let doc = json!({
//!     "$defs": {"name": {"type": "string", "minLength": 2}},
//!     "type": "array",
//!     "items": {"$ref": "#/$defs/name"},
//! });
//! let v = Validator::compile(&doc, "").unwrap();
//! assert!(v.is_valid(&json!(["ab", "cd"])));
//! let mut problems = Vec::new();
//! v.validate(&json!(["ab", "c"]), &mut problems);
//! assert_eq!(problems.len(), 1);
//! assert_eq!(problems[0].instance, "/1");
//! assert_eq!(problems[0].keyword, "minLength");
//! assert_eq!(problems[0].schema, "/$defs/name/minLength");
//! assert_eq!(problems[0].message, "must have at least 2 characters, found 1");
//! ```

use crate::pattern::Pattern as Regex;
use crate::{char_len, format_ok, is_multiple, json_error, number_text};
use serde_json::{Map, Number, Value};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasher, Hash, Hasher};

/// Instances nested deeper than this (where a schema looks into them) are a [`Problem`].
pub const MAX_INSTANCE_DEPTH: usize = 128;
/// Subschema evaluations nested deeper than this are a [`Problem`].
pub const MAX_EVAL_DEPTH: usize = 512;
/// [`Validator::validate`] reports at most this many problems.
pub const MAX_PROBLEMS: usize = 1000;
/// The base URI of a document without a root `$id` (the one the `jsonschema` crate uses).
const DEFAULT_BASE: &str = "json-schema:///";

/// A schema compiled once: subschemas in a flat tree, `$ref`s resolved to indices, regexes
/// compiled once.
#[derive(Debug, Clone)]
pub struct Validator {
    nodes: Vec<Node>,
    root: Id,
}

/// A problem in the schema itself, at its JSON pointer in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// JSON pointer (RFC 6901) of the offending schema or keyword in the document.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}: {}", self.pointer, self.message)
    }
}

/// One way an instance breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer of the offending value (RFC 6901, escaped).
    pub instance: String,
    /// The keyword that fails (`minLength`, `required`, `x-max-bytes`, ...; `false` for a false
    /// schema, `depth` for the nesting bounds).
    pub keyword: &'static str,
    /// JSON pointer of the keyword in the document.
    pub schema: String,
    /// What is wrong, worded like the run-time rules: `must have at least 2 characters, found 1`.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.instance.is_empty() { "the value" } else { &self.instance };
        write!(f, "{at}: {} (schema #{})", self.message, self.schema)
    }
}

type Id = u32;

#[derive(Debug, Clone)]
enum Node {
    Bool {
        value: bool,
        ptr: String,
    },
    Schema(Box<Schema>),
    /// Not compiled yet (only while compiling).
    Pending,
}

const T_NULL: u8 = 1;
const T_BOOL: u8 = 2;
const T_OBJECT: u8 = 4;
const T_ARRAY: u8 = 8;
const T_NUMBER: u8 = 16;
const T_STRING: u8 = 32;
const T_INTEGER: u8 = 64;

#[derive(Debug, Clone, Default)]
struct Schema {
    ptr: String,
    types: Option<u8>,
    enum_: Option<Vec<Value>>,
    const_: Option<Value>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    exclusive_minimum: Option<Number>,
    exclusive_maximum: Option<Number>,
    multiple_of: Option<Number>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<(Regex, String)>,
    format: Option<String>,
    json_string: bool,
    max_bytes: Option<u64>,
    prefix_items: Vec<Id>,
    items: Option<Id>,
    contains: Option<Id>,
    min_contains: Option<u64>,
    max_contains: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique_items: bool,
    unevaluated_items: Option<Id>,
    sequence: Option<(String, i64)>,
    /// Sorted by (length, key): a lookup compares lengths before bytes. The flag: the key is
    /// also `required`.
    properties: Vec<(String, Id, bool)>,
    /// How many `required` keys are among `properties`.
    required_in_properties: usize,
    pattern_properties: Vec<(Regex, Id)>,
    additional_properties: Option<Id>,
    property_names: Option<Id>,
    required: Vec<String>,
    dependent_required: Vec<(String, Vec<String>)>,
    dependent_schemas: Vec<(String, Id)>,
    min_properties: Option<u64>,
    max_properties: Option<u64>,
    unevaluated_properties: Option<Id>,
    all_of: Vec<Id>,
    any_of: Vec<Id>,
    one_of: Vec<Id>,
    not: Option<Id>,
    if_: Option<Id>,
    then: Option<Id>,
    else_: Option<Id>,
    ref_: Option<Id>,
    /// `discriminator.propertyName` (an annotation; reporting picks a union's branch by it).
    discriminator: Option<String>,
}

impl Schema {
    fn property(&self, key: &str) -> Option<(Id, bool)> {
        self.properties
            .binary_search_by(|(k, _, _)| (k.len(), k.as_str()).cmp(&(key.len(), key)))
            .ok()
            .map(|i| (self.properties[i].1, self.properties[i].2))
    }
    /// The subschemas applied to the same instance (the edges of a `$ref` cycle).
    fn in_place(&self) -> impl Iterator<Item = Id> + '_ {
        self.all_of
            .iter()
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(self.dependent_schemas.iter().map(|(_, id)| id))
            .chain(self.not.iter())
            .chain(self.if_.iter())
            .chain(self.then.iter())
            .chain(self.else_.iter())
            .chain(self.ref_.iter())
            .copied()
    }
}

// ---------------------------------------------------------------------------------------------
// Compiling

struct Compiler<'d> {
    doc: &'d Value,
    nodes: Vec<Node>,
    by_ptr: HashMap<String, Id>,
    queue: Vec<(Id, String, String)>,
    errors: Vec<SchemaError>,
    /// Absolute URI (no fragment) of each `$id` -> its pointer.
    resources: HashMap<String, String>,
    /// Absolute URI `#` anchor -> its pointer.
    anchors: HashMap<String, String>,
    root_base: String,
}

impl Validator {
    /// Compiles the schema at `pointer` (`""` = root) inside `document`; `$ref`s resolve against
    /// the document.
    pub fn compile(document: &Value, pointer: &str) -> Result<Validator, Vec<SchemaError>> {
        let root_base = match document.get("$id").and_then(Value::as_str) {
            Some(id) => strip_fragment(&resolve(DEFAULT_BASE, id)).to_owned(),
            None => DEFAULT_BASE.to_owned(),
        };
        let mut c = Compiler {
            doc: document,
            nodes: Vec::new(),
            by_ptr: HashMap::new(),
            queue: Vec::new(),
            errors: Vec::new(),
            resources: HashMap::new(),
            anchors: HashMap::new(),
            root_base,
        };
        c.index();
        if document.pointer(pointer).is_none() {
            return Err(vec![SchemaError { pointer: pointer.to_owned(), message: "no schema at this pointer".into() }]);
        }
        let base = c.base_at(pointer);
        let root = c.node(pointer, base);
        while let Some((id, ptr, base)) = c.queue.pop() {
            let node = c.compile_node(&ptr, &base);
            c.nodes[id as usize] = node;
        }
        c.check_cycles();
        if c.errors.is_empty() {
            Ok(Validator { nodes: c.nodes, root })
        } else {
            c.errors.sort_by(|a, b| a.pointer.cmp(&b.pointer));
            c.errors.dedup();
            Err(c.errors)
        }
    }
}

impl Compiler<'_> {
    /// Records every `$id` and `$anchor` of the document (iteratively: no recursion on depth).
    fn index(&mut self) {
        let mut stack: Vec<(&Value, String, String)> = vec![(self.doc, String::new(), DEFAULT_BASE.to_owned())];
        while let Some((v, ptr, base)) = stack.pop() {
            match v {
                Value::Object(map) => {
                    let mut base = base;
                    if let Some(id) = map.get("$id").and_then(Value::as_str) {
                        base = strip_fragment(&resolve(&base, id)).to_owned();
                        self.resources.entry(base.clone()).or_insert_with(|| ptr.clone());
                    }
                    for key in ["$anchor", "$dynamicAnchor"] {
                        if let Some(a) = map.get(key).and_then(Value::as_str) {
                            self.anchors.entry(format!("{base}#{a}")).or_insert_with(|| ptr.clone());
                        }
                    }
                    for (k, child) in map {
                        // Values that are data, not schemas.
                        if matches!(k.as_str(), "enum" | "const" | "default" | "examples" | "example") {
                            continue;
                        }
                        stack.push((child, format!("{ptr}/{}", escape(k)), base.clone()));
                    }
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        stack.push((child, format!("{ptr}/{i}"), base.clone()));
                    }
                }
                _ => {}
            }
        }
    }

    /// The base URI in effect at `ptr`: the `$id`s of the objects on the way.
    fn base_at(&self, ptr: &str) -> String {
        let mut base = self.root_base.clone();
        let mut v = self.doc;
        if ptr.is_empty() {
            return base;
        }
        for token in ptr.split('/').skip(1) {
            let token = unescape(token);
            let next = match v {
                Value::Object(m) => m.get(&token),
                Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            let Some(next) = next else { break };
            v = next;
            if let Some(id) = v.get("$id").and_then(Value::as_str) {
                base = strip_fragment(&resolve(&base, id)).to_owned();
            }
        }
        base
    }

    /// The node of the schema at `ptr`, compiled later if new.
    fn node(&mut self, ptr: &str, base: String) -> Id {
        if let Some(&id) = self.by_ptr.get(ptr) {
            return id;
        }
        let id = self.nodes.len() as Id;
        self.nodes.push(Node::Pending);
        self.by_ptr.insert(ptr.to_owned(), id);
        self.queue.push((id, ptr.to_owned(), base));
        id
    }

    fn err(&mut self, pointer: String, message: impl Into<String>) {
        self.errors.push(SchemaError { pointer, message: message.into() });
    }

    fn compile_node(&mut self, ptr: &str, base: &str) -> Node {
        let value = self.doc.pointer(ptr).unwrap_or(&Value::Null);
        let map = match value {
            Value::Bool(b) => return Node::Bool { value: *b, ptr: ptr.to_owned() },
            // `x-severity: "warning"` (group-msg's extension): the rules inside only warn, so as
            // a verdict the schema accepts every value, like `true`.
            Value::Object(m) if m.get("x-severity").and_then(Value::as_str) == Some("warning") => {
                return Node::Bool { value: true, ptr: ptr.to_owned() };
            }
            Value::Object(m) => m,
            _ => {
                self.err(ptr.to_owned(), "a schema must be an object or a boolean");
                return Node::Bool { value: false, ptr: ptr.to_owned() };
            }
        };
        let base = match map.get("$id") {
            Some(Value::String(id)) => strip_fragment(&resolve(base, id)).to_owned(),
            Some(_) => {
                self.err(format!("{ptr}/$id"), "`$id` must be a string");
                base.to_owned()
            }
            None => base.to_owned(),
        };
        let mut s = Schema { ptr: ptr.to_owned(), ..Schema::default() };
        for (key, v) in map {
            let kp = format!("{ptr}/{}", escape(key));
            match key.as_str() {
                "type" => s.types = self.types(v, &kp),
                "enum" => match v {
                    Value::Array(a) => s.enum_ = Some(a.clone()),
                    _ => self.err(kp, "`enum` must be an array"),
                },
                "const" => s.const_ = Some(v.clone()),
                "minimum" => s.minimum = self.number(v, &kp),
                "maximum" => s.maximum = self.number(v, &kp),
                "exclusiveMinimum" => s.exclusive_minimum = self.number(v, &kp),
                "exclusiveMaximum" => s.exclusive_maximum = self.number(v, &kp),
                "multipleOf" => {
                    s.multiple_of = self.number(v, &kp);
                    if s.multiple_of.as_ref().is_some_and(|n| n.as_f64().is_none_or(|f| f <= 0.0)) {
                        self.err(kp, "`multipleOf` must be greater than 0");
                        s.multiple_of = None;
                    }
                }
                "minLength" => s.min_length = self.count(v, &kp),
                "maxLength" => s.max_length = self.count(v, &kp),
                "minItems" => s.min_items = self.count(v, &kp),
                "maxItems" => s.max_items = self.count(v, &kp),
                "minContains" => s.min_contains = self.count(v, &kp),
                "maxContains" => s.max_contains = self.count(v, &kp),
                "minProperties" => s.min_properties = self.count(v, &kp),
                "maxProperties" => s.max_properties = self.count(v, &kp),
                "x-max-bytes" => s.max_bytes = self.count(v, &kp),
                "pattern" => match v {
                    Value::String(p) => s.pattern = self.regex(p, &kp).map(|r| (r, p.clone())),
                    _ => self.err(kp, "`pattern` must be a string"),
                },
                "format" => match v {
                    Value::String(f) => {
                        if matches!(f.as_str(), "uri" | "https-uri" | "date-time" | "email") {
                            s.format = Some(f.clone());
                        }
                    }
                    _ => self.err(kp, "`format` must be a string"),
                },
                "x-json-string" => match v {
                    Value::Bool(b) => s.json_string = *b,
                    _ => self.err(kp, "`x-json-string` must be a boolean"),
                },
                "x-sequence" => {
                    let property = v.get("property").and_then(Value::as_str);
                    let start = v.get("start").and_then(|n| n.as_i64().or_else(|| integral_f64(n)));
                    match (property, start) {
                        (Some(p), Some(n)) => s.sequence = Some((p.to_owned(), n)),
                        _ => self.err(kp, "`x-sequence` must be {\"property\": a string, \"start\": an integer}"),
                    }
                }
                "uniqueItems" => match v {
                    Value::Bool(b) => s.unique_items = *b,
                    _ => self.err(kp, "`uniqueItems` must be a boolean"),
                },
                "required" => s.required = self.strings(v, &kp),
                "dependentRequired" => match v {
                    Value::Object(m) => {
                        for (k, reqs) in m {
                            let list = self.strings(reqs, &format!("{kp}/{}", escape(k)));
                            s.dependent_required.push((k.clone(), list));
                        }
                    }
                    _ => self.err(kp, "`dependentRequired` must be an object"),
                },
                "items" => s.items = self.sub(v, &kp, &base),
                "contains" => s.contains = self.sub(v, &kp, &base),
                "additionalProperties" => s.additional_properties = self.sub(v, &kp, &base),
                "propertyNames" => s.property_names = self.sub(v, &kp, &base),
                "unevaluatedItems" => s.unevaluated_items = self.sub(v, &kp, &base),
                "unevaluatedProperties" => s.unevaluated_properties = self.sub(v, &kp, &base),
                "not" => s.not = self.sub(v, &kp, &base),
                "if" => s.if_ = self.sub(v, &kp, &base),
                "then" => s.then = self.sub(v, &kp, &base),
                "else" => s.else_ = self.sub(v, &kp, &base),
                "prefixItems" => s.prefix_items = self.subs(v, &kp, &base),
                "allOf" => s.all_of = self.subs(v, &kp, &base),
                "anyOf" => s.any_of = self.subs(v, &kp, &base),
                "oneOf" => s.one_of = self.subs(v, &kp, &base),
                "discriminator" => s.discriminator = v.get("propertyName").and_then(Value::as_str).map(str::to_owned),
                "properties" => {
                    s.properties = self.sub_map(v, &kp, &base).into_iter().map(|(k, id)| (k, id, false)).collect();
                    s.properties.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
                }
                "dependentSchemas" => s.dependent_schemas = self.sub_map(v, &kp, &base),
                "patternProperties" => {
                    for (p, id) in self.sub_map(v, &kp, &base) {
                        if let Some(re) = self.regex(&p, &format!("{kp}/{}", escape(&p))) {
                            s.pattern_properties.push((re, id));
                        }
                    }
                }
                "$ref" => match v {
                    Value::String(r) => s.ref_ = self.reference(r, &base, &kp),
                    _ => self.err(kp, "`$ref` must be a string"),
                },
                "$dynamicRef" | "$recursiveRef" => {
                    self.err(kp, format!("`{key}` is not supported (dynamic scopes have no fixed meaning here)"))
                }
                "$anchor" | "$dynamicAnchor" if !v.as_str().is_some_and(anchor_name) => self
                    .err(kp, format!("`{key}` must be a name (a letter or `_`, then letters, digits, `-`, `_`, `.`)")),
                _ => {} // annotations: title, description, $defs (compiled when referenced), x-*, ...
            }
        }
        s.required.sort();
        s.required.dedup();
        for (key, _, required) in &mut s.properties {
            *required = s.required.binary_search(key).is_ok();
        }
        s.required_in_properties = s.properties.iter().filter(|p| p.2).count();
        Node::Schema(Box::new(s))
    }

    fn types(&mut self, v: &Value, kp: &str) -> Option<u8> {
        let one = |t: &str| match t {
            "null" => Some(T_NULL),
            "boolean" => Some(T_BOOL),
            "object" => Some(T_OBJECT),
            "array" => Some(T_ARRAY),
            "number" => Some(T_NUMBER),
            "string" => Some(T_STRING),
            "integer" => Some(T_INTEGER),
            _ => None,
        };
        let mut mask = 0;
        let list: Vec<&Value> = match v {
            Value::Array(a) if !a.is_empty() => a.iter().collect(),
            Value::String(_) => vec![v],
            _ => {
                self.err(kp.to_owned(), "`type` must be a type name or a non-empty list of them");
                return None;
            }
        };
        for t in list {
            match t.as_str().and_then(one) {
                Some(bit) => mask |= bit,
                None => {
                    self.err(kp.to_owned(), format!("unknown type {t}"));
                    return None;
                }
            }
        }
        Some(mask)
    }

    fn number(&mut self, v: &Value, kp: &str) -> Option<Number> {
        match v {
            Value::Number(n) => Some(n.clone()),
            _ => {
                self.err(kp.to_owned(), "must be a number");
                None
            }
        }
    }

    /// A non-negative integer (`2` or `2.0`).
    fn count(&mut self, v: &Value, kp: &str) -> Option<u64> {
        let n = v.as_u64().or_else(|| {
            v.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0).map(|f| {
                if f >= u64::MAX as f64 {
                    u64::MAX
                } else {
                    f as u64
                }
            })
        });
        if n.is_none() {
            self.err(kp.to_owned(), "must be a non-negative integer");
        }
        n
    }

    fn strings(&mut self, v: &Value, kp: &str) -> Vec<String> {
        match v.as_array().and_then(|a| a.iter().map(|s| s.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()) {
            Some(list) => list,
            None => {
                self.err(kp.to_owned(), "must be an array of strings");
                Vec::new()
            }
        }
    }

    fn regex(&mut self, p: &str, kp: &str) -> Option<Regex> {
        match Regex::with_size_limit(p, 1 << 22) {
            Ok(re) => Some(re),
            Err(last) => {
                self.err(kp.to_owned(), format!("`{p}` is not a supported regular expression: {last}"));
                None
            }
        }
    }

    fn sub(&mut self, v: &Value, kp: &str, base: &str) -> Option<Id> {
        match v {
            Value::Bool(_) | Value::Object(_) => Some(self.node(kp, base.to_owned())),
            _ => {
                self.err(kp.to_owned(), "must be a schema (an object or a boolean)");
                None
            }
        }
    }

    fn subs(&mut self, v: &Value, kp: &str, base: &str) -> Vec<Id> {
        match v {
            Value::Array(a) if !a.is_empty() => {
                (0..a.len()).filter_map(|i| self.sub(&a[i], &format!("{kp}/{i}"), base)).collect()
            }
            _ => {
                self.err(kp.to_owned(), "must be a non-empty array of schemas");
                Vec::new()
            }
        }
    }

    fn sub_map(&mut self, v: &Value, kp: &str, base: &str) -> Vec<(String, Id)> {
        match v {
            Value::Object(m) => m
                .iter()
                .filter_map(|(k, sv)| self.sub(sv, &format!("{kp}/{}", escape(k)), base).map(|id| (k.clone(), id)))
                .collect(),
            _ => {
                self.err(kp.to_owned(), "must be an object of schemas");
                Vec::new()
            }
        }
    }

    /// Resolves a `$ref` to the node of its target.
    fn reference(&mut self, r: &str, base: &str, kp: &str) -> Option<Id> {
        let target = resolve(base, r);
        let (uri, fragment) = match target.split_once('#') {
            Some((u, f)) => (u, f),
            None => (target.as_str(), ""),
        };
        let resource = if uri == self.root_base { Some(String::new()) } else { self.resources.get(uri).cloned() };
        let Some(resource) = resource else {
            self.err(
                kp.to_owned(),
                format!("`$ref` `{r}` points outside the document (`{uri}`), which is not supported"),
            );
            return None;
        };
        let Some(fragment) = percent_decode(fragment) else {
            self.err(kp.to_owned(), format!("`$ref` `{r}` has a bad percent-encoding"));
            return None;
        };
        let ptr = if fragment.is_empty() {
            resource
        } else if fragment.starts_with('/') {
            format!("{resource}{fragment}")
        } else {
            match self.anchors.get(&format!("{uri}#{fragment}")) {
                Some(p) => p.clone(),
                None => {
                    self.err(kp.to_owned(), format!("`$ref` `{r}`: no `$anchor` `{fragment}` in `{uri}`"));
                    return None;
                }
            }
        };
        // Canonical form of the pointer (so the same schema is one node).
        let ptr = match canonical_pointer(self.doc, &ptr) {
            Some(p) => p,
            None => {
                self.err(kp.to_owned(), format!("`$ref` `{r}` points at nothing (`#{ptr}`)"));
                return None;
            }
        };
        match self.doc.pointer(&ptr) {
            Some(Value::Bool(_) | Value::Object(_)) => {
                let base = self.base_at(&ptr);
                Some(self.node(&ptr, base))
            }
            _ => {
                self.err(kp.to_owned(), format!("`$ref` `{r}` points at `#{ptr}`, which is not a schema"));
                None
            }
        }
    }

    /// A cycle of in-place applicators would evaluate forever without moving into the instance.
    fn check_cycles(&mut self) {
        // 0 = new, 1 = on the stack, 2 = done.
        let n = self.nodes.len();
        let mut state = vec![0u8; n];
        let edges: Vec<Vec<Id>> = self
            .nodes
            .iter()
            .map(|node| match node {
                Node::Schema(s) => s.in_place().collect(),
                _ => Vec::new(),
            })
            .collect();
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&child) = edges[node].get(*next) {
                    *next += 1;
                    let child = child as usize;
                    match state[child] {
                        0 => {
                            state[child] = 1;
                            stack.push((child, 0));
                        }
                        1 => {
                            let from = stack.iter().position(|&(x, _)| x == child).unwrap_or(0);
                            let mut path: Vec<String> =
                                stack[from..].iter().map(|&(x, _)| format!("#{}", ptr_of(&self.nodes[x]))).collect();
                            path.push(format!("#{}", ptr_of(&self.nodes[child])));
                            let message = format!(
                                "a cycle of `$ref`/in-place applicators never moves into the value: {}",
                                path.join(" -> ")
                            );
                            self.errors.push(SchemaError { pointer: ptr_of(&self.nodes[node]).to_owned(), message });
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }
}

/// A plain-name fragment, as `$anchor` takes.
fn anchor_name(a: &str) -> bool {
    a.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && a.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn ptr_of(node: &Node) -> &str {
    match node {
        Node::Bool { ptr, .. } => ptr,
        Node::Schema(s) => &s.ptr,
        Node::Pending => "",
    }
}

fn integral_f64(v: &Value) -> Option<i64> {
    v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18).map(|f| f as i64)
}

/// RFC 6901 escaping of one token.
fn escape(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_owned()
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The pointer as our nodes spell it (array indices without leading zeros), if it points at
/// something.
fn canonical_pointer(doc: &Value, ptr: &str) -> Option<String> {
    if ptr.is_empty() {
        return Some(String::new());
    }
    if !ptr.starts_with('/') {
        return None;
    }
    let mut v = doc;
    let mut out = String::with_capacity(ptr.len());
    for token in ptr.split('/').skip(1) {
        let token = unescape(token);
        match v {
            Value::Object(m) => {
                v = m.get(&token)?;
                out.push('/');
                out.push_str(&escape(&token));
            }
            Value::Array(a) => {
                if token.len() > 1 && token.starts_with('0') {
                    return None;
                }
                let i: usize = token.parse().ok()?;
                v = a.get(i)?;
                let _ = write!(out, "/{i}");
            }
            _ => return None,
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn strip_fragment(uri: &str) -> &str {
    uri.split_once('#').map_or(uri, |(u, _)| u)
}

struct UriParts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn split_uri(u: &str) -> UriParts<'_> {
    let (rest, fragment) = match u.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (u, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (scheme, rest) = match rest.split_once(':') {
        Some((s, r))
            if s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !s.contains('/') =>
        {
            (Some(s), r)
        }
        _ => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(i) => (Some(&after[..i]), &after[i..]),
            None => (Some(after), ""),
        },
        None => (None, rest),
    };
    UriParts { scheme, authority, path, query, fragment }
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > usize::from(absolute) {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// RFC 3986 5.2.2: `reference` resolved against the absolute `base`.
fn resolve(base: &str, reference: &str) -> String {
    let r = split_uri(reference);
    let b = split_uri(base);
    let (scheme, authority, path, query);
    if r.scheme.is_some() {
        scheme = r.scheme;
        authority = r.authority;
        path = remove_dot_segments(r.path);
        query = r.query;
    } else {
        scheme = b.scheme;
        if r.authority.is_some() {
            authority = r.authority;
            path = remove_dot_segments(r.path);
            query = r.query;
        } else {
            authority = b.authority;
            if r.path.is_empty() {
                path = b.path.to_owned();
                query = r.query.or(b.query);
            } else {
                query = r.query;
                if r.path.starts_with('/') {
                    path = remove_dot_segments(r.path);
                } else if b.authority.is_some() && b.path.is_empty() {
                    path = remove_dot_segments(&format!("/{}", r.path));
                } else {
                    let dir = b.path.rfind('/').map_or("", |i| &b.path[..=i]);
                    path = remove_dot_segments(&format!("{dir}{}", r.path));
                }
            }
        }
    }
    let mut out = String::new();
    if let Some(s) = scheme {
        out.push_str(s);
        out.push(':');
    }
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Evaluating

/// Where in the instance: object keys and array indices.
#[derive(Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

struct Cx<'v, 'o> {
    out: Option<&'o mut Vec<Problem>>,
    path: Vec<Seg<'v>>,
    depth: usize,
    inst_depth: usize,
}

impl Cx<'_, '_> {
    fn pointer(&self) -> String {
        let mut p = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    p.push('/');
                    p.push_str(&escape(k));
                }
                Seg::Index(i) => {
                    let _ = write!(p, "/{i}");
                }
            }
        }
        p
    }
    fn collecting(&self) -> bool {
        self.out.is_some()
    }
    fn full(&self) -> bool {
        self.out.as_ref().is_some_and(|o| o.len() >= MAX_PROBLEMS)
    }
    #[cold]
    #[inline(never)]
    fn report(&mut self, keyword: &'static str, schema_ptr: &str, message: String) {
        let instance = self.pointer();
        if let Some(out) = self.out.as_mut() {
            if out.len() < MAX_PROBLEMS {
                let schema = if keyword == "false" { schema_ptr.to_owned() } else { format!("{schema_ptr}/{keyword}") };
                out.push(Problem { instance, keyword, schema, message });
            }
        }
    }
}

/// What in-place subschemas evaluated (for `unevaluated*`): per object key / array index.
#[derive(Default)]
struct Ann {
    props: Vec<bool>,
    items: Vec<bool>,
}

impl Ann {
    fn new(v: &Value) -> Ann {
        match v {
            Value::Object(m) => Ann { props: vec![false; m.len()], items: Vec::new() },
            Value::Array(a) => Ann { props: Vec::new(), items: vec![false; a.len()] },
            _ => Ann::default(),
        }
    }
    fn merge(&mut self, other: &Ann) {
        for (a, b) in self.props.iter_mut().zip(&other.props) {
            *a |= *b;
        }
        for (a, b) in self.items.iter_mut().zip(&other.items) {
            *a |= *b;
        }
    }
}

fn mark_prop(ann: &mut Option<&mut Ann>, i: usize) {
    if let Some(a) = ann.as_deref_mut() {
        if let Some(x) = a.props.get_mut(i) {
            *x = true;
        }
    }
}

fn mark_item(ann: &mut Option<&mut Ann>, i: usize) {
    if let Some(a) = ann.as_deref_mut() {
        if let Some(x) = a.items.get_mut(i) {
            *x = true;
        }
    }
}

/// Fails the current evaluation: reports when collecting, returns at once when not.
macro_rules! fail {
    ($cx:expr, $ok:ident, $kw:expr, $ptr:expr, $msg:expr) => {{
        if !$cx.collecting() {
            return false;
        }
        $ok = false;
        $cx.report($kw, $ptr, $msg);
    }};
}

impl Validator {
    /// Whether `instance` is valid (no allocation on success unless the schema uses
    /// `unevaluated*`, `propertyNames` or `uniqueItems` on long arrays).
    pub fn is_valid(&self, instance: &Value) -> bool {
        let mut cx = Cx { out: None, path: Vec::new(), depth: 0, inst_depth: 0 };
        self.eval(self.root, instance, &mut cx, None)
    }

    /// Every problem of `instance` (at most [`MAX_PROBLEMS`]), appended to `out` in evaluation
    /// order (a schema's own keywords, then its subschemas in place; an object's keys and an
    /// array's items in instance order). A failing `anyOf`/`oneOf`/`not`/`contains`/
    /// `propertyNames` is one problem at the value (not its branches' problems); `allOf`, `$ref`,
    /// `then`/`else` and `dependentSchemas` report their subschemas' problems. A key that
    /// `additionalProperties: false` or `unevaluatedProperties: false` refuses is reported at its
    /// object (message `` `key` is not allowed ``), as the run-time shape errors are; an item that
    /// `unevaluatedItems: false` refuses, at its array.
    pub fn validate(&self, instance: &Value, out: &mut Vec<Problem>) {
        let mut cx = Cx { out: Some(out), path: Vec::new(), depth: 0, inst_depth: 0 };
        self.eval(self.root, instance, &mut cx, None);
    }

    /// Evaluates node `id` on `v`, which is at depth `cx.inst_depth`; `ann` collects what
    /// in-place keywords evaluated (only when an `unevaluated*` keyword needs it).
    fn eval<'v>(&self, id: Id, v: &'v Value, cx: &mut Cx<'v, '_>, ann: Option<&mut Ann>) -> bool {
        match &self.nodes[id as usize] {
            Node::Bool { value: true, .. } => true,
            Node::Bool { value: false, ptr } => {
                cx.report("false", ptr, "no value is allowed here".into());
                false
            }
            Node::Pending => true,
            Node::Schema(s) => {
                if cx.depth >= MAX_EVAL_DEPTH {
                    cx.report("depth", &s.ptr, format!("evaluation nests deeper than {MAX_EVAL_DEPTH} subschemas"));
                    return false;
                }
                cx.depth += 1;
                let ok = self.eval_schema(s, v, cx, ann);
                cx.depth -= 1;
                ok
            }
        }
    }

    fn is_false(&self, id: Id) -> bool {
        matches!(self.nodes[id as usize], Node::Bool { value: false, .. })
    }

    /// Evaluates `id` on a child of the current value (key or index `seg`).
    fn eval_child<'v>(&self, id: Id, v: &'v Value, seg: Seg<'v>, cx: &mut Cx<'v, '_>) -> bool {
        if let Node::Bool { value: true, .. } = self.nodes[id as usize] {
            return true;
        }
        let collecting = cx.collecting();
        if collecting {
            cx.path.push(seg);
        }
        let ok = if cx.inst_depth >= MAX_INSTANCE_DEPTH {
            cx.report(
                "depth",
                ptr_of(&self.nodes[id as usize]),
                format!("nests deeper than {MAX_INSTANCE_DEPTH} levels"),
            );
            false
        } else {
            cx.inst_depth += 1;
            let ok = self.eval(id, v, cx, None);
            cx.inst_depth -= 1;
            ok
        };
        if collecting {
            cx.path.pop();
        }
        ok
    }

    /// Evaluates without reporting (for `anyOf`, `oneOf`, `not`, `if`, `contains`).
    fn silent<'v>(&self, id: Id, v: &'v Value, cx: &mut Cx<'v, '_>, ann: Option<&mut Ann>) -> bool {
        let saved = cx.out.take();
        let ok = self.eval(id, v, cx, ann);
        cx.out = saved;
        ok
    }

    fn silent_child<'v>(&self, id: Id, v: &'v Value, seg: Seg<'v>, cx: &mut Cx<'v, '_>) -> bool {
        let saved = cx.out.take();
        let ok = self.eval_child(id, v, seg, cx);
        cx.out = saved;
        ok
    }

    fn eval_schema<'v>(&self, s: &Schema, v: &'v Value, cx: &mut Cx<'v, '_>, ann: Option<&mut Ann>) -> bool {
        let unevaluated = match v {
            Value::Object(_) => s.unevaluated_properties,
            Value::Array(_) => s.unevaluated_items,
            _ => None,
        };
        let Some(u) = unevaluated else {
            return self.keywords(s, v, cx, ann);
        };
        // unevaluatedItems / unevaluatedProperties see what the keywords next to them and their
        // in-place subschemas evaluated.
        let mut own = Ann::new(v);
        let mut ok = self.keywords(s, v, cx, Some(&mut own));
        if !ok && !cx.collecting() {
            return false;
        }
        match v {
            Value::Array(a) => {
                for (i, item) in a.iter().enumerate() {
                    if !own.items[i] && self.is_false(u) {
                        ok = false;
                        cx.report("unevaluatedItems", &s.ptr, format!("item {i} is not allowed"));
                        if !cx.collecting() || cx.full() {
                            break;
                        }
                    } else if !own.items[i] && !self.eval_child(u, item, Seg::Index(i), cx) {
                        ok = false;
                        if !cx.collecting() || cx.full() {
                            break;
                        }
                    }
                }
            }
            Value::Object(m) => {
                for (i, (k, val)) in m.iter().enumerate() {
                    if !own.props[i] && self.is_false(u) {
                        ok = false;
                        cx.report("unevaluatedProperties", &s.ptr, format!("`{k}` is not allowed"));
                        if !cx.collecting() || cx.full() {
                            break;
                        }
                    } else if !own.props[i] && !self.eval_child(u, val, Seg::Key(k), cx) {
                        ok = false;
                        if !cx.collecting() || cx.full() {
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
        // Now every key (item) is evaluated, for the caller's own unevaluated* keyword.
        if let Some(caller) = ann {
            caller.props.iter_mut().for_each(|x| *x = true);
            caller.items.iter_mut().for_each(|x| *x = true);
        }
        ok
    }

    /// Every keyword but `unevaluated*`.
    fn keywords<'v>(&self, s: &Schema, v: &'v Value, cx: &mut Cx<'v, '_>, mut ann: Option<&mut Ann>) -> bool {
        let mut ok = true;
        let p = s.ptr.as_str();

        if let Some(t) = s.types {
            if !type_matches(t, v) {
                fail!(cx, ok, "type", p, type_message(s, t, v));
            }
        }
        if let Some(c) = &s.const_ {
            if !json_eq(c, v) {
                fail!(cx, ok, "const", p, format!("must be {}", compact(c)));
            }
        }
        if let Some(e) = &s.enum_ {
            if !e.iter().any(|x| json_eq(x, v)) {
                fail!(cx, ok, "enum", p, one_of_message(e, v));
            }
        }
        if let Some(limit) = s.max_bytes {
            let actual = compact_len(v);
            if actual > limit {
                fail!(cx, ok, "x-max-bytes", p, format!("must be at most {limit} bytes of JSON, found {actual}"));
            }
        }

        let typed = match v {
            Value::Number(n) => self.number(s, n, cx),
            Value::String(st) => self.string(s, st, cx),
            Value::Array(a) => self.array(s, a, cx, ann.as_deref_mut()),
            Value::Object(m) => self.object(s, m, cx, ann.as_deref_mut()),
            _ => true,
        };
        if !typed {
            if !cx.collecting() {
                return false;
            }
            ok = false;
        }

        // In-place applicators.
        if let Some(r) = s.ref_ {
            if !self.eval(r, v, cx, ann.as_deref_mut()) {
                if !cx.collecting() {
                    return false;
                }
                ok = false;
            }
        }
        for &sub in &s.all_of {
            if !self.eval(sub, v, cx, ann.as_deref_mut()) {
                if !cx.collecting() {
                    return false;
                }
                ok = false;
            }
        }
        if !s.any_of.is_empty() {
            let mut any = false;
            for &sub in &s.any_of {
                if let Some(a) = ann.as_deref_mut() {
                    // Every valid branch's annotations count: no short cut.
                    let mut fresh = Ann::new(v);
                    if self.silent(sub, v, cx, Some(&mut fresh)) {
                        any = true;
                        a.merge(&fresh);
                    }
                } else if self.silent(sub, v, cx, None) {
                    any = true;
                    break;
                }
            }
            if !any {
                if cx.collecting() && self.report_union(s, "anyOf", &s.any_of, v, cx) {
                    ok = false;
                } else {
                    fail!(cx, ok, "anyOf", p, "matches none of the allowed schemas".into());
                }
            }
        }
        if !s.one_of.is_empty() {
            let mut matched = 0;
            let mut first: Option<Ann> = None;
            for &sub in &s.one_of {
                let valid = if ann.is_some() {
                    let mut fresh = Ann::new(v);
                    let valid = self.silent(sub, v, cx, Some(&mut fresh));
                    if valid && first.is_none() {
                        first = Some(fresh);
                    }
                    valid
                } else {
                    self.silent(sub, v, cx, None)
                };
                if valid {
                    matched += 1;
                    if matched > 1 && !cx.collecting() {
                        return false;
                    }
                }
            }
            if matched == 1 {
                if let (Some(a), Some(f)) = (ann.as_deref_mut(), &first) {
                    a.merge(f);
                }
            } else if matched == 0 && cx.collecting() && self.report_union(s, "oneOf", &s.one_of, v, cx) {
                ok = false;
            } else {
                fail!(cx, ok, "oneOf", p, format!("must match exactly one schema, matches {matched}"));
            }
        }
        if let Some(n) = s.not {
            if self.silent(n, v, cx, None) {
                fail!(cx, ok, "not", p, "matches a schema it must not match".into());
            }
        }
        if let Some(i) = s.if_.filter(|_| s.then.is_some() || s.else_.is_some() || ann.is_some()) {
            let holds = if let Some(a) = ann.as_deref_mut() {
                let mut fresh = Ann::new(v);
                let holds = self.silent(i, v, cx, Some(&mut fresh));
                if holds {
                    a.merge(&fresh);
                }
                holds
            } else {
                self.silent(i, v, cx, None)
            };
            if let Some(b) = if holds { s.then } else { s.else_ } {
                if !self.eval(b, v, cx, ann.as_deref_mut()) {
                    if !cx.collecting() {
                        return false;
                    }
                    ok = false;
                }
            }
        }
        if let Value::Object(m) = v {
            for (key, sub) in &s.dependent_schemas {
                if m.contains_key(key) && !self.eval(*sub, v, cx, ann.as_deref_mut()) {
                    if !cx.collecting() {
                        return false;
                    }
                    ok = false;
                }
            }
        }
        ok
    }

    #[inline(never)]
    fn number(&self, s: &Schema, n: &Number, cx: &mut Cx<'_, '_>) -> bool {
        let mut ok = true;
        let p = s.ptr.as_str();
        if let Some(l) = &s.minimum {
            if num_cmp(n, l) == Ordering::Less {
                fail!(cx, ok, "minimum", p, format!("must be at least {}, found {}", num_text(l), num_text(n)));
            }
        }
        if let Some(l) = &s.maximum {
            if num_cmp(n, l) == Ordering::Greater {
                fail!(cx, ok, "maximum", p, format!("must be at most {}, found {}", num_text(l), num_text(n)));
            }
        }
        if let Some(l) = &s.exclusive_minimum {
            if num_cmp(n, l) != Ordering::Greater {
                fail!(
                    cx,
                    ok,
                    "exclusiveMinimum",
                    p,
                    format!("must be greater than {}, found {}", num_text(l), num_text(n))
                );
            }
        }
        if let Some(l) = &s.exclusive_maximum {
            if num_cmp(n, l) != Ordering::Less {
                fail!(
                    cx,
                    ok,
                    "exclusiveMaximum",
                    p,
                    format!("must be less than {}, found {}", num_text(l), num_text(n))
                );
            }
        }
        if let Some(d) = &s.multiple_of {
            let multiple = match (as_i128(n), as_i128(d)) {
                (Some(x), Some(y)) if y != 0 => x % y == 0,
                _ => is_multiple(n.as_f64().unwrap_or(0.0), d.as_f64().unwrap_or(1.0)),
            };
            if !multiple {
                fail!(cx, ok, "multipleOf", p, format!("must be a multiple of {}, found {}", num_text(d), num_text(n)));
            }
        }
        ok
    }

    #[inline(never)]
    fn string(&self, s: &Schema, st: &str, cx: &mut Cx<'_, '_>) -> bool {
        let mut ok = true;
        let p = s.ptr.as_str();
        if s.min_length.is_some() || s.max_length.is_some() {
            let len = char_len(st);
            if let Some(l) = s.min_length.filter(|l| len < *l) {
                fail!(cx, ok, "minLength", p, format!("must have at least {l} characters, found {len}"));
            }
            if let Some(l) = s.max_length.filter(|l| len > *l) {
                fail!(cx, ok, "maxLength", p, format!("must have at most {l} characters, found {len}"));
            }
        }
        if let Some((re, src)) = &s.pattern {
            match re.is_match(st) {
                Ok(true) => {}
                Ok(false) => fail!(cx, ok, "pattern", p, format!("must match the pattern `{src}`")),
                Err(limit) => fail!(cx, ok, "pattern", p, format!("`{src}`: {limit}")),
            }
        }
        if let Some(f) = &s.format {
            if !format_ok(st, f) {
                fail!(cx, ok, "format", p, crate::format_message(f));
            }
        }
        if s.json_string {
            if let Some(e) = json_error(st) {
                fail!(cx, ok, "x-json-string", p, format!("must be a JSON string: {e}"));
            }
        }
        ok
    }

    #[inline(never)]
    fn array<'v>(&self, s: &Schema, a: &'v [Value], cx: &mut Cx<'v, '_>, mut ann: Option<&mut Ann>) -> bool {
        let mut ok = true;
        let p = s.ptr.as_str();
        let len = a.len() as u64;
        if let Some(l) = s.min_items.filter(|l| len < *l) {
            fail!(cx, ok, "minItems", p, format!("must have at least {l} items, found {len}"));
        }
        if let Some(l) = s.max_items.filter(|l| len > *l) {
            fail!(cx, ok, "maxItems", p, format!("must have at most {l} items, found {len}"));
        }
        if s.unique_items {
            if let Some((first, duplicate)) = first_duplicate(a) {
                fail!(cx, ok, "uniqueItems", p, format!("items must be unique, item {duplicate} repeats item {first}"));
            }
        }
        for (i, (&sub, item)) in s.prefix_items.iter().zip(a).enumerate() {
            mark_item(&mut ann, i);
            if !self.eval_child(sub, item, Seg::Index(i), cx) {
                if !cx.collecting() {
                    return false;
                }
                ok = false;
            }
        }
        if let Some(sub) = s.items {
            for (i, item) in a.iter().enumerate().skip(s.prefix_items.len()) {
                mark_item(&mut ann, i);
                if !self.eval_child(sub, item, Seg::Index(i), cx) {
                    if !cx.collecting() {
                        return false;
                    }
                    ok = false;
                    if cx.full() {
                        break;
                    }
                }
            }
        }
        if let Some(c) = s.contains {
            let min = s.min_contains.unwrap_or(1);
            // Without annotations to collect or a maximum, enough matches settle it.
            let shortcut = ann.is_none() && s.max_contains.is_none();
            let mut found: u64 = 0;
            let mut at: Vec<usize> = Vec::new();
            for (i, item) in a.iter().enumerate() {
                if self.silent_child(c, item, Seg::Index(i), cx) {
                    found += 1;
                    if cx.collecting() {
                        at.push(i);
                    }
                    mark_item(&mut ann, i);
                    if shortcut && found >= min {
                        break;
                    }
                }
            }
            if found < min {
                let msg = if s.min_contains.is_some() {
                    format!("at least {}, found {found}{}", self.counted(c, min), self.places(cx, &at))
                } else {
                    format!("must contain {}", self.counted(c, 1).trim_start_matches("1 "))
                        .replace("must contain element", "must contain an element")
                        .replace("must contain matching item", "must contain a matching item")
                };
                fail!(cx, ok, if s.min_contains.is_some() { "minContains" } else { "contains" }, p, msg);
            }
            if let Some(max) = s.max_contains.filter(|m| found > *m) {
                let msg = format!("at most {}, found {found}{}", self.counted(c, max), self.places(cx, &at));
                fail!(cx, ok, "maxContains", p, msg);
            }
        }
        if let Some((property, start)) = &s.sequence {
            for (i, item) in a.iter().enumerate() {
                let Some(actual) = item.get(property.as_str()).filter(|n| n.is_number()) else { continue };
                let expected = i64::try_from(i).ok().and_then(|i| start.checked_add(i));
                let matches = match (expected, actual.as_number()) {
                    (Some(e), Some(n)) => num_cmp(n, &Number::from(e)) == Ordering::Equal,
                    _ => false,
                };
                if !matches {
                    let expected = expected.map_or_else(|| format!("{start} + {i}"), |e| e.to_string());
                    let collecting = cx.collecting();
                    if collecting {
                        cx.path.push(Seg::Index(i));
                    }
                    fail!(cx, ok, "x-sequence", p, format!("`{property}` must be {expected}, found {actual}"));
                    if collecting {
                        cx.path.pop();
                    }
                }
            }
        }
        ok
    }

    #[inline(never)]
    fn object<'v>(
        &self,
        s: &Schema,
        m: &'v Map<String, Value>,
        cx: &mut Cx<'v, '_>,
        mut ann: Option<&mut Ann>,
    ) -> bool {
        let mut ok = true;
        let p = s.ptr.as_str();
        let len = m.len() as u64;
        if let Some(l) = s.min_properties.filter(|l| len < *l) {
            fail!(cx, ok, "minProperties", p, format!("must have at least {l} properties, found {len}"));
        }
        if let Some(l) = s.max_properties.filter(|l| len > *l) {
            fail!(cx, ok, "maxProperties", p, format!("must have at most {l} properties, found {len}"));
        }
        // Required keys among `properties` are counted in the loop over the keys below; the
        // others are looked up.
        let per_key = !s.properties.is_empty() || !s.pattern_properties.is_empty() || s.additional_properties.is_some();
        let mut required_seen = 0;
        if !per_key || s.required.len() > s.required_in_properties {
            for key in &s.required {
                if (!per_key || s.property(key).is_none()) && !m.contains_key(key) {
                    fail!(cx, ok, "required", p, format!("`{key}` is required"));
                }
            }
        }
        for (key, needs) in &s.dependent_required {
            if m.contains_key(key) {
                for need in needs {
                    if !m.contains_key(need) {
                        fail!(cx, ok, "dependentRequired", p, format!("`{need}` is required when `{key}` is present"));
                    }
                }
            }
        }
        if let Some(names) = s.property_names {
            for k in m.keys() {
                // A key is a string value of its own (not a location of the instance).
                let key = Value::String(k.clone());
                let mut sub = Cx { out: None, path: Vec::new(), depth: cx.depth, inst_depth: cx.inst_depth };
                if !self.eval(names, &key, &mut sub, None) {
                    fail!(cx, ok, "propertyNames", p, format!("the property name `{k}` does not match its schema"));
                }
            }
        }
        if per_key {
            for (i, (k, val)) in m.iter().enumerate() {
                let mut matched = false;
                if let Some((sub, required)) = s.property(k) {
                    matched = true;
                    required_seen += usize::from(required);
                    mark_prop(&mut ann, i);
                    if !self.eval_child(sub, val, Seg::Key(k), cx) {
                        if !cx.collecting() {
                            return false;
                        }
                        ok = false;
                    }
                }
                for (re, sub) in &s.pattern_properties {
                    let hit = match re.is_match(k) {
                        Ok(hit) => hit,
                        Err(limit) => {
                            // Whether the key's subschema applies is unknown: the key is refused.
                            fail!(
                                cx,
                                ok,
                                "patternProperties",
                                p,
                                format!("the key {}: {limit}", crate::quote_short(k))
                            );
                            continue;
                        }
                    };
                    if hit {
                        matched = true;
                        mark_prop(&mut ann, i);
                        if !self.eval_child(*sub, val, Seg::Key(k), cx) {
                            if !cx.collecting() {
                                return false;
                            }
                            ok = false;
                        }
                    }
                }
                if let (false, Some(sub)) = (matched, s.additional_properties) {
                    mark_prop(&mut ann, i);
                    if self.is_false(sub) {
                        // An unknown key, reported at its object (as the run-time shape errors).
                        fail!(cx, ok, "additionalProperties", p, unknown_key_message(s, k));
                    } else if !self.eval_child(sub, val, Seg::Key(k), cx) {
                        if !cx.collecting() {
                            return false;
                        }
                        ok = false;
                    }
                }
                if cx.full() {
                    break;
                }
            }
            if required_seen < s.required_in_properties {
                for (key, _, required) in &s.properties {
                    if *required && !m.contains_key(key) {
                        fail!(cx, ok, "required", p, format!("`{key}` is required"));
                    }
                }
            }
        }
        ok
    }
}

// ---------------------------------------------------------------------------------------------
// JSON values: types, numbers, equality, hashing, size

fn type_matches(t: u8, v: &Value) -> bool {
    match v {
        Value::Null => t & T_NULL != 0,
        Value::Bool(_) => t & T_BOOL != 0,
        Value::Object(_) => t & T_OBJECT != 0,
        Value::Array(_) => t & T_ARRAY != 0,
        Value::String(_) => t & T_STRING != 0,
        Value::Number(n) => t & T_NUMBER != 0 || (t & T_INTEGER != 0 && is_integer(n)),
    }
}

fn type_names(t: u8) -> String {
    let names: Vec<&str> = [
        (T_STRING, "a string"),
        (T_INTEGER, "an integer"),
        (T_NUMBER, "a number"),
        (T_BOOL, "a boolean"),
        (T_OBJECT, "an object"),
        (T_ARRAY, "an array"),
        (T_NULL, "null"),
    ]
    .iter()
    .filter(|(bit, _)| t & bit != 0)
    .map(|(_, n)| *n)
    .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "nothing".to_owned(),
    }
}

/// A number with no fractional part (`1.0` is an integer in JSON Schema).
fn is_integer(n: &Number) -> bool {
    n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
}

fn as_i128(n: &Number) -> Option<i128> {
    n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
}

/// Exact comparison of two JSON numbers (integers beyond 2^53 are not rounded).
fn num_cmp(a: &Number, b: &Number) -> Ordering {
    match (as_i128(a), as_i128(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(x), None) => int_float_cmp(x, b.as_f64().unwrap_or(0.0)),
        (None, Some(y)) => int_float_cmp(y, a.as_f64().unwrap_or(0.0)).reverse(),
        (None, None) => a.as_f64().unwrap_or(0.0).total_cmp(&b.as_f64().unwrap_or(0.0)),
    }
}

fn int_float_cmp(x: i128, f: f64) -> Ordering {
    // Every i64/u64 is within [-2^63, 2^64), where f64 -> i128 is exact for whole numbers
    // (`u64::MAX as f64` is 2^64, `i64::MIN as f64` is -2^63).
    if f >= u64::MAX as f64 {
        return Ordering::Less;
    }
    if f < i64::MIN as f64 {
        return Ordering::Greater;
    }
    let floor = f.floor();
    match x.cmp(&(floor as i128)) {
        Ordering::Equal if f > floor => Ordering::Less,
        o => o,
    }
}

/// JSON equality as JSON Schema means it: `1` equals `1.0`, objects regardless of key order.
/// Recursive (no allocation) for the first levels, iterative below.
fn json_eq(a: &Value, b: &Value) -> bool {
    json_eq_at(a, b, 0)
}

fn json_eq_at(a: &Value, b: &Value, depth: usize) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y) == Ordering::Equal,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Null, Value::Null) => true,
        _ if depth >= 32 => json_eq_deep(a, b),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq_at(p, q, depth + 1))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| json_eq_at(p, q, depth + 1)))
        }
        _ => false,
    }
}

/// [`json_eq`] with an explicit stack (no recursion on the depth of the values).
fn json_eq_deep(a: &Value, b: &Value) -> bool {
    let mut stack = vec![(a, b)];
    while let Some((a, b)) = stack.pop() {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                if num_cmp(x, y) != Ordering::Equal {
                    return false;
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                stack.extend(x.iter().zip(y));
            }
            (Value::Object(x), Value::Object(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                for (k, xv) in x {
                    match y.get(k) {
                        Some(yv) => stack.push((xv, yv)),
                        None => return false,
                    }
                }
            }
            (Value::String(x), Value::String(y)) => {
                if x != y {
                    return false;
                }
            }
            (Value::Bool(x), Value::Bool(y)) => {
                if x != y {
                    return false;
                }
            }
            (Value::Null, Value::Null) => {}
            _ => return false,
        }
    }
    true
}

/// A hash that agrees with [`json_eq`] (equal values hash equal); below 32 levels only the shape
/// is hashed, which is still consistent.
fn json_hash<H: Hasher>(v: &Value, h: &mut H, depth: usize) {
    match v {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => {
            2u8.hash(h);
            match as_i128(n) {
                Some(i) => i.hash(h),
                None => {
                    let f = n.as_f64().unwrap_or(0.0);
                    if f.fract() == 0.0 && f.abs() < 1.8e19 {
                        (f as i128).hash(h);
                    } else {
                        f.to_bits().hash(h);
                    }
                }
            }
        }
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(a) => {
            (4u8, a.len()).hash(h);
            if depth < 32 {
                for x in a {
                    json_hash(x, h, depth + 1);
                }
            }
        }
        Value::Object(m) => {
            (5u8, m.len()).hash(h);
            if depth < 32 {
                // Key order does not matter: a commutative sum of the entries' hashes.
                let mut sum: u64 = 0;
                for (k, x) in m {
                    let mut eh = std::collections::hash_map::DefaultHasher::new();
                    k.hash(&mut eh);
                    json_hash(x, &mut eh, depth + 1);
                    sum = sum.wrapping_add(eh.finish());
                }
                sum.hash(h);
            }
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many item comparisons `uniqueItems` made (to count, not time, its complexity).
    static COMPARISONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Two items of a `uniqueItems` array are equal.
fn same_item(a: &Value, b: &Value) -> bool {
    #[cfg(test)]
    COMPARISONS.with(|c| c.set(c.get() + 1));
    json_eq(a, b)
}

/// The first item (by the index of its repeat) that repeats an earlier one.
fn first_duplicate(a: &[Value]) -> Option<(usize, usize)> {
    if a.len() <= 8 {
        for j in 1..a.len() {
            for i in 0..j {
                if same_item(&a[i], &a[j]) {
                    return Some((i, j));
                }
            }
        }
        return None;
    }
    let state = std::collections::hash_map::RandomState::new();
    let mut keyed: Vec<(u64, usize)> = a
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut h = state.build_hasher();
            json_hash(x, &mut h, 0);
            (h.finish(), i)
        })
        .collect();
    keyed.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    while start < keyed.len() {
        let mut end = start + 1;
        while end < keyed.len() && keyed[end].0 == keyed[start].0 {
            end += 1;
        }
        // Within a run of equal hashes (sorted by index), the earliest repeat of each item.
        let run = &keyed[start..end];
        for b in 1..run.len() {
            if let Some(a_idx) = run[..b].iter().find(|(_, i)| same_item(&a[*i], &a[run[b].1])) {
                let pair = (a_idx.1, run[b].1);
                if best.is_none_or(|(_, j)| pair.1 < j) {
                    best = Some(pair);
                }
                break;
            }
        }
        start = end;
    }
    best
}

/// Compact JSON of a value for messages (long values cut).
fn compact(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 80 {
        let mut cut = 77;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &s[..cut])
    } else {
        s
    }
}

/// UTF-8 bytes of the compact JSON of `v` (`x-max-bytes`), counted without building it:
/// recursively (no allocation) for the first levels, iteratively below.
fn compact_len(v: &Value) -> u64 {
    compact_len_at(v, 0)
}

fn compact_len_at(v: &Value, depth: usize) -> u64 {
    match v {
        _ if depth >= 32 => compact_len_deep(v),
        Value::Array(a) => {
            2 + a.len().saturating_sub(1) as u64 + a.iter().map(|x| compact_len_at(x, depth + 1)).sum::<u64>()
        }
        Value::Object(m) => {
            2 + m.len().saturating_sub(1) as u64
                + m.iter().map(|(k, x)| string_len(k) + 1 + compact_len_at(x, depth + 1)).sum::<u64>()
        }
        Value::String(s) => string_len(s),
        Value::Null => 4,
        Value::Bool(b) => 4 + u64::from(!b),
        Value::Number(_) => scalar_len(v),
    }
}

/// The JSON of a string: quotes and escapes (as `serde_json` writes them).
fn string_len(s: &str) -> u64 {
    let mut n = 2 + s.len() as u64;
    for b in s.bytes() {
        n += match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0C => 1,
            0..=0x1F => 5,
            _ => 0,
        };
    }
    n
}

fn scalar_len(v: &Value) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    let _ = serde_json::to_writer(&mut n, v);
    n.0
}

/// [`compact_len`] with an explicit stack.
fn compact_len_deep(v: &Value) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => {
                n.0 += 2 + a.len().saturating_sub(1) as u64;
                stack.extend(a);
            }
            Value::Object(m) => {
                n.0 += 2 + m.len().saturating_sub(1) as u64 + m.len() as u64;
                for (k, x) in m {
                    let _ = serde_json::to_writer(&mut n, k);
                    stack.push(x);
                }
            }
            scalar => {
                let _ = serde_json::to_writer(&mut n, scalar);
            }
        }
    }
    n.0
}

/// A number as rule messages show it (`2`, not `2.0`).
fn num_text(n: &Number) -> String {
    match as_i128(n) {
        Some(i) => i.to_string(),
        None => number_text(n.as_f64().unwrap_or(0.0)),
    }
}

// ---------------------------------------------------------------------------------------------
// Reporting: messages in the words of JSON, and tagged unions reported by their chosen branch

impl Validator {
    fn schema_of(&self, id: Id) -> Option<&Schema> {
        match &self.nodes[id as usize] {
            Node::Schema(s) => Some(s),
            _ => None,
        }
    }

    /// The `const` a branch gives `prop` (in its own `properties` or behind `$ref`s / `allOf`).
    fn branch_tag(&self, id: Id, prop: &str, hops: usize) -> Option<&Value> {
        let s = self.schema_of(id)?;
        if let Some(c) = s.property(prop).and_then(|(p, _)| self.schema_of(p)).and_then(|p| p.const_.as_ref()) {
            return Some(c);
        }
        if hops == 0 {
            return None;
        }
        s.ref_.iter().chain(&s.all_of).find_map(|&r| self.branch_tag(r, prop, hops - 1))
    }

    /// The property whose `const` tells a union's branches apart: the `discriminator`, or else
    /// the first property every branch gives a distinct `const`.
    fn union_tag<'s>(&'s self, s: &'s Schema, branches: &[Id]) -> Option<(&'s str, Vec<(&'s Value, Id)>)> {
        let first = self.schema_of(*branches.first()?)?;
        let candidates = s
            .discriminator
            .iter()
            .map(String::as_str)
            .chain(first.properties.iter().map(|(k, _, _)| k.as_str()))
            .chain(
                first
                    .ref_
                    .and_then(|r| self.schema_of(r))
                    .into_iter()
                    .flat_map(|r| r.properties.iter().map(|(k, _, _)| k.as_str())),
            );
        for prop in candidates {
            let tags: Option<Vec<(&Value, Id)>> =
                branches.iter().map(|&b| self.branch_tag(b, prop, 4).map(|t| (t, b))).collect();
            if let Some(tags) = tags {
                let distinct = tags.iter().enumerate().all(|(i, (t, _))| tags[..i].iter().all(|(u, _)| !json_eq(t, u)));
                if distinct && tags.len() > 1 {
                    return Some((prop, tags));
                }
            }
        }
        None
    }

    /// Reports a tagged union that no branch matched by the branch its tag names: that branch's
    /// problems, or (when the rest of the object fits another branch) which tag it fits, or an
    /// unknown tag with the closest one. `false` when the union has no tag to go by.
    #[cold]
    fn report_union<'v>(
        &self,
        s: &Schema,
        keyword: &'static str,
        branches: &[Id],
        v: &'v Value,
        cx: &mut Cx<'v, '_>,
    ) -> bool {
        // A value of the wrong type: its `type` problem says it all.
        if s.types.is_some_and(|t| !type_matches(t, v)) {
            return true;
        }
        // A list of constants written as a union (one `const` per branch, with its doc).
        let consts: Option<Vec<Value>> =
            branches.iter().map(|&b| self.schema_of(b).and_then(|b| b.const_.clone())).collect();
        if let Some(consts) = consts.filter(|c| c.len() > 1) {
            cx.report(keyword, &s.ptr, one_of_message(&consts, v));
            return true;
        }
        let tagged = match v {
            Value::Object(_) => self.union_tag(s, branches),
            _ => None,
        };
        if tagged.is_none() {
            // An untagged union (YunHu's buttons: rows, or a flat list): the branch that fits the
            // shape best (the fewest places at the value or its direct items with a problem), when
            // exactly one does, is the one meant and its problems are reported; otherwise the
            // union says nothing more.
            let mut best: Option<(usize, Id)> = None;
            let mut tie = false;
            for &b in branches {
                let mut probs = Vec::new();
                let mut sub =
                    Cx { out: Some(&mut probs), path: Vec::new(), depth: cx.depth, inst_depth: cx.inst_depth };
                self.eval(b, v, &mut sub, None);
                let mut shallow: Vec<&str> =
                    probs.iter().map(|p| p.instance.as_str()).filter(|i| i.matches('/').count() <= 1).collect();
                shallow.sort_unstable();
                shallow.dedup();
                match best {
                    Some((n, _)) if shallow.len() == n => tie = true,
                    Some((n, _)) if shallow.len() > n => {}
                    _ => {
                        best = Some((shallow.len(), b));
                        tie = false;
                    }
                }
            }
            return match best {
                Some((_, b)) if !tie => {
                    self.eval(b, v, cx, None);
                    true
                }
                _ => false,
            };
        }
        let Value::Object(m) = v else { return false };
        let Some((prop, tags)) = tagged else { return false };
        let Some((prop_key, tag)) = m.get_key_value(prop) else { return false };
        let quiet = |this: &Self, id: Id, x: &Value, cx: &Cx<'_, '_>| {
            let mut sub = Cx { out: None, path: Vec::new(), depth: cx.depth, inst_depth: cx.inst_depth };
            this.eval(id, x, &mut sub, None)
        };
        let Some(&(_, chosen)) = tags.iter().find(|(t, _)| json_eq(t, tag)) else {
            let allowed: Vec<Value> = tags.iter().map(|(t, _)| (*t).clone()).collect();
            cx.path.push(Seg::Key(prop_key));
            cx.report(keyword, &s.ptr, one_of_message(&allowed, tag));
            cx.path.pop();
            return true;
        };
        // The rest of the object fits another branch: the tag is the likely mistake.
        for &(other, id) in &tags {
            if json_eq(other, tag) {
                continue;
            }
            // Only a tag beside one content key (`MsgType` + `MsgContent`): with fields beside
            // the tag, fitting another tag is no sign the tag is the mistake.
            if m.len() != 2 {
                break;
            }
            let mut swapped = m.clone();
            swapped.insert(prop.to_owned(), other.clone());
            if quiet(self, id, &Value::Object(swapped), cx) {
                let name = match other {
                    Value::String(t) => t.clone(),
                    t => compact(t),
                };
                let rest: Vec<&String> = m.keys().filter(|k| k.as_str() != prop).collect();
                let what = match rest.as_slice() {
                    [one] => format!("`{one}` has the fields of `{name}`"),
                    _ => format!("the other fields fit `{name}`"),
                };
                cx.path.push(Seg::Key(prop_key));
                cx.report(keyword, &s.ptr, format!("{what}; did you mean `{prop}`: `{name}`?"));
                cx.path.pop();
                return true;
            }
        }
        let before = cx.out.as_ref().map_or(0, |o| o.len());
        let ok = self.eval(chosen, v, cx, None);
        let after = cx.out.as_ref().map_or(0, |o| o.len());
        // A branch that passes alone failed beside another: say so in the general words.
        !ok && after > before
    }

    /// `n` items that `contains` counts, named by their tag when it is one property's `const`:
    /// "1 element with `MsgType` `TIMCustomElem`", else "2 matching items".
    fn counted(&self, c: Id, n: u64) -> String {
        let plural = if n == 1 { "" } else { "s" };
        if let Some(s) = self.schema_of(c) {
            if let [(k, id, _)] = s.properties.as_slice() {
                if let Some(value) = self.schema_of(*id).and_then(|p| p.const_.as_ref()) {
                    let value = match value {
                        Value::String(t) => format!("`{t}`"),
                        v => compact(v),
                    };
                    return format!("{n} element{plural} with `{k}` {value}");
                }
            }
        }
        format!("{n} matching item{plural}")
    }

    /// " (at /a/1 and /a/3)": where the counted items are (the first five).
    fn places(&self, cx: &Cx<'_, '_>, at: &[usize]) -> String {
        if at.is_empty() {
            return String::new();
        }
        let base = cx.pointer();
        let mut list: Vec<String> = at.iter().take(5).map(|i| format!("{base}/{i}")).collect();
        if at.len() > 5 {
            list.push(format!("{} more", at.len() - 5));
        }
        let last = list.pop().unwrap_or_default();
        if list.is_empty() {
            format!(" (at {last})")
        } else {
            format!(" (at {} and {last})", list.join(", "))
        }
    }
}

/// A value of the wrong JSON type, in JSON's words with the documented range: "expected an
/// integer from 0 to 4294967295, found the string \"8912345\" (remove the quotes)".
fn type_message(s: &Schema, t: u8, v: &Value) -> String {
    let numeric = t & (T_INTEGER | T_NUMBER) != 0;
    let range = if numeric {
        match (&s.minimum, &s.maximum) {
            (Some(lo), Some(hi)) => format!(" from {} to {}", num_text(lo), num_text(hi)),
            (Some(lo), None) => format!(" of at least {}", num_text(lo)),
            (None, Some(hi)) => format!(" of at most {}", num_text(hi)),
            (None, None) => String::new(),
        }
    } else {
        String::new()
    };
    let (found, hint) = match v {
        Value::String(st) => {
            let quoted = crate::quote_short(st);
            let hint = match serde_json::from_str::<Value>(st.trim()) {
                Ok(inner) if !st.trim().is_empty() && type_matches(t, &inner) => " (remove the quotes)",
                _ => "",
            };
            (format!("the string {quoted}"), hint)
        }
        Value::Number(n) => {
            let hint = if t & T_STRING != 0 { " (put it in quotes)" } else { "" };
            let kind = if is_integer(n) { "integer" } else { "number" };
            (format!("the {kind} {}", num_text(n)), hint)
        }
        Value::Bool(b) => {
            let hint = if t & T_STRING != 0 { " (put it in quotes)" } else { "" };
            (b.to_string(), hint)
        }
        Value::Null => ("null".to_owned(), ""),
        Value::Object(_) => ("an object".to_owned(), ""),
        Value::Array(_) => ("an array".to_owned(), ""),
    };
    let expected = type_names(t).replace("a boolean", "a boolean (true or false)");
    format!("expected {expected}{range}, found {found}{hint}")
}

/// A value outside a list: "must be one of \"a\", \"b\"; did you mean \"a\"?".
fn one_of_message(allowed: &[Value], v: &Value) -> String {
    let mut list: Vec<String> = allowed.iter().take(10).map(compact).collect();
    if allowed.len() > 10 {
        list.push(format!("... ({} in all)", allowed.len()));
    }
    let mut message = format!("must be one of {}", list.join(", "));
    if let Value::String(word) = v {
        if let Some(near) = crate::closest(word, allowed.iter().filter_map(Value::as_str)) {
            let _ = write!(message, "; did you mean {}?", compact(&Value::String(near.to_owned())));
        }
    }
    message
}

/// A key `additionalProperties: false` refuses, with the closest known key.
fn unknown_key_message(s: &Schema, key: &str) -> String {
    match crate::closest(key, s.properties.iter().map(|(k, _, _)| k.as_str())) {
        Some(near) => format!("`{key}` is not allowed; did you mean `{near}`?"),
        None => format!("`{key}` is not allowed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compact_len_is_the_length_of_the_compact_json() {
        let mut deep = json!("\u{1}");
        for i in 0..100 {
            deep = if i % 2 == 0 { Value::Array(vec![deep, json!(1.5)]) } else { json!({ "k\"\n": deep }) };
        }
        for v in [
            json!(null),
            json!(true),
            json!(false),
            json!(22.0),
            json!(-7),
            json!(u64::MAX),
            json!(1e300),
            json!("群消息 \"quoted\" \\ \n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f}"),
            json!({"a": [1, {"b": null}], "": "", "MsgBody": [{"MsgType": "TIMTextElem"}]}),
            deep,
        ] {
            assert_eq!(compact_len(&v), serde_json::to_string(&v).unwrap().len() as u64, "{v}");
        }
    }

    #[test]
    fn equality_and_numbers_are_exact() {
        assert!(json_eq(&json!(1), &json!(1.0)));
        assert!(json_eq(&json!({"a": [1, 2.0], "b": null}), &json!({"b": null, "a": [1.0, 2]})));
        assert!(!json_eq(&json!(9007199254740993u64), &json!(9007199254740992.0)));
        assert!(!json_eq(&json!([1]), &json!([1, 1])));
        assert!(!json_eq(&json!(0), &json!(false)));
        let n = |v: Value| v.as_number().unwrap().clone();
        assert_eq!(num_cmp(&n(json!(u64::MAX)), &n(json!(1.8446744073709552e19))), Ordering::Less);
        assert_eq!(num_cmp(&n(json!(-3)), &n(json!(-2.5))), Ordering::Less);
        assert_eq!(num_cmp(&n(json!(3)), &n(json!(2.5))), Ordering::Greater);
        assert_eq!(num_cmp(&n(json!(i64::MIN)), &n(json!(-1e19))), Ordering::Greater);
        let mut a = json!(1);
        let mut b = json!(1.0);
        for _ in 0..200 {
            a = Value::Array(vec![a]);
            b = Value::Array(vec![b]);
        }
        assert!(json_eq(&a, &b));
        let mut h1 = std::collections::hash_map::DefaultHasher::new();
        let mut h2 = std::collections::hash_map::DefaultHasher::new();
        json_hash(&json!({"x": 1, "y": [2.0]}), &mut h1, 0);
        json_hash(&json!({"y": [2], "x": 1.0}), &mut h2, 0);
        assert_eq!(h1.finish(), h2.finish());
    }

    #[test]
    fn unique_items_compares_only_equal_hashes() {
        let distinct: Vec<Value> = (0..20_000).map(|i| json!({"n": i, "tags": [i % 7, "x"]})).collect();
        COMPARISONS.with(|c| c.set(0));
        assert_eq!(first_duplicate(&distinct), None);
        // A quadratic check would make 2e8 comparisons; hashing makes one per collision.
        assert!(COMPARISONS.with(|c| c.get()) < 10, "{} comparisons", COMPARISONS.with(|c| c.get()));
        let mut repeated = distinct;
        repeated.extend((0..20_000).map(|i| json!({"tags": [i % 7, "x"], "n": f64::from(i)})));
        COMPARISONS.with(|c| c.set(0));
        assert_eq!(first_duplicate(&repeated), Some((0, 20_000)));
        assert!(COMPARISONS.with(|c| c.get()) <= 20_010, "{} comparisons", COMPARISONS.with(|c| c.get()));
    }

    #[test]
    fn uris_resolve_as_rfc_3986_says() {
        // RFC 3986 5.4.1 and 5.4.2.
        let base = "http://a/b/c/d;p?q";
        for (r, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("", "http://a/b/c/d;p?q"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("./../g", "http://a/b/g"),
            ("g;x=1/../y", "http://a/b/c/y"),
        ] {
            assert_eq!(resolve(base, r), want, "{r}");
        }
        assert_eq!(resolve(DEFAULT_BASE, "#/a"), "json-schema:///#/a");
        assert_eq!(resolve(DEFAULT_BASE, "d1.json"), "json-schema:///d1.json");
        assert_eq!(resolve("urn:example:root", "#x"), "urn:example:root#x");
    }
}
