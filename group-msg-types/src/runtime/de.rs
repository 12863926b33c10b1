//! Helpers of the generated `Deserialize` impls: borrowed keys, slots that catch duplicate and
//! missing fields, and errors that suggest the closest known key.
//!
//! Every error text quotes at most [`QUOTE_MAX`] characters of a key or value from the input
//! ([`short`]), and an object that holds a secret quotes none ([`unknown_field_hidden`]).

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use group_msg_rules::closest;

pub use super::exact::Exact;
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The most characters of a key or value from the input that an error text quotes.
pub const QUOTE_MAX: usize = 64;

/// `s`, cut to [`QUOTE_MAX`] characters with `…` when longer: what error texts quote of the input.
pub fn short(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(QUOTE_MAX) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

/// An object key, borrowed from the input when it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A generated struct read from a JSON object; [`object`] is the map visitor they share.
pub trait Object<'de>: Sized {
    /// What an error for a value that is not an object says was expected.
    const EXPECTING: &'static str;
    /// Reads the object's entries.
    fn read<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `T` from a JSON object (anything else is an `invalid type` error): the body of a generated
/// struct's `Deserialize::deserialize`.
pub fn object<'de, T: Object<'de>, D: de::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Object<'de>> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::read(map)
        }
    }
    deserializer.deserialize_map(V(std::marker::PhantomData))
}

/// A second copy of `key` in one object: refused everywhere (struct fields, union keys before
/// or after the tag, `extra` maps, untyped values), since parsers that keep the last copy would
/// read a value nobody checked.
#[cold]
pub fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("duplicate key `{}`", short(key)))
}

/// Reads the value of field `name` into `slot`, refusing a second occurrence.
#[inline]
pub fn set<'de, T: de::Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`set`] for an integer field: `-0` (which JSON parsers read as a float) is the integer 0.
#[inline]
pub fn set_int<'de, T: Int, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(name));
    }
    *slot = Some(map.next_value_seed(IntSeed::<T>(std::marker::PhantomData))?);
    Ok(())
}

/// An integer slot type of a generated field: a Rust integer, optionally `null`able.
pub trait Int: Sized {
    #[doc(hidden)]
    fn read<'de, D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

struct IntSeed<T>(std::marker::PhantomData<T>);

impl<'de, T: Int> DeserializeSeed<'de> for IntSeed<T> {
    type Value = T;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::read(d)
    }
}

/// Reads an integer of type `T`, taking `-0` (a float to JSON parsers) as 0.
pub fn int<'de, T: Int, D: de::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    T::read(d)
}

macro_rules! ints {
    ($($t:ty),*) => {$(
        impl Int for $t {
            fn read<'de, D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(stringify!($t))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$t, E> {
                        <$t>::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$t, E> {
                        <$t>::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$t, E> {
                        // `-0` is the integer 0 in JSON; parsers read it as the float -0.0.
                        if v == 0.0 {
                            Ok(0)
                        } else {
                            Err(E::invalid_type(de::Unexpected::Float(v), &self))
                        }
                    }
                }
                d.deserialize_any(V)
            }
        }
    )*};
}
ints!(u32, u64, i32, i64);

impl<T: Int> Int for Option<T> {
    fn read<'de, D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Int> Visitor<'de> for V<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                T::read(d).map(Some)
            }
        }
        d.deserialize_option(V(std::marker::PhantomData))
    }
}

impl<T: Int> Int for Vec<T> {
    fn read<'de, D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Int> Visitor<'de> for V<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of integers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element_seed(IntSeed::<T>(std::marker::PhantomData))? {
                    out.push(x);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

impl<T: Int> Int for Box<T> {
    fn read<'de, D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read(d).map(Box::new)
    }
}

/// The value of a required field, or a missing-field error.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(v) => Ok(v),
        None => Err(E::missing_field(name)),
    }
}

/// An unknown key, with the closest known one when it looks like a typo.
pub fn unknown_field<E: de::Error>(key: &str, known: &'static [&'static str]) -> E {
    // A typo of a known key is about as long as it: longer keys are not compared.
    let suggestion = if key.len() <= 4 * QUOTE_MAX { closest(key, known.iter().copied()) } else { None };
    let key = short(key);
    match suggestion {
        Some(c) => E::custom(format_args!("unknown field `{key}`, did you mean `{c}`?")),
        None if known.is_empty() => E::custom(format_args!("unknown field `{key}`, there are no fields")),
        None => E::custom(format_args!("unknown field `{key}`, expected one of {}", list(known))),
    }
}

/// An unknown key of an object that holds a secret: the key is not quoted, since it may be the
/// secret put in the wrong place.
pub fn unknown_field_hidden<E: de::Error>(_key: &str, known: &'static [&'static str]) -> E {
    E::custom(format_args!("unknown field (not shown: this object holds a secret), expected one of {}", list(known)))
}

