// only `application/json` content; the pointer escapes `/` as `~1`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/40_request_not_json.json", strict = true);
}

fn main() {}
