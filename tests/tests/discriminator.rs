//! OpenAPI `discriminator` (`propertyName`, `mapping`, the implicit mapping, LINE's
//! parent-with-`allOf`-children pattern), lowered as `group-msg-codegen/src/lower/discriminator.rs`
//! says: a typed union where the tag dispatch decides what JSON Schema's `oneOf` decides, the
//! JSON Schema meaning everywhere else.
//!
//! The backbone is differential: random request bodies drawn from pools of tagged values (mapped
//! tags, the implicit schema-name tag, unknown tags, no tag, wrong payloads) are judged by the
//! generated `from_json` and by the `jsonschema` crate (for which `discriminator` is an unknown
//! keyword, an annotation); every accepted body must also serialize back to the same JSON.

use group_msg_codegen::{generate, Options};
use group_msg_tests::conformance::{run_units, workspace_root, Unit};
use group_msg_tests::schemagen::Rng;
use serde_json::{json, Value};

/// One document for every pattern: `Pet` (a typed union: consts, an explicit and a `$ref`
/// mapping), `Shape` (`oneOf` whose branches do not pin the tag: the implicit mapping would say
/// `Circle`/`Square`, JSON Schema matches by structure), `Recipient` with `OperatorRecipient`
/// (mapped) and `AudienceRecipient` (implicit) as `allOf` children, and `Body` holding them.
fn spec() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Discriminators", "version": "1"},
        "paths": {"/send": {"post": {
            "operationId": "send",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body"}}}},
            "responses": {"200": {"description": "ok"}}
        }}},
        "components": {"schemas": {
            "Body": {
                "type": "object",
                "properties": {
                    "pet": {"$ref": "#/components/schemas/Pet"},
                    "shape": {"$ref": "#/components/schemas/Shape"},
                    "recipient": {"$ref": "#/components/schemas/Recipient"},
                    "operator": {"$ref": "#/components/schemas/OperatorRecipient"}
                },
                "additionalProperties": false
            },
            "Pet": {
                "type": "object",
                "required": ["petType"],
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {"propertyName": "petType", "mapping": {"cat": "Cat", "dog": "#/components/schemas/Dog"}}
            },
            "Cat": {
                "type": "object",
                "required": ["petType"],
                "properties": {"petType": {"const": "cat"}, "meow": {"type": "boolean"}, "lives": {"type": "integer", "maximum": 9}},
                "additionalProperties": false
            },
            "Dog": {
                "type": "object",
                "required": ["petType", "bark"],
                "properties": {"petType": {"const": "dog"}, "bark": {"type": "string", "minLength": 1}},
                "additionalProperties": false
            },
            "Shape": {
                "oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
                "discriminator": {"propertyName": "kind"}
            },
            "Circle": {
                "type": "object",
                "required": ["kind", "r"],
                "properties": {"kind": {"type": "string"}, "r": {"type": "integer"}}
            },
            "Square": {
                "type": "object",
                "required": ["kind", "side"],
                "properties": {"kind": {"type": "string"}, "side": {"type": "integer"}}
            },
            "Recipient": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"type": "string"}},
                "discriminator": {"propertyName": "type", "mapping": {"operator": "#/components/schemas/OperatorRecipient"}}
            },
            "OperatorRecipient": {
                "type": "object",
                "allOf": [
                    {"$ref": "#/components/schemas/Recipient"},
                    {"type": "object", "properties": {"and": {"type": "array", "items": {"$ref": "#/components/schemas/Recipient"}}}}
                ]
            },
            "AudienceRecipient": {
                "allOf": [
                    {"$ref": "#/components/schemas/Recipient"},
                    {"type": "object", "required": ["audienceGroupId"], "properties": {"audienceGroupId": {"type": "integer"}}}
                ]
            }
        }}
    })
}

