//! The checks behind generated `Validate` impls. Each returns the broken [`Rule`] or `None`.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::{Path, Rule, Validate, Violation};

pub use regex::Regex;

/// Records a broken rule at the current path.
#[cold]
pub fn report(path: &Path, out: &mut Vec<Violation>, rule: Rule, because: Option<&'static str>) {
    out.push(Violation { pointer: path.pointer(), rule, because });
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
    let q = x / divisor;
    (q.is_finite() && (q - q.round()).abs() > 1e-9).then_some(Rule::MultipleOf { divisor, actual: x })
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
    let n = s.chars().count() as u64;
    (n < limit).then_some(Rule::MinLength { limit, actual: n })
}

#[inline]
pub fn max_length(s: &str, limit: u64) -> Option<Rule> {
    if s.len() as u64 <= limit {
        return None;
    }
    let n = s.chars().count() as u64;
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
    let ok = match format {
        "uri" => is_uri(s),
        "https-uri" => is_uri(s) && s.len() > 8 && s[..8].eq_ignore_ascii_case("https://") && host_of(&s[8..]),
        "date-time" => is_date_time(s),
        "email" => is_email(s),
        _ => true,
    };
    (!ok).then_some(Rule::Format { format })
}

fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        })
        && (!rest.starts_with("//") || host_of(&rest[2..]))
}

fn host_of(after_slashes: &str) -> bool {
    let authority = after_slashes.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':')
}

fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() < 20 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if !matches!(b[10], b'T' | b't' | b' ')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => b.len() == i + 6 && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6),
        _ => false,
    }
}

fn is_email(s: &str) -> bool {
    match s.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && !domain.is_empty() && !domain.starts_with('.') && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// `x-json-string`.
pub fn json_string(s: &str) -> Option<Rule> {
    serde_json::from_str::<serde::de::IgnoredAny>(s).err().map(|e| Rule::JsonString { error: e.to_string() })
}

/// `x-max-bytes`: the compact JSON serialization, counted without keeping it.
pub fn max_bytes<T: Serialize + ?Sized>(v: &T, limit: u64) -> Option<Rule> {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    // Serializing generated types cannot fail; a failure counts as too long.
    if serde_json::to_writer(&mut c, v).is_err() {
        return Some(Rule::MaxBytes { limit, actual: u64::MAX });
    }
    (c.0 > limit).then_some(Rule::MaxBytes { limit, actual: c.0 })
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

/// Whether a value follows every rule of its type (for conditions).
pub fn passes<T: Validate + ?Sized>(v: &T) -> bool {
    let mut out = Vec::new();
    v.validate_into(&mut Path::default(), &mut out);
    out.is_empty()
}

/// `const`/`enum` on values without a simpler comparison: equal as JSON.
pub fn json_eq<T: Serialize + ?Sized>(v: &T, expected: &str) -> bool {
    match (serde_json::to_value(v), serde_json::from_str::<Value>(expected)) {
        (Ok(a), Ok(b)) => json_equal(&a, &b),
        _ => false,
    }
}

/// JSON equality as JSON Schema means it: `1` equals `1.0`.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| json_equal(p, q)))
        }
        _ => a == b,
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
    fn formats() {
        assert!(format("https://www.example.com/", "https-uri").is_none());
        assert!(format("http://www.example.com/", "https-uri").is_some());
        assert!(format("https://", "https-uri").is_some());
        assert!(format("mailto:a@b.c", "uri").is_none());
        assert!(format("not a uri", "uri").is_some());
        assert!(format("2026-11-22T02:05:26Z", "date-time").is_none());
        assert!(format("2026-11-22 02:05", "date-time").is_some());
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
