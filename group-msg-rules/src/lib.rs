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
pub fn format_ok(s: &str, format: &str) -> bool {
    match format {
        "uri" => is_uri(s),
        "https-uri" => {
            is_uri(s)
                && s.len() > 8
                && s.is_char_boundary(8)
                && s[..8].eq_ignore_ascii_case("https://")
                && host_of(&s[8..])
        }
        "date-time" => is_date_time(s),
        "email" => is_email(s),
        _ => true,
    }
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

/// The length in characters (Unicode scalar values), as `minLength`/`maxLength` count it.
#[inline]
pub fn char_len(s: &str) -> u64 {
    s.chars().count() as u64
}

/// Why `s` is not JSON, if it is not (`x-json-string`).
pub fn json_error(s: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(s).err().map(|e| e.to_string())
}

/// Whether `x` is a multiple of `divisor` (within floating-point noise).
#[inline]
pub fn is_multiple(x: f64, divisor: f64) -> bool {
    let q = x / divisor;
    !q.is_finite() || (q - q.round()).abs() <= 1e-9
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

    #[test]
    fn formats() {
        assert!(format_ok("https://www.example.com/", "https-uri"));
        assert!(!format_ok("http://www.example.com/", "https-uri"));
        assert!(!format_ok("https://", "https-uri"));
        assert!(format_ok("mailto:a@b.c", "uri"));
        assert!(!format_ok("not a uri", "uri"));
        assert!(format_ok("2026-11-22T02:05:26Z", "date-time"));
        assert!(!format_ok("2026-11-22 02:05", "date-time"));
        assert!(format_ok("a@b.c", "email"));
        assert!(!format_ok("a b@c", "email"));
    }

    #[test]
    fn numbers_and_json() {
        assert!(is_multiple(0.3, 0.1));
        assert!(!is_multiple(7.0, 2.0));
        assert_eq!(json_error("{\"a\":1}"), None);
        assert!(json_error("{a:1}").is_some());
        assert_eq!(char_len("群消息"), 3);
    }
}
