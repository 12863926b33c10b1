//! Reads one JSON Schema (2020-12 subset) into [`Schema`], checking every keyword.

use serde_json::{Map, Number, Value};

use crate::diag::{closest, join, Ctx};

/// The JSON types of the `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Null,
}

impl JsonType {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "string" => JsonType::String,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "boolean" => JsonType::Boolean,
            "object" => JsonType::Object,
            "array" => JsonType::Array,
            "null" => JsonType::Null,
            _ => return None,
        })
    }
}

/// The `format` values the generator understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Uri,
    HttpsUri,
    Int32,
    Int64,
    Uint32,
    Uint64,
    DateTime,
    Email,
}

pub const FORMATS: &[&str] = &["uri", "https-uri", "int32", "int64", "uint32", "uint64", "date-time", "email"];

impl Format {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "uri" => Format::Uri,
            "https-uri" => Format::HttpsUri,
            "int32" => Format::Int32,
            "int64" => Format::Int64,
            "uint32" => Format::Uint32,
            "uint64" => Format::Uint64,
            "date-time" => Format::DateTime,
            "email" => Format::Email,
            _ => return None,
        })
    }
}

/// OpenAPI's `discriminator` object.
#[derive(Debug, Clone)]
pub struct Discriminator {
    pub property_name: String,
    pub rust_name: Option<String>,
    pub pointer: String,
    /// `mapping`, in document order: (tag value, the schema it names as written: a `$ref`
    /// string, or a bare schema name that means `#/components/schemas/<name>`).
    pub mapping: Vec<(String, String)>,
}

/// `x-sequence`: item `i` of an array has `property` = `start + i`.
#[derive(Debug, Clone)]
pub struct Sequence {
    pub property: String,
    pub start: i64,
}

/// A schema as written, keyword by keyword; `pointer` says where it is.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub pointer: String,
    /// The schema's JSON as written (used for `schemars::JsonSchema`).
    pub raw: Value,
    /// `true` or `false` written as the whole schema.
    pub boolean: Option<bool>,
    pub reference: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub types: Option<Vec<JsonType>>,
    pub properties: Vec<(String, Schema)>,
    pub required: Vec<String>,
    pub additional_properties: Option<Box<Schema>>,
    pub items: Option<Box<Schema>>,
    pub prefix_items: Option<Vec<Schema>>,
    pub enumeration: Option<Vec<Value>>,
    pub constant: Option<Value>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub exclusive_minimum: Option<Number>,
    pub exclusive_maximum: Option<Number>,
    pub multiple_of: Option<Number>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<Format>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<Box<Schema>>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    pub all_of: Vec<Schema>,
    pub any_of: Vec<Schema>,
    pub one_of: Vec<Schema>,
    pub not: Option<Box<Schema>>,
    pub if_: Option<Box<Schema>>,
    pub then: Option<Box<Schema>>,
    pub else_: Option<Box<Schema>>,
    pub dependent_required: Vec<(String, Vec<String>)>,
    pub defs: Vec<(String, Schema)>,
    /// The named schemas came from `definitions` (the pre-2019 name of `$defs`, kept by some
    /// 2019-09 schemas), so `$ref`s to them start `#/definitions/`.
    pub defs_in_definitions: bool,
    /// Subschemas of the keywords the typed lowering leaves to the schema validator
    /// (`patternProperties`, `propertyNames`, `dependentSchemas`, `unevaluated*`), read so their
    /// own keywords are checked.
    pub others: Vec<Schema>,
    pub default: Option<Value>,
    pub deprecated: bool,
    pub discriminator: Option<Discriminator>,
    pub rust_name: Option<String>,
    pub max_bytes: Option<u64>,
    pub json_string: bool,
    pub sequence: Option<Sequence>,
    /// `x-severity: "warning"`: every rule of this schema is a warning, not an error.
    pub warning: bool,
}

