// an inline variant with an integer tag has nothing to name it: `title` is required
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/26_integer_tag_without_title.json", strict = true);
}

fn main() {}
