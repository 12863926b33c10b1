// error-code names must already be UpperCamelCase Rust variant names
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/39_error_code_name_not_camel.json", strict = true);
}

fn main() {}
