// `request!` takes JSON values only: a Rust expression is an error that names `try_request!`,
// so a literal never silently turns into a `Result`.
fn main() {
    let random: u32 = 7;
    let _ = group_msg_types::tencent_im::send_group_msg::request!({ "GroupId": "g", "Random": random, "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}] });
}
