//! `Validate` impls: the checks lowering compiled from each schema, as code on the typed value.
//!
//! A list of checks is emitted in one of two modes: *validate* pushes a violation (with the JSON
//! pointer of the value) for every broken rule; *test* is a `bool` expression, used for the
//! conditions of `if`, `not`, `anyOf`, `oneOf` and `contains`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{ident, Emitter};
use crate::ir::*;

/// The name of the module's embedded spec document.
const DOCUMENT: &str = "__GROUP_MSG_SCHEMA_DOCUMENT";

/// The pattern binding `x` for `body`: `x`, or `_` when `body` does not read it.
fn used(x: &Ident, body: &TokenStream) -> TokenStream {
    if mentions(body, x) {
        quote!(#x)
    } else {
        quote!(_)
    }
}

/// Whether `tokens` use the identifier `v` (rules decided when generating do not read the value).
fn mentions(tokens: &TokenStream, v: &Ident) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == *v,
        proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), v),
        _ => false,
    })
}

impl Emitter<'_> {
    /// The spec document the schema checks compile their validators from.
    pub fn schema_document(&self, text: &str) -> TokenStream {
        let rt = &self.p.rt;
        let name = format_ident!("{}", DOCUMENT);
        quote! {
            /// The spec, for the schema validator of the positions the types leave to it.
            #[doc(hidden)]
            static #name: #rt::by_schema::Document = #rt::by_schema::Document::new(#text);
        }
    }

    /// The value of a schema check: `v` as `&serde_json::Value`.
    fn as_json(&self, v: &Ident, shape: &Shape) -> TokenStream {
        let rt = &self.p.rt;
        match shape {
            Shape::Any => quote!(#v),
            _ => quote!(&#rt::by_schema::to_json(#v)),
        }
    }

    pub fn validation(&self, t: &TypeDef) -> TokenStream {
        let rt = &self.p.rt;
        let name = ident(&t.name);
        let v = format_ident!("v0");
        let ty = Ty::Named(t.name.clone());
        let depth = t.checks.iter().find_map(|c| match c {
            Check::Depth { untyped } => Some(*untyped),
            _ => None,
        });
        let rest: Checks = t.checks.iter().filter(|c| !matches!(c, Check::Depth { .. })).cloned().collect();
        let mut body = self.validate_checks(&rest, &v, &ty, None, 0);
        if let Kind::Union(u) = &t.kind {
            body.extend(self.validate_variants(&name, u, &v));
        }
        // Past the depth limit nothing else is checked (nor recursed into).
        if let Some(untyped) = depth {
            body = if body.is_empty() {
                quote!(#rt::rules::too_deep(#v, path, out, #untyped);)
            } else {
                quote!(if #rt::rules::too_deep(#v, path, out, #untyped) { return; } #body)
            };
        }
        // Text that fails is reported against the type's schema: every problem at once. A type
        // holding a secret keeps the single error that quotes nothing.
        let api = if self.schema_in_api(t) {
            let doc = format_ident!("{}", DOCUMENT);
            let (schema, refs) = self.schema_text(t);
            quote!(#rt::api!(#name, #doc, #schema #refs);)
        } else {
            quote!(#rt::api!(#name);)
        };
        if body.is_empty() {
            return quote! {
                #api
                impl #rt::Validate for #name {}
            };
        }
        let bind = match (!mentions(&body, &v), t.newtype) {
            (true, _) => quote!(),
            (false, false) => quote!(let #v = self;),
            (false, true) => quote!(let #v = &self.0;),
        };
        quote! {
            #api
            impl #rt::Validate for #name {
                // Each rule is its own `if`: nested ones read as the schema does.
                #[allow(clippy::collapsible_if, clippy::blocks_in_conditions)]
                fn validate_into(&self, path: &mut #rt::Path, out: &mut ::std::vec::Vec<#rt::Violation>) {
                    #bind
                    #body
                }
            }
        }
    }

    /// Each variant's payload rules.
    fn validate_variants(&self, name: &Ident, u: &Union, v: &Ident) -> TokenStream {
        let rt = &self.p.rt;
        let x = format_ident!("v1");
        let mut any = false;
        let arms: Vec<TokenStream> = u
            .variants
            .iter()
            .map(|var| {
                let vname = ident(&var.rust);
                match &var.payload {
                    Payload::Unit => quote!(#name::#vname => {}),
                    Payload::Single { key, ty, boxed } => {
                        let checks = self.validate_checks(&var.checks, &x, ty, None, 1);
                        if checks.is_empty() {
                            return quote!(#name::#vname(_) => {});
                        }
                        any = true;
                        let deref = if *boxed { quote!(let #x = &**#x;) } else { quote!() };
                        quote!(#name::#vname(#x) => {
                            #deref
                            path.push_key(#key);
                            #checks
                            path.pop();
                        })
                    }
                    Payload::Struct(n) if self.module.typedef(n).is_none_or(|t| t.checks.is_empty()) => {
                        quote!(#name::#vname(_) => {})
                    }
                    Payload::Struct(_) => {
                        any = true;
                        // The variant's keys sit beside the tag: same path.
                        quote!(#name::#vname(#x) => #rt::Validate::validate_into(#x, path, out),)
                    }
                }
            })
            .collect();
        if !any {
            return quote!();
        }
        quote!(match #v { #(#arms)* })
    }

    /// Statements that report every broken check of `checks` on `v` (a reference to `ty`).
    fn validate_checks(&self, checks: &Checks, v: &Ident, ty: &Ty, because: Option<&str>, depth: usize) -> TokenStream {
        checks.iter().map(|c| self.validate_check(c, v, ty, because, depth)).collect()
    }

    fn report(&self, rule: TokenStream, because: Option<&str>) -> TokenStream {
        let rt = &self.p.rt;
        let because = match because {
            Some(b) => quote!(::core::option::Option::Some(#b)),
            None => quote!(::core::option::Option::None),
        };
        quote!(#rt::rules::report(path, out, #rule, #because);)
    }

    fn validate_check(&self, c: &Check, v: &Ident, ty: &Ty, because: Option<&str>, depth: usize) -> TokenStream {
        let rt = &self.p.rt;
        let shape = shape_of(&|n| self.module.typedef(n), ty);
        let because_tokens = match because {
            Some(b) => quote!(#b),
            None => quote!(::core::option::Option::None),
        };
        let report_rule = |rule: TokenStream| quote!(path.check(out, #rule, #because_tokens););
        match c {
            Check::Nested => quote!(#rt::Validate::validate_into(#v, path, out);),
            // A type's own check, emitted by `validation`.
            Check::Depth { .. } => quote!(),
            Check::Flat { field } => {
                let f = ident(field);
                quote!(#rt::Validate::validate_into(&#v.#f, path, out);)
            }
            Check::Prop { wire, access, ty: pty, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.validate_checks(checks, &x, pty, because, depth + 1);
                let body = quote!(path.push_key(#wire); #inner path.pop(););
                self.with_prop(v, &shape, wire, access, &x, body, quote!())
            }
            Check::Items { item, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.validate_checks(checks, &x, item, because, depth + 1);
                let p = used(&x, &inner);
                quote!(for (i, #p) in #v.iter().enumerate() { path.push_index(i); #inner path.pop(); })
            }
            Check::Prefix { index, item, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.validate_checks(checks, &x, item, because, depth + 1);
                let body = quote!(path.push_index(#index); #inner path.pop(););
                match shape {
                    Shape::Tuple(_) => {
                        let i = syn::Index::from(*index);
                        let p = used(&x, &body);
                        quote!({ let #p = &#v.#i; #body })
                    }
                    _ => {
                        let p = used(&x, &body);
                        quote!(if let ::core::option::Option::Some(#p) = #v.get(#index) { #body })
                    }
                }
            }
            Check::Values { item, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.validate_checks(checks, &x, item, because, depth + 1);
                let p = used(&x, &inner);
                let map = match shape {
                    Shape::Struct(_) => quote!(#v.extra),
                    _ => quote!(#v),
                };
                quote!(for (key, #p) in #map.iter() { path.push_owned(key); #inner path.pop(); })
            }
            Check::Sequence { item: _, access, wire, start } => {
                let x = format_ident!("v{}", depth + 1);
                let n = self.int_of(&x, access);
                let r = self.report(quote!(rule), because);
                let p = used(&x, &n);
                quote!(for (i, #p) in #v.iter().enumerate() {
                    if let ::core::option::Option::Some(n) = #n {
                        if let ::core::option::Option::Some(rule) = #rt::rules::sequence(i, #start, n, #wire) {
                            path.push_index(i);
                            #r
                            path.pop();
                        }
                    }
                })
            }
            Check::If { cond, then, else_, because: b } => {
                let test = self.test_checks(cond, v, ty, depth);
                let b = b.as_deref().or(because);
                let then = self.validate_checks(then, v, ty, b, depth);
                let else_ = self.validate_checks(else_, v, ty, because, depth);
                if else_.is_empty() {
                    quote!(if #test { #then })
                } else {
                    quote!(if #test { #then } else { #else_ })
                }
            }
            Check::Not(inner) => match inner.as_slice() {
                [Check::Required { wire, access }] => self.validate_check(
                    &Check::Forbidden { wire: wire.clone(), access: access.clone() },
                    v,
                    ty,
                    because,
                    depth,
                ),
                _ => {
                    let test = self.test_checks(inner, v, ty, depth);
                    let r = self.report(quote!(#rt::Rule::Not), because);
                    quote!(if #test { #r })
                }
            },
            Check::AnyOf(branches) => {
                let tests = branches.iter().map(|b| self.test_atom(b, v, ty, depth));
                let r = self.report(quote!(#rt::Rule::AnyOf), because);
                quote!(if !(#(#tests)||*) { #r })
            }
            Check::OneOf(branches) => {
                let tests = branches.iter().map(|b| self.test_checks(b, v, ty, depth));
                let r = self.report(quote!(#rt::Rule::OneOf { matched }), because);
                quote!({
                    let matched = [#(#tests),*].iter().filter(|b| **b).count();
                    if matched != 1 { #r }
                })
            }
            Check::Required { wire, access } => {
                let r = self.report(quote!(#rt::Rule::Required { key: #wire }), because);
                match self.presence(v, &shape, wire, access) {
                    Presence::Always => quote!(),
                    Presence::Never => r,
                    p => {
                        let no = p.no();
                        quote!(path.required(out, #no, #wire, #because_tokens);)
                    }
                }
            }
            Check::Forbidden { wire, access } => {
                let r = self.report(quote!(#rt::Rule::Forbidden { key: #wire }), because);
                match self.presence(v, &shape, wire, access) {
                    Presence::Always => r,
                    Presence::Never => quote!(),
                    p => {
                        let yes = p.yes();
                        quote!(path.forbidden(out, #yes, #wire, #because_tokens);)
                    }
                }
            }
            Check::NoExtra => quote!(for key in #v.extra.keys() {
                #rt::rules::report_at(path, key, out, #rt::Rule::Never);
            }),
            Check::Static(true) => quote!(),
            Check::Static(false) => self.report(quote!(#rt::Rule::Never), because),
            Check::Schema { pointer } => {
                let doc = format_ident!("{}", DOCUMENT);
                let value = self.as_json(v, &shape);
                let because = match because {
                    Some(b) => quote!(::core::option::Option::Some(#b)),
                    None => quote!(::core::option::Option::None),
                };
                quote!({
                    static SITE: #rt::by_schema::Site = #rt::by_schema::Site::new();
                    #rt::by_schema::check(&#doc, &SITE, #pointer, #value, path, out, #because);
                })
            }
            Check::Warn(inner) => {
                let inner = self.validate_checks(inner, v, ty, because, depth);
                quote!({
                    let start = out.len();
                    #inner
                    #rt::rules::warn_from(out, start);
                })
            }
            _ => match self.rule_expr(c, v, &shape, depth) {
                Some(rule) => report_rule(rule),
                None => {
                    // A yes/no check without a rule value of its own (const, enum).
                    let test = self.test_check(c, v, ty, depth);
                    let rule = self.rule_value(c);
                    let r = self.report(rule, because);
                    quote!(if !#test { #r })
                }
            },
        }
    }

    /// `Some(expr)` evaluating to `Option<Rule>` for checks the runtime decides.
    fn rule_expr(&self, c: &Check, v: &Ident, shape: &Shape, depth: usize) -> Option<TokenStream> {
        let rt = &self.p.rt;
        let num = || -> Option<TokenStream> {
            match shape {
                Shape::Int(_) => Some(quote!(::core::option::Option::Some(*#v as f64))),
                Shape::Float => Some(quote!(::core::option::Option::Some(*#v))),
                Shape::Enum { int: true } => Some(quote!(::core::option::Option::Some(#v.value() as f64))),
                Shape::Any => Some(quote!(#rt::rules::number(#v))),
                _ => None,
            }
        };
        let text = || -> Option<TokenStream> {
            match shape {
                Shape::Str => Some(quote!(::core::option::Option::Some(::core::convert::AsRef::<str>::as_ref(#v)))),
                Shape::Enum { int: false } => Some(quote!(::core::option::Option::Some(#v.value()))),
                Shape::Any => Some(quote!(#v.as_str())),
                _ => None,
            }
        };
        let len = || -> Option<TokenStream> {
            match shape {
                Shape::Vec(_) => Some(quote!(::core::option::Option::Some(#v.len()))),
                Shape::Any => Some(quote!(#v.as_array().map(|a| a.len()))),
                _ => None,
            }
        };
        // `f` applied to the value: straight to an infallible `Some(e)`, through `and_then` else.
        let wrap = |value: Option<TokenStream>, f: TokenStream| -> Option<TokenStream> {
            value.map(|val| match infallible(&val) {
                Some(e) => substitute_x(f.clone(), &e),
                None => quote!(#val.and_then(|x| #f)),
            })
        };
        Some(match c {
            Check::Num { op: NumOp::MultipleOf, limit } if matches!(shape, Shape::Int(_)) => {
                // Exact for every integer, where `as f64` would round past 2^53.
                quote!(#rt::rules::multiple_of_int(*#v, #limit))
            }
            Check::Num { op, limit } => {
                let f = match op {
                    NumOp::Min => quote!(#rt::rules::minimum),
                    NumOp::Max => quote!(#rt::rules::maximum),
                    NumOp::ExclusiveMin => quote!(#rt::rules::exclusive_minimum),
                    NumOp::ExclusiveMax => quote!(#rt::rules::exclusive_maximum),
                    NumOp::MultipleOf => quote!(#rt::rules::multiple_of),
                };
                return wrap(num(), quote!(#f(x, #limit)));
            }
            Check::Finite => return num().map(|val| quote!(#val.and_then(#rt::rules::finite))),
            Check::MinLength(n) => return wrap(text(), quote!(#rt::rules::min_length(x, #n))),
            Check::MaxLength(n) => return wrap(text(), quote!(#rt::rules::max_length(x, #n))),
            Check::Pattern(p) => {
                let cell = format_ident!("RE{}", depth);
                let val = text()?;
                let rust = group_msg_rules::ecma_pattern(p);
                return Some(quote!({
                    static #cell: ::std::sync::OnceLock<::core::option::Option<#rt::rules::Regex>> = ::std::sync::OnceLock::new();
                    #val.and_then(|x| #rt::rules::pattern(x, #rt::rules::regex(&#cell, #rust), #p))
                }));
            }
            Check::Format(f) => return wrap(text(), quote!(#rt::rules::format(x, #f))),
            Check::JsonString => return text().map(|val| quote!(#val.and_then(#rt::rules::json_string))),
            Check::MaxBytes(n) => quote!(#rt::rules::max_bytes(#v, #n)),
            Check::MinItems(n) => return wrap(len(), quote!(#rt::rules::min_items(x, #n))),
            Check::MaxItems(n) => return wrap(len(), quote!(#rt::rules::max_items(x, #n))),
            Check::UniqueItems => match shape {
                // Values of these types are equal exactly when their JSON is.
                Shape::Vec(item)
                    if matches!(
                        shape_of(&|n| self.module.typedef(n), item),
                        Shape::Str | Shape::Int(_) | Shape::Float | Shape::Bool | Shape::Enum { .. }
                    ) =>
                {
                    quote!(#rt::rules::unique(#v))
                }
                Shape::Vec(_) => quote!(#rt::rules::unique_json(#v)),
                Shape::Any => quote!(#v.as_array().and_then(|a| #rt::rules::unique_json(a))),
                _ => return None,
            },
            Check::Contains { item, cond, min, max } => {
                let x = format_ident!("v{}", depth + 1);
                let test = self.test_checks(cond, &x, item, depth + 1);
                let max = match max {
                    Some(m) => quote!(::core::option::Option::Some(#m)),
                    None => quote!(::core::option::Option::None),
                };
                let items = match shape {
                    Shape::Vec(_) => quote!(#v.iter()),
                    _ => return None,
                };
                let filter = if mentions(&test, &x) { quote!(|#x| { let #x = *#x; #test }) } else { quote!(|_| #test) };
                quote!(#rt::rules::contains(#items.filter(#filter).count(), #min, #max))
            }
            Check::TypeIs(types) => {
                let text = types.join(" or ");
                quote!(#rt::rules::json_type(#v, &[#(#types),*], #text))
            }
            _ => return None,
        })
    }

    /// The rule reported when a yes/no check fails.
    fn rule_value(&self, c: &Check) -> TokenStream {
        let rt = &self.p.rt;
        match c {
            Check::Const(value) => {
                let text = value.to_string();
                quote!(#rt::Rule::Const { expected: #text })
            }
            Check::Enum(values) => {
                let texts: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                quote!(#rt::Rule::Enum { allowed: &[#(#texts),*] })
            }
            _ => quote!(#rt::Rule::Never),
        }
    }

    /// A `bool` expression: whether `v` passes every check (an atom, or `a && b && ...`).
    fn test_checks(&self, checks: &Checks, v: &Ident, ty: &Ty, depth: usize) -> TokenStream {
        let parts: Vec<TokenStream> =
            checks.iter().map(|c| self.test_check(c, v, ty, depth)).filter(|t| t.to_string() != "true").collect();
        match parts.as_slice() {
            [] => quote!(true),
            [one] => one.clone(),
            _ => quote!(#(#parts)&&*),
        }
    }

    /// `test_checks` as an atom, so it can stand beside `||`, `!` or a method call.
    fn test_atom(&self, checks: &Checks, v: &Ident, ty: &Ty, depth: usize) -> TokenStream {
        let t = self.test_checks(checks, v, ty, depth);
        let nontrivial: Vec<_> = checks.iter().filter(|c| !matches!(c, Check::Static(true))).collect();
        if nontrivial.len() > 1 {
            quote!((#t))
        } else {
            t
        }
    }

    fn test_check(&self, c: &Check, v: &Ident, ty: &Ty, depth: usize) -> TokenStream {
        let rt = &self.p.rt;
        let shape = shape_of(&|n| self.module.typedef(n), ty);
        match c {
            Check::Nested => quote!(#rt::rules::passes(#v)),
            Check::Depth { .. } => quote!(true),
            Check::Flat { field } => {
                let f = ident(field);
                quote!(#rt::rules::passes(&#v.#f))
            }
            Check::Prop { wire, access, ty: pty, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.test_checks(checks, &x, pty, depth + 1);
                self.with_prop(v, &shape, wire, access, &x, inner, quote!(true))
            }
            Check::Items { item, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.test_checks(checks, &x, item, depth + 1);
                let p = used(&x, &inner);
                quote!(#v.iter().all(|#p| #inner))
            }
            Check::Prefix { index, item, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.test_checks(checks, &x, item, depth + 1);
                match shape {
                    Shape::Tuple(_) => {
                        let i = syn::Index::from(*index);
                        let p = used(&x, &inner);
                        quote!({ let #p = &#v.#i; #inner })
                    }
                    _ => {
                        let p = used(&x, &inner);
                        quote!(#v.get(#index).is_none_or(|#p| #inner))
                    }
                }
            }
            Check::Values { item, checks } => {
                let x = format_ident!("v{}", depth + 1);
                let inner = self.test_checks(checks, &x, item, depth + 1);
                let p = used(&x, &inner);
                let map = match shape {
                    Shape::Struct(_) => quote!(#v.extra),
                    _ => quote!(#v),
                };
                quote!(#map.values().all(|#p| #inner))
            }
            Check::Sequence { access, wire, start, .. } => {
                let x = format_ident!("v{}", depth + 1);
                let n = self.int_of(&x, access);
                let p = used(&x, &n);
                quote!(#v.iter().enumerate().all(|(i, #p)| #n.is_none_or(|n| #rt::rules::sequence(i, #start, n, #wire).is_none())))
            }
            Check::If { cond, then, else_, .. } => {
                let c = self.test_checks(cond, v, ty, depth);
                let t = self.test_checks(then, v, ty, depth);
                let e = self.test_checks(else_, v, ty, depth);
                quote!({ if #c { #t } else { #e } })
            }
            Check::Not(inner) => {
                let t = self.test_atom(inner, v, ty, depth);
                quote!(!#t)
            }
            Check::AnyOf(branches) => {
                let tests = branches.iter().map(|b| self.test_atom(b, v, ty, depth));
                quote!((#(#tests)||*))
            }
            Check::OneOf(branches) => {
                let tests = branches.iter().map(|b| self.test_checks(b, v, ty, depth));
                quote!(::core::cmp::PartialEq::eq(&[#(#tests),*].iter().filter(|b| **b).count(), &1))
            }
            Check::Required { wire, access } => self.presence(v, &shape, wire, access).yes(),
            Check::Forbidden { wire, access } => self.presence(v, &shape, wire, access).no(),
            Check::NoExtra => quote!(#v.extra.is_empty()),
            Check::Static(b) => quote!(#b),
            Check::Schema { pointer } => {
                let doc = format_ident!("{}", DOCUMENT);
                let value = self.as_json(v, &shape);
                quote!({
                    static SITE: #rt::by_schema::Site = #rt::by_schema::Site::new();
                    #rt::by_schema::test(&#doc, &SITE, #pointer, #value)
                })
            }
            // A warning never makes a value fail.
            Check::Warn(_) => quote!(true),
            Check::Const(value) => self.equals(v, &shape, value),
            Check::Enum(values) if values.is_empty() => quote!(false),
            Check::Enum(values) => {
                let tests = values.iter().map(|value| self.equals(v, &shape, value));
                quote!((#(#tests)||*))
            }
            _ => match self.rule_expr(c, v, &shape, depth) {
                Some(rule) => quote!(#rule.is_none()),
                None => quote!(true),
            },
        }
    }

    /// Whether `v` equals the JSON `value` (an atom).
    fn equals(&self, v: &Ident, shape: &Shape, value: &serde_json::Value) -> TokenStream {
        let rt = &self.p.rt;
        use serde_json::Value as J;
        let eq = |a: TokenStream, b: TokenStream| quote!(::core::cmp::PartialEq::eq(#a, #b));
        match (shape, value) {
            (Shape::Str, J::String(s)) => eq(quote!(::core::convert::AsRef::<str>::as_ref(#v)), quote!(#s)),
            (Shape::Enum { int: false }, J::String(s)) => eq(quote!(#v.value()), quote!(#s)),
            (Shape::Int(_), J::Number(n)) => match n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from)) {
                Some(i) => eq(quote!(&i128::from(*#v)), quote!(&#i)),
                None => quote!(false),
            },
            (Shape::Enum { int: true }, J::Number(n)) => match n.as_i64() {
                Some(i) => eq(quote!(&#v.value()), quote!(&#i)),
                None => quote!(false),
            },
            (Shape::Float, J::Number(n)) => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                eq(quote!(#v), quote!(&#f))
            }
            (Shape::Bool, J::Bool(b)) => eq(quote!(#v), quote!(&#b)),
            (Shape::Str | Shape::Enum { .. } | Shape::Int(_) | Shape::Float | Shape::Bool, _) => quote!(false),
            _ => {
                let text = value.to_string();
                quote!(#rt::rules::json_eq(#v, #text))
            }
        }
    }

    /// Whether the key is present in `v`.
    fn presence(&self, v: &Ident, shape: &Shape, wire: &str, access: &Access) -> Presence {
        match access {
            Access::Field { required: true, .. } | Access::Tag { .. } | Access::Elsewhere => Presence::Always,
            Access::Field { rust, .. } => {
                let f = ident(rust);
                Presence::Maybe { yes: quote!(#v.#f.is_some()), no: quote!(#v.#f.is_none()) }
            }
            Access::Extra => {
                let yes = match shape {
                    Shape::Struct(_) => quote!(#v.extra.contains_key(#wire)),
                    Shape::Any => quote!(#v.as_object().is_none_or(|o| o.contains_key(#wire))),
                    _ => quote!(#v.contains_key(#wire)),
                };
                Presence::Maybe { no: quote!(!#yes), yes }
            }
            Access::Absent => Presence::Never,
        }
    }

    /// Runs `body` with `x` bound to the property (when present), else yields `absent`.
    #[allow(clippy::too_many_arguments)]
    fn with_prop(
        &self,
        v: &Ident,
        shape: &Shape,
        wire: &str,
        access: &Access,
        x: &Ident,
        body: TokenStream,
        absent: TokenStream,
    ) -> TokenStream {
        let is_test = !absent.is_empty();
        // A rule decided when generating does not read the property.
        let x = &if mentions(&body, x) { x.clone() } else { format_ident!("_") };
        let unused = *x == "_";
        let wrap = |pattern: TokenStream, value: TokenStream, fix: TokenStream| {
            if is_test {
                quote!(match #value { ::core::option::Option::Some(#pattern) => { #fix #body } _ => #absent })
            } else {
                quote!(if let ::core::option::Option::Some(#pattern) = #value { #fix #body })
            }
        };
        match access {
            Access::Field { rust, required, nullable, boxed, secret } => {
                let f = ident(rust);
                let mut fix = quote!();
                if unused {
                } else if *boxed {
                    fix.extend(quote!(let #x = &**#x;));
                }
                if *secret && !unused {
                    fix.extend(quote!(let #x = #x.expose();));
                }
                match (required, nullable) {
                    (true, false) => quote!({ let #x = &#v.#f; #fix #body }),
                    (true, true) | (false, false) => wrap(quote!(#x), quote!(&#v.#f), fix),
                    (false, true) => wrap(quote!(::core::option::Option::Some(#x)), quote!(&#v.#f), fix),
                }
            }
            Access::Tag { field } => {
                let target = match field {
                    Some(f) => {
                        let f = ident(f);
                        quote!(#v.#f)
                    }
                    None => quote!(#v),
                };
                quote!({ let #x = &#target.tag(); #body })
            }
            Access::Extra => {
                let get = match shape {
                    Shape::Struct(_) => quote!(#v.extra.get(#wire)),
                    _ => quote!(#v.get(#wire)),
                };
                wrap(quote!(#x), get, quote!())
            }
            Access::Absent | Access::Elsewhere => {
                if is_test {
                    absent
                } else {
                    quote!()
                }
            }
        }
    }

    /// `Option<i64>` of an integer property of the struct `x` (saturated, so a huge value is
    /// reported as such rather than wrapped).
    fn int_of(&self, x: &Ident, access: &Access) -> TokenStream {
        let rt = &self.p.rt;
        match access {
            Access::Field { rust, required: true, nullable: false, .. } => {
                let f = ident(rust);
                quote!(::core::option::Option::Some(#rt::rules::saturate(i128::from(#x.#f))))
            }
            Access::Field { rust, required: false, nullable: false, .. } => {
                let f = ident(rust);
                quote!(#x.#f.map(|n| #rt::rules::saturate(i128::from(n))))
            }
            _ => quote!(::core::option::Option::<i64>::None),
        }
    }
}

/// Whether an object has a key: known when generating, or a test on the value.
enum Presence {
    Always,
    Never,
    Maybe { yes: TokenStream, no: TokenStream },
}

impl Presence {
    fn yes(&self) -> TokenStream {
        match self {
            Presence::Always => quote!(true),
            Presence::Never => quote!(false),
            Presence::Maybe { yes, .. } => yes.clone(),
        }
    }
    fn no(&self) -> TokenStream {
        match self {
            Presence::Always => quote!(false),
            Presence::Never => quote!(true),
            Presence::Maybe { no, .. } => no.clone(),
        }
    }
}

/// `e` when `val` is `::core::option::Option::Some(e)`.
fn infallible(val: &TokenStream) -> Option<TokenStream> {
    use proc_macro2::TokenTree;
    let tts: Vec<TokenTree> = val.clone().into_iter().collect();
    let path: String = tts.iter().take(tts.len().saturating_sub(1)).map(ToString::to_string).collect();
    match tts.last() {
        Some(TokenTree::Group(g))
            if path == "::core::option::Option::Some" && g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
        {
            Some(g.stream())
        }
        _ => None,
    }
}

/// `f` with each identifier `x` (the argument of a rule function call) replaced by `e`.
fn substitute_x(f: TokenStream, e: &TokenStream) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    f.into_iter()
        .flat_map(|tt| -> Vec<TokenTree> {
            match tt {
                TokenTree::Ident(i) if i == "x" => e.clone().into_iter().collect(),
                TokenTree::Group(g) => {
                    let mut ng = Group::new(g.delimiter(), substitute_x(g.stream(), e));
                    ng.set_span(g.span());
                    vec![TokenTree::Group(ng)]
                }
                other => vec![other],
            }
        })
        .collect()
}
