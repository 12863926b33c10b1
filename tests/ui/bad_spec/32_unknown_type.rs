// typo in `type`; the message should quote it
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/32_unknown_type.json", strict = true);
}

fn main() {}
