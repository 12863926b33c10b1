//! Parses a JSON literal written as Rust tokens, keeping the span of every value. A value that is
//! not JSON (a path, a call, a parenthesized expression, a number with a suffix) is a Rust
//! expression, type-checked by the compiler and validated at run time.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use serde_json::Value;
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, token, LitFloat, LitInt, LitStr, Token};

/// A JSON value with spans, or a Rust expression standing for one.
#[derive(Clone)]
pub enum J {
    Null(Span),
    Bool(bool, Span),
    /// A number, kept as written.
    Num(String, Span),
    Str(String, Span),
    Arr(Vec<J>, Span),
    Obj(Vec<Entry>, Span),
    Expr(Box<syn::Expr>),
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
            J::Null(s) | J::Bool(_, s) | J::Num(_, s) | J::Str(_, s) | J::Arr(_, s) | J::Obj(_, s) => *s,
            J::Expr(e) => syn::spanned::Spanned::span(&**e),
        }
    }

    /// The JSON value, when no part of it is a Rust expression.
    pub fn to_value(&self) -> Option<Value> {
        Some(match self {
            J::Null(_) => Value::Null,
            J::Bool(b, _) => Value::Bool(*b),
            J::Num(n, _) => serde_json::from_str(n).ok()?,
            J::Str(s, _) => Value::String(s.clone()),
            J::Arr(items, _) => Value::Array(items.iter().map(J::to_value).collect::<Option<_>>()?),
            J::Obj(entries, _) => Value::Object(
                entries.iter().map(|e| Some((e.key.clone(), e.value.to_value()?))).collect::<Option<_>>()?,
            ),
            J::Expr(_) => return None,
        })
    }

    /// The entry `key` of an object.
    pub fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(entries, _) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
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
            J::Expr(_) => "an expression",
        }
    }
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
pub fn check_depth(tokens: &TokenStream) -> syn::Result<()> {
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
                    return Err(syn::Error::new(
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

/// Whether the next token ends a value: the end of input or a comma.
fn ends_value(input: ParseStream<'_>) -> bool {
    input.is_empty() || input.peek(Token![,])
}

impl Parse for J {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(token::Brace) {
            let content;
            let brace = braced!(content in input);
            let mut entries: Vec<Entry> = Vec::new();
            while !content.is_empty() {
                let key: LitStr =
                    content.parse().map_err(|e| syn::Error::new(e.span(), "expected a JSON key: a string literal"))?;
                content.parse::<Token![:]>()?;
                let value: J = content.parse()?;
                if entries.iter().any(|e| e.key == key.value()) {
                    return Err(syn::Error::new(key.span(), format!("duplicate key `{}`", key.value())));
                }
                entries.push(Entry { key: key.value(), key_span: key.span(), value });
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            return Ok(J::Obj(entries, brace.span.join()));
        }
        if input.peek(token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let mut items = Vec::new();
            while !content.is_empty() {
                items.push(content.parse()?);
                if !content.is_empty() {
                    content.parse::<Token![,]>()?;
                }
            }
            return Ok(J::Arr(items, bracket.span.join()));
        }
        let fork = input.fork();
        if let Some(j) = literal(&fork)? {
            if ends_value(&fork) {
                literal(input)?;
                return Ok(j);
            }
        }
        Ok(J::Expr(Box::new(input.parse()?)))
    }
}

/// A JSON scalar, if the input starts with one.
fn literal(input: ParseStream<'_>) -> syn::Result<Option<J>> {
    if input.peek(LitStr) {
        let s: LitStr = input.parse()?;
        return Ok(Some(J::Str(s.value(), s.span())));
    }
    let negative = input.peek(Token![-]) && (input.peek2(LitInt) || input.peek2(LitFloat));
    let minus = if negative { Some(input.parse::<Token![-]>()?) } else { None };
    let sign = if negative { "-" } else { "" };
    if input.peek(LitInt) {
        let n: LitInt = input.parse()?;
        if !n.suffix().is_empty() {
            return Ok(None);
        }
        let span = minus.map_or(n.span(), |m| m.span.join(n.span()).unwrap_or(n.span()));
        return Ok(Some(J::Num(format!("{sign}{}", n.base10_digits()), span)));
    }
    if input.peek(LitFloat) {
        let n: LitFloat = input.parse()?;
        if !n.suffix().is_empty() {
            return Ok(None);
        }
        let span = minus.map_or(n.span(), |m| m.span.join(n.span()).unwrap_or(n.span()));
        return Ok(Some(J::Num(format!("{sign}{}", n.base10_digits()), span)));
    }
    if input.peek(syn::Ident) {
        let fork = input.fork();
        let ident: syn::Ident = fork.parse()?;
        let j = match ident.to_string().as_str() {
            "true" => J::Bool(true, ident.span()),
            "false" => J::Bool(false, ident.span()),
            "null" => J::Null(ident.span()),
            _ => return Ok(None),
        };
        input.parse::<syn::Ident>()?;
        return Ok(Some(j));
    }
    if input.peek(syn::LitBool) {
        let b: syn::LitBool = input.parse()?;
        return Ok(Some(J::Bool(b.value, b.span)));
    }
    Ok(None)
}
