//! Rust names for wire names: types, fields, variants, operations and modules.
//!
//! The rule (documented in `specs/README.md`, "Names"): a name is split into words at every
//! character that is not a letter or digit and at case changes (`heck`), then written
//! `UpperCamelCase` (types, variants) or `snake_case` (fields, modules). Signs and symbols that
//! carry meaning are spelt as words so that no two common values meet: `+` is always `Plus`, `-`
//! before a digit (or in a name of symbols only) is `Minus` (`+1` → `Plus1`, `-1` → `Minus1`,
//! `Etc/GMT+1` → `EtcGmtPlus1`, `Etc/GMT-1` → `EtcGmtMinus1`), and a name with no letter or digit
//! spells each symbol (`*` → `Star`, `/` → `Slash`, `.` → `Dot`, `-` → `Minus`). The empty string
//! is `Empty`. A type or variant name starting with a digit gets a `V` (`123` → `V123`), a field
//! or module name a `_` (`123` → `_123`). Keywords become raw identifiers (`type` → `r#type`), or
//! get a trailing `_` where Rust has no raw form (`self` → `self_`, `Self` → `Self_`). Names that
//! collide after this are told apart by [`Dedup`]: the second gets `2`, the third `3`, in document
//! order, unless `x-rust-name` names it.

use heck::{ToSnakeCase, ToUpperCamelCase};

const STRICT_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

fn is_ident_start(c: char) -> bool {
    c == '_' || unicode_ident_start(c)
}

fn unicode_ident_start(c: char) -> bool {
    c.is_alphabetic()
}

/// Whether `s` is usable as a plain (non-keyword) identifier.
pub fn is_plain_ident(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_ident_start(c) => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c == '_' || c.is_alphanumeric()) && syn::parse_str::<syn::Ident>(s).is_ok()
}

/// Makes `s` a valid identifier: keywords become raw, `self`-like names get a trailing `_`,
/// a leading digit gets a leading `_`. `None` when nothing identifier-like is left.
fn fix_ident(s: String) -> Option<String> {
    if s.is_empty() || s.chars().all(|c| c == '_') {
        return None;
    }
    if NOT_RAW.contains(&s.as_str()) {
        return Some(format!("{s}_"));
    }
    if STRICT_KEYWORDS.contains(&s.as_str()) {
        return Some(format!("r#{s}"));
    }
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) { format!("_{s}") } else { s };
    let check = s.trim_start_matches('_');
    (check.is_empty() || is_plain_ident(&s) || syn::parse_str::<syn::Ident>(&s).is_ok()).then_some(s)
}

/// The word a symbol is spelt as when it carries meaning.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "Plus",
        '-' => "Minus",
        '*' => "Star",
        '/' => "Slash",
        '\\' => "Backslash",
        '.' => "Dot",
        ',' => "Comma",
        ':' => "Colon",
        ';' => "Semicolon",
        '!' => "Bang",
        '?' => "Question",
        '#' => "Hash",
        '$' => "Dollar",
        '%' => "Percent",
        '&' => "Amp",
        '@' => "At",
        '^' => "Caret",
        '|' => "Pipe",
        '~' => "Tilde",
        '=' => "Eq",
        '<' => "Lt",
        '>' => "Gt",
        '(' => "LParen",
        ')' => "RParen",
        '[' => "LBracket",
        ']' => "RBracket",
        '{' => "LBrace",
        '}' => "RBrace",
        '\'' => "Quote",
        '"' => "DoubleQuote",
        '`' => "Backtick",
        ' ' => "Space",
        '_' => "Underscore",
        _ => return None,
    })
}

