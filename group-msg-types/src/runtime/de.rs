//! Helpers of the generated `Deserialize` impls: borrowed keys, slots that catch duplicate and
//! missing fields, and errors that suggest the closest known key.

use std::borrow::Cow;
use std::fmt;

use group_msg_rules::closest;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde_json::{Map, Value};

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

/// Reads the value of field `name` into `slot`, refusing a second occurrence.
#[inline]
pub fn set<'de, T: de::Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
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
    match closest(key, known.iter().copied()) {
        Some(c) => E::custom(format_args!("unknown field `{key}`, did you mean `{c}`?")),
        None if known.is_empty() => E::custom(format_args!("unknown field `{key}`, there are no fields")),
        None => E::custom(format_args!("unknown field `{key}`, expected one of {}", list(known))),
    }
}

/// A tag value that selects no variant.
pub fn unknown_tag<E: de::Error>(value: &str, tag: &str, known: &[&str]) -> E {
    E::custom(format_args!("unknown `{tag}` {value}, expected one of {}", list(known)))
}

/// An enum value the spec does not list.
pub fn unknown_value<E: de::Error>(value: &str, expected: &str) -> E {
    let numeric = value.parse::<f64>().is_ok();
    match closest(value, expected.trim_start_matches("one of ").split(", ")) {
        Some(c) if c != value && !numeric => {
            E::custom(format_args!("unknown value `{value}`, did you mean `{c}`? expected {expected}"))
        }
        _ => E::custom(format_args!("unknown value `{value}`, expected {expected}")),
    }
}

/// A key of another variant than the one the tag selected.
pub fn not_in_variant<E: de::Error>(key: &str, tag: &str, value: &str) -> E {
    E::custom(format_args!("field `{key}` is not allowed when `{tag}` is {value}"))
}

/// Keeps a union key until the tag is known.
#[inline]
pub fn buffer<'de, A: MapAccess<'de>>(buf: &mut Map<String, Value>, key: &str, map: &mut A) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    if buf.insert(key.to_owned(), value).is_some() {
        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
    }
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

/// Deserializes a buffered value; an error keeps the path inside the value.
pub fn convert<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    convert_under("", value)
}

/// Deserializes a buffered value that was under `key`; an error keeps the path.
pub fn convert_at<T: DeserializeOwned, E: de::Error>(key: &str, value: Value) -> Result<T, E> {
    convert_under(&format!("/{}", key.replace('~', "~0").replace('/', "~1")), value)
}

fn convert_under<T: DeserializeOwned, E: de::Error>(prefix: &str, value: Value) -> Result<T, E> {
    // Fast path without path tracking; a failure is converted again to find where.
    match T::deserialize(&value) {
        Ok(v) => Ok(v),
        Err(_) => match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(v) => Ok(v),
            Err(e) => {
                let pointer = format!("{prefix}{}", super::parse::to_pointer(e.path()));
                Err(E::custom(super::parse::mark(&pointer, e.into_inner())))
            }
        },
    }
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}
