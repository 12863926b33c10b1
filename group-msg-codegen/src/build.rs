//! The build-script front end: generate modules from spec files in `build.rs`.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     group_msg_codegen::Builder::new().spec("api/chat.json").generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: one module per spec, named after the file (`chat.json` -> `chat.rs`)
//! pub mod chat {
//!     include!(concat!(env!("OUT_DIR"), "/chat.rs"));
//! }
//! ```
//!
//! Each spec becomes one formatted file in the output directory (`OUT_DIR` unless
//! [`Builder::out_dir`] says otherwise), named after the spec's file stem in snake_case (a
//! second spec of the same stem gets `2`, ...). A file is only rewritten when its contents
//! change, so an unchanged spec does not rebuild the crate. For Cargo, every file read is
//! printed as `cargo:rerun-if-changed=` (turn off with [`Builder::cargo_metadata`]). The written
//! file has no inner attributes or `//!` docs, so it can be `include!`d; the generated code
//! reaches everything through the runtime crate ([`Builder::runtime_crate`], default
//! `::group_msg_types`), which must be a dependency of the crate.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::{Diagnostics, Options};

/// Generates modules from spec files; see the [module docs](self).
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    root_name: Option<String>,
    maps: Vec<(String, PathBuf)>,
    allow: Vec<PathBuf>,
    ids: Vec<PathBuf>,
    strict: bool,
    runtime_crate: String,
    cargo: bool,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The spec, as given.
    pub spec: PathBuf,
    /// The module name (the file's stem).
    pub module: String,
    /// The file written.
    pub path: PathBuf,
    /// Every file the generator read for this spec (the spec and the files its `$ref`s reach).
    pub files_read: Vec<PathBuf>,
    /// Whether the file changed (was written).
    pub written: bool,
    /// What the lenient reading let pass, each at its `file#pointer` (printed as
    /// `cargo:warning=` when [`Builder::cargo_metadata`] is on).
    pub warnings: Vec<crate::Diagnostic>,
}

