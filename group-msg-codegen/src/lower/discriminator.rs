//! OpenAPI's `discriminator` (`propertyName`, `mapping`), and when it makes a tagged union.
//!
//! Under JSON Schema a `discriminator` is an annotation: the `jsonschema` crate, and the schema
//! validator of the generated code, decide a value by the schema's keywords alone. The generator
//! lowers a discriminator to a typed tagged union (`ir::Union`) only where dispatching on the tag
//! decides exactly what the `oneOf` beside it decides:
//!
//! - a `oneOf` is beside it, and every branch (inline, or a plain `$ref` to a named schema) says
//!   its tag value with `properties.<tag>.const` (or a one-value `enum`), a string or an integer
//!   of one kind, distinct across branches; so a value whose tag is `t` can only match the branch
//!   whose constant is `t`;
//! - the tag is `required` (by the parent or by every branch), so a value without it matches no
//!   branch, as the union refuses it;
//! - each branch has a Rust name (`title`, the `$ref`'s name, or a string tag).
//!
//! The `mapping` then says nothing the constants do not: each entry must send its tag value to
//! the branch with that constant (and an entry that does not is reported: a warning, or an
//! error under `Options::strict`). A tag value the constants do not list is refused, as JSON
//! Schema's `oneOf` refuses it (no branch matches); OpenAPI's implicit mapping (the schema name
//! as the tag value) does not add a variant, since the `const` decides.
//!
//! Anywhere else the discriminator is an annotation, and the schema is lowered as if it were
//! absent (a struct of the parent's own properties, or the schema validator), which is the JSON
//! Schema meaning:
//!
//! - the parent-with-`allOf`-children pattern (LINE's `Recipient` and `OperatorRecipient:
//!   allOf: [{$ref: Recipient}, {...}]`), with no `oneOf`: a value of the parent's type is
//!   valid when the parent's own schema accepts it, whatever its tag names; the mapped child
//!   schemas (the `mapping`, then OpenAPI's implicit mapping: every named schema whose `allOf`
//!   holds a plain `$ref` to the parent, by its schema name) are listed in the type's docs;
//! - a `oneOf` whose branches do not pin the tag (a warning says which branch and why): JSON
//!   Schema's `oneOf` matches by structure, so a value tagged `cat` that fits only `Dog` is valid,
//!   which a dispatch on the tag would refuse;
//! - `anyOf` beside it (a warning).
//!
//! Under `Options::strict` (this repository's `specs/`) a discriminator that does not make a
//! typed union is an error instead, so our own specs never lose a union silently.
//!
//! Every `mapping` entry must name a schema of `components.schemas` (a `$ref` string, or a bare
//! schema name): one that does not is an error at `file#/.../discriminator/mapping/<tag>`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::names::type_name;
use super::Lowerer;
use crate::diag::join;
use crate::read::schema::Discriminator;
use crate::read::Schema;

/// Keys of a `oneOf` branch that, beside `$ref`, change nothing.
fn plain_ref(b: &Schema) -> bool {
    b.raw.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| k == "$ref" || k.starts_with("x-") || matches!(k.as_str(), "title" | "description" | "$comment"))
    })
}

/// The tag constant a variant schema pins (`properties.<tag>.const`, or a one-value `enum`).
pub(super) fn tag_constant(vs: &Schema, tag: &str) -> Option<Value> {
    let t = vs.properties.iter().find(|(k, _)| k == tag).map(|(_, t)| t)?;
    t.constant.clone().or_else(|| t.enumeration.as_ref().filter(|e| e.len() == 1).map(|e| e[0].clone()))
}

