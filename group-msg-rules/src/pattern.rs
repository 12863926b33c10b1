//! The engine of `pattern` and `patternProperties`: ECMA 262 regular expressions.
//!
//! Every pattern is first rewritten by [`crate::ecma_pattern`] for the escapes whose meaning
//! differs from Rust's regex syntax. Then:
//!
//! - A pattern of the shape most specs use, an anchored literal prefix and at most one repeated
//!   character class (`^ep_[A-Za-z0-9]{27}$`, `^[\x20-\x7e]*$`), is matched directly
//!   ([`crate::charset`]), with no regex engine, whatever the features.
//! - With the `full-regex` feature (on for the generator, the tests and the default features of
//!   `group-msg-types`), other patterns run on Rust's `regex` (linear time, no backtracking). A
//!   pattern `regex` cannot compile because it uses ECMA 262 look-around (`(?=`, `(?!`, `(?<=`,
//!   `(?<!`) or back-references (`\1`, `\k<name>`) is run by `fancy-regex`, a backtracking engine
//!   over the same syntax (the one the `jsonschema` crate uses for every pattern), with a limit of
//!   [`BACKTRACK_LIMIT`] backtracking steps per match: a string that reaches it is refused with a
//!   [`PatternLimit`] error saying so (never a hang). Only those patterns pay for backtracking.
//! - Without it but with the `regex` feature, they run on `regex-lite` (the same syntax and
//!   meaning, linear time too, a fraction of the build time, slower matching). It has no
//!   look-around, back-references, Unicode classes (`\p{L}`) or nested classes (what `[\D\S\W]`
//!   become): such a pattern is refused with an error naming `full-regex`.
//! - With neither, only charset patterns compile; the error of any other names the features.
//!
//! [`Pattern::needs`] tells which engine a pattern needs; the generator makes generated code ask
//! for the feature at compile time.

use std::fmt;

use crate::charset::Charset;

/// The most backtracking steps one match of a look-around or back-reference pattern may take.
pub const BACKTRACK_LIMIT: usize = 100_000;

/// A compiled `pattern`.
#[derive(Debug, Clone)]
pub struct Pattern {
    engine: Engine,
}

#[derive(Debug, Clone)]
enum Engine {
    Charset(Charset),
    #[cfg(feature = "regex")]
    Lite(regex_lite::Regex),
    #[cfg(feature = "full-regex")]
    Linear(regex::Regex),
    #[cfg(feature = "full-regex")]
    Backtracking(Box<fancy_regex::Regex>),
}

/// The least a pattern needs to run ([`Pattern::needs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Needs {
    /// A charset pattern: no engine.
    Nothing,
    /// `regex-lite` (the `regex` feature) or more.
    Regex,
    /// `regex` and `fancy-regex` (the `full-regex` feature).
    FullRegex,
}

/// A match of a backtracking pattern stopped at [`BACKTRACK_LIMIT`] steps (or another run-time
/// limit of the engine): the string is neither known to match nor not to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternLimit {
    pub message: String,
}

impl fmt::Display for PatternLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PatternLimit {}

/// The size limit for one pattern (bytes of compiled program): `regex`'s default.
const SIZE_LIMIT: usize = 10 * (1 << 20);

/// The last non-empty line of an engine's error message, without its `error: ` prefix.
#[cfg(any(feature = "regex", feature = "full-regex"))]
fn last_line(why: &str) -> String {
    let last = why.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    last.trim_start_matches("error: ").to_owned()
}

impl Pattern {
    /// Compiles an ECMA 262 pattern as written in a schema.
    pub fn new(ecma: &str) -> Result<Pattern, String> {
        Pattern::from_rewritten(&crate::ecma_pattern(ecma))
    }

    /// Compiles a pattern already rewritten by [`crate::ecma_pattern`] (what generated code
    /// embeds). The error is the last line of the engine's message.
    pub fn from_rewritten(p: &str) -> Result<Pattern, String> {
        Pattern::from_rewritten_limited(p, SIZE_LIMIT)
    }

