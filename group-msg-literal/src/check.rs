//! Checks a JSON literal against the rules lowering compiled, at compile time. The same
//! [`Check`]s drive the generated `Validate` impls, so a literal that compiles passes them at run
//! time. Parts written as Rust expressions are unknown here; rules on them wait for run time.

use proc_macro2::Span;
use serde_json::Value;

use crate::build::Builder;
use crate::model::*;
use crate::parse::J;

/// A condition's outcome when parts of the value are not known until run time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum T {
    Yes,
    No,
    Unknown,
}

impl T {
    fn from(b: bool) -> T {
        if b {
            T::Yes
        } else {
            T::No
        }
    }
    fn and(self, o: T) -> T {
        match (self, o) {
            (T::No, _) | (_, T::No) => T::No,
            (T::Yes, T::Yes) => T::Yes,
            _ => T::Unknown,
        }
    }
    fn not(self) -> T {
        match self {
            T::Yes => T::No,
            T::No => T::Yes,
            T::Unknown => T::Unknown,
        }
    }
}

pub struct Checker<'b, 'm> {
    pub b: &'b Builder<'m>,
    /// (span, message) of every broken rule.
    pub errors: Vec<(Span, String)>,
    /// Some rule could not be decided at compile time.
    pub deferred: bool,
    /// (span, message) of every broken `x-severity: "warning"` rule: the literal compiles, and
    /// the macro shows them as compiler warnings.
    pub warnings: Vec<(Span, String)>,
    /// Inside an `x-severity: "warning"` schema.
    pub warning: bool,
}

use group_msg_rules::number_text as num;

use group_msg_rules::json_equal;

impl Checker<'_, '_> {
    /// Checks the rules of the named type `name` on `j`: what its `Validate` impl checks.
    pub fn named(&mut self, name: &str, j: &J, because: Option<&str>) {
        let Some(t) = self.b.typedef(name) else { return };
        self.validate(&t.checks, j, &Ty::Named(name.to_owned()), because);
        if let Kind::Union(u) = &t.kind {
            self.variant_rules(u, j, because);
        }
    }

    /// The payload rules of the variant `j` selects.
    fn variant_rules(&mut self, u: &Union, j: &J, because: Option<&str>) {
        let Some(v) = self.variant(u, j) else { return };
        match &v.payload {
            Payload::Single { key, ty, .. } => {
                if let Some(x) = j.get(key) {
                    self.validate(&v.checks, x, ty, because);
                }
            }
            Payload::Struct(n) => self.named(n, j, because),
            Payload::Unit => {}
        }
    }

