// a type array is only allowed as `[T, "null"]`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/37_type_union.json");
}

fn main() {}
