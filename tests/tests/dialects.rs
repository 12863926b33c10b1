//! Dialects (issue 10): JSON Schema drafts 04, 06, 07, 2019-09 (and 2020-12), OpenAPI 3.0 and
//! Swagger 2.0 are normalized into OpenAPI 3.1 / JSON Schema 2020-12 before reading.
//!
//! The backbone is differential: random schemas written in each draft's own spellings are
//! validated by the `jsonschema` crate under THAT draft, and by our 2020-12 validator over the
//! normalized document; on every instance the two must agree. The real schemas of the shared
//! manifest and their samples are checked the same way.

use group_msg_codegen::read::dialect::{normalize, Draft};
use group_msg_rules::schema::Validator;
use group_msg_tests::schemagen::{instances, random_schema, GenOptions, Rng};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

const DRAFTS: &[(Draft, jsonschema::Draft, &str)] = &[
    (Draft::Draft4, jsonschema::Draft::Draft4, "http://json-schema.org/draft-04/schema#"),
    (Draft::Draft6, jsonschema::Draft::Draft6, "http://json-schema.org/draft-06/schema#"),
    (Draft::Draft7, jsonschema::Draft::Draft7, "http://json-schema.org/draft-07/schema#"),
    (Draft::Draft2019, jsonschema::Draft::Draft201909, "https://json-schema.org/draft/2019-09/schema"),
    (Draft::Draft2020, jsonschema::Draft::Draft202012, "https://json-schema.org/draft/2020-12/schema"),
];

