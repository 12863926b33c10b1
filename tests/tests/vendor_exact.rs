//! Issue 11: refuse what the vendor refuses, accept what it accepts. Severities (errors fail,
//! warnings do not), documented keys a variant ignores (accepted, warned about, kept), YunHu
//! buttons as rows or flat, and the rules at every new limit just inside and just past.

use group_msg_tests::reference::{reference, Rng};
use group_msg_types::runtime::{Rows, Rule, Severity, Validate, Violation};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde_json::{json, Value};

/// (pointer, severity, message) of every violation.
fn all<T: Validate>(v: &T) -> Vec<(String, Severity, String)> {
    v.validate_all().iter().map(|x: &Violation| (x.pointer.clone(), x.severity, x.to_string())).collect()
}

/// Parses, then serializes again: the JSON must be the same.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize + Validate>(v: &Value) -> T {
    let value: T = group_msg_types::runtime::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}: {v}"));
    assert_eq!(serde_json::to_value(&value).unwrap(), *v, "round trip");
    value
}

// ---------------------------------------------------------------------------------------------
// YunHu

fn yunhu_request(buttons: Value, ids: usize) -> Value {
    let ids: Vec<String> = (0..ids).map(|i| format!("u{i}")).collect();
    json!({"recvIds": ids, "recvType": "user", "contentType": "text", "content": {"text": "hi", "buttons": buttons}})
}

#[test]
fn yunhu_copy_button_with_empty_url_is_kept_with_a_warning() {
    // The official Go SDK sends `"url": ""` on every copy button, in a flat list.
    let v = yunhu_request(json!([{"text": "复制", "actionType": 2, "value": "123456", "url": ""}]), 1);
    let req: yunhu::batch_send::Request = round_trip(&v);
    assert!(req.validate().is_ok());
    assert_eq!(
        all(&req),
        vec![(
            "/content/buttons/0".to_owned(),
            Severity::Warning,
            "/content/buttons/0: warning: `url` is ignored by the vendor (because `actionType` is 2)".to_owned()
        )]
    );
    // from_json accepts it; parse_with_warnings hands the warning over.
    let (_, warnings) =
        group_msg_types::runtime::parse_with_warnings::<yunhu::batch_send::Request>(&v.to_string()).unwrap();
    assert_eq!(warnings.warnings().count(), 1);
    assert!(!warnings.has_errors());
}

#[test]
fn yunhu_link_and_report_buttons_keep_the_key_they_do_not_use() {
    let v = yunhu_request(
        json!([[{"text": "go", "actionType": 1, "url": "https://a", "value": "x"}],
               [{"text": "r", "actionType": 3, "value": "like", "url": ""}]]),
        1,
    );
    let req: yunhu::batch_send::Request = round_trip(&v);
    let got = all(&req);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "/content/buttons/0/0");
    assert!(got[0].2.ends_with("`value` is ignored by the vendor (because `actionType` is 1)"), "{got:?}");
    assert_eq!(got[1].0, "/content/buttons/1/0");
    assert!(got.iter().all(|g| g.1 == Severity::Warning));
    // The documented type is still required: a number is refused.
    let bad = yunhu_request(json!([{"text": "c", "actionType": 2, "value": "v", "url": 5}]), 1);
    let err = yunhu::batch_send::Request::from_json(&bad.to_string()).unwrap_err().to_string();
    assert!(err.contains("/content/buttons/0/url: expected a string, found the integer 5"), "{err}");
    // A key no button documents is still an error (a misspelling).
    let bad = yunhu_request(json!([{"text": "c", "actionType": 2, "value": "v", "ulr": ""}]), 1);
    let err = yunhu::batch_send::Request::from_json(&bad.to_string()).unwrap_err().to_string();
    assert!(err.contains("unknown field `ulr`"), "{err}");
}

