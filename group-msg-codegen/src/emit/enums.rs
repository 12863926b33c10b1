//! Plain enums (string values written as strings, integer values as integers) and the
//! `ErrorCode` enum with its unknown-code variant.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Enum, ErrorCode, ErrorCodeField, Lit, TypeDef};

impl Emitter<'_> {
    pub fn enumeration(&self, t: &TypeDef, e: &Enum) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let doc = doc_attrs(t.doc.as_deref());
        let is_int = e.values.iter().any(|v| matches!(v.wire, Lit::Int(_)));
        let variants = e.values.iter().map(|v| {
            let vname = ident(&v.rust);
            let vdoc = doc_attrs(v.doc.as_deref());
            let sep = if v.doc.is_some() { quote!(#[doc = ""]) } else { quote!() };
            let wire = match &v.wire {
                Lit::Str(s) => format!(" Wire value: `\"{s}\"`."),
                Lit::Int(i) => format!(" Wire value: `{i}`."),
            };
            quote! { #vdoc #sep #[doc = #wire] #vname, }
        });
        let all = e.values.iter().map(|v| {
            let vname = ident(&v.rust);
            quote!(#name::#vname)
        });
        let texts: Vec<String> = e.values.iter().map(|v| super::unions::lit_text(&v.wire)).collect();
        let expecting = format!("one of {}", texts.join(", "));
        let value_arms = e.values.iter().map(|v| {
            let vname = ident(&v.rust);
            match &v.wire {
                Lit::Str(s) => quote!(#name::#vname => #s,),
                Lit::Int(i) => quote!(#name::#vname => #i,),
            }
        });
        let (value_ty, value_doc, kind) = if is_int {
            (quote!(i64), " The integer written on the wire.", quote!(int))
        } else {
            (quote!(&'static str), " The string written on the wire.", quote!(str))
        };
        let schema = self.json_schema_impl(t);
        quote! {
            #doc
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord)]
            pub enum #name { #(#variants)* }

            impl #name {
                /// Every value, in spec order.
                pub const ALL: &'static [#name] = &[#(#all),*];
                #[doc = #value_doc]
                pub const fn value(&self) -> #value_ty {
                    match self { #(#value_arms)* }
                }
            }

            #rt::value_enum!(#name, #kind, #expecting);

            #schema
        }
    }

    /// `Response::error_code()`: the `x-error-code-field` as an [`ErrorCode`].
    pub fn error_code_method(&self, f: &ErrorCodeField) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&f.ty);
        let field = ident(&f.rust);
        let wire = &f.wire;
        let (doc, ret, body) = if f.required {
            (
                format!(" `{wire}` as an [`ErrorCode`] (its `retry()` says whether to send again)."),
                quote!(ErrorCode),
                quote!(ErrorCode::from_code(#rt::rules::saturate(i128::from(self.#field)))),
            )
        } else {
            (
                format!(" `{wire}` as an [`ErrorCode`] (its `retry()` says whether to send again), when present."),
                quote!(::core::option::Option<ErrorCode>),
                quote!(self.#field.map(|c| ErrorCode::from_code(#rt::rules::saturate(i128::from(c))))),
            )
        };
        quote! {
            impl #name {
                #[doc = #doc]
                pub fn error_code(&self) -> #ret {
                    #body
                }
            }
        }
    }

    /// `ErrorCode`; `shared`: the one of every operation of the document (they list the same).
    pub fn error_codes(&self, codes: &[ErrorCode], shared: bool) -> TokenStream {
        let rt = &self.p.rt;
        let doc = if shared {
            " The error codes every operation of this document lists (the same for each); `Unknown` keeps any other code."
        } else {
            " The error codes this API documents; `Unknown` keeps any other code."
        };
        let variants = codes.iter().map(|c| {
            let v = ident(&c.rust);
            let d = format!(" `{}`: {}", c.code, c.description);
            let retry = if c.retry { quote!(#[doc = ""] #[doc = " A retry can succeed."]) } else { quote!() };
            quote! { #[doc = #d] #retry #v, }
        });
        let table = codes.iter().map(|c| {
            let v = ident(&c.rust);
            let (code, retry) = (c.code, c.retry);
            quote!((ErrorCode::#v, #code, #retry))
        });
        let descriptions = codes.iter().map(|c| &c.description);
        quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
            pub enum ErrorCode {
                #(#variants)*
                /// A code the spec does not list, kept as sent.
                Unknown(i64),
            }

            impl ErrorCode {
                /// Every listed code: the variant, its number, whether sending again later can succeed.
                const CODES: &'static [(ErrorCode, i64, bool)] = &[#(#table),*];
                /// The vendor's description of each of [`Self::CODES`], in order.
                const DESCRIPTIONS: &'static [&'static str] = &[#(#descriptions),*];
            }

            #rt::error_codes!(ErrorCode);
        }
    }
}
