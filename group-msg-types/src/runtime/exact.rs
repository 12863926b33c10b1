//! The adapter that lets a struct derive `Deserialize` and still read JSON as JSON Schema does.
//!
//! serde's derive reads a struct from an array too (`["a", 1]`), an optional field from `null`,
//! and no integer from `-0`. A generated struct whose serde derives sit on a private mirror of
//! its fields (serde's `remote`, so the struct's own docs show no serde attributes and no
//! inherent `deserialize`) has a `Deserialize` impl that hands the mirror's derived code an
//! [`Exact`] deserializer, which
//! - reads a struct only from an object (`deserialize_struct` becomes `deserialize_map`),
//! - gives each field's value as a [`Field`], where the `Option` of an optional field means only
//!   "the key may be absent": a present `null` goes to the inner type, which refuses it unless
//!   the field is nullable (`Option<Option<T>>`),
//! - reads an integer from `-0` (and `0.0`): JSON Schema's integer 0, a float to JSON parsers.
//!
//! The wrappers never nest past two levels: a map's or a sequence's own entries are the inner
//! format's deserializers again, so a recursive type instantiates no new types.

use std::convert::identity;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

/// A deserializer as JSON Schema reads a value: structs only from objects, integers from `-0`.
pub struct Exact<D>(pub D);

/// The value of one key of a derived struct: the field's outer `Option` is presence, not `null`.
pub struct Field<D>(D);

/// The serde impls of a struct whose derives sit on a private mirror of its fields (serde's
/// `remote`): `Deserialize` through [`Exact`]; with `ser`, `Serialize` too.
#[doc(hidden)]
#[macro_export]
macro_rules! __exact_de {
    ($t:ident, $wire:ident $(, $ser:ident)?) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $t {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                $wire::deserialize($crate::runtime::de::Exact(deserializer))
            }
        }
        $($crate::__exact_de!(@$ser $t, $wire);)?
    };
    (@ser $t:ident, $wire:ident) => {
        impl $crate::__private::serde::Serialize for $t {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                $wire::serialize(self, serializer)
            }
        }
    };
}

/// Defines `deserialize_*` methods that hand the visitor, wrapped in `$vis`, to the inner
/// deserializer wrapped in `$to` (`identity` for either: unchanged).
macro_rules! forward {
    ($to:path, $vis:path: $($name:ident($($arg:ident: $ty:ty),*))*) => {$(
        fn $name<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Self::Error> {
            $to(self.0).$name($($arg,)* $vis(visitor))
        }
    )*};
}

