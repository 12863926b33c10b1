//! Reads the OpenAPI 3.1 document level: info, servers, every operation (under `paths`,
//! `webhooks` and `callbacks`), components (schemas, parameters, request bodies, responses,
//! security schemes).
//!
//! `$ref`s to `#/components/parameters|requestBodies|responses|pathItems/...` are followed here
//! (a chain of at most [`MAX_REF_CHAIN`]); schemas they hold are read at their own pointer, so
//! every pointer in the model is a JSON pointer into the document. Extension keys (`x-...`) other
//! than the generator's own are annotations: kept out of the model, except that one spelt close
//! to a key the generator reads (`x-error-code`) is reported as a likely typo.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Query,
    Header,
    Path,
    Cookie,
}

impl ParamLocation {
    /// The spelling of `in`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Path => "path",
            ParamLocation::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Schema,
    pub pointer: String,
    /// Given with `content` (the value is serialized as that media type, JSON in practice)
    /// instead of `schema`.
    pub content: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone)]
pub struct ApiKeyScheme {
    pub scheme: String,
    pub location: ParamLocation,
    pub name: String,
    pub description: Option<String>,
}

/// An OAuth 2 flow of a scheme.
#[derive(Debug, Clone)]
pub struct OAuthFlow {
    /// `implicit`, `password`, `clientCredentials` or `authorizationCode`.
    pub kind: String,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    pub refresh_url: Option<String>,
    /// (scope, what it grants).
    pub scopes: Vec<(String, String)>,
}

/// What a security scheme is (`type` and its keys).
#[derive(Debug, Clone)]
pub enum SchemeKind {
    ApiKey {
        location: ParamLocation,
        name: String,
    },
    /// `http`: `scheme` is `basic`, `bearer`, ... as written (lower case).
    Http {
        scheme: String,
        bearer_format: Option<String>,
    },
    OAuth2 {
        flows: Vec<OAuthFlow>,
    },
    OpenIdConnect {
        url: String,
    },
    MutualTls,
}

/// A `components.securitySchemes` entry.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
}

/// One way to authenticate a call: every (scheme, scopes) in it applies together.
pub type SecurityRequirement = Vec<(String, Vec<String>)>;

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

/// How a body of a media type is carried in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/json`, `*/*+json`: the schema's type, as JSON.
    Json,
    /// `application/x-www-form-urlencoded`: the schema's type, sent as a form.
    Form,
    /// `multipart/form-data`: the schema's type, sent as multipart parts.
    Multipart,
    /// `text/*`: a `String`.
    Text,
    /// `application/octet-stream`, `image/*`, `audio/*`, `video/*`, `application/pdf`, other
    /// non-text types: bytes.
    Bytes,
}

/// A request or response body: the media type the generator picked (JSON first, see
/// [`pick_media`]) and the others the spec lists.
#[derive(Debug, Clone)]
pub struct Body {
    pub media: String,
    pub kind: BodyKind,
    pub schema: Option<Schema>,
    pub others: Vec<String>,
    pub required: bool,
    pub description: Option<String>,
    pub pointer: String,
}

/// A declared response: `200`, `2XX`, `default`, ...
#[derive(Debug, Clone)]
pub struct ResponseSpec {
    pub status: String,
    pub description: Option<String>,
    pub body: Option<Body>,
    pub pointer: String,
}

/// Where an operation comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationKind {
    /// Under `paths`.
    Path,
    /// Under the 3.1 `webhooks`: a request the vendor sends, named by its key.
    Webhook(String),
    /// Under another operation's `callbacks`: (parent operation's pointer, callback name, the
    /// runtime expression of its URL).
    Callback { parent: String, name: String, expression: String },
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    /// Empty when the spec has none.
    pub operation_id: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Path-item parameters merged with the operation's (the operation's win on `name` + `in`).
    pub parameters: Vec<Parameter>,
    /// The api keys of the first security requirement (the ones the runtime can send).
    pub security: Vec<ApiKeyScheme>,
    /// Every security requirement (alternatives), as written or inherited.
    pub requirements: Vec<SecurityRequirement>,
    /// The JSON request body's schema (`request_body` of kind `Json`, `Form` or `Multipart`).
    pub request: Option<Schema>,
    pub request_body: Option<Body>,
    /// The first 2xx response's schema (`Json`, `Form`, `Multipart`).
    pub response: Option<Schema>,
    pub responses: Vec<ResponseSpec>,
    pub callbacks: Vec<Callback>,
    pub error_codes: Vec<ErrorCodeSpec>,
    /// `x-error-code-field`: the response field holding the code, and where it was written.
    pub error_code_field: Option<(String, String)>,
    /// The operation's `servers`, else its path item's, else none (the document's apply).
    pub servers: Vec<Server>,
    pub deprecated: bool,
    pub kind: OperationKind,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub struct Api {
    pub info: Info,
    pub servers: Vec<Server>,
    /// The first operation (a one-operation spec's operation).
    pub operation: Operation,
    /// Every operation: `paths` in document order (each path item's methods in document
    /// order), each followed by its callbacks, then `webhooks`.
    pub operations: Vec<Operation>,
    pub security_schemes: Vec<SecurityScheme>,
}

/// The longest chain of `$ref`s to components followed.
pub const MAX_REF_CHAIN: usize = 32;

