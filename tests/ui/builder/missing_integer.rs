// A required integer field (`Random`) is never set.
use group_msg_types::tencent_im::send_group_msg::{MsgElement, SendGroupMsgRequest};

fn main() {
    let _ = SendGroupMsgRequest::builder()
        .group_id("@TGS#1")
        .msg_body([MsgElement::text("hi")])
        .build();
}
