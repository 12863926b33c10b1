// In `try_request!`, a union's tag must still be a literal.
fn main() {
    let tag = "TIMTextElem";
    let _ = group_msg_types::tencent_im::send_group_msg::try_request!({ "GroupId": "g", "Random": 1, "MsgBody": [{"MsgType": tag, "MsgContent": {"Text": "hi"}}] });
}
