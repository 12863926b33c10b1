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

/// The most arrays and objects JSON text may nest: deeper text is refused by [`from_json`] and a
/// deeper value built in Rust fails `validate()` with the same limit, [`Rule::Depth`]. Parsing
/// at the limit needs well under 2 MiB of stack (a spawned thread's default) in debug builds.
///
/// [`Rule::Depth`]: super::Rule::Depth
pub const MAX_DEPTH: usize = 256;

/// The message of a value nested deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep_message() -> String {
    format!("nested deeper than {MAX_DEPTH} arrays and objects (the depth limit)")
}

/// Parses `text` into `T`, reporting where it went wrong.
///
/// The work is linear in the length of the text, valid or not, whatever the key order. Text
/// nested deeper than [`MAX_DEPTH`] arrays and objects is refused with a [`ParseError::Shape`]
/// at the first container past the limit.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    // The fast path parses without tracking the path (and with serde_json's own depth limit of
    // 127, below ours); only a failure pays for finding where.
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => from_json_tracked(text).or_else(|e| {
            // JSON Schema counts `2.0` as the integer 2: read the text again with every whole
            // number written as an integer, so `2.0` fills an integer field. The rewrite is
            // lexical (every key, duplicates included, stays where it was); the first error
            // stands when it does not help.
            match whole_numbers_as_integers(text) {
                Some(again) => serde_json::from_str(&again).map_err(|_| e),
                None => Err(e),
            }
        }),
    }
}

/// `text` with every number token that is a whole number written with a fraction or exponent
/// (`2.0`, `-1e2`) rewritten as an integer, or `None` when there is none. Strings are skipped;
/// nothing else changes, so the rewritten text has the same keys and structure.
pub(crate) fn whole_numbers_as_integers(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut last, mut changed) = (0, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                let token = &text[start..i];
                if token.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
                    if let Some(int) = whole_number(token) {
                        out.push_str(&text[last..start]);
                        out.push_str(&int);
                        last = i;
                        changed = true;
                    }
                }
            }
            _ => i += 1,
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// Whether `t` is a number as JSON writes it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && b[int_start] == b'0') {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The integer text of a number token that is a whole number within 64-bit range. The token
/// must be a JSON number (`1.` or `.5` are not: Rust's float parser takes them, JSON does not).
fn whole_number(token: &str) -> Option<String> {
    if !is_json_number(token) {
        return None;
    }
    let f: f64 = token.parse().ok()?;
    if f.fract() != 0.0 || !f.is_finite() {
        return None;
    }
    if (-9.2e18..0.0).contains(&f) {
        Some((f as i64).to_string())
    } else if (0.0..1.8e19).contains(&f) {
        Some((f as u64).to_string())
    } else {
        None
    }
}

/// Parses again, tracking the path, to say where the text went wrong: the first error in the
/// text, or the first array or object past the depth limit.
#[cold]
fn from_json_tracked<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    if let Some(pointer) = too_deep(text) {
        // Text that is not JSON says so first (serde_json skips values without recursing).
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        <serde::de::IgnoredAny as serde::Deserialize>::deserialize(&mut de)
            .and_then(|_| de.end())
            .map_err(|e| classify(String::new(), e))?;
        return Err(ParseError::Shape { pointer, message: too_deep_message() });
    }
    // The scan counts every bracket outside strings, so the parser, which stops at the first
    // error, nests no deeper than `MAX_DEPTH` either: safe without serde_json's lower limit.
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let outer = to_pointer(e.path());
        classify(outer, e.into_inner())
    })?;
    de.end().map_err(|e| classify(String::new(), e))?;
    Ok(value)
}

/// The JSON pointer of the first array or object of `text` nested deeper than [`MAX_DEPTH`],
/// found without recursing. For text that is not JSON the count is an upper bound of the nesting
/// a parser reaches before its first error (every bracket outside strings counts).
fn too_deep(text: &str) -> Option<String> {
    enum Frame {
        Object { key: Option<(usize, usize)>, expect_key: bool },
        Array { index: usize },
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expect_key: expect @ true }) = stack.last_mut() {
                    *key = Some((start, i + 1));
                    *expect = false;
                }
            }
            open @ (b'{' | b'[') => {
                if stack.len() == MAX_DEPTH {
                    let mut pointer = String::new();
                    for f in &stack {
                        pointer.push('/');
                        match f {
                            Frame::Object { key: Some((s, e)), .. } => {
                                let key: String = serde_json::from_str(&text[*s..*e]).unwrap_or_default();
                                pointer.push_str(&super::de::short(&key.replace('~', "~0").replace('/', "~1")));
                            }
                            Frame::Object { key: None, .. } => {}
                            Frame::Array { index } => pointer.push_str(&index.to_string()),
                        }
                    }
                    return Some(pointer);
                }
                stack.push(if open == b'{' {
                    Frame::Object { key: None, expect_key: true }
                } else {
                    Frame::Array { index: 0 }
                });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    None
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
            ParseError::Shape { pointer, message: bound_quotes(&message) }
        }
        // JSON text, but a number no Rust type holds (`1e400`): a shape error at its pointer.
        _ if message == "number out of range" => ParseError::Shape { pointer: outer, message },
        _ => ParseError::NotJson { line, column, message },
    }
}

/// Splits a serde message `invalid type: <unexpected>, expected <what>` (or `invalid value:`)
/// into its three parts.
fn split_unexpected(message: &str) -> Option<(&str, &str, &str)> {
    for head in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(head) {
            // The expectation is ours; the unexpected value may contain anything, so split at
            // the last `, expected `.
            let at = rest.rfind(", expected ")?;
            return Some((head, &rest[..at], &rest[at..]));
        }
    }
    None
}

