//! Builders whose state tracks the required fields (see `runtime::builder`): `Foo::builder()`, a
//! setter per field, `push_`/`insert_` helpers for arrays and maps, and `build()`, which compiles
//! only once every required field is set. Also the value conversions union constructors share.
//!
//! Each required field is a type parameter of `FooBuilder`, `Unset` until its setter moves it to
//! `Set<T>`. The bounds that check it (`IsSet`, `IsUnset`) sit on the methods, not on the impl,
//! so rustc reports them through the runtime traits' `#[diagnostic::on_unimplemented]`, naming
//! the field by its marker type in the module `foo_builder`.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::{doc_attrs, ident, Emitter};
use crate::ir::{Extra, Field, IntTy, Kind, Lit, Struct, Ty, TypeDef};

/// How a builder treats one member of the struct.
pub(super) enum Slot {
    /// Tracked in the builder's type: `Unset` until its setter runs, then `Set`.
    Required,
    /// Fixed by the spec (`const`): filled by the builder, no setter.
    Constant(TokenStream),
    /// Required, but starts as the spec's `default`; the setter replaces it.
    Defaulted(TokenStream),
    /// `None` until its setter runs.
    Optional,
}

/// A field of the struct, or its flattened union, as the builder sees it.
pub(super) struct Member<'a> {
    /// `None` for the flattened union.
    pub field: Option<&'a Field>,
    /// The Rust name, in the struct and in the builder.
    pub rust: &'a str,
    /// The Rust type of the value, before `Secret`, `Box` and `Option`.
    pub ty: Ty,
    pub slot: Slot,
}

