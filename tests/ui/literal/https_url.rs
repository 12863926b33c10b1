fn main() {
    let _ = group_msg_types::upbot::send_group_message::request!({ "gid": 1, "target_id": "t", "l2_type": 1, "ts": 1, "nonce": "n", "body": {"link_to_msg": [{"type": 2, "website_ext": {"url": "http://www.example.com/"}}]} });
}
