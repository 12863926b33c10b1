//! Reads the OpenAPI 3.1 document level: info, servers, the one operation, components.

use serde_json::{Map, Value};

use super::schema::{boolean, object, read_schema, string, unknown_key, Schema};
use super::{Document, DocumentKind};
use crate::diag::{join, Ctx};

#[derive(Debug, Clone, Default)]
pub struct VendorDoc {
    pub title: Option<String>,
    pub url: Option<String>,
    pub seed: Option<String>,
    /// The revision (a date) of the vendor document the spec follows.
    pub revision: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub vendor_doc: Option<VendorDoc>,
}

#[derive(Debug, Clone)]
pub struct ServerVariable {
    pub name: String,
    pub default: String,
    pub values: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Query,
    Header,
    Path,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Schema,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub struct ApiKeyScheme {
    pub scheme: String,
    pub location: ParamLocation,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ErrorCodeSpec {
    pub code: i64,
    pub name: String,
    pub description: String,
    pub retry: bool,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub struct Callback {
    pub name: String,
    pub expression: String,
    pub body: Option<Schema>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub parameters: Vec<Parameter>,
    pub security: Vec<ApiKeyScheme>,
    pub request: Option<Schema>,
    pub response: Option<Schema>,
    pub callbacks: Vec<Callback>,
    pub error_codes: Vec<ErrorCodeSpec>,
    /// `x-error-code-field`: the response field holding the code, and where it was written.
    pub error_code_field: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Api {
    pub info: Info,
    pub servers: Vec<Server>,
    pub operation: Operation,
}

const TOP: &[&str] =
    &["openapi", "info", "jsonSchemaDialect", "servers", "paths", "components", "security", "tags", "externalDocs"];
const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

pub(super) fn read_api(cx: &mut Ctx, obj: &Map<String, Value>) -> Option<Document> {
    for k in obj.keys() {
        if !TOP.contains(&k.as_str()) {
            unknown_key(cx, &join("", k), k, "top-level key", TOP);
        }
    }
    match obj.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.1.") => {}
        Some(Value::String(v)) => cx.err("/openapi", format!("unsupported OpenAPI version `{v}`, expected 3.1.x")),
        Some(other) => super::schema::expected(cx, "/openapi", "openapi", "a string", other),
        None => {}
    }
    if let Some(v) = obj.get("jsonSchemaDialect") {
        if v.as_str() != Some("https://json-schema.org/draft/2020-12/schema") {
            cx.err("/jsonSchemaDialect", "only the JSON Schema 2020-12 dialect is supported");
        }
    }
    let info = match obj.get("info") {
        Some(v) => read_info(cx, v),
        None => {
            cx.err("", "missing `info`");
            Info::default()
        }
    };
    let servers = obj.get("servers").map(|v| read_servers(cx, v)).unwrap_or_default();

    // components first: security requirements refer to its schemes.
    let mut schemas = Vec::new();
    let mut schemes: Vec<(String, ApiKeyScheme)> = Vec::new();
    let mut broken_schemes: Vec<String> = Vec::new();
    if let Some(c) = obj.get("components").and_then(|v| object(cx, "/components", "components", v)) {
        for (k, v) in c {
            let kp = join("/components", k);
            match k.as_str() {
                "schemas" => {
                    if let Some(m) = object(cx, &kp, k, v) {
                        for (name, s) in m {
                            schemas.push((name.clone(), read_schema(cx, s, &join(&kp, name), false)));
                        }
                    }
                }
                "securitySchemes" => {
                    if let Some(m) = object(cx, &kp, k, v) {
                        for (name, s) in m {
                            if let Some(sc) = read_scheme(cx, &join(&kp, name), name, s) {
                                schemes.push((name.clone(), sc));
                            } else {
                                broken_schemes.push(name.clone());
                            }
                        }
                    }
                }
                _ => unknown_key(cx, &kp, k, "components key", &["schemas", "securitySchemes"]),
            }
        }
    }
    let default_security = obj.get("security").map(|v| read_security(cx, "/security", v, &schemes, &broken_schemes));
    if let Some(v) = obj.get("tags") {
        if !v.is_array() {
            super::schema::expected(cx, "/tags", "tags", "an array", v);
        }
    }

    let operation =
        read_paths(cx, obj.get("paths"), (&schemes, &broken_schemes), default_security.unwrap_or_default())?;
    Some(Document {
        raw: Value::Object(obj.clone()),
        schemas,
        ref_prefix: "#/components/schemas/",
        kind: DocumentKind::OpenApi(Box::new(Api { info, servers, operation })),
    })
}

fn read_info(cx: &mut Ctx, v: &Value) -> Info {
    let mut info = Info::default();
    let Some(m) = object(cx, "/info", "info", v) else { return info };
    for (k, val) in m {
        let kp = join("/info", k);
        match k.as_str() {
            "title" => info.title = string(cx, &kp, k, val).unwrap_or_default(),
            "version" => info.version = string(cx, &kp, k, val).unwrap_or_default(),
            "summary" => info.summary = string(cx, &kp, k, val),
            "description" => info.description = string(cx, &kp, k, val),
            "contact" | "license" | "termsOfService" => {}
            "x-vendor-doc" => {
                let mut d = VendorDoc::default();
                if let Some(dm) = object(cx, &kp, k, val) {
                    for (dk, dv) in dm {
                        let dp = join(&kp, dk);
                        match dk.as_str() {
                            "title" => d.title = string(cx, &dp, dk, dv),
                            "url" => d.url = string(cx, &dp, dk, dv),
                            "seed" => d.seed = string(cx, &dp, dk, dv),
                            "revision" => d.revision = string(cx, &dp, dk, dv),
                            _ => unknown_key(cx, &dp, dk, "x-vendor-doc key", &["title", "url", "seed", "revision"]),
                        }
                    }
                }
                info.vendor_doc = Some(d);
            }
            _ => unknown_key(
                cx,
                &kp,
                k,
                "info key",
                &["title", "version", "summary", "description", "contact", "license", "termsOfService", "x-vendor-doc"],
            ),
        }
    }
    if info.title.is_empty() {
        cx.err("/info", "`info` needs a `title`");
    }
    if info.version.is_empty() {
        cx.err("/info", "`info` needs a `version`");
    }
    info
}

fn read_servers(cx: &mut Ctx, v: &Value) -> Vec<Server> {
    let Value::Array(a) = v else {
        super::schema::expected(cx, "/servers", "servers", "an array", v);
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, s) in a.iter().enumerate() {
        let sp = join("/servers", &i.to_string());
        let Some(m) = object(cx, &sp, "server", s) else { continue };
        let mut server = Server { url: String::new(), description: None, variables: Vec::new() };
        for (k, val) in m {
            let kp = join(&sp, k);
            match k.as_str() {
                "url" => server.url = string(cx, &kp, k, val).unwrap_or_default(),
                "description" => server.description = string(cx, &kp, k, val),
                "variables" => {
                    let Some(vm) = object(cx, &kp, k, val) else { continue };
                    for (name, var) in vm {
                        let vp = join(&kp, name);
                        let Some(varm) = object(cx, &vp, name, var) else { continue };
                        let mut sv = ServerVariable {
                            name: name.clone(),
                            default: String::new(),
                            values: Vec::new(),
                            description: None,
                        };
                        for (vk, vv) in varm {
                            let p = join(&vp, vk);
                            match vk.as_str() {
                                "default" => sv.default = string(cx, &p, vk, vv).unwrap_or_default(),
                                "enum" => sv.values = super::schema::string_list(cx, &p, vk, vv),
                                "description" => sv.description = string(cx, &p, vk, vv),
                                _ => {
                                    unknown_key(cx, &p, vk, "server variable key", &["default", "enum", "description"])
                                }
                            }
                        }
                        if !server.url.is_empty() && !server.url.contains(&format!("{{{name}}}")) {
                            cx.err(&vp, format!("server variable `{name}` does not appear in the url"));
                        }
                        server.variables.push(sv);
                    }
                }
                _ => unknown_key(cx, &kp, k, "server key", &["url", "description", "variables"]),
            }
        }
        if server.url.is_empty() {
            cx.err(&sp, "a server needs a `url`");
        }
        out.push(server);
    }
    out
}

fn read_scheme(cx: &mut Ctx, sp: &str, name: &str, v: &Value) -> Option<ApiKeyScheme> {
    let m = object(cx, sp, name, v)?;
    if let Some(t) = m.get("type").and_then(Value::as_str).filter(|t| *t != "apiKey") {
        // Other scheme types have other keys; one error says it all.
        cx.err(&join(sp, "type"), format!("unsupported security scheme type `{t}`, only `apiKey` is supported"));
        return None;
    }
    let (mut ty, mut loc, mut key, mut description) = (None, None, None, None);
    for (k, val) in m {
        let kp = join(sp, k);
        match k.as_str() {
            "type" => ty = string(cx, &kp, k, val),
            "in" => loc = string(cx, &kp, k, val),
            "name" => key = string(cx, &kp, k, val),
            "description" => description = string(cx, &kp, k, val),
            _ => unknown_key(cx, &kp, k, "security scheme key", &["type", "in", "name", "description"]),
        }
    }
    match ty.as_deref() {
        Some("apiKey") => {}
        Some(t) => {
            cx.err(&join(sp, "type"), format!("unsupported security scheme type `{t}`, only `apiKey` is supported"));
            return None;
        }
        None => {
            cx.err(sp, "a security scheme needs `type`");
            return None;
        }
    }
    let location = match loc.as_deref() {
        Some("query") => ParamLocation::Query,
        Some("header") => ParamLocation::Header,
        Some(l) => {
            cx.err(&join(sp, "in"), format!("unsupported api key location `{l}`, expected `query` or `header`"));
            return None;
        }
        None => {
            cx.err(sp, "an apiKey scheme needs `in`");
            return None;
        }
    };
    let Some(key) = key else {
        cx.err(sp, "an apiKey scheme needs `name`");
        return None;
    };
    Some(ApiKeyScheme { scheme: name.to_owned(), location, name: key, description })
}

fn read_security(
    cx: &mut Ctx,
    sp: &str,
    v: &Value,
    schemes: &[(String, ApiKeyScheme)],
    broken: &[String],
) -> Vec<ApiKeyScheme> {
    let Value::Array(a) = v else {
        super::schema::expected(cx, sp, "security", "an array", v);
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, req) in a.iter().enumerate() {
        let rp = join(sp, &i.to_string());
        let Some(m) = object(cx, &rp, "security requirement", req) else { continue };
        for k in m.keys() {
            match schemes.iter().find(|(n, _)| n == k) {
                Some((_, s)) => out.push(s.clone()),
                None if broken.contains(k) => {}
                None => cx.err(
                    &join(&rp, k),
                    format!("security scheme `{k}` is not defined in `components.securitySchemes`"),
                ),
            }
        }
    }
    out
}

type Schemes<'a> = (&'a [(String, ApiKeyScheme)], &'a [String]);

fn read_paths(
    cx: &mut Ctx,
    v: Option<&Value>,
    schemes: Schemes<'_>,
    default_security: Vec<ApiKeyScheme>,
) -> Option<Operation> {
    let Some(v) = v else {
        cx.err("", "missing `paths`: a spec describes exactly one operation");
        return None;
    };
    let m = object(cx, "/paths", "paths", v)?;
    if m.len() != 1 {
        cx.err("/paths", format!("a spec has exactly one path with one operation, found {} paths", m.len()));
        return None;
    }
    let (path, item) = m.iter().next()?;
    let pp = join("/paths", path);
    let im = object(cx, &pp, path, item)?;
    let mut found = None;
    for (k, val) in im {
        let kp = join(&pp, k);
        if METHODS.contains(&k.as_str()) {
            if found.is_some() {
                cx.err(&kp, "a spec has exactly one path with one operation, found a second one");
            } else {
                found = Some((k.clone(), kp, val));
            }
        } else if k != "summary" && k != "description" {
            unknown_key(
                cx,
                &kp,
                k,
                "path item key",
                &["get", "post", "put", "patch", "delete", "summary", "description"],
            );
        }
    }
    let Some((method, op_ptr, op)) = found else {
        cx.err(&pp, "the path has no operation");
        return None;
    };
    read_operation(cx, &op_ptr, op, method, path.clone(), schemes, default_security)
}

const OP_KEYS: &[&str] = &[
    "operationId",
    "summary",
    "description",
    "tags",
    "externalDocs",
    "parameters",
    "security",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "x-error-codes",
    "x-error-code-field",
];

fn read_operation(
    cx: &mut Ctx,
    op_ptr: &str,
    v: &Value,
    method: String,
    path: String,
    schemes: Schemes<'_>,
    default_security: Vec<ApiKeyScheme>,
) -> Option<Operation> {
    let m = object(cx, op_ptr, &method, v)?;
    let mut op = Operation {
        method: method.to_uppercase(),
        path,
        operation_id: String::new(),
        summary: None,
        description: None,
        parameters: Vec::new(),
        security: default_security,
        request: None,
        response: None,
        callbacks: Vec::new(),
        error_codes: Vec::new(),
        error_code_field: None,
    };
    for (k, val) in m {
        let kp = join(op_ptr, k);
        match k.as_str() {
            "operationId" => op.operation_id = string(cx, &kp, k, val).unwrap_or_default(),
            "summary" => op.summary = string(cx, &kp, k, val),
            "description" => op.description = string(cx, &kp, k, val),
            "tags" | "externalDocs" => {}
            "deprecated" => {
                boolean(cx, &kp, k, val);
            }
            "parameters" => op.parameters = read_parameters(cx, &kp, val),
            "security" => op.security = read_security(cx, &kp, val, schemes.0, schemes.1),
            "requestBody" => op.request = read_body(cx, &kp, val),
            "responses" => op.response = read_responses(cx, &kp, val),
            "callbacks" => op.callbacks = read_callbacks(cx, &kp, val),
            "x-error-codes" => op.error_codes = read_error_codes(cx, &kp, val),
            "x-error-code-field" => op.error_code_field = string(cx, &kp, k, val).map(|f| (f, kp.clone())),
            _ => unknown_key(cx, &kp, k, "operation key", OP_KEYS),
        }
    }
    if op.operation_id.is_empty() {
        cx.err(op_ptr, "the operation needs an `operationId`");
    }
    Some(op)
}

fn read_parameters(cx: &mut Ctx, kp: &str, v: &Value) -> Vec<Parameter> {
    let Value::Array(a) = v else {
        super::schema::expected(cx, kp, "parameters", "an array", v);
        return Vec::new();
    };
    let mut out: Vec<Parameter> = Vec::new();
    for (i, p) in a.iter().enumerate() {
        let pp = join(kp, &i.to_string());
        let Some(m) = object(cx, &pp, "parameter", p) else { continue };
        let (mut name, mut loc, mut required, mut description, mut schema) = (None, None, false, None, None);
        for (k, val) in m {
            let fp = join(&pp, k);
            match k.as_str() {
                "name" => name = string(cx, &fp, k, val),
                "in" => match string(cx, &fp, k, val).as_deref() {
                    Some("query") => loc = Some(super::ParamLocation::Query),
                    Some("header") => loc = Some(super::ParamLocation::Header),
                    Some("path") => loc = Some(super::ParamLocation::Path),
                    Some(other) => cx.err(
                        &fp,
                        format!("unsupported parameter location `{other}`, expected `query`, `header` or `path`"),
                    ),
                    None => {}
                },
                "required" => required = boolean(cx, &fp, k, val),
                "description" => description = string(cx, &fp, k, val),
                "schema" => schema = Some(read_schema(cx, val, &fp, false)),
                "example" | "examples" | "deprecated" => {}
                _ => unknown_key(
                    cx,
                    &fp,
                    k,
                    "parameter key",
                    &["name", "in", "required", "description", "schema", "example", "examples", "deprecated"],
                ),
            }
        }
        let (Some(name), Some(location)) = (name, loc) else {
            if !cx.has_errors() {
                cx.err(&pp, "a parameter needs `name` and `in`");
            }
            continue;
        };
        let Some(schema) = schema else {
            cx.err(&pp, format!("parameter `{name}` needs a `schema`"));
            continue;
        };
        if out.iter().any(|o| o.name == name && o.location == location) {
            cx.err(&join(&pp, "name"), format!("parameter `{name}` is defined twice"));
            continue;
        }
        out.push(Parameter { name, location, required, description, schema, pointer: pp });
    }
    out
}

fn read_media(cx: &mut Ctx, kp: &str, v: &Value) -> Option<Schema> {
    let m = object(cx, kp, "content", v)?;
    let mut schema = None;
    for (k, val) in m {
        let mp = join(kp, k);
        if k != "application/json" {
            cx.err(&mp, format!("unsupported media type `{k}`, only `application/json` is supported"));
            continue;
        }
        let Some(mm) = object(cx, &mp, k, val) else { continue };
        for (mk, mv) in mm {
            let p = join(&mp, mk);
            match mk.as_str() {
                "schema" => schema = Some(read_schema(cx, mv, &p, false)),
                "example" => {}
                "examples" => {
                    if let Some(ex) = object(cx, &p, mk, mv) {
                        for (en, ev) in ex {
                            let ep = join(&p, en);
                            if let Some(em) = object(cx, &ep, en, ev) {
                                for ek in em.keys() {
                                    if !["summary", "description", "value"].contains(&ek.as_str()) {
                                        unknown_key(
                                            cx,
                                            &join(&ep, ek),
                                            ek,
                                            "example key",
                                            &["summary", "description", "value"],
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
                _ => unknown_key(cx, &p, mk, "media type key", &["schema", "example", "examples"]),
            }
        }
    }
    schema
}

fn read_body(cx: &mut Ctx, kp: &str, v: &Value) -> Option<Schema> {
    let m = object(cx, kp, "requestBody", v)?;
    let mut schema = None;
    for (k, val) in m {
        let p = join(kp, k);
        match k.as_str() {
            "content" => schema = read_media(cx, &p, val),
            "description" => {
                string(cx, &p, k, val);
            }
            "required" => {
                boolean(cx, &p, k, val);
            }
            _ => unknown_key(cx, &p, k, "request body key", &["content", "description", "required"]),
        }
    }
    schema
}

fn read_responses(cx: &mut Ctx, kp: &str, v: &Value) -> Option<Schema> {
    let m = object(cx, kp, "responses", v)?;
    let mut schema = None;
    for (status, r) in m {
        let sp = join(kp, status);
        let ok =
            status.len() == 3 && status.chars().all(|c| c.is_ascii_digit()) || status == "default" || status == "2XX";
        if !ok {
            cx.err(&sp, format!("`{status}` is not an HTTP status code"));
            continue;
        }
        let Some(rm) = object(cx, &sp, status, r) else { continue };
        for (k, val) in rm {
            let p = join(&sp, k);
            match k.as_str() {
                "description" => {
                    string(cx, &p, k, val);
                }
                "content" => {
                    let s = read_media(cx, &p, val);
                    if schema.is_none() && status.starts_with('2') {
                        schema = s;
                    }
                }
                "headers" => {}
                _ => unknown_key(cx, &p, k, "response key", &["description", "content", "headers"]),
            }
        }
    }
    schema
}

fn read_callbacks(cx: &mut Ctx, kp: &str, v: &Value) -> Vec<Callback> {
    let Some(m) = object(cx, kp, "callbacks", v) else { return Vec::new() };
    let mut out = Vec::new();
    for (name, cb) in m {
        let cp = join(kp, name);
        let Some(cm) = object(cx, &cp, name, cb) else { continue };
        for (expr, item) in cm {
            let ep = join(&cp, expr);
            let Some(im) = object(cx, &ep, expr, item) else { continue };
            let mut body = None;
            for (method, op) in im {
                let op_ptr = join(&ep, method);
                if !METHODS.contains(&method.as_str()) {
                    unknown_key(cx, &op_ptr, method, "callback path item key", METHODS);
                    continue;
                }
                let Some(om) = object(cx, &op_ptr, method, op) else { continue };
                for (k, val) in om {
                    let p = join(&op_ptr, k);
                    match k.as_str() {
                        "requestBody" => body = read_body(cx, &p, val),
                        "responses" => {
                            read_responses(cx, &p, val);
                        }
                        "summary" | "description" | "operationId" => {
                            string(cx, &p, k, val);
                        }
                        _ => unknown_key(
                            cx,
                            &p,
                            k,
                            "callback operation key",
                            &["requestBody", "responses", "summary", "description", "operationId"],
                        ),
                    }
                }
            }
            out.push(Callback { name: name.clone(), expression: expr.clone(), body });
        }
    }
    out
}

fn read_error_codes(cx: &mut Ctx, kp: &str, v: &Value) -> Vec<ErrorCodeSpec> {
    let Value::Array(a) = v else {
        super::schema::expected(cx, kp, "x-error-codes", "an array", v);
        return Vec::new();
    };
    let mut out: Vec<ErrorCodeSpec> = Vec::new();
    for (i, e) in a.iter().enumerate() {
        let ep = join(kp, &i.to_string());
        let Some(m) = object(cx, &ep, "error code", e) else { continue };
        let mut code = None;
        let (mut name, mut description, mut retry) = (None, String::new(), false);
        for (k, val) in m {
            let p = join(&ep, k);
            match k.as_str() {
                "code" => match val.as_i64() {
                    Some(c) => code = Some(c),
                    None => super::schema::expected(cx, &p, k, "an integer", val),
                },
                "name" => name = string(cx, &p, k, val),
                "description" => description = string(cx, &p, k, val).unwrap_or_default(),
                "retry" => retry = boolean(cx, &p, k, val),
                _ => unknown_key(cx, &p, k, "error code key", &["code", "name", "description", "retry"]),
            }
        }
        let (Some(code), Some(name)) = (code, name) else {
            cx.err(&ep, "an error code needs `code` and `name`");
            continue;
        };
        if out.iter().any(|o| o.code == code) {
            cx.err(&join(&ep, "code"), format!("duplicate error code {code}"));
            continue;
        }
        if out.iter().any(|o| o.name == name) {
            cx.err(&join(&ep, "name"), format!("duplicate error code name `{name}`"));
            continue;
        }
        out.push(ErrorCodeSpec { code, name, description, retry, pointer: ep });
    }
    out
}
