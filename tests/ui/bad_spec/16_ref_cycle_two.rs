// A -> B -> A with no object in between: reported once, at the `$ref` of the cycle member that comes first (A is first both in document order and sorted)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/16_ref_cycle_two.json", strict = true);
}

fn main() {}
