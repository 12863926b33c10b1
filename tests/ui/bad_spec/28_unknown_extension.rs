// `x-` extensions are not ignored: only the documented ones are accepted
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/28_unknown_extension.json");
}

fn main() {}
