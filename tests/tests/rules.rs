//! Every documented rule of every API (DOMAIN.md and the specs), each at its limit (accepted by
//! `from_json`) and one step past it (refused with the exact pointer and rule, or with a shape
//! error where the type system already refuses the value).

use group_msg_types::runtime::{Error, ParseError, Rule, Violation};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde_json::{json, Value};

/// What `from_json` must say about a payload.
enum Want {
    Ok,
    /// A shape error at `pointer` whose message contains the text.
    Shape(&'static str, &'static str),
    /// Exactly these violations (in any order).
    Broken(Vec<Expect>),
    /// Accepted, with exactly these warnings (in any order): the vendor ignores what they point
    /// at, or only an SDK limits it.
    Warned(Vec<Expect>),
}

/// One expected violation; `conditional` rules must say why they applied (`because`).
struct Expect {
    pointer: String,
    rule: Rule,
    conditional: bool,
}

fn at(pointer: &str, rule: Rule) -> Expect {
    Expect { pointer: pointer.to_owned(), rule, conditional: false }
}

fn when(pointer: &str, rule: Rule) -> Expect {
    Expect { pointer: pointer.to_owned(), rule, conditional: true }
}

fn broken(one: Expect) -> Want {
    Want::Broken(vec![one])
}

/// `from_json`, returning the warnings of an accepted value.
type Parse = fn(&str) -> Result<Vec<Violation>, Error>;

fn parse<T: serde::de::DeserializeOwned + group_msg_types::runtime::Validate>(
    text: &str,
) -> Result<Vec<Violation>, Error> {
    group_msg_types::runtime::parse_with_warnings::<T>(text).map(|(_, w)| w.0)
}

const TENCENT: Parse = parse::<tencent_im::send_group_msg::Request>;
const YUNHU: Parse = parse::<yunhu::batch_send::Request>;
const UPBOT: Parse = parse::<upbot::send_group_message::Request>;
const QOPEN: Parse = parse::<qopen::send_msg_to_group::Request>;
const TENCENT_RESPONSE: Parse = parse::<tencent_im::send_group_msg::Response>;
const YUNHU_RESPONSE: Parse = parse::<yunhu::batch_send::Response>;
const UPBOT_RESPONSE: Parse = parse::<upbot::send_group_message::Response>;
const QOPEN_RESPONSE: Parse = parse::<qopen::send_msg_to_group::Response>;
const QOPEN_CALLBACK: Parse = parse::<qopen::send_msg_to_group::Callback>;

/// `JsonString` carries the parser's message: any message matches an expected empty one.
fn rule_matches(got: &Rule, want: &Rule) -> bool {
    match (got, want) {
        (Rule::JsonString { .. }, Rule::JsonString { error }) if error.is_empty() => true,
        _ => got == want,
    }
}

fn matches(got: &Violation, want: &Expect) -> bool {
    got.pointer == want.pointer && rule_matches(&got.rule, &want.rule) && got.because.is_some() == want.conditional
}

