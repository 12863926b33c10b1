//! The `include_spec!` front end, as a plain function so it can be tested without a compiler.
//!
//! ```text
//! include_spec!("specs/yunhu/batch_send.json");
//! include_spec!("schemas/point.json", root = "Point");
//! ```
//! The path is relative to the `CARGO_MANIFEST_DIR` of the crate being compiled; when no file is
//! there, to the directory of the source file that calls the macro (as `include_str!` does).
//! Every problem in the spec becomes a compile error at the path literal.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

use crate::Options;

/// The macro's arguments.
pub struct Input {
    pub path: LitStr,
    pub root: Option<LitStr>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut root = None;
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            match key.to_string().as_str() {
                "root" if root.is_none() => root = Some(value),
                "root" => return Err(syn::Error::new(key.span(), "`root` is given twice")),
                other => return Err(syn::Error::new(key.span(), format!("unknown option `{other}`, expected `root`"))),
            }
        }
        if !input.is_empty() {
            return Err(input.error("expected `\"path/to/spec.json\"` optionally followed by `, root = \"Name\"`"));
        }
        Ok(Input { path, root })
    }
}

/// Expands `include_spec!(input)`, with paths relative to the first of `bases` that has the file
/// (the caller's manifest directory, then the calling file's directory).
pub fn include_spec(input: TokenStream, bases: &[std::path::PathBuf]) -> TokenStream {
    let input: Input = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let rel = input.path.value();
    let full = bases
        .iter()
        .map(|b| b.join(&rel))
        .find(|p| p.is_file())
        .unwrap_or_else(|| bases.first().map(|b| b.join(&rel)).unwrap_or_else(|| rel.clone().into()));
    let opts = Options { root_name: input.root.as_ref().map(LitStr::value), ..Options::default() };
    match crate::generate_path(&full, &rel, &opts) {
        Ok(out) => {
            let tokens = out.tokens;
            let tracked = full.to_string_lossy().into_owned();
            quote! {
                #tokens
                // Rebuild when the spec changes.
                const _: &[u8] = ::core::include_bytes!(#tracked);
            }
        }
        Err(diags) => {
            let mut errors = diags.iter().map(|d| syn::Error::new(input.path.span(), d.to_string()));
            let mut first = errors.next().unwrap_or_else(|| syn::Error::new(input.path.span(), "invalid spec"));
            for e in errors {
                first.combine(e);
            }
            first.to_compile_error()
        }
    }
}
