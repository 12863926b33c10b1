//! Compile-time JSON literals: `send_group_msg::request!({ "GroupId": "@TGS#1", ... })`.
//!
//! The engine behind the literal macros, light on purpose: it reads a spec's rules in a compact
//! precompiled form ([`Model`], written per bundled spec by `cargo xtask codegen` and embedded in
//! the macro crate), so checking a literal needs neither the generator nor syn.
//!
//! The literal is parsed on the token trees with spans ([`parse`]), built into the typed value
//! with every key, type and enum value checked against the spec ([`build`]), and checked against
//! every rule lowering compiled ([`check`]), all during compilation; errors point at the
//! offending token.
//!
//! `request!` (and `response!`, `callback!`) takes JSON values only and yields the value itself:
//! the literal was checked whole, so the expansion is its JSON text read back at run time
//! (`__private::literal_value`), which cannot fail; a Rust expression in it is a compile error
//! that names `try_request!`.
//!
//! In `try_request!` (...), a value may also be a Rust expression: anything that is not a JSON
//! literal (a variable, a call, a path, `(a + b)`, a number with a suffix; wrap a block in
//! parentheses), that is the tokens up to the next comma at its level, generic arguments
//! (`f::<A, B>()`) included (a closure with several parameters goes in parentheses). The compiler
//! checks its type against the field through `Into`. Then:
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
pub mod model;
mod parse;

pub use model::Model;
pub use parse::MAX_DEPTH;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use model::Ty;

/// A compile error at a span.
#[derive(Clone, Debug)]
pub struct Error {
    span: Span,
    message: String,
}

impl Error {
    pub fn new(span: Span, message: impl std::fmt::Display) -> Error {
        Error { span, message: message.to_string() }
    }

