//! The operations of a document of several: one submodule each, after the shared types.
//!
//! ```text
//! pub mod create_message {
//!     pub use super::*;                      // the document's types, by their own names
//!     pub const METHOD: &str = "POST"; ...   // endpoint facts (see `endpoint.rs`)
//!     pub type Request = super::CreateMessageRequest;
//!     pub type Response = super::Message;
//!     pub type Response4xx = super::Error;   // each declared response body by status
//!     pub type QueryParams = super::CreateMessageQueryParams;
//! }
//! ```
//!
//! The operation's own types (inline bodies, parameter structs) live at the root under names
//! prefixed with the operation's (`CreateMessageRequest`), so every type is generated once and
//! reachable from every operation module.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Operation, Plain};

impl Emitter<'_> {
    /// The aliases of a body without a typed schema (`String`, `Vec<u8>`, JSON).
    pub fn plain_aliases(&self, plain: &[(String, Plain, Option<String>)]) -> TokenStream {
        let json = &self.p.json;
        plain
            .iter()
            .map(|(alias, carrier, doc)| {
                let a = ident(alias);
                let (ty, what) = match carrier {
                    Plain::Text => (quote!(::std::string::String), "Text."),
                    Plain::Bytes => (quote!(::std::vec::Vec<u8>), "Bytes, as sent."),
                    Plain::Json => (quote!(#json::Value), "Any JSON value (the spec gives no schema)."),
                };
                let doc = doc_attrs(Some(&format!("{}\n\n{what}", doc.as_deref().unwrap_or_default())));
                quote! { #doc pub type #a = #ty; }
            })
            .collect()
    }

    /// One operation's submodule; with `shared_codes`, its `ErrorCode` is the root's.
    pub fn operation(&self, op: &Operation, short: &super::Shortener, shared_codes: bool) -> TokenStream {
        let name = ident(&op.module);
        let doc = doc_attrs(op.doc.as_deref());
        let endpoint = self.endpoint(&op.endpoint, Some(&op.responses));
        let aliases = op.aliases.iter().map(|(alias, target, doc)| {
            let a = ident(alias);
            let t = ident(target);
            let doc = doc_attrs(doc.as_deref());
            quote! { #doc pub type #a = super::#t; }
        });
        let plain = self.plain_aliases(&op.plain);
        let mut codes = TokenStream::new();
        if !op.error_codes.is_empty() && !shared_codes {
            codes.extend(short.impls_apart(self.error_codes(&op.error_codes, false)));
        }
        if let Some(f) = &op.error_code_field {
            codes.extend(self.error_code_method(f));
        }
        quote! {
            #doc
            pub mod #name {
                /// The document's types, shared by every operation.
                pub use super::*;
                #endpoint
                #(#aliases)*
                #plain
                #codes
            }
        }
    }
}
