//! What the generated types do on the wire: discriminators pick the variant, wrong combinations
//! are refused, enums keep their wire form, requests refuse unknown keys while responses keep
//! them, secrets stay out of `Debug`, and the endpoint facts are constants.

use group_msg_types::runtime::{from_json, ParseError, Secret};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde_json::{json, Value};

fn shape_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(v: Value) -> (String, String) {
    match from_json::<T>(&v.to_string()) {
        Err(ParseError::Shape { pointer, message }) => (pointer, message),
        other => panic!("expected a shape error for {v}, got {other:?}"),
    }
}

fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(v: Value) -> T {
    let t: T = from_json(&v.to_string()).unwrap_or_else(|e| panic!("{v}: {e}"));
    assert_eq!(serde_json::to_value(&t).unwrap(), v, "serializes back to the same JSON");
    t
}

#[test]
fn tencent_elements_are_picked_by_msg_type_in_either_key_order() {
    use tencent_im::send_group_msg::{MsgElement, TIMFaceElem};
    let el: MsgElement = roundtrip(json!({"MsgType": "TIMFaceElem", "MsgContent": {"Index": 6, "Data": "abc"}}));
    assert_eq!(el, MsgElement::Face(TIMFaceElem { index: Some(6), data: Some("abc".into()) }));
    let el: MsgElement = from_json(r#"{"MsgContent": {"Index": 6}, "MsgType": "TIMFaceElem"}"#).unwrap();
    assert_eq!(el.tag(), "TIMFaceElem");
    // The content of another element type is refused, naming the field.
    let (ptr, msg) = shape_error::<MsgElement>(json!({"MsgType": "TIMTextElem", "MsgContent": {"Index": 6}}));
    assert_eq!(ptr, "/MsgContent");
    assert!(msg.contains("`Index`"), "{msg}");
    let (_, msg) = shape_error::<MsgElement>(json!({"MsgType": "TIMTextElm", "MsgContent": {}}));
    assert!(msg.starts_with("unknown `MsgType` TIMTextElm, expected one of `TIMTextElem`"), "{msg}");
    let (_, msg) = shape_error::<MsgElement>(json!({"MsgType": "TIMTextElem"}));
    assert_eq!(msg, "missing field `MsgContent`");
}

#[test]
fn tencent_every_element_type_of_the_message_format_doc() {
    use tencent_im::send_group_msg::MsgElement;
    let cases = [
        json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}),
        json!({"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "here", "Latitude": 22.5, "Longitude": 113.9}}),
        json!({"MsgType": "TIMFaceElem", "MsgContent": {"Index": 1, "Data": "x"}}),
        json!({"MsgType": "TIMCustomElem", "MsgContent": {"Data": "d", "Desc": "n", "Ext": "e", "Sound": "s.mp3"}}),
        json!({"MsgType": "TIMSoundElem", "MsgContent": {"Url": "https://a/s.silk", "UUID": "u", "Size": 10, "Second": 2, "Download_Flag": 2}}),
        json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageFormat": 1, "ImageInfoArray": [
            {"Type": 1, "Size": 100, "Width": 10, "Height": 20, "URL": "https://a/i.jpg"}]}}),
        json!({"MsgType": "TIMFileElem", "MsgContent": {"Url": "https://a/f", "UUID": "u", "FileSize": 1, "FileName": "f.txt", "Download_Flag": 2}}),
        json!({"MsgType": "TIMVideoFileElem", "MsgContent": {"VideoUrl": "https://a/v.mp4", "VideoUUID": "v", "VideoSize": 1,
            "VideoSecond": 2, "VideoFormat": "mp4", "VideoDownloadFlag": 2, "ThumbUrl": "https://a/t.jpg", "ThumbUUID": "t",
            "ThumbSize": 1, "ThumbWidth": 10, "ThumbHeight": 10, "ThumbFormat": "JPG", "ThumbDownloadFlag": 2}}),
        json!({"MsgType": "TIMRelayElem", "MsgContent": {"Title": "chat", "MsgNum": 1, "CompatibleText": "upgrade",
            "AbstractList": ["a: hi"], "MsgList": [{"From_Account": "a", "MsgBody": [
                {"MsgType": "TIMRelayElem", "MsgContent": {"Title": "inner", "MsgList": [{"MsgBody": [
                    {"MsgType": "TIMTextElem", "MsgContent": {"Text": "deep"}}]}]}}]}]}}),
    ];
    let mut tags = Vec::new();
    for c in cases {
        let el: MsgElement = roundtrip(c);
        tags.push(el.tag());
    }
    assert_eq!(tags.len(), 9);
    // The key spellings differ by element: `URL` in images, `Url` in files.
    let (_, msg) = shape_error::<MsgElement>(
        json!({"MsgType": "TIMFileElem", "MsgContent": {"URL": "https://a/f", "UUID": "u", "Download_Flag": 2}}),
    );
    assert!(msg.contains("`URL`"), "{msg}");
}

