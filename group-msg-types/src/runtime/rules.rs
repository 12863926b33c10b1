//! The checks behind generated `Validate` impls. Each returns the broken [`Rule`] or `None`.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::validate::MAX_VIOLATIONS;
use super::{Path, Rule, Severity, Validate, Violation};

pub use super::depth::too_deep;

/// A compiled `pattern`: Rust's `regex`, or for look-around and back-references a backtracking
/// engine with a step limit (`group_msg_rules::pattern`).
pub use group_msg_rules::Pattern as Regex;

/// Records a broken rule at the current path; past [`MAX_VIOLATIONS`], only counts it.
#[cold]
pub fn report(path: &Path, out: &mut Vec<Violation>, rule: Rule, because: Option<&'static str>) {
    record(out, Violation { pointer: path.pointer(), rule, because, severity: Severity::Error });
}

/// Appends `v`; past [`MAX_VIOLATIONS`], only counts it in one closing [`Rule::More`] entry.
pub(crate) fn record(out: &mut Vec<Violation>, v: Violation) {
    if out.len() < MAX_VIOLATIONS {
        out.push(v);
    } else if let Some(Violation { rule: Rule::More { count }, .. }) = out.last_mut() {
        *count += 1;
    } else {
        out.push(Violation {
            pointer: String::new(),
            rule: Rule::More { count: 1 },
            because: None,
            severity: Severity::Error,
        });
    }
}

/// Marks every violation recorded since `start` as a warning: the rules of an
/// `x-severity: "warning"` schema.
#[inline]
pub fn warn_from(out: &mut [Violation], start: usize) {
    for v in out.iter_mut().skip(start) {
        v.severity = Severity::Warning;
    }
}

/// A number that JSON can hold: not NaN, not infinite.
#[inline]
pub fn finite(x: f64) -> Option<Rule> {
    (!x.is_finite()).then_some(Rule::Finite)
}

/// Records a broken rule at `key` below the current path.
#[cold]
pub fn report_at(path: &mut Path, key: &str, out: &mut Vec<Violation>, rule: Rule) {
    path.push_owned(key);
    report(path, out, rule, None);
    path.pop();
}

#[inline]
pub fn minimum(x: f64, limit: f64) -> Option<Rule> {
    (x < limit).then_some(Rule::Minimum { limit, exclusive: false, actual: x })
}

#[inline]
pub fn maximum(x: f64, limit: f64) -> Option<Rule> {
    (x > limit).then_some(Rule::Maximum { limit, exclusive: false, actual: x })
}

#[inline]
pub fn exclusive_minimum(x: f64, limit: f64) -> Option<Rule> {
    (x <= limit).then_some(Rule::Minimum { limit, exclusive: true, actual: x })
}

#[inline]
pub fn exclusive_maximum(x: f64, limit: f64) -> Option<Rule> {
    (x >= limit).then_some(Rule::Maximum { limit, exclusive: true, actual: x })
}

#[inline]
pub fn multiple_of(x: f64, divisor: f64) -> Option<Rule> {
    (!group_msg_rules::is_multiple(x, divisor)).then_some(Rule::MultipleOf { divisor, actual: x })
}

/// `multipleOf` on an integer field: exact past 2^53, where `f64` would round.
#[inline]
pub fn multiple_of_int(x: impl Into<i128>, divisor: f64) -> Option<Rule> {
    let x = x.into();
    (!group_msg_rules::is_multiple_int(x, divisor)).then_some(Rule::MultipleOf { divisor, actual: x as f64 })
}

/// A JSON number as `f64`; `None` for other values (number rules do not apply to them).
#[inline]
pub fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Characters (Unicode scalar values), counted only when the byte length leaves doubt.
#[inline]
pub fn min_length(s: &str, limit: u64) -> Option<Rule> {
    if s.len() as u64 >= limit.saturating_mul(4) {
        return None;
    }
    let n = group_msg_rules::char_len(s);
    (n < limit).then_some(Rule::MinLength { limit, actual: n })
}

