//! The hand-written baseline: the Tencent `send_group_msg` request as an experienced serde user
//! would write it by hand (derives, renames, `Option`s, an adjacently tagged element enum,
//! `deny_unknown_fields`) and a hand-written [`SendGroupMsgRequest::check`] of the spec's rules.
//! The benchmarks hold the generated code to this: the "ideal" code for the same job.
//!
//! Integer code fields (`OnlineOnlyFlag`, `PushFlag`, ...) are plain `u8`s whose values `check`
//! verifies, as hand-written code usually does without a `serde_repr`-like crate.

use serde::{Deserialize, Serialize};

/// Request body of `v4/group_open_http_svc/send_group_msg`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SendGroupMsgRequest {
    pub group_id: String,
    pub random: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_priority: Option<MsgPriority>,
    pub msg_body: Vec<MsgElement>,
    #[serde(rename = "From_Account", default, skip_serializing_if = "Option::is_none")]
    pub from_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline_push_info: Option<OfflinePushInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbid_callback_control: Option<Vec<ForbidCallbackControl>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_only_flag: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_msg_control: Option<Vec<SendMsgControl>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_custom_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_message_extension: Option<u8>,
    #[serde(rename = "To_Account", default, skip_serializing_if = "Option::is_none")]
    pub to_account: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_at_info: Option<Vec<GroupAtInfo>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MsgPriority {
    High,
    Normal,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ForbidCallbackControl {
    ForbidBeforeSendMsgCallback,
    ForbidAfterSendMsgCallback,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SendMsgControl {
    NoLastMsg,
    NoUnread,
    WithMuteNotifications,
}

/// One message element: `MsgType` selects the shape of `MsgContent`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "MsgType", content = "MsgContent", deny_unknown_fields)]
pub enum MsgElement {
    #[serde(rename = "TIMTextElem")]
    Text(TextElem),
    #[serde(rename = "TIMLocationElem")]
    Location(LocationElem),
    #[serde(rename = "TIMFaceElem")]
    Face(FaceElem),
    #[serde(rename = "TIMCustomElem")]
    Custom(CustomElem),
    #[serde(rename = "TIMSoundElem")]
    Sound(SoundElem),
    #[serde(rename = "TIMImageElem")]
    Image(ImageElem),
    #[serde(rename = "TIMFileElem")]
    File(FileElem),
    #[serde(rename = "TIMVideoFileElem")]
    VideoFile(VideoFileElem),
    #[serde(rename = "TIMRelayElem")]
    Relay(RelayElem),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct TextElem {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct LocationElem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct FaceElem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CustomElem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct SoundElem {
    pub url: String,
    #[serde(rename = "UUID")]
    pub uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second: Option<u64>,
    #[serde(rename = "Download_Flag")]
    pub download_flag: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ImageElem {
    #[serde(rename = "UUID")]
    pub uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_format: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_info_array: Option<Vec<ImageInfo>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ImageInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    pub width: u64,
    pub height: u64,
    #[serde(rename = "URL")]
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct FileElem {
    pub url: String,
    #[serde(rename = "UUID")]
    pub uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(rename = "Download_Flag")]
    pub download_flag: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct VideoFileElem {
    pub video_url: String,
    #[serde(rename = "VideoUUID")]
    pub video_uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_size: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_second: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_format: Option<String>,
    pub video_download_flag: u32,
    pub thumb_url: String,
    #[serde(rename = "ThumbUUID")]
    pub thumb_uuid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb_size: Option<u64>,
    pub thumb_width: u64,
    pub thumb_height: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb_format: Option<String>,
    pub thumb_download_flag: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RelayElem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_num: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compatible_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstract_list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_list: Option<Vec<RelayMsg>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_msg_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RelayMsg {
    #[serde(rename = "From_Account", default, skip_serializing_if = "Option::is_none")]
    pub from_account: Option<String>,
    #[serde(rename = "To_Account", default, skip_serializing_if = "Option::is_none")]
    pub to_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_random: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg_time_stamp: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_custom_data: Option<String>,
    pub msg_body: Vec<MsgElement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OfflinePushInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_flag: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub android_info: Option<AndroidInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apns_info: Option<ApnsInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AndroidInfo {
    #[serde(rename = "Sound", default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    #[serde(rename = "HuaWeiChannelID", default, skip_serializing_if = "Option::is_none")]
    pub huawei_channel_id: Option<String>,
    #[serde(rename = "XiaoMiChannelID", default, skip_serializing_if = "Option::is_none")]
    pub xiaomi_channel_id: Option<String>,
    #[serde(rename = "OPPOChannelID", default, skip_serializing_if = "Option::is_none")]
    pub oppo_channel_id: Option<String>,
    #[serde(rename = "GoogleChannelID", default, skip_serializing_if = "Option::is_none")]
    pub google_channel_id: Option<String>,
    #[serde(rename = "VIVOClassification", default, skip_serializing_if = "Option::is_none")]
    pub vivo_classification: Option<u8>,
    #[serde(rename = "HuaWeiImportance", default, skip_serializing_if = "Option::is_none")]
    pub huawei_importance: Option<HuaWeiImportance>,
    #[serde(rename = "ExtAsHuaweiIntentParam", default, skip_serializing_if = "Option::is_none")]
    pub ext_as_huawei_intent_param: Option<u8>,
    #[serde(rename = "HuaWeiCategory", default, skip_serializing_if = "Option::is_none")]
    pub huawei_category: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HuaWeiImportance {
    Low,
    Normal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ApnsInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge_mode: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutable_content: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupAtInfo {
    #[serde(rename = "GroupAtAllFlag")]
    pub group_at_all_flag: u8,
    #[serde(rename = "GroupAt_Account", default, skip_serializing_if = "Option::is_none")]
    pub group_at_account: Option<String>,
}

/// A broken rule: where (a JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub pointer: String,
    pub message: &'static str,
}

/// Collects violations; the pointer is only built when a rule is broken.
struct Report<'a> {
    out: &'a mut Vec<Violation>,
}

impl Report<'_> {
    fn fail(&mut self, pointer: impl FnOnce() -> String, message: &'static str) {
        self.out.push(Violation { pointer: pointer(), message });
    }
    fn flag(&mut self, value: Option<u8>, allowed: &[u8], pointer: impl FnOnce() -> String, message: &'static str) {
        if value.is_some_and(|v| !allowed.contains(&v)) {
            self.fail(pointer, message);
        }
    }
}

/// The UTF-8 bytes of `value`'s compact JSON, counted without keeping the text.
fn json_len<T: Serialize + ?Sized>(value: &T) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    match serde_json::to_writer(&mut c, value) {
        Ok(()) => c.0,
        Err(_) => usize::MAX,
    }
}

/// A Tencent ID (`GroupId`, a UserID): 1 to `max` printable ASCII characters (0x20-0x7e), the
/// spec's `minLength`, `maxLength` and `pattern: ^[\x20-\x7e]*$`, as a careful hand would write them.
fn check_id(r: &mut Report<'_>, at: impl Fn() -> String, id: &str, max: usize) {
    if id.is_empty() || id.len() > max || !id.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        r.fail(at, "an ID: 1 to 32 printable ASCII characters (a GroupId: 48)");
    }
}

impl SendGroupMsgRequest {
    /// Every rule of the spec that the types do not already enforce, each violation with its
    /// JSON pointer.
    pub fn check(&self) -> Result<(), Vec<Violation>> {
        let mut out = Vec::new();
        let mut r = Report { out: &mut out };
        // The ID rules the spec has since `686bdfb` (run 4's baseline predates them).
        check_id(&mut r, || "/GroupId".into(), &self.group_id, 48);
        if let Some(from) = &self.from_account {
            check_id(&mut r, || "/From_Account".into(), from, 32);
        }
        for (i, to) in self.to_account.iter().flatten().enumerate() {
            check_id(&mut r, || format!("/To_Account/{i}"), to, 32);
        }
        if self.msg_body.is_empty() {
            r.fail(|| "/MsgBody".into(), "at least one element");
        }
        if json_len(&self.msg_body) > 12_288 {
            r.fail(|| "/MsgBody".into(), "at most 12288 bytes of JSON");
        }
        if self.msg_body.iter().filter(|e| matches!(e, MsgElement::Custom(_))).count() > 1 {
            r.fail(|| "/MsgBody".into(), "at most one TIMCustomElem");
        }
        check_body(&mut r, &|| "/MsgBody".to_owned(), &self.msg_body);
        if let Some(p) = &self.offline_push_info {
            r.flag(p.push_flag, &[0, 1], || "/OfflinePushInfo/PushFlag".into(), "0 or 1");
            if let Some(a) = &p.android_info {
                let at = "/OfflinePushInfo/AndroidInfo";
                r.flag(a.vivo_classification, &[0, 1], || format!("{at}/VIVOClassification"), "0 or 1");
                r.flag(a.ext_as_huawei_intent_param, &[0, 1], || format!("{at}/ExtAsHuaweiIntentParam"), "0 or 1");
            }
            if let Some(a) = &p.apns_info {
                r.flag(a.badge_mode, &[0, 1], || "/OfflinePushInfo/ApnsInfo/BadgeMode".into(), "0 or 1");
                r.flag(a.mutable_content, &[0, 1], || "/OfflinePushInfo/ApnsInfo/MutableContent".into(), "0 or 1");
            }
        }
        r.flag(self.online_only_flag, &[0, 1], || "/OnlineOnlyFlag".into(), "0 or 1");
        r.flag(self.support_message_extension, &[0, 1], || "/SupportMessageExtension".into(), "0 or 1");
        if self.to_account.as_ref().is_some_and(|a| a.len() > 50) {
            r.fail(|| "/To_Account".into(), "at most 50 items");
        }
        if let Some(ats) = &self.group_at_info {
            if ats.len() > 30 {
                r.fail(|| "/GroupAtInfo".into(), "at most 30 items");
            }
            for (i, at) in ats.iter().enumerate() {
                r.flag(Some(at.group_at_all_flag), &[0, 1], || format!("/GroupAtInfo/{i}/GroupAtAllFlag"), "0 or 1");
                if let Some(account) = &at.group_at_account {
                    check_id(&mut r, || format!("/GroupAtInfo/{i}/GroupAt_Account"), account, 32);
                }
                if at.group_at_all_flag == 0 && at.group_at_account.is_none() {
                    r.fail(|| format!("/GroupAtInfo/{i}"), "GroupAt_Account is required when GroupAtAllFlag is 0");
                }
            }
        }
        if self.online_only_flag == Some(1) && self.send_msg_control.is_some() {
            r.fail(String::new, "SendMsgControl is not allowed when OnlineOnlyFlag is 1");
        }
        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }
}

fn check_body(r: &mut Report<'_>, at: &dyn Fn() -> String, body: &[MsgElement]) {
    for (i, element) in body.iter().enumerate() {
        let content = || format!("{}/{i}/MsgContent", at());
        match element {
            MsgElement::Sound(e) if e.download_flag != 2 => {
                r.fail(|| format!("{}/Download_Flag", content()), "must be 2");
            }
            MsgElement::File(e) if e.download_flag != 2 => {
                r.fail(|| format!("{}/Download_Flag", content()), "must be 2");
            }
            MsgElement::VideoFile(e) => {
                if e.video_download_flag != 2 {
                    r.fail(|| format!("{}/VideoDownloadFlag", content()), "must be 2");
                }
                if e.thumb_download_flag != 2 {
                    r.fail(|| format!("{}/ThumbDownloadFlag", content()), "must be 2");
                }
            }
            MsgElement::Image(e) => {
                r.flag(e.image_format, &[1, 2, 3, 4, 255], || format!("{}/ImageFormat", content()), "1-4 or 255");
                for (j, info) in e.image_info_array.iter().flatten().enumerate() {
                    r.flag(info.r#type, &[1, 2, 3], || format!("{}/ImageInfoArray/{j}/Type", content()), "1, 2 or 3");
                }
            }
            MsgElement::Relay(e) => {
                if e.msg_list.is_some() == e.json_msg_key.is_some() {
                    r.fail(content, "exactly one of MsgList and JsonMsgKey");
                }
                for (j, msg) in e.msg_list.iter().flatten().enumerate() {
                    let inner = || format!("{}/MsgList/{j}/MsgBody", content());
                    if msg.msg_body.is_empty() {
                        r.fail(inner, "at least one element");
                    }
                    check_body(r, &inner, &msg.msg_body);
                }
            }
            _ => {}
        }
    }
}
