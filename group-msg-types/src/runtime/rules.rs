//! The checks behind generated `Validate` impls. Each returns the broken [`Rule`] or `None`.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::{Path, Rule, Severity, Validate, Violation};

pub use regex::Regex;

/// Records a broken rule at the current path.
#[cold]
pub fn report(path: &Path, out: &mut Vec<Violation>, rule: Rule, because: Option<&'static str>) {
    out.push(Violation { pointer: path.pointer(), rule, because, severity: Severity::Error });
}

/// Marks every violation recorded since `start` as a warning: the rules of an
/// `x-severity: "warning"` schema.
#[inline]
pub fn warn_from(out: &mut [Violation], start: usize) {
    for v in out.iter_mut().skip(start) {
        v.severity = Severity::Warning;
    }
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
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

#[inline]
pub fn pattern(s: &str, re: Option<&Regex>, pattern: &'static str) -> Option<Rule> {
    // A pattern the generator accepted always compiles; if it ever did not, the value fails.
    (!re.is_some_and(|re| re.is_match(s))).then_some(Rule::Pattern { pattern })
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
    // Serializing generated types cannot fail; a failure counts as too long.
    let n = super::json_len::json_len(v).unwrap_or(u64::MAX);
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

/// `uniqueItems`: the first repeated pair.
pub fn unique<T: PartialEq>(items: &[T]) -> Option<Rule> {
    for (i, a) in items.iter().enumerate() {
        if let Some(j) = items[..i].iter().position(|b| b == a) {
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
#[inline]
pub fn sequence(index: usize, start: i64, actual: i64, property: &'static str) -> Option<Rule> {
    let expected = start + index as i64;
    (actual != expected).then_some(Rule::Sequence { property, expected, actual })
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
        assert_eq!(format("https://x", "https-uri"), None);
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
