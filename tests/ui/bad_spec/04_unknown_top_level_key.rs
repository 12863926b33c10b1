// `webhooks` is valid OpenAPI 3.1 but not part of the supported format
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/04_unknown_top_level_key.json", strict = true);
}

fn main() {}
