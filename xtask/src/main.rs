//! `cargo xtask`: maintainer commands. `codegen [--check]`, `generate FILE... [options]`, `real-specs`,
//! `validate API [--part PART] [--deny-warnings] FILE...`, `fuzz [--iterations N] [--seed S]
//! [--only I]`, `conformance [--schemas N] [--seed S]`.

use std::process::ExitCode;

use group_msg_codegen::{generate_path, render_module};
use xtask::{fuzz_command, orphans, plan, stale, undeclared_vendors, workspace_root, COMMAND};

const USAGE: &str = "usage:
  cargo xtask codegen [--check]            regenerate group-msg-types from specs/ (--check: change nothing, fail when stale)
  cargo xtask generate FILE... [--root NAME] [--runtime-crate PATH] [--strict] [--allow DIR]... [--ids DIR]...
                       [--map URL=PATH]... [--out DIR]
                                           print the module generated from one spec or JSON Schema (JSON or
                                           YAML), bundled with the files its `$ref`s reach; warnings on stderr
                                           (the build-script API's options). --root: the root type's name;
                                           --strict: unknown keywords are errors; --allow: a folder `$ref`s may
                                           read (default: the spec's folder); --ids: a folder whose files are
                                           known by their `$id`; --map: read URL (or URL prefix ending in /)
                                           from a local file (folder); --out DIR: write one file per spec
  cargo xtask validate API [--part request|response|callback] [--deny-warnings] FILE...
                                           check JSON files (exit 0 no errors, warnings allowed; 1 invalid,
                                           or a warning with --deny-warnings; 2 usage/unreadable/not JSON)
  cargo xtask fuzz [--iterations N] [--seed S] [--only I]
                                           run the fuzz test longer, in release (--only: replay iteration I)
  cargo xtask conformance [--schemas N] [--seed S]
                                           the generated code against the jsonschema crate on N random schemas
                                           (default 10000) from seed S (default 0), 20 instances each
  cargo xtask real-specs                   every entry of ../shared/real-specs generated, compiled and run on
                                           its samples (CI compiles the entries up to 256 KiB)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("fuzz") => fuzz(&args[1..]),
        Some("conformance") => conformance(&args[1..]),
        Some("real-specs") => real_specs(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn codegen(args: &[String]) -> ExitCode {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = workspace_root();
    let planned = match plan(&root) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let missing = undeclared_vendors(&root, &planned);
    for v in &missing {
        eprintln!(
            "group-msg-types/src/lib.rs: declare the generated vendor module (`#[cfg(feature = \"{v}\")] #[path = \"generated/{v}/mod.rs\"] pub mod {v};`), and add the `{v}` feature to group-msg-types/Cargo.toml"
        );
    }
    let stale = stale(&root, &planned);
    if check {
        for s in &stale {
            eprintln!("{s}: stale, run `{COMMAND}`");
        }
        return if stale.is_empty() && missing.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    }
    for p in planned.iter().filter(|p| stale.contains(&p.path)) {
        let path = root.join(&p.path);
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("{}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
        if let Err(e) = std::fs::write(&path, &p.contents) {
            eprintln!("{}: {e}", p.path);
            return ExitCode::FAILURE;
        }
        println!("wrote {}", p.path);
    }
    for o in orphans(&root, &planned) {
        if let Err(e) = std::fs::remove_file(root.join(&o)) {
            eprintln!("{o}: {e}");
            return ExitCode::FAILURE;
        }
        println!("removed {o}");
    }
    if missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs the `group-msg-validate` binary, which links the generated types. It is a separate crate
/// so that `codegen` never needs the generated code to compile. It runs in the caller's directory
/// (`cargo run` keeps it, and so does this), so relative file names are the caller's.
fn validate(args: &[String]) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = workspace_root().join("Cargo.toml");
    let status = std::process::Command::new(cargo)
        .arg("run")
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["--quiet", "--package", "group-msg-cli", "--bin", "group-msg-validate", "--"])
        .args(args)
        .status();
    match status {
        Ok(s) => ExitCode::from(s.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(2)),
        Err(e) => {
            eprintln!("cannot run group-msg-validate: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs the fuzz test (`tests/tests/fuzz.rs`) in a release build with the iterations and seed
/// given; its exit code is the test's.
fn fuzz(args: &[String]) -> ExitCode {
    let (cargo_args, env) = match fuzz_command(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo).args(&cargo_args).envs(env).status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("cannot run cargo: {e}");
            ExitCode::from(2)
        }
    }
}

/// `generate FILE... [--root NAME] [--map URL=FILE] [--lenient] [--runtime-crate PATH] [--out DIR]`:
/// the build-script API's options (`group_msg_codegen::Builder`). Without `--out`, the one
/// spec's module is printed; with it, one file per spec is written there.
fn generate(args: &[String]) -> ExitCode {
    let mut b = group_msg_codegen::Builder::new().cargo_metadata(false);
    let (mut files, mut out) = (Vec::new(), None);
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        let mut value = |flag: &str| match rest.next() {
            Some(v) => Ok(v.clone()),
            None => Err(format!("{flag} needs a value")),
        };
        let step = match a.as_str() {
            "--root" => value(a).map(|v| b = b.clone().root_name(v)),
            "--runtime-crate" => value(a).map(|v| b = b.clone().runtime_crate(v)),
            "--out" => value(a).map(|v| out = Some(v)),
            "--allow" => value(a).map(|v| b = b.clone().allow(v)),
            "--ids" => value(a).map(|v| b = b.clone().ids(v)),
            "--strict" => {
                b = b.clone().strict(true);
                Ok(())
            }
            "--map" => value(a).and_then(|v| match v.split_once('=') {
                Some((url, file)) => {
                    b = b.clone().map(url, file);
                    Ok(())
                }
                None => Err(format!("--map takes URL=FILE, found `{v}`")),
            }),
            f if f.starts_with("--") => Err(format!("unknown option `{f}`")),
            f => {
                files.push(f.to_owned());
                b = b.clone().spec(f);
                Ok(())
            }
        };
        if let Err(e) = step {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    if let Some(dir) = out {
        return match b.out_dir(dir).generate() {
            Ok(done) => {
                for g in done {
                    println!("{} -> {}", g.spec.display(), g.path.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let [file] = files.as_slice() else {
        eprintln!("give one spec to print, or --out DIR\n{USAGE}");
        return ExitCode::from(2);
    };
    let opts = match b.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match generate_path(std::path::Path::new(file), file, &opts) {
        Ok(out) => match render_module(&out, file, "cargo xtask generate") {
            Ok(text) => {
                for w in &out.warnings {
                    eprintln!("warning: {w}");
                }
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{file}: generated code does not parse: {e}");
                ExitCode::FAILURE
            }
        },
        Err(diags) => {
            eprintln!("{diags}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `tests/tests/real_specs.rs` over every entry of the shared real specs, the largest
/// included (`GROUP_MSG_REAL_SPECS=all`; CI compiles the entries up to 256 KiB).
fn real_specs(args: &[String]) -> ExitCode {
    if !args.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["test", "--manifest-path"])
        .arg(workspace_root().join("Cargo.toml"))
        .args(["-p", "group-msg-tests", "--test", "real_specs", "--", "--nocapture"])
        .env("GROUP_MSG_REAL_SPECS", "all")
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("cannot run cargo: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs `tests/tests/conformance.rs` (the CI slice is 300 schemas) on more schemas: the test
/// reads its size and seed from the environment, and builds the generated code in batches of
/// 300 schemas (one crate build each, under `target/conformance/`).
fn conformance(args: &[String]) -> ExitCode {
    let (mut schemas, mut seed) = (10_000u64, 0u64);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().and_then(|v| v.parse::<u64>().ok());
        match (flag.as_str(), value) {
            ("--schemas", Some(n)) if n > 0 => schemas = n,
            ("--seed", Some(s)) => seed = s,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["test", "--package", "group-msg-tests", "--test", "conformance", "--", "--nocapture"])
        .env("GROUP_MSG_CONFORMANCE_SCHEMAS", schemas.to_string())
        .env("GROUP_MSG_CONFORMANCE_SEED", seed.to_string())
        .current_dir(workspace_root())
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("cannot run the conformance test: {e}");
            ExitCode::from(2)
        }
    }
}
