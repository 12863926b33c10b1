// `$ref` to a schema that does not exist; the message should quote the target
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/14_dangling_ref.json", strict = true);
}

fn main() {}
