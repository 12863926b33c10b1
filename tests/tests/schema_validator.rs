//! `group_msg_rules::schema::Validator` against the `jsonschema` crate (draft 2020-12, formats
//! checked): random schemas from `group_msg_tests::schemagen` (the whole supported grammar, every
//! keyword in every position) with instances biased to their boundaries, verdicts compared one by
//! one; then issue 9's defect classes at the validator level and its bounds on hostile input.
//!
//! `GROUP_MSG_SCHEMAS=N GROUP_MSG_SEED=S cargo test -p group-msg-tests --test schema_validator
//! --release` runs more than the CI slice.

use group_msg_rules::schema::{Problem, Validator};
use group_msg_tests::schemagen::{instances, random_schema, GenOptions, Rng};
use serde_json::{json, Value};

fn reference(doc: &Value) -> Result<jsonschema::Validator, String> {
    jsonschema::draft202012::options().should_validate_formats(true).build(doc).map_err(|e| e.to_string())
}

fn ours(doc: &Value) -> Validator {
    Validator::compile(doc, "").unwrap_or_else(|e| panic!("we refuse {}: {e:?}", short(doc)))
}

fn short(doc: &Value) -> String {
    let s = doc.to_string();
    if s.len() > 2000 {
        format!("{}...", &s[..2000])
    } else {
        s
    }
}

