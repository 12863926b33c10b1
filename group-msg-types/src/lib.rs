//! Typed, validated request, response and callback types for the "send group message" APIs of
//! Tencent Cloud IM, YunHu, upbot (NOKNOK) and the qopen WeCom robot gateway.
//!
//! Each API is a module under its vendor, generated from the spec in `specs/` by
//! `cargo xtask codegen`: `tencent_im::send_group_msg`, `yunhu::batch_send` and `yunhu::send`,
//! `upbot::send_group_message`, `qopen::send_msg_to_group`. YunHu's two are one OpenAPI document
//! (`specs/yunhu/bot.json`): the module `yunhu::bot` holds the types they share (one `Content`,
//! `Button`, `MessageInfo` ...) and a submodule per operation, which `yunhu::send` and
//! `yunhu::batch_send` re-export with their literal macros. Each API has `Request`, `Response` (and
//! `Callback`), the endpoint constants `METHOD`, `PATH`, `SERVER`, `AUTH`, and `ErrorCode`, which
//! `Response::error_code()` returns with its `retry()` hint. Validation reports errors (what the
//! vendor refuses: `validate()` and `from_json` fail) and warnings (what the vendor ignores, or
//! only an SDK limits: `validate_all()`).
//!
//! # Cargo features
//!
//! - one per vendor, `tencent_im`, `yunhu`, `upbot`, `qopen`: the vendor's modules. A crate that
//!   talks to one vendor turns the others off (`default-features = false, features =
//!   ["tencent_im"]`) and compiles one vendor's code;
//! - `literals`: the compile-time literal macros of each API (`send_group_msg::request!({...})`).
//!   They are the only part that needs a procedural macro (a light one: the literal engine and
//!   each spec's rules, precompiled by `cargo xtask codegen`, without the generator or `syn`);
//! - `schemars`: a `schemars::JsonSchema` impl for every type (the spec's schema text);
//! - `regex` and `full-regex`: the engine of `pattern`s. The shape most specs use, an anchored
//!   literal prefix and one repeated class (`^[\x20-\x7e]*$`, `^ep_[A-Za-z0-9]{27}$`), needs
//!   none. `regex` runs the others on `regex-lite` (the same syntax and meaning, linear time, a
//!   tenth of `regex`'s build time; no look-around, back-references, Unicode classes or negated
//!   escapes inside a class); `full-regex` on Rust's `regex` (faster matching) and, for
//!   look-around and back-references, `fancy-regex`. Generated code whose spec needs an engine
//!   the build lacks fails to compile, naming the pattern and the feature;
//! - `uri`: the `uri` and `https-uri` formats (RFC 3986, by `fluent-uri`); `upbot` turns it on.
//!   Generated code that checks them fails to compile without it, naming the keyword.
//!
//! All are on by default. The lightest build, `default-features = false, features =
//! ["tencent_im"]`, compiles serde, serde_json and this crate's runtime and Tencent module (see BENCHMARKS.md for what that costs against hand-written serde types). The modules
//! under `src/generated/` are written by `cargo xtask codegen`.

extern crate self as group_msg_types;

// The README's example runs as a doctest, so it stays true.
#[cfg(all(
    doctest,
    feature = "literals",
    feature = "tencent_im",
    feature = "yunhu",
    feature = "upbot",
    feature = "qopen"
))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub mod runtime;

/// Re-exports the generated code uses, so a crate using `include_spec!` needs no other dependency.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "literals")]
    pub use group_msg_macros::__literal as literal;

    /// The value of a literal of JSON values (`request!({...})`): its JSON text, which the macro
    /// checked whole while compiling (keys, types, enum values, every rule), read back.
    #[cfg(feature = "literals")]
    #[track_caller]
    pub fn literal_value<T: serde::de::DeserializeOwned>(text: &'static str) -> T {
        match crate::runtime::from_json(text) {
            Ok(value) => value,
            // Unreachable: the text passed every check the parse makes, while compiling.
            Err(e) => {
                ::core::panic!("a literal checked while compiling does not read back: {e} (a bug: please report)")
            }
        }
    }
    #[cfg(feature = "schemars")]
    pub use schemars;
    pub use serde;
    pub use serde_json;
}

#[cfg(feature = "qopen")]
#[path = "generated/qopen/mod.rs"]
pub mod qopen;
#[cfg(feature = "tencent_im")]
#[path = "generated/tencent_im/mod.rs"]
pub mod tencent_im;
#[cfg(feature = "upbot")]
#[path = "generated/upbot/mod.rs"]
pub mod upbot;
#[cfg(feature = "yunhu")]
#[path = "generated/yunhu/mod.rs"]
pub mod yunhu;
