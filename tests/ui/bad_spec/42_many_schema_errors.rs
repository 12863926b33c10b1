// six independent schema errors in two schemas: all must be reported in one run
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/42_many_schema_errors.json", strict = true);
}

fn main() {}