fn problems(v: &Validator, instance: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    v.validate(instance, &mut out);
    out
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Runs `count` random schemas from `seed` on with 20 instances each; returns the number of
/// instance checks and how many of them are valid.
fn differential(seed: u64, count: u64, opts: &GenOptions) -> (usize, usize) {
    let mut checks = 0;
    let mut valid = 0;
    for case in seed..seed + count {
        let mut rng = Rng::new(case);
        let doc = random_schema(&mut rng, opts);
        let reference = reference(&doc).unwrap_or_else(|e| panic!("seed {case}: the reference refuses it: {e}\n{doc}"));
        let compiled = match Validator::compile(&doc, "") {
            Ok(v) => v,
            Err(e) => panic!("seed {case}: we refuse {doc}, the reference accepts it: {e:?}"),
        };
        for instance in instances(&mut rng, &doc, 20) {
            checks += 1;
            let expected = reference.is_valid(&instance);
            valid += usize::from(expected);
            let got = compiled.is_valid(&instance);
            let found = problems(&compiled, &instance);
            if got != expected {
                panic!(
                    "seed {case}: the reference says {}, we say {}\ninstance {instance}\nour problems: {found:?}\nreference errors: {:?}\nschema {doc}",
                    if expected { "valid" } else { "invalid" },
                    if got { "valid" } else { "invalid" },
                    reference.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect::<Vec<_>>(),
                );
            }
            assert_eq!(
                found.is_empty(),
                got,
                "seed {case}: is_valid and validate disagree on {instance} for {doc}: {found:?}"
            );
            // Where both name exactly one failing location, it is the same one, or ours is under
            // theirs (the reference reports a failing `unevaluated*`, `contains`, ... at the
            // container; we name the item or key that fails, when there is one).
            let mut theirs: Vec<String> =
                reference.iter_errors(&instance).map(|e| e.instance_path().as_str().to_owned()).collect();
            theirs.dedup();
            let mut mine: Vec<&str> = found.iter().map(|p| p.instance.as_str()).collect();
            mine.dedup();
            if let ([m], [t]) = (mine.as_slice(), theirs.as_slice()) {
                assert!(
                    m == t || m.starts_with(&format!("{t}/")),
                    "seed {case}: we point at {found:?}, the reference at {theirs:?}\ninstance {instance}\nschema {doc}"
                );
            }
        }
    }
    (checks, valid)
}

#[test]
fn agrees_with_the_reference_on_random_schemas() {
    let seed = env("GROUP_MSG_SEED", 9);
    let count = env("GROUP_MSG_SCHEMAS", 2000);
    let (checks, valid) = differential(seed, count, &GenOptions::default());
    assert_eq!(checks as u64, count * 20);
    // The instances sit on both sides of the schemas (not all valid, not all wrong types).
    eprintln!("{checks} checks, {valid} valid");
    assert!(valid * 4 > checks && valid * 4 < checks * 3, "{valid} of {checks} instances are valid");
}

#[test]
fn agrees_with_the_reference_on_deep_schemas() {
    let opts = GenOptions { max_depth: 5, ..GenOptions::default() };
    let (checks, valid) = differential(1_000_000 + env("GROUP_MSG_SEED", 9), env("GROUP_MSG_SCHEMAS", 2000) / 4, &opts);
    eprintln!("{checks} checks, {valid} valid");
    assert!(valid * 5 > checks && valid * 5 < checks * 4, "{valid} of {checks} instances are valid");
}

/// The generator covers what it promises (so a clean run above means something).
#[test]
fn the_generator_covers_the_grammar() {
    let mut seen = std::collections::BTreeSet::new();
    let mut refs = std::collections::BTreeSet::new();
    fn walk(
        v: &Value,
        seen: &mut std::collections::BTreeSet<String>,
        refs: &mut std::collections::BTreeSet<&'static str>,
    ) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    seen.insert(k.clone());
                    if k == "$ref" {
                        let r = x.as_str().unwrap_or_default();
                        if r == "#" {
                            refs.insert("root");
                        } else if r.starts_with("#/$defs/") || r.starts_with("#/definitions/") {
                            refs.insert("defs");
                        } else if r.starts_with("#/") {
                            refs.insert("pointer");
                        } else if r.starts_with('#') {
                            refs.insert("anchor");
                        } else if r.starts_with("https:") {
                            refs.insert("absolute");
                        } else {
                            refs.insert("relative");
                        }
                        if r.contains('%') {
                            refs.insert("percent");
                        }
                        if r.contains("~0") || r.contains("~1") {
                            refs.insert("tilde");
                        }
                    }
                    walk(x, seen, refs);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, seen, refs)),
            _ => {}
        }
    }
    for case in 0..500 {
        let doc = random_schema(&mut Rng::new(case), &GenOptions::default());
        walk(&doc, &mut seen, &mut refs);
    }
    for k in [
        "type",
        "enum",
        "const",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "prefixItems",
        "items",
        "contains",
        "minContains",
        "maxContains",
        "minItems",
        "maxItems",
        "uniqueItems",
        "unevaluatedItems",
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "required",
        "dependentRequired",
        "dependentSchemas",
        "minProperties",
        "maxProperties",
        "unevaluatedProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "$ref",
        "$defs",
        "definitions",
        "$anchor",
        "$id",
    ] {
        assert!(seen.contains(k), "no generated schema uses `{k}`");
    }
    for r in ["root", "defs", "pointer", "anchor", "absolute", "relative", "percent", "tilde"] {
        assert!(refs.contains(r), "no generated `$ref` of the kind `{r}`: {refs:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 9's defect classes, each at the root and nested, against the reference.

/// Each `(instance, valid)` holds for the reference and for us, and our problems name `keyword`
/// at `pointer` when invalid.
fn check(doc: Value, cases: &[(Value, bool)]) {
    let reference = reference(&doc).unwrap();
    let v = ours(&doc);
    for (instance, valid) in cases {
        assert_eq!(reference.is_valid(instance), *valid, "the reference on {instance} for {doc}");
        assert_eq!(v.is_valid(instance), *valid, "we on {instance} for {doc}: {:?}", problems(&v, instance));
        assert_eq!(problems(&v, instance).is_empty(), *valid);
    }
}

fn nested(schema: Value) -> Value {
    json!({"type": "object", "properties": {"x": schema}})
}

#[test]
fn rules_on_roots_apply() {
    for (schema, good, bad) in [
        (json!({"type": "string", "minLength": 2}), json!("ab"), json!("a")),
        (json!({"type": "integer", "minimum": 5}), json!(5), json!(1)),
        (json!({"const": 2}), json!(2.0), json!(5)),
        (
            json!({"type": "array", "items": {"type": "string", "minLength": 2}, "maxItems": 1}),
            json!(["ab"]),
            json!(["a"]),
        ),
        (
            json!({"type": "array", "items": {"type": "string", "minLength": 2}, "maxItems": 1}),
            json!([]),
            json!(["ab", "cd"]),
        ),
    ] {
        check(schema.clone(), &[(good.clone(), true), (bad.clone(), false)]);
        check(nested(schema), &[(json!({"x": good}), true), (json!({"x": bad}), false), (json!({}), true)]);
    }
    let v = ours(&json!({"type": "string", "minLength": 2}));
    let p = problems(&v, &json!("a"));
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].instance.as_str(), p[0].keyword, p[0].schema.as_str()), ("", "minLength", "/minLength"));
    assert_eq!(p[0].message, "must have at least 2 characters, found 1");
}