const TOP: &[&str] = &[
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
];
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/// The extension keys the generator reads; another `x-` key spelt close to one is reported.
const OUR_EXTENSIONS: &[&str] = &[
    "x-error-codes",
    "x-error-code-field",
    "x-vendor-doc",
    "x-rust-name",
    "x-severity",
    "x-sequence",
    "x-max-bytes",
    "x-json-string",
];

/// An unknown key: an error, except an extension (`x-...`) that is not a likely typo of ours.
fn other_key(cx: &mut Ctx, kp: &str, key: &str, what: &str, known: &[&str]) {
    if key.starts_with("x-") && !OUR_EXTENSIONS.contains(&key) {
        if let Some(close) = crate::closest(key, OUR_EXTENSIONS.iter().copied()) {
            cx.err(kp, format!("unknown {what} `{key}`, did you mean `{close}`?"));
        }
        return;
    }
    unknown_key(cx, kp, key, what, known);
}

/// Follows `$ref`s to `#/components/...` from `v` at `ptr`: the value reached and its pointer.
fn deref<'v>(cx: &mut Ctx, root: &'v Value, v: &'v Value, ptr: &str, what: &str) -> Option<(&'v Value, String)> {
    let mut cur = (v, ptr.to_owned());
    for _ in 0..=MAX_REF_CHAIN {
        let Some(r) = cur.0.as_object().and_then(|m| m.get("$ref")) else { return Some(cur) };
        let rp = join(&cur.1, "$ref");
        let Some(r) = r.as_str() else {
            super::schema::expected(cx, &rp, "$ref", "a string", r);
            return None;
        };
        let Some(target) = r.strip_prefix('#') else {
            cx.err(
                &rp,
                format!("`$ref` to `{r}`: a {what} reference must point into this document (`#/components/...`)"),
            );
            return None;
        };
        match root.pointer(target) {
            Some(t) => cur = (t, target.to_owned()),
            None => {
                cx.err(&rp, format!("`$ref` points at `{r}`, which does not exist"));
                return None;
            }
        }
    }
    cx.err(ptr, format!("a chain of more than {MAX_REF_CHAIN} `$ref`s (or a loop)"));
    None
}

pub(super) fn read_api(cx: &mut Ctx, obj: &Map<String, Value>) -> Option<Document> {
    for k in obj.keys() {
        if !TOP.contains(&k.as_str()) {
            other_key(cx, &join("", k), k, "top-level key", TOP);
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
    let servers = obj.get("servers").map(|v| read_servers(cx, "/servers", v)).unwrap_or_default();
    let root = Value::Object(obj.clone());

    // components first: security requirements refer to its schemes.
    let mut schemas = Vec::new();
    let mut schemes: Vec<SecurityScheme> = Vec::new();
    let mut broken_schemes: Vec<String> = Vec::new();
    const COMPONENTS: &[&str] = &[
        "schemas",
        "responses",
        "parameters",
        "examples",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
    ];
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
                            let sp = join(&kp, name);
                            let resolved = deref(cx, &root, s, &sp, "security scheme");
                            match resolved.and_then(|(s, sp)| read_scheme(cx, &sp, name, s)) {
                                Some(sc) => schemes.push(sc),
                                None => broken_schemes.push(name.clone()),
                            }
                        }
                    }
                }
                // Read where operations refer to them.
                _ if COMPONENTS.contains(&k.as_str()) => {
                    object(cx, &kp, k, v);
                }
                _ => other_key(cx, &kp, k, "components key", COMPONENTS),
            }
        }
    }
    let schemes_ref: Schemes<'_> = (&schemes, &broken_schemes);
    let default_security = obj.get("security").map(|v| read_security(cx, "/security", v, schemes_ref));
    if let Some(v) = obj.get("tags") {
        if !v.is_array() {
            super::schema::expected(cx, "/tags", "tags", "an array", v);
        }
    }
    let r = Reader { root: &root, schemes: schemes_ref, default_security: default_security.unwrap_or_default() };
    let mut operations = Vec::new();
    if let Some(paths) = obj.get("paths") {
        if let Some(m) = object(cx, "/paths", "paths", paths) {
            for (path, item) in m {
                let pp = join("/paths", path);
                if path.starts_with('x') && path.starts_with("x-") {
                    continue;
                }
                if !path.starts_with('/') {
                    cx.err(&pp, format!("path `{path}` must start with `/`"));
                    continue;
                }
                r.path_item(cx, &pp, item, path, &OperationKind::Path, &mut operations);
            }
        }
    }
    if let Some(hooks) = obj.get("webhooks") {
        if let Some(m) = object(cx, "/webhooks", "webhooks", hooks) {
            for (name, item) in m {
                let hp = join("/webhooks", name);
                r.path_item(cx, &hp, item, "", &OperationKind::Webhook(name.clone()), &mut operations);
            }
        }
    }
    if obj.get("paths").is_none() && obj.get("webhooks").is_none() {
        cx.err("", "missing `paths` (or `webhooks`): an OpenAPI document describes at least one operation");
        return None;
    }
    let Some(first) = operations.first().cloned() else {
        cx.err("/paths", "the document has no operation");
        return None;
    };
    Some(Document {
        raw: root,
        schemas,
        ref_prefix: "#/components/schemas/",
        kind: DocumentKind::OpenApi(Box::new(Api {
            info,
            servers,
            operation: first,
            operations,
            security_schemes: schemes,
        })),
    })
}

