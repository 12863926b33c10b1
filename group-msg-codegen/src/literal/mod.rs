//! Compile-time JSON literals: `send_group_msg::request!({ "GroupId": "@TGS#1", ... })`.
//!
//! The literal is parsed with spans ([`parse`]), built into the typed value with every key, type
//! and enum value checked against the spec ([`build`]), and checked against every rule lowering
//! compiled ([`check`]), all during compilation; errors point at the offending token.
//!
//! A literal made only of JSON values expands to the value itself: it cannot fail at run time.
//!
//! A value may also be a Rust expression: anything that is not a JSON literal (a variable, a
//! call, a path, `(a + b)`, a number with a suffix; wrap a block in parentheses). The compiler
//! checks its type against the field through `Into`. Then:
//! - the keys, the types, the enum values and the union tags of the literal parts are still
//!   checked while compiling; a union's tag must be a literal;
//! - a rule is checked while compiling when it reads only literal parts, and at run time when it
//!   reads an expression's value: the expression's own rules (range, length, pattern, items ...),
//!   a count or size over a container holding it (`maxItems` over an expression array, `contains`,
//!   `x-max-bytes`, `x-sequence`), and any `if`/`not`/`anyOf`/`oneOf` whose condition reads it;
//! - the macro then yields `Result<T, runtime::Violations>`: the value after `validate()`, which
//!   checks every rule (the ones already checked pass again). Without expressions it yields `T`.
//!
//! Limits: a literal nests at most [`MAX_DEPTH`] (256, as at run time) levels of arrays and objects (a Rust
//! expression's brackets and parentheses count too); a deeper one is a compile error at the first
//! opening bracket past the limit. A number must fit its field (`i32` ... `u64`, or a finite
//! `f64`); in a field that keeps any JSON value it must be a finite `f64` (`1e400` is refused).
//! Every key of an object appears once: a second copy is `duplicate key` at the copy.

mod build;
mod check;
mod parse;

pub use parse::MAX_DEPTH;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::ir::{Module, Ty};
use crate::Options;

/// Lowered specs, kept for the whole compilation: a crate with many literals lowers each spec once.
fn module_for(name: &str, text: &str) -> Result<Arc<Module>, String> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Arc<Module>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().ok().and_then(|c| c.get(name).cloned()) {
        return Ok(m);
    }
    let out =
        crate::generate(name, text, &Options { strict: true, ..Options::default() }).map_err(|d| d.to_string())?;
    let m = Arc::new(out.module);
    if let Ok(mut c) = cache.lock() {
        c.insert(name.to_owned(), m.clone());
    }
    Ok(m)
}