#[test]
fn yunhu_content_is_picked_by_content_type() {
    use yunhu::batch_send::{BatchSendRequest, ButtonActionType, Content, RecvType};
    let req: BatchSendRequest = roundtrip(json!({
        "recvIds": ["307149245"], "recvType": "group", "contentType": "file",
        "content": {"fileName": "a.txt", "fileUrl": "https://x/a.txt",
            "buttons": [[{"text": "open", "actionType": 1, "url": "https://x"}, {"text": "copy", "actionType": 2, "value": "v"}]]}
    }));
    assert_eq!(req.recv_type, RecvType::Group);
    let Content::File(file) = &req.content_type else { panic!("{req:?}") };
    assert_eq!(file.file_name, "a.txt");
    let Some(group_msg_types::runtime::Rows::Rows(buttons)) = file.buttons.as_ref() else { panic!("{req:?}") };
    assert_eq!(
        buttons[0][0].action_type,
        ButtonActionType::OpenUrl(yunhu::batch_send::ButtonOpenUrl { url: "https://x".into(), value: None })
    );
    // An image message with a text body is refused at the field it lacks.
    let (ptr, msg) = shape_error::<BatchSendRequest>(
        json!({"recvIds": ["1"], "recvType": "group", "contentType": "image", "content": {"text": "hi"}}),
    );
    assert_eq!(ptr, "/content");
    assert!(msg.contains("`text`"), "{msg}");
    // A copy button needs `value`; `url` is documented on buttons (ignored on a copy button), a
    // key no button documents is not.
    let (_, msg) = shape_error::<yunhu::batch_send::Button>(json!({"text": "t", "actionType": 2, "url": "https://x"}));
    assert!(msg.contains("missing field `value`"), "{msg}");
    let (_, msg) =
        shape_error::<yunhu::batch_send::Button>(json!({"text": "t", "actionType": 2, "value": "v", "link": "x"}));
    assert!(msg.contains("unknown field `link`"), "{msg}");
}

#[test]
fn qopen_items_are_picked_by_integer_msg_type() {
    use qopen::send_msg_to_group::{MsgListItem, MsgListItemMsgType as Kind};
    let item: MsgListItem =
        roundtrip(json!({"msg_num": 1, "msg_type": 5, "msg_content": "https://a/v.silk", "voice_time": 5}));
    let Kind::Voice(v) = &item.msg_type else { panic!("{item:?}") };
    assert_eq!(v.voice_time, 5);
    assert_eq!(item.msg_type.tag(), 5);
    let (_, msg) = shape_error::<MsgListItem>(json!({"msg_num": 1, "msg_type": 5, "msg_content": "https://a/v.silk"}));
    assert!(msg.contains("missing field `voice_time`"), "{msg}");
    let (_, msg) = shape_error::<MsgListItem>(json!({"msg_num": 1, "msg_type": 9, "msg_content": "x"}));
    assert!(
        msg.contains("unknown `msg_type` 9, expected one of `1`, `2`, `3`, `4`, `5`, `6`, `7`, `8`, `17`"),
        "{msg}"
    );
    // A key of the table the type does not use is kept (a warning, see vendor_exact.rs); a key
    // the table does not have is refused.
    let image: MsgListItem =
        roundtrip(json!({"msg_num": 1, "msg_type": 3, "msg_content": "https://a/i.png", "voice_time": 5}));
    assert!(image.validate().is_ok() && image.validate_all().warnings().count() == 1, "{image:?}");
    let (_, msg) = shape_error::<MsgListItem>(json!({"msg_num": 1, "msg_type": 3, "msg_content": "a", "voice": 5}));
    assert!(msg.contains("unknown field `voice`"), "{msg}");
}

