//! The group-msg generator: turns an API spec (OpenAPI 3.1 with JSON Schema 2020-12, or a
//! standalone JSON Schema) into typed Rust: structs, enums, tagged unions, endpoint constants and
//! error codes, with `serde` and `schemars` impls.
//!
//! Three stages, each in its own module: [`read`] the file into a plain model of the format,
//! lower it into the generator's model ([`ir`]), emit tokens from that model. Two front ends call
//! the same [`generate`]: the `include_spec!` macro (see [`macro_support`]) and `cargo xtask codegen`.
//!
//! ```
//! let spec = r#"{ "title": "Point", "type": "object",
//!     "properties": { "x": { "type": "integer" } }, "required": ["x"] }"#;
//! let out = group_msg_codegen::generate("point.json", spec, &Default::default()).unwrap();
//! let code = group_msg_codegen::format(&out.tokens).unwrap();
//! assert!(code.contains("pub struct Point"));
//! ```

#[cfg(feature = "fmt")]
mod build;
mod diag;
mod doc_text;
mod emit;
pub mod ir;
pub mod literal;
mod lower;
pub mod macro_support;
pub mod read;

#[cfg(feature = "fmt")]
pub use build::{render_include, BuildError, Builder, Generated};
pub use diag::{closest, Diagnostic, Diagnostics};

use proc_macro2::TokenStream;

/// How to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The crate that holds the runtime the generated code uses (`runtime`, `__private`).
    pub runtime_crate: syn::Path,
    /// The type name of a standalone schema's root (default: its `title`).
    pub root_name: Option<String>,
    /// Whether an unknown keyword is an error (`maxItem` for `maxItems`). Off (the default), it is
    /// a warning in [`Output::warnings`] and the keyword is ignored as an annotation, which is
    /// what JSON Schema says of unknown keywords and what specs written for other tools need
    /// (`tsType`, `markdownDescription`, other tools' `x-` keys ...). `cargo xtask codegen` turns it
    /// on for the specs of `specs/`.
    pub strict: bool,
    /// Folders that files reached by `$ref` may be in (after `..` and links are resolved).
    /// Empty (the default): the folder of the spec file. A `$ref` leading elsewhere is an error.
    pub allow_dirs: Vec<std::path::PathBuf>,
    /// Folders whose every `.json`/`.yaml`/`.yml` file is known by its `$id` resolved against the
    /// folder, as tools that register a folder of schemas by `$id` resolve them (the octokit
    /// webhook schemas need it). These folders may be read too.
    pub id_dirs: Vec<std::path::PathBuf>,
    /// `http(s)` URL, or URL prefix ending in `/`, to the local file, or folder, that holds it.
    /// Nothing is fetched from the network: a `$ref` to an unmapped URL is an error. The mapped
    /// files and folders may be read too.
    pub url_map: Vec<(String, std::path::PathBuf)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_crate: syn::parse_quote!(::group_msg_types),
            root_name: None,
            strict: false,
            allow_dirs: Vec::new(),
            id_dirs: Vec::new(),
            url_map: Vec::new(),
        }
    }
}

/// What one spec generates.
#[derive(Debug, Clone)]
pub struct Output {
    /// The module's items.
    pub tokens: TokenStream,
    /// The module's documentation (written as `//!` lines by [`render_module`]).
    pub doc: Option<String>,
    /// The lowered model, for tools that want more than tokens.
    pub module: ir::Module,
    /// Every file read: the spec file (when it is on disk) and every file its `$ref`s reach, for
    /// `cargo:rerun-if-changed` (`include_spec!` makes rustc track them all).
    pub files: Vec<std::path::PathBuf>,
    /// Problems that did not stop generation, each with its `file#pointer`: unknown keywords
    /// when not [`Options::strict`]. `cargo xtask generate` prints them.
    pub warnings: Vec<Diagnostic>,
}

/// Generates the items of the spec `text`, read from `file`: its path (relative to the current
/// directory, or absolute), against which references to other files resolve, and its name in
/// diagnostics. The text is JSON or YAML (by the extension, else by the content).
///
/// Every problem in the spec is returned at once.
pub fn generate(file: &str, text: &str, opts: &Options) -> Result<Output, Diagnostics> {
    generate_at(std::path::Path::new(file), file, text, opts)
}