/// Expands `literal!(($crate) ($crate::vendor::api) "vendor.api" Type { json })`, where
/// `specs` holds each API's id and spec text.
pub fn expand(specs: &[(&str, &str)], input: TokenStream) -> TokenStream {
    match expand_inner(specs, input) {
        Ok(t) => t,
        Err(e) => {
            // Several errors in expression position need a block; `panic!()` (never run: the
            // crate does not compile) stands for the value so no type error follows.
            let errors = e.to_compile_error();
            quote!({ #errors ::core::panic!() })
        }
    }
}

fn group(tt: Option<TokenTree>, what: &str) -> syn::Result<TokenStream> {
    match tt {
        Some(TokenTree::Group(g)) => Ok(g.stream()),
        Some(other) => Err(syn::Error::new(other.span(), format!("expected ({what})"))),
        None => Err(syn::Error::new(proc_macro2::Span::call_site(), format!("expected ({what})"))),
    }
}

fn expand_inner(specs: &[(&str, &str)], input: TokenStream) -> syn::Result<TokenStream> {
    let mut tokens = input.into_iter();
    let krate = group(tokens.next(), "the runtime crate path")?;
    let path = group(tokens.next(), "the module path")?;
    let api: syn::LitStr = match tokens.next() {
        Some(TokenTree::Literal(l)) => syn::parse2(TokenTree::Literal(l).into())?,
        other => {
            return Err(syn::Error::new(
                other.map_or(proc_macro2::Span::call_site(), |t| t.span()),
                "expected the API id",
            ))
        }
    };
    let Some((spec_name, spec_text)) = specs.iter().find(|(n, _)| *n == api.value()) else {
        return Err(syn::Error::new(api.span(), format!("no bundled spec for `{}`", api.value())));
    };
    let ty_name = match tokens.next() {
        Some(TokenTree::Ident(i)) => i.to_string(),
        other => {
            return Err(syn::Error::new(
                other.map_or(proc_macro2::Span::call_site(), |t| t.span()),
                "expected the type name",
            ))
        }
    };
    let rest: TokenStream = tokens.collect();
    parse::check_depth(&rest)?;
    let json: parse::J = syn::parse2(rest)?;
    let module = module_for(spec_name, spec_text).map_err(|e| syn::Error::new(proc_macro2::Span::call_site(), e))?;
    let target = module.aliases.iter().find(|(a, _, _)| *a == ty_name).map(|(_, t, _)| t.clone()).unwrap_or(ty_name);
    let mut b = build::Builder {
        module: &module,
        path: path.clone(),
        krate: krate.clone(),
        errors: Vec::new(),
        has_expr: false,
    };
    let ty = Ty::Named(target.clone());
    let value = b.build(&ty, &json);
    let mut warnings = Vec::new();
    if b.errors.is_empty() {
        let mut c = check::Checker { b: &b, errors: Vec::new(), deferred: false, warnings: Vec::new(), warning: false };
        c.named(&target, &json, None);
        let broken = std::mem::take(&mut c.errors);
        warnings = std::mem::take(&mut c.warnings);
        b.errors.extend(broken.into_iter().map(|(span, msg)| syn::Error::new(span, msg)));
    }
    if let Some(mut first) = b.errors.first().cloned() {
        for e in b.errors.iter().skip(1) {
            first.combine(e.clone());
        }
        return Err(first);
    }
    let tyi = crate::emit::ident(&target);
    let warnings = compiler_warnings(&warnings);
    Ok(if b.has_expr {
        quote!({
            #warnings
            let value: #path::#tyi = #value;
            #krate::runtime::Validate::validate(&value).map(|()| value)
        })
    } else {
        quote!({
            #warnings
            let value: #path::#tyi = #value;
            value
        })
    })
}

/// Broken `x-severity: "warning"` rules as compiler warnings: stable Rust has no way for a
/// proc macro to emit a warning, so each becomes the use of a `#[deprecated]` constant whose note
/// is the message, spanned at the offending token. The build prints
/// `warning: use of deprecated constant `...`: <pointer-free message>` there; `#[allow(deprecated)]`
/// on the enclosing item silences them, `-D warnings` makes them fail.
fn compiler_warnings(warnings: &[(proc_macro2::Span, String)]) -> TokenStream {
    warnings
        .iter()
        .map(|(span, msg)| {
            let note = format!("warning: {msg}");
            let name = quote::format_ident!("literal_warning", span = *span);
            quote::quote_spanned!(*span=> {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const #name: () = ();
                let () = #name;
            })
        })
        .collect()
}

/// The literal macros a bundled API has: (`request`, `Request`), ... for each part it defines.
pub fn parts(module: &Module) -> Vec<(&'static str, &'static str)> {
    [("request", "Request"), ("response", "Response"), ("callback", "Callback")]
        .into_iter()
        .filter(|(_, alias)| module.aliases.iter().any(|(a, _, _)| a == alias) || module.typedef(alias).is_some())
        .collect()
}

fn macro_name(api: &str, part: &str) -> String {
    format!("__{}_{}", api.replace('.', "_"), part)
}

/// The `macro_rules!` behind `request!`/`response!`/`callback!` of a bundled API, as source text
/// for the vendor's `mod.rs` (rustfmt-stable). They live there, outside the `#[rustfmt::skip]`
/// module, because a `#[macro_export]` macro defined inside an attributed module cannot be
/// re-exported by path. `api` is the API id, `path` its module path in the runtime crate.
pub fn macro_definitions(module: &Module, api: &str, path: &str) -> String {
    let module_name = path.rsplit("::").next().unwrap_or(path);
    let mut out = String::new();
    for (part, alias) in parts(module) {
        let name = macro_name(api, part);
        out.push_str(&format!(
            "\n/// Builds a [`{module_name}::{alias}`] from a JSON literal checked against the spec while compiling:\n\
             /// see [`{module_name}::{part}`].\n\
             #[doc(hidden)]\n\
             #[macro_export]\n\
             macro_rules! {name} {{\n\
             \x20   ($($json:tt)+) => {{\n\
             \x20       $crate::__private::literal!(($crate) ($crate::{path}) \"{api}\" {alias} $($json)+)\n\
             \x20   }};\n\
             }}\n"
        ));
    }
    out
}

/// The `pub use` lines that put the literal macros into the API's module (`request!` ...).
pub fn macro_reexports(module: &Module, api: &str) -> TokenStream {
    let mut out = TokenStream::new();
    for (part, alias) in parts(module) {
        let inner = quote::format_ident!("{}", macro_name(api, part));
        let name = quote::format_ident!("{}", part);
        let doc = crate::emit::doc_attrs(Some(&format!(
            "Builds a [`{alias}`] from a JSON literal, checked against the spec while compiling.\n\n\
             Every key, type, enum value and rule is checked at compile time, with the error on the\n\
             offending token. A literal of JSON values yields the `{alias}` itself; one with a Rust\n\
             expression as a value (anything that is not a JSON literal) yields\n\
             `Result<{alias}, runtime::Violations>`: the compiler checks the expression's type, and\n\
             the rules on its value are checked at run time by `validate()`.\n\n\
             Limits: a literal nests at most {MAX_DEPTH} levels of arrays and objects, each key appears\n\
             once per object (`duplicate key` otherwise), and every number fits its field (a\n\
             number in a field that keeps any JSON value is a finite `f64`: `1e400` is refused)."
        )));
        out.extend(quote! {
            #doc
            pub use crate::#inner as #name;
        });
    }
    out
}
