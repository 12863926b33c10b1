//! The corpus of malformed specs (`specs/bad/`): each gives every expected error, with the file
//! and the JSON pointer, and the generator never panics.

use group_msg_codegen::{generate_path, Options};

#[derive(serde::Deserialize)]
struct Case {
    file: String,
    errors: Vec<Expected>,
    #[serde(default)]
    root: Option<String>,
}

#[derive(serde::Deserialize)]
struct Expected {
    pointer: String,
    contains: String,
}

#[test]
fn every_bad_spec_reports_every_error_with_file_and_pointer() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/bad");
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for case in &cases {
        let display = format!("specs/bad/{}", case.file);
        // Our own spec format, read as `cargo xtask codegen` reads `specs/`: unknown keywords are errors.
        let opts = Options { root_name: case.root.clone(), strict: true, ..Options::default() };
        let result = std::panic::catch_unwind(|| generate_path(&dir.join(&case.file), &display, &opts));
        let diags = match result {
            Err(_) => {
                failures.push(format!("{}: the generator panicked", case.file));
                continue;
            }
            Ok(Ok(_)) => {
                failures.push(format!("{}: accepted", case.file));
                continue;
            }
            Ok(Err(d)) => d,
        };
        for d in diags.iter() {
            if !d.to_string().starts_with(&format!("{display}#{}: ", d.pointer)) {
                failures.push(format!("{}: `{d}` does not start with the file and pointer", case.file));
            }
        }
        for e in &case.errors {
            let found = diags.iter().any(|d| d.pointer == e.pointer && d.message.to_lowercase().contains(&e.contains));
            if !found {
                failures.push(format!(
                    "{}: no error at `{}` containing `{}`; got:\n{diags}",
                    case.file, e.pointer, e.contains
                ));
            }
        }
        if diags.iter().count() > case.errors.len() {
            failures.push(format!("{}: more errors than expected (a cascade?):\n{diags}", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
