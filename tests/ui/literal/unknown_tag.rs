fn main() {
    let _ = group_msg_types::tencent_im::send_group_msg::request!({ "GroupId": "g", "Random": 1, "MsgBody": [{"MsgType": "TIMTextElm", "MsgContent": {"Text": "hi"}}] });
}
