// `!!` yields no Rust identifier; the message should suggest `x-rust-name`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/20_property_no_identifier.json");
}

fn main() {}
