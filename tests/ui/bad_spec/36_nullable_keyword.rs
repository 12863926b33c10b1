// OpenAPI 3.0's `nullable` is not JSON Schema 2020-12: use `["string", "null"]`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/36_nullable_keyword.json", strict = true);
}

fn main() {}
