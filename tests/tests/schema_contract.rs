//! The schema is the contract (issue 9): every keyword applies where JSON Schema says, whatever
//! Rust type its position became. One regression test per defect class, each at the root and
//! nested (as a property, and as array items), each instance's expected verdict written out and
//! also checked against the `jsonschema` crate. The generated code is compiled for real by the
//! conformance harness (one crate for all cases).

use group_msg_tests::conformance::{run_batch, workspace_root, Outcome};
use serde_json::{json, Value};

/// A schema and instances with the verdict JSON Schema gives each.
struct Case {
    name: &'static str,
    schema: Value,
    valid: Vec<Value>,
    invalid: Vec<Value>,
}

fn case(name: &'static str, schema: Value, valid: Vec<Value>, invalid: Vec<Value>) -> Case {
    Case { name, schema, valid, invalid }
}

/// The schema at the root, as a required property `p` and as the items of an array `a`.
fn positions(name: &'static str, schema: Value, valid: Vec<Value>, invalid: Vec<Value>) -> Vec<Case> {
    let wrap = |v: &Value| json!({ "p": v });
    let list = |v: &Value| json!([v]);
    // `$defs` stay at the document root, where the `$ref`s point.
    let mut inner = schema.clone();
    let defs = inner.as_object_mut().and_then(|o| o.remove("$defs")).unwrap_or(json!({}));
    vec![
        case(name, schema, valid.clone(), invalid.clone()),
        case(
            name,
            json!({ "$defs": defs, "type": "object", "properties": { "p": inner }, "required": ["p"] }),
            valid.iter().map(wrap).collect(),
            invalid.iter().map(wrap).collect(),
        ),
        case(
            name,
            json!({ "$defs": defs, "type": "array", "items": inner }),
            valid.iter().map(list).collect(),
            invalid.iter().map(list).collect(),
        ),
    ]
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    // 1. Rules on a root that lowers to an alias.
    out.extend(positions(
        "1: string alias",
        json!({"type": "string", "minLength": 2}),
        vec![json!("ab")],
        vec![json!("a")],
    ));
    out.extend(positions(
        "1: integer alias",
        json!({"type": "integer", "minimum": 5}),
        vec![json!(5), json!(7.0)],
        vec![json!(1)],
    ));
    out.extend(positions("1: const", json!({"const": 2}), vec![json!(2), json!(2.0)], vec![json!(5), json!("2")]));
    out.extend(positions(
        "1: array alias",
        json!({"type": "array", "items": {"type": "string", "minLength": 2}, "maxItems": 1}),
        vec![json!([]), json!(["ab"])],
        vec![json!(["a"]), json!(["ab", "cd"])],
    ));
    // 2. `$ref` inside rule-only positions.
    out.extend(positions(
        "2: ref in prefixItems / allOf / not",
        json!({
            "$defs": {"short": {"type": "string", "maxLength": 1}},
            "prefixItems": [{"$ref": "#/$defs/short"}],
            "allOf": [{"not": {"$ref": "#/$defs/short"}}, {"type": "array"}]
        }),
        vec![json!(["a", 1]), json!(["b"])],
        vec![json!(["ab"]), json!("a")],
    ));
    // 3. `allOf` of `$ref`s.
    out.extend(positions(
        "3: allOf of refs",
        json!({
            "$defs": {
                "left": {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
                "right": {"type": "object", "properties": {"b": {"type": "string"}}, "required": ["b"]}
            },
            "allOf": [{"$ref": "#/$defs/left"}, {"$ref": "#/$defs/right"}]
        }),
        vec![json!({"a": 1, "b": "x"})],
        vec![json!({"a": 1}), json!({"a": "1", "b": "x"}), json!(3)],
    ));
    // 4. Type-specific keywords on a schema without `type` constrain only their own type.
    out.extend(positions(
        "4: untyped keywords",
        json!({
            "required": ["a"],
            "contains": {"const": 1},
            "maxContains": 1,
            "additionalProperties": {"type": "integer"},
            "minLength": 2
        }),
        vec![json!(12), json!({"a": 1}), json!([1, 2]), json!("ab"), json!(null)],
        vec![json!({}), json!({"a": "x"}), json!([1, 1]), json!([2]), json!("a")],
    ));
    // 5. prefixItems + items; `items: false` is not a fixed length; uniqueItems on a tuple.
    out.extend(positions(
        "5: prefixItems",
        json!({
            "type": "array",
            "prefixItems": [{"type": "integer"}, {"type": "string"}],
            "items": false,
            "uniqueItems": true
        }),
        vec![json!([]), json!([1]), json!([1, "a"])],
        vec![json!([1, "a", 2]), json!(["a"]), json!([1, 2])],
    ));
    out.extend(positions(
        "5: items after prefixItems",
        json!({"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}, "uniqueItems": true}),
        vec![json!(["a", 1, 2])],
        vec![json!(["a", "b"]), json!(["a", 1, 1])],
    ));
    // Recursion through `$ref: "#"` and a boolean root.
    out.push(case(
        "recursion through #",
        json!({"type": "object", "properties": {"next": {"$ref": "#"}, "n": {"type": "integer"}}}),
        vec![json!({"next": {"next": {"n": 1}}})],
        vec![json!({"next": {"next": {"n": "x"}}}), json!({"next": 1})],
    ));
    out.push(case("false root", json!(false), vec![], vec![json!(1), json!({})]));
    out.push(case("true root", json!(true), vec![json!(1), json!({"a": [null]})], vec![]));
    // Disagreements the conformance run found (seeds 1139, 4474, 5818 of 0..10000).
    out.extend(positions(
        "uniqueItems compares numbers as numbers",
        json!({"type": "array", "uniqueItems": true}),
        vec![json!([1, 2.5, [], {}])],
        vec![json!([-1, 1.0, [], -1.0]), json!([{"a": 1}, {"a": 1.0}])],
    ));
    out.extend(positions(
        "an array const beside items",
        json!({"type": "array", "items": {"type": "string"}, "const": [{"d": null}, null]}),
        vec![],
        vec![json!([{"d": null}, null]), json!(["a"])],
    ));
    out.extend(positions(
        "email local part",
        json!({"type": "string", "format": "email"}),
        vec![json!("joe.bloggs@example.com")],
        vec![json!("mailto:a@b.c")],
    ));
    out.extend(readme_examples());
    out
}

/// The runnable examples of `specs/README.md`: its ```` ```json test ```` blocks, each
/// `{"schema", "valid", "invalid"}`.
fn readme_examples() -> Vec<Case> {
    let text = std::fs::read_to_string(workspace_root().join("specs/README.md")).expect("specs/README.md");
    let mut out = Vec::new();
    for block in text.split("```json test\n").skip(1) {
        let body = block.split("```").next().unwrap_or_default();
        let v: Value =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("a README example is not JSON: {e}\n{body}"));
        let list = |k: &str| v[k].as_array().cloned().unwrap_or_else(|| panic!("a README example lacks `{k}`: {body}"));
        out.push(case("specs/README.md example", v["schema"].clone(), list("valid"), list("invalid")));
    }
    assert!(out.len() >= 5, "the README examples are found");
    out
}

/// A `$ref` that points nowhere is reported where it is written, in any position.
#[test]
fn dangling_refs_are_reported_in_every_position() {
    for (schema, at) in [
        (json!({"$ref": "#/$defs/missing"}), "/$ref"),
        (json!({"prefixItems": [{"$ref": "#/$defs/missing"}]}), "/prefixItems/0/$ref"),
        (json!({"type": "object", "properties": {"p": {"not": {"$ref": "#/nowhere"}}}}), "/properties/p/not/$ref"),
        (json!({"allOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/b"}], "$defs": {"a": true}}), "/allOf/1/$ref"),
        (json!({"anyOf": [{"$ref": "#anchor"}]}), "/anyOf/0/$ref"),
        // `$defs` below the root do not move `#`.
        (
            json!({"type": "object", "properties": {"p": {"$defs": {"s": true}, "items": {"$ref": "#/$defs/s"}}}}),
            "/properties/p/items/$ref",
        ),
        (
            json!({"type": "array", "items": {"$defs": {"s": true}, "allOf": [{"not": {"$ref": "#/$defs/s"}}]}}),
            "/items/allOf/0/not/$ref",
        ),
    ] {
        let opts = group_msg_codegen::Options { root_name: Some("Root".into()), ..Default::default() };
        let err = match group_msg_codegen::generate("s.json", &schema.to_string(), &opts) {
            Ok(_) => panic!("{schema}: a dangling `$ref` is accepted"),
            Err(e) => e,
        };
        assert!(err.iter().any(|d| d.pointer == at), "{schema}: expected an error at {at}, got {err}");
    }
}

