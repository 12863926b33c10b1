// An unknown key of a response or callback keeps any JSON value; a number there must still be a
// finite f64.
fn response() {
    let _ = group_msg_types::tencent_im::send_group_msg::response!({ "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "Later": {"n": [1, 1e400]} });
}

fn callback() {
    let _ = group_msg_types::qopen::send_msg_to_group::callback!({ "event_type": 40001, "robot_id": "r", "group_id": "g", "msg_id": "m", "send_res": true, "msg_num": 1, "big": -1e400 });
}

fn main() {
    response();
    callback();
}
