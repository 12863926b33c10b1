//! Stage two: lower the read spec into the generator's model ([`crate::ir`]): types named,
//! shapes decided (struct, enum, tagged union, alias), recursion boxed.

mod discriminator;
mod exact;
pub mod names;
mod recursion;
mod rules;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diag::{join, Ctx};
use crate::ir::*;
use crate::read::{BodyKind, Document, DocumentKind, JsonType, OperationKind, ParamLocation, Schema};
use names::{field_name, type_name};

/// The schema a type's rules come from, for the rules pass.
#[derive(Clone)]
enum Source<'a> {
    /// The schema that made the type.
    Schema(&'a Schema),
    /// A union variant's struct of fields: the variant, the union's parent and the variant's keys.
    Variant { variant: &'a Schema, parent: &'a Schema, own: Vec<String> },
    /// A union: its parent schema and each variant's schema, in variant order.
    Union { parent: &'a Schema, variants: Vec<&'a Schema> },
    /// Parameters: (name, schema).
    Params(Vec<(String, &'a Schema)>),
}

struct Lowerer<'a> {
    cx: &'a mut Ctx,
    /// Where each type's rules come from.
    sources: BTreeMap<String, Source<'a>>,
    /// Schema pointer → the type it made.
    defined_at: BTreeMap<String, String>,
    /// While compiling a union variant's rules: the keys its parent owns.
    elsewhere: Vec<String>,
    /// Type name → index in `types`.
    index: BTreeMap<String, usize>,
    doc: &'a Document,
    /// Component name → (Rust type name, schema).
    named: BTreeMap<String, (String, &'a Schema)>,
    types: Vec<TypeDef>,
    /// Rust type name → pointer of the schema that took it.
    taken: BTreeMap<String, String>,
    /// Pointers of the positions left to the schema validator (see [`exact`]).
    untyped: std::collections::BTreeSet<String>,
    /// Some schema below the root has an `$id`: `$ref`s may resolve against another base.
    nested_ids: bool,
    /// The types a message is made of whole (bodies, parameter structs): see [`Module::roots`].
    roots: std::collections::BTreeSet<String>,
    /// The tagged parts named by a discriminator's `x-rust-name`: name → (tag, `oneOf` as
    /// written, the keys its variants own). Another object whose discriminator gives the same
    /// name and the same `oneOf` holds the same enum (see [`Lowerer::union_kind`]).
    shared_unions: BTreeMap<String, (String, Value, Vec<String>)>,
    /// Pointers of the discriminators whose `mapping` was already checked (see [`discriminator`]).
    discriminators_seen: std::collections::BTreeSet<String>,
}

pub(crate) fn lower(cx: &mut Ctx, doc: &Document) -> Module {
    let mut l = Lowerer {
        cx,
        doc,
        named: BTreeMap::new(),
        types: Vec::new(),
        taken: BTreeMap::new(),
        sources: BTreeMap::new(),
        defined_at: BTreeMap::new(),
        elsewhere: Vec::new(),
        index: BTreeMap::new(),
        untyped: Default::default(),
        nested_ids: doc.raw.as_object().is_some_and(|o| o.values().any(has_id)),
        roots: Default::default(),
        shared_unions: BTreeMap::new(),
        discriminators_seen: Default::default(),
    };
    // Decide the names of all named schemas first, so `$ref`s resolve in any order.
    for (name, schema) in &doc.schemas {
        let ptr = schema.pointer.clone();
        match schema.rust_name.clone() {
            Some(rust) => {
                if l.claim(&rust, &ptr) {
                    l.named.insert(name.clone(), (rust, schema));
                }
            }
            // A name derived from the schema's key: a clash takes the next free number.
            None => {
                let rust = l.claim_unique(&type_name(name).unwrap_or_else(|| "Schema".into()), &ptr);
                l.named.insert(name.clone(), (rust, schema));
            }
        }
    }
    l.check_ref_loops();
    let mut module = Module::default();
    for (name, schema) in &doc.schemas {
        if let Some((rust, _)) = l.named.get(name).cloned() {
            l.define(&rust, schema);
        }
    }
    match &doc.kind {
        DocumentKind::Standalone { root, root_name } => {
            match type_name(root_name) {
                Some(rust) if l.claim(&rust, "") => {
                    module.roots.insert(rust.clone());
                    l.define(&rust, root);
                    l.newtype_if_alias(&rust, Some("The root of the schema."));
                }
                Some(_) => {}
                None => l.cx.err("", format!("root name `{root_name}` is not a Rust type name")),
            }
            module.doc = root.description.clone();
        }
        DocumentKind::OpenApi(api) => {
            // The bundled layout: one operation under `paths` (its callbacks inside it) and no
            // webhooks is the module itself.
            let on_paths = api.operations.iter().filter(|o| o.kind == OperationKind::Path).count();
            let webhooks = api.operations.iter().any(|o| matches!(o.kind, OperationKind::Webhook(_)));
            module.flat = on_paths == 1 && !webhooks;
            if module.flat {
                let op = &api.operation;
                module.doc = Some(module_doc(api, Some(op)));
                let lowered = l.operation(api, op, None);
                module.aliases = lowered.aliases.clone();
                module.error_codes = lowered.error_codes.clone();
                module.error_code_field = lowered.error_code_field.clone();
                module.endpoint = Some(lowered.endpoint.clone());
                module.operations.push(lowered);
            } else {
                module.doc = Some(module_doc(api, None));
                let mut modules = names::Dedup::default();
                // Callback operations are named after their parent's module.
                let mut by_pointer: BTreeMap<&str, String> = BTreeMap::new();
                for op in &api.operations {
                    let base = match (&op.kind, op.operation_id.as_str()) {
                        (_, id) if !id.is_empty() => field_name(id),
                        (OperationKind::Webhook(key), _) => field_name(key),
                        (OperationKind::Callback { parent, name, .. }, _) => {
                            let parent = by_pointer.get(parent.as_str()).cloned().unwrap_or_default();
                            field_name(&format!("{parent} {name} {}", op.method))
                        }
                        (OperationKind::Path, _) => field_name(&format!("{} {}", op.method, op.path)),
                    }
                    .unwrap_or_else(|| "operation".into());
                    let module_name = modules.unique(&base);
                    by_pointer.insert(op.pointer.as_str(), module_name.clone());
                    let lowered = l.operation(api, op, Some(module_name));
                    // `error_code()` is an inherent method of the response type: two operations
                    // sharing that type cannot both add it.
                    if let (Some(f), Some((_, at))) = (&lowered.error_code_field, &op.error_code_field) {
                        let earlier = module
                            .operations
                            .iter()
                            .find(|o| o.error_code_field.as_ref().is_some_and(|g| g.ty == f.ty));
                        if let Some(earlier) = earlier {
                            l.cx.err(
                                at,
                                format!(
                                    "the response type `{}` already gets `error_code()` from operation `{}`; give one operation its own response schema",
                                    f.ty, earlier.module
                                ),
                            );
                        }
                    }
                    module.operations.push(lowered);
                }
            }
        }
    }
    module.roots.extend(std::mem::take(&mut l.roots));
    recursion::box_cycles(&mut l.types);
    if let Some((head, depth, chain)) = recursion::deepest_chain(&l.types) {
        let at = l.defined_at.iter().find(|(_, n)| **n == head).map(|(p, _)| p.clone()).unwrap_or_default();
        l.cx.err(
            &at,
            format!(
                "`{head}` owns a chain of {depth} types ({} ...), more than {}: rustc's drop check and layout \
                 recurse through every level, boxed or not, and stop at its recursion limit; shorten the chain",
                chain.join(" > "),
                recursion::MAX_OWNED_DEPTH
            ),
        );
    }
    l.check_untyped();
    if !l.cx.has_errors() {
        l.compile_rules();
        l.depth_rules();
        l.prune_rules();
    }
    module.document = Some(doc.raw.to_string());
    module.needs = crate::ir::needs(&doc.raw);
    module.needs.schema = crate::ir::first_schema_check(&l.types);
    module.refs = l
        .named
        .iter()
        .map(|(k, (rust, _))| (format!("{}{}", doc.ref_prefix, k.replace('~', "~0").replace('/', "~1")), rust.clone()))
        .collect();
    module.types = l.types;
    module.index = l.index;
    module
}

fn module_doc(api: &crate::read::Api, op: Option<&crate::read::Operation>) -> String {
    let mut d = String::new();
    match op {
        Some(op) => {
            d.push_str(&format!("`{} {}`: {}", op.method, op.path, api.info.title));
            if let Some(s) = &op.summary {
                d.push_str(&format!("\n\n{s}"));
            }
            if let Some(s) = api.info.description.as_ref().or(op.description.as_ref()) {
                d.push_str(&format!("\n\n{s}"));
            }
        }
        None => {
            d.push_str(&format!("{} (version {}): one submodule per operation.", api.info.title, api.info.version));
            if let Some(s) = api.info.description.as_ref() {
                d.push_str(&format!("\n\n{s}"));
            }
        }
    }
    if let Some(v) = &api.info.vendor_doc {
        d.push_str("\n\nVendor document:");
        if let Some(t) = &v.title {
            d.push_str(&format!(" {t}"));
        }
        if let Some(r) = &v.revision {
            d.push_str(&format!(", revision of {r}"));
        }
        if let Some(u) = &v.url {
            d.push_str(&format!(" <{u}>"));
        }
    }
    d
}

impl<'a> Lowerer<'a> {
    /// Adds a type, keeping the name index.
    fn push_type(&mut self, t: TypeDef) {
        self.index.insert(t.name.clone(), self.types.len());
        self.types.push(t);
    }

    /// The type named `name`.
    fn typedef(&self, name: &str) -> Option<&TypeDef> {
        self.index.get(name).and_then(|i| self.types.get(*i))
    }

    /// Takes a Rust type name, reporting a clash.
    fn claim(&mut self, rust: &str, ptr: &str) -> bool {
        if rust.starts_with("__") {
            self.cx.err(ptr, format!("the Rust name `{rust}` starts with `__`, which is reserved for generated code"));
            return false;
        }
        if let Some(prev) = self.taken.get(rust) {
            let prev = if prev.is_empty() { "the root".to_owned() } else { format!("`{prev}`") };
            self.cx.err(
                ptr,
                format!("this schema and {prev} map to the same Rust name `{rust}`; rename one with `x-rust-name` or `title`"),
            );
            return false;
        }
        self.taken.insert(rust.to_owned(), ptr.to_owned());
        true
    }

    /// Takes `base`, or `base2`, `base3`, ... the first free name ([`names::Dedup`]'s rule).
    fn claim_unique(&mut self, base: &str, ptr: &str) -> String {
        let base = if base.starts_with("__") { base.trim_start_matches('_') } else { base };
        let base = if base.is_empty() { "Type" } else { base };
        let mut n = 1u64;
        loop {
            let name = names::tidy_type_name(&if n == 1 {
                base.to_owned()
            } else if base.ends_with(|c: char| c.is_ascii_digit()) {
                format!("{base}_{n}")
            } else {
                format!("{base}{n}")
            });
            if !self.taken.contains_key(&name) {
                self.taken.insert(name.clone(), ptr.to_owned());
                return name;
            }
            n += 1;
        }
    }

    /// Resolves a `$ref` to the named schema it points at.
    fn resolve(&mut self, s: &Schema) -> Option<(String, &'a Schema)> {
        let r = s.reference.as_ref()?;
        let ptr = join(&s.pointer, "$ref");
        let Some(name) = r.strip_prefix(self.doc.ref_prefix) else {
            self.cx.err(
                &ptr,
                format!(
                    "unsupported `$ref` `{r}`: only local references of the form `{}Name` are supported",
                    self.doc.ref_prefix
                ),
            );
            return None;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        match self.named.get(&name) {
            Some((rust, schema)) => Some((rust.clone(), *schema)),
            None => {
                if !self.doc.schemas.iter().any(|(n, _)| *n == name) {
                    self.cx.err(&ptr, format!("`$ref` points at `{r}`, which does not exist"));
                }
                None
            }
        }
    }

    /// Resolves a `$ref` without reporting (the definition pass already did).
    fn resolve_quiet(&self, s: &Schema) -> Option<(String, &'a Schema)> {
        let name = s.reference.as_ref()?.strip_prefix(self.doc.ref_prefix)?.replace("~1", "/").replace("~0", "~");
        self.named.get(&name).map(|(rust, schema)| (rust.clone(), *schema))
    }

    /// Reports `$ref` chains that loop without an object or array between.
    fn check_ref_loops(&mut self) {
        let names: Vec<String> = self.named.keys().cloned().collect();
        for start in names {
            let mut seen = vec![start.clone()];
            let mut cur = self.named[&start].1;
            while let Some(next) = alias_target(cur, self.doc.ref_prefix) {
                if next == start {
                    // Report each cycle once, at its first member in name order.
                    if seen.iter().any(|n| *n < start) {
                        break;
                    }
                    let chain =
                        seen.iter().chain(std::iter::once(&next)).map(String::as_str).collect::<Vec<_>>().join(" → ");
                    let ptr = join(&self.named[&start].1.pointer, "$ref");
                    self.cx.err(&ptr, format!("`$ref` cycle with no object or array between: {chain}"));
                    break;
                }
                if seen.contains(&next) {
                    break;
                }
                let Some((_, s)) = self.named.get(&next) else { break };
                seen.push(next);
                cur = s;
            }
        }
    }

    /// A root (standalone schema, request, response, callback) that lowered to an alias becomes
    /// a newtype, so it has `from_json`, `validate()` and its own rules.
    fn newtype_if_alias(&mut self, rust: &str, doc: Option<&str>) {
        if let Some(t) = self.index.get(rust).and_then(|i| self.types.get_mut(*i)) {
            if matches!(t.kind, Kind::Alias(_)) {
                t.newtype = true;
                if t.doc.is_none() {
                    t.doc = doc.map(str::to_owned);
                }
            }
        }
    }

    /// Compiles the schema validator at every untyped position, so a problem only it finds (a
    /// dangling or remote `$ref`, ...) is reported now with its pointer, and the generated code
    /// can never fail to compile it.
    fn check_untyped(&mut self) {
        // A place the reader already reported is not reported again in other words.
        let reported: std::collections::BTreeSet<String> = self.cx.diags.iter().map(|d| d.pointer.clone()).collect();
        for ptr in self.untyped.clone() {
            if let Err(errors) = group_msg_rules::schema::Validator::compile(&self.doc.raw, &ptr) {
                for e in errors {
                    if !reported.contains(&e.pointer) {
                        self.cx.err(&e.pointer, e.message);
                    }
                }
            }
        }
    }

    /// Defines the named type `rust` from `s`.
    fn define(&mut self, rust: &str, s: &'a Schema) {
        self.define_at(rust, s, false)
    }

    /// [`Self::define`] for a position that is an object property when `field`.
    fn define_at(&mut self, rust: &str, s: &'a Schema, field: bool) {
        self.check_discriminator(s);
        let mut doc = s.description.clone().or_else(|| s.title.clone());
        if let Some(d) = self.mapping_doc(s) {
            doc = Some(match doc {
                Some(text) => format!("{text}\n\n{d}"),
                None => d,
            });
        }
        let kind = if !self.typed(s, field) {
            self.untyped.insert(s.pointer.clone());
            Kind::Alias(Ty::Any)
        } else if self.tagged_union(s) {
            self.union_kind(rust, s)
        } else if self.enum_kind_preview(s) {
            match self.enum_kind(s) {
                Some(e) => Kind::Enum(e),
                None => Kind::Alias(Ty::Any),
            }
        } else if is_struct(s) {
            Kind::Struct(self.struct_kind(rust, s, &s.properties, &s.required, extra_of(s)))
        } else if let Some(prefix) = long_tuple(s) {
            // A named tuple (the emitter writes a tuple struct with its own impls).
            Kind::Alias(Ty::Tuple(prefix.iter().enumerate().map(|(i, p)| self.ty(p, &format!("{rust}{i}"))).collect()))
        } else {
            Kind::Alias(self.ty(s, rust))
        };
        self.push_type(TypeDef {
            name: rust.to_owned(),
            doc,
            schema: s.raw.clone(),
            kind,
            checks: Vec::new(),
            newtype: false,
        });
        self.defined_at.insert(s.pointer.clone(), rust.to_owned());
        self.sources.entry(rust.to_owned()).or_insert(Source::Schema(s));
    }

    /// The type of a value described by `s`; inline shapes become new types named `hint`.
    fn ty(&mut self, s: &'a Schema, hint: &str) -> Ty {
        self.ty_at(s, hint, false)
    }

    /// [`Self::ty`] of an object property when `field` (a `null` in `type` becomes `Option`).
    fn ty_at(&mut self, s: &'a Schema, hint: &str, field: bool) -> Ty {
        self.check_discriminator(s);
        if !self.typed(s, field) {
            self.untyped.insert(s.pointer.clone());
            return Ty::Any;
        }
        if s.reference.is_some() {
            return match self.resolve(s) {
                Some((rust, _)) => Ty::Named(rust),
                None => Ty::Any,
            };
        }
        if s.boolean.is_some() {
            return Ty::Any;
        }
        let defines_type = self.tagged_union(s) || is_struct(s) || self.enum_kind_preview(s) || long_tuple(s).is_some();
        if defines_type {
            let name = s
                .rust_name
                .clone()
                .or_else(|| s.title.as_deref().and_then(type_name))
                .unwrap_or_else(|| hint.to_owned());
            // An inline type takes the first free name: `Name`, `Name2`, ... (a hint is composed,
            // `{parent}Item`, so it is tidied: `Self_Item` is `SelfItem`).
            let name = match s.rust_name {
                Some(_) => name,
                None => (1..)
                    .map(|i| names::tidy_type_name(&if i == 1 { name.clone() } else { format!("{name}{i}") }))
                    .find(|n| !self.taken.contains_key(n))
                    .unwrap_or(name),
            };
            if !self.claim(&name, &s.pointer) {
                return Ty::Any;
            }
            self.define_at(&name, s, field);
            return Ty::Named(name);
        }
        if s.enumeration.is_some() || s.constant.is_some() {
            let v = s.constant.as_ref().or_else(|| s.enumeration.as_ref().and_then(|e| e.first()));
            return match v {
                Some(Value::String(_)) => Ty::String,
                Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ty::Int(int_ty(s)),
                Some(Value::Number(_)) => Ty::F64,
                Some(Value::Bool(_)) => Ty::Bool,
                _ => Ty::Any,
            };
        }
        match s.single_type() {
            Some(JsonType::String) => Ty::String,
            Some(JsonType::Integer) => Ty::Int(int_ty(s)),
            Some(JsonType::Number) => Ty::F64,
            Some(JsonType::Boolean) => Ty::Bool,
            Some(JsonType::Object) => match s.additional_properties.as_deref() {
                Some(ap) if ap.boolean.is_none() && !ap.is_trivial() => {
                    Ty::Map(Box::new(self.ty(ap, &format!("{hint}Value"))))
                }
                _ => Ty::Map(Box::new(Ty::Any)),
            },
            Some(JsonType::Array) => self.array_ty(s, hint),
            Some(JsonType::Null) => Ty::Any,
            None if s.types.is_none() && (s.items.is_some() || s.prefix_items.is_some()) => self.array_ty(s, hint),
            None if s.types.is_none() => self.combinator_ty(s, hint),
            None => Ty::Any,
        }
    }

    fn array_ty(&mut self, s: &'a Schema, hint: &str) -> Ty {
        if let Some(prefix) = &s.prefix_items {
            if s.items.as_ref().is_some_and(|i| i.boolean == Some(false)) {
                return Ty::Tuple(prefix.iter().enumerate().map(|(i, p)| self.ty(p, &format!("{hint}{i}"))).collect());
            }
            return Ty::Vec(Box::new(Ty::Any));
        }
        match s.items.as_deref() {
            Some(items) => Ty::Vec(Box::new(self.ty(items, &format!("{hint}Item")))),
            None => Ty::Vec(Box::new(Ty::Any)),
        }
    }

    /// A schema without `type`: `allOf` with one `$ref`, or branches that agree on one type.
    fn combinator_ty(&mut self, s: &'a Schema, hint: &str) -> Ty {
        if let [only] = s.all_of.as_slice() {
            if only.reference.is_some() {
                return self.ty(only, hint);
            }
        }
        if let Some(item) = self.rows_item(s, hint) {
            return Ty::Rows(Box::new(item));
        }
        let branches = if !s.one_of.is_empty() { &s.one_of } else { &s.any_of };
        if !branches.is_empty() {
            let tys: Vec<Ty> = branches
                .iter()
                .map(|b| if b.reference.is_some() || b.single_type().is_some() { self.ty(b, hint) } else { Ty::Any })
                .collect();
            if tys.windows(2).all(|w| w[0] == w[1]) {
                return tys[0].clone();
            }
        }
        Ty::Any
    }

    /// `anyOf` of exactly an array of arrays of T and an array of T (either order): the item
    /// type T of a `runtime::Rows`.
    pub(super) fn rows_item(&mut self, s: &'a Schema, hint: &str) -> Option<Ty> {
        let [a, b] = s.any_of.as_slice() else { return None };
        if !s.one_of.is_empty() || !s.all_of.is_empty() {
            return None;
        }
        let array_items = |x: &'a Schema| -> Option<&'a Schema> {
            (x.single_type() == Some(JsonType::Array) && x.prefix_items.is_none() && x.reference.is_none())
                .then_some(x.items.as_deref())
                .flatten()
        };
        let (ia, ib) = (array_items(a)?, array_items(b)?);
        let (rows, flat) = match (array_items(ia), array_items(ib)) {
            (Some(inner), None) => (inner, ib),
            (None, Some(inner)) => (inner, ia),
            _ => return None,
        };
        // Both must name the same item type: a `$ref` to the same schema.
        let (Some(r1), Some(r2)) = (&rows.reference, &flat.reference) else { return None };
        if r1 != r2 {
            return None;
        }
        // An object type: it has a `Validate` impl of its own.
        let (_, target) = self.resolve(flat)?;
        if target.single_type() != Some(JsonType::Object) && !self.tagged_union(target) {
            return None;
        }
        Some(self.ty(flat, hint))
    }

    fn enum_kind_preview(&self, s: &Schema) -> bool {
        (s.enumeration.as_ref().is_some_and(|e| e.len() > 1 || e.iter().any(|v| !v.is_string()))
            && s.constant.is_none())
            || (!s.one_of.is_empty() && s.one_of.iter().all(|b| b.constant.is_some()))
    }

    /// An enum from `enum` (several values) or `oneOf` of `const`s.
    fn enum_kind(&mut self, s: &'a Schema) -> Option<Enum> {
        if !self.enum_kind_preview(s) {
            return None;
        }
        let mut values: Vec<EnumValue> = Vec::new();
        if let Some(list) = &s.enumeration {
            for (i, v) in list.iter().enumerate() {
                let vp = join(&join(&s.pointer, "enum"), &i.to_string());
                match v {
                    Value::String(w) => {
                        let rust = type_name(w).unwrap_or_else(|| "Value".into());
                        values.push(EnumValue { rust, wire: Lit::Str(w.clone()), doc: None })
                    }
                    Value::Number(_) => {
                        self.cx.err(&join(&s.pointer, "enum"), "an integer `enum` has no variant names; write it as `oneOf` of `const` with a `title` each");
                        return None;
                    }
                    other => {
                        self.cx.err(&vp, format!("enum values must be strings, found {other}"));
                        return None;
                    }
                }
            }
        } else {
            for b in &s.one_of {
                let c = b.constant.as_ref()?;
                let wire = match c {
                    Value::String(w) => Lit::Str(w.clone()),
                    Value::Number(n) if n.as_i64().is_some() => Lit::Int(n.as_i64().unwrap_or_default()),
                    other => {
                        self.cx.err(
                            &join(&b.pointer, "const"),
                            format!("enum constants must be strings or integers, found {other}"),
                        );
                        return None;
                    }
                };
                let name =
                    b.rust_name.clone().or_else(|| b.title.as_deref().and_then(type_name)).or_else(|| match &wire {
                        Lit::Str(w) => type_name(w),
                        Lit::Int(_) => None,
                    });
                match name {
                    Some(rust) => values.push(EnumValue { rust, wire, doc: b.description.clone() }),
                    None => {
                        self.cx.err(&b.pointer, "this enum constant needs a `title` to name its Rust variant");
                        return None;
                    }
                }
            }
        }
        // Names derived from values that meet get numbers in value order (`x-rust-name` and
        // `title` names are the spec's choice: a clash there is an error).
        let given: Vec<bool> = if s.enumeration.is_some() {
            vec![false; values.len()]
        } else {
            s.one_of.iter().map(|b| b.rust_name.is_some() || b.title.is_some()).collect()
        };
        let mut dedup = names::Dedup::default();
        for (v, g) in values.iter().zip(&given) {
            if *g {
                dedup.reserve(&v.rust);
            }
        }
        for (v, g) in values.iter_mut().zip(&given) {
            if !*g {
                v.rust = dedup.unique(&v.rust);
            }
        }
        let mut seen = BTreeMap::new();
        for (i, v) in values.iter().enumerate() {
            if let Some(j) = seen.insert(v.rust.clone(), i) {
                self.cx.err(
                    &s.pointer,
                    format!(
                        "enum values {} and {} both map to the Rust variant `{}`",
                        lit_text(&values[j].wire),
                        lit_text(&v.wire),
                        v.rust
                    ),
                );
            }
        }
        if values.iter().any(|v| matches!(v.wire, Lit::Str(_))) && values.iter().any(|v| matches!(v.wire, Lit::Int(_)))
        {
            self.cx.err(&s.pointer, "an enum mixes string and integer values");
        }
        Some(Enum { values })
    }

    fn struct_kind(
        &mut self,
        rust: &str,
        s: &'a Schema,
        props: &'a [(String, Schema)],
        required: &[String],
        extra: Option<&'a Schema>,
    ) -> Struct {
        let fields = self.fields(rust, s, props, required, |_| true);
        let extra = match extra {
            Some(ap) if ap.boolean == Some(false) => Extra::Deny,
            Some(ap) if !ap.is_trivial() => Extra::Keep(self.ty(ap, &format!("{rust}Extra"))),
            _ => Extra::Keep(Ty::Any),
        };
        if extra != Extra::Deny && fields.iter().any(|f| f.rust == "extra") {
            self.cx.err(&join(&s.pointer, "properties"), "a property named `extra` clashes with the map of unknown keys; set `x-rust-name` or `additionalProperties: false`");
        }
        Struct { fields, extra, union: None }
    }

    fn fields(
        &mut self,
        rust: &str,
        s: &'a Schema,
        props: &'a [(String, Schema)],
        required: &[String],
        keep: impl Fn(&str) -> bool,
    ) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        let props_ptr = join(&s.pointer, "properties");
        for (wire, ps) in props {
            if !keep(wire) {
                continue;
            }
            let fp = join(&props_ptr, wire);
            let Some(mut fname) = ps.rust_name.clone().or_else(|| field_name(wire)) else {
                self.cx.err(&fp, format!("property `{wire}` yields no Rust field name; add `x-rust-name`"));
                continue;
            };
            // A derived name that meets an earlier field's takes the next free number.
            if ps.rust_name.is_none() && fields.iter().any(|f| f.rust == fname) {
                let mut dedup = names::Dedup::default();
                for f in &fields {
                    dedup.reserve(&f.rust);
                }
                // Later properties' own `x-rust-name`s stay free for them.
                for (_, later) in props.iter() {
                    if let Some(n) = &later.rust_name {
                        dedup.reserve(n);
                    }
                }
                fname = dedup.unique(&fname);
            }
            if let Some(other) = fields.iter().find(|f| f.rust == fname) {
                self.cx.err(&fp, format!("properties `{}` and `{wire}` map to the same Rust name `{fname}`; rename one with `x-rust-name`", other.wire));
                continue;
            }
            let hint = format!(
                "{rust}{}",
                type_name(wire)
                    .unwrap_or_else(|| heck::ToUpperCamelCase::to_upper_camel_case(fname.trim_start_matches("r#")))
            );
            let ty = self.ty_at(ps, &hint, true);
            let nullable = ps.nullable() && ty != Ty::Any;
            let doc = ps.description.clone().or_else(|| ps.title.clone().filter(|_| ps.reference.is_none()));
            fields.push(Field {
                rust: fname,
                wire: wire.clone(),
                doc,
                ty,
                required: required.contains(wire),
                nullable,
                boxed: false,
                default: ps.default.clone(),
                constant: const_of(ps),
                secret: false,
            });
        }
        fields
    }

    /// A tagged union: an enum, or a struct of common fields holding the enum.
    fn union_kind(&mut self, rust: &str, s: &'a Schema) -> Kind {
        let Some(d) = &s.discriminator else { return Kind::Alias(Ty::Any) };
        let tag = d.property_name.clone();
        if s.one_of.is_empty() {
            self.cx.err(&d.pointer, "`discriminator` needs `oneOf` beside it, one variant per tag value");
            return Kind::Alias(Ty::Any);
        }
        struct V<'s> {
            rust: String,
            doc: Option<String>,
            tag: Lit,
            schema: &'s Schema,
            own: Vec<&'s str>,
        }
        let mut variants: Vec<V<'a>> = Vec::new();
        for b in &s.one_of {
            let (ref_name, vs) = if b.reference.is_some() {
                match self.resolve(b) {
                    Some((n, vs)) => (Some(n), vs),
                    None => continue,
                }
            } else {
                (None, b)
            };
            let tag_schema = vs.properties.iter().find(|(k, _)| *k == tag).map(|(_, t)| t);
            let lit = tag_schema.and_then(|t| {
                t.constant.clone().or_else(|| t.enumeration.as_ref().filter(|e| e.len() == 1).map(|e| e[0].clone()))
            });
            let lit = match lit {
                Some(Value::String(v)) => Lit::Str(v),
                Some(Value::Number(n)) if n.as_i64().is_some() => Lit::Int(n.as_i64().unwrap_or_default()),
                _ => {
                    let at = if tag_schema.is_some() {
                        join(&join(&vs.pointer, "properties"), &tag)
                    } else {
                        join(&vs.pointer, "properties")
                    };
                    self.cx.err(&at, format!("a `oneOf` variant of a discriminated union needs `properties.{tag}.const` (a string or integer)"));
                    continue;
                }
            };
            let name =
                b.title.as_deref().or(vs.title.as_deref()).and_then(type_name).or(ref_name).or_else(|| match &lit {
                    Lit::Str(v) => type_name(v),
                    Lit::Int(_) => None,
                });
            let Some(vname) = name else {
                self.cx.err(
                    &b.pointer,
                    format!("the variant with tag {} needs a `title` to name its Rust variant", lit_text(&lit)),
                );
                continue;
            };
            if let Some(prev) = variants.iter().find(|v| v.tag == lit) {
                self.cx.err(
                    &join(&join(&join(&vs.pointer, "properties"), &tag), "const"),
                    format!("duplicate tag {}: variant `{}` has it too", lit_text(&lit), prev.rust),
                );
                continue;
            }
            if variants.iter().any(|v| v.rust == vname) {
                self.cx.err(
                    &b.pointer,
                    format!("two variants map to the Rust name `{vname}`; give one a different `title`"),
                );
                continue;
            }
            if variants.first().is_some_and(|f| std::mem::discriminant(&f.tag) != std::mem::discriminant(&lit)) {
                self.cx
                    .err(&join(&join(&vs.pointer, "properties"), &tag), "the tags of a union mix strings and integers");
                continue;
            }
            let own =
                vs.properties.iter().filter(|(k, p)| *k != tag && !p.is_trivial()).map(|(k, _)| k.as_str()).collect();
            variants.push(V {
                rust: vname,
                doc: b.description.clone().or(vs.description.clone()),
                tag: lit,
                schema: vs,
                own,
            });
        }
        let pinned: Vec<(Option<String>, Value)> = s
            .one_of
            .iter()
            .filter_map(|b| {
                let rust = self.resolve_quiet(b).map(|(n, _)| n);
                let vs = match &b.reference {
                    Some(_) => self.resolve_quiet(b)?.1,
                    None => b,
                };
                Some((rust, discriminator::tag_constant(vs, &tag)?))
            })
            .collect();
        self.check_mapping_against_consts(d, &pinned);
        let owned: Vec<&str> = variants.iter().flat_map(|v| v.own.iter().copied()).collect();
        let strict = matches!(s.additional_properties.as_deref(), Some(ap) if ap.boolean == Some(false));
        let has_common = s.properties.iter().any(|(k, _)| *k != tag && !owned.contains(&k.as_str()));
        let enum_name = if has_common {
            d.rust_name.clone().unwrap_or_else(|| format!("{rust}{}", type_name(&tag).unwrap_or_else(|| "Kind".into())))
        } else {
            rust.to_owned()
        };
        let one_of_raw = s.raw.get("oneOf").cloned().unwrap_or(Value::Null);
        if has_common && d.rust_name.is_some() {
            // A tagged part named by `x-rust-name` that an earlier object already defined with the
            // same tag and `oneOf` (a vendor's operations sending the same message): one enum.
            if let Some((prev_tag, prev_one_of, prev_owned)) = self.shared_unions.get(&enum_name) {
                if *prev_tag == tag && *prev_one_of == one_of_raw {
                    let owned = prev_owned.clone();
                    // Its documentation names every object that holds it.
                    if let Some(doc) = self.index.get(&enum_name).and_then(|&i| self.types[i].doc.as_mut()) {
                        if let Some(head) = doc.strip_suffix('.') {
                            *doc = format!("{head}, [`{rust}`].");
                        }
                    }
                    return self.flat_union_struct(rust, s, d, &tag, &enum_name, &owned, strict);
                }
                self.cx.err(
                    &d.pointer,
                    format!(
                        "`x-rust-name` `{enum_name}` names another tagged part: a shared one needs the same `propertyName` and the same `oneOf`"
                    ),
                );
                return Kind::Alias(Ty::Any);
            }
        }
        if has_common && !self.claim(&enum_name, &d.pointer) {
            return Kind::Alias(Ty::Any);
        }
        if has_common && d.rust_name.is_some() {
            self.shared_unions.insert(
                enum_name.clone(),
                (tag.clone(), one_of_raw.clone(), owned.iter().map(|k| (*k).to_owned()).collect()),
            );
        }
        let mut out = Vec::new();
        let mut variant_schemas = Vec::new();
        for v in &variants {
            let payload = match v.own.as_slice() {
                [] => Payload::Unit,
                [key] if v.schema.required.iter().any(|r| r == key) => {
                    let ps = &v.schema.properties.iter().find(|(k, _)| k == key).map(|(_, p)| p);
                    let Some(ps) = ps else { continue };
                    let ty = self.ty(ps, &format!("{rust}{}", v.rust));
                    Payload::Single { key: (*key).to_owned(), ty, boxed: false }
                }
                _ => {
                    let sname = format!("{rust}{}", v.rust);
                    if !self.claim(&sname, &v.schema.pointer) {
                        continue;
                    }
                    let own = v.own.clone();
                    let fields =
                        self.fields(&sname, v.schema, &v.schema.properties, &v.schema.required, |k| own.contains(&k));
                    let extra = if strict
                        || matches!(v.schema.additional_properties.as_deref(), Some(ap) if ap.boolean == Some(false))
                    {
                        Extra::Deny
                    } else {
                        Extra::Keep(Ty::Any)
                    };
                    self.push_type(TypeDef {
                        name: sname.clone(),
                        doc: v
                            .doc
                            .clone()
                            .or_else(|| Some(format!("The fields of the `{}` variant of [`{enum_name}`].", v.rust))),
                        schema: variant_schema(v.schema, &tag),
                        kind: Kind::Struct(Struct { fields, extra, union: None }),
                        checks: Vec::new(),
                        newtype: false,
                    });
                    self.sources.insert(
                        sname.clone(),
                        Source::Variant {
                            variant: v.schema,
                            parent: s,
                            own: v.own.iter().map(|k| (*k).to_owned()).collect(),
                        },
                    );
                    Payload::Struct(sname)
                }
            };
            out.push(Variant {
                rust: v.rust.clone(),
                doc: v.doc.clone(),
                tag: v.tag.clone(),
                payload,
                checks: Vec::new(),
                deny_unknown: matches!(v.schema.additional_properties.as_deref(), Some(ap) if ap.boolean == Some(false)),
            });
            variant_schemas.push(v.schema);
        }
        let union = Union { tag: tag.clone(), variants: out, strict };
        self.sources.insert(enum_name.clone(), Source::Union { parent: s, variants: variant_schemas });
        if !has_common {
            return Kind::Union(union);
        }
        let union_schema = serde_json::json!({ "oneOf": one_of_raw });
        self.push_type(TypeDef {
            name: enum_name.clone(),
            doc: Some(format!("The `{tag}`-tagged part of [`{rust}`].")),
            schema: union_schema,
            kind: Kind::Union(union),
            checks: Vec::new(),
            newtype: false,
        });
        let owned: Vec<String> = owned.iter().map(|k| (*k).to_owned()).collect();
        self.flat_union_struct(rust, s, d, &tag, &enum_name, &owned, strict)
    }

    /// The struct of an object's common fields holding its tagged part `enum_name`.
    #[allow(clippy::too_many_arguments)]
    fn flat_union_struct(
        &mut self,
        rust: &str,
        s: &'a Schema,
        d: &crate::read::schema::Discriminator,
        tag: &str,
        enum_name: &str,
        owned: &[String],
        strict: bool,
    ) -> Kind {
        let fields = self.fields(rust, s, &s.properties, &s.required, |k| k != tag && !owned.iter().any(|o| o == k));
        let mut st = Struct { fields, extra: if strict { Extra::Deny } else { Extra::Keep(Ty::Any) }, union: None };
        let position = match s.properties.iter().position(|(k, _)| *k == tag) {
            Some(ti) => st.fields.iter().filter(|f| s.properties[..ti].iter().any(|(k, _)| *k == f.wire)).count(),
            None => st.fields.len(),
        };
        // Named from the tag, whatever the enum is called: objects sharing a tagged part (same
        // `x-rust-name`) hold it in a field of the same name.
        let field = field_name(tag).unwrap_or_else(|| "kind".into());
        if st.fields.iter().any(|f| f.rust == field) {
            self.cx.err(&d.pointer, format!("the union field `{field}` clashes with a property of the same Rust name"));
        }
        st.union = Some(FlatUnion { rust: field, ty: enum_name.to_owned(), position });
        Kind::Struct(st)
    }

    /// The struct of one location's parameters (and api keys); false when there are none.
    fn params_struct(
        &mut self,
        name: &str,
        loc: ParamLocation,
        op: &'a crate::read::Operation,
        unique: bool,
    ) -> Option<String> {
        let mut fields = Vec::new();
        for p in op.parameters.iter().filter(|p| p.location == loc) {
            let Some(rust) = field_name(&p.name) else {
                self.cx.err(&join(&p.pointer, "name"), format!("parameter `{}` yields no Rust field name", p.name));
                continue;
            };
            let ty = self.ty(&p.schema, &format!("{name}{}", type_name(&p.name).unwrap_or_default()));
            fields.push(Field {
                rust,
                wire: p.name.clone(),
                doc: p.description.clone(),
                ty,
                required: p.required,
                nullable: false,
                boxed: false,
                default: p.schema.default.clone(),
                constant: p.schema.constant.clone(),
                secret: false,
            });
        }
        for a in op.security.iter().filter(|a| a.location == loc) {
            let Some(rust) = field_name(&a.name) else { continue };
            if fields.iter().any(|f: &Field| f.wire == a.name) {
                continue;
            }
            let doc = a
                .description
                .clone()
                .or_else(|| Some(format!("The `{}` credential; never printed by `Debug`.", a.scheme)));
            fields.push(Field {
                rust,
                wire: a.name.clone(),
                doc,
                ty: Ty::String,
                required: true,
                nullable: false,
                boxed: false,
                default: None,
                constant: None,
                secret: true,
            });
        }
        if fields.is_empty() {
            return None;
        }
        // Two parameters whose names meet (`a-b`, `a_b`): the later gets a number.
        let mut dedup = names::Dedup::default();
        for f in &mut fields {
            f.rust = dedup.unique(&f.rust);
        }
        let name = if unique {
            self.claim_unique(name, &op.pointer)
        } else if self.claim(name, "") {
            name.to_owned()
        } else {
            return None;
        };
        let where_ = match loc {
            ParamLocation::Query => "query string",
            ParamLocation::Header => "HTTP headers",
            ParamLocation::Path => "path",
            ParamLocation::Cookie => "`Cookie` header",
        };
        let props: serde_json::Map<String, Value> = op
            .parameters
            .iter()
            .filter(|p| p.location == loc)
            .map(|p| (p.name.clone(), p.schema.raw.clone()))
            .collect();
        self.push_type(TypeDef {
            name: name.clone(),
            doc: Some(format!("The parameters that go in the {where_}.")),
            schema: serde_json::json!({ "type": "object", "properties": props }),
            kind: Kind::Struct(Struct { fields, extra: Extra::Deny, union: None }),
            checks: Vec::new(),
            newtype: false,
        });
        let params = op.parameters.iter().filter(|p| p.location == loc).map(|p| (p.name.clone(), &p.schema)).collect();
        self.sources.insert(name.clone(), Source::Params(params));
        Some(name)
    }

    /// The type behind `Request`/`Response`/`Callback`: a `$ref`'s target, or a new type named `alias`.
    /// `x-error-code-field`: `wire` must be an integer field of the response struct.
    fn error_code_field(
        &mut self,
        wire: &str,
        at: &str,
        response: Option<&str>,
        has_codes: bool,
    ) -> Option<ErrorCodeField> {
        if !has_codes {
            self.cx.err(at, "`x-error-code-field` needs `x-error-codes` beside it");
            return None;
        }
        let fields = match response.and_then(|r| self.typedef(r)).map(|t| &t.kind) {
            Some(Kind::Struct(s)) => &s.fields,
            _ => {
                self.cx.err(at, "`x-error-code-field` needs a 200 response whose body is an object");
                return None;
            }
        };
        match fields.iter().find(|f| f.wire == wire) {
            Some(f) if matches!(f.ty, Ty::Int(_)) && !f.nullable => Some(ErrorCodeField {
                ty: response.unwrap_or_default().to_owned(),
                rust: f.rust.clone(),
                wire: wire.to_owned(),
                required: f.required,
            }),
            Some(_) => {
                self.cx.err(at, format!("`x-error-code-field`: response field `{wire}` must be an integer"));
                None
            }
            None => {
                let known: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
                let hint = match group_msg_rules::closest(wire, known.iter().copied()) {
                    Some(c) => format!(", did you mean `{c}`?"),
                    None => format!(", expected one of {}", known.join(", ")),
                };
                self.cx.err(at, format!("`x-error-code-field`: the response has no field `{wire}`{hint}"));
                None
            }
        }
    }

    fn root_type(&mut self, alias: &str, s: &'a Schema, doc: &str) -> Option<String> {
        if s.reference.is_some() {
            return self.resolve(s).map(|(n, _)| n);
        }
        if !self.claim(alias, &s.pointer) {
            return None;
        }
        self.define(alias, s);
        self.newtype_if_alias(alias, Some(doc));
        Some(alias.to_owned())
    }

    /// [`Self::root_type`] under a name of its own (`base`, else `base2`, ...): an operation's
    /// type in a document of several.
    fn root_type_unique(&mut self, base: &str, s: &'a Schema, doc: &str) -> Option<String> {
        if s.reference.is_some() {
            return self.resolve(s).map(|(n, _)| n);
        }
        let name = self.claim_unique(base, &s.pointer);
        self.define(&name, s);
        self.newtype_if_alias(&name, Some(doc));
        Some(name)
    }

    /// Lowers one operation: its parameter structs, bodies, responses, endpoint facts and error
    /// codes. `module` is its submodule's name, `None` for the one operation of a flat module
    /// (whose public names are claimed as they are, a clash being an error).
    fn operation(
        &mut self,
        api: &'a crate::read::Api,
        op: &'a crate::read::Operation,
        module: Option<String>,
    ) -> Operation {
        let flat = module.is_none();
        let prefix = module.as_deref().map(|m| m.trim_start_matches("r#")).and_then(type_name).unwrap_or_default();
        let mut ir = Operation {
            module: module.clone().unwrap_or_default(),
            prefix: prefix.clone(),
            doc: operation_doc(op),
            endpoint: Endpoint {
                method: op.method.clone(),
                path: op.path.clone(),
                operation_id: op.operation_id.clone(),
                // A webhook or callback goes to a URL of the receiver's: no server applies.
                servers: match op.kind {
                    OperationKind::Path if op.servers.is_empty() => api.servers.clone(),
                    OperationKind::Path => op.servers.clone(),
                    _ => Vec::new(),
                },
                auth: op.security.clone(),
                params: Vec::new(),
                security: op
                    .requirements
                    .iter()
                    .map(|req| {
                        req.iter()
                            .filter_map(|(n, scopes)| {
                                api.security_schemes.iter().find(|s| s.name == *n).map(|s| (s.clone(), scopes.clone()))
                            })
                            .collect()
                    })
                    .collect(),
                kind: op.kind.clone(),
                request_media: op.request_body.as_ref().map(|b| b.media.clone()),
                deprecated: op.deprecated,
            },
            aliases: Vec::new(),
            plain: Vec::new(),
            responses: Vec::new(),
            error_codes: Vec::new(),
            error_code_field: None,
        };
        for (loc, name) in [
            (ParamLocation::Query, "QueryParams"),
            (ParamLocation::Header, "HeaderParams"),
            (ParamLocation::Path, "PathParams"),
            (ParamLocation::Cookie, "CookieParams"),
        ] {
            let full = format!("{prefix}{name}");
            if let Some(made) = self.params_struct(&full, loc, op, !flat) {
                self.roots.insert(made.clone());
                if !flat {
                    ir.aliases.push((
                        name.to_owned(),
                        made.clone(),
                        Some(format!("The `{}` parameters.", loc.as_str())),
                    ));
                }
                ir.endpoint.params.push((made, loc));
            }
        }
        // The request, then the first 2xx response (`Response`), then the callback (flat only;
        // in a document of several, callbacks are operations of their own).
        let first_ok = op.responses.iter().position(|r| r.status.starts_with('2') && r.body.is_some());
        let mut bodies: Vec<(String, &'a crate::read::Body, String)> = Vec::new();
        if let Some(b) = &op.request_body {
            bodies.push(("Request".into(), b, "The request body.".into()));
        }
        for (i, r) in op.responses.iter().enumerate() {
            let Some(b) = &r.body else { continue };
            let alias = if Some(i) == first_ok { "Response".to_owned() } else { response_alias(&r.status) };
            let doc = match (&r.description, Some(i) == first_ok) {
                (_, true) => "The response body.".to_owned(),
                (Some(d), false) => format!("The body of a `{}` response: {d}", r.status),
                (None, false) => format!("The body of a `{}` response.", r.status),
            };
            bodies.push((alias, b, doc));
        }
        let mut response_ty = None;
        for (alias, body, doc) in &bodies {
            let carrier = match (body.kind, &body.schema) {
                (BodyKind::Text, _) => Err(Plain::Text),
                (BodyKind::Bytes, _) => Err(Plain::Bytes),
                (_, None) => Err(Plain::Json),
                (_, Some(s)) => Ok(s),
            };
            let target = match carrier {
                Err(plain) => {
                    ir.plain.push((alias.clone(), plain, Some(doc.clone())));
                    continue;
                }
                Ok(s) if flat => self.root_type(alias, s, doc),
                Ok(s) => self.root_type_unique(&format!("{prefix}{alias}"), s, doc),
            };
            let Some(target) = target else { continue };
            self.roots.insert(target.clone());
            if alias == "Response" {
                response_ty = Some(target.clone());
            }
            // In a flat module the alias is a public name too: a schema of that name is a clash.
            if target != *alias && (!flat || self.claim(alias, &body.pointer)) {
                ir.aliases.push((alias.clone(), target, Some(doc.clone())));
            }
        }
        if flat {
            let doc = "The body of the callback the vendor sends later.";
            if let Some(s) = op.callbacks.first().and_then(|c| c.body.as_ref()) {
                if let Some(target) = self.root_type("Callback", s, doc) {
                    self.roots.insert(target.clone());
                    if target != "Callback" && self.claim("Callback", &s.pointer) {
                        ir.aliases.push(("Callback".into(), target, Some(doc.to_owned())));
                    }
                }
            }
        }
        for (i, r) in op.responses.iter().enumerate() {
            let alias = r.body.as_ref().map(|_| {
                if Some(i) == first_ok {
                    "Response".to_owned()
                } else {
                    response_alias(&r.status)
                }
            });
            ir.responses.push(ResponseInfo {
                status: r.status.clone(),
                media: r.body.as_ref().map(|b| b.media.clone()),
                alias,
                description: r.description.clone(),
            });
        }
        ir.error_codes = op
            .error_codes
            .iter()
            .filter_map(|e| match type_name(&e.name) {
                Some(rust) if rust == e.name && rust != "Unknown" => {
                    Some(ErrorCode { code: e.code, rust, description: e.description.clone(), retry: e.retry })
                }
                _ => {
                    self.cx.err(
                        &join(&e.pointer, "name"),
                        format!(
                            "error code name `{}` must be an UpperCamelCase Rust identifier other than `Unknown`",
                            e.name
                        ),
                    );
                    None
                }
            })
            .collect();
        if let (Some(first), true) = (op.error_codes.first(), flat) {
            // The generated `ErrorCode` enum is a public name of the flat module.
            let list = first.pointer.rsplit_once('/').map_or("", |(list, _)| list);
            self.claim("ErrorCode", list);
        }
        if let Some((wire, at)) = &op.error_code_field {
            ir.error_code_field = self.error_code_field(wire, at, response_ty.as_deref(), !ir.error_codes.is_empty());
        }
        ir
    }
}

/// The alias of a response's body other than the first 2xx: `Response404`, `Response4xx`,
/// `ResponseDefault`.
fn response_alias(status: &str) -> String {
    if status == "default" {
        "ResponseDefault".to_owned()
    } else {
        format!("Response{}", status.to_ascii_lowercase())
    }
}

/// An operation's documentation: summary, then description.
fn operation_doc(op: &crate::read::Operation) -> Option<String> {
    let mut d = String::new();
    match &op.kind {
        OperationKind::Path => d.push_str(&format!("`{} {}`", op.method, op.path)),
        OperationKind::Webhook(k) => {
            d.push_str(&format!("Webhook `{k}`: the vendor sends `{}` to your URL", op.method))
        }
        OperationKind::Callback { name, expression, .. } => {
            d.push_str(&format!("Callback `{name}`: the vendor sends `{}` to `{expression}`", op.method))
        }
    }
    if let Some(s) = &op.summary {
        d.push_str(&format!(": {s}"));
    }
    if let Some(s) = &op.description {
        d.push_str(&format!("\n\n{s}"));
    }
    if op.deprecated {
        d.push_str("\n\nDeprecated.");
    }
    Some(d)
}

/// Whether `v` (below the document root) holds an `$id`.
fn has_id(v: &Value) -> bool {
    match v {
        Value::Object(o) => o.contains_key("$id") || o.values().any(has_id),
        Value::Array(a) => a.iter().any(has_id),
        _ => false,
    }
}

fn lit_text(l: &Lit) -> String {
    match l {
        Lit::Str(s) => format!("`{s}`"),
        Lit::Int(i) => i.to_string(),
    }
}

/// The value a schema fixes: `const`, or an `enum` of one value.
fn const_of(s: &Schema) -> Option<Value> {
    s.constant.clone().or_else(|| s.enumeration.as_ref().filter(|e| e.len() == 1).map(|e| e[0].clone()))
}

/// A named schema that is only a `$ref` to another one.
fn alias_target(s: &Schema, prefix: &str) -> Option<String> {
    if let Some(r) = &s.reference {
        return r.strip_prefix(prefix).map(str::to_owned);
    }
    if s.types.is_none() && s.properties.is_empty() {
        if let [only] = s.all_of.as_slice() {
            return alias_target(only, prefix);
        }
    }
    None
}

/// The items of a closed `prefixItems` array longer than the tuples std implements `Debug`,
/// `PartialEq` and `Clone` for (12): such a tuple becomes a named tuple struct.
fn long_tuple(s: &Schema) -> Option<&Vec<Schema>> {
    let closed = s.items.as_ref().is_some_and(|i| i.boolean == Some(false));
    s.prefix_items.as_ref().filter(|p| closed && p.len() > crate::ir::MAX_TUPLE)
}

/// An object schema with properties (or closed): a struct. A tagged union is decided before.
fn is_struct(s: &Schema) -> bool {
    if s.reference.is_some() {
        return false;
    }
    let object = s.single_type() == Some(JsonType::Object) || (s.types.is_none() && !s.properties.is_empty());
    object && (!s.properties.is_empty() || s.additional_properties.as_deref().is_some_and(|a| a.boolean == Some(false)))
}

fn extra_of(s: &Schema) -> Option<&Schema> {
    s.additional_properties.as_deref()
}

fn int_ty(s: &Schema) -> IntTy {
    use crate::read::schema::Format;
    match s.format {
        Some(Format::Int32) => return IntTy::I32,
        Some(Format::Int64) => return IntTy::I64,
        Some(Format::Uint32) => return IntTy::U32,
        Some(Format::Uint64) => return IntTy::U64,
        _ => {}
    }
    let min =
        s.minimum.as_ref().and_then(|n| n.as_f64()).or_else(|| s.exclusive_minimum.as_ref().and_then(|n| n.as_f64()));
    let max =
        s.maximum.as_ref().and_then(|n| n.as_f64()).or_else(|| s.exclusive_maximum.as_ref().and_then(|n| n.as_f64()));
    let consts: Vec<i64> = s.constant.iter().chain(s.enumeration.iter().flatten()).filter_map(Value::as_i64).collect();
    if !consts.is_empty() && consts.iter().all(|c| (0..=u32::MAX as i64).contains(c)) {
        return IntTy::U32;
    }
    match (min, max) {
        (Some(lo), Some(hi)) if lo >= 0.0 && hi <= u32::MAX as f64 => IntTy::U32,
        (Some(lo), _) if lo >= 0.0 => IntTy::U64,
        _ => IntTy::I64,
    }
}

/// The JSON Schema of a union variant's own fields (the tag left out).
fn variant_schema(v: &Schema, tag: &str) -> Value {
    let mut raw = v.raw.clone();
    if let Some(props) = raw.get_mut("properties").and_then(Value::as_object_mut) {
        props.remove(tag);
    }
    if let Some(req) = raw.get_mut("required").and_then(Value::as_array_mut) {
        req.retain(|r| r.as_str() != Some(tag));
    }
    raw
}
