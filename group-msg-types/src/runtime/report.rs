//! Every problem of JSON text that fails, at once: what the generated `from_json` returns.
//!
//! The typed parse and `validate()` decide whether text is accepted, exactly as before, and stay
//! the fast path: nothing here runs for text that passes. Text that fails is read again as a
//! `serde_json::Value` and checked against the type's schema in the spec (the same compiled
//! [`Validator`] the untyped positions use; it knows `x-max-bytes`, `x-json-string` and
//! `x-sequence` too), which reports every problem of every kind: wrong types, missing and
//! unknown keys, values outside an enum, unknown union tags, rule violations. A small scanner
//! over the text adds the duplicate keys a `Value` cannot hold and the position of every value,
//! so the list comes sorted by position in the document.
//!
//! The list always holds the problem the typed parse stopped at (its message is added when the
//! schema report has nothing at or around its pointer). Text that is not JSON stays one
//! [`ParseError::NotJson`] with its line and column; text the schema report cannot read as a
//! `Value` (a number beyond 64 bits, nesting past `serde_json`'s 128 levels) or where the schema
//! finds nothing (a limit of the Rust type beyond the schema) keeps the single
//! [`ParseError::Shape`] of the typed parse.

use std::collections::HashMap;
use std::sync::OnceLock;

use group_msg_rules::schema::Validator;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::by_schema::Document;
use super::{Error, ParseError, Rule, Severity, Validate, Violation, Violations};

/// A generated type's schema, for the report on text that fails: the spec document and the
/// type's own schema (JSON text whose `$ref`s point into the document), compiled on first use.
pub struct Root {
    doc: &'static Document,
    schema: &'static str,
    compiled: OnceLock<Option<Validator>>,
}

/// Where the type's schema goes in a copy of the spec document, to be compiled there.
const ROOT_KEY: &str = "x-group-msg-report-root";

impl Root {
    /// The root of a type whose schema is the JSON text `schema`.
    pub const fn new(doc: &'static Document, schema: &'static str) -> Self {
        Root { doc, schema, compiled: OnceLock::new() }
    }

    fn validator(&self) -> Option<&Validator> {
        self.compiled
            .get_or_init(|| {
                let schema: Value = serde_json::from_str(self.schema).ok()?;
                let mut doc = self.doc.value().clone();
                doc.as_object_mut()?.insert(ROOT_KEY.to_owned(), schema);
                Validator::compile(&doc, &format!("/{ROOT_KEY}")).ok()
            })
            .as_ref()
    }
}

/// Parses `text` into `T` and checks every rule; on failure, every problem (see the module
/// documentation). What is accepted is exactly what [`super::parse`] accepts.
pub fn parse<T: DeserializeOwned + Validate>(text: &str, root: &'static Root) -> Result<T, Error> {
    match super::from_json::<T>(text) {
        Ok(value) => match value.validate() {
            Ok(()) => Ok(value),
            Err(v) => Err(Error::Rules(reword(v, text, root))),
        },
        Err(e @ ParseError::NotJson { .. }) => Err(Error::Parse(e)),
        Err(e @ ParseError::Shape { .. }) => match report(text, root, &e) {
            Some(list) => Err(Error::Rules(list)),
            None => Err(Error::Parse(e)),
        },
    }
}

/// The violations of a value that parsed: the typed ones, kept; a `contains` count gets the
/// schema report's words, which name what is counted and where ("at most 1 element with
/// `MsgType` `TIMCustomElem`, found 2 (at /MsgBody/1 and /MsgBody/3)").
#[cold]
fn reword(mut v: Violations, text: &str, root: &'static Root) -> Violations {
    if !v.iter().any(|x| matches!(x.rule, Rule::MinContains { .. } | Rule::MaxContains { .. })) {
        return v;
    }
    let (Some(validator), Ok(value)) = (root.validator(), serde_json::from_str::<Value>(text)) else { return v };
    let mut problems = Vec::new();
    validator.validate(&value, &mut problems);
    for x in &mut v.0 {
        let keyword = match x.rule {
            Rule::MinContains { .. } => "minContains",
            Rule::MaxContains { .. } => "maxContains",
            _ => continue,
        };
        if let Some(p) = problems.iter().find(|p| p.keyword == keyword && p.instance == x.pointer) {
            x.rule = Rule::Reported { keyword, message: p.message.clone() };
        }
    }
    v
}

