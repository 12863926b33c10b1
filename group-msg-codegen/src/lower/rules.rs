//! Compiles the rules of a schema into [`Check`]s on the typed value the schema became.
//!
//! What the Rust type already guarantees (a required key, an enum's values, an unsigned integer's
//! minimum, unknown keys of a strict object) is not checked again; everything else is, including
//! `if`/`then`/`else`, `not`, `anyOf`, `oneOf`, `contains` and our `x-` rules. A condition
//! (`if`, `not`, ...) is the same list of checks, evaluated as a test.

use super::{Lowerer, Source};
use crate::ir::*;
use crate::read::schema::Format;
use crate::read::{JsonType, Schema};

impl<'a> Lowerer<'a> {
    /// Fills `checks` of every type and every single-key union variant.
    pub(super) fn compile_rules(&mut self) {
        let names: Vec<String> = self.types.iter().map(|t| t.name.clone()).collect();
        for name in names {
            let Some(source) = self.sources.get(&name).cloned() else { continue };
            let ty = Ty::Named(name.clone());
            let (checks, variant_checks) = match source {
                Source::Schema(s) => {
                    if let Some(TypeDef { kind: Kind::Alias(inner), newtype: true, .. }) = self.typedef(&name) {
                        // A root newtype: the rules of its schema on the value it wraps (a `$ref`
                        // root checks the referenced type).
                        let inner = inner.clone();
                        let checks = self.compile(s, &inner);
                        if let Some(t) = self.index.get(&name).and_then(|i| self.types.get_mut(*i)) {
                            t.checks = checks;
                        }
                        continue;
                    }
                    let mut checks = self.keywords(s, &ty, true);
                    if let Some(Kind::Struct(Struct { union: Some(u), .. })) = self.kind_of(&name) {
                        checks.push(Check::Flat { field: u.rust.clone() });
                    }
                    (checks, None)
                }
                Source::Variant { variant, parent, own } => {
                    // The tag and the common fields belong to the parent.
                    self.elsewhere =
                        variant.properties.iter().map(|(k, _)| k.clone()).filter(|k| !own.contains(k)).collect();
                    self.elsewhere
                        .extend(parent.properties.iter().map(|(k, _)| k.clone()).filter(|k| !own.contains(k)));
                    let mut checks = self.keywords_object_only(variant, &ty);
                    self.elsewhere.clear();
                    // The parent's loose declarations of this variant's keys apply too.
                    for key in &own {
                        if let Some((_, ps)) = parent.properties.iter().find(|(k, _)| k == key) {
                            let extra = self.prop_checks(key, ps, &ty);
                            for c in extra {
                                if !checks.contains(&c) {
                                    checks.push(c);
                                }
                            }
                        }
                    }
                    (checks, None)
                }
                Source::Union { parent, variants } => {
                    let mut per_variant = Vec::new();
                    let Some(Kind::Union(u)) = self.kind_of(&name).cloned() else { continue };
                    for (v, vs) in u.variants.iter().zip(variants) {
                        let mut checks = Vec::new();
                        if let Payload::Single { key, ty: pty, .. } = &v.payload {
                            for schema in [
                                vs.properties.iter().find(|(k, _)| k == key),
                                parent.properties.iter().find(|(k, _)| k == key),
                            ]
                            .into_iter()
                            .flatten()
                            .map(|(_, s)| s)
                            {
                                for c in self.compile(schema, pty) {
                                    if !checks.contains(&c) {
                                        checks.push(c);
                                    }
                                }
                            }
                        }
                        per_variant.push(checks);
                    }
                    // The parent's own rules (beside `oneOf`) on the union value.
                    let checks = if self.sources_is_pure_union(&name, parent) {
                        self.keywords(parent, &ty, true)
                    } else {
                        Vec::new()
                    };
                    (checks, Some(per_variant))
                }
                Source::Params(params) => {
                    let mut checks = Vec::new();
                    for (wire, s) in params {
                        checks.extend(self.prop_checks(&wire, s, &ty));
                    }
                    (checks, None)
                }
            };
            if let Some(t) = self.index.get(&name).and_then(|i| self.types.get_mut(*i)) {
                t.checks = checks;
                if let (Kind::Union(u), Some(vc)) = (&mut t.kind, variant_checks) {
                    for (v, c) in u.variants.iter_mut().zip(vc) {
                        v.checks = c;
                    }
                }
            }
        }
    }

