//! Builders of the JSON values behind the generated `schemars::JsonSchema` impls.

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

/// The schema for `value` (an object or a boolean; anything else allows every value).
pub fn finish(value: Value) -> schemars::Schema {
    schemars::Schema::try_from(value).unwrap_or_else(|_| schemars::Schema::from(true))
}
