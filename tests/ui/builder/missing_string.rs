// A required string field (`GroupId`) is never set: `build()` names it.
use group_msg_types::tencent_im::send_group_msg::{MsgElement, SendGroupMsgRequest};

fn main() {
    let _ = SendGroupMsgRequest::builder()
        .random(1)
        .push_msg_body(MsgElement::text("hi"))
        .build();
}
