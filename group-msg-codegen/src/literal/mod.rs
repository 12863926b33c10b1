//! Compile-time JSON literals: `send_group_msg::request!({ "GroupId": "@TGS#1", ... })`.
//!
//! The literal is parsed with spans ([`parse`]), built into the typed value with every key, type
//! and enum value checked against the spec ([`build`]), and checked against every rule lowering
//! compiled ([`check`]), all during compilation; errors point at the offending token.
//!
//! `request!` (and `response!`, `callback!`) takes JSON values only and yields the value itself:
//! the literal was checked whole, so the expansion is its JSON text read back at run time
//! (`__private::literal_value`), which cannot fail; a Rust expression in it is a compile error
//! that names `try_request!`.
//!
//! In `try_request!` (...), a value may also be a Rust expression: anything that is not a JSON
//! literal (a variable, a call, a path, `(a + b)`, a number with a suffix; wrap a block in
//! parentheses). The compiler checks its type against the field through `Into`. Then:
//! - the keys, the types, the enum values and the union tags of the literal parts are still
//!   checked while compiling; a union's tag must be a literal;
//! - a rule is checked while compiling when it reads only literal parts, and at run time when it
//!   reads an expression's value: the expression's own rules (range, length, pattern, items ...),
//!   a count or size over a container holding it (`maxItems` over an expression array, `contains`,
//!   `x-max-bytes`, `x-sequence`), and any `if`/`not`/`anyOf`/`oneOf` whose condition reads it;
//! - the macro yields `Result<T, runtime::Violations>` (with or without expressions): the value
//!   after `validate()`, which checks every rule (the ones already checked pass again).
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

use crate::ir::{Module, Operation, Ty};
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

