//! One small standalone JSON Schema per supported keyword (`tests/keywords/*.json`), compiled by
//! `include_spec!`, and instances on both sides of each rule: our `from_json`, the `jsonschema`
//! crate (the reference, draft 2020-12 with format validation) and the verdict JSON Schema
//! 2020-12 gives (written beside each instance) must agree on valid vs invalid, and ours and the
//! reference on where an instance is wrong.
//!
//! Locations agree when they are the same JSON pointer; for a missing, unknown or forbidden key,
//! the same object and key. A failing `oneOf`/`anyOf` the reference reports at an ancestor
//! accepts a deeper report of ours.

use group_msg_types::runtime::{Error, ParseError, Rule};
use jsonschema::error::ValidationErrorKind;
use serde_json::{json, Value};
use std::sync::OnceLock;

/// `format: https-uri` as specs/README.md defines it: an absolute URI (by the reference's own
/// `uri` check) whose scheme is `https` (schemes are case-insensitive, RFC 3986 3.1) with a host.
fn is_https_uri(s: &str) -> bool {
    static URI: OnceLock<jsonschema::Validator> = OnceLock::new();
    let uri = URI.get_or_init(|| {
        jsonschema::draft202012::options().should_validate_formats(true).build(&json!({"format": "uri"})).unwrap()
    });
    let host = s.get(8..).map(|rest| rest.split(['/', '?', '#']).next().unwrap_or("").rsplit('@').next().unwrap_or(""));
    uri.is_valid(&json!(s))
        && s.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        && host.is_some_and(|h| !h.is_empty() && !h.starts_with(':'))
}

fn reference(file: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_format("https-uri", is_https_uri)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{file}: the reference refuses the schema: {e}"))
}

struct Loc {
    pointer: String,
    keys: Vec<String>,
    combinator: bool,
    what: String,
}

fn short(s: String) -> String {
    match s.char_indices().nth(160) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

fn reference_locs(v: &jsonschema::Validator, instance: &Value) -> Vec<Loc> {
    v.iter_errors(instance)
        .map(|e| {
            let (keys, combinator) = match e.kind() {
                ValidationErrorKind::Required { property } => {
                    (vec![property.as_str().unwrap_or_default().to_owned()], false)
                }
                ValidationErrorKind::AdditionalProperties { unexpected } => (unexpected.clone(), false),
                ValidationErrorKind::Not { schema } => (
                    schema["required"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|k| k.as_str().map(str::to_owned)).collect())
                        .unwrap_or_default(),
                    false,
                ),
                ValidationErrorKind::OneOfNotValid { .. }
                | ValidationErrorKind::OneOfMultipleValid { .. }
                | ValidationErrorKind::AnyOf { .. } => (Vec::new(), true),
                _ => (Vec::new(), false),
            };
            Loc { pointer: e.instance_path().as_str().to_owned(), keys, combinator, what: short(e.to_string()) }
        })
        .collect()
}

fn shape_key(message: &str) -> Vec<String> {
    for prefix in ["missing field `", "unknown field `", "duplicate field `", "field `"] {
        if let Some((key, _)) = message.strip_prefix(prefix).and_then(|rest| rest.split_once('`')) {
            return vec![key.to_owned()];
        }
    }
    Vec::new()
}

fn our_locs(result: Result<(), Error>) -> Option<Vec<Loc>> {
    match result {
        Ok(()) => None,
        Err(Error::Parse(ParseError::Shape { pointer, message })) => {
            Some(vec![Loc { keys: shape_key(&message), pointer, combinator: false, what: format!("shape: {message}") }])
        }
        Err(Error::Parse(e)) => panic!("an instance is not JSON: {e}"),
        Err(Error::Rules(v)) => Some(
            v.iter()
                .map(|v| Loc {
                    pointer: v.pointer.clone(),
                    keys: match &v.rule {
                        Rule::Required { key } | Rule::Forbidden { key } => vec![(*key).to_owned()],
                        _ => Vec::new(),
                    },
                    combinator: false,
                    what: v.to_string(),
                })
                .collect(),
        ),
    }
}