/// Compile-time facts about the generated types, compiled with them.
const CHECKS: &str = r#"
// `Pet` is a typed union (its branches pin the tag); `Shape` and `OperatorRecipient` are left to
// the schema validator; `Recipient` is the struct of its own properties.
fn _pet(p: Pet) -> &'static str {
    match p {
        Pet::Cat(_) => "cat",
        Pet::Dog(_) => "dog",
    }
}
const _: () = assert!(matches!(Pet::TAG.as_bytes(), b"petType"));
const _: fn(Shape) -> ::group_msg_types::__private::serde_json::Value = |x| x;
const _: fn(OperatorRecipient) -> ::group_msg_types::__private::serde_json::Value = |x| x;
fn _recipient(r: Recipient) -> ::std::string::String {
    r.r#type
}

/// Judges an instance as `Body::from_json` does, then checks the round trip: the accepted value
/// serializes back to the same JSON.
pub struct RoundTrip;
impl RoundTrip {
    pub fn from_json(text: &str) -> ::core::result::Result<(), ::std::string::String> {
        use ::group_msg_types::__private::serde_json;
        let body = Body::from_json(text).map_err(|e| e.to_string())?;
        let back = serde_json::to_value(&body).map_err(|e| e.to_string())?;
        let input: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if back != input {
            return ::core::result::Result::Err(format!("round trip: {input} came back as {back}"));
        }
        ::core::result::Result::Ok(())
    }
}
"#;

fn pools() -> Vec<(&'static str, Vec<Value>)> {
    vec![
        (
            "pet",
            vec![
                json!({"petType": "cat"}),
                json!({"petType": "cat", "meow": true, "lives": 9}),
                json!({"meow": false, "petType": "cat"}),
                json!({"petType": "dog", "bark": "woof"}),
                json!({"bark": "woof", "petType": "dog"}),
                // Invalid: the implicit mapping's tag (the const decides), unknown tags, no tag,
                // wrong payloads, a key of the other variant.
                json!({"petType": "Cat"}),
                json!({"petType": "kitty"}),
                json!({"meow": true}),
                json!({"petType": "cat", "lives": 10}),
                json!({"petType": "dog"}),
                json!({"petType": "dog", "bark": ""}),
                json!({"petType": "cat", "bark": "woof"}),
                json!("cat"),
            ],
        ),
        (
            "shape",
            vec![
                json!({"kind": "Circle", "r": 1}),
                json!({"kind": "Square", "side": 2}),
                // Valid by structure, whatever the tag says (JSON Schema's `oneOf`).
                json!({"kind": "Square", "r": 1}),
                json!({"kind": "other", "side": 3, "note": "kept"}),
                // Both branches match, or none.
                json!({"kind": "Circle", "r": 1, "side": 2}),
                json!({"kind": "Circle"}),
                json!({"r": 1}),
            ],
        ),
        (
            "recipient",
            vec![
                json!({"type": "operator"}),
                json!({"type": "operator", "and": [{"type": "audience"}]}),
                // The parent's schema alone: valid though the mapped child would refuse it.
                json!({"type": "operator", "and": 5}),
                json!({"type": "AudienceRecipient", "audienceGroupId": "x"}),
                json!({"type": "unlisted", "z": [1, {"y": null}]}),
                json!({}),
                json!({"type": 1}),
            ],
        ),
        (
            "operator",
            vec![
                json!({"type": "operator", "and": [{"type": "x"}]}),
                json!({"type": "anything"}),
                json!({"type": "operator", "and": 5}),
                json!({"type": "operator", "and": [{}]}),
                json!({"and": []}),
            ],
        ),
    ]
}

/// Random bodies: each key present or not, its value drawn from its pool; sometimes an unknown key.
fn bodies(n: usize) -> Vec<Value> {
    let mut rng = Rng::new(10);
    let pools = pools();
    let mut out = Vec::new();
    // Every pool value once, alone.
    for (key, pool) in &pools {
        for v in pool {
            out.push(json!({ *key: v }));
        }
    }
    while out.len() < n {
        let mut body = serde_json::Map::new();
        for (key, pool) in &pools {
            if rng.chance(60) {
                body.insert((*key).to_owned(), rng.pick(pool).clone());
            }
        }
        if rng.chance(5) {
            body.insert("zzz".into(), json!(1));
        }
        out.push(Value::Object(body));
    }
    out
}

