//! Rust names for wire names: types, fields and variants.

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

/// Keeps only identifier characters, turning the rest into word breaks.
fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect::<String>()
}

/// `snake_case` field name for a wire name.
pub fn field_name(wire: &str) -> Option<String> {
    let s = clean(wire).to_snake_case();
    fix_ident(s)
}

/// `UpperCamelCase` type name; names that already are valid type names are kept as written.
pub fn type_name(name: &str) -> Option<String> {
    if name != "Self"
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Some(name.to_owned());
    }
    let s = clean(name).to_upper_camel_case();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return fix_ident(format!("V{s}"));
    }
    if s == "Self" {
        return Some("Self_".to_owned());
    }
    fix_ident(s).filter(|s| !s.starts_with("r#"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        let cases = [
            ("GroupId", Some("group_id")),
            ("From_Account", Some("from_account")),
            ("type", Some("r#type")),
            ("self", Some("self_")),
            ("Self", Some("self_")),
            ("a b", Some("a_b")),
            ("123", Some("_123")),
            ("名称", Some("名称")),
            ("!!", None),
            ("", None),
            ("recvIds", Some("recv_ids")),
            ("URL", Some("url")),
        ];
        for (wire, want) in cases {
            assert_eq!(field_name(wire).as_deref(), want, "{wire}");
        }
    }

    #[test]
    fn types() {
        assert_eq!(type_name("TIMTextElem").as_deref(), Some("TIMTextElem"));
        assert_eq!(type_name("foo_bar").as_deref(), Some("FooBar"));
        assert_eq!(type_name("text").as_deref(), Some("Text"));
        assert_eq!(type_name("123").as_deref(), Some("V123"));
        assert_eq!(type_name("+").as_deref(), None);
        assert_eq!(type_name("Self").as_deref(), Some("Self_"));
    }
}
