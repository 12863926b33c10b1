//! The hand-written runtime that generated code shares: secrets, endpoint descriptions, and the
//! helpers behind the generated `serde` and `schemars` impls.
//!
//! # Untrusted input
//!
//! [`from_json`] does linear work on any text, valid or not, whatever the key order; refuses every
//! second copy of a key (``duplicate key `K` ``); reads `-0` as the integer 0 and reports `1e400` as
//! `number out of range` at its pointer; refuses text nested deeper than [`MAX_DEPTH`] (256)
//! arrays and objects at the first one past the limit. [`Validate::validate`] holds a value built
//! in Rust to the same limit ([`Rule::Depth`]) and to finite numbers ([`Rule::Finite`]); its list
//! keeps [`MAX_VIOLATIONS`] entries and counts the rest ([`Rule::More`]). Errors quote at most
//! [`de::QUOTE_MAX`] characters of a key or value, and none at all in an object holding a
//! [`Secret`]. Values of recursive types built in Rust never overflow the stack, however deep (see
//! [`depth`]).

mod buffered;
pub mod builder;
pub mod by_schema;
pub mod de;
pub mod depth;
mod exact;
mod json_len;
mod parse;
#[cfg(feature = "report")]
pub mod report;
mod rows;
pub mod rules;
#[cfg(feature = "schemars")]
pub mod schema;

/// Without the `schemars` feature, types have no `JsonSchema` impl (their schema text still
/// serves the error reports of `from_json`).
#[cfg(not(feature = "schemars"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __json_schema {
    ($($t:tt)*) => {};
}
mod secret;
pub mod union;
mod validate;

pub use json_len::json_len;

/// The short names of the generated impls: each `const _: () = { ... };` block of a generated
/// module starts with `use ::group_msg_types::runtime::__prelude::*;` (when no type of the module
/// has one of these names), so the impls read `Option<String>`, `rt::Validate`, `serde::Serialize`
/// whatever the names around them.
#[doc(hidden)]
pub mod __prelude {
    #[cfg(feature = "schemars")]
    pub use crate::__private::schemars;
    pub use crate::__private::{serde, serde_json};
    pub use crate::runtime as rt;
    pub use core::clone::Clone;
    pub use core::convert::{AsRef, Into};
    pub use core::default::Default;
    pub use core::fmt;
    pub use core::iter::{IntoIterator, Iterator};
    pub use core::marker::PhantomData;
    pub use core::option::Option::{self, None, Some};
    pub use core::result::Result::{self, Err, Ok};
    pub use std::borrow::Cow;
    pub use std::boxed::Box;
    pub use std::collections::BTreeMap;
    pub use std::string::String;
    pub use std::vec::Vec;
}