#[inline]
pub fn max_length(s: &str, limit: u64) -> Option<Rule> {
    if s.len() as u64 <= limit {
        return None;
    }
    let n = group_msg_rules::char_len(s);
    (n > limit).then_some(Rule::MaxLength { limit, actual: n })
}

/// A compiled `pattern`, built on first use.
pub fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &'static str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::from_rewritten(pattern).ok()).as_ref()
}

#[inline]
pub fn pattern(s: &str, re: Option<&Regex>, pattern: &'static str) -> Option<Rule> {
    // A pattern the generator accepted always compiles; if it ever did not, the value fails.
    match re.map(|re| re.is_match(s)) {
        Some(Ok(true)) => None,
        // A backtracking pattern that reached its step limit: refused, saying why.
        Some(Err(limit)) => Some(Rule::Schema { keyword: "pattern", message: format!("`{pattern}`: {limit}") }),
        _ => Some(Rule::Pattern { pattern }),
    }
}

/// `format`: `uri`, `https-uri`, `date-time`, `email`.
pub fn format(s: &str, format: &'static str) -> Option<Rule> {
    (!group_msg_rules::format_ok(s, format)).then_some(Rule::Format { format })
}

/// `x-json-string`.
pub fn json_string(s: &str) -> Option<Rule> {
    group_msg_rules::json_error(s).map(|error| Rule::JsonString { error })
}

/// `x-max-bytes`: the length of the compact JSON serialization, computed without writing it.
pub fn max_bytes<T: Serialize + ?Sized>(v: &T, limit: u64) -> Option<Rule> {
    // Serializing a generated type fails only past the depth limit, which `validate()` reports
    // as such (`Rule::Depth`): there is no length to report then.
    let n = super::json_len::json_len(v)?;
    (n > limit).then_some(Rule::MaxBytes { limit, actual: n })
}

#[inline]
pub fn min_items(len: usize, limit: u64) -> Option<Rule> {
    ((len as u64) < limit).then_some(Rule::MinItems { limit, actual: len as u64 })
}

#[inline]
pub fn max_items(len: usize, limit: u64) -> Option<Rule> {
    ((len as u64) > limit).then_some(Rule::MaxItems { limit, actual: len as u64 })
}

/// `uniqueItems`: the first item equal as JSON to an earlier one, and the earliest it repeats.
///
/// Linear: each item is serialized once and looked up in a hash map of canonical forms
/// ([`group_msg_rules::first_duplicate`]); items are never compared pairwise, so `PartialEq` (which
/// for `f64` or maps differs from JSON equality) plays no part.
pub fn unique<T: Serialize>(items: &[T]) -> Option<Rule> {
    // Serializing generated types cannot fail; if it ever did, nothing is reported.
    let values: Vec<Value> = items.iter().map(serde_json::to_value).collect::<Result<_, _>>().ok()?;
    group_msg_rules::first_duplicate(&values).map(|(first, duplicate)| Rule::UniqueItems { first, duplicate })
}

/// `uniqueItems` on items that hold JSON values: equal as JSON Schema means it (`1` equals
/// `1.0`, at any depth).
pub fn unique_json<T: Serialize>(items: &[T]) -> Option<Rule> {
    let values: Vec<Value> = items.iter().map(|i| serde_json::to_value(i).unwrap_or(Value::Null)).collect();
    for (i, a) in values.iter().enumerate() {
        if let Some(j) = values[..i].iter().position(|b| group_msg_rules::json_equal(a, b)) {
            return Some(Rule::UniqueItems { first: j, duplicate: i });
        }
    }
    None
}

/// `contains` with `minContains`/`maxContains`.
#[inline]
pub fn contains(count: usize, min: u64, max: Option<u64>) -> Option<Rule> {
    let n = count as u64;
    if n < min {
        return Some(Rule::MinContains { limit: min, actual: n });
    }
    match max {
        Some(m) if n > m => Some(Rule::MaxContains { limit: m, actual: n }),
        _ => None,
    }
}

