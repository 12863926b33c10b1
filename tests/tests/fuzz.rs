//! The project's own fuzzer: a bounded mutation loop over the fixtures of all four APIs
//! (`fixtures/manifest.json`), with byte-level mutations (flip, insert, delete, truncate, splice)
//! and structure-level ones (change a type, a value at a spec boundary, drop, add or rename a
//! key, reorder keys, nest deeper, and duplicate keys in every position: struct fields, a union's
//! payload before and after its tag, the tag itself, `extra` maps, objects in nested arrays).
//!
//! Every input is checked for:
//! - no panic;
//! - `from_json` and `validate()` agreeing with `runtime::parse` (same shape error, same
//!   violations);
//! - round trip: a value that parses and validates serializes to JSON that parses to a value
//!   that validates and serializes to the same JSON, and that the reference accepts;
//! - the verdict of the reference (`jsonschema` over the spec document, plus the `x-` oracle of
//!   `group_msg_tests::reference`): we accept exactly what it accepts. Two exceptions are
//!   asserted as exactly that: a number the Rust type cannot hold (`2.0` or a number past the
//!   type's range in an integer field: a shape error at that number, never `-0`), and a text
//!   with a duplicate key, which the reference cannot see (`serde_json::Value` keeps the last
//!   copy): we refuse it, and when both the first and the last copy would be valid the error is
//!   `duplicate key`;
//! - text that is not JSON is refused as not JSON, at a line and column inside the text (or with
//!   the shape error that comes first in it), never accepted or validated; JSON
//!   with a number past `f64` (`1e400`) is refused, and not as "not JSON"; JSON nested deeper
//!   than `runtime::MAX_DEPTH` is refused with the limit in the message, and shallower JSON is
//!   judged like any other (serde_json's own limit of 127 does not apply).
//!
//! `cargo test` runs a fixed-seed slice; `cargo xtask fuzz --iterations N --seed S` runs longer
//! (release build). `GROUP_MSG_FUZZ_ITERATIONS`, `GROUP_MSG_FUZZ_SEED` and
//! `GROUP_MSG_FUZZ_ONLY` (one iteration, to replay a failure) set the loop;
//! `GROUP_MSG_FUZZ_SHOW=text` shows only the failures whose disagreement contains `text`. Each iteration draws
//! from its own generator, seeded by the seed and the iteration number.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};

use group_msg_tests::reference::{qopen_x, reference, tencent_x, upbot_x, yunhu_x, Oracle, Rng, XRule};
use group_msg_types::runtime::{from_json, Error, ParseError, Rule, Validate, MAX_DEPTH};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The slice `cargo test` runs (about 7 s in a debug build on the CI machine).
const CI_ITERATIONS: u64 = 20_000;
const CI_SEED: u64 = 0x6775_7a7a;

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    Some(match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).unwrap_or_else(|_| panic!("{name}={v}: not a number")),
        None => v.parse().unwrap_or_else(|_| panic!("{name}={v}: not a number")),
    })
}

// ---------------------------------------------------------------------------------------------
// JSON as written: duplicate keys and key order kept, numbers as text (`1e400`, `-0`).

