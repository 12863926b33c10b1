// `uuid` is not one of the supported formats
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/21_unknown_format.json");
}

fn main() {}