fn read_info(cx: &mut Ctx, v: &Value) -> Info {
    let mut info = Info::default();
    let Some(m) = object(cx, "/info", "info", v) else { return info };
    const KEYS: &[&str] =
        &["title", "version", "summary", "description", "contact", "license", "termsOfService", "x-vendor-doc"];
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
            _ => other_key(cx, &kp, k, "info key", KEYS),
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

fn read_servers(cx: &mut Ctx, ptr: &str, v: &Value) -> Vec<Server> {
    let Value::Array(a) = v else {
        super::schema::expected(cx, ptr, "servers", "an array", v);
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, s) in a.iter().enumerate() {
        let sp = join(ptr, &i.to_string());
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
                                _ => other_key(cx, &p, vk, "server variable key", &["default", "enum", "description"]),
                            }
                        }
                        server.variables.push(sv);
                    }
                }
                _ => other_key(cx, &kp, k, "server key", &["url", "description", "variables"]),
            }
        }
        if server.url.is_empty() {
            cx.err(&sp, "a server needs a `url`");
        }
        for sv in &server.variables {
            if !server.url.is_empty() && !server.url.contains(&format!("{{{}}}", sv.name)) {
                cx.err(
                    &join(&join(&sp, "variables"), &sv.name),
                    format!("server variable `{}` does not appear in the url", sv.name),
                );
            }
        }
        out.push(server);
    }
    out
}

fn read_scheme(cx: &mut Ctx, sp: &str, name: &str, v: &Value) -> Option<SecurityScheme> {
    let m = object(cx, sp, name, v)?;
    let ty = match m.get("type") {
        Some(t) => string(cx, &join(sp, "type"), "type", t)?,
        None => {
            cx.err(sp, "a security scheme needs `type`");
            return None;
        }
    };
    let known: &[&str] = match ty.as_str() {
        "apiKey" => &["type", "in", "name", "description"],
        "http" => &["type", "scheme", "bearerFormat", "description"],
        "oauth2" => &["type", "flows", "description"],
        "openIdConnect" => &["type", "openIdConnectUrl", "description"],
        "mutualTLS" => &["type", "description"],
        t => {
            cx.err(
                &join(sp, "type"),
                format!("unknown security scheme type `{t}`, expected `apiKey`, `http`, `oauth2`, `openIdConnect` or `mutualTLS`"),
            );
            return None;
        }
    };
    let (mut loc, mut key, mut description, mut scheme, mut bearer, mut url, mut flows) =
        (None, None, None, None, None, None, Vec::new());
    for (k, val) in m {
        let kp = join(sp, k);
        if !known.contains(&k.as_str()) {
            other_key(cx, &kp, k, &format!("`{ty}` security scheme key"), known);
            continue;
        }
        match k.as_str() {
            "in" => loc = string(cx, &kp, k, val),
            "name" => key = string(cx, &kp, k, val),
            "description" => description = string(cx, &kp, k, val),
            "scheme" => scheme = string(cx, &kp, k, val),
            "bearerFormat" => bearer = string(cx, &kp, k, val),
            "openIdConnectUrl" => url = string(cx, &kp, k, val),
            "flows" => flows = read_flows(cx, &kp, val),
            _ => {}
        }
    }
    let kind = match ty.as_str() {
        "apiKey" => {
            let location = match loc.as_deref() {
                Some("query") => ParamLocation::Query,
                Some("header") => ParamLocation::Header,
                Some("cookie") => ParamLocation::Cookie,
                Some(l) => {
                    cx.err(
                        &join(sp, "in"),
                        format!("unknown api key location `{l}`, expected `query`, `header` or `cookie`"),
                    );
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
            SchemeKind::ApiKey { location, name: key }
        }
        "http" => {
            let Some(scheme) = scheme else {
                cx.err(sp, "an http scheme needs `scheme` (`basic`, `bearer`, ...)");
                return None;
            };
            SchemeKind::Http { scheme: scheme.to_ascii_lowercase(), bearer_format: bearer }
        }
        "oauth2" => SchemeKind::OAuth2 { flows },
        "openIdConnect" => {
            let Some(url) = url else {
                cx.err(sp, "an openIdConnect scheme needs `openIdConnectUrl`");
                return None;
            };
            SchemeKind::OpenIdConnect { url }
        }
        _ => SchemeKind::MutualTls,
    };
    Some(SecurityScheme { name: name.to_owned(), kind, description })
}

fn read_flows(cx: &mut Ctx, kp: &str, v: &Value) -> Vec<OAuthFlow> {
    const FLOWS: &[&str] = &["implicit", "password", "clientCredentials", "authorizationCode"];
    const KEYS: &[&str] = &["authorizationUrl", "tokenUrl", "refreshUrl", "scopes"];
    let Some(m) = object(cx, kp, "flows", v) else { return Vec::new() };
    let mut out = Vec::new();
    for (kind, f) in m {
        let fp = join(kp, kind);
        if !FLOWS.contains(&kind.as_str()) {
            other_key(cx, &fp, kind, "OAuth flow", FLOWS);
            continue;
        }
        let Some(fm) = object(cx, &fp, kind, f) else { continue };
        let mut flow = OAuthFlow {
            kind: kind.clone(),
            authorization_url: None,
            token_url: None,
            refresh_url: None,
            scopes: Vec::new(),
        };
        for (k, val) in fm {
            let p = join(&fp, k);
            match k.as_str() {
                "authorizationUrl" => flow.authorization_url = string(cx, &p, k, val),
                "tokenUrl" => flow.token_url = string(cx, &p, k, val),
                "refreshUrl" => flow.refresh_url = string(cx, &p, k, val),
                "scopes" => {
                    if let Some(sm) = object(cx, &p, k, val) {
                        for (scope, what) in sm {
                            let what = string(cx, &join(&p, scope), scope, what).unwrap_or_default();
                            flow.scopes.push((scope.clone(), what));
                        }
                    }
                }
                _ => other_key(cx, &p, k, "OAuth flow key", KEYS),
            }
        }
        out.push(flow);
    }
    out
}

type Schemes<'a> = (&'a [SecurityScheme], &'a [String]);

fn read_security(cx: &mut Ctx, sp: &str, v: &Value, schemes: Schemes<'_>) -> Vec<SecurityRequirement> {
    let Value::Array(a) = v else {
        super::schema::expected(cx, sp, "security", "an array", v);
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, req) in a.iter().enumerate() {
        let rp = join(sp, &i.to_string());
        let Some(m) = object(cx, &rp, "security requirement", req) else { continue };
        let mut one = Vec::new();
        let mut dropped = false;
        for (k, scopes) in m {
            let kp = join(&rp, k);
            let scopes = super::schema::string_list(cx, &kp, k, scopes);
            if schemes.0.iter().any(|s| s.name == *k) {
                one.push((k.clone(), scopes));
                continue;
            }
            if schemes.1.contains(k) {
                // Defined, but its definition was reported.
                continue;
            }
            // Not defined under this name. Lenient (specs from elsewhere): a name that matches
            // exactly one defined scheme but for case is that scheme (Zulip names `basicAuth`
            // and defines `BasicAuth`); any other is dropped with the requirement that names
            // it. Strict: an error.
            let by_case: Vec<&SecurityScheme> = schemes.0.iter().filter(|s| s.name.eq_ignore_ascii_case(k)).collect();
            let undefined = format!("security scheme `{k}` is not defined in `components.securitySchemes`");
            match by_case.as_slice() {
                [only] if !cx.strict => {
                    cx.warn(
                        &kp,
                        format!("{undefined}; read as `{}`, the one defined name that differs only in case", only.name),
                    );
                    one.push((only.name.clone(), scopes));
                }
                [only] => cx.err(&kp, format!("{undefined}; did you mean `{}`?", only.name)),
                _ if !cx.strict => {
                    let also = if by_case.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} defined names differ from it only in case)", by_case.len())
                    };
                    cx.warn(
                        &kp,
                        format!("{undefined}{also}; this security requirement is left out of the operation's security and AUTH facts"),
                    );
                    dropped = true;
                }
                _ => cx.err(&kp, undefined),
            }
        }
        if !dropped {
            out.push(one);
        }
    }
    out
}

