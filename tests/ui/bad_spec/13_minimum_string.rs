// `minimum` must be a number
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/13_minimum_string.json", strict = true);
}

fn main() {}
