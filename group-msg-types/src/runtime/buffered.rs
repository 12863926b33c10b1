//! Converting a buffered value (a union key that came before its tag) into its type in one pass,
//! in time linear in the value:
//!
//! - the value is moved, not copied: [`Owned`] is a deserializer over an owned
//!   `serde_json::Value` whose maps and arrays hand their items over by value;
//! - a value buffered again inside it (the same situation one level down) is handed over whole
//!   ([`take`]): not rebuilt node by node, so nesting does not multiply the work;
//! - the path is tracked only on failure: an error leaving a map entry or array item gets that
//!   key or index prepended (as a pointer mark, see `parse::unmark`), so a failure is never
//!   converted again to find where it was.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::de::StrictValue;

/// The newtype name [`Owned`] answers by handing its whole value over to [`take`].
const HANDOVER: &str = "$group_msg::buffered";

thread_local! {
    static HANDED: Cell<Option<Value>> = const { Cell::new(None) };
}

/// Reads a whole JSON value to keep it: from text, checking every object for duplicate keys;
/// from a buffered value ([`Owned`]), by taking it over as it is (it was checked when read).
pub fn take<'de, D: de::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    d.deserialize_newtype_struct(HANDOVER, Take)
}

/// [`take`] as a seed.
#[derive(Clone, Copy)]
pub struct TakeSeed;

impl<'de> DeserializeSeed<'de> for TakeSeed {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        take(d)
    }
}

struct Take;

impl<'de> Visitor<'de> for Take {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        StrictValue.deserialize(d)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        // `Owned` put its value here just before calling this.
        Ok(HANDED.with(Cell::take).unwrap_or(Value::Null))
    }
}

/// A deserializer over an owned value (see the module docs).
pub struct Owned(pub Value);

type Error = serde_json::Error;

/// `e`, raised under `segment` (a key or an index): the segment is prepended to its pointer.
#[cold]
fn under(segment: &str, e: Error) -> Error {
    let seg = format!("/{}", segment.replace('~', "~0").replace('/', "~1"));
    de::Error::custom(super::parse::mark(&seg, e))
}

impl<'de> de::Deserializer<'de> for Owned {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = Items { items: items.into_iter(), index: 0 };
                let out = visitor.visit_seq(&mut seq)?;
                if !seq.items.as_slice().is_empty() {
                    return Err(de::Error::invalid_length(seq.index + seq.items.len(), &"fewer items"));
                }
                Ok(out)
            }
            Value::Object(map) => visitor.visit_map(Entries { entries: map.into_iter(), key: None, value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            v => visitor.visit_some(Owned(v)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        if name == HANDOVER {
            HANDED.with(|h| h.set(Some(self.0)));
            let out = visitor.visit_unit();
            HANDED.with(Cell::take);
            return out;
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Not used by generated types; serde_json's own rules for enums.
        self.0.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Owned {
    type Deserializer = Owned;
    fn into_deserializer(self) -> Owned {
        self
    }
}

struct Items {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for &mut Items {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(v) = self.items.next() else { return Ok(None) };
        let i = self.index;
        self.index += 1;
        seed.deserialize(Owned(v)).map(Some).map_err(|e| under(&i.to_string(), e))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries {
    entries: <Map<String, Value> as IntoIterator>::IntoIter,
    key: Option<String>,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((k, v)) = self.entries.next() else { return Ok(None) };
        self.value = Some(v);
        let out = seed.deserialize(k.as_str().into_deserializer()).map(Some);
        self.key = Some(k);
        out
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let v = self.value.take().unwrap_or(Value::Null);
        seed.deserialize(Owned(v)).map_err(|e| under(self.key.as_deref().unwrap_or(""), e))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
