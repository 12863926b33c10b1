// only 3.1.x is accepted
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/06_wrong_openapi_version.json", strict = true);
}

fn main() {}
