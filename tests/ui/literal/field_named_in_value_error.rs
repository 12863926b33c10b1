// An error on a value names its key, in JSON terms.
fn main() {
    let _ = group_msg_types::tencent_im::send_group_msg::request!({ "GroupId": "g", "Random": "8912345", "MsgPriority": "high", "MsgBody": [{"MsgType": "TIMFaceElem", "MsgContent": {"Index": -1}}] });
}