/// Every keyword a schema may carry.
pub const KEYWORDS: &[&str] = &[
    "$ref",
    "$defs",
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "definitions",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "patternProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "discriminator",
    "x-rust-name",
    "x-max-bytes",
    "x-json-string",
    "x-sequence",
    "x-severity",
];

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn expected(cx: &mut Ctx, ptr: &str, key: &str, what: &str, found: &Value) {
    cx.err(ptr, format!("`{key}` must be {what}, found {}", type_name(found)));
}

/// Reads the schema `v` found at `ptr`. `root` allows `$schema`/`$id`/`$defs`.
pub(crate) fn read_schema(cx: &mut Ctx, v: &Value, ptr: &str, root: bool) -> Schema {
    let mut s = Schema { pointer: ptr.to_owned(), raw: v.clone(), ..Schema::default() };
    let obj = match v {
        Value::Bool(b) => {
            s.boolean = Some(*b);
            return s;
        }
        Value::Object(o) => o,
        other => {
            cx.err(ptr, format!("a schema must be an object or a boolean, found {}", type_name(other)));
            return s;
        }
    };
    for (key, val) in obj {
        let kp = join(ptr, key);
        match key.as_str() {
            "$ref" => s.reference = string(cx, &kp, key, val),
            "$dynamicRef" | "$recursiveRef" => cx.err(
                &kp,
                format!("`{key}` is not supported: which schema it names depends on the path taken at run time (dynamic scope), so no type or rule can be fixed for it; use `$ref`"),
            ),
            "$vocabulary" => {
                object(cx, &kp, key, val);
            }
            "$schema" | "$id" | "$anchor" | "$dynamicAnchor" => {
                let _ = root;
                string(cx, &kp, key, val);
            }
            "$defs" => s.defs = schema_map(cx, &kp, key, val),
            // The pre-2019 name of `$defs`: the named schemas when there is no `$defs` beside it.
            "definitions" if !obj.contains_key("$defs") => {
                s.defs = schema_map(cx, &kp, key, val);
                s.defs_in_definitions = true;
            }
            "definitions" => s.others.extend(schema_map(cx, &kp, key, val).into_iter().map(|(_, d)| d)),
            "$comment" | "contentMediaType" | "contentEncoding" => {
                string(cx, &kp, key, val);
            }
            "title" => s.title = string(cx, &kp, key, val),
            "description" => s.description = string(cx, &kp, key, val),
            "type" => s.types = read_types(cx, &kp, val),
            "properties" => s.properties = schema_map(cx, &kp, key, val),
            "required" => s.required = string_list(cx, &kp, key, val),
            "additionalProperties" => s.additional_properties = Some(Box::new(read_schema(cx, val, &kp, false))),
            "items" => s.items = Some(Box::new(read_schema(cx, val, &kp, false))),
            "prefixItems" => s.prefix_items = Some(schema_list(cx, &kp, key, val)),
            "enum" => match val {
                Value::Array(a) => s.enumeration = Some(a.clone()),
                other => expected(cx, &kp, key, "an array", other),
            },
            "const" => s.constant = Some(val.clone()),
            "minimum" => s.minimum = number(cx, &kp, key, val),
            "maximum" => s.maximum = number(cx, &kp, key, val),
            "exclusiveMinimum" => s.exclusive_minimum = number(cx, &kp, key, val),
            "exclusiveMaximum" => s.exclusive_maximum = number(cx, &kp, key, val),
            "multipleOf" => {
                s.multiple_of = number(cx, &kp, key, val);
                if s.multiple_of.as_ref().is_some_and(|n| n.as_f64().is_none_or(|f| f <= 0.0)) {
                    cx.err(&kp, "`multipleOf` must be greater than 0");
                }
            }
            "minLength" => s.min_length = count(cx, &kp, key, val),
            "maxLength" => s.max_length = count(cx, &kp, key, val),
            "pattern" => {
                s.pattern = string(cx, &kp, key, val);
                if let Some(p) = &s.pattern {
                    check_regex(cx, &kp, "pattern", p);
                }
            }
            "format" => {
                // An unknown format is an annotation (JSON Schema 2020-12, 7.2.3): nothing to check.
                if let Some(f) = string(cx, &kp, key, val) {
                    s.format = Format::parse(&f);
                }
            }
            "minItems" => s.min_items = count(cx, &kp, key, val),
            "maxItems" => s.max_items = count(cx, &kp, key, val),
            "uniqueItems" => s.unique_items = boolean(cx, &kp, key, val),
            "contains" => s.contains = Some(Box::new(read_schema(cx, val, &kp, false))),
            "minContains" => s.min_contains = count(cx, &kp, key, val),
            "maxContains" => s.max_contains = count(cx, &kp, key, val),
            "allOf" => s.all_of = schema_list(cx, &kp, key, val),
            "anyOf" => s.any_of = schema_list(cx, &kp, key, val),
            "oneOf" => s.one_of = schema_list(cx, &kp, key, val),
            "not" => s.not = Some(Box::new(read_schema(cx, val, &kp, false))),
            "if" => s.if_ = Some(Box::new(read_schema(cx, val, &kp, false))),
            "then" => s.then = Some(Box::new(read_schema(cx, val, &kp, false))),
            "else" => s.else_ = Some(Box::new(read_schema(cx, val, &kp, false))),
            "dependentRequired" => match val {
                Value::Object(m) => {
                    for (k, v) in m {
                        s.dependent_required.push((k.clone(), string_list(cx, &join(&kp, k), k, v)));
                    }
                }
                other => expected(cx, &kp, key, "an object", other),
            },
            "patternProperties" | "dependentSchemas" => {
                for (k, sub) in schema_map(cx, &kp, key, val) {
                    if key == "patternProperties" {
                        check_regex(cx, &join(&kp, &k), "patternProperties", &k);
                    }
                    s.others.push(sub);
                }
            }
            "propertyNames" | "unevaluatedProperties" | "unevaluatedItems" | "contentSchema" => {
                s.others.push(read_schema(cx, val, &kp, false));
            }
            "minProperties" | "maxProperties" => {
                count(cx, &kp, key, val);
            }
            "default" => s.default = Some(val.clone()),
            "examples" => {
                if !val.is_array() {
                    expected(cx, &kp, key, "an array", val);
                }
            }
            "deprecated" => s.deprecated = boolean(cx, &kp, key, val),
            "readOnly" | "writeOnly" => {
                boolean(cx, &kp, key, val);
            }
            "discriminator" => s.discriminator = read_discriminator(cx, &kp, val),
            "x-rust-name" => s.rust_name = rust_name(cx, &kp, val),
            "x-max-bytes" => s.max_bytes = count(cx, &kp, key, val),
            "x-json-string" => s.json_string = boolean(cx, &kp, key, val),
            "x-sequence" => s.sequence = read_sequence(cx, &kp, val),
            "x-severity" => match val.as_str() {
                Some("warning") => s.warning = true,
                Some("error") => s.warning = false,
                _ => cx.err(&kp, format!("`x-severity` must be \"error\" or \"warning\", found {val}")),
            },
            // Other `x-` keys are annotations, unless they look like a typo of ours.
            _ if key.starts_with("x-") && closest(key, KEYWORDS.iter().copied().filter(|k| k.starts_with("x-"))).is_none() => {}
            _ => unknown_key(cx, &kp, key, "keyword", KEYWORDS),
        }
    }
    check_consistency(cx, &s);
    s
}

