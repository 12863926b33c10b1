// `x-sequence` only applies to an array of objects
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/35_sequence_on_non_array.json", root = "Root");
}

fn main() {}
