// A literal's error is the only diagnostic: no `unreachable statement` warning after it.
#![deny(unreachable_code)]
fn main() {
    let request = group_msg_types::tencent_im::send_group_msg::request!({ "GroupId": "g", "Random": "1", "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}] });
    let text = format!("{request:?}");
    println!("{text}");
}
