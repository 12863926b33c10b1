// A required array (`MsgBody`) is neither set whole nor pushed onto.
use group_msg_types::tencent_im::send_group_msg::SendGroupMsgRequest;

fn main() {
    let _ = SendGroupMsgRequest::builder().group_id("@TGS#1").random(1).build();
}
