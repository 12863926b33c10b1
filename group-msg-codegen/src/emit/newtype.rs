//! A root that is not an object (a string, an array, any JSON value): a newtype
//! `pub struct Name(pub T)`, so it has `from_json`, `validate()` and the rules of its schema like
//! every other root. It reads and writes exactly as `T`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Ty, TypeDef};

impl Emitter<'_> {
    pub fn newtype(&self, t: &TypeDef, inner: &Ty) -> TokenStream {
        let serde = &self.p.serde;
        let name = ident(&t.name);
        let ty = self.ty(inner);
        let doc = doc_attrs(t.doc.as_deref());
        let schema = self.json_schema_impl(t);
        quote! {
            #doc
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
            pub struct #name(pub #ty);
            impl ::core::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    #name(value)
                }
            }
            impl #serde::Serialize for #name {
                fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    #serde::Serialize::serialize(&self.0, serializer)
                }
            }
            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    ::core::result::Result::map(<#ty as #serde::Deserialize<'de>>::deserialize(deserializer), #name)
                }
            }
            #schema
        }
    }
}
