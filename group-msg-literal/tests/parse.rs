//! The token-tree parser reads what Rust's lexer (through syn) reads: generated JSON values,
//! written as Rust tokens in every form a user may write them (escaped, raw, `\x`/`\u{}` escapes,
//! line continuations, `_` in numbers, hex), come back as the same JSON; expressions pass through
//! as they are; malformed literals get syn's messages at the right token.

use group_msg_literal::{expand, json_text, Model};
use proc_macro2::TokenStream;
use serde_json::{json, Value};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const CHARS: &[char] = &[
    'a',
    'Z',
    '0',
    ' ',
    '"',
    '\\',
    '\'',
    '#',
    '{',
    '}',
    ',',
    ':',
    '\n',
    '\r',
    '\t',
    '\0',
    '\u{1}',
    '\u{1b}',
    '\u{7f}',
    'é',
    '中',
    '文',
    '🧧',
    '\u{301}',
    '\u{200b}',
    '\u{feff}',
    '\u{10ffff}',
];

fn random_string(rng: &mut Rng) -> String {
    (0..rng.below(12)).map(|_| CHARS[rng.below(CHARS.len())]).collect()
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 3 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64 >> rng.below(64)),
        3 => json!(rng.next() >> rng.below(64)),
        4 => json!((rng.next() as i64 >> 20) as f64 / 1024.0),
        5 => Value::String(random_string(rng)),
        6 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth + 1)).collect()),
        _ => Value::Object((0..rng.below(4)).map(|_| (random_string(rng), random_value(rng, depth + 1))).collect()),
    }
}

/// A Rust string literal of `s` in one of the forms Rust allows.
fn string_token(s: &str, rng: &mut Rng) -> String {
    let plain = |c: char| c >= ' ' && c != '\u{7f}' || c == '\n' || c == '\t';
    match rng.below(4) {
        0 => format!("{s:?}"),
        1 if s.chars().all(|c| plain(c) && c != '"') => format!("r#\"{s}\"#"),
        2 => {
            // Every character escaped some way, or written as it is.
            let mut out = String::from("\"");
            for c in s.chars() {
                match (c, rng.below(3)) {
                    (c, 0) if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
                    ('"' | '\\', _) => out.push_str(&format!("\\{c}")),
                    (c, 1) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                    (c, _) if plain(c) => out.push(c),
                    (c, _) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                }
            }
            out.push('"');
            out
        }
        _ => {
            // A line continuation in the middle: the newline and the indentation after it are
            // dropped (so a space right after it is escaped).
            let chars: Vec<char> = s.chars().collect();
            let (a, b) = chars.split_at(chars.len() / 2);
            let quoted = |part: &[char]| format!("{:?}", part.iter().collect::<String>());
            let (a, b) = (quoted(a), quoted(b));
            let b = b[1..].strip_prefix(' ').map_or_else(|| b[1..].to_owned(), |rest| format!("\\x20{rest}"));
            format!("{}\\\n        {b}", &a[..a.len() - 1])
        }
    }
}