/// Word-separated text of `s` (see the module doc): letters and digits kept, `+` and a `-`
/// before a digit spelt, other characters word breaks; a name without letters or digits spelt
/// symbol by symbol; the empty name `Empty`.
fn clean(s: &str) -> String {
    if s.is_empty() {
        return "Empty".to_owned();
    }
    if !s.chars().any(char::is_alphanumeric) {
        return s
            .chars()
            .map(|c| symbol_word(c).map_or_else(|| format!("U{:X}", c as u32), str::to_owned))
            .collect::<Vec<_>>()
            .join(" ");
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        match c {
            c if c.is_alphanumeric() => out.push(c),
            '+' => out.push_str(" Plus "),
            '-' if next_digit => out.push_str(" Minus "),
            _ => out.push(' '),
        }
    }
    out
}

/// Whether `c` may continue an identifier (ASCII fast path, else asks `syn`).
fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && syn::parse_str::<syn::Ident>(&format!("a{c}")).is_ok())
}

/// [`clean`], with letters and digits that Rust does not take in identifiers (`²`, `Ⅻ`, ...)
/// spelt as `U` and their hex code point.
fn words(s: &str) -> String {
    clean(s)
        .chars()
        .map(|c| if c == ' ' || ident_char(c) { c.to_string() } else { format!(" U{:X} ", c as u32) })
        .collect()
}

/// `snake_case` field (and module) name for any wire name; always `Some` (the `Option` is kept
/// for callers written when some names had none).
pub fn field_name(wire: &str) -> Option<String> {
    let s = words(wire).to_snake_case();
    let s = if s.is_empty() { "empty".to_owned() } else { s };
    fix_ident(s).or_else(|| Some("value".to_owned()))
}

/// `UpperCamelCase` type (and variant) name for any name; names that already are valid type
/// names are kept as written. Always `Some` (see [`field_name`]).
pub fn type_name(name: &str) -> Option<String> {
    if name != "Self"
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Some(name.to_owned());
    }
    let s = words(name).to_upper_camel_case();
    if s.is_empty() {
        return Some("Empty".to_owned());
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return fix_ident(format!("V{s}"));
    }
    if s == "Self" {
        return Some("Self_".to_owned());
    }
    fix_ident(s).filter(|s| !s.starts_with("r#")).or_else(|| Some("Value".to_owned()))
}

/// A type name made by appending to another (`{hint}Item`, `{name}2`), made to read as
/// UpperCamelCase: an `_` that escapes a keyword (`Self_`) is no longer at the end once something
/// follows it, and `Self_Item` or `Self_2` would break the `non_camel_case_types` lint, so every
/// `_` next to a letter inside the name is dropped (`SelfItem`, `Self2`). A name that is then a
/// keyword keeps its escape (`Self_`); `_` between digits (`V1_2`) and at the ends stay.
pub fn tidy_type_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let (start, end) = (
        chars.iter().position(|c| *c != '_').unwrap_or(chars.len()),
        chars.iter().rposition(|c| *c != '_').map_or(0, |i| i + 1),
    );
    let cased = |c: char| c.is_lowercase() || c.is_uppercase();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let inner = i > start && i < end;
        let next_to_letter =
            chars.get(i.wrapping_sub(1)).is_some_and(|&p| cased(p)) || chars.get(i + 1).is_some_and(|&n| cased(n));
        if c == '_' && inner && next_to_letter {
            continue;
        }
        out.push(c);
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// Tells colliding names apart: the first use of a name keeps it, later ones get `2`, `3`, ...
/// (the first free one), in the order they are asked for, which is document order.
#[derive(Debug, Default, Clone)]
pub struct Dedup {
    taken: std::collections::BTreeSet<String>,
}

