//! Bundling: the entry file and every file its `$ref`s reach become ONE document.
//!
//! The rest of the generator (and the schema validator compiled into the generated code) reads one
//! JSON document, so references to other files are rewritten here:
//!
//! - a `$ref` in a schema position to a schema in another file copies that schema, once per
//!   (file, pointer), under a readable name (its `title`, else the pointer's last segment, else the
//!   file's stem, in UpperCamelCase, made unique) into the document's named schemas
//!   (`components/schemas`, `$defs`, or Swagger's `definitions`), and points there;
//! - a `$ref` elsewhere in an OpenAPI document (a security scheme, a parameter, a response ...) is
//!   replaced by a copy of what it points at (a cycle of those is an error);
//! - a `$ref` from another file back into the entry becomes a local `#/...` pointer;
//! - literal data (`example`, `examples`, `enum`, `const`, `default`, `x-*`) is never rewritten.
//!
//! References are URIs resolved as JSON Schema says: against the base of the file, which is its
//! `$id` (absolute, or relative to the file's location, or to its [`Resolver::id_dirs`] folder),
//! else its location. A reference reaches a file on disk inside the allowed folders, or a file
//! registered by `$id` in an `id_dirs` folder, or an `http(s)` URL mapped to a local file or folder
//! by [`Resolver::url_map`]; anything else (an unmapped URL, a missing file, a path outside the
//! allowed folders) is a clean error at the `$ref`'s `file#pointer`. Nothing is fetched from the
//! network. The work is bounded: at most [`MAX_FILES`] files and [`MAX_SCHEMAS`] copied schemas.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use super::load::{self, Format};
use crate::diag::{join, Diagnostic};

/// At most this many files are read for one spec.
pub const MAX_FILES: usize = 1000;
/// At most this many schemas are copied in from other files.
pub const MAX_SCHEMAS: usize = 20_000;
/// At most this many `$ref`s replaced by their target, one inside another.
const MAX_INLINE: usize = 32;

/// Where references to other files may lead.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    /// Folders the referenced files must be in (after resolving `..` and links). Empty: the entry
    /// file's folder.
    pub allow_dirs: Vec<PathBuf>,
    /// Folders whose every `.json`/`.yaml`/`.yml` file is known by its `$id`, resolved against the
    /// folder (as tools that register schemas by `$id` do); they are allowed too.
    pub id_dirs: Vec<PathBuf>,
    /// `http(s)` URL (or URL prefix ending in `/`) to a local file (or folder); allowed too.
    pub url_map: Vec<(String, PathBuf)>,
}

/// The bundled document and what was read to make it.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub value: Value,
    /// Every file read, the entry first (when it is a file on disk).
    pub files: Vec<PathBuf>,
    /// Pointers of the bundled document whose content came from another place: (bundled
    /// pointer, file as displayed, pointer in that file), to report problems where they are.
    pub origins: Vec<(String, String, String)>,
    /// The `$ref`s that could not be bundled (file as displayed, pointer of the `$ref`): an
    /// error was reported for each; a later complaint about the same `$ref` is a consequence.
    pub failed: Vec<(String, String)>,
}

