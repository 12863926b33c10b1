//! Dialects: every accepted input is normalized into the one shape the rest of the pipeline
//! understands, OpenAPI 3.1 with JSON Schema 2020-12, BEFORE it is read.
//!
//! The transform is a `Value -> Value` rewrite, so `Document::raw` (which the generated code
//! embeds for its run-time schema validator) means in 2020-12 what the input meant in its own
//! dialect. Schemas are walked structurally (a keyword is only rewritten where a schema is; a
//! property name or an `enum` value is never touched).
//!
//! - JSON Schema drafts 04, 06, 07, 2019-09 and 2020-12, chosen by `$schema` (the root's, a
//!   subschema's own, or an OpenAPI 3.1 `jsonSchemaDialect`; 2020-12 when none is given).
//! - OpenAPI 3.0.x documents (their schema objects: `nullable`, boolean exclusive bounds,
//!   `example`, `$ref` siblings ignored), and `nullable` left in 3.1 documents.
//! - Swagger 2.0 documents, converted to the 3.0 shape first ([`super::swagger`]).
//!
//! What each conversion does is listed in `specs/README.md` ("Dialects").

use serde_json::{json, Map, Value};

use crate::diag::{join, Ctx};

/// The JSON Schema 2020-12 meta-schema URI, which every normalized `$schema` names.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// A JSON Schema dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Draft {
    Draft4,
    Draft6,
    Draft7,
    Draft2019,
    Draft2020,
}

impl Draft {
    /// The draft a `$schema` URI names (with or without `http(s)`, trailing `#`).
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let u = uri.trim_end_matches('#').trim_start_matches("https://").trim_start_matches("http://");
        Some(match u {
            "json-schema.org/draft-04/schema" => Draft::Draft4,
            "json-schema.org/draft-06/schema" => Draft::Draft6,
            "json-schema.org/draft-07/schema" => Draft::Draft7,
            "json-schema.org/draft/2019-09/schema" => Draft::Draft2019,
            "json-schema.org/draft/2020-12/schema" | "spec.openapis.org/oas/3.1/dialect/base" => Draft::Draft2020,
            _ if u.starts_with("spec.openapis.org/oas/3.1/dialect/") => Draft::Draft2020,
            _ => return None,
        })
    }
}

/// How the schemas of a part of the document are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mode {
    draft: Draft,
    /// An OpenAPI 3.0 (or Swagger 2.0) schema object: draft-04 vocabulary plus `nullable`,
    /// `discriminator`, `example`, ...; `$ref` siblings ignored.
    oas30: bool,
    /// An OpenAPI 3.1 schema: 2020-12 plus the OpenAPI keywords (`example`, and `nullable` kept
    /// from 3.0 by some documents).
    oas31: bool,
}

/// The keywords of draft-04 (`id` included).
const DRAFT4: &[&str] = &[
    "$ref",
    "$schema",
    "id",
    "title",
    "description",
    "default",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "additionalItems",
    "items",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "definitions",
    "properties",
    "patternProperties",
    "dependencies",
    "enum",
    "type",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "format",
];
/// Added by draft-06 (which drops `id` for `$id`).
const DRAFT6: &[&str] = &["$id", "const", "contains", "propertyNames", "examples"];
/// Added by draft-07.
const DRAFT7: &[&str] =
    &["if", "then", "else", "$comment", "readOnly", "writeOnly", "contentMediaType", "contentEncoding"];