/// A serde message with the quoted input value cut to [`super::de::QUOTE_MAX`] characters.
pub(crate) fn bound_quotes(message: &str) -> String {
    let Some((head, unexpected, tail)) = split_unexpected(message) else { return message.to_owned() };
    let Some(inner) = unexpected.strip_prefix("string \"").and_then(|u| u.strip_suffix('"')) else {
        return message.to_owned();
    };
    match super::de::short(inner) {
        std::borrow::Cow::Borrowed(_) => message.to_owned(),
        std::borrow::Cow::Owned(cut) => format!("{head}string \"{cut}\"{tail}"),
    }
}

/// A message with no value from the input: the unexpected value of a serde message is reduced
/// to its kind (`string`, `integer`), an unknown value is not quoted. Pointer marks are kept.
pub(crate) fn hide_values(message: &str, known: &[&str]) -> String {
    let mut message = message;
    let mut marks = String::new();
    while let Some(rest) = message.strip_prefix(MARK) {
        let Some((inner, tail)) = rest.split_once(MARK) else { break };
        marks.push_str(&mark(inner, ""));
        message = tail;
    }
    // Errors of the text deserializer carry their position; the new error gets its own.
    let message = match message.rfind(" at line ") {
        Some(at) if message[at..].split(' ').filter(|w| w.parse::<usize>().is_ok()).count() == 2 => &message[..at],
        _ => message,
    };
    let hidden = if let Some((head, unexpected, tail)) = split_unexpected(message) {
        let kind = unexpected.split([' ']).take_while(|w| !w.starts_with(['`', '"'])).collect::<Vec<_>>().join(" ");
        format!("{head}{kind}{tail}")
    } else if let Some(key) = message.strip_prefix("duplicate key `").and_then(|k| k.strip_suffix('`')) {
        if known.contains(&key) {
            message.to_owned()
        } else {
            "duplicate key (not shown: this object holds a secret)".to_owned()
        }
    } else if let Some(rest) = message.strip_prefix("unknown value `") {
        match rest.rfind(" expected ") {
            Some(at) => format!("unknown value (not shown),{}", &rest[at..]),
            None => "unknown value (not shown)".to_owned(),
        }
    } else {
        message.to_owned()
    };
    format!("{marks}{hidden}")
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
    fn quotes_are_bounded_and_hidden() {
        let long = format!("invalid type: string \"{}\", expected u32", "a".repeat(100));
        assert_eq!(bound_quotes(&long), format!("invalid type: string \"{}…\", expected u32", "a".repeat(64)));
        assert_eq!(
            hide_values("invalid type: string \"s3cr3t, expected x\", expected u32", &[]),
            "invalid type: string, expected u32"
        );
        assert_eq!(
            hide_values("invalid type: integer `42`, expected a string at line 1 column 9", &[]),
            "invalid type: integer, expected a string"
        );
        assert_eq!(
            hide_values(&mark("/a", "invalid value: floating point `1.5`, expected u32"), &[]),
            mark("/a", "invalid value: floating point, expected u32")
        );
        assert_eq!(
            hide_values("duplicate key `s3cr3t`", &["usersig"]),
            "duplicate key (not shown: this object holds a secret)"
        );
        assert_eq!(hide_values("duplicate key `usersig`", &["usersig"]), "duplicate key `usersig`");
        assert_eq!(
            hide_values("unknown value `s3cr3t`, expected one of `json`", &[]),
            "unknown value (not shown), expected one of `json`"
        );
    }

    #[test]
    fn depth_is_found_without_recursing() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(too_deep(&deep), None);
        let deeper = format!("{{\"a/b\":[0,{}{}]}}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let pointer = too_deep(&deeper).unwrap();
        assert!(pointer.starts_with("/a~1b/1/0/0/"), "{pointer}");
        assert_eq!(pointer.matches('/').count(), MAX_DEPTH);
        let e = from_json::<serde_json::Value>(&deeper).unwrap_err();
        assert_eq!(e, ParseError::Shape { pointer, message: too_deep_message() });
        let e = from_json::<serde_json::Value>(&"[".repeat(100_000)).unwrap_err();
        assert!(matches!(e, ParseError::NotJson { .. }), "{e:?}");
    }

    #[test]
    fn whole_numbers_are_rewritten_lexically() {
        let text = r#"{"a":2.0,"a":-1e2,"s":"3.0 \" 4.0","b":[0.5,1E1,-0.0]}"#;
        assert_eq!(
            whole_numbers_as_integers(text).as_deref(),
            Some(r#"{"a":2,"a":-100,"s":"3.0 \" 4.0","b":[0.5,10,0]}"#)
        );
        assert_eq!(whole_numbers_as_integers(r#"{"a":1,"b":"2.0"}"#), None);
        // Not JSON numbers: left alone, so the text stays not JSON.
        for bad in ["1.", ".5", "01.0", "1.e3", "1e", "--1.0", "1.0.0"] {
            assert_eq!(whole_numbers_as_integers(&format!("[{bad}]")), None, "{bad}");
        }
        assert!(from_json::<u32>("1.").is_err());
    }

    #[test]
    fn not_json_has_a_position() {
        let e = from_json::<serde_json::Value>("{\"a\": 1,}").unwrap_err();
        assert!(matches!(e, ParseError::NotJson { line: 1, column: 9, .. }), "{e:?}");
    }
}
