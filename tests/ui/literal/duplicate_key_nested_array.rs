fn main() {
    let _ = group_msg_types::yunhu::batch_send::request!({
        "recvIds": ["1"], "recvType": "group", "contentType": "text",
        "content": {"text": "t", "buttons": [[{"text": "a", "actionType": 1, "url": "https://a", "url": "https://b"}]]}
    });
}