#[test]
fn every_defect_class_is_fixed_at_the_root_and_nested() {
    let cases = cases();
    let batch: Vec<(Value, Vec<Value>)> =
        cases.iter().map(|c| (c.schema.clone(), c.valid.iter().chain(&c.invalid).cloned().collect())).collect();
    let dir = workspace_root().join("target").join("conformance").join("contract");
    let outcomes = run_batch(&dir, &batch).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    for (c, outcome) in cases.iter().zip(&outcomes) {
        let reference = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&c.schema)
            .expect("the reference compiles the schema");
        let verdicts = match outcome {
            Outcome::Refused(d) => {
                failures.push(format!("{}: refused: {d}\n  schema {}", c.name, c.schema));
                continue;
            }
            Outcome::Ran(v) => v,
        };
        let expected = c.valid.iter().map(|v| (v, true)).chain(c.invalid.iter().map(|v| (v, false)));
        for ((instance, want), got) in expected.zip(verdicts) {
            assert_eq!(reference.is_valid(instance), want, "{}: the case itself is wrong for {instance}", c.name);
            if got.is_ok() != want {
                failures.push(format!(
                    "{}: {instance} should be {}, generated code says {got:?}\n  schema {}",
                    c.name,
                    if want { "valid" } else { "invalid" },
                    c.schema
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

/// Defect class 1 on OpenAPI bodies: an array request and an integer response are newtypes with
/// `from_json`, `validate()` and the rules of their schemas.
#[test]
fn array_and_scalar_bodies_check_their_rules() {
    use group_msg_tests::array_body::{Request, Response};
    assert!(Request::from_json(r#"["ab"]"#).is_ok());
    assert!(Request::from_json("[]").is_ok());
    let err = Request::from_json(r#"["a"]"#).unwrap_err().to_string();
    assert!(err.contains("/0") && err.contains("at least 2 characters"), "{err}");
    let err = Request::from_json(r#"["ab", "cd"]"#).unwrap_err().to_string();
    assert!(err.contains("at most 1 items"), "{err}");
    assert!(Response::from_json("5").is_ok());
    assert!(Response::from_json("5.0").is_ok(), "2.0-style integers are integers");
    assert!(Response::from_json("1").unwrap_err().to_string().contains("at least 5"));
    let built = Request(vec!["x".to_owned()]);
    assert!(built.validate().is_err(), "validate() checks a value built in code");
}
