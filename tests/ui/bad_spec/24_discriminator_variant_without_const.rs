// variant `Face` declares the tag without a `const`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/24_discriminator_variant_without_const.json", strict = true);
}

fn main() {}
