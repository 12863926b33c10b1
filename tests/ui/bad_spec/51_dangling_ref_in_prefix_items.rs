// a dangling `$ref` in a rule-only position (`prefixItems`) is reported, not ignored
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/51_dangling_ref_in_prefix_items.json", strict = true);
}

fn main() {}
