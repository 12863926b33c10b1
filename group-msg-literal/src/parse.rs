//! Parses a JSON literal written as Rust tokens, keeping the span of every value, straight from
//! the token trees (no syn). A value that is not a JSON literal (a path, a call, a parenthesized
//! expression, a number with a suffix) is a Rust expression: the tokens up to the next comma at
//! its level, passed through as they are, type-checked by the compiler and validated at run time.

use proc_macro2::{Delimiter, Group, Literal, Spacing, Span, TokenStream, TokenTree};
use serde_json::Value;

use crate::Error;

/// A JSON value with spans, or a Rust expression standing for one.
#[derive(Clone)]
pub enum J {
    Null(Span),
    Bool(bool, Span),
    /// A number, kept as written (base 10, no `_`).
    Num(String, Span),
    Str(String, Span),
    Arr(Vec<J>, Span),
    Obj(Vec<Entry>, Span),
    /// A Rust expression's tokens and the span of its first token.
    Expr(TokenStream, Span),
}

#[derive(Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: J,
}

impl J {
    pub fn span(&self) -> Span {
        match self {
            J::Null(s) | J::Bool(_, s) | J::Num(_, s) | J::Str(_, s) | J::Arr(_, s) | J::Obj(_, s) | J::Expr(_, s) => {
                *s
            }
        }
    }

    /// The JSON value, when no part of it is a Rust expression.
    pub fn to_value(&self) -> Option<Value> {
        Some(match self {
            J::Null(_) => Value::Null,
            J::Bool(b, _) => Value::Bool(*b),
            J::Num(n, _) => number_value(n)?,
            J::Str(s, _) => Value::String(s.clone()),
            J::Arr(items, _) => Value::Array(items.iter().map(J::to_value).collect::<Option<_>>()?),
            J::Obj(entries, _) => Value::Object(
                entries.iter().map(|e| Some((e.key.clone(), e.value.to_value()?))).collect::<Option<_>>()?,
            ),
            J::Expr(..) => return None,
        })
    }

    /// The JSON text of the value, keys in the order written, when no part of it is a Rust
    /// expression and every number is a JSON number.
    pub fn to_json(&self) -> Option<String> {
        let mut out = String::new();
        self.write_json(&mut out)?;
        Some(out)
    }

    fn write_json(&self, out: &mut String) -> Option<()> {
        match self {
            J::Null(_) => out.push_str("null"),
            J::Bool(b, _) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n, _) => out.push_str(&number_value(n)?.to_string()),
            J::Str(s, _) => out.push_str(&Value::String(s.clone()).to_string()),
            J::Arr(items, _) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out)?;
                }
                out.push(']');
            }
            J::Obj(entries, _) => {
                out.push('{');
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(e.key.clone()).to_string());
                    out.push(':');
                    e.value.write_json(out)?;
                }
                out.push('}');
            }
            J::Expr(..) => return None,
        }
        Some(())
    }

    /// The entry `key` of an object.
    pub fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(entries, _) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    /// The span of the key `key` of an object.
    pub fn get_entry_span(&self, key: &str) -> Option<Span> {
        match self {
            J::Obj(entries, _) => entries.iter().find(|e| e.key == key).map(|e| e.key_span),
            _ => None,
        }
    }

    /// What kind of JSON value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            J::Null(_) => "null",
            J::Bool(..) => "a boolean",
            J::Num(..) => "a number",
            J::Str(..) => "a string",
            J::Arr(..) => "an array",
            J::Obj(..) => "an object",
            J::Expr(..) => "an expression",
        }
    }
}

/// The JSON number a number literal stands for: an integer as written when `i64` or `u64`
/// holds it, otherwise the nearest `f64` (Rust's own reading, correctly rounded); `None` when it
/// is not a finite JSON number (`1.`, `1e400`).
fn number_value(n: &str) -> Option<Value> {
    let integer = !n.contains(['.', 'e', 'E']);
    if integer {
        if let Ok(i) = n.parse::<i64>() {
            return Some(Value::from(i));
        }
        if let Ok(u) = n.parse::<u64>() {
            return Some(Value::from(u));
        }
    }
    // JSON's grammar: digits on both sides of a point.
    let json: Result<Value, _> = serde_json::from_str(n);
    json.ok()?;
    n.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number)
}

/// How deep a literal may nest: [`MAX_DEPTH`] levels of brackets, braces and parentheses, the top
/// object being level 1 (see [`check_depth`]). The same limit as the run time's
/// (`group_msg_types::runtime::MAX_DEPTH`, arrays and objects), so a literal that compiles is a
/// value `from_json` reads back.
pub const MAX_DEPTH: usize = 256;

