// The tagged part of an object (`contentType` + `content`) is required like a field, and so is
// the tag of a struct-variant union (qopen `msg_type`).
use group_msg_types::qopen::send_msg_to_group::MsgListItem;
use group_msg_types::yunhu::batch_send::{BatchSendRequest, RecvType};

fn main() {
    let _ = BatchSendRequest::builder().recv_ids(["1"]).recv_type(RecvType::Group).build();
    let _ = MsgListItem::builder().build();
}
