//! Where the typed lowering is exact, and where the schema validator takes over.
//!
//! A Rust type is an optimisation of a schema, never a replacement for it. Each *position* (the
//! root, a property, the items of an array, the values of a map, a `$defs` entry) is lowered to
//! a typed Rust value with compiled [`crate::ir::Check`]s only when that lowering is known to be
//! exact: the type holds every valid value, and the checks decide exactly what JSON Schema
//! decides. Every other position becomes `serde_json::Value` and is checked by the schema
//! validator (`group_msg_rules::schema::Validator`, compiled from the spec document at the
//! position's pointer) through [`crate::ir::Check::Schema`].
//!
//! The rule is a whitelist: a position is typed when every keyword it carries is one the typed
//! lowering handles exactly for the position's single `type`, and every subschema applied to the
//! same value (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `contains`) is a
//! *condition* the check compiler decides exactly (no `$ref`, no applicators on children). Child
//! positions (`properties`, `items`, `additionalProperties`) are decided on their own, so one
//! unusual property leaves the rest of its object typed.

use std::collections::BTreeSet;

use serde_json::Value;

use super::names::{field_name, type_name};
use super::Lowerer;
use crate::read::{JsonType, Schema};

/// Keywords that never constrain a value.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
    "$schema",
    "$defs",
    "definitions",
    "x-rust-name",
    // OpenAPI's `discriminator` is an annotation under JSON Schema; where it makes a tagged
    // union, `Lowerer::tagged_union` decided before the keywords are looked at.
    "discriminator",
    // Changes how broken rules are reported (warnings), not what they are: the check compiler
    // wraps them in `Check::Warn`.
    "x-severity",
];

