//! Every feature spec compiles under `#![deny(warnings)]`, with `Result`, `Option`, `String`,
//! `Vec` and `Box` shadowed by user types in the same module.

#![deny(warnings)]

pub mod reference;
pub mod schemagen;

pub mod array_body {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/array_body.json");
}

pub mod array_tuple {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/array_tuple.json");
}

pub mod callback {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/callback.json");
}

pub mod error_codes {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/error_codes.json");
}

pub mod extra_fields {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/extra_fields.json");
}

pub mod integer_enum {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/integer_enum.json");
}

pub mod integers {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/integers.json");
}

pub mod map {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/map.json");
}

pub mod nullable {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/nullable.json");
}

pub mod odd_names {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/odd_names.json");
}

pub mod recursion_object {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/recursion_object.json");
}

pub mod recursion_relay {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/recursion_relay.json");
}

pub mod rows {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/rows.json");
}

pub mod rules {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/rules.json");
}

pub mod security_params {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/security_params.json");
}

pub mod servers {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/servers.json");
}

pub mod severity {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/severity.json");
}

pub mod standalone {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/standalone.json");
}

pub mod strict {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/strict.json");
}

pub mod string_enum {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/string_enum.json");
}

pub mod struct_basic {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/struct_basic.json");
}

pub mod union_adjacent {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/union_adjacent.json");
}

pub mod union_common_fields {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/union_common_fields.json");
}

pub mod union_internal_int {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/union_internal_int.json");
}

/// Schemas named like the generated code's own names, and every prelude name a generated impl
/// could lean on shadowed (issue 8).
pub mod hygiene {
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/hygiene.json");
}

/// The file writer's output for a spec whose docs hold a lone CR, bidi controls and other line
/// breaks (issue 8): it compiles under `#![deny(warnings)]`.
#[rustfmt::skip]
#[path = "../tests/snapshots/doc_text.rs"]
pub mod doc_text_file;

pub mod long_tuple {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/long_tuple.json", root = "Root");
}

/// The longest chain of types owning one another that the generator accepts (24, with the root):
/// it compiles, and its types are `Send` and `Sync` (rustc proves both through every level).
pub mod chain {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    group_msg_macros::include_spec!("specs/good/chain.json");

    const _: () = {
        const fn send_sync<T: Send + Sync>() {}
        send_sync::<Root>();
        send_sync::<S0>();
        send_sync::<S0Builder<()>>();
    };
}
pub mod conformance;
