fn main() {
    let _ = group_msg_types::qopen::send_msg_to_group::request!({
        "robot_id": "r", "group_id": "g", "msg_id": "m",
        "msg_list": [{"msg_num": 1, "msg_content": "a", "msg_content": "b", "msg_type": 1}]
    });
}
