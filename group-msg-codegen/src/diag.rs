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
    /// Problems that do not stop generation (an unknown keyword when not strict).
    pub warnings: Vec<Diagnostic>,
    /// Whether an unknown keyword is an error (else a warning): `Options::strict`.
    pub strict: bool,
}

impl Ctx {
    pub fn new(file: &str) -> Self {
        Ctx { file: file.to_owned(), diags: Vec::new(), warnings: Vec::new(), strict: true }
    }
    pub fn err(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic { file: self.file.clone(), pointer: pointer.to_owned(), message: message.into() });
    }
    /// A warning: reported, generation goes on.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let d = Diagnostic { file: self.file.clone(), pointer: pointer.to_owned(), message: message.into() };
        if !self.warnings.contains(&d) {
            self.warnings.push(d);
        }
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

pub use group_msg_rules::closest;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes() {
        assert_eq!(join("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
