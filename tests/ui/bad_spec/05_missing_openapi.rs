// required key `openapi` is missing; the pointer is the object that lacks it (the root)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/05_missing_openapi.json", strict = true);
}

fn main() {}
