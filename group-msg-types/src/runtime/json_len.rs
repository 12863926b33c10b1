//! The length of a value's compact JSON, as `serde_json::to_string` would write it, computed
//! without writing it (`x-max-bytes` on every validation of a Tencent request).

use serde::ser::{self, Serialize};

/// The number of bytes of `serde_json::to_string(value)`; `None` if it would fail to serialize.
pub fn json_len<T: Serialize + ?Sized>(value: &T) -> Option<u64> {
    value.serialize(Len).ok()
}

/// Why counting stopped: a value JSON cannot hold (serde_json fails on it too).
#[derive(Debug)]
pub struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not representable as JSON")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Unsupported
    }
}

/// The serialized length of a string, quotes and escapes included.
#[inline]
fn str_len(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let n = 2 + bytes.len() as u64;
    // Most strings have nothing to escape, and a word without a byte below 0x20, a `"` or a `\`
    // adds nothing. Up to 16 bytes (most keys and IDs), two words that may overlap cover the
    // string; longer ones are read a word at a time.
    let len = bytes.len();
    let clean = match len {
        0 => return n,
        1..=3 => !bytes.iter().any(|&b| escape_extra(b) != 0),
        4..=7 => {
            let half =
                |at: usize| u64::from(u32::from_ne_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]));
            !needs_escape(half(0) | half(len - 4) << 32)
        }
        8..=16 => !needs_escape(word(bytes, 0)) && !needs_escape(word(bytes, len - 8)),
        _ => return long_str_len(bytes, n),
    };
    if clean {
        n
    } else {
        n + bytes.iter().map(|&b| escape_extra(b)).sum::<u64>()
    }
}

/// The eight bytes of `bytes` from `at` as a word.
#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_ne_bytes(w)
}

/// [`str_len`] of a string of more than 16 bytes (`n` is its length plus the quotes): a word at
/// a time, the bytes after the last whole word tested with the string's last word.
fn long_str_len(bytes: &[u8], mut n: u64) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        if needs_escape(word(chunk, 0)) {
            n += chunk.iter().map(|&b| escape_extra(b)).sum::<u64>();
        }
    }
    let rest = chunks.remainder();
    if rest.is_empty() || !needs_escape(word(bytes, bytes.len() - 8)) {
        return n;
    }
    n + rest.iter().map(|&b| escape_extra(b)).sum::<u64>()
}

/// Whether any byte of `w` is below 0x20, `"` or `\` (exact: no false positives for "any").
#[inline]
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let quote = w ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote & HIGH;
    let slash = w ^ (ONES * u64::from(b'\\'));
    let slash = slash.wrapping_sub(ONES) & !slash & HIGH;
    (below | quote | slash) != 0
}

/// The bytes an escape adds to one byte.
#[inline]
fn escape_extra(b: u8) -> u64 {
    match b {
        b'"' | b'\\' | 0x08 | 0x0c | b'\n' | b'\r' | b'\t' => 1,
        0..=0x1f => 5,
        _ => 0,
    }
}

