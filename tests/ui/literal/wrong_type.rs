fn main() {
    let _ = group_msg_types::upbot::send_group_message::request!({ "gid": "10123", "target_id": "10802", "l2_type": 1, "ts": 1, "nonce": "n" });
}
