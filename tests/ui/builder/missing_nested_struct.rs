// A required field of a struct type (`Root`) is never set; a nested builder missing its own
// required field (`UUID`) fails at its own `build()`.
use group_msg_tests::recursion_object::SendRequest;
use group_msg_types::tencent_im::send_group_msg::{SendGroupMsgRequest, TIMSoundElem};

fn main() {
    let _ = SendRequest::builder().build();
    let _ = SendGroupMsgRequest::builder()
        .group_id("@TGS#1")
        .random(1)
        .push_msg_body(TIMSoundElem::builder().url("https://a/s.silk").build());
}
