//! The reference side of the differential and fuzz tests: the `jsonschema` crate run over a
//! whole spec document, and an oracle for the `x-` rules the reference does not know.

use serde_json::{json, Value};
use std::sync::OnceLock;

/// The seeded PRNG of every generated test input (one definition, in [`crate::schemagen`]).
pub use crate::schemagen::Rng;

/// `format: https-uri` as specs/README.md defines it: an absolute URI (by the reference's own
/// `uri` check) whose scheme is `https` (schemes are case-insensitive, RFC 3986 3.1) with a host.
pub fn is_https_uri(s: &str) -> bool {
    static URI: OnceLock<jsonschema::Validator> = OnceLock::new();
    let uri = URI.get_or_init(|| {
        jsonschema::draft202012::options().should_validate_formats(true).build(&json!({"format": "uri"})).unwrap()
    });
    let host = s.get(8..).map(|rest| rest.split(['/', '?', '#']).next().unwrap_or("").rsplit('@').next().unwrap_or(""));
    uri.is_valid(&json!(s))
        && s.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        && host.is_some_and(|h| !h.is_empty() && !h.starts_with(':'))
}

/// One validator over the whole spec document: the document itself, with a root `$ref` to the
/// schema under test, so every `#/components/schemas/X` resolves against it.
pub fn reference(spec: &str, schema: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(spec);
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    drop_warnings(&mut doc);
    doc["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    doc["$ref"] = json!(format!("#/components/schemas/{schema}"));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_format("https-uri", is_https_uri)
        .build(&doc)
        .unwrap_or_else(|e| panic!("{spec}: the reference refuses the document: {e}"))
}

/// Replaces every subschema marked `x-severity: "warning"` by `true`: its rules only warn, so the
/// reference of what is refused must not see them (specs/README.md, "Errors and warnings").
pub fn drop_warnings(v: &mut Value) {
    match v {
        Value::Object(o) if o.get("x-severity").and_then(Value::as_str) == Some("warning") => *v = Value::Bool(true),
        Value::Object(o) => o.values_mut().for_each(drop_warnings),
        Value::Array(a) => a.iter_mut().for_each(drop_warnings),
        _ => {}
    }
}

/// An `x-` rule broken, as the oracle sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum XRule {
    MaxBytes { limit: u64, actual: u64 },
    JsonString,
    Sequence { expected: i64, actual: i64 },
}

/// The `x-` violations of a payload: (pointer, rule).
pub type Oracle = fn(&Value) -> Vec<(String, XRule)>;

/// Tencent `MsgBody`: `x-max-bytes` 12288 of compact JSON.
pub fn tencent_x(v: &Value) -> Vec<(String, XRule)> {
    match v.get("MsgBody") {
        Some(body @ Value::Array(_)) => {
            let actual = serde_json::to_string(body).unwrap().len() as u64;
            if actual > 12288 {
                return vec![("/MsgBody".into(), XRule::MaxBytes { limit: 12288, actual })];
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// upbot `botcustom_ext.params`: `x-json-string`.
pub fn upbot_x(v: &Value) -> Vec<(String, XRule)> {
    let mut out = Vec::new();
    if let Some(links) = v.pointer("/body/link_to_msg").and_then(Value::as_array) {
        for (i, link) in links.iter().enumerate() {
            if let Some(Value::String(p)) = link.pointer("/botcustom_ext/params") {
                if serde_json::from_str::<Value>(p).is_err() {
                    out.push((format!("/body/link_to_msg/{i}/botcustom_ext/params"), XRule::JsonString));
                }
            }
        }
    }
    out
}

/// qopen `msg_list`: `x-sequence` msg_num 1, 2, ... n.
pub fn qopen_x(v: &Value) -> Vec<(String, XRule)> {
    let mut out = Vec::new();
    if let Some(list) = v.get("msg_list").and_then(Value::as_array) {
        for (i, item) in list.iter().enumerate() {
            let n = item.get("msg_num");
            // A msg_num beyond i64 is out of sequence too; a whole number written `21.0` is the
            // integer 21 (JSON Schema's reading, and the parse's).
            let whole = n.and_then(Value::as_f64).filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18).map(|f| f as i64);
            if let Some(actual) = n.and_then(Value::as_i64).or(n.and_then(Value::as_u64).map(|_| i64::MAX)).or(whole) {
                let expected = 1 + i as i64;
                if actual != expected {
                    out.push((format!("/msg_list/{i}"), XRule::Sequence { expected, actual }));
                }
            }
        }
    }
    out
}

pub fn yunhu_x(_: &Value) -> Vec<(String, XRule)> {
    Vec::new()
}
