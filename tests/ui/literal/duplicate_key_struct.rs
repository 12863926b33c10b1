fn main() {
    let _ = group_msg_types::tencent_im::send_group_msg::request!({
        "GroupId": "@TGS#1",
        "Random": 1,
        "GroupId": "@TGS#2",
        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]
    });
}
