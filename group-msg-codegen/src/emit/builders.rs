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
/// `{Type}Builder`, without the `_` that escapes a keyword at the end of the type's name
/// (`RtmConnectResponseSelf_` gives `RtmConnectResponseSelfBuilder`: an `_` inside an upper camel
/// case name is a `non_camel_case_types` warning).
fn builder_base(type_name: &str) -> String {
    format!("{}Builder", type_name.trim_end_matches('_'))
}

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
        let rt = &self.p.rt;
        if let Ty::Rows(item) = self.resolve(ty) {
            let rows = self.convert(&Ty::Vec(Box::new(Ty::Vec(item.clone()))), expr, depth);
            return quote!(#rt::Rows::Rows(#rows));
        }
        match ty {
            _ if self.is_scalar(ty) => expr,
            Ty::Vec(item) => match self.convert_fn(item, depth + 1) {
                Some(f) => quote!(#rt::builder::vec_with(#expr, #f)),
                None => quote!(#rt::builder::vec(#expr)),
            },
            Ty::Map(value) => match self.convert_fn(value, depth + 1) {
                Some(f) => quote!(#rt::builder::map_with(#expr, #f)),
                None => quote!(#rt::builder::map(#expr)),
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

    /// The builder and storage names of every struct, decided for the whole module at once so
    /// that they are unique and stable.
    fn names(&self, t: &TypeDef) -> Names {
        let all = self.builder_names.get_or_init(|| {
            let mut types: BTreeSet<String> = self.module.types.iter().map(|t| t.name.clone()).collect();
            types.extend(self.module.aliases.iter().map(|a| a.0.clone()));
            let mut out = std::collections::BTreeMap::new();
            for other in &self.module.types {
                if let Kind::Struct(_) = other.kind {
                    let builder = fresh(&builder_base(&other.name), &mut types);
                    // `__` names are the generator's own (a spec cannot claim one).
                    let storage = format!("__{builder}Fields");
                    out.insert(other.name.clone(), (builder, storage));
                }
            }
            out
        });
        let builder = all.get(&t.name).map_or_else(|| builder_base(&t.name), |(b, _)| b.clone());
        Names { builder: ident(&builder) }
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
        let Names { builder } = self.names(t);
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

        // Each required member's marker type (named after the field, so compile errors name it;
        // declared in the impls' `const _` block, out of rustdoc) and its path in the state tree.
        let required = members.iter().filter(|m| matches!(m.slot, Slot::Required)).count();
        let mut paths = state_paths(required).into_iter();
        let mut markers_taken: BTreeSet<String> = BTreeSet::new();
        let markers: Vec<Option<(Ident, Vec<Ident>)>> = members
            .iter()
            .map(|m| {
                if !matches!(m.slot, Slot::Required) {
                    return None;
                }
                let path = paths.next().expect("a path per required member");
                let base = if m.rust.starts_with("__") { format!("{}_", m.rust) } else { m.rust.to_owned() };
                let bare = base.trim_start_matches("r#");
                // Not a name the impls use: a type of the module, a primitive, a short name of
                // the impls' prelude.
                let clash = self.module.index.contains_key(bare) || PRIMITIVES.contains(&bare);
                let base = if clash { format!("{base}_") } else { base };
                let path = path.iter().map(|step| format_ident!("{}", step)).collect();
                Some((ident(&fresh(&base, &mut markers_taken)), path))
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

        let mut entries = Vec::new();
        let mut fixed = Vec::new();
        let mut required_names = Vec::new();
        let mut fixed_docs = Vec::new();
        for ((m, marker), setter) in members.iter().zip(&markers).zip(&setter_names) {
            let f = ident(m.rust);
            let field = m.rust.trim_start_matches("r#");
            let mut rename = if field == m.rust { quote!() } else { quote!(#field) };
            if *setter != m.rust {
                let set = ident(setter);
                rename.extend(quote!(as #set));
            }
            let slot = match (&m.slot, marker) {
                (Slot::Constant(e), _) | (Slot::Numbered(e), _) => {
                    let fl = m.field.expect("a fixed member is a field");
                    fixed_docs.push(match &m.slot {
                        Slot::Constant(_) => format!(
                            "`{}` (always `{}`)",
                            fl.wire,
                            fl.constant.as_ref().map(|c| c.to_string()).unwrap_or_default()
                        ),
                        _ => format!("`{}` (numbered by the array that holds the item)", fl.wire),
                    });
                    fixed.push(quote!(#f: #e));
                    continue;
                }
                (Slot::Required, Some((marker, _))) => {
                    required_names.push(format!("`{setter}`"));
                    if *marker == m.rust {
                        quote!(req)
                    } else {
                        quote!(req(#marker))
                    }
                }
                (Slot::Required, None) => unreachable!("a required member has a marker"),
                (Slot::Defaulted(e), _) => quote!(def(#e)),
                (Slot::Optional, _) => quote!(opt),
            };

            let wire = match m.field {
                Some(fl) => {
                    let w = &fl.wire;
                    quote!(#w)
                }
                None => quote!(tagged),
            };
            // Arrays whose items the builder numbers (`x-sequence`).
            let seq = m.field.and_then(|fl| self.sequence_of(t, fl));
            let mut note = String::new();
            if let (Some(d), Slot::Defaulted(_) | Slot::Optional) =
                (m.field.and_then(|fl| fl.default.as_ref()), &m.slot)
            {
                let until = if matches!(m.slot, Slot::Defaulted(_)) { "until set" } else { "left to the receiver" };
                note.push_str(&format!(", the spec's default `{d}` {until}"));
            }
            if seq.is_some() {
                note.push_str("; numbers the items");
            }
            if m.field.is_some_and(|fl| fl.nullable) {
                note.push_str("; `None` sends `null`");
            }
            let note = if note.is_empty() { quote!() } else { quote!(#note) };
            let (conv, helper_kind) = self.setter_conv(m, seq.as_ref());
            // Helpers for arrays (and for optional maps) held directly.
            let helper = match helper_kind {
                Some(kind) if !matches!(m.slot, Slot::Defaulted(_)) => {
                    let name = format!("{kind}_{field}");
                    let ok = (kind == "push" || !matches!(m.slot, Slot::Required)) && taken.insert(name.clone());
                    if ok {
                        let h = ident(&name);
                        quote!(+ #h)
                    } else {
                        quote!()
                    }
                }
                _ => quote!(),
            };
            // Arrays and maps the macro knows the type of from their items'.
            let ty = match conv.clone().into_iter().next() {
                Some(proc_macro2::TokenTree::Ident(k)) if ["vec", "seq", "map"].contains(&k.to_string().as_str()) => {
                    quote!()
                }
                _ => {
                    let ty = self.value_ty(m);
                    quote!(: #ty)
                }
            };
            entries.push(quote!(#slot #f #rename #ty = #wire #note #conv #helper;));
        }

        let extra = match &s.extra {
            Extra::Keep(ty) => {
                let names: Vec<&str> =
                    ["extra", "insert_extra"].into_iter().filter(|n| taken.insert((*n).to_owned())).collect();
                let names = if names.len() == 2 {
                    quote!()
                } else {
                    let names = names.iter().map(|n| ident(n));
                    quote!([#(#names)*])
                };
                let conv = if self.is_scalar(ty) {
                    quote!()
                } else if matches!(self.resolve(ty), Ty::Vec(_) | Ty::Map(_) | Ty::Rows(_)) {
                    let map = Ty::Map(Box::new(ty.clone()));
                    let (arg, conv) = (self.input_ty(&map), self.convert(&map, quote!(entries), 0));
                    let (varg, vconv) = (self.input_ty(ty), self.convert(ty, quote!(value), 0));
                    quote!(with(entries: #arg => #conv; value: #varg => #vconv))
                } else {
                    quote!(impl)
                };
                let vty = self.ty(ty);
                quote!(extra(#conv #vty) #names)
            }
            Extra::Deny => quote!(),
        };
        let fixed = if fixed.is_empty() { quote!() } else { quote!({ #(#fixed),* }) };
        let mode = if self.checks_on_build(t) {
            quote!(checked)
        } else if t.checks.is_empty() {
            quote!(plain)
        } else {
            quote!(nested)
        };
        let req = markers.iter().flatten().map(|(marker, path)| quote!(#marker(#(#path)*)));

        // Docs.
        let mut bdoc =
            format!(" Builds a [`{}`]: [`{}::builder()`], a setter per field, then `build()`", t.name, t.name);
        match required_names.len() {
            0 => bdoc.push('.'),
            1 => bdoc.push_str(&format!(", which compiles once {} is set.", required_names[0])),
            _ => bdoc.push_str(&format!(", which compiles once {} are set.", required_names.join(", "))),
        }
        let fills = if fixed_docs.is_empty() {
            quote!()
        } else {
            let fills = format!(" The builder fills {}.", fixed_docs.join(", "));
            quote!(#[doc = ""] #[doc = #fills])
        };
        quote! {
            #[doc = #bdoc]
            #fills
            pub struct #builder<__S = #rt::builder::Unset>(#rt::builder::Builder<#name, __S>);

            #rt::builder! {
                #name => #builder, #mode [#(#req),*] #fixed #extra;
                #(#entries)*
            }
        }
    }

    /// The type of a member's value in the builder's storage: its type in the struct without
    /// the `Option` of an optional field.
    fn value_ty(&self, m: &Member<'_>) -> TokenStream {
        match m.field {
            Some(f) => self.slot_ty(f),
            None => self.ty(&m.ty),
        }
    }

    /// How a member's setter takes its value (see `runtime::builder!`), and the kind of helper
    /// (`push`, `insert`) it can have.
    fn setter_conv(&self, m: &Member<'_>, seq: Option<&(String, String, i64)>) -> (TokenStream, Option<&'static str>) {
        let plain = m.field.is_none_or(|fl| !fl.nullable && !fl.secret && !fl.boxed);
        let nested = |ty: &Ty| matches!(self.resolve(ty), Ty::Vec(_) | Ty::Map(_) | Ty::Rows(_));
        let how = |ty: &Ty| {
            let t = self.ty(ty);
            if self.is_scalar(ty) {
                quote!(#t)
            } else {
                quote!(impl #t)
            }
        };
        if plain && !matches!(self.resolve(&m.ty), Ty::Rows(_)) {
            match &m.ty {
                Ty::Vec(item) if !nested(item) => {
                    if let Some((_, num, start)) = seq {
                        let (t, num) = (self.ty(item), ident(num));
                        return (quote!(seq(impl #t, #num, #start)), Some("push"));
                    }
                    let how = how(item);
                    return (quote!(vec(#how)), Some("push"));
                }
                Ty::Map(value) if !nested(value) => {
                    let how = how(value);
                    return (quote!(map(#how)), Some("insert"));
                }
                Ty::Vec(item) if seq.is_none() => {
                    let (arg, conv) = self.member_input(m);
                    let (iarg, iconv) = (self.input_ty(item), self.convert(item, quote!(item), 0));
                    return (quote!(with_push(value: #arg => #conv; item: #iarg => #iconv)), Some("push"));
                }
                Ty::Map(value) => {
                    let (arg, conv) = self.member_input(m);
                    let (varg, vconv) = (self.input_ty(value), self.convert(value, quote!(value), 0));
                    return (quote!(with_insert(value: #arg => #conv; value: #varg => #vconv)), Some("insert"));
                }
                ty if self.is_scalar(ty) => return (quote!(val), None),
                Ty::Vec(_) | Ty::Rows(_) => {}
                _ => return (quote!(), None),
            }
        }
        // A nullable value is taken as the `Option` it is stored as.
        if m.field.is_some_and(|fl| fl.nullable && !fl.secret && !fl.boxed) {
            return (quote!(val), None);
        }
        let (arg, conv) = self.member_input(m);
        (quote!(with(value: #arg => #conv)), None)
    }
}

/// Each of `n` leaves' path in a balanced tree, in order: `L`/`R` steps from the root.
fn state_paths(n: usize) -> Vec<Vec<&'static str>> {
    fn node(lo: usize, hi: usize, path: &mut Vec<&'static str>, out: &mut Vec<Vec<&'static str>>) {
        if hi - lo == 1 {
            out.push(path.clone());
            return;
        }
        let mid = lo + (hi - lo).div_ceil(2);
        path.push("L");
        node(lo, mid, path, out);
        path.pop();
        path.push("R");
        node(mid, hi, path, out);
        path.pop();
    }
    let mut out = Vec::new();
    if n > 0 {
        node(0, n, &mut Vec::new(), &mut out);
    }
    out
}

/// Type names every scope knows, and the lowercase short names of the impls' prelude
/// (`runtime::__prelude`): a marker type of that name would shadow them.
const PRIMITIVES: &[&str] = &[
    "bool",
    "char",
    "f32",
    "f64",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "str",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "Self",
    "fmt",
    "rt",
    "schemars",
    "serde",
    "serde_json",
];

#[cfg(test)]
mod tests {
    #[test]
    fn builder_names_stay_upper_camel_case() {
        // Found by `cargo xtask real-specs` (Slack: a property `self`).
        assert_eq!(super::builder_base("RtmConnectResponseSelf_"), "RtmConnectResponseSelfBuilder");
        assert_eq!(super::builder_base("SendRequest"), "SendRequestBuilder");
    }
}
