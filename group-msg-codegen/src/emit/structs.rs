//! Structs: the type, `Serialize` (through `__serialize_fields`, which unions reuse to flatten a
//! variant's fields), `Deserialize` (a map visitor that checks every key), and `JsonSchema`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, ident, Emitter};

/// A field's doc: its wire name, then the spec's description.
fn field_doc(f: &Field) -> TokenStream {
    match f.doc.as_deref() {
        Some(doc) => doc_attrs(Some(&format!("`{}`: {}", f.wire, doc.trim_start()))),
        None => {
            let wire = format!(" Wire name: `{}`.", f.wire);
            quote!(#[doc = #wire])
        }
    }
}
use crate::ir::{Extra, Field, Struct, Ty, TypeDef};

/// Whether a field's value is read as an integer (`-0` included).
pub(super) fn is_int(ty: &Ty) -> bool {
    match ty {
        Ty::Int(_) => true,
        Ty::Vec(t) => matches!(**t, Ty::Int(_)),
        _ => false,
    }
}

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
    pub(crate) fn slot_ty(&self, f: &Field) -> TokenStream {
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

    /// The runtime function that reads a field's value into its slot: integers take `-0`,
    /// untyped JSON refuses duplicate keys inside it.
    fn setter(&self, f: &Field) -> TokenStream {
        let rt = &self.p.rt;
        if f.secret {
            quote!(#rt::de::set)
        } else if is_int(&f.ty) {
            quote!(#rt::de::set_int)
        } else if f.ty == Ty::Any && !f.nullable && !f.boxed {
            quote!(#rt::de::set_any)
        } else if matches!(&f.ty, Ty::Map(t) if **t != Ty::Any) && !f.nullable && !f.boxed {
            quote!(#rt::de::set_map)
        } else if matches!(&f.ty, Ty::Map(t) if **t == Ty::Any) && !f.nullable && !f.boxed {
            quote!(#rt::de::set_map_any)
        } else {
            quote!(#rt::de::set)
        }
    }

    /// `Debug`, `Clone` and `Drop` of a recursive struct, which a value built in Rust can nest
    /// deeper than any stack: `Debug` stops at the depth limit, `Clone` moves to a fresh stack
    /// now and then, `Drop` hands nested values to a loop (see the runtime's `depth` module).
    fn deep_impls(&self, name: &syn::Ident, s: &Struct) -> TokenStream {
        let rt = &self.p.rt;
        // Declaration order, as `#[derive(Debug)]` prints.
        let mut names: Vec<String> = s.fields.iter().map(|f| f.rust.clone()).collect();
        if let Some(u) = &s.union {
            names.insert(u.position.min(names.len()), u.rust.clone());
        }
        if matches!(s.extra, Extra::Keep(_)) {
            names.push("extra".to_owned());
        }
        let idents: Vec<_> = names.iter().map(|n| ident(n)).collect();
        let shown: Vec<String> = names.iter().map(|n| n.trim_start_matches("r#").to_owned()).collect();
        let name_str = name.to_string();
        // The fields that hold the recursion and can be emptied in place.
        let takes: Vec<TokenStream> = s
            .fields
            .iter()
            .filter(|f| {
                (!f.required || f.nullable || matches!(f.ty, Ty::Vec(_) | Ty::Map(_))) && self.reaches_recursion(&f.ty)
            })
            .map(|f| {
                let fname = ident(&f.rust);
                quote!(#rt::depth::defer_drop(::core::mem::take(&mut self.#fname));)
            })
            .collect();
        let drop = if takes.is_empty() {
            quote!()
        } else {
            quote! {
                impl ::core::ops::Drop for #name {
                    fn drop(&mut self) {
                        #(#takes)*
                    }
                }
            }
        };
        quote! {
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let ::core::option::Option::Some(_guard) = #rt::depth::Guard::enter() else {
                        return f.write_str("..");
                    };
                    f.debug_struct(#name_str) #(.field(#shown, &self.#idents))* .finish()
                }
            }
            impl ::core::clone::Clone for #name {
                fn clone(&self) -> Self {
                    #rt::depth::deep(|| #name { #(#idents: ::core::clone::Clone::clone(&self.#idents),)* })
                }
            }
            #drop
        }
    }

    /// Whether a value of `ty` can hold a recursive type.
    fn reaches_recursion(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Named(n) => self.is_recursive(n),
            Ty::Vec(t) | Ty::Map(t) => self.reaches_recursion(t),
            Ty::Tuple(ts) => ts.iter().any(|t| self.reaches_recursion(t)),
            _ => false,
        }
    }

    pub fn structure(&self, t: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&t.name);
        let doc = doc_attrs(t.doc.as_deref());
        // Serialize is derived where serde's derive writes the same JSON: not recursive (whose
        // serializing counts depth), without a flattened union. A union variant's fields are
        // written beside the tag through it (`runtime::union::flatten`).
        let derive_ser = !self.is_recursive(&t.name) && s.union.is_none();
        let derive_de = self.derives_deserialize(&t.name, s);
        // With `Deserialize` derived, both derives sit on a private mirror of the fields (serde's
        // `remote`), and the public struct carries no serde attributes.
        let mirror = derive_de;
        let serde_attrs = |f: &Field, ser: bool| {
            let mut attrs = Vec::new();
            if f.wire != f.rust.trim_start_matches("r#") {
                let wire = &f.wire;
                attrs.push(quote!(#[serde(rename = #wire)]));
            }
            if ser && !f.required {
                attrs.push(quote!(#[serde(skip_serializing_if = "::core::option::Option::is_none")]));
            }
            attrs
        };
        let mut decls: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let fname = ident(&f.rust);
                let fdoc = field_doc(f);
                let ty = self.field_ty(f);
                let serde = if derive_ser && !mirror { serde_attrs(f, true) } else { Vec::new() };
                quote! { #fdoc #(#serde)* pub #fname: #ty, }
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
            let flatten = if derive_ser { quote!(#[serde(flatten)]) } else { quote!() };
            decls.push(quote! {
                /// Keys the spec does not list, kept as they came.
                #flatten
                pub extra: ::std::collections::BTreeMap<::std::string::String, #ty>,
            });
        }
        let serde = &self.p.serde;
        let krate = serde.to_string().replace(' ', "");
        let ser = if derive_ser { quote!() } else { self.struct_serialize(&name, s) };
        let de = if mirror {
            let rt = &self.p.rt;
            let fields = s.fields.iter().map(|f| {
                let fname = ident(&f.rust);
                let ty = self.field_ty(f);
                let attrs = serde_attrs(f, derive_ser);
                quote! { #(#attrs)* #fname: #ty, }
            });
            let (traits, with_ser) = if derive_ser {
                (quote!(#serde::Serialize, #serde::Deserialize), Some(quote!(, ser)))
            } else {
                (quote!(#serde::Deserialize), None)
            };
            let remote = name.to_string();
            quote! {
                const _: () = {
                    #[derive(#traits)]
                    #[serde(crate = #krate)]
                    #[serde(remote = #remote)]
                    struct __Wire { #(#fields)* }
                    #rt::exact_de!(#name, __Wire #with_ser);
                };
            }
        } else {
            self.struct_deserialize(&name, s)
        };
        let schema = self.json_schema_impl(t);
        let (mut derives, deep) = if self.is_recursive(&t.name) {
            (quote!(#[derive(::core::cmp::PartialEq)]), self.deep_impls(&name, s))
        } else {
            (quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]), quote!())
        };
        if derive_ser && !mirror {
            derives.extend(quote!(#[derive(#serde::Serialize)] #[serde(crate = #krate)]));
        }
        quote! {
            #doc
            #derives
            pub struct #name { #(#decls)* }
            #deep
            #ser
            #de
            #schema
        }
    }

    /// Whether serde's derive reads the struct exactly as the hand-written reader would (through
    /// the runtime's `Exact`): not recursive (whose reading counts depth), no flattened union, no
    /// `extra` map, no secret (whose errors quote nothing), and every field of a type whose own
    /// `Deserialize` refuses what the spec refuses: not untyped JSON nor a map (whose duplicate
    /// keys serde keeps), not integers inside a container (`-0`), not required and nullable
    /// (which the derive would take as absent).
    fn derives_deserialize(&self, name: &str, s: &Struct) -> bool {
        fn plain(ty: &Ty, top: bool) -> bool {
            match ty {
                Ty::String | Ty::Bool | Ty::F64 | Ty::Named(_) => true,
                Ty::Int(_) => top,
                Ty::Vec(t) | Ty::Rows(t) => plain(t, false),
                Ty::Map(_) | Ty::Tuple(_) | Ty::Any => false,
            }
        }
        !self.is_recursive(name)
            && s.union.is_none()
            && matches!(s.extra, Extra::Deny)
            && s.fields.iter().all(|f| !(f.secret || f.required && f.nullable) && plain(&f.ty, true))
    }

    fn struct_serialize(&self, name: &syn::Ident, s: &Struct) -> TokenStream {
        let serde = &self.p.serde;
        let guard = self.serialize_guard(&name.to_string());
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
                    #guard
                    let mut map = serializer.serialize_map(::core::option::Option::None)?;
                    self.__serialize_fields(&mut map)?;
                    map.end()
                }
            }
        }
    }

    /// For a recursive type, the statement that counts one more object being serialized and
    /// fails past the depth limit.
    pub(super) fn serialize_guard(&self, name: &str) -> TokenStream {
        let rt = &self.p.rt;
        if !self.is_recursive(name) {
            return quote!();
        }
        quote! {
            let ::core::option::Option::Some(_guard) = #rt::depth::Guard::enter() else {
                return ::core::result::Result::Err(#rt::depth::too_deep_error::<__S::Error>());
            };
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
            let set = self.setter(f);
            quote! { #wire => #set(&mut #slot, &mut map, #wire)?, }
        });
        // An object holding a secret quotes nothing from the input in its errors: the secret may
        // be in the wrong field, of the wrong type, or a key.
        let secret = s.fields.iter().any(|f| f.secret);
        let known: Vec<&str> = s.fields.iter().map(|f| f.wire.as_str()).collect();
        let all_known: Vec<String> = match &s.union {
            Some(u) => {
                let mut k: Vec<String> = known.iter().map(|s| (*s).to_owned()).collect();
                k.extend(self.union_keys(&u.ty));
                k
            }
            None => known.iter().map(|s| (*s).to_owned()).collect(),
        };
        let fields_const = match &s.extra {
            _ if secret => quote! { const FIELDS: &[&str] = &[#(#all_known),*]; },
            Extra::Deny => quote! { const FIELDS: &[&str] = &[#(#all_known),*]; },
            Extra::Keep(_) => quote!(),
        };
        // With a union, unknown keys are handled in a closure that gets the map as `&mut`.
        let map_ref = if s.union.is_some() { quote!(map) } else { quote!(&mut map) };
        let (extra_decl, unknown, extra_field) = match &s.extra {
            Extra::Deny if secret => (
                quote!(),
                quote! { return ::core::result::Result::Err(#rt::de::unknown_field_hidden(other, FIELDS)); },
                quote!(),
            ),
            Extra::Deny => (
                quote!(),
                quote! { return ::core::result::Result::Err(#rt::de::unknown_field(other, FIELDS)); },
                quote!(),
            ),
            Extra::Keep(Ty::Any) => (
                quote! { let mut __extra = ::std::collections::BTreeMap::new(); },
                quote! { #rt::de::extra(&mut __extra, other, #map_ref)?; },
                quote! { extra: __extra, },
            ),
            Extra::Keep(_) => (
                quote! { let mut __extra = ::std::collections::BTreeMap::new(); },
                quote! {
                    if __extra.contains_key(other) {
                        return ::core::result::Result::Err(#rt::de::duplicate(other));
                    }
                    __extra.insert(::std::string::String::from(other), map.next_value()?);
                },
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
        let read_loop = match &s.union {
            // The union's reader runs the loop: it reads the tag and the variants' keys and hands
            // every other key to the closure, in document order.
            Some(u) => {
                let uty = ident(&u.ty);
                let fname = ident(&u.rust);
                let strict = matches!(s.extra, Extra::Deny);
                let closure_arms = s.fields.iter().zip(&slots).map(|(f, slot)| {
                    let wire = &f.wire;
                    let set = self.setter(f);
                    quote! { #wire => #set(&mut #slot, map, #wire)?, }
                });
                let body = if s.fields.is_empty() {
                    quote! { let other = key; }
                } else {
                    quote! {
                        match key {
                            #(#closure_arms)*
                            other => { #unknown }
                        }
                    }
                };
                // Without fields, a strict object's closure only refuses: its `Ok` is unreachable.
                let (body, ok) = if s.fields.is_empty() && matches!(s.extra, Extra::Deny) {
                    (quote!(let other = key; #unknown), quote!())
                } else if s.fields.is_empty() {
                    (quote!(let other = key; #unknown), quote!(::core::result::Result::Ok(())))
                } else {
                    (body, quote!(::core::result::Result::Ok(())))
                };
                let closure = quote! {
                    let other_key = |key: &str, map: &mut __A| -> ::core::result::Result<(), __A::Error> {
                        #body
                        #ok
                    };
                };
                let leftovers = match &s.extra {
                    Extra::Deny => quote!(),
                    Extra::Keep(_) => quote! {
                        for (key, value) in __left {
                            __extra.insert(key, #rt::de::convert(value)?);
                        }
                    },
                };
                quote! {
                    #closure
                    let mut __left = #rt::union::Left::new();
                    let #fname: #uty = #rt::union::read(&mut map, #strict, other_key, &mut __left)?;
                    #leftovers
                }
            }
            None => {
                let dispatch = if s.fields.is_empty() {
                    quote! { let other = key.as_str(); #unknown }
                } else {
                    quote! {
                        match key.as_str() {
                            #(#arms)*
                            other => { #unknown }
                        }
                    }
                };
                quote! {
                    while let ::core::option::Option::Some(key) = map.next_key::<#rt::de::Key<'de>>()? {
                        #dispatch
                    }
                }
            }
        };
        let union_field = match &s.union {
            Some(u) => {
                let fname = ident(&u.rust);
                quote!(#fname,)
            }
            None => quote!(),
        };
        let visit_body = quote! {
            #(#decl_slots)*
            #extra_decl
            #read_loop
            ::core::result::Result::Ok(#name {
                #(#assigns)*
                #union_field
                #extra_field
            })
        };
        let map_param = if secret { quote!(map) } else { quote!(mut map) };
        let visit_body = if secret {
            quote! {
                fn __read<'de, __A: #serde::de::MapAccess<'de>>(mut map: __A) -> ::core::result::Result<#name, __A::Error> {
                    #visit_body
                }
                __read(map).map_err(|e| #rt::de::hide_values(e, FIELDS))
            }
        } else {
            visit_body
        };
        quote! {
            impl<'de> #serde::Deserialize<'de> for #name {
                fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    #rt::de::object(deserializer)
                }
            }
            impl<'de> #rt::de::Object<'de> for #name {
                const EXPECTING: &'static str = #expecting;
                fn read<__A: #serde::de::MapAccess<'de>>(#map_param: __A) -> ::core::result::Result<Self, __A::Error> {
                    #fields_const
                    #visit_body
                }
            }
        }
    }
}
