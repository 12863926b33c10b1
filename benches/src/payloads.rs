//! Deterministic payloads of every API: a small one (about 300 bytes), a large one (about 12 KB:
//! many elements, CJK text, emoji, JSON escapes and `\uXXXX` escapes), and an invalid one: the
//! large payload with two rules broken far apart, one near its start and one near its end.

use crate::json::{arr, int, obj, s, J};

/// Message text: CJK, emoji (outside the BMP), quotes, backslashes, newlines and tabs.
const PHRASES: &[&str] = &[
    "大家好，今晚八点在三楼会议室开会，请准时参加。",
    "红包已发出，先到先得！🧧 祝大家新年快乐",
    "这是一条包含\"引号\"和反斜杠\\的消息。",
    "第二季度报告：收入增长 12.5%，详见附件《季度总结》。",
    "周末团建地点：西湖边的茶馆，记得带伞☔。",
    "Line one\nLine two\t(tab) 路径 C:\\Users\\群\\file.txt",
    "表情测试 😀😃😄 与 English mixed 文本，混合排版。",
    "请各位同事在周五前提交周报，谢谢配合！",
];

/// About `chars` characters of message text, starting at phrase `seed`.
fn text(seed: usize, chars: usize) -> String {
    let mut out = String::new();
    let mut i = seed;
    while out.chars().count() < chars {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(PHRASES[i % PHRASES.len()]);
        i += 1;
    }
    out
}

/// The three payloads of one API, as JSON text.
#[derive(Debug, Clone)]
pub struct Payloads {
    /// About 300 bytes, valid.
    pub small: String,
    /// About 12 KB, valid.
    pub large: String,
    /// The large payload with exactly two rules broken, far apart.
    pub invalid: String,
}

// ---------------------------------------------------------------------------------------------
// Tencent Cloud IM `send_group_msg`

fn tim(kind: &str, content: J) -> J {
    obj([("MsgType", s(kind)), ("MsgContent", content)])
}

fn tim_text(seed: usize, chars: usize) -> J {
    tim("TIMTextElem", obj([("Text", s(text(seed, chars)))]))
}

/// Element `k` of a large message body: every element type but the custom and relay ones, which
/// appear once each.
fn tim_element(k: usize) -> J {
    let n = k as i64;
    match k % 9 {
        0 | 6 => tim_text(k, 60),
        1 => tim(
            "TIMSoundElem",
            obj([
                ("Url", s(format!("https://cdn.example.com/voice/{k}.silk"))),
                ("UUID", s(format!("5_voice_{k:04}"))),
                ("Size", int(4096 + n)),
                ("Second", int(5 + n % 50)),
                ("Download_Flag", int(2)),
            ]),
        ),
        2 => tim("TIMFaceElem", obj([("Index", int(n)), ("Data", s(format!("[笑脸]{k}")))])),
        3 => tim(
            "TIMLocationElem",
            obj([
                ("Desc", s(format!("深圳市南山区科技园 {k} 号"))),
                ("Latitude", J::Float((22_540 + n) as f64 / 1000.0)),
                ("Longitude", J::Float((113_940 + n) as f64 / 1000.0)),
            ]),
        ),
        4 => tim(
            "TIMImageElem",
            obj([
                ("UUID", s(format!("img_{k:04}"))),
                ("ImageFormat", int(1 + n % 4)),
                (
                    "ImageInfoArray",
                    arr((1..=3).map(|t| {
                        obj([
                            ("Type", int(t)),
                            ("Size", int(1_000 * t + n)),
                            ("Width", int(200 * t)),
                            ("Height", int(150 * t)),
                            ("URL", s(format!("https://img.example.com/{k}/{t}.jpg"))),
                        ])
                    })),
                ),
            ]),
        ),
        5 => tim(
            "TIMFileElem",
            obj([
                ("Url", s(format!("https://cdn.example.com/file/{k}.pdf"))),
                ("UUID", s(format!("file_{k:04}"))),
                ("FileSize", int(1_048_576 + n)),
                ("FileName", s(format!("季度报告_{k}.pdf"))),
                ("Download_Flag", int(2)),
            ]),
        ),
        7 => tim(
            "TIMVideoFileElem",
            obj([
                ("VideoUrl", s(format!("https://cdn.example.com/video/{k}.mp4"))),
                ("VideoUUID", s(format!("video_{k:04}"))),
                ("VideoSize", int(8_388_608 + n)),
                ("VideoSecond", int(30 + n)),
                ("VideoFormat", s("mp4")),
                ("VideoDownloadFlag", int(2)),
                ("ThumbUrl", s(format!("https://cdn.example.com/thumb/{k}.jpg"))),
                ("ThumbUUID", s(format!("thumb_{k:04}"))),
                ("ThumbSize", int(20_480 + n)),
                ("ThumbWidth", int(320)),
                ("ThumbHeight", int(240)),
                ("ThumbFormat", s("JPG")),
                ("ThumbDownloadFlag", int(2)),
            ]),
        ),
        _ => tim_text(k + 3, 40),
    }
}

