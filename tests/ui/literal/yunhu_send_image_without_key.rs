fn main() {
    // bot/send shares batch_send's content types: an image needs `imageKey`.
    let _ = group_msg_types::yunhu::send::request!({ "recvId": "7058262", "recvType": "user", "contentType": "image", "content": {"imageUrl": "https://a/b.png"} });
}
