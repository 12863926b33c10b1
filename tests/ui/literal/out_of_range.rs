fn main() {
    let _ = group_msg_types::tencent_im::send_group_msg::request!({ "GroupId": "g", "Random": 4294967296, "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}] });
}
