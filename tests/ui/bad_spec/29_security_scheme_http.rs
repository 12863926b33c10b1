// only `apiKey` schemes are supported; `scheme` is not reported separately (it belongs to `http`)
mod spec {
    group_msg_macros::include_spec!("../../specs/bad/29_security_scheme_http.json", strict = true);
}

fn main() {}
