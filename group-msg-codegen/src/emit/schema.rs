//! `schemars::JsonSchema` impls: each type reports the spec's own schema, its `$ref`s turned into
//! `subschema_for` calls on the referenced Rust types.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::{ident, Emitter};
use crate::ir::TypeDef;

impl Emitter<'_> {
    pub fn json_schema_impl(&self, t: &TypeDef) -> TokenStream {
        let schemars = &self.p.schemars;
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let name_str = &t.name;
        let uses_gen = self.contains_ref(&t.schema);
        let value = self.value_tokens(&t.schema);
        let gen = if uses_gen { quote!(generator) } else { quote!(_) };
        quote! {
            impl #schemars::JsonSchema for #name {
                fn schema_name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(#name_str)
                }
                fn json_schema(#gen: &mut #schemars::SchemaGenerator) -> #schemars::Schema {
                    #rt::schema::finish(#value)
                }
            }
        }
    }

    fn value_tokens(&self, v: &Value) -> TokenStream {
        let rt = &self.p.rt;
        match v {
            Value::Null => quote!(#rt::schema::null()),
            Value::Bool(b) => quote!(#rt::schema::bool(#b)),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    quote!(#rt::schema::int(#i))
                } else if let Some(u) = n.as_u64() {
                    quote!(#rt::schema::uint(#u))
                } else {
                    let f = n.as_f64().unwrap_or_default();
                    quote!(#rt::schema::float(#f))
                }
            }
            Value::String(s) => quote!(#rt::schema::str(#s)),
            Value::Array(a) => {
                let items = a.iter().map(|i| self.value_tokens(i));
                quote!(#rt::schema::arr(::std::vec![#(#items),*]))
            }
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("$ref") {
                    if let Some(target) = self.module_ref(r) {
                        let t = ident(&target);
                        return quote!(generator.subschema_for::<#t>().to_value());
                    }
                }
                let entries = o.iter().map(|(k, v)| {
                    let v = self.value_tokens(v);
                    quote!((#k, #v))
                });
                quote!(#rt::schema::obj(::std::vec![#(#entries),*]))
            }
        }
    }

    fn module_ref(&self, r: &str) -> Option<String> {
        self.module.refs.get(r).cloned()
    }

    /// Whether `v` holds a `$ref` to a type of the module (written as a `subschema_for` call).
    fn contains_ref(&self, v: &Value) -> bool {
        match v {
            Value::Object(o) => {
                o.get("$ref").and_then(Value::as_str).is_some_and(|r| self.module_ref(r).is_some())
                    || o.values().any(|x| self.contains_ref(x))
            }
            Value::Array(a) => a.iter().any(|x| self.contains_ref(x)),
            _ => false,
        }
    }
}
