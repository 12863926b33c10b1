//! `schemars::JsonSchema` impls: each type reports the spec's own schema, embedded as JSON text,
//! its `$ref`s turned into `subschema_for` calls on the referenced Rust types.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::{ident, Emitter};
use crate::ir::TypeDef;

impl Emitter<'_> {
    /// `rt::json_schema!(Name, "<the schema as JSON text>", "<$ref>" => Type, ...)`: the schema
    /// is text, parsed when asked for; each `$ref` to a type of the module becomes that type's
    /// `subschema_for`.
    /// Nothing when the type's `api!` (see `validation`) carries the schema text already.
    pub fn json_schema_impl(&self, t: &TypeDef) -> TokenStream {
        if self.schema_in_api(t) {
            return TokenStream::new();
        }
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let (text, refs) = self.schema_text(t);
        quote! {
            #rt::json_schema!(#name, #text #refs);
        }
    }

    /// Whether the type's `rt::api!` takes its schema text (for the report of text that fails, and
    /// for `JsonSchema`): a module with a schema document, a type without a secret.
    pub fn schema_in_api(&self, t: &TypeDef) -> bool {
        let secret = matches!(&t.kind, crate::ir::Kind::Struct(s) if s.fields.iter().any(|f| f.secret));
        self.module.document.is_some() && !secret
    }

    /// The type's schema as JSON text, and its `, "<$ref>" => Type` list.
    pub fn schema_text(&self, t: &TypeDef) -> (String, TokenStream) {
        let text = serde_json::to_string(&t.schema).unwrap_or_else(|_| "true".to_owned());
        let mut refs = std::collections::BTreeMap::new();
        self.collect_refs(&t.schema, &mut refs);
        let refs = refs.iter().map(|(r, target)| {
            let target = ident(target);
            quote!(, #r => #target)
        });
        (text, quote!(#(#refs)*))
    }

    /// The `$ref`s of `v` to types of the module, with the types.
    fn collect_refs(&self, v: &Value, out: &mut std::collections::BTreeMap<String, String>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("$ref") {
                    if let Some(target) = self.module_ref(r) {
                        out.insert(r.clone(), target);
                        return;
                    }
                }
                o.values().for_each(|x| self.collect_refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| self.collect_refs(x, out)),
            _ => {}
        }
    }

    fn module_ref(&self, r: &str) -> Option<String> {
        self.module.refs.get(r).cloned()
    }
}
