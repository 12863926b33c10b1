//! The input side of real specs: YAML, references across files (bundling), URL references,
//! allowed folders, and unknown keywords as warnings or (strict) errors.
//!
//! Real specs come from the shared folder (`../../shared/real-specs` from this crate, see its
//! MANIFEST.md); small hostile or synthetic cases are written to a temporary folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use group_msg_codegen::read::bundle::{bundle, Resolver};
use group_msg_codegen::read::load::{parse, Format};
use group_msg_codegen::{generate, generate_path, Diagnostics, Options, Output};
use group_msg_tests::schemagen::Rng;
use serde_json::{json, Value};

fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/real-specs")
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(real().join("manifest.json")).expect("the shared real specs");
    serde_json::from_str(&text).unwrap()
}

/// A fresh temporary folder holding `files` (path, text).
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gm-spec-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (p, text) in files {
        let p = dir.join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn gen_at(dir: &Path, entry: &str, opts: &Options) -> Result<Output, Diagnostics> {
    generate_path(&dir.join(entry), &dir.join(entry).to_string_lossy(), opts)
}

fn errors(r: Result<Output, Diagnostics>) -> Vec<String> {
    match r {
        Ok(_) => panic!("accepted"),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

// ---------------------------------------------------------------- YAML

/// Random JSON values, written by serde_json (compact and pretty), read back as YAML: JSON is
/// YAML 1.2, so the value must be the same.
#[test]
fn json_text_read_as_yaml_is_the_same_value() {
    fn value(rng: &mut Rng, depth: usize) -> Value {
        let strings = [
            "",
            "on",
            "yes",
            "No",
            "~",
            "null",
            "1",
            "0x10",
            "1e3",
            "a: b",
            "- x",
            "#c",
            "'q'",
            "\"",
            "é\u{1F600}",
            "\\",
            "\t",
            "\n",
            "&a",
            "*a",
            "!t",
            "{}",
            "[",
            "%",
            "@",
            "`",
        ];
        match rng.below(if depth > 4 { 5 } else { 8 }) {
            0 => Value::Null,
            1 => Value::Bool(rng.chance(50)),
            2 => json!(rng.next_u64() as i64 >> rng.below(64)),
            3 => json!((rng.next_u64() % 100_000) as f64 / 64.0 - 700.0),
            4 => Value::String(format!("{}{}", rng.pick(&strings), rng.pick(&strings))),
            5 | 6 => {
                let mut m = serde_json::Map::new();
                for _ in 0..rng.below(5) {
                    let k = format!("{}{}", rng.pick(&strings), rng.below(3));
                    let v = value(rng, depth + 1);
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            _ => Value::Array((0..rng.below(5)).map(|_| value(rng, depth + 1)).collect()),
        }
    }
    let mut rng = Rng::new(10);
    for i in 0..2000 {
        let v = value(&mut rng, 0);
        for text in [serde_json::to_string(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap()] {
            let back = parse(&text, Format::Yaml).unwrap_or_else(|e| panic!("case {i}: {text}\n{e:?}"));
            assert_eq!(back, v, "case {i}: {text}");
        }
    }
}

/// Every JSON file of the real specs (the big OpenAPI documents too) reads the same as YAML.
#[test]
fn real_json_files_read_as_yaml_are_the_same_value() {
    let mut files = BTreeSet::new();
    for e in manifest() {
        for f in e["files"].as_array().unwrap() {
            let f = f.as_str().unwrap();
            if f.ends_with(".json") {
                files.insert(f.to_owned());
            }
        }
    }
    assert!(files.len() >= 15, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(real().join(f)).unwrap();
        let reference: Value = serde_json::from_str(&text).unwrap();
        let json = parse(&text, Format::Json).unwrap_or_else(|e| panic!("{f}: {e:?}"));
        assert_eq!(json, reference, "{f}");
        let yaml = parse(&text, Format::Yaml).unwrap_or_else(|e| panic!("{f} as YAML: {e:?}"));
        assert_eq!(yaml, reference, "{f} as YAML");
    }
}

/// The YAML entries load, with as many operations as the manifest counts, and the YAML 1.2
/// readings that matter in specs: response codes are string keys.
#[test]
fn real_yaml_entries_load() {
    let mut checked = 0;
    for e in manifest() {
        let entry = e["entry"].as_str().unwrap();
        if !(entry.ends_with(".yaml") || entry.ends_with(".yml")) {
            continue;
        }
        let text = std::fs::read_to_string(real().join(entry)).unwrap();
        let v = parse(&text, Format::detect(entry, &text)).unwrap_or_else(|e| panic!("{entry}: {e:?}"));
        if e["kind"] == "openapi" {
            let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
            let ops: usize = v["paths"]
                .as_object()
                .unwrap()
                .values()
                .map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count())
                .sum();
            assert_eq!(ops as u64, e["operations"].as_u64().unwrap(), "{entry}");
            for (path, item) in v["paths"].as_object().unwrap() {
                for m in methods {
                    if let Some(Value::Object(resps)) = item.get(m).and_then(|op| op.get("responses")) {
                        assert!(resps.keys().all(|k| !k.is_empty()), "{entry} {path}");
                    }
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 7, "{checked}");
    // LINE's 200 response is the key "200", as written (YAML reads `200:` as a number).
    let text = std::fs::read_to_string(real().join("line-openapi/messaging-api.yml")).unwrap();
    let v = parse(&text, Format::Yaml).unwrap();
    assert!(v["paths"]["/v2/bot/message/push"]["post"]["responses"]["200"].is_object());
}

#[test]
fn hostile_yaml_specs_are_refused_with_file_and_pointer() {
    // A billion laughs: ten levels of nine aliases.
    let mut bomb = String::from("title: T\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!("x-a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    let e = errors(generate("bomb.yaml", &bomb, &Options::default()));
    assert!(e.len() == 1 && e[0].starts_with("bomb.yaml#") && e[0].contains("not valid YAML"), "{e:?}");

    // Deep nesting, block style: refused at the depth bound, no stack overflow.
    let mut deep = String::from("title: T\ntype: object\nproperties:\n");
    for i in 0..5000 {
        deep.push_str(&" ".repeat(2 * (i + 1)));
        deep.push_str("a:\n");
    }
    deep.push_str(&" ".repeat(2 * 5001));
    deep.push_str("b: 1\n");
    let e = errors(generate("deep.yaml", &deep, &Options::default()));
    assert!(e.len() == 1 && e[0].starts_with("deep.yaml#"), "{e:?}");
    // And in flow style.
    let flow = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = errors(generate("flow.yaml", &flow, &Options::default()));
    assert_eq!(e.len(), 1, "{e:?}");

    // A duplicate key, in YAML and in JSON: refused at its pointer.
    let dup = "title: T\ntype: object\nproperties:\n  a: {type: string}\n  b: {type: string}\n  a: {type: integer}\n";
    let e = errors(generate("dup.yaml", dup, &Options::default()));
    assert_eq!(e, ["dup.yaml#/properties/a: duplicate key `a`"]);
    let dup = r#"{"title": "T", "type": "object", "properties": {"a": {"type": "string", "type": "integer"}}}"#;
    let e = errors(generate("dup.json", dup, &Options::default()));
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("dup.json#/properties/a/type: duplicate key `type` at line 1 column "), "{e:?}");

    // Syntax errors say the line and column.
    let e = errors(generate("bad.yaml", "title: T\ntype: [object\nx: 1\n", &Options::default()));
    assert!(e.len() == 1 && e[0].contains("not valid YAML") && e[0].contains("(line "), "{e:?}");
}

#[test]
fn a_yaml_spec_generates_the_same_code_as_its_json() {
    let json_text = r#"{"title": "Point", "type": "object", "properties": {"x": {"type": "integer"}, "on": {"type": "boolean"}, "200": {"type": "string", "enum": ["yes", "no"]}}, "required": ["x"]}"#;
    let yaml_text = "title: Point\ntype: object\nproperties:\n  x: {type: integer}\n  on: {type: boolean}\n  200:\n    type: string\n    enum: [yes, no]\nrequired: [x]\n";
    let a = generate("p.json", json_text, &Options::default()).unwrap();
    let b = generate("p.yaml", yaml_text, &Options::default()).unwrap();
    assert_eq!(a.tokens.to_string(), b.tokens.to_string());
}

// ---------------------------------------------------------------- bundling real specs

/// Every `$ref` outside literal data: (pointer, value).
fn refs(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(o) => {
            for (k, c) in o {
                if k == "$ref" {
                    if let Value::String(r) = c {
                        out.push((at.to_owned(), r.clone()));
                    }
                } else if !["example", "examples", "enum", "const", "default"].contains(&k.as_str())
                    && !k.starts_with("x-")
                {
                    refs(c, &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
                }
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                refs(c, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn manifest_entry(entry: &str) -> Value {
    manifest().into_iter().find(|e| e["entry"] == entry).unwrap_or_else(|| panic!("{entry} not in the manifest"))
}

/// The manifest's files (relative to the real specs), as real paths.
fn manifest_files(e: &Value, keep: impl Fn(&str) -> bool) -> BTreeSet<PathBuf> {
    e["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .filter(|f| keep(f))
        .map(|f| std::fs::canonicalize(real().join(f)).unwrap())
        .collect()
}

#[test]
fn matrix_entries_bundle_into_one_document() {
    let data = real().join("matrix-spec/data");
    let res = Resolver { allow_dirs: vec![data.clone()], ..Resolver::default() };
    for (entry, schemas) in [
        ("matrix-spec/data/api/client-server/room_send.yaml", 1),
        ("matrix-spec/data/api/client-server/sync.yaml", 6),
        ("matrix-spec/data/api/client-server/message_pagination.yaml", 2),
    ] {
        let path = real().join(entry);
        let text = std::fs::read_to_string(&path).unwrap();
        let value = parse(&text, Format::Yaml).unwrap();
        let (b, diags) = bundle(entry, &path, value, &res);
        assert!(diags.is_empty(), "{entry}: {diags:?}");
        // Every reference is now local and points at something.
        let mut found = Vec::new();
        refs(&b.value, "", &mut found);
        assert!(!found.is_empty());
        for (at, r) in &found {
            let ptr = r.strip_prefix('#').unwrap_or_else(|| panic!("{entry}#{at}: `{r}` is not local"));
            assert!(b.value.pointer(ptr).is_some(), "{entry}#{at}: `{r}` points at nothing");
        }
        // The security scheme was a reference to another file: now the scheme itself.
        assert_eq!(b.value["components"]["securitySchemes"]["accessTokenBearer"]["type"], "http", "{entry}");
        // Each copied schema once, named.
        let named = b.value["components"]["schemas"].as_object().unwrap();
        assert_eq!(named.len(), schemas, "{entry}: {:?}", named.keys().collect::<Vec<_>>());
        // The files read: the manifest's, but the examples (literal data is not resolved).
        let e = manifest_entry(entry);
        let expected = manifest_files(&e, |f| !f.contains("/examples/"));
        let read: BTreeSet<PathBuf> = b.files.iter().map(|f| std::fs::canonicalize(f).unwrap()).collect();
        assert_eq!(read, expected, "{entry}");
    }
    // The error schema of room_send is named by its title... or its file.
    let path = real().join("matrix-spec/data/api/client-server/room_send.yaml");
    let value = parse(&std::fs::read_to_string(&path).unwrap(), Format::Yaml).unwrap();
    let (b, _) = bundle("room_send.yaml", &path, value, &res);
    let names: Vec<&String> = b.value["components"]["schemas"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["Error"]);
    // Without leave to read `../../event-schemas`, sync.yaml is refused at its `$ref`s, cleanly.
    let path = real().join("matrix-spec/data/api/client-server/sync.yaml");
    let value = parse(&std::fs::read_to_string(&path).unwrap(), Format::Yaml).unwrap();
    let (_, diags) = bundle("sync.yaml", &path, value, &Resolver::default());
    assert!(!diags.is_empty());
    for d in &diags {
        assert!(d.pointer.ends_with("/$ref") && d.message.contains("outside the folders specs may read"), "{d}");
    }
}

#[test]
fn matrix_event_schema_generates_from_five_files() {
    let entry = "matrix-spec/data/event-schemas/schema/m.room.message$m.text.yaml";
    let out = generate_path(&real().join(entry), entry, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
    let e = manifest_entry(entry);
    let read: BTreeSet<PathBuf> = out.files.iter().map(|f| std::fs::canonicalize(f).unwrap()).collect();
    assert_eq!(read, manifest_files(&e, |_| true));
    assert_eq!(out.files.len(), 5, "each file once: {:?}", out.files);
    let code = group_msg_codegen::format(&out.tokens).unwrap();
    // `allOf` over room_event -> sync_room_event -> event: the copied schemas are types.
    assert!(code.contains("pub struct"), "{code}");
}

/// The octokit schemas resolve `common/...` against their `$id`s, registered by folder; the
/// bundled document validates the manifest's samples as the `jsonschema` crate does with the
/// original files, and so do mutations of them.
#[test]
fn octokit_entries_resolve_by_id_and_validate_their_samples() {
    let folder = real().join("octokit-webhooks/payload-schemas/api.github.com");
    for entry in [
        "octokit-webhooks/payload-schemas/api.github.com/marketplace_purchase/purchased.schema.json",
        "octokit-webhooks/payload-schemas/api.github.com/marketplace_purchase/changed.schema.json",
        "octokit-webhooks/payload-schemas/api.github.com/security_advisory/published.schema.json",
    ] {
        let e = manifest_entry(entry);
        let opts = Options { id_dirs: vec![folder.clone()], root_name: Some("Event".into()), ..Options::default() };
        let out = generate_path(&real().join(entry), entry, &opts).unwrap_or_else(|d| panic!("{entry}: {d}"));
        let read: BTreeSet<PathBuf> = out.files.iter().map(|f| std::fs::canonicalize(f).unwrap()).collect();
        assert_eq!(read, manifest_files(&e, |_| true), "{entry}");
        // `tsAdditionalProperties` is another tool's keyword: a warning, not an error.
        if entry.contains("marketplace") {
            assert!(
                out.warnings
                    .iter()
                    .any(|w| w.message.contains("`tsAdditionalProperties`") && w.pointer.contains("/allOf/")),
                "{:?}",
                out.warnings
            );
        }
        // The bundled document, through our validator and through the reference.
        let path = real().join(entry);
        let value = parse(&std::fs::read_to_string(&path).unwrap(), Format::Json).unwrap();
        let res = Resolver { id_dirs: vec![folder.clone()], ..Resolver::default() };
        let (b, diags) = bundle(entry, &path, value, &res);
        assert!(diags.is_empty(), "{diags:?}");
        let mut doc = b.value.clone();
        doc["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        doc.as_object_mut().unwrap().remove("$id");
        let ours = group_msg_rules::schema::Validator::compile(&doc, "").unwrap_or_else(|e| panic!("{entry}: {e:?}"));
        let reference = jsonschema::draft7::options().build(&doc).unwrap();
        let mut samples: Vec<Value> = e["samples"]["valid"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| serde_json::from_str(&std::fs::read_to_string(real().join(s.as_str().unwrap())).unwrap()).unwrap())
            .collect();
        assert_eq!(samples.len(), 1);
        for s in samples.clone() {
            assert!(reference.is_valid(&s) && ours.is_valid(&s), "{entry}: the sample is refused");
        }
        // Mutations: drop, retype or null each top-level and second-level member.
        let mut rng = Rng::new(3);
        let base = samples.remove(0);
        let mut mutated = Vec::new();
        for _ in 0..300 {
            let mut m = base.clone();
            let keys: Vec<String> = m.as_object().unwrap().keys().cloned().collect();
            let k = rng.pick(&keys).clone();
            let target = if rng.chance(50) && m[&k].is_object() {
                let inner: Vec<String> = m[&k].as_object().unwrap().keys().cloned().collect();
                if inner.is_empty() {
                    &mut m[&k]
                } else {
                    let ik = rng.pick(&inner).clone();
                    &mut m[&k][&ik]
                }
            } else {
                &mut m[&k]
            };
            *target = match rng.below(5) {
                0 => Value::Null,
                1 => json!(12),
                2 => json!("x"),
                3 => json!({}),
                _ => json!([]),
            };
            mutated.push(m);
        }
        let mut refused = 0;
        for m in &mutated {
            let (a, b) = (ours.is_valid(m), reference.is_valid(m));
            assert_eq!(a, b, "{entry}: we say {a}, the reference {b} for {m}");
            refused += usize::from(!b);
        }
        assert!(refused > 50, "{entry}: mutations too gentle ({refused} refused)");
    }
    // Without the folder, `common/...` resolves next to the entry, where there is no such file.
    let entry = "octokit-webhooks/payload-schemas/api.github.com/marketplace_purchase/purchased.schema.json";
    let e = errors(generate_path(
        &real().join(entry),
        entry,
        &Options { root_name: Some("E".into()), ..Options::default() },
    ));
    assert!(
        e.iter().any(|m| m.starts_with(&format!("{entry}#/properties/marketplace_purchase/allOf/0/$ref: "))
            && m.contains("no such file")),
        "{e:?}"
    );
}

// ---------------------------------------------------------------- synthetic cases

const USER: &str = r##"{"$id": "https://schemas.example.com/common/user.json", "title": "User",
  "type": "object", "properties": {"name": {"$ref": "#/definitions/name"}, "friend": {"$ref": "user.json"}},
  "required": ["name"], "definitions": {"name": {"type": "string", "minLength": 1}}}"##;

#[test]
fn url_references_are_refused_unless_mapped() {
    let dir = scratch(
        "url",
        &[
            ("api/entry.yaml", "title: Msg\ntype: object\nproperties:\n  from:\n    $ref: https://schemas.example.com/common/user.json\n  to:\n    $ref: https://schemas.example.com/common/user.json#/definitions/name\n"),
            ("vendor/common/user.json", USER),
        ],
    );
    let e = errors(gen_at(&dir, "api/entry.yaml", &Options::default()));
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].contains("#/properties/from/$ref: ") && e[0].contains("nothing is fetched from the network"), "{e:?}");
    // Mapped by prefix to a local folder: read from there, named by title / fragment.
    let opts =
        Options { url_map: vec![("https://schemas.example.com/".into(), dir.join("vendor"))], ..Options::default() };
    let out = gen_at(&dir, "api/entry.yaml", &opts).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(out.files.len(), 2);
    let code = group_msg_codegen::format(&out.tokens).unwrap();
    assert!(code.contains("pub struct User") && code.contains("pub friend:"), "{code}");
    // The same through the bundle: `user.json` (relative to the URL) is the same schema, once.
    let text = std::fs::read_to_string(dir.join("api/entry.yaml")).unwrap();
    let res = Resolver { url_map: opts.url_map.clone(), ..Resolver::default() };
    let (b, d) = bundle("entry.yaml", &dir.join("api/entry.yaml"), parse(&text, Format::Yaml).unwrap(), &res);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(b.value["$defs"]["User"]["properties"]["friend"]["$ref"], "#/$defs/User");
    assert_eq!(b.value["$defs"]["User"]["properties"]["name"]["$ref"], "#/$defs/Name");
    assert_eq!(b.value["properties"]["to"]["$ref"], "#/$defs/Name");
    assert_eq!(b.value["$defs"].as_object().unwrap().len(), 2);
    // Mapped to a file exactly.
    let opts = Options {
        url_map: vec![("https://schemas.example.com/common/user.json".into(), dir.join("vendor/common/user.json"))],
        ..Options::default()
    };
    gen_at(&dir, "api/entry.yaml", &opts).unwrap_or_else(|d| panic!("{d}"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn paths_outside_the_allowed_folders_and_missing_files_are_errors() {
    let dir = scratch(
        "escape",
        &[
            (
                "a/entry.json",
                r#"{"title": "T", "type": "object", "properties": {"s": {"$ref": "../b/s.json"}, "m": {"$ref": "missing.json#/x"}, "p": {"$ref": "s2.json#/nope"}}}"#,
            ),
            ("a/s2.json", r#"{"type": "string"}"#),
            ("b/s.json", r#"{"type": "string"}"#),
        ],
    );
    let e = errors(gen_at(&dir, "a/entry.json", &Options::default()));
    let entry = dir.join("a/entry.json").to_string_lossy().into_owned();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(
        e.iter().any(|m| m.starts_with(&format!("{entry}#/properties/s/$ref: ")) && m.contains("outside the folders")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|m| m.starts_with(&format!("{entry}#/properties/m/$ref: ")) && m.contains("no such file")),
        "{e:?}"
    );
    assert!(
        e.iter().any(|m| m.starts_with(&format!("{entry}#/properties/p/$ref: ")) && m.contains("has no `#/nope`")),
        "{e:?}"
    );
    // Allowed: only the missing ones remain.
    let opts = Options { allow_dirs: vec![dir.clone()], ..Options::default() };
    assert_eq!(errors(gen_at(&dir, "a/entry.json", &opts)).len(), 2);
    // In-memory text: references resolve against the path given, or fail clearly.
    let e = errors(generate("nowhere/x.json", r#"{"title": "T", "$ref": "y.json"}"#, &Options::default()));
    assert!(e.len() == 1 && e[0].starts_with("nowhere/x.json#/$ref: ") && e[0].contains("nowhere/y.json"), "{e:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cycles_between_files_terminate() {
    let dir = scratch(
        "cycle",
        &[
            ("a.json", r#"{"title": "A", "type": "object", "properties": {"b": {"$ref": "b.json"}}}"#),
            ("b.json", r#"{"title": "B", "type": "object", "properties": {"a": {"$ref": "a.json"}, "c": {"$ref": "c.yaml#/C"}}}"#),
            ("c.yaml", "C:\n  type: array\n  items:\n    $ref: b.json\n"),
            // OpenAPI: a parameter that is itself through two files: a cycle that cannot be copied.
            ("api.yaml", "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  parameters:\n    P:\n      $ref: p1.yaml\n"),
            ("p1.yaml", "$ref: p2.yaml\n"),
            ("p2.yaml", "$ref: p1.yaml\n"),
        ],
    );
    // Schemas: recursion across three files, each schema generated once.
    let out = gen_at(&dir, "a.json", &Options::default()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(out.files.len(), 3);
    let code = group_msg_codegen::format(&out.tokens).unwrap();
    for t in ["pub struct A {", "pub struct B {"] {
        assert_eq!(code.matches(t).count(), 1, "{code}");
    }
    let text = std::fs::read_to_string(dir.join("api.yaml")).unwrap();
    let (_, d) = bundle("api.yaml", &dir.join("api.yaml"), parse(&text, Format::Yaml).unwrap(), &Resolver::default());
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("comes back to itself"), "{}", d[0]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn problems_in_referenced_files_are_reported_there() {
    let dir = scratch(
        "there",
        &[
            ("entry.yaml", "title: T\ntype: object\nproperties:\n  u:\n    $ref: defs/u.yaml#/U\n"),
            ("defs/u.yaml", "U:\n  type: object\n  properties:\n    n:\n      type: strin\n"),
            ("defs/dup.json", "{\"a\": 1, \"a\": 2}"),
            ("entry2.json", r#"{"title": "T", "$ref": "defs/dup.json"}"#),
        ],
    );
    let e = errors(gen_at(&dir, "entry.yaml", &Options::default()));
    assert_eq!(e.len(), 1, "{e:?}");
    let u = dir.join("defs/u.yaml").to_string_lossy().into_owned();
    assert!(e[0].starts_with(&format!("{u}#/U/properties/n/type: ")), "{e:?}");
    let e = errors(gen_at(&dir, "entry2.json", &Options::default()));
    assert!(e.len() == 1 && e[0].contains("defs/dup.json#/a: duplicate key `a`"), "{e:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_keywords_warn_unless_strict() {
    let spec = r#"{"title": "T", "type": "object", "tsType": "Foo", "markdownDescription": "*x*",
        "properties": {"a": {"type": "array", "maxItem": 3, "x-other-tool": 1, "format": "not-a-format"}}}"#;
    let out = generate("t.json", spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
    let w: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(w.iter().any(|w| w.starts_with("t.json#/tsType: unknown keyword `tsType`")), "{w:?}");
    assert!(w.iter().any(|w| w.starts_with("t.json#/markdownDescription: ")), "{w:?}");
    assert!(
        w.iter().any(|w| w.starts_with("t.json#/properties/a/maxItem: ") && w.contains("did you mean `maxItems`?")),
        "{w:?}"
    );
    let strict = Options { strict: true, ..Options::default() };
    let e = errors(generate("t.json", spec, &strict));
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e.iter().any(|e| e.starts_with("t.json#/properties/a/maxItem: unknown keyword `maxItem`")), "{e:?}");
    // A warning in a referenced file names that file.
    let dir = scratch(
        "warn",
        &[("e.json", r#"{"title": "E", "$ref": "o.json"}"#), ("o.json", r#"{"type": "string", "tsType": "X"}"#)],
    );
    let out = gen_at(&dir, "e.json", &Options::default()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].file, dir.join("o.json").to_string_lossy());
    assert_eq!(out.warnings[0].pointer, "/tsType");
    let _ = std::fs::remove_dir_all(&dir);
}