#[test]
fn yunhu_buttons_keep_the_form_given() {
    let button = json!({"text": "复制", "actionType": 2, "value": "v"});
    let flat: yunhu::batch_send::Request = round_trip(&yunhu_request(json!([button.clone(), button.clone()]), 1));
    let rows: yunhu::batch_send::Request =
        round_trip(&yunhu_request(json!([[button.clone()], [button.clone(), button.clone()]]), 1));
    let buttons = |r: &yunhu::batch_send::Request| match &r.content_type {
        yunhu::batch_send::Content::Text(t) => t.buttons.clone().unwrap(),
        other => panic!("{other:?}"),
    };
    assert!(buttons(&flat).is_flat());
    assert_eq!(buttons(&flat).len(), 2);
    assert!(!buttons(&rows).is_flat());
    assert_eq!(buttons(&rows).len(), 3);
    // Empty: either form, the same JSON.
    let _: yunhu::batch_send::Request = round_trip(&yunhu_request(json!([]), 1));
}

#[test]
fn yunhu_buttons_of_the_wrong_shape_say_what_the_shape_is() {
    let button = json!({"text": "复制", "actionType": 2, "value": "v"});
    let cases = [
        (json!([[button.clone()], button.clone()]), "item 1 is an object in a list of rows"),
        (json!([button.clone(), [button.clone()]]), "item 1 is an array (a row) in a flat list of objects"),
        (json!(button.clone()), "a list of rows (arrays of objects) or a flat list of objects"),
        (json!(["copy"]), "an item (an object) or a row of items (an array of objects)"),
    ];
    for (buttons, want) in cases {
        let err = yunhu::batch_send::Request::from_json(&yunhu_request(buttons.clone(), 1).to_string())
            .unwrap_err()
            .to_string();
        assert!(err.contains(want), "{buttons}: {err}");
        assert!(err.starts_with("/content/buttons"), "{err}");
    }
}

#[test]
fn yunhu_builders_write_rows() {
    use yunhu::batch_send::*;
    let copy = Button {
        text: "复制".into(),
        action_type: ButtonActionType::Copy(ButtonCopy { value: "v".into(), url: None }),
    };
    let content = TextContent::builder().text("hi").buttons([vec![copy.clone()], vec![copy.clone()]]).build();
    assert_eq!(content.buttons, Some(Rows::Rows(vec![vec![copy.clone()], vec![copy]])));
    let text = serde_json::to_value(&content).unwrap();
    assert!(text["buttons"][0].is_array(), "{text}");
}

#[test]
fn yunhu_200_receivers_is_only_a_warning() {
    let at_limit: yunhu::batch_send::Request = round_trip(&yunhu_request(json!([]), 200));
    assert!(all(&at_limit).is_empty());
    let past: yunhu::batch_send::Request = round_trip(&yunhu_request(json!([]), 201));
    assert!(past.validate().is_ok());
    let got = past.validate_all();
    assert_eq!(got.len(), 1);
    let w = &got.0[0];
    assert_eq!((w.pointer.as_str(), w.severity), ("/recvIds", Severity::Warning));
    assert_eq!(w.rule, Rule::MaxItems { limit: 200, actual: 201 });
    // Empty is still an error.
    let none: yunhu::batch_send::Request = round_trip(&yunhu_request(json!([]), 0));
    assert!(none.validate().is_err());
}

// ---------------------------------------------------------------------------------------------
// qopen

fn qopen_request(item: Value) -> Value {
    json!({"robot_id": "r", "group_id": "g", "msg_id": "m", "msg_list": [item]})
}

#[test]
fn qopen_text_item_with_every_documented_key_is_kept_with_warnings() {
    let v = qopen_request(json!({"msg_num": 1, "msg_type": 1, "msg_content": "hi", "voice_time": 0,
        "href": "", "title": "", "desc": "", "at_location": 1, "at": 0, "at_contact_id_list": []}));
    let req: qopen::send_msg_to_group::Request = round_trip(&v);
    assert!(req.validate().is_ok());
    let got = all(&req);
    let keys: Vec<&str> = got.iter().map(|g| g.2.split('`').nth(1).unwrap()).collect();
    assert_eq!(keys, ["voice_time", "href", "title", "desc"], "{got:?}");
    assert!(got.iter().all(|g| g.0 == "/msg_list/0" && g.1 == Severity::Warning));
    assert!(got[0].2.ends_with("is ignored by the vendor (because `msg_type` is 1)"), "{got:?}");
}

