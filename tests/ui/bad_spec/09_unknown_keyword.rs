// typo `maxItem` for `maxItems`
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/09_unknown_keyword.json", strict = true);
}

fn main() {}
