//! A compiled JSON Schema 2020-12 validator over `serde_json::Value` (work in progress).

use serde_json::Value;

/// A schema compiled once: subschemas in a flat tree, `$ref`s resolved to indices, regexes
/// compiled once.
#[derive(Debug, Clone)]
pub struct Validator {
    root: bool,
}

/// A problem in the schema itself, at its JSON pointer in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub pointer: String,
    pub message: String,
}

/// One way an instance breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer of the offending value (RFC 6901, escaped).
    pub instance: String,
    /// The keyword that fails (`minLength`, `required`, `x-max-bytes`, ...).
    pub keyword: &'static str,
    /// JSON pointer of the keyword in the document.
    pub schema: String,
    /// What is wrong, worded like the run-time rules: `must have at least 2 characters, found 1`.
    pub message: String,
}

impl Validator {
    /// Compiles the schema at `pointer` (`""` = root) inside `document`; `$ref`s resolve against
    /// the document.
    pub fn compile(document: &Value, pointer: &str) -> Result<Validator, Vec<SchemaError>> {
        let _ = (document, pointer);
        Ok(Validator { root: true })
    }

    /// Whether `instance` is valid (no allocation on success).
    pub fn is_valid(&self, instance: &Value) -> bool {
        let _ = instance;
        self.root
    }

    /// Every problem of `instance`, appended to `out` (capped).
    pub fn validate(&self, instance: &Value, out: &mut Vec<Problem>) {
        let _ = (instance, out);
    }
}
