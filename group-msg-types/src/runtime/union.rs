//! Tagged unions: a tag key whose value selects the variant, and the variant's keys beside it in
//! the same object (with the fields of the struct that holds the union, when one does).
//!
//! A generated union is one `rt::union!` invocation, a line per variant:
//! the macro writes `TAG`, `tag()`, `Serialize` (the tag, then the variant's keys, also into the
//! enclosing object through `__serialize_flat`) and `Deserialize`, and implements [`Union`],
//! whose tables drive the generic reader here. The reader works in one pass over the object,
//! whatever the key order:
//!
//! - before the tag, a key of some variant is kept as a `serde_json::Value`, any other key goes
//!   to the caller (the enclosing struct's fields, or an unknown key);
//! - at the tag, the chosen variant is read by its own `Deserialize` (a struct's derived one,
//!   through the runtime's `Exact`) from the rest of the object: its keys are handed over as they
//!   come, straight from the input, the others still go to the caller or, when they belong to
//!   another variant, are kept; at the end of the object the variant's kept keys come last.
//!
//! Errors are the ones every generated reader gives, with the same JSON paths: a second copy of
//! any key is ``duplicate key `K` ``, an unknown tag value lists the known ones, a key of another
//! variant is ``field `K` is not allowed when `TAG` is V`` (reported before a missing field), a
//! missing tag is ``missing field `TAG` ``.

use std::collections::BTreeSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::{Map, Value};

use super::de::{buffer, duplicate, not_in_variant, unknown_field, unknown_tag, AsInt, Key};

/// The tag values of a union's variants, in variant order.
pub enum Tags {
    /// String tags.
    Str(&'static [&'static str]),
    /// Integer tags.
    Int(&'static [i64]),
}

impl Tags {
    /// The tag of variant `i` as text, for errors.
    fn text(&self, i: usize) -> String {
        match self {
            Tags::Str(t) => t.get(i).map_or_else(String::new, |s| (*s).to_owned()),
            Tags::Int(t) => t.get(i).map_or_else(String::new, i64::to_string),
        }
    }
}

/// What the generic reader needs to know of a union: written by `rt::union!`.
pub trait Union: Sized {
    /// The tag's key.
    const TAG: &'static str;
    /// The tag value of each variant.
    const TAGS: Tags;
    /// The keys of each variant (a struct variant's fields, a value variant's one key).
    const KEYS: &'static [&'static [&'static str]];
    /// Whether each variant refuses keys that are not its own (`additionalProperties: false`
    /// in a union that allows other keys).
    const DENY: &'static [bool];
    /// When the union read on its own refuses unknown keys: every key it knows (for the
    /// did-you-mean of the error); `None` when it skips them.
    const FIELDS: Option<&'static [&'static str]>;
    /// What an error for a value that is not an object says was expected.
    const EXPECTING: &'static str;
    /// Reads variant `index` from `d`, a map of the variant's keys only.
    fn read_variant<'de, D: Deserializer<'de>>(index: usize, d: D) -> Result<Self, D::Error>;
}

fn is_union_key<U: Union>(key: &str) -> bool {
    U::KEYS.iter().any(|keys| keys.contains(&key))
}

/// Reads the tag's value: the index of the variant it selects.
fn read_tag<'de, U: Union, A: MapAccess<'de>>(map: &mut A) -> Result<usize, A::Error> {
    match U::TAGS {
        Tags::Str(tags) => {
            let value = map.next_value::<Key<'de>>()?;
            tags.iter().position(|t| *t == value.as_str()).ok_or_else(|| unknown_tag(value.as_str(), U::TAG, tags))
        }
        Tags::Int(tags) => {
            let value = map.next_value::<AsInt<i64>>()?.0;
            tags.iter().position(|t| *t == value).ok_or_else(|| {
                let texts: Vec<String> = tags.iter().map(i64::to_string).collect();
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                unknown_tag(&value.to_string(), U::TAG, &texts)
            })
        }
    }
}

/// The keys of other variants than the chosen one, as [`read`] leaves them.
pub type Left = Map<String, Value>;

/// Reads the union `U` from the entries of `map`, an object whose other keys go to `other`
/// (which reads or refuses them) in document order. Returns the union, and puts the keys of
/// other variants than the chosen one in `left`; with `strict` (or a variant that denies other
/// keys), such a key is an error instead.
#[inline]
pub fn read<'de, U: Union, A: MapAccess<'de>, F>(
    map: &mut A,
    strict: bool,
    other: F,
    left: &mut Map<String, Value>,
) -> Result<U, A::Error>
where
    F: FnMut(&str, &mut A) -> Result<(), A::Error>,
{
    read_tagged(map, strict, other, &mut 0, left)
}

