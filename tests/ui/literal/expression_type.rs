fn main() {
    let _ = group_msg_types::tencent_im::send_group_msg::try_request!({ "GroupId": "g", "Random": String::from("1"), "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}] });
}