/// Reports a `pattern` (or `patternProperties` key) that is not a regular expression.
fn check_regex(cx: &mut Ctx, kp: &str, key: &str, p: &str) {
    if let Err(e) = regex_syntax::Parser::new().parse(&group_msg_rules::ecma_pattern(p)) {
        // ECMA 262 look-around and back-references: run by the backtracking engine
        // (`group_msg_rules::pattern`).
        if group_msg_rules::Pattern::new(p).is_ok() {
            return;
        }
        let msg = e.to_string();
        let last = msg.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("invalid");
        cx.err(kp, format!("`{key}` is not a valid regex: {}", last.trim().trim_start_matches("error: ")));
    } else if let Err(e) = regex::Regex::new(&group_msg_rules::ecma_pattern(p)) {
        // Valid syntax that the run time still cannot compile: over the size limit.
        let why = match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("compiles to more than the regex size limit ({limit} bytes)")
            }
            other => other.to_string(),
        };
        cx.err(kp, format!("`{key}` cannot be compiled: {why}"));
    }
}

/// Reports an unknown key, suggesting the closest known one: an error when `Options::strict`
/// (our own specs: it catches typos such as `maxItem`), else a warning (another tool's
/// annotations are not errors). A key inside one of our `x-` extensions is always an error.
pub(crate) fn unknown_key(cx: &mut Ctx, kp: &str, key: &str, what: &str, known: &[&str]) {
    let hint = match closest(key, known.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("expected one of {}", known.join(", ")),
    };
    let message = if key.starts_with("x-") {
        format!("unknown extension `{key}`, {hint}")
    } else {
        format!("unknown {what} `{key}`, {hint}")
    };
    if cx.strict || what.starts_with("x-") {
        cx.err(kp, message);
    } else {
        cx.warn(kp, format!("{message} (ignored)"));
    }
}