/// Every problem of `text` (JSON whose typed parse failed with `first`), sorted by position;
/// `None` when the text cannot be read as a `serde_json::Value` or the schema does not compile.
#[cold]
#[inline(never)]
fn report(text: &str, root: &'static Root, first: &ParseError) -> Option<Violations> {
    let validator = root.validator()?;
    let value: Value = serde_json::from_str(text).ok()?;
    let scan = Scan::new(text);
    let mut found: Vec<(usize, Violation)> = Vec::new();
    for (object, key, at) in &scan.duplicates {
        let rule =
            Rule::Reported { keyword: "duplicate", message: format!("duplicate key `{}`", super::de::short(key)) };
        found.push((*at, error(scan.pointer(*object), rule)));
    }
    let mut problems = Vec::new();
    validator.validate(&value, &mut problems);
    for p in problems {
        // An unknown key is reported at its object; it sorts where the key is.
        let at = match p.keyword {
            "additionalProperties" | "unevaluatedProperties" => named_key(&p.message)
                .and_then(|k| scan.find(&format!("{}/{}", p.instance, escape(k))))
                .or_else(|| scan.find(&p.instance)),
            _ => scan.find(&p.instance),
        }
        .unwrap_or(0);
        let v = error(p.instance, Rule::Reported { keyword: p.keyword, message: p.message });
        // A tag outside the list is said once (by `enum` and by its union).
        if found.iter().any(|(_, x)| x.pointer == v.pointer && x.rule.to_string() == v.rule.to_string()) {
            continue;
        }
        found.push((at, v));
    }
    // Nothing the schema refuses: a limit of the Rust type beyond the schema (an integer past
    // 64 bits), said by the typed parse's own error.
    if found.is_empty() {
        return None;
    }
    // The problem the typed parse stopped at is always listed.
    if let ParseError::Shape { pointer, message } = first {
        // Related: the same value, one inside the other, or in the same object (a union's tag
        // and its content).
        let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        let related =
            |p: &str| p == pointer || pointer.starts_with(&format!("{p}/")) || p.starts_with(&format!("{parent}/"));
        // A union none of whose branches fits says less than the typed parse, which names the
        // shape it expected: its words replace the schema's.
        let generic = |v: &Violation| {
            let m = v.rule.to_string();
            m == "matches none of the allowed schemas" || m.starts_with("must match exactly one schema")
        };
        found.retain(|(_, v)| !(generic(v) && related(&v.pointer)));
        if !found.iter().any(|(_, v)| related(&v.pointer)) {
            let at = scan.find(pointer).unwrap_or(0);
            found.push((at, error(pointer.clone(), Rule::Reported { keyword: "type", message: message.clone() })));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut list: Vec<Violation> = found.into_iter().map(|(_, v)| v).collect();
    if list.len() > super::MAX_VIOLATIONS {
        let count = list.len() - super::MAX_VIOLATIONS;
        list.truncate(super::MAX_VIOLATIONS);
        list.push(error(String::new(), Rule::More { count }));
    }
    Some(Violations(list))
}

fn error(pointer: String, rule: Rule) -> Violation {
    Violation { pointer, rule, because: None, severity: Severity::Error }
}

/// The key a "`key` is not allowed" message names.
fn named_key(message: &str) -> Option<&str> {
    message.strip_prefix('`')?.split_once("` is not allowed").map(|(k, _)| k)
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Where each value of JSON text starts, and its duplicate keys: found without recursing, in
/// linear time and memory (a node per value, keyed by its parent and key or index).
struct Scan {
    /// Per value: its parent, its key (unescaped) or index, and its offset in the text.
    nodes: Vec<(u32, String, usize)>,
    /// (parent, key or index) -> the value (the last copy of a duplicate key, as a `Value` keeps).
    children: HashMap<(u32, String), u32>,
    /// (object, key, offset of the second copy).
    duplicates: Vec<(u32, String, usize)>,
}

impl Scan {
    /// Scans `text`, which must be JSON (it was read as a `Value`).
    fn new(text: &str) -> Scan {
        enum Frame {
            Object { node: u32, key: Option<String>, seen: std::collections::HashSet<String> },
            Array { node: u32, index: usize },
        }
        let bytes = text.as_bytes();
        let mut scan = Scan { nodes: Vec::new(), children: HashMap::new(), duplicates: Vec::new() };
        let mut stack: Vec<Frame> = Vec::new();
        let mut i = 0;
        // A value starts at `i`: record it below the current frame.
        let start = |scan: &mut Scan, stack: &mut Vec<Frame>, at: usize| -> u32 {
            let id = scan.nodes.len() as u32;
            let (parent, seg) = match stack.last_mut() {
                Some(Frame::Object { node, key, .. }) => (*node, key.take().unwrap_or_default()),
                Some(Frame::Array { node, index }) => {
                    *index += 1;
                    (*node, (*index - 1).to_string())
                }
                None => (u32::MAX, String::new()),
            };
            scan.nodes.push((parent, seg.clone(), at));
            if parent != u32::MAX {
                scan.children.insert((parent, seg), id);
            }
            id
        };
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    let s = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    let raw = &text[s..(i + 1).min(text.len())];
                    let is_key = matches!(stack.last(), Some(Frame::Object { key: None, .. }))
                        && text[i + 1..].trim_start().starts_with(':');
                    if is_key {
                        let key: String = if raw.contains('\\') {
                            serde_json::from_str(raw).unwrap_or_default()
                        } else {
                            raw[1..raw.len() - 1].to_owned()
                        };
                        if let Some(Frame::Object { node, key: slot, seen }) = stack.last_mut() {
                            if !seen.insert(key.clone()) {
                                scan.duplicates.push((*node, key.clone(), s));
                            }
                            *slot = Some(key);
                        }
                    } else {
                        start(&mut scan, &mut stack, s);
                    }
                }
                b'{' => {
                    let node = start(&mut scan, &mut stack, i);
                    stack.push(Frame::Object { node, key: None, seen: Default::default() });
                }
                b'[' => {
                    let node = start(&mut scan, &mut stack, i);
                    stack.push(Frame::Array { node, index: 0 });
                }
                b'}' | b']' => {
                    stack.pop();
                }
                b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                    start(&mut scan, &mut stack, i);
                    while i + 1 < bytes.len()
                        && !matches!(bytes[i + 1], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    {
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        scan
    }

    /// The offset of the value at `pointer`, or of the deepest value on its way.
    fn find(&self, pointer: &str) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut node = 0u32;
        for seg in pointer.split('/').skip(1) {
            let seg = seg.replace("~1", "/").replace("~0", "~");
            match self.children.get(&(node, seg)) {
                Some(&child) => node = child,
                None => break,
            }
        }
        Some(self.nodes[node as usize].2)
    }

    /// The JSON pointer of `node`.
    fn pointer(&self, mut node: u32) -> String {
        let mut segs = Vec::new();
        while let Some((parent, seg, _)) = self.nodes.get(node as usize) {
            if *parent == u32::MAX {
                break;
            }
            segs.push(escape(seg));
            node = *parent;
        }
        segs.iter().rev().map(|s| format!("/{s}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Scan;

    #[test]
    fn scan_finds_positions_and_duplicates() {
        let text = r#"{"a": [1, {"b~/": true, "b~/": "x"}], "c": null, "c": -2.5e3}"#;
        let scan = Scan::new(text);
        assert_eq!(scan.find(""), Some(0));
        assert_eq!(scan.find("/a"), Some(text.find("[1").unwrap()));
        assert_eq!(scan.find("/a/1/b~0~1"), Some(text.find("\"x\"").unwrap()));
        // The last copy of a duplicate key, as a `Value` keeps.
        assert_eq!(scan.find("/c"), Some(text.find("-2.5e3").unwrap()));
        assert_eq!(scan.find("/a/1/zzz"), Some(text.find("{\"b").unwrap()));
        let dups: Vec<(String, &str)> =
            scan.duplicates.iter().map(|(o, k, _)| (scan.pointer(*o), k.as_str())).collect();
        assert_eq!(dups, vec![("/a/1".to_owned(), "b~/"), (String::new(), "c")]);
    }
}
