//! Depth: the one limit on nesting ([`MAX_DEPTH`] arrays and objects) that parsing and validation
//! share, and what keeps the recursive impls of values built in Rust (a relay inside a relay,
//! 10,000 levels deep) off the end of the stack.
//!
//! - `validate()` measures the depth of a value near the limit ([`too_deep`]) and reports
//!   [`Rule::Depth`](super::Rule::Depth) at the first array or object past it, without
//!   descending further.
//! - `Serialize` and `Debug` of generated types count the objects they are inside ([`Guard`]):
//!   past the limit, serializing fails and `Debug` prints `..`.
//! - `Clone` of a recursive type continues on a fresh thread every [`HOP`] levels ([`deep`]).
//! - `Drop` of a recursive struct hands its nested values to a per-thread list past [`HOP`]
//!   levels, which the outermost drop empties in a loop ([`defer_drop`]).

use std::any::Any;
use std::cell::{Cell, RefCell};

use serde::ser::{self, Serialize};

use super::validate::{Path, Rule, Violation};

pub use super::parse::MAX_DEPTH;

/// Nested levels of `Clone` or `Drop` run before a fresh stack (or the deferred list) takes over.
pub const HOP: usize = 64;

/// Values are measured when they start this close to the limit (and always when they can hold
/// untyped JSON): deeper than `MAX_DEPTH - ZONE` every generated object checks its own depth.
const ZONE: usize = 64;

thread_local! {
    static OBJECTS: Cell<usize> = const { Cell::new(0) };
    static CLONES: Cell<usize> = const { Cell::new(0) };
    static DROPS: Cell<usize> = const { Cell::new(0) };
    static DEFERRED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// One generated object being serialized or formatted; at most [`MAX_DEPTH`] at once per thread.
pub struct Guard(());

impl Guard {
    /// Enters one more object, or `None` past [`MAX_DEPTH`].
    #[inline]
    pub fn enter() -> Option<Guard> {
        OBJECTS.with(|c| {
            let n = c.get();
            if n >= MAX_DEPTH {
                None
            } else {
                c.set(n + 1);
                Some(Guard(()))
            }
        })
    }
}

impl Drop for Guard {
    #[inline]
    fn drop(&mut self) {
        OBJECTS.with(|c| c.set(c.get() - 1));
    }
}

/// The error of serializing a value nested deeper than [`MAX_DEPTH`].
#[cold]
pub fn too_deep_error<E: ser::Error>() -> E {
    E::custom(super::parse::too_deep_message())
}

/// Runs `f` (one level of a recursive `Clone`), on a fresh thread every [`HOP`] levels so that
/// no depth of value overflows the stack.
pub fn deep<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let depth = CLONES.with(Cell::get);
    if depth >= HOP {
        let hop = std::thread::scope(|s| std::thread::Builder::new().spawn_scoped(s, f).map(|h| h.join()));
        return match hop {
            Ok(Ok(r)) => r,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread to be had: nothing else to do than to go on here.
            Err(_) => unreachable_fallback(),
        };
    }
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            CLONES.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(depth);
    CLONES.with(|c| c.set(depth + 1));
    f()
}

#[cold]
fn unreachable_fallback() -> ! {
    panic!("cannot clone a value nested this deep: no thread could be spawned for it")
}

/// Drops `value` (the nested part of a recursive struct being dropped) now, or, more than
/// [`HOP`] levels down, later in the loop of the outermost drop.
pub fn defer_drop<T: 'static>(value: T) {
    let depth = DROPS.with(Cell::get);
    if depth >= HOP {
        DEFERRED.with(|d| d.borrow_mut().push(Box::new(value)));
        return;
    }
    DROPS.with(|c| c.set(depth + 1));
    drop(value);
    DROPS.with(|c| c.set(depth));
    if depth == 0 {
        // The outermost drop: empty the list, each item starting a fresh count.
        while let Some(next) = DEFERRED.with(|d| d.borrow_mut().pop()) {
            DROPS.with(|c| c.set(1));
            drop(next);
            DROPS.with(|c| c.set(0));
        }
    }
}

/// Whether the object `v` at `path` nests deeper than [`MAX_DEPTH`]; if so the violation is
/// reported at the first array or object past the limit, and the caller stops there. Measured
/// only near the limit, or always when `untyped` (the value can hold JSON of any depth).
pub fn too_deep<T: Serialize + ?Sized>(v: &T, path: &mut Path, out: &mut Vec<Violation>, untyped: bool) -> bool {
    let start = path.depth();
    if !untyped && start + ZONE < MAX_DEPTH {
        return false;
    }
    let mut meter = Meter { depth: start, at: Vec::new() };
    match v.serialize(&mut meter) {
        Err(Deep::Limit) => {
            let pushed = meter.at.len();
            for seg in meter.at {
                match seg {
                    Seg::Key(k) => path.push_owned(&k),
                    Seg::Index(i) => path.push_index(i),
                }
            }
            super::rules::report(path, out, Rule::Depth { limit: MAX_DEPTH }, None);
            for _ in 0..pushed {
                path.pop();
            }
            true
        }
        _ => false,
    }
}

#[derive(Debug)]
enum Deep {
    Limit,
    Other,
}

impl std::fmt::Display for Deep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too deep")
    }
}

impl std::error::Error for Deep {}

impl ser::Error for Deep {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Deep::Other
    }
}

enum Seg {
    Key(String),
    Index(usize),
}

/// A serializer that writes nothing and counts arrays and objects; `at` is the path from the
/// measured value to the current one.
struct Meter {
    depth: usize,
    at: Vec<Seg>,
}

