// A field the spec fixes with `const` (`Download_Flag` is 2) is filled by the builder: no setter.
use group_msg_types::tencent_im::send_group_msg::TIMSoundElem;

fn main() {
    let _ = TIMSoundElem::builder().url("https://a/s.silk").uuid("u").download_flag(2);
}