/// The api keys of the first requirement: what the runtime sends.
fn api_keys(reqs: &[SecurityRequirement], schemes: &[SecurityScheme]) -> Vec<ApiKeyScheme> {
    let Some(first) = reqs.first() else { return Vec::new() };
    first
        .iter()
        .filter_map(|(name, _)| {
            let s = schemes.iter().find(|s| s.name == *name)?;
            match &s.kind {
                SchemeKind::ApiKey { location, name: key } => Some(ApiKeyScheme {
                    scheme: name.clone(),
                    location: *location,
                    name: key.clone(),
                    description: s.description.clone(),
                }),
                _ => None,
            }
        })
        .collect()
}

/// The Rust carrier of a media type.
pub fn media_kind(media: &str) -> BodyKind {
    let m = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if m == "application/json" || m.ends_with("+json") || m == "*/*" || m == "application/*" {
        BodyKind::Json
    } else if m == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if m.starts_with("multipart/") {
        BodyKind::Multipart
    } else if m.starts_with("text/") || m == "application/xml" || m.ends_with("+xml") {
        BodyKind::Text
    } else {
        BodyKind::Bytes
    }
}

/// Which of a `content` map's media types the generated type follows: `application/json` (or
/// `+json`), then a form, multipart, `*/*`, text, bytes; the first in document order on ties.
pub fn pick_media<'m>(medias: impl Iterator<Item = &'m str>) -> Option<&'m str> {
    fn rank(m: &str) -> u8 {
        let l = m.to_ascii_lowercase();
        if l.starts_with("application/json") || l.split(';').next().is_some_and(|b| b.ends_with("+json")) {
            0
        } else if l.starts_with("application/x-www-form-urlencoded") {
            1
        } else if l.starts_with("multipart/") {
            2
        } else if l.starts_with("*/*") {
            3
        } else if l.starts_with("text/") {
            4
        } else {
            5
        }
    }
    medias.enumerate().min_by_key(|(i, m)| (rank(m), *i)).map(|(_, m)| m)
}

struct Reader<'r> {
    root: &'r Value,
    schemes: Schemes<'r>,
    default_security: Vec<SecurityRequirement>,
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
    "servers",
    "x-error-codes",
    "x-error-code-field",
];