    /// Drops the checks that can never report anything: a `Nested` on a type with no rules (an
    /// enum, a struct of plain fields), and the loops and property visits left empty by that.
    /// Repeats until nothing changes, since emptying one type can empty the types around it.
    pub(super) fn depth_rules(&mut self) {
        let recursive = crate::ir::recursive_types(&self.types);
        for t in &mut self.types {
            let untyped = matches!(t.kind, Kind::Struct(_) | Kind::Union(_)) && crate::ir::type_refs(t).1;
            if untyped || (recursive.contains(&t.name) && matches!(t.kind, Kind::Struct(_) | Kind::Union(_))) {
                t.checks.insert(0, Check::Depth { untyped });
            }
        }
    }

    pub(super) fn prune_rules(&mut self) {
        loop {
            let lookup = |n: &str| self.typedef(n);
            let empty: std::collections::BTreeSet<String> =
                self.types.iter().filter(|t| !has_rules(&lookup, t)).map(|t| t.name.clone()).collect();
            let mut changed = false;
            for t in &mut self.types {
                if let Kind::Struct(Struct { union: Some(u), .. }) = &t.kind {
                    if empty.contains(&u.ty) && t.checks.contains(&Check::Flat { field: u.rust.clone() }) {
                        t.checks.retain(|c| !matches!(c, Check::Flat { .. }));
                        changed = true;
                    }
                }
                changed |= prune(&mut t.checks, &Ty::Named(t.name.clone()), &empty);
                if let Kind::Union(u) = &mut t.kind {
                    for v in &mut u.variants {
                        if let Payload::Single { ty, .. } = &v.payload {
                            let ty = ty.clone();
                            changed |= prune(&mut v.checks, &ty, &empty);
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn sources_is_pure_union(&self, name: &str, parent: &Schema) -> bool {
        // A union with common fields keeps the parent's rules on the parent struct.
        self.defined_at.get(&parent.pointer).is_some_and(|n| n == name)
    }

    fn kind_of(&self, name: &str) -> Option<&Kind> {
        self.typedef(name).map(|t| &t.kind)
    }

    fn shape(&self, ty: &Ty) -> Shape {
        shape_of(&|n| self.typedef(n), ty)
    }

    /// The checks of `s` on a value of type `ty` (a use site: a named type checks itself).
    pub(super) fn compile(&mut self, s: &'a Schema, ty: &Ty) -> Checks {
        if let Ty::Named(n) = ty {
            if let Some(Kind::Alias(inner)) = self.kind_of(n) {
                // An alias has no impls of its own: its rules apply to the aliased type here.
                let inner = inner.clone();
                if let Some((_, ts)) = self.resolve_quiet(s).filter(|(r, _)| r == n) {
                    let mut out = self.compile(ts, &inner);
                    out.extend(self.keywords_beside_ref(s, &inner));
                    return out;
                }
                return self.keywords(s, &inner, false);
            }
            let defines = self.defined_at.get(&s.pointer).is_some_and(|d| d == n);
            let refers = s.reference.is_some() && self.resolve_quiet(s).is_some_and(|(r, _)| r == *n);
            if defines || refers {
                let mut out = vec![Check::Nested];
                if refers {
                    // Rules written beside the `$ref` apply as well.
                    out.extend(self.keywords_beside_ref(s, ty));
                }
                return out;
            }
        }
        self.keywords(s, ty, false)
    }

    /// The checks of every keyword of `s` on a value of type `ty`. `own` is true when `s` is the
    /// schema that made `ty` (its structure is already in the type).
    fn keywords(&mut self, s: &'a Schema, ty: &Ty, own: bool) -> Checks {
        self.keywords_with(s, ty, own, true)
    }

    /// [`Self::keywords`], following a `$ref` in `s` only when `follow_ref`.
    fn keywords_with(&mut self, s: &'a Schema, ty: &Ty, own: bool, follow_ref: bool) -> Checks {
        if self.untyped.contains(&s.pointer) {
            return vec![Check::Schema { pointer: s.pointer.clone() }];
        }
        let mut out = Vec::new();
        match s.boolean {
            Some(true) => return out,
            Some(false) => return vec![Check::Static(false)],
            None => {}
        }
        if s.reference.is_some() && !own && follow_ref {
            if let Some((target, ts)) = self.resolve_quiet(s) {
                if *ty != Ty::Named(target) {
                    out.extend(self.compile(ts, ty));
                }
            }
        }
        let shape = self.shape(ty);
        // type
        if let Some(types) = &s.types {
            match shape {
                Shape::Any => out.push(Check::TypeIs(types.iter().map(|t| type_text(*t)).collect())),
                // A float is an integer when it has no fraction (`2.0`).
                Shape::Float if types.contains(&JsonType::Integer) && !types.contains(&JsonType::Number) => {
                    out.push(Check::Num { op: NumOp::MultipleOf, limit: 1.0 })
                }
                _ if !types.iter().any(|t| shape_has_type(&shape, *t)) => out.push(Check::Static(false)),
                _ => {}
            }
        }
        self.numbers(s, &shape, &mut out);
        self.strings(s, &shape, &mut out);
        if let Some(n) = s.max_bytes {
            out.push(Check::MaxBytes(n));
        }
        self.arrays(s, &shape, &mut out);
        self.objects(s, ty, &shape, own, &mut out);
        // const and enum (an enum type already guarantees its own values)
        if let Some(c) = &s.constant {
            out.push(Check::Const(c.clone()));
        }
        if let Some(e) = &s.enumeration {
            let typed = own || matches!(shape, Shape::Enum { .. });
            if !typed || s.constant.is_some() {
                if e.len() == 1 {
                    out.push(Check::Const(e[0].clone()));
                } else if !typed {
                    out.push(Check::Enum(e.clone()));
                }
            }
        }
        // combinators
        for sub in &s.all_of {
            let c = self.compile(sub, ty);
            out.extend(c);
        }
        if let (Shape::Rows(_), [_, _]) = (&shape, s.any_of.as_slice()) {
            // The `anyOf` that made a `Rows`: its shape is in the type; the items check themselves.
            out.push(Check::Nested);
        } else if !s.any_of.is_empty() {
            let branches: Vec<Checks> = s.any_of.iter().map(|b| self.compile(b, ty)).collect();
            if branches.iter().all(|b| !b.is_empty()) {
                out.push(Check::AnyOf(branches));
            }
        }
        let structural_one_of = self.tagged_union(s)
            || (!s.one_of.is_empty()
                && s.one_of.iter().all(|b| b.constant.is_some())
                && matches!(shape, Shape::Enum { .. }));
        if !s.one_of.is_empty() && !structural_one_of {
            let branches: Vec<Checks> = s.one_of.iter().map(|b| self.compile(b, ty)).collect();
            out.push(Check::OneOf(branches));
        }
        if let Some(n) = &s.not {
            let c = self.compile(n, ty);
            out.push(Check::Not(c));
        }
        if let Some(cond) = &s.if_ {
            let because = describe(cond);
            let c = self.compile(cond, ty);
            let then = s.then.as_deref().map(|t| self.compile(t, ty)).unwrap_or_default();
            let else_ = s.else_.as_deref().map(|t| self.compile(t, ty)).unwrap_or_default();
            if !then.is_empty() || !else_.is_empty() {
                out.push(Check::If { cond: c, then, else_, because });
            }
        }
        if s.warning && !out.is_empty() {
            out = vec![Check::Warn(out)];
        }
        out
    }

    /// The keywords written beside a `$ref` (the `$ref` itself left out).
    fn keywords_beside_ref(&mut self, s: &'a Schema, ty: &Ty) -> Checks {
        self.keywords_with(s, ty, false, false)
    }

    /// Object-level keywords of a union variant (its own fields' rules and conditions).
    fn keywords_object_only(&mut self, s: &'a Schema, ty: &Ty) -> Checks {
        self.keywords(s, ty, true)
    }

    fn numbers(&self, s: &Schema, shape: &Shape, out: &mut Checks) {
        if matches!(shape, Shape::Float) && !out.contains(&Check::Finite) {
            out.push(Check::Finite);
        }
        let int = match shape {
            Shape::Int(i) => Some(*i),
            Shape::Float | Shape::Enum { int: true } | Shape::Any => None,
            _ => return,
        };
        let bound = |n: &Option<serde_json::Number>| n.as_ref().and_then(serde_json::Number::as_f64);
        let (lo, hi) = match int {
            Some(IntTy::U32) => (0.0, u32::MAX as f64),
            Some(IntTy::U64) => (0.0, u64::MAX as f64),
            Some(IntTy::I32) => (i32::MIN as f64, i32::MAX as f64),
            Some(IntTy::I64) => (i64::MIN as f64, i64::MAX as f64),
            None => (f64::NEG_INFINITY, f64::INFINITY),
        };
        if let Some(m) = bound(&s.minimum).filter(|m| *m > lo) {
            out.push(Check::Num { op: NumOp::Min, limit: m });
        }
        if let Some(m) = bound(&s.maximum).filter(|m| *m < hi) {
            out.push(Check::Num { op: NumOp::Max, limit: m });
        }
        if let Some(m) = bound(&s.exclusive_minimum).filter(|m| *m >= lo) {
            out.push(Check::Num { op: NumOp::ExclusiveMin, limit: m });
        }
        if let Some(m) = bound(&s.exclusive_maximum).filter(|m| *m <= hi) {
            out.push(Check::Num { op: NumOp::ExclusiveMax, limit: m });
        }
        if let Some(m) = bound(&s.multiple_of).filter(|m| !(int.is_some() && *m == 1.0)) {
            out.push(Check::Num { op: NumOp::MultipleOf, limit: m });
        }
    }

    fn strings(&self, s: &Schema, shape: &Shape, out: &mut Checks) {
        if !matches!(shape, Shape::Str | Shape::Enum { int: false } | Shape::Any) {
            return;
        }
        if let Some(n) = s.min_length.filter(|n| *n > 0) {
            out.push(Check::MinLength(n));
        }
        if let Some(n) = s.max_length {
            out.push(Check::MaxLength(n));
        }
        if let Some(p) = &s.pattern {
            out.push(Check::Pattern(p.clone()));
        }
        match s.format {
            Some(Format::Uri) => out.push(Check::Format("uri")),
            Some(Format::HttpsUri) => out.push(Check::Format("https-uri")),
            Some(Format::DateTime) => out.push(Check::Format("date-time")),
            Some(Format::Email) => out.push(Check::Format("email")),
            _ => {}
        }
        if s.json_string {
            out.push(Check::JsonString);
        }
    }

    fn arrays(&mut self, s: &'a Schema, shape: &Shape, out: &mut Checks) {
        let item = match shape {
            Shape::Vec(t) => t.clone(),
            Shape::Tuple(_) | Shape::Any => Ty::Any,
            _ => return,
        };
        if let Some(n) = s.min_items.filter(|n| *n > 0) {
            out.push(Check::MinItems(n));
        }
        if let Some(n) = s.max_items {
            out.push(Check::MaxItems(n));
        }
        if s.unique_items {
            out.push(Check::UniqueItems);
        }
        if let Some(prefix) = &s.prefix_items {
            for (index, p) in prefix.iter().enumerate() {
                let pty = match shape {
                    Shape::Tuple(ts) => ts.get(index).cloned().unwrap_or(Ty::Any),
                    _ => Ty::Any,
                };
                let checks = self.compile(p, &pty);
                if !checks.is_empty() {
                    out.push(Check::Prefix { index, item: pty, checks });
                }
            }
        }
        if let (Some(items), Shape::Vec(_)) = (&s.items, shape) {
            let checks = self.compile(items, &item);
            if !checks.is_empty() {
                out.push(Check::Items { item: item.clone(), checks });
            }
        }
        if let Some(c) = &s.contains {
            let cond = self.compile(c, &item);
            out.push(Check::Contains {
                item: item.clone(),
                cond,
                min: s.min_contains.unwrap_or(1),
                max: s.max_contains,
            });
        }
        if let Some(seq) = &s.sequence {
            let access = match self.shape(&item) {
                Shape::Struct(n) => self.access(&n, &seq.property),
                _ => Access::Absent,
            };
            if access == Access::Absent {
                self.cx.err(
                    &crate::diag::join(&s.pointer, "x-sequence"),
                    format!("the items have no property `{}` to number", seq.property),
                );
            }
            out.push(Check::Sequence { item, access, wire: seq.property.clone(), start: seq.start });
        }
    }

    fn objects(&mut self, s: &'a Schema, ty: &Ty, shape: &Shape, own: bool, out: &mut Checks) {
        let name = match shape {
            Shape::Struct(n) | Shape::Union(n) => Some(n.clone()),
            Shape::Map(_) | Shape::Any => None,
            _ => return,
        };
        for (wire, ps) in &s.properties {
            out.extend(self.prop_checks(wire, ps, ty));
        }
        for r in &s.required {
            let access = self.access_in(name.as_deref(), r);
            // The type already has a required field; only conditions need the check.
            let guaranteed = own && matches!(access, Access::Field { required: true, nullable: false, .. });
            if !guaranteed {
                out.push(Check::Required { wire: r.clone(), access });
            }
        }
        for (key, needs) in &s.dependent_required {
            let cond = vec![Check::Required { wire: key.clone(), access: self.access_in(name.as_deref(), key) }];
            let then = needs
                .iter()
                .map(|n| Check::Required { wire: n.clone(), access: self.access_in(name.as_deref(), n) })
                .collect();
            out.push(Check::If { cond, then, else_: Vec::new(), because: Some(format!("`{key}` is present")) });
        }
        if let Some(ap) = &s.additional_properties {
            match (shape, ap.boolean) {
                (Shape::Struct(n), Some(false)) => {
                    if matches!(self.kind_of(n), Some(Kind::Struct(Struct { extra: Extra::Keep(_), .. }))) {
                        out.push(Check::NoExtra);
                    }
                }
                (Shape::Struct(n), None) => {
                    // The keys no property names, kept in the struct's `extra` map.
                    if let Some(Kind::Struct(Struct { extra: Extra::Keep(item), .. })) = self.kind_of(n) {
                        let item = item.clone();
                        let checks = self.compile(ap, &item);
                        if !checks.is_empty() {
                            out.push(Check::Values { item, checks });
                        }
                    }
                }
                (Shape::Map(item), _) if ap.boolean.is_none() => {
                    let checks = self.compile(ap, item);
                    if !checks.is_empty() {
                        out.push(Check::Values { item: item.clone(), checks });
                    }
                }
                _ => {}
            }
        }
    }

    /// Checks of one property's schema, on the property of an object of type `ty`.
    fn prop_checks(&mut self, wire: &str, ps: &'a Schema, ty: &Ty) -> Checks {
        let name = match self.shape(ty) {
            Shape::Struct(n) | Shape::Union(n) => Some(n),
            _ => None,
        };
        let access = self.access_in(name.as_deref(), wire);
        let pty = match &access {
            Access::Field { .. } => self.field_ty(name.as_deref(), wire).unwrap_or(Ty::Any),
            Access::Tag { .. } => self.tag_ty(name.as_deref()),
            Access::Extra => match self.shape(ty) {
                Shape::Map(t) => t,
                _ => Ty::Any,
            },
            Access::Absent | Access::Elsewhere => return Vec::new(),
        };
        let checks = self.compile(ps, &pty);
        if checks.is_empty() {
            return Vec::new();
        }
        vec![Check::Prop { wire: wire.to_owned(), access, ty: pty, checks }]
    }

    fn access_in(&self, name: Option<&str>, wire: &str) -> Access {
        match name {
            Some(n) => self.access(n, wire),
            None => Access::Extra,
        }
    }

    /// How to reach the key `wire` of a value of the named type `name`.
    fn access(&self, name: &str, wire: &str) -> Access {
        match self.kind_of(name) {
            Some(Kind::Struct(st)) => {
                if let Some(f) = st.fields.iter().find(|f| f.wire == wire) {
                    return Access::Field {
                        rust: f.rust.clone(),
                        required: f.required,
                        nullable: f.nullable,
                        boxed: f.boxed,
                        secret: f.secret,
                    };
                }
                if let Some(u) = &st.union {
                    if let Some(Kind::Union(un)) = self.kind_of(&u.ty) {
                        if un.tag == wire {
                            return Access::Tag { field: Some(u.rust.clone()) };
                        }
                        if self.union_owns(un, wire) {
                            // The variants check their own keys.
                            return Access::Elsewhere;
                        }
                    }
                }
                if self.elsewhere.iter().any(|k| k == wire) {
                    return Access::Elsewhere;
                }
                match st.extra {
                    Extra::Keep(_) => Access::Extra,
                    Extra::Deny => Access::Absent,
                }
            }
            Some(Kind::Union(u)) if u.tag == wire => Access::Tag { field: None },
            Some(Kind::Union(u)) if self.union_owns(u, wire) => Access::Elsewhere,
            _ => Access::Absent,
        }
    }

    fn union_owns(&self, u: &Union, wire: &str) -> bool {
        u.variants.iter().any(|v| match &v.payload {
            Payload::Unit => false,
            Payload::Single { key, .. } => key == wire,
            Payload::Struct(n) => {
                matches!(self.kind_of(n), Some(Kind::Struct(s)) if s.fields.iter().any(|f| f.wire == wire))
            }
        })
    }

    fn field_ty(&self, name: Option<&str>, wire: &str) -> Option<Ty> {
        match self.kind_of(name?) {
            Some(Kind::Struct(st)) => st.fields.iter().find(|f| f.wire == wire).map(|f| f.ty.clone()),
            _ => None,
        }
    }

    fn tag_ty(&self, name: Option<&str>) -> Ty {
        let union = match name.and_then(|n| self.kind_of(n)) {
            Some(Kind::Union(u)) => Some(u),
            Some(Kind::Struct(Struct { union: Some(f), .. })) => match self.kind_of(&f.ty) {
                Some(Kind::Union(u)) => Some(u),
                _ => None,
            },
            _ => None,
        };
        match union.and_then(|u| u.variants.first()).map(|v| &v.tag) {
            Some(Lit::Int(_)) => Ty::Int(IntTy::I64),
            _ => Ty::String,
        }
    }
}

fn shape_has_type(shape: &Shape, t: JsonType) -> bool {
    matches!(
        (shape, t),
        (Shape::Any, _)
            | (Shape::Str | Shape::Enum { int: false }, JsonType::String)
            | (Shape::Int(_) | Shape::Enum { int: true }, JsonType::Integer | JsonType::Number)
            | (Shape::Float, JsonType::Number)
            | (Shape::Bool, JsonType::Boolean)
            | (Shape::Struct(_) | Shape::Union(_) | Shape::Map(_), JsonType::Object)
            | (Shape::Vec(_) | Shape::Tuple(_), JsonType::Array)
    )
}

fn type_text(t: JsonType) -> &'static str {
    match t {
        JsonType::String => "string",
        JsonType::Integer => "integer",
        JsonType::Number => "number",
        JsonType::Boolean => "boolean",
        JsonType::Object => "object",
        JsonType::Array => "array",
        JsonType::Null => "null",
    }
}

/// "`OnlineOnlyFlag` is 1" for an `if` that tests one property against a constant.
fn describe(cond: &Schema) -> Option<String> {
    let facts: Vec<String> = cond
        .properties
        .iter()
        .filter_map(|(k, p)| match (&p.constant, &p.minimum) {
            (Some(c), _) => Some(format!("`{k}` is {c}")),
            (None, Some(m)) => Some(format!("`{k}` is at least {m}")),
            _ => None,
        })
        .collect();
    match facts.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Whether validating a value of `t` can report anything.
fn has_rules<'t>(lookup: &dyn Fn(&str) -> Option<&'t TypeDef>, t: &TypeDef) -> bool {
    if !t.checks.is_empty() {
        return true;
    }
    match &t.kind {
        Kind::Union(u) => u.variants.iter().any(|v| match &v.payload {
            Payload::Single { .. } => !v.checks.is_empty(),
            Payload::Struct(n) => lookup(n).is_none_or(|x| has_rules(lookup, x)),
            Payload::Unit => false,
        }),
        _ => false,
    }
}

/// Removes checks that cannot fail from `checks` (on a value of `ty`); whether anything changed.
fn prune(checks: &mut Checks, ty: &Ty, empty: &std::collections::BTreeSet<String>) -> bool {
    let before = checks.len();
    let mut changed = false;
    checks.retain_mut(|c| match c {
        Check::Nested => match ty {
            Ty::Named(n) => !empty.contains(n),
            Ty::Rows(item) => !matches!(&**item, Ty::Named(n) if empty.contains(n)),
            _ => true,
        },
        Check::Warn(checks) => {
            changed |= prune(checks, ty, empty);
            !checks.is_empty()
        }
        Check::Prop { ty, checks, .. }
        | Check::Items { item: ty, checks }
        | Check::Values { item: ty, checks }
        | Check::Prefix { item: ty, checks, .. } => {
            changed |= prune(checks, ty, empty);
            !checks.is_empty()
        }
        _ => true,
    });
    changed || checks.len() != before
}
