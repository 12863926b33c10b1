//! Swagger 2.0 -> OpenAPI 3.0 document shape (its schemas are then normalized like any 3.0
//! document's by [`super::dialect`]).
//!
//! - `definitions`, `parameters`, `responses` -> `components.schemas|parameters|responses`, with
//!   every `$ref` rewritten (`#/definitions/X` -> `#/components/schemas/X`, ...);
//! - a `body` parameter -> `requestBody` (one media type per `consumes`, default JSON);
//! - `formData` parameters -> one object schema body, `multipart/form-data` when a parameter is a
//!   `type: file` or `consumes` asks for it, `application/x-www-form-urlencoded` otherwise;
//! - other parameters: their type keywords -> `schema`, `collectionFormat` -> `style`/`explode`;
//! - a response `schema` (and `examples`) -> `content` per `produces`; headers get a `schema`;
//! - `securityDefinitions` -> `components.securitySchemes` (basic -> http basic, apiKey as is,
//!   oauth2 `flow` -> `flows`);
//! - `host`, `basePath`, `schemes` -> `servers`;
//! - in schemas, `discriminator: "name"` -> `{propertyName: "name"}`, `type: file` -> binary
//!   string, `x-nullable` -> `nullable` (done by the 3.0 schema normalization).

use serde_json::{json, Map, Value};

use super::dialect::Problems;
use crate::diag::join;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];
/// The keywords of a non-body parameter (and of an `items` / header object) that are schema.
const SCHEMA_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// Converts a Swagger 2.0 document (`swagger: "2.0"`) into the OpenAPI 3.0.3 shape.
pub(super) fn convert(doc: Value, problems: &mut Problems) -> Value {
    let Value::Object(mut src) = doc else { return doc };
    match src.get("swagger").and_then(Value::as_str) {
        Some("2.0") => {}
        other => {
            problems.push((
                "/swagger".into(),
                format!(
                    "unsupported Swagger version {}, expected \"2.0\"",
                    other.map_or("(not a string)".into(), |s| format!("`{s}`"))
                ),
            ));
            return Value::Object(src);
        }
    }
    src.remove("swagger");
    let consumes = strings(src.remove("consumes")).unwrap_or_else(|| vec!["application/json".into()]);
    let produces = strings(src.remove("produces")).unwrap_or_else(|| vec!["application/json".into()]);
    let global_params = src.remove("parameters").and_then(into_object).unwrap_or_default();
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    // Servers.
    let host = src.remove("host");
    let base = src.remove("basePath").and_then(|b| b.as_str().map(str::to_owned)).unwrap_or_default();
    let schemes = strings(src.remove("schemes")).unwrap_or_else(|| vec!["https".into()]);
    let mut components = Map::new();
    let mut rest = Map::new();
    for (k, v) in src {
        match k.as_str() {
            "definitions" => {
                components.insert("schemas".into(), v);
            }
            "responses" => {
                let mut rs = Map::new();
                for (name, r) in into_object(v).unwrap_or_default() {
                    rs.insert(name, response(r, &produces));
                }
                components.insert("responses".into(), Value::Object(rs));
            }
            "securityDefinitions" => {
                let mut ss = Map::new();
                for (name, s) in into_object(v).unwrap_or_default() {
                    let p = join("/securityDefinitions", &name);
                    ss.insert(name, security_scheme(s, &p, problems));
                }
                components.insert("securitySchemes".into(), Value::Object(ss));
            }
            "paths" => {
                let mut paths = Map::new();
                for (path, item) in into_object(v).unwrap_or_default() {
                    let p = join("/paths", &path);
                    paths.insert(path, path_item(item, &p, &consumes, &produces, &global_params, problems));
                }
                rest.insert("paths".into(), Value::Object(paths));
            }
            _ => {
                rest.insert(k, v);
            }
        }
    }
    if let Some(Value::String(h)) = host {
        let servers: Vec<Value> = schemes.iter().map(|s| json!({"url": format!("{s}://{h}{base}")})).collect();
        out.insert("servers".into(), Value::Array(servers));
    } else if !base.is_empty() {
        out.insert("servers".into(), json!([{"url": base}]));
    }
    // Global non-body parameters stay reusable; body and formData ones are inlined where used.
    let mut params = Map::new();
    for (name, p) in &global_params {
        if !matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData")) {
            params.insert(name.clone(), parameter(p.clone()));
        }
    }
    if !params.is_empty() {
        components.insert("parameters".into(), Value::Object(params));
    }
    out.extend(rest);
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    let mut out = Value::Object(out);
    rewrite(&mut out, false, "");
    out
}

