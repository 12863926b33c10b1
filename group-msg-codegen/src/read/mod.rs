//! Stage one: read a spec file into a plain model that mirrors the file format.
//!
//! Every key is checked; anything outside the supported subset is reported with its JSON pointer.

pub mod bundle;
pub mod dialect;
pub mod load;
mod openapi;
pub mod schema;
mod swagger;

pub use openapi::{
    media_kind, pick_media, Api, ApiKeyScheme, Body, BodyKind, Callback, ErrorCodeSpec, Info, OAuthFlow, Operation,
    OperationKind, ParamLocation, Parameter, ResponseSpec, SchemeKind, SecurityRequirement, SecurityScheme, Server,
    ServerVariable, VendorDoc, MAX_REF_CHAIN,
};
pub use schema::{JsonType, Schema};

use serde_json::Value;

use crate::diag::Ctx;

/// A spec file after reading.
#[derive(Debug, Clone)]
pub struct Document {
    /// The whole document as read: `$ref`s resolve against it, and the schema validator of the
    /// generated code is compiled from it.
    pub raw: Value,
    /// Named schemas (`components.schemas` or `$defs`), in file order.
    pub schemas: Vec<(String, Schema)>,
    /// Where `$ref`s to the named schemas point: `#/components/schemas/` or `#/$defs/`.
    pub ref_prefix: &'static str,
    pub kind: DocumentKind,
}

#[derive(Debug, Clone)]
pub enum DocumentKind {
    OpenApi(Box<openapi::Api>),
    /// A standalone JSON Schema: its root becomes the type `root_name`.
    Standalone {
        root: Box<Schema>,
        root_name: String,
    },
}

/// Reads the document `value` (the spec file parsed by [`load`], normalized to OpenAPI 3.1 /
/// JSON Schema 2020-12 by [`dialect`] file by file, and bundled by [`bundle`]); `root_name`
/// names a standalone schema's root type.
pub(crate) fn read(cx: &mut Ctx, value: Value, root_name: Option<&str>) -> Option<Document> {
    let empty = serde_json::Map::new();
    let obj = match &value {
        Value::Object(obj) => obj,
        // `true` and `false` are whole JSON Schema documents.
        Value::Bool(_) => &empty,
        _ => {
            schema::expected(cx, "", "the document", "an object or a boolean", &value);
            return None;
        }
    };
    let looks_openapi = ["paths", "info", "components", "servers"].iter().any(|k| obj.contains_key(*k));
    if !obj.contains_key("openapi") && looks_openapi {
        cx.err("", "missing `openapi`: an OpenAPI document needs `\"openapi\": \"3.1.0\"` (a standalone JSON Schema has no `paths`, `info` or `components`)");
        return None;
    }
    if obj.contains_key("openapi") {
        openapi::read_api(cx, obj)
    } else {
        let mut root = schema::read_schema(cx, &value, "", true);
        let defs = std::mem::take(&mut root.defs);
        let root_name = match (root_name, &root.title) {
            (Some(n), _) => n.to_owned(),
            (None, Some(t)) => t.clone(),
            (None, None) => {
                cx.err("", "a standalone schema needs a root type name: give it a `title`, or pass `root`");
                String::from("Root")
            }
        };
        Some(Document {
            raw: value.clone(),
            schemas: defs,
            ref_prefix: root.defs_prefix(),
            kind: DocumentKind::Standalone { root: Box::new(root), root_name },
        })
    }
}