impl Dedup {
    /// Reserves `name` as is (a name given by `x-rust-name`, or fixed by the generator);
    /// false when it was taken.
    pub fn reserve(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// `name`, or `name2`, `name3`, ... the first not taken; reserved.
    pub fn unique(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        // A raw identifier gets its suffix after the `r#`, which is then no longer a keyword.
        let base = name.strip_prefix("r#").unwrap_or(name);
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        (2u64..)
            .map(|i| format!("{base}{sep}{i}"))
            .find(|n| self.taken.insert(n.clone()))
            .unwrap_or_else(|| base.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_type_names_read_as_camel_case() {
        for (name, tidy) in [
            ("Self_Item", "SelfItem"),
            ("Self_2", "Self2"),
            ("RtmConnectResponseSelf_Value", "RtmConnectResponseSelfValue"),
            ("Self_", "Self_"),
            ("RtmConnectResponseSelf_", "RtmConnectResponseSelf_"),
            ("V1_2", "V1_2"),
            ("_Private", "_Private"),
            ("Plain", "Plain"),
        ] {
            assert_eq!(tidy_type_name(name), tidy, "{name}");
        }
    }

    #[test]
    fn fields() {
        let cases = [
            ("GroupId", "group_id"),
            ("From_Account", "from_account"),
            ("type", "r#type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("a b", "a_b"),
            ("123", "_123"),
            ("名称", "名称"),
            ("!!", "bang_bang"),
            ("", "empty"),
            ("recvIds", "recv_ids"),
            ("URL", "url"),
            ("+1", "plus_1"),
            ("-1", "minus_1"),
            ("*", "star"),
            ("/", "slash"),
            ("-", "minus"),
            (".", "dot"),
            ("Etc/GMT+1", "etc_gmt_plus_1"),
            ("content-type", "content_type"),
            ("x²", "x_ub2"),
        ];
        for (wire, want) in cases {
            assert_eq!(field_name(wire).as_deref(), Some(want), "{wire}");
        }
    }

    #[test]
    fn types() {
        let cases = [
            ("TIMTextElem", "TIMTextElem"),
            ("foo_bar", "FooBar"),
            ("text", "Text"),
            ("123", "V123"),
            ("+", "Plus"),
            ("Self", "Self_"),
            ("+1", "Plus1"),
            ("-1", "Minus1"),
            ("*", "Star"),
            ("Etc/GMT+1", "EtcGmtPlus1"),
            ("Etc/GMT-1", "EtcGmtMinus1"),
            ("Etc/GMT-14", "EtcGmtMinus14"),
            ("America/Port-au-Prince", "AmericaPortAuPrince"),
            ("", "Empty"),
            (".", "Dot"),
            ("/", "Slash"),
            ("-", "Minus"),
            ("2XX", "V2xx"),
            ("a.b", "AB"),
            ("type", "Type"),
            ("☃", "U2603"),
        ];
        for (wire, want) in cases {
            assert_eq!(type_name(wire).as_deref(), Some(want), "{wire}");
        }
    }

    /// Every name is a Rust identifier, for any input (a sweep over short strings of an alphabet
    /// of the awkward characters).
    #[test]
    fn any_text_names_an_identifier() {
        let alphabet = ['a', 'Z', '1', '+', '-', '/', '.', '*', ' ', '_', '名', '²', '$'];
        let mut inputs = vec![String::new()];
        for len in 1..=3u32 {
            for n in 0..alphabet.len().pow(len) {
                let mut k = n;
                let mut s = String::new();
                for _ in 0..len {
                    s.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                inputs.push(s);
            }
        }
        for s in inputs {
            let f = field_name(&s).unwrap();
            let t = type_name(&s).unwrap();
            assert!(syn::parse_str::<syn::Ident>(&f).is_ok() || f.starts_with("r#"), "{s:?} -> field {f:?}");
            assert!(syn::parse_str::<syn::Ident>(&t).is_ok(), "{s:?} -> type {t:?}");
        }
    }

    #[test]
    fn collisions_get_numbers_in_order() {
        let mut d = Dedup::default();
        assert_eq!(d.unique("FooBar"), "FooBar");
        assert_eq!(d.unique("FooBar"), "FooBar2");
        assert!(d.reserve("Item3"));
        assert_eq!(d.unique("FooBar"), "FooBar3");
        assert_eq!(d.unique("r#type"), "r#type");
        assert_eq!(d.unique("r#type"), "type2");
        assert_eq!(d.unique("V2"), "V2");
        assert_eq!(d.unique("V2"), "V2_2");
    }
}
