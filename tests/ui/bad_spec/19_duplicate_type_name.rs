// `FooBar` and `foo_bar` both become type `FooBar`; reported at the later one (later both in document order and sorted)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/19_duplicate_type_name.json", strict = true);
}

fn main() {}
