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
    pub fn json_schema_impl(&self, t: &TypeDef) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let text = serde_json::to_string(&t.schema).unwrap_or_else(|_| "true".to_owned());
        let mut refs = std::collections::BTreeMap::new();
        self.collect_refs(&t.schema, &mut refs);
        let refs = refs.iter().map(|(r, target)| {
            let target = ident(target);
            quote!(, #r => #target)
        });
        quote! {
            #rt::json_schema!(#name, #text #(#refs)*);
        }
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