/// Rewrites a 2020-12 schema into the spellings of `draft` (the inverse of the normalization,
/// so that the normalization is what the test exercises): tuple `items` + `additionalItems`,
/// `dependencies`, boolean exclusive bounds and `id` (draft-04), no boolean schemas (draft-04).
/// Keywords the draft does not have are left in place: the draft ignores them, and so must the
/// normalized document.
fn spell(v: &mut Value, draft: Draft, rng: &mut Rng) {
    match v {
        Value::Bool(b) if draft == Draft::Draft4 => {
            *v = if *b { json!({}) } else { json!({"not": {}}) };
        }
        Value::Object(m) => {
            if draft <= Draft::Draft2019 {
                if let Some(Value::Array(prefix)) = m.remove("prefixItems") {
                    let rest = m.remove("items");
                    m.insert("items".into(), Value::Array(prefix));
                    if let Some(r) = rest {
                        m.insert("additionalItems".into(), r);
                    }
                } else if let Some(Value::Array(_)) = m.get("items") {
                    m.remove("items");
                }
            }
            if draft <= Draft::Draft7 {
                let mut deps = Map::new();
                for key in ["dependentRequired", "dependentSchemas"] {
                    if rng.chance(80) {
                        if let Some(Value::Object(d)) = m.remove(key) {
                            for (k, x) in d {
                                deps.entry(k).or_insert(x);
                            }
                        }
                    }
                }
                if !deps.is_empty() {
                    m.insert("dependencies".into(), Value::Object(deps));
                }
            }
            if draft == Draft::Draft4 {
                for (ex, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                    let Some(n) = m.remove(ex) else { continue };
                    if let Some(b) = m.remove(bound) {
                        // Both bounds: the inclusive one moves into an `allOf`.
                        let all = m.entry("allOf").or_insert_with(|| json!([]));
                        if let Value::Array(a) = all {
                            a.push(json!({ bound: b }));
                        }
                    }
                    m.insert(bound.into(), n);
                    m.insert(ex.into(), json!(true));
                }
                // The draft-04 meta-schema wants counts written as integers, a non-empty `required`.
                for k in ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"] {
                    if let Some(n) = m.get(k).and_then(Value::as_f64) {
                        m.insert(k.into(), json!(n as u64));
                    }
                }
                if m.get("required").is_some_and(|r| r.as_array().is_some_and(Vec::is_empty)) {
                    m.remove("required");
                }
                if rng.chance(20) && m.contains_key("maximum") && !m.contains_key("exclusiveMaximum") {
                    m.insert("exclusiveMaximum".into(), json!(false));
                }
                if let Some(id) = m.remove("$id") {
                    m.insert("id".into(), id);
                }
            }
            for (k, x) in m.iter_mut() {
                match k.as_str() {
                    "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
                    | "dependencies" => {
                        if let Value::Object(xs) = x {
                            xs.values_mut().filter(|s| !s.is_array()).for_each(|s| spell(s, draft, rng));
                        }
                    }
                    "allOf" | "anyOf" | "oneOf" | "prefixItems" | "items" if x.is_array() => {
                        x.as_array_mut().unwrap().iter_mut().for_each(|s| spell(s, draft, rng));
                    }
                    "additionalProperties"
                    | "additionalItems"
                    | "items"
                    | "contains"
                    | "not"
                    | "if"
                    | "then"
                    | "else"
                    | "propertyNames"
                    | "unevaluatedItems"
                    | "unevaluatedProperties" => spell(x, draft, rng),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// The reference over `doc` under `draft`, or `None` when it refuses the document.
fn reference(doc: &Value, draft: jsonschema::Draft) -> Option<jsonschema::Validator> {
    std::panic::catch_unwind(|| {
        let r = jsonschema::options().with_draft(draft).should_validate_formats(true).build(doc);
        if let (Err(e), Ok(_)) = (&r, std::env::var("DIALECT_DEBUG")) {
            eprintln!("REFUSED {draft:?}: {e}");
        }
        r.ok()
    })
    .ok()
    .flatten()
}

/// Runs `cases` random schemas per draft, `per` instances each; returns the checks made.
fn differential(seed: u64, cases: usize, per: usize) -> usize {
    let mut checks = 0;
    let opts = GenOptions { max_depth: 3, ..GenOptions::default() };
    for &(draft, reference_draft, uri) in DRAFTS {
        let mut compared = 0;
        let mut dangling = 0;
        for case in 0..cases {
            let case_seed = seed ^ (case as u64) << 8 ^ draft as u64;
            let mut rng = Rng::new(case_seed);
            let original = random_schema(&mut rng, &opts);
            let mut doc = original.clone();
            spell(&mut doc, draft, &mut rng);
            if let Value::Object(m) = &mut doc {
                m.insert("$schema".into(), json!(uri));
            }
            let Some(reference) = reference(&doc, reference_draft) else { continue };
            let (normalized, problems) = normalize(doc.clone());
            assert!(problems.is_empty(), "seed {case_seed}: {problems:?}");
            let ours = match Validator::compile(&normalized, "") {
                Ok(v) => v,
                // Cycles through in-place applicators only, which we refuse and the reference
                // loops on or accepts; the generator avoids them in 2020-12, not after a draft
                // drops keywords.
                Err(e) if e.iter().all(|e| e.message.contains("cycle")) => continue,
                // A `$ref` into a keyword the draft does not have (`#/$defs/a/unevaluatedItems`
                // in draft-04): the keyword is dropped, so its place is gone (specs/README.md).
                Err(e) if e.iter().all(|e| e.message.contains("points at nothing")) => {
                    dangling += 1;
                    continue;
                }
                Err(e) => panic!("seed {case_seed} {draft:?}: {e:?}\n{doc:#}\n{normalized:#}"),
            };
            compared += 1;
            for instance in instances(&mut rng, &original, per) {
                // Draft-04's `integer` is a number written without a fraction: `1.0` is not one.
                // Normalized documents hold values, not their spelling (specs/README.md).
                if draft == Draft::Draft4 && has_whole_float(&instance) {
                    continue;
                }
                let want = reference.is_valid(&instance);
                let got = ours.is_valid(&instance);
                assert_eq!(
                    got, want,
                    "seed {case_seed} {draft:?}: instance {instance}\nschema as written: {doc:#}\nnormalized: {normalized:#}"
                );
                checks += 1;
            }
        }
        assert!(compared * 2 > cases, "{draft:?}: only {compared} of {cases} schemas compared");
        assert!(dangling * 5 < cases, "{draft:?}: {dangling} of {cases} schemas lost a `$ref` target");
    }
    checks
}

fn has_whole_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0),
        Value::Array(a) => a.iter().any(has_whole_float),
        Value::Object(m) => m.values().any(has_whole_float),
        _ => false,
    }
}

#[test]
fn drafts_agree_with_the_reference_on_random_schemas() {
    // `DIALECT_SEED=n DIALECT_CASES=m` explores further (the default is the CI slice).
    let seed = std::env::var("DIALECT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x0d1a_1ec7);
    let cases = std::env::var("DIALECT_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(160);
    let checks = differential(seed, cases, 12);
    eprintln!("{checks} checks");
    assert!(checks > 5000, "{checks} checks");
}

fn normalized(doc: Value) -> Value {
    let (v, problems) = normalize(doc);
    assert!(problems.is_empty(), "{problems:?}");
    v
}

fn valid(doc: &Value, instance: Value) -> bool {
    Validator::compile(doc, "").unwrap_or_else(|e| panic!("{e:?}\n{doc:#}")).is_valid(&instance)
}

#[test]
fn draft_04_spellings() {
    let doc = normalized(json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "id": "https://example.com/feed#",
        "type": "object",
        "properties": {
            "id": {"type": "integer", "minimum": 1, "exclusiveMinimum": true, "maximum": 9, "exclusiveMaximum": false},
            "t": {"items": [{"type": "string"}], "additionalItems": false},
            "c": {"const": 1, "contains": {"type": "string"}, "propertyNames": {"maxLength": 1}},
            "r": {"$ref": "#/definitions/n", "type": "string"},
            "divisibleBy": {"divisibleBy": 2}
        },
        "dependencies": {"a": ["b"], "b": {"required": ["c"]}},
        "definitions": {"n": {"type": "number", "id": "#num"}}
    }));
    assert_eq!(doc["$id"], json!("https://example.com/feed"));
    assert_eq!(doc["$schema"], json!("https://json-schema.org/draft/2020-12/schema"));
    assert_eq!(doc["properties"]["id"], json!({"type": "integer", "exclusiveMinimum": 1, "maximum": 9}));
    assert_eq!(doc["properties"]["t"], json!({"prefixItems": [{"type": "string"}], "items": false}));
    // `const`, `contains`, `propertyNames` are keywords of later drafts, not of draft-04: dropped.
    // `divisibleBy` (draft-03) is a keyword of no accepted draft: kept, so the reader reports it
    // as an unknown keyword (a warning, an error in strict mode), and nothing validates it.
    assert_eq!(doc["properties"]["c"], json!({}));
    assert_eq!(doc["properties"]["divisibleBy"], json!({"divisibleBy": 2}));
    assert_eq!(doc["properties"]["r"], json!({"$ref": "#/definitions/n"}));
    assert_eq!(doc["definitions"]["n"], json!({"type": "number", "$anchor": "num"}));
    assert_eq!(doc["dependentRequired"], json!({"a": ["b"]}));
    assert_eq!(doc["dependentSchemas"], json!({"b": {"required": ["c"]}}));
    assert!(!valid(&doc, json!({"id": 1})));
    assert!(valid(&doc, json!({"id": 2, "r": 1.5, "t": ["x"], "c": 2})));
    assert!(!valid(&doc, json!({"r": "not a number"})));
    assert!(!valid(&doc, json!({"t": ["x", 1]})));
    assert!(!valid(&doc, json!({"a": 1})));
    assert!(!valid(&doc, json!({"a": 1, "b": 2})));
    assert!(valid(&doc, json!({"a": 1, "b": 2, "c": 3})));
}

#[test]
fn draft_07_ref_siblings_are_ignored_and_2019_09_ones_apply() {
    let schema = |uri: &str| {
        json!({"$schema": uri, "definitions": {"s": {"type": "string"}},
               "properties": {"x": {"$ref": "#/definitions/s", "minLength": 3, "title": "X"}}})
    };
    let d7 = normalized(schema("http://json-schema.org/draft-07/schema#"));
    assert_eq!(d7["properties"]["x"], json!({"$ref": "#/definitions/s", "title": "X"}));
    assert!(valid(&d7, json!({"x": "ab"})));
    let d19 = normalized(schema("https://json-schema.org/draft/2019-09/schema"));
    assert!(!valid(&d19, json!({"x": "ab"})));
    assert!(valid(&d19, json!({"x": "abc"})));
}

#[test]
fn draft_2019_09_recursive_ref_and_tuple_items() {
    let doc = normalized(json!({
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": "https://example.com/tree#",
        "$recursiveAnchor": true,
        "type": "object",
        "properties": {
            "kids": {"type": "array", "items": {"$recursiveRef": "#"}},
            "pair": {"items": [{"type": "integer"}, {"type": "string"}], "additionalItems": {"type": "boolean"}},
            "plain": {"additionalItems": false}
        },
        "dependencies": {"x": ["y"]}
    }));
    assert_eq!(doc["$id"], json!("https://example.com/tree"));
    assert_eq!(doc["properties"]["kids"]["items"], json!({"$ref": "#"}));
    assert!(doc.get("$recursiveAnchor").is_none());
    // `dependencies` is no keyword in 2019-09; `additionalItems` without a tuple does nothing.
    assert!(doc.get("dependencies").is_none() && doc.get("dependentRequired").is_none());
    assert_eq!(doc["properties"]["plain"], json!({}));
    assert!(valid(&doc, json!({"kids": [{"kids": []}], "pair": [1, "a", true, false], "x": 1})));
    assert!(!valid(&doc, json!({"kids": [{"kids": [1]}]})));
    assert!(!valid(&doc, json!({"pair": [1, "a", 3]})));
}

#[test]
fn per_schema_dollar_schema_switches_the_draft_and_unknown_ones_are_refused() {
    let doc = normalized(json!({
        "$defs": {"old": {"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 3, "exclusiveMaximum": true}},
        "properties": {"n": {"$ref": "#/$defs/old", "minimum": 1}}
    }));
    assert_eq!(
        doc["$defs"]["old"],
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "exclusiveMaximum": 3})
    );
    // The root is 2020-12: `minimum` beside `$ref` applies.
    assert!(!valid(&doc, json!({"n": 0})));
    assert!(!valid(&doc, json!({"n": 3})));
    assert!(valid(&doc, json!({"n": 2})));
    let (_, problems) = normalize(json!({"properties": {"a": {"$schema": "http://json-schema.org/draft-03/schema#"}}}));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "/properties/a/$schema");
    assert!(problems[0].1.contains("unknown `$schema`"), "{}", problems[0].1);
}