    /// `::core::compile_error!{"..."}` at the span.
    pub fn to_compile_error(&self) -> TokenStream {
        let (span, message) = (self.span, &self.message);
        quote_spanned!(span=> ::core::compile_error!{ #message })
    }
}

/// An identifier, raw when the name is `r#kw`.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The JSON text of a literal value written as Rust tokens (what `request!` embeds), `Ok(None)`
/// when part of it is a Rust expression, `Err` with the message of the compile error when it is
/// not a value; for tests.
#[doc(hidden)]
pub fn json_text(tokens: TokenStream) -> Result<Option<String>, String> {
    parse::check_depth(&tokens).map_err(|e| e.message.clone())?;
    parse::parse(tokens).map(|j| j.to_json()).map_err(|e| e.message)
}

/// Reads a precompiled [`Model`] (the JSON `cargo xtask codegen` writes).
pub fn decode(text: &str) -> Result<Model, String> {
    serde_json::from_str(text).map_err(|e| format!("the precompiled rules do not read: {e}"))
}

/// Expands `literal!(($crate) ($crate::vendor::api) "vendor.api" request Type { json })`, where
/// `rules` holds each API's id and precompiled [`Model`] (JSON) and `request` is the public
/// macro's name (`try_request` takes Rust expressions and yields a `Result`). Each model is read
/// once per compilation.
pub fn expand(rules: &[(&str, &str)], input: TokenStream) -> TokenStream {
    expand_with(
        |api| {
            let (name, text) = rules.iter().find(|(n, _)| *n == api)?;
            Some(cached(name, || decode(text)))
        },
        input,
    )
}

/// Models kept for the whole compilation: a crate with many literals reads each one once.
pub fn cached(name: &str, make: impl FnOnce() -> Result<Model, String>) -> Result<Arc<Model>, String> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Arc<Model>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().ok().and_then(|c| c.get(name).cloned()) {
        return Ok(m);
    }
    let m = Arc::new(make()?);
    if let Ok(mut c) = cache.lock() {
        c.insert(name.to_owned(), m.clone());
    }
    Ok(m)
}

/// [`expand`] with the model of an API id from `model` (`None`: no such API).
pub fn expand_with(model: impl FnOnce(&str) -> Option<Result<Arc<Model>, String>>, input: TokenStream) -> TokenStream {
    let args = match Args::parse(input) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error(),
    };
    let found = match model(&args.api) {
        Some(Ok(m)) => Ok(m),
        Some(Err(e)) => Err(vec![Error::new(Span::call_site(), e)]),
        None => Err(vec![Error::new(args.api_span, format!("no bundled spec for `{}`", args.api))]),
    };
    match found.and_then(|m| expand_inner(&m, &args)) {
        Ok(t) => t,
        Err(errors) => {
            // Several errors in expression position need a block. The value after them has the
            // macro's type and does not diverge, so no type error and no `unreachable statement`
            // warning follow (it never runs: the crate does not compile).
            let errors: TokenStream = errors.iter().map(Error::to_compile_error).collect();
            let ty = args.result_type();
            quote!({ #errors ::core::option::Option::<#ty>::None.unwrap() })
        }
    }
}

fn group(tt: Option<TokenTree>, what: &str) -> Result<TokenStream, Error> {
    match tt {
        Some(TokenTree::Group(g)) => Ok(g.stream()),
        Some(other) => Err(Error::new(other.span(), format!("expected ({what})"))),
        None => Err(Error::new(Span::call_site(), format!("expected ({what})"))),
    }
}

/// The internal arguments the public macros pass.
struct Args {
    krate: TokenStream,
    path: TokenStream,
    api: String,
    api_span: Span,
    /// `request`, or `try_request` for the form that takes Rust expressions.
    macro_name: String,
    ty_name: String,
    rest: TokenStream,
}

impl Args {
    fn parse(input: TokenStream) -> Result<Args, Error> {
        let mut tokens = input.into_iter();
        let krate = group(tokens.next(), "the runtime crate path")?;
        let path = group(tokens.next(), "the module path")?;
        let (api, api_span) = match tokens.next() {
            Some(TokenTree::Literal(l)) => match parse::string(&l) {
                Some(s) => (s, l.span()),
                None => return Err(Error::new(l.span(), "expected the API id")),
            },
            other => return Err(Error::new(other.map_or(Span::call_site(), |t| t.span()), "expected the API id")),
        };
        let mut ident = |what: &str| match tokens.next() {
            Some(TokenTree::Ident(i)) => Ok(i.to_string()),
            other => Err(Error::new(other.map_or(Span::call_site(), |t| t.span()), format!("expected the {what}"))),
        };
        let macro_name = ident("macro name")?;
        let ty_name = ident("type name")?;
        Ok(Args { krate, path, api, api_span, macro_name, ty_name, rest: tokens.collect() })
    }

    fn takes_expressions(&self) -> bool {
        self.macro_name.starts_with("try_")
    }

    /// The macro's type: `path::Type`, or `Result<path::Type, Violations>` for `try_...!`.
    fn result_type(&self) -> TokenStream {
        let (path, krate) = (&self.path, &self.krate);
        let tyi = ident(&self.ty_name);
        if self.takes_expressions() {
            quote!(::core::result::Result<#path::#tyi, #krate::runtime::Violations>)
        } else {
            quote!(#path::#tyi)
        }
    }
}

fn expand_inner(module: &Model, args: &Args) -> Result<TokenStream, Vec<Error>> {
    let Args { krate, path, macro_name, ty_name, rest, .. } = args;
    parse::check_depth(rest).map_err(|e| vec![e])?;
    let json = parse::parse(rest.clone()).map_err(|e| vec![e])?;
    // A `request!` literal of JSON values only expands to its JSON text: the builder then only
    // checks it, without writing the constructor expression.
    let text = if args.takes_expressions() { None } else { json.to_json() };
    let target = module.aliases.iter().find(|(a, _)| a == ty_name).map(|(_, t)| t.clone()).unwrap_or(ty_name.clone());
    let mut b = build::Builder {
        module,
        path: path.clone(),
        krate: krate.clone(),
        errors: Vec::new(),
        has_expr: false,
        exprs: Vec::new(),
        field: None,
        emit: text.is_none(),
    };
    let ty = Ty::Named(target.clone());
    let value = b.build(&ty, &json);
    if !args.takes_expressions() {
        // `request!` yields the value itself; an expression would make it a `Result`.
        for span in std::mem::take(&mut b.exprs) {
            b.errors.push(Error::new(
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
        b.errors.extend(broken.into_iter().map(|(span, msg)| Error::new(span, msg)));
    }
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    let tyi = ident(&target);
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
    match text {
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
fn compiler_warnings(warnings: &[(Span, String)]) -> TokenStream {
    warnings
        .iter()
        .map(|(span, msg)| {
            let note = format!("warning: {msg}");
            let name = quote::format_ident!("literal_warning", span = *span);
            quote_spanned!(*span=> {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const #name: () = ();
                let () = #name;
            })
        })
        .collect()
}