/// Refuses a literal nested deeper than [`MAX_DEPTH`], with the error at the opening delimiter of
/// the first group past the limit. It walks the tokens with a stack of its own, so no input can
/// overflow the macro's stack; everything after it (the parser, the builder, the checks and the
/// code it emits) then recurses at most [`MAX_DEPTH`] levels.
pub fn check_depth(tokens: &TokenStream) -> Result<(), Error> {
    let mut stack = vec![tokens.clone().into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(TokenTree::Group(g)) => {
                if stack.len() > MAX_DEPTH {
                    let what = match g.delimiter() {
                        Delimiter::Brace => "object",
                        Delimiter::Bracket => "array",
                        _ => "group",
                    };
                    return Err(Error::new(
                        g.span_open(),
                        format!(
                            "this {what} is nested more than {MAX_DEPTH} levels deep: a JSON literal may nest at most {MAX_DEPTH} levels"
                        ),
                    ));
                }
                stack.push(g.stream().into_iter());
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    Ok(())
}

/// Parses the whole of `tokens` as one value.
pub fn parse(tokens: TokenStream) -> Result<J, Error> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut c = Cursor { tokens: &tokens, pos: 0, end: Span::call_site() };
    let j = c.value()?;
    match c.peek() {
        None => Ok(j),
        Some(t) => Err(Error::new(t.span(), "unexpected token")),
    }
}

/// The tokens of one group (or the top level) and where the parser is.
struct Cursor<'t> {
    tokens: &'t [TokenTree],
    pos: usize,
    /// The span errors at the end of the tokens point at: the group's closing delimiter.
    end: Span,
}

fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

