//! Parsing one spec file (JSON or YAML) into a [`serde_json::Value`].
//!
//! Both formats go through the same [`serde`] visitor, which builds the `Value` and enforces
//! what a spec must be, whatever the syntax:
//!
//! - every key of a mapping appears once (a second copy is refused with its JSON pointer, where
//!   `serde_json` alone would keep the last one silently);
//! - nesting is at most [`MAX_DEPTH`] levels;
//! - a YAML key that is not a string (`200:`, `true:`, `1.5:`) becomes the string it is written
//!   as (`"200"`); a mapping or sequence as a key is refused;
//! - only JSON values: YAML `.inf`/`.nan` and `!!binary` are refused.
//!
//! YAML is read by `serde-saphyr` (pure Rust, panic-free, fuzzed) with its YAML 1.2 Core schema
//! settings: `yes`/`on`/`no`/`off` are strings, `010` is the number 10, not octal. Its budget
//! bounds the work of a hostile file: aliases are replayed at most a bounded number of times (a
//! "billion laughs" file is refused after at most a few hundred thousand events, not expanded), and
//! the number of events, nodes and the depth are capped. Errors carry the line and column.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diag::join;

/// The deepest nesting a spec file may have (objects and arrays), as `serde_json`'s own default.
pub const MAX_DEPTH: usize = 128;

/// The syntax of a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// By the file's extension (`.yaml`, `.yml`; `.json`), else by its content: JSON starts with
    /// `{` or `[` (after white space), anything else is read as YAML.
    pub fn detect(file: &str, text: &str) -> Format {
        let lower = file.to_ascii_lowercase();
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Format::Yaml
        } else if lower.ends_with(".json") || text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// Why a file could not be read: where (a JSON pointer, `""` when the parser does not know) and
/// why, the message ending with the line and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub pointer: String,
    pub message: String,
}

/// Parses `text` as `format`.
pub fn parse(text: &str, format: Format) -> Result<Value, LoadError> {
    let state = State::default();
    let result = match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            Node { state: &state }.deserialize(&mut de).and_then(|v| de.end().map(|()| v)).map_err(|e| {
                // serde_json ends its message with " at line L column C".
                let what = if e.is_syntax() || e.is_eof() { "not valid JSON: " } else { "" };
                format!("{what}{e}")
            })
        }
        Format::Yaml => {
            let options = yaml_options();
            serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
                Node { state: &state }.deserialize(de)
            })
            .map_err(|e| {
                let place = e.location().map(|l| format!(" (line {}, column {})", l.line(), l.column()));
                let msg = e.without_snippet().to_string();
                let mut msg = msg.lines().next().unwrap_or_default().trim().to_owned();
                if let Some(i) = msg.rfind(" at line ") {
                    msg.truncate(i);
                }
                format!("not valid YAML: {msg}{}", place.unwrap_or_default())
            })
        }
    };
    result.map_err(|message| match state.failure.into_inner() {
        // Our own refusals (duplicates, depth, non-JSON values) know their pointer.
        Some((pointer, why)) => {
            // serde_json's place is where it stopped, right after the offending node; the YAML
            // parser's place for an error raised by the visitor is not the node's: the pointer says.
            let place = match format {
                Format::Json => message.rfind(" at line ").map(|i| message[i..].to_owned()).unwrap_or_default(),
                Format::Yaml => String::new(),
            };
            LoadError { pointer, message: format!("{why}{place}") }
        }
        // A syntax error: the parser's line and column say where.
        None => LoadError { pointer: String::new(), message },
    })
}

fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // Real specs are big (Twilio's is 660 KiB of YAML): room for them, and still a bound.
    budget.max_events = 4_000_000;
    budget.max_nodes = 2_000_000;
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = 10_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 200_000;
    options.strict_booleans = true;
    options.legacy_octal_numbers = false;
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    options
}

#[derive(Default)]
struct State {
    /// The keys from the root to the node being read.
    path: RefCell<Vec<String>>,
    /// The first refusal of our own: (pointer, message).
    failure: RefCell<Option<(String, String)>>,
}

impl State {
    fn pointer(&self, last: Option<&str>) -> String {
        let path = self.path.borrow();
        let mut p = path.iter().fold(String::new(), |p, k| join(&p, k));
        if let Some(k) = last {
            p = join(&p, k);
        }
        p
    }
    fn fail<E: de::Error>(&self, last: Option<&str>, why: String) -> E {
        let pointer = self.pointer(last);
        let mut f = self.failure.borrow_mut();
        if f.is_none() {
            *f = Some((pointer, why.clone()));
        }
        E::custom(why)
    }
}