#[test]
fn property_names_and_enum_values_are_never_rewritten() {
    let doc = normalized(json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "properties": {"id": {"enum": [{"id": "x", "items": [1]}]}, "dependencies": {"type": "string"}},
        "required": ["id", "dependencies"]
    }));
    assert_eq!(doc["properties"]["id"]["enum"], json!([{"id": "x", "items": [1]}]));
    assert_eq!(doc["properties"]["dependencies"], json!({"type": "string"}));
    assert!(valid(&doc, json!({"id": {"id": "x", "items": [1]}, "dependencies": "d"})));
}

/// The OpenAPI 3.0 schema objects of a document (its `components.schemas`), normalized.
fn openapi_30(schemas: Value) -> Value {
    let doc = normalized(json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
                                "components": {"schemas": schemas}}));
    assert_eq!(doc["openapi"], json!("3.1.0"));
    doc
}

#[test]
fn openapi_30_nullable_and_exclusive_bounds() {
    let doc = openapi_30(json!({
        "A": {"type": "string", "nullable": true, "example": "x", "xml": {"name": "a"}},
        "B": {"type": "string", "enum": ["a", "b"], "nullable": true},
        "C": {"$ref": "#/components/schemas/A", "nullable": true, "description": "d"},
        "D": {"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true, "title": "D"},
        "E": {"nullable": true},
        "F": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1, "exclusiveMaximum": false},
        "G": {"type": "integer", "nullable": false},
        "H": {"$ref": "#/components/schemas/F", "maxLength": 1}
    }));
    let s = &doc["components"]["schemas"];
    assert_eq!(s["A"], json!({"type": ["string", "null"], "examples": ["x"]}));
    assert_eq!(s["B"], json!({"type": ["string", "null"], "enum": ["a", "b", null]}));
    assert_eq!(s["C"], json!({"description": "d", "anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}));
    assert_eq!(
        s["D"],
        json!({"title": "D", "anyOf": [{"allOf": [{"$ref": "#/components/schemas/B"}]}, {"type": "null"}]})
    );
    assert_eq!(s["E"], json!({}));
    assert_eq!(s["F"], json!({"type": "number", "exclusiveMinimum": 0, "maximum": 1}));
    assert_eq!(s["G"], json!({"type": "integer"}));
    assert_eq!(s["H"], json!({"$ref": "#/components/schemas/F"}));
    let at = |name: &str, instance: Value| {
        Validator::compile(&doc, &format!("/components/schemas/{name}")).unwrap().is_valid(&instance)
    };
    assert!(at("B", json!(null)) && at("B", json!("a")) && !at("B", json!("c")));
    assert!(at("C", json!(null)) && at("C", json!("s")) && !at("C", json!(1)));
    assert!(at("D", json!(null)) && !at("D", json!("z")));
    assert!(!at("F", json!(0)) && at("F", json!(1)) && at("F", json!(0.5)));
}

#[test]
fn openapi_31_documents_keep_2020_12_and_lose_nullable() {
    let doc = normalized(json!({
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "paths": {"/x": {"post": {
            "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "nullable": true}}],
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/M", "nullable": true}}}},
            "responses": {"200": {"description": "ok", "headers": {"h": {"schema": {"type": "integer", "nullable": true}}}}}
        }}},
        "components": {"schemas": {"M": {"type": ["object", "null"], "properties": {"nullable": {"type": "boolean"}},
                                         "prefixItems": [true], "x-kind": "m"}}}
    }));
    assert_eq!(doc["jsonSchemaDialect"], json!("https://json-schema.org/draft/2020-12/schema"));
    let op = &doc["paths"]["/x"]["post"];
    assert_eq!(op["parameters"][0]["schema"], json!({"type": ["string", "null"]}));
    assert_eq!(
        op["requestBody"]["content"]["application/json"]["schema"],
        json!({"anyOf": [{"$ref": "#/components/schemas/M"}, {"type": "null"}]})
    );
    assert_eq!(op["responses"]["200"]["headers"]["h"]["schema"], json!({"type": ["integer", "null"]}));
    // A property named `nullable` and the 2020-12 keywords stay.
    assert_eq!(
        doc["components"]["schemas"]["M"],
        json!({"type": ["object", "null"], "properties": {"nullable": {"type": "boolean"}}, "prefixItems": [true], "x-kind": "m"})
    );
}

fn swagger_example() -> Value {
    json!({
        "swagger": "2.0",
        "info": {"title": "Pets", "version": "1"},
        "host": "api.example.com", "basePath": "/v1", "schemes": ["https", "http"],
        "consumes": ["application/json"], "produces": ["application/json"],
        "securityDefinitions": {
            "basic": {"type": "basic", "description": "user and password"},
            "key": {"type": "apiKey", "name": "X-Key", "in": "header"},
            "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a/auth",
                      "tokenUrl": "https://a/token", "scopes": {"read": "read things"}}
        },
        "parameters": {
            "limit": {"name": "limit", "in": "query", "type": "integer", "minimum": 1, "exclusiveMinimum": true},
            "petBody": {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}
        },
        "responses": {"NotFound": {"description": "no such pet", "schema": {"$ref": "#/definitions/Error"}}},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "parameters": [
                        {"$ref": "#/parameters/limit"},
                        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
                    ],
                    "responses": {"200": {"description": "pets", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}},
                                          "headers": {"X-Total": {"type": "integer", "description": "count"}},
                                          "examples": {"application/json": [{"name": "rex"}]}}}
                },
                "post": {
                    "operationId": "addPet",
                    "parameters": [{"$ref": "#/parameters/petBody"}],
                    "responses": {"201": {"description": "made"}, "404": {"$ref": "#/responses/NotFound"}},
                    "security": [{"oauth": ["read"]}]
                }
            },
            "/pets/{id}/photo": {
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                "put": {
                    "operationId": "putPhoto",
                    "consumes": ["multipart/form-data"],
                    "parameters": [
                        {"name": "file", "in": "formData", "type": "file", "required": true},
                        {"name": "caption", "in": "formData", "type": "string", "x-nullable": true}
                    ],
                    "responses": {"204": {"description": "done"}}
                },
                "post": {
                    "operationId": "notePhoto",
                    "consumes": ["application/x-www-form-urlencoded"],
                    "parameters": [{"name": "note", "in": "formData", "type": "string", "maxLength": 5}],
                    "responses": {"204": {"description": "done"}}
                }
            }
        },
        "definitions": {
            "Pet": {"type": "object", "required": ["name"], "discriminator": "kind",
                    "properties": {"name": {"type": "string"}, "kind": {"type": "string"},
                                   "default": {"$ref": "#/definitions/Error"},
                                   "owner": {"$ref": "#/definitions/Pet", "x-nullable": true}}},
            "Error": {"type": "object", "properties": {"message": {"type": "string", "x-nullable": true}},
                      "example": {"$ref": "#/definitions/not-a-ref"}}
        }
    })
}

