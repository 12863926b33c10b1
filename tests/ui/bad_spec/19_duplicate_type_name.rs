// `FooBar` and `foo_bar` are both named `Thing` by `x-rust-name`; reported at the later one (later both in
// document order and sorted). Names derived from keys never clash: the later gets a number (`FooBar2`).
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/19_duplicate_type_name.json", strict = true);
}

fn main() {}