#[test]
fn refs_in_rule_only_positions_apply() {
    let defs = json!({"s": {"type": "string", "minLength": 2}, "n": {"type": "integer"}});
    for (kw, schema, good, bad) in [
        ("prefixItems", json!({"prefixItems": [{"$ref": "#/$defs/s"}]}), json!(["ab", 1]), json!(["a"])),
        ("allOf", json!({"allOf": [{"$ref": "#/$defs/s"}]}), json!("ab"), json!("a")),
        ("anyOf", json!({"anyOf": [{"$ref": "#/$defs/s"}, {"$ref": "#/$defs/n"}]}), json!(3), json!("a")),
        ("oneOf", json!({"oneOf": [{"$ref": "#/$defs/s"}, {"$ref": "#/$defs/n"}]}), json!("ab"), json!(2.5)),
        ("not", json!({"not": {"$ref": "#/$defs/s"}}), json!("a"), json!("ab")),
        ("if", json!({"if": {"$ref": "#/$defs/n"}, "then": {"minimum": 3}}), json!(3), json!(2)),
        ("then", json!({"if": {"type": "string"}, "then": {"$ref": "#/$defs/s"}}), json!(7), json!("a")),
        ("contains", json!({"contains": {"$ref": "#/$defs/n"}}), json!(["a", 1]), json!(["a"])),
    ] {
        let mut root = schema.clone();
        root["$defs"] = defs.clone();
        check(root, &[(good.clone(), true), (bad.clone(), false)]);
        let mut doc = nested(schema);
        doc["$defs"] = defs.clone();
        check(doc, &[(json!({"x": good}), true), (json!({"x": bad}), false)]);
        let _ = kw;
    }
    // A dangling $ref there is reported with its pointer.
    let e = Validator::compile(&json!({"anyOf": [{"$ref": "#/$defs/missing"}]}), "").unwrap_err();
    assert_eq!(e[0].pointer, "/anyOf/0/$ref");
    assert!(e[0].message.contains("points at nothing"), "{e:?}");
}

#[test]
fn all_of_refs_is_checked() {
    let doc = json!({
        "$defs": {
            "a": {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
            "b": {"type": "object", "properties": {"b": {"type": "string", "maxLength": 1}}, "required": ["b"]}
        },
        "allOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/b"}]
    });
    check(
        doc.clone(),
        &[
            (json!({"a": 1, "b": "x"}), true),
            (json!({"a": 1}), false),
            (json!({"a": "1", "b": "x"}), false),
            (json!({"a": 1, "b": "xy"}), false),
        ],
    );
    let p = problems(&ours(&doc), &json!({"a": "1", "b": "xy"}));
    let at: Vec<(&str, &str)> = p.iter().map(|p| (p.instance.as_str(), p.schema.as_str())).collect();
    assert_eq!(at, [("/a", "/$defs/a/properties/a/type"), ("/b", "/$defs/b/properties/b/maxLength")]);
}

