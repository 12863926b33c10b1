//! The pattern shape most specs use, matched without a regex engine: an anchored literal prefix
//! and at most one repeated character class, `^ep_[A-Za-z0-9]{27}$`, `^[a-zA-Z0-9\-_.]+$`,
//! `^[\x20-\x7e]*$`, `^\d{10}$` (most of the 605 `pattern`s of the real specs in
//! `../shared/real-specs` are of this shape). It is read from the pattern as
//! [`crate::ecma_pattern`] rewrites it, in the `regex` crate's syntax; anything else, or anything
//! this reader is not sure of, is `None`, and a regex engine runs the pattern. A match is what
//! `regex` decides: the whole string is the prefix, then between `min` and `max` characters of
//! the class.

/// A pattern of the charset shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charset {
    prefix: String,
    /// Inclusive ranges; a literal `x` is `(x, x)`.
    ranges: Vec<(char, char)>,
    negated: bool,
    /// The ASCII characters that match (the class, negation applied): bit `c % 64` of word
    /// `c / 64`. Most strings are ASCII; those characters are one test each.
    ascii: [u64; 2],
    min: usize,
    max: Option<usize>,
}

/// The most repetitions a quantifier may ask for here (as `regex`, which refuses larger ones).
const MAX_REPEAT: usize = 1000;

