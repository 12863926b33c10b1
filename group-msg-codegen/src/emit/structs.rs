//! Structs: the type, `Serialize` (through `__serialize_fields`, which unions reuse to flatten a
//! variant's fields), `Deserialize` (a map visitor that checks every key), and `JsonSchema`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Extra, Field, Kind, Payload, Struct, TypeDef};

impl Emitter<'_> {
    /// The declared Rust type of a field (with `Option`, `Box`, `Secret`).
    pub fn field_ty(&self, f: &Field) -> TokenStream {
        let t = self.slot_ty(f);
        if f.required {
            t
        } else {
            quote!(::core::option::Option<#t>)
        }
    }

    /// The type a field's value deserializes as: the field's type without the `Option` that
    /// stands for an absent key.
    fn slot_ty(&self, f: &Field) -> TokenStream {
        let rt = &self.p.rt;
        let mut t = self.ty(&f.ty);
        if f.secret {
            t = quote!(#rt::Secret<#t>);
        }
        if f.boxed {
            t = quote!(::std::boxed::Box<#t>);
        }
        if f.nullable {
            t = quote!(::core::option::Option<#t>);
        }
        t
    }

    pub fn structure(&self, t: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&t.name);
        let doc = doc_attrs(t.doc.as_deref());
        let mut decls: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let fname = ident(&f.rust);
                let fdoc = doc_attrs(f.doc.as_deref());
                let wire = format!(" Wire name: `{}`.", f.wire);
                let sep = if f.doc.is_some() { quote!(#[doc = ""]) } else { quote!() };
                let ty = self.field_ty(f);
                quote! { #fdoc #sep #[doc = #wire] pub #fname: #ty, }
            })
            .collect();
        if let Some(u) = &s.union {
            let fname = ident(&u.rust);
            let uty = ident(&u.ty);
            let d = " The tagged part of the object: which variant, and its fields.";
            decls.insert(u.position.min(decls.len()), quote! { #[doc = #d] pub #fname: #uty, });
        }
        if let Extra::Keep(ty) = &s.extra {
            let ty = self.ty(ty);
            decls.push(quote! {
                /// Keys the spec does not list, kept as they came.
                pub extra: ::std::collections::BTreeMap<::std::string::String, #ty>,
            });
        }
        let ser = self.struct_serialize(&name, s);
        let de = self.struct_deserialize(&name, s);
        let fields_acc = if self.is_payload(&t.name) { self.field_accumulator(&name, s) } else { quote!() };
        let schema = self.json_schema_impl(t);
        quote! {
            #doc
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
            pub struct #name { #(#decls)* }
            #ser
            #de
            #fields_acc
            #schema
        }
    }

    /// Whether the struct is a union variant's payload (its keys sit beside the tag).
    fn is_payload(&self, name: &str) -> bool {
        self.payloads
            .get_or_init(|| {
                let mut set = std::collections::BTreeSet::new();
                for t in &self.module.types {
                    if let Kind::Union(u) = &t.kind {
                        for v in &u.variants {
                            if let Payload::Struct(n) = &v.payload {
                                set.insert(n.clone());
                            }
                        }
                    }
                }
                set
            })
            .contains(name)
    }

    /// `__{Name}Fields`: the struct's fields read one key at a time, so a union reads a variant's
    /// keys straight from the input once the tag is known, and buffered ones when it was late.
    fn field_accumulator(&self, name: &syn::Ident, s: &Struct) -> TokenStream {
        let serde = &self.p.serde;
        let rt = &self.p.rt;
        let json = &self.p.json;
        let acc = super::hidden("", &format!("{name}Fields"));
        let slots: Vec<_> = s.fields.iter().enumerate().map(|(i, _)| format_ident!("f{}", i)).collect();
        let decls = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let ty = self.slot_ty(f);
            quote!(#slot: ::core::option::Option<#ty>,)
        });
        let direct = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let wire = &f.wire;
            quote!(#wire => #rt::de::set(&mut self.#slot, map, #wire)?,)
        });
        let buffered = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let wire = &f.wire;
            quote!(#wire => {
                if self.#slot.is_some() {
                    return ::core::result::Result::Err(__E::duplicate_field(#wire));
                }
                self.#slot = ::core::option::Option::Some(#rt::de::convert_at(#wire, value)?);
            })
        });
        let assigns = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let fname = ident(&f.rust);
            let wire = &f.wire;
            if f.required {
                quote!(#fname: #rt::de::required(self.#slot, #wire)?,)
            } else {
                quote!(#fname: self.#slot,)
            }
        });
        let extra = match s.extra {
            Extra::Keep(_) => quote!(extra: ::std::collections::BTreeMap::new(),),
            Extra::Deny => quote!(),
        };
        quote! {
            #[doc(hidden)]
            #[derive(::core::default::Default)]
            pub struct #acc { #(#decls)* }

            impl #acc {
                /// Reads `key` from the input when it is one of the fields.
                pub fn accept<'de, __A: #serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut __A) -> ::core::result::Result<bool, __A::Error> {
                    match key {
                        #(#direct)*
                        _ => return ::core::result::Result::Ok(false),
                    }
                    ::core::result::Result::Ok(true)
                }
                /// Takes a buffered `value` of `key` when it is one of the fields.
                pub fn accept_value<__E: #serde::de::Error>(&mut self, key: &str, value: #json::Value) -> ::core::result::Result<bool, __E> {
                    match key {
                        #(#buffered)*
                        _ => return ::core::result::Result::Ok(false),
                    }
                    ::core::result::Result::Ok(true)
                }
                /// The struct, or the first missing field.
                pub fn finish<__E: #serde::de::Error>(self) -> ::core::result::Result<#name, __E> {
                    ::core::result::Result::Ok(#name { #(#assigns)* #extra })
                }
            }
        }
    }

    fn struct_serialize(&self, name: &syn::Ident, s: &Struct) -> TokenStream {
        let serde = &self.p.serde;
        let mut entries: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let fname = ident(&f.rust);
                let wire = &f.wire;
                if f.required {
                    quote! { map.serialize_entry(#wire, &self.#fname)?; }
                } else {
                    quote! {
                        if let ::core::option::Option::Some(value) = &self.#fname {
                            map.serialize_entry(#wire, value)?;
                        }
                    }
                }
            })
            .collect();
        if let Some(u) = &s.union {
            let fname = ident(&u.rust);
            entries.insert(u.position.min(entries.len()), quote! { self.#fname.__serialize_flat(map)?; });
        }
        if matches!(s.extra, Extra::Keep(_)) {
            entries.push(quote! {
                for (key, value) in &self.extra {
                    map.serialize_entry(key, value)?;
                }
            });
        }
        quote! {
            impl #name {
                #[doc(hidden)]
                pub fn __serialize_fields<__M: #serde::ser::SerializeMap>(&self, map: &mut __M) -> ::core::result::Result<(), __M::Error> {
                    #(#entries)*
                    ::core::result::Result::Ok(())
                }
            }
            impl #serde::Serialize for #name {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    use #serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(::core::option::Option::None)?;
                    self.__serialize_fields(&mut map)?;
                    map.end()
                }
            }
        }
    }

    fn struct_deserialize(&self, name: &syn::Ident, s: &Struct) -> TokenStream {
        let serde = &self.p.serde;
        let rt = &self.p.rt;
        let expecting = format!("a `{name}` object");
        let slots: Vec<_> = s.fields.iter().enumerate().map(|(i, _)| format_ident!("__f{}", i)).collect();
        let decl_slots = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let ty = self.slot_ty(f);
            quote! { let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None; }
        });
        let arms = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let wire = &f.wire;
            quote! { #wire => #rt::de::set(&mut #slot, &mut map, #wire)?, }
        });
        let known: Vec<&str> = s.fields.iter().map(|f| f.wire.as_str()).collect();
        let union_decl;
        let union_try;
        let mut union_finish = quote!();
        let mut union_field = quote!();
        if let Some(u) = &s.union {
            let acc = super::hidden("", &format!("{}Accum", u.ty));
            let fname = ident(&u.rust);
            union_decl = quote! { let mut __union = #acc::default(); };
            union_try = Some(quote! { __union.accept(other, &mut map)? });
            let leftovers = match &s.extra {
                Extra::Deny => quote! { let (__u, _) = __union.finish::<__A::Error>(true)?; },
                Extra::Keep(_) => quote! {
                    let (__u, __left) = __union.finish::<__A::Error>(false)?;
                    for (key, value) in __left {
                        __extra.insert(key, #rt::de::convert(value)?);
                    }
                },
            };
            union_finish = leftovers;
            union_field = quote! { #fname: __u, };
        } else {
            union_decl = quote!();
            union_try = None;
        }
        let all_known: Vec<String> = match &s.union {
            Some(u) => {
                let mut k: Vec<String> = known.iter().map(|s| (*s).to_owned()).collect();
                k.extend(self.union_keys(&u.ty));
                k
            }
            None => known.iter().map(|s| (*s).to_owned()).collect(),
        };
        let fields_const = match &s.extra {
            Extra::Deny => quote! { const FIELDS: &[&str] = &[#(#all_known),*]; },
            Extra::Keep(_) => quote!(),
        };
        let (extra_decl, unknown, extra_field) = match &s.extra {
            Extra::Deny => (
                quote!(),
                quote! { return ::core::result::Result::Err(#rt::de::unknown_field(other, FIELDS)); },
                quote!(),
            ),
            Extra::Keep(_) => (
                quote! { let mut __extra = ::std::collections::BTreeMap::new(); },
                quote! { __extra.insert(::std::string::String::from(other), map.next_value()?); },
                quote! { extra: __extra, },
            ),
        };
        let assigns = s.fields.iter().zip(&slots).map(|(f, slot)| {
            let fname = ident(&f.rust);
            let wire = &f.wire;
            if f.required {
                quote! { #fname: #rt::de::required(#slot, #wire)?, }
            } else {
                quote! { #fname: #slot, }
            }
        });
        let fallback = match union_try {
            Some(t) => quote! { if !#t { #unknown } },
            None => unknown,
        };
        let dispatch = if s.fields.is_empty() {
            quote! { let other = key.as_str(); #fallback }
        } else {
            quote! {
                match key.as_str() {
                    #(#arms)*
                    other => { #fallback }
                }
            }
        };
        quote! {
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
                            #(#decl_slots)*
                            #union_decl
                            #extra_decl
                            while let ::core::option::Option::Some(key) = map.next_key::<#rt::de::Key<'de>>()? {
                                #dispatch
                            }
                            #union_finish
                            ::core::result::Result::Ok(#name {
                                #(#assigns)*
                                #union_field
                                #extra_field
                            })
                        }
                    }
                    deserializer.deserialize_map(__Visitor)
                }
            }
        }
    }
}
