// qopen `msg_num` numbers the items of `msg_list` (`x-sequence`): the list's builder writes it,
// so the item's builder has no setter for it.
use group_msg_types::qopen::send_msg_to_group::MsgListItem;

fn main() {
    let _ = MsgListItem::builder().msg_num(1);
}
