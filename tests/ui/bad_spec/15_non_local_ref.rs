// only local `#/...` references are supported; the message should quote the target
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/15_non_local_ref.json", strict = true);
}

fn main() {}
