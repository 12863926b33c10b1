//! Compile-fail tests of the macros, with pinned messages and spans (`TRYBUILD=overwrite` to
//! update after a deliberate change).

#[test]
fn bad_specs_are_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/bad_spec/*.rs");
}

#[test]
fn builders() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/builder/*.rs");
}

#[test]
fn literals_breaking_rules_are_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/literal/*.rs");
}
