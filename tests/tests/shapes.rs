//! Generated shapes at their limits (issue 8): tuples longer than std's trait impls, the size of
//! builders with many required fields, and chains of types owning one another.

use group_msg_codegen::{format, generate, Options};
use group_msg_tests::long_tuple::{Root, RootTwenty};
use group_msg_types::runtime::{Error, Rule};
use serde_json::{json, Value};

fn items(n: usize, replace: Option<(usize, Value)>) -> Value {
    let mut v: Vec<Value> = (0..n)
        .map(|i| match i % 3 {
            0 => json!(i),
            1 => json!(format!("s{i}")),
            _ => json!(i % 2 == 0),
        })
        .collect();
    if let Some((i, x)) = replace {
        v[i] = x;
    }
    Value::Array(v)
}

#[test]
fn tuples_of_13_and_20_items_parse_compare_print_and_validate() {
    let text = json!({ "thirteen": items(13, None), "twenty": items(20, Some((16, json!("ok")))) }).to_string();
    let root = Root::from_json(&text).unwrap();
    assert_eq!(root.twenty.19, "s19");
    assert_eq!(root.twenty.16, "ok");
    assert_eq!(root.thirteen.12, 12);
    // Derived `PartialEq`, `Clone`, `Debug`; serde writes the items as one array.
    assert_eq!(root.clone(), root);
    assert!(format!("{:?}", root.twenty).starts_with("RootTwenty(0, \"s1\", true"));
    assert_eq!(serde_json::to_string(&root).unwrap(), text);

    // A rule on item 16 (past 12): reported at its pointer.
    let short = json!({ "thirteen": items(13, None), "twenty": items(20, Some((16, json!("x")))) }).to_string();
    match Root::from_json(&short) {
        Err(Error::Rules(v)) => {
            let v: Vec<_> = v.iter().map(|v| (v.pointer.clone(), v.rule.clone())).collect();
            assert_eq!(v, vec![("/twenty/16".to_owned(), Rule::MinLength { limit: 2, actual: 1 })]);
        }
        other => panic!("{other:?}"),
    }
    // Exactly 20 items: one more or one less is a shape error naming the count.
    for n in [19, 21] {
        let mut t = items(21, Some((16, json!("ok"))));
        t.as_array_mut().unwrap().truncate(n);
        let err = serde_json::from_value::<RootTwenty>(t).unwrap_err().to_string();
        assert!(err.contains("an array of 20 items"), "{n}: {err}");
    }
}

fn wide(n: usize) -> String {
    let props: serde_json::Map<String, Value> =
        (0..n).map(|i| (format!("f{i}"), json!({ "type": "string" }))).collect();
    let required: Vec<String> = (0..n).map(|i| format!("f{i}")).collect();
    let spec = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Wide", "type": "object", "properties": props, "required": required, "additionalProperties": false
    });
    let out = generate("wide.json", &spec.to_string(), &Options::default()).unwrap();
    format(&out.tokens).unwrap()
}

#[test]
fn builders_grow_linearly_with_required_fields() {
    // Issue 8: 1,000 required fields made 64 MB of source (every setter relisted every field's
    // state). Issue 13: the builder is one `builder!` invocation listing each field once, and each
    // required field's path down the balanced tree of states once (`L`/`R`, log2(n) steps); the
    // state starts as `Unset` whatever the fields, and the setters live in the runtime's macro.
    // So the whole module grows about linearly: 10x the fields make about 10x the code (the
    // names `f0`..`f999` grow too), where n log n would be 15x and quadratic 100x.
    let (small, large) = (wide(100), wide(1_000));
    let ratio = large.len() as f64 / small.len() as f64;
    assert!(ratio < 10.5, "10x the fields made {ratio:.1}x the code ({} -> {} bytes)", small.len(), large.len());
    // The builder itself: a constant number of tokens per field besides its name and its path.
    let builder = &large[large.find("rt::builder! {").unwrap()..];
    let builder = &builder[..builder.find("\n    }\n").unwrap()];
    assert!(builder.len() < 1_000 * 70, "{} bytes for 1,000 fields", builder.len());
    let builder = builder.split_whitespace().collect::<Vec<_>>().join(" ");
    // Every builder starts in the one state `Unset`; field 500 is named in the list of markers
    // (with its path) and in its entry, nowhere else in the builder.
    assert_eq!(large.matches("builder::Unset").count(), 1);
    assert_eq!(builder.matches("f500 ").count() + builder.matches("f500(").count(), 2);
    assert!(builder.contains(" f500(R L L L L L L L L L),"), "the marker of f500 and its path");
    assert!(builder.contains("; req f500 : String = \"f500\";"), "the entry of f500");
    // A field named like a primitive type gets a marker of its own name.
    assert!(builder.contains(" f32_(L L L L R L L L L L),") && builder.contains("; req(f32_) f32 : String"));
}

