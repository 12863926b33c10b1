// generated public names taken by schemas, and a reserved __ name
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/47_public_name_clash.json", strict = true);
}

fn main() {}
