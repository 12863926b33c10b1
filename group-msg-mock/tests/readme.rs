//! The README's second example is the doctest of this crate (`doc/example.md`), word for word.

#[test]
fn the_readme_example_is_the_doctest() {
    let readme = include_str!("../../README.md");
    let doc = include_str!("../doc/example.md");
    let code = &doc[doc.find("```rust\n").unwrap() + 8..doc.rfind("```").unwrap()];
    assert!(code.contains("client.send(&api, &request)"));
    let block = format!("```rs\n{code}```");
    assert!(readme.contains(&block), "README.md must hold group-msg-mock/doc/example.md's code in a ```rs block (Rust for GitHub, not a doctest of group-msg-types)");
}
