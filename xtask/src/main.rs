//! `cargo xtask`: maintainer commands. `codegen [--check]`, `generate FILE [--root NAME]`,
//! `validate API [--part PART] [--deny-warnings] FILE...`.

use std::process::ExitCode;

use group_msg_codegen::{generate_path, render_module, Options};
use xtask::{orphans, plan, stale, undeclared_vendors, workspace_root, COMMAND};

const USAGE: &str = "usage:
  cargo xtask codegen [--check]            regenerate group-msg-types from specs/ (--check: change nothing, fail when stale)
  cargo xtask generate FILE [--root NAME]  print the module generated from one spec or JSON Schema
  cargo xtask validate API [--part request|response|callback] [--deny-warnings] FILE...
                                           check JSON files (exit 0 no errors, warnings allowed; 1 invalid,
                                           or a warning with --deny-warnings; 2 usage/unreadable/not JSON)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("validate") => validate(&args[1..]),
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
        eprintln!("group-msg-types/src/lib.rs: add `pub mod {v};` to declare the generated vendor module");
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
/// so that `codegen` never needs the generated code to compile.
fn validate(args: &[String]) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--package", "group-msg-cli", "--bin", "group-msg-validate", "--"])
        .args(args)
        .current_dir(workspace_root())
        .status();
    match status {
        Ok(s) => ExitCode::from(s.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(2)),
        Err(e) => {
            eprintln!("cannot run group-msg-validate: {e}");
            ExitCode::from(2)
        }
    }
}

fn generate(args: &[String]) -> ExitCode {
    let (file, root_name) = match args {
        [file] => (file, None),
        [file, flag, name] if flag == "--root" => (file, Some(name.clone())),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let opts = Options { root_name, ..Options::default() };
    match generate_path(std::path::Path::new(file), file, &opts) {
        Ok(out) => match render_module(&out, file, "cargo xtask generate") {
            Ok(text) => {
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