/// [`read`], also putting the index of the chosen variant in `chosen`. The value is returned
/// as the variant's reader returns it, with no wrapping on the way (a variant can be hundreds of
/// bytes, and each wrapper would copy it).
#[inline]
fn read_tagged<'de, U: Union, A: MapAccess<'de>, F>(
    map: &mut A,
    strict: bool,
    mut other: F,
    chosen: &mut usize,
    left: &mut Map<String, Value>,
) -> Result<U, A::Error>
where
    F: FnMut(&str, &mut A) -> Result<(), A::Error>,
{
    let mut buf = Map::new();
    while let Some(key) = map.next_key::<Key<'de>>()? {
        let key = key.as_str();
        if key == U::TAG {
            let tag = read_tag::<U, A>(map)?;
            *chosen = tag;
            let check = strict || U::DENY.get(tag).copied().unwrap_or(false);
            let mut rest = Rest {
                map,
                other: &mut other,
                buf,
                tag,
                check,
                seen: 0,
                seen_more: Vec::new(),
                tail: None,
                pending: None,
                union: PhantomData::<U>,
            };
            let value = U::read_variant(tag, VariantDe(&mut rest));
            *left = rest.buf;
            return value;
        } else if is_union_key::<U>(key) {
            buffer(&mut buf, key, map)?;
        } else {
            other(key, map)?;
        }
    }
    Err(de::Error::missing_field(U::TAG))
}

/// The body of a generated union's `Deserialize`: the union read on its own, from an object.
pub fn deserialize<'de, U: Union, D: Deserializer<'de>>(deserializer: D) -> Result<U, D::Error> {
    struct V<U>(PhantomData<U>);
    impl<'de, U: Union> Visitor<'de> for V<U> {
        type Value = U;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(U::EXPECTING)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let mut ignored = BTreeSet::new();
            let (mut tag, mut left) = (0, Map::new());
            let value = read_tagged::<U, A, _>(
                &mut map,
                U::FIELDS.is_some(),
                |key, map| match U::FIELDS {
                    Some(fields) => Err(unknown_field(key, fields)),
                    None => {
                        if !ignored.insert(key.to_owned()) {
                            return Err(duplicate(key));
                        }
                        map.next_value::<IgnoredAny>().map(|_| ())
                    }
                },
                &mut tag,
                &mut left,
            );
            // A variant that denies other keys refuses the unknown ones that were skipped.
            if value.is_ok() && U::DENY.get(tag).copied().unwrap_or(false) {
                if let Some(key) = ignored.iter().next() {
                    return Err(not_in_variant(key, U::TAG, &U::TAGS.text(tag)));
                }
            }
            value
        }
    }
    deserializer.deserialize_map(V(PhantomData))
}

/// A variant whose payload is the value of one key (`key`), read by `T`.
pub fn single<'de, T: de::Deserialize<'de>, D: Deserializer<'de>>(d: D, key: &'static str) -> Result<T, D::Error> {
    struct V<T>(&'static str, PhantomData<T>);
    impl<'de, T: de::Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "the key `{}`", self.0)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            // The reader hands over only `key`, once; then the rest of the object is read (its
            // other keys go to the union's caller). The value is returned as it was read.
            if map.next_key::<IgnoredAny>()?.is_none() {
                return Err(de::Error::missing_field(self.0));
            }
            let value = map.next_value::<T>();
            if value.is_ok() && map.next_key::<IgnoredAny>()?.is_some() {
                return Err(super::de::duplicate(self.0));
            }
            value
        }
    }
    d.deserialize_map(V(key, PhantomData))
}

/// A variant without keys of its own.
pub fn unit<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
    d.deserialize_map(IgnoredAny).map(|_| ())
}

/// The rest of the object once the tag is known, as the chosen variant's map: its keys only.
struct Rest<'a, U, A, F> {
    map: &'a mut A,
    other: &'a mut F,
    /// Keys of any variant kept before the tag, and of other variants after it.
    buf: Map<String, Value>,
    tag: usize,
    /// Whether a key of another variant is an error.
    check: bool,
    /// The variant's keys read so far: bits for the first 128, a list for the rest.
    seen: u128,
    seen_more: Vec<usize>,
    /// At the end of the object: the next of the variant's keys to look for in `buf`.
    tail: Option<usize>,
    /// A kept value whose key was just handed over.
    pending: Option<(&'static str, Value)>,
    union: PhantomData<U>,
}

