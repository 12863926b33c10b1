//! Builders whose state tracks the required fields (see `runtime::builder`): `Foo::builder()`, a
//! setter per field, `push_`/`insert_` helpers for arrays and maps, and `build()`, which compiles
//! only once every required field is set. Also the value conversions union constructors share.
//!
//! `FooBuilder<S>` wraps the runtime's `Builder` (one boxed storage); its one type parameter is
//! the state tree of the required fields, a leaf per field, `Unset` until its setter makes it
//! `Set`. The bounds that check it (`Fill`, `Has`) sit on the methods, not on the impl, so rustc
//! reports them through the runtime traits' `#[diagnostic::on_unimplemented]`, naming the field
//! by a marker type declared in the impls' `const _` block (so nothing extra shows in rustdoc).
//! The builder's `Serialize` requires a trait no state has: forgetting `.build()` before
//! serializing says so. Only a root's `build()` checks rules (see `runtime::builder`).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::{ident, Emitter};
use crate::ir::{Access, Check, Extra, Field, IntTy, Kind, Lit, Payload, Struct, Ty, TypeDef};

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
    /// Numbered by the array that holds the item (`x-sequence`): starts as the first number, no
    /// setter.
    Numbered(TokenStream),
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
    /// The private storage of every field's value.
    storage: Ident,
}

