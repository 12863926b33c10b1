// the requirement names a scheme missing from components.securitySchemes; the message should quote it
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/30_undefined_security_scheme.json", strict = true);
}

fn main() {}
