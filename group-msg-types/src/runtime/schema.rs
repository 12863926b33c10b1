//! The JSON values behind the generated `schemars::JsonSchema` impls: each type's schema is
//! JSON text ([`json_schema!`](crate::runtime::json_schema)), parsed when asked for.

use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Number, Value};

/// An object from its entries.
pub fn obj(entries: Vec<(&'static str, Value)>) -> Value {
    Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<String, Value>>())
}

/// An array.
pub fn arr(items: Vec<Value>) -> Value {
    Value::Array(items)
}

/// A string.
pub fn str(s: &'static str) -> Value {
    Value::String(s.to_owned())
}

/// A signed integer.
pub fn int(i: i64) -> Value {
    Value::Number(i.into())
}

/// An unsigned integer.
pub fn uint(u: u64) -> Value {
    Value::Number(u.into())
}

/// A float (non-finite values become `null`).
pub fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// A boolean.
pub fn bool(b: bool) -> Value {
    Value::Bool(b)
}

/// `null`.
pub fn null() -> Value {
    Value::Null
}

/// The schema of a `$ref`'d type, as a generator refers to it.
pub type Sub = fn(&mut SchemaGenerator) -> Value;

/// `T`'s schema as `generator` refers to it (a `$ref` to its definition, usually).
pub fn sub<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    generator.subschema_for::<T>().to_value()
}

/// The schema written as JSON `text`, with every object whose `$ref` is one of `refs` replaced
/// by that type's schema from `generator`.
pub fn from_text(generator: &mut SchemaGenerator, text: &str, refs: &[(&str, Sub)]) -> schemars::Schema {
    let mut value: Value = serde_json::from_str(text).unwrap_or(Value::Bool(true));
    if !refs.is_empty() {
        resolve(&mut value, generator, refs);
    }
    finish(value)
}

fn resolve(value: &mut Value, generator: &mut SchemaGenerator, refs: &[(&str, Sub)]) {
    match value {
        Value::Object(o) => {
            let target = o.get("$ref").and_then(Value::as_str).and_then(|r| refs.iter().find(|(k, _)| *k == r));
            if let Some((_, sub)) = target {
                *value = sub(generator);
                return;
            }
            o.values_mut().for_each(|v| resolve(v, generator, refs));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| resolve(v, generator, refs)),
        _ => {}
    }
}

/// The schema for `value` (an object or a boolean; anything else allows every value).
pub fn finish(value: Value) -> schemars::Schema {
    schemars::Schema::try_from(value).unwrap_or_else(|_| schemars::Schema::from(true))
}

/// `impl JsonSchema for $t` from the schema's JSON text and the types its `$ref`s name.
#[doc(hidden)]
#[macro_export]
macro_rules! __json_schema {
    ($t:ident, $text:expr $(, $r:literal => $target:ty)* $(,)?) => {
        impl $crate::__private::schemars::JsonSchema for $t {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(::core::stringify!($t))
            }
            fn json_schema(
                generator: &mut $crate::__private::schemars::SchemaGenerator,
            ) -> $crate::__private::schemars::Schema {
                $crate::runtime::schema::from_text(
                    generator,
                    $text,
                    &[$(($r, $crate::runtime::schema::sub::<$target>)),*],
                )
            }
        }
    };
}
