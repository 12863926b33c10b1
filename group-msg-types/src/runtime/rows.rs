//! [`Rows`]: a list of items given either as rows (a list of lists) or flat (a list), kept in the
//! form it came in. A spec writes it as `anyOf` of an array of arrays of `T` and an array of `T`
//! (YunHu `buttons`: the doc's examples send rows, its table and both official SDKs a flat list).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Path, Validate, Violation};

/// Items as rows or as one flat list; parsing and serializing again keeps the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows<T> {
    /// A list of rows, each a list of items: `[[a, b], [c]]`. What builders write.
    Rows(Vec<Vec<T>>),
    /// A flat list of items: `[a, b, c]`.
    Flat(Vec<T>),
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows::Rows(Vec::new())
    }
}

impl<T> From<Vec<Vec<T>>> for Rows<T> {
    fn from(rows: Vec<Vec<T>>) -> Self {
        Rows::Rows(rows)
    }
}

impl<T> From<Vec<T>> for Rows<T> {
    fn from(items: Vec<T>) -> Self {
        Rows::Flat(items)
    }
}

impl<T> Rows<T> {
    /// Every item, row after row.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        let (rows, flat): (&[Vec<T>], &[T]) = match self {
            Rows::Rows(r) => (r, &[]),
            Rows::Flat(f) => (&[], f),
        };
        rows.iter().flatten().chain(flat)
    }
    /// How many items, in all rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::Rows(r) => r.iter().map(Vec::len).sum(),
            Rows::Flat(f) => f.len(),
        }
    }
    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether the items came (or will be written) flat.
    pub fn is_flat(&self) -> bool {
        matches!(self, Rows::Flat(_))
    }
}

impl<T: Serialize> Serialize for Rows<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rows::Rows(r) => r.serialize(serializer),
            Rows::Flat(f) => f.serialize(serializer),
        }
    }
}

/// One element of the outer list: an item (object) or a row (array).
enum Elem<T> {
    One(T),
    Row(Vec<T>),
}

struct ElemSeed<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ElemSeed<T> {
    type Value = Elem<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Elem<T>, D::Error> {
        deserializer.deserialize_any(ElemVisitor(PhantomData))
    }
}

struct ElemVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ElemVisitor<T> {
    type Value = Elem<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an item (an object) or a row of items (an array of objects)")
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Elem<T>, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Elem::One)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Elem<T>, A::Error> {
        Vec::<T>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Elem::Row)
    }
}

struct RowsVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for RowsVisitor<T> {
    type Value = Rows<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows (arrays of objects) or a flat list of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows<T>, A::Error> {
        let mut rows = Vec::new();
        let mut flat = Vec::new();
        let mut index = 0usize;
        while let Some(elem) = seq.next_element_seed(ElemSeed::<T>(PhantomData))? {
            match elem {
                Elem::Row(r) if flat.is_empty() => rows.push(r),
                Elem::One(t) if rows.is_empty() => flat.push(t),
                Elem::Row(_) => {
                    return Err(de::Error::custom(format_args!(
                        "item {index} is an array (a row) in a flat list of objects: give either rows (arrays of objects) or objects, not both"
                    )))
                }
                Elem::One(_) => {
                    return Err(de::Error::custom(format_args!(
                        "item {index} is an object in a list of rows (arrays of objects): give either rows or objects, not both"
                    )))
                }
            }
            index += 1;
        }
        Ok(if flat.is_empty() { Rows::Rows(rows) } else { Rows::Flat(flat) })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Rows<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(RowsVisitor(PhantomData))
    }
}

impl<T: Validate> Validate for Rows<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        match self {
            Rows::Rows(r) => r.validate_into(path, out),
            Rows::Flat(f) => f.validate_into(path, out),
        }
    }
}

#[cfg(feature = "schemars")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Rows<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Rows_of_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<T>();
        schemars::json_schema!({
            "anyOf": [
                { "type": "array", "items": { "type": "array", "items": item } },
                { "type": "array", "items": item }
            ]
        })
    }
    fn inline_schema() -> bool {
        true
    }
}