#[test]
fn keywords_only_constrain_their_own_type() {
    let schemas = [
        json!({"required": ["a"]}),
        json!({"contains": {"const": 1}, "minContains": 2, "maxContains": 2}),
        json!({"additionalProperties": {"type": "string"}}),
        json!({"minLength": 3, "pattern": "^x"}),
        json!({"minimum": 3, "multipleOf": 2}),
        json!({"minItems": 2, "uniqueItems": true}),
        json!({"propertyNames": {"maxLength": 1}, "minProperties": 2}),
    ];
    for schema in schemas {
        let others = [json!(12), json!("s"), json!(null), json!(true), json!([1]), json!({"bb": 1})];
        let r = reference(&schema).unwrap();
        let cases: Vec<(Value, bool)> = others.iter().map(|o| (o.clone(), r.is_valid(o))).collect();
        // Every instance of another type is valid.
        assert!(cases.iter().filter(|(_, valid)| !valid).count() <= 1, "{schema}: {cases:?}");
        check(schema.clone(), &cases);
        check(nested(schema), &cases.iter().map(|(i, v)| (json!({"x": i}), *v)).collect::<Vec<_>>());
    }
    check(json!({"required": ["a"]}), &[(json!(12), true), (json!({}), false), (json!({"a": 0}), true)]);
    check(
        json!({"contains": {"const": 1}, "minContains": 2}),
        &[(json!({}), true), (json!([1, 1.0]), true), (json!([1, 2]), false)],
    );
}

#[test]
fn prefix_items_items_and_unique_items() {
    let tuple = json!({"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": {"type": "boolean"}});
    check(
        tuple.clone(),
        &[
            (json!(["a"]), true),
            (json!(["a", 1, true, false]), true),
            (json!(["a", 1, 2]), false),
            (json!([1]), false),
            (json!([]), true),
        ],
    );
    check(nested(tuple), &[(json!({"x": ["a", 1, true]}), true), (json!({"x": ["a", 1, "b"]}), false)]);
    let closed =
        json!({"prefixItems": [{"type": "integer"}, {"type": "integer"}], "items": false, "uniqueItems": true});
    check(
        closed.clone(),
        &[
            (json!([]), true),
            (json!([1]), true),
            (json!([1, 2]), true),
            (json!([1, 1.0]), false),
            (json!([1, 2, 3]), false),
        ],
    );
    check(nested(closed), &[(json!({"x": [2, 2]}), false), (json!({"x": [2]}), true)]);
    // uniqueItems by JSON equality, objects regardless of key order.
    check(
        json!({"uniqueItems": true}),
        &[
            (json!([{"a": 1, "b": [1.0]}, {"b": [1], "a": 1.0}]), false),
            (json!([{"a": 1}, {"a": 2}, [1], [1, 1], 1, "1", true, null]), true),
            (json!((0..20).map(|i| json!({"k": i})).chain([json!({"k": 7.0})]).collect::<Vec<_>>()), false),
        ],
    );
    let p = problems(&ours(&json!({"uniqueItems": true})), &json!([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3.0, 1.0]));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].message, "items must be unique, item 10 repeats item 3");
}

#[test]
fn ecma_white_space() {
    let bom = "\u{FEFF}";
    let nel = "\u{85}";
    check(
        json!({"pattern": "^\\s$"}),
        &[
            (json!(bom), true),
            (json!(" "), true),
            (json!("\u{3000}"), true),
            (json!("\u{2028}"), true),
            (json!(nel), false),
            (json!("x"), false),
        ],
    );
    check(json!({"pattern": "^\\S$"}), &[(json!(bom), false), (json!(nel), true), (json!("x"), true)]);
    check(json!({"pattern": "^[\\s]$"}), &[(json!(bom), true), (json!(nel), false)]);
    check(json!({"pattern": "^[^\\s]$"}), &[(json!(bom), false), (json!(nel), true)]);
    check(json!({"pattern": "^[a\\S]$"}), &[(json!(bom), false), (json!("b"), true)]);
    check(json!({"pattern": "^[\\D]$"}), &[(json!("\u{663}"), true), (json!("3"), false)]);
    check(nested(json!({"pattern": "^\\s+$"})), &[(json!({"x": bom}), true), (json!({"x": nel}), false)]);
}

