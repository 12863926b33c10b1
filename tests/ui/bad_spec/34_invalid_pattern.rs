// `([` does not parse as a regular expression
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/34_invalid_pattern.json", root = "Root");
}

fn main() {}
