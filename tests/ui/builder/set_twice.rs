// A required field is set once: a second call does not compile.
use group_msg_types::tencent_im::send_group_msg::SendGroupMsgRequest;

fn main() {
    let _ = SendGroupMsgRequest::builder().group_id("@TGS#1").random(1).group_id("@TGS#2");
}