impl Bundle {
    /// Where a pointer of the bundled document comes from: (file, pointer) when another file's.
    pub fn locate(&self, pointer: &str) -> Option<(String, String)> {
        self.origins
            .iter()
            .filter(|(p, _, _)| pointer == p || pointer.starts_with(&format!("{p}/")))
            .max_by_key(|(p, _, _)| p.len())
            .map(|(p, file, src)| (file.clone(), format!("{src}{}", &pointer[p.len()..])))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A JSON Schema (a `$ref` there is copied into the named schemas).
    Schema,
    /// OpenAPI structure outside schemas (a `$ref` there is replaced by its target).
    Other,
}

struct Doc {
    /// Where it was read from (URI without fragment).
    uri: String,
    path: Option<PathBuf>,
    display: String,
    value: Value,
    /// The base URI of its content (its `$id` resolved, else `uri`).
    base: String,
}

struct Bundler<'a> {
    res: &'a Resolver,
    docs: Vec<Doc>,
    /// URI (without fragment) -> (doc, pointer of the resource in it).
    by_uri: HashMap<String, (usize, String)>,
    allowed: Vec<PathBuf>,
    id_dirs_scanned: bool,
    /// (doc, pointer) -> name of the copy.
    hoisted: HashMap<(usize, String), String>,
    queue: Vec<(String, usize, String)>,
    /// The names of the named schemas, as Rust sees them (`UpperCamelCase`), to stay unique.
    taken_camel: HashSet<String>,
    prefix: &'static str,
    inline_stack: Vec<(usize, String)>,
    origins: Vec<(String, String, String)>,
    diags: Vec<Diagnostic>,
    files: Vec<PathBuf>,
    draft04: bool,
    /// The base URIs of the schema resources embedded in the entry (its nested `$id`s, resolved):
    /// a `$ref` to one of them is inside the document, for JSON Schema to resolve as written.
    embedded: std::collections::HashSet<String>,
    failed: Vec<(String, String)>,
}

/// Bundles `entry` (the parsed text of `display`, found at `path`) with every file it references.
pub fn bundle(display: &str, path: &Path, entry: Value, res: &Resolver) -> (Bundle, Vec<Diagnostic>) {
    let abs = absolute(path);
    let entry_uri = file_uri(&abs);
    let mut allowed: Vec<PathBuf> = if res.allow_dirs.is_empty() {
        abs.parent().map(|p| vec![canonical(p)]).unwrap_or_default()
    } else {
        res.allow_dirs.iter().map(|d| canonical(&absolute(d))).collect()
    };
    allowed.extend(res.id_dirs.iter().map(|d| canonical(&absolute(d))));
    allowed.extend(res.url_map.iter().map(|(_, p)| canonical(&absolute(p))));
    let obj = entry.as_object();
    let is_api = obj.is_some_and(|o| o.contains_key("openapi") || o.contains_key("swagger"));
    let prefix = match obj {
        Some(o) if o.contains_key("swagger") => "#/definitions/",
        Some(_) if is_api => "#/components/schemas/",
        _ => "#/$defs/",
    };
    let draft04 = obj
        .and_then(|o| o.get("$schema"))
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("draft-04") || s.contains("draft-03"));
    let mut b = Bundler {
        res,
        docs: Vec::new(),
        by_uri: HashMap::new(),
        allowed,
        id_dirs_scanned: false,
        hoisted: HashMap::new(),
        queue: Vec::new(),
        taken_camel: Default::default(),
        prefix,
        inline_stack: Vec::new(),
        origins: Vec::new(),
        diags: Vec::new(),
        files: Vec::new(),
        draft04,
        failed: Vec::new(),
        embedded: Default::default(),
    };
    if abs.is_file() {
        b.files.push(abs.clone());
    }
    if let Some(o) = entry.as_object() {
        let base = match o.get("$id").and_then(Value::as_str) {
            Some(id) => resolve(&entry_uri, id),
            None => entry_uri.clone(),
        };
        for v in o.values() {
            embedded_ids(v, &base, &mut b.embedded, 0);
        }
    }
    // The names already there.
    if let Some(Value::Object(named)) = pointer_get(&entry, &prefix[1..prefix.len() - 1]) {
        for k in named.keys() {
            b.taken_camel.insert(k.to_upper_camel_case());
        }
    }
    let in_id_dir = b.in_id_dir(&abs);
    b.add_doc(entry_uri, Some(abs), display.to_owned(), entry, in_id_dir);
    let mut out = b.docs[0].value.clone();
    let root_kind = if is_api { Kind::Other } else { Kind::Schema };
    b.walk(&mut out, root_kind, 0, "", "");
    // Copy the queued schemas in; copying may queue more.
    let mut copies: Vec<(String, Value)> = Vec::new();
    while let Some((name, doc, ptr)) = (!b.queue.is_empty()).then(|| b.queue.remove(0)) {
        let mut v = pointer_get(&b.docs[doc].value, &ptr).cloned().unwrap_or(Value::Null);
        let out_ptr = join(&prefix[1..prefix.len() - 1], &name);
        b.origins.push((out_ptr.clone(), b.docs[doc].display.clone(), ptr.clone()));
        if let Value::Object(o) = &mut v {
            // The copy lives in another document: its own base, dialect and local definitions no
            // longer apply (every `$ref` into them was rewritten to a copy of its own).
            for k in ["$id", "$schema", "$defs", "definitions"] {
                o.shift_remove(k);
            }
            if b.draft04 && o.get("id").is_some_and(Value::is_string) {
                o.shift_remove("id");
            }
        }
        b.walk(&mut v, Kind::Schema, doc, &ptr, &out_ptr);
        copies.push((name, v));
    }
    if !copies.is_empty() {
        let container = prefix[2..prefix.len() - 1].split('/').fold(&mut out, |v, k| {
            if !v.is_object() {
                *v = Value::Object(Map::new());
            }
            let o = v.as_object_mut().expect("made an object above");
            o.entry(k.to_owned()).or_insert_with(|| Value::Object(Map::new()))
        });
        if !container.is_object() {
            *container = Value::Object(Map::new());
        }
        let named = container.as_object_mut().expect("made an object above");
        for (name, v) in copies {
            named.insert(name, v);
        }
    }
    let files = b.files;
    let diags = b.diags;
    (Bundle { value: out, files, origins: b.origins, failed: b.failed }, diags)
}

