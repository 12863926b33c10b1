//! Procedural macros of group-msg.
//!
//! `include_spec!("path/to/spec.json")` expands to the types of a spec, exactly the items that
//! `cargo xtask codegen` writes for it. The path is relative to the calling crate's
//! `CARGO_MANIFEST_DIR`; editing the spec rebuilds the crate. A standalone JSON Schema takes its
//! root type name from its `title` or from `root = "Name"`. Every problem in the spec is a compile
//! error at the path literal, all of them at once. The expansion uses only `group_msg_types`,
//! which the calling crate must depend on.

use proc_macro::TokenStream;

/// Expands to the Rust types of an OpenAPI 3.1 or JSON Schema spec file.
#[proc_macro]
pub fn include_spec(input: TokenStream) -> TokenStream {
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from).unwrap_or_default();
    group_msg_codegen::macro_support::include_spec(input.into(), &base).into()
}