    /// [`Pattern::new`] with a size limit (bytes of compiled program) other than the default.
    pub fn with_size_limit(ecma: &str, size_limit: usize) -> Result<Pattern, String> {
        Pattern::from_rewritten_limited(&crate::ecma_pattern(ecma), size_limit)
    }

    /// What an ECMA 262 pattern needs to run: nothing (a charset pattern), `regex-lite`, or the
    /// full engines. A pattern no engine compiles says `FullRegex` (compiling it says why).
    #[cfg(feature = "regex")]
    pub fn needs(ecma: &str) -> Needs {
        let p = crate::ecma_pattern(ecma);
        if Charset::parse(&p).is_some() {
            Needs::Nothing
        } else if Pattern::lite_rewritten(&p, SIZE_LIMIT).is_ok() {
            Needs::Regex
        } else {
            Needs::FullRegex
        }
    }

    /// Compiles an ECMA 262 pattern on `regex-lite`, the engine used with the `regex` feature
    /// and without `full-regex`, whichever features are on (charset patterns included).
    #[cfg(feature = "regex")]
    pub fn lite(ecma: &str) -> Result<Pattern, String> {
        Pattern::lite_rewritten(&crate::ecma_pattern(ecma), SIZE_LIMIT)
    }

    /// A charset pattern, or `None`, whichever features are on.
    pub fn charset(ecma: &str) -> Option<Pattern> {
        Charset::parse(&crate::ecma_pattern(ecma)).map(|c| Pattern { engine: Engine::Charset(c) })
    }

    #[cfg(feature = "regex")]
    fn lite_rewritten(p: &str, size_limit: usize) -> Result<Pattern, String> {
        match regex_lite::RegexBuilder::new(p).size_limit(size_limit).build() {
            Ok(re) => Ok(Pattern { engine: Engine::Lite(re) }),
            Err(e) => Err(last_line(&e.to_string())),
        }
    }

    fn from_rewritten_limited(p: &str, size_limit: usize) -> Result<Pattern, String> {
        match Charset::parse(p) {
            Some(c) => Ok(Pattern { engine: Engine::Charset(c) }),
            None => Pattern::engine(p, size_limit),
        }
    }

    #[cfg(not(any(feature = "regex", feature = "full-regex")))]
    fn engine(_: &str, _: usize) -> Result<Pattern, String> {
        Err("this build has no regex engine: only an anchored literal prefix and one repeated class \
             (`^id_[a-z0-9]{8}$`) run without the `regex` or `full-regex` feature"
            .to_owned())
    }

    #[cfg(all(feature = "regex", not(feature = "full-regex")))]
    fn engine(p: &str, size_limit: usize) -> Result<Pattern, String> {
        Pattern::lite_rewritten(p, size_limit).map_err(|why| {
            format!(
                "{why} (look-around, back-references, Unicode classes and negated escapes inside a class need \
                 the `full-regex` feature)"
            )
        })
    }

    #[cfg(feature = "full-regex")]
    fn engine(p: &str, size_limit: usize) -> Result<Pattern, String> {
        let linear_error = match regex::RegexBuilder::new(p).size_limit(size_limit).build() {
            Ok(re) => return Ok(Pattern { engine: Engine::Linear(re) }),
            Err(e) => e,
        };
        // Only a pattern `regex` refuses for its syntax can be one `fancy-regex` runs (look-around,
        // back-references); one too big stays refused.
        if matches!(linear_error, regex::Error::Syntax(_)) {
            let fancy = fancy_regex::RegexBuilder::new(p)
                .backtrack_limit(BACKTRACK_LIMIT)
                .delegate_size_limit(size_limit)
                .build();
            if let Ok(re) = fancy {
                return Ok(Pattern { engine: Engine::Backtracking(Box::new(re)) });
            }
        }
        Err(last_line(&linear_error.to_string()))
    }