impl Reader<'_> {
    /// The operations of a path item (under `paths`, `webhooks` or a callback).
    fn path_item(
        &self,
        cx: &mut Ctx,
        pp: &str,
        item: &Value,
        path: &str,
        kind: &OperationKind,
        out: &mut Vec<Operation>,
    ) {
        let Some((item, pp)) = deref(cx, self.root, item, pp, "path item") else { return };
        let Some(im) = object(cx, &pp, path, item) else { return };
        const ITEM_KEYS: &[&str] = &[
            "get",
            "put",
            "post",
            "delete",
            "options",
            "head",
            "patch",
            "trace",
            "summary",
            "description",
            "servers",
            "parameters",
            "$ref",
        ];
        let mut shared = Vec::new();
        let mut servers = Vec::new();
        let (mut summary, mut description) = (None, None);
        for (k, val) in im {
            let kp = join(&pp, k);
            match k.as_str() {
                "parameters" => shared = self.parameters(cx, &kp, val),
                "servers" => servers = read_servers(cx, &kp, val),
                "summary" => summary = string(cx, &kp, k, val),
                "description" => description = string(cx, &kp, k, val),
                m if METHODS.contains(&m) => {}
                _ => other_key(cx, &kp, k, "path item key", ITEM_KEYS),
            }
        }
        let mut found = false;
        for (method, value) in im.iter().filter(|(k, _)| METHODS.contains(&k.as_str())) {
            found = true;
            let op_ptr = join(&pp, method);
            let Some(mut op) = self.operation(cx, &op_ptr, value, method, path, &shared, kind) else { continue };
            if op.servers.is_empty() {
                op.servers = servers.clone();
            }
            if op.summary.is_none() {
                op.summary = summary.clone();
            }
            if op.description.is_none() {
                op.description = description.clone();
            }
            let parent = op.pointer.clone();
            let at = out.len();
            out.push(op);
            // The callbacks' operations follow their operation.
            if let Some(cbv) = value.get("callbacks") {
                out[at].callbacks = self.callbacks(cx, &join(&op_ptr, "callbacks"), cbv, &parent, out);
            }
        }
        if !found && matches!(kind, OperationKind::Path | OperationKind::Webhook(_)) {
            cx.err(&pp, "the path has no operation");
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &self,
        cx: &mut Ctx,
        op_ptr: &str,
        v: &Value,
        method: &str,
        path: &str,
        shared: &[Parameter],
        kind: &OperationKind,
    ) -> Option<Operation> {
        let m = object(cx, op_ptr, method, v)?;
        let mut op = Operation {
            method: method.to_uppercase(),
            path: path.to_owned(),
            operation_id: String::new(),
            summary: None,
            description: None,
            parameters: Vec::new(),
            security: Vec::new(),
            requirements: self.default_security.clone(),
            request: None,
            request_body: None,
            response: None,
            responses: Vec::new(),
            callbacks: Vec::new(),
            error_codes: Vec::new(),
            error_code_field: None,
            servers: Vec::new(),
            deprecated: false,
            kind: kind.clone(),
            pointer: op_ptr.to_owned(),
        };
        let mut own = Vec::new();
        for (k, val) in m {
            let kp = join(op_ptr, k);
            match k.as_str() {
                "operationId" => op.operation_id = string(cx, &kp, k, val).unwrap_or_default(),
                "summary" => op.summary = string(cx, &kp, k, val),
                "description" => op.description = string(cx, &kp, k, val),
                "tags" | "externalDocs" => {}
                "deprecated" => op.deprecated = boolean(cx, &kp, k, val),
                "parameters" => own = self.parameters(cx, &kp, val),
                "security" => op.requirements = read_security(cx, &kp, val, self.schemes),
                "servers" => op.servers = read_servers(cx, &kp, val),
                "requestBody" => {
                    op.request_body = self.body(cx, &kp, val, "request body");
                }
                "responses" => op.responses = self.responses(cx, &kp, val),
                // Read by `path_item` after the operation, as operations of their own.
                "callbacks" => {}
                "x-error-codes" => op.error_codes = read_error_codes(cx, &kp, val),
                "x-error-code-field" => op.error_code_field = string(cx, &kp, k, val).map(|f| (f, kp.clone())),
                _ => other_key(cx, &kp, k, "operation key", OP_KEYS),
            }
        }
        // Path-item parameters apply unless the operation redefines the same name and location.
        let mut params: Vec<Parameter> = shared
            .iter()
            .filter(|s| !own.iter().any(|o| o.name == s.name && o.location == s.location))
            .cloned()
            .collect();
        params.extend(own);
        op.parameters = params;
        if *kind == OperationKind::Path {
            for p in op.parameters.iter().filter(|p| p.location == ParamLocation::Path) {
                if !path.contains(&format!("{{{}}}", p.name)) {
                    cx.err(
                        &join(&p.pointer, "name"),
                        format!("path parameter `{}` does not appear in the path `{path}`", p.name),
                    );
                }
            }
        }
        op.security = api_keys(&op.requirements, self.schemes.0);
        op.request = op
            .request_body
            .as_ref()
            .filter(|b| matches!(b.kind, BodyKind::Json | BodyKind::Form | BodyKind::Multipart))
            .and_then(|b| b.schema.clone());
        op.response = op
            .responses
            .iter()
            .filter(|r| r.status.starts_with('2'))
            .find_map(|r| r.body.as_ref())
            .filter(|b| matches!(b.kind, BodyKind::Json | BodyKind::Form | BodyKind::Multipart))
            .and_then(|b| b.schema.clone());
        Some(op)
    }

    fn parameters(&self, cx: &mut Ctx, kp: &str, v: &Value) -> Vec<Parameter> {
        let Value::Array(a) = v else {
            super::schema::expected(cx, kp, "parameters", "an array", v);
            return Vec::new();
        };
        const KEYS: &[&str] = &[
            "name",
            "in",
            "required",
            "description",
            "schema",
            "content",
            "example",
            "examples",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
        ];
        let mut out: Vec<Parameter> = Vec::new();
        for (i, p) in a.iter().enumerate() {
            let Some((p, pp)) = deref(cx, self.root, p, &join(kp, &i.to_string()), "parameter") else { continue };
            let Some(m) = object(cx, &pp, "parameter", p) else { continue };
            let (mut name, mut loc, mut required, mut description, mut schema, mut content, mut deprecated) =
                (None, None, false, None, None, None, false);
            for (k, val) in m {
                let fp = join(&pp, k);
                match k.as_str() {
                    "name" => name = string(cx, &fp, k, val),
                    "in" => match string(cx, &fp, k, val).as_deref() {
                        Some("query") => loc = Some(ParamLocation::Query),
                        Some("header") => loc = Some(ParamLocation::Header),
                        Some("path") => loc = Some(ParamLocation::Path),
                        Some("cookie") => loc = Some(ParamLocation::Cookie),
                        Some(other) => cx.err(
                            &fp,
                            format!(
                                "unknown parameter location `{other}`, expected `query`, `header`, `path` or `cookie`"
                            ),
                        ),
                        None => {}
                    },
                    "required" => required = boolean(cx, &fp, k, val),
                    "deprecated" => deprecated = boolean(cx, &fp, k, val),
                    "description" => description = string(cx, &fp, k, val),
                    "schema" => schema = Some(read_schema(cx, val, &fp, false)),
                    "content" => {
                        if let Some(b) = self.media(cx, &fp, val) {
                            content = Some(b.0.clone());
                            schema = b.2;
                        }
                    }
                    "example" | "examples" | "allowEmptyValue" | "style" | "explode" | "allowReserved" => {}
                    _ => other_key(cx, &fp, k, "parameter key", KEYS),
                }
            }
            let (Some(name), Some(location)) = (name, loc) else {
                cx.err(&pp, "a parameter needs `name` and `in`");
                continue;
            };
            let Some(schema) = schema else {
                cx.err(&pp, format!("parameter `{name}` needs a `schema` (or `content` with one)"));
                continue;
            };
            if location == ParamLocation::Path && !required {
                // OpenAPI: a path parameter is always required (`required: true` must be written).
                required = true;
            }
            if out.iter().any(|o| o.name == name && o.location == location) {
                cx.err(&join(&pp, "name"), format!("parameter `{name}` is defined twice"));
                continue;
            }
            out.push(Parameter { name, location, required, description, schema, pointer: pp, content, deprecated });
        }
        out
    }

    /// A `content` map: the media type picked, its kind and schema, and the others.
    fn media(&self, cx: &mut Ctx, kp: &str, v: &Value) -> Option<(String, BodyKind, Option<Schema>, Vec<String>)> {
        let m = object(cx, kp, "content", v)?;
        const KEYS: &[&str] = &["schema", "example", "examples", "encoding"];
        let pick = pick_media(m.keys().map(String::as_str))?.to_owned();
        let mut schema = None;
        for (k, val) in m {
            let mp = join(kp, k);
            let Some(mm) = object(cx, &mp, k, val) else { continue };
            for (mk, mv) in mm {
                let p = join(&mp, mk);
                match mk.as_str() {
                    "schema" if *k == pick => schema = Some(read_schema(cx, mv, &p, false)),
                    "schema" | "encoding" => {}
                    "example" => {}
                    "examples" => {
                        if let Some(ex) = object(cx, &p, mk, mv) {
                            for (en, ev) in ex {
                                let ep = join(&p, en);
                                if let Some(em) = ev.as_object().filter(|em| !em.contains_key("$ref")) {
                                    for ek in em.keys() {
                                        const EX: &[&str] = &["summary", "description", "value", "externalValue"];
                                        if !EX.contains(&ek.as_str()) {
                                            other_key(cx, &join(&ep, ek), ek, "example key", EX);
                                        }
                                    }
                                }
                            }
                        }
                    }
                    _ => other_key(cx, &p, mk, "media type key", KEYS),
                }
            }
        }
        let others = m.keys().filter(|k| **k != pick).cloned().collect();
        let kind = media_kind(&pick);
        Some((pick, kind, schema, others))
    }

    fn body(&self, cx: &mut Ctx, kp: &str, v: &Value, what: &str) -> Option<Body> {
        let (v, kp) = deref(cx, self.root, v, kp, what)?;
        let m = object(cx, &kp, what, v)?;
        let (mut media, mut required, mut description) = (None, false, None);
        for (k, val) in m {
            let p = join(&kp, k);
            match k.as_str() {
                "content" => media = self.media(cx, &p, val).map(|m| (m, p.clone())),
                "description" => description = string(cx, &p, k, val),
                "required" => required = boolean(cx, &p, k, val),
                _ => other_key(cx, &p, k, "request body key", &["content", "description", "required"]),
            }
        }
        let ((media, kind, schema, others), pointer) = media?;
        Some(Body { media, kind, schema, others, required, description, pointer })
    }

    fn responses(&self, cx: &mut Ctx, kp: &str, v: &Value) -> Vec<ResponseSpec> {
        let Some(m) = object(cx, kp, "responses", v) else { return Vec::new() };
        let mut out = Vec::new();
        for (status, r) in m {
            let sp = join(kp, status);
            if status.starts_with("x-") {
                continue;
            }
            let b = status.as_bytes();
            let ok = status == "default"
                || (b.len() == 3
                    && (b'1'..=b'5').contains(&b[0])
                    && (b[1..].iter().all(u8::is_ascii_digit) || &b[1..] == b"XX"));
            if !ok {
                cx.err(&sp, format!("`{status}` is not an HTTP status code (`200`, `2XX` or `default`)"));
                continue;
            }
            let Some((r, rp)) = deref(cx, self.root, r, &sp, "response") else { continue };
            let Some(rm) = object(cx, &rp, status, r) else { continue };
            let mut spec = ResponseSpec { status: status.clone(), description: None, body: None, pointer: rp.clone() };
            for (k, val) in rm {
                let p = join(&rp, k);
                match k.as_str() {
                    "description" => spec.description = string(cx, &p, k, val),
                    "content" => {
                        spec.body = self.media(cx, &p, val).map(|(media, kind, schema, others)| Body {
                            media,
                            kind,
                            schema,
                            others,
                            required: true,
                            description: None,
                            pointer: p.clone(),
                        })
                    }
                    "headers" | "links" => {}
                    _ => other_key(cx, &p, k, "response key", &["description", "content", "headers", "links"]),
                }
            }
            out.push(spec);
        }
        out
    }

    /// The callbacks of the operation at `parent`: each callback path item's operations are
    /// pushed to `out` after the parent; returns them also as the parent's [`Callback`]s.
    fn callbacks(&self, cx: &mut Ctx, kp: &str, v: &Value, parent: &str, out: &mut Vec<Operation>) -> Vec<Callback> {
        let Some(m) = object(cx, kp, "callbacks", v) else { return Vec::new() };
        let mut list = Vec::new();
        for (name, cb) in m {
            let cp = join(kp, name);
            let Some((cb, cp)) = deref(cx, self.root, cb, &cp, "callback") else { continue };
            let Some(cm) = object(cx, &cp, name, cb) else { continue };
            for (expr, item) in cm {
                let ep = join(&cp, expr);
                let kind =
                    OperationKind::Callback { parent: parent.to_owned(), name: name.clone(), expression: expr.clone() };
                let before = out.len();
                self.path_item(cx, &ep, item, expr, &kind, out);
                let body = out[before..].iter().find_map(|o| o.request.clone());
                list.push(Callback { name: name.clone(), expression: expr.clone(), body });
            }
        }
        list
    }
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

#[cfg(test)]
mod tests {
    fn spec(paths: &str, components: &str) -> String {
        format!(
            r#"{{"openapi":"3.1.0","info":{{"title":"t","version":"1"}},"paths":{paths},"components":{components}}}"#
        )
    }

    fn errors(text: &str) -> String {
        match crate::generate("t.json", text, &Default::default()) {
            Ok(_) => String::new(),
            Err(d) => d.to_string(),
        }
    }

    #[test]
    fn operation_modules_are_named_in_document_order() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/specs/whole/chat.json")).unwrap();
        let out = crate::generate("chat.json", &text, &Default::default()).unwrap();
        let names: Vec<&str> = out.module.operations.iter().map(|o| o.module.as_str()).collect();
        assert_eq!(
            names,
            [
                "create_message",
                "create_message_delivered_post",
                "get_channels_channel_id_messages",
                "upload_file",
                "download_file",
                "create_message2",
                "r#type",
                "message_created"
            ]
        );
        assert!(!out.module.flat);
        let create = &out.module.operations[0];
        // The path item's `X-Trace` is replaced by the operation's; `channel_id` comes from the
        // component parameter.
        let header = create.endpoint.params.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>();
        assert_eq!(
            header,
            [
                "CreateMessageQueryParams",
                "CreateMessageHeaderParams",
                "CreateMessagePathParams",
                "CreateMessageCookieParams"
            ]
        );
        let statuses: Vec<(&str, Option<&str>)> =
            create.responses.iter().map(|r| (r.status.as_str(), r.alias.as_deref())).collect();
        assert_eq!(
            statuses,
            [("200", Some("Response")), ("4XX", Some("Response4xx")), ("default", Some("ResponseDefault"))]
        );
    }

    #[test]
    fn one_operation_stays_flat() {
        let text = spec(
            r##"{"/a":{"post":{"operationId":"a","requestBody":{"content":{"text/plain":{}}},"responses":{"200":{"description":"ok"}}}}}"##,
            "{}",
        );
        let out = crate::generate("t.json", &text, &Default::default()).unwrap();
        assert!(out.module.flat);
        let code = crate::format(&out.tokens).unwrap();
        assert!(code.contains("pub type Request = ::std::string::String;"), "{code}");
        assert!(code.contains("pub const REQUEST_MEDIA: &str = \"text/plain\";"), "{code}");
        assert!(!code.contains("pub mod a"), "{code}");
    }

    #[test]
    fn document_level_mistakes_are_reported_where_they_are() {
        let cases = [
            (
                spec(r##"{"/a/{id}":{"get":{"parameters":[{"name":"other","in":"path","required":true,"schema":{"type":"string"}}],"responses":{}}}}"##, "{}"),
                "t.json#/paths/~1a~1{id}/get/parameters/0/name: path parameter `other` does not appear in the path `/a/{id}`",
            ),
            (
                spec(r##"{"/a":{"get":{"parameters":[{"$ref":"#/components/parameters/Nope"}],"responses":{}}}}"##, "{}"),
                "t.json#/paths/~1a/get/parameters/0/$ref: `$ref` points at `#/components/parameters/Nope`, which does not exist",
            ),
            (
                spec(r##"{"/a":{"get":{"parameters":[{"$ref":"other.yaml#/P"}],"responses":{}}}}"##, "{}"),
                "t.json#/paths/~1a/get/parameters/0/$ref: `$ref` `other.yaml#/P`: cannot read `other.yaml`",
            ),
            (
                spec(r##"{"/a":{"get":{"responses":{}}}}"##, r##"{"securitySchemes":{"s":{"type":"magic"}}}"##),
                "t.json#/components/securitySchemes/s/type: unknown security scheme type `magic`",
            ),
            (
                spec(r##"{"/a":{"get":{"x-error-code":[],"responses":{}}}}"##, "{}"),
                "t.json#/paths/~1a/get/x-error-code: unknown operation key `x-error-code`, did you mean `x-error-codes`?",
            ),
            (
                spec(r##"{"/a":{"get":{"responses":{"20X":{"description":"x"}}}}}"##, "{}"),
                "t.json#/paths/~1a/get/responses/20X: `20X` is not an HTTP status code",
            ),
            (
                spec(r##"{"a":{"get":{"responses":{}}}}"##, "{}"),
                "t.json#/paths/a: path `a` must start with `/`",
            ),
        ];
        for (text, want) in cases {
            let got = errors(&text);
            assert!(got.contains(want), "want `{want}`\n got `{got}`");
        }
    }

    /// A requirement naming an undefined scheme: strict, an error (with the name that differs
    /// only in case, if one does); lenient, that scheme when exactly one name differs only in
    /// case, else the requirement is dropped; each with a warning at `file#pointer`.
    #[test]
    fn undefined_security_schemes_by_mode() {
        let schemes = r##"{"securitySchemes":{"BasicAuth":{"type":"http","scheme":"basic"},"Key":{"type":"apiKey","in":"header","name":"X-Key"},"KEY":{"type":"apiKey","in":"query","name":"key"}}}"##;
        let text = spec(
            r##"{"/a":{"get":{"security":[{"basicAuth":[]},{"nope":[]},{"key":[]},{"Key":[]}],"responses":{}}}}"##,
            schemes,
        );
        let strict = crate::Options { strict: true, ..Default::default() };
        let got = match crate::generate("t.json", &text, &strict) {
            Ok(_) => panic!("strict mode accepted undefined security schemes"),
            Err(d) => d.to_string(),
        };
        let want = [
            "t.json#/paths/~1a/get/security/0/basicAuth: security scheme `basicAuth` is not defined in `components.securitySchemes`; did you mean `BasicAuth`?",
            "t.json#/paths/~1a/get/security/1/nope: security scheme `nope` is not defined in `components.securitySchemes`",
            "t.json#/paths/~1a/get/security/2/key: security scheme `key` is not defined in `components.securitySchemes`",
        ];
        assert_eq!(got, want.join("\n"));

        let out = crate::generate("t.json", &text, &Default::default()).unwrap();
        let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "t.json#/paths/~1a/get/security/0/basicAuth: security scheme `basicAuth` is not defined in `components.securitySchemes`; read as `BasicAuth`, the one defined name that differs only in case",
                "t.json#/paths/~1a/get/security/1/nope: security scheme `nope` is not defined in `components.securitySchemes`; this security requirement is left out of the operation's security and AUTH facts",
                "t.json#/paths/~1a/get/security/2/key: security scheme `key` is not defined in `components.securitySchemes` (2 defined names differ from it only in case); this security requirement is left out of the operation's security and AUTH facts",
            ]
        );
        let code = crate::format(&out.tokens).unwrap();
        // Two requirements are left: `BasicAuth` (resolved) and `Key`; the AUTH facts are the
        // first requirement's api keys (none: basic auth is not an api key).
        let security = code.split("pub const SECURITY").nth(1).and_then(|s| s.split(";\n").next()).unwrap_or_default();
        assert_eq!(security.matches("runtime::Security {").count(), 2, "{security}");
        assert!(security.contains("scheme: \"BasicAuth\"") && security.contains("name: \"X-Key\""), "{security}");
        assert!(!security.contains("\"KEY\"") && !security.contains("nope"), "{security}");
    }

    #[test]
    fn extensions_are_annotations() {
        let text =
            spec(r##"{"/a":{"x-note":1,"get":{"x-codeSamples":[],"responses":{"x-foo":{}}}}}"##, r##"{"x-bar":{}}"##);
        assert_eq!(errors(&text), "");
    }

    #[test]
    fn media_types_pick_json_first() {
        assert_eq!(super::pick_media(["text/plain", "application/json"].into_iter()), Some("application/json"));
        assert_eq!(super::pick_media(["image/png", "multipart/form-data"].into_iter()), Some("multipart/form-data"));
        assert_eq!(super::media_kind("application/problem+json"), super::BodyKind::Json);
        assert_eq!(super::media_kind("text/csv; charset=utf-8"), super::BodyKind::Text);
        assert_eq!(super::media_kind("image/png"), super::BodyKind::Bytes);
        assert_eq!(super::media_kind("*/*"), super::BodyKind::Json);
    }
}
