//! The `include_spec!` front end, as a plain function so it can be tested without a compiler.
//!
//! ```text
//! include_spec!("specs/yunhu/bot.json");
//! include_spec!("schemas/point.json", root = "Point");
//! include_spec!("api/sync.yaml", allow = "api", ids = "schemas", map = "https://example.com/s/=vendor/s/");
//! include_spec!("specs/mine.json", strict = true);
//! ```
//! The path is relative to the `CARGO_MANIFEST_DIR` of the crate being compiled; when no file is
//! there, to the directory of the source file that calls the macro (as `include_str!` does).
//! The spec is JSON or YAML, and may reference other files: `allow`, `ids` and `map` (each may be
//! repeated) are [`Options::allow_dirs`], [`Options::id_dirs`] and [`Options::url_map`], their
//! paths relative to the same folder as the spec's; without `allow`, `$ref`s may read any file of
//! that folder (the calling crate). Every file read is tracked, so editing any of them rebuilds.
//! `strict = true` makes unknown keywords errors ([`Options::strict`]); otherwise they are ignored
//! without a message here (`cargo xtask generate` prints them as warnings).
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
    pub strict: bool,
    pub allow: Vec<LitStr>,
    pub ids: Vec<LitStr>,
    pub map: Vec<LitStr>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut out = Input { path, root: None, strict: false, allow: Vec::new(), ids: Vec::new(), map: Vec::new() };
        let mut strict_seen = false;
        while input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "strict" if !strict_seen => {
                    strict_seen = true;
                    out.strict = input.parse::<syn::LitBool>()?.value;
                }
                "root" if out.root.is_none() => out.root = Some(input.parse()?),
                "root" | "strict" => return Err(syn::Error::new(key.span(), format!("`{key}` is given twice"))),
                "allow" => out.allow.push(input.parse()?),
                "ids" => out.ids.push(input.parse()?),
                "map" => {
                    let m: LitStr = input.parse()?;
                    if !m.value().split_once('=').is_some_and(|(u, p)| !u.is_empty() && !p.is_empty()) {
                        return Err(syn::Error::new(m.span(), "expected `\"URL=PATH\"`"));
                    }
                    out.map.push(m);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown option `{other}`, expected `root`, `strict`, `allow`, `ids` or `map`"),
                    ))
                }
            }
        }
        if !input.is_empty() {
            return Err(input.error("expected `\"path/to/spec.json\"` optionally followed by `, root = \"Name\"`"));
        }
        Ok(out)
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
    // Relative option paths: against the folder the spec was found under.
    let base = bases.iter().find(|b| b.join(&rel).is_file()).or(bases.first()).cloned().unwrap_or_default();
    let opts = Options {
        root_name: input.root.as_ref().map(LitStr::value),
        strict: input.strict,
        allow_dirs: if input.allow.is_empty() {
            vec![base.clone()]
        } else {
            input.allow.iter().map(|a| base.join(a.value())).collect()
        },
        id_dirs: input.ids.iter().map(|a| base.join(a.value())).collect(),
        url_map: input
            .map
            .iter()
            .filter_map(|m| m.value().split_once('=').map(|(u, p)| (u.to_owned(), base.join(p))))
            .collect(),
        ..Options::default()
    };
    match crate::generate_path(&full, &rel, &opts) {
        Ok(out) => {
            let tokens = out.tokens;
            let mut tracked: Vec<String> = out.files.iter().map(|f| f.to_string_lossy().into_owned()).collect();
            if tracked.is_empty() {
                tracked.push(full.to_string_lossy().into_owned());
            }
            quote! {
                #tokens
                // Rebuild when the spec, or a file it references, changes.
                #(const _: &[u8] = ::core::include_bytes!(#tracked);)*
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