impl<U, A, F> Rest<'_, U, A, F> {
    /// Notes key `i` of the variant as read; false when it was already.
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

impl<'de, U: Union, A: MapAccess<'de>, F> MapAccess<'de> for Rest<'_, U, A, F>
where
    F: FnMut(&str, &mut A) -> Result<(), A::Error>,
{
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let keys = U::KEYS[self.tag];
        if self.tail.is_none() {
            while let Some(key) = self.map.next_key::<Key<'de>>()? {
                let key = key.as_str();
                if let Some(i) = keys.iter().position(|k| *k == key) {
                    if self.buf.contains_key(key) || !self.first(i) {
                        return Err(duplicate(key));
                    }
                    return seed.deserialize(de::value::StrDeserializer::<A::Error>::new(key)).map(Some);
                }
                if key == U::TAG {
                    return Err(duplicate(U::TAG));
                }
                if is_union_key::<U>(key) {
                    buffer(&mut self.buf, key, self.map)?;
                } else {
                    (self.other)(key, self.map)?;
                }
            }
            // The end of the object: a key of another variant is the mistake to report, before
            // a missing one.
            if self.check {
                if let Some(key) = self.buf.keys().find(|k| !keys.contains(&k.as_str())) {
                    return Err(not_in_variant(key, U::TAG, &U::TAGS.text(self.tag)));
                }
            }
            self.tail = Some(0);
        }
        // The variant's keys that came before the tag, in the variant's order.
        while let Some(i) = self.tail.filter(|i| *i < keys.len() && !self.buf.is_empty()) {
            self.tail = Some(i + 1);
            if let Some(value) = self.buf.remove(keys[i]) {
                self.pending = Some((keys[i], value));
                return seed.deserialize(de::value::StrDeserializer::<A::Error>::new(keys[i])).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.pending.take() {
            Some((key, value)) => super::de::convert_seed_at(key, seed, value),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// A deserializer of the map `Rest` hands to the variant's `Deserialize`.
struct VariantDe<'r, R>(&'r mut R);

impl<'de, R: MapAccess<'de>> Deserializer<'de> for VariantDe<'_, R> {
    type Error = R::Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, R::Error> {
        visitor.visit_map(self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Writes a struct variant's payload into `map`, the object that holds the tag: the payload's
/// own `Serialize` (derived or not) writes its fields as entries of `map`.
pub fn flatten<M: SerializeMap, T: Serialize + ?Sized>(value: &T, map: &mut M) -> Result<(), M::Error> {
    value.serialize(Flat(map))
}

/// The serializer [`flatten`] hands a payload: it takes a struct or a map, and nothing else.
struct Flat<'a, M>(&'a mut M);

#[cold]
fn not_an_object<E: ser::Error>() -> E {
    E::custom("a union variant's payload must serialize as an object")
}

/// Serializer methods that refuse what is not an object.
macro_rules! refuse {
    ($($name:ident($($ty:ty),*) -> $ret:ty;)*) => {$(
        fn $name(self, $(_: $ty),*) -> Result<$ret, M::Error> {
            Err(not_an_object())
        }
    )*};
}

impl<'a, M: SerializeMap> Serializer for Flat<'a, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), M::Error>;

    fn serialize_map(self, _len: Option<usize>) -> Result<Self, M::Error> {
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, M::Error> {
        Ok(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), M::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), M::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), M::Error> {
        Err(not_an_object())
    }
    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

impl<M: SerializeMap> SerializeStruct for Flat<'_, M> {
    type Ok = ();
    type Error = M::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

impl<M: SerializeMap> SerializeMap for Flat<'_, M> {
    type Ok = ();
    type Error = M::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.0.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        self.0.serialize_value(value)
    }
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// A generated tagged union's impls, from a line per variant:
///
/// ```text
/// Type: "tag" str|int, deep|flat, strict [every key] | open [];
///     Variant(Payload) = tag value, fields [the payload struct's keys];
///     Variant(Payload) = tag value, deep_fields [keys];   // a recursive payload: its `__serialize_fields`
///     Variant(Type) = tag value, value ["key"];   // `int ["key"]` for an integer
///     Variant = tag value, unit [];
///     ... (`deny` after the keys: the variant refuses other keys)
/// ```
///
/// `TAG` and `tag()`, `__serialize_flat` (the tag and the variant's keys into an enclosing
/// object's map), `Serialize` (counting depth when `deep`), `Deserialize` and [`Union`]
/// (`strict`: unknown keys are refused when the union is read on its own).
#[doc(hidden)]
#[macro_export]
macro_rules! __union {
    (
        $t:ident: $tag:literal $tagkind:ident, $guard:ident, $strict:ident [$($field:literal),* $(,)?];
        $($v:ident $(($ty:ty))? = $val:literal, $kind:ident [$($key:literal),* $(,)?] $($deny:ident)?;)*
    ) => {
        impl $t {
            /// The wire name of the tag that selects the variant.
            pub const TAG: &'static str = $tag;
            /// The value of the tag for this variant.
            pub fn tag(&self) -> $crate::__union!(@tagty $tagkind) {
                match self {
                    $($t::$v { .. } => $val,)*
                }
            }
            #[doc(hidden)]
            pub fn __serialize_flat<__M: $crate::__private::serde::ser::SerializeMap>(
                &self,
                map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                $($crate::__union!(@ser self, map, $t, $tag, $v = $val, $kind [$($key),*]);)*
                ::core::result::Result::Ok(())
            }
        }
        impl $crate::__private::serde::Serialize for $t {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                use $crate::__private::serde::ser::SerializeMap as _;
                $crate::__union!(@guard $guard, __S);
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                self.__serialize_flat(&mut map)?;
                map.end()
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $t {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                $crate::runtime::union::deserialize(deserializer)
            }
        }
        impl $crate::runtime::union::Union for $t {
            const TAG: &'static str = $tag;
            const TAGS: $crate::runtime::union::Tags = $crate::__union!(@tags $tagkind [$($val),*]);
            const KEYS: &'static [&'static [&'static str]] = &[$(&[$($key),*]),*];
            const DENY: &'static [bool] = &[$($crate::__union!(@deny $($deny)?)),*];
            const FIELDS: ::core::option::Option<&'static [&'static str]> = $crate::__union!(@fields $strict [$($field),*]);
            const EXPECTING: &'static str = ::core::concat!("a `", ::core::stringify!($t), "` object");
            fn read_variant<'de, __D>(index: usize, d: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                // `index` counts the variants in order.
                let mut i = 0usize;
                $(
                    if index == i {
                        return $crate::__union!(@read d, $t, $v, $kind [$($key),*] $(($ty))?);
                    }
                    i += 1;
                )*
                let _ = i;
                ::core::result::Result::Err(<__D::Error as $crate::__private::serde::de::Error>::custom("unknown tag"))
            }
        }
    };
    (@tagty str) => { &'static str };
    (@tagty int) => { i64 };
    (@tags str [$($val:literal),*]) => { $crate::runtime::union::Tags::Str(&[$($val),*]) };
    (@tags int [$($val:literal),*]) => { $crate::runtime::union::Tags::Int(&[$($val),*]) };
    (@deny) => { false };
    (@deny deny) => { true };
    (@fields strict [$($field:literal),*]) => { ::core::option::Option::Some(&[$($field),*]) };
    (@fields open []) => { ::core::option::Option::None };
    (@guard deep, $s:ident) => {
        let ::core::option::Option::Some(_guard) = $crate::runtime::depth::Guard::enter() else {
            return ::core::result::Result::Err($crate::runtime::depth::too_deep_error::<$s::Error>());
        };
    };
    (@guard flat, $s:ident) => {};
    (@ser $self:ident, $map:ident, $t:ident, $tag:literal, $v:ident = $val:literal, unit []) => {
        if let $t::$v = $self {
            $map.serialize_entry($tag, &$val)?;
        }
    };
    (@ser $self:ident, $map:ident, $t:ident, $tag:literal, $v:ident = $val:literal, fields [$($key:literal),*]) => {
        if let $t::$v(value) = $self {
            $map.serialize_entry($tag, &$val)?;
            $crate::runtime::union::flatten(value, $map)?;
        }
    };
    (@ser $self:ident, $map:ident, $t:ident, $tag:literal, $v:ident = $val:literal, deep_fields [$($key:literal),*]) => {
        if let $t::$v(value) = $self {
            $map.serialize_entry($tag, &$val)?;
            value.__serialize_fields($map)?;
        }
    };
    (@ser $self:ident, $map:ident, $t:ident, $tag:literal, $v:ident = $val:literal, $kind:ident [$key:literal]) => {
        if let $t::$v(value) = $self {
            $map.serialize_entry($tag, &$val)?;
            $map.serialize_entry($key, value)?;
        }
    };
    (@read $d:ident, $t:ident, $v:ident, unit []) => {
        $crate::runtime::union::unit($d).map(|()| $t::$v)
    };
    (@read $d:ident, $t:ident, $v:ident, fields [$($key:literal),*] ($ty:ty)) => {
        <$ty as $crate::__private::serde::Deserialize>::deserialize($d).map($t::$v)
    };
    (@read $d:ident, $t:ident, $v:ident, deep_fields [$($key:literal),*] ($ty:ty)) => {
        <$ty as $crate::__private::serde::Deserialize>::deserialize($d).map($t::$v)
    };
    (@read $d:ident, $t:ident, $v:ident, value [$key:literal] ($ty:ty)) => {
        $crate::runtime::union::single::<$ty, __D>($d, $key).map($t::$v)
    };
    (@read $d:ident, $t:ident, $v:ident, int [$key:literal] ($ty:ty)) => {
        $crate::runtime::union::single::<$crate::runtime::de::AsInt<$ty>, __D>($d, $key).map(|v| $t::$v(v.0))
    };
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct P {
        a: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<String>,
    }

    #[derive(Debug, PartialEq)]
    pub enum U {
        P(P),
        N(u64),
        E,
    }

    crate::__union! {
        U: "t" str, flat, strict ["t", "a", "b", "n"];
        P(P) = "p", fields ["a", "b"];
        N(u64) = "n", int ["n"];
        E = "e", unit [];
    }

    fn read(text: &str) -> Result<U, String> {
        serde_json::from_str::<U>(text).map_err(|e| e.to_string())
    }

    #[test]
    fn the_tag_may_come_anywhere() {
        let p = U::P(P { a: 1, b: Some("x".into()) });
        assert_eq!(read(r#"{"t": "p", "a": 1, "b": "x"}"#).unwrap(), p);
        assert_eq!(read(r#"{"a": 1, "t": "p", "b": "x"}"#).unwrap(), p);
        assert_eq!(read(r#"{"b": "x", "a": 1, "t": "p"}"#).unwrap(), p);
        assert_eq!(read(r#"{"n": -0, "t": "n"}"#).unwrap(), U::N(0));
        assert_eq!(read(r#"{"t": "e"}"#).unwrap(), U::E);
    }

    #[test]
    fn errors_name_the_key() {
        for text in [r#"{"a": 1, "a": 2, "t": "p"}"#, r#"{"a": 1, "t": "p", "a": 2}"#, r#"{"t": "p", "a": 1, "a": 2}"#]
        {
            assert!(read(text).unwrap_err().starts_with("duplicate key `a`"), "{text}");
        }
        assert!(read(r#"{"t": "p", "t": "p"}"#).unwrap_err().starts_with("duplicate key `t`"));
        // A key of another variant is reported before a missing one.
        let e = read(r#"{"t": "p", "n": 2}"#).unwrap_err();
        assert!(e.starts_with("field `n` is not allowed when `t` is p"), "{e}");
        let e = read(r#"{"t": "x"}"#).unwrap_err();
        assert!(e.starts_with("unknown `t` x, expected one of `p`, `n`, `e`"), "{e}");
        assert!(read(r#"{"a": 1}"#).unwrap_err().starts_with("missing field `t`"));
        assert!(read(r#"{"t": "p"}"#).unwrap_err().starts_with("missing field `a`"));
        assert!(read(r#"{"t": "n"}"#).unwrap_err().starts_with("missing field `n`"));
        let e = read(r#"{"t": "p", "a": 1, "bb": 2}"#).unwrap_err();
        assert!(e.starts_with("unknown field `bb`, did you mean `b`?"), "{e}");
        let e = read(r#"{"a": "1", "t": "p"}"#).unwrap_err();
        assert!(e.contains("invalid type"), "{e}");
    }

    #[test]
    fn writes_the_tag_then_the_payload() {
        let text = |u: &U| serde_json::to_string(u).unwrap();
        assert_eq!(text(&U::P(P { a: 1, b: None })), r#"{"t":"p","a":1}"#);
        assert_eq!(text(&U::N(3)), r#"{"t":"n","n":3}"#);
        assert_eq!(text(&U::E), r#"{"t":"e"}"#);
        assert_eq!((U::TAG, U::N(3).tag()), ("t", "n"));
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::new(&mut out);
        let mut map = serde::Serializer::serialize_map(&mut ser, None).unwrap();
        assert!(super::flatten(&5u32, &mut map).is_err());
    }
}
