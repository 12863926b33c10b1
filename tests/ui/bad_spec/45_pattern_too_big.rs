// valid regex syntax that the run time's regex cannot compile (over its size limit)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/45_pattern_too_big.json", strict = true);
}

fn main() {}
