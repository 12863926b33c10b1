// `$dynamicRef` has no fixed meaning in a generated type: refused with its pointer
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/49_dynamic_ref.json", strict = true);
}

fn main() {}