impl<'t> Cursor<'t> {
    fn peek(&self) -> Option<&'t TokenTree> {
        self.tokens.get(self.pos)
    }

    fn is_empty(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// An error at the next token, or at the end: syn's wording, which the messages keep.
    fn expected(&self, what: &str) -> Error {
        match self.peek() {
            Some(t) => Error::new(t.span(), format!("expected {what}")),
            None => Error::new(self.end, format!("unexpected end of input, expected {what}")),
        }
    }

    /// `,` between values, unless at the end.
    fn comma(&mut self) -> Result<(), Error> {
        if self.is_empty() {
            return Ok(());
        }
        if is_punct(self.peek(), ',') {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.expected("`,`"))
        }
    }

    fn value(&mut self) -> Result<J, Error> {
        match self.peek() {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                self.pos += 1;
                return object(g);
            }
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                self.pos += 1;
                return array(g);
            }
            _ => {}
        }
        if let Some((j, used)) = self.scalar() {
            let next = self.tokens.get(self.pos + used);
            if next.is_none() || is_punct(next, ',') {
                self.pos += used;
                return Ok(j);
            }
            // A value, then another that no expression continues with (`1 2`, `"a" x`): a comma
            // is missing between them.
            match next {
                Some(t @ TokenTree::Literal(_)) => return Err(Error::new(t.span(), "expected `,`")),
                Some(TokenTree::Ident(i)) if i != "as" => return Err(Error::new(i.span(), "expected `,`")),
                _ => {}
            }
        }
        self.expression()
    }

    /// A JSON scalar at the cursor, and how many tokens it takes.
    fn scalar(&self) -> Option<(J, usize)> {
        match self.peek()? {
            TokenTree::Literal(l) => literal(l, None).map(|j| (j, 1)),
            TokenTree::Punct(p) if p.as_char() == '-' => match self.tokens.get(self.pos + 1)? {
                TokenTree::Literal(l) => match literal(l, Some(p.span()))? {
                    j @ J::Num(..) => Some((j, 2)),
                    _ => None,
                },
                _ => None,
            },
            TokenTree::Ident(i) => {
                let j = match i.to_string().as_str() {
                    "true" => J::Bool(true, i.span()),
                    "false" => J::Bool(false, i.span()),
                    "null" => J::Null(i.span()),
                    _ => return None,
                };
                Some((j, 1))
            }
            _ => None,
        }
    }

    /// A Rust expression: the tokens up to the next `,` at this level.
    fn expression(&mut self) -> Result<J, Error> {
        let start = self.pos;
        // Generic arguments (`f::<A, B>()`, `<T as U>::f()`) hold commas that do not end it.
        let mut angles = 0usize;
        while let Some(t) = self.peek() {
            let at = self.pos - start;
            match t {
                TokenTree::Punct(p) if p.as_char() == ',' && angles == 0 => break,
                TokenTree::Punct(p) if p.as_char() == '<' => {
                    let after_path = at >= 2
                        && is_punct(self.tokens.get(self.pos - 1), ':')
                        && is_punct(self.tokens.get(self.pos - 2), ':');
                    if angles > 0 || at == 0 || after_path {
                        angles += 1;
                    }
                }
                TokenTree::Punct(p) if p.as_char() == '>' && angles > 0 => {
                    // `->` in `Fn(A) -> B` closes nothing.
                    let arrow = matches!(self.tokens.get(self.pos.wrapping_sub(1)),
                        Some(TokenTree::Punct(q)) if q.as_char() == '-' && q.spacing() == Spacing::Joint);
                    if !arrow {
                        angles -= 1;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        let tokens = &self.tokens[start..self.pos];
        let Some(first) = tokens.first() else { return Err(self.expected("an expression")) };
        // `"key": value` inside what would be an expression: a comma is missing before the key.
        for (i, t) in tokens.iter().enumerate() {
            let lone_colon = matches!(t, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone)
                && !(i > 0
                    && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint));
            if lone_colon && i > 0 {
                if let TokenTree::Literal(l) = &tokens[i - 1] {
                    if string(l).is_some() {
                        return Err(Error::new(l.span(), "expected `,`"));
                    }
                }
            }
        }
        let span = tokens.last().and_then(|last| first.span().join(last.span())).unwrap_or(first.span());
        Ok(J::Expr(tokens.iter().cloned().collect(), span))
    }
}

fn object(g: &Group) -> Result<J, Error> {
    let tokens: Vec<TokenTree> = g.stream().into_iter().collect();
    let mut c = Cursor { tokens: &tokens, pos: 0, end: g.span_close() };
    let mut entries: Vec<Entry> = Vec::new();
    while let Some(t) = c.peek() {
        let key = match t {
            TokenTree::Literal(l) => string(l),
            _ => None,
        };
        let Some(key) = key else { return Err(Error::new(t.span(), "expected a JSON key: a string literal")) };
        let key_span = t.span();
        c.pos += 1;
        if is_punct(c.peek(), ':') {
            c.pos += 1;
        } else {
            return Err(c.expected("`:`"));
        }
        let value = c.value()?;
        if entries.iter().any(|e| e.key == key) {
            return Err(Error::new(key_span, format!("duplicate key `{key}`")));
        }
        entries.push(Entry { key, key_span, value });
        c.comma()?;
    }
    Ok(J::Obj(entries, g.span()))
}

fn array(g: &Group) -> Result<J, Error> {
    let tokens: Vec<TokenTree> = g.stream().into_iter().collect();
    let mut c = Cursor { tokens: &tokens, pos: 0, end: g.span_close() };
    let mut items = Vec::new();
    while !c.is_empty() {
        items.push(c.value()?);
        c.comma()?;
    }
    Ok(J::Arr(items, g.span()))
}

/// A JSON scalar from a Rust literal token: a string, or a number without a suffix (`minus`: the
/// span of a `-` before it).
fn literal(l: &Literal, minus: Option<Span>) -> Option<J> {
    if minus.is_none() {
        if let Some(s) = string(l) {
            return Some(J::Str(s, l.span()));
        }
    }
    let digits = number(&l.to_string())?;
    let span = minus.map_or(l.span(), |m| m.join(l.span()).unwrap_or(l.span()));
    let sign = if minus.is_some() { "-" } else { "" };
    Some(J::Num(format!("{sign}{digits}"), span))
}

/// The value of a string literal token (`"..."` or `r#"..."#`, no suffix).
pub fn string(l: &Literal) -> Option<String> {
    let text = l.to_string();
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let close = format!("\"{}", "#".repeat(hashes));
        return body.strip_suffix(close.as_str()).map(str::to_owned);
    }
    let body = text.strip_prefix('"')?.strip_suffix('"')?;
    unescape(body)
}

/// The value of a Rust string literal's body (between the quotes).
fn unescape(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            // A CRLF in a literal is a newline.
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '\\' => out.push('\\'),
            '0' => out.push('\0'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok().filter(|b| *b < 0x80)?));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '_' => {}
                        h => hex.push(h),
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            // A line continuation: the newline and the whitespace after it are dropped.
            '\n' | '\r' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The base-10 digits of a number literal without a suffix (`0x1F` is `31`, `1_000` is `1000`,
/// `1.5e3` stays as written), or `None` for anything else (a suffix, a char, a byte string).
fn number(text: &str) -> Option<String> {
    let text: String = text.chars().filter(|c| *c != '_').collect();
    let radix = match text.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 10,
    };
    if radix != 10 {
        return u128::from_str_radix(&text[2..], radix).ok().map(|v| v.to_string());
    }
    let bytes = text.as_bytes();
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits(0);
    if i == 0 {
        return None;
    }
    if bytes.get(i) == Some(&b'.') {
        i = digits(i + 1);
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let end = digits(j);
        if end > j {
            i = end;
        }
    }
    (i == bytes.len()).then_some(text)
}