fn same_place(ours: &Loc, theirs: &Loc) -> bool {
    if theirs.combinator {
        return ours.pointer == theirs.pointer || ours.pointer.starts_with(&format!("{}/", theirs.pointer));
    }
    ours.pointer == theirs.pointer && ours.keys.iter().all(|k| theirs.keys.contains(k))
}

fn list(locs: &[Loc]) -> String {
    locs.iter().map(|l| format!("[{:?} {:?}: {}]", l.pointer, l.keys, l.what)).collect::<Vec<_>>().join(" ")
}

/// What JSON Schema 2020-12 says about an instance.
#[derive(Clone, Copy)]
enum Verdict {
    Valid,
    Invalid,
    /// Valid JSON Schema that the Rust type cannot hold (an integer past `i64`): the reference accepts it, and we refuse it with a shape error at this pointer. A
    /// documented deviation, asserted so it stays a refusal at the right place.
    BeyondType(&'static str),
}

const VALID: Verdict = Verdict::Valid;
const INVALID: Verdict = Verdict::Invalid;

/// Checks every instance of one keyword; reports every disagreement at once.
fn check(file: &str, ours: fn(&str) -> Result<(), Error>, instances: Vec<(Value, Verdict)>) {
    let reference = reference(file);
    let mut failures = Vec::new();
    for (instance, verdict) in &instances {
        let theirs = reference_locs(&reference, instance);
        let result = ours(&instance.to_string());
        let valid = !matches!(verdict, Verdict::Invalid);
        if theirs.is_empty() != valid {
            let says = if valid { "valid" } else { "invalid" };
            failures.push(format!("{instance}: JSON Schema says {says}; the reference says {}", list(&theirs)));
        }
        if let Verdict::BeyondType(pointer) = verdict {
            match result {
                Err(Error::Parse(ParseError::Shape { pointer: p, .. })) if p == *pointer => {}
                other => failures.push(format!(
                    "{instance}: valid JSON Schema beyond the Rust type: expected a shape error at {pointer}, got {other:?}"
                )),
            }
            continue;
        }
        let mine = our_locs(result);
        match &mine {
            None if !valid => failures.push(format!("{instance}: JSON Schema says invalid; we accept it")),
            Some(m) if valid => failures.push(format!("{instance}: JSON Schema says valid; we say {}", list(m))),
            Some(m) if !theirs.is_empty() => {
                for l in m {
                    if !theirs.iter().any(|t| same_place(l, t)) {
                        failures.push(format!(
                            "{instance}: we say {}, the reference says {}",
                            list(std::slice::from_ref(l)),
                            list(&theirs)
                        ));
                    }
                }
                // A full list of violations (not a first shape error) names every place the
                // reference does.
                if m.iter().all(|l| !l.what.starts_with("shape: ")) {
                    for t in &theirs {
                        if !m.iter().any(|l| same_place(l, t)) {
                            failures.push(format!(
                                "{instance}: the reference says {}, we do not: {}",
                                list(std::slice::from_ref(t)),
                                list(m)
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{file}: {} of {} instances disagree:\n{}",
        failures.len(),
        instances.len(),
        failures.join("\n")
    );
}

macro_rules! keyword {
    ($name:ident, $file:literal, $root:ident, [$(($instance:expr, $valid:expr)),* $(,)?]) => {
        mod $name {
            group_msg_macros::include_spec!($file);
        }
        #[test]
        fn $name() {
            check(
                $file,
                |text| $name::$root::from_json(text).map(|_| ()),
                vec![$(($instance, $valid)),*],
            );
        }
    };
}

keyword!(
    r#type,
    "keywords/type.json",
    Types,
    [
        (json!({"s": "x", "i": -3, "n": 1.5, "b": true, "a": ["x"], "o": {"x": "y"}}), VALID),
        (json!({}), VALID),
        (json!({"n": 3}), VALID),
        (json!({"s": 1}), INVALID),
        (json!({"s": null}), INVALID),
        (json!({"i": "1"}), INVALID),
        (json!({"i": 1.5}), INVALID),
        // 2020-12: an integer is a number with a zero fractional part, however it is written.
        // Whole numbers written as floats are integers, and fill the integer field.
        (json!({"i": 2.0}), VALID),
        (json!({"i": 1e3}), VALID),
        // Integers outside i64 are integers to JSON Schema.
        (json!({"i": 9223372036854775808u64}), Verdict::BeyondType("/i")),
        (json!({"n": "1"}), INVALID),
        (json!({"b": "true"}), INVALID),
        (json!({"b": 0}), INVALID),
        (json!({"a": {}}), INVALID),
        (json!({"a": [1]}), INVALID),
        (json!({"o": []}), INVALID),
    ]
);

keyword!(
    properties,
    "keywords/properties.json",
    Props,
    [
        (json!({}), VALID),
        (json!({"name": "a", "age": 3}), VALID),
        (json!({"other": [1, 2]}), VALID),
        (json!({"name": ""}), INVALID),
        (json!({"name": 5}), INVALID),
        (json!({"age": -1}), INVALID),
        (json!({"age": 3, "other": null, "name": ""}), INVALID),
    ]
);

keyword!(
    required,
    "keywords/required.json",
    Req,
    [
        (json!({"a": "x", "b": 1}), VALID),
        (json!({"a": "x", "b": 1, "c": true}), VALID),
        (json!({"a": "x"}), INVALID),
        (json!({"b": 1}), INVALID),
        (json!({}), INVALID),
        // Present but null is present, and not a string.
        (json!({"a": null, "b": 1}), INVALID),
    ]
);

keyword!(
    additional_properties,
    "keywords/additional_properties.json",
    Extra,
    [
        (json!({"closed": {"a": "x"}}), VALID),
        (json!({"closed": {"a": "x", "b": 1}}), INVALID),
        (json!({"open": {"a": "x", "b": [1], "c": null}}), VALID),
        (json!({"open": {"a": 1}}), INVALID),
        (json!({"typed": {"a": "x", "n": 1}}), VALID),
        (json!({"typed": {"n": "x"}}), INVALID),
        (json!({"typed": {"n": -1}}), INVALID),
        (json!({"map": {"k": "abc", "l": ""}}), VALID),
        (json!({"map": {"k": "abcd"}}), INVALID),
        (json!({"map": {"k": 1}}), INVALID),
        (json!({"map": {"a/b~c": "abcd"}}), INVALID),
        (json!({"zz": 1}), INVALID),
    ]
);

keyword!(
    items,
    "keywords/items.json",
    Items,
    [
        (json!({"list": [], "nested": []}), VALID),
        (json!({"list": [1, 10], "nested": [["a"], ["b", "c"], []]}), VALID),
        (json!({"list": [1, 11]}), INVALID),
        (json!({"list": [1, "a"]}), INVALID),
        (json!({"list": {}}), INVALID),
        (json!({"nested": [["a"], [""]]}), INVALID),
        (json!({"nested": ["a"]}), INVALID),
    ]
);

keyword!(
    prefix_items,
    "keywords/prefix_items.json",
    Tuple,
    [
        (json!({"point": [1.5, "ab"]}), VALID),
        (json!({"point": [1.5, "abc"]}), INVALID),
        (json!({"point": ["x", "a"]}), INVALID),
        // prefixItems constrains only the items that are there: a shorter or longer array is valid
        // (the schema has no minItems, maxItems or items: false).
        (json!({"point": [1]}), VALID),
        (json!({"point": [1, "a", true]}), VALID),
        (json!({"point": []}), VALID),
    ]
);

keyword!(
    r#enum,
    "keywords/enum.json",
    Enums,
    [
        (json!({"color": "red", "single": "only"}), VALID),
        (json!({"color": "blue"}), VALID),
        (json!({"color": "Red"}), INVALID),
        (json!({"color": 1}), INVALID),
        (json!({"single": "other"}), INVALID),
    ]
);

keyword!(
    r#const,
    "keywords/const.json",
    Consts,
    [
        (json!({"kind": "fixed"}), VALID),
        (json!({"kind": "fixed", "version": 2}), VALID),
        (json!({"kind": "other"}), INVALID),
        (json!({"kind": "fixed", "version": 3}), INVALID),
        (json!({}), INVALID),
        // 2 and 2.0 are the same JSON Schema value.
        (json!({"kind": "fixed", "version": 2.0}), VALID),
    ]
);

keyword!(
    minimum,
    "keywords/minimum.json",
    Min,
    [
        (json!({"i": -5, "n": 0.5}), VALID),
        (json!({"i": -6}), INVALID),
        (json!({"n": 0.49}), INVALID),
        (json!({"i": 9223372036854775807i64}), VALID),
    ]
);

keyword!(
    maximum,
    "keywords/maximum.json",
    Max,
    [
        (json!({"i": 100, "n": 1.5}), VALID),
        (json!({"i": 101}), INVALID),
        (json!({"n": 1.51}), INVALID),
        (json!({"i": -9223372036854775808i64}), VALID),
    ]
);

keyword!(
    exclusive_minimum,
    "keywords/exclusive_minimum.json",
    ExMin,
    [
        (json!({"i": 11, "n": 0.0001}), VALID),
        (json!({"i": 10}), INVALID),
        (json!({"n": 0}), INVALID),
        (json!({"n": -0.5}), INVALID),
    ]
);

keyword!(
    exclusive_maximum,
    "keywords/exclusive_maximum.json",
    ExMax,
    [
        (json!({"i": 9, "n": 0.9999}), VALID),
        (json!({"i": 10}), INVALID),
        (json!({"n": 1}), INVALID),
        (json!({"n": 1.5}), INVALID),
    ]
);

keyword!(
    multiple_of,
    "keywords/multiple_of.json",
    Multiple,
    [
        (json!({"i": 0}), VALID),
        (json!({"i": 10, "n": 0.5}), VALID),
        (json!({"i": -15}), VALID),
        (json!({"i": 12}), INVALID),
        (json!({"n": 0.35}), INVALID),
        // Mathematically 0.3 and 19.9 are multiples of 0.1, although 0.3 / 0.1 is 2.9999999999999996
        // in binary floating point.
        (json!({"n": 0.3}), VALID),
        (json!({"n": 19.9}), VALID),
    ]
);

keyword!(
    min_length,
    "keywords/min_length.json",
    MinLen,
    [
        (json!({"s": "ab"}), VALID),
        (json!({"s": "群群"}), VALID),
        (json!({"s": "😀😀"}), VALID),
        // 3 bytes, 1 character.
        (json!({"s": "群"}), INVALID),
        // 4 bytes (2 UTF-16 units), 1 character.
        (json!({"s": "😀"}), INVALID),
        (json!({"s": ""}), INVALID),
    ]
);

keyword!(
    max_length,
    "keywords/max_length.json",
    MaxLen,
    [
        (json!({"s": "abc"}), VALID),
        // 9 bytes, 3 characters.
        (json!({"s": "群群群"}), VALID),
        (json!({"s": "😀😀😀"}), VALID),
        (json!({"s": "群群群群"}), INVALID),
        (json!({"s": "a😀bc"}), INVALID),
    ]
);

keyword!(
    pattern,
    "keywords/pattern.json",
    Pattern,
    [
        (json!({"code": "CN123", "loose": "xxabyy", "digits": "0123", "word": "a_1"}), VALID),
        (json!({"code": "cn123"}), INVALID),
        (json!({"code": "CN123x"}), INVALID),
        (json!({"code": "xCN123"}), INVALID),
        (json!({"loose": "a b"}), INVALID),
        // ECMA 262: \d is [0-9] and \w is [A-Za-z0-9_], ASCII only (no `u` flag changes that).
        (json!({"digits": "١٢٣"}), INVALID),
        (json!({"word": "é"}), INVALID),
        (json!({"digits": "12a"}), INVALID),
    ]
);

keyword!(
    format_uri,
    "keywords/format_uri.json",
    Uri,
    [
        (json!({"u": "https://example.com/a?b=c#d"}), VALID),
        (json!({"u": "mailto:a@example.com"}), VALID),
        (json!({"u": "urn:isbn:0451450523"}), VALID),
        (json!({"u": "http://[::1]:8080/"}), VALID),
        (json!({"u": "/relative/path"}), INVALID),
        (json!({"u": "not a uri"}), INVALID),
        (json!({"u": "http://exa mple.com"}), INVALID),
        (json!({"u": ""}), INVALID),
        // RFC 3986: non-ASCII characters must be percent-encoded (that is an IRI, not a URI).
        (json!({"u": "https://例子.测试/"}), INVALID),
        // RFC 3986: `%` starts a percent-encoding of two hex digits.
        (json!({"u": "http://a/%zz"}), INVALID),
        // RFC 3986: the port is digits.
        (json!({"u": "http://a:b/"}), INVALID),
    ]
);

keyword!(
    format_https_uri,
    "keywords/format_https_uri.json",
    HttpsUri,
    [
        (json!({"u": "https://example.com"}), VALID),
        (json!({"u": "https://user@host.example:8443/p?q#f"}), VALID),
        // RFC 3986 3.1: schemes are case-insensitive.
        (json!({"u": "HTTPS://EXAMPLE.COM/"}), VALID),
        (json!({"u": "http://example.com"}), INVALID),
        (json!({"u": "https://"}), INVALID),
        (json!({"u": "https:/example.com"}), INVALID),
        (json!({"u": "example.com"}), INVALID),
        (json!({"u": "https://exa mple.com"}), INVALID),
        (json!({"u": "https://例子.测试/"}), INVALID),
    ]
);

keyword!(
    min_items,
    "keywords/min_items.json",
    MinItems,
    [
        (json!({"tags": ["a", "b"]}), VALID),
        (json!({"tags": ["a", "b", "c"]}), VALID),
        (json!({"tags": ["a"]}), INVALID),
        (json!({"tags": []}), INVALID),
    ]
);

keyword!(
    max_items,
    "keywords/max_items.json",
    MaxItems,
    [(json!({"tags": []}), VALID), (json!({"tags": ["a", "b"]}), VALID), (json!({"tags": ["a", "b", "c"]}), INVALID),]
);

keyword!(
    unique_items,
    "keywords/unique_items.json",
    Unique,
    [
        (json!({"ids": [1, 2, 3], "objs": [{"a": 1}, {"a": 2}, {"b": "1"}]}), VALID),
        (json!({"ids": [1, 2, 1]}), INVALID),
        (json!({"objs": [{"a": 1, "b": "x"}, {"b": "x", "a": 1}]}), INVALID),
        (json!({"objs": [{"a": 1}, {"a": 1, "b": "x"}]}), VALID),
    ]
);

keyword!(
    contains,
    "keywords/contains.json",
    Contains,
    [
        (json!({"list": [{"kind": "x"}]}), VALID),
        (json!({"list": [{"kind": "x"}, {"kind": "y"}, {"kind": "x"}]}), VALID),
        (json!({"list": [{"kind": "y"}]}), INVALID),
        (json!({"list": []}), INVALID),
        (json!({"list": [{"kind": "x"}, {"kind": "x"}, {"kind": "x"}]}), INVALID),
    ]
);

/// `contains` on integer items (the items are references inside the count's closure).
mod contains_on_scalars {
    use super::*;

    keyword!(
        contains_scalar,
        "keywords/contains_scalar.json",
        ContainsScalar,
        [
            (json!({"plain": [1, 10]}), VALID),
            (json!({"plain": [1, 2]}), INVALID),
            (json!({"plain": []}), INVALID),
            (json!({"optional": []}), VALID),
            (json!({"optional": [0, 1]}), VALID),
            (json!({"optional": [0, 1, 0]}), INVALID),
        ]
    );
}

keyword!(
    one_of,
    "keywords/one_of.json",
    OneOfRoot,
    [
        (json!({"a": "x"}), VALID),
        (json!({"b": "y", "n": 9}), VALID),
        (json!({"a": "x", "n": 10}), VALID),
        (json!({"a": "x", "b": "y"}), INVALID),
        (json!({}), INVALID),
        (json!({"a": "x", "n": 15}), INVALID),
        (json!({"a": "x", "n": 7}), INVALID),
    ]
);

keyword!(
    any_of,
    "keywords/any_of.json",
    AnyOfRoot,
    [
        (json!({"email": "a@b"}), VALID),
        (json!({"phone": "1"}), VALID),
        (json!({"email": "a@b", "phone": "1"}), VALID),
        (json!({}), INVALID),
        (json!({"email": "e", "s": "xy"}), VALID),
        (json!({"email": "e", "s": "abcde"}), VALID),
        (json!({"email": "e", "s": "ab"}), INVALID),
    ]
);

keyword!(
    all_of,
    "keywords/all_of.json",
    AllOfRoot,
    [
        (json!({"s": "ab"}), VALID),
        (json!({"s": "abcd", "t": 1}), VALID),
        (json!({"s": "a"}), INVALID),
        (json!({"s": "abcde"}), INVALID),
        (json!({"t": 1}), INVALID),
    ]
);

keyword!(
    not,
    "keywords/not.json",
    NotRoot,
    [
        (json!({}), VALID),
        (json!({"mode": "new"}), VALID),
        (json!({"mode": "legacy"}), INVALID),
        (json!({"forbidden": 1}), INVALID),
    ]
);

keyword!(
    if_then_else,
    "keywords/if_then_else.json",
    IfThenElse,
    [
        (json!({"kind": "a", "x": "1"}), VALID),
        (json!({"kind": "a"}), INVALID),
        (json!({"kind": "b", "y": "1"}), VALID),
        (json!({"kind": "b"}), INVALID),
        (json!({"y": "1"}), VALID),
        (json!({}), INVALID),
        (json!({"kind": "a", "x": "1", "y": "2"}), VALID),
    ]
);

keyword!(
    dependent_required,
    "keywords/dependent_required.json",
    Dependent,
    [
        (json!({}), VALID),
        (json!({"phone": "1", "country": "cn"}), VALID),
        (json!({"country": "cn"}), VALID),
        (json!({"phone": "1"}), INVALID),
        (json!({"a": 1, "b": 2, "c": 3}), VALID),
        (json!({"a": 1, "b": 2}), INVALID),
        (json!({"b": 2}), VALID),
    ]
);

keyword!(
    ref_defs,
    "keywords/ref_defs.json",
    RefRoot,
    [
        (json!({"head": {"v": 1, "next": {"v": 2, "next": {"v": 9}}}, "count": 0}), VALID),
        (json!({"head": {"v": 1, "next": {"v": 10}}}), INVALID),
        (json!({"head": {"v": 1, "next": {"v": -1}}}), INVALID),
        (json!({"head": {"next": {"v": 1}}}), INVALID),
        (json!({"count": 10}), INVALID),
        (json!({"head": {"v": 1, "next": {"v": 2, "x": 1}}}), INVALID),
    ]
);

keyword!(
    nullable,
    "keywords/nullable.json",
    Nullable,
    [
        (json!({"label": null}), VALID),
        (json!({"label": "abc", "count": null, "items": null}), VALID),
        (json!({"label": null, "count": 1, "items": [true]}), VALID),
        (json!({"label": "abcd"}), INVALID),
        (json!({}), INVALID),
        (json!({"label": null, "count": 0}), INVALID),
        (json!({"label": 1}), INVALID),
        (json!({"label": null, "items": [true, false]}), INVALID),
    ]
);

keyword!(
    default,
    "keywords/default.json",
    Defaults,
    [
        (json!({}), VALID),
        (json!({"retries": 0, "mode": "slow"}), VALID),
        (json!({"retries": 6}), INVALID),
        (json!({"mode": "medium"}), INVALID),
    ]
);
