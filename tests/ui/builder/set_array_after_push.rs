// Pushing an item sets a required array; setting it whole afterwards would drop the item.
use group_msg_types::tencent_im::send_group_msg::{MsgElement, SendGroupMsgRequest};

fn main() {
    let _ = SendGroupMsgRequest::builder()
        .push_msg_body(MsgElement::text("a"))
        .msg_body([MsgElement::text("b")]);
}