#[inline]
fn uint_len(mut v: u128) -> u64 {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

#[inline]
fn int_len(v: i128) -> u64 {
    if v < 0 {
        1 + uint_len(v.unsigned_abs())
    } else {
        uint_len(v as u128)
    }
}

fn float_len(v: f64) -> u64 {
    if v.is_finite() {
        serde_json::to_string(&v).map_or(4, |s| s.len() as u64)
    } else {
        4
    }
}

struct Len;

/// Counts a sequence or map: brackets, commas, entries.
struct Compound {
    n: u64,
    first: bool,
    /// Extra closing bytes (`}` of an enclosing variant object).
    close: u64,
}

impl Compound {
    fn new(close: u64) -> Self {
        Compound { n: 1, first: true, close }
    }
    fn comma(&mut self) {
        if !self.first {
            self.n += 1;
        }
        self.first = false;
    }
    fn end(self) -> u64 {
        self.n + 1 + self.close
    }
}

type R = Result<u64, Unsupported>;

impl ser::Serializer for Len {
    type Ok = u64;
    type Error = Unsupported;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    fn serialize_bool(self, v: bool) -> R {
        Ok(if v { 4 } else { 5 })
    }
    fn serialize_i8(self, v: i8) -> R {
        Ok(int_len(v.into()))
    }
    fn serialize_i16(self, v: i16) -> R {
        Ok(int_len(v.into()))
    }
    fn serialize_i32(self, v: i32) -> R {
        Ok(int_len(v.into()))
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(int_len(v.into()))
    }
    fn serialize_i128(self, v: i128) -> R {
        Ok(int_len(v))
    }
    fn serialize_u8(self, v: u8) -> R {
        Ok(uint_len(v.into()))
    }
    fn serialize_u16(self, v: u16) -> R {
        Ok(uint_len(v.into()))
    }
    fn serialize_u32(self, v: u32) -> R {
        Ok(uint_len(v.into()))
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(uint_len(v.into()))
    }
    fn serialize_u128(self, v: u128) -> R {
        Ok(uint_len(v))
    }
    fn serialize_f32(self, v: f32) -> R {
        Ok(if v.is_finite() { serde_json::to_string(&v).map_or(4, |s| s.len() as u64) } else { 4 })
    }
    fn serialize_f64(self, v: f64) -> R {
        Ok(float_len(v))
    }
    fn serialize_char(self, v: char) -> R {
        let mut buf = [0; 4];
        Ok(str_len(v.encode_utf8(&mut buf)))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(str_len(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        // serde_json writes bytes as an array of numbers.
        Ok(2 + v.iter().map(|b| uint_len((*b).into())).sum::<u64>() + v.len().saturating_sub(1) as u64)
    }
    fn serialize_none(self) -> R {
        Ok(4)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(Len)
    }
    fn serialize_unit(self) -> R {
        Ok(4)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(4)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(str_len(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(Len)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        Ok(2 + str_len(variant) + 1 + v.serialize(Len)?)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, Unsupported> {
        Ok(Compound::new(0))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound, Unsupported> {
        Ok(Compound::new(0))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, Unsupported> {
        Ok(Compound::new(0))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound, Unsupported> {
        let mut c = Compound::new(1);
        c.n += 1 + str_len(variant) + 1;
        Ok(c)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound, Unsupported> {
        Ok(Compound::new(0))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, Unsupported> {
        Ok(Compound::new(0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound, Unsupported> {
        let mut c = Compound::new(1);
        c.n += 1 + str_len(variant) + 1;
        Ok(c)
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.comma();
        self.n += v.serialize(Len)?;
        Ok(())
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeTupleVariant for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

/// Map keys are written as strings; numbers and booleans get quotes.
struct KeyLen;

impl ser::Serializer for KeyLen {
    type Ok = u64;
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<u64, Unsupported>;
    type SerializeTuple = ser::Impossible<u64, Unsupported>;
    type SerializeTupleStruct = ser::Impossible<u64, Unsupported>;
    type SerializeTupleVariant = ser::Impossible<u64, Unsupported>;
    type SerializeMap = ser::Impossible<u64, Unsupported>;
    type SerializeStruct = ser::Impossible<u64, Unsupported>;
    type SerializeStructVariant = ser::Impossible<u64, Unsupported>;

    fn serialize_bool(self, v: bool) -> R {
        Ok(2 + if v { 4 } else { 5 })
    }
    fn serialize_i8(self, v: i8) -> R {
        Ok(2 + int_len(v.into()))
    }
    fn serialize_i16(self, v: i16) -> R {
        Ok(2 + int_len(v.into()))
    }
    fn serialize_i32(self, v: i32) -> R {
        Ok(2 + int_len(v.into()))
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(2 + int_len(v.into()))
    }
    fn serialize_i128(self, v: i128) -> R {
        Ok(2 + int_len(v))
    }
    fn serialize_u8(self, v: u8) -> R {
        Ok(2 + uint_len(v.into()))
    }
    fn serialize_u16(self, v: u16) -> R {
        Ok(2 + uint_len(v.into()))
    }
    fn serialize_u32(self, v: u32) -> R {
        Ok(2 + uint_len(v.into()))
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(2 + uint_len(v.into()))
    }
    fn serialize_u128(self, v: u128) -> R {
        Ok(2 + uint_len(v))
    }
    fn serialize_f32(self, _: f32) -> R {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> R {
        ser::Serializer::serialize_char(Len, v)
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(str_len(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Unsupported)
    }
    fn serialize_none(self) -> R {
        Err(Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> R {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> R {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Err(Unsupported)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(str_len(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(KeyLen)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> R {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeMap for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unsupported> {
        self.comma();
        self.n += k.serialize(KeyLen)? + 1;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.n += v.serialize(Len)?;
        Ok(())
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        self.comma();
        self.n += str_len(key) + 1 + v.serialize(Len)?;
        Ok(())
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = u64;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> R {
        Ok(Compound::end(self))
    }
}

#[cfg(test)]
mod tests {
    use super::json_len;
    use serde_json::json;

    #[test]
    fn equals_the_serialized_length() {
        let cases = [
            json!(null),
            json!(true),
            json!(-12345),
            json!(18446744073709551615u64),
            json!(22.0),
            json!(1.5e-7),
            json!("plain"),
            json!("quote \" slash \\ nl \n tab \t bell \u{7} del \u{7f} 群消息 😀"),
            json!("eight ok"),
            json!("0123456\"89abcdef\\x"),
            json!("\u{1f}\u{0}\u{1}\u{8}\u{c}abcdefgh~\u{20}!#"),
            json!([]),
            json!({}),
            json!([1, "a", [2, {"k": null}], {}]),
            json!({"GroupId": "@TGS#1", "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "红包 \"x\""}}], "n": -1}),
        ];
        for v in cases {
            assert_eq!(json_len(&v), Some(serde_json::to_string(&v).unwrap().len() as u64), "{v}");
        }
        // Every ASCII byte at every position of strings of 1 to 25 bytes (whole words, a
        // remainder, the last word overlapping the one before), alone and beside a `"` earlier in
        // the string (an earlier word that was counted).
        let base = "abcdefghijklmnopqrstuvwxy";
        for len in 1..=base.len() {
            for c in (0u8..0x80).map(char::from) {
                for at in 0..len {
                    for quote_first in [false, true] {
                        let mut text: String = base[..len].into();
                        text.replace_range(at..at + 1, &c.to_string());
                        if quote_first && at > 0 {
                            text.replace_range(0..1, "\"");
                        }
                        let expected = serde_json::to_string(&text).unwrap().len() as u64;
                        assert_eq!(json_len(&text), Some(expected), "{text:?}");
                    }
                }
            }
        }
        let map: std::collections::BTreeMap<u32, Vec<f64>> = [(1, vec![0.5, 2.0]), (20, vec![])].into();
        assert_eq!(json_len(&map), Some(serde_json::to_string(&map).unwrap().len() as u64));
    }
}
