//! Procedural macros of group-msg.
//!
//! `__literal` is the engine of the compile-time JSON literals (`send_group_msg::request!({...})`
//! of `group-msg-types` with its `literals` feature): it checks a literal against the bundled
//! spec's rules, precompiled by `cargo xtask codegen` into `rules/` and embedded here, with the
//! light engine of `group-msg-literal` (no generator, no syn).
//!
//! With the `include-spec` feature (off by default: it links the whole generator),
//! `include_spec!("path/to/spec.json")` expands to the types of a spec, exactly the items that
//! `cargo xtask codegen` writes for it. The spec is JSON or YAML. The path is relative to the
//! calling crate's `CARGO_MANIFEST_DIR` (or, when no file is there, to the calling source file's
//! directory). Files reached by `$ref` are bundled in (options `allow = "dir"`, `ids = "dir"`,
//! `map = "URL=PATH"`, see `group_msg_codegen::macro_support`); editing the spec or any file it
//! references rebuilds the crate (each is `include_bytes!`-ed). Unknown keywords are ignored
//! (`strict = true` makes them errors; `cargo xtask generate` lists them as warnings). A
//! standalone JSON Schema takes its
//! root type name from its `title` or from `root = "Name"`. Every problem in the spec is a compile
//! error at the path literal, all of them at once. The expansion uses only `group_msg_types`,
//! which the calling crate must depend on.
//!
//! ```toml
//! group-msg-macros = { version = "0.1", features = ["include-spec"] }
//! ```

use proc_macro::TokenStream;

/// Expands to the Rust types of an OpenAPI 3.1 or JSON Schema spec file (JSON or YAML).
#[cfg(feature = "include-spec")]
#[proc_macro]
pub fn include_spec(input: TokenStream) -> TokenStream {
    let mut bases = Vec::new();
    if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        bases.push(std::path::PathBuf::from(dir));
    }
    if let Some(dir) =
        proc_macro::Span::call_site().local_file().and_then(|f| f.parent().map(std::path::Path::to_path_buf))
    {
        bases.push(dir);
    }
    group_msg_codegen::macro_support::include_spec(input.into(), &bases).into()
}

mod rules;

/// The engine behind `send_group_msg::request!` and friends (use those; this one's arguments are
/// internal).
#[doc(hidden)]
#[proc_macro]
pub fn __literal(input: TokenStream) -> TokenStream {
    group_msg_literal::expand(rules::RULES, input.into()).into()
}