/// Lower and upper number bounds that leave no number between them.
fn check_number_bounds(cx: &mut Ctx, s: &Schema) {
    let f = |n: &Option<Number>| n.as_ref().and_then(Number::as_f64);
    let lows = [("minimum", f(&s.minimum), false), ("exclusiveMinimum", f(&s.exclusive_minimum), true)];
    let highs = [("maximum", f(&s.maximum), false), ("exclusiveMaximum", f(&s.exclusive_maximum), true)];
    for (lk, low, lx) in lows {
        for (hk, high, hx) in highs {
            let (Some(low), Some(high)) = (low, high) else { continue };
            let empty = if lx || hx { low >= high } else { low > high };
            if empty {
                let (lt, ht) = (group_msg_rules::number_text(low), group_msg_rules::number_text(high));
                let what = if lx || hx { "is not less than" } else { "is greater than" };
                cx.err(&join(&s.pointer, lk), format!("`{lk}` {lt} {what} `{hk}` {ht}: no number is allowed"));
            }
        }
    }
}

fn check_consistency(cx: &mut Ctx, s: &Schema) {
    let p = &s.pointer;
    if let (Some(a), Some(b)) = (s.min_items, s.max_items) {
        if a > b {
            cx.err(&join(p, "minItems"), format!("`minItems` {a} is greater than `maxItems` {b}"));
        }
    }
    if let (Some(a), Some(b)) = (s.min_length, s.max_length) {
        if a > b {
            cx.err(&join(p, "minLength"), format!("`minLength` {a} is greater than `maxLength` {b}"));
        }
    }
    if let (Some(a), Some(b)) = (s.min_contains, s.max_contains) {
        if a > b {
            cx.err(&join(p, "minContains"), format!("`minContains` {a} is greater than `maxContains` {b}"));
        }
    }
    check_number_bounds(cx, s);
    if let (Some(seq), Some(max)) = (&s.sequence, s.max_items.filter(|m| *m > 0)) {
        // The last item's number must exist: `start + maxItems - 1` within `i64`.
        if group_msg_rules::sequence_value(seq.start, max - 1).is_none() {
            cx.err(
                &join(&join(p, "x-sequence"), "start"),
                format!("a sequence starting at {} overflows a 64-bit integer within `maxItems` {max}", seq.start),
            );
        }
    }
    if let Some(seq) = &s.sequence {
        let is_array = s.types.as_ref().is_some_and(|t| t.contains(&JsonType::Array)) || s.items.is_some();
        if !is_array {
            cx.err(&join(p, "x-sequence"), format!("`x-sequence` needs an array schema (with `items`), but this one is not; the property `{}` cannot be numbered", seq.property));
        }
    }
    if s.json_string && !s.types.as_ref().is_some_and(|t| t.contains(&JsonType::String)) {
        cx.err(&join(p, "x-json-string"), "`x-json-string` needs `\"type\": \"string\"`");
    }
}