/// The inherent entry points of generated types, the same for each: `from_json`, `validate`
/// and `validate_all` (the last two are [`Validate`]'s, here so that they need no import).
#[doc(hidden)]
#[macro_export]
macro_rules! __api {
    // Text that fails is reported against the type's schema (`$schema`, JSON text whose `$ref`s
    // point into the spec document `$doc`): every problem at once.
    ($t:ident, $doc:expr, $schema:literal $(, $r:literal => $target:ty)* $(,)?) => {
        $crate::__json_schema!($t, $schema $(, $r => $target)*);
        impl $t {
            /// Parses JSON text and checks every rule of the spec: the one entry point for
            /// untrusted input. Text that fails gets every problem at once, in document order,
            /// each with its JSON pointer (without the `report` feature of group-msg-types, the
            /// first problem of its shape, or every rule it breaks).
            #[inline]
            pub fn from_json(text: &str) -> ::core::result::Result<Self, $crate::runtime::Error> {
                $crate::__from_json!(text, $doc, $schema)
            }
            /// Every error (a rule the vendor enforces) this value breaks, each with its JSON
            /// pointer; warnings do not fail.
            #[inline]
            pub fn validate(&self) -> ::core::result::Result<(), $crate::runtime::Violations> {
                $crate::runtime::Validate::validate(self)
            }
            /// Every rule this value breaks, errors and warnings (what the vendor ignores).
            #[inline]
            pub fn validate_all(&self) -> $crate::runtime::Violations {
                $crate::runtime::Validate::validate_all(self)
            }
        }
    };
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            /// Parses JSON text and checks every rule of the spec: the one entry point for
            /// untrusted input.
            #[inline]
            pub fn from_json(text: &str) -> ::core::result::Result<Self, $crate::runtime::Error> {
                $crate::runtime::parse(text)
            }
            /// Every error (a rule the vendor enforces) this value breaks, each with its JSON
            /// pointer; warnings do not fail.
            #[inline]
            pub fn validate(&self) -> ::core::result::Result<(), $crate::runtime::Violations> {
                $crate::runtime::Validate::validate(self)
            }
            /// Every rule this value breaks, errors and warnings (what the vendor ignores).
            #[inline]
            pub fn validate_all(&self) -> $crate::runtime::Violations {
                $crate::runtime::Validate::validate_all(self)
            }
        }
    )*};
}
/// The body of a generated `from_json` with the `report` feature: text that fails is reported
/// against the type's schema (`$schema`, whose `$ref`s point into the spec document `$doc`).
#[cfg(feature = "report")]
#[doc(hidden)]
#[macro_export]
macro_rules! __from_json {
    ($text:ident, $doc:expr, $schema:literal) => {{
        static ROOT: $crate::runtime::report::Root = $crate::runtime::report::Root::new(&$doc, $schema);
        $crate::runtime::report::parse($text, &ROOT)
    }};
}
/// Without the `report` feature: the typed parse and the rules, as [`parse`] does (the document
/// is named so that it counts as used).
#[cfg(not(feature = "report"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __from_json {
    ($text:ident, $doc:expr, $schema:literal) => {{
        let _: &$crate::runtime::by_schema::Document = &$doc;
        $crate::runtime::parse($text)
    }};
}
/// `Display`, `Serialize` and `Deserialize` of a generated enum of values, from its `ALL` and
/// `value()`: `str` for string values, `int` for integers (read from `-0` too); `$expecting`
/// lists the values for the error of any other.
#[doc(hidden)]
#[macro_export]
macro_rules! __value_enum {
    ($t:ident, str, $expecting:literal) => {
        impl ::core::fmt::Display for $t {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.value())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $t {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                let key = <$crate::runtime::de::Key<'de> as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                match $t::ALL.iter().find(|v| v.value() == key.as_str()) {
                    ::core::option::Option::Some(v) => ::core::result::Result::Ok(*v),
                    ::core::option::Option::None => ::core::result::Result::Err($crate::runtime::de::unknown_value(key.as_str(), $expecting)),
                }
            }
        }
        $crate::__value_enum!(@ser $t, serialize_str);
    };
    ($t:ident, int, $expecting:literal) => {
        impl ::core::fmt::Display for $t {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $t {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                let n = $crate::runtime::de::int::<i64, _>(deserializer)?;
                match $t::ALL.iter().find(|v| v.value() == n) {
                    ::core::option::Option::Some(v) => ::core::result::Result::Ok(*v),
                    ::core::option::Option::None => ::core::result::Result::Err($crate::runtime::de::unknown_value(&n.to_string(), $expecting)),
                }
            }
        }
        $crate::__value_enum!(@ser $t, serialize_i64);
    };
    (@ser $t:ident, $method:ident) => {
        impl $crate::__private::serde::Serialize for $t {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                serializer.$method(self.value())
            }
        }
    };
}

/// The methods and trait impls of a generated `ErrorCode`, from its `CODES` (variant, number,
/// retry) and `DESCRIPTIONS` tables: `from_code`, `code`, `description`, `retry`, `Display`
/// (`code: description`), `Serialize`/`Deserialize` as the number, `JsonSchema` (an integer).
#[doc(hidden)]
#[macro_export]
macro_rules! __error_codes {
    ($t:ident) => {
        impl $t {
            /// The variant for `code`.
            pub fn from_code(code: i64) -> Self {
                match $t::CODES.iter().find(|c| c.1 == code) {
                    ::core::option::Option::Some(c) => c.0,
                    ::core::option::Option::None => $t::Unknown(code),
                }
            }
            /// The numeric code.
            pub fn code(&self) -> i64 {
                match self {
                    $t::Unknown(code) => *code,
                    listed => $t::CODES.iter().find(|c| c.0 == *listed).map_or(0, |c| c.1),
                }
            }
            fn __index(&self) -> ::core::option::Option<usize> {
                $t::CODES.iter().position(|c| c.0 == *self)
            }
            /// The vendor's description, for listed codes.
            pub fn description(&self) -> ::core::option::Option<&'static str> {
                self.__index().map(|i| $t::DESCRIPTIONS[i])
            }
            /// Whether sending the same request again later can succeed.
            pub fn retry(&self) -> bool {
                self.__index().is_some_and(|i| $t::CODES[i].2)
            }
        }
        impl ::core::fmt::Display for $t {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.description() {
                    ::core::option::Option::Some(d) => ::core::write!(f, "{}: {}", self.code(), d),
                    ::core::option::Option::None => ::core::write!(f, "{}: unknown error code", self.code()),
                }
            }
        }
        impl $crate::__private::serde::Serialize for $t {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                serializer.serialize_i64(self.code())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $t {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                $crate::runtime::de::int::<i64, _>(deserializer).map($t::from_code)
            }
        }
        $crate::__json_schema!($t, r#"{"type":"integer"}"#);
    };
}

