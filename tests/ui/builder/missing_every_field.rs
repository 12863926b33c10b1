// Nothing set: one error per missing required field, each naming it.
use group_msg_types::tencent_im::send_group_msg::SendGroupMsgRequest;

fn main() {
    let _ = SendGroupMsgRequest::builder().build();
}