fn read_types(cx: &mut Ctx, kp: &str, v: &Value) -> Option<Vec<JsonType>> {
    let names: Vec<(String, &Value)> = match v {
        Value::String(s) => vec![(s.clone(), v)],
        Value::Array(a) if !a.is_empty() => {
            let mut out = Vec::new();
            for (i, t) in a.iter().enumerate() {
                match t {
                    Value::String(s) => out.push((s.clone(), t)),
                    other => expected(cx, &join(kp, &i.to_string()), "type", "a string", other),
                }
            }
            out
        }
        other => {
            expected(cx, kp, "type", "a type name or a non-empty array of type names", other);
            return None;
        }
    };
    let mut out = Vec::new();
    for (n, _) in names {
        match JsonType::parse(&n) {
            Some(t) => out.push(t),
            None => {
                let known = ["string", "integer", "number", "boolean", "object", "array", "null"];
                let hint = closest(&n, known)
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| format!("expected one of {}", known.join(", ")));
                cx.err(kp, format!("unknown type `{n}`, {hint}"));
            }
        }
    }
    Some(out)
}

fn read_discriminator(cx: &mut Ctx, kp: &str, v: &Value) -> Option<Discriminator> {
    let Value::Object(m) = v else {
        expected(cx, kp, "discriminator", "an object", v);
        return None;
    };
    let mut d =
        Discriminator { property_name: String::new(), rust_name: None, pointer: kp.to_owned(), mapping: Vec::new() };
    for (k, val) in m {
        let p = join(kp, k);
        match k.as_str() {
            "propertyName" => d.property_name = string(cx, &p, k, val).unwrap_or_default(),
            "mapping" => match val {
                Value::Object(entries) => {
                    for (tag, target) in entries {
                        match target {
                            Value::String(t) if !t.is_empty() => d.mapping.push((tag.clone(), t.clone())),
                            other => cx.err(
                                &join(&p, tag),
                                format!(
                                    "a `mapping` value must be a schema name or a `$ref` string, found {}",
                                    type_name(other)
                                ),
                            ),
                        }
                    }
                }
                other => expected(cx, &p, "mapping", "an object", other),
            },
            "x-rust-name" => d.rust_name = rust_name(cx, &p, val),
            _ => unknown_key(cx, &p, k, "discriminator key", &["propertyName", "mapping", "x-rust-name"]),
        }
    }
    if d.property_name.is_empty() {
        cx.err(kp, "`discriminator` needs `propertyName`");
        return None;
    }
    Some(d)
}

fn read_sequence(cx: &mut Ctx, kp: &str, v: &Value) -> Option<Sequence> {
    let Value::Object(m) = v else {
        expected(cx, kp, "x-sequence", "an object", v);
        return None;
    };
    let mut property = None;
    let mut start = 1;
    for (k, val) in m {
        let p = join(kp, k);
        match k.as_str() {
            "property" => property = string(cx, &p, k, val),
            "start" => match val.as_i64() {
                Some(n) => start = n,
                None => expected(cx, &p, k, "an integer", val),
            },
            _ => unknown_key(cx, &p, k, "x-sequence key", &["property", "start"]),
        }
    }
    match property {
        Some(property) => Some(Sequence { property, start }),
        None => {
            cx.err(kp, "`x-sequence` needs `property`");
            None
        }
    }
}

