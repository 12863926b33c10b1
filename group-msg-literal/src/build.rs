//! Builds the typed value of a JSON literal at compile time: every key, type and enum value is
//! checked against the spec's types here, and the expansion constructs the value directly.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// `quote!` when the builder emits the value's expression, nothing when it only checks (the
/// tokens of a `request!` literal's constructor are never used: it expands to the JSON text).
macro_rules! q {
    ($b:ident; $($t:tt)*) => {
        if $b.emit {
            quote!($($t)*)
        } else {
            TokenStream::new()
        }
    };
}

use crate::model::*;
use crate::parse::J;
use crate::{ident, Error};

pub struct Builder<'m> {
    pub module: &'m Model,
    /// Path of the generated module (`$crate::tencent_im::send_group_msg`).
    pub path: TokenStream,
    /// Path of the runtime crate (`$crate`).
    pub krate: TokenStream,
    pub errors: Vec<Error>,
    /// Whether a value is a Rust expression (so some rules wait for run time).
    pub has_expr: bool,
    /// Where the Rust expressions are (`request!` refuses them: `try_request!` takes them).
    pub exprs: Vec<Span>,
    /// The key whose value is being built, named in the messages about the value.
    pub field: Option<String>,
    /// Whether to write the value's expression (`try_request!`), or only check the literal.
    pub emit: bool,
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

impl<'m> Builder<'m> {
    fn err(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(Error::new(span, msg));
    }

    /// An error about the value of the current key: "`Random`: expected an integer, ...".
    fn value_err(&mut self, span: Span, msg: impl std::fmt::Display) {
        let msg = match &self.field {
            Some(f) => format!("`{f}`: {msg}"),
            None => msg.to_string(),
        };
        self.errors.push(Error::new(span, msg));
    }

    /// [`Builder::build`] of the value of the key `key`.
    fn build_field(&mut self, key: &str, ty: &Ty, j: &J) -> TokenStream {
        let saved = self.field.replace(key.to_owned());
        let out = self.build(ty, j);
        self.field = saved;
        out
    }

    /// The identifier `name` when the builder emits, else nothing.
    fn ident(&self, name: &str) -> Option<proc_macro2::Ident> {
        self.emit.then(|| ident(name))
    }