impl Bundler<'_> {
    fn err(&mut self, doc: usize, pointer: &str, message: String) {
        let d = Diagnostic { file: self.docs[doc].display.clone(), pointer: pointer.to_owned(), message };
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }

    fn in_id_dir(&self, abs: &Path) -> Option<PathBuf> {
        let c = canonical(abs);
        self.res.id_dirs.iter().map(|d| canonical(&absolute(d))).find(|d| c.starts_with(d))
    }

    /// Registers a read document under its location and its `$id`.
    fn add_doc(
        &mut self,
        uri: String,
        path: Option<PathBuf>,
        display: String,
        value: Value,
        id_dir: Option<PathBuf>,
    ) -> usize {
        let id = value.as_object().and_then(|o| o.get("$id").or_else(|| o.get("id").filter(|_| self.draft04)));
        let id = id.and_then(Value::as_str).map(|s| s.split('#').next().unwrap_or_default().to_owned());
        let base = match (id, &id_dir) {
            (Some(id), _) if id.is_empty() => uri.clone(),
            (Some(id), Some(dir)) => resolve(&format!("{}/", file_uri(dir)), &id),
            (Some(id), None) => resolve(&uri, &id),
            (None, _) => uri.clone(),
        };
        let n = self.docs.len();
        self.by_uri.entry(uri.clone()).or_insert((n, String::new()));
        self.by_uri.entry(base.clone()).or_insert((n, String::new()));
        self.docs.push(Doc { uri, path, display, value, base });
        n
    }

    fn allowed(&self, p: &Path) -> bool {
        self.allowed.iter().any(|d| p.starts_with(d))
    }

    /// Reads every file of the `id_dirs` folders, to know them by `$id`.
    fn scan_id_dirs(&mut self) {
        if self.id_dirs_scanned {
            return;
        }
        self.id_dirs_scanned = true;
        let mut stack: Vec<PathBuf> = self.res.id_dirs.iter().map(|d| canonical(&absolute(d))).collect();
        let mut seen = 0usize;
        while let Some(dir) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else { continue };
            let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
            entries.sort();
            for p in entries {
                seen += 1;
                if seen > MAX_FILES * 10 {
                    return;
                }
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let name = p.to_string_lossy().to_ascii_lowercase();
                if !(name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml")) {
                    continue;
                }
                let uri = file_uri(&p);
                if self.by_uri.contains_key(&uri) {
                    continue;
                }
                // Only files with an `$id` matter here; the others are read when referenced.
                let Ok(text) = std::fs::read_to_string(&p) else { continue };
                // `$id`, or draft-04's `id`.
                if !text.contains("id\"") && !text.contains("id:") {
                    continue;
                }
                let Ok(value) = load::parse(&text, Format::detect(&name, &text)) else { continue };
                let value = super::dialect::normalize(value).0;
                let display = p.to_string_lossy().into_owned();
                let dir = self.in_id_dir(&p);
                let n = self.add_doc(uri, Some(p), display, value, dir);
                // Registered, not read: it joins `files` when a `$ref` reaches it.
                let _ = n;
            }
        }
    }

    /// Finds or reads the document at `uri` (no fragment). `at` = (doc, pointer) of the `$ref`.
    fn doc_for(&mut self, uri: &str, at: (usize, &str), reference: &str) -> Option<(usize, String)> {
        if let Some(found) = self.by_uri.get(uri).cloned() {
            self.note_read(found.0);
            return Some(found);
        }
        if !self.res.id_dirs.is_empty() && !self.id_dirs_scanned {
            self.scan_id_dirs();
            if let Some(found) = self.by_uri.get(uri).cloned() {
                self.note_read(found.0);
                return Some(found);
            }
        }
        let path = if let Some(p) = uri.strip_prefix("file://") {
            PathBuf::from(percent_decode(p))
        } else if uri.starts_with("http://") || uri.starts_with("https://") {
            let best = self
                .res
                .url_map
                .iter()
                .filter(|(u, _)| uri == u || (u.ends_with('/') && uri.starts_with(u.as_str())))
                .max_by_key(|(u, _)| u.len());
            match best {
                Some((u, p)) if uri.len() == u.len() => absolute(p),
                Some((u, p)) => absolute(p).join(percent_decode(&uri[u.len()..])),
                None => {
                    self.err(
                        at.0,
                        &join(at.1, "$ref"),
                        format!(
                            "`$ref` `{reference}` is a URL ({uri}): nothing is fetched from the network; map it to a local \
                             file or folder (`Options::url_map`, `--map URL=PATH`)"
                        ),
                    );
                    return None;
                }
            }
        } else {
            self.err(
                at.0,
                &join(at.1, "$ref"),
                format!("`$ref` `{reference}` resolves to `{uri}`, which names no file"),
            );
            return None;
        };
        let display = self.display_for(at.0, reference, &path);
        if !path.is_file() {
            self.err(at.0, &join(at.1, "$ref"), format!("`$ref` `{reference}`: cannot read `{display}`: no such file"));
            return None;
        }
        let real = canonical(&path);
        if !self.allowed(&real) {
            let dirs: Vec<String> = self.allowed.iter().map(|d| d.display().to_string()).collect();
            self.err(
                at.0,
                &join(at.1, "$ref"),
                format!(
                    "`$ref` `{reference}` leads to `{}`, outside the folders specs may read ({}); allow its folder \
                     (`Options::allow_dirs`, `--allow DIR`)",
                    real.display(),
                    dirs.join(", ")
                ),
            );
            return None;
        }
        if self.docs.len() >= MAX_FILES {
            self.err(at.0, &join(at.1, "$ref"), format!("more than {MAX_FILES} files referenced"));
            return None;
        }
        let text = match std::fs::read_to_string(&real) {
            Ok(t) => t,
            Err(e) => {
                self.err(at.0, &join(at.1, "$ref"), format!("`$ref` `{reference}`: cannot read `{display}`: {e}"));
                return None;
            }
        };
        self.files.push(real.clone());
        let value = match load::parse(&text, Format::detect(&real.to_string_lossy(), &text)) {
            Ok(v) => v,
            Err(e) => {
                self.diags.push(Diagnostic { file: display, pointer: e.pointer, message: e.message });
                return None;
            }
        };
        // Each file in its own dialect (its `$schema`), like the entry.
        let (value, problems) = super::dialect::normalize(value);
        for (pointer, message) in problems {
            self.diags.push(Diagnostic { file: display.clone(), pointer, message });
        }
        let dir = self.in_id_dir(&real);
        let n = self.add_doc(uri.to_owned(), Some(real), display, value, dir);
        Some((n, String::new()))
    }

    fn note_read(&mut self, doc: usize) {
        if let Some(p) = &self.docs[doc].path {
            if !self.files.contains(p) {
                self.files.push(p.clone());
            }
        }
    }

    /// How a newly read file is named in messages: as the referring file names it, joined.
    fn display_for(&self, from: usize, reference: &str, path: &Path) -> String {
        let file_part = reference.split('#').next().unwrap_or_default();
        let is_relative_path = !file_part.is_empty() && !file_part.contains(':') && !file_part.starts_with('/');
        let from_display = Path::new(&self.docs[from].display);
        if is_relative_path && self.docs[from].base == self.docs[from].uri {
            if let Some(dir) = from_display.parent() {
                return normalize(&dir.join(percent_decode(file_part))).to_string_lossy().into_owned();
            }
        }
        path.to_string_lossy().into_owned()
    }

    /// Resolves `reference` found at (doc, pointer) to (doc, pointer of the target).
    fn target(&mut self, doc: usize, src_ptr: &str, reference: &str) -> Option<(usize, String)> {
        let found = self.find_target(doc, src_ptr, reference);
        if found.is_none() {
            self.failed.push((self.docs[doc].display.clone(), join(src_ptr, "$ref")));
        }
        found
    }

    fn find_target(&mut self, doc: usize, src_ptr: &str, reference: &str) -> Option<(usize, String)> {
        let uri = resolve(&self.docs[doc].base, reference);
        let (resource, fragment) = match uri.split_once('#') {
            Some((r, f)) => (r.to_owned(), percent_decode(f)),
            None => (uri.clone(), String::new()),
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            self.err(
                doc,
                &join(src_ptr, "$ref"),
                format!("`$ref` `{reference}`: a plain-name fragment (`#{fragment}`) in another file is not supported; use a JSON pointer (`#/...`)"),
            );
            return None;
        }
        let (target_doc, prefix) = self.doc_for(&resource, (doc, src_ptr), reference)?;
        let ptr = format!("{prefix}{fragment}");
        if pointer_get(&self.docs[target_doc].value, &ptr).is_none() {
            let display = self.docs[target_doc].display.clone();
            self.err(
                doc,
                &join(src_ptr, "$ref"),
                format!("`$ref` `{reference}` points at nothing: `{display}` has no `#{ptr}`"),
            );
            return None;
        }
        Some((target_doc, ptr))
    }

    /// A name for the copy of (doc, pointer).
    fn name_for(&mut self, doc: usize, ptr: &str) -> String {
        let target = pointer_get(&self.docs[doc].value, ptr);
        let title = target.and_then(|t| t.get("title")).and_then(Value::as_str).map(str::to_owned);
        let last = ptr.rsplit('/').next().filter(|s| !s.is_empty()).map(|s| s.replace("~1", "/").replace("~0", "~"));
        let stem = || {
            let p = self.docs[doc].uri.rsplit('/').next().unwrap_or("schema").to_owned();
            let p = p.split('.').next().unwrap_or(&p).to_owned();
            let p = percent_decode(&p);
            p.strip_suffix(".schema").map(str::to_owned).unwrap_or(p)
        };
        let base = title.or(last).unwrap_or_else(stem).to_upper_camel_case();
        let base = if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            format!("Schema{base}")
        } else {
            base
        };
        let mut name = base.clone();
        let mut i = 2;
        while self.taken_camel.contains(&name) {
            name = format!("{base}{i}");
            i += 1;
        }
        self.taken_camel.insert(name.clone());
        name
    }

    /// Rewrites the `$ref`s of `v` (found at `src_ptr` of `doc`, placed at `out_ptr`).
    fn walk(&mut self, v: &mut Value, kind: Kind, doc: usize, src_ptr: &str, out_ptr: &str) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(r)) = o.get("$ref") {
                    let r = r.clone();
                    self.rewrite(v, &r, kind, doc, src_ptr, out_ptr);
                    if !v.is_object() {
                        return;
                    }
                }
                let Value::Object(o) = v else { return };
                let keys: Vec<String> = o.keys().cloned().collect();
                for k in keys {
                    let child_kind = match child(kind, src_ptr, &k, o.get(&k)) {
                        Some(c) => c,
                        None => {
                            if kind == Kind::Schema && k == "discriminator" {
                                if let Some(Value::Object(map)) = o.get_mut(&k).and_then(|d| d.get_mut("mapping")) {
                                    let names: Vec<String> = map.keys().cloned().collect();
                                    for name in names {
                                        let Some(Value::String(r)) = map.get(&name) else { continue };
                                        if !r.contains('#') && !r.contains('/') {
                                            continue;
                                        }
                                        let r = r.clone();
                                        let mp = join(&join(&join(src_ptr, "discriminator"), "mapping"), &name);
                                        let mut holder = serde_json::json!({ "$ref": r });
                                        self.rewrite(&mut holder, &r, Kind::Schema, doc, &mp, &mp);
                                        if let Some(Value::String(new)) = holder.get("$ref") {
                                            map.insert(name, Value::String(new.clone()));
                                        }
                                    }
                                }
                            }
                            continue;
                        }
                    };
                    let sp = join(src_ptr, &k);
                    let op = join(out_ptr, &k);
                    if let Some(c) = o.get_mut(&k) {
                        match (child_kind, c) {
                            (Child::One(kind), c) => self.walk(c, kind, doc, &sp, &op),
                            (Child::Map(kind), Value::Object(m)) => {
                                let names: Vec<String> = m.keys().cloned().collect();
                                for n in names {
                                    if let Some(c) = m.get_mut(&n) {
                                        self.walk(c, kind, doc, &join(&sp, &n), &join(&op, &n));
                                    }
                                }
                            }
                            (Child::List(kind), Value::Array(a)) => {
                                for (i, c) in a.iter_mut().enumerate() {
                                    let i = i.to_string();
                                    self.walk(c, kind, doc, &join(&sp, &i), &join(&op, &i));
                                }
                            }
                            (Child::List(kind), c @ Value::Object(_)) => self.walk(c, kind, doc, &sp, &op),
                            _ => {}
                        }
                    }
                }
            }
            Value::Array(a) if kind == Kind::Other => {
                for (i, c) in a.iter_mut().enumerate() {
                    let i = i.to_string();
                    self.walk(c, kind, doc, &join(src_ptr, &i), &join(out_ptr, &i));
                }
            }
            _ => {}
        }
    }

    /// Rewrites the `$ref` `r` of the object `v`.
    fn rewrite(&mut self, v: &mut Value, r: &str, kind: Kind, doc: usize, src_ptr: &str, out_ptr: &str) {
        // A local reference of the entry stays as written (JSON Schema resolves it, anchors too),
        // and so does one to a schema resource embedded in the entry (a nested `$id`).
        if doc == 0 && r.starts_with('#') {
            return;
        }
        if doc == 0 && !self.embedded.is_empty() {
            let uri = resolve(&self.docs[0].base, r);
            if self.embedded.contains(uri.split('#').next().unwrap_or_default()) {
                return;
            }
        }
        let Some((tdoc, tptr)) = self.target(doc, src_ptr, r) else { return };
        if tdoc == 0 {
            set_ref(v, format!("#{}", encode_fragment(&tptr)));
            return;
        }
        match kind {
            Kind::Schema => {
                let key = (tdoc, tptr.clone());
                let name = match self.hoisted.get(&key) {
                    Some(n) => n.clone(),
                    None => {
                        if self.hoisted.len() >= MAX_SCHEMAS {
                            self.err(
                                doc,
                                &join(src_ptr, "$ref"),
                                format!("more than {MAX_SCHEMAS} schemas referenced from other files"),
                            );
                            return;
                        }
                        let n = self.name_for(tdoc, &tptr);
                        self.hoisted.insert(key, n.clone());
                        self.queue.push((n.clone(), tdoc, tptr));
                        n
                    }
                };
                set_ref(v, format!("{}{}", self.prefix, name.replace('~', "~0").replace('/', "~1")));
            }
            Kind::Other => {
                let key = (tdoc, tptr.clone());
                if self.inline_stack.contains(&key) || self.inline_stack.len() >= MAX_INLINE {
                    let chain: Vec<String> =
                        self.inline_stack.iter().map(|(d, p)| format!("{}#{p}", self.docs[*d].display)).collect();
                    self.err(
                        doc,
                        &join(src_ptr, "$ref"),
                        format!("`$ref` `{r}` comes back to itself through other files: {}", chain.join(" -> ")),
                    );
                    return;
                }
                let mut copy = pointer_get(&self.docs[tdoc].value, &tptr).cloned().unwrap_or(Value::Null);
                self.origins.push((out_ptr.to_owned(), self.docs[tdoc].display.clone(), tptr.clone()));
                self.inline_stack.push(key);
                self.walk(&mut copy, Kind::Other, tdoc, &tptr, out_ptr);
                self.inline_stack.pop();
                *v = copy;
            }
        }
    }
}

