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
mod json_len;
mod parse;
mod rows;
pub mod rules;
pub mod schema;
mod secret;
mod validate;

pub use json_len::json_len;

/// The short names of the generated impls: each `const _: () = { ... };` block of a generated
/// module starts with `use ::group_msg_types::runtime::__prelude::*;` (when no type of the module
/// has one of these names), so the impls read `Option<String>`, `rt::Validate`, `serde::Serialize`
/// whatever the names around them.
#[doc(hidden)]
pub mod __prelude {
    pub use crate::__private::{schemars, serde, serde_json};
    pub use crate::runtime as rt;
    pub use core::clone::Clone;
    pub use core::convert::Into;
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
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            /// Parses JSON text and checks every rule of the spec: the one entry point for
            /// untrusted input.
            pub fn from_json(text: &str) -> ::core::result::Result<Self, $crate::runtime::Error> {
                $crate::runtime::parse(text)
            }
            /// Every error (a rule the vendor enforces) this value breaks, each with its JSON
            /// pointer; warnings do not fail.
            pub fn validate(&self) -> ::core::result::Result<(), $crate::runtime::Violations> {
                $crate::runtime::Validate::validate(self)
            }
            /// Every rule this value breaks, errors and warnings (what the vendor ignores).
            pub fn validate_all(&self) -> $crate::runtime::Violations {
                $crate::runtime::Validate::validate_all(self)
            }
        }
    )*};
}
#[doc(hidden)]
pub use crate::__api as api;
#[doc(hidden)]
pub use crate::__json_schema as json_schema;
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
