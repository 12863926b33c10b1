// cookie parameters are not supported
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/31_parameter_in_cookie.json", strict = true);
}

fn main() {}