    /// Whether `s` matches (anywhere, as ECMA 262's `test`); an error when a backtracking match
    /// reached its limit.
    pub fn is_match(&self, s: &str) -> Result<bool, PatternLimit> {
        match &self.engine {
            Engine::Charset(c) => Ok(c.is_match(s)),
            #[cfg(feature = "regex")]
            Engine::Lite(re) => Ok(re.is_match(s)),
            #[cfg(feature = "full-regex")]
            Engine::Linear(re) => Ok(re.is_match(s)),
            #[cfg(feature = "full-regex")]
            Engine::Backtracking(re) => re.is_match(s).map_err(|e| PatternLimit {
                message: match e {
                    fancy_regex::Error::RuntimeError(fancy_regex::RuntimeError::BacktrackLimitExceeded) => format!(
                        "the pattern gave up on this string after {BACKTRACK_LIMIT} backtracking steps, so the \
                         string is refused"
                    ),
                    other => format!("the pattern could not be run on this string ({other}), so the string is refused"),
                },
            }),
        }
    }

    /// Whether the backtracking engine runs this pattern (look-around or back-references).
    pub fn backtracks(&self) -> bool {
        match self.engine {
            #[cfg(feature = "full-regex")]
            Engine::Backtracking(_) => true,
            _ => false,
        }
    }

