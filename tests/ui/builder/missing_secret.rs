// The credential of the query string (`usersig`, a secret) is required like any other field.
use group_msg_types::tencent_im::send_group_msg::QueryParams;

fn main() {
    let _ = QueryParams::builder().sdkappid(1400000000).identifier("admin").random(7).build();
}
