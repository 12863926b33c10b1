//! Every problem of a failing payload at once, in JSON's words (issue 12): per API a payload
//! with many problems of different kinds in different places, the whole report pinned; the
//! messages of the issue pinned; and a generated check over the fixtures: several independent
//! defects per payload, every defect's pointer in the report, and `from_json` refuses exactly
//! when the typed parse and `validate()` do.

use expect_test::expect;
use group_msg_tests::reference::Rng;
use group_msg_types::runtime::{self, Error, Validate};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The report of `from_json`, one problem per line (`Ok` when accepted).
fn report<T>(r: Result<T, Error>) -> String {
    match r {
        Ok(_) => "accepted".to_owned(),
        Err(Error::Parse(e)) => format!("parse error: {e}"),
        Err(Error::Rules(v)) => v.to_string(),
    }
}

fn tencent(text: &str) -> String {
    report(tencent_im::send_group_msg::Request::from_json(text))
}

#[test]
fn tencent_every_problem_at_once() {
    let text = json!({
        "GroupId": "",
        "Random": "8912345",
        "MsgBody": [
            {"MsgType": "TIMTextElm", "MsgContent": {"Text": "hi"}},
            {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "a"}},
            {"MsgType": "TIMTextElem", "MsgContent": {"Index": 1, "Data": "x"}},
            {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "b"}},
            {"MsgType": "TIMTextElem", "MsgContent": {"Text": 5}}
        ],
        "GroupID": 1,
        "OnlineOnlyFlag": -1
    })
    .to_string();
    // A duplicate key a `Value` cannot hold, spliced into the text.
    let text = text.replacen(
        "\"OnlineOnlyFlag\"",
        "\"SupportMessageExtension\":0,\"SupportMessageExtension\":1,\"OnlineOnlyFlag\"",
        1,
    );
    expect![[r#"
        /GroupId: must have at least 1 characters, found 0
        /Random: expected an integer from 0 to 4294967295, found the string "8912345" (remove the quotes)
        /MsgBody: at most 1 element with `MsgType` `TIMCustomElem`, found 2 (at /MsgBody/1 and /MsgBody/3)
        /MsgBody/0/MsgType: must be one of "TIMTextElem", "TIMLocationElem", "TIMFaceElem", "TIMCustomElem", "TIMSoundElem", "TIMImageElem", "TIMFileElem", "TIMVideoFileElem", "TIMRelayElem"; did you mean "TIMTextElem"?
        /MsgBody/2/MsgType: `MsgContent` has the fields of `TIMFaceElem`; did you mean `MsgType`: `TIMFaceElem`?
        /MsgBody/4/MsgContent/Text: expected a string, found the integer 5 (put it in quotes)
        /: `GroupID` is not allowed; did you mean `GroupId`?
        /: duplicate key `SupportMessageExtension`
        /OnlineOnlyFlag: must be at least 0, found -1"#]].assert_eq(&tencent(&text));
}

#[test]
fn tencent_issue_messages() {
    // A quoted integer.
    let text = r#"{"GroupId":"g","Random":"8912345","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
    expect![[r#"/Random: expected an integer from 0 to 4294967295, found the string "8912345" (remove the quotes)"#]]
        .assert_eq(&tencent(text));
    // Two custom elements: what is counted, and where (the typed parse succeeds: only a rule).
    let text = r#"{"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"}},{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x"}},{"MsgType":"TIMTextElem","MsgContent":{"Text":"b"}},{"MsgType":"TIMCustomElem","MsgContent":{"Data":"y"}}]}"#;
    expect!["/MsgBody: at most 1 element with `MsgType` `TIMCustomElem`, found 2 (at /MsgBody/1 and /MsgBody/3)"]
        .assert_eq(&tencent(text));
    // The content of another tag.
    let text =
        r#"{"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Index":1,"Data":"x"}}]}"#;
    expect!["/MsgBody/0/MsgType: `MsgContent` has the fields of `TIMFaceElem`; did you mean `MsgType`: `TIMFaceElem`?"]
        .assert_eq(&tencent(text));
    // An unknown tag, an unknown enum value, an unknown key: did you mean.
    let text = r#"{"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElm","MsgContent":{"Text":"a"}}],"MsgPriority":"Norml","GroupID":"x"}"#;
    expect![[r#"
        /MsgBody/0/MsgType: must be one of "TIMTextElem", "TIMLocationElem", "TIMFaceElem", "TIMCustomElem", "TIMSoundElem", "TIMImageElem", "TIMFileElem", "TIMVideoFileElem", "TIMRelayElem"; did you mean "TIMTextElem"?
        /MsgPriority: must be one of "High", "Normal", "Low"; did you mean "Normal"?
        /: `GroupID` is not allowed; did you mean `GroupId`?"#]].assert_eq(&tencent(text));
    // Not JSON: one syntax error with its line and column.
    expect!["parse error: not JSON: key must be a string at line 2 column 14"]
        .assert_eq(&tencent("{\"GroupId\": \"g\",\n \"Random\": 1,,}"));
}

#[test]
fn yunhu_every_problem_at_once() {
    let text = json!({
        "recvIds": ["307149245", 665344168],
        "recvType": "grup",
        "contentType": "text",
        "content": {"text": 1, "buttons": [[{"text": "a", "actionType": 4, "value": "x"}]]},
        "extra": true
    })
    .to_string();
    expect![[r#"
        /recvIds/1: expected a string, found the integer 665344168 (put it in quotes)
        /recvType: must be one of "user", "group"; did you mean "group"?
        /content/text: expected a string, found the integer 1 (put it in quotes)
        /content/buttons/0/0/actionType: must be one of 1, 2, 3
        /: `extra` is not allowed"#]]
    .assert_eq(&report(yunhu::batch_send::Request::from_json(&text)));
}

#[test]
fn upbot_every_problem_at_once() {
    let text = json!({
        "gid": "10123",
        "target_id": 10802,
        "l2_type": 7,
        "ts": -1,
        "body": {
            "content": "x",
            "pic_info": [{"uuid": "u", "image_format": 1, "image_info_array": [{"url": "http://x", "type": 2, "size": "1"}]}],
            "link_to_msg": [{"type": 2, "display_name": "site", "website_ext": {"url": "http://www.example.com/"}}],
            "contnet": "y"
        }
    })
    .to_string();
    expect![[r#"
        /: `nonce` is required
        /gid: expected an integer of at least 0, found the string "10123" (remove the quotes)
        /target_id: expected a string, found the integer 10802 (put it in quotes)
        /l2_type: must be one of 1, 2, 3, 8, 12
        /ts: must be at least 0, found -1
        /body/pic_info/0/image_info_array/0/size: expected an integer of at least 0, found the string "1" (remove the quotes)
        /body/link_to_msg/0/website_ext/url: must be an https:// URL
        /body: `contnet` is not allowed; did you mean `content`?"#]].assert_eq(&report(upbot::send_group_message::Request::from_json(&text)));
}

#[test]
fn qopen_every_problem_at_once() {
    let text = json!({
        "robot_id": 20398,
        "group_id": "R:10696051748281",
        "dead_line": "1740039677",
        "msg_list": [
            {"msg_num": 1, "msg_type": 1, "msg_content": "hi"},
            {"msg_num": 3, "msg_type": 9, "msg_content": "x"},
            {"msg_num": 3, "msg_type": 4, "msg_content": "https://example.com/c.jpg", "href": "ftp://x", "voice_time": 30, "titel": "t"}
        ]
    })
    .to_string();
    expect![[r#"
        /: `msg_id` is required
        /robot_id: expected a string, found the integer 20398 (put it in quotes)
        /dead_line: expected an integer of at least 0, found the string "1740039677" (remove the quotes)
        /msg_list/1: `msg_num` must be 2, found 3
        /msg_list/1/msg_type: must be one of 1, 2, 3, 4, 5, 6, 7, 8, 17
        /msg_list/2: `titel` is not allowed"#]]
    .assert_eq(&report(qopen::send_msg_to_group::Request::from_json(&text)));
}

// ---------------------------------------------------------------------------------------------
// Generated: independent defects in valid fixtures

/// Every place of a valid payload where a defect can go (the pointer the report must name, or a
/// pointer inside it), with the value there.
fn defects(v: &Value, out: &mut Vec<(String, Value)>, at: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push((p.clone(), x.clone()));
                defects(x, out, &p);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push((p.clone(), x.clone()));
                defects(x, out, &p);
            }
        }
        _ => {}
    }
}

/// A value of another JSON type than `v`, or an unknown key's worth of change.
fn wrong(v: &Value, rng: &mut Rng) -> Value {
    match (v, rng.below(3)) {
        (Value::String(s), 0) => json!(s.len() as u64 + 1_000_000),
        (Value::String(_), _) => json!([true]),
        (Value::Number(n), 0) => json!(n.to_string()),
        (Value::Number(_), _) => json!({"x": 1}),
        (Value::Bool(_), _) => json!("yes"),
        (Value::Null, _) => json!(1),
        (Value::Array(_), _) => json!("not an array"),
        (Value::Object(_), _) => json!(7),
    }
}

/// Sets the value at `pointer` (its parent exists).
fn set(v: &mut Value, pointer: &str, x: Value) {
    if let Some(slot) = v.pointer_mut(pointer) {
        *slot = x;
    }
}

fn unrelated(a: &str, b: &str) -> bool {
    !(a == b || a.starts_with(&format!("{b}/")) || b.starts_with(&format!("{a}/")))
}

/// Whether today's decision (typed parse, then `validate()`) refuses `text`.
fn refused<T: DeserializeOwned + Validate>(text: &str) -> bool {
    runtime::parse::<T>(text).is_err()
}

fn generated<T: DeserializeOwned + Validate>(api: &str, ty: &str, from_json: fn(&str) -> Result<T, Error>) {
    let manifest: Vec<Value> =
        serde_json::from_str(include_str!("../fixtures/manifest.json")).expect("the manifest is JSON");
    let mut rng = Rng::new(0x12_2026);
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in &manifest {
        let ok = entry["expect"] == "ok" && entry["part"] == "request" && entry["type"] == ty;
        if !ok || entry["api"].as_str().is_none_or(|a| a != api) {
            continue;
        }
        let path = format!("{}/../fixtures/{}", env!("CARGO_MANIFEST_DIR"), entry["file"].as_str().unwrap_or(""));
        let path = path.replace("/tests/../fixtures", "/tests/fixtures");
        let whole: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("JSON");
        let base = whole.pointer(entry["pointer"].as_str().unwrap_or("")).cloned().expect("the fixture's pointer");
        let mut places = Vec::new();
        defects(&base, &mut places, "");
        if places.is_empty() {
            continue;
        }
        for _ in 0..40 {
            // Three independent defects: none inside another.
            let mut chosen: Vec<String> = Vec::new();
            let mut payload = base.clone();
            for _ in 0..12 {
                if chosen.len() == 3 {
                    break;
                }
                let (p, x) = &places[rng.below(places.len())];
                if chosen.iter().all(|c| unrelated(c, p)) {
                    set(&mut payload, p, wrong(x, &mut rng));
                    chosen.push(p.clone());
                }
            }
            let text = payload.to_string();
            let got = from_json(&text);
            checked += 1;
            if got.is_err() != refused::<T>(&text) {
                failures.push(format!("{text}: from_json {} but today's check {}", got.is_err(), refused::<T>(&text)));
                continue;
            }
            let Err(Error::Rules(list)) = got else { continue };
            // Each defect that today's check refuses on its own is named (at it, or inside it,
            // or at its object for a key).
            for p in &chosen {
                let mut alone = base.clone();
                set(&mut alone, p, payload.pointer(p).cloned().unwrap_or(Value::Null));
                if !refused::<T>(&alone.to_string()) {
                    continue;
                }
                // A union's tag decides its content's schema: a problem of the tag stands for
                // the content's too.
                let tag_of = |q: &str| {
                    chosen.iter().any(|c| c == q)
                        && q.rsplit_once('/').is_some_and(|(o, _)| p.starts_with(&format!("{o}/")))
                };
                let named = list.iter().any(|v| !unrelated(&v.pointer, p) || tag_of(&v.pointer));
                if !named {
                    failures.push(format!("{text}: the defect at {p} is not reported:\n{list}"));
                }
            }
        }
    }
    assert!(checked > 0, "{api}: no fixture");
    assert!(failures.is_empty(), "{api}: {} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn generated_defects_are_all_reported() {
    generated("tencent_im.send_group_msg", "SendGroupMsgRequest", tencent_im::send_group_msg::Request::from_json);
    generated("yunhu.batch_send", "BatchSendRequest", yunhu::batch_send::Request::from_json);
    generated("yunhu.send", "SendRequest", yunhu::send::Request::from_json);
    generated("upbot.send_group_message", "MessageBody", upbot::send_group_message::MessageBody::from_json);
    generated("qopen.send_msg_to_group", "SendMsgToGroupRequest", qopen::send_msg_to_group::Request::from_json);
}
