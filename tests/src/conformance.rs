//! The conformance harness: generated code, compiled for real, run over instances.
//!
//! Each schema (a standalone JSON Schema document) is generated with
//! [`group_msg_codegen::generate`] as module `s{i}` of one temporary crate under
//! `target/conformance/`, whose binary reads `(schema, instance)` lines and prints the verdict
//! of `Root::from_json` (parse + validate) for each. A batch of schemas is one crate build, so
//! hundreds of schemas cost one `rustc` run; the crates share a target directory of their own
//! (`target/conformance/target`, reused between runs, so dependencies are built once), and build
//! offline against a copy of the workspace's `Cargo.lock`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The type name of every schema's root.
pub const ROOT: &str = "ConformanceRoot";

/// What one schema did in the harness.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The generator refused the schema: its diagnostics.
    Refused(String),
    /// The generated `from_json` verdict per instance: `Ok` or the error text.
    Ran(Vec<Result<(), String>>),
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Whether `schema` holds a `$ref` that is not local (does not start with `#`): the generator
/// refuses those by design.
pub fn has_remote_ref(schema: &Value) -> bool {
    match schema {
        Value::Object(o) => {
            o.iter()
                .any(|(k, v)| (k == "$ref" || k == "$dynamicRef") && v.as_str().is_some_and(|r| !r.starts_with('#')))
                || o.values().any(has_remote_ref)
        }
        Value::Array(a) => a.iter().any(has_remote_ref),
        _ => false,
    }
}

/// Generates, builds and runs one batch; `dir` is the crate's directory (created, reused).
/// An error is a build or run failure of the batch as a whole (generated code that does not
/// compile, or compiles with warnings).
pub fn run_batch(dir: &Path, cases: &[(Value, Vec<Value>)]) -> Result<Vec<Outcome>, String> {
    let opts = group_msg_codegen::Options { root_name: Some(ROOT.to_owned()), ..Default::default() };
    let mut outcomes: Vec<Option<Outcome>> = Vec::new();
    let mut units = Vec::new();
    for (i, (schema, instances)) in cases.iter().enumerate() {
        let text = serde_json::to_string_pretty(schema).map_err(|e| e.to_string())?;
        let file = format!("s{i}.json");
        match group_msg_codegen::generate(&file, &text, &opts) {
            Err(d) => {
                outcomes.push(Some(Outcome::Refused(d.to_string())));
                units.push(Unit { code: String::new(), root: None, instances: Vec::new() });
            }
            Ok(out) => {
                let code = group_msg_codegen::format(&out.tokens).map_err(|e| format!("s{i}: {e}"))?;
                outcomes.push(None);
                units.push(Unit {
                    code,
                    root: Some(ROOT.to_owned()),
                    instances: instances.iter().map(Value::to_string).collect(),
                });
            }
        }
    }
    let verdicts = run_units(dir, &units).map_err(|mut msg| {
        for (i, (schema, _)) in cases.iter().enumerate() {
            if msg.contains(&format!("src/s{i}.rs")) {
                msg.push_str(&format!("\ns{i} (batch index {i}) is generated from {schema}"));
            }
        }
        msg
    })?;
    Ok(outcomes
        .into_iter()
        .zip(verdicts)
        .map(|(o, v)| match o {
            Some(refused) => refused,
            None => Outcome::Ran(v),
        })
        .collect())
}

/// One module of a batch crate: generated code, the path (inside the module) of the type whose
/// `from_json` judges the instances, and the instances (JSON text, one line each).
#[derive(Debug, Clone, Default)]
pub struct Unit {
    pub code: String,
    pub root: Option<String>,
    pub instances: Vec<String>,
}

/// Builds the units as modules `s0`, `s1`, ... of one crate in `dir` (denying warnings), runs
/// every instance through its unit's root type, and returns the verdicts per unit. An error is
/// a build or run failure of the batch as a whole, with the compiler's output.
pub fn run_units(dir: &Path, units: &[Unit]) -> Result<Vec<Vec<Result<(), String>>>, String> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let root = workspace_root();
    let lock = root.join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    let package = format!(
        "group-msg-conformance-{}",
        dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    );
    let manifest = format!(
        r#"[package]
name = "{package}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
group-msg-types = {{ path = {types:?} }}

[profile.dev]
debug = false
incremental = false
"#,
        types = root.join("group-msg-types").display().to_string()
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    let mut main = String::from(
        "//! Reads `schema\\tinstance` lines, prints `schema\\tok` or `schema\\terr\\t<error>` per line.\n\
         #![deny(warnings)]\n#![allow(dead_code, unused_imports, clippy::all)]\n",
    );
    let mut arms = String::new();
    let mut input = String::new();
    for (i, unit) in units.iter().enumerate() {
        write_if_changed(&src.join(format!("s{i}.rs")), &unit.code)?;
        let _ = writeln!(main, "mod s{i};");
        if let Some(root_ty) = &unit.root {
            let _ = writeln!(arms, "            {i} => verdict(s{i}::{root_ty}::from_json(text)),");
        }
        for inst in &unit.instances {
            let _ = writeln!(input, "{i}\t{inst}");
        }
    }
    let _ = write!(
        main,
        r#"
fn verdict<T, E: ::std::fmt::Display>(r: ::core::result::Result<T, E>) -> ::std::string::String {{
    match r {{
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("err\t{{}}", e.to_string().replace(['\n', '\t'], " ")),
    }}
}}

fn main() {{
    let input = ::std::fs::read_to_string(::std::env::args().nth(1).expect("input file")).expect("input");
    for line in input.lines() {{
        let (i, text) = line.split_once('\t').expect("a tab");
        let i: usize = i.parse().expect("an index");
        let v = match i {{
{arms}            _ => "skip".to_owned(),
        }};
        println!("{{i}}\t{{v}}");
    }}
}}
"#
    );
    write_if_changed(&src.join("main.rs"), &main)?;
    // Modules of an earlier, larger batch in the same directory are not compiled (no `mod`),
    // but are removed so the directory says what was built.
    for extra in units.len().. {
        let f = src.join(format!("s{extra}.rs"));
        if std::fs::remove_file(&f).is_err() {
            break;
        }
    }
    let target = dir.parent().unwrap_or(dir).join("target");
    let build = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !build.status.success() {
        let stderr = String::from_utf8_lossy(&build.stderr);
        return Err(format!("the generated code does not build:\n{stderr}"));
    }
    let input_path = dir.join("instances.txt");
    std::fs::write(&input_path, &input).map_err(|e| e.to_string())?;
    let bin = target.join("debug").join(format!("{package}{}", std::env::consts::EXE_SUFFIX));
    let run = Command::new(&bin).arg(&input_path).output().map_err(|e| format!("{}: {e}", bin.display()))?;
    if !run.status.success() {
        return Err(format!("the conformance binary failed:\n{}", String::from_utf8_lossy(&run.stderr)));
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    let mut verdicts: Vec<Vec<Result<(), String>>> = vec![Vec::new(); units.len()];
    for line in stdout.lines() {
        let mut parts = line.splitn(3, '\t');
        let i: usize = parts.next().and_then(|p| p.parse().ok()).ok_or_else(|| format!("bad output line {line:?}"))?;
        let v = match parts.next() {
            Some("ok") => Ok(()),
            Some("err") => Err(parts.next().unwrap_or_default().to_owned()),
            _ => return Err(format!("bad output line {line:?}")),
        };
        verdicts[i].push(v);
    }
    Ok(verdicts)
}

/// Writes `path` only when its contents change, so an unchanged module is not rebuilt... by
/// mtime-sensitive tools.
fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|c| c == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}