/// Rewrites an error raised inside an object that holds a secret so that it quotes no value
/// from the input: a wrong-typed secret, a secret put in another field or used as a key never
/// shows. Keys among `known` (the object's own field names) are still named.
#[cold]
pub fn hide_values<E: de::Error>(e: E, known: &[&str]) -> E {
    E::custom(super::parse::hide_values(&e.to_string(), known))
}

/// An integer read as [`Int`] (`-0` is 0), for buffered values and union tags.
pub struct AsInt<T>(pub T);

impl<'de, T: Int> de::Deserialize<'de> for AsInt<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read(d).map(AsInt)
    }
}

/// A tag value that selects no variant.
pub fn unknown_tag<E: de::Error>(value: &str, tag: &str, known: &[&str]) -> E {
    E::custom(format_args!("unknown `{tag}` {}, expected one of {}", short(value), list(known)))
}

/// An enum value the spec does not list.
pub fn unknown_value<E: de::Error>(value: &str, expected: &str) -> E {
    let numeric = value.parse::<f64>().is_ok();
    let suggestion = if value.len() <= 4 * QUOTE_MAX {
        closest(value, expected.trim_start_matches("one of ").split(", "))
    } else {
        None
    };
    let shown = short(value);
    match suggestion {
        Some(c) if c != value && !numeric => {
            E::custom(format_args!("unknown value `{shown}`, did you mean `{c}`? expected {expected}"))
        }
        _ => E::custom(format_args!("unknown value `{shown}`, expected {expected}")),
    }
}

/// A key of another variant than the one the tag selected.
pub fn not_in_variant<E: de::Error>(key: &str, tag: &str, value: &str) -> E {
    E::custom(format_args!("field `{}` is not allowed when `{tag}` is {value}", short(key)))
}

/// Keeps a union key until the tag is known.
#[inline]
pub fn buffer<'de, A: MapAccess<'de>>(buf: &mut Map<String, Value>, key: &str, map: &mut A) -> Result<(), A::Error> {
    if buf.contains_key(key) {
        return Err(duplicate(key));
    }
    let value = map.next_value_seed(super::buffered::TakeSeed)?;
    buf.insert(key.to_owned(), value);
    Ok(())
}

/// Inserts the value of an unknown `key` into an `extra` map, refusing a second copy.
#[inline]
pub fn extra<'de, A: MapAccess<'de>>(
    extra: &mut std::collections::BTreeMap<String, Value>,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    if extra.contains_key(key) {
        return Err(duplicate(key));
    }
    let value = map.next_value_seed(super::buffered::TakeSeed)?;
    extra.insert(key.to_owned(), value);
    Ok(())
}

/// A JSON value read with every object's keys checked for duplicates (a `serde_json::Value`
/// keeps the last copy silently).
#[derive(Clone, Copy)]
pub struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        CONTAINERS.with(|c| c.set(c.get() + 1));
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(StrictValue)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        CONTAINERS.with(|c| c.set(c.get() + 1));
        let mut out = Map::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if out.contains_key(key.as_str()) {
                return Err(duplicate(key.as_str()));
            }
            let v = map.next_value_seed(StrictValue)?;
            out.insert(key.0.into_owned(), v);
        }
        Ok(Value::Object(out))
    }
}

/// Reads an untyped value ([`StrictValue`]) into a field slot, refusing a second occurrence.
#[inline]
pub fn set_any<'de, A: MapAccess<'de>>(
    slot: &mut Option<Value>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(name));
    }
    *slot = Some(map.next_value_seed(super::buffered::TakeSeed)?);
    Ok(())
}

/// Reads a map field (`additionalProperties` with a schema) into its slot, refusing a second
/// occurrence of the field and a second copy of any key in the map.
#[inline]
pub fn set_map<'de, T: de::Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<std::collections::BTreeMap<String, T>>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(name));
    }
    *slot = Some(map.next_value_seed(UniqueMap(std::marker::PhantomData))?);
    Ok(())
}

struct UniqueMap<T>(std::marker::PhantomData<T>);

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for UniqueMap<T> {
    type Value = std::collections::BTreeMap<String, T>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for UniqueMap<T> {
    type Value = std::collections::BTreeMap<String, T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = std::collections::BTreeMap::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if out.contains_key(key.as_str()) {
                return Err(duplicate(key.as_str()));
            }
            let v = map.next_value()?;
            out.insert(key.0.into_owned(), v);
        }
        Ok(out)
    }
}