impl Charset {
    /// Reads a rewritten pattern of the charset shape.
    pub fn parse(p: &str) -> Option<Charset> {
        let body = p.strip_prefix('^')?.strip_suffix('$')?;
        let mut chars = body.chars().peekable();
        let mut prefix = String::new();
        let mut atom: Option<(Vec<(char, char)>, bool)> = None;
        let (mut min, mut max) = (0, Some(0));
        while let Some(c) = chars.next() {
            if atom.is_some() {
                return None; // only the last piece may be a class or repeated
            }
            let (ranges, negated) = match c {
                '[' => class(&mut chars)?,
                '\\' => {
                    let c = escape(&mut chars)?;
                    (vec![(c, c)], false)
                }
                c if is_literal(c) => (vec![(c, c)], false),
                _ => return None,
            };
            let quant = quantifier(&mut chars)?;
            match (quant, &ranges[..], negated) {
                (None, [(a, b)], false) if a == b => prefix.push(*a),
                (None, _, _) => {
                    (min, max) = (1, Some(1));
                    atom = Some((ranges, negated));
                }
                (Some((lo, hi)), _, _) => {
                    (min, max) = (lo, hi);
                    atom = Some((ranges, negated));
                }
            }
        }
        let (ranges, negated) = atom.unwrap_or_default();
        let mut ascii = [0u64; 2];
        for b in 0u8..0x80 {
            let c = char::from(b);
            if ranges.iter().any(|&(a, z)| a <= c && c <= z) != negated {
                ascii[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        Some(Charset { prefix, ranges, negated, ascii, min, max })
    }

    /// Whether `s` is the prefix then `min..=max` characters of the class.
    pub fn is_match(&self, s: &str) -> bool {
        // Most charsets have no prefix: no comparison then (it showed in profiles as a call).
        let rest = if self.prefix.is_empty() {
            s
        } else {
            match s.strip_prefix(self.prefix.as_str()) {
                Some(rest) => rest,
                None => return false,
            }
        };
        // A character takes at least one byte: fewer bytes than `min` are fewer characters.
        if rest.len() < self.min {
            return false;
        }
        let bytes = rest.as_bytes();
        let (mut n, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if self.ascii[usize::from(b >> 6)] >> (b & 63) & 1 == 0 {
                    return false;
                }
                i += 1;
            } else {
                let Some(c) = rest[i..].chars().next() else { return false };
                if self.ranges.iter().any(|&(a, z)| a <= c && c <= z) == self.negated {
                    return false;
                }
                i += c.len_utf8();
            }
            n += 1;
            if self.max.is_some_and(|max| n > max) {
                return false;
            }
        }
        n >= self.min
    }
}

/// A character that stands for itself outside a class in `regex`'s syntax (without the `x` flag,
/// which rewritten patterns never set, `#` and white space are literals too).
fn is_literal(c: char) -> bool {
    !matches!(c, '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$')
}

/// The character an escape names (after the `\`): punctuation, `\t` `\n` `\r` `\f` `\v`,
/// `\xHH`, `\x{H...}`, `\uHHHH`, `\u{H...}`. Classes (`\d`, `\p{..}`), assertions and anything
/// else: `None`.
fn escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<char> {
    let c = chars.next()?;
    match c {
        't' => Some('\t'),
        'n' => Some('\n'),
        'r' => Some('\r'),
        'f' => Some('\x0C'),
        'v' => Some('\x0B'),
        'x' | 'u' => {
            let digits: String = if chars.peek() == Some(&'{') {
                chars.next();
                let d: String = chars.by_ref().take_while(|&c| c != '}').collect();
                if d.is_empty() || d.len() > 8 {
                    return None;
                }
                d
            } else {
                let n = if c == 'x' { 2 } else { 4 };
                (0..n).map(|_| chars.next()).collect::<Option<String>>()?
            };
            if !digits.chars().all(|d| d.is_ascii_hexdigit()) {
                return None;
            }
            char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
        }
        c if c.is_ascii_punctuation() => Some(c),
        _ => None,
    }
}

/// A class after its `[`: its ranges and whether it is negated. Nested classes, set operations
/// (`&&`, `--`, `~~`), escapes of classes and a `]` first (a literal in `regex`, an empty class
/// in ECMA 262) are left to the engines.
#[allow(clippy::type_complexity)]
fn class(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<(Vec<(char, char)>, bool)> {
    let negated = chars.peek() == Some(&'^');
    if negated {
        chars.next();
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = chars.next()?;
        let lo = match c {
            ']' if !first => break,
            '[' | ']' => return None,
            '\\' => escape(chars)?,
            '&' | '~' | '-' if chars.peek() == Some(&c) => return None,
            c => c,
        };
        first = false;
        // A range `lo-hi`, unless the `-` is the last character of the class.
        let mut ahead = chars.clone();
        if ahead.next() == Some('-') && !matches!(ahead.peek(), Some(']') | None) {
            chars.next();
            let hi = match chars.next()? {
                '\\' => escape(chars)?,
                '[' | ']' | '&' | '~' | '-' => return None,
                c => c,
            };
            if hi < lo {
                return None;
            }
            ranges.push((lo, hi));
        } else {
            ranges.push((lo, lo));
        }
    }
    Some((ranges, negated))
}

/// `*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}` (a lazy `?` after it changes nothing for a whole-string
/// match): the bounds, `None` for no quantifier. A malformed one: the outer `None` (left to the
/// engines, which say what is wrong).
#[allow(clippy::option_option)]
fn quantifier(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<Option<(usize, Option<usize>)>> {
    let bounds = match chars.peek() {
        Some('*') => (0, None),
        Some('+') => (1, None),
        Some('?') => (0, Some(1)),
        Some('{') => {
            chars.next();
            let inside: String = chars.by_ref().take_while(|&c| c != '}').collect();
            let number = |s: &str| -> Option<usize> {
                let n: usize =
                    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) { s.parse().ok()? } else { None? };
                (n <= MAX_REPEAT).then_some(n)
            };
            let bounds = match inside.split_once(',') {
                None => {
                    let n = number(&inside)?;
                    (n, Some(n))
                }
                Some((lo, "")) => (number(lo)?, None),
                Some((lo, hi)) => (number(lo)?, Some(number(hi)?)),
            };
            if bounds.1.is_some_and(|hi| hi < bounds.0) {
                return None;
            }
            if chars.peek() == Some(&'?') {
                chars.next();
            }
            return Some(Some(bounds));
        }
        _ => return Some(None),
    };
    chars.next();
    if chars.peek() == Some(&'?') {
        chars.next();
    }
    Some(Some(bounds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        Charset::parse(&crate::ecma_pattern(p)).unwrap_or_else(|| panic!("{p} is a charset")).is_match(s)
    }

    #[test]
    fn reads_the_common_shapes() {
        assert!(m("^[\\x20-\\x7e]*$", "abc ~") && !m("^[\\x20-\\x7e]*$", "a\u{7f}") && m("^[\\x20-\\x7e]*$", ""));
        assert!(m("^ep_[A-Za-z0-9]{27}$", &format!("ep_{}", "a".repeat(27))));
        assert!(!m("^ep_[A-Za-z0-9]{27}$", &format!("ep_{}", "a".repeat(26))));
        assert!(
            m("^[a-zA-Z0-9\\-_.]+$", "a-b_c.d") && !m("^[a-zA-Z0-9\\-_.]+$", "") && !m("^[a-zA-Z0-9\\-_.]+$", "a b")
        );
        assert!(m("^\\d{10}$", "0123456789") && !m("^\\d{10}$", "012345678٣"));
        assert!(m("^[^@]{2,}$", "ab") && !m("^[^@]{2,}$", "a@b"));
        assert!(m("^abc$", "abc") && !m("^abc$", "abcd"));
        assert!(m("^ab?$", "a") && m("^ab?$", "ab") && !m("^ab?$", "abb"));
        assert!(m("^\\u00e9+$", "éé") && m("^[-a]$", "-") && m("^[a-]$", "-"));
    }

    /// `&` and `~` in a class are literals in ECMA 262 (the rewrite escapes them).
    #[test]
    fn set_operators_of_regex_are_literals() {
        assert!(m("^[a&&b]$", "&") && m("^[a~~b]+$", "~a") && !m("^[a&&b]$", "c"));
    }

    #[test]
    fn leaves_the_rest_to_the_engines() {
        for p in [
            "[a-z]+",
            "^[a-z]+",
            "^a|b$",
            "^(a)$",
            "^.$",
            "^[a-z]+\\d$",
            "^[[a]]$",
            "^[]a]$",
            "^[a--b]$",
            "^a{2000}$",
            "^a{3,2}$",
            "^\\bx$",
            "^\\p{L}$",
            "^a{,2}$",
            "^[z-a]$",
            "^\\w+\\s$",
        ] {
            assert_eq!(Charset::parse(&crate::ecma_pattern(p)), None, "{p}");
        }
    }
}
