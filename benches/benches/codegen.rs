//! The generator: the library on the four specs, on synthetic specs of 100, 1,000 and 2,000
//! object schemas (how its cost grows), and `cargo xtask codegen --check` as a process.
//!
//! Groups and functions:
//! - `codegen/specs/{generate,render}/API`: `generate` (read, lower, emit tokens) of one spec;
//!   `render` = `generate` + `render_bundled_module` (prettyplease), what `codegen` does per spec;
//! - `codegen/specs/all`: the four specs as `codegen` renders them, in one process;
//! - `codegen/synthetic/{generate,format}/N`: a spec of N object schemas, each with a few typed
//!   properties with rules, an array of `$ref` to another schema of its block of ten and, nine
//!   times in ten, a `$ref` to the next one (chains stay short: a spec whose types own one another
//!   deeper than rustc can check is refused);
//! - `codegen/wide_builder/N`: a struct of N required fields, generated and formatted (the
//!   builders' cost per field is constant);
//! - `codegen/process/{release,debug}`: the `xtask` binary running `codegen --check` over the
//!   workspace, start to exit (`std::process::Command`); `debug` is the build `cargo xtask` runs.
//!   The binaries are built first with `cargo build -p xtask` into this build's target directory.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use group_msg_benches::{workspace_root, APIS};
use group_msg_codegen::{format, generate, render_bundled_module, Options};
use serde_json::{json, Map, Value};

/// An OpenAPI document with `n` object schemas; the request is `S0`.
fn synthetic_spec(n: usize) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        let mut props = Map::new();
        props.insert("id".into(), json!({ "type": "string", "maxLength": 64, "description": "The id." }));
        props.insert("count".into(), json!({ "type": "integer", "minimum": 0, "maximum": 1000 }));
        props.insert("ratio".into(), json!({ "type": "number" }));
        props.insert("enabled".into(), json!({ "type": "boolean" }));
        props.insert("tags".into(), json!({ "type": "array", "items": { "type": "string" }, "maxItems": 10 }));
        props.insert(
            "children".into(),
            // Within the block of ten, so that no chain of types owning one another passes the
            // generator's limit (`MAX_OWNED_DEPTH`; rustc's drop check fails on longer ones).
            json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/S{}", (i / 10) * 10 + (i * 7 + 3) % 10.min(n)) } }),
        );
        if (i + 1) % 10 != 0 && i + 1 < n {
            props.insert("next".into(), json!({ "$ref": format!("#/components/schemas/S{}", i + 1) }));
        }
        schemas.insert(
            format!("S{i}"),
            json!({
                "type": "object",
                "description": format!("Synthetic schema {i}."),
                "properties": props,
                "required": ["id", "count"],
                "additionalProperties": false,
            }),
        );
    }
    let doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "Synthetic", "version": "1" },
        "paths": { "/synthetic": { "post": {
            "operationId": "synthetic",
            "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/S0" } } } },
            "responses": { "200": { "description": "OK" } },
        } } },
        "components": { "schemas": Value::Object(schemas) },
    });
    doc.to_string()
}

fn specs(c: &mut Criterion) {
    let root = workspace_root();
    let texts: Vec<(&str, &str, String)> = APIS
        .iter()
        .map(|a| (a.id, a.spec_path, std::fs::read_to_string(root.join(a.spec_path)).expect("spec")))
        .collect();
    let opts = Options::default();
    let mut g = c.benchmark_group("codegen/specs");
    g.sample_size(20);
    for (id, path, text) in &texts {
        g.bench_with_input(BenchmarkId::new("generate", id), text, |b, text| {
            b.iter(|| generate(path, black_box(text), &opts).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("render", id), text, |b, text| {
            b.iter(|| {
                let out = generate(path, black_box(text), &opts).unwrap();
                render_bundled_module(&out, path, "cargo xtask codegen", id, &id.replace('.', "::"), &[]).unwrap()
            })
        });
    }
    g.bench_function("all", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(id, path, text)| {
                    let out = generate(path, black_box(text), &opts).unwrap();
                    render_bundled_module(&out, path, "cargo xtask codegen", id, &id.replace('.', "::"), &[])
                        .unwrap()
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

fn synthetic(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("codegen/synthetic");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    for n in [100usize, 1_000, 2_000] {
        let text = synthetic_spec(n);
        let out = generate("synthetic.json", &text, &opts).unwrap();
        assert_eq!(out.module.types.len(), n, "every schema is a type");
        g.bench_with_input(BenchmarkId::new("generate", n), &text, |b, text| {
            b.iter(|| generate("synthetic.json", black_box(text), &opts).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("format", n), &out.tokens, |b, tokens| {
            b.iter(|| format(black_box(tokens)).unwrap())
        });
    }
    g.finish();
}

/// Builds `xtask` with `profile` and returns its path.
fn xtask(profile: &str) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--quiet", "--package", "xtask", "--bin", "xtask", "--profile", profile])
        .arg("--message-format=json")
        .current_dir(workspace_root())
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo build -p xtask: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "xtask")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("an xtask executable")
}

fn process(c: &mut Criterion) {
    let mut g = c.benchmark_group("codegen/process");
    g.sample_size(20);
    for (name, profile) in [("release", "release"), ("debug", "dev")] {
        let bin = xtask(profile);
        let run = || {
            let status = Command::new(&bin).args(["codegen", "--check"]).status().expect("xtask runs");
            assert!(status.success(), "`xtask codegen --check` fails: is group-msg-types stale?");
        };
        run();
        g.bench_function(name, |b| b.iter(run));
    }
    g.finish();
}

/// A standalone schema of one object with `n` required string fields.
fn wide_spec(n: usize) -> String {
    let props: Map<String, Value> = (0..n).map(|i| (format!("f{i}"), json!({ "type": "string" }))).collect();
    let required: Vec<String> = (0..n).map(|i| format!("f{i}")).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Wide", "type": "object", "properties": props, "required": required, "additionalProperties": false,
    })
    .to_string()
}

/// Issue 8: 1,000 required fields took 8.9 s and 1.9 GB (every setter relisted every field).
fn wide_builder(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("codegen/wide_builder");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    for n in [100usize, 1_000] {
        let text = wide_spec(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| format(&generate("wide.json", black_box(text), &opts).unwrap().tokens).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, specs, synthetic, wide_builder, process);
criterion_main!(benches);
