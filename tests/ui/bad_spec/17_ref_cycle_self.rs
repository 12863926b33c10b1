// A -> A: a schema that is only a `$ref` to itself
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/17_ref_cycle_self.json", root = "Root");
}

fn main() {}
