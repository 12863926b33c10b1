//! Spec text made safe for a comment line: both front ends put descriptions in docs, and the
//! file writer prints them as `///` and `//!` lines (and the spec path in the `@generated`
//! header), so a character that ends a line there, or one rustc refuses in a comment, must not
//! reach it as itself.

/// `text` with every line break normalized to `\n` (CRLF, a lone CR, U+0085, U+2028, U+2029,
/// vertical tab, form feed), and every other control or bidirectional-override character
/// (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) written as a visible `\u{...}`
/// escape. Idempotent.
pub(crate) fn line_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => out.push('\n'),
            '\t' => out.push(c),
            c if c.is_control() || is_bidi(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// [`line_safe`] on one line (the `@generated` header): line breaks written as `\n`.
#[cfg_attr(not(feature = "fmt"), allow(dead_code))] // used by `render_module` only
pub(crate) fn one_line(text: &str) -> String {
    line_safe(text).replace('\n', "\\n")
}

/// The characters rustc's `text_direction_codepoint_in_comment` lint refuses.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::line_safe;

    #[test]
    fn breaks_become_newlines_and_controls_escapes() {
        assert_eq!(line_safe("a\rb\r\nc\u{2028}d\u{0085}e"), "a\nb\nc\nd\ne");
        assert_eq!(line_safe("x\u{202E}y\u{2066}z\u{0}"), "x\\u{202E}y\\u{2066}z\\u{0000}");
        assert_eq!(line_safe("群消息\t`ok`"), "群消息\t`ok`");
        assert_eq!(super::one_line("specs/a\n#![x]\r.json"), "specs/a\\n#![x]\\n.json");
        let once = line_safe("a\r\u{202A}");
        assert_eq!(line_safe(&once), once);
    }
}
