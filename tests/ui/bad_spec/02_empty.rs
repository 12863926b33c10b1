// empty file: a JSON syntax error (EOF at line 1 column 0)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/02_empty.json", strict = true);
}

fn main() {}