/// Whether the constant `lit` is the tag value `tag` (a string, or an integer written as text).
fn tag_is(lit: &Value, tag: &str) -> bool {
    match lit {
        Value::String(s) => s == tag,
        other => {
            let text = other.to_string();
            text == tag
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Whether `s` is lowered to a tagged union (see the module docs).
    pub(super) fn tagged_union(&self, s: &Schema) -> bool {
        let Some(d) = &s.discriminator else { return false };
        // Strict: the union lowering reports why a discriminator cannot be a union.
        self.cx.strict || self.union_obstacle(s, d).is_none()
    }

    /// Why the discriminator of `s` cannot be a tagged union that decides exactly what JSON
    /// Schema decides: (pointer, reason); `None` when it can.
    pub(super) fn union_obstacle(&self, s: &Schema, d: &Discriminator) -> Option<(String, String)> {
        let tag = &d.property_name;
        if s.one_of.is_empty() {
            let why = if s.any_of.is_empty() {
                "there is no `oneOf` beside it"
            } else {
                "it stands beside `anyOf`, which lets a value match several branches"
            };
            return Some((d.pointer.clone(), why.to_owned()));
        }
        let parent_requires = s.required.iter().any(|r| r == tag);
        let mut tags = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut kinds = BTreeSet::new();
        for b in &s.one_of {
            let (ref_name, vs) = match &b.reference {
                Some(r) => {
                    let target = self.named_target(r).filter(|_| plain_ref(b));
                    let Some((rust, vs)) = target else {
                        return Some((b.pointer.clone(), "the branch is not a plain `$ref` to a named schema".into()));
                    };
                    (Some(rust.clone()), *vs)
                }
                None => (None, b),
            };
            let lit = match tag_constant(vs, tag) {
                Some(v @ Value::String(_)) => v,
                Some(Value::Number(n)) if n.as_i64().is_some() => Value::Number(n),
                _ => {
                    return Some((
                        vs.pointer.clone(),
                        format!(
                            "the branch does not pin the tag with `properties.{tag}.const`, so JSON Schema's `oneOf` \
                             matches it by structure, whatever the tag says"
                        ),
                    ))
                }
            };
            if !parent_requires && !vs.required.iter().any(|r| r == tag) {
                return Some((
                    vs.pointer.clone(),
                    format!("`{tag}` is not required, so a value without it may match the branch"),
                ));
            }
            kinds.insert(lit.is_string());
            if !tags.insert(lit.to_string()) {
                return Some((vs.pointer.clone(), format!("two branches pin the tag {lit}")));
            }
            let name =
                b.title.as_deref().or(vs.title.as_deref()).and_then(type_name).or(ref_name).or_else(|| match &lit {
                    Value::String(v) => type_name(v),
                    _ => None,
                });
            match name {
                Some(n) if names.insert(n.clone()) => {}
                _ => {
                    return Some((b.pointer.clone(), "the branch has no distinct Rust name (give it a `title`)".into()))
                }
            }
        }
        if kinds.len() > 1 {
            return Some((d.pointer.clone(), "the tags mix strings and integers".into()));
        }
        None
    }

    /// Checks the discriminator of `s` once: its `mapping` names schemas that exist, and (not
    /// strict) a `oneOf` beside it that cannot be a tagged union is reported as a warning.
    pub(super) fn check_discriminator(&mut self, s: &Schema) {
        let Some(d) = &s.discriminator else { return };
        if !self.discriminators_seen.insert(d.pointer.clone()) {
            return;
        }
        for (tag, target) in &d.mapping {
            if self.mapping_target(target).is_none() {
                self.cx.err(
                    &join(&join(&d.pointer, "mapping"), tag),
                    format!("`mapping` sends `{tag}` to `{target}`, which names no schema of `components.schemas`"),
                );
            }
        }
        if self.cx.strict || (s.one_of.is_empty() && s.any_of.is_empty()) {
            // The parent-with-`allOf`-children pattern: an annotation by design (module docs).
            return;
        }
        if let Some((at, why)) = self.union_obstacle(s, d) {
            self.cx.warn(
                &at,
                format!(
                    "the `discriminator` at {} is not a typed union: {why}; the value is checked by its JSON \
                     Schema alone (the discriminator is an annotation)",
                    d.pointer
                ),
            );
        }
    }

    /// The named schema a `mapping` value names: (component name, Rust type name).
    pub(super) fn mapping_target(&self, target: &str) -> Option<(String, String)> {
        let name = if target.starts_with('#') {
            target.strip_prefix(self.doc.ref_prefix)?.replace("~1", "/").replace("~0", "~")
        } else if !target.contains('/') {
            target.to_owned()
        } else {
            return None;
        };
        self.named.get(&name).map(|(rust, _)| (name.clone(), rust.clone()))
    }

    /// The tag values of a discriminator that is an annotation, for the type's docs: the
    /// `mapping`, then the implicit mapping (named schemas whose `allOf` holds a plain `$ref` to
    /// `s`, by their schema name).
    pub(super) fn mapping_doc(&self, s: &Schema) -> Option<String> {
        let d = s.discriminator.as_ref()?;
        if self.tagged_union(s) {
            return None;
        }
        let mut lines = Vec::new();
        let mut targets = BTreeSet::new();
        for (tag, target) in &d.mapping {
            if let Some((name, rust)) = self.mapping_target(target) {
                lines.push(format!("- `{tag}`: [`{rust}`]"));
                targets.insert(name);
            }
        }
        let own = self.named.iter().find(|(_, (_, t))| t.pointer == s.pointer).map(|(n, _)| n.clone());
        if let Some(own) = own {
            let own_ref = format!("{}{}", self.doc.ref_prefix, own.replace('~', "~0").replace('/', "~1"));
            for (name, (rust, child)) in &self.named {
                let extends = child.all_of.iter().any(|b| b.reference.as_deref() == Some(own_ref.as_str()));
                if extends && !targets.contains(name) && !d.mapping.iter().any(|(t, _)| t == name) {
                    lines.push(format!("- `{name}` (implicit mapping): [`{rust}`]"));
                }
            }
        }
        let tag = &d.property_name;
        let mut out = format!(
            "OpenAPI `discriminator` on `{tag}`: an annotation here (JSON Schema checks the value by this \
             schema alone, whatever `{tag}` says)."
        );
        if !lines.is_empty() {
            out.push_str(&format!(" The schemas it names by the value of `{tag}`:\n\n{}", lines.join("\n")));
        }
        Some(out)
    }

    /// Under a tagged union, each `mapping` entry must agree with the branches' constants:
    /// reported (a warning, an error when strict) where it does not; the constants decide.
    pub(super) fn check_mapping_against_consts(&mut self, d: &Discriminator, branches: &[(Option<String>, Value)]) {
        for (tag, target) in &d.mapping {
            let at = join(&join(&d.pointer, "mapping"), tag);
            let Some((_, rust)) = self.mapping_target(target) else { continue };
            let message = match branches.iter().find(|(r, _)| r.as_deref() == Some(rust.as_str())) {
                None => format!(
                    "`mapping` sends `{tag}` to `{target}`, which is no `oneOf` branch: a value tagged `{tag}` \
                     matches no branch"
                ),
                Some((_, lit)) if !tag_is(lit, tag) => format!(
                    "`mapping` sends `{tag}` to `{target}`, whose `properties.{}.const` is {lit}: the constant decides \
                     (JSON Schema)",
                    d.property_name
                ),
                Some(_) => continue,
            };
            if self.cx.strict {
                self.cx.err(&at, message);
            } else {
                self.cx.warn(&at, message);
            }
        }
    }
}
