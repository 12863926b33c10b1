// a remote `$ref` in a rule-only position (`not`) is refused like one in a typed position
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/50_remote_ref_in_condition.json", strict = true);
}

fn main() {}