fn reference(doc: &Value) -> jsonschema::Validator {
    let mut doc = doc.clone();
    doc["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    doc["$ref"] = json!("#/components/schemas/Body");
    jsonschema::draft202012::new(&doc).expect("the reference compiles the document")
}

#[test]
fn discriminated_bodies_agree_with_the_reference_and_round_trip() {
    let doc = spec();
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let out = generate("discriminators.json", &text, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        ["discriminators.json#/components/schemas/Circle: the `discriminator` at /components/schemas/Shape/discriminator \
          is not a typed union: the branch does not pin the tag with `properties.kind.const`, so JSON Schema's `oneOf` \
          matches it by structure, whatever the tag says; the value is checked by its JSON Schema alone (the \
          discriminator is an annotation)"]
    );
    let code = group_msg_codegen::format(&out.tokens).unwrap();
    // The mapping and the implicit mapping, in the parent's docs.
    for line in [
        "/// OpenAPI `discriminator` on `type`: an annotation here",
        "/// - `operator`: [`OperatorRecipient`]",
        "/// - `AudienceRecipient` (implicit mapping): [`AudienceRecipient`]",
    ] {
        assert!(code.contains(line), "missing `{line}`");
    }
    let instances = bodies(400);
    let reference = reference(&doc);
    let unit = Unit {
        code: format!("{code}\n{CHECKS}"),
        root: Some("RoundTrip".into()),
        instances: instances.iter().map(Value::to_string).collect(),
    };
    let dir = workspace_root().join("target").join("conformance").join("discriminator");
    let verdicts = run_units(&dir, &[unit]).unwrap_or_else(|e| panic!("{e}")).remove(0);
    assert_eq!(verdicts.len(), instances.len());
    let mut problems = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for (instance, got) in instances.iter().zip(&verdicts) {
        let want = reference.is_valid(instance);
        if want {
            valid += 1;
        } else {
            invalid += 1;
        }
        match got {
            Err(e) if e.starts_with("round trip") => problems.push(format!("{instance}: {e}")),
            Err(e) if want => problems.push(format!("{instance}: the reference accepts it, we refuse it: {e}")),
            Ok(()) if !want => problems.push(format!("{instance}: the reference refuses it, we accept it")),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Both verdicts are well represented.
    assert!(valid >= 60 && invalid >= 60, "valid {valid}, invalid {invalid}");
}

/// The `mapping` against the branches' constants: a tag the const contradicts, a schema that is
/// no branch (a warning; strict: an error); a mapping to a schema that does not exist (an error).
#[test]
fn mappings_that_disagree_or_dangle() {
    let mut doc = spec();
    doc["components"]["schemas"]["Pet"]["discriminator"]["mapping"] =
        json!({"cat": "Cat", "kitty": "#/components/schemas/Cat", "circle": "Circle"});
    let text = doc.to_string();
    let out = generate("d.json", &text, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> =
        out.warnings.iter().filter(|w| w.pointer.contains("/Pet/")).map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "d.json#/components/schemas/Pet/discriminator/mapping/kitty: `mapping` sends `kitty` to \
             `#/components/schemas/Cat`, whose `properties.petType.const` is \"cat\": the constant decides (JSON Schema)",
            "d.json#/components/schemas/Pet/discriminator/mapping/circle: `mapping` sends `circle` to `Circle`, which \
             is no `oneOf` branch: a value tagged `circle` matches no branch",
        ]
    );
    let strict = Options { strict: true, ..Options::default() };
    let errors = generate("d.json", &text, &strict).expect_err("strict refuses the mapping").to_string();
    assert!(errors.contains("d.json#/components/schemas/Pet/discriminator/mapping/kitty: `mapping` sends"), "{errors}");

    doc["components"]["schemas"]["Recipient"]["discriminator"]["mapping"]["x"] = json!("#/components/schemas/Nope");
    let errors = generate("d.json", &doc.to_string(), &Options::default()).expect_err("a dangling mapping").to_string();
    assert!(
        errors.contains(
            "d.json#/components/schemas/Recipient/discriminator/mapping/x: `mapping` sends `x` to \
             `#/components/schemas/Nope`, which names no schema of `components.schemas`"
        ),
        "{errors}"
    );
}