#[test]
fn qopen_msg_content_href_and_title_are_optional() {
    for item in [
        json!({"msg_num": 1, "msg_type": 1, "at": 1}),
        json!({"msg_num": 1, "msg_type": 2, "msg_content": "https://a/icon.png"}),
        json!({"msg_num": 1, "msg_type": 6, "href": "https://a/f.pdf"}),
        json!({"msg_num": 1, "msg_type": 8, "msg_content": "e30="}),
    ] {
        let req: qopen::send_msg_to_group::Request = round_trip(&qopen_request(item.clone()));
        assert!(all(&req).is_empty(), "{item}: {:?}", all(&req));
    }
}

#[test]
fn qopen_video_needs_a_duration_of_at_most_30_seconds() {
    let video = |secs: Option<u64>| {
        let mut item = json!({"msg_num": 1, "msg_type": 4, "href": "https://a/v.mp4"});
        if let Some(s) = secs {
            item["voice_time"] = json!(s);
        }
        qopen_request(item)
    };
    let ok: qopen::send_msg_to_group::Request = round_trip(&video(Some(30)));
    assert!(all(&ok).is_empty());
    let past: qopen::send_msg_to_group::Request = round_trip(&video(Some(31)));
    let err = past.validate().unwrap_err();
    assert_eq!(err.to_string(), "/msg_list/0/voice_time: must be at most 30, found 31");
    let err = qopen::send_msg_to_group::Request::from_json(&video(None).to_string()).unwrap_err().to_string();
    assert!(err.contains("voice_time"), "{err}");
    // Voice has no 30 s limit.
    let voice =
        qopen_request(json!({"msg_num": 1, "msg_type": 5, "msg_content": "https://a/v.silk", "voice_time": 31}));
    let voice: qopen::send_msg_to_group::Request = round_trip(&voice);
    assert!(all(&voice).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Tencent

fn tencent(extra: Value) -> Value {
    let mut v = json!({"GroupId": "@TGS#2C5SZEAEF", "Random": 1, "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn tencent_errors(extra: Value) -> Vec<String> {
    let req: tencent_im::send_group_msg::Request = round_trip(&tencent(extra));
    match req.validate() {
        Ok(()) => Vec::new(),
        Err(v) => v.iter().map(|x| x.to_string()).collect(),
    }
}

#[test]
fn tencent_user_ids_are_printable_ascii_of_at_most_32_bytes() {
    let id = |n: usize| "a".repeat(n);
    /// Where a UserID goes: (field, the request part holding the ID, its pointer).
    type Place = (&'static str, fn(String) -> Value, &'static str);
    let cases: [Place; 3] = [
        ("From_Account", |s: String| json!(s), "/From_Account"),
        ("To_Account", |s: String| json!([s]), "/To_Account/0"),
        (
            "GroupAtInfo",
            |s: String| json!([{"GroupAtAllFlag": 0, "GroupAt_Account": s}]),
            "/GroupAtInfo/0/GroupAt_Account",
        ),
    ];
    for (field, value, pointer) in cases {
        assert_eq!(tencent_errors(json!({ field: value(id(32)) })), Vec::<String>::new(), "{field} at 32");
        assert_eq!(
            tencent_errors(json!({ field: value(id(33)) })),
            [format!("{pointer}: must have at most 32 characters, found 33")],
            "{field} at 33"
        );
        let errs = tencent_errors(json!({ field: value("é".to_owned()) }));
        assert_eq!(errs, [format!("{pointer}: must match the pattern `^[\\x20-\\x7e]*$`")], "{field} non-ASCII");
        assert_eq!(tencent_errors(json!({ field: value(" ~".to_owned()) })), Vec::<String>::new(), "{field} edges");
        assert_eq!(tencent_errors(json!({ field: value("\u{7f}".to_owned()) })).len(), 1, "{field} DEL");
    }
}

#[test]
fn tencent_group_ids_are_at_most_48_bytes() {
    assert_eq!(tencent_errors(json!({"GroupId": "g".repeat(48)})), Vec::<String>::new());
    assert_eq!(
        tencent_errors(json!({"GroupId": "g".repeat(49)})),
        ["/GroupId: must have at most 48 characters, found 49"]
    );
}

#[test]
fn tencent_online_only_flag_is_any_integer_and_every_value_above_0_forbids_send_msg_control() {
    let control = json!(["NoUnread"]);
    assert_eq!(tencent_errors(json!({"OnlineOnlyFlag": 0, "SendMsgControl": control})), Vec::<String>::new());
    for flag in [1u64, 2, 4294967295] {
        assert_eq!(tencent_errors(json!({ "OnlineOnlyFlag": flag })), Vec::<String>::new(), "{flag} alone");
        assert_eq!(
            tencent_errors(json!({"OnlineOnlyFlag": flag, "SendMsgControl": control})),
            ["/: `SendMsgControl` is not allowed (because `OnlineOnlyFlag` is at least 1)"],
            "{flag}"
        );
    }
    let err = tencent_im::send_group_msg::Request::from_json(&tencent(json!({"OnlineOnlyFlag": -1})).to_string())
        .unwrap_err();
    assert!(err.to_string().starts_with("/OnlineOnlyFlag"), "{err}");
}

#[test]
fn tencent_newer_fields_parse_as_documented() {
    let req: tencent_im::send_group_msg::Request = round_trip(&tencent(json!({"NeedReadReceipt": 1,
        "OfflinePushInfo": {"AndroidInfo": {"HonorImportance": "NORMAL", "MeiZuNoticeMsgType": 1, "VIVOCategory": "IM",
            "OPPOCategory": "IM", "HuaWeiImage": "https://a/h.png", "HonorImage": "https://a/o.png", "GoogleImage": "https://a/g.png"},
          "ApnsInfo": {"InterruptionLevel": "time-sensitive", "ContentAvailable": 1}}})));
    assert!(all(&req).is_empty());
    for (extra, field) in [
        (json!({"NeedReadReceipt": 2}), "/NeedReadReceipt"),
        (
            json!({"OfflinePushInfo": {"ApnsInfo": {"InterruptionLevel": "urgent"}}}),
            "/OfflinePushInfo/ApnsInfo/InterruptionLevel",
        ),
        (
            json!({"OfflinePushInfo": {"AndroidInfo": {"HonorImportance": "HIGH"}}}),
            "/OfflinePushInfo/AndroidInfo/HonorImportance",
        ),
        (
            json!({"OfflinePushInfo": {"AndroidInfo": {"MeiZuNoticeMsgType": "0"}}}),
            "/OfflinePushInfo/AndroidInfo/MeiZuNoticeMsgType",
        ),
    ] {
        let err = tencent_im::send_group_msg::Request::from_json(&tencent(extra.clone()).to_string()).unwrap_err();
        assert!(err.to_string().starts_with(field), "{extra}: {err}");
    }
}

#[test]
fn tencent_servers_include_mumbai() {
    let domain = tencent_im::send_group_msg::SERVERS[0].variables.iter().find(|v| v.name == "domain").unwrap();
    assert!(domain.values.contains(&"adminapiind.im.qcloud.com"));
}

// ---------------------------------------------------------------------------------------------
// Error codes, typed

#[test]
fn every_response_exposes_its_code_typed_with_a_retry_hint() {
    use tencent_im::send_group_msg as t;
    let r = t::Response::from_json(r#"{"ActionStatus":"FAIL","ErrorCode":10006,"ErrorInfo":"freq"}"#).unwrap();
    assert_eq!(r.error_code(), t::ErrorCode::OperationRateLimited);
    assert!(r.error_code().retry());
    for (code, retry) in [
        (10003, false),
        (10008, true),
        (10011, false),
        (10012, false),
        (10019, false),
        (10026, false),
        (70114, true),
        (70169, true),
        (70202, true),
        (70206, false),
        (70398, false),
        (70402, false),
        (70403, false),
        (70500, true),
    ] {
        let e = t::ErrorCode::from_code(code);
        assert!(!matches!(e, t::ErrorCode::Unknown(_)), "{code} is listed");
        assert_eq!(e.retry(), retry, "{code}");
    }
    let ok =
        t::Response::from_json(r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgTime":1,"MsgSeq":2}"#).unwrap();
    assert_eq!(ok.error_code(), t::ErrorCode::Success);

    let y = yunhu::batch_send::Response::from_json(r#"{"code":1007,"msg":"limited"}"#).unwrap();
    assert_eq!(y.error_code(), yunhu::batch_send::ErrorCode::RateLimited);
    assert!(y.error_code().retry());
    let y = yunhu::batch_send::Response::from_json(r#"{"code":1,"msg":"success"}"#).unwrap();
    assert_eq!(y.error_code(), yunhu::batch_send::ErrorCode::Success);

    let u = upbot::send_group_message::Response::from_json(r#"{"ret":1001,"msg":"bad","msg_seq":3}"#).unwrap();
    assert_eq!(u.error_code(), Some(upbot::send_group_message::ErrorCode::InvalidParameter));
    assert_eq!(u.msg_seq, Some(3));
    let u = upbot::send_group_message::Response::from_json(r#"{"msg":"?"}"#).unwrap();
    assert_eq!(u.error_code(), None);

    let q = qopen::send_msg_to_group::Response::from_json(r#"{"errcode":0}"#).unwrap();
    assert_eq!(q.error_code(), qopen::send_msg_to_group::ErrorCode::Success);
    let q = qopen::send_msg_to_group::Response::from_json(r#"{"errcode":-5}"#).unwrap();
    assert_eq!(q.error_code(), qopen::send_msg_to_group::ErrorCode::Unknown(-5));
}

// ---------------------------------------------------------------------------------------------
// Literal macros: warnings become compiler warnings

fn expand(api: &str, file: &str, ty: &str, body: &Value) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::fs::read_to_string(root.join(format!("../specs/{file}.json"))).unwrap();
    // The spec's id is `vendor.file`; `api` adds the operation's name in a document of several.
    let doc = file.replace('/', ".");
    let specs = [(doc.as_str(), spec.as_str())];
    let body: proc_macro2::TokenStream = body.to_string().parse().unwrap();
    let ty = quote::format_ident!("{}", ty);
    group_msg_codegen::literal::expand(
        &specs,
        quote::quote!((::group_msg_types) (::group_msg_types::x) #api request #ty #body),
    )
    .to_string()
}

#[test]
fn literal_warnings_are_deprecation_notes_and_do_not_stop_the_build() {
    let copy = yunhu_request(json!([{"text": "复制", "actionType": 2, "value": "v", "url": ""}]), 201);
    let out = expand("yunhu.bot.batch_send", "yunhu/bot", "Request", &copy);
    assert!(!out.contains("compile_error"), "{out}");
    assert_eq!(out.matches("deprecated").count(), 2, "{out}");
    assert!(out.contains("warning: `url` is ignored by the vendor (because `actionType` is 2)"), "{out}");
    assert!(out.contains("warning: must have at most 200 items, found 201"), "{out}");
    // Errors still stop it, warnings or not.
    let mut bad = copy.clone();
    bad["recvIds"] = json!([]);
    let out = expand("yunhu.bot.batch_send", "yunhu/bot", "Request", &bad);
    assert!(out.contains("compile_error") && out.contains("must have at least 1 items, found 0"), "{out}");
    // Nothing to warn about: no deprecated items.
    let clean = yunhu_request(json!([[{"text": "复制", "actionType": 2, "value": "v"}]]), 2);
    assert!(!expand("yunhu.bot.batch_send", "yunhu/bot", "Request", &clean).contains("deprecated"));
}

#[test]
#[allow(deprecated)]
fn a_literal_with_warnings_builds_the_same_value_as_from_json() {
    let literal = group_msg_types::yunhu::batch_send::request!({
        "recvIds": ["u1"], "recvType": "user", "contentType": "text",
        "content": {"text": "hi", "buttons": [{"text": "复制", "actionType": 2, "value": "v", "url": ""}]}
    });
    let parsed = yunhu::batch_send::Request::from_json(
        r#"{"recvIds":["u1"],"recvType":"user","contentType":"text","content":{"text":"hi","buttons":[{"text":"复制","actionType":2,"value":"v","url":""}]}}"#,
    )
    .unwrap();
    assert_eq!(literal, parsed);
    assert_eq!(literal.validate_all().warnings().count(), 1);
}

// ---------------------------------------------------------------------------------------------
// Differential: rows or flat, and ignored keys, against the `jsonschema` crate

fn random_button(rng: &mut Rng) -> Value {
    let action = 1 + rng.below(3) as i64;
    let (needs, other) = if action == 1 { ("url", "value") } else { ("value", "url") };
    let mut b = json!({"text": "b", "actionType": action, needs: "x"});
    match rng.below(8) {
        0 | 1 => b[other] = json!(""),
        2 => b[other] = json!(1),
        3 => {
            b.as_object_mut().unwrap().remove(needs);
        }
        4 => b["ulr"] = json!(""),
        _ => {}
    }
    b
}

fn random_buttons(rng: &mut Rng) -> Value {
    let n = rng.below(4);
    let item = |rng: &mut Rng, kind: usize| match kind {
        0 => random_button(rng),
        1 => Value::Array((0..rng.below(3)).map(|_| random_button(rng)).collect()),
        _ => json!("button"),
    };
    match rng.below(10) {
        // Flat, rows, or a mix (with junk now and then).
        0..=3 => Value::Array((0..n).map(|_| item(rng, 0)).collect()),
        4..=7 => Value::Array((0..n).map(|_| item(rng, 1)).collect()),
        8 => Value::Array(
            (0..n)
                .map(|_| {
                    let k = rng.below(3);
                    item(rng, k)
                })
                .collect(),
        ),
        _ => random_button(rng),
    }
}

#[test]
fn rows_and_ignored_keys_agree_with_the_reference() {
    // The shared reference drops `x-severity: "warning"` subschemas (they only warn).
    let reference = reference("specs/yunhu/bot.json", "TextContent");
    let mut rng = Rng(0x11_5EED);
    let (mut accepted, mut refused, mut warned) = (0, 0, 0);
    for _ in 0..2000 {
        let content = json!({"text": "t", "buttons": random_buttons(&mut rng)});
        let ours = yunhu::batch_send::TextContent::from_json(&content.to_string());
        assert_eq!(ours.is_ok(), reference.is_valid(&content), "{content}: {ours:?}");
        match ours {
            Ok(v) => {
                accepted += 1;
                // Kept as given, whichever form.
                assert_eq!(serde_json::to_value(&v).unwrap(), content);
                warned += usize::from(!v.validate_all().is_empty());
            }
            Err(_) => refused += 1,
        }
    }
    println!("TextContent buttons: {accepted} accepted ({warned} with warnings), {refused} refused, agreeing with jsonschema");
    assert!(accepted > 300 && refused > 300 && warned > 100, "{accepted} accepted, {refused} refused, {warned} warned");
}

/// YunHu's two operations live in one document and send one message type: the tagged part
/// (`contentType` + `content`) is generated once, as `Content`, because both discriminators name
/// it so with the same `oneOf`; the content, button and message-info types are shared components.
#[test]
fn yunhu_operations_share_one_content_enum_and_a_different_one_of_is_refused() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("../specs/yunhu/bot.json")).unwrap();
    let opts = group_msg_codegen::Options { strict: true, ..Default::default() };
    let out = group_msg_codegen::generate("specs/yunhu/bot.json", &text, &opts).unwrap();
    let names: Vec<&str> = out.module.types.iter().map(|t| t.name.as_str()).collect();
    for shared in ["Content", "TextContent", "ImageContent", "FileContent", "Button", "RecvType", "MessageInfo"] {
        assert_eq!(names.iter().filter(|n| **n == shared).count(), 1, "{shared} once: {names:?}");
    }
    assert!(!names.iter().any(|n| n.ends_with("RequestContentType")), "{names:?}");
    let ops: Vec<&str> = out.module.operations.iter().map(|o| o.module.as_str()).collect();
    assert_eq!(ops, ["send", "batch_send"]);
    assert!(!out.module.flat);

    // The same `x-rust-name` over a different `oneOf` (send without html) is an error there.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["components"]["schemas"]["SendRequest"]["oneOf"].as_array_mut().unwrap().pop();
    let err = group_msg_codegen::generate("bot.json", &doc.to_string(), &opts).unwrap_err().to_string();
    assert!(
        err.contains("bot.json#/components/schemas/SendRequest/discriminator")
            && err.contains("`x-rust-name` `Content` names another tagged part"),
        "{err}"
    );
    // Without the shared name, each request gets its own enum (the generator's default).
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    for r in ["SendRequest", "BatchSendRequest"] {
        doc["components"]["schemas"][r]["discriminator"].as_object_mut().unwrap().remove("x-rust-name");
    }
    let out = group_msg_codegen::generate("bot.json", &doc.to_string(), &opts).unwrap();
    let names: Vec<&str> = out.module.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"SendRequestContentType") && names.contains(&"BatchSendRequestContentType"), "{names:?}");
}