fn tim_custom() -> J {
    tim(
        "TIMCustomElem",
        obj([
            ("Data", s(r#"{"type":"red_packet","amount":88.8,"memo":"恭喜发财，大吉大利"}"#)),
            ("Desc", s("[红包] 恭喜发财")),
            ("Ext", s(r#"{"scene":"group","v":2}"#)),
            ("Sound", s("dingdong.aiff")),
        ]),
    )
}

fn tim_relay() -> J {
    let msg = |i: i64| {
        obj([
            ("From_Account", s(format!("member_{i:02}"))),
            ("GroupId", s("@TGS#2C5SZEAEF")),
            ("MsgSeq", int(1_000 + i)),
            ("MsgRandom", int(12_345 + i)),
            ("MsgTimeStamp", int(1_700_000_000 + i)),
            ("MsgBody", arr([tim_text(i as usize, 30), tim("TIMFaceElem", obj([("Index", int(i))]))])),
        ])
    };
    tim(
        "TIMRelayElem",
        obj([
            ("Title", s("群聊的聊天记录")),
            ("MsgNum", int(2)),
            ("CompatibleText", s("您的版本不支持此类消息，请升级")),
            ("AbstractList", arr([s("member_01: 大家好"), s("member_02: 收到")])),
            ("MsgList", arr([msg(1), msg(2)])),
        ]),
    )
}

fn tencent_large() -> J {
    let mut body: Vec<J> = (0..37).map(tim_element).collect();
    body.insert(10, tim_custom());
    body.push(tim_relay());
    obj([
        ("GroupId", s("@TGS#2C5SZEAEF")),
        ("Random", int(3_912_345_678)),
        ("MsgPriority", s("High")),
        ("From_Account", s("leader_01")),
        ("MsgBody", J::Arr(body)),
        (
            "OfflinePushInfo",
            obj([
                ("PushFlag", int(0)),
                ("Title", s("群消息通知")),
                ("Desc", s("您有一条新的群消息，请及时查看")),
                ("Ext", s(r#"{"entity":{"k1":"v1","k2":"v2"}}"#)),
                (
                    "AndroidInfo",
                    obj([
                        ("Sound", s("android.mp3")),
                        ("HuaWeiChannelID", s("hw_channel")),
                        ("XiaoMiChannelID", s("mi_channel")),
                        ("OPPOChannelID", s("oppo_channel")),
                        ("GoogleChannelID", s("fcm_channel")),
                        ("VIVOClassification", int(1)),
                        ("HuaWeiImportance", s("NORMAL")),
                        ("ExtAsHuaweiIntentParam", int(1)),
                        ("HuaWeiCategory", s("IM")),
                    ]),
                ),
                (
                    "ApnsInfo",
                    obj([
                        ("Sound", s("apns.mp3")),
                        ("BadgeMode", int(1)),
                        ("Title", s("群聊")),
                        ("SubTitle", s("新消息")),
                        ("Image", s("https://img.example.com/push.png")),
                        ("MutableContent", int(1)),
                    ]),
                ),
            ]),
        ),
        ("ForbidCallbackControl", arr([s("ForbidBeforeSendMsgCallback"), s("ForbidAfterSendMsgCallback")])),
        ("SendMsgControl", arr([s("NoLastMsg"), s("NoUnread")])),
        ("CloudCustomData", s(r#"{"source":"bench","tags":["群","消息"],"path":"C:\\tmp"}"#)),
        ("SupportMessageExtension", int(1)),
        ("To_Account", arr((0..50).map(|i| s(format!("member_{i:02}"))))),
        ("TopicId", s("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic")),
        (
            "GroupAtInfo",
            arr(std::iter::once(obj([("GroupAtAllFlag", int(1))])).chain(
                (1..30).map(|i| obj([("GroupAtAllFlag", int(0)), ("GroupAt_Account", s(format!("member_{i:02}")))])),
            )),
        ),
    ])
}

/// The large Tencent request as a value, for variants (sorted keys) of it.
pub fn tencent_large_value() -> J {
    tencent_large()
}

/// Tencent Cloud IM `send_group_msg` requests. The large one stays valid: its `MsgBody` is at
/// most 12288 bytes of compact JSON. The invalid one has a voice element with `Download_Flag` 1
/// (must be 2) as the second element, and a last `GroupAtInfo` entry that @s one member without
/// naming them (`GroupAt_Account` is required when `GroupAtAllFlag` is 0).
pub fn tencent() -> Payloads {
    let small = obj([
        ("GroupId", s("@TGS#2C5SZEAEF")),
        ("Random", int(8_912_345)),
        ("MsgPriority", s("Normal")),
        ("From_Account", s("leader_01")),
        ("MsgBody", arr([tim_text(1, 12), tim("TIMFaceElem", obj([("Index", int(1)), ("Data", s("[微笑]"))]))])),
    ]);
    let large = tencent_large();
    let mut invalid = large.clone();
    invalid.at("MsgBody").item(1).at("MsgContent").set("Download_Flag", int(1));
    invalid.at("GroupAtInfo").item(-1).remove("GroupAt_Account");
    Payloads { small: small.render(), large: large.render(), invalid: invalid.render() }
}

// ---------------------------------------------------------------------------------------------
// YunHu `batch_send`

fn button(k: usize) -> J {
    match k % 3 {
        0 => obj([
            ("text", s(format!("打开链接 {k}"))),
            ("actionType", int(1)),
            ("url", s(format!("https://www.example.com/p/{k}"))),
        ]),
        1 => obj([("text", s(format!("复制 {k}"))), ("actionType", int(2)), ("value", s(format!("复制的内容 {k}")))]),
        _ => obj([("text", s(format!("汇报 {k}"))), ("actionType", int(3)), ("value", s(format!("report-{k}")))]),
    }
}

/// YunHu `batch_send` requests. The invalid payload's first id is a number, not a string (at its
/// start), and its last button is a link button without its `url` (at its end); the generated
/// types reject both as shape errors while parsing, and stop at the first. (More than 200 ids,
/// the break of earlier runs, is only a warning now: the vendor documents no limit.)
pub fn yunhu() -> Payloads {
    let small = obj([
        ("recvIds", arr([s("307149245"), s("665344168")])),
        ("recvType", s("group")),
        ("contentType", s("text")),
        ("content", obj([("text", s(text(0, 12))), ("buttons", arr([arr([button(1), button(0)])]))])),
    ]);
    let markdown: String = (0..20).map(|i| format!("## 第{i}节\n\n{}\n\n", text(i, 120))).collect();
    let large = obj([
        ("recvIds", arr((0..200).map(|i| s(format!("{}", 307_149_245 + i * 7_919))))),
        ("recvType", s("group")),
        ("contentType", s("markdown")),
        (
            "content",
            obj([("text", s(markdown)), ("buttons", arr((0..6).map(|r| arr((0..3).map(|c| button(r * 3 + c))))))]),
        ),
    ]);
    let mut invalid = large.clone();
    *invalid.at("recvIds").item(0) = int(307_149_245);
    // The last button of the last row: a link button (actionType 1) whose `url` is missing.
    let last = invalid.at("content").at("buttons").item(-1).item(-1);
    *last = obj([("text", s("打开链接")), ("actionType", int(1))]);
    Payloads { small: small.render(), large: large.render(), invalid: invalid.render() }
}

// ---------------------------------------------------------------------------------------------
// upbot (NOKNOK) `SendGroupMessage`

fn link(k: usize) -> J {
    let gid = int(10_000 + k as i64);
    let bot = int(100_000_000 + k as i64);
    let name = s(format!("跳转 {k}"));
    match k % 5 {
        0 => obj([
            ("type", int(1)),
            ("display_name", name),
            ("channel_ext", obj([("gid", gid), ("cid", s(format!("{}", 10_088 + k)))])),
        ]),
        1 => obj([
            ("type", int(2)),
            ("display_name", name),
            ("website_ext", obj([("url", s(format!("https://www.example.com/article/{k}?from=group")))])),
        ]),
        2 => obj([("type", int(3)), ("display_name", name), ("botconf_ext", obj([("gid", gid), ("bot_id", bot)]))]),
        3 => obj([
            ("type", int(5)),
            ("display_name", name),
            ("h5_ext", obj([("gid", gid), ("bot_id", bot), ("url", s(format!("https://h5.example.com/app/{k}")))])),
        ]),
        _ => obj([
            ("type", int(6)),
            ("display_name", name),
            (
                "botcustom_ext",
                obj([
                    ("gid", gid),
                    ("bot_id", bot),
                    ("params", s(format!(r#"{{"gid":{k},"botId":"1000000{k}","名":"值"}}"#))),
                ]),
            ),
        ]),
    }
}

fn video(k: usize) -> J {
    let n = k as i64;
    obj([
        ("video_url", s(format!("https://cdn.example.com/video/{k}.mp4"))),
        ("video_size", int(54_100 + n)),
        ("video_second", int(36 + n)),
        ("video_format", s("mp4")),
        ("thumb_url", s(format!("https://cdn.example.com/thumb/{k}.jpg"))),
        ("thumb_size", int(4_096 + n)),
        ("thumb_width", int(80)),
        ("thumb_height", int(60)),
        ("thumb_format", s("JPG")),
        ("video_width", int(400)),
        ("video_height", int(100)),
    ])
}

fn picture(k: usize) -> J {
    obj([
        ("uuid", s(format!("abc3788c-cf7c-447c-baae-30f38249c{k:03}"))),
        ("image_format", int(1)),
        (
            "image_info_array",
            arr((1..=2).map(|t| {
                obj([
                    ("url", s(format!("https://www.example.com/image/{k}_{t}.jpg"))),
                    ("type", int(t)),
                    ("size", int(4_301 * t)),
                    ("width", int(400)),
                    ("height", int(300)),
                    ("md5sum", s("03c7c0ace395d80182db07ae2c30f034")),
                ])
            })),
        ),
    ])
}

/// upbot `SendGroupMessage` requests. The invalid one @s some members without listing them
/// (`at_uid_list` is required when `at_type` is 1: the first key of its body) and links its last
/// `link_to_msg` entry to an `http://` site (must be `https-uri`: the end of the payload).
pub fn upbot() -> Payloads {
    let small = obj([
        ("gid", int(10_123)),
        ("target_id", s("10802")),
        ("l2_type", int(1)),
        ("l3_types", arr([int(3)])),
        ("ts", int(1_700_000_000)),
        ("nonce", s("a1b2c3d4")),
        (
            "body",
            obj([
                ("at_msg", obj([("at_type", int(1)), ("at_uid_list", arr([int(10_000_086)]))])),
                ("content", s(text(1, 30))),
            ]),
        ),
    ]);
    let large = obj([
        ("gid", int(10_123)),
        ("target_id", s("10802")),
        ("l2_type", int(12)),
        ("l3_types", arr([int(1), int(3), int(4)])),
        ("ts", int(1_700_000_000)),
        ("nonce", s("5f2b8c1e-9d7a-4c3b-8e6f-1a2b3c4d5e6f")),
        (
            "body",
            obj([
                ("at_msg", obj([("at_type", int(1)), ("at_uid_list", arr((0..40).map(|i| int(10_000_086 + i))))])),
                ("content", s(text(3, 1500))),
                ("video_info", arr((0..6).map(video))),
                ("pic_info", arr((0..6).map(picture))),
                (
                    "reply_msg",
                    obj([
                        ("uid_replied", int(10_000_086)),
                        ("content", s("[图片] 回复\"原消息\"")),
                        ("msg_seq", int(200_002_121_210_000_086)),
                        ("msg_id", s("03c7c0ace395d80182db07ae2c30f034")),
                    ]),
                ),
                (
                    "mixed_msg",
                    obj([("msg_item_list", arr([1, 3, 2, 1, 3, 1, 2, 1].map(|t| obj([("l2_type", int(t))]))))]),
                ),
                ("bot_data", obj([("cmd_id", int(10_000_086))])),
                ("link_to_msg", arr((0..27).map(link))),
            ]),
        ),
    ]);
    let mut invalid = large.clone();
    invalid.at("body").at("at_msg").remove("at_uid_list");
    *invalid.at("body").at("link_to_msg").item(-1) = obj([
        ("type", int(2)),
        ("display_name", s("不安全的链接")),
        ("website_ext", obj([("url", s("http://www.example.com/insecure"))])),
    ]);
    Payloads { small: small.render(), large: large.render(), invalid: invalid.render() }
}

// ---------------------------------------------------------------------------------------------
// qopen (WeCom robot gateway) `send_msg_to_group`

fn qopen_item(k: usize) -> J {
    let num = int(k as i64 + 1);
    match k % 5 {
        0 => obj([
            ("msg_num", num),
            ("msg_type", int(1)),
            ("msg_content", s(text(k, 520))),
            ("at_location", int(1)),
            ("at", int(2)),
            ("at_contact_id_list", arr((0..4).map(|i| s(format!("wm_contact_{k}_{i}"))))),
        ]),
        1 => obj([
            ("msg_num", num),
            ("msg_type", int(2)),
            ("msg_content", s(format!("https://img.example.com/cover/{k}.png"))),
            ("href", s(format!("https://www.example.com/news/{k}"))),
            ("title", s(format!("图文链接标题 {k}"))),
            ("desc", s(text(k, 150))),
        ]),
        2 => obj([
            ("msg_num", num),
            ("msg_type", int(3)),
            ("msg_content", s(format!("https://img.example.com/{k}.png"))),
        ]),
        3 => obj([
            ("msg_num", num),
            ("msg_type", int(5)),
            ("msg_content", s(format!("https://cdn.example.com/voice/{k}.amr"))),
            ("voice_time", int(5 + k as i64)),
        ]),
        _ => obj([
            ("msg_num", num),
            ("msg_type", int(17)),
            ("msg_content", s(text(k + 1, 80))),
            ("ats", arr((0..4).map(|i| obj([("type", int(i % 2)), ("value", s(format!("客户编号{k}-{i}")))])))),
        ]),
    }
}

/// qopen `send_msg_to_group` requests. The invalid one's first item is an @-text message with an
/// empty `ats` (at least one), and its last item @s chosen contacts (`at` 2) without listing them
/// (`at_contact_id_list` is then required).
pub fn qopen() -> Payloads {
    let small = obj([
        ("robot_id", s("wxid_robot_01")),
        ("group_id", s("R:10696052312456")),
        ("msg_id", s("msg-0001")),
        ("dead_line", int(1_700_000_000)),
        (
            "msg_list",
            arr([obj([
                ("msg_num", int(1)),
                ("msg_type", int(1)),
                ("msg_content", s(text(0, 30))),
                ("at_location", int(1)),
                ("at", int(1)),
            ])]),
        ),
    ]);
    let large = obj([
        ("robot_id", s("wxid_robot_01")),
        ("group_id", s("R:10696052312456")),
        ("msg_id", s("msg-0002-5f2b8c1e")),
        ("dead_line", int(1_700_000_000)),
        ("msg_list", arr((0..20).map(qopen_item))),
    ]);
    let mut invalid = large.clone();
    let first = invalid.at("msg_list").item(0);
    first.set("msg_type", int(17));
    for key in ["at_location", "at", "at_contact_id_list"] {
        first.remove(key);
    }
    first.set("ats", arr([]));
    *invalid.at("msg_list").item(-1) =
        obj([("msg_num", int(20)), ("msg_type", int(1)), ("msg_content", s(text(5, 40))), ("at", int(2))]);
    Payloads { small: small.render(), large: large.render(), invalid: invalid.render() }
}
