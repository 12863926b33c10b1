//! Diagnostics: every problem found in a spec, with the file and the JSON pointer where it is.

use std::fmt;

/// One problem in a spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file as the user named it.
    pub file: String,
    /// RFC 6901 JSON pointer of the offending key or value (`""` is the whole document).
    pub pointer: String,
    /// Lowercase message without a trailing period.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}: {}", self.file, self.pointer, self.message)
    }
}

/// All the problems of one spec, in the order they were found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Iterates over the diagnostics.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects diagnostics for one file.
pub(crate) struct Ctx {
    pub file: String,
    pub diags: Vec<Diagnostic>,
}

impl Ctx {
    pub fn new(file: &str) -> Self {
        Ctx { file: file.to_owned(), diags: Vec::new() }
    }
    pub fn err(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic { file: self.file.clone(), pointer: pointer.to_owned(), message: message.into() });
    }
    pub fn has_errors(&self) -> bool {
        !self.diags.is_empty()
    }
    pub fn finish(self) -> Diagnostics {
        Diagnostics(self.diags)
    }
}

/// Appends `key` to a JSON pointer, escaping `~` and `/`.
pub(crate) fn join(pointer: &str, key: &str) -> String {
    let mut s = String::with_capacity(pointer.len() + key.len() + 1);
    s.push_str(pointer);
    s.push('/');
    for c in key.chars() {
        match c {
            '~' => s.push_str("~0"),
            '/' => s.push_str("~1"),
            c => s.push(c),
        }
    }
    s
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes() {
        assert_eq!(join("/a", "b/c~d"), "/a/b~1c~0d");
    }

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["GroupId", "Random", "MsgBody"];
        assert_eq!(closest("GroupID", keys), Some("GroupId"));
        assert_eq!(closest("MsgBdy", keys), Some("MsgBody"));
        assert_eq!(closest("Totally", keys), None);
    }
}