/// Type names composed from a name that escapes a keyword (`Self_`, from a schema or property
/// named `self`) read as UpperCamelCase: `SelfItem`, never `Self_Item`, which the
/// `non_camel_case_types` lint refuses (found in Slack's spec, whose `self` property made
/// `RtmConnectResponseSelf_`). Every type name of the output is checked as the lint checks it.
#[test]
fn names_composed_after_a_keyword_escape_are_camel_case() {
    let obj = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let spec = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Root", "type": "object",
        "properties": {
            "a": {"$ref": "#/$defs/Self"},
            "b": {"$ref": "#/$defs/self"},
            "self": {"type": "object", "properties": {"list": {"type": "array", "items": obj}}}
        },
        "$defs": {
            "Self": {"type": "object", "properties": {
                "items": {"type": "array", "items": obj},
                "map": {"type": "object", "additionalProperties": obj}
            }},
            "self": {"type": "object", "properties": {"c": {"type": "integer"}}}
        }
    });
    let out = generate("self.json", &spec.to_string(), &Options::default()).unwrap();
    let text = format(&out.tokens).unwrap();
    let names: Vec<&str> = text
        .split(|c: char| !(c == '_' || c.is_alphanumeric()))
        .zip(text.split(|c: char| !(c == '_' || c.is_alphanumeric())).skip(1))
        .filter(|(kw, _)| matches!(*kw, "struct" | "enum" | "type"))
        .map(|(_, name)| name)
        .filter(|name| !name.is_empty())
        .collect();
    for name in ["Self_", "Self2", "SelfItemsItem", "SelfMapValue", "RootSelf_", "RootSelfListItem"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    // rustc's rule: no `_` next to a letter once the name's outer `_`s are trimmed.
    let cased = |c: char| c.is_lowercase() || c.is_uppercase();
    for name in &names {
        let inner: Vec<char> = name.trim_matches('_').chars().collect();
        let bad = inner.windows(2).any(|w| cased(w[0]) && w[1] == '_' || w[0] == '_' && cased(w[1]));
        assert!(!bad, "`{name}` is not UpperCamelCase");
    }
}

/// A schema of annotations only accepts every value: its position is `serde_json::Value` with
/// nothing to check, not a call into the schema validator (issue 13: Tencent's `PushStyle` made
/// every Tencent build compile the validator). A position the types do leave to the validator
/// makes the module ask for it (`requires_schema!`, a compile error without the `report`
/// feature), naming the first such position.
#[test]
fn only_positions_with_rules_go_to_the_schema_validator() {
    let annotated = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Root", "type": "object",
        "properties": {
            "style": {"description": "any JSON value", "title": "Style", "examples": [1, "a"]},
            "n": {"type": "integer"}
        }
    });
    let out = generate("annotated.json", &annotated.to_string(), &Options::default()).unwrap();
    let text = format(&out.tokens).unwrap();
    assert!(
        text.contains("pub style: ::core::option::Option<::group_msg_types::__private::serde_json::Value>"),
        "{text}"
    );
    assert!(!text.contains("by_schema::check") && !text.contains("requires_schema"), "{text}");

    let mut ruled = annotated.clone();
    ruled["properties"]["odd"] = json!({"minLength": 2, "description": "a string of 2+ or any non-string"});
    let out = generate("ruled.json", &ruled.to_string(), &Options::default()).unwrap();
    let text = format(&out.tokens).unwrap();
    assert!(text.contains("requires_schema!(\"#/properties/odd\")"), "{text}");
    assert_eq!(text.matches("by_schema::check").count(), 1, "{text}");
}
