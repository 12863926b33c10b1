//! The rule predicates that both the generated code (at run time) and the literal macros (at
//! compile time) use, so a payload means the same thing in both places.

/// The candidate closest to `word` by edit distance, when close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = levenshtein(&lower, &c.to_lowercase());
        let limit = (c.chars().count().max(word.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether `s` is a valid value of `format` (`uri`, `https-uri`, `date-time`, `email`; other
/// formats are not checked).
///
/// `uri` is an absolute URI exactly as RFC 3986 defines it, decided by `fluent-uri` (the parser
/// the reference validator's `referencing` crate also uses); `https-uri` is a `uri` whose scheme
/// is `https` (any case) with a non-empty host.
///
/// Without the `uri` feature, every value of `uri` and `https-uri` is refused (never silently
/// accepted): [`format_available`] says which formats this build can decide, and generated code
/// that checks those formats asks for the feature while compiling.
pub fn format_ok(s: &str, format: &str) -> bool {
    match format {
        "uri" => uri_ok(s, false),
        "https-uri" => uri_ok(s, true),
        "date-time" => is_date_time(s),
        "email" => is_email(s),
        _ => true,
    }
}

/// Whether this build decides `format` ([`format_ok`]): `uri` and `https-uri` need the `uri`
/// feature.
pub fn format_available(format: &str) -> bool {
    cfg!(feature = "uri") || !format_needs_uri(format)
}

/// Whether checking `format` needs the `uri` feature.
pub fn format_needs_uri(format: &str) -> bool {
    matches!(format, "uri" | "https-uri")
}

#[cfg(feature = "uri")]
fn uri_ok(s: &str, https: bool) -> bool {
    fluent_uri::Uri::parse(s).is_ok_and(|uri| {
        !https
            || uri.scheme().as_str().eq_ignore_ascii_case("https")
                && uri.authority().is_some_and(|a| !a.host().is_empty())
    })
}

#[cfg(not(feature = "uri"))]
fn uri_ok(_: &str, _: bool) -> bool {
    false
}

/// The characters ECMA 262 `\s` matches (WhiteSpace and LineTerminator: TAB, LF, VT, FF, CR,
/// every `Zs` space, U+2028, U+2029 and the BOM U+FEFF), as the inside of a `regex` class.
/// `regex`'s own `\s` (Unicode `White_Space`) differs: it has U+0085 and lacks U+FEFF.
const ECMA_SPACE: &str =
    r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Rewrites an ECMA 262 `pattern` for Rust's `regex`: `\d`, `\w` and `\b` mean their ASCII
/// forms in ECMA 262 but Unicode classes in `regex`, and `\s` is ECMA 262's white space; inside a
/// class, a negated escape (`[\S\D\W]`) becomes a nested negated class, and `[`, `&`, `~` are
/// literals (set operators in `regex`).
pub fn ecma_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    let mut in_class = false;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') if in_class => out.push_str("0-9"),
                Some('w') if in_class => out.push_str("0-9A-Za-z_"),
                Some('d') => out.push_str("[0-9]"),
                Some('D') if in_class => out.push_str("[^0-9]"),
                Some('W') if in_class => out.push_str("[^0-9A-Za-z_]"),
                Some('D') => out.push_str("[^0-9]"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('W') => out.push_str("[^0-9A-Za-z_]"),
                Some('s') if in_class => out.push_str(ECMA_SPACE),
                Some('s') => {
                    out.push('[');
                    out.push_str(ECMA_SPACE);
                    out.push(']');
                }
                Some('S') => {
                    out.push_str("[^");
                    out.push_str(ECMA_SPACE);
                    out.push(']');
                }
                Some('b') if !in_class => out.push_str("(?-u:\\b)"),
                Some('B') if !in_class => out.push_str("(?-u:\\B)"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
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
            !local.is_empty()
                && !domain.is_empty()
                && !domain.starts_with('.')
                && !s.chars().any(char::is_whitespace)
                && local_part_ok(local)
        }
        None => false,
    }
}

/// An e-mail local part (RFC 5322 dot-atom, UTF-8 allowed as RFC 6531 does, or a quoted string):
/// `mailto:a` is not one.
fn local_part_ok(local: &str) -> bool {
    if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        return true;
    }
    let atext = |c: char| c.is_alphanumeric() || !c.is_ascii() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

/// The length in characters (Unicode scalar values), as `minLength`/`maxLength` count it.
#[inline]
pub fn char_len(s: &str) -> u64 {
    s.chars().count() as u64
}

/// Why `s` is not JSON, if it is not (`x-json-string`).
pub fn json_error(s: &str) -> Option<String> {
    // Checking the syntax needs no tree of values.
    serde_json::from_str::<serde::de::IgnoredAny>(s).err().map(|e| e.to_string())
}

/// JSON equality as JSON Schema means it (`const`, `enum`, `uniqueItems`): `1` equals `1.0`.
pub fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| json_equal(p, q)))
        }
        _ => a == b,
    }
}

/// A number as rule messages show it: `50`, not `50.0`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub mod charset;
pub mod pattern;
#[cfg(feature = "schema")]
pub mod schema;

pub use pattern::{Pattern, PatternLimit};

/// The number `x-sequence` expects at item `index`: `start + index`, `None` past `i64`.
#[inline]
pub fn sequence_value(start: i64, index: u64) -> Option<i64> {
    start.checked_add(i64::try_from(index).ok()?)
}