impl Meter {
    fn open(&mut self) -> Result<Compound<'_>, Deep> {
        if self.depth >= MAX_DEPTH {
            return Err(Deep::Limit);
        }
        self.depth += 1;
        Ok(Compound { m: self, index: 0 })
    }
}

struct Compound<'a> {
    m: &'a mut Meter,
    index: usize,
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Deep> {
        self.m.at.push(Seg::Index(self.index));
        self.index += 1;
        v.serialize(&mut *self.m)?;
        self.m.at.pop();
        Ok(())
    }
    fn entry<T: Serialize + ?Sized>(&mut self, key: String, v: &T) -> Result<(), Deep> {
        self.m.at.push(Seg::Key(key));
        v.serialize(&mut *self.m)?;
        self.m.at.pop();
        Ok(())
    }
    fn close(self) -> Result<(), Deep> {
        self.m.depth -= 1;
        Ok(())
    }
}

/// The text of a map key (keys are strings or numbers in JSON).
struct KeyText;

macro_rules! key_display {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<String, Deep> {
            Ok(v.to_string())
        }
    )*};
}

macro_rules! unsupported {
    ($($f:ident $(: $t:ty)?),*) => {$(
        fn $f(self $(, _: $t)?) -> Result<String, Deep> {
            Err(Deep::Other)
        }
    )*};
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Deep;
    type SerializeSeq = ser::Impossible<String, Deep>;
    type SerializeTuple = ser::Impossible<String, Deep>;
    type SerializeTupleStruct = ser::Impossible<String, Deep>;
    type SerializeTupleVariant = ser::Impossible<String, Deep>;
    type SerializeMap = ser::Impossible<String, Deep>;
    type SerializeStruct = ser::Impossible<String, Deep>;
    type SerializeStructVariant = ser::Impossible<String, Deep>;
    key_display!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_u128: u128, serialize_f32: f32, serialize_f64: f64, serialize_char: char, serialize_str: &str);
    unsupported!(serialize_bytes: &[u8], serialize_none, serialize_unit, serialize_unit_struct: &'static str);
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<String, Deep> {
        v.serialize(self)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, Deep> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<String, Deep> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Deep> {
        Err(Deep::Other)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Deep> {
        Err(Deep::Other)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Deep> {
        Err(Deep::Other)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Deep> {
        Err(Deep::Other)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Deep> {
        Err(Deep::Other)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Deep> {
        Err(Deep::Other)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Deep> {
        Err(Deep::Other)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Deep> {
        Err(Deep::Other)
    }
}

macro_rules! scalar {
    ($($f:ident $(: $t:ty)?),*) => {$(
        fn $f(self $(, _: $t)?) -> Result<(), Deep> {
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Meter {
    type Ok = ();
    type Error = Deep;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = MapCompound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;
    scalar!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_u128: u128, serialize_f32: f32, serialize_f64: f64, serialize_char: char, serialize_str: &str,
        serialize_bytes: &[u8], serialize_none, serialize_unit, serialize_unit_struct: &'static str);
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Deep> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Deep> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Deep> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Deep> {
        let mut c = self.open()?;
        c.entry(variant.to_owned(), v)?;
        c.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Deep> {
        self.open()
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Deep> {
        self.open()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Deep> {
        self.open()
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Compound<'a>, Deep> {
        // `{"Variant": [...]}`: two levels.
        self.open()?.close()?;
        self.open()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapCompound<'a>, Deep> {
        Ok(MapCompound { c: self.open()?, key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Deep> {
        self.open()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Deep> {
        self.open()?.close()?;
        self.open()
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Deep> {
        self.item(v)
    }
    fn end(self) -> Result<(), Deep> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Deep> {
        self.item(v)
    }
    fn end(self) -> Result<(), Deep> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Deep> {
        self.item(v)
    }
    fn end(self) -> Result<(), Deep> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Deep> {
        self.item(v)
    }
    fn end(self) -> Result<(), Deep> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Deep> {
        self.entry(key.to_owned(), v)
    }
    fn end(self) -> Result<(), Deep> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Deep> {
        self.entry(key.to_owned(), v)
    }
    fn end(self) -> Result<(), Deep> {
        self.close()
    }
}

struct MapCompound<'a> {
    c: Compound<'a>,
    key: Option<String>,
}

impl ser::SerializeMap for MapCompound<'_> {
    type Ok = ();
    type Error = Deep;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Deep> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Deep> {
        let key = self.key.take().unwrap_or_default();
        self.c.entry(key, v)
    }
    fn end(self) -> Result<(), Deep> {
        self.c.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn nested(n: usize) -> Value {
        let mut v = json!(1);
        for _ in 0..n {
            v = json!({"a/b": [v]});
        }
        v
    }

    #[test]
    fn measures_exactly_at_the_limit() {
        let mut out = Vec::new();
        // Each level is an object and an array.
        assert!(!too_deep(&nested(MAX_DEPTH / 2), &mut Path::default(), &mut out, true));
        assert!(too_deep(&nested(MAX_DEPTH / 2 + 1), &mut Path::default(), &mut out, true));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].pointer, "/a~1b/0".repeat(MAX_DEPTH / 2));
        assert_eq!(out[0].rule, Rule::Depth { limit: MAX_DEPTH });
    }

    #[test]
    fn guards_nest_to_the_limit() {
        let guards: Vec<Guard> = (0..MAX_DEPTH).map_while(|_| Guard::enter()).collect();
        assert_eq!(guards.len(), MAX_DEPTH);
        assert!(Guard::enter().is_none());
        drop(guards);
        assert!(Guard::enter().is_some());
    }
}
