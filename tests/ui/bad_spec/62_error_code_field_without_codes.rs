// `x-error-code-field` needs `x-error-codes` beside it
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/62_error_code_field_without_codes.json", strict = true);
}

fn main() {}