/// An `x-rust-name`: it must be an identifier (a keyword becomes raw where Rust allows).
fn rust_name(cx: &mut Ctx, kp: &str, v: &Value) -> Option<String> {
    let name = string(cx, kp, "x-rust-name", v)?;
    if crate::lower::names::is_plain_ident(&name) {
        Some(name)
    } else {
        cx.err(kp, format!("`x-rust-name` `{name}` is not a Rust identifier"));
        None
    }
}

pub(crate) fn string(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        other => {
            expected(cx, kp, key, "a string", other);
            None
        }
    }
}

pub(crate) fn boolean(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        other => {
            expected(cx, kp, key, "a boolean", other);
            false
        }
    }
}

fn number(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> Option<Number> {
    match v {
        Value::Number(n) => Some(n.clone()),
        other => {
            expected(cx, kp, key, "a number", other);
            None
        }
    }
}

/// A non-negative integer; JSON Schema counts `2.0` as the integer 2.
fn count(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> Option<u64> {
    let n =
        v.as_u64().or_else(|| v.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 1.8e19).map(|f| f as u64));
    match n {
        Some(n) => Some(n),
        None => {
            expected(cx, kp, key, "a non-negative integer", v);
            None
        }
    }
}

pub(crate) fn string_list(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> Vec<String> {
    let Value::Array(a) = v else {
        expected(cx, kp, key, "an array of strings", v);
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for (i, item) in a.iter().enumerate() {
        match item {
            Value::String(s) if out.contains(s) => cx.err(&join(kp, &i.to_string()), format!("`{s}` is listed twice")),
            Value::String(s) => out.push(s.clone()),
            other => expected(cx, &join(kp, &i.to_string()), key, "an array of strings", other),
        }
    }
    out
}

fn schema_list(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> Vec<Schema> {
    match v {
        Value::Array(a) if !a.is_empty() => {
            a.iter().enumerate().map(|(i, s)| read_schema(cx, s, &join(kp, &i.to_string()), false)).collect()
        }
        Value::Array(_) => {
            cx.err(kp, format!("`{key}` must not be empty"));
            Vec::new()
        }
        other => {
            expected(cx, kp, key, "a non-empty array of schemas", other);
            Vec::new()
        }
    }
}

fn schema_map(cx: &mut Ctx, kp: &str, key: &str, v: &Value) -> Vec<(String, Schema)> {
    match v {
        Value::Object(m) => m.iter().map(|(k, s)| (k.clone(), read_schema(cx, s, &join(kp, k), false))).collect(),
        other => {
            expected(cx, kp, key, "an object of schemas", other);
            Vec::new()
        }
    }
}

/// An object's entries, or an error when `v` is not an object.
pub(crate) fn object<'a>(cx: &mut Ctx, kp: &str, key: &str, v: &'a Value) -> Option<&'a Map<String, Value>> {
    match v {
        Value::Object(m) => Some(m),
        other => {
            expected(cx, kp, key, "an object", other);
            None
        }
    }
}

impl Schema {
    /// Where `$ref`s to this (root) schema's named schemas point: `#/$defs/` or `#/definitions/`.
    pub fn defs_prefix(&self) -> &'static str {
        if self.defs_in_definitions {
            "#/definitions/"
        } else {
            "#/$defs/"
        }
    }
    /// The schema is `{}` or `true`: anything goes (a placeholder for a common union field).
    pub fn is_trivial(&self) -> bool {
        self.boolean == Some(true) || self.raw.as_object().is_some_and(|o| o.is_empty())
    }
    /// Whether `type` allows `t`.
    pub fn has_type(&self, t: JsonType) -> bool {
        self.types.as_ref().is_some_and(|ts| ts.contains(&t))
    }
    /// The one non-null type, if the schema names exactly one (plus maybe `null`).
    pub fn single_type(&self) -> Option<JsonType> {
        let ts: Vec<JsonType> = self.types.as_ref()?.iter().copied().filter(|t| *t != JsonType::Null).collect();
        (ts.len() == 1).then(|| ts[0])
    }
    pub fn nullable(&self) -> bool {
        self.has_type(JsonType::Null)
    }
}
