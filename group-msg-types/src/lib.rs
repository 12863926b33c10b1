//! Typed, validated request, response and callback types for the "send group message" APIs of
//! Tencent Cloud IM, YunHu, upbot (NOKNOK) and the qopen WeCom robot gateway.
//!
//! Each API is a module under its vendor, generated from the spec in `specs/` by
//! `cargo xtask codegen`: `tencent_im::send_group_msg`, `yunhu::batch_send`,
//! `upbot::send_group_message`, `qopen::send_msg_to_group`. Each has `Request`, `Response` (and
//! `Callback`), the endpoint constants `METHOD`, `PATH`, `SERVER`, `AUTH`, and `ErrorCode`, which
//! `Response::error_code()` returns with its `retry()` hint. Validation reports errors (what the
//! vendor refuses: `validate()` and `from_json` fail) and warnings (what the vendor ignores, or
//! only an SDK limits: `validate_all()`).

extern crate self as group_msg_types;

// The README's example runs as a doctest, so it stays true.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub mod runtime;

/// Re-exports the generated code uses, so a crate using `include_spec!` needs no other dependency.
#[doc(hidden)]
pub mod __private {
    pub use group_msg_macros::__literal as literal;
    pub use schemars;
    pub use serde;
    pub use serde_json;
}

pub mod qopen;
pub mod tencent_im;
pub mod upbot;
pub mod yunhu;