/// Runs every case and reports every failure at once.
fn check(cases: Vec<(&str, Parse, Value, Want)>) {
    let mut failures = Vec::new();
    let n = cases.len();
    for (name, parse, payload, want) in cases {
        let text = payload.to_string();
        let got = parse(&text);
        let ok = match (&want, &got) {
            (Want::Ok, Ok(w)) => w.is_empty(),
            (Want::Warned(expected), Ok(v)) => {
                v.len() == expected.len()
                    && v.iter().all(Violation::is_warning)
                    && expected.iter().all(|e| v.iter().any(|g| matches(g, e)))
                    && v.iter().all(|g| expected.iter().any(|e| matches(g, e)))
            }
            (Want::Shape(pointer, text), Err(Error::Parse(ParseError::Shape { pointer: p, message }))) => {
                p == pointer && message.contains(text)
            }
            (Want::Broken(expected), Err(Error::Rules(v))) => {
                v.len() == expected.len()
                    && expected.iter().all(|e| v.iter().any(|g| matches(g, e)))
                    && v.iter().all(|g| expected.iter().any(|e| matches(g, e)))
            }
            _ => false,
        };
        if !ok {
            let want = match &want {
                Want::Ok => "Ok".to_owned(),
                Want::Shape(p, t) => format!("shape error at {p:?} containing {t:?}"),
                Want::Broken(v) | Want::Warned(v) => v
                    .iter()
                    .map(|e| format!("{} {:?}{}", e.pointer, e.rule, if e.conditional { " (because ...)" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            let list = |v: &[Violation]| {
                v.iter()
                    .map(|g| format!("{} {:?} {:?} because {:?}", g.pointer, g.severity, g.rule, g.because))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let got = match &got {
                Err(Error::Rules(v)) => list(&v.0),
                Ok(v) if !v.is_empty() => list(v),
                other => format!("{other:?}"),
            };
            failures.push(format!("{name}:\n    want {want}\n    got  {got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {n} cases failed:\n{}", failures.len(), failures.join("\n"));
}

/// `n` CJK characters: 3 UTF-8 bytes each, so counting bytes instead of characters shows.
fn cjk(n: usize) -> String {
    "群".repeat(n)
}

/// `base` with the value at `pointer` set (the parent must exist).
fn with(mut base: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let slot = base.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match slot {
        Value::Object(m) => {
            m.insert(key.to_owned(), value);
        }
        Value::Array(a) => {
            let i: usize = key.parse().unwrap();
            if i == a.len() {
                a.push(value)
            } else {
                a[i] = value
            }
        }
        _ => panic!("{parent} is not a container"),
    }
    base
}

/// `base` without the key at `pointer`.
fn without(mut base: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    base.pointer_mut(parent).unwrap().as_object_mut().unwrap().shift_remove(key);
    base
}

// ---------------------------------------------------------------------------------------------
// Tencent Cloud IM

fn t_base() -> Value {
    json!({"GroupId": "@TGS#2C5SZEAEF", "Random": 1, "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]})
}

fn t_body(elements: Vec<Value>) -> Value {
    with(t_base(), "/MsgBody", json!(elements))
}

fn text(t: &str) -> Value {
    json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": t}})
}

fn custom() -> Value {
    json!({"MsgType": "TIMCustomElem", "MsgContent": {"Data": "d"}})
}

/// A text element whose `MsgBody` `[element]` is exactly `bytes` bytes of compact JSON.
fn body_of_bytes(bytes: usize) -> Value {
    let empty = serde_json::to_string(&json!([text("")])).unwrap().len();
    let need = bytes - empty;
    let t = format!("{}{}", cjk(need / 3), "a".repeat(need % 3));
    let body = json!([text(&t)]);
    assert_eq!(serde_json::to_string(&body).unwrap().len(), bytes);
    body
}

fn sound(flag: Value) -> Value {
    json!({"MsgType": "TIMSoundElem", "MsgContent": {"Url": "https://a/s.silk", "UUID": "u", "Size": 1, "Second": 1, "Download_Flag": flag}})
}

fn file(flag: Value) -> Value {
    json!({"MsgType": "TIMFileElem", "MsgContent": {"Url": "https://a/f", "UUID": "u", "Download_Flag": flag}})
}

fn video(video_flag: u32, thumb_flag: u32) -> Value {
    json!({"MsgType": "TIMVideoFileElem", "MsgContent": {"VideoUrl": "https://a/v", "VideoUUID": "v", "VideoDownloadFlag": video_flag,
        "ThumbUrl": "https://a/t", "ThumbUUID": "t", "ThumbWidth": 1, "ThumbHeight": 1, "ThumbDownloadFlag": thumb_flag}})
}

fn relay(content: Value) -> Value {
    json!({"MsgType": "TIMRelayElem", "MsgContent": content})
}

fn accounts(n: usize) -> Value {
    json!((0..n).map(|i| format!("user{i}")).collect::<Vec<_>>())
}

fn mentions(n: usize) -> Value {
    json!((0..n).map(|i| json!({"GroupAtAllFlag": 0, "GroupAt_Account": format!("user{i}")})).collect::<Vec<_>>())
}

#[test]
fn tencent_rules() {
    let b = t_base;
    let limit_bytes = 12288;
    check(vec![
        // Required fields.
        ("GroupId required", TENCENT, without(b(), "/GroupId"), Want::Shape("", "missing field `GroupId`")),
        ("Random required", TENCENT, without(b(), "/Random"), Want::Shape("", "missing field `Random`")),
        ("MsgBody required", TENCENT, without(b(), "/MsgBody"), Want::Shape("", "missing field `MsgBody`")),
        ("unknown key", TENCENT, with(b(), "/GroupID", json!("g")), Want::Shape("", "unknown field `GroupID`")),
        // Random: u32.
        ("Random 0", TENCENT, with(b(), "/Random", json!(0)), Want::Ok),
        ("Random u32::MAX", TENCENT, with(b(), "/Random", json!(4294967295u64)), Want::Ok),
        (
            "Random u32::MAX + 1",
            TENCENT,
            with(b(), "/Random", json!(4294967296u64)),
            Want::Shape("/Random", "4294967296"),
        ),
        ("Random -1", TENCENT, with(b(), "/Random", json!(-1)), Want::Shape("/Random", "-1")),
        (
            "Random as a string",
            TENCENT,
            with(b(), "/Random", json!("1")),
            Want::Shape("/Random", "invalid type: string"),
        ),
        // Enums, case-sensitive.
        ("MsgPriority High", TENCENT, with(b(), "/MsgPriority", json!("High")), Want::Ok),
        ("MsgPriority Normal", TENCENT, with(b(), "/MsgPriority", json!("Normal")), Want::Ok),
        ("MsgPriority Low", TENCENT, with(b(), "/MsgPriority", json!("Low")), Want::Ok),
        ("MsgPriority high", TENCENT, with(b(), "/MsgPriority", json!("high")), Want::Shape("/MsgPriority", "high")),
        (
            "SendMsgControl every option",
            TENCENT,
            with(b(), "/SendMsgControl", json!(["NoLastMsg", "NoUnread", "WithMuteNotifications"])),
            Want::Ok,
        ),
        (
            "SendMsgControl NoLastmsg",
            TENCENT,
            with(b(), "/SendMsgControl", json!(["NoLastmsg"])),
            Want::Shape("/SendMsgControl/0", "NoLastmsg"),
        ),
        (
            "ForbidCallbackControl both",
            TENCENT,
            with(b(), "/ForbidCallbackControl", json!(["ForbidBeforeSendMsgCallback", "ForbidAfterSendMsgCallback"])),
            Want::Ok,
        ),
        (
            "ForbidCallbackControl unknown",
            TENCENT,
            with(b(), "/ForbidCallbackControl", json!(["ForbidCallback"])),
            Want::Shape("/ForbidCallbackControl/0", "ForbidCallback"),
        ),
        // OnlineOnlyFlag: any integer >= 0 ("只要值大于0" means online only).
        ("OnlineOnlyFlag 2", TENCENT, with(b(), "/OnlineOnlyFlag", json!(2)), Want::Ok),
        ("OnlineOnlyFlag -1", TENCENT, with(b(), "/OnlineOnlyFlag", json!(-1)), Want::Shape("/OnlineOnlyFlag", "-1")),
        ("SupportMessageExtension 1", TENCENT, with(b(), "/SupportMessageExtension", json!(1)), Want::Ok),
        (
            "SupportMessageExtension 2",
            TENCENT,
            with(b(), "/SupportMessageExtension", json!(2)),
            Want::Shape("/SupportMessageExtension", "2"),
        ),
        (
            "HuaWeiImportance LOW",
            TENCENT,
            with(b(), "/OfflinePushInfo", json!({"AndroidInfo": {"HuaWeiImportance": "LOW", "VIVOClassification": 1}})),
            Want::Ok,
        ),
        (
            "HuaWeiImportance low",
            TENCENT,
            with(b(), "/OfflinePushInfo", json!({"AndroidInfo": {"HuaWeiImportance": "low"}})),
            Want::Shape("/OfflinePushInfo/AndroidInfo/HuaWeiImportance", "low"),
        ),
        (
            "VIVOClassification as a string (the PHP SDK's mistake)",
            TENCENT,
            with(b(), "/OfflinePushInfo", json!({"AndroidInfo": {"VIVOClassification": "1"}})),
            Want::Shape("/OfflinePushInfo/AndroidInfo/VIVOClassification", "invalid type: string"),
        ),
        (
            "XiaomiChannelID (an SDK misspelling)",
            TENCENT,
            with(b(), "/OfflinePushInfo", json!({"AndroidInfo": {"XiaomiChannelID": "x"}})),
            Want::Shape("/OfflinePushInfo/AndroidInfo", "unknown field `XiaomiChannelID`"),
        ),
        (
            "BadgeMode 2",
            TENCENT,
            with(b(), "/OfflinePushInfo", json!({"ApnsInfo": {"BadgeMode": 2}})),
            Want::Shape("/OfflinePushInfo/ApnsInfo/BadgeMode", "2"),
        ),
        ("PushFlag 1", TENCENT, with(b(), "/OfflinePushInfo", json!({"PushFlag": 1})), Want::Ok),
        (
            "PushFlag 2",
            TENCENT,
            with(b(), "/OfflinePushInfo", json!({"PushFlag": 2})),
            Want::Shape("/OfflinePushInfo/PushFlag", "2"),
        ),
        // MsgBody: 1 or more elements.
        ("MsgBody 1 element", TENCENT, t_body(vec![text("a")]), Want::Ok),
        ("MsgBody empty", TENCENT, t_body(vec![]), broken(at("/MsgBody", Rule::MinItems { limit: 1, actual: 0 }))),
        // MsgBody: at most 12288 bytes of compact JSON (bytes, not characters: CJK are 3 bytes).
        ("MsgBody 12288 bytes", TENCENT, with(b(), "/MsgBody", body_of_bytes(limit_bytes)), Want::Ok),
        (
            "MsgBody 12289 bytes",
            TENCENT,
            with(b(), "/MsgBody", body_of_bytes(limit_bytes + 1)),
            broken(at("/MsgBody", Rule::MaxBytes { limit: 12288, actual: 12289 })),
        ),
        (
            "MsgBody 12288 bytes in two elements",
            TENCENT,
            with(b(), "/MsgBody", {
                let second = serde_json::to_string(&text("a")).unwrap().len() + 1;
                let mut body = body_of_bytes(limit_bytes - second);
                body.as_array_mut().unwrap().push(text("a"));
                assert_eq!(serde_json::to_string(&body).unwrap().len(), limit_bytes);
                body
            }),
            Want::Ok,
        ),
        // The count is of the JSON our types write (what goes out when the value is sent): a
        // `number` field holding 22 is written `22.0`, so a body that is 12288 bytes as received
        // with an integer `Latitude` is 12292 bytes as sent (specs/README.md, `x-max-bytes`).
        (
            "MsgBody 12288 bytes with an integer Latitude, 12292 as our types write it",
            TENCENT,
            with(b(), "/MsgBody", {
                let location = json!({"MsgType": "TIMLocationElem", "MsgContent": {"Latitude": 22, "Longitude": 113}});
                let second = serde_json::to_string(&location).unwrap().len() + 1;
                let mut body = body_of_bytes(limit_bytes - second);
                body.as_array_mut().unwrap().push(location);
                assert_eq!(serde_json::to_string(&body).unwrap().len(), limit_bytes);
                body
            }),
            broken(at("/MsgBody", Rule::MaxBytes { limit: 12288, actual: 12292 })),
        ),
        // At most one TIMCustomElem.
        ("one TIMCustomElem", TENCENT, t_body(vec![text("a"), custom()]), Want::Ok),
        (
            "two TIMCustomElem",
            TENCENT,
            t_body(vec![custom(), text("a"), custom()]),
            broken(at("/MsgBody", Rule::MaxContains { limit: 1, actual: 2 })),
        ),
        (
            "two TIMCustomElem inside a relay (the rule is on the top-level body)",
            TENCENT,
            t_body(vec![relay(json!({"MsgList": [{"MsgBody": [custom(), custom()]}]}))]),
            Want::Ok,
        ),
        // To_Account: at most 50.
        ("To_Account 50", TENCENT, with(b(), "/To_Account", accounts(50)), Want::Ok),
        (
            "To_Account 51",
            TENCENT,
            with(b(), "/To_Account", accounts(51)),
            broken(at("/To_Account", Rule::MaxItems { limit: 50, actual: 51 })),
        ),
        // GroupAtInfo: at most 30; flag 0 needs the account.
        ("GroupAtInfo 30", TENCENT, with(b(), "/GroupAtInfo", mentions(30)), Want::Ok),
        (
            "GroupAtInfo 31",
            TENCENT,
            with(b(), "/GroupAtInfo", mentions(31)),
            broken(at("/GroupAtInfo", Rule::MaxItems { limit: 30, actual: 31 })),
        ),
        ("@all without account", TENCENT, with(b(), "/GroupAtInfo", json!([{"GroupAtAllFlag": 1}])), Want::Ok),
        (
            "@member without account",
            TENCENT,
            with(b(), "/GroupAtInfo", json!([{"GroupAtAllFlag": 1}, {"GroupAtAllFlag": 0}])),
            broken(when("/GroupAtInfo/1", Rule::Required { key: "GroupAt_Account" })),
        ),
        (
            "GroupAtAllFlag 2",
            TENCENT,
            with(b(), "/GroupAtInfo", json!([{"GroupAtAllFlag": 2, "GroupAt_Account": "a"}])),
            Want::Shape("/GroupAtInfo/0/GroupAtAllFlag", "2"),
        ),
        (
            "GroupAtInfo without flag",
            TENCENT,
            with(b(), "/GroupAtInfo", json!([{"GroupAt_Account": "a"}])),
            Want::Shape("/GroupAtInfo/0", "missing field `GroupAtAllFlag`"),
        ),
        // SendMsgControl is not allowed with OnlineOnlyFlag 1.
        ("OnlineOnlyFlag 1 alone", TENCENT, with(b(), "/OnlineOnlyFlag", json!(1)), Want::Ok),
        (
            "OnlineOnlyFlag 0 with SendMsgControl",
            TENCENT,
            with(with(b(), "/OnlineOnlyFlag", json!(0)), "/SendMsgControl", json!(["NoUnread"])),
            Want::Ok,
        ),
        (
            "OnlineOnlyFlag 1 with SendMsgControl",
            TENCENT,
            with(with(b(), "/OnlineOnlyFlag", json!(1)), "/SendMsgControl", json!(["NoUnread"])),
            broken(when("", Rule::Forbidden { key: "SendMsgControl" })),
        ),
        (
            "OnlineOnlyFlag 1 with an empty SendMsgControl (present is present)",
            TENCENT,
            with(with(b(), "/OnlineOnlyFlag", json!(1)), "/SendMsgControl", json!([])),
            broken(when("", Rule::Forbidden { key: "SendMsgControl" })),
        ),
        // Download flags are the constant 2.
        ("sound Download_Flag 2", TENCENT, t_body(vec![sound(json!(2))]), Want::Ok),
        (
            "sound Download_Flag 1",
            TENCENT,
            t_body(vec![sound(json!(1))]),
            broken(at("/MsgBody/0/MsgContent/Download_Flag", Rule::Const { expected: "2" })),
        ),
        ("file Download_Flag 2", TENCENT, t_body(vec![text("a"), file(json!(2))]), Want::Ok),
        (
            "file Download_Flag 3",
            TENCENT,
            t_body(vec![text("a"), file(json!(3))]),
            broken(at("/MsgBody/1/MsgContent/Download_Flag", Rule::Const { expected: "2" })),
        ),
        (
            "file without Download_Flag",
            TENCENT,
            t_body(vec![json!({"MsgType": "TIMFileElem", "MsgContent": {"Url": "u", "UUID": "u"}})]),
            Want::Shape("/MsgBody/0/MsgContent", "missing field `Download_Flag`"),
        ),
        ("video flags 2", TENCENT, t_body(vec![video(2, 2)]), Want::Ok),
        (
            "video flags 1 and 0",
            TENCENT,
            t_body(vec![video(1, 0)]),
            Want::Broken(vec![
                at("/MsgBody/0/MsgContent/VideoDownloadFlag", Rule::Const { expected: "2" }),
                at("/MsgBody/0/MsgContent/ThumbDownloadFlag", Rule::Const { expected: "2" }),
            ]),
        ),
        // Element shapes: the key spellings of each element type.
        (
            "image with Url (the sound spelling)",
            TENCENT,
            t_body(vec![
                json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageInfoArray": [{"Width": 1, "Height": 1, "Url": "x"}]}}),
            ]),
            Want::Shape("/MsgBody/0/MsgContent/ImageInfoArray/0", "unknown field `Url`"),
        ),
        (
            "image info Type 3 (thumbnail)",
            TENCENT,
            t_body(vec![
                json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageInfoArray": [{"Type": 3, "Width": 1, "Height": 1, "URL": "x"}]}}),
            ]),
            Want::Ok,
        ),
        (
            "image info Type 4",
            TENCENT,
            t_body(vec![
                json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageInfoArray": [{"Type": 4, "Width": 1, "Height": 1, "URL": "x"}]}}),
            ]),
            Want::Shape("/MsgBody/0/MsgContent/ImageInfoArray/0/Type", "4"),
        ),
        (
            "image format 255",
            TENCENT,
            t_body(vec![json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageFormat": 255}})]),
            Want::Ok,
        ),
        (
            "image format 5",
            TENCENT,
            t_body(vec![json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageFormat": 5}})]),
            Want::Shape("/MsgBody/0/MsgContent/ImageFormat", "5"),
        ),
        (
            "text without Text",
            TENCENT,
            t_body(vec![json!({"MsgType": "TIMTextElem", "MsgContent": {}})]),
            Want::Shape("/MsgBody/0/MsgContent", "missing field `Text`"),
        ),
        (
            "unknown MsgType",
            TENCENT,
            t_body(vec![json!({"MsgType": "TIMTextElm", "MsgContent": {"Text": "a"}})]),
            Want::Shape("/MsgBody/0", "TIMTextElm"),
        ),
        // TIMRelayElem: exactly one of MsgList and JsonMsgKey.
        ("relay by MsgList", TENCENT, t_body(vec![relay(json!({"MsgList": [{"MsgBody": [text("a")]}]}))]), Want::Ok),
        ("relay by JsonMsgKey", TENCENT, t_body(vec![relay(json!({"JsonMsgKey": "k"}))]), Want::Ok),
        (
            "relay with both",
            TENCENT,
            t_body(vec![relay(json!({"JsonMsgKey": "k", "MsgList": [{"MsgBody": [text("a")]}]}))]),
            broken(at("/MsgBody/0/MsgContent", Rule::OneOf { matched: 2 })),
        ),
        (
            "relay with neither",
            TENCENT,
            t_body(vec![relay(json!({"Title": "t"}))]),
            broken(at("/MsgBody/0/MsgContent", Rule::OneOf { matched: 0 })),
        ),
        (
            "relayed message with an empty body",
            TENCENT,
            t_body(vec![relay(json!({"MsgList": [{"MsgBody": []}]}))]),
            broken(at("/MsgBody/0/MsgContent/MsgList/0/MsgBody", Rule::MinItems { limit: 1, actual: 0 })),
        ),
        (
            "relayed message MsgRandom u32::MAX + 1",
            TENCENT,
            t_body(vec![relay(json!({"MsgList": [{"MsgBody": [text("a")], "MsgRandom": 4294967296u64}]}))]),
            Want::Shape("/MsgBody/0/MsgContent/MsgList/0/MsgRandom", "4294967296"),
        ),
        (
            "a relay's inner element is validated (Download_Flag inside a relay)",
            TENCENT,
            t_body(vec![relay(json!({"MsgList": [{"MsgBody": [sound(json!(1))]}]}))]),
            broken(at(
                "/MsgBody/0/MsgContent/MsgList/0/MsgBody/0/MsgContent/Download_Flag",
                Rule::Const { expected: "2" },
            )),
        ),
    ]);
}

// ---------------------------------------------------------------------------------------------
// YunHu

fn y_base() -> Value {
    json!({"recvIds": ["u1"], "recvType": "user", "contentType": "text", "content": {"text": "hi"}})
}

fn ids(n: usize) -> Value {
    json!((0..n).map(|i| format!("id{i}")).collect::<Vec<_>>())
}

fn buttons(b: Value) -> Value {
    with(y_base(), "/content/buttons", json!([[b]]))
}

#[test]
fn yunhu_rules() {
    let b = y_base;
    check(vec![
        ("recvIds required", YUNHU, without(b(), "/recvIds"), Want::Shape("", "missing field `recvIds`")),
        ("recvType required", YUNHU, without(b(), "/recvType"), Want::Shape("", "missing field `recvType`")),
        ("content required", YUNHU, without(b(), "/content"), Want::Shape("", "missing field `content`")),
        ("contentType required", YUNHU, without(b(), "/contentType"), Want::Shape("", "missing field `contentType`")),
        // recvIds: at least 1; past 200 only a warning (the SDK's batch, not the vendor's limit).
        ("recvIds 1", YUNHU, with(b(), "/recvIds", ids(1)), Want::Ok),
        ("recvIds 200", YUNHU, with(b(), "/recvIds", ids(200)), Want::Ok),
        (
            "recvIds 0",
            YUNHU,
            with(b(), "/recvIds", ids(0)),
            broken(at("/recvIds", Rule::MinItems { limit: 1, actual: 0 })),
        ),
        (
            "recvIds 201",
            YUNHU,
            with(b(), "/recvIds", ids(201)),
            Want::Warned(vec![at("/recvIds", Rule::MaxItems { limit: 200, actual: 201 })]),
        ),
        // Enums.
        ("recvType group", YUNHU, with(b(), "/recvType", json!("group")), Want::Ok),
        ("recvType groups", YUNHU, with(b(), "/recvType", json!("groups")), Want::Shape("/recvType", "groups")),
        ("contentType video", YUNHU, with(b(), "/contentType", json!("video")), Want::Shape("", "video")),
        // contentType decides the content.
        (
            "markdown needs text",
            YUNHU,
            with(with(b(), "/contentType", json!("markdown")), "/content", json!({})),
            Want::Shape("/content", "missing field `text`"),
        ),
        ("html with text", YUNHU, with(b(), "/contentType", json!("html")), Want::Ok),
        (
            "image with imageKey",
            YUNHU,
            with(with(b(), "/contentType", json!("image")), "/content", json!({"imageKey": "k"})),
            Want::Ok,
        ),
        (
            "image with text",
            YUNHU,
            with(b(), "/contentType", json!("image")),
            Want::Shape("/content", "unknown field `text`"),
        ),
        (
            "file with fileName and fileUrl",
            YUNHU,
            with(
                with(b(), "/contentType", json!("file")),
                "/content",
                json!({"fileName": "a", "fileUrl": "https://a"}),
            ),
            Want::Ok,
        ),
        (
            "file without fileUrl",
            YUNHU,
            with(with(b(), "/contentType", json!("file")), "/content", json!({"fileName": "a"})),
            Want::Shape("/content", "missing field `fileUrl`"),
        ),
        // Buttons: actionType decides the field.
        ("button 1 with url", YUNHU, buttons(json!({"text": "t", "actionType": 1, "url": "https://a"})), Want::Ok),
        ("button 2 with value", YUNHU, buttons(json!({"text": "t", "actionType": 2, "value": "v"})), Want::Ok),
        ("button 3 with value", YUNHU, buttons(json!({"text": "t", "actionType": 3, "value": "v"})), Want::Ok),
        (
            "button 1 without url",
            YUNHU,
            buttons(json!({"text": "t", "actionType": 1, "value": "v"})),
            Want::Shape("/content/buttons/0/0", "missing field `url`"),
        ),
        (
            "button 1 with url and value",
            YUNHU,
            buttons(json!({"text": "t", "actionType": 1, "url": "https://a", "value": "v"})),
            Want::Warned(vec![when("/content/buttons/0/0", Rule::Forbidden { key: "value" })]),
        ),
        (
            "button 2 with value and empty url",
            YUNHU,
            buttons(json!({"text": "t", "actionType": 2, "value": "v", "url": ""})),
            Want::Warned(vec![when("/content/buttons/0/0", Rule::Forbidden { key: "url" })]),
        ),
        (
            "button 2 without value",
            YUNHU,
            buttons(json!({"text": "t", "actionType": 2})),
            Want::Shape("/content/buttons/0/0", "missing field `value`"),
        ),
        (
            "button 4",
            YUNHU,
            buttons(json!({"text": "t", "actionType": 4, "value": "v"})),
            Want::Shape("/content/buttons/0/0", "4"),
        ),
        (
            "button without text",
            YUNHU,
            buttons(json!({"actionType": 2, "value": "v"})),
            Want::Shape("/content/buttons/0/0", "missing field `text`"),
        ),
    ]);
}

// ---------------------------------------------------------------------------------------------
// upbot

fn u_base() -> Value {
    json!({"gid": 10123, "target_id": "10802", "l2_type": 1, "ts": 1234567890, "nonce": "n", "body": {"content": "hi"}})
}

fn link(l: Value) -> Value {
    with(u_base(), "/body/link_to_msg", json!([l]))
}

#[test]
fn upbot_rules() {
    let b = u_base;
    check(vec![
        ("gid required", UPBOT, without(b(), "/gid"), Want::Shape("", "missing field `gid`")),
        ("nonce required", UPBOT, without(b(), "/nonce"), Want::Shape("", "missing field `nonce`")),
        ("ts required", UPBOT, without(b(), "/ts"), Want::Shape("", "missing field `ts`")),
        ("body is optional", UPBOT, without(b(), "/body"), Want::Ok),
        (
            "gid as a string (the doc's example)",
            UPBOT,
            with(b(), "/gid", json!("10123")),
            Want::Shape("/gid", "invalid type: string"),
        ),
        ("gid -1", UPBOT, with(b(), "/gid", json!(-1)), Want::Shape("/gid", "-1")),
        // l2_type of the 2021 doc.
        ("l2_type 12", UPBOT, with(b(), "/l2_type", json!(12)), Want::Ok),
        ("l2_type 8", UPBOT, with(b(), "/l2_type", json!(8)), Want::Ok),
        ("l2_type 4", UPBOT, with(b(), "/l2_type", json!(4)), Want::Shape("/l2_type", "4")),
        ("l3_types 1..4", UPBOT, with(b(), "/l3_types", json!([1, 2, 3, 4])), Want::Ok),
        ("l3_types 5", UPBOT, with(b(), "/l3_types", json!([5])), Want::Shape("/l3_types/0", "5")),
        // at_type 1 needs at_uid_list.
        ("at_type 1 with list", UPBOT, with(b(), "/body/at_msg", json!({"at_type": 1, "at_uid_list": [1]})), Want::Ok),
        (
            "at_type 1 without list",
            UPBOT,
            with(b(), "/body/at_msg", json!({"at_type": 1})),
            broken(when("/body/at_msg", Rule::Required { key: "at_uid_list" })),
        ),
        ("at_type 2 without list", UPBOT, with(b(), "/body/at_msg", json!({"at_type": 2})), Want::Ok),
        (
            "at_type 3",
            UPBOT,
            with(b(), "/body/at_msg", json!({"at_type": 3})),
            Want::Shape("/body/at_msg/at_type", "3"),
        ),
        // link_to_msg: type selects the ext.
        (
            "channel link",
            UPBOT,
            link(json!({"type": 1, "display_name": "c", "channel_ext": {"gid": 1, "cid": "2"}})),
            Want::Ok,
        ),
        ("botconf link", UPBOT, link(json!({"type": 3, "botconf_ext": {"gid": 1, "bot_id": 2}})), Want::Ok),
        (
            "channel link without channel_ext",
            UPBOT,
            link(json!({"type": 1})),
            Want::Shape("/body/link_to_msg/0", "missing field `channel_ext`"),
        ),
        ("link type 4", UPBOT, link(json!({"type": 4})), Want::Shape("/body/link_to_msg/0", "4")),
        (
            "displayName (the doc's example)",
            UPBOT,
            link(json!({"type": 1, "displayName": "c", "channel_ext": {}})),
            Want::Shape("/body/link_to_msg/0", "unknown field `displayName`"),
        ),
        // https URLs.
        (
            "website https",
            UPBOT,
            link(json!({"type": 2, "website_ext": {"url": "https://www.example.com/"}})),
            Want::Ok,
        ),
        (
            "website http",
            UPBOT,
            link(json!({"type": 2, "website_ext": {"url": "http://www.example.com/"}})),
            broken(at("/body/link_to_msg/0/website_ext/url", Rule::Format { format: "https-uri" })),
        ),
        (
            "website without scheme",
            UPBOT,
            link(json!({"type": 2, "website_ext": {"url": "www.example.com"}})),
            broken(at("/body/link_to_msg/0/website_ext/url", Rule::Format { format: "https-uri" })),
        ),
        (
            "website https without host",
            UPBOT,
            link(json!({"type": 2, "website_ext": {"url": "https://"}})),
            broken(at("/body/link_to_msg/0/website_ext/url", Rule::Format { format: "https-uri" })),
        ),
        ("h5 https", UPBOT, link(json!({"type": 5, "h5_ext": {"url": "https://h5.example.com/a?b=c#d"}})), Want::Ok),
        (
            "h5 http",
            UPBOT,
            link(json!({"type": 5, "h5_ext": {"gid": 1, "url": "http://h5.example.com/"}})),
            broken(at("/body/link_to_msg/0/h5_ext/url", Rule::Format { format: "https-uri" })),
        ),
        // botcustom params is a JSON string.
        (
            "params a JSON object",
            UPBOT,
            link(json!({"type": 6, "botcustom_ext": {"params": "{\"gid\":15407,\"botId\":\"100000007\"}"}})),
            Want::Ok,
        ),
        ("params a JSON number", UPBOT, link(json!({"type": 6, "botcustom_ext": {"params": "1"}})), Want::Ok),
        (
            "params not JSON",
            UPBOT,
            link(json!({"type": 6, "botcustom_ext": {"params": "{gid:15407}"}})),
            broken(at("/body/link_to_msg/0/botcustom_ext/params", Rule::JsonString { error: String::new() })),
        ),
        (
            "params empty",
            UPBOT,
            link(json!({"type": 6, "botcustom_ext": {"params": ""}})),
            broken(at("/body/link_to_msg/0/botcustom_ext/params", Rule::JsonString { error: String::new() })),
        ),
        // Other enums and shapes.
        (
            "picture type 3 (2021 doc: 1 original, 2 thumbnail)",
            UPBOT,
            with(b(), "/body/pic_info", json!([{"image_info_array": [{"type": 3}]}])),
            Want::Shape("/body/pic_info/0/image_info_array/0/type", "3"),
        ),
        (
            "mixed item l2_type 5",
            UPBOT,
            with(b(), "/body/mixed_msg", json!({"msg_item_list": [{"l2_type": 1}, {"l2_type": 5}]})),
            Want::Shape("/body/mixed_msg/msg_item_list/1/l2_type", "5"),
        ),
        (
            "reply uid_replied as a string",
            UPBOT,
            with(b(), "/body/reply_msg", json!({"uid_replied": "1"})),
            Want::Shape("/body/reply_msg/uid_replied", "invalid type: string"),
        ),
    ]);
}

// ---------------------------------------------------------------------------------------------
// qopen

fn q_items(items: Vec<Value>) -> Value {
    let list: Vec<Value> = items
        .into_iter()
        .enumerate()
        .map(|(i, it)| {
            let mut m = serde_json::Map::new();
            m.insert("msg_num".into(), json!(i + 1));
            m.extend(it.as_object().unwrap().clone());
            Value::Object(m)
        })
        .collect();
    json!({"robot_id": "r", "group_id": "g", "msg_id": "m", "msg_list": list})
}

fn q_one(item: Value) -> Value {
    q_items(vec![item])
}

fn q_text(content: &str) -> Value {
    json!({"msg_type": 1, "msg_content": content})
}

#[test]
fn qopen_rules() {
    let txt = || q_one(q_text("hi"));
    check(vec![
        ("robot_id required", QOPEN, without(txt(), "/robot_id"), Want::Shape("", "missing field `robot_id`")),
        ("group_id required", QOPEN, without(txt(), "/group_id"), Want::Shape("", "missing field `group_id`")),
        ("msg_id required", QOPEN, without(txt(), "/msg_id"), Want::Shape("", "missing field `msg_id`")),
        ("msg_list required", QOPEN, without(txt(), "/msg_list"), Want::Shape("", "missing field `msg_list`")),
        (
            "dead_line a placeholder string (the doc's example)",
            QOPEN,
            with(txt(), "/dead_line", json!("消息截止时间戳")),
            Want::Shape("/dead_line", "invalid type: string"),
        ),
        ("dead_line -1", QOPEN, with(txt(), "/dead_line", json!(-1)), Want::Shape("/dead_line", "-1")),
        (
            "msg_num required",
            QOPEN,
            without(txt(), "/msg_list/0/msg_num"),
            Want::Shape("/msg_list/0", "missing field `msg_num`"),
        ),
        // msg_list: 1 to 20.
        ("msg_list 1", QOPEN, txt(), Want::Ok),
        ("msg_list 20", QOPEN, q_items((0..20).map(|_| q_text("a")).collect()), Want::Ok),
        (
            "msg_list 0",
            QOPEN,
            with(txt(), "/msg_list", json!([])),
            broken(at("/msg_list", Rule::MinItems { limit: 1, actual: 0 })),
        ),
        (
            "msg_list 21",
            QOPEN,
            q_items((0..21).map(|_| q_text("a")).collect()),
            broken(at("/msg_list", Rule::MaxItems { limit: 20, actual: 21 })),
        ),
        // msg_num: 1, 2, ... n.
        ("msg_num 1..3", QOPEN, q_items(vec![q_text("a"), q_text("b"), q_text("c")]), Want::Ok),
        (
            "msg_num skips",
            QOPEN,
            with(q_items(vec![q_text("a"), q_text("b")]), "/msg_list/1/msg_num", json!(3)),
            broken(at("/msg_list/1", Rule::Sequence { property: "msg_num", expected: 2, actual: 3 })),
        ),
        (
            "msg_num reversed",
            QOPEN,
            with(
                with(q_items(vec![q_text("a"), q_text("b")]), "/msg_list/0/msg_num", json!(2)),
                "/msg_list/1/msg_num",
                json!(1),
            ),
            Want::Broken(vec![
                at("/msg_list/0", Rule::Sequence { property: "msg_num", expected: 1, actual: 2 }),
                at("/msg_list/1", Rule::Sequence { property: "msg_num", expected: 2, actual: 1 }),
            ]),
        ),
        (
            "msg_num 0",
            QOPEN,
            with(txt(), "/msg_list/0/msg_num", json!(0)),
            Want::Broken(vec![
                at("/msg_list/0/msg_num", Rule::Minimum { limit: 1.0, exclusive: false, actual: 0.0 }),
                at("/msg_list/0", Rule::Sequence { property: "msg_num", expected: 1, actual: 0 }),
            ]),
        ),
        // msg_type: 1..8 and 17.
        ("msg_type 9", QOPEN, q_one(json!({"msg_type": 9, "msg_content": "a"})), Want::Shape("/msg_list/0", "9")),
        ("msg_type 0", QOPEN, q_one(json!({"msg_type": 0, "msg_content": "a"})), Want::Shape("/msg_list/0", "0")),
        (
            "every msg_type",
            QOPEN,
            q_items(vec![
                q_text("a"),
                json!({"msg_type": 2, "href": "https://a", "title": "t"}),
                json!({"msg_type": 3, "msg_content": "https://a/i.png"}),
                json!({"msg_type": 4, "href": "https://a/v.mp4", "voice_time": 30}),
                json!({"msg_type": 5, "msg_content": "https://a/v.silk", "voice_time": 3}),
                json!({"msg_type": 6, "href": "https://a/f"}),
                json!({"msg_type": 7, "msg_content": "c"}),
                json!({"msg_type": 8, "msg_content": "e30="}),
                json!({"msg_type": 17, "ats": [{"type": 0, "value": "hi "}, {"type": 1, "value": "c1"}]}),
            ]),
            Want::Ok,
        ),
        // msg_content: at most 20000 characters, not bytes (20000 CJK are 60000 bytes).
        ("msg_content 20000 CJK", QOPEN, q_one(q_text(&cjk(20000))), Want::Ok),
        (
            "msg_content 20001 CJK",
            QOPEN,
            q_one(q_text(&cjk(20001))),
            broken(at("/msg_list/0/msg_content", Rule::MaxLength { limit: 20000, actual: 20001 })),
        ),
        ("msg_content 20000 ASCII", QOPEN, q_one(q_text(&"a".repeat(20000))), Want::Ok),
        (
            "image msg_content 20001",
            QOPEN,
            q_one(json!({"msg_type": 3, "msg_content": cjk(20001)})),
            broken(at("/msg_list/0/msg_content", Rule::MaxLength { limit: 20000, actual: 20001 })),
        ),
        (
            "voice msg_content 20001",
            QOPEN,
            q_one(json!({"msg_type": 5, "msg_content": "a".repeat(20001), "voice_time": 1})),
            broken(at("/msg_list/0/msg_content", Rule::MaxLength { limit: 20000, actual: 20001 })),
        ),
        // Link card title 600, desc 1024 characters.
        (
            "link title 600 desc 1024",
            QOPEN,
            q_one(json!({"msg_type": 2, "href": "h", "title": cjk(600), "desc": cjk(1024)})),
            Want::Ok,
        ),
        (
            "link title 601",
            QOPEN,
            q_one(json!({"msg_type": 2, "href": "h", "title": cjk(601)})),
            broken(at("/msg_list/0/title", Rule::MaxLength { limit: 600, actual: 601 })),
        ),
        (
            "link desc 1025",
            QOPEN,
            q_one(json!({"msg_type": 2, "href": "h", "title": "t", "desc": cjk(1025)})),
            broken(at("/msg_list/0/desc", Rule::MaxLength { limit: 1024, actual: 1025 })),
        ),
        // href and title: optional, as the vendor's required column says.
        ("link without title", QOPEN, q_one(json!({"msg_type": 2, "href": "h"})), Want::Ok),
        ("link without href", QOPEN, q_one(json!({"msg_type": 2, "title": "t"})), Want::Ok),
        // Video: voice_time needed, at most 30 s.
        ("video 30 s", QOPEN, q_one(json!({"msg_type": 4, "href": "h", "voice_time": 30})), Want::Ok),
        (
            "video 31 s",
            QOPEN,
            q_one(json!({"msg_type": 4, "href": "h", "voice_time": 31})),
            broken(at("/msg_list/0/voice_time", Rule::Maximum { limit: 30.0, exclusive: false, actual: 31.0 })),
        ),
        (
            "video without voice_time",
            QOPEN,
            q_one(json!({"msg_type": 4, "href": "h"})),
            Want::Shape("/msg_list/0", "missing field `voice_time`"),
        ),
        // at: 2 needs at_contact_id_list.
        (
            "at 2 with list",
            QOPEN,
            q_one(json!({"msg_type": 1, "msg_content": "a", "at": 2, "at_contact_id_list": ["c"]})),
            Want::Ok,
        ),
        (
            "at 2 without list",
            QOPEN,
            q_one(json!({"msg_type": 1, "msg_content": "a", "at": 2})),
            broken(when("/msg_list/0", Rule::Required { key: "at_contact_id_list" })),
        ),
        (
            "at 1 without list",
            QOPEN,
            q_one(json!({"msg_type": 1, "msg_content": "a", "at": 1, "at_location": 1})),
            Want::Ok,
        ),
        ("at 3", QOPEN, q_one(json!({"msg_type": 1, "msg_content": "a", "at": 3})), Want::Shape("/msg_list/0/at", "3")),
        (
            "at_location 2",
            QOPEN,
            q_one(json!({"msg_type": 1, "msg_content": "a", "at_location": 2})),
            Want::Shape("/msg_list/0/at_location", "2"),
        ),
        (
            "at on an image",
            QOPEN,
            q_one(json!({"msg_type": 3, "msg_content": "a", "at": 1})),
            Want::Warned(vec![when("/msg_list/0", Rule::Forbidden { key: "at" })]),
        ),
        (
            "a key no item documents",
            QOPEN,
            q_one(json!({"msg_type": 3, "msg_content": "a", "voice": 1})),
            Want::Shape("/msg_list/0", "unknown field `voice`"),
        ),
        // voice needs voice_time; 17 needs ats.
        (
            "voice without voice_time",
            QOPEN,
            q_one(json!({"msg_type": 5, "msg_content": "a"})),
            Want::Shape("/msg_list/0", "missing field `voice_time`"),
        ),
        (
            "17 without ats",
            QOPEN,
            q_one(json!({"msg_type": 17, "msg_content": "a"})),
            Want::Shape("/msg_list/0", "missing field `ats`"),
        ),
        (
            "17 with no segments",
            QOPEN,
            q_one(json!({"msg_type": 17, "ats": []})),
            broken(at("/msg_list/0/ats", Rule::MinItems { limit: 1, actual: 0 })),
        ),
        (
            "17 segment type 2",
            QOPEN,
            q_one(json!({"msg_type": 17, "ats": [{"type": 2, "value": "v"}]})),
            Want::Shape("/msg_list/0/ats/0/type", "2"),
        ),
        (
            "17 segment without value",
            QOPEN,
            q_one(json!({"msg_type": 17, "ats": [{"type": 1}]})),
            Want::Shape("/msg_list/0/ats/0", "missing field `value`"),
        ),
    ]);
}

/// A payload that breaks rules far apart gets all of them at once.
#[test]
fn every_violation_is_reported_at_once() {
    let mut payload = with(
        with(t_body(vec![sound(json!(1)), custom(), text("a"), custom()]), "/To_Account", accounts(51)),
        "/GroupAtInfo",
        mentions(30),
    );
    payload = with(payload, "/GroupAtInfo/29", json!({"GroupAtAllFlag": 0}));
    payload = with(with(payload, "/OnlineOnlyFlag", json!(1)), "/SendMsgControl", json!(["NoUnread"]));
    let relay_bad = relay(json!({"JsonMsgKey": "k", "MsgList": [{"MsgBody": []}]}));
    payload["MsgBody"].as_array_mut().unwrap().push(relay_bad);
    check(vec![(
        "tencent, seven rules",
        TENCENT,
        payload,
        Want::Broken(vec![
            when("", Rule::Forbidden { key: "SendMsgControl" }),
            at("/MsgBody", Rule::MaxContains { limit: 1, actual: 2 }),
            at("/MsgBody/0/MsgContent/Download_Flag", Rule::Const { expected: "2" }),
            at("/MsgBody/4/MsgContent", Rule::OneOf { matched: 2 }),
            at("/MsgBody/4/MsgContent/MsgList/0/MsgBody", Rule::MinItems { limit: 1, actual: 0 }),
            at("/To_Account", Rule::MaxItems { limit: 50, actual: 51 }),
            when("/GroupAtInfo/29", Rule::Required { key: "GroupAt_Account" }),
        ]),
    )]);

    let q = q_items(vec![
        q_text(&cjk(20001)),
        json!({"msg_type": 1, "msg_content": "a", "at": 2}),
        json!({"msg_type": 2, "href": "h", "title": cjk(601)}),
    ]);
    let q = with(q, "/msg_list/2/msg_num", json!(7));
    check(vec![(
        "qopen, four rules in three items",
        QOPEN,
        q,
        Want::Broken(vec![
            at("/msg_list/0/msg_content", Rule::MaxLength { limit: 20000, actual: 20001 }),
            when("/msg_list/1", Rule::Required { key: "at_contact_id_list" }),
            at("/msg_list/2/title", Rule::MaxLength { limit: 600, actual: 601 }),
            at("/msg_list/2", Rule::Sequence { property: "msg_num", expected: 3, actual: 7 }),
        ]),
    )]);
}

/// A violation displays as one line: its pointer, the rule with limit and actual value, and the
/// condition; a list of violations is one line each.
#[test]
fn a_violation_displays_on_one_line() {
    let payload = with(
        with(with(t_base(), "/To_Account", accounts(51)), "/OnlineOnlyFlag", json!(1)),
        "/SendMsgControl",
        json!(["NoUnread"]),
    );
    let Err(Error::Rules(v)) = tencent_im::send_group_msg::Request::from_json(&payload.to_string()) else {
        panic!("expected violations");
    };
    assert_eq!(v.len(), 2, "{v}");
    for one in v.iter() {
        let line = one.to_string();
        assert!(!line.contains('\n'), "{line:?}");
        assert!(line.starts_with(if one.pointer.is_empty() { "/" } else { &one.pointer }), "{line:?}");
    }
    let to_account = v.iter().find(|x| x.pointer == "/To_Account").expect("a /To_Account violation").to_string();
    assert_eq!(to_account, "/To_Account: must have at most 50 items, found 51");
    let forbidden = v.iter().find(|x| x.pointer.is_empty()).expect("a root violation").to_string();
    assert!(forbidden.starts_with("/: `SendMsgControl` is not allowed (because "), "{forbidden}");
    assert_eq!(v.to_string().lines().count(), 2);
    let err = Error::Rules(v);
    assert_eq!(err.to_string().lines().count(), 2);
}

/// Responses and callbacks: their required fields, enums and constants; unknown keys are kept.
#[test]
fn response_and_callback_rules() {
    let callback = || json!({"event_type": 40001, "robot_id": "r", "group_id": "g", "msg_id": "m", "send_res": true, "err_msg": "", "msg_num": 1});
    check(vec![
        (
            "tencent OK",
            TENCENT_RESPONSE,
            json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgTime": 1, "MsgSeq": 2, "MsgDropReason": ""}),
            Want::Ok,
        ),
        (
            "tencent FAIL without MsgTime",
            TENCENT_RESPONSE,
            json!({"ActionStatus": "FAIL", "ErrorCode": 10004, "ErrorInfo": "bad"}),
            Want::Ok,
        ),
        (
            "tencent unknown keys kept",
            TENCENT_RESPONSE,
            json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "New": [1]}),
            Want::Ok,
        ),
        (
            "tencent ActionStatus ok",
            TENCENT_RESPONSE,
            json!({"ActionStatus": "ok", "ErrorCode": 0, "ErrorInfo": ""}),
            Want::Shape("/ActionStatus", "ok"),
        ),
        (
            "tencent ErrorInfo required",
            TENCENT_RESPONSE,
            json!({"ActionStatus": "OK", "ErrorCode": 0}),
            Want::Shape("", "missing field `ErrorInfo`"),
        ),
        (
            "yunhu success",
            YUNHU_RESPONSE,
            json!({"code": 1, "msg": "success", "data": {"successCount": 1, "successList": [{"msgId": "m", "recvId": "r", "recvType": "group"}]}}),
            Want::Ok,
        ),
        ("yunhu msg required", YUNHU_RESPONSE, json!({"code": 1}), Want::Shape("", "missing field `msg`")),
        (
            "yunhu successCount -1",
            YUNHU_RESPONSE,
            json!({"code": 1, "msg": "", "data": {"successCount": -1}}),
            Want::Shape("/data/successCount", "-1"),
        ),
        ("upbot with msg_seq", UPBOT_RESPONSE, json!({"ret": 0, "msg": "ok", "msg_seq": 7}), Want::Ok),
        ("upbot empty", UPBOT_RESPONSE, json!({}), Want::Ok),
        (
            "qopen accepted",
            QOPEN_RESPONSE,
            json!({"errcode": 0, "errmsg": "", "hint": "h", "data": {"msg_sn": "s"}}),
            Want::Ok,
        ),
        ("qopen errcode required", QOPEN_RESPONSE, json!({"errmsg": ""}), Want::Shape("", "missing field `errcode`")),
        ("qopen callback", QOPEN_CALLBACK, callback(), Want::Ok),
        (
            "qopen callback event 40002",
            QOPEN_CALLBACK,
            with(callback(), "/event_type", json!(40002)),
            broken(at("/event_type", Rule::Const { expected: "40001" })),
        ),
        (
            "qopen callback send_res required",
            QOPEN_CALLBACK,
            without(callback(), "/send_res"),
            Want::Shape("", "missing field `send_res`"),
        ),
    ]);
}
