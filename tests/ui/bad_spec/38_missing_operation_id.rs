// `operationId` is required; the pointer is the operation that lacks it
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/38_missing_operation_id.json", strict = true);
}

fn main() {}