/// Generated code whose spec has a `pattern` that is not a charset (an anchored literal prefix and
/// one repeated class, which needs no engine) starts with this: without the `regex` or the
/// `full-regex` feature it is a compile error that says so.
///
/// ```
/// # #[cfg(any(feature = "regex", feature = "full-regex"))]
/// group_msg_types::runtime::requires_regex!("#/components/schemas/Code/pattern");
/// ```
#[cfg(any(feature = "regex", feature = "full-regex"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_regex {
    ($at:literal) => {};
}
/// Without either feature, a compile error:
///
/// ```compile_fail
/// group_msg_types::runtime::requires_regex!("#/components/schemas/Code/pattern");
/// ```
#[cfg(not(any(feature = "regex", feature = "full-regex")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_regex {
    ($at:literal) => {
        ::core::compile_error!(::core::concat!(
            "the `pattern` at ",
            $at,
            " needs a regex engine: turn on the `regex` feature of group-msg-types (or `full-regex`)"
        ));
    };
}

/// Generated code whose spec has a `pattern` only the full regex engines run (look-around,
/// back-references, Unicode classes, negated escapes in a class) starts with this: without the
/// `full-regex` feature it is a compile error that says so.
/// With the feature, nothing:
///
/// ```
/// group_msg_types::runtime::requires_full_regex!("#/components/schemas/Id/pattern");
/// ```
#[cfg(feature = "full-regex")]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_full_regex {
    ($at:literal) => {};
}
/// Without the feature, a compile error:
///
/// ```compile_fail
/// group_msg_types::runtime::requires_full_regex!("#/components/schemas/Id/pattern");
/// ```
#[cfg(not(feature = "full-regex"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_full_regex {
    ($at:literal) => {
        ::core::compile_error!(::core::concat!(
            "the `pattern` at ",
            $at,
            " needs the `full-regex` feature of group-msg-types (look-around, back-references, Unicode \
             classes or a negated escape inside a class): turn it on"
        ));
    };
}
/// As `requires_full_regex!` for the `uri` and `https-uri` formats and the `uri` feature.
/// With the feature, nothing:
///
/// ```
/// group_msg_types::runtime::requires_uri!("#/components/schemas/Link/format");
/// ```
#[cfg(feature = "uri")]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_uri {
    ($at:literal) => {};
}
/// Without the feature, a compile error:
///
/// ```compile_fail
/// group_msg_types::runtime::requires_uri!("#/components/schemas/Link/format");
/// ```
#[cfg(not(feature = "uri"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_uri {
    ($at:literal) => {
        ::core::compile_error!(::core::concat!(
            "the `format` at ",
            $at,
            " needs the `uri` feature of group-msg-types: turn it on"
        ));
    };
}

/// Generated code with a position it leaves to the schema validator (a schema no Rust type holds
/// exactly, so the value is `serde_json::Value` checked against the schema) starts with this:
/// without the `report` feature, which builds the validator, it is a compile error that says so.
/// With the feature, nothing:
///
/// ```
/// group_msg_types::runtime::requires_schema!("#/components/schemas/Extra/properties/data");
/// ```
#[cfg(feature = "report")]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_schema {
    ($at:literal) => {};
}
/// Without the feature, a compile error:
///
/// ```compile_fail
/// group_msg_types::runtime::requires_schema!("#/components/schemas/Extra/properties/data");
/// ```
#[cfg(not(feature = "report"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_schema {
    ($at:literal) => {
        ::core::compile_error!(::core::concat!(
            "the schema at ",
            $at,
            " is checked by the schema validator: turn on the `report` feature of group-msg-types"
        ));
    };
}

