// `fooBar` and `foo_bar` both become field `foo_bar`; reported at the later one (later both in document order and sorted)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/18_duplicate_field_name.json");
}

fn main() {}