#[test]
fn swagger_20_becomes_openapi_31() {
    let doc = normalized(swagger_example());
    assert_eq!(doc["openapi"], json!("3.1.0"));
    assert!(doc.get("swagger").is_none() && doc.get("definitions").is_none());
    assert_eq!(doc["servers"], json!([{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}]));
    let c = &doc["components"];
    assert_eq!(
        c["securitySchemes"]["basic"],
        json!({"type": "http", "scheme": "basic", "description": "user and password"})
    );
    assert_eq!(c["securitySchemes"]["key"], json!({"type": "apiKey", "name": "X-Key", "in": "header"}));
    assert_eq!(
        c["securitySchemes"]["oauth"],
        json!({"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a/auth",
               "tokenUrl": "https://a/token", "scopes": {"read": "read things"}}}})
    );
    assert_eq!(
        c["parameters"]["limit"],
        json!({"name": "limit", "in": "query", "schema": {"type": "integer", "exclusiveMinimum": 1}})
    );
    assert!(c["parameters"].get("petBody").is_none());
    assert_eq!(
        c["responses"]["NotFound"],
        json!({"description": "no such pet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
    );
    let pet = &c["schemas"]["Pet"];
    assert_eq!(pet["discriminator"], json!({"propertyName": "kind"}));
    assert_eq!(pet["properties"]["default"], json!({"$ref": "#/components/schemas/Error"}));
    assert_eq!(pet["properties"]["owner"], json!({"anyOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "null"}]}));
    assert_eq!(c["schemas"]["Error"]["properties"]["message"], json!({"type": ["string", "null"]}));
    // Example data is data: its `$ref` key is not a reference.
    assert_eq!(c["schemas"]["Error"]["examples"], json!([{"$ref": "#/definitions/not-a-ref"}]));

    let list = &doc["paths"]["/pets"]["get"];
    assert_eq!(list["parameters"][0], json!({"$ref": "#/components/parameters/limit"}));
    assert_eq!(
        list["parameters"][1],
        json!({"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true})
    );
    let ok = &list["responses"]["200"];
    assert_eq!(ok["headers"]["X-Total"], json!({"description": "count", "schema": {"type": "integer"}}));
    assert_eq!(ok["content"]["application/json"]["example"], json!([{"name": "rex"}]));
    assert_eq!(ok["content"]["application/json"]["schema"]["items"], json!({"$ref": "#/components/schemas/Pet"}));
    let add = &doc["paths"]["/pets"]["post"];
    assert!(add.get("parameters").is_none());
    assert_eq!(
        add["requestBody"],
        json!({"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}})
    );
    assert_eq!(add["responses"]["404"], json!({"$ref": "#/components/responses/NotFound"}));
    let photo = &doc["paths"]["/pets/{id}/photo"];
    assert_eq!(
        photo["parameters"],
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}])
    );
    assert_eq!(
        photo["put"]["requestBody"],
        json!({"required": true, "content": {"multipart/form-data": {"schema": {"type": "object",
            "properties": {"file": {"type": "string", "format": "binary"}, "caption": {"type": ["string", "null"]}},
            "required": ["file"]}}}})
    );
    assert_eq!(
        photo["post"]["requestBody"],
        json!({"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object",
            "properties": {"note": {"type": "string", "maxLength": 5}}}}}})
    );
    // Every schema of the converted document compiles, and means what the 2.0 one meant.
    let v = Validator::compile(&doc, "/components/schemas/Pet").unwrap();
    assert!(v.is_valid(&json!({"name": "rex", "owner": null})));
    assert!(!v.is_valid(&json!({"kind": "dog"})));
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/real-specs")
}

fn real_specs() -> PathBuf {
    // From a worktree `/work/wt/X` and from `/work/main` alike.
    let candidates = [
        shared(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-specs"),
        PathBuf::from("/work/shared/real-specs"),
    ];
    candidates.into_iter().find(|p| p.join("manifest.json").is_file()).expect("the shared real-specs folder")
}

fn count_operations(doc: &Value) -> usize {
    const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    doc["paths"].as_object().map_or(0, |p| {
        p.values()
            .map(|item| item.as_object().map_or(0, |i| i.keys().filter(|k| METHODS.contains(&k.as_str())).count()))
            .sum()
    })
}

#[test]
fn the_slack_swagger_file_converts() {
    let path = real_specs().join("slack-api-specs/web-api/slack_web_openapi_v2.json");
    let raw: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let before = count_operations(&raw);
    assert_eq!(before, 174);
    let doc = normalized(raw);
    assert_eq!(count_operations(&doc), before);
    assert_eq!(doc["openapi"], json!("3.1.0"));
    assert_eq!(doc["servers"], json!([{"url": "https://slack.com/api"}]));
    let op = &doc["paths"]["/chat.postMessage"]["post"];
    let form = &op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
    assert_eq!(form["properties"]["channel"]["type"], json!("string"));
    assert!(form["required"].as_array().unwrap().contains(&json!("channel")));
    assert_eq!(op["parameters"][0]["in"], json!("header"));
    assert!(doc["components"]["securitySchemes"]["slackAuth"]["flows"]["authorizationCode"]["scopes"].is_object());
    // No reference is left pointing at a 2.0 place, and every schema compiles.
    let text = doc.to_string();
    assert!(!text.contains("\"#/definitions/"), "a 2.0 $ref is left");
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        let ptr = format!("/components/schemas/{}", name.replace('~', "~0").replace('/', "~1"));
        Validator::compile(&doc, &ptr).unwrap_or_else(|e| panic!("{ptr}: {e:?}"));
    }
}

/// The manifest's single-file JSON Schemas: every sample is accepted or refused as the manifest
/// says, by our validator over the normalized document and by the reference under the draft.
#[test]
fn manifest_json_schemas_and_their_samples() {
    let root = real_specs();
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(root.join("manifest.json")).unwrap()).unwrap();
    let wanted = ["feed-1", "ninjs-1.4", "chrome-manifest", "babelrc", "ava", "tmlanguage", "specif-1.1", "yamllint"];
    let mut samples = 0;
    let mut seen = 0;
    for entry in manifest.as_array().unwrap() {
        let file = entry["entry"].as_str().unwrap();
        if !wanted.iter().any(|w| file.ends_with(&format!("/{w}.json"))) {
            continue;
        }
        seen += 1;
        let raw: Value = serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
        let (doc, problems) = normalize(raw.clone());
        assert!(problems.is_empty(), "{file}: {problems:?}");
        let ours = Validator::compile(&doc, "").unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let reference =
            jsonschema::options().should_validate_formats(true).build(&raw).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (list, expect) in [("valid", true), ("invalid", false)] {
            for sample in entry["samples"][list].as_array().unwrap() {
                let sample = sample.as_str().unwrap();
                if !sample.ends_with(".json") {
                    continue; // YAML samples are read by the YAML reader's tests
                }
                let instance: Value =
                    serde_json::from_str(&std::fs::read_to_string(root.join(sample)).unwrap()).unwrap();
                let mut problems = Vec::new();
                ours.validate(&instance, &mut problems);
                assert_eq!(problems.is_empty(), expect, "{file}: {sample}: {problems:?}");
                assert_eq!(reference.is_valid(&instance), expect, "{file}: {sample}: the reference disagrees");
                samples += 1;
            }
        }
    }
    assert_eq!(seen, wanted.len());
    assert!(samples >= 40, "{samples} samples");
}

/// A draft-07 schema with `definitions` and `$ref` siblings goes through the whole generator:
/// `definitions` are the named types, `$ref`s to `#/definitions/X` name them.
#[test]
fn a_draft_07_schema_generates_named_types_from_definitions() {
    let text = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Feed",
        "type": "object",
        "required": ["items"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/definitions/Item", "description": "ignored sibling", "maxLength": 1}},
            "version": {"type": "integer", "minimum": 1}
        },
        "additionalProperties": false,
        "definitions": {
            "Item": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}},
                     "dependencies": {"id": ["url"]}, "additionalProperties": true}
        }
    })
    .to_string();
    let out = group_msg_codegen::generate("feed.json", &text, &group_msg_codegen::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let code = out.tokens.to_string();
    assert!(code.contains("pub struct Item"), "{code}");
    assert!(code.contains("pub struct Feed"), "{code}");
    assert!(code.contains("Vec < Item >"), "{code}");
    let raw: Value = serde_json::from_str(out.module.document.as_deref().unwrap()).unwrap();
    assert_eq!(raw["definitions"]["Item"]["dependentRequired"], json!({"id": ["url"]}));
    assert_eq!(
        raw["properties"]["items"]["items"],
        json!({"$ref": "#/definitions/Item", "description": "ignored sibling"})
    );
}