const STRING: &[&str] = &["minLength", "maxLength", "pattern", "format", "x-json-string"];
const NUMBER: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"];
const OBJECT: &[&str] = &["properties", "required", "additionalProperties", "dependentRequired"];
const ARRAY: &[&str] =
    &["items", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains", "x-sequence"];
/// Subschemas applied to the same value as the schema that holds them.
const IN_PLACE: &[&str] = &["allOf", "anyOf", "oneOf", "not", "if", "then", "else"];
/// Keywords a condition may carry (besides annotations and in-place applicators).
const CONDITION: &[&str] = &[
    "type",
    "properties",
    "required",
    "dependentRequired",
    "const",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minItems",
    "maxItems",
    "uniqueItems",
    "x-max-bytes",
];

impl<'a> Lowerer<'a> {
    /// Whether the position described by `s` is lowered to a typed value (see the module docs).
    /// `field`: the position is an object property (a `null` in `type` becomes `Option`).
    pub(super) fn typed(&self, s: &Schema, field: bool) -> bool {
        if s.boolean.is_some() {
            return true;
        }
        let Some(obj) = s.raw.as_object() else { return false };
        // The root's `$id` names the document; `#...` references still resolve inside it.
        let keys: Vec<&str> = obj
            .keys()
            .map(String::as_str)
            .filter(|k| !(is_annotation(k) || *k == "$id" && s.pointer.is_empty()))
            .collect();
        if let Some(r) = &s.reference {
            // A plain reference to a named schema: the named type (which decides for itself).
            return keys == ["$ref"] && !self.nested_ids && self.named_target(r).is_some();
        }
        if self.rows_pattern(s, &keys) {
            // Rows or a flat list of one named object type: `runtime::Rows` holds exactly both.
            return true;
        }
        if self.tagged_union(s) {
            // OpenAPI's tagged unions whose dispatch decides what the `oneOf` decides (see
            // `discriminator.rs`); any other `discriminator` is an annotation (below).
            return true;
        }
        let in_place_ok = IN_PLACE.iter().all(|k| match obj.get(*k) {
            None => true,
            Some(Value::Array(subs)) => subs.iter().all(|v| self.condition(v)),
            Some(v) => self.condition(v),
        });
        if !in_place_ok {
            return false;
        }
        let types: Vec<JsonType> = s.types.clone().unwrap_or_default();
        let nullable = types.contains(&JsonType::Null);
        let non_null: Vec<JsonType> = types.iter().copied().filter(|t| *t != JsonType::Null).collect();
        if nullable {
            // `Option<T>`: null passes the type-specific keywords and nothing else.
            let only_typed = IN_PLACE.iter().all(|k| !obj.contains_key(*k))
                && !obj.contains_key("const")
                && !obj.contains_key("enum");
            if !field || non_null.len() != 1 || !only_typed {
                return false;
            }
        }
        if self.enum_kind_preview(s) {
            return self.string_enum(s, &keys);
        }
        let Some(t) = non_null.first().copied().filter(|_| non_null.len() == 1) else {
            // No `type`: a schema of annotations only (any JSON value, nothing to check) and a
            // lone `const` (its type is the constant's) are typed.
            return s.types.is_none()
                && (keys.is_empty() || keys == ["const"] && !s.constant.as_ref().is_some_and(is_number));
        };
        let own: &[&str] = match t {
            JsonType::String => STRING,
            JsonType::Integer | JsonType::Number => NUMBER,
            JsonType::Boolean => &[],
            JsonType::Object => OBJECT,
            JsonType::Array => ARRAY,
            JsonType::Null => return false,
        };
        let common = ["type", "const", "enum", "x-max-bytes"];
        let tuple = t == JsonType::Array && fixed_tuple(s);
        if !keys
            .iter()
            .all(|k| own.contains(k) || common.contains(k) || IN_PLACE.contains(k) || tuple && *k == "prefixItems")
        {
            return false;
        }
        if s.enumeration.as_ref().is_some_and(|e| e.is_empty()) {
            return false;
        }
        // An object or array `const`/`enum` types the value as JSON, where the structural
        // keywords beside it would not be compiled.
        if matches!(t, JsonType::Object | JsonType::Array) && (s.constant.is_some() || s.enumeration.is_some()) {
            return false;
        }
        match t {
            JsonType::Object => self.typed_object(s),
            JsonType::Array => s.contains.as_deref().is_none_or(|c| self.condition(&c.raw)),
            JsonType::Integer => !int_unsafe(s),
            _ => true,
        }
    }

    /// `anyOf` of exactly an array of arrays of `$ref` R and an array of R (either order, nothing
    /// else on either branch), R a named object type: what `Lowerer::rows_item` makes a
    /// `runtime::Rows`, whose two forms are exactly the two branches.
    fn rows_pattern(&self, s: &Schema, keys: &[&str]) -> bool {
        let [a, b] = s.any_of.as_slice() else { return false };
        if keys != ["anyOf"] {
            return false;
        }
        fn only(v: &Value, allowed: &[&str]) -> bool {
            v.as_object().is_some_and(|o| o.keys().all(|k| allowed.contains(&k.as_str()) || is_annotation(k)))
        }
        // The `$ref` of an array whose only keywords are `type: array` and `items`.
        let array_of = |v: &Value| -> Option<Value> {
            (only(v, &["type", "items"]) && v.get("type") == Some(&Value::from("array")))
                .then(|| v.get("items").cloned())
                .flatten()
        };
        let reference = |v: &Value| -> Option<String> {
            only(v, &["$ref"]).then(|| v.get("$ref").and_then(Value::as_str).map(str::to_owned)).flatten()
        };
        let (Some(ia), Some(ib)) = (array_of(&a.raw), array_of(&b.raw)) else { return false };
        let (rows, flat) = match (array_of(&ia), array_of(&ib)) {
            (Some(inner), None) => (inner, ib),
            (None, Some(inner)) => (inner, ia),
            _ => return false,
        };
        match (reference(&rows), reference(&flat)) {
            (Some(r1), Some(r2)) if r1 == r2 => self
                .named_target(&r1)
                .is_some_and(|(_, t)| t.single_type() == Some(JsonType::Object) || self.tagged_union(t)),
            _ => false,
        }
    }

    /// A schema applied to a typed value as a condition: decided exactly by the check compiler.
    fn condition(&self, v: &Value) -> bool {
        match v {
            Value::Bool(_) => true,
            Value::Object(o) => o.iter().all(|(k, sub)| {
                let k = k.as_str();
                if is_annotation(k) || CONDITION.contains(&k) && k != "properties" {
                    // `2.0` equals the integer 2 in JSON Schema; typed integers compare as integers.
                    return !matches!(k, "const" | "enum") || !has_integral_float(sub);
                }
                match k {
                    "properties" => sub.as_object().is_some_and(|m| m.values().all(|p| self.condition(p))),
                    "not" | "if" | "then" | "else" => self.condition(sub),
                    "allOf" | "anyOf" | "oneOf" => sub.as_array().is_some_and(|a| a.iter().all(|b| self.condition(b))),
                    _ => false,
                }
            }),
            _ => false,
        }
    }

    /// An object: a struct when it has properties (their names must make distinct fields), a map
    /// otherwise.
    fn typed_object(&self, s: &Schema) -> bool {
        if s.properties.is_empty() {
            // A map; a struct of no fields (`additionalProperties: false` alone) is left to the
            // validator.
            return s.additional_properties.as_deref().is_none_or(|ap| ap.boolean != Some(false));
        }
        let deny = s.additional_properties.as_deref().is_some_and(|ap| ap.boolean == Some(false));
        // Names given by `x-rust-name` must be distinct; derived names that meet are told apart
        // by a number (`names::Dedup`), so they never clash.
        let mut seen = BTreeSet::new();
        s.properties.iter().all(|(wire, ps)| match &ps.rust_name {
            Some(n) => (deny || n != "extra") && seen.insert(n.clone()),
            None => field_name(wire).is_some_and(|n| deny || n != "extra"),
        })
    }

    /// An enum of several strings each naming a distinct Rust variant, or a `oneOf` of named
    /// `const`s (strings or integers, the bundled specs' integer enums).
    fn string_enum(&self, s: &Schema, keys: &[&str]) -> bool {
        if s.discriminator.is_some() || s.constant.is_some() {
            return false;
        }
        if !keys.iter().all(|k| STRING.contains(k) || ["type", "enum", "oneOf"].contains(k)) {
            return false;
        }
        let mut seen = BTreeSet::new();
        let mut values = BTreeSet::new();
        match &s.enumeration {
            Some(e) => {
                s.types.as_ref().is_none_or(|t| t.as_slice() == [JsonType::String])
                    && !keys.contains(&"oneOf")
                    // Distinct values (a repeated value has no variant of its own); the
                    // variant names derived from them are made distinct by a number.
                    && e.iter().all(|v| v.as_str().is_some_and(|w| type_name(w).is_some() && values.insert(Some(w.to_owned()))))
            }
            None => {
                let int = s.types.as_ref().is_none_or(|t| t.as_slice() == [JsonType::Integer]);
                let string = s.types.as_ref().is_none_or(|t| t.as_slice() == [JsonType::String]);
                let all_str = s.one_of.iter().all(|b| b.constant.as_ref().is_some_and(Value::is_string));
                let all_int = s.one_of.iter().all(|b| b.constant.as_ref().is_some_and(Value::is_i64));
                (int && all_int || string && all_str)
                    && s.one_of.iter().all(|b| {
                        let plain =
                            b.raw.as_object().is_some_and(|o| o.keys().all(|k| k == "const" || is_annotation(k)));
                        let name = b.rust_name.clone().or_else(|| b.title.as_deref().and_then(type_name));
                        let ok = match &b.constant {
                            // A given name must be distinct; a derived one gets a number.
                            Some(Value::String(w)) => match name {
                                Some(n) => seen.insert(n),
                                None => type_name(w).is_some(),
                            },
                            Some(Value::Number(_)) => name.is_some_and(|n| seen.insert(n)),
                            _ => false,
                        };
                        plain && ok && values.insert(b.constant.as_ref().map(Value::to_string))
                    })
            }
        }
    }

    /// The named schema a `$ref` points at, when it is one (`#/$defs/Name`).
    pub(super) fn named_target(&self, r: &str) -> Option<&(String, &'a Schema)> {
        let name = r.strip_prefix(self.doc.ref_prefix)?;
        if name.contains('/') || name.contains('%') {
            return None;
        }
        self.named.get(&name.replace("~1", "/").replace("~0", "~"))
    }
}

/// A key that never constrains a value: an annotation, or an `x-` key that is not one of our rules.
fn is_annotation(k: &str) -> bool {
    ANNOTATIONS.contains(&k) || k.starts_with("x-") && !["x-max-bytes", "x-json-string", "x-sequence"].contains(&k)
}

fn is_number(v: &Value) -> bool {
    v.is_number()
}

/// A `const`/`enum` holding a float with no fraction (`2.0`), which JSON Schema counts as an
/// integer.
fn has_integral_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0),
        Value::Array(a) => a.iter().any(has_integral_float),
        Value::Object(o) => o.values().any(has_integral_float),
        _ => false,
    }
}

/// An integer schema whose constant or bounds are written as floats: the typed integer would
/// compare them as integers, so leave it to the validator.
fn int_unsafe(s: &Schema) -> bool {
    s.constant.as_ref().is_some_and(|c| !c.is_i64() && !c.is_u64())
        || s.enumeration.as_ref().is_some_and(|e| e.iter().any(|c| !c.is_i64() && !c.is_u64()))
}

/// `prefixItems` that fix the array to exactly their items (`items: false`, `minItems` equal to
/// their number, nothing else about the items): a Rust tuple holds every valid value, and the
/// tuple's length check decides what JSON Schema decides. Any other `prefixItems` stays untyped.
fn fixed_tuple(s: &Schema) -> bool {
    let Some(prefix) = &s.prefix_items else { return false };
    !prefix.is_empty()
        && s.items.as_ref().is_some_and(|i| i.boolean == Some(false))
        && s.min_items == Some(prefix.len() as u64)
        && s.max_items.is_none_or(|m| m >= prefix.len() as u64)
        && !s.unique_items
        && s.contains.is_none()
        && s.sequence.is_none()
}
