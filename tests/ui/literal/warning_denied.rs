// A literal the vendor accepts but partly ignores compiles with a warning at the ignored key;
// `deny(deprecated)` (or `-D warnings`) makes it fail, which is how this test shows the warning.
#![deny(deprecated)]
fn main() {
    let _ = group_msg_types::yunhu::batch_send::request!({ "recvIds": ["1"], "recvType": "user", "contentType": "text", "content": {"text": "hi", "buttons": [{"text": "复制", "actionType": 2, "value": "v", "url": ""}]} });
}
