//! The entry point that turns JSON text into a generated type, with errors that say what went
//! wrong and where: not JSON at all (line and column), or the wrong shape (JSON pointer).

use std::fmt;

use serde::de::DeserializeOwned;

/// Marks a JSON pointer carried inside an error message from a nested (buffered) value.
const MARK: char = '\u{1f}';

/// Why JSON text did not become a value of the type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text is not JSON.
    NotJson { line: usize, column: usize, message: String },
    /// The JSON does not have the type's shape: a missing or unknown key, a wrong type, a value
    /// outside an enum. `pointer` is the JSON pointer (wire names) of the offending value; for a
    /// missing or unknown key it is the object, and `message` names the key.
    Shape { pointer: String, message: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::NotJson { line, column, message } => {
                write!(f, "not JSON: {message} at line {line} column {column}")
            }
            ParseError::Shape { pointer, message } => write!(f, "{}: {message}", display_pointer(pointer)),
        }
    }
}

impl std::error::Error for ParseError {}

pub(crate) fn display_pointer(p: &str) -> &str {
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

/// Parses `text` into `T`, reporting where it went wrong.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    // The fast path parses without tracking the path; only a failure pays for finding where.
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => from_json_tracked(text),
    }
}

/// Parses again, tracking the path, to say where the text went wrong.
#[cold]
fn from_json_tracked<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let outer = to_pointer(e.path());
        classify(outer, e.into_inner())
    })?;
    de.end().map_err(|e| classify(String::new(), e))?;
    Ok(value)
}

fn classify(outer: String, e: serde_json::Error) -> ParseError {
    let (line, column) = (e.line(), e.column());
    let mut message = e.to_string();
    if let Some(stripped) = message.strip_suffix(&format!(" at line {line} column {column}")) {
        message = stripped.to_owned();
    }
    match e.classify() {
        serde_json::error::Category::Data => {
            let (pointer, message) = unmark(outer, &message);
            ParseError::Shape { pointer, message }
        }
        _ => ParseError::NotJson { line, column, message },
    }
}

/// Serializes a pointer and message for [`unmark`] to take apart.
pub(crate) fn mark(pointer: &str, message: impl fmt::Display) -> String {
    format!("{MARK}{pointer}{MARK}{message}")
}

/// Joins the pointers marked in `message` onto `outer`.
pub(crate) fn unmark(mut pointer: String, mut message: &str) -> (String, String) {
    while let Some(rest) = message.strip_prefix(MARK) {
        let Some((inner, tail)) = rest.split_once(MARK) else { break };
        pointer.push_str(inner);
        message = tail;
    }
    (pointer, message.to_owned())
}

/// A JSON pointer from a `serde_path_to_error` path.
pub(crate) fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut s = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                s.push('/');
                s.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                s.push('/');
                s.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Unknown => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_nest() {
        let msg = mark("/a", mark("/0/b", "bad"));
        assert_eq!(unmark("/x".into(), &msg), ("/x/a/0/b".to_owned(), "bad".to_owned()));
    }

    #[test]
    fn not_json_has_a_position() {
        let e = from_json::<serde_json::Value>("{\"a\": 1,}").unwrap_err();
        assert!(matches!(e, ParseError::NotJson { line: 1, column: 9, .. }), "{e:?}");
    }
}
