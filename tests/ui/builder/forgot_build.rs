// A builder is not the value it builds: serializing one (a forgotten `.build()`) says so.
use group_msg_types::tencent_im::send_group_msg::{MsgElement, SendGroupMsgRequest};

fn main() {
    let request = SendGroupMsgRequest::builder().group_id("@TGS#1").random(1).push_msg_body(MsgElement::text("hi"));
    let _ = serde_json::to_string(&request);
}
