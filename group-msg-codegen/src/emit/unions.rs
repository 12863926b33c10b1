//! Tagged unions: the enum, `Serialize` (the tag, then the variant's keys, written into the
//! enclosing object by `__serialize_flat`), and an accumulator that the enclosing object's
//! visitor feeds the union's keys to, so the keys may come in any order.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, hidden, ident, Emitter};
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
        let serde = &self.p.serde;
        let rt = &self.p.rt;
        let json = &self.p.json;
        let name = ident(&t.name);
        let doc = doc_attrs(t.doc.as_deref());
        let tag = &u.tag;
        let tag_texts: Vec<String> = u.variants.iter().map(|v| lit_text(&v.tag)).collect();

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

        let tag_value = |l: &Lit| match l {
            Lit::Str(s) => quote!(#s),
            Lit::Int(i) => quote!(&#i),
        };
        let flat_arms = u.variants.iter().map(|v| {
            let vname = ident(&v.rust);
            let tv = tag_value(&v.tag);
            match &v.payload {
                Payload::Unit => quote! { #name::#vname => { map.serialize_entry(#tag, #tv)?; } },
                Payload::Single { key, .. } => quote! {
                    #name::#vname(value) => {
                        map.serialize_entry(#tag, #tv)?;
                        map.serialize_entry(#key, value)?;
                    }
                },
                Payload::Struct(_) => quote! {
                    #name::#vname(value) => {
                        map.serialize_entry(#tag, #tv)?;
                        value.__serialize_fields(map)?;
                    }
                },
            }
        });
        let tag_arms = u.variants.iter().map(|v| {
            let vname = ident(&v.rust);
            let pat = match v.payload {
                Payload::Unit => quote!(#name::#vname),
                _ => quote!(#name::#vname(_)),
            };
            let tv = match &v.tag {
                Lit::Str(s) => quote!(#s),
                Lit::Int(i) => quote!(#i),
            };
            quote!(#pat => #tv,)
        });
        let (tag_ty, tag_method_doc) = match u.variants.first().map(|v| &v.tag) {
            Some(Lit::Int(_)) => (quote!(i64), format!(" The value of `{tag}` for this variant.")),
            _ => (quote!(&'static str), format!(" The value of `{tag}` for this variant.")),
        };

        // The accumulator.
        let acc = hidden("", &format!("{}Accum", t.name));
        let read_tag = match u.variants.first().map(|v| &v.tag) {
            Some(Lit::Int(_)) => {
                let arms = u.variants.iter().enumerate().map(|(i, v)| {
                    let Lit::Int(n) = &v.tag else { return quote!() };
                    quote!(#n => #i,)
                });
                quote! {
                    let value = map.next_value::<#rt::de::AsInt<i64>>()?.0;
                    self.tag = ::core::option::Option::Some(match value {
                        #(#arms)*
                        other => return ::core::result::Result::Err(#rt::de::unknown_tag(&other.to_string(), #tag, TAGS)),
                    });
                }
            }
            _ => {
                let arms = u.variants.iter().enumerate().map(|(i, v)| {
                    let Lit::Str(s) = &v.tag else { return quote!() };
                    quote!(#s => #i,)
                });
                quote! {
                    let value = map.next_value::<#rt::de::Key<'de>>()?;
                    self.tag = ::core::option::Option::Some(match value.as_str() {
                        #(#arms)*
                        other => return ::core::result::Result::Err(#rt::de::unknown_tag(other, #tag, TAGS)),
                    });
                }
            }
        };
        // Every variant key: read straight into the chosen variant when the tag came first
        // (a single-key payload, or a field of a struct payload); kept in `buf` until then.
        let mut keys: Vec<String> = Vec::new();
        for v in &u.variants {
            for k in self.variant_keys(v) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        let slot = |i: usize| format_ident!("p{}", i);
        let key_arms = keys.iter().map(|key| {
            let arms = u.variants.iter().enumerate().filter_map(|(i, v)| match &v.payload {
                Payload::Single { key: k, ty, boxed } if k == key => {
                    let vname = ident(&v.rust);
                    let read = if super::structs::is_int(ty) && !*boxed {
                        quote!(map.next_value::<#rt::de::AsInt<_>>()?.0)
                    } else {
                        quote!(map.next_value()?)
                    };
                    // A second copy, read straight or buffered before the tag, is refused.
                    Some(quote! {
                        ::core::option::Option::Some(#i) => {
                            if self.value.is_some() || self.buf.contains_key(key) {
                                return ::core::result::Result::Err(#rt::de::duplicate(key));
                            }
                            self.value = ::core::option::Option::Some(#name::#vname(#read));
                        }
                    })
                }
                Payload::Struct(_) if self.variant_keys(v).contains(key) => {
                    let p = slot(i);
                    Some(quote! {
                        ::core::option::Option::Some(#i) => {
                            self.#p.accept(#key, map)?;
                        }
                    })
                }
                _ => None,
            });
            quote! {
                #key => match self.tag {
                    #(#arms)*
                    _ => #rt::de::buffer(&mut self.buf, key, map)?,
                },
            }
        });
        let payload_slots: Vec<TokenStream> = u
            .variants
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match &v.payload {
                Payload::Struct(s) => {
                    let p = slot(i);
                    let fields = hidden("", &format!("{s}Fields"));
                    Some(quote!(#p: #fields,))
                }
                _ => None,
            })
            .collect();
        let finish_arms = u.variants.iter().enumerate().map(|(i, v)| {
            let vname = ident(&v.rust);
            match &v.payload {
                Payload::Unit => quote! { #i => #name::#vname, },
                Payload::Single { key, ty, boxed } => {
                    let convert = if super::structs::is_int(ty) && !*boxed {
                        quote!(#rt::de::convert_at::<#rt::de::AsInt<_>, __E>(#key, value)?.0)
                    } else {
                        quote!(#rt::de::convert_at(#key, value)?)
                    };
                    quote! {
                    #i => match buf.remove(#key) {
                        ::core::option::Option::Some(value) => #name::#vname(#convert),
                        ::core::option::Option::None => return ::core::result::Result::Err(__E::missing_field(#key)),
                    },
                    }
                }
                Payload::Struct(_) => {
                    let keys = self.variant_keys(v);
                    let p = slot(i);
                    quote! {
                        #i => {
                            let mut fields = self.#p;
                            for key in [#(#keys),*] {
                                if let ::core::option::Option::Some(value) = buf.remove(key) {
                                    fields.accept_value::<__E>(key, value)?;
                                }
                            }
                            #name::#vname(fields.finish::<__E>()?)
                        }
                    }
                }
            }
        });
        let variant_key_lists = u.variants.iter().map(|v| {
            let keys = self.variant_keys(v);
            quote!(&[#(#keys),*])
        });
        let expecting = format!("a `{}` object", t.name);
        let strict = u.strict;
        let unknown = if strict {
            quote! { return ::core::result::Result::Err(#rt::de::unknown_field(other, FIELDS)); }
        } else {
            quote! {
                if !ignored.insert(::std::string::String::from(other)) {
                    return ::core::result::Result::Err(#rt::de::duplicate(other));
                }
                map.next_value::<#serde::de::IgnoredAny>()?;
            }
        };
        let ignored_decl =
            if strict { quote!() } else { quote!(let mut ignored = ::std::collections::BTreeSet::new();) };
        // Variants with `additionalProperties: false` of their own (the union is not strict):
        // with their tag, another variant's key (left in `buf`) and an unknown key are refused.
        let any_deny = !strict && u.variants.iter().any(|v| v.deny_unknown);
        let (deny_const, deny_check, denies_method, finish_call) = if any_deny {
            let flags: Vec<bool> = u.variants.iter().map(|v| v.deny_unknown).collect();
            (
                quote! { const DENY: &[bool] = &[#(#flags),*]; },
                quote! { || DENY[tag] },
                quote! {
                    /// Whether the variant chosen so far refuses keys outside its properties.
                    pub fn denies_unknown(&self) -> bool {
                        const DENY: &[bool] = &[#(#flags),*];
                        self.tag.is_some_and(|t| DENY[t])
                    }
                },
                quote! {
                    let denies = acc.denies_unknown();
                    let value = acc.finish::<__A::Error>(#strict)?.0;
                    if denies {
                        if let ::core::option::Option::Some(key) = ignored.iter().next() {
                            return ::core::result::Result::Err(#rt::de::not_in_variant(key, #tag, &value.tag().to_string()));
                        }
                    }
                    ::core::result::Result::Ok(value)
                },
            )
        } else {
            (quote!(), quote!(), quote!(), quote! { ::core::result::Result::Ok(acc.finish::<__A::Error>(#strict)?.0) })
        };

        let guard = self.serialize_guard(&t.name);
        let (derives, deep) = if self.is_recursive(&t.name) {
            (quote!(#[derive(::core::cmp::PartialEq)]), self.deep_union_impls(&name, u))
        } else {
            (quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]), quote!())
        };
        let fields_const = if strict {
            let keys = self.union_keys(&t.name);
            quote! { const FIELDS: &[&str] = &[#(#keys),*]; }
        } else {
            quote!()
        };
        let schema = self.json_schema_impl(t);
        quote! {
            #doc
            #derives
            pub enum #name { #(#variants)* }
            #deep

            impl #name {
                /// The wire name of the tag that selects the variant.
                pub const TAG: &'static str = #tag;
                #[doc = #tag_method_doc]
                pub fn tag(&self) -> #tag_ty {
                    match self { #(#tag_arms)* }
                }
                #[doc(hidden)]
                pub fn __serialize_flat<__M: #serde::ser::SerializeMap>(&self, map: &mut __M) -> ::core::result::Result<(), __M::Error> {
                    match self { #(#flat_arms)* }
                    ::core::result::Result::Ok(())
                }
            }

            impl #serde::Serialize for #name {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    use #serde::ser::SerializeMap as _;
                    #guard
                    let mut map = serializer.serialize_map(::core::option::Option::None)?;
                    self.__serialize_flat(&mut map)?;
                    map.end()
                }
            }

            #[doc(hidden)]
            #[derive(::core::default::Default)]
            pub struct #acc {
                tag: ::core::option::Option<usize>,
                value: ::core::option::Option<#name>,
                buf: #json::Map<::std::string::String, #json::Value>,
                #(#payload_slots)*
            }

            impl #acc {
                #denies_method
                /// Takes `key` when it belongs to the union; `false` leaves it to the caller.
                pub fn accept<'de, __A: #serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut __A) -> ::core::result::Result<bool, __A::Error> {
                    const TAGS: &[&str] = &[#(#tag_texts),*];
                    match key {
                        #tag => {
                            if self.tag.is_some() {
                                return ::core::result::Result::Err(#rt::de::duplicate(#tag));
                            }
                            #read_tag
                        }
                        #(#key_arms)*
                        _ => return ::core::result::Result::Ok(false),
                    }
                    ::core::result::Result::Ok(true)
                }

                /// The union, and the keys that belong to other variants (an error when `strict`).
                pub fn finish<__E: #serde::de::Error>(self, strict: bool) -> ::core::result::Result<(#name, #json::Map<::std::string::String, #json::Value>), __E> {
                    const TAGS: &[&str] = &[#(#tag_texts),*];
                    let ::core::option::Option::Some(tag) = self.tag else {
                        return ::core::result::Result::Err(__E::missing_field(#tag));
                    };
                    let mut buf = self.buf;
                    #deny_const
                    if strict #deny_check {
                        // A key of another variant is the mistake to report, before a missing one.
                        const VARIANT_KEYS: &[&[&str]] = &[#(#variant_key_lists),*];
                        if let ::core::option::Option::Some(key) = buf.keys().find(|k| !VARIANT_KEYS[tag].contains(&k.as_str())) {
                            return ::core::result::Result::Err(#rt::de::not_in_variant(key, #tag, TAGS[tag]));
                        }
                    }
                    let value = match self.value {
                        ::core::option::Option::Some(value) => value,
                        ::core::option::Option::None => match tag {
                            #(#finish_arms)*
                            _ => return ::core::result::Result::Err(__E::custom("unknown tag")),
                        },
                    };
                    ::core::result::Result::Ok((value, buf))
                }
            }

            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    #fields_const
                    struct __Visitor;
                    impl<'de> #serde::de::Visitor<'de> for __Visitor {
                        type Value = #name;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str(#expecting)
                        }
                        fn visit_map<__A: #serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<#name, __A::Error> {
                            let mut acc = #acc::default();
                            #ignored_decl
                            while let ::core::option::Option::Some(key) = map.next_key::<#rt::de::Key<'de>>()? {
                                let other = key.as_str();
                                if !acc.accept(other, &mut map)? {
                                    #unknown
                                }
                            }
                            #finish_call
                        }
                    }
                    deserializer.deserialize_map(__Visitor)
                }
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
