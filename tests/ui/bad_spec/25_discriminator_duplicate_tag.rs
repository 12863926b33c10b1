// two variants use the tag value `TIMTextElem`; reported at the second
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/25_discriminator_duplicate_tag.json", strict = true);
}

fn main() {}