#[doc(hidden)]
pub use crate::__api as api;
#[doc(hidden)]
pub use crate::__builder as builder;
#[doc(hidden)]
pub use crate::__error_codes as error_codes;
#[doc(hidden)]
pub use crate::__exact_de as exact_de;
#[doc(hidden)]
pub use crate::__json_schema as json_schema;
#[doc(hidden)]
pub use crate::__requires_full_regex as requires_full_regex;
#[doc(hidden)]
pub use crate::__requires_regex as requires_regex;
#[doc(hidden)]
pub use crate::__requires_schema as requires_schema;
#[doc(hidden)]
pub use crate::__requires_uri as requires_uri;
#[doc(hidden)]
pub use crate::__union as union;
#[doc(hidden)]
pub use crate::__value_enum as value_enum;
pub use parse::{from_json, ParseError, MAX_DEPTH};
pub use rows::Rows;
pub use secret::Secret;
pub use validate::{
    parse, parse_with_warnings, Error, Path, Rule, Severity, Validate, Violation, Violations, MAX_VIOLATIONS,
};

/// Where a parameter or api key goes in the HTTP request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// The query string.
    Query,
    /// An HTTP header.
    Header,
    /// A path segment.
    Path,
    /// A cookie (in the `Cookie` header).
    Cookie,
}

/// What a security scheme of the spec asks for (OpenAPI `securitySchemes`): documented facts;
/// [`ApiKey`]s are what `group-msg-http` sends today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {
    /// `apiKey`: a key in a query parameter, header or cookie.
    ApiKey(ApiKey),
    /// `http`: an `Authorization` header of the scheme (`basic`, `bearer`, ... lower case),
    /// with the bearer token's format when the spec says.
    Http { scheme: &'static str, bearer_format: Option<&'static str> },
    /// `oauth2`: an access token from one of these flows.
    OAuth2 { flows: &'static [OAuthFlow] },
    /// `openIdConnect`: discovery at this URL.
    OpenIdConnect { url: &'static str },
    /// `mutualTLS`: a client certificate.
    MutualTls,
}

/// One OAuth 2 flow of an `oauth2` scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OAuthFlow {
    /// `implicit`, `password`, `clientCredentials` or `authorizationCode`.
    pub kind: &'static str,
    pub authorization_url: Option<&'static str>,
    pub token_url: Option<&'static str>,
    pub refresh_url: Option<&'static str>,
    /// (scope, what it grants).
    pub scopes: &'static [(&'static str, &'static str)],
}

/// A security scheme an operation needs, with the scopes it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Security {
    /// The scheme's name in the spec.
    pub scheme: &'static str,
    pub auth: Auth,
    pub scopes: &'static [&'static str],
}

/// A response an operation declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResponseInfo {
    /// `200`, `2XX`, `default`, ...
    pub status: &'static str,
    /// The media type of its body, when it has one.
    pub media: Option<&'static str>,
    pub description: Option<&'static str>,
}

/// An api key the request must carry (an OpenAPI `apiKey` security scheme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiKey {
    /// The scheme's name in the spec.
    pub scheme: &'static str,
    /// Where the key goes.
    pub location: ParamLocation,
    /// The query parameter or header name.
    pub name: &'static str,
}

/// A server the API is served from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Server {
    /// The URL, with `{name}` for each variable.
    pub url: &'static str,
    /// What the server is.
    pub description: Option<&'static str>,
    /// The variables in `url`.
    pub variables: &'static [ServerVariable],
}

/// A `{name}` part of a server URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServerVariable {
    /// The name between braces.
    pub name: &'static str,
    /// The value to use when none is given.
    pub default: &'static str,
    /// The allowed values, when the spec lists them.
    pub values: &'static [&'static str],
    /// What the variable is.
    pub description: Option<&'static str>,
}

impl Server {
    /// The URL with every variable set to its default.
    pub fn default_url(&self) -> String {
        let mut url = self.url.to_owned();
        for v in self.variables {
            url = url.replace(&format!("{{{}}}", v.name), v.default);
        }
        url
    }
}