/// Expands `literal!(($crate) ($crate::vendor::api) "vendor.api" request Type { json })`, where
/// `specs` holds each API's id and spec text and `request` is the public macro's name
/// (`try_request` takes Rust expressions and yields a `Result`).
pub fn expand(specs: &[(&str, &str)], input: TokenStream) -> TokenStream {
    let args = match Args::parse(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    match expand_inner(specs, &args) {
        Ok(t) => t,
        Err(e) => {
            // Several errors in expression position need a block. The value after them has the
            // macro's type and does not diverge, so no type error and no `unreachable statement`
            // warning follow (it never runs: the crate does not compile).
            let errors = e.to_compile_error();
            let ty = args.result_type();
            quote!({ #errors ::core::option::Option::<#ty>::None.unwrap() })
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

/// The internal arguments the public macros pass.
struct Args {
    krate: TokenStream,
    path: TokenStream,
    api: syn::LitStr,
    /// `request`, or `try_request` for the form that takes Rust expressions.
    macro_name: String,
    ty_name: String,
    rest: TokenStream,
}

impl Args {
    fn parse(input: TokenStream) -> syn::Result<Args> {
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
        let mut ident = |what: &str| match tokens.next() {
            Some(TokenTree::Ident(i)) => Ok(i.to_string()),
            other => Err(syn::Error::new(
                other.map_or(proc_macro2::Span::call_site(), |t| t.span()),
                format!("expected the {what}"),
            )),
        };
        let macro_name = ident("macro name")?;
        let ty_name = ident("type name")?;
        Ok(Args { krate, path, api, macro_name, ty_name, rest: tokens.collect() })
    }

    fn takes_expressions(&self) -> bool {
        self.macro_name.starts_with("try_")
    }

    /// The macro's type: `path::Type`, or `Result<path::Type, Violations>` for `try_...!`.
    fn result_type(&self) -> TokenStream {
        let (path, krate) = (&self.path, &self.krate);
        let tyi = crate::emit::ident(&self.ty_name);
        if self.takes_expressions() {
            quote!(::core::result::Result<#path::#tyi, #krate::runtime::Violations>)
        } else {
            quote!(#path::#tyi)
        }
    }
}

fn expand_inner(specs: &[(&str, &str)], args: &Args) -> syn::Result<TokenStream> {
    let Args { krate, path, api, macro_name, ty_name, rest } = args;
    // The id is the spec's (`vendor.api`, a one-operation document), or the spec's followed by
    // the operation's module name (`vendor.api.operation`, a document of several).
    let id = api.value();
    let (spec, operation) = match specs.iter().find(|(n, _)| *n == id) {
        Some(spec) => (spec, None),
        None => match id.rsplit_once('.').and_then(|(doc, op)| Some((specs.iter().find(|(n, _)| *n == doc)?, op))) {
            Some((spec, op)) => (spec, Some(op)),
            None => return Err(syn::Error::new(api.span(), format!("no bundled spec for `{id}`"))),
        },
    };
    let (spec_name, spec_text) = spec;
    parse::check_depth(rest)?;
    let json: parse::J = syn::parse2(rest.clone())?;
    let module = module_for(spec_name, spec_text).map_err(|e| syn::Error::new(proc_macro2::Span::call_site(), e))?;
    let aliases = match operation {
        None if module.flat || module.operations.is_empty() => &module.aliases,
        None => {
            let names: Vec<&str> = module.operations.iter().map(|o| o.module.as_str()).collect();
            return Err(syn::Error::new(
                api.span(),
                format!("`{id}` has several operations: name one (`{id}.{}`)", names.join("`, `{id}.")),
            ));
        }
        Some(op) => match module.operations.iter().find(|o| o.module == op) {
            Some(o) => &o.aliases,
            None => return Err(syn::Error::new(api.span(), format!("no operation `{op}` in `{spec_name}`"))),
        },
    };
    let target = aliases.iter().find(|(a, _, _)| a == ty_name).map(|(_, t, _)| t.clone()).unwrap_or(ty_name.clone());
    let mut b = build::Builder {
        module: &module,
        path: path.clone(),
        krate: krate.clone(),
        errors: Vec::new(),
        has_expr: false,
        exprs: Vec::new(),
        field: None,
    };
    let ty = Ty::Named(target.clone());
    let value = b.build(&ty, &json);
    if !args.takes_expressions() {
        // `request!` yields the value itself; an expression would make it a `Result`.
        for span in std::mem::take(&mut b.exprs) {
            b.errors.push(syn::Error::new(
                span,
                format!(
                    "`{macro_name}!` takes JSON values only, and this is a Rust expression: \
                     use `try_{macro_name}!`, which takes expressions and yields \
                     `Result<{ty_name}, Violations>` (the rules on their values are checked at run time)"
                ),
            ));
        }
    }
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
    if args.takes_expressions() {
        return Ok(quote!({
            #warnings
            let value: #path::#tyi = #value;
            #krate::runtime::Validate::validate(&value).map(|()| value)
        }));
    }
    // JSON values only: checked whole here, so the value is its JSON text read back at run time
    // (one call per literal; the compiler has far less to do than for a constructor expression).
    match json.to_value().and_then(|v| serde_json::to_string(&v).ok()) {
        Some(text) => Ok(quote!({
            #warnings
            #krate::__private::literal_value::<#path::#tyi>(#text)
        })),
        None => Ok(quote!({
            #warnings
            let value: #path::#tyi = #value;
            value
        })),
    }
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

/// [`parts`] of one operation of a document of several.
pub fn operation_parts(op: &Operation) -> Vec<(&'static str, &'static str)> {
    [("request", "Request"), ("response", "Response"), ("callback", "Callback")]
        .into_iter()
        .filter(|(_, alias)| op.aliases.iter().any(|(a, _, _)| a == alias))
        .collect()
}

fn macro_name(api: &str, part: &str) -> String {
    format!("__{}_{}", api.replace('.', "_"), part)
}

/// The `macro_rules!` behind `request!`/`try_request!`/... of a bundled API, as source text
/// for the vendor's `mod.rs` (rustfmt-stable). They live there, outside the `#[rustfmt::skip]`
/// module, because a `#[macro_export]` macro defined inside an attributed module cannot be
/// re-exported by path. `api` is the API id, `path` its module path in the runtime crate.
pub fn macro_definitions(module: &Module, api: &str, path: &str) -> String {
    definitions(&parts(module), api, path)
}

/// [`macro_definitions`] of one operation of a document of several: `api` is the document's id
/// followed by the operation's module name (`yunhu.bot.send`), `path` the module that holds the
/// operation's items and its macros.
pub fn operation_macro_definitions(op: &Operation, api: &str, path: &str) -> String {
    definitions(&operation_parts(op), api, path)
}

fn definitions(parts: &[(&str, &str)], api: &str, path: &str) -> String {
    let module_name = path.rsplit("::").next().unwrap_or(path);
    let mut out = String::new();
    for &(part, alias) in parts {
        for public in [part.to_owned(), format!("try_{part}")] {
            let name = macro_name(api, &public);
            out.push_str(&format!(
                "\n/// The engine of [`{module_name}::{public}`] (use that one).\n\
                 #[cfg(feature = \"literals\")]\n\
                 #[doc(hidden)]\n\
                 #[macro_export]\n\
                 macro_rules! {name} {{\n\
                 \x20   ($($json:tt)+) => {{\n\
                 \x20       $crate::__private::literal!(($crate) ($crate::{path}) \"{api}\" {public} {alias} $($json)+)\n\
                 \x20   }};\n\
                 }}\n"
            ));
        }
    }
    out
}

/// The `pub use` lines that put the literal macros into the API's module (`request!`,
/// `try_request!` ...), shown in its documentation. `examples` holds a valid JSON text per part
/// (`"request"` ...): the compiling example of the part's macro.
pub fn macro_reexports(module: &Module, api: &str, examples: &[(&str, String)]) -> TokenStream {
    reexports(&parts(module), api, examples)
}

/// [`macro_reexports`] of one operation of a document of several (`api` as in
/// [`operation_macro_definitions`]), for the module `group_msg_types::vendor::operation`.
pub fn operation_macro_reexports(op: &Operation, api: &str, examples: &[(&str, String)]) -> TokenStream {
    reexports(&operation_parts(op), api, examples)
}

fn reexports(parts: &[(&'static str, &'static str)], api: &str, examples: &[(&str, String)]) -> TokenStream {
    let module_name = api.rsplit('.').next().unwrap_or(api);
    let vendor = api.split('.').next().unwrap_or(api);
    let mut out = TokenStream::new();
    for &(part, alias) in parts {
        let example = examples.iter().find(|(p, _)| *p == part).map(|(_, text)| text.trim());
        let mut doc = format!(
            "Builds a [`{alias}`] from a JSON literal of JSON values only, checked against the spec while\n\
             compiling.\n\n\
             Every key, type, enum value and rule is checked at compile time, all problems at once, each\n\
             on the offending token; a warning rule (what the vendor ignores) is a compiler warning\n\
             there. The literal yields the `{alias}` itself: nothing is left to fail at run time. A value\n\
             computed at run time (a variable, a call) is refused with a pointer to\n\
             [`try_{part}!`](try_{part}), the form that takes Rust expressions.\n\n\
             Limits: a literal nests at most {MAX_DEPTH} levels of arrays and objects, each key appears\n\
             once per object (`duplicate key` otherwise), and every number fits its field (a\n\
             number in a field that keeps any JSON value is a finite `f64`: `1e400` is refused).\n"
        );
        if let Some(text) = example {
            doc.push_str(&format!(
                "\n```\nuse group_msg_types::{vendor}::{module_name}::{{self, {alias}}};\n\n\
                 let value: {alias} = {module_name}::{part}!({text});\n\
                 assert!(value.validate().is_ok());\n```\n"
            ));
        }
        let try_doc = format!(
            "Builds a [`{alias}`] from a JSON literal whose values may be Rust expressions: yields\n\
             `Result<{alias}, runtime::Violations>`.\n\n\
             A value that is not a JSON literal (a variable, a call, a path, `(a + b)`, a number with\n\
             a suffix; wrap a block in parentheses) is a Rust expression, converted to the field's type\n\
             with `Into` (the compiler checks the type). The keys, the types and the enum values of the\n\
             literal parts, and the union tags (which must be literals), are checked while compiling, as\n\
             in [`{part}!`](crate::{vendor}::{module_name}::{part}); the rules that read an expression's\n\
             value are checked at run time by `validate()`, whose `Err` lists every broken one. A literal\n\
             without expressions is better written with [`{part}!`](crate::{vendor}::{module_name}::{part}), which\n\
             yields the `{alias}` itself.\n"
        );
        for (name, doc) in [(part.to_owned(), doc), (format!("try_{part}"), try_doc)] {
            let inner = quote::format_ident!("{}", macro_name(api, &name));
            let name = quote::format_ident!("{}", name);
            // Written line by line, not through `emit::doc_attrs`: the example's URLs stay as
            // they are (no `<...>` around them).
            let lines = doc.lines().map(|l| {
                let l = if l.is_empty() { String::new() } else { format!(" {l}") };
                quote!(#[doc = #l])
            });
            out.extend(quote! {
                #(#lines)*
                #[cfg(feature = "literals")]
                #[doc(inline)]
                pub use crate::#inner as #name;
            });
        }
    }
    out
}
