// `properties` must be an object
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/12_properties_array.json", strict = true);
}

fn main() {}