#[derive(Clone, Debug)]
enum Node {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

/// Parses JSON into a [`Node`], numbers as written. Lenient (it is for text that serde_json
/// accepts, or that a mutation starts from): `None` when it cannot make sense of the text.
fn parse_node(text: &str) -> Option<Node> {
    fn ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && b" \t\r\n".contains(&b[*i]) {
            *i += 1;
        }
    }
    fn string(t: &str, i: &mut usize) -> Option<String> {
        let b = t.as_bytes();
        let start = *i;
        *i += 1;
        while *i < b.len() && b[*i] != b'"' {
            *i += if b[*i] == b'\\' { 2 } else { 1 };
        }
        *i += 1;
        serde_json::from_str(t.get(start..*i)?).ok()
    }
    fn value(t: &str, i: &mut usize, depth: usize) -> Option<Node> {
        let b = t.as_bytes();
        ws(b, i);
        if depth > 400 {
            return None;
        }
        Some(match *b.get(*i)? {
            b'{' => {
                *i += 1;
                let mut entries = Vec::new();
                ws(b, i);
                if b.get(*i) == Some(&b'}') {
                    *i += 1;
                    return Some(Node::Obj(entries));
                }
                loop {
                    ws(b, i);
                    if b.get(*i) != Some(&b'"') {
                        return None;
                    }
                    let k = string(t, i)?;
                    ws(b, i);
                    if b.get(*i) != Some(&b':') {
                        return None;
                    }
                    *i += 1;
                    entries.push((k, value(t, i, depth + 1)?));
                    ws(b, i);
                    match b.get(*i)? {
                        b',' => *i += 1,
                        b'}' => {
                            *i += 1;
                            return Some(Node::Obj(entries));
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                *i += 1;
                let mut items = Vec::new();
                ws(b, i);
                if b.get(*i) == Some(&b']') {
                    *i += 1;
                    return Some(Node::Arr(items));
                }
                loop {
                    items.push(value(t, i, depth + 1)?);
                    ws(b, i);
                    match b.get(*i)? {
                        b',' => *i += 1,
                        b']' => {
                            *i += 1;
                            return Some(Node::Arr(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => Node::Str(string(t, i)?),
            b't' if t[*i..].starts_with("true") => {
                *i += 4;
                Node::Bool(true)
            }
            b'f' if t[*i..].starts_with("false") => {
                *i += 5;
                Node::Bool(false)
            }
            b'n' if t[*i..].starts_with("null") => {
                *i += 4;
                Node::Null
            }
            b'-' | b'0'..=b'9' => {
                let start = *i;
                while *i < b.len() && b"+-0123456789.eE".contains(&b[*i]) {
                    *i += 1;
                }
                Node::Num(t[start..*i].to_owned())
            }
            _ => return None,
        })
    }
    let mut i = 0;
    let node = value(text, &mut i, 0)?;
    ws(text.as_bytes(), &mut i);
    (i == text.len()).then_some(node)
}

impl Node {
    fn write(&self, out: &mut String) {
        match self {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Num(n) => out.push_str(n),
            Node::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Node::Arr(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write(out);
                }
                out.push(']');
            }
            Node::Obj(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }

    /// The value a parser that keeps the first copy of a key reads.
    fn first(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Num(n) => serde_json::from_str(n).unwrap_or(Value::Null),
            Node::Str(s) => Value::String(s.clone()),
            Node::Arr(items) => Value::Array(items.iter().map(Node::first).collect()),
            Node::Obj(entries) => {
                let mut m = serde_json::Map::new();
                for (k, v) in entries {
                    if !m.contains_key(k) {
                        m.insert(k.clone(), v.first());
                    }
                }
                Value::Object(m)
            }
        }
    }

    /// The pointer (`/object/key`) of every key that is not the first of its name in its object.
    fn duplicates(&self, at: &str, out: &mut Vec<String>) {
        match self {
            Node::Arr(items) => {
                for (i, x) in items.iter().enumerate() {
                    x.duplicates(&format!("{at}/{i}"), out);
                }
            }
            Node::Obj(entries) => {
                let mut seen = BTreeSet::new();
                for (k, v) in entries {
                    let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                    if !seen.insert(k.as_str()) {
                        out.push(here.clone());
                    }
                    v.duplicates(&here, out);
                }
            }
            _ => {}
        }
    }
}

/// Every node's path (indexes into arrays and into objects' entry lists).
fn paths(n: &Node) -> Vec<Vec<usize>> {
    fn walk(n: &Node, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        out.push(at.clone());
        let children: Vec<&Node> = match n {
            Node::Arr(items) => items.iter().collect(),
            Node::Obj(entries) => entries.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        for (i, c) in children.into_iter().enumerate() {
            at.push(i);
            walk(c, at, out);
            at.pop();
        }
    }
    let mut out = Vec::new();
    walk(n, &mut Vec::new(), &mut out);
    out
}

fn at_mut<'a>(mut n: &'a mut Node, path: &[usize]) -> &'a mut Node {
    for &i in path {
        n = match n {
            Node::Arr(items) => &mut items[i],
            Node::Obj(entries) => &mut entries[i].1,
            _ => unreachable!("paths() only lists existing nodes"),
        };
    }
    n
}

fn pointer_of(root: &Node, path: &[usize]) -> String {
    let mut n = root;
    let mut out = String::new();
    for &i in path {
        n = match n {
            Node::Arr(items) => {
                write!(out, "/{i}").unwrap();
                &items[i]
            }
            Node::Obj(entries) => {
                write!(out, "/{}", entries[i].0).unwrap();
                &entries[i].1
            }
            _ => unreachable!(),
        };
    }
    out
}

/// A random node of `root` that `want` accepts: its path.
fn pick(root: &Node, rng: &mut Rng, want: impl Fn(&Node) -> bool) -> Option<Vec<usize>> {
    let all: Vec<Vec<usize>> = paths(root)
        .into_iter()
        .filter(|p| {
            let mut n = root;
            for &i in p {
                n = match n {
                    Node::Arr(items) => &items[i],
                    Node::Obj(entries) => &entries[i].1,
                    _ => unreachable!(),
                };
            }
            want(n)
        })
        .collect();
    (!all.is_empty()).then(|| rng.pick(&all).clone())
}

// ---------------------------------------------------------------------------------------------
// The targets: one per (API, type) of the manifest.

/// What our side did with a text.
#[derive(Debug)]
enum Outcome {
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    Shape {
        pointer: String,
        message: String,
    },
    /// (pointer, an `x-` rule, display) of each violation.
    Rules(Vec<(String, bool, String)>),
    /// Parsed and valid: the JSON it serializes to.
    Valid(String),
}

/// Our side on `text` as `T`, and every internal disagreement (parse/validate, round trip).
fn ours<T: DeserializeOwned + Validate + Serialize>(text: &str) -> (Outcome, Vec<String>) {
    let mut problems = Vec::new();
    let full = group_msg_types::runtime::parse::<T>(text).map(|_| ());
    let outcome = match from_json::<T>(text) {
        Err(e) => {
            match &full {
                Err(Error::Parse(f)) if *f == e => {}
                other => problems.push(format!("from_json says {e:?}, runtime::parse says {other:?}")),
            }
            match e {
                ParseError::NotJson { line, column, message } => Outcome::NotJson { line, column, message },
                ParseError::Shape { pointer, message } => Outcome::Shape { pointer, message },
            }
        }
        Ok(v) => match v.validate() {
            Err(violations) => {
                match &full {
                    Err(Error::Rules(f)) if f.to_string() == violations.to_string() => {}
                    other => problems
                        .push(format!("from_json then validate() says {violations}, runtime::parse says {other:?}")),
                }
                Outcome::Rules(
                    violations
                        .iter()
                        .map(|v| {
                            let x = matches!(
                                v.rule,
                                Rule::MaxBytes { .. } | Rule::JsonString { .. } | Rule::Sequence { .. }
                            );
                            (v.pointer.clone(), x, v.to_string())
                        })
                        .collect(),
                )
            }
            Ok(()) => {
                if let Err(e) = &full {
                    problems.push(format!("from_json then validate() accept, runtime::parse says {e}"));
                }
                match serde_json::to_string(&v) {
                    Err(e) => {
                        problems.push(format!("a valid value does not serialize: {e}"));
                        Outcome::Valid(String::new())
                    }
                    Ok(written) => {
                        match from_json::<T>(&written) {
                            Err(e) => problems.push(format!(
                                "round trip: what we write does not parse back: {e}\n    written: {written}"
                            )),
                            Ok(back) => {
                                if let Err(e) = back.validate() {
                                    problems.push(format!(
                                        "round trip: what we write does not validate: {e}\n    written: {written}"
                                    ));
                                }
                                let again = serde_json::to_string(&back).unwrap_or_default();
                                if again != written {
                                    problems.push(format!("round trip: parsed back to a different value\n    written: {written}\n    again:   {again}"));
                                }
                            }
                        }
                        Outcome::Valid(written)
                    }
                }
            }
        },
    };
    (outcome, problems)
}

struct Target {
    api: &'static str,
    schema: &'static str,
    ours: fn(&str) -> (Outcome, Vec<String>),
    oracle: Oracle,
    reference: jsonschema::Validator,
    seeds: Vec<String>,
    /// Discriminator keys of the spec (`MsgType`, `msg_type` ...).
    tags: Vec<String>,
    /// Every key the spec and the seeds know.
    keys: Vec<String>,
    /// Numbers at and around the spec's limits, as written.
    numbers: Vec<String>,
    /// Lengths (characters or bytes) at and around the spec's limits.
    lengths: Vec<usize>,
    /// Item counts at and around the spec's limits.
    counts: Vec<usize>,
}

/// upbot's `x-json-string` on a bare `MessageBody`.
fn upbot_body_x(v: &Value) -> Vec<(String, XRule)> {
    upbot_x(&serde_json::json!({ "body": v }))
        .into_iter()
        .map(|(p, r)| (p.strip_prefix("/body").unwrap_or(&p).to_owned(), r))
        .collect()
}

fn targets() -> Vec<Target> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(root.join("fixtures/manifest.json")).unwrap()).unwrap();
    type Ours = fn(&str) -> (Outcome, Vec<String>);
    let table: [(&str, &str, &str, Ours, Oracle); 11] = [
        (
            "tencent_im.send_group_msg",
            "tencent_im/send_group_msg",
            "SendGroupMsgRequest",
            ours::<tencent_im::send_group_msg::Request>,
            tencent_x,
        ),
        (
            "tencent_im.send_group_msg",
            "tencent_im/send_group_msg",
            "SendGroupMsgResponse",
            ours::<tencent_im::send_group_msg::Response>,
            yunhu_x,
        ),
        ("yunhu.batch_send", "yunhu/bot", "BatchSendRequest", ours::<yunhu::batch_send::Request>, yunhu_x),
        ("yunhu.batch_send", "yunhu/bot", "BatchSendResponse", ours::<yunhu::batch_send::Response>, yunhu_x),
        ("yunhu.send", "yunhu/bot", "SendRequest", ours::<yunhu::send::Request>, yunhu_x),
        ("yunhu.send", "yunhu/bot", "SendResponse", ours::<yunhu::send::Response>, yunhu_x),
        (
            "upbot.send_group_message",
            "upbot/send_group_message",
            "SendGroupMessageRequest",
            ours::<upbot::send_group_message::Request>,
            upbot_x,
        ),
        (
            "upbot.send_group_message",
            "upbot/send_group_message",
            "MessageBody",
            ours::<upbot::send_group_message::MessageBody>,
            upbot_body_x,
        ),
        (
            "qopen.send_msg_to_group",
            "qopen/send_msg_to_group",
            "SendMsgToGroupRequest",
            ours::<qopen::send_msg_to_group::Request>,
            qopen_x,
        ),
        (
            "qopen.send_msg_to_group",
            "qopen/send_msg_to_group",
            "SendMsgToGroupResponse",
            ours::<qopen::send_msg_to_group::Response>,
            yunhu_x,
        ),
        (
            "qopen.send_msg_to_group",
            "qopen/send_msg_to_group",
            "SendResultCallback",
            ours::<qopen::send_msg_to_group::Callback>,
            yunhu_x,
        ),
    ];
    table
        .into_iter()
        .map(|(api, file, schema, ours, oracle)| {
            let spec_path = format!("specs/{file}.json");
            let spec: Value =
                serde_json::from_str(&std::fs::read_to_string(root.join("..").join(&spec_path)).unwrap()).unwrap();
            let reference = reference(&spec_path, schema);
            let mut seeds = Vec::new();
            for e in manifest.iter().filter(|e| e["api"] == api && e["type"] == schema) {
                let text = std::fs::read_to_string(root.join("fixtures").join(e["file"].as_str().unwrap())).unwrap();
                let pointer = e["pointer"].as_str().unwrap();
                let text = match pointer {
                    "" => text,
                    p => serde_json::from_str::<Value>(&text).unwrap().pointer(p).unwrap().to_string(),
                };
                // A fixture that contradicts the tables, with the contradicting keys removed: a
                // valid seed too when the reference accepts it (qopen has no other).
                if e["expect"] == "reject" {
                    let mut v: Value = serde_json::from_str(&text).unwrap();
                    for rp in e["reject_pointers"].as_array().unwrap() {
                        let rp = rp.as_str().unwrap().strip_prefix(pointer).unwrap_or_default();
                        if let Some((parent, key)) = rp.rsplit_once('/') {
                            if let Some(Value::Object(m)) = v.pointer_mut(parent) {
                                m.shift_remove(key);
                            }
                        }
                    }
                    if reference.is_valid(&v) && oracle(&v).is_empty() {
                        seeds.push(v.to_string());
                    }
                }
                seeds.push(text);
            }
            assert!(!seeds.is_empty(), "{api} {schema}: no fixture");
            let (mut tags, mut keys, mut limits) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
            let mut stack = vec![&spec];
            while let Some(v) = stack.pop() {
                match v {
                    Value::Object(m) => {
                        if let Some(Value::String(t)) = m.get("discriminator").and_then(|d| d.get("propertyName")) {
                            tags.insert(t.clone());
                        }
                        if let Some(Value::Object(props)) = m.get("properties") {
                            keys.extend(props.keys().cloned());
                        }
                        for (k, x) in m {
                            if let (true, Some(n)) = (
                                [
                                    "minimum",
                                    "maximum",
                                    "exclusiveMinimum",
                                    "exclusiveMaximum",
                                    "multipleOf",
                                    "minLength",
                                    "maxLength",
                                    "minItems",
                                    "maxItems",
                                    "x-max-bytes",
                                    "const",
                                ]
                                .contains(&k.as_str()),
                                x.as_f64(),
                            ) {
                                limits.insert((n * 1000.0) as i64);
                            }
                            stack.push(x);
                        }
                    }
                    Value::Array(a) => stack.extend(a),
                    _ => {}
                }
            }
            for s in &seeds {
                if let Ok(n) = parse_node(s).ok_or(()) {
                    for p in paths(&n) {
                        let mut node = &n;
                        for &i in &p {
                            node = match node {
                                Node::Arr(items) => &items[i],
                                Node::Obj(entries) => {
                                    keys.insert(entries[i].0.clone());
                                    &entries[i].1
                                }
                                _ => unreachable!(),
                            };
                        }
                    }
                }
            }
            let mut numbers: BTreeSet<String> = [
                "0",
                "-0",
                "-0.0",
                "0.0",
                "1",
                "-1",
                "2.0",
                "1.5",
                "0.1",
                "1e-12",
                "123456789.1",
                "1E2",
                "1e2",
                "1e400",
                "-1e400",
                "1e-400",
                "2147483647",
                "2147483648",
                "-2147483648",
                "-2147483649",
                "4294967295",
                "4294967296",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "18446744073709551615",
                "18446744073709551616",
                "0.30000000000000004",
            ]
            .into_iter()
            .map(String::from)
            .collect();
            let (mut lengths, mut counts) = (BTreeSet::from([0usize, 1, 2]), BTreeSet::from([0usize, 1, 2]));
            for l in &limits {
                let f = *l as f64 / 1000.0;
                for d in [-1.0, -0.5, -0.1, 0.0, 0.1, 0.5, 1.0] {
                    numbers.insert(Value::from(f + d).to_string());
                }
                if *l >= 0 && *l % 1000 == 0 {
                    let n = (*l / 1000) as usize;
                    numbers.extend([n.to_string(), (n + 1).to_string(), format!("-{n}")]);
                    if n <= 40_000 {
                        lengths.extend([n.saturating_sub(1), n, n + 1]);
                    }
                    if n <= 300 {
                        counts.extend([n.saturating_sub(1), n, n + 1]);
                    }
                }
            }
            Target {
                api,
                schema,
                ours,
                oracle,
                reference,
                seeds,
                tags: tags.into_iter().collect(),
                keys: keys.into_iter().collect(),
                numbers: numbers.into_iter().collect(),
                lengths: lengths.into_iter().collect(),
                counts: counts.into_iter().collect(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mutations.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Flip,
    Insert,
    Delete,
    Truncate,
    Splice,
    ChangeType,
    Boundary,
    DropKey,
    AddKey,
    RenameKey,
    Reorder,
    /// A union's tag moved after its payload (the payload is then read before the tag).
    TagLast,
    Deepen,
    /// A second copy of a key anywhere, with the same or another value.
    DupKey,
    /// A union payload key twice, one copy before the tag and one after.
    DupPayload,
    /// The tag twice.
    DupTag,
    /// An unknown key twice (an `extra` map keeps unknown keys).
    DupExtra,
}

const KINDS: &[Kind] = &[
    Kind::Flip,
    Kind::Insert,
    Kind::Delete,
    Kind::Truncate,
    Kind::Splice,
    Kind::ChangeType,
    Kind::Boundary,
    Kind::Boundary,
    Kind::DropKey,
    Kind::AddKey,
    Kind::RenameKey,
    Kind::Reorder,
    Kind::TagLast,
    Kind::Deepen,
    Kind::DupKey,
    Kind::DupKey,
    Kind::DupPayload,
    Kind::DupPayload,
    Kind::DupTag,
    Kind::DupExtra,
];

/// Bytes that matter to a JSON parser.
const BYTES: &[u8] = b"{}[]\":,.-+eE0123456789 \\/untrlfa\x00\x1f\xff";

fn byte_mutation(kind: Kind, text: &str, t: &Target, rng: &mut Rng) -> (String, String) {
    let mut b = text.as_bytes().to_vec();
    let at = rng.below(b.len() + 1);
    let what = match kind {
        Kind::Flip if !b.is_empty() => {
            let i = at.min(b.len() - 1);
            let bit = 1u8 << rng.below(8);
            b[i] ^= bit;
            format!("flip bit {bit:#04x} of byte {i}")
        }
        Kind::Delete if !b.is_empty() => {
            let i = at.min(b.len() - 1);
            let n = (1 + rng.below(8)).min(b.len() - i);
            b.drain(i..i + n);
            format!("delete {n} bytes at {i}")
        }
        Kind::Truncate => {
            b.truncate(at);
            format!("truncate at {at}")
        }
        Kind::Splice => {
            let other = rng.pick(&t.seeds).as_bytes();
            let from = rng.below(other.len() + 1);
            let to = (from + 1 + rng.below(64)).min(other.len());
            let replace = rng.below(2) == 0;
            let end = if replace { (at + rng.below(16)).min(b.len()) } else { at };
            b.splice(at..end, other[from..to].iter().copied());
            format!("splice {} bytes of a seed over {at}..{end}", to - from)
        }
        _ => {
            let x = *rng.pick(BYTES);
            b.insert(at, x);
            format!("insert {x:#04x} at {at}")
        }
    };
    // The entry points take `&str`: a mutation that breaks UTF-8 gets replacement characters.
    (String::from_utf8_lossy(&b).into_owned(), what)
}

/// A value of another JSON type.
fn other_type(rng: &mut Rng) -> Node {
    match rng.below(8) {
        0 => Node::Null,
        1 => Node::Bool(rng.below(2) == 0),
        2 => Node::Num("7".into()),
        3 => Node::Num("1.5".into()),
        4 => Node::Str("x".into()),
        5 => Node::Arr(Vec::new()),
        6 => Node::Obj(Vec::new()),
        _ => Node::Str(String::new()),
    }
}

fn string_of(len: usize, rng: &mut Rng) -> String {
    // CJK characters are 3 UTF-8 bytes: a character limit and a byte limit differ.
    let unit = *rng.pick(&["a", "群", "é"]);
    unit.repeat(len)
}

/// A value at a boundary for the node it replaces.
fn boundary(old: &Node, t: &Target, rng: &mut Rng) -> Node {
    match old {
        Node::Num(_) | Node::Bool(_) | Node::Null => Node::Num(rng.pick(&t.numbers).clone()),
        Node::Str(_) => match rng.below(3) {
            0 => Node::Str(
                (*rng.pick(&[
                    "https://a@b@c/",
                    "https://www.exam]ple.com/",
                    "https://a#b#c",
                    "https://[zz]/",
                    "https://example.com/a?b#c",
                    "HTTPS://EXAMPLE.COM",
                    "https://:443/",
                    "http://example.com/",
                    "{\"a\": 1}",
                    "{\"a\": ",
                    "\u{0}",
                    "\u{202e}",
                    "@TGS#1",
                ]))
                .to_owned(),
            ),
            _ => {
                let len = *rng.pick(&t.lengths);
                Node::Str(string_of(len, rng))
            }
        },
        Node::Arr(items) => {
            let n = *rng.pick(&t.counts);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(items.get(i % items.len().max(1)).cloned().unwrap_or(Node::Num(i.to_string())));
            }
            Node::Arr(out)
        }
        Node::Obj(_) => other_type(rng),
    }
}

/// Applies one structure-level mutation; `None` when it does not apply to this value.
fn structure_mutation(kind: Kind, root: &mut Node, t: &Target, rng: &mut Rng) -> Option<String> {
    let is_obj = |n: &Node| matches!(n, Node::Obj(e) if !e.is_empty());
    let has_tag = |n: &Node| matches!(n, Node::Obj(e) if e.len() >= 2 && e.iter().any(|(k, _)| t.tags.contains(k)));
    match kind {
        Kind::ChangeType => {
            let p = pick(root, rng, |_| true)?;
            let at = pointer_of(root, &p);
            let new = other_type(rng);
            *at_mut(root, &p) = new.clone();
            Some(format!("{at} := {}", new.text()))
        }
        Kind::Boundary => {
            let p = pick(root, rng, |n| !matches!(n, Node::Obj(_)))?;
            let at = pointer_of(root, &p);
            let node = at_mut(root, &p);
            *node = boundary(node, t, rng);
            let shown = node.text();
            Some(format!("{at} := {}", &shown[..shown.char_indices().nth(60).map_or(shown.len(), |(i, _)| i)]))
        }
        Kind::DropKey => {
            let p = pick(root, rng, is_obj)?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            let (k, _) = e.remove(rng.below(e.len()));
            Some(format!("drop {at}/{k}"))
        }
        Kind::AddKey => {
            let p = pick(root, rng, |n| matches!(n, Node::Obj(_)))?;
            let at = pointer_of(root, &p);
            let k = if rng.below(4) == 0 { "zz_unknown".to_owned() } else { rng.pick(&t.keys).clone() };
            let v = if rng.below(2) == 0 { other_type(rng) } else { Node::Num(rng.pick(&t.numbers).clone()) };
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            if e.iter().any(|(x, _)| *x == k) {
                return None;
            }
            let i = rng.below(e.len() + 1);
            e.insert(i, (k.clone(), v));
            Some(format!("add {at}/{k}"))
        }
        Kind::RenameKey => {
            let p = pick(root, rng, is_obj)?;
            let at = pointer_of(root, &p);
            let new = match rng.below(3) {
                0 => rng.pick(&t.keys).clone(),
                1 => String::new(),
                _ => "renamed".into(),
            };
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            if e.iter().any(|(x, _)| *x == new) {
                return None;
            }
            let i = rng.below(e.len());
            let old = std::mem::replace(&mut e[i].0, new.clone());
            Some(format!("rename {at}/{old} to {new:?}"))
        }
        Kind::Reorder => {
            let p = pick(root, rng, |n| matches!(n, Node::Obj(e) if e.len() >= 2))?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            for i in (1..e.len()).rev() {
                let j = rng.below(i + 1);
                e.swap(i, j);
            }
            Some(format!("shuffle the keys of {at}"))
        }
        Kind::TagLast => {
            let p = pick(root, rng, has_tag)?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            let i = e.iter().position(|(k, _)| t.tags.contains(k))?;
            let tag = e.remove(i);
            e.push(tag);
            Some(format!("move the tag of {at} last"))
        }
        Kind::Deepen => {
            let p = pick(root, rng, |_| true)?;
            let at = pointer_of(root, &p);
            let n = *rng.pick(&[2usize, 20, 126, 127, 128, 129, 200, 300]);
            let node = at_mut(root, &p);
            let mut v = std::mem::replace(node, Node::Null);
            let arrays = rng.below(2) == 0;
            for _ in 0..n {
                v = if arrays { Node::Arr(vec![v]) } else { Node::Obj(vec![("a".into(), v)]) };
            }
            *node = v;
            Some(format!("nest {at} {n} levels deeper in {}", if arrays { "arrays" } else { "objects" }))
        }
        Kind::DupKey => {
            let p = pick(root, rng, is_obj)?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            let i = rng.below(e.len());
            let (k, v) = e[i].clone();
            let v = match rng.below(3) {
                0 => other_type(rng),
                _ => v,
            };
            let j = rng.below(e.len() + 1);
            e.insert(j, (k.clone(), v));
            Some(format!("duplicate {at}/{k} at entry {j}"))
        }
        Kind::DupPayload => {
            let p = pick(root, rng, has_tag)?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            let tag = e.iter().position(|(k, _)| t.tags.contains(k))?;
            let payload: Vec<usize> = (0..e.len()).filter(|i| *i != tag).collect();
            let i = *rng.pick(&payload);
            let (k, v) = e.remove(i);
            let tag = e.iter().position(|(k, _)| t.tags.contains(k))?;
            let second = if rng.below(2) == 0 { v.clone() } else { other_type(rng) };
            let (before, after) = if rng.below(2) == 0 { (v, second) } else { (second, v) };
            e.insert(tag + 1, (k.clone(), after));
            e.insert(tag, (k.clone(), before));
            Some(format!("{at}/{k} before and after the tag"))
        }
        Kind::DupTag => {
            let p = pick(root, rng, has_tag)?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            let tag = e.iter().position(|(k, _)| t.tags.contains(k))?;
            let copy = e[tag].clone();
            let j = rng.below(e.len() + 1);
            e.insert(j, copy.clone());
            Some(format!("duplicate the tag {at}/{} at entry {j}", copy.0))
        }
        Kind::DupExtra => {
            let p = pick(root, rng, |n| matches!(n, Node::Obj(_)))?;
            let at = pointer_of(root, &p);
            let Node::Obj(e) = at_mut(root, &p) else { return None };
            let (a, b) = (rng.below(e.len() + 1), rng.below(e.len() + 1));
            let v = Node::Num(rng.pick(&t.numbers).clone());
            e.insert(a, ("zz_extra".into(), v));
            e.insert(b, ("zz_extra".into(), Node::Str("second".into())));
            Some(format!("{at}/zz_extra twice"))
        }
        _ => None,
    }
}

/// One fuzz input: a seed and one to three mutations.
fn make_input(t: &Target, rng: &mut Rng, tally: &mut BTreeMap<Kind, usize>) -> (String, Vec<String>) {
    let mut text = rng.pick(&t.seeds).clone();
    let mut what = Vec::new();
    let rounds = 1 + rng.below(3);
    let mut tries = 0;
    while what.len() < rounds && tries < 20 {
        tries += 1;
        let kind = *rng.pick(KINDS);
        if kind <= Kind::Splice {
            let (t2, w) = byte_mutation(kind, &text, t, rng);
            text = t2;
            what.push(w);
            *tally.entry(kind).or_default() += 1;
            continue;
        }
        let Some(mut node) = parse_node(&text) else { continue };
        if let Some(w) = structure_mutation(kind, &mut node, t, rng) {
            text = node.text();
            what.push(w);
            *tally.entry(kind).or_default() += 1;
        }
    }
    (text, what)
}

// ---------------------------------------------------------------------------------------------
// The checks.

/// Whether the value at `pointer` (or a direct child, for a union's tag that the object reports)
/// is a number the Rust integer types cannot hold as JSON Schema reads it: an integral float
/// (`2.0`, `-0.0`, `1e20`) or an integer past `i32`. `-0` is not one: it is the integer 0.
fn number_beyond_rust(root: &Node, pointer: &str) -> bool {
    let mut node = root;
    for part in pointer.split('/').skip(1) {
        let part = part.replace("~1", "/").replace("~0", "~");
        node = match node {
            Node::Obj(entries) => match entries.iter().find(|(k, _)| *k == part) {
                Some((_, v)) => v,
                None => return false,
            },
            Node::Arr(items) => match part.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    let mut candidates = vec![node];
    if let Node::Obj(entries) = node {
        candidates.extend(entries.iter().map(|(_, v)| v));
    }
    candidates.into_iter().any(|n| match n {
        Node::Num(text) if text == "-0" => false,
        Node::Num(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Number(x)) if x.is_f64() => true,
            Ok(Value::Number(x)) => x.as_i64().is_none_or(|i| i32::try_from(i).is_err()),
            _ => false,
        },
        _ => false,
    })
}

/// Whether `text` is JSON by the grammar alone: numbers of any size, any depth.
fn syntax(text: &str) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    serde::de::IgnoredAny::deserialize(&mut de)?;
    de.end()
}

/// `text` as a `Value`, however deep (the reference validates what the run time's limit admits).
fn unbounded_value(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let v = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

/// How many arrays and objects nest in JSON text (brackets outside strings).
fn text_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                max = max.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Whether a 1-based line and (byte) column lie in `text` (one past the line's end too).
fn position_in(text: &str, line: usize, column: usize) -> bool {
    // serde_json counts columns in bytes.
    line >= 1 && text.split('\n').nth(line - 1).is_some_and(|l| column <= l.len() + 1)
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// What the reference says on `v`, shortened.
fn reference_errors(t: &Target, v: &Value) -> String {
    t.reference
        .iter_errors(v)
        .take(3)
        .map(|e| {
            let s = e.to_string();
            let s = s.char_indices().nth(160).map_or(s.clone(), |(i, _)| format!("{}...", &s[..i]));
            format!("[{}: {s}]", e.instance_path().as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Stats {
    not_json: usize,
    beyond_serde: usize,
    duplicates: usize,
    valid: usize,
    refused: usize,
    deviations: usize,
}

/// Every disagreement on `text` (none when all is well).
fn check(t: &Target, text: &str, stats: &mut Stats) -> Vec<String> {
    let run = catch_unwind(AssertUnwindSafe(|| (t.ours)(text)));
    let (outcome, mut problems) = match run {
        Ok(r) => r,
        Err(p) => return vec![format!("panicked: {}", panic_text(&*p))],
    };
    // Is it JSON (grammar only: numbers past f64 and any depth are JSON)?
    if let Err(e) = syntax(text) {
        stats.not_json += 1;
        match &outcome {
            Outcome::NotJson { line, column, .. } if position_in(text, *line, *column) => {}
            // The first error in the text may be a wrong shape before the text stops being
            // JSON (a parser that reads as it goes); never an accepted or validated value.
            Outcome::Shape { .. } => {}
            other => problems.push(format!("not JSON ({e}), we say {other:?}")),
        }
        return problems;
    }
    let deep = |message: &str| message.contains(&format!("deeper than {MAX_DEPTH}"));
    match unbounded_value(text) {
        Err(e) => {
            // A number past f64 (`1e400`): JSON that a `Value` cannot hold, refused, and not as
            // text that is not JSON.
            stats.beyond_serde += 1;
            match &outcome {
                Outcome::Shape { .. } => {}
                other => problems.push(format!("JSON with a number out of range ({e}): we say {other:?}")),
            }
        }
        // (The depth of the text: a `Value` keeps one copy of a duplicate key.)
        Ok(_) if text_depth(text) > MAX_DEPTH => {
            stats.beyond_serde += 1;
            match &outcome {
                Outcome::Shape { message, .. } if deep(message) => {}
                other => problems.push(format!(
                    "JSON {} levels deep (the limit is {MAX_DEPTH}): we say {other:?}",
                    text_depth(text)
                )),
            }
        }
        Ok(last) => {
            // (Only past `parse_node`'s own depth limit is there no `Node`: no duplicate then.)
            let node = parse_node(text).unwrap_or(Node::Null);
            let mut dups = Vec::new();
            node.duplicates("", &mut dups);
            let clean = |v: &Value| t.reference.is_valid(v) && (t.oracle)(v).is_empty();
            if !dups.is_empty() {
                stats.duplicates += 1;
                let first = node.first();
                match &outcome {
                    // At the copy, or at its object with the key named.
                    Outcome::Shape { pointer, message }
                        if message.contains("duplicate key")
                            && dups.iter().any(|d| {
                                d == pointer
                                    || d.rsplit_once('/').is_some_and(|(obj, key)| {
                                        obj == pointer
                                            && message
                                                .contains(&format!("`{}`", key.replace("~1", "/").replace("~0", "~")))
                                    })
                            }) => {}
                    // A copy is wrong too (the first, the last, or one in between where
                    // the error is): refusing it for that is right.
                    Outcome::Shape { .. } if !(clean(&last) && clean(&first)) => {}
                    Outcome::Shape { pointer, .. }
                        if dups.iter().any(|d| pointer == d || pointer.starts_with(&format!("{d}/"))) => {}
                    Outcome::Shape { pointer, .. } if number_beyond_rust(&node, pointer) => {}
                    other => problems.push(format!(
                        "a duplicate key ({}) is not refused as `duplicate key`: we say {other:?}",
                        dups.join(", ")
                    )),
                }
            } else {
                let valid = t.reference.is_valid(&last);
                let xs = (t.oracle)(&last);
                match &outcome {
                    Outcome::NotJson { message, .. } => problems.push(format!("JSON refused as not JSON: {message}")),
                    Outcome::Valid(written) => {
                        stats.valid += 1;
                        if !valid {
                            problems.push(format!(
                                "we accept it, the reference refuses it: {}",
                                reference_errors(t, &last)
                            ));
                        } else if !xs.is_empty() {
                            problems.push(format!("we accept it, the x- oracle refuses it: {xs:?}"));
                        }
                        match unbounded_value(written) {
                            // (What we accepted wrongly is reported once, above.)
                            Ok(w) if clean(&w) || !(valid && xs.is_empty()) => {}
                            Ok(w) => problems.push(format!(
                                "round trip: the reference refuses what we write: {} {:?}\n    written: {written}",
                                reference_errors(t, &w),
                                (t.oracle)(&w)
                            )),
                            Err(e) => {
                                problems.push(format!("round trip: we write text that is not JSON ({e}): {written}"))
                            }
                        }
                    }
                    Outcome::Rules(list) => {
                        stats.refused += 1;
                        if valid && xs.is_empty() {
                            problems.push(format!("we refuse it, the reference and the x- oracle accept it: {list:?}"));
                        } else if valid && !list.iter().all(|(_, x, _)| *x) {
                            problems.push(format!("only x- rules are broken ({xs:?}), we report others too: {list:?}"));
                        }
                    }
                    Outcome::Shape { pointer, message } => {
                        stats.refused += 1;
                        if valid {
                            if number_beyond_rust(&node, pointer) {
                                stats.deviations += 1;
                            } else {
                                problems.push(format!("we refuse it ({pointer}: {message}), the reference accepts it"));
                            }
                        }
                    }
                }
            }
        }
    }
    problems
}

fn show(text: &str) -> String {
    if text.len() <= 1500 {
        format!("{text:?}")
    } else {
        let cut = text.char_indices().nth(1200).map_or(text.len(), |(i, _)| i);
        format!("{:?}... ({} bytes in all)", &text[..cut], text.len())
    }
}

#[test]
fn fuzz() {
    let iterations = env_u64("GROUP_MSG_FUZZ_ITERATIONS").unwrap_or(CI_ITERATIONS);
    let seed = env_u64("GROUP_MSG_FUZZ_SEED").unwrap_or(CI_SEED);
    let only = env_u64("GROUP_MSG_FUZZ_ONLY");
    // Show only the failures whose disagreement contains this text.
    let show_only = std::env::var("GROUP_MSG_FUZZ_SHOW").ok();
    let targets = targets();
    // The seeds themselves: each is checked like any input.
    let mut failures: Vec<String> = Vec::new();
    let mut stats = Stats::default();
    for t in &targets {
        for s in &t.seeds {
            for p in check(t, s, &mut stats) {
                failures.push(format!("{} {}: on the unmutated fixture {}:\n    {p}", t.api, t.schema, show(s)));
            }
        }
    }
    let mut tally: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut per_target: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut failed = 0usize;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let range = match only {
        Some(i) => i..i + 1,
        None => 0..iterations,
    };
    for i in range {
        let mut rng = Rng(seed ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let t = &targets[(i % targets.len() as u64) as usize];
        let (text, what) = make_input(t, &mut rng, &mut tally);
        *per_target.entry((t.api, t.schema)).or_default() += 1;
        let problems = check(t, &text, &mut stats);
        for p in &problems {
            // The kind of disagreement: its words before the first detail.
            let kind: String = p.split([':', '(', '\n']).next().unwrap_or(p).chars().take(70).collect();
            *kinds.entry(format!("{} {}: {kind}", t.api, t.schema)).or_default() += 1;
        }
        if !problems.is_empty() {
            failed += 1;
            if failures.len() < 12 && show_only.as_ref().is_none_or(|s| problems.iter().any(|p| p.contains(s.as_str())))
            {
                failures.push(format!(
                    "seed {seed:#x} iteration {i} ({} {}), mutations: {}\n    input: {}\n    {}",
                    t.api,
                    t.schema,
                    what.join("; "),
                    show(&text),
                    problems.join("\n    ")
                ));
            }
        }
    }
    let summary = format!(
        "fuzz: seed {seed:#x}, {} iterations, {failed} failing; {} not JSON, {} JSON beyond serde_json's Value, \
         {} with duplicate keys, {} valid, {} refused ({} of them numbers the Rust types cannot hold); mutations: {tally:?}",
        iterations,
        stats.not_json,
        stats.beyond_serde,
        stats.duplicates,
        stats.valid,
        stats.refused,
        stats.deviations
    );
    println!("{summary}");
    if !failures.is_empty() {
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("  {n:6} {k}")).collect();
        panic!(
            "{summary}\ndisagreements by kind:\n{}\nthe first ones (replay one with GROUP_MSG_FUZZ_SEED={seed:#x} \
             GROUP_MSG_FUZZ_ONLY=<iteration>):\n\n{}",
            kinds.join("\n"),
            failures.join("\n\n")
        );
    }
    if only.is_none() && iterations >= CI_ITERATIONS {
        // The loop exercised what it claims to: every mutation, every target, every outcome.
        for k in KINDS {
            assert!(tally.get(k).is_some_and(|n| *n >= 20), "too few {k:?} mutations: {tally:?}");
        }
        assert_eq!(per_target.len(), targets.len());
        assert!(
            stats.not_json >= 100
                && stats.duplicates >= 100
                && stats.valid >= 100
                && stats.refused >= 100
                && stats.beyond_serde >= 10,
            "{summary}"
        );
    }
}

/// The checks fail when they should: a side that accepts everything, or that panics, is caught
/// on text that is not JSON, on a duplicate key, on a payload the reference refuses and on a
/// round trip, and a depth or number refusal must say the right thing.
#[test]
fn the_checks_catch_a_wrong_side() {
    fn accept_all(text: &str) -> (Outcome, Vec<String>) {
        (Outcome::Valid(text.to_owned()), Vec::new())
    }
    fn not_json_always(_: &str) -> (Outcome, Vec<String>) {
        (Outcome::NotJson { line: 1, column: 1, message: "no".into() }, Vec::new())
    }
    fn panics(_: &str) -> (Outcome, Vec<String>) {
        panic!("boom")
    }
    let mut t = targets().swap_remove(0);
    assert_eq!(t.schema, "SendGroupMsgRequest");
    let valid = r#"{"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
    let mut stats = Stats::default();
    let problems = |t: &Target, text: &str, stats: &mut Stats| check(t, text, stats).join("\n");

    t.ours = accept_all;
    assert_eq!(problems(&t, valid, &mut stats), "");
    assert!(problems(&t, &valid[..40], &mut stats).starts_with("not JSON (EOF while parsing"));
    let dup = r#"{"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"},"MsgContent":{"Text":1}}]}"#;
    assert!(problems(&t, dup, &mut stats).contains("a duplicate key (/MsgBody/0/MsgContent) is not refused"));
    let wrong = valid.replace("\"Random\":1", "\"Random\":-1");
    assert!(problems(&t, &wrong, &mut stats).starts_with("we accept it, the reference refuses it"));
    let deep = valid.replace("\"hi\"", &format!("\"hi\",\"x\":{}1{}", "[".repeat(300), "]".repeat(300)));
    assert!(problems(&t, &deep, &mut stats).contains(&format!("(the limit is {MAX_DEPTH})")));
    assert!(problems(&t, &valid.replace("\"Random\":1", "\"Random\":1e400"), &mut stats)
        .starts_with("JSON with a number out of range"));

    t.ours = not_json_always;
    assert!(problems(&t, valid, &mut stats).starts_with("JSON refused as not JSON"));
    assert!(problems(&t, "{\n\"a\"", &mut stats).is_empty(), "line 1 column 1 lies in the text");

    t.ours = panics;
    assert_eq!(problems(&t, valid, &mut stats), "panicked: boom");

    // The real side on the same inputs: `-0` and `2.0` are integers (JSON Schema's reading),
    // accepted like the reference accepts them, with no deviation counted.
    t.ours = ours::<tencent_im::send_group_msg::Request>;
    assert_eq!(problems(&t, &valid.replace("\"Random\":1", "\"Random\":-0"), &mut stats), "");
    let before = stats.deviations;
    assert_eq!(problems(&t, &valid.replace("\"Random\":1", "\"Random\":2.0"), &mut stats), "");
    assert_eq!(stats.deviations, before);
}
