// `required` must be an array of property names
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/11_required_not_array.json", strict = true);
}

fn main() {}