/// Names of std trait methods: a setter or constructor with one of them gets a targeted allow
/// of `clippy::should_implement_trait`.
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// `#[allow(clippy::should_implement_trait)]` for a method that shares its name with a std trait
/// method (a field named `add`, a variant named `Default`), else nothing.
pub(super) fn method_allows(name: &str) -> TokenStream {
    if TRAIT_METHODS.contains(&name.trim_start_matches("r#")) {
        quote!(#[allow(clippy::should_implement_trait)])
    } else {
        quote!()
    }
}

/// `name` if it is a plain or raw identifier; keywords that cannot be raw get a trailing `_`.
pub(super) fn method_name(name: &str) -> String {
    if name.starts_with("r#") || syn::parse_str::<Ident>(name).is_ok() {
        return name.to_owned();
    }
    if ["self", "Self", "super", "crate", "_"].contains(&name) {
        return format!("{name}_");
    }
    format!("r#{name}")
}

/// `base`, or `base` with a number, whichever is not in `taken`; then it is taken.
pub(super) fn fresh(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

/// The names one struct's builder uses.
struct Names {
    builder: Ident,
    /// The module of the marker types.
    markers: Ident,
    /// The private storage of every field's value.
    storage: Ident,
}

/// The state tree of `n` required fields (balanced, leaves in member order): the initial state
/// (every leaf `Unset`), one alias per node naming its path as a step from its parent's
/// (`type __P3 = __Left<__P1>;`, so the aliases are O(n) in all), and each leaf's alias.
fn state_tree(rt: &TokenStream, n: usize) -> (TokenStream, Vec<TokenStream>, Vec<Ident>) {
    struct Walk<'r> {
        rt: &'r TokenStream,
        aliases: Vec<TokenStream>,
        leaves: Vec<Ident>,
    }
    impl Walk<'_> {
        fn node(&mut self, lo: usize, hi: usize, path: TokenStream) -> TokenStream {
            let me = format_ident!("__P{}", self.aliases.len());
            self.aliases.push(quote!(type #me = #path;));
            let rt = self.rt;
            if hi - lo == 1 {
                self.leaves.push(me);
                return quote!(#rt::builder::Unset);
            }
            let mid = lo + (hi - lo).div_ceil(2);
            let a = self.node(lo, mid, quote!(__Left<#me>));
            let b = self.node(mid, hi, quote!(__Right<#me>));
            quote!(#rt::builder::Node<#a, #b>)
        }
    }
    let mut w = Walk { rt, aliases: Vec::new(), leaves: Vec::new() };
    if n == 0 {
        return (quote!(), Vec::new(), Vec::new());
    }
    let init = w.node(0, n, quote!(__Here));
    (init, w.aliases, w.leaves)
}

impl Emitter<'_> {
    /// Follows type aliases.
    pub(super) fn resolve<'t>(&'t self, ty: &'t Ty) -> &'t Ty {
        let mut ty = ty;
        for _ in 0..self.module.types.len() {
            let Ty::Named(n) = ty else { break };
            match self.module.typedef(n).map(|t| &t.kind) {
                Some(Kind::Alias(target)) => ty = target,
                _ => break,
            }
        }
        ty
    }

    pub(super) fn struct_def(&self, name: &str) -> Option<&Struct> {
        match self.module.typedef(name).map(|t| &t.kind) {
            Some(Kind::Struct(s)) => Some(s),
            _ => None,
        }
    }

    /// A scalar is taken as itself, not `impl Into`: an integer literal has no type to convert
    /// from (`impl Into<u32>` rejects `42`, which falls back to `i32`).
    fn is_scalar(&self, ty: &Ty) -> bool {
        matches!(self.resolve(ty), Ty::Bool | Ty::F64 | Ty::Int(_))
    }

    /// The argument type a setter takes for a value of `ty`.
    pub(super) fn input_ty(&self, ty: &Ty) -> TokenStream {
        if let Ty::Rows(item) = self.resolve(ty) {
            // Builders write rows: an iterator of rows, each an iterator of items.
            let item = self.input_ty(item);
            return quote!(impl ::core::iter::IntoIterator<Item = impl ::core::iter::IntoIterator<Item = #item>>);
        }
        match ty {
            _ if self.is_scalar(ty) => self.ty(ty),
            Ty::Vec(item) => {
                let item = self.input_ty(item);
                quote!(impl ::core::iter::IntoIterator<Item = #item>)
            }
            Ty::Map(value) => {
                let value = self.input_ty(value);
                quote!(impl ::core::iter::IntoIterator<Item = (impl ::core::convert::Into<::std::string::String>, #value)>)
            }
            _ => {
                let t = self.ty(ty);
                quote!(impl ::core::convert::Into<#t>)
            }
        }
    }

    /// `expr`, an argument of [`Self::input_ty`], converted to `ty`.
    pub(super) fn convert(&self, ty: &Ty, expr: TokenStream, depth: usize) -> TokenStream {
        if let Ty::Rows(item) = self.resolve(ty) {
            let rt = &self.p.rt;
            let rows = self.convert(&Ty::Vec(Box::new(Ty::Vec(item.clone()))), expr, depth);
            return quote!(#rt::Rows::Rows(#rows));
        }
        match ty {
            _ if self.is_scalar(ty) => expr,
            Ty::Vec(item) => {
                let t = self.ty(ty);
                let iter = quote!(::core::iter::IntoIterator::into_iter(#expr));
                match self.convert_fn(item, depth + 1) {
                    None => quote!(::core::iter::Iterator::collect::<#t>(#iter)),
                    Some(f) => quote!(::core::iter::Iterator::collect::<#t>(::core::iter::Iterator::map(#iter, #f))),
                }
            }
            Ty::Map(value) => {
                let t = self.ty(ty);
                let k = format_ident!("key{}", depth);
                let v = format_ident!("value{}", depth);
                let conv = self.convert(value, quote!(#v), depth + 1);
                quote! {
                    ::core::iter::Iterator::collect::<#t>(::core::iter::Iterator::map(
                        ::core::iter::IntoIterator::into_iter(#expr),
                        |(#k, #v)| (::core::convert::Into::<::std::string::String>::into(#k), #conv),
                    ))
                }
            }
            _ => {
                let t = self.ty(ty);
                quote!(::core::convert::Into::<#t>::into(#expr))
            }
        }
    }

    /// [`Self::convert`] as a function to map with; `None` when it is the identity.
    fn convert_fn(&self, ty: &Ty, depth: usize) -> Option<TokenStream> {
        match ty {
            _ if self.is_scalar(ty) => None,
            Ty::Vec(_) | Ty::Map(_) => {
                let v = format_ident!("items{}", depth);
                let conv = self.convert(ty, quote!(#v), depth);
                Some(quote!(|#v| #conv))
            }
            _ => {
                let t = self.ty(ty);
                Some(quote!(::core::convert::Into::<#t>::into))
            }
        }
    }

    /// What a member's setter takes and the field value it makes of `value`: `Secret` and `Box`
    /// added; a nullable member takes an `Option` (`None` is JSON `null`).
    pub(super) fn member_input(&self, m: &Member<'_>) -> (TokenStream, TokenStream) {
        let value = quote!(value);
        let (secret, boxed, nullable) = m.field.map_or((false, false, false), |f| (f.secret, f.boxed, f.nullable));
        let rt = &self.p.rt;
        let wrap_fn = match (secret, boxed) {
            (false, false) => None,
            (true, false) => Some(quote!(#rt::Secret::new)),
            (false, true) => Some(quote!(::std::boxed::Box::new)),
            (true, true) => Some(quote!(|value| ::std::boxed::Box::new(#rt::Secret::new(value)))),
        };
        if nullable {
            let t = self.ty(&m.ty);
            let conv = match wrap_fn {
                None => value,
                Some(f) => quote!(::core::option::Option::map(#value, #f)),
            };
            return (quote!(::core::option::Option<#t>), conv);
        }
        let arg = self.input_ty(&m.ty);
        let mut conv = self.convert(&m.ty, value, 0);
        if secret {
            conv = quote!(#rt::Secret::new(#conv));
        }
        if boxed {
            conv = quote!(::std::boxed::Box::new(#conv));
        }
        (arg, conv)
    }

    /// The Rust value of the JSON `v` as a `ty`, when it converts cleanly.
    fn literal(&self, ty: &Ty, v: &Value) -> Option<TokenStream> {
        fn int<T: TryFrom<i128>>(n: &serde_json::Number) -> Option<T> {
            let n = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))?;
            T::try_from(n).ok()
        }
        /// `-` and the literal of the magnitude: a negative literal token does not survive every
        /// round trip through text.
        fn number(neg: bool, magnitude: String) -> Option<TokenStream> {
            let lit: Literal = magnitude.parse().ok()?;
            Some(if neg { quote!(-#lit) } else { quote!(#lit) })
        }
        Some(match (self.resolve(ty), v) {
            (Ty::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
            (Ty::Bool, Value::Bool(b)) => quote!(#b),
            (Ty::Int(IntTy::U32), Value::Number(n)) => number(false, format!("{}u32", int::<u32>(n)?))?,
            (Ty::Int(IntTy::U64), Value::Number(n)) => number(false, format!("{}u64", int::<u64>(n)?))?,
            (Ty::Int(IntTy::I32), Value::Number(n)) => {
                let i: i32 = int(n)?;
                number(i < 0, format!("{}i32", i.unsigned_abs()))?
            }
            (Ty::Int(IntTy::I64), Value::Number(n)) => {
                let i: i64 = int(n)?;
                number(i < 0, format!("{}i64", i.unsigned_abs()))?
            }
            (Ty::F64, Value::Number(n)) => {
                let f = n.as_f64().filter(|f| f.is_finite())?;
                let lit = Literal::f64_suffixed(f.abs());
                if f < 0.0 {
                    quote!(-#lit)
                } else {
                    quote!(#lit)
                }
            }
            (Ty::Named(name), v) => {
                let Some(Kind::Enum(e)) = self.module.typedef(name).map(|t| &t.kind) else {
                    return None;
                };
                let value = e.values.iter().find(|ev| match (&ev.wire, v) {
                    (Lit::Str(s), Value::String(w)) => s == w,
                    (Lit::Int(i), Value::Number(n)) => n.as_i64() == Some(*i),
                    _ => false,
                })?;
                let (e, var) = (ident(name), ident(&value.rust));
                quote!(#e::#var)
            }
            (Ty::Vec(item), Value::Array(items)) => {
                let items = items.iter().map(|i| self.literal(item, i)).collect::<Option<Vec<_>>>()?;
                quote!(::std::vec![#(#items),*])
            }
            _ => return None,
        })
    }

    /// The value of field `f` for the JSON `v` (with `Secret`, `Box`, and `Option` when nullable).
    fn field_literal(&self, f: &Field, v: &Value) -> Option<TokenStream> {
        let rt = &self.p.rt;
        if f.nullable && v.is_null() {
            return Some(quote!(::core::option::Option::None));
        }
        let mut e = self.literal(&f.ty, v)?;
        if f.secret {
            e = quote!(#rt::Secret::new(#e));
        }
        if f.boxed {
            e = quote!(::std::boxed::Box::new(#e));
        }
        if f.nullable {
            e = quote!(::core::option::Option::Some(#e));
        }
        Some(e)
    }

    /// The members of `s` in wire order (the flattened union at its position).
    pub(super) fn members<'s>(&self, s: &'s Struct) -> Vec<Member<'s>> {
        let mut out: Vec<Member<'s>> = s
            .fields
            .iter()
            .map(|f| {
                let slot = if !f.required {
                    Slot::Optional
                } else if let Some(e) = f.constant.as_ref().and_then(|c| self.field_literal(f, c)) {
                    Slot::Constant(e)
                } else if let Some(e) = f.default.as_ref().and_then(|d| self.field_literal(f, d)) {
                    Slot::Defaulted(e)
                } else {
                    Slot::Required
                };
                Member { field: Some(f), rust: &f.rust, ty: f.ty.clone(), slot }
            })
            .collect();
        if let Some(u) = &s.union {
            let m = Member { field: None, rust: &u.rust, ty: Ty::Named(u.ty.clone()), slot: Slot::Required };
            out.insert(u.position.min(out.len()), m);
        }
        out
    }

    /// The Rust type of a member's value in the struct.
    pub(super) fn member_ty(&self, m: &Member<'_>) -> TokenStream {
        match m.field {
            Some(f) => self.field_ty(f),
            None => self.ty(&m.ty),
        }
    }

    /// The builder and marker module names of every struct, decided for the whole module at once
    /// so that they are unique and stable.
    fn names(&self, t: &TypeDef) -> Names {
        let all = self.builder_names.get_or_init(|| {
            let mut types: BTreeSet<String> = self.module.types.iter().map(|t| t.name.clone()).collect();
            types.extend(self.module.aliases.iter().map(|a| a.0.clone()));
            let mut modules = BTreeSet::new();
            let mut out = std::collections::BTreeMap::new();
            for other in &self.module.types {
                if let Kind::Struct(_) = other.kind {
                    let builder = fresh(&format!("{}Builder", other.name), &mut types);
                    let markers = fresh(&format!("{}_builder", other.name.to_snake_case()), &mut modules);
                    out.insert(other.name.clone(), (builder, markers));
                }
            }
            out
        });
        let (builder, markers) =
            all.get(&t.name).cloned().unwrap_or_else(|| (format!("{}Builder", t.name), "builder".to_owned()));
        // `__` names are the generator's own (a spec cannot claim one).
        let storage = format!("__{builder}Fields");
        Names { builder: ident(&builder), markers: ident(&markers), storage: ident(&storage) }
    }

    pub fn builder(&self, t: &TypeDef, s: &Struct) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let members = self.members(s);
        let Names { builder, markers, storage } = self.names(t);

        // Each required member's path in the state tree.
        let required = members.iter().filter(|m| matches!(m.slot, Slot::Required)).count();
        let (initial, path_aliases, paths) = state_tree(rt, required);
        let mut path_of: Vec<Option<Ident>> = Vec::new();
        let mut next = paths.into_iter();
        for m in &members {
            path_of.push(if matches!(m.slot, Slot::Required) { next.next() } else { None });
        }
        let stateful = required > 0;

        // Method names: every field's setter first, then helpers where they do not clash.
        let mut taken: BTreeSet<String> = ["build".to_owned()].into();
        let setter_names: Vec<String> = members
            .iter()
            .map(|m| {
                let n = method_name(m.rust);
                if taken.contains(&n) {
                    fresh(&format!("set_{}", n.trim_start_matches("r#")), &mut taken)
                } else {
                    taken.insert(n.clone());
                    n
                }
            })
            .collect();

        // The storage: every value the builder holds, in one boxed struct moved whole between
        // states (a pointer, so a long chain of setters does not copy the values at each step).
        let mut decls = Vec::new();
        let mut inits = Vec::new();
        for m in &members {
            let f = ident(m.rust);
            let ty = self.member_ty(m);
            match &m.slot {
                Slot::Required => {
                    decls.push(quote!(#f: ::core::option::Option<#ty>,));
                    inits.push(quote!(#f: ::core::option::Option::None,));
                }
                Slot::Defaulted(e) => {
                    decls.push(quote!(#f: #ty,));
                    inits.push(quote!(#f: #e,));
                }
                Slot::Optional => {
                    decls.push(quote!(#f: #ty,));
                    inits.push(quote!(#f: ::core::option::Option::None,));
                }
                Slot::Constant(_) => {}
            }
        }
        let extra_ty = match &s.extra {
            Extra::Keep(ty) => Some(ty),
            Extra::Deny => None,
        };
        if let Some(ty) = extra_ty {
            let ty = self.ty(ty);
            decls.push(quote!(extra: ::std::collections::BTreeMap<::std::string::String, #ty>,));
            inits.push(quote!(extra: ::std::collections::BTreeMap::new(),));
        }

        // A builder of another state around the same storage.
        let moved = if stateful {
            quote!(#builder { fields: self.fields, state: ::core::marker::PhantomData })
        } else {
            quote!(self)
        };
        let after_set = |path: &Ident| quote!(#builder<<#path as #rt::builder::Put<__S, #rt::builder::Set>>::Out>);

        let mut methods = Vec::new();
        let mut required_names = Vec::new();
        let mut constant_docs = Vec::new();
        for ((m, path), setter) in members.iter().zip(&path_of).zip(&setter_names) {
            let f = ident(m.rust);
            let set = ident(setter);
            let allows = method_allows(setter);
            let wire = match m.field {
                Some(field) => format!(" Wire name: `{}`.", field.wire),
                None => " The tagged part of the object: which variant, and its fields.".to_owned(),
            };
            let fdoc = doc_attrs(m.field.and_then(|f| f.doc.as_deref()));
            let sep = if m.field.is_some_and(|f| f.doc.is_some()) { quote!(#[doc = ""]) } else { quote!() };
            let (arg, conv) = self.member_input(m);
            let nullable = m.field.is_some_and(|f| f.nullable);
            let null_doc = if nullable { quote!(#[doc = " `None` sends `null`."]) } else { quote!() };
            // Helpers for arrays and maps held directly (not nullable, secret or boxed).
            let plain = m.field.is_some_and(|f| !f.nullable && !f.secret && !f.boxed);
            match &m.slot {
                Slot::Constant(_) => {
                    let field = m.field.expect("a constant is a field");
                    let c = field.constant.as_ref().map(|c| c.to_string()).unwrap_or_default();
                    constant_docs.push(format!("`{}` is always `{}`", field.wire, c));
                }
                Slot::Required => {
                    let path = path.as_ref().expect("a required member has a path");
                    required_names.push(format!("`{}`", setter));
                    let marker = ident(m.rust);
                    let out = after_set(path);
                    methods.push(quote! {
                        #fdoc #sep #[doc = #wire] #null_doc
                        #[doc = ""]
                        #[doc = " Required: `build()` compiles once this is set, and it is set once."]
                        #allows
                        pub fn #set(mut self, value: #arg) -> #out
                        where #path: #rt::builder::At<__S, State: #rt::builder::IsUnset<#markers::#marker>> + #rt::builder::Put<__S, #rt::builder::Set> {
                            self.fields.#f = ::core::option::Option::Some(#conv);
                            #moved
                        }
                    });
                    if let (true, Ty::Vec(item)) = (plain, &m.ty) {
                        let push = format!("push_{}", m.rust.trim_start_matches("r#"));
                        if !taken.contains(&push) {
                            taken.insert(push.clone());
                            let push = ident(&push);
                            let item_arg = self.input_ty(item);
                            let item_conv = self.convert(item, quote!(item), 0);
                            let doc = format!(
                                " Appends one item to `{}`; setting the whole array after this does not compile.",
                                setter
                            );
                            methods.push(quote! {
                                #[doc = #doc]
                                pub fn #push(mut self, item: #item_arg) -> #out
                                where #path: #rt::builder::Put<__S, #rt::builder::Set> {
                                    ::core::option::Option::get_or_insert_with(&mut self.fields.#f, ::std::vec::Vec::new).push(#item_conv);
                                    #moved
                                }
                            });
                        }
                    }
                }
                Slot::Defaulted(_) | Slot::Optional => {
                    let defaulted = matches!(m.slot, Slot::Defaulted(_));
                    let store = if defaulted { conv } else { quote!(::core::option::Option::Some(#conv)) };
                    let default_doc = match m.field.and_then(|f| f.default.as_ref()) {
                        Some(d) if defaulted => format!(" Optional here: starts as the spec's default, `{d}`."),
                        Some(d) => format!(" Optional; the spec's default is `{d}` (left to the receiver when unset)."),
                        None => " Optional.".to_owned(),
                    };
                    methods.push(quote! {
                        #fdoc #sep #[doc = #wire] #null_doc
                        #[doc = ""]
                        #[doc = #default_doc]
                        #allows
                        pub fn #set(mut self, value: #arg) -> Self {
                            self.fields.#f = #store;
                            self
                        }
                    });
                    if !plain || defaulted {
                        continue;
                    }
                    match &m.ty {
                        Ty::Vec(item) => {
                            let push = format!("push_{}", m.rust.trim_start_matches("r#"));
                            if taken.insert(push.clone()) {
                                let push = ident(&push);
                                let item_arg = self.input_ty(item);
                                let item_conv = self.convert(item, quote!(item), 0);
                                let doc = format!(" Appends one item to `{setter}`.");
                                methods.push(quote! {
                                    #[doc = #doc]
                                    pub fn #push(mut self, item: #item_arg) -> Self {
                                        ::core::option::Option::get_or_insert_with(&mut self.fields.#f, ::std::vec::Vec::new).push(#item_conv);
                                        self
                                    }
                                });
                            }
                        }
                        Ty::Map(value_ty) => {
                            let insert = format!("insert_{}", m.rust.trim_start_matches("r#"));
                            if taken.insert(insert.clone()) {
                                let insert = ident(&insert);
                                let value_arg = self.input_ty(value_ty);
                                let value_conv = self.convert(value_ty, quote!(value), 0);
                                let doc = format!(" Adds one entry to `{setter}`.");
                                methods.push(quote! {
                                    #[doc = #doc]
                                    pub fn #insert(mut self, key: impl ::core::convert::Into<::std::string::String>, value: #value_arg) -> Self {
                                        ::core::option::Option::get_or_insert_with(&mut self.fields.#f, ::std::collections::BTreeMap::new)
                                            .insert(::core::convert::Into::into(key), #value_conv);
                                        self
                                    }
                                });
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        if let Some(ty) = extra_ty {
            let map = Ty::Map(Box::new(ty.clone()));
            let arg = self.input_ty(&map);
            let conv = self.convert(&map, quote!(entries), 0);
            let value_arg = self.input_ty(ty);
            let value_conv = self.convert(ty, quote!(value), 0);
            if taken.insert("extra".to_owned()) {
                methods.push(quote! {
                    /// Keys the spec does not list, sent as given (replaces any set before).
                    pub fn extra(mut self, entries: #arg) -> Self {
                        self.fields.extra = #conv;
                        self
                    }
                });
            }
            if taken.insert("insert_extra".to_owned()) {
                methods.push(quote! {
                    /// Adds one key the spec does not list.
                    pub fn insert_extra(mut self, key: impl ::core::convert::Into<::std::string::String>, value: #value_arg) -> Self {
                        self.fields.extra.insert(::core::convert::Into::into(key), #value_conv);
                        self
                    }
                });
            }
        }

        // `build()`: every required member's state must be `Set`.
        let bounds = members.iter().zip(&path_of).filter_map(|(m, path)| {
            let path = path.as_ref()?;
            let marker = ident(m.rust);
            Some(quote!(#path: #rt::builder::At<__S, State: #rt::builder::IsSet<#markers::#marker>>,))
        });
        let assigns = members.iter().map(|m| {
            let f = ident(m.rust);
            match &m.slot {
                Slot::Required => quote!(#f: #rt::builder::take(fields.#f),),
                Slot::Constant(e) => quote!(#f: #e,),
                _ => quote!(#f: fields.#f,),
            }
        });
        let extra_assign = extra_ty.map(|_| quote!(extra: fields.extra,));
        let where_clause = if stateful { quote!(where #(#bounds)*) } else { quote!() };
        methods.push(quote! {
            /// The value, once its rules that only show at run time hold (the types already
            /// guarantee the rest).
            ///
            /// # Errors
            ///
            /// Every rule of the spec the value breaks, each with its JSON pointer.
            pub fn build(self) -> ::core::result::Result<#name, #rt::Violations>
            #where_clause
            {
                let fields = *self.fields;
                let value = #name { #(#assigns)* #extra_assign };
                #rt::Validate::validate(&value)?;
                ::core::result::Result::Ok(value)
            }
        });

        // Docs.
        let mut bdoc = vec![format!(
            " Builds a [`{}`] field by field: [`{}::builder()`], then a setter per field, then `build()`.",
            t.name, t.name
        )];
        if required_names.is_empty() {
            bdoc.push(" Every field is optional.".to_owned());
        } else {
            bdoc.push(String::new());
            bdoc.push(format!(
                " `build()` compiles once every required field is set: {}. The type parameter records which are set (see `runtime::builder`).",
                required_names.join(", "),
            ));
        }
        if !constant_docs.is_empty() {
            bdoc.push(String::new());
            bdoc.push(format!(" The builder fills the constants: {}.", constant_docs.join(", ")));
        }
        let markers_mod = if stateful {
            let items = members.iter().zip(&path_of).filter(|(_, p)| p.is_some()).map(|(m, _)| {
                let marker = ident(m.rust);
                let doc = match m.field {
                    Some(f) => {
                        format!(" The required field `{}` (wire name `{}`).", m.rust.trim_start_matches("r#"), f.wire)
                    }
                    None => format!(" The required tagged part `{}`.", m.rust.trim_start_matches("r#")),
                };
                quote!(#[doc = #doc] pub enum #marker {})
            });
            let doc = format!(
                " The required fields of [`{}`]: marker types that name them in compile errors (missing, or set twice).",
                builder
            );
            let initial_doc = format!(" The state of a new [`{builder}`](super::{builder}): no required field set.");
            quote! {
                #[doc = #doc]
                #[allow(non_camel_case_types)]
                pub mod #markers {
                    #(#items)*
                    #[doc = #initial_doc]
                    pub type AllUnset = #initial;
                }
            }
        } else {
            quote!()
        };
        let ctor_doc = format!(" A builder for [`{}`]; see [`{}`].", t.name, builder);
        let must_use = "a builder does nothing until `build()` is called";
        let storage_doc = format!(" The values a [`{builder}`] holds.");
        let (def, start, imp, paths_use) = if stateful {
            (
                quote! {
                    pub struct #builder<__S> {
                        fields: ::std::boxed::Box<#storage>,
                        state: ::core::marker::PhantomData<fn() -> __S>,
                    }
                },
                quote!(#builder { fields: ::std::boxed::Box::new(#storage { #(#inits)* }), state: ::core::marker::PhantomData }),
                quote! {
                    impl<__S> ::core::fmt::Debug for #builder<__S> {
                        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            ::core::fmt::Debug::fmt(&self.fields, f)
                        }
                    }
                    impl<__S> ::core::clone::Clone for #builder<__S> {
                        fn clone(&self) -> Self {
                            #builder { fields: ::core::clone::Clone::clone(&self.fields), state: ::core::marker::PhantomData }
                        }
                    }
                    impl<__S> #builder<__S> {
                        #(#methods)*
                    }
                },
                if required == 1 {
                    quote!(use #rt::builder::Here as __Here; #(#path_aliases)*)
                } else {
                    quote!(use #rt::builder::{Here as __Here, Left as __Left, Right as __Right}; #(#path_aliases)*)
                },
            )
        } else {
            (
                quote! {
                    #[derive(::core::fmt::Debug, ::core::clone::Clone)]
                    pub struct #builder {
                        fields: ::std::boxed::Box<#storage>,
                    }
                },
                quote!(#builder { fields: ::std::boxed::Box::new(#storage { #(#inits)* }) }),
                quote! {
                    impl #builder {
                        #(#methods)*
                    }
                },
                quote!(),
            )
        };
        let builder_ty = if stateful { quote!(#builder<#markers::AllUnset>) } else { quote!(#builder) };
        quote! {
            #(#[doc = #bdoc])*
            #[must_use = #must_use]
            #def

            #[doc = #storage_doc]
            #[derive(::core::fmt::Debug, ::core::clone::Clone)]
            #[doc(hidden)]
            pub struct #storage { #(#decls)* }

            #markers_mod

            #paths_use

            impl #name {
                #[doc = #ctor_doc]
                pub fn builder() -> #builder_ty {
                    #start
                }
            }

            #imp
        }
    }
}