    /// Whether this pattern is a charset pattern, matched without a regex engine.
    pub fn is_charset(&self) -> bool {
        matches!(self.engine, Engine::Charset(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator (xorshift).
    #[cfg(feature = "full-regex")]
    fn rng(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// The full engine alone, without the charset reader in front.
    #[cfg(feature = "full-regex")]
    fn full(ecma: &str) -> Pattern {
        Pattern::engine(&crate::ecma_pattern(ecma), SIZE_LIMIT).unwrap_or_else(|e| panic!("{ecma:?}: {e}"))
    }

    /// Random patterns of the charset shape and near it (prefixes, classes with ranges, escapes,
    /// negation, `-` and `^` in odd places, every quantifier, a second piece, a missing anchor)
    /// and strings over the characters they name: where the charset reader takes a pattern, it
    /// decides every string as `regex` does; and it takes every pattern of the shape.
    #[cfg(feature = "full-regex")]
    #[test]
    fn charset_agrees_with_regex() {
        const PIECES: &[&str] = &[
            "a", "b", "-", "_", " ", "#", "é", "\\.", "\\-", "\\/", "\\\\", "\\x41", "\\u00e9", "\\t", "\\d", "\\w",
            "\\s",
        ];
        const CLASSES: &[&str] = &[
            "[a-c]",
            "[^a]",
            "[\\d_]",
            "[\\s.]",
            "[\\x20-\\x7e]",
            "[-a]",
            "[a-]",
            "[a-c-e]",
            "[^-]",
            "[a^]",
            "[\\]a]",
            "[\\-x]",
            "[\\w.-]",
            "[é-ë]",
            "[\\x{41}-\\x{5A}]",
            "[\\u0041b]",
            "[\\w\\s]",
            "[ \\t]",
            "[a-zA-Z0-9\\-_.]",
        ];
        const QUANTS: &[&str] = &["", "*", "+", "?", "{2}", "{1,3}", "{0,}", "{2,}", "*?", "{0}", "{1,1}?"];
        const CHARS: &[&str] = &[
            "a", "b", "c", "e", "ë", "A", "Z", "1", "_", " ", "\t", "\u{a0}", "\u{feff}", "é", "٣", ".", "-", "^", "]",
            "#", "/", "\\",
        ];
        let mut next = rng(0x2545_f491_4f6c_dd1d);
        let (mut taken, mut strings) = (0, 0);
        for _ in 0..4000 {
            let shaped = next(4) != 0;
            let mut p = String::from(if shaped || next(2) == 0 { "^" } else { "" });
            for _ in 0..next(3) {
                p.push_str(PIECES[next(PIECES.len())]);
            }
            let last = if next(2) == 0 { CLASSES[next(CLASSES.len())] } else { PIECES[next(PIECES.len())] };
            p.push_str(last);
            p.push_str(QUANTS[next(QUANTS.len())]);
            if !shaped && next(2) == 0 {
                p.push_str(CLASSES[next(CLASSES.len())]);
                p.push_str(QUANTS[next(QUANTS.len())]);
            }
            if shaped || next(2) == 0 {
                p.push('$');
            }
            let Some(charset) = Pattern::charset(&p) else {
                // Every prefix-then-one-piece pattern is of the shape, but for the escapes of
                // classes (`\d`, `\w`, `\s` outside a class become classes of their own).
                let has_class_escape = ["\\d", "\\w", "\\s"].iter().any(|e| p.contains(e));
                assert!(!shaped || has_class_escape, "{p:?} is of the charset shape");
                continue;
            };
            let engine = full(&p);
            taken += 1;
            for _ in 0..16 {
                let s: String = (0..next(7)).map(|_| CHARS[next(CHARS.len())]).collect();
                assert_eq!(charset.is_match(&s), engine.is_match(&s), "{p:?} on {s:?}");
                strings += 1;
            }
        }
        assert!(taken > 2000, "{taken}");
        assert_eq!(strings, taken * 16);
    }

    /// Random patterns from ECMA 262 pieces that both engines take, and strings over the
    /// characters they name: `regex-lite` (the engine without `full-regex`) must decide every
    /// string as the full engine does.
    #[cfg(all(feature = "regex", feature = "full-regex"))]
    #[test]
    fn lite_agrees_with_full() {
        const ATOMS: &[&str] = &[
            "a",
            "b",
            "ab",
            ".",
            "\\d",
            "\\D",
            "\\w",
            "\\W",
            "\\s",
            "\\S",
            "[a-c]",
            "[^a]",
            "[\\d_]",
            "[\\s.]",
            "\\x20",
            "\\u00e9",
            "é",
            "\\.",
            "\\b",
            "\\B",
            "[\\x20-\\x7e]",
            "\\-",
            "[-a]",
        ];
        const QUANTS: &[&str] = &["", "", "*", "+", "?", "{2}", "{1,3}", "*?", "{0,}"];
        const CHARS: &[&str] =
            &["a", "b", "c", "1", "_", " ", "\u{a0}", "\u{feff}", "\u{2028}", "é", "٣", "δ", ".", "-", "\n", "\t", "~"];
        let mut next = rng(0x9e37_79b9_7f4a_7c15);
        let (mut compared, mut strings) = (0, 0);
        for _ in 0..1500 {
            let mut p = String::new();
            if next(3) == 0 {
                p.push('^');
            }
            for _ in 0..1 + next(4) {
                let atom = ATOMS[next(ATOMS.len())];
                let q = QUANTS[next(QUANTS.len())];
                match next(6) {
                    0 => p.push_str(&format!("({atom}|{}){q}", ATOMS[next(ATOMS.len())])),
                    1 => p.push_str(&format!("(?:{atom}){q}")),
                    _ if atom == "\\b" || atom == "\\B" => p.push_str(atom),
                    _ => p.push_str(&format!("{atom}{q}")),
                }
            }
            if next(3) == 0 {
                p.push('$');
            }
            let full = full(&p);
            let Ok(lite) = Pattern::lite(&p) else {
                panic!("regex-lite compiles {p:?}: {:?}", Pattern::lite(&p).err())
            };
            compared += 1;
            for _ in 0..12 {
                let s: String = (0..next(6)).map(|_| CHARS[next(CHARS.len())]).collect();
                assert_eq!(full.is_match(&s), lite.is_match(&s), "{p:?} on {s:?}");
                strings += 1;
            }
        }
        assert_eq!((compared, strings), (1500, 18_000));
    }

    /// What `regex-lite` cannot run needs the full engine; everything else it compiles.
    #[cfg(feature = "regex")]
    #[test]
    fn lite_refuses_only_what_needs_the_full_engine() {
        for p in ["^(?!ep_)[a-z]+$", "(a)\\1", "\\p{L}", "[\\D]", "[^\\S\\W]"] {
            assert!(Pattern::lite(p).is_err(), "{p}");
        }
        for p in ["^[\\x20-\\x7e]*$", "^\\d{3}-\\w+\\s?$", "\\bword\\b", "^[^@\\s]+@[^@\\s]+$"] {
            assert!(Pattern::lite(p).is_ok(), "{p}");
        }
    }

    #[cfg(feature = "regex")]
    #[test]
    fn needs_the_least_engine() {
        assert_eq!(Pattern::needs("^ep_[A-Za-z0-9]{27}$"), Needs::Nothing);
        assert_eq!(Pattern::needs("^[a-z]+\\d$"), Needs::Regex);
        assert_eq!(Pattern::needs("^(?!ep_)[a-z]+$"), Needs::FullRegex);
    }

    #[cfg(all(feature = "regex", not(feature = "full-regex")))]
    #[test]
    fn without_full_regex_the_error_names_it() {
        let e = Pattern::new("^(?!ep_)[a-z]+$").unwrap_err();
        assert!(e.contains("`full-regex` feature"), "{e}");
        assert_eq!(Pattern::new("^[a-z]+\\d$").unwrap().is_match("abc1"), Ok(true));
    }

    /// Without an engine, charset patterns still run; the others are refused, naming the features.
    #[cfg(not(any(feature = "regex", feature = "full-regex")))]
    #[test]
    fn without_an_engine_charsets_run_and_the_rest_names_the_features() {
        let p = Pattern::new("^[\\x20-\\x7e]*$").unwrap();
        assert!(p.is_charset());
        assert_eq!((p.is_match("abc"), p.is_match("a\u{7f}")), (Ok(true), Ok(false)));
        let e = Pattern::new("^[a-z]+\\d$").unwrap_err();
        assert!(e.contains("`regex` or `full-regex` feature"), "{e}");
    }

    #[cfg(feature = "full-regex")]
    #[test]
    fn linear_unless_regex_cannot() {
        assert!(!Pattern::new("^[a-z]+\\d$").unwrap().backtracks());
        let p = Pattern::new("^(?!ep_)[a-zA-Z0-9\\-_.]+$").unwrap();
        assert!(p.backtracks());
        assert_eq!(p.is_match("abc"), Ok(true));
        assert_eq!(p.is_match("ep_abc"), Ok(false));
        // Look-behind, and a back-reference.
        let p = Pattern::new("(?<=\\$)\\d+").unwrap();
        assert_eq!((p.is_match("$12"), p.is_match("12")), (Ok(true), Ok(false)));
        let p = Pattern::new("^(a+)-\\1$").unwrap();
        assert_eq!((p.is_match("aa-aa"), p.is_match("aa-a")), (Ok(true), Ok(false)));
        // ECMA meanings kept under the backtracking engine: `\d` is ASCII only.
        let p = Pattern::new("^(?=.)\\d+$").unwrap();
        assert_eq!((p.is_match("12"), p.is_match("١٢")), (Ok(true), Ok(false)));
    }

    #[test]
    fn not_a_pattern_is_an_error() {
        assert!(Pattern::new("(").is_err());
        assert!(Pattern::new("(?=(").is_err());
    }

    /// Catastrophic backtracking (`(a+)+\1` style over a long run of `a`s with no match) stops
    /// at the limit with an error instead of running for ages.
    #[cfg(feature = "full-regex")]
    #[test]
    fn hostile_input_hits_the_limit() {
        for pat in ["^(a|a)*\\1b", "^((a|aa)+)\\1b", "^(\\w+\\s?)*\\1$"] {
            let p = Pattern::new(pat).unwrap();
            for n in [40, 10_000] {
                let e = p.is_match(&("a".repeat(n) + "!")).unwrap_err();
                assert!(e.message.contains("100000 backtracking steps"), "{pat}: {e}");
            }
        }
    }
}
