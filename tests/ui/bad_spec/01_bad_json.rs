// JSON syntax error (trailing comma); the message carries serde_json's line/column
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/01_bad_json.json", strict = true);
}

fn main() {}
