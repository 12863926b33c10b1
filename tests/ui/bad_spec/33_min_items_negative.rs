// `minItems` must be a non-negative integer
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/33_min_items_negative.json", root = "Root");
}

fn main() {}