/// Collects the resolved `$id`s below `v` (whose base is `base`) into `out`.
fn embedded_ids(v: &Value, base: &str, out: &mut std::collections::HashSet<String>, depth: usize) {
    if depth > 256 {
        return;
    }
    match v {
        Value::Object(o) => {
            let base = match o.get("$id").and_then(Value::as_str) {
                Some(id) => {
                    let b = resolve(base, id);
                    out.insert(b.split('#').next().unwrap_or_default().to_owned());
                    b
                }
                None => base.to_owned(),
            };
            for c in o.values() {
                embedded_ids(c, &base, out, depth + 1);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| embedded_ids(c, base, out, depth + 1)),
        _ => {}
    }
}

fn set_ref(v: &mut Value, r: String) {
    if let Value::Object(o) = v {
        o.insert("$ref".to_owned(), Value::String(r));
    }
}

#[derive(Clone, Copy)]
enum Child {
    One(Kind),
    Map(Kind),
    List(Kind),
}

/// What the member `k` of an object of kind `kind` (at `ptr`) holds; `None`: literal data or
/// nothing with references.
fn child(kind: Kind, ptr: &str, k: &str, v: Option<&Value>) -> Option<Child> {
    if k.starts_with("x-") {
        return None;
    }
    match kind {
        Kind::Schema => match k {
            "items" if v.is_some_and(Value::is_array) => Some(Child::List(Kind::Schema)),
            "items"
            | "additionalItems"
            | "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "contentSchema" => Some(Child::One(Kind::Schema)),
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => Some(Child::List(Kind::Schema)),
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" | "dependencies" => {
                Some(Child::Map(Kind::Schema))
            }
            _ => None,
        },
        Kind::Other => match k {
            "example" | "value" | "default" | "enum" | "const" => None,
            "schema" => Some(Child::One(Kind::Schema)),
            "schemas" if ptr == "/components" => Some(Child::Map(Kind::Schema)),
            "definitions" if ptr.is_empty() => Some(Child::Map(Kind::Schema)),
            _ => Some(Child::One(Kind::Other)),
        },
    }
}