/// Added by 2019-09 (which drops `dependencies`, keeping `definitions` only as a place).
const DRAFT2019: &[&str] = &[
    "$anchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "$vocabulary",
    "$defs",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedItems",
    "unevaluatedProperties",
    "minContains",
    "maxContains",
    "deprecated",
    "contentSchema",
];
/// The schema object keywords OpenAPI 3.0 adds to its draft-04 subset.
const OAS30: &[&str] =
    &["nullable", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated"];
/// Kept beside a `$ref` in the drafts that ignore its siblings: places other `$ref`s point into,
/// the identifiers that set the base URI, and annotations.
const REF_SIBLINGS: &[&str] =
    &["$ref", "$schema", "$id", "id", "definitions", "$defs", "title", "description", "$comment", "nullable"];

/// Whether `key` is a keyword of some JSON Schema draft or of OpenAPI 3.0's schema object.
fn in_some_draft(key: &str) -> bool {
    const DRAFT2020: &[&str] = &["$dynamicRef", "$dynamicAnchor", "prefixItems"];
    [DRAFT4, DRAFT6, DRAFT7, DRAFT2019, OAS30, DRAFT2020].iter().any(|v| v.contains(&key))
}

fn known(mode: Mode, key: &str) -> bool {
    let d = mode.draft;
    if key == "definitions" || key == "$defs" || key == "$schema" {
        return true; // places `$ref`s may point into, in every draft
    }
    if mode.oas30 {
        return (DRAFT4.contains(&key) && key != "id") || OAS30.contains(&key);
    }
    match d {
        Draft::Draft2020 => true,
        _ => {
            (DRAFT4.contains(&key)
                && (key != "id" || d == Draft::Draft4)
                && (key != "dependencies" || d <= Draft::Draft7))
                || (d >= Draft::Draft6 && DRAFT6.contains(&key))
                || (d >= Draft::Draft7 && DRAFT7.contains(&key))
                || (d >= Draft::Draft2019 && DRAFT2019.contains(&key))
        }
    }
}

/// Problems found while normalizing: (JSON pointer, message).
pub type Problems = Vec<(String, String)>;

/// Normalizes a whole input (a JSON Schema, an OpenAPI 3.x or a Swagger 2.0 document) into
/// OpenAPI 3.1 / JSON Schema 2020-12. Problems (an unknown `$schema`, a Swagger construct that
/// has no 3.x meaning) are returned with their pointer in the input.
pub fn normalize(mut doc: Value) -> (Value, Problems) {
    let mut problems = Problems::new();
    if doc.get("swagger").is_some() {
        doc = super::swagger::convert(doc, &mut problems);
    }
    let Some(obj) = doc.as_object_mut() else {
        return (doc, problems);
    };
    let version = obj.get("openapi").and_then(Value::as_str).map(str::to_owned);
    match version {
        Some(v) if v.starts_with("3.0.") => {
            obj.insert("openapi".into(), json!("3.1.0"));
            let mode = Mode { draft: Draft::Draft4, oas30: true, oas31: false };
            openapi(obj, mode, &mut problems);
        }
        Some(v) if v.starts_with("3.1.") => {
            let mut draft = Draft::Draft2020;
            if let Some(d) = obj.get("jsonSchemaDialect").and_then(Value::as_str) {
                match Draft::from_uri(d) {
                    Some(x) => draft = x,
                    None => problems.push(("/jsonSchemaDialect".into(), format!("unknown JSON Schema dialect `{d}`"))),
                }
                obj.insert("jsonSchemaDialect".into(), json!(DRAFT_2020_12));
            }
            openapi(obj, Mode { draft, oas30: false, oas31: true }, &mut problems);
        }
        Some(_) => {} // an unsupported version: read/openapi.rs says so
        None => {
            let mode = Mode { draft: Draft::Draft2020, oas30: false, oas31: false };
            let mut n = Normalizer { problems: &mut problems };
            n.schema(&mut doc, "", mode);
        }
    }
    (doc, problems)
}

/// [`normalize`], reporting its problems to `cx`.
pub(crate) fn apply(cx: &mut Ctx, doc: Value) -> Value {
    let (doc, problems) = normalize(doc);
    for (p, m) in problems {
        cx.err(&p, m);
    }
    doc
}

/// Walks the schema positions of an OpenAPI 3.x document.
fn openapi(obj: &mut Map<String, Value>, mode: Mode, problems: &mut Problems) {
    let mut n = Normalizer { problems };
    for (key, v) in obj.iter_mut() {
        match key.as_str() {
            "paths" | "webhooks" => {
                if let Some(m) = v.as_object_mut() {
                    for (k, item) in m.iter_mut() {
                        n.path_item(item, &join(&join("", key), k), mode);
                    }
                }
            }
            "components" => {
                let Some(c) = v.as_object_mut() else { continue };
                for (kind, group) in c.iter_mut() {
                    let Some(g) = group.as_object_mut() else { continue };
                    let gp = join("/components", kind);
                    for (name, item) in g.iter_mut() {
                        let p = join(&gp, name);
                        match kind.as_str() {
                            "schemas" => n.schema(item, &p, mode),
                            "parameters" | "headers" => n.parameter(item, &p, mode),
                            "requestBodies" => n.content_holder(item, &p, mode),
                            "responses" => n.response(item, &p, mode),
                            "callbacks" => n.callback(item, &p, mode),
                            "pathItems" => n.path_item(item, &p, mode),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

struct Normalizer<'a> {
    problems: &'a mut Problems,
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl Normalizer<'_> {
    fn path_item(&mut self, v: &mut Value, ptr: &str, mode: Mode) {
        let Some(m) = v.as_object_mut() else { return };
        for (k, op) in m.iter_mut() {
            let p = join(ptr, k);
            if k == "parameters" {
                self.each(op, &p, mode, Self::parameter);
            } else if METHODS.contains(&k.as_str()) {
                self.operation(op, &p, mode);
            }
        }
    }

    fn operation(&mut self, v: &mut Value, ptr: &str, mode: Mode) {
        let Some(m) = v.as_object_mut() else { return };
        for (k, x) in m.iter_mut() {
            let p = join(ptr, k);
            match k.as_str() {
                "parameters" => self.each(x, &p, mode, Self::parameter),
                "requestBody" => self.content_holder(x, &p, mode),
                "responses" => {
                    if let Some(rs) = x.as_object_mut() {
                        for (code, r) in rs.iter_mut() {
                            self.response(r, &join(&p, code), mode);
                        }
                    }
                }
                "callbacks" => {
                    if let Some(cs) = x.as_object_mut() {
                        for (name, c) in cs.iter_mut() {
                            self.callback(c, &join(&p, name), mode);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn each(&mut self, v: &mut Value, ptr: &str, mode: Mode, f: fn(&mut Self, &mut Value, &str, Mode)) {
        if let Some(a) = v.as_array_mut() {
            for (i, x) in a.iter_mut().enumerate() {
                f(self, x, &join(ptr, &i.to_string()), mode);
            }
        }
    }

    fn callback(&mut self, v: &mut Value, ptr: &str, mode: Mode) {
        if let Some(m) = v.as_object_mut() {
            for (expr, item) in m.iter_mut() {
                self.path_item(item, &join(ptr, expr), mode);
            }
        }
    }

    /// A parameter or header object: `schema`, or `content`.
    fn parameter(&mut self, v: &mut Value, ptr: &str, mode: Mode) {
        if let Some(s) = v.get_mut("schema") {
            self.schema(s, &join(ptr, "schema"), mode);
        }
        self.content_holder(v, ptr, mode);
    }

    fn response(&mut self, v: &mut Value, ptr: &str, mode: Mode) {
        if let Some(hs) = v.get_mut("headers").and_then(Value::as_object_mut) {
            for (name, h) in hs.iter_mut() {
                self.parameter(h, &join(&join(ptr, "headers"), name), mode);
            }
        }
        self.content_holder(v, ptr, mode);
    }

    /// An object with `content`: media types with a `schema` and `encoding` headers.
    fn content_holder(&mut self, v: &mut Value, ptr: &str, mode: Mode) {
        let Some(content) = v.get_mut("content").and_then(Value::as_object_mut) else { return };
        let cp = join(ptr, "content");
        for (mt, media) in content.iter_mut() {
            let mp = join(&cp, mt);
            if let Some(s) = media.get_mut("schema") {
                self.schema(s, &join(&mp, "schema"), mode);
            }
            if let Some(enc) = media.get_mut("encoding").and_then(Value::as_object_mut) {
                for (prop, e) in enc.iter_mut() {
                    self.response(e, &join(&join(&mp, "encoding"), prop), mode);
                }
            }
        }
    }

    /// Normalizes the schema `v` (at `ptr` in the input) read in `mode`, then its subschemas.
    fn schema(&mut self, v: &mut Value, ptr: &str, mut mode: Mode) {
        let Value::Object(m) = v else { return };
        if let Some(s) = m.get("$schema") {
            match s.as_str().and_then(Draft::from_uri) {
                Some(d) => {
                    mode.draft = d;
                    mode.oas30 = false;
                    m.insert("$schema".into(), json!(DRAFT_2020_12));
                }
                None => self.problems.push((
                    join(ptr, "$schema"),
                    format!(
                        "unknown `$schema` {s}: the accepted dialects are JSON Schema draft-04, draft-06, draft-07, 2019-09 and 2020-12"
                    ),
                )),
            }
        }
        if mode.oas30 || mode.oas31 {
            // Swagger 2.0's `x-nullable` is OpenAPI 3.0's `nullable` (kept beside a `$ref` below).
            if m.get("x-nullable") == Some(&Value::Bool(true)) {
                m.remove("x-nullable");
                m.insert("nullable".into(), json!(true));
            }
        }
        // Keywords beside `$ref` are ignored up to draft-07 and in OpenAPI 3.0.
        if (mode.draft <= Draft::Draft7 || mode.oas30) && m.contains_key("$ref") {
            m.retain(|k, _| REF_SIBLINGS.contains(&k.as_str()));
        }
        // Keywords the draft does not have mean nothing there: they go.
        if mode.draft < Draft::Draft2020 || mode.oas30 {
            // A keyword of another draft is not one of this draft: an annotation here, dropped so
            // that it does not take its other meaning. A keyword of no draft at all (another
            // tool's `tsType`, `markdownDescription`, a typo) stays, for the reader to report
            // (a warning, or an error in strict mode).
            m.retain(|k, _| k.starts_with("x-") || known(mode, k) || !in_some_draft(k));
        }
        self.convert(m, mode);
        if mode.oas30 || mode.oas31 {
            self.openapi_keywords(v, ptr);
        }
        let Value::Object(m) = v else { return };
        // The subschemas, under their 2020-12 names (the conversion is done).
        for (k, sub) in m.iter_mut() {
            let p = join(ptr, k);
            match k.as_str() {
                "additionalProperties"
                | "items"
                | "contains"
                | "not"
                | "if"
                | "then"
                | "else"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => self.schema(sub, &p, mode),
                "properties" | "patternProperties" | "dependentSchemas" | "$defs" | "definitions" => {
                    if let Some(map) = sub.as_object_mut() {
                        for (name, s) in map.iter_mut() {
                            self.schema(s, &join(&p, name), mode);
                        }
                    }
                }
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => self.each(sub, &p, mode, Self::schema),
                _ => {}
            }
        }
    }

    /// The draft-specific spellings, rewritten to their 2020-12 equivalents.
    fn convert(&mut self, m: &mut Map<String, Value>, mode: Mode) {
        // draft-04 `id`; a plain-name fragment is an anchor in 2020-12.
        if let Some(id) = m.remove("id") {
            m.insert("$id".into(), id);
        }
        if let Some(Value::String(id)) = m.get("$id").cloned() {
            if mode.draft < Draft::Draft2019 {
                if let Some((base, frag)) = id.split_once('#') {
                    if base.is_empty() {
                        m.remove("$id");
                    } else {
                        m.insert("$id".into(), json!(base));
                    }
                    if !frag.is_empty() && !frag.starts_with('/') {
                        m.insert("$anchor".into(), json!(frag));
                    }
                }
            } else if let Some(base) = id.strip_suffix('#') {
                // 2019-09 allowed an empty fragment (`"$id": "https://x/y#"`).
                m.insert("$id".into(), json!(base));
            }
        }
        // Boolean exclusive bounds (draft-04, OpenAPI 3.0) become numbers.
        for (ex, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            if let Some(Value::Bool(b)) = m.get(ex) {
                let b = *b;
                m.remove(ex);
                if b {
                    if let Some(n) = m.remove(bound) {
                        m.insert(ex.into(), n);
                    }
                }
            }
        }
        // `dependencies`: a list of names is `dependentRequired`, a schema `dependentSchemas`.
        if let Some(Value::Object(deps)) = m.remove("dependencies") {
            for (name, d) in deps {
                let key = if d.is_array() { "dependentRequired" } else { "dependentSchemas" };
                let slot = m.entry(key).or_insert_with(|| json!({}));
                if let Value::Object(slot) = slot {
                    slot.entry(name).or_insert(d);
                }
            }
        }
        // Up to 2019-09, `items` as an array is the tuple form, followed by `additionalItems`.
        if mode.draft <= Draft::Draft2019 {
            let additional = m.remove("additionalItems");
            if matches!(m.get("items"), Some(Value::Array(_))) {
                let tuple = m.remove("items").unwrap_or(Value::Null);
                m.insert("prefixItems".into(), tuple);
                if let Some(a) = additional {
                    m.insert("items".into(), a);
                }
            }
        }
        // 2019-09 recursion: within one schema resource `$recursiveRef` is a `$ref`.
        if let Some(r) = m.remove("$recursiveRef") {
            m.insert("$ref".into(), r);
        }
        m.remove("$recursiveAnchor");
    }

    /// OpenAPI schema keywords: `nullable` (3.0, and left in some 3.1 documents), `example`,
    /// and the annotations JSON Schema does not have.
    fn openapi_keywords(&mut self, v: &mut Value, _ptr: &str) {
        let Value::Object(m) = v else { return };
        if let Some(e) = m.remove("example") {
            m.entry("examples").or_insert_with(|| json!([e]));
        }
        m.remove("xml");
        m.remove("externalDocs");
        let Some(nullable) = m.remove("nullable") else { return };
        if nullable != Value::Bool(true) {
            return;
        }
        match m.get_mut("type") {
            Some(Value::String(t)) => {
                let t = std::mem::take(t);
                if t != "null" {
                    m.insert("type".into(), json!([t, "null"]));
                }
            }
            Some(Value::Array(ts)) => {
                if !ts.contains(&json!("null")) {
                    ts.push(json!("null"));
                }
            }
            Some(_) => {}
            None => {
                // `nullable` beside `$ref` or a composition: the value may also be null.
                if ["$ref", "allOf", "oneOf", "anyOf"].iter().any(|k| m.contains_key(*k)) {
                    let mut inner = std::mem::take(m);
                    for k in ["title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"] {
                        if let Some(x) = inner.remove(k) {
                            m.insert(k.into(), x);
                        }
                    }
                    m.insert("anyOf".into(), json!([Value::Object(inner), {"type": "null"}]));
                }
                return;
            }
        }
        if let Some(Value::Array(e)) = m.get_mut("enum") {
            if !e.contains(&Value::Null) {
                e.push(Value::Null);
            }
        }
    }
}
