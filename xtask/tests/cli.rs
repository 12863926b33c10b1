//! The `cargo xtask` binary: spec errors with file and pointer, usage errors, the freshness check.

use std::process::Command;

fn xtask(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(xtask::workspace_root()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn generate_reports_spec_errors_with_file_and_pointer() {
    let (code, _, err) = xtask(&["generate", "tests/specs/bad/09_unknown_keyword.json", "--strict"]);
    assert_eq!(code, 1);
    assert!(err.contains("tests/specs/bad/09_unknown_keyword.json#/components/schemas/Foo/properties/bar/maxItem: unknown keyword `maxItem`"), "{err}");
    // Without --strict an unknown keyword is an annotation: generated, with a warning naming it.
    let (code, out, err) = xtask(&["generate", "tests/specs/bad/09_unknown_keyword.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("pub struct Foo"), "{out}");
    assert!(err.contains("warning: ") && err.contains("/properties/bar/maxItem") && err.contains("`maxItem`"), "{err}");
    let (code, out, _) = xtask(&["generate", "tests/specs/good/standalone.json", "--root", "Root"]);
    assert_eq!(code, 0);
    assert!(out.contains("pub struct Root"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(xtask(&[]).0, 2);
    assert_eq!(xtask(&["codegen", "--frobnicate"]).0, 2);
    assert_eq!(xtask(&["generate"]).0, 2);
}

#[test]
fn codegen_check_passes_on_a_fresh_tree() {
    let (code, _, err) = xtask(&["codegen", "--check"]);
    assert_eq!(code, 0, "{err}");
}

/// `cargo xtask validate` keeps the caller's directory: relative file names are the caller's,
/// not the workspace root's (`cargo xtask` itself runs the xtask binary in the caller's
/// directory; this test runs it there directly).
#[test]
fn validate_resolves_relative_paths_from_the_callers_directory() {
    let dir = xtask::workspace_root().join("tests/fixtures/tencent_im");
    let run = |file: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["validate", "tencent_im.send_group_msg", file])
            .current_dir(&dir)
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = run("01_basic.json");
    assert_eq!(code, 0, "{err}");
    // A file that exists only under the workspace root is not found from here.
    let (code, err) = run("tests/fixtures/tencent_im/01_basic.json");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("tests/fixtures/tencent_im/01_basic.json: cannot read"), "{err}");
}

#[test]
fn fuzz_takes_iterations_and_a_seed() {
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let (cargo, env) = xtask::fuzz_command(&args(&["--iterations", "100000", "--seed", "0x2a"])).unwrap();
    assert_eq!(
        env,
        vec![("GROUP_MSG_FUZZ_ITERATIONS", "100000".to_owned()), ("GROUP_MSG_FUZZ_SEED", "0x2a".to_owned())]
    );
    assert_eq!(cargo[..2], ["test", "--release"]);
    assert!(cargo.ends_with(&args(&["-p", "group-msg-tests", "--test", "fuzz", "--", "--nocapture"])), "{cargo:?}");
    assert_eq!(xtask::fuzz_command(&[]).unwrap().1, Vec::new());
    for bad in [&["--iterations"][..], &["--iterations", "many"], &["--seed", "0xzz"], &["--frobnicate", "1"]] {
        assert!(xtask::fuzz_command(&args(bad)).is_err(), "{bad:?}");
    }
    assert_eq!(xtask(&["fuzz", "--iterations", "many"]).0, 2);
}
