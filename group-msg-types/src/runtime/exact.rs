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

use std::borrow::Cow;
use std::convert::identity;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

/// A deserializer as JSON Schema reads a value: structs only from objects, integers from `-0`.
pub struct Exact<D>(pub D);

/// The value of one key of a derived struct: the field's outer `Option` is presence, not `null`.
/// The flag is set when the derive skips the value (`IgnoredAny`): the key is no field.
pub struct Field<'a, D>(D, &'a mut bool);

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
            deserialize_identifier()
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
    forward!(identity, identity: deserialize_ignored_any());

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

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Field<'_, D> {
    type Error = D::Error;

    /// The key is present: its value is the inner type's, `null` included.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(Exact(self.0))
    }

    /// Only the derive's arm for keys that are no field skips a value (no field's type does).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        *self.1 = true;
        self.0.deserialize_ignored_any(visitor)
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
        let mut map = FieldMap { map, fields: self.1, key: Cow::Borrowed(""), pending: false };
        let value = self.0.visit_map(&mut map);
        // The derive refused a key before asking for its value: a field's second copy.
        if map.pending && value.is_err() {
            return Err(super::de::duplicate(&map.key));
        }
        value
    }
}

/// The entries of a derived struct's object. A key that is not a field, or a field's second
/// copy, is refused as the object's error (as JSON Schema's `additionalProperties`), in the words
/// of the rest of the runtime (a did-you-mean; `duplicate key`); the derive itself, without
/// `deny_unknown_fields`, would skip the first.
///
/// The keys are matched once, by the derive: a key that is no field is known when the derive
/// skips its value, a copy when the derive fails between a key and its value (it refuses a
/// field's second copy there, and nothing else); the errors are raised here, outside the entry,
/// so that their path is the object's. A key that is no field is refused once its value was
/// skipped, so text that is not JSON there says so first.
struct FieldMap<'de, A> {
    map: A,
    fields: &'static [&'static str],
    /// The last key read.
    key: Cow<'de, str>,
    /// Whether the last key's value is still to be asked for.
    pending: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FieldMap<'de, A> {
    type Error = A::Error;
    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let key = self.map.next_key_seed(KeySeed(seed, &mut self.key))?;
        self.pending = key.is_some();
        Ok(key)
    }
    #[inline]
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.pending = false;
        let mut skipped = false;
        let value = self.map.next_value_seed(FieldSeed(seed, &mut skipped))?;
        if skipped {
            return Err(super::de::unknown_field(&self.key, self.fields));
        }
        Ok(value)
    }
    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A key's seed that keeps the key.
struct KeySeed<'a, 'de, K>(K, &'a mut Cow<'de, str>);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, K> {
    type Value = K::Value;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        self.0.deserialize(KeyDe(d, self.1))
    }
}

struct KeyDe<'a, 'de, D>(D, &'a mut Cow<'de, str>);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, 'de, D> {
    type Error = D::Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_str(KeyVisitor(visitor, self.1))
    }
    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(KeyVisitor(visitor, self.1))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum ignored_any
    }
}

/// A key's visitor: the key goes to the derive's visitor and is kept (borrowed from the input
/// when it can be) for the error that may follow.
struct KeyVisitor<'a, 'de, V>(V, &'a mut Cow<'de, str>);

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        *self.1 = Cow::Owned(v.to_owned());
        self.0.visit_str(v)
    }
    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.1 = Cow::Borrowed(v);
        self.0.visit_borrowed_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        let r = self.0.visit_str(&v);
        *self.1 = Cow::Owned(v);
        r
    }
}

struct FieldSeed<'a, S>(S, &'a mut bool);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FieldSeed<'_, S> {
    type Value = S::Value;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Field(d, self.1))
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

    /// The derive matches the keys; what it skips or refuses between a key and its value is
    /// refused here, whatever the value and however the key was read.
    #[test]
    fn unknown_keys_and_copies_however_read() {
        // A key that is no field, its value an object, an array, `null`.
        for v in [r#"{"a": [1, {"b": null}]}"#, "[[]]", "null"] {
            let e = read(&format!(r#"{{"N": 1, "x": {v}, "opt": "a"}}"#)).unwrap_err();
            assert!(e.contains("unknown field `x`"), "{e}");
        }
        // Keys with escapes (not borrowed from the input).
        let e = read(r#"{"N": 1, "op\u0074s": "a"}"#).unwrap_err();
        assert!(e.contains("unknown field `opts`, did you mean `opt`?"), "{e}");
        let e = read(r#"{"N": 1, "\u004E": 2}"#).unwrap_err();
        assert!(e.contains("duplicate key `N`"), "{e}");
        assert_eq!(read(r#"{"\u004E": 2}"#).unwrap().n, 2);
        // Keys as owned strings (`serde_json::Value`).
        let value: serde_json::Value = serde_json::from_str(r#"{"N": 2, "opts": "a"}"#).unwrap();
        let e = Outer::deserialize(value).unwrap_err().to_string();
        assert!(e.contains("unknown field `opts`, did you mean `opt`?"), "{e}");
        // A copy, nested: the object's error, after the first copy's value was read.
        let mut de = serde_json::Deserializer::from_str(r#"{"N": 1, "list": [{"a": 1}, {"a": 1, "a": 2}]}"#);
        let e = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        assert_eq!(e.path().to_string(), "list[1]");
        assert!(e.inner().to_string().starts_with("duplicate key `a`"), "{e}");
        // A wrong value of a field is still the field's error.
        let mut de = serde_json::Deserializer::from_str(r#"{"N": 1, "inner": {"a": "1"}}"#);
        let e = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        assert_eq!(e.path().to_string(), "inner.a");
    }
}
