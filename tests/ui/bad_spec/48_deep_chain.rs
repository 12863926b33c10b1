// 140 schemas each owning the next: past what rustc can check
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/48_deep_chain.json", strict = true);
}

fn main() {}
