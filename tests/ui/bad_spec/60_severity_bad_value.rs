// `x-severity` is "error" or "warning"
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/60_severity_bad_value.json", strict = true);
}

fn main() {}
