// `Self` and `self` both become field `self_` (snake_case first, then the keyword suffix); reported at the later one (`self` sorts after `Self`)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/41_self_field_collision.json");
}

fn main() {}
