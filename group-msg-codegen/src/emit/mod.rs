//! Stage three: emit tokens from the model, split by shape. Emitters never see the spec's JSON.

mod builders;
mod constructors;
mod endpoint;
mod enums;
mod newtype;
mod operations;
mod schema;
mod structs;
mod tuples;
mod unions;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{IntTy, Kind, Module, Ty};

/// Paths the generated code uses; everything is reached through the runtime crate, so a user
/// crate needs no dependency besides it, and shadowing `Option` or `Result` breaks nothing.
pub(crate) struct Paths {
    /// `::group_msg_types::runtime`
    pub rt: TokenStream,
    /// `::group_msg_types::__private::serde`
    pub serde: TokenStream,
    pub json: TokenStream,
}

impl Paths {
    pub fn new(runtime_crate: &syn::Path) -> Self {
        Paths {
            rt: quote!(#runtime_crate::runtime),
            serde: quote!(#runtime_crate::__private::serde),
            json: quote!(#runtime_crate::__private::serde_json),
        }
    }
}

pub(crate) struct Emitter<'a> {
    pub p: Paths,
    pub module: &'a Module,
    /// Builder and storage names of every struct, decided once per module.
    builder_names: std::cell::OnceCell<std::collections::BTreeMap<String, (String, String)>>,
    /// Item structs numbered by the arrays holding them (`x-sequence`): field, first number.
    numbered: std::cell::OnceCell<std::collections::BTreeMap<String, (String, i64)>>,
    /// Types that can contain themselves: their `Debug`, `Clone`, `Serialize` and `Drop` guard
    /// the depth of values built in Rust.
    recursive: std::cell::OnceCell<std::collections::BTreeSet<String>>,
}

pub(crate) fn emit(module: &Module, runtime_crate: &syn::Path) -> TokenStream {
    let e = Emitter {
        p: Paths::new(runtime_crate),
        module,
        builder_names: Default::default(),
        numbered: Default::default(),
        recursive: Default::default(),
    };
    let mut out = TokenStream::new();
    // A runtime feature the spec needs: a compile error naming it when the feature is off.
    let rt = &e.p.rt;
    let needs = [
        (&module.needs.regex, "requires_regex"),
        (&module.needs.full_regex, "requires_full_regex"),
        (&module.needs.uri, "requires_uri"),
        (&module.needs.schema, "requires_schema"),
    ];
    for (at, check) in needs {
        if let Some(at) = at {
            let (at, check) = (format!("#{at}"), quote::format_ident!("{}", check));
            out.extend(quote! { #rt::#check!(#at); });
        }
    }
    if let Some(ep) = &module.endpoint {
        out.extend(e.endpoint(ep, None));
    }
    if module.flat {
        if let Some(op) = module.operations.first() {
            out.extend(e.plain_aliases(&op.plain));
        }
    }
    for (alias, target, doc) in &module.aliases {
        let a = ident(alias);
        let t = ident(target);
        let doc = doc_attrs(doc.as_deref());
        out.extend(quote! { #doc pub type #a = #t; });
    }
    let short = Shortener::new(runtime_crate, module);
    for t in &module.types {
        out.extend(short.impls_apart(match &t.kind {
            Kind::Struct(s) => {
                let mut tokens = e.structure(t, s);
                tokens.extend(e.validation(t));
                tokens.extend(e.builder(t, s));
                tokens
            }
            Kind::Enum(en) => {
                let mut tokens = e.enumeration(t, en);
                tokens.extend(e.validation(t));
                tokens
            }
            Kind::Union(u) => {
                let mut tokens = e.union(t, u);
                tokens.extend(e.constructors(t, u));
                tokens.extend(e.validation(t));
                tokens
            }
            Kind::Alias(Ty::Tuple(items)) if items.len() > crate::ir::MAX_TUPLE => {
                let mut tokens = e.long_tuple(t, items);
                tokens.extend(e.validation(t));
                tokens
            }
            Kind::Alias(ty) if t.newtype => {
                let mut tokens = e.newtype(t, ty);
                tokens.extend(e.validation(t));
                tokens
            }
            Kind::Alias(ty) => {
                let name = ident(&t.name);
                let ty = e.ty(ty);
                let doc = doc_attrs(t.doc.as_deref());
                quote! { #doc pub type #name = #ty; }
            }
        }));
    }
    if !module.error_codes.is_empty() {
        out.extend(short.impls_apart(e.error_codes(&module.error_codes, false)));
    }
    // Operations that list the same error codes share one `ErrorCode` at the root, which each
    // operation's module sees through its `pub use super::*`.
    let shared_codes = shares_error_codes(module);
    if shared_codes {
        out.extend(short.impls_apart(e.error_codes(&module.operations[0].error_codes, true)));
    }
    // Every `from_json` reports the problems of text that fails against it (see `validation`).
    if let Some(doc) = module.document.as_deref() {
        out.extend(e.schema_document(doc));
    }
    if let Some(f) = &module.error_code_field {
        out.extend(e.error_code_method(f));
    }
    if !module.flat {
        for op in &module.operations {
            out.extend(e.operation(op, &short, shared_codes));
        }
    }
    sanitize_docs(out)
}

/// Whether the operations of a document of several all list the same error codes (and no type
/// of the root is named `ErrorCode`): one `ErrorCode` at the root then serves them all.
fn shares_error_codes(module: &Module) -> bool {
    let key = |op: &crate::ir::Operation| -> Vec<(i64, String, String, bool)> {
        op.error_codes.iter().map(|c| (c.code, c.rust.clone(), c.description.clone(), c.retry)).collect()
    };
    let Some(first) = module.operations.first() else { return false };
    !module.flat
        && module.operations.len() > 1
        && module.error_codes.is_empty()
        && !first.error_codes.is_empty()
        && module.typedef("ErrorCode").is_none()
        && !module.aliases.iter().any(|(a, _, _)| a == "ErrorCode")
        && module.operations.iter().all(|op| key(op) == key(first))
}

/// Long paths of the generated impls and the short names a `use` gives them inside their
/// `const _: () = { ... };` block (serde's pattern): the impls read as hand-written code, and the
/// `use`s, local to the block, neither clash with nor see the names around the generated code
/// (a user's `Result` or `Option` included). A short name that is also a type of the module
/// keeps its long path.
pub(crate) struct Shortener {
    /// (path segments, short name, the `use` item), longest paths first.
    rules: Vec<(Vec<String>, String, TokenStream)>,
    /// `use <runtime>::runtime::__prelude::*;`, when no short name is taken.
    prelude: Option<TokenStream>,
}

impl Shortener {
    fn new(runtime_crate: &syn::Path, module: &Module) -> Self {
        let krate: Vec<String> = runtime_crate.segments.iter().map(|s| s.ident.to_string()).collect();
        let taken: std::collections::BTreeSet<&str> = module
            .types
            .iter()
            .map(|t| t.name.as_str())
            .chain(module.aliases.iter().map(|(a, _, _)| a.as_str()))
            .chain(["ErrorCode"])
            .collect();
        let k = |rest: &[&str]| {
            let mut v = krate.clone();
            v.extend(rest.iter().map(|s| (*s).to_owned()));
            v
        };
        let std = |path: &str| path.split("::").map(str::to_owned).collect::<Vec<_>>();
        let mut rules: Vec<(Vec<String>, String)> = vec![
            (k(&["runtime"]), "rt".into()),
            (k(&["__private", "serde"]), "serde".into()),
            (k(&["__private", "serde_json"]), "serde_json".into()),
            (k(&["__private", "schemars"]), "schemars".into()),
        ];
        for path in [
            "core::option::Option::Some",
            "core::option::Option::None",
            "core::option::Option",
            "core::result::Result::Ok",
            "core::result::Result::Err",
            "core::result::Result",
            "std::string::String",
            "std::vec::Vec",
            "std::boxed::Box",
            "std::collections::BTreeMap",
            "std::borrow::Cow",
            "core::fmt",
            "core::marker::PhantomData",
            "core::convert::Into",
            "core::convert::AsRef",
            "core::iter::IntoIterator",
            "core::iter::Iterator",
            "core::clone::Clone",
            "core::default::Default",
        ] {
            let segs = std(path);
            let last = segs.last().cloned().unwrap_or_default();
            rules.push((segs, last));
        }
        let all = rules.len();
        rules.retain(|(_, short)| !taken.contains(short.as_str()));
        // With every short name free, one glob of the runtime's prelude brings them all.
        let mut prelude = krate.clone();
        prelude.extend(["runtime".to_owned(), "__prelude".to_owned()]);
        let prelude = (rules.len() == all).then(|| {
            let path = prelude.iter().map(|s| Ident::new(s, Span::call_site()));
            quote!(use ::#(#path)::*::*;)
        });
        rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let rules = rules
            .into_iter()
            .map(|(segs, short)| {
                let path: Vec<Ident> = segs.iter().map(|s| Ident::new(s, Span::call_site())).collect();
                let short_id = Ident::new(&short, Span::call_site());
                let item = if path.last().is_some_and(|l| *l == short_id) {
                    quote!(use ::#(#path)::*;)
                } else {
                    quote!(use ::#(#path)::* as #short_id;)
                };
                (segs, short, item)
            })
            .collect();
        Shortener { rules, prelude }
    }

    /// The items of one type with its impls moved into one `const _: () = { ... };` after the
    /// definitions (serde's pattern): the definitions read first, and nothing the impls declare
    /// (helpers, `use`s) reaches the module's namespace.
    pub(crate) fn impls_apart(&self, tokens: TokenStream) -> TokenStream {
        let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) else { return tokens };
        // An emitter's own `const _` block (a builder's, with its marker types) joins the one block.
        let mut own = Vec::new();
        let mut items = Vec::new();
        for item in file.items {
            match item {
                syn::Item::Const(c) if c.ident == "_" && matches!(*c.expr, syn::Expr::Block(_)) => {
                    if let syn::Expr::Block(b) = *c.expr {
                        own.extend(b.block.stmts.into_iter().filter_map(|s| match s {
                            syn::Stmt::Item(i) => Some(i),
                            // An item macro (`__b::unbuilt!(FooBuilder);`) parses as a statement.
                            syn::Stmt::Macro(m) => Some(syn::Item::Macro(syn::ItemMacro {
                                attrs: m.attrs,
                                ident: None,
                                mac: m.mac,
                                semi_token: m.semi_token,
                            })),
                            _ => None,
                        }));
                    }
                }
                other => items.push(other),
            }
        }
        let (mut impls, defs): (Vec<syn::Item>, Vec<syn::Item>) = items.into_iter().partition(|item| match item {
            syn::Item::Impl(_) | syn::Item::Use(_) => true,
            syn::Item::Macro(m) => m.ident.is_none(),
            // The generator's private helpers (`__` names), such as builder state paths.
            syn::Item::Type(t) => t.ident.to_string().starts_with("__"),
            _ => false,
        });
        impls.extend(own);
        if impls.is_empty() {
            return quote!(#(#defs)*);
        }
        let mut used = vec![false; self.rules.len()];
        let body = self.shorten(quote!(#(#impls)*), &mut used);
        let uses: Vec<&TokenStream> = match &self.prelude {
            Some(p) if used.iter().any(|u| *u) => vec![p],
            Some(_) => vec![],
            None => self.rules.iter().zip(&used).filter(|(_, u)| **u).map(|(r, _)| &r.2).collect(),
        };
        quote! {
            #(#defs)*
            const _: () = {
                #(#uses)*
                #body
            };
        }
    }

    /// `tokens` with every long path (`::a::b::C`, not preceded by an identifier) replaced by
    /// its short name.
    fn shorten(&self, tokens: TokenStream, used: &mut [bool]) -> TokenStream {
        use proc_macro2::{Group, TokenTree};
        let tts: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(tts.len());
        let mut i = 0;
        'outer: while i < tts.len() {
            // A path continues after an identifier (`a::core::..`), unless it is a keyword.
            let after_ident =
                matches!(out.last(), Some(TokenTree::Ident(id)) if !KEYWORDS.contains(&id.to_string().as_str()));
            if !after_ident {
                for (n, (segs, short, _)) in self.rules.iter().enumerate() {
                    if let Some(len) = match_path(&tts[i..], segs) {
                        out.push(TokenTree::Ident(Ident::new(short, Span::call_site())));
                        used[n] = true;
                        i += len;
                        continue 'outer;
                    }
                }
            }
            out.push(match &tts[i] {
                TokenTree::Group(g) => {
                    let mut ng = Group::new(g.delimiter(), self.shorten(g.stream(), used));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                other => other.clone(),
            });
            i += 1;
        }
        out.into_iter().collect()
    }
}

const KEYWORDS: &[&str] = &[
    "as", "impl", "for", "dyn", "in", "return", "where", "mut", "let", "move", "else", "pub", "type", "use", "const",
    "static", "unsafe", "match", "if", "while", "break", "ref", "struct", "enum",
];

/// The number of tokens of `::segs[0]::segs[1]...` at the start of `tts`, when they spell it (a
/// longer path keeps its tail: `::core::option::Option::is_none` becomes `Option::is_none`).
fn match_path(tts: &[proc_macro2::TokenTree], segs: &[String]) -> Option<usize> {
    use proc_macro2::TokenTree;
    let mut i = 0;
    for seg in segs {
        match (tts.get(i), tts.get(i + 1), tts.get(i + 2)) {
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(id)))
                if a.as_char() == ':' && b.as_char() == ':' && id == seg.as_str() => {}
            _ => return None,
        }
        i += 3;
    }
    Some(i)
}

/// Every `#[doc = "..."]` in `tokens` with its text made safe for a `///` line
/// ([`crate::doc_text::line_safe`]): docs carry spec text (descriptions, wire names), and the
/// file writer prints them as comments, where a lone CR or a bidi control does not compile. One
/// pass over the finished tokens, so no emitter can forget it and both front ends agree.
fn sanitize_docs(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let mut out = Vec::new();
    let mut after_pound = false;
    for tt in tokens {
        let tt = match tt {
            TokenTree::Group(g) if after_pound && g.delimiter() == Delimiter::Bracket => {
                let fixed = syn::parse2::<syn::MetaNameValue>(g.stream()).ok().and_then(|nv| {
                    let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &nv.value else { return None };
                    if !nv.path.is_ident("doc") {
                        return None;
                    }
                    let safe = crate::doc_text::line_safe(&text.value());
                    Some(quote!(doc = #safe))
                });
                let mut ng = Group::new(Delimiter::Bracket, fixed.unwrap_or_else(|| sanitize_docs(g.stream())));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), sanitize_docs(g.stream()));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        };
        after_pound = matches!(&tt, TokenTree::Punct(p) if p.as_char() == '#');
        out.push(tt);
    }
    out.into_iter().collect()
}

/// An identifier, raw when the name is `r#kw`.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` lines from a description.
pub(crate) fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else { return TokenStream::new() };
    let doc = crate::doc_text::line_safe(doc);
    let lines = doc.trim().lines().map(|l| {
        let l = if l.trim().is_empty() { String::new() } else { format!(" {}", linkify(l.trim_end())) };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Wraps bare URLs in `<...>`, so rustdoc renders them as links.
fn linkify(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("http://").into_iter().chain(rest.find("https://")).min() {
        let (before, from) = rest.split_at(i);
        let end = from
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '`' | '，' | '。' | '）'))
            .unwrap_or(from.len());
        let url = from[..end].trim_end_matches(['.', ',', ';', ':']);
        out.push_str(before);
        // Already a link (`<url>`, `[text](url)`) or code: leave it.
        if before.ends_with(['<', '`']) || before.ends_with("](") {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &from[url.len()..];
    }
    out.push_str(rest);
    out
}

impl Emitter<'_> {
    /// Whether the type named `name` can contain itself.
    pub fn is_recursive(&self, name: &str) -> bool {
        self.recursive.get_or_init(|| crate::ir::recursive_types(&self.module.types)).contains(name)
    }

    /// The Rust type of `ty`.
    pub fn ty(&self, ty: &Ty) -> TokenStream {
        let json = &self.p.json;
        match ty {
            Ty::String => quote!(::std::string::String),
            Ty::Bool => quote!(bool),
            Ty::F64 => quote!(f64),
            Ty::Int(IntTy::I32) => quote!(i32),
            Ty::Int(IntTy::I64) => quote!(i64),
            Ty::Int(IntTy::U32) => quote!(u32),
            Ty::Int(IntTy::U64) => quote!(u64),
            Ty::Named(n) => {
                let i = ident(n);
                quote!(#i)
            }
            Ty::Vec(t) => {
                let t = self.ty(t);
                quote!(::std::vec::Vec<#t>)
            }
            Ty::Map(t) => {
                let t = self.ty(t);
                quote!(::std::collections::BTreeMap<::std::string::String, #t>)
            }
            Ty::Tuple(ts) => {
                let ts = ts.iter().map(|t| self.ty(t));
                quote!((#(#ts,)*))
            }
            Ty::Rows(t) => {
                let rt = &self.p.rt;
                let t = self.ty(t);
                quote!(#rt::Rows<#t>)
            }
            Ty::Any => quote!(#json::Value),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bare_urls_become_links() {
        assert_eq!(super::linkify("see https://a.b/c."), "see <https://a.b/c>.");
        assert_eq!(super::linkify("(doc, https://a.b/c)"), "(doc, <https://a.b/c>)");
        assert_eq!(super::linkify("already <https://a.b>"), "already <https://a.b>");
        assert_eq!(super::linkify("[x](https://a.b)"), "[x](https://a.b)");
        assert_eq!(super::linkify("`https://a.b`"), "`https://a.b`");
    }
}