fn into_object(v: Value) -> Option<Map<String, Value>> {
    match v {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

fn strings(v: Option<Value>) -> Option<Vec<String>> {
    let a = v?.as_array()?.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect::<Vec<_>>();
    (!a.is_empty()).then_some(a)
}

fn path_item(
    item: Value,
    ptr: &str,
    consumes: &[String],
    produces: &[String],
    globals: &Map<String, Value>,
    problems: &mut Problems,
) -> Value {
    let Value::Object(item) = item else { return item };
    // Path-level body/formData parameters belong to each operation's body.
    let shared: Vec<Value> = item
        .get("parameters")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|p| resolve_param(p, globals)).collect())
        .unwrap_or_default();
    let mut out = Map::new();
    for (k, v) in item {
        if k == "parameters" {
            let kept: Vec<Value> = v
                .as_array()
                .map(|a| {
                    a.iter().filter(|p| !is_body_like(&resolve_param(p, globals))).cloned().map(parameter).collect()
                })
                .unwrap_or_default();
            if !kept.is_empty() {
                out.insert(k, Value::Array(kept));
            }
        } else if METHODS.contains(&k.as_str()) {
            let p = join(ptr, &k);
            out.insert(k, operation(v, &p, consumes, produces, globals, &shared, problems));
        } else {
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

fn is_body_like(p: &Value) -> bool {
    matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData"))
}

/// A `$ref` to a global parameter, followed (one level), or the parameter itself.
fn resolve_param(p: &Value, globals: &Map<String, Value>) -> Value {
    match p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/parameters/")) {
        Some(name) => globals.get(&unescape(name)).cloned().unwrap_or_else(|| p.clone()),
        None => p.clone(),
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn operation(
    op: Value,
    ptr: &str,
    consumes: &[String],
    produces: &[String],
    globals: &Map<String, Value>,
    shared: &[Value],
    problems: &mut Problems,
) -> Value {
    let Value::Object(mut op) = op else { return op };
    let consumes = strings(op.remove("consumes")).unwrap_or_else(|| consumes.to_vec());
    let produces = strings(op.remove("produces")).unwrap_or_else(|| produces.to_vec());
    op.remove("schemes");
    let own: Vec<Value> = op.remove("parameters").and_then(|v| v.as_array().cloned()).unwrap_or_default();
    // The operation's parameters override the path's (same name and location).
    let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
    let resolved_own: Vec<Value> = own.iter().map(|p| resolve_param(p, globals)).collect();
    let mut body_like: Vec<Value> =
        shared.iter().filter(|s| is_body_like(s) && !resolved_own.iter().any(|o| key(o) == key(s))).cloned().collect();
    let mut params = Vec::new();
    for (raw, p) in own.into_iter().zip(resolved_own) {
        if is_body_like(&p) {
            body_like.push(p);
        } else {
            params.push(parameter(raw));
        }
    }
    let mut out = Map::new();
    for (k, v) in op {
        if k == "responses" {
            let mut rs = Map::new();
            for (code, r) in into_object(v).unwrap_or_default() {
                rs.insert(code, response(r, &produces));
            }
            out.insert(k, Value::Object(rs));
        } else {
            out.insert(k, v);
        }
    }
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    if let Some(body) = request_body(body_like, &consumes, ptr, problems) {
        out.insert("requestBody".into(), body);
    }
    Value::Object(out)
}

fn request_body(params: Vec<Value>, consumes: &[String], ptr: &str, problems: &mut Problems) -> Option<Value> {
    if params.is_empty() {
        return None;
    }
    let (body, form): (Vec<Value>, Vec<Value>) =
        params.into_iter().partition(|p| p.get("in").and_then(Value::as_str) == Some("body"));
    if !body.is_empty() && !form.is_empty() {
        problems.push((
            join(ptr, "parameters"),
            "a `body` parameter and `formData` parameters cannot be used together (Swagger 2.0, Parameter Object)"
                .into(),
        ));
    }
    if let Some(b) = body.into_iter().next() {
        let schema = b.get("schema").cloned().unwrap_or(json!({}));
        let mut content = Map::new();
        for mt in consumes {
            content.insert(mt.clone(), json!({"schema": schema.clone()}));
        }
        let mut rb = Map::new();
        if let Some(d) = b.get("description") {
            rb.insert("description".into(), d.clone());
        }
        rb.insert("content".into(), Value::Object(content));
        if b.get("required") == Some(&Value::Bool(true)) {
            rb.insert("required".into(), json!(true));
        }
        return Some(Value::Object(rb));
    }
    let mut props = Map::new();
    let mut required = Vec::new();
    let mut file = false;
    for p in &form {
        let Some(name) = p.get("name").and_then(Value::as_str) else { continue };
        let mut s = schema_of(p);
        if let Some(d) = p.get("description") {
            if let Value::Object(m) = &mut s {
                m.insert("description".into(), d.clone());
            }
        }
        file |= p.get("type").and_then(Value::as_str) == Some("file");
        props.insert(name.to_owned(), s);
        if p.get("required") == Some(&Value::Bool(true)) {
            required.push(json!(name));
        }
    }
    let multipart = file || consumes.iter().any(|c| c == "multipart/form-data");
    let urlencoded = consumes.iter().any(|c| c == "application/x-www-form-urlencoded");
    let mut schema = json!({"type": "object", "properties": props});
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    let mut content = Map::new();
    if multipart {
        content.insert("multipart/form-data".into(), json!({"schema": schema.clone()}));
    }
    if urlencoded || !multipart {
        content.insert("application/x-www-form-urlencoded".into(), json!({"schema": schema}));
    }
    let required = form.iter().any(|p| p.get("required") == Some(&Value::Bool(true)));
    let mut rb = json!({"content": content});
    if required {
        rb["required"] = json!(true);
    }
    Some(rb)
}

/// The schema of a non-body parameter, header or `items` object (its type keywords).
fn schema_of(p: &Value) -> Value {
    let mut s = Map::new();
    if let Value::Object(m) = p {
        for (k, v) in m {
            if SCHEMA_KEYS.contains(&k.as_str()) {
                let v = if k == "items" { schema_of(v) } else { v.clone() };
                s.insert(k.clone(), v);
            }
        }
    }
    if s.get("type").and_then(Value::as_str) == Some("file") {
        s.insert("type".into(), json!("string"));
        s.insert("format".into(), json!("binary"));
    }
    Value::Object(s)
}

/// A non-body parameter: type keywords -> `schema`, `collectionFormat` -> `style`/`explode`.
fn parameter(p: Value) -> Value {
    let Value::Object(m) = &p else { return p };
    if m.contains_key("$ref") {
        return p;
    }
    let schema = schema_of(&p);
    let location = m.get("in").and_then(Value::as_str).unwrap_or("query").to_owned();
    let mut out = Map::new();
    for (k, v) in m {
        if !SCHEMA_KEYS.contains(&k.as_str()) && k != "collectionFormat" {
            out.insert(k.clone(), v.clone());
        }
    }
    out.insert("schema".into(), schema);
    if m.get("type").and_then(Value::as_str) == Some("array") {
        let (style, explode) = match m.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv") {
            "multi" => ("form", true),
            "ssv" => ("spaceDelimited", false),
            "pipes" => ("pipeDelimited", false),
            _ if location == "query" => ("form", false),
            _ => ("simple", false),
        };
        out.insert("style".into(), json!(style));
        out.insert("explode".into(), json!(explode));
    }
    Value::Object(out)
}

fn response(r: Value, produces: &[String]) -> Value {
    let Value::Object(mut r) = r else { return r };
    if r.contains_key("$ref") {
        return Value::Object(r);
    }
    let schema = r.remove("schema");
    let examples = r.remove("examples").and_then(into_object).unwrap_or_default();
    if let Some(Value::Object(hs)) = r.get_mut("headers") {
        for h in hs.values_mut() {
            let mut out = Map::new();
            if let Some(d) = h.get("description") {
                out.insert("description".into(), d.clone());
            }
            out.insert("schema".into(), schema_of(h));
            *h = Value::Object(out);
        }
    }
    if let Some(mut schema) = schema {
        if schema.get("type").and_then(Value::as_str) == Some("file") {
            schema = json!({"type": "string", "format": "binary"});
        }
        let mut content = Map::new();
        for mt in produces {
            let mut media = json!({"schema": schema.clone()});
            if let Some(e) = examples.get(mt) {
                media["example"] = e.clone();
            }
            content.insert(mt.clone(), media);
        }
        r.insert("content".into(), Value::Object(content));
    }
    Value::Object(r)
}

fn security_scheme(s: Value, ptr: &str, problems: &mut Problems) -> Value {
    let Value::Object(mut m) = s else { return s };
    let description = m.remove("description");
    let mut out = match m.get("type").and_then(Value::as_str) {
        Some("basic") => json!({"type": "http", "scheme": "basic"}),
        Some("apiKey") => json!({"type": "apiKey", "name": m.get("name"), "in": m.get("in")}),
        Some("oauth2") => {
            let flow = match m.get("flow").and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                other => {
                    problems.push((join(ptr, "flow"), format!("unknown OAuth2 flow {other:?}")));
                    "implicit"
                }
            };
            let mut f = Map::new();
            for k in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(v) = m.get(k) {
                    f.insert(k.into(), v.clone());
                }
            }
            f.entry("scopes").or_insert_with(|| json!({}));
            json!({"type": "oauth2", "flows": {flow: f}})
        }
        other => {
            problems.push((join(ptr, "type"), format!("unknown security scheme type {other:?}")));
            return Value::Object(m);
        }
    };
    if let Some(d) = description {
        out["description"] = d;
    }
    for (k, v) in m {
        if k.starts_with("x-") {
            out[k.as_str()] = v;
        }
    }
    out
}

/// Rewrites the `$ref`s to 2.0 places and the 2.0-only schema spellings, everywhere except in
/// example data.
fn rewrite(v: &mut Value, in_data: bool, parent: &str) {
    match v {
        Value::Object(m) => {
            if !in_data {
                if let Some(Value::String(r)) = m.get_mut("$ref") {
                    for (from, to) in [
                        ("#/definitions/", "#/components/schemas/"),
                        ("#/parameters/", "#/components/parameters/"),
                        ("#/responses/", "#/components/responses/"),
                    ] {
                        if let Some(rest) = r.strip_prefix(from) {
                            *r = format!("{to}{rest}");
                        }
                    }
                }
                if let Some(Value::String(d)) = m.get("discriminator") {
                    let d = d.clone();
                    m.insert("discriminator".into(), json!({"propertyName": d}));
                }
            }
            // Under `properties` (and other maps of names) a key is a name, not a keyword.
            let names = matches!(
                parent,
                "properties" | "patternProperties" | "schemas" | "definitions" | "responses" | "parameters" | "headers"
            );
            for (k, x) in m.iter_mut() {
                let data =
                    in_data || (!names && matches!(k.as_str(), "example" | "examples" | "default" | "enum" | "const"));
                rewrite(x, data, k);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rewrite(x, in_data, "")),
        _ => {}
    }
}
