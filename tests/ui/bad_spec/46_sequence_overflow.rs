// the 20th item's number would be past i64::MAX
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/46_sequence_overflow.json", strict = true);
}

fn main() {}
