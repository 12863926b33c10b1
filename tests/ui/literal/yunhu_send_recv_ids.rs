fn main() {
    // bot/send takes one `recvId`; batch_send's `recvIds` is refused at the key.
    let _ = group_msg_types::yunhu::send::request!({ "recvIds": ["1", "2"], "recvType": "group", "contentType": "text", "content": {"text": "hi"} });
}
