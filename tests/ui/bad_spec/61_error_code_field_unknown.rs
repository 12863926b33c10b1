// `x-error-code-field` must name a field of the response
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/61_error_code_field_unknown.json", strict = true);
}

fn main() {}