fn generate_at(path: &std::path::Path, file: &str, text: &str, opts: &Options) -> Result<Output, Diagnostics> {
    let mut cx = diag::Ctx::new(file);
    cx.strict = opts.strict;
    let value = match read::load::parse(text, read::load::Format::detect(file, text)) {
        Ok(v) => v,
        Err(e) => {
            cx.err(&e.pointer, e.message);
            return Err(cx.finish());
        }
    };
    // Each file is normalized in its own dialect before bundling (the others in the bundler).
    let value = read::dialect::apply(&mut cx, value);
    let resolver = read::bundle::Resolver {
        allow_dirs: opts.allow_dirs.clone(),
        id_dirs: opts.id_dirs.clone(),
        url_map: opts.url_map.clone(),
    };
    let (bundle, ref_errors) = read::bundle::bundle(file, path, value, &resolver);
    // A `$ref` that could not be bundled is reported once, by the bundler.
    let bundled_refs = bundle.failed.clone();
    let n_ref_errors = ref_errors.len();
    cx.diags.extend(ref_errors);
    // A problem inside content copied from another file is reported in that file.
    let locate = |d: &mut Diagnostic| {
        if d.file == file {
            if let Some((f, p)) = bundle.locate(&d.pointer) {
                d.file = f;
                d.pointer = p;
            }
        }
    };
    let Some(doc) = read::read(&mut cx, bundle.value.clone(), opts.root_name.as_deref()) else {
        cx.diags.iter_mut().for_each(locate);
        return Err(cx.finish());
    };
    // Lower even after read errors: problems such as a dangling `$ref` are only found there,
    // and every problem is reported at once.
    let module = lower::lower(&mut cx, &doc);
    cx.warnings.iter_mut().for_each(locate);
    if cx.has_errors() {
        // The bundler's errors come first; a later error at the same `$ref` is a consequence.
        let mut i = 0;
        cx.diags.retain(|d| {
            i += 1;
            i <= n_ref_errors || !bundled_refs.contains(&(d.file.clone(), d.pointer.clone()))
        });
        cx.diags.iter_mut().for_each(locate);
        let mut diags = cx.finish();
        let mut seen = std::collections::BTreeSet::new();
        diags.0.retain(|d| seen.insert(d.to_string()));
        return Err(diags);
    }
    let tokens = emit::emit(&module, &opts.runtime_crate);
    Ok(Output { tokens, doc: module.doc.clone(), module, files: bundle.files, warnings: cx.warnings })
}

/// Reads and generates the spec at `path`; `display` names it in diagnostics.
pub fn generate_path(path: &std::path::Path, display: &str, opts: &Options) -> Result<Output, Diagnostics> {
    match std::fs::read_to_string(path) {
        Ok(text) => generate_at(path, display, &text, opts),
        Err(e) => Err(Diagnostics(vec![Diagnostic {
            file: display.to_owned(),
            pointer: String::new(),
            message: format!("cannot read the file: {e}"),
        }])),
    }
}

/// Formats generated items with `prettyplease`.
#[cfg(feature = "fmt")]
pub fn format(tokens: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(prettyplease::unparse(&file))
}

/// A whole generated module file: the `@generated` header naming the command and the spec, the
/// module doc, then the formatted items.
#[cfg(feature = "fmt")]
pub fn render_module(out: &Output, spec: &str, command: &str) -> Result<String, syn::Error> {
    render_module_with(out, spec, command, None)
}

/// [`render_module`] for a bundled API of `group-msg-types`: the module also gets the
/// compile-time literal macros (`request!` ...), placed before the items the macro front end
/// shares. `api` is the API id (`tencent_im.send_group_msg`), `path` the module path, `examples`
/// a valid JSON text per part (`"request"` ...) for the macros' documentation examples.
#[cfg(feature = "fmt")]
pub fn render_bundled_module(
    out: &Output,
    spec: &str,
    command: &str,
    api: &str,
    path: &str,
    examples: &[(&str, String)],
) -> Result<String, syn::Error> {
    let _ = path;
    render_module_with(out, spec, command, Some(literal::macro_reexports(&out.module, api, examples)))
}

#[cfg(feature = "fmt")]
fn render_module_with(
    out: &Output,
    spec: &str,
    command: &str,
    prelude: Option<TokenStream>,
) -> Result<String, syn::Error> {
    let (command, spec) = (doc_text::one_line(command), doc_text::one_line(spec));
    let mut s = format!(
        "// @generated by `{command}` from `{spec}`. Do not edit: change the spec and run the command again.\n\n"
    );
    if let Some(doc) = &out.doc {
        for line in doc_text::line_safe(doc.trim()).lines() {
            if line.trim().is_empty() {
                s.push_str("//!\n");
            } else {
                s.push_str(&format!("//! {}\n", line.trim_end()));
            }
        }
        s.push('\n');
    }
    if let Some(prelude) = prelude {
        s.push_str(&format(&prelude)?);
        s.push('\n');
    }
    s.push_str(&format(&out.tokens)?);
    Ok(s)
}