/// The state tree of `n` required fields (balanced, leaves in member order): the initial state
/// (every leaf `Unset`) and each leaf's path (`Left<Right<Here>>`, O(log n) tokens).
fn state_tree(rt: &TokenStream, n: usize) -> (TokenStream, Vec<TokenStream>) {
    fn node(rt: &TokenStream, lo: usize, hi: usize, path: TokenStream, leaves: &mut Vec<TokenStream>) -> TokenStream {
        if hi - lo == 1 {
            leaves.push(path);
            return quote!(#rt::builder::Unset);
        }
        let mid = lo + (hi - lo).div_ceil(2);
        let a = node(rt, lo, mid, quote!(__b::Left<#path>), leaves);
        let b = node(rt, mid, hi, quote!(__b::Right<#path>), leaves);
        quote!(#rt::builder::Node<#a, #b>)
    }
    let mut leaves = Vec::new();
    if n == 0 {
        return (quote!(), leaves);
    }
    let init = node(rt, 0, n, quote!(__b::Here), &mut leaves);
    (init, leaves)
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
            return quote!(impl __b::IntoIterator<Item = impl __b::IntoIterator<Item = #item>>);
        }
        match ty {
            _ if self.is_scalar(ty) => self.ty(ty),
            Ty::Vec(item) => {
                let item = self.input_ty(item);
                quote!(impl __b::IntoIterator<Item = #item>)
            }
            Ty::Map(value) => {
                let value = self.input_ty(value);
                quote!(impl __b::IntoIterator<Item = (impl __b::Into<__b::String>, #value)>)
            }
            _ => {
                let t = self.ty(ty);
                quote!(impl __b::Into<#t>)
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
            Ty::Vec(item) => match self.convert_fn(item, depth + 1) {
                Some(f) => quote!(__b::vec_with(#expr, #f)),
                None => quote!(__b::vec(#expr)),
            },
            Ty::Map(value) => match self.convert_fn(value, depth + 1) {
                Some(f) => quote!(__b::map_with(#expr, #f)),
                None => quote!(__b::map(#expr)),
            },
            _ => quote!(#expr.into()),
        }
    }

    /// [`Self::convert`] as a function to map with, for items that `Into` does not convert (arrays
    /// and maps); `None` when `Into` does.
    fn convert_fn(&self, ty: &Ty, depth: usize) -> Option<TokenStream> {
        match ty {
            _ if matches!(self.resolve(ty), Ty::Rows(_)) => {
                let v = format_ident!("items{}", depth);
                let conv = self.convert(ty, quote!(#v), depth);
                Some(quote!(|#v| #conv))
            }
            Ty::Vec(_) | Ty::Map(_) => {
                let v = format_ident!("items{}", depth);
                let conv = self.convert(ty, quote!(#v), depth);
                Some(quote!(|#v| #conv))
            }
            _ => None,
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
                Some(f) => quote!(__b::Option::map(#value, #f)),
            };
            return (quote!(__b::Option<#t>), conv);
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
    pub(super) fn field_literal(&self, f: &Field, v: &Value) -> Option<TokenStream> {
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

    /// The builder and storage names of every struct, decided for the whole module at once so
    /// that they are unique and stable.
    fn names(&self, t: &TypeDef) -> Names {
        let all = self.builder_names.get_or_init(|| {
            let mut types: BTreeSet<String> = self.module.types.iter().map(|t| t.name.clone()).collect();
            types.extend(self.module.aliases.iter().map(|a| a.0.clone()));
            let mut out = std::collections::BTreeMap::new();
            for other in &self.module.types {
                if let Kind::Struct(_) = other.kind {
                    let builder = fresh(&format!("{}Builder", other.name), &mut types);
                    // `__` names are the generator's own (a spec cannot claim one).
                    let storage = format!("__{builder}Fields");
                    out.insert(other.name.clone(), (builder, storage));
                }
            }
            out
        });
        let (builder, storage) = all
            .get(&t.name)
            .cloned()
            .unwrap_or_else(|| (format!("{}Builder", t.name), format!("__{}BuilderFields", t.name)));
        Names { builder: ident(&builder), storage: ident(&storage) }
    }

    /// The `x-sequence` of struct field `f` of `t`, when its builder can number the items: the
    /// item type, the item's field that holds the number, and the first number.
    fn sequence_of(&self, t: &TypeDef, f: &Field) -> Option<(String, String, i64)> {
        if f.nullable || f.secret || f.boxed {
            return None;
        }
        let Ty::Vec(item) = self.resolve(&f.ty) else { return None };
        let Ty::Named(item) = self.resolve(item) else { return None };
        let checks = t.checks.iter().find_map(|c| match c {
            Check::Prop { wire, checks, .. } if *wire == f.wire => Some(checks),
            _ => None,
        })?;
        let (rust, start) = checks.iter().find_map(|c| match c {
            Check::Sequence {
                access: Access::Field { rust, boxed: false, secret: false, nullable: false, .. },
                start,
                ..
            } => Some((rust.clone(), *start)),
            _ => None,
        })?;
        let numbered = self.struct_def(item)?.fields.iter().find(|x| x.rust == rust)?;
        if numbered.secret || numbered.boxed || numbered.nullable || !matches!(self.resolve(&numbered.ty), Ty::Int(_)) {
            return None;
        }
        Some((item.clone(), rust, start))
    }

    /// Item structs numbered by every array that holds them (`x-sequence`), and nowhere else:
    /// their builders leave the number to the array's. Item type → (field, first number).
    pub(super) fn numbered_items(&self) -> std::collections::BTreeMap<String, (String, i64)> {
        fn refs(ty: &Ty, count: &mut std::collections::BTreeMap<String, usize>) {
            match ty {
                Ty::Named(n) => *count.entry(n.clone()).or_default() += 1,
                Ty::Vec(t) | Ty::Map(t) | Ty::Rows(t) => refs(t, count),
                Ty::Tuple(ts) => ts.iter().for_each(|t| refs(t, count)),
                _ => {}
            }
        }
        let mut count = std::collections::BTreeMap::new();
        let mut uses: std::collections::BTreeMap<String, Vec<(String, i64)>> = Default::default();
        for t in &self.module.types {
            match &t.kind {
                Kind::Struct(s) => {
                    for f in &s.fields {
                        refs(&f.ty, &mut count);
                        if let Some((item, rust, start)) = self.sequence_of(t, f) {
                            uses.entry(item).or_default().push((rust, start));
                        }
                    }
                    if let Some(u) = &s.union {
                        refs(&Ty::Named(u.ty.clone()), &mut count);
                    }
                    if let Extra::Keep(ty) = &s.extra {
                        refs(ty, &mut count);
                    }
                }
                Kind::Union(u) => {
                    for v in &u.variants {
                        match &v.payload {
                            Payload::Single { ty, .. } => refs(ty, &mut count),
                            Payload::Struct(n) => refs(&Ty::Named(n.clone()), &mut count),
                            Payload::Unit => {}
                        }
                    }
                }
                Kind::Alias(ty) => refs(ty, &mut count),
                Kind::Enum(_) => {}
            }
        }
        uses.into_iter()
            .filter(|(item, u)| {
                !self.module.roots.contains(item) && count.get(item) == Some(&u.len()) && u.iter().all(|x| *x == u[0])
            })
            .map(|(item, u)| (item, u[0].clone()))
            .collect()
    }

    /// Whether `build()` of `t` checks rules: a root with a rule that can fail under it.
    fn checks_on_build(&self, t: &TypeDef) -> bool {
        self.module.roots.contains(&t.name) && !t.checks.is_empty()
    }

    pub fn builder(&self, t: &TypeDef, s: &Struct) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let mut members = self.members(s);
        let Names { builder, storage } = self.names(t);
        // Numbered by the array that holds it: no setter, starts as the first number.
        let numbered = self.numbered.get_or_init(|| self.numbered_items()).get(&t.name);
        if let Some((rust, start)) = &numbered {
            for m in &mut members {
                if let (Some(f), true) = (m.field, m.rust == rust.as_str()) {
                    if let Some(e) = self.field_literal(f, &Value::from(*start)) {
                        m.slot = Slot::Numbered(e);
                    }
                }
            }
        }

        // Each required member's path in the state tree, and its marker type (named after the
        // field, so compile errors name it; kept in the impls' `const _` block, out of rustdoc).
        let required = members.iter().filter(|m| matches!(m.slot, Slot::Required)).count();
        let (initial, paths) = state_tree(rt, required);
        let mut markers_taken: BTreeSet<String> = BTreeSet::new();
        let mut next = paths.into_iter();
        let tracked: Vec<Option<(TokenStream, Ident)>> = members
            .iter()
            .map(|m| {
                if !matches!(m.slot, Slot::Required) {
                    return None;
                }
                let path = next.next().expect("a path per required member");
                let base = if m.rust.starts_with("__") { format!("{}_", m.rust) } else { m.rust.to_owned() };
                let bare = base.trim_start_matches("r#");
                // Not a name the impls use: a type of the module, a primitive.
                let clash = self.module.index.contains_key(bare) || PRIMITIVES.contains(&bare);
                let base = if clash { format!("{base}_") } else { base };
                Some((path, ident(&fresh(&base, &mut markers_taken))))
            })
            .collect();

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
                    inits.push(quote!(#f: __b::None,));
                }
                Slot::Defaulted(e) => {
                    decls.push(quote!(#f: #ty,));
                    inits.push(quote!(#f: #e,));
                }
                Slot::Optional => {
                    decls.push(quote!(#f: #ty,));
                    inits.push(quote!(#f: __b::None,));
                }
                Slot::Constant(_) | Slot::Numbered(_) => {}
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

        let mut methods = Vec::new();
        let mut required_names = Vec::new();
        let mut fixed_docs = Vec::new();
        for ((m, tracked), setter) in members.iter().zip(&tracked).zip(&setter_names) {
            let f = ident(m.rust);
            let set = ident(setter);
            let allows = method_allows(setter);
            let field = m.rust.trim_start_matches("r#");
            let doc = match m.field {
                Some(fl) => format!(" Sets [`{field}`]({}::{}) (`{}`)", t.name, field, fl.wire),
                None => format!(" Sets [`{field}`]({}::{}), the tagged part", t.name, field),
            };
            let (arg, conv) = self.member_input(m);
            // Arrays whose items the builder numbers (`x-sequence`).
            let seq = m.field.and_then(|fl| self.sequence_of(t, fl));
            let conv = match &seq {
                Some((_, rust, start)) => {
                    let n = ident(rust);
                    quote!(__b::numbered(#conv, #start, |x| &mut x.#n))
                }
                None => conv,
            };
            let push_item = |item: &Ty| {
                let item_conv = self.convert(item, quote!(item), 0);
                let items = quote!(self.0.#f.get_or_insert_with(::std::vec::Vec::new));
                match &seq {
                    Some((_, rust, start)) => {
                        let n = ident(rust);
                        quote!(__b::push_numbered(#items, #item_conv, #start, |x| &mut x.#n);)
                    }
                    None => quote!(#items.push(#item_conv);),
                }
            };
            let numbering = if seq.is_some() { "; numbers the items" } else { "" };
            let nullable = if m.field.is_some_and(|fl| fl.nullable) { "; `None` sends `null`" } else { "" };
            // Helpers for arrays and maps held directly (not nullable, secret or boxed).
            let plain = m.field.is_some_and(|fl| !fl.nullable && !fl.secret && !fl.boxed);
            match &m.slot {
                Slot::Constant(_) => {
                    let fl = m.field.expect("a constant is a field");
                    let c = fl.constant.as_ref().map(|c| c.to_string()).unwrap_or_default();
                    fixed_docs.push(format!("`{}` (always `{}`)", fl.wire, c));
                }
                Slot::Numbered(_) => {
                    let fl = m.field.expect("a numbered member is a field");
                    fixed_docs.push(format!("`{}` (numbered by the array that holds the item)", fl.wire));
                }
                Slot::Required => {
                    let (path, marker) = tracked.as_ref().expect("a required member is tracked");
                    required_names.push(format!("`{}`", setter));
                    let doc = format!("{doc}: required, once{numbering}{nullable}.");
                    let out = quote!(#builder<__b::Out<#path, __S>>);
                    methods.push(quote! {
                        #[doc = #doc]
                        #allows
                        pub fn #set(mut self, value: #arg) -> #out
                        where #path: __b::Fill<__S, #marker> {
                            self.0.#f = __b::Some(#conv);
                            #builder(self.0.to())
                        }
                    });
                    if let (true, Ty::Vec(item)) = (plain, &m.ty) {
                        let push = format!("push_{field}");
                        if taken.insert(push.clone()) {
                            let push = ident(&push);
                            let item_arg = self.input_ty(item);
                            let body = push_item(item);
                            let doc = format!(
                                " Appends one item to `{setter}`{numbering} (then `{setter}` does not compile)."
                            );
                            methods.push(quote! {
                                #[doc = #doc]
                                pub fn #push(mut self, item: #item_arg) -> #out
                                where #path: __b::Put<__S, __b::Set> {
                                    #body
                                    #builder(self.0.to())
                                }
                            });
                        }
                    }
                }
                Slot::Defaulted(_) | Slot::Optional => {
                    let defaulted = matches!(m.slot, Slot::Defaulted(_));
                    let store = if defaulted { conv } else { quote!(__b::Some(#conv)) };
                    let default = match m.field.and_then(|fl| fl.default.as_ref()) {
                        Some(d) if defaulted => format!(", the spec's default `{d}` until set"),
                        Some(d) => format!(", the spec's default `{d}` left to the receiver"),
                        None => String::new(),
                    };
                    let doc = format!("{doc}: optional{default}{numbering}{nullable}.");
                    methods.push(quote! {
                        #[doc = #doc]
                        #allows
                        pub fn #set(mut self, value: #arg) -> Self {
                            self.0.#f = #store;
                            self
                        }
                    });
                    if !plain || defaulted {
                        continue;
                    }
                    match &m.ty {
                        Ty::Vec(item) => {
                            let push = format!("push_{field}");
                            if taken.insert(push.clone()) {
                                let push = ident(&push);
                                let item_arg = self.input_ty(item);
                                let body = push_item(item);
                                let doc = format!(" Appends one item to `{setter}`{numbering}.");
                                methods.push(quote! {
                                    #[doc = #doc]
                                    pub fn #push(mut self, item: #item_arg) -> Self {
                                        #body
                                        self
                                    }
                                });
                            }
                        }
                        Ty::Map(value_ty) => {
                            let insert = format!("insert_{field}");
                            if taken.insert(insert.clone()) {
                                let insert = ident(&insert);
                                let value_arg = self.input_ty(value_ty);
                                let value_conv = self.convert(value_ty, quote!(value), 0);
                                let doc = format!(" Adds one entry to `{setter}`.");
                                methods.push(quote! {
                                    #[doc = #doc]
                                    pub fn #insert(mut self, key: impl __b::Into<__b::String>, value: #value_arg) -> Self {
                                        self.0.#f.get_or_insert_with(::std::collections::BTreeMap::new)
                                            .insert(__b::Into::into(key), #value_conv);
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
                        self.0.extra = #conv;
                        self
                    }
                });
            }
            if taken.insert("insert_extra".to_owned()) {
                methods.push(quote! {
                    /// Adds one key the spec does not list.
                    pub fn insert_extra(mut self, key: impl __b::Into<__b::String>, value: #value_arg) -> Self {
                        self.0.extra.insert(__b::Into::into(key), #value_conv);
                        self
                    }
                });
            }
        }

        // `build()`: every required member's state must be `Set`.
        let bounds: Vec<TokenStream> =
            tracked.iter().flatten().map(|(path, marker)| quote!(#path: __b::Has<__S, #marker>,)).collect();
        let where_clause = if bounds.is_empty() { quote!() } else { quote!(where #(#bounds)*) };
        let assigns = members.iter().map(|m| {
            let f = ident(m.rust);
            match &m.slot {
                Slot::Required => quote!(#f: __b::take(f.#f),),
                Slot::Constant(e) | Slot::Numbered(e) => quote!(#f: #e,),
                _ => quote!(#f: f.#f,),
            }
        });
        let extra_assign = extra_ty.map(|_| quote!(extra: f.extra,));
        let fields_used =
            members.iter().any(|m| !matches!(m.slot, Slot::Constant(_) | Slot::Numbered(_))) || extra_ty.is_some();
        let bind = if fields_used { quote!(let f = self.0.into_fields();) } else { quote!() };
        let value = quote!(#name { #(#assigns)* #extra_assign });
        if self.checks_on_build(t) {
            methods.push(quote! {
                /// The value, once every rule of the spec under it holds.
                ///
                /// # Errors
                ///
                /// Every rule the value breaks, however deep, each with its JSON pointer from it.
                pub fn build(self) -> ::core::result::Result<#name, #rt::Violations>
                #where_clause
                {
                    #bind
                    __b::checked(#value)
                }
            });
        } else {
            let doc = if t.checks.is_empty() {
                " The value (the spec has no rule a built value could break)."
            } else {
                " The value; the `build()` of the message holding it checks its rules (or call `validate()`)."
            };
            methods.push(quote! {
                #[doc = #doc]
                pub fn build(self) -> #name
                #where_clause
                {
                    #bind
                    #value
                }
            });
        }

        // Docs.
        let mut bdoc =
            vec![format!(" Builds a [`{}`]: [`{}::builder()`], a setter per field, then `build()`.", t.name, t.name)];
        if !required_names.is_empty() {
            bdoc.push(String::new());
            bdoc.push(format!(" `build()` compiles once {} set.", {
                let n = required_names.len();
                let list = required_names.join(", ");
                if n == 1 {
                    format!("{list} is")
                } else {
                    format!("{list} are")
                }
            }));
        }
        if !fixed_docs.is_empty() {
            bdoc.push(String::new());
            bdoc.push(format!(" The builder fills {}.", fixed_docs.join(", ")));
        }
        let must_use = "a builder does nothing until `build()` is called";
        let initial = if required == 0 { quote!(()) } else { initial };
        let markers =
            tracked.iter().flatten().map(|(_, marker)| quote!(#[allow(non_camel_case_types)] pub enum #marker {}));
        let ctor_doc = format!(" A builder for [`{}`].", t.name);
        // Fields that start empty derive `Default`; a spec default is written out.
        let (default_derive, start) = if members.iter().any(|m| matches!(m.slot, Slot::Defaulted(_))) {
            (quote!(), quote!(__b::Builder::new(#storage { #(#inits)* })))
        } else {
            (quote!(, ::core::default::Default), quote!(__b::Builder::empty()))
        };
        quote! {
            #(#[doc = #bdoc])*
            #[must_use = #must_use]
            #[derive(::core::fmt::Debug, ::core::clone::Clone)]
            pub struct #builder<__S = #initial>(#rt::builder::Builder<#storage, __S>);

            #[derive(::core::fmt::Debug, ::core::clone::Clone #default_derive)]
            struct #storage { #(#decls)* }

            const _: () = {
                use #rt::builder as __b;
                #(#markers)*

                impl #name {
                    #[doc = #ctor_doc]
                    pub fn builder() -> #builder {
                        #builder(#start)
                    }
                }

                impl<__S> #builder<__S> {
                    #(#methods)*
                }

                __b::unbuilt!(#builder);
            };
        }
    }
}

/// Type names every scope knows: a marker type of that name would shadow them.
const PRIMITIVES: &[&str] = &[
    "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "str", "u8", "u16", "u32", "u64", "u128",
    "usize", "Self",
];
