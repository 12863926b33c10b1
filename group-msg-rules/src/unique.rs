//! `uniqueItems` in linear time: each item is written once in a canonical form (numbers by
//! value, so `1` and `1.0` agree; object keys sorted), and a hash map finds the first repeat.

use std::collections::HashMap;

use serde_json::Value;

/// Writes `v` in a form two values share exactly when they are equal as JSON
/// ([`crate::json_equal`]): numbers as their `f64` value (`-0` as `0`), objects with their keys
/// in order, strings JSON-escaped.
pub fn canonical_json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push('n'),
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Value::Number(n) => {
            // `json_equal` compares numbers as `f64`; so does this.
            let f = n.as_f64().unwrap_or(f64::NAN);
            let f = if f == 0.0 { 0.0 } else { f };
            out.push('#');
            out.push_str(&format!("{f:e}"));
        }
        Value::String(s) => {
            out.push_str(&Value::String(s.clone()).to_string());
        }
        Value::Array(items) => {
            out.push('[');
            for item in items {
                canonical_json(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (k, item) in entries {
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical_json(item, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// The first item equal (as JSON) to an earlier one: `(first, duplicate)`, `first` the earliest
/// item it repeats. Linear in the total size of the items: each is written once in canonical
/// form and looked up in a hash map; no two items are ever compared directly.
pub fn first_duplicate<'a>(items: impl IntoIterator<Item = &'a Value>) -> Option<(usize, usize)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut key = String::new();
        canonical_json(item, &mut key);
        if let Some(&first) = seen.get(&key) {
            return Some((first, i));
        }
        seen.insert(key, i);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_as_json() {
        let a = [json!({"a": 1, "b": [1.0, "x"]}), json!(2), json!({"b": [1, "x"], "a": 1.0})];
        assert_eq!(first_duplicate(&a), Some((0, 2)));
        assert_eq!(first_duplicate(&[json!(0), json!(-0.0)]), Some((0, 1)));
        assert_eq!(first_duplicate(&[json!("1"), json!(1), json!([1]), json!({"1": 1})]), None);
        assert_eq!(first_duplicate(&[json!(1), json!(2), json!(2), json!(1)]), Some((1, 2)));
        assert_eq!(first_duplicate(&[json!(null), json!(false), json!("n"), json!("f")]), None);
    }
}