/// ECMA 262 look-around and back-references (Svix's `^(?!ep_)...`), run by the backtracking
/// engine of `group_msg_rules::pattern`, agree with the reference.
#[test]
fn look_around_and_back_references() {
    check(
        json!({"pattern": "^(?!ep_)[a-zA-Z0-9\\-_.]+$"}),
        &[(json!("ep_1"), false), (json!("e_p"), true), (json!("a-b.c"), true), (json!(""), false), (json!(3), true)],
    );
    check(json!({"pattern": "(?<=\\$)\\d"}), &[(json!("$1"), true), (json!("1"), false), (json!("$x"), false)]);
    // ECMA 262's `\d` is ASCII under look-around too. The reference differs here (jsonschema
    // 0.x passes a pattern with look-around to fancy-regex without its ASCII rewrite, so its `\d`
    // takes U+0663), so only ours is asserted; the random schemas' look-around patterns avoid
    // `\d` on non-ASCII digits for that reason.
    assert!(!ours(&json!({"pattern": "(?<=\\$)\\d"})).is_valid(&json!("$\u{663}")));
    check(json!({"pattern": "(?<!x)y"}), &[(json!("xy"), false), (json!("ay"), true), (json!("y"), true)]);
    check(json!({"pattern": "^(\\w)\\1$"}), &[(json!("aa"), true), (json!("ab"), false)]);
    check(
        json!({"patternProperties": {"^(?=a)\\w+$": {"type": "integer"}}}),
        &[(json!({"ab": 1}), true), (json!({"ab": "x"}), false), (json!({"ba": "x"}), true)],
    );
    // A string that makes the backtracking engine give up is refused, saying so (not a hang).
    let v = ours(&json!({"pattern": "^(a|a)*\\1b"}));
    let p = problems(&v, &json!("a".repeat(5000) + "!"));
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("backtracking steps"), "{}", p[0].message);
}

#[test]
fn boolean_schemas_type_lists_and_mixed_enums() {
    check(json!(true), &[(json!(1), true), (json!(null), true)]);
    check(json!(false), &[(json!(1), false), (json!(null), false)]);
    check(json!({"properties": {"a": false}}), &[(json!({"a": 1}), false), (json!({"b": 1}), true)]);
    check(
        json!({"type": ["integer", "null"], "maximum": 2}),
        &[(json!(null), true), (json!(2.0), true), (json!(3), false), (json!(1.5), false), (json!("1"), false)],
    );
    check(
        json!({"enum": [null, 1, "a", [1, {"b": 2}], {"c": []}]}),
        &[
            (json!(1.0), true),
            (json!([1.0, {"b": 2.0}]), true),
            (json!({"c": []}), true),
            (json!({"c": [null]}), false),
            (json!(false), false),
        ],
    );
    check(json!({"enum": []}), &[(json!(1), false)]);
    check(json!({"type": "integer", "minimum": 2.0, "maxLength": 2.0}), &[(json!(2), true), (json!(1.0), false)]);
}

