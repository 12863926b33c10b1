// the path item must hold exactly one operation (here post and get)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/08_two_operations.json", strict = true);
}

fn main() {}