/// [`set_map`] for a map of untyped values, each read as a [`StrictValue`].
#[inline]
pub fn set_map_any<'de, A: MapAccess<'de>>(
    slot: &mut Option<std::collections::BTreeMap<String, Value>>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(name));
    }
    *slot = Some(match map.next_value_seed(super::buffered::TakeSeed)? {
        Value::Object(m) => m.into_iter().collect(),
        other => {
            let unexpected = match other {
                Value::Array(_) => de::Unexpected::Seq,
                Value::String(_) => de::Unexpected::Other("string"),
                Value::Number(_) => de::Unexpected::Other("number"),
                Value::Bool(b) => de::Unexpected::Bool(b),
                _ => de::Unexpected::Unit,
            };
            return Err(de::Error::invalid_type(unexpected, &"a map"));
        }
    });
    Ok(())
}

/// Moves `keys` out of `buf` into an object.
pub fn take(buf: &mut Map<String, Value>, keys: &[&str]) -> Value {
    let mut out = Map::new();
    for k in keys {
        if let Some(v) = buf.remove(*k) {
            out.insert((*k).to_owned(), v);
        }
    }
    Value::Object(out)
}

thread_local! {
    static CONVERSIONS: Cell<u64> = const { Cell::new(0) };
    static CONTAINERS: Cell<u64> = const { Cell::new(0) };
}

/// How many arrays and objects this thread has read into buffered values so far: with
/// [`conversions`], a time-independent measure of the work of parsing.
#[doc(hidden)]
pub fn buffered_containers() -> u64 {
    CONTAINERS.with(Cell::get)
}

/// How many buffered values this thread has converted so far: a measure of the work of parsing
/// that does not depend on time, for tests that check it grows linearly with the input.
#[doc(hidden)]
pub fn conversions() -> u64 {
    CONVERSIONS.with(Cell::get)
}

/// Deserializes a buffered value (moved); an error keeps the path inside the value.
pub fn convert<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    convert_under("", value)
}

/// Deserializes a buffered value that was under `key`; an error keeps the path.
pub fn convert_at<T: DeserializeOwned, E: de::Error>(key: &str, value: Value) -> Result<T, E> {
    convert_under(&format!("/{}", key.replace('~', "~0").replace('/', "~1")), value)
}

/// [`convert_at`] through a seed: a union variant's key that came before the tag, handed to the
/// variant's own `Deserialize` (see `union`).
pub(crate) fn convert_seed_at<'de, S: DeserializeSeed<'de>, E: de::Error>(
    key: &str,
    seed: S,
    value: Value,
) -> Result<S::Value, E> {
    CONVERSIONS.with(|c| c.set(c.get() + 1));
    let prefix = format!("/{}", key.replace('~', "~0").replace('/', "~1"));
    seed.deserialize(super::buffered::Owned(value)).map_err(|e| E::custom(super::parse::mark(&prefix, e)))
}

fn convert_under<T: DeserializeOwned, E: de::Error>(prefix: &str, value: Value) -> Result<T, E> {
    CONVERSIONS.with(|c| c.set(c.get() + 1));
    // One pass, the path found on the way out of a failure: a failure is never converted again,
    // so a value buffered inside a buffered value (a key before the tag at every level of a
    // nesting) costs one conversion per level, not two to the power of the depth; and values
    // buffered again inside are handed over, not rebuilt (see `buffered`).
    T::deserialize(super::buffered::Owned(value)).map_err(|e| E::custom(super::parse::mark(prefix, e)))
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cuts_long_text_at_a_character() {
        assert_eq!(short("abc"), "abc");
        let long = "群".repeat(100);
        assert_eq!(short(&long), format!("{}…", "群".repeat(QUOTE_MAX)));
    }

    #[test]
    fn strict_values_refuse_duplicate_keys_at_any_depth() {
        let mut de = serde_json::Deserializer::from_str(r#"{"a":[{"b":1,"b":2}]}"#);
        let e = StrictValue.deserialize(&mut de).unwrap_err();
        assert!(e.to_string().starts_with("duplicate key `b`"), "{e}");
        let mut de = serde_json::Deserializer::from_str(r#"{"a":[{"b":1,"c":-0}]}"#);
        assert_eq!(StrictValue.deserialize(&mut de).unwrap(), serde_json::json!({"a":[{"b":1,"c":-0.0}]}));
    }

    #[test]
    fn minus_zero_is_the_integer_zero() {
        let mut de = serde_json::Deserializer::from_str("-0");
        assert_eq!(int::<u32, _>(&mut de).unwrap(), 0);
        let mut de = serde_json::Deserializer::from_str("-0.5");
        assert!(int::<i64, _>(&mut de).is_err());
        let mut de = serde_json::Deserializer::from_str("[1, -0]");
        assert_eq!(int::<Vec<u64>, _>(&mut de).unwrap(), vec![1, 0]);
    }
}
