//! Compile-time JSON literals: `send_group_msg::request!({ "GroupId": "@TGS#1", ... })`.
//!
//! The engine lives in `group_msg_literal` (light: no syn, no generator), which reads a spec's
//! rules as a precompiled [`Model`]; this module makes that model from a lowered spec
//! ([`model`], [`precompile`]: `cargo xtask codegen` writes it for the macro crate), expands a
//! literal against spec texts ([`expand`]), and writes the literal macros' definitions into the
//! generated modules. What follows is what the engine does.
//!
//! The literal is parsed with spans, built into the typed value with every key, type and enum
//! value checked against the spec, and checked against every rule lowering compiled, all during
//! compilation; errors point at the offending token.
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

pub use group_msg_literal::{Model, MAX_DEPTH};

use std::hash::{Hash, Hasher};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Module, Operation};
use crate::Options;

/// The literal engine's model of a lowered spec ([`Model`]): its aliases, and every type's kind
/// and rules. The IR serializes to the model's shape, so this is a serde round trip that drops
/// what literals do not need (docs, schemas, endpoints).
pub fn model(module: &Module) -> Result<Model, String> {
    fn convert<T: serde::de::DeserializeOwned>(what: &str, v: &impl serde::Serialize) -> Result<T, String> {
        serde_json::to_value(v)
            .and_then(serde_json::from_value)
            .map_err(|e| format!("{what}: the literal model cannot hold it: {e}"))
    }
    let mut types = std::collections::BTreeMap::new();
    for t in &module.types {
        let def = group_msg_literal::model::TypeDef {
            kind: convert(&t.name, &t.kind)?,
            checks: convert(&t.name, &t.checks)?,
        };
        types.insert(t.name.clone(), def);
    }
    let aliases = module.aliases.iter().map(|(a, t, _)| (a.clone(), t.clone())).collect();
    Ok(Model { aliases, types })
}

/// [`model`] of one operation of a document of several: the document's types, the operation's
/// aliases (`Request` ...).
pub fn operation_model(module: &Module, op: &Operation) -> Result<Model, String> {
    let mut m = model(module)?;
    m.aliases = op.aliases.iter().map(|(a, t, _)| (a.clone(), t.clone())).collect();
    Ok(m)
}

/// The precompiled models of a lowered spec whose API id is `id`: (id, [`precompile`]d text),
/// one for a one-operation document, one per operation (`id.operation`) for a document of
/// several.
pub fn precompiled(module: &Module, id: &str) -> Result<Vec<(String, String)>, String> {
    if module.flat || module.operations.is_empty() {
        return Ok(vec![(id.to_owned(), precompile(module)?)]);
    }
    module
        .operations
        .iter()
        .map(|op| {
            let text = serde_json::to_string(&operation_model(module, op)?).map_err(|e| e.to_string())?;
            Ok((format!("{id}.{}", op.module), text + "\n"))
        })
        .collect()
}

/// The precompiled form of a lowered spec that the macro crate embeds: [`model`] as compact,
/// deterministic JSON (one line and a newline).
pub fn precompile(module: &Module) -> Result<String, String> {
    let text = serde_json::to_string(&model(module)?).map_err(|e| e.to_string())?;
    Ok(text + "\n")
}

/// Expands a literal against spec texts (`specs`: each API's id and spec text), lowering each
/// spec once per process: the generator's way in to the engine of the literal macros (which
/// read precompiled models instead), for tests and tools.
pub fn expand(specs: &[(&str, &str)], input: TokenStream) -> TokenStream {
    group_msg_literal::expand_with(
        |api| {
            // The spec's id (`vendor.api`), or the spec's followed by an operation's module name
            // (`vendor.api.operation`, a document of several).
            let (name, text, op) = match specs.iter().find(|(n, _)| *n == api) {
                Some((name, text)) => (name, text, None),
                None => {
                    let (doc, op) = api.rsplit_once('.')?;
                    let (name, text) = specs.iter().find(|(n, _)| *n == doc)?;
                    (name, text, Some(op))
                }
            };
            let mut hash = std::collections::hash_map::DefaultHasher::new();
            text.hash(&mut hash);
            let key = format!("spec:{api}:{:x}", hash.finish());
            Some(group_msg_literal::cached(&key, || {
                let out = crate::generate(name, text, &Options { strict: true, ..Options::default() })
                    .map_err(|d| d.to_string())?;
                let m = &out.module;
                match op {
                    None if m.flat || m.operations.is_empty() => model(m),
                    None => {
                        let names: Vec<&str> = m.operations.iter().map(|o| o.module.as_str()).collect();
                        Err(format!(
                            "`{api}` has several operations: name one (`{api}.{}`)",
                            names.join(&format!("`, `{api}."))
                        ))
                    }
                    Some(op) => match m.operations.iter().find(|o| o.module == op) {
                        Some(o) => operation_model(m, o),
                        None => Err(format!("no operation `{op}` in `{name}`")),
                    },
                }
            }))
        },
        input,
    )
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

/// The `macro_rules!` behind `request!`/`try_request!`/... of a bundled API, as source text
/// for the vendor's `mod.rs` (rustfmt-stable). They live there, outside the `#[rustfmt::skip]`
/// module, because a `#[macro_export]` macro defined inside an attributed module cannot be
/// re-exported by path. `api` is the API id, `path` its module path in the runtime crate.
pub fn macro_definitions(module: &Module, api: &str, path: &str) -> String {
    definitions(&parts(module), api, path)
}

/// [`parts`] of one operation of a document of several.
pub fn operation_parts(op: &Operation) -> Vec<(&'static str, &'static str)> {
    [("request", "Request"), ("response", "Response"), ("callback", "Callback")]
        .into_iter()
        .filter(|(_, alias)| op.aliases.iter().any(|(a, _, _)| a == alias))
        .collect()
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