/// `x-sequence`: item `index` has `property` = `start + index`.
///
/// Past `i64::MAX` no value can be right: the item is reported, its expected number saturated.
#[inline]
pub fn sequence(index: usize, start: i64, actual: i64, property: &'static str) -> Option<Rule> {
    match group_msg_rules::sequence_value(start, index as u64) {
        Some(expected) if expected == actual => None,
        Some(expected) => Some(Rule::Sequence { property, expected, actual }),
        None => Some(Rule::Sequence { property, expected: i64::MAX, actual }),
    }
}

/// An integer as `i64`, saturating (for `x-sequence` reports).
#[inline]
pub fn saturate(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX })
}

/// Whether a value follows every rule of its type (for conditions).
pub fn passes<T: Validate + ?Sized>(v: &T) -> bool {
    let mut out = Vec::new();
    v.validate_into(&mut Path::default(), &mut out);
    !out.iter().any(Violation::is_error)
}

/// `const`/`enum` on values without a simpler comparison: equal as JSON.
pub fn json_eq<T: Serialize + ?Sized>(v: &T, expected: &str) -> bool {
    match (serde_json::to_value(v), serde_json::from_str::<Value>(expected)) {
        (Ok(a), Ok(b)) => group_msg_rules::json_equal(&a, &b),
        _ => false,
    }
}

/// `type` on an untyped value.
pub fn json_type(v: &Value, expected: &'static [&'static str], text: &'static str) -> Option<Rule> {
    let ok = expected.iter().any(|t| match *t {
        "string" => v.is_string(),
        "integer" => v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        _ => false,
    });
    (!ok).then_some(Rule::Type { expected: text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters() {
        assert_eq!(max_length("群消息", 3), None);
        assert_eq!(max_length("群消息!", 3), Some(Rule::MaxLength { limit: 3, actual: 4 }));
        assert_eq!(min_length("群", 2), Some(Rule::MinLength { limit: 2, actual: 1 }));
    }

    #[test]
    fn formats_report_their_name() {
        assert_eq!(format("http://x", "https-uri"), Some(Rule::Format { format: "https-uri" }));
        // Without the `uri` feature nothing is a `uri` (generated code asks for the feature).
        assert_eq!(format("https://x", "https-uri").is_none(), cfg!(feature = "uri"));
        assert_eq!(format("2026-11-26T19:00:00Z", "date-time"), None);
    }

    #[test]
    fn the_list_is_cut_after_the_first_thousand() {
        let mut out = Vec::new();
        for _ in 0..MAX_VIOLATIONS + 5 {
            report(&Path::default(), &mut out, Rule::Never, None);
        }
        assert_eq!(out.len(), MAX_VIOLATIONS + 1);
        assert_eq!(out[MAX_VIOLATIONS].rule, Rule::More { count: 5 });
        let v = crate::runtime::Violations(out);
        assert_eq!(v.total(), MAX_VIOLATIONS + 5);
        assert!(v.to_string().ends_with("\n/: no value is allowed here\nand 5 more violations"), "{v}");
        assert_eq!(finite(f64::NAN), Some(Rule::Finite));
        assert_eq!(finite(1.5), None);
    }

    #[test]
    fn numbers_and_bytes() {
        assert!(multiple_of(0.3, 0.1).is_none());
        assert!(multiple_of(7.0, 2.0).is_some());
        assert_eq!(max_bytes("ab", 4), None);
        assert_eq!(max_bytes("abc", 4), Some(Rule::MaxBytes { limit: 4, actual: 5 }));
        assert_eq!(json_string("{\"a\":1}"), None);
        assert!(json_string("{a:1}").is_some());
        assert!(json_eq(&1u32, "1.0"));
    }
}
