// `maxLength` must be a non-negative integer, not a string
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/10_max_length_string.json", strict = true);
}

fn main() {}