/// The JSON OpenAPI documents of the manifest (3.0 and 3.1) normalize without a problem, keep
/// their operations, and every named schema of the result compiles under 2020-12.
#[test]
fn manifest_json_openapi_documents_normalize() {
    let root = real_specs();
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(root.join("manifest.json")).unwrap()).unwrap();
    let mut seen = 0;
    for entry in manifest.as_array().unwrap() {
        let file = entry["entry"].as_str().unwrap();
        if entry["kind"] != json!("openapi") || entry["format"] != json!("json") {
            continue;
        }
        seen += 1;
        let raw: Value = serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
        let ops = count_operations(&raw);
        assert_eq!(ops as u64, entry["operations"].as_u64().unwrap(), "{file}");
        let doc = normalized(raw);
        assert_eq!(doc["openapi"], json!("3.1.0"), "{file}");
        assert_eq!(count_operations(&doc), ops, "{file}");
        assert!(!doc.to_string().contains("\"nullable\":true"), "{file}: a `nullable` is left");
        let names: Vec<String> =
            doc["components"]["schemas"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
        // Every schema of the small documents, a fixed slice of the big ones (each compile
        // indexes the whole document).
        let step = names.len() / 150 + 1;
        for name in names.iter().step_by(step) {
            let ptr = format!("/components/schemas/{}", name.replace('~', "~0").replace('/', "~1"));
            if let Err(e) = Validator::compile(&doc, &ptr) {
                // Only what the validator refuses in 2020-12 itself (a look-around `pattern`).
                assert!(e.iter().all(|e| e.pointer.ends_with("/pattern")), "{file}{ptr}: {e:?}");
            }
        }
    }
    assert_eq!(seen, 4, "discord, slack, svix, uspto");
}
