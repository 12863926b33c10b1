//! The engine of `pattern` and `patternProperties`: ECMA 262 regular expressions.
//!
//! Most patterns are run by Rust's `regex` (linear time, no backtracking), after
//! [`crate::ecma_pattern`] rewrites the escapes whose meaning differs. A pattern `regex` cannot
//! compile because it uses ECMA 262 look-around (`(?=`, `(?!`, `(?<=`, `(?<!`) or
//! back-references (`\1`, `\k<name>`) is run by `fancy-regex`, a backtracking engine over the
//! same syntax (the one the `jsonschema` crate uses for every pattern), with a limit of
//! [`BACKTRACK_LIMIT`] backtracking steps per match: a string that reaches it is refused with a
//! [`PatternLimit`] error saying so (never a hang). Only those patterns pay for backtracking.

use std::fmt;

/// The most backtracking steps one match of a look-around or back-reference pattern may take.
pub const BACKTRACK_LIMIT: usize = 100_000;

/// A compiled `pattern`.
#[derive(Debug, Clone)]
pub struct Pattern {
    engine: Engine,
}

#[derive(Debug, Clone)]
enum Engine {
    Linear(regex::Regex),
    Backtracking(Box<fancy_regex::Regex>),
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

/// The `regex` size limit for one pattern (bytes of compiled program): `regex`'s default.
const SIZE_LIMIT: usize = 10 * (1 << 20);

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

    /// [`Pattern::new`] with a size limit (bytes of compiled program) other than `regex`'s default.
    pub fn with_size_limit(ecma: &str, size_limit: usize) -> Result<Pattern, String> {
        Pattern::from_rewritten_limited(&crate::ecma_pattern(ecma), size_limit)
    }

    fn from_rewritten_limited(p: &str, size_limit: usize) -> Result<Pattern, String> {
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
        let why = linear_error.to_string();
        let last = why.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        Err(last.trim_start_matches("error: ").to_owned())
    }

    /// Whether `s` matches (anywhere, as ECMA 262's `test`); an error when a backtracking match
    /// reached its limit.
    pub fn is_match(&self, s: &str) -> Result<bool, PatternLimit> {
        match &self.engine {
            Engine::Linear(re) => Ok(re.is_match(s)),
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
        matches!(self.engine, Engine::Backtracking(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