/// Why [`Builder::generate`] failed.
#[derive(Debug)]
pub enum BuildError {
    /// The builder's settings (no spec, no output directory, a bad runtime crate path, ...).
    Config(String),
    /// A spec has problems: every diagnostic, with `file#pointer`.
    Spec(Diagnostics),
    /// The generated code does not parse (a generator bug: please report it).
    Generated { spec: PathBuf, error: String },
    /// Reading or writing a file failed.
    Io { path: PathBuf, error: std::io::Error },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Config(m) => write!(f, "group_msg_codegen::Builder: {m}"),
            BuildError::Spec(d) => write!(f, "{d}"),
            BuildError::Generated { spec, error } => {
                write!(f, "{}: the generated code does not parse ({error}); this is a generator bug", spec.display())
            }
            BuildError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for BuildError {}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// No specs yet; output to `OUT_DIR`, runtime `::group_msg_types`, lenient reading (unknown
    /// keywords are annotations, printed as `cargo:warning`s), Cargo metadata printed.
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            out_dir: None,
            root_name: None,
            maps: Vec::new(),
            allow: Vec::new(),
            ids: Vec::new(),
            strict: false,
            runtime_crate: "::group_msg_types".to_owned(),
            cargo: true,
        }
    }

    /// Adds a spec file (OpenAPI 3.1 document or JSON Schema), relative to the current
    /// directory (a build script runs in the crate's directory).
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Where to write the files (default: the `OUT_DIR` Cargo gives build scripts).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The type name of a standalone JSON Schema's root (default: its `title`).
    pub fn root_name(mut self, name: impl Into<String>) -> Self {
        self.root_name = Some(name.into());
        self
    }

    /// Reads `file` wherever a `$ref` names `url` (a remote document kept locally).
    pub fn map(mut self, url: impl Into<String>, file: impl AsRef<Path>) -> Self {
        self.maps.push((url.into(), file.as_ref().to_path_buf()));
        self
    }

    /// A folder that files reached by `$ref` may be in (default: the spec's folder).
    pub fn allow(mut self, dir: impl AsRef<Path>) -> Self {
        self.allow.push(dir.as_ref().to_path_buf());
        self
    }

    /// A folder whose every `.json`/`.yaml`/`.yml` file is known by its `$id`.
    pub fn ids(mut self, dir: impl AsRef<Path>) -> Self {
        self.ids.push(dir.as_ref().to_path_buf());
        self
    }

    /// Strict: every keyword the generator does not know is an error (it catches `maxItem`
    /// typos). Not strict (default): such keywords are annotations, each reported as a warning
    /// (`cargo:warning` in a build script).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The crate path the generated code reaches the runtime through (default
    /// `::group_msg_types`; a crate that re-exports it can name itself, e.g. `crate::types`).
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Self {
        self.runtime_crate = path.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed=` lines (default: yes).
    pub fn cargo_metadata(mut self, on: bool) -> Self {
        self.cargo = on;
        self
    }

    /// The generator options these settings make.
    pub fn options(&self) -> Result<Options, BuildError> {
        let runtime_crate: syn::Path = syn::parse_str(&self.runtime_crate)
            .map_err(|e| BuildError::Config(format!("runtime crate `{}` is not a path: {e}", self.runtime_crate)))?;
        Ok(Options {
            runtime_crate,
            root_name: self.root_name.clone(),
            strict: self.strict,
            allow_dirs: self.allow.clone(),
            id_dirs: self.ids.clone(),
            url_map: self.maps.clone(),
        })
    }

    /// Generates every spec; all specs are tried, and the first failure is returned (a spec's
    /// failure lists all of its problems).
    pub fn generate(&self) -> Result<Vec<Generated>, BuildError> {
        if self.specs.is_empty() {
            return Err(BuildError::Config("no spec: call `.spec(\"api.json\")`".into()));
        }
        let opts = self.options()?;
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                BuildError::Config(
                    "no output directory: `OUT_DIR` is not set (not in a build script?); call `.out_dir(..)`".into(),
                )
            })?,
        };
        std::fs::create_dir_all(&out_dir).map_err(|error| BuildError::Io { path: out_dir.clone(), error })?;
        let mut names = crate::lower::names::Dedup::default();
        let mut done = Vec::new();
        let mut first_error = None;
        for spec in &self.specs {
            if self.cargo {
                println!("cargo:rerun-if-changed={}", spec.display());
            }
            let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let stem = stem.split('.').next().unwrap_or_default();
            let module = names
                .unique(crate::lower::names::field_name(stem).as_deref().unwrap_or("spec").trim_start_matches("r#"));
            match self.one(spec, &module, &out_dir, &opts) {
                Ok(g) => done.push(g),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(done),
        }
    }

    fn one(&self, spec: &Path, module: &str, out_dir: &Path, opts: &Options) -> Result<Generated, BuildError> {
        let display = spec.display().to_string();
        let out = crate::generate_path(spec, &display, opts).map_err(BuildError::Spec)?;
        let files_read = if out.files.is_empty() { vec![spec.to_path_buf()] } else { out.files.clone() };
        if self.cargo {
            for f in files_read.iter().filter(|f| f.as_path() != spec) {
                println!("cargo:rerun-if-changed={}", f.display());
            }
            for w in &out.warnings {
                println!("cargo:warning={}", crate::doc_text::one_line(&w.to_string()));
            }
        }
        let code = render_include(&out, &display)
            .map_err(|e| BuildError::Generated { spec: spec.to_path_buf(), error: e.to_string() })?;
        let path = out_dir.join(format!("{module}.rs"));
        let written = std::fs::read_to_string(&path).map_or(true, |old| old != code);
        if written {
            std::fs::write(&path, &code).map_err(|error| BuildError::Io { path: path.clone(), error })?;
        }
        Ok(Generated {
            spec: spec.to_path_buf(),
            module: module.to_owned(),
            path,
            files_read,
            written,
            warnings: out.warnings,
        })
    }
}

/// A generated module as a file to `include!`: the `@generated` header, the module doc as plain
/// comments, the formatted items.
pub fn render_include(out: &crate::Output, spec: &str) -> Result<String, syn::Error> {
    let mut s = format!(
        "// @generated by `group_msg_codegen::Builder` from `{}`. Do not edit: change the spec and build again.\n",
        crate::doc_text::one_line(spec)
    );
    if let Some(doc) = &out.doc {
        s.push_str("//\n");
        for line in crate::doc_text::line_safe(doc.trim()).lines() {
            s.push_str(format!("// {}", line.trim_end()).trim_end());
            s.push('\n');
        }
    }
    s.push('\n');
    s.push_str(&crate::format(&out.tokens)?);
    Ok(s)
}