/// Calls `$m!($($pre)* ...)` with the `deserialize_*` methods [`Exact`] passes through unchanged.
macro_rules! plain {
    ($m:ident!($($pre:tt)*)) => {
        $m! {
            $($pre)*
            deserialize_any() deserialize_bool() deserialize_f32() deserialize_f64()
            deserialize_char() deserialize_str() deserialize_string() deserialize_bytes()
            deserialize_byte_buf() deserialize_unit() deserialize_unit_struct(name: &'static str)
            deserialize_newtype_struct(name: &'static str) deserialize_seq()
            deserialize_tuple(len: usize) deserialize_tuple_struct(name: &'static str, len: usize)
            deserialize_map() deserialize_enum(name: &'static str, variants: &'static [&'static str])
            deserialize_identifier() deserialize_ignored_any()
        }
    };
}

/// Calls `$m!($($pre)* ...)` with the integer `deserialize_*` methods.
macro_rules! ints {
    ($m:ident!($($pre:tt)*)) => {
        $m! {
            $($pre)*
            deserialize_i8() deserialize_i16() deserialize_i32() deserialize_i64() deserialize_i128()
            deserialize_u8() deserialize_u16() deserialize_u32() deserialize_u64() deserialize_u128()
        }
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Exact<D> {
    type Error = D::Error;

    plain!(forward!(identity, identity:));
    ints!(forward!(identity, IntFix:));

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(Fields(visitor, fields))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_option(OptFix(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Field<D> {
    type Error = D::Error;

    /// The key is present: its value is the inner type's, `null` included.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(Exact(self.0))
    }

    plain!(forward!(Exact, identity:));
    ints!(forward!(Exact, identity:));
    forward!(Exact, identity: deserialize_struct(name: &'static str, fields: &'static [&'static str]));

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Forwards `visit_*` methods to the wrapped visitor.
macro_rules! visits {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<E: de::Error>(self, $($arg: $ty),*) -> Result<Self::Value, E> {
            self.0.$name($($arg),*)
        }
    )*};
}

/// The visits every wrapper forwards unchanged.
macro_rules! common_visits {
    () => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
        visits! {
            visit_bool(v: bool);
            visit_i8(v: i8);
            visit_i16(v: i16);
            visit_i32(v: i32);
            visit_i64(v: i64);
            visit_i128(v: i128);
            visit_u8(v: u8);
            visit_u16(v: u16);
            visit_u32(v: u32);
            visit_u64(v: u64);
            visit_u128(v: u128);
            visit_f32(v: f32);
            visit_char(v: char);
            visit_str(v: &str);
            visit_borrowed_str(v: &'de str);
            visit_string(v: String);
            visit_bytes(v: &[u8]);
            visit_borrowed_bytes(v: &'de [u8]);
            visit_byte_buf(v: Vec<u8>);
            visit_none();
            visit_unit();
        }
        fn visit_newtype_struct<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            self.0.visit_newtype_struct(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.0.visit_seq(seq)
        }
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.0.visit_enum(data)
        }
    };
}

/// An integer visitor that takes the float `-0` (or `0.0`) as the integer 0.
struct IntFix<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for IntFix<V> {
    type Value = V::Value;
    common_visits!();
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        if v == 0.0 {
            self.0.visit_u64(0)
        } else {
            self.0.visit_f64(v)
        }
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.0.visit_some(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// A nullable value's visitor: what is not `null` is read through [`Exact`].
struct OptFix<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for OptFix<V> {
    type Value = V::Value;
    common_visits!();
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.0.visit_some(Exact(d))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// A derived struct's visitor, given an object whose values are read as [`Field`]s and whose
/// keys are checked against the struct's fields.
struct Fields<V>(V, &'static [&'static str]);

impl<'de, V: Visitor<'de>> Visitor<'de> for Fields<V> {
    type Value = V::Value;
    common_visits!();
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.0.visit_some(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(FieldMap::new(map, self.1))
    }
}

/// The entries of a derived struct's object. A key that is not a field, or a field's second
/// copy, is refused here, after the key was read, so the error is the object's (as JSON Schema's
/// `additionalProperties`), in the words of the rest of the runtime (a did-you-mean; `duplicate
/// key`); the derive itself, without `deny_unknown_fields`, would skip the first.
///
/// The key is looked up here once, and the derive's field visitor is handed the field's index
/// (`visit_u64`, which the derive maps to its field `i` of `fields`: it lists each field's one
/// name, generated fields having no aliases) rather than the key to match a second time.
struct FieldMap<A> {
    map: A,
    fields: &'static [&'static str],
    /// The field after the last one read: where the next key is looked for first, since keys
    /// mostly come in the order the schema lists them.
    next: usize,
    /// The fields read so far: bits for the first 128, a list for the rest.
    seen: u128,
    seen_more: Vec<usize>,
}

/// What reading a key found.
enum KeyNote {
    /// No key read (the end of the object), or one a visitor took other than as a string.
    None,
    Field(usize),
    Unknown(String),
}

impl<A> FieldMap<A> {
    fn new(map: A, fields: &'static [&'static str]) -> Self {
        FieldMap { map, fields, next: 0, seen: 0, seen_more: Vec::new() }
    }

    /// Notes field `i` as read; false when it was already.
    #[inline]
    fn first(&mut self, i: usize) -> bool {
        if i < 128 {
            let bit = 1u128 << i;
            let first = self.seen & bit == 0;
            self.seen |= bit;
            first
        } else if self.seen_more.contains(&i) {
            false
        } else {
            self.seen_more.push(i);
            true
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FieldMap<A> {
    type Error = A::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let mut note = KeyNote::None;
        let key = self.map.next_key_seed(KeySeed(seed, Lookup(self.fields, self.next), &mut note))?;
        match note {
            KeyNote::Field(i) if !self.first(i) => Err(super::de::duplicate(self.fields[i])),
            KeyNote::Field(i) => {
                self.next = i + 1;
                Ok(key)
            }
            KeyNote::Unknown(name) => Err(super::de::unknown_field(&name, self.fields)),
            KeyNote::None => Ok(key),
        }
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(FieldSeed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A struct's field names and the index to try first.
#[derive(Clone, Copy)]
struct Lookup(&'static [&'static str], usize);

impl Lookup {
    /// The index of the field named `key`.
    #[inline]
    fn find(self, key: &str) -> Option<usize> {
        let Lookup(fields, hint) = self;
        if fields.get(hint).is_some_and(|f| *f == key) {
            return Some(hint);
        }
        let (len, first) = (key.len(), key.as_bytes().first());
        fields.iter().position(|f| f.len() == len && f.as_bytes().first() == first && *f == key)
    }
}

/// A key's seed that notes which field the key is, or that it is none.
struct KeySeed<'a, K>(K, Lookup, &'a mut KeyNote);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        self.0.deserialize(KeyDe(d, self.1, self.2))
    }
}

struct KeyDe<'a, D>(D, Lookup, &'a mut KeyNote);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, D> {
    type Error = D::Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_str(KeyVisitor(visitor, self.1, self.2))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(KeyVisitor(visitor, self.1, self.2))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum ignored_any
    }
}

/// A key's visitor: a field is given to the derive's visitor as its index, an unknown key as
/// itself (the derive skips it; [`FieldMap`] refuses it).
struct KeyVisitor<'a, V>(V, Lookup, &'a mut KeyNote);

impl<'de, V: Visitor<'de>> KeyVisitor<'_, V> {
    #[inline]
    fn key<E: de::Error>(self, key: &str, unknown: impl FnOnce(V) -> Result<V::Value, E>) -> Result<V::Value, E> {
        match self.1.find(key) {
            Some(i) => {
                *self.2 = KeyNote::Field(i);
                self.0.visit_u64(i as u64)
            }
            None => {
                *self.2 = KeyNote::Unknown(key.to_owned());
                unknown(self.0)
            }
        }
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.key(v, |visitor| visitor.visit_str(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.key(v, |visitor| visitor.visit_borrowed_str(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.key(&v, |visitor| visitor.visit_str(&v))
    }
}

struct FieldSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FieldSeed<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Field(d))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, PartialEq)]
    struct Inner {
        a: u32,
    }
    #[derive(Deserialize, serde::Serialize)]
    #[serde(remote = "Inner")]
    struct InnerWire {
        a: u32,
    }
    crate::__exact_de!(Inner, InnerWire, ser);

    #[derive(Debug, PartialEq)]
    struct Outer {
        n: i64,
        opt: Option<String>,
        nullable: Option<Option<u32>>,
        inner: Option<Inner>,
        list: Option<Vec<Inner>>,
    }
    #[derive(Deserialize)]
    #[serde(remote = "Outer")]
    struct OuterWire {
        #[serde(rename = "N")]
        n: i64,
        opt: Option<String>,
        nullable: Option<Option<u32>>,
        inner: Option<Inner>,
        list: Option<Vec<Inner>>,
    }
    crate::__exact_de!(Outer, OuterWire);

    fn read(text: &str) -> Result<Outer, String> {
        serde_json::from_str::<Outer>(text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_objects_as_json_schema_does() {
        let v = read(r#"{"N": -0, "nullable": null, "inner": {"a": -0}, "list": [{"a": 3}]}"#).unwrap();
        assert_eq!(v.n, 0);
        assert_eq!(v.opt, None);
        assert_eq!(v.nullable, Some(None));
        assert_eq!(v.inner, Some(Inner { a: 0 }));
        assert_eq!(v.list, Some(vec![Inner { a: 3 }]));
        assert_eq!(serde_json::to_string(&Inner { a: 3 }).unwrap(), r#"{"a":3}"#);
        assert_eq!(read(r#"{"N": 1, "nullable": 7}"#).unwrap().nullable, Some(Some(7)));
        // The same through `serde_json::Value`, as buffered unions convert.
        let value: serde_json::Value = serde_json::from_str(r#"{"N": 2, "inner": {"a": 1}}"#).unwrap();
        assert_eq!(Outer::deserialize(value).unwrap().inner, Some(Inner { a: 1 }));
    }

    #[test]
    fn refuses_what_json_schema_refuses() {
        let e = read(r#"[1, null, null, null, null]"#).unwrap_err();
        assert!(e.contains("invalid type: sequence"), "{e}");
        let e = read(r#"{"N": 1, "inner": [2]}"#).unwrap_err();
        assert!(e.contains("invalid type: sequence"), "{e}");
        let e = read(r#"{"N": 1, "opt": null}"#).unwrap_err();
        assert!(e.contains("invalid type: null"), "{e}");
        let e = read(r#"{"N": 1, "inner": null}"#).unwrap_err();
        assert!(e.contains("invalid type: null"), "{e}");
        let e = read(r#"{"N": 1.5}"#).unwrap_err();
        assert!(e.contains("invalid type: floating point"), "{e}");
        let e = read(r#"{"N": 1, "N": 2}"#).unwrap_err();
        assert!(e.contains("duplicate key `N`"), "{e}");
        let e = read(r#"{"N": 1, "x": 2}"#).unwrap_err();
        assert!(e.contains("unknown field `x`"), "{e}");
        let e = read(r#"{"N": 1, "opts": "a"}"#).unwrap_err();
        assert!(e.contains("unknown field `opts`, did you mean `opt`?"), "{e}");
        // The object's error, not its key's: the path ends at the object, as JSON Schema's does.
        let mut de = serde_json::Deserializer::from_str(r#"{"N": 1, "inner": {"a": 1, "b": 2}}"#);
        let e = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        assert_eq!(e.path().to_string(), "inner");
        let e = read(r#"{"opt": "a"}"#).unwrap_err();
        assert!(e.contains("missing field `N`"), "{e}");
    }
}
