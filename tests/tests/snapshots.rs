//! The generated code itself: snapshots of small one-feature specs (update with
//! `UPDATE_EXPECT=1 cargo test -p group-msg-tests --test snapshots`), determinism, the macro and
//! the xtask agreeing, and the checked-in modules being fresh.

use std::path::{Path, PathBuf};

use group_msg_codegen::{format, generate_path, render_module, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn good_specs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("specs/good"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.sort();
    names
}

fn opts(name: &str) -> Options {
    let root_name = ["standalone", "doc_text", "long_tuple", "chain"].contains(&name).then(|| "Root".to_owned());
    Options { root_name, ..Options::default() }
}

#[test]
fn feature_specs_match_their_snapshots() {
    let names = good_specs();
    assert!(names.len() >= 15);
    for name in names {
        let rel = format!("specs/good/{name}.json");
        let out = generate_path(&root().join(&rel), &rel, &opts(&name)).unwrap_or_else(|e| panic!("{e}"));
        let text = render_module(&out, &rel, "cargo xtask generate").unwrap();
        expect_test::expect_file![format!("snapshots/{name}.rs")].assert_eq(&text);
    }
}

#[test]
fn generation_is_deterministic() {
    let mut specs: Vec<(String, Options)> =
        good_specs().into_iter().map(|n| (format!("specs/good/{n}.json"), opts(&n))).collect();
    for (vendor, api) in xtask::specs(&xtask::workspace_root()).unwrap() {
        specs.push((format!("../specs/{vendor}/{api}.json"), Options::default()));
    }
    for (rel, o) in specs {
        let a = format(&generate_path(&root().join(&rel), &rel, &o).unwrap().tokens).unwrap();
        let b = format(&generate_path(&root().join(&rel), &rel, &o).unwrap().tokens).unwrap();
        assert!(a == b, "{rel}: two runs differ");
    }
}

/// The macro's expansion without its rebuild tracker, formatted.
fn expand_macro(rel: &str) -> String {
    let tokens = group_msg_codegen::macro_support::include_spec(quote::quote!(#rel), &[root()]);
    let mut file: syn::File = syn::parse2(tokens).unwrap();
    let tracker = file.items.pop().expect("the tracker item");
    let tracker = quote::quote!(#tracker).to_string();
    assert!(tracker.contains("include_bytes"), "the last item tracks the spec: {tracker}");
    prettyplease::unparse(&file)
}

#[test]
fn the_macro_expands_to_what_the_xtask_writes() {
    let ws = xtask::workspace_root();
    for (vendor, api) in xtask::specs(&ws).unwrap() {
        let rel = format!("../specs/{vendor}/{api}.json");
        let checked_in =
            std::fs::read_to_string(ws.join(format!("group-msg-types/src/generated/{vendor}/{api}.rs"))).unwrap();
        let from_macro = expand_macro(&rel);
        assert!(checked_in.ends_with(&from_macro), "{rel}: the macro's items differ from the checked-in module");
    }
}

#[test]
fn macro_errors_are_compile_errors_at_the_path() {
    let tokens = group_msg_codegen::macro_support::include_spec(
        quote::quote!("specs/bad/42_many_schema_errors.json", strict = true),
        &[root()],
    );
    let text = tokens.to_string();
    assert_eq!(text.matches("compile_error").count(), 6, "{text}");
    assert!(text.contains("specs/bad/42_many_schema_errors.json#/components/schemas/Foo/properties/a/maxItem: unknown keyword `maxItem`, did you mean `maxItems`?"), "{text}");
    let missing =
        group_msg_codegen::macro_support::include_spec(quote::quote!("specs/bad/nope.json"), &[root()]).to_string();
    assert!(missing.contains("cannot read the file"), "{missing}");
    let bad_args =
        group_msg_codegen::macro_support::include_spec(quote::quote!("a.json", rot = "X"), &[root()]).to_string();
    assert!(
        bad_args.contains("unknown option `rot`, expected `root`, `strict`, `allow`, `ids` or `map`"),
        "{bad_args}"
    );
}

#[test]
fn checked_in_generated_code_is_fresh() {
    let ws = xtask::workspace_root();
    let planned = xtask::plan(&ws).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        planned.len(),
        14,
        "four API modules, four vendor modules, five precompiled rules (one per operation of YunHu's document) and their index"
    );
    let stale = xtask::stale(&ws, &planned);
    assert!(stale.is_empty(), "stale generated files, run `cargo xtask codegen`: {stale:?}");
    assert!(xtask::undeclared_vendors(&ws, &planned).is_empty());
    for p in &planned {
        if p.path.ends_with(".json") {
            // The literal engine's precompiled rules: a model of the spec's types that reads back.
            let model: group_msg_codegen::literal::Model = serde_json::from_str(&p.contents).unwrap();
            assert!(model.aliases.iter().any(|(a, _)| a == "Request") && model.types.len() > 3, "{}", p.path);
            continue;
        }
        assert!(p.contents.starts_with("// @generated by `cargo xtask codegen`"), "{}", p.path);
    }
}

#[test]
fn spec_text_cannot_break_comment_lines() {
    // Issue 8: a lone CR or a bidi control in a description broke the file writer's output, and a
    // newline in the spec's path put live code on line 2. `tests/src/lib.rs` compiles the
    // `doc_text` snapshot (the file writer's output) under `#![deny(warnings)]`.
    let rel = "specs/good/doc_text.json";
    let out = generate_path(&root().join(rel), rel, &opts("doc_text")).unwrap();
    let path = "specs/evil\n#![cfg(any())]\r\u{202E}.json";
    let text = render_module(&out, path, "cargo xtask generate").unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("// @generated") && header.contains(r"evil\n#![cfg(any())]\n\u{202E}.json"), "{header}");
    assert_eq!(lines.next(), Some(""));
    for (c, name) in [
        ('\r', "CR"),
        ('\u{202E}', "RLO"),
        ('\u{2066}', "LRI"),
        ('\u{2028}', "LS"),
        ('\u{0085}', "NEL"),
        ('\0', "NUL"),
        ('\u{200F}', "RLM"),
    ] {
        assert!(!text.contains(c), "a raw {name} reached the file");
    }
    assert!(text.contains("/// `a`: lone CR\n    /// fn injected() {}\n"), "{text}");
    assert!(text.contains(r"bidi override \u{202E} evil \u{202C}"), "{text}");
    // The macro front end makes the same docs.
    let from_macro = expand_macro(rel);
    assert!(!from_macro.contains('\u{202E}') && !from_macro.contains('\r'));
}
