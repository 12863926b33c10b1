// six document-level errors (a wrong version does not stop the rest from being checked)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/43_many_document_errors.json", strict = true);
}

fn main() {}
