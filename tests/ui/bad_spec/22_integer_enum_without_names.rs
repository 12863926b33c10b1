// integer enums need names: the message should point to `oneOf` of `const` + `title`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/22_integer_enum_without_names.json");
}

fn main() {}