pub use number::{is_multiple, is_multiple_int};
pub use unique::{canonical_json, first_duplicate};

mod number;
mod unique;

/// What a value of `format` must be, in the user's words: "must be an https:// URL".
pub fn format_message(format: &str) -> String {
    match format {
        f if !format_available(f) => {
            format!("cannot be checked as `{f}` by this build, so it is refused (enable the `uri` feature)")
        }
        "https-uri" => "must be an https:// URL".to_owned(),
        "uri" => "must be an absolute URI (a scheme such as https:, then the rest)".to_owned(),
        "email" => "must be an e-mail address".to_owned(),
        "date-time" => "must be an RFC 3339 date-time (2024-01-31T08:00:00Z)".to_owned(),
        f => format!("must be a valid `{f}`"),
    }
}

/// The most characters of an input string an error message quotes.
pub const QUOTE_MAX: usize = 64;

/// `s` as a JSON string, cut to [`QUOTE_MAX`] characters (`…` marks the cut).
pub fn quote_short(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX) {
        Some((at, _)) => {
            format!("{}…\"", serde_json::Value::String(s[..at].to_owned()).to_string().trim_end_matches('"'))
        }
        None => serde_json::Value::String(s.to_owned()).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["GroupId", "Random", "MsgBody"];
        assert_eq!(closest("GroupID", keys), Some("GroupId"));
        assert_eq!(closest("MsgBdy", keys), Some("MsgBody"));
        assert_eq!(closest("Totally", keys), None);
    }

    #[cfg(not(feature = "uri"))]
    #[test]
    fn without_the_uri_feature_uris_are_refused_and_say_why() {
        assert!(!format_available("uri") && !format_available("https-uri") && format_available("email"));
        assert!(!format_ok("https://www.example.com/", "https-uri"));
        assert!(!format_ok("mailto:a@b.c", "uri"));
        assert!(format_message("uri").contains("enable the `uri` feature"));
        assert!(format_ok("2026-11-22T02:05:26Z", "date-time"));
    }

    #[cfg(feature = "uri")]
    #[test]
    fn formats() {
        assert!(format_available("uri"));
        assert!(format_ok("https://www.example.com/", "https-uri"));
        assert!(!format_ok("http://www.example.com/", "https-uri"));
        assert!(!format_ok("https://", "https-uri"));
        assert!(format_ok("mailto:a@b.c", "uri"));
        assert!(!format_ok("not a uri", "uri"));
        assert!(format_ok("2026-11-22T02:05:26Z", "date-time"));
        assert!(!format_ok("2026-11-22 02:05", "date-time"));
        assert!(format_ok("a@b.c", "email"));
        assert!(!format_ok("https://例子.测试/", "https-uri"));
        assert!(!format_ok("http://a/%zz", "uri"));
        assert!(!format_ok("http://a:b/", "uri"));
        assert!(format_ok("http://a:8080/x?y=%20#z", "uri"));
        assert!(!format_ok("a b@c", "email"));
        // RFC 3986 exactly: one userinfo `@`, no `]` outside an IP literal, one `#`, a valid
        // IP literal.
        for bad in ["https://a@b@c/", "https://www.exam]ple.com/", "https://a#b#c", "https://[zz]/"] {
            assert!(!format_ok(bad, "https-uri"), "{bad}");
            assert!(!format_ok(bad, "uri"), "{bad}");
        }
        assert!(format_ok("https://u@[::1]:443/a?b#c", "https-uri"));
        assert!(format_ok("HTTPS://example.com", "https-uri"));
        assert!(!format_ok("mailto:a@b.c", "email"));
        assert!(!format_ok(".a@b.c", "email"));
        assert!(format_ok("joe.bloggs+x@example.com", "email"));
    }

    #[cfg(feature = "full-regex")]
    #[test]
    fn negated_escapes_in_a_class_need_the_full_engine() {
        let ws = |p: &str, s: &str| Pattern::new(p).unwrap().is_match(s) == Ok(true);
        assert!(!ws(r"^[\S]$", "\u{FEFF}"));
        assert!(ws(r"^[\D]$", "\u{663}"));
    }

    #[test]
    fn ecma_classes_are_ascii() {
        assert_eq!(ecma_pattern(r"^\d+$"), "^[0-9]+$");
        assert_eq!(ecma_pattern(r"[\w.]"), "[0-9A-Za-z_.]");
        assert_eq!(ecma_pattern(r"\bx\\d"), r"(?-u:\b)x\\d");
        // ECMA 262 white space: U+FEFF is, U+0085 is not (unlike regex's Unicode `\s`).
        let ws = |p: &str, s: &str| Pattern::new(p).unwrap().is_match(s) == Ok(true);
        assert!(ws(r"^\s$", "\u{FEFF}"));
        assert!(!ws(r"^\s$", "\u{85}"));
        assert!(ws(r"^\S$", "\u{85}"));
        assert!(ws(r"^[^\s]$", "x"));
        assert!(ws(r"^[a&&b]+$", "a&&b"));
        assert!(ws(r"^[[]$", "["));
    }

    #[test]
    fn numbers_and_json() {
        assert!(is_multiple(0.3, 0.1));
        assert!(!is_multiple(7.0, 2.0));
        assert_eq!(json_error("{\"a\":1}"), None);
        assert!(json_error("{a:1}").is_some());
        assert_eq!(char_len("群消息"), 3);
        assert_eq!(number_text(50.0), "50");
        assert_eq!(number_text(0.5), "0.5");
    }
}