/// The value at an RFC 6901 pointer.
pub(crate) fn pointer_get<'v>(v: &'v Value, ptr: &str) -> Option<&'v Value> {
    if ptr.is_empty() {
        return Some(v);
    }
    v.pointer(ptr)
}

fn encode_fragment(ptr: &str) -> String {
    let mut s = String::with_capacity(ptr.len());
    for c in ptr.chars() {
        match c {
            ' ' => s.push_str("%20"),
            '%' => s.push_str("%25"),
            '#' => s.push_str("%23"),
            '"' => s.push_str("%22"),
            c => s.push(c),
        }
    }
    s
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        normalize(p)
    } else {
        normalize(&std::env::current_dir().unwrap_or_default().join(p))
    }
}

/// The real path when it exists (links and `..` resolved), else the path as given.
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Removes `.` and `..` without touching the disk.
fn normalize(p: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            c => out.push(c),
        }
    }
    out.iter().collect()
}

fn file_uri(p: &Path) -> String {
    format!("file://{}", p.to_string_lossy())
}

/// Resolves the URI reference `r` against `base` (RFC 3986 5.2, without queries).
pub(crate) fn resolve(base: &str, r: &str) -> String {
    let has_scheme = |s: &str| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.find(':').is_some_and(|i| s[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    };
    if has_scheme(r) {
        return remove_dots_in(r);
    }
    let base = base.split('#').next().unwrap_or_default();
    if r.is_empty() {
        return base.to_owned();
    }
    if r.starts_with('#') {
        return format!("{base}{r}");
    }
    let (scheme, rest) = base.split_once(':').map(|(s, r)| (format!("{s}:"), r)).unwrap_or((String::new(), base));
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(i) => (format!("//{}", &after[..i]), &after[i..]),
            None => (format!("//{after}"), ""),
        },
        None => (String::new(), rest),
    };
    if let Some(r2) = r.strip_prefix("//") {
        return remove_dots_in(&format!("{scheme}//{r2}"));
    }
    let merged = if r.starts_with('/') {
        r.to_owned()
    } else {
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None if !authority.is_empty() => "/",
            None => "",
        };
        format!("{dir}{r}")
    };
    remove_dots_in(&format!("{scheme}{authority}{merged}"))
}

