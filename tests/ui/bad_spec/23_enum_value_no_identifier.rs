// `+` and `-` yield no variant name (one error per value; not additionally a same-name error, since neither has a name)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/23_enum_value_no_identifier.json");
}

fn main() {}
