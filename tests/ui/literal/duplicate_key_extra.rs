fn main() {
    let _ = group_msg_types::yunhu::batch_send::response!({ "code": 1, "msg": "success", "later": 1, "later": 2 });
}
