//! A tiny ordered JSON tree for building payloads: keys stay in the order they are written (a
//! `serde_json::Value` sorts them or not depending on the `preserve_order` feature, which other
//! crates of the build may turn on), and the text it renders is the same on every run.

use std::fmt::Write as _;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

/// An object from `(key, value)` pairs, in that order.
pub fn obj<const N: usize>(entries: [(&str, J); N]) -> J {
    J::Obj(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A string.
pub fn s(text: impl Into<String>) -> J {
    J::Str(text.into())
}

/// An integer.
pub fn int(n: i64) -> J {
    J::Int(n)
}

/// An array.
pub fn arr(items: impl IntoIterator<Item = J>) -> J {
    J::Arr(items.into_iter().collect())
}

impl J {
    /// The value under `key` of an object.
    ///
    /// # Panics
    /// When `self` is not an object or has no such key (payload builders only).
    pub fn at(&mut self, key: &str) -> &mut J {
        match self {
            J::Obj(entries) => {
                entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("no key `{key}`"))
            }
            _ => panic!("not an object: `{key}`"),
        }
    }

    /// Item `index` of an array (negative: from the end).
    ///
    /// # Panics
    /// When `self` is not an array or the index is out of range (payload builders only).
    pub fn item(&mut self, index: isize) -> &mut J {
        match self {
            J::Arr(items) => {
                let i = if index < 0 { items.len() - index.unsigned_abs() } else { index as usize };
                &mut items[i]
            }
            _ => panic!("not an array"),
        }
    }

    /// Sets `key` of an object, appending it when absent.
    pub fn set(&mut self, key: &str, value: J) {
        if let J::Obj(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => entries.push((key.to_owned(), value)),
            }
        }
    }

    /// Removes `key` of an object.
    pub fn remove(&mut self, key: &str) {
        if let J::Obj(entries) = self {
            entries.retain(|(k, _)| k != key);
        }
    }

    /// Sorts the keys of every object, as Go's `encoding/json` on maps or Python's
    /// `json.dumps(sort_keys=True)` write them.
    pub fn sort_keys(&mut self) {
        match self {
            J::Obj(entries) => {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                entries.iter_mut().for_each(|(_, v)| v.sort_keys());
            }
            J::Arr(items) => items.iter_mut().for_each(J::sort_keys),
            _ => {}
        }
    }

    /// Compact JSON text. Strings get JSON's escapes (`\"`, `\\`, `\n`, `\t`), and one non-ASCII
    /// character in four of the Basic Multilingual Plane is written as a `\uXXXX` escape, as some
    /// clients write them, so parsers meet both forms.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut counter = 0usize;
        self.write(&mut out, &mut counter);
        out
    }

    fn write(&self, out: &mut String, counter: &mut usize) {
        match self {
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => {
                let _ = write!(out, "{n}");
            }
            J::Float(f) => out.push_str(&serde_json::to_string(f).unwrap_or_else(|_| "0".into())),
            J::Str(text) => write_str(out, text, counter),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out, counter);
                }
                out.push(']');
            }
            J::Obj(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, k, &mut 1);
                    out.push(':');
                    v.write(out, counter);
                }
                out.push('}');
            }
        }
    }
}

fn write_str(out: &mut String, text: &str, counter: &mut usize) {
    let escaped = serde_json::to_string(text).unwrap_or_default();
    for c in escaped.chars() {
        if !c.is_ascii() && (c as u32) <= 0xFFFF {
            *counter += 1;
            if counter.is_multiple_of(4) {
                let _ = write!(out, "\\u{:04x}", c as u32);
                continue;
            }
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_ordered_compact_json_with_escapes() {
        let v = obj([("b", s("群消息\"x\"\n测试")), ("a", arr([int(1), J::Float(2.5), J::Bool(true)]))]);
        let text = v.render();
        assert_eq!(text, r#"{"b":"群消息\"x\"\n\u6d4b试","a":[1,2.5,true]}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["b"], "群消息\"x\"\n测试");
    }
}
