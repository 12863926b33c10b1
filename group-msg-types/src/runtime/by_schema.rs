//! The schema validator behind the generated code's untyped positions: each check compiles the
//! schema at its pointer of the spec document once (lazily, on first use) and maps every problem
//! to a [`Violation`] below the current path. The checks need the `report` feature (generated
//! code that has one asks for it with [`requires_schema!`](crate::runtime::requires_schema)); the
//! [`Document`] is always there, since every generated module embeds one.

#[cfg(feature = "report")]
use std::sync::OnceLock;

#[cfg(feature = "report")]
use group_msg_rules::schema::Validator;
#[cfg(feature = "report")]
use serde::Serialize;
#[cfg(feature = "report")]
use serde_json::Value;

#[cfg(feature = "report")]
use super::{Path, Rule, Severity, Violation};

/// The spec document a generated module embeds (compact JSON text), parsed on first use. Without
/// the `report` feature nothing reads it, and it holds nothing.
pub struct Document {
    #[cfg(feature = "report")]
    text: &'static str,
    #[cfg(feature = "report")]
    value: OnceLock<Value>,
}

impl Document {
    /// The document with JSON text `text`.
    pub const fn new(text: &'static str) -> Self {
        #[cfg(not(feature = "report"))]
        let _ = text;
        Document {
            #[cfg(feature = "report")]
            text,
            #[cfg(feature = "report")]
            value: OnceLock::new(),
        }
    }

    #[cfg(feature = "report")]
    pub(crate) fn value(&self) -> &Value {
        // The generator wrote this text from parsed JSON.
        self.value.get_or_init(|| serde_json::from_str(self.text).unwrap_or(Value::Bool(false)))
    }
}

#[cfg(feature = "report")]
/// One check site's compiled validator.
pub type Site = OnceLock<Result<Validator, String>>;

#[cfg(feature = "report")]
fn validator<'s>(doc: &'static Document, site: &'s Site, pointer: &str) -> &'s Result<Validator, String> {
    site.get_or_init(|| {
        Validator::compile(doc.value(), pointer).map_err(|errors| {
            errors.iter().map(|e| format!("{}: {}", e.pointer, e.message)).collect::<Vec<_>>().join("; ")
        })
    })
}

#[cfg(feature = "report")]
/// Reports every problem of `value` against the schema at `pointer`.
pub fn check(
    doc: &'static Document,
    site: &Site,
    pointer: &str,
    value: &Value,
    path: &mut Path,
    out: &mut Vec<Violation>,
    because: Option<&'static str>,
) {
    match validator(doc, site, pointer) {
        Ok(v) => {
            if v.is_valid(value) {
                return;
            }
            let mut problems = Vec::new();
            v.validate(value, &mut problems);
            let base = path.pointer();
            if problems.is_empty() {
                super::rules::record(
                    out,
                    Violation {
                        pointer: base.clone(),
                        rule: Rule::Schema { keyword: "", message: "does not match the schema".to_owned() },
                        because,
                        severity: Severity::Error,
                    },
                );
            }
            for p in problems {
                super::rules::record(
                    out,
                    Violation {
                        pointer: format!("{base}{}", p.instance),
                        rule: Rule::Schema { keyword: p.keyword, message: p.message },
                        because,
                        severity: Severity::Error,
                    },
                );
            }
        }
        Err(e) => super::rules::record(
            out,
            Violation {
                pointer: path.pointer(),
                rule: Rule::Schema { keyword: "$ref", message: format!("the schema does not compile: {e}") },
                because,
                severity: Severity::Error,
            },
        ),
    }
}

#[cfg(feature = "report")]
/// Whether `value` matches the schema at `pointer`.
pub fn test(doc: &'static Document, site: &Site, pointer: &str, value: &Value) -> bool {
    matches!(validator(doc, site, pointer), Ok(v) if v.is_valid(value))
}

#[cfg(feature = "report")]
/// A typed value as JSON, for a schema check on a typed position.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