/// Removes dot segments from the path of a URI, keeping its fragment.
fn remove_dots_in(uri: &str) -> String {
    let (main, frag) = match uri.split_once('#') {
        Some((m, f)) => (m, Some(f)),
        None => (uri, None),
    };
    let (head, path) = match main.find("://") {
        Some(i) => {
            let after = &main[i + 3..];
            let j = after.find('/').map_or(main.len(), |j| i + 3 + j);
            (&main[..j], &main[j..])
        }
        None => match main.split_once(':') {
            Some((s, _)) if !s.contains('/') => (&main[..s.len() + 1], &main[s.len() + 1..]),
            _ => ("", main),
        },
    };
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, s) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match *s {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 || (out.len() == 1 && !out[0].is_empty()) {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut s = format!("{head}{}", out.join("/"));
    if let Some(f) = frag {
        s.push('#');
        s.push_str(f);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_resolution() {
        assert_eq!(resolve("file:///a/b/c.yaml", "d.yaml"), "file:///a/b/d.yaml");
        assert_eq!(resolve("file:///a/b/c.yaml", "../../x/d.yaml#/p"), "file:///x/d.yaml#/p");
        assert_eq!(resolve("file:///a/b/c.yaml", "#/p"), "file:///a/b/c.yaml#/p");
        assert_eq!(resolve("file:///a/b/", "m$p"), "file:///a/b/m$p");
        assert_eq!(resolve("file:///a/b/m$p", "common/x.json"), "file:///a/b/common/x.json");
        assert_eq!(resolve("https://h.example/s/a.json", "/b.json"), "https://h.example/b.json");
        assert_eq!(resolve("https://h.example/s/a.json", "./c/../b.json"), "https://h.example/s/b.json");
        assert_eq!(resolve("file:///a/b.json", "https://x.example/y.json#/z"), "https://x.example/y.json#/z");
        assert_eq!(resolve("file:///a/b.json", "urn:x:y"), "urn:x:y");
    }

    #[test]
    fn normalize_and_decode() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(percent_decode("a%24b%2"), "a$b%2");
        assert_eq!(encode_fragment("/a b"), "/a%20b");
    }
}
