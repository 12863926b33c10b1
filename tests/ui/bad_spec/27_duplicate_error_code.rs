// code 10002 is listed twice; reported at the second
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/27_duplicate_error_code.json", strict = true);
}

fn main() {}