struct Node<'a> {
    state: &'a State,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        match (i64::try_from(v), u64::try_from(v)) {
            (Ok(i), _) => Ok(Value::Number(i.into())),
            (_, Ok(u)) => Ok(Value::Number(u.into())),
            _ => self.visit_f64(v as f64),
        }
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(u) => Ok(Value::Number(u.into())),
            _ => self.visit_f64(v as f64),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        match Number::from_f64(v) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(self.state.fail(None, format!("`{v}` is not a JSON number"))),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Err(self.state.fail(None, "a binary value is not JSON".to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let state = self.state;
        if state.path.borrow().len() >= MAX_DEPTH {
            return Err(state.fail(None, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let mut items = Vec::new();
        loop {
            state.path.borrow_mut().push(items.len().to_string());
            let item = seq.next_element_seed(Node { state })?;
            state.path.borrow_mut().pop();
            match item {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let state = self.state;
        if state.path.borrow().len() >= MAX_DEPTH {
            return Err(state.fail(None, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key { state })? {
            if out.contains_key(&key) {
                return Err(state.fail(Some(&key), format!("duplicate key `{key}`")));
            }
            state.path.borrow_mut().push(key);
            let value = map.next_value_seed(Node { state })?;
            let key = state.path.borrow_mut().pop().unwrap_or_default();
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A mapping key: a string, or a scalar written as one (`200`, `true`, `null`).
struct Key<'a> {
    state: &'a State,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = String;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        // `deserialize_string`: YAML gives a scalar key as written (`0x10`, not 16).
        d.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or scalar key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }
    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(self.state.fail(None, "a sequence as a mapping key: keys must be strings".to_owned()))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(self.state.fail(None, "a mapping as a mapping key: keys must be strings".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn yaml(s: &str) -> Result<Value, LoadError> {
        parse(s, Format::Yaml)
    }

    #[test]
    fn yaml_scalars_follow_yaml_1_2() {
        let v = yaml("a: on\nb: yes\nc: off\nd: true\nf: 1.5\ng: ~\nh: '1'\n200: x\ntrue: y\n0x10: z\n").unwrap();
        assert_eq!(
            v,
            json!({"a": "on", "b": "yes", "c": "off", "d": true, "f": 1.5, "g": null, "h": "1",
                   "200": "x", "true": "y", "0x10": "z"})
        );
        // Key order is the file's.
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["a", "b", "c", "d", "f", "g", "h", "200", "true", "0x10"]);
    }

    #[test]
    fn duplicates_are_refused_with_their_pointer() {
        let e = yaml("a:\n  b: 1\n  c: 2\n  b: 3\n").unwrap_err();
        assert_eq!(e.pointer, "/a/b", "{e:?}");
        assert!(e.message.contains("duplicate key `b`"), "{e:?}");
        assert_eq!(e.message, "duplicate key `b`");
        let e = parse(r#"{"a": [{"x/y": 1, "x/y": 2}]}"#, Format::Json).unwrap_err();
        assert_eq!(e.pointer, "/a/0/x~1y", "{e:?}");
        assert!(e.message.starts_with("duplicate key `x/y` at line 1 column "), "{e:?}");
        // `200` and `"200"` are the same JSON key.
        let e = yaml("200: a\n'200': b\n").unwrap_err();
        assert!(e.message.contains("duplicate key `200`"), "{e:?}");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = format!("{}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&deep, Format::Json).is_err());
        assert!(yaml(&deep).is_err());
        let ok = format!("{}1{}", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&ok, Format::Json).is_ok());
        assert!(yaml(&ok).is_ok());
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut s = String::from("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for i in 1..10 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"));
        }
        let start = std::time::Instant::now();
        let e = yaml(&s).unwrap_err();
        assert!(e.message.starts_with("not valid YAML"), "{e:?}");
        // Refused, not expanded: 9^10 strings would not fit in memory.
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn non_json_values_and_keys_are_refused() {
        let e = yaml("a: .inf\n").unwrap_err();
        assert!(e.message.contains("line 1"), "{e:?}");
        let e = yaml("a:\n  ? [1, 2]\n  : b\n").unwrap_err();
        assert!(e.message.starts_with("not valid YAML") && e.message.contains("(line 2, column 5)"), "{e:?}");
        assert_eq!(e.pointer, "");
    }

    #[test]
    fn format_by_extension_then_content() {
        assert_eq!(Format::detect("a.yml", "{}"), Format::Yaml);
        assert_eq!(Format::detect("a.JSON", "a: 1"), Format::Json);
        assert_eq!(Format::detect("spec", "  {\"a\": 1}"), Format::Json);
        assert_eq!(Format::detect("spec", "openapi: 3.1.0"), Format::Yaml);
    }
}