#[test]
fn refs_anchors_ids_and_recursion() {
    let doc = json!({
        "$id": "https://example.com/root.json",
        "type": "object",
        "properties": {
            "a/b": {"type": "integer"},
            "t~x": {"$ref": "#/properties/a~1b"},
            "sp ace": {"$ref": "#/properties/t~0x"},
            "pct": {"$ref": "#/properties/sp%20ace"},
            "child": {"$ref": "#"},
            "item": {"$ref": "#/$defs/list/prefixItems/1"},
            "anchored": {"$ref": "#short"},
            "other": {"$ref": "other.json#/items"},
            "abs": {"$ref": "https://example.com/other.json"}
        },
        "$defs": {
            "list": {"prefixItems": [true, {"type": "string", "maxLength": 1}]},
            "s": {"$anchor": "short", "maxLength": 2},
            "o": {"$id": "other.json", "type": "array", "items": {"$ref": "#/$defs/inner"}, "$defs": {"inner": {"type": "boolean"}}}
        }
    });
    check(
        doc.clone(),
        &[
            (json!({"a/b": 1, "t~x": 2, "sp ace": 3, "pct": 4}), true),
            (json!({"pct": 4.5}), false),
            (json!({"t~x": "x"}), false),
            (json!({"child": {"child": {"a/b": 1}}}), true),
            (json!({"child": {"child": {"a/b": "1"}}}), false),
            (json!({"item": "x"}), true),
            (json!({"item": "xy"}), false),
            (json!({"anchored": "xy"}), true),
            (json!({"anchored": "xyz"}), false),
            (json!({"other": true}), true),
            (json!({"other": 1}), false),
            (json!({"abs": [true]}), true),
            (json!({"abs": [1]}), false),
        ],
    );
    let p = problems(&ours(&doc), &json!({"child": {"child": {"a/b": "1"}}}));
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].instance.as_str(), p[0].schema.as_str()), ("/child/child/a~1b", "/properties/a~1b/type"));
    // Compiling at a pointer of a bigger document (an OpenAPI component).
    let api = json!({"components": {"schemas": {
        "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
        "B": {"type": "string", "minLength": 1}
    }}});
    let v = Validator::compile(&api, "/components/schemas/A").unwrap();
    assert!(v.is_valid(&json!({"b": "x"})));
    assert!(!v.is_valid(&json!({"b": ""})));
}

#[test]
fn unevaluated_through_applicators_and_refs() {
    let doc = json!({
        "$defs": {"b": {"properties": {"b": true}}},
        "properties": {"a": true},
        "allOf": [{"$ref": "#/$defs/b"}],
        "anyOf": [{"properties": {"c": true}, "required": ["c"]}, {"properties": {"d": true}}],
        "if": {"properties": {"e": {"const": 1}}, "required": ["e"]},
        "then": {"properties": {"f": true}},
        "unevaluatedProperties": false
    });
    check(
        doc,
        &[
            (json!({"a": 1, "b": 2, "c": 3, "d": 4}), true),
            (json!({"a": 1, "z": 2}), false),
            (json!({"e": 1, "f": 2}), true),
            (json!({"e": 2, "f": 2}), false),
            (json!({"d": 1}), true),
        ],
    );
    let items = json!({
        "prefixItems": [true],
        "allOf": [{"prefixItems": [true, true]}],
        "contains": {"type": "string"},
        "unevaluatedItems": {"type": "integer"}
    });
    check(
        items,
        &[
            (json!([null, null, "x", 3]), true),
            (json!([null, null, "x", null]), false),
            (json!([null, null, 1, "y", 2]), true),
        ],
    );
    // A failing branch's annotations do not count.
    check(
        json!({"anyOf": [{"properties": {"a": {"type": "string"}}}, true], "unevaluatedProperties": false}),
        &[(json!({"a": "x"}), true), (json!({"a": 1}), false)],
    );
}

#[test]
fn remote_and_dynamic_refs_are_schema_errors() {
    for (doc, pointer) in [
        (json!({"properties": {"a": {"$ref": "https://example.org/x.json"}}}), "/properties/a/$ref"),
        (json!({"items": {"$ref": "other.json"}}), "/items/$ref"),
        (json!({"$dynamicRef": "#meta"}), "/$dynamicRef"),
        (json!({"pattern": "(?<=a"}), "/pattern"),
        (json!({"minLength": -1}), "/minLength"),
        (json!({"type": "text"}), "/type"),
    ] {
        let e = Validator::compile(&doc, "").unwrap_err();
        assert_eq!(e[0].pointer, pointer, "{doc}: {e:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Bounds

#[test]
fn ref_cycles_without_progress_are_refused() {
    for doc in [
        json!({"$ref": "#"}),
        json!({"allOf": [{"$ref": "#"}]}),
        json!({"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/b"}]}, "b": {"not": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}),
        json!({"dependentSchemas": {"a": {"$ref": "#"}}}),
    ] {
        let e = Validator::compile(&doc, "").unwrap_err();
        assert!(e[0].message.contains("cycle"), "{doc}: {e:?}");
    }
    // Through a property or items, recursion moves into the instance: fine.
    assert!(Validator::compile(&json!({"items": {"$ref": "#"}}), "").is_ok());
}

#[test]
fn deep_instances_are_a_problem_not_a_crash() {
    let v = ours(&json!({"items": {"$ref": "#"}, "properties": {"a": {"$ref": "#"}}}));
    let mut deep = json!(1);
    for _ in 0..10_000 {
        deep = Value::Array(vec![deep]);
    }
    assert!(!v.is_valid(&deep));
    let p = problems(&v, &deep);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].keyword, "depth");
    assert_eq!(p[0].instance.matches('/').count(), 129);
    // A schema that does not look inside accepts it (nothing recurses), and x-max-bytes counts it.
    assert!(ours(&json!({"type": "array", "uniqueItems": true})).is_valid(&deep));
    let p = problems(&ours(&json!({"x-max-bytes": 100})), &deep);
    assert_eq!(p[0].message, "must be at most 100 bytes of JSON, found 20001");
    // Within the bound, nesting is fine.
    let mut ok = json!(1);
    for _ in 0..100 {
        ok = Value::Object([("a".to_owned(), ok)].into_iter().collect());
    }
    assert!(v.is_valid(&ok));
    // Dropping the deep value iteratively (serde_json's drop recurses).
    let mut cur = deep;
    while let Value::Array(mut a) = cur {
        cur = a.pop().unwrap_or(Value::Null);
    }
}

