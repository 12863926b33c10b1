// bounds that leave nothing between them (`minimum` = `maximum` is fine: one number)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/44_contradictory_bounds.json", strict = true);
}

fn main() {}
