// the document root must be a JSON object
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/03_root_not_object.json", strict = true);
}

fn main() {}