    fn variant<'u>(&self, u: &'u Union, j: &J) -> Option<&'u Variant> {
        let tag = j.get(&u.tag)?;
        u.variants.iter().find(|v| match (&v.tag, tag) {
            (Lit::Str(s), J::Str(x, _)) => s == x,
            (Lit::Int(i), J::Num(x, _)) => x.parse::<i64>().ok() == Some(*i),
            _ => false,
        })
    }

    fn fail(&mut self, span: Span, msg: String, because: Option<&str>) {
        let msg = match because {
            Some(b) => format!("{msg} (because {b})"),
            None => msg,
        };
        if self.warning {
            self.warnings.push((span, msg));
        } else {
            self.errors.push((span, msg));
        }
    }

    fn validate(&mut self, checks: &Checks, j: &J, ty: &Ty, because: Option<&str>) {
        for c in checks {
            self.validate_one(c, j, ty, because);
        }
    }

    fn validate_one(&mut self, c: &Check, j: &J, ty: &Ty, because: Option<&str>) {
        if let J::Expr(..) = j {
            if !matches!(c, Check::Static(true)) {
                self.deferred = true;
            }
            return;
        }
        let span = j.span();
        match c {
            Check::Nested => match (ty, j) {
                // An alias has no rules of its own: the aliased type checks itself.
                (Ty::Named(n), _) => match self.b.typedef(n).map(|t| &t.kind) {
                    Some(Kind::Alias(inner)) => {
                        let inner = inner.clone();
                        if inner != *ty {
                            self.validate_one(c, j, &inner, because);
                        }
                    }
                    _ => self.named(n, j, because),
                },
                (Ty::Rows(item), J::Arr(items, _)) => {
                    for i in items {
                        match i {
                            J::Arr(row, _) => row.iter().for_each(|x| self.validate_one(c, x, item, because)),
                            x => self.validate_one(c, x, item, because),
                        }
                    }
                }
                _ => {}
            },
            Check::Flat { field } => {
                let union = match ty {
                    Ty::Named(n) => match self.b.typedef(n).map(|t| &t.kind) {
                        Some(Kind::Struct(Struct { union: Some(u), .. })) if u.rust == *field => Some(u.ty.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(u) = union {
                    self.named(&u, j, because);
                }
            }
            Check::Prop { wire, access, ty: pty, checks } => {
                if matches!(access, Access::Absent) {
                    return;
                }
                if let Some(x) = j.get(wire) {
                    if !matches!(x, J::Null(_)) {
                        self.validate(checks, x, pty, because);
                    }
                }
            }
            Check::Items { item, checks } => {
                if let J::Arr(items, _) = j {
                    for i in items {
                        self.validate(checks, i, item, because);
                    }
                }
            }
            Check::Prefix { index, item, checks } => {
                if let J::Arr(items, _) = j {
                    if let Some(i) = items.get(*index) {
                        self.validate(checks, i, item, because);
                    }
                }
            }
            Check::Values { item, checks } => {
                if let J::Obj(entries, _) = j {
                    for e in entries {
                        self.validate(checks, &e.value, item, because);
                    }
                }
            }
            Check::Sequence { wire, start, .. } => {
                if let J::Arr(items, _) = j {
                    for (i, item) in items.iter().enumerate() {
                        match item.get(wire) {
                            Some(J::Num(n, s)) => {
                                let expected = group_msg_rules::sequence_value(*start, i as u64);
                                if expected.is_none() || n.parse::<i64>().ok() != expected {
                                    let expected = expected.map_or_else(|| format!("{start} + {i}"), |e| e.to_string());
                                    self.fail(*s, format!("`{wire}` must be {expected} (item {i} of a sequence starting at {start}), found {n}"), because);
                                }
                            }
                            Some(J::Expr(..)) => self.deferred = true,
                            _ => {}
                        }
                    }
                }
            }
            Check::If { cond, then, else_, because: b } => match self.test(cond, j, ty) {
                T::Yes => self.validate(then, j, ty, b.as_deref().or(because)),
                T::No => self.validate(else_, j, ty, because),
                T::Unknown => self.deferred = true,
            },
            Check::Not(inner) => match self.test(inner, j, ty) {
                T::Yes => {
                    let msg = match inner.as_slice() {
                        [Check::Required { wire, .. }] if self.warning => format!("`{wire}` is ignored by the vendor"),
                        [Check::Required { wire, .. }] => format!("`{wire}` is not allowed"),
                        _ => "matches a schema it must not match".to_owned(),
                    };
                    let at = match inner.as_slice() {
                        [Check::Required { wire, .. }] => j.get_entry_span(wire).unwrap_or(span),
                        _ => span,
                    };
                    self.fail(at, msg, because);
                }
                T::No => {}
                T::Unknown => self.deferred = true,
            },
            Check::AnyOf(branches) => {
                let r = branches.iter().fold(T::No, |acc, b| match (acc, self.test(b, j, ty)) {
                    (T::Yes, _) | (_, T::Yes) => T::Yes,
                    (T::Unknown, _) | (_, T::Unknown) => T::Unknown,
                    _ => T::No,
                });
                match r {
                    T::No => self.fail(span, "matches none of the allowed schemas".into(), because),
                    T::Unknown => self.deferred = true,
                    T::Yes => {}
                }
            }
            Check::OneOf(branches) => {
                let rs: Vec<T> = branches.iter().map(|b| self.test(b, j, ty)).collect();
                if rs.contains(&T::Unknown) {
                    self.deferred = true;
                } else {
                    let n = rs.iter().filter(|r| **r == T::Yes).count();
                    if n != 1 {
                        self.fail(span, format!("must match exactly one schema, matches {n}"), because);
                    }
                }
            }
            Check::Required { wire, access } => {
                if !matches!(access, Access::Elsewhere | Access::Tag { .. }) && j.get(wire).is_none() {
                    self.fail(span, format!("`{wire}` is required"), because);
                }
            }
            Check::Forbidden { wire, .. } if self.warning => {
                let at = j.get_entry_span(wire).unwrap_or(span);
                if j.get(wire).is_some() {
                    self.fail(at, format!("`{wire}` is ignored by the vendor"), because);
                }
            }
            Check::Forbidden { wire, .. } => {
                if j.get(wire).is_some() {
                    let at = j.get_entry_span(wire).unwrap_or(span);
                    self.fail(at, format!("`{wire}` is not allowed"), because);
                }
            }
            Check::MaxBytes(m) => match self.as_written(j, ty) {
                // The count is of the JSON the typed value writes (a `number` holding 22 is `22.0`).
                Some(value) => {
                    let len = serde_json::to_string(&value).map(|t| t.len() as u64).unwrap_or(u64::MAX);
                    if len > *m {
                        self.fail(span, format!("must be at most {m} bytes of JSON, found {len}"), because);
                    }
                }
                None => self.deferred = true,
            },
            Check::NoExtra | Check::Static(true) => {}
            Check::Static(false) => self.fail(span, "no value is allowed here".into(), because),
            Check::Warn(inner) => {
                let outer = std::mem::replace(&mut self.warning, true);
                self.validate(inner, j, ty, because);
                self.warning = outer;
            }
            _ => match self.leaf(c, j) {
                Some(Ok(())) => {}
                Some(Err(msg)) => self.fail(span, msg, because),
                None => self.deferred = true,
            },
        }
    }

    /// The JSON the typed value of `j` (a `ty`) serializes to: as written, but for numbers in
    /// `number` fields, which Rust writes as floats. `None` when part of it is an expression.
    fn as_written(&self, j: &J, ty: &Ty) -> Option<Value> {
        let named = |n: &str| self.b.typedef(n).map(|t| &t.kind);
        Some(match (ty, j) {
            (_, J::Expr(..)) => return None,
            (Ty::F64, J::Num(n, _)) => {
                n.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
            }
            (Ty::Vec(item), J::Arr(items, _)) => {
                Value::Array(items.iter().map(|i| self.as_written(i, item)).collect::<Option<_>>()?)
            }
            (Ty::Rows(item), J::Arr(items, _)) => {
                let row = Ty::Vec(item.clone());
                Value::Array(
                    items
                        .iter()
                        .map(|i| self.as_written(i, if matches!(i, J::Arr(..)) { &row } else { item }))
                        .collect::<Option<_>>()?,
                )
            }
            (Ty::Tuple(tys), J::Arr(items, _)) => {
                Value::Array(tys.iter().zip(items).map(|(t, i)| self.as_written(i, t)).collect::<Option<_>>()?)
            }
            (Ty::Map(item), J::Obj(entries, _)) => Value::Object(
                entries
                    .iter()
                    .map(|e| Some((e.key.clone(), self.as_written(&e.value, item)?)))
                    .collect::<Option<_>>()?,
            ),
            (Ty::Named(n), J::Obj(entries, _)) => {
                // Each key's type: a field, a union's payload, or anything kept as it came.
                let key_ty = |key: &str| -> Ty {
                    match named(n) {
                        Some(Kind::Struct(s)) => {
                            s.fields.iter().find(|f| f.wire == key).map(|f| f.ty.clone()).or_else(|| {
                                let u = s.union.as_ref()?;
                                match named(&u.ty) {
                                    Some(Kind::Union(un)) => self.payload_ty(un, j, key),
                                    _ => None,
                                }
                            })
                        }
                        Some(Kind::Union(un)) => self.payload_ty(un, j, key),
                        _ => None,
                    }
                    .unwrap_or(Ty::Any)
                };
                Value::Object(
                    entries
                        .iter()
                        .map(|e| Some((e.key.clone(), self.as_written(&e.value, &key_ty(&e.key))?)))
                        .collect::<Option<_>>()?,
                )
            }
            (Ty::Named(n), _) => match named(n) {
                Some(Kind::Alias(inner)) => return self.as_written(j, &inner.clone()),
                _ => j.to_value()?,
            },
            _ => j.to_value()?,
        })
    }

    /// The type of `key` in the variant of `u` that `j` selects.
    fn payload_ty(&self, u: &Union, j: &J, key: &str) -> Option<Ty> {
        match &self.variant(u, j)?.payload {
            Payload::Single { key: k, ty, .. } if k == key => Some(ty.clone()),
            Payload::Struct(s) => match self.b.typedef(s).map(|t| &t.kind) {
                Some(Kind::Struct(st)) => st.fields.iter().find(|f| f.wire == key).map(|f| f.ty.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// A rule on the value itself: `Some(Err(message))` when broken, `None` when unknown.
    fn leaf(&self, c: &Check, j: &J) -> Option<Result<(), String>> {
        let value = j.to_value()?;
        let n = value.as_f64();
        let s = value.as_str();
        let arr = value.as_array();
        let broken = |b: bool, msg: String| if b { Err(msg) } else { Ok(()) };
        Some(match c {
            Check::Num { op, limit } => {
                let Some(x) = n else { return Some(Ok(())) };
                let l = num(*limit);
                match op {
                    NumOp::Min => broken(x < *limit, format!("must be at least {l}, found {}", num(x))),
                    NumOp::Max => broken(x > *limit, format!("must be at most {l}, found {}", num(x))),
                    NumOp::ExclusiveMin => broken(x <= *limit, format!("must be greater than {l}, found {}", num(x))),
                    NumOp::ExclusiveMax => broken(x >= *limit, format!("must be less than {l}, found {}", num(x))),
                    NumOp::MultipleOf => broken(
                        !match (value.as_i64(), value.as_u64()) {
                            (Some(i), _) => group_msg_rules::is_multiple_int(i.into(), *limit),
                            (_, Some(u)) => group_msg_rules::is_multiple_int(u.into(), *limit),
                            _ => group_msg_rules::is_multiple(x, *limit),
                        },
                        format!("must be a multiple of {l}, found {}", num(x)),
                    ),
                }
            }
            Check::MinLength(m) => {
                let Some(s) = s else { return Some(Ok(())) };
                let len = group_msg_rules::char_len(s);
                broken(len < *m, format!("must have at least {m} characters, found {len}"))
            }
            Check::MaxLength(m) => {
                let Some(s) = s else { return Some(Ok(())) };
                let len = group_msg_rules::char_len(s);
                broken(len > *m, format!("must have at most {m} characters, found {len}"))
            }
            Check::Pattern(p) => {
                let Some(s) = s else { return Some(Ok(())) };
                let ok = pattern(p).is_some_and(|re| re.is_match(s).unwrap_or(false));
                broken(!ok, format!("must match the pattern `{p}`"))
            }
            Check::Format(f) => {
                let Some(s) = s else { return Some(Ok(())) };
                broken(!group_msg_rules::format_ok(s, f), group_msg_rules::format_message(f))
            }
            Check::JsonString => {
                let Some(s) = s else { return Some(Ok(())) };
                match group_msg_rules::json_error(s) {
                    Some(e) => Err(format!("must be a JSON string: {e}")),
                    None => Ok(()),
                }
            }
            Check::MaxBytes(m) => {
                let len = serde_json::to_string(&value).map(|t| t.len() as u64).unwrap_or(u64::MAX);
                broken(len > *m, format!("must be at most {m} bytes of JSON, found {len}"))
            }
            Check::MinItems(m) => {
                let Some(a) = arr else { return Some(Ok(())) };
                broken((a.len() as u64) < *m, format!("must have at least {m} items, found {}", a.len()))
            }
            Check::MaxItems(m) => {
                let Some(a) = arr else { return Some(Ok(())) };
                broken((a.len() as u64) > *m, format!("must have at most {m} items, found {}", a.len()))
            }
            Check::UniqueItems => {
                let Some(a) = arr else { return Some(Ok(())) };
                match group_msg_rules::first_duplicate(a) {
                    Some((p, i)) => Err(format!("items must be unique, item {i} repeats item {p}")),
                    None => Ok(()),
                }
            }
            Check::Contains { item, cond, min, max } => {
                let J::Arr(items, _) = j else { return Some(Ok(())) };
                let mut count = 0u64;
                for i in items {
                    match self.test(cond, i, item) {
                        T::Yes => count += 1,
                        T::No => {}
                        T::Unknown => return None,
                    }
                }
                // Named as the run-time report names them: "at most 1 element with `MsgType`
                // `TIMCustomElem`, found 2".
                let what = |n: u64| {
                    let plural = if n == 1 { "" } else { "s" };
                    match cond.as_slice() {
                        [Check::Prop { wire, checks, .. }] => match checks.as_slice() {
                            [Check::Const(Value::String(t))] => format!("{n} element{plural} with `{wire}` `{t}`"),
                            _ => format!("{n} matching item{plural}"),
                        },
                        _ => format!("{n} matching item{plural}"),
                    }
                };
                if count < *min {
                    Err(format!("must have at least {}, found {count}", what(*min)))
                } else if let Some(m) = max.filter(|m| count > *m) {
                    Err(format!("must have at most {}, found {count}", what(m)))
                } else {
                    Ok(())
                }
            }
            Check::Const(c) => broken(!json_equal(&value, c), format!("must be {c}")),
            Check::Enum(list) => {
                let texts: Vec<String> = list.iter().map(Value::to_string).collect();
                broken(!list.iter().any(|c| json_equal(&value, c)), format!("must be one of {}", texts.join(", ")))
            }
            Check::TypeIs(types) => {
                let ok = types.iter().any(|t| match t.as_str() {
                    "string" => value.is_string(),
                    "integer" => value.as_f64().is_some_and(|f| f.fract() == 0.0),
                    "number" => value.is_number(),
                    "boolean" => value.is_boolean(),
                    "object" => value.is_object(),
                    "array" => value.is_array(),
                    "null" => value.is_null(),
                    _ => false,
                });
                broken(!ok, format!("must be {}", types.join(" or ")))
            }
            _ => Ok(()),
        })
    }

    /// Whether `j` passes every check (a condition).
    fn test(&self, checks: &Checks, j: &J, ty: &Ty) -> T {
        let mut r = T::Yes;
        for c in checks {
            r = r.and(self.test_one(c, j, ty));
            if r == T::No {
                break;
            }
        }
        r
    }

    fn test_one(&self, c: &Check, j: &J, ty: &Ty) -> T {
        if let J::Expr(..) = j {
            return T::Unknown;
        }
        match c {
            Check::Nested | Check::Flat { .. } => {
                // A condition that needs a whole type's rules: decided by a scratch checker.
                let mut scratch =
                    Checker { b: self.b, errors: Vec::new(), deferred: false, warnings: Vec::new(), warning: false };
                scratch.validate_one(c, j, ty, None);
                if !scratch.errors.is_empty() {
                    T::No
                } else if scratch.deferred {
                    T::Unknown
                } else {
                    T::Yes
                }
            }
            Check::Prop { wire, access, ty: pty, checks } => match (access, j.get(wire)) {
                (Access::Absent, _) | (_, None) => T::Yes,
                (_, Some(J::Null(_))) => T::Yes,
                (_, Some(x)) => self.test(checks, x, pty),
            },
            Check::Items { item, checks } => match j {
                J::Arr(items, _) => items.iter().fold(T::Yes, |acc, i| acc.and(self.test(checks, i, item))),
                _ => T::Yes,
            },
            Check::Prefix { index, item, checks } => match j {
                J::Arr(items, _) => items.get(*index).map_or(T::Yes, |i| self.test(checks, i, item)),
                _ => T::Yes,
            },
            Check::Values { item, checks } => match j {
                J::Obj(entries, _) => entries.iter().fold(T::Yes, |acc, e| acc.and(self.test(checks, &e.value, item))),
                _ => T::Yes,
            },
            Check::If { cond, then, else_, .. } => match self.test(cond, j, ty) {
                T::Yes => self.test(then, j, ty),
                T::No => self.test(else_, j, ty),
                T::Unknown => T::Unknown,
            },
            Check::Not(inner) => self.test(inner, j, ty).not(),
            Check::AnyOf(branches) => branches.iter().fold(T::No, |acc, b| match (acc, self.test(b, j, ty)) {
                (T::Yes, _) | (_, T::Yes) => T::Yes,
                (T::Unknown, _) | (_, T::Unknown) => T::Unknown,
                _ => T::No,
            }),
            Check::OneOf(branches) => {
                let rs: Vec<T> = branches.iter().map(|b| self.test(b, j, ty)).collect();
                if rs.contains(&T::Unknown) {
                    T::Unknown
                } else {
                    T::from(rs.iter().filter(|r| **r == T::Yes).count() == 1)
                }
            }
            Check::Required { wire, access } => {
                T::from(matches!(access, Access::Elsewhere | Access::Tag { .. }) || j.get(wire).is_some())
            }
            Check::Forbidden { wire, .. } => T::from(j.get(wire).is_none()),
            Check::NoExtra => T::Yes,
            Check::Static(b) => T::from(*b),
            Check::Warn(_) => T::Yes,
            Check::Sequence { wire, start, .. } => match j {
                J::Arr(items, _) => items.iter().enumerate().fold(T::Yes, |acc, (i, item)| {
                    acc.and(match item.get(wire) {
                        Some(J::Num(n, _)) => {
                            let expected = group_msg_rules::sequence_value(*start, i as u64);
                            T::from(expected.is_some() && n.parse::<i64>().ok() == expected)
                        }
                        Some(J::Expr(..)) => T::Unknown,
                        _ => T::Yes,
                    })
                }),
                _ => T::Yes,
            },
            _ => match self.leaf(c, j) {
                Some(Ok(())) => T::Yes,
                Some(Err(_)) => T::No,
                None => T::Unknown,
            },
        }
    }
}

/// The compiled regex of a `pattern`, compiled once per compilation (a crate's literals check
/// the same few patterns again and again); `None` when it does not compile.
fn pattern(p: &str) -> Option<group_msg_rules::Pattern> {
    use std::collections::BTreeMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<BTreeMap<String, Option<group_msg_rules::Pattern>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(re) = cache.lock().ok().and_then(|c| c.get(p).cloned()) {
        return re;
    }
    let re = group_msg_rules::Pattern::new(p).ok();
    if let Ok(mut c) = cache.lock() {
        c.insert(p.to_owned(), re.clone());
    }
    re
}
