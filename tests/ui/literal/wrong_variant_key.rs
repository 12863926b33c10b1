fn main() {
    let _ = group_msg_types::yunhu::batch_send::request!({ "recvIds": ["1"], "recvType": "group", "contentType": "text", "content": {"imageKey": "k"} });
}
