//! Union constructors: a snake_case associated fn per variant (`MsgElement::text("hi")`), and
//! `From<Payload>` where only one variant carries that payload type.
//!
//! A payload struct with exactly one required field (constants and defaults aside) is built from
//! that field's value, its other fields left unset, so nested values read like the message.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::builders::{fresh, method_allows, method_name, Member, Slot};
use super::{ident, Emitter};
use crate::ir::{Extra, Payload, Ty, TypeDef, Union};

/// Inherent items every union already has (`tag`, `validate`, `from_json`, ...); a constructor
/// whose name would clash gets a `_variant` suffix.
const UNION_ITEMS: &[&str] = &["tag", "validate", "from_json", "__serialize_flat"];

impl Emitter<'_> {
    /// Canonical form of a payload type, aliases resolved, to find payload types used once.
    fn canonical(&self, ty: &Ty) -> Ty {
        match self.resolve(ty) {
            Ty::Vec(t) => Ty::Vec(Box::new(self.canonical(t))),
            Ty::Map(t) => Ty::Map(Box::new(self.canonical(t))),
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.canonical(t)).collect()),
            other => other.clone(),
        }
    }

    /// The struct `name`'s only required member, when it has exactly one.
    fn only_required<'s>(&'s self, name: &str) -> Option<(&'s crate::ir::Struct, Vec<Member<'s>>, usize)> {
        let s = self.struct_def(name)?;
        let members = self.members(s);
        let mut required = members.iter().enumerate().filter(|(_, m)| matches!(m.slot, Slot::Required));
        let (i, _) = required.next()?;
        if required.next().is_some() {
            return None;
        }
        Some((s, members, i))
    }

    /// `(argument, value of the payload type)` of a constructor taking a value of struct `name`:
    /// its only required field when it has one, else the struct itself.
    fn struct_input(&self, name: &str) -> (TokenStream, TokenStream) {
        let sname = ident(name);
        let Some((s, members, only)) = self.only_required(name) else {
            return (quote!(impl ::core::convert::Into<#sname>), quote!(::core::convert::Into::<#sname>::into(value)));
        };
        let (arg, conv) = self.member_input(&members[only]);
        let inits = members.iter().enumerate().map(|(i, m)| {
            let f = ident(m.rust);
            match &m.slot {
                _ if i == only => quote!(#f: #conv,),
                Slot::Constant(e) | Slot::Defaulted(e) | Slot::Numbered(e) => quote!(#f: #e,),
                _ => quote!(#f: ::core::option::Option::None,),
            }
        });
        let extra = match s.extra {
            Extra::Keep(_) => quote!(extra: ::std::collections::BTreeMap::new(),),
            Extra::Deny => quote!(),
        };
        (arg, quote!(#sname { #(#inits)* #extra }))
    }

    pub fn constructors(&self, t: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&t.name);
        let mut taken: BTreeSet<String> = UNION_ITEMS.iter().map(|s| (*s).to_owned()).collect();
        let type_fn = method_name(&t.name.to_snake_case());
        let mut fns = Vec::new();
        for v in &u.variants {
            let base = method_name(&v.rust.to_snake_case());
            let fname = if taken.contains(&base) {
                fresh(&format!("{}_variant", base.trim_start_matches("r#")), &mut taken)
            } else {
                taken.insert(base.clone());
                base
            };
            let mut allows = method_allows(&fname);
            if fname == type_fn {
                allows.extend(quote!(#[allow(clippy::self_named_constructors)]));
            }
            let f = ident(&fname);
            let vname = ident(&v.rust);
            let first = v.doc.as_deref().and_then(|d| d.trim().lines().next()).map(str::trim).unwrap_or("");
            let tag = super::unions::lit_text(&v.tag);
            let head = if first.is_empty() {
                format!(" [`{}::{}`] (`{}`: {tag}).", t.name, v.rust, u.tag)
            } else {
                format!(" [`{}::{}`] (`{}`: {tag}): {first}", t.name, v.rust, u.tag)
            };
            let (arg, value, how) = match &v.payload {
                Payload::Unit => {
                    fns.push(quote! {
                        #[doc = #head]
                        #allows
                        pub fn #f() -> Self {
                            #name::#vname
                        }
                    });
                    continue;
                }
                Payload::Single { ty, boxed, .. } => {
                    let (arg, mut value, how) = match ty {
                        Ty::Named(n) if self.struct_def(n).is_some() => {
                            let (arg, value) = self.struct_input(n);
                            (arg, value, self.how(n))
                        }
                        _ => (self.input_ty(ty), self.convert(ty, quote!(value), 0), String::new()),
                    };
                    if *boxed {
                        value = quote!(::std::boxed::Box::new(#value));
                    }
                    (arg, value, how)
                }
                Payload::Struct(n) => {
                    let (arg, value) = self.struct_input(n);
                    (arg, value, self.how(n))
                }
            };
            let how = if how.is_empty() { quote!() } else { quote!(#[doc = ""] #[doc = #how]) };
            fns.push(quote! {
                #[doc = #head]
                #how
                #allows
                pub fn #f(value: #arg) -> Self {
                    #name::#vname(#value)
                }
            });
        }

        // `From<Payload>` for payload types only one variant carries.
        let mut uses: BTreeMap<String, usize> = BTreeMap::new();
        let payload_ty = |p: &Payload| match p {
            Payload::Unit => None,
            Payload::Single { ty, boxed, .. } => Some((ty.clone(), *boxed)),
            Payload::Struct(n) => Some((Ty::Named(n.clone()), false)),
        };
        for v in &u.variants {
            if let Some((ty, _)) = payload_ty(&v.payload) {
                *uses.entry(format!("{:?}", self.canonical(&ty))).or_default() += 1;
            }
        }
        let froms: Vec<TokenStream> = u
            .variants
            .iter()
            .filter_map(|v| {
                let (ty, boxed) = payload_ty(&v.payload)?;
                let canonical = self.canonical(&ty);
                if uses[&format!("{canonical:?}")] != 1 || canonical == Ty::Named(t.name.clone()) {
                    return None;
                }
                let vname = ident(&v.rust);
                let pty = self.ty(&ty);
                Some(if boxed { quote!(#vname(boxed #pty)) } else { quote!(#vname(#pty)) })
            })
            .collect();
        let rt = &self.p.rt;
        let froms =
            if froms.is_empty() { quote!() } else { quote!(#rt::builder::from_variants!(#name { #(#froms),* });) };
        let fns = quote!(#(#fns)*);
        quote! {
            impl #name {
                #fns
            }
            #froms
        }
    }

    /// The doc line of a constructor that takes a payload struct's only required field.
    fn how(&self, name: &str) -> String {
        match self.only_required(name) {
            Some((_, members, only)) => {
                let m = &members[only];
                let wire = m.field.map_or(m.rust, |f| f.wire.as_str());
                format!(" Takes the only required field of [`{name}`], `{wire}`; the optional fields stay unset.")
            }
            None => String::new(),
        }
    }
}
