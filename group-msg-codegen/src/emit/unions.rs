//! Tagged unions: the enum, and one `rt::union!` invocation (a line per variant) for the rest:
//! `Serialize` (the tag, then the variant's keys, written into the enclosing object by
//! `__serialize_flat`) and `Deserialize` through the runtime's generic reader
//! (`runtime::union`), which reads a struct variant with the struct's own `Deserialize`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Kind, Lit, Payload, TypeDef, Union, Variant};

impl Emitter<'_> {
    fn variant_keys(&self, v: &Variant) -> Vec<String> {
        self.module.variant_keys(v)
    }

    /// Every key the union named `name` may read.
    pub fn union_keys(&self, name: &str) -> Vec<String> {
        match self.module.typedef(name).map(|t| &t.kind) {
            Some(Kind::Union(u)) => self.module.union_keys(u),
            _ => Vec::new(),
        }
    }

    pub fn union(&self, t: &TypeDef, u: &Union) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let doc = doc_attrs(t.doc.as_deref());
        let tag = &u.tag;

        let variants = u.variants.iter().map(|v| {
            let vname = ident(&v.rust);
            let vdoc = doc_attrs(v.doc.as_deref());
            let sep = if v.doc.is_some() { quote!(#[doc = ""]) } else { quote!() };
            let tagdoc = format!(" `{tag}`: {}", lit_text(&v.tag));
            let body = match &v.payload {
                Payload::Unit => quote!(),
                Payload::Single { ty, boxed, .. } => {
                    let ty = self.ty(ty);
                    if *boxed {
                        quote!((::std::boxed::Box<#ty>))
                    } else {
                        quote!((#ty))
                    }
                }
                Payload::Struct(s) => {
                    let s = ident(s);
                    quote!((#s))
                }
            };
            quote! { #vdoc #sep #[doc = #tagdoc] #vname #body, }
        });

        // One `rt::union!` line per variant: its name and payload, tag value, and keys.
        let (derives, deep, guard) = if self.is_recursive(&t.name) {
            (quote!(#[derive(::core::cmp::PartialEq)]), self.deep_union_impls(&name, u), quote!(deep))
        } else {
            (
                quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]),
                quote!(),
                quote!(flat),
            )
        };
        let tag_kind = match u.variants.first().map(|v| &v.tag) {
            Some(Lit::Int(_)) => quote!(int),
            _ => quote!(str),
        };
        let fields = if u.strict {
            let keys = self.union_keys(&t.name);
            quote!(strict [#(#keys),*])
        } else {
            quote!(open [])
        };
        let lines = u.variants.iter().map(|v| {
            let vname = ident(&v.rust);
            let tv = match &v.tag {
                Lit::Str(s) => quote!(#s),
                Lit::Int(n) => {
                    let n = proc_macro2::Literal::i64_unsuffixed(*n);
                    quote!(#n)
                }
            };
            let keys = self.variant_keys(v);
            let payload = match &v.payload {
                Payload::Unit => quote!(= #tv, unit),
                Payload::Single { ty, boxed, .. } => {
                    let kind = if super::structs::is_int(ty) && !*boxed { quote!(int) } else { quote!(value) };
                    let ty = self.ty(ty);
                    let ty = if *boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
                    quote!((#ty) = #tv, #kind)
                }
                // A recursive payload writes its fields with its own `__serialize_fields`, which
                // does not count depth again; others through their `Serialize`.
                Payload::Struct(s) if self.is_recursive(s) => {
                    let s = ident(s);
                    quote!((#s) = #tv, deep_fields)
                }
                Payload::Struct(s) => {
                    let s = ident(s);
                    quote!((#s) = #tv, fields)
                }
            };
            let deny = if !u.strict && v.deny_unknown { quote!(deny) } else { quote!() };
            quote!(#vname #payload [#(#keys),*] #deny;)
        });
        let schema = self.json_schema_impl(t);
        quote! {
            #doc
            #derives
            pub enum #name { #(#variants)* }
            #deep
            #rt::union! {
                #name: #tag #tag_kind, #guard, #fields;
                #(#lines)*
            }
            #schema
        }
    }
}

impl Emitter<'_> {
    /// `Debug` and `Clone` of a recursive union (see the struct's `deep_impls`).
    fn deep_union_impls(&self, name: &syn::Ident, u: &Union) -> TokenStream {
        let rt = &self.p.rt;
        let debug_arms = u.variants.iter().map(|v| {
            let vname = ident(&v.rust);
            let shown = v.rust.trim_start_matches("r#");
            match v.payload {
                Payload::Unit => quote!(#name::#vname => f.write_str(#shown),),
                _ => quote!(#name::#vname(x) => f.debug_tuple(#shown).field(x).finish(),),
            }
        });
        let clone_arms = u.variants.iter().map(|v| {
            let vname = ident(&v.rust);
            match v.payload {
                Payload::Unit => quote!(#name::#vname => #name::#vname,),
                _ => quote!(#name::#vname(x) => #name::#vname(::core::clone::Clone::clone(x)),),
            }
        });
        quote! {
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let ::core::option::Option::Some(_guard) = #rt::depth::Guard::enter() else {
                        return f.write_str("..");
                    };
                    match self { #(#debug_arms)* }
                }
            }
            impl ::core::clone::Clone for #name {
                fn clone(&self) -> Self {
                    #rt::depth::deep(|| match self { #(#clone_arms)* })
                }
            }
        }
    }
}

pub(crate) fn lit_text(l: &Lit) -> String {
    match l {
        Lit::Str(s) => s.clone(),
        Lit::Int(i) => i.to_string(),
    }
}