/// `v` as Rust tokens (text), numbers and strings in varied forms.
fn tokens(v: &Value, rng: &mut Rng, strings: &mut Vec<(String, String)>) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let text = n.to_string();
            match (n.as_u64(), rng.below(3)) {
                (Some(u), 0) => format!("0x{u:X}"),
                (Some(u), 1) => format!("0b{u:b}"),
                _ if rng.below(2) == 0 && !text.contains('e') => {
                    // `_` after a digit: `1_000`, `-12_3.4_5`.
                    let mut out = String::new();
                    for (i, c) in text.chars().enumerate() {
                        out.push(c);
                        if c.is_ascii_digit() && i % 2 == 1 {
                            out.push('_');
                        }
                    }
                    if out.ends_with('_') && text.contains('.') {
                        out.pop();
                    }
                    out.replace("-", "- ")
                }
                _ => text,
            }
        }
        Value::String(s) => {
            let t = string_token(s, rng);
            strings.push((t.clone(), s.clone()));
            t
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| tokens(i, rng, strings)).collect();
            let trailing = if !parts.is_empty() && rng.below(3) == 0 { "," } else { "" };
            format!("[{}{trailing}]", parts.join(", "))
        }
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, x)| {
                    let k = string_token(k, rng);
                    format!("{k}: {}", tokens(x, rng, strings))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// Equal JSON values, floats within the precision serde_json reads them back with (its default
/// float parser may be one unit in the last place off).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x - y).abs() <= x.abs().max(y.abs()) * 4.0 * f64::EPSILON
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn generated_values_written_as_rust_tokens_read_back_as_the_same_json() {
    let mut rng = Rng(0x11_7E2A);
    let mut strings = 0;
    for _ in 0..3000 {
        let v = random_value(&mut rng, 0);
        let mut found = Vec::new();
        let text = tokens(&v, &mut rng, &mut found);
        // The token forms are Rust's: syn reads each string literal as the string it stands for.
        for (token, value) in &found {
            let lit: syn::LitStr = syn::parse_str(token).unwrap_or_else(|e| panic!("{token}: {e}"));
            assert_eq!(&lit.value(), value, "{token}");
        }
        strings += found.len();
        let ts: TokenStream = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        let json = json_text(ts).unwrap_or_else(|e| panic!("{text}: {e}")).unwrap_or_else(|| panic!("{text}"));
        let back: Value = serde_json::from_str(&json).unwrap();
        assert!(same(&back, &v), "{text}\n{json}\n{v}");
    }
    assert!(strings > 500, "{strings} string literals");
}

#[test]
fn keys_keep_their_order_and_numbers_their_meaning() {
    let ts: TokenStream =
        r#"{"b": 1_0, "a": [0x1F, -0o7, 1.5e3, 2E-2, -0, 18446744073709551615], "c": "\u{4e2d}\x41"}"#.parse().unwrap();
    assert_eq!(json_text(ts).unwrap().unwrap(), r#"{"b":10,"a":[31,-7,1500.0,0.02,0,18446744073709551615],"c":"中A"}"#);
}

#[test]
fn values_that_are_not_json_are_expressions() {
    for text in ["x", "1u8", "-1.5f64", "'c'", "b\"x\"", "(a + b)", "f(x, y)", "a.b()", "- x", "None", "\"s\".into()"] {
        let ts: TokenStream = format!("{{\"k\": {text}}}").parse().unwrap();
        assert_eq!(json_text(ts), Ok(None), "{text}");
    }
}

#[test]
fn malformed_literals_get_syns_messages() {
    let cases = [
        (r#"{"a": 1 "b": 2}"#, "expected `,`"),
        (r#"{"a" 1}"#, "expected `:`"),
        (r#"{"a"}"#, "unexpected end of input, expected `:`"),
        (r#"{"a": }"#, "unexpected end of input, expected an expression"),
        (r#"{"a": , "b": 1}"#, "expected an expression"),
        (r#"{a: 1}"#, "expected a JSON key: a string literal"),
        (r#"{1: 1}"#, "expected a JSON key: a string literal"),
        (r#"{"a": 1, "a": 2}"#, "duplicate key `a`"),
        (r#"[1 2]"#, "expected `,`"),
        (r#"["a" x]"#, "expected `,`"),
        (r#"{"a": true "b"}"#, "expected `,`"),
        (r#"{"a": 1} {"b": 2}"#, "unexpected token"),
    ];
    for (text, message) in cases {
        let ts: TokenStream = text.parse().unwrap();
        assert_eq!(json_text(ts), Err(message.to_owned()), "{text}");
    }
}

/// A one-struct model: `Request` is `R { a: String, n: Option<u32> }`, `n` at most 9.
fn model() -> String {
    let rules = json!({
        "aliases": [["Request", "R"]],
        "types": {"R": {
            "kind": {"Struct": {"fields": [
                {"rust": "a", "wire": "a", "ty": "String", "required": true, "nullable": false, "boxed": false, "secret": false},
                {"rust": "n", "wire": "n", "ty": {"Int": "U32"}, "required": false, "nullable": false, "boxed": false, "secret": false}
            ], "extra": "Deny", "union": null}},
            "checks": [{"Prop": {"wire": "n", "access": {"Field": {}}, "ty": {"Int": "U32"}, "checks": [{"Num": {"op": "Max", "limit": 9.0}}]}}]
        }}
    });
    // The engine reads it (the model's `Serialize` is the generator's, behind a feature).
    let _: Model = serde_json::from_value(rules.clone()).unwrap();
    rules.to_string()
}

fn run(macro_name: &str, literal: &str) -> String {
    let rules = model();
    let input: TokenStream = format!("(::k) (::k::m) \"x.y\" {macro_name} Request {literal}").parse().unwrap();
    expand(&[("x.y", rules.as_str())], input).to_string()
}

#[test]
fn expressions_pass_through_as_written() {
    let out = run("try_request", r#"{"a": f::<A>(x, [y, z]).w?, "n": 1}"#);
    assert!(out.contains(":: core :: convert :: Into :: into (f ::< A > (x , [y , z]) . w ?)"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
    let out = run("try_request", r#"{"a": HashMap::<K, V>::new().f(|x| x > 1, <T as U<A, B>>::g()), "n": 1}"#);
    assert!(
        out.contains("into (HashMap ::< K , V >:: new () . f (| x | x > 1 , < T as U < A , B >>:: g ()))"),
        "{out}"
    );
    let out = run("try_request", r#"{"a": x < y, "n": 1}"#);
    assert!(out.contains("into (x < y)"), "{out}");
    let out = run("request", r#"{"a": x, "n": 1}"#);
    assert!(out.contains("`request!` takes JSON values only, and this is a Rust expression"), "{out}");
}

#[test]
fn rules_of_the_model_are_checked() {
    let out = run("request", r#"{"a": "s", "n": 1}"#);
    assert!(out.contains("literal_value :: < :: k :: m :: R > (\"{\\\"a\\\":\\\"s\\\",\\\"n\\\":1}\")"), "{out}");
    let out = run("request", r#"{"a": "s", "n": 10}"#);
    assert!(out.contains("compile_error ! { \"must be at most 9, found 10\" }"), "{out}");
    let out = run("request", r#"{"a": "s", "m": 1}"#);
    assert!(out.contains("unknown field `m`, did you mean `a`?"), "{out}");
    let out = run("request", r#"{"n": 1}"#);
    assert!(out.contains("missing field `a` of `R`"), "{out}");
    let rules = model();
    let input: TokenStream = "(::k) (::k::m) \"x.z\" request Request {}".parse().unwrap();
    assert!(expand(&[("x.y", rules.as_str())], input).to_string().contains("no bundled spec for `x.z`"));
}
