//! Tuples longer than std's trait impls reach (`Debug`, `PartialEq`, `Clone` stop at 12 items,
//! serde at 16): a tuple struct with derived std traits and serde written by hand as a JSON array
//! of exactly its items. Item `i` is `.i`, as in a tuple, so rules and literals reach it alike.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Ty, TypeDef};

impl Emitter<'_> {
    pub fn long_tuple(&self, t: &TypeDef, items: &[Ty]) -> TokenStream {
        let serde = &self.p.serde;
        let name = ident(&t.name);
        let doc = doc_attrs(t.doc.as_deref());
        let tys: Vec<TokenStream> = items.iter().map(|i| self.ty(i)).collect();
        let n = items.len();
        let index = (0..n).map(syn::Index::from);
        let vars: Vec<_> = (0..n).map(|i| format_ident!("__f{}", i)).collect();
        let reads = vars.iter().enumerate().map(|(i, v)| {
            quote! {
                let ::core::option::Option::Some(#v) = seq.next_element()? else {
                    return ::core::result::Result::Err(#serde::de::Error::invalid_length(#i, &self));
                };
            }
        });
        let expecting = format!("an array of {n} items");
        let schema = self.json_schema_impl(t);
        quote! {
            #doc
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
            pub struct #name(#(pub #tys),*);

            impl #serde::Serialize for #name {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    use #serde::ser::SerializeTuple as _;
                    let mut seq = serializer.serialize_tuple(#n)?;
                    #(seq.serialize_element(&self.#index)?;)*
                    seq.end()
                }
            }

            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    struct __Visitor;
                    impl<'de> #serde::de::Visitor<'de> for __Visitor {
                        type Value = #name;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str(#expecting)
                        }
                        fn visit_seq<__A: #serde::de::SeqAccess<'de>>(self, mut seq: __A) -> ::core::result::Result<#name, __A::Error> {
                            #(#reads)*
                            if seq.next_element::<#serde::de::IgnoredAny>()?.is_some() {
                                return ::core::result::Result::Err(#serde::de::Error::invalid_length(#n + 1, &self));
                            }
                            ::core::result::Result::Ok(#name(#(#vars),*))
                        }
                    }
                    deserializer.deserialize_tuple(#n, __Visitor)
                }
            }

            #schema
        }
    }
}