#[test]
fn upbot_links_are_picked_by_integer_type() {
    use upbot::send_group_message::{LinkToMsg, LinkToMsgType};
    let link: LinkToMsg =
        roundtrip(json!({"type": 2, "display_name": "site", "website_ext": {"url": "https://www.example.com/"}}));
    assert!(matches!(link.r#type, LinkToMsgType::Website(_)), "{link:?}");
    let (_, msg) = shape_error::<LinkToMsg>(json!({"type": 2, "channel_ext": {"gid": 1, "cid": "2"}}));
    assert!(msg.contains("`channel_ext`"), "{msg}");
}

#[test]
fn integer_enums_are_integers_and_string_enums_strings() {
    use tencent_im::send_group_msg::{ImageFormat, MsgPriority};
    assert_eq!(serde_json::to_value(ImageFormat::ALL).unwrap(), json!([1, 2, 3, 4, 255]));
    assert_eq!(serde_json::to_value(MsgPriority::High).unwrap(), json!("High"));
    let (_, msg) = shape_error::<MsgPriority>(json!("high"));
    assert!(msg.contains("unknown value `high`, did you mean `High`?"), "{msg}");
    let (_, msg) = shape_error::<ImageFormat>(json!(5));
    assert!(msg.contains("unknown value `5`, expected one of 1, 2, 3, 4, 255"), "{msg}");
}

#[test]
fn requests_refuse_unknown_keys_and_responses_keep_them() {
    let (ptr, msg) = shape_error::<tencent_im::send_group_msg::Request>(
        json!({"GroupId": "g", "Random": 1, "MsgBody": [], "Foo": 1}),
    );
    assert_eq!((ptr.as_str(), msg.as_str()), ("", "unknown field `Foo`, expected one of `GroupId`, `Random`, `MsgPriority`, `MsgBody`, `From_Account`, `OfflinePushInfo`, `ForbidCallbackControl`, `OnlineOnlyFlag`, `SendMsgControl`, `CloudCustomData`, `SupportMessageExtension`, `NeedReadReceipt`, `To_Account`, `TopicId`, `GroupAtInfo`"));
    let resp: tencent_im::send_group_msg::Response = roundtrip(
        json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgTime": 1, "MsgSeq": 2, "NewField": [1]}),
    );
    assert_eq!(resp.extra["NewField"], json!([1]));
}

#[test]
fn secrets_never_reach_debug_output() {
    let q = tencent_im::send_group_msg::QueryParams {
        sdkappid: 88888888,
        identifier: "admin".into(),
        random: 99999999,
        contenttype: "json".into(),
        usersig: Secret::new("eJwtzM0KgkAUBeD3ma-sig".into()),
    };
    let debug = format!("{q:?}");
    assert!(!debug.contains("eJwtzM0KgkAUBeD3ma-sig"), "{debug}");
    assert!(debug.contains("usersig: \"***\""), "{debug}");
    let yunhu = yunhu::batch_send::QueryParams { token: "016ec8e4d17a4fbda3ccb0e99b44aca0".into() };
    assert!(!format!("{yunhu:?}").contains("016ec8e4"));
    let h = qopen::send_msg_to_group::HeaderParams { token: "c2NdxDHKXIJ5j1zrhJeq2eJEHjh9xxx".into() };
    assert!(!format!("{h:?}").contains("c2Nd"));
    let u = upbot::send_group_message::HeaderParams { authorization: "tok-123".into() };
    assert!(!format!("{u:?}").contains("tok-123"));
}

#[test]
fn endpoint_facts_are_constants() {
    use group_msg_types::runtime::ParamLocation;
    assert_eq!(tencent_im::send_group_msg::PATH, "/v4/group_open_http_svc/send_group_msg");
    assert_eq!(tencent_im::send_group_msg::SERVERS[0].default_url(), "https://console.tim.qq.com");
    assert_eq!(tencent_im::send_group_msg::AUTH[0].name, "usersig");
    assert_eq!(tencent_im::send_group_msg::AUTH[0].location, ParamLocation::Query);
    assert_eq!(yunhu::batch_send::SERVER, "https://chat-go.jwzhd.com");
    assert_eq!(yunhu::batch_send::PATH, "/open-apis/v1/bot/batch_send");
    assert_eq!(upbot::send_group_message::AUTH[0].location, ParamLocation::Header);
    assert_eq!(upbot::send_group_message::AUTH[0].name, "Authorization");
    assert_eq!(qopen::send_msg_to_group::PATH, "/gateway/qopen/SendMsgToGroup");
    assert_eq!(qopen::send_msg_to_group::AUTH[0].name, "Token");
    for m in [
        tencent_im::send_group_msg::METHOD,
        yunhu::batch_send::METHOD,
        upbot::send_group_message::METHOD,
        qopen::send_msg_to_group::METHOD,
    ] {
        assert_eq!(m, "POST");
    }
}

#[test]
fn error_codes_keep_unknown_codes_and_say_when_to_retry() {
    use tencent_im::send_group_msg::ErrorCode;
    assert_eq!(ErrorCode::from_code(10023), ErrorCode::SendRateLimited);
    assert!(ErrorCode::from_code(10002).retry());
    assert!(!ErrorCode::from_code(10004).retry());
    assert_eq!(ErrorCode::from_code(99999), ErrorCode::Unknown(99999));
    assert_eq!(serde_json::to_value(ErrorCode::Unknown(99999)).unwrap(), json!(99999));
    let e: ErrorCode = serde_json::from_value(json!(80002)).unwrap();
    assert!(e.description().unwrap().contains("12K"), "{e}");
    assert_eq!(yunhu::batch_send::ErrorCode::from_code(1007), yunhu::batch_send::ErrorCode::RateLimited);
}

#[test]
fn types_report_their_spec_schema() {
    let schema = schemars::schema_for!(tencent_im::send_group_msg::Request);
    let v = schema.as_value();
    assert_eq!(v["properties"]["Random"]["maximum"], json!(4294967295u64));
    assert_eq!(v["additionalProperties"], json!(false));
    let defs = v["$defs"].as_object().unwrap();
    assert!(defs.contains_key("MsgElement") && defs.contains_key("TIMRelayElem"), "{:?}", defs.keys());
}
