// `paths` must hold exactly one path
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/07_two_paths.json", strict = true);
}

fn main() {}