    pub fn typedef(&self, name: &str) -> Option<&'m TypeDef> {
        self.module.typedef(name)
    }

    fn named(&self, name: &str) -> TokenStream {
        if !self.emit {
            return TokenStream::new();
        }
        let path = &self.path;
        let i = self.ident(name);
        q!(self; #path::#i)
    }

    /// The expression building a value of `ty` from `j`.
    pub fn build(&mut self, ty: &Ty, j: &J) -> TokenStream {
        if let J::Expr(e, _) = j {
            self.has_expr = true;
            self.exprs.push(j.span());
            return q!(self; ::core::convert::Into::into(#e));
        }
        let krate = &self.krate;
        let rt = q!(self; #krate::runtime);
        match (ty, j) {
            (Ty::String, J::Str(s, _)) => q!(self; ::std::string::String::from(#s)),
            (Ty::Bool, J::Bool(b, _)) => q!(self; #b),
            (Ty::F64, J::Num(n, span)) => match n.parse::<f64>() {
                Ok(f) if f.is_finite() => q!(self; #f),
                _ => {
                    self.value_err(*span, format!("`{n}` is not a finite number"));
                    q!(self; 0.0)
                }
            },
            (Ty::Int(k), J::Num(n, span)) => self.int(*k, n, *span),
            (Ty::Vec(item), J::Arr(items, _)) => {
                let items: Vec<TokenStream> = items.iter().map(|i| self.build(item, i)).collect();
                // `Vec::from` of an array, not `vec!`: nested arrays would nest macro calls into
                // the recursion limit.
                q!(self; ::std::vec::Vec::from([#(#items),*]))
            }
            (Ty::Map(item), J::Obj(entries, _)) => {
                let inserts: Vec<TokenStream> = entries
                    .iter()
                    .map(|e| {
                        let k = &e.key;
                        let v = self.build_field(k, item, &e.value);
                        q!(self; map.insert(::std::string::String::from(#k), #v);)
                    })
                    .collect();
                q!(self; {
                    #[allow(unused_mut)]
                    let mut map = ::std::collections::BTreeMap::new();
                    #(#inserts)*
                    map
                })
            }
            (Ty::Tuple(tys), J::Arr(items, span)) => {
                if tys.len() != items.len() {
                    self.err(*span, format!("expected an array of {} items, found {}", tys.len(), items.len()));
                    return q!(self; ::core::unimplemented!());
                }
                let parts: Vec<TokenStream> = tys.iter().zip(items).map(|(t, i)| self.build(t, i)).collect();
                q!(self; (#(#parts,)*))
            }
            (Ty::Rows(item), J::Arr(items, _)) => {
                // Rows when any item is an array, flat otherwise; both at once is refused.
                let is_row = |i: &J| matches!(i, J::Arr(..));
                let is_one = |i: &J| !matches!(i, J::Arr(..) | J::Expr(..));
                let rows = items.iter().any(is_row);
                if rows {
                    if let Some(bad) = items.iter().find(|i| is_one(i)) {
                        self.err(
                            bad.span(),
                            format!(
                                "expected a row (an array), found {}: give either rows (arrays) or items, not both",
                                bad.kind()
                            ),
                        );
                        return q!(self; ::core::unimplemented!());
                    }
                }
                if rows || items.is_empty() {
                    let row_ty = Ty::Vec(item.clone());
                    let parts: Vec<TokenStream> = items.iter().map(|i| self.build(&row_ty, i)).collect();
                    q!(self; #rt::Rows::Rows(::std::vec![#(#parts),*]))
                } else {
                    let parts: Vec<TokenStream> = items.iter().map(|i| self.build(item, i)).collect();
                    q!(self; #rt::Rows::Flat(::std::vec![#(#parts),*]))
                }
            }
            (Ty::Any, j) => self.any(&rt, j),
            (Ty::Named(n), j) => self.named_value(n, j),
            (ty, j) => {
                let want = match ty {
                    Ty::String => "a string",
                    Ty::Bool => "a boolean",
                    Ty::F64 => "a number",
                    Ty::Int(_) => "an integer",
                    Ty::Vec(_) | Ty::Tuple(_) | Ty::Rows(_) => "an array",
                    Ty::Map(_) => "an object",
                    Ty::Named(_) | Ty::Any => "a value",
                };
                self.value_err(j.span(), format!("expected {want}, found {}", j.kind()));
                q!(self; ::core::unimplemented!())
            }
        }
    }

    fn int(&mut self, k: IntTy, n: &str, span: Span) -> TokenStream {
        let parsed = n.parse::<i128>().ok();
        let (name, lo, hi): (&str, i128, i128) = match k {
            IntTy::I32 => ("i32", i32::MIN.into(), i32::MAX.into()),
            IntTy::I64 => ("i64", i64::MIN.into(), i64::MAX.into()),
            IntTy::U32 => ("u32", 0, u32::MAX.into()),
            IntTy::U64 => ("u64", 0, u64::MAX.into()),
        };
        match parsed {
            Some(v) if (lo..=hi).contains(&v) && !self.emit => TokenStream::new(),
            Some(v) if (lo..=hi).contains(&v) => {
                // In range, so the narrowing conversions below are exact.
                let lit = match k {
                    IntTy::I32 => proc_macro2::Literal::i32_suffixed(v as i32),
                    IntTy::I64 => proc_macro2::Literal::i64_suffixed(v as i64),
                    IntTy::U32 => proc_macro2::Literal::u32_suffixed(v as u32),
                    IntTy::U64 => proc_macro2::Literal::u64_suffixed(v as u64),
                };
                q!(self; #lit)
            }
            Some(_) => {
                let _ = name;
                self.value_err(span, format!("expected an integer from {lo} to {hi}, found {n}"));
                q!(self; 0)
            }
            None if n.strip_prefix('-').unwrap_or(n).bytes().all(|b| b.is_ascii_digit()) => {
                self.value_err(span, format!("expected an integer from {lo} to {hi}, found {n}"));
                q!(self; 0)
            }
            None => {
                self.value_err(span, format!("expected an integer, found `{n}`"));
                q!(self; 0)
            }
        }
    }

    /// A `serde_json::Value` literal.
    fn any(&mut self, rt: &TokenStream, j: &J) -> TokenStream {
        match j {
            J::Null(_) => q!(self; #rt::schema::null()),
            J::Bool(b, _) => q!(self; #rt::schema::bool(#b)),
            J::Str(s, _) => q!(self; #rt::schema::str(#s)),
            J::Num(n, span) => {
                if let Ok(i) = n.parse::<i64>() {
                    q!(self; #rt::schema::int(#i))
                } else if let Ok(u) = n.parse::<u64>() {
                    q!(self; #rt::schema::uint(#u))
                } else {
                    match n.parse::<f64>() {
                        Ok(f) if f.is_finite() => q!(self; #rt::schema::float(#f)),
                        _ => {
                            self.value_err(
                                *span,
                                format!("`{n}` is out of range: a JSON number here must be a finite `f64`"),
                            );
                            q!(self; #rt::schema::null())
                        }
                    }
                }
            }
            J::Arr(items, _) => {
                let items: Vec<TokenStream> = items.iter().map(|i| self.any(rt, i)).collect();
                q!(self; #rt::schema::arr(::std::vec::Vec::from([#(#items),*])))
            }
            J::Obj(entries, _) => {
                let parts: Vec<TokenStream> = entries
                    .iter()
                    .map(|e| {
                        let k = &e.key;
                        let v = self.any(rt, &e.value);
                        q!(self; (#k, #v))
                    })
                    .collect();
                q!(self; #rt::schema::obj(::std::vec::Vec::from([#(#parts),*])))
            }
            J::Expr(e, _) => {
                self.has_expr = true;
                self.exprs.push(j.span());
                q!(self; ::core::convert::Into::into(#e))
            }
        }
    }

    fn named_value(&mut self, name: &str, j: &J) -> TokenStream {
        let Some(t) = self.typedef(name) else { return q!(self; ::core::unimplemented!()) };
        match &t.kind {
            // A long tuple is a tuple struct (see `emit::tuples`): its constructor, then the items.
            Kind::Alias(inner @ Ty::Tuple(items)) if items.len() > MAX_TUPLE => {
                let (inner, ty) = (inner.clone(), self.named(name));
                let items = self.build(&inner, j);
                q!(self; #ty #items)
            }
            Kind::Alias(inner) => self.build(inner, j),
            Kind::Enum(e) => self.enum_value(name, e, j),
            Kind::Struct(s) => self.struct_value(name, s, j),
            Kind::Union(u) => match j {
                J::Obj(entries, span) => {
                    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
                    let (value, rest) = self.union_value(name, u, j, *span);
                    for k in rest {
                        if let Some(e) = entries.iter().find(|e| e.key == k) {
                            let known = self.union_keys(u);
                            let known: Vec<&str> = known.iter().map(String::as_str).collect();
                            let hint = match group_msg_rules::closest(&e.key, known.iter().copied()) {
                                Some(c) => format!("did you mean `{c}`?"),
                                None => format!("expected one of {}", list(&known)),
                            };
                            self.err(e.key_span, format!("unknown field `{}`, {hint}", e.key));
                        }
                    }
                    let _ = keys;
                    value
                }
                other => {
                    self.value_err(other.span(), format!("expected a `{name}` object, found {}", other.kind()));
                    q!(self; ::core::unimplemented!())
                }
            },
        }
    }

    fn enum_value(&mut self, name: &str, e: &Enum, j: &J) -> TokenStream {
        let ty = self.named(name);
        let hit = e.values.iter().find(|v| match (&v.wire, j) {
            (Lit::Str(s), J::Str(x, _)) => s == x,
            (Lit::Int(i), J::Num(x, _)) => x.parse::<i64>().ok() == Some(*i),
            _ => false,
        });
        match hit {
            Some(v) => {
                let var = self.ident(&v.rust);
                q!(self; #ty::#var)
            }
            None => {
                let texts: Vec<String> = e.values.iter().map(|v| v.wire.text()).collect();
                let shown = match j {
                    J::Str(s, _) | J::Num(s, _) => s.clone(),
                    other => other.kind().to_owned(),
                };
                let hint = match j {
                    J::Str(s, _) => group_msg_rules::closest(s, texts.iter().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                // Under a key, the message names the key ("`MsgPriority`: unknown value ..."),
                // elsewhere the type.
                let of = if self.field.is_some() { String::new() } else { format!(" for `{name}`") };
                self.value_err(
                    j.span(),
                    format!("unknown value `{shown}`{of}, {hint}expected one of {}", texts.join(", ")),
                );
                q!(self; ::core::unimplemented!())
            }
        }
    }

    fn struct_value(&mut self, name: &str, s: &Struct, j: &J) -> TokenStream {
        let ty = self.named(name);
        let J::Obj(entries, span) = j else {
            self.value_err(j.span(), format!("expected a `{name}` object, found {}", j.kind()));
            return q!(self; ::core::unimplemented!());
        };
        // A misspelt key is one error ("did you mean"), not also a missing field; an object that
        // keeps unknown keys reports the missing field instead.
        let misspelt: Vec<&str> = entries
            .iter()
            .filter(|_| s.extra == Extra::Deny)
            .filter(|e| !s.fields.iter().any(|f| f.wire == e.key))
            .filter_map(|e| group_msg_rules::closest(&e.key, s.fields.iter().map(|f| f.wire.as_str())))
            .collect();
        let krate = if self.emit { self.krate.clone() } else { TokenStream::new() };
        let mut inits = Vec::new();
        for f in &s.fields {
            let fname = self.ident(&f.rust);
            let value = match j.get(&f.wire) {
                Some(J::Null(_)) if f.nullable => q!(self; ::core::option::Option::None),
                Some(v) => {
                    let mut built = self.build_field(&f.wire, &f.ty, v);
                    if f.secret {
                        built = q!(self; #krate::runtime::Secret::new(#built));
                    }
                    if f.boxed {
                        built = q!(self; ::std::boxed::Box::new(#built));
                    }
                    if f.nullable {
                        built = q!(self; ::core::option::Option::Some(#built));
                    }
                    if !f.required {
                        built = q!(self; ::core::option::Option::Some(#built));
                    }
                    built
                }
                None if f.required => {
                    if !misspelt.contains(&f.wire.as_str()) {
                        self.err(*span, format!("missing field `{}` of `{name}`", f.wire));
                    }
                    q!(self; ::core::unimplemented!())
                }
                None => q!(self; ::core::option::Option::None),
            };
            inits.push(q!(self; #fname: #value,));
        }
        let mut rest: Vec<String> =
            entries.iter().map(|e| e.key.clone()).filter(|k| !s.fields.iter().any(|f| f.wire == *k)).collect();
        if let Some(fu) = &s.union {
            if let Some(Kind::Union(u)) = self.typedef(&fu.ty).map(|t| &t.kind) {
                let (value, left) = self.union_value(&fu.ty, u, j, *span);
                rest = left.into_iter().filter(|k| !s.fields.iter().any(|f| f.wire == *k)).collect();
                let fname = self.ident(&fu.rust);
                inits.push(q!(self; #fname: #value,));
            }
        }
        match &s.extra {
            Extra::Keep(item) => {
                let inserts: Vec<TokenStream> = rest
                    .iter()
                    .filter_map(|k| entries.iter().find(|e| e.key == *k))
                    .map(|e| {
                        let k = &e.key;
                        let v = self.build_field(k, item, &e.value);
                        q!(self; map.insert(::std::string::String::from(#k), #v);)
                    })
                    .collect();
                inits.push(q!(self; extra: {
                    #[allow(unused_mut)]
                    let mut map = ::std::collections::BTreeMap::new();
                    #(#inserts)*
                    map
                },));
            }
            Extra::Deny => {
                let mut known: Vec<String> = s.fields.iter().map(|f| f.wire.clone()).collect();
                if let Some(fu) = &s.union {
                    if let Some(Kind::Union(u)) = self.typedef(&fu.ty).map(|t| &t.kind) {
                        known.extend(self.union_keys(u));
                    }
                }
                for k in rest {
                    if let Some(e) = entries.iter().find(|e| e.key == k) {
                        let hint = match group_msg_rules::closest(&e.key, known.iter().map(String::as_str)) {
                            Some(c) => format!("did you mean `{c}`?"),
                            None => format!(
                                "expected one of {}",
                                list(&known.iter().map(String::as_str).collect::<Vec<_>>())
                            ),
                        };
                        self.err(e.key_span, format!("unknown field `{}`, {hint}", e.key));
                    }
                }
            }
        }
        q!(self; #ty { #(#inits)* })
    }

    fn union_keys(&self, u: &Union) -> Vec<String> {
        self.module.union_keys(u)
    }

    fn variant_keys(&self, v: &Variant) -> Vec<String> {
        self.module.variant_keys(v)
    }

    /// The selected variant of `u` in the object `j`, and the keys of `j` it did not use.
    fn union_value(&mut self, name: &str, u: &Union, j: &J, span: Span) -> (TokenStream, Vec<String>) {
        let ty = self.named(name);
        let J::Obj(entries, _) = j else { return (q!(self; ::core::unimplemented!()), Vec::new()) };
        let texts: Vec<String> = u.variants.iter().map(|v| v.tag.text()).collect();
        let Some(tag) = j.get(&u.tag) else {
            self.err(span, format!("missing field `{}`: it selects the variant, one of {}", u.tag, texts.join(", ")));
            return (q!(self; ::core::unimplemented!()), Vec::new());
        };
        let variant = u.variants.iter().find(|v| match (&v.tag, tag) {
            (Lit::Str(s), J::Str(x, _)) => s == x,
            (Lit::Int(i), J::Num(x, _)) => x.parse::<i64>().ok() == Some(*i),
            _ => false,
        });
        let Some(variant) = variant else {
            let shown = match tag {
                J::Str(s, _) | J::Num(s, _) => s.clone(),
                J::Expr(..) => {
                    self.err(
                        tag.span(),
                        format!(
                            "`{}` selects the variant, so it must be a literal, one of {}",
                            u.tag,
                            texts.join(", ")
                        ),
                    );
                    return (q!(self; ::core::unimplemented!()), Vec::new());
                }
                other => other.kind().to_owned(),
            };
            let hint = group_msg_rules::closest(&shown, texts.iter().map(String::as_str))
                .filter(|c| *c != shown && shown.parse::<f64>().is_err());
            let hint = hint.map(|c| format!("did you mean `{c}`? ")).unwrap_or_default();
            self.err(tag.span(), format!("unknown `{}` {shown}, {hint}expected one of {}", u.tag, texts.join(", ")));
            return (q!(self; ::core::unimplemented!()), Vec::new());
        };
        let vname = self.ident(&variant.rust);
        let own = self.variant_keys(variant);
        let others: Vec<String> = self.union_keys(u).into_iter().filter(|k| *k != u.tag && !own.contains(k)).collect();
        let tag_text = variant.tag.text();
        for e in entries.iter().filter(|e| others.contains(&e.key)) {
            self.err(e.key_span, format!("field `{}` is not allowed when `{}` is {tag_text}", e.key, u.tag));
        }
        let value = match &variant.payload {
            Payload::Unit => q!(self; #ty::#vname),
            Payload::Single { key, ty: pty, boxed } => match j.get(key) {
                Some(v) => {
                    let mut built = self.build_field(key, pty, v);
                    if *boxed {
                        built = q!(self; ::std::boxed::Box::new(#built));
                    }
                    q!(self; #ty::#vname(#built))
                }
                None => {
                    self.err(span, format!("missing field `{key}` (needed when `{}` is {tag_text})", u.tag));
                    q!(self; ::core::unimplemented!())
                }
            },
            Payload::Struct(sname) => {
                let sub = J::Obj(entries.iter().filter(|e| own.contains(&e.key)).cloned().collect(), span);
                let built = self.named_value(sname, &sub);
                q!(self; #ty::#vname(#built))
            }
        };
        let used: Vec<String> = std::iter::once(u.tag.clone()).chain(own).chain(others).collect();
        let rest = entries.iter().map(|e| e.key.clone()).filter(|k| !used.contains(k)).collect();
        (value, rest)
    }
}