#[test]
fn deep_ref_chains_are_bounded() {
    // 2,000 $defs each referring to the next, in place: the evaluation depth bound reports it.
    let mut defs = serde_json::Map::new();
    for i in 0..2000 {
        defs.insert(format!("d{i}"), json!({"$ref": format!("#/$defs/d{}", i + 1)}));
    }
    defs.insert("d2000".into(), json!({"type": "integer"}));
    let doc = json!({"$defs": defs, "$ref": "#/$defs/d0"});
    let v = ours(&doc);
    assert!(!v.is_valid(&json!(1)));
    let p = problems(&v, &json!(1));
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].keyword, "depth");
}

#[test]
fn unique_items_is_not_quadratic() {
    // 100,000 items, hashed (group-msg-rules' unit test counts the comparisons: one per hash
    // collision, not 5e9); the repeat found is the first one.
    let mut items: Vec<Value> = (0..100_000).map(|i| json!({"n": i, "s": format!("{i}")})).collect();
    let v = ours(&json!({"uniqueItems": true}));
    assert!(v.is_valid(&Value::Array(items.clone())));
    items.push(json!({"s": "4242", "n": 4242.0}));
    let p = problems(&v, &Value::Array(items));
    assert_eq!(p[0].message, "items must be unique, item 100000 repeats item 4242");
}

#[test]
fn problems_are_capped() {
    let v = ours(&json!({"items": {"type": "string"}}));
    let p = problems(&v, &json!(vec![1; 5000]));
    assert_eq!(p.len(), group_msg_rules::schema::MAX_PROBLEMS);
    assert_eq!(p[999].instance, "/999");
}

#[test]
fn extensions() {
    let v = ours(&json!({
        "type": "array",
        "x-max-bytes": 30,
        "x-sequence": {"property": "n", "start": 1},
        "items": {"properties": {"p": {"type": "string", "x-json-string": true}}}
    }));
    assert!(v.is_valid(&json!([{"n": 1}, {"n": 2.0, "p": "[1]"}])));
    let p = problems(&v, &json!([{"n": 1}, {"n": 3, "p": "{a"}]));
    let got: Vec<(&str, &str)> = p.iter().map(|p| (p.instance.as_str(), p.keyword)).collect();
    let mut got = got;
    got.sort();
    assert_eq!(got, [("/1", "x-sequence"), ("/1/p", "x-json-string")]);
    assert!(p.iter().any(|p| p.message == "`n` must be 2, found 3"), "{p:?}");
    let p = problems(&v, &json!([{"n": 1, "p": "11111111111111111111111"}]));
    assert_eq!(p[0].keyword, "x-max-bytes");
    assert_eq!(p[0].message, "must be at most 30 bytes of JSON, found 39");
}
