fn main() {
    let _ = group_msg_types::tencent_im::send_group_msg::request!({ "GroupId": "g", "Random": 1, "MsgBody": [{"MsgType": "TIMFileElem", "MsgContent": {"Url": "https://a/f", "UUID": "u", "Download_Flag": 1}}] });
}
