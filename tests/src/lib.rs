//! Every feature spec compiles under `#![deny(warnings)]`, with `Result`, `Option`, `String`,
//! `Vec` and `Box` shadowed by user types in the same module.

#![deny(warnings)]

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
