//! Hostile input (issue 8, payloads): parsing is linear in the input whatever the key order,
//! every copy of a key is checked, numbers JSON has are read and numbers it has not are refused,
//! error lists and quotes are bounded, one depth limit holds for parsing and validation, values
//! built in Rust of any depth never overflow the stack, and no error shows a secret.

use group_msg_types::runtime::{de, from_json, ParseError, Rule, Validate, MAX_DEPTH, MAX_VIOLATIONS};
use group_msg_types::tencent_im::send_group_msg::{
    self as tencent, MsgElement, RelayMsg, TIMLocationElem, TIMRelayElem, TIMTextElem,
};
use group_msg_types::{qopen, upbot, yunhu};
use serde::de::DeserializeOwned;

/// A Tencent request whose one element is a relay nested `depth` times around a text element
/// whose `Text` is `inner` (JSON text); `content_first` puts `MsgContent` before `MsgType` at
/// every level, so each level's content is buffered until its tag.
fn relay(depth: usize, content_first: bool, inner: &str) -> String {
    let mut el = format!(r#"{{"MsgType":"TIMTextElem","MsgContent":{{"Text":{inner}}}}}"#);
    for _ in 0..depth {
        let content = format!(r#"{{"MsgList":[{{"MsgBody":[{el}]}}]}}"#);
        el = if content_first {
            format!(r#"{{"MsgContent":{content},"MsgType":"TIMRelayElem"}}"#)
        } else {
            format!(r#"{{"MsgType":"TIMRelayElem","MsgContent":{content}}}"#)
        };
    }
    format!(r#"{{"GroupId":"g","Random":1,"MsgBody":[{el}]}}"#)
}

/// The pointer of the text element's `Text` inside `depth` relays.
fn relay_pointer(depth: usize) -> String {
    format!("/MsgBody/0{}/MsgContent/Text", "/MsgContent/MsgList/0/MsgBody/0".repeat(depth))
}

fn shape<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
    match from_json::<T>(text) {
        Err(ParseError::Shape { pointer, message }) => (pointer, message),
        other => panic!("expected a shape error, got {other:?}"),
    }
}

/// Parses `text` and returns how many buffered values were converted, and how many arrays and
/// objects were read into buffered values.
fn conversions(text: &str) -> (Result<tencent::Request, ParseError>, u64, u64) {
    let (c, n) = (de::conversions(), de::buffered_containers());
    let r = from_json::<tencent::Request>(text);
    (r, de::conversions() - c, de::buffered_containers() - n)
}

// ---------------------------------------------------------------------------------------------
// Linear time

#[test]
fn the_exponential_relay_parses_at_depth_24_with_the_exact_error() {
    let text = relay(24, true, "1");
    assert!(text.len() < 2000, "{}", text.len());
    let e = from_json::<tencent::Request>(&text).unwrap_err();
    assert_eq!(
        e,
        ParseError::Shape {
            pointer: relay_pointer(24),
            message: "invalid type: integer `1`, expected a string".to_owned()
        }
    );
}

#[test]
fn the_work_of_parsing_grows_linearly_with_the_depth() {
    // Each level buffers its content once per pass; a failure adds the tracked second pass, which
    // converts every level once more (before the fix every level doubled the work: 2^24).
    // Each buffered array and object is read once per pass and handed over, not rebuilt, when a
    // value buffered inside a buffered value is converted (rebuilding made it quadratic).
    for inner in ["1", "\"ok\""] {
        let (r12, n12, c12) = conversions(&relay(12, true, inner));
        let (r24, n24, c24) = conversions(&relay(24, true, inner));
        assert_eq!(r12.is_ok(), inner != "1");
        assert_eq!(r24.is_ok(), inner != "1");
        let passes = if inner == "1" { 2 } else { 1 };
        assert_eq!(n12, 12 * passes, "depth 12");
        assert_eq!(n24, 24 * passes, "depth 24");
        // Five arrays and objects per level, one more for the text element's content.
        assert_eq!(c12, (5 * 12 + 1) * passes, "depth 12");
        assert_eq!(c24, (5 * 24 + 1) * passes, "depth 24");
    }
    // With the tag first nothing is buffered.
    let (r, n, c) = conversions(&relay(24, false, "1"));
    assert!(r.is_err());
    assert_eq!((n, c), (0, 0));
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys

fn duplicate<T: DeserializeOwned + std::fmt::Debug>(text: &str, pointer: &str, key: &str) {
    assert_eq!(
        from_json::<T>(text).unwrap_err(),
        ParseError::Shape { pointer: pointer.to_owned(), message: format!("duplicate key `{key}`") },
        "{text}"
    );
}

fn tencent_el(el: &str) -> String {
    format!(r#"{{"GroupId":"g","Random":1,"MsgBody":[{el}]}}"#)
}

#[test]
fn tencent_duplicate_keys_in_every_position() {
    type R = tencent::Request;
    // The texts are valid without the second copy.
    from_json::<R>(&tencent_el(r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}"#)).unwrap();
    // A struct field.
    duplicate::<R>(r#"{"GroupId":"g","GroupId":"h","Random":1,"MsgBody":[]}"#, "", "GroupId");
    // The tag.
    duplicate::<R>(
        &tencent_el(r#"{"MsgType":"TIMTextElem","MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}"#),
        "/MsgBody/0",
        "MsgType",
    );
    // The payload after the tag (the issue's example), before it, and on both sides.
    duplicate::<R>(
        &tencent_el(r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"},"MsgContent":{"Text":1}}"#),
        "/MsgBody/0",
        "MsgContent",
    );
    duplicate::<R>(
        &tencent_el(r#"{"MsgContent":{"Text":"hi"},"MsgContent":{"Text":"x"},"MsgType":"TIMTextElem"}"#),
        "/MsgBody/0",
        "MsgContent",
    );
    duplicate::<R>(
        &tencent_el(r#"{"MsgContent":{"Text":"hi"},"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}"#),
        "/MsgBody/0",
        "MsgContent",
    );
    // Inside a buffered value, where a `serde_json::Value` would keep the last copy.
    duplicate::<R>(
        &tencent_el(r#"{"MsgContent":{"Text":1,"Text":"hi"},"MsgType":"TIMTextElem"}"#),
        "/MsgBody/0/MsgContent",
        "Text",
    );
    // A struct field inside the payload read straight.
    duplicate::<R>(
        &tencent_el(r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"a","Text":"b"}}"#),
        "/MsgBody/0/MsgContent",
        "Text",
    );
    // `extra` maps of a response, at the top and inside a kept value.
    let ok = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0"#;
    from_json::<tencent::Response>(&format!(r#"{ok},"x":{{"a":1}}}}"#)).unwrap();
    duplicate::<tencent::Response>(&format!(r#"{ok},"x":1,"x":2}}"#), "", "x");
    duplicate::<tencent::Response>(&format!(r#"{ok},"x":{{"a":1,"a":2}}}}"#), "/x", "a");
}

#[test]
fn yunhu_duplicate_keys_in_every_position() {
    type R = yunhu::batch_send::Request;
    let button = |b: &str| {
        format!(
            r#"{{"recvIds":["1"],"recvType":"group","contentType":"text","content":{{"text":"t","buttons":[[{b}]]}}}}"#
        )
    };
    from_json::<R>(&button(r#"{"text":"go","actionType":1,"url":"https://a.example/"}"#)).unwrap();
    duplicate::<R>(
        r#"{"recvIds":["1"],"recvType":"group","recvType":"group","contentType":"text","content":{"text":"t"}}"#,
        "",
        "recvType",
    );
    duplicate::<R>(
        r#"{"recvIds":["1"],"recvType":"group","contentType":"text","contentType":"text","content":{"text":"t"}}"#,
        "",
        "contentType",
    );
    duplicate::<R>(
        r#"{"recvIds":["1"],"recvType":"group","contentType":"text","content":{"text":"t"},"content":{"text":"u"}}"#,
        "",
        "content",
    );
    duplicate::<R>(
        r#"{"recvIds":["1"],"recvType":"group","content":{"text":"t"},"content":{"text":"u"},"contentType":"text"}"#,
        "",
        "content",
    );
    // The button with two `url`s, after the tag, before it, and on both sides.
    let path = "/content/buttons/0/0";
    duplicate::<R>(
        &button(r#"{"text":"go","actionType":1,"url":"https://a.example/","url":"javascript:x"}"#),
        path,
        "url",
    );
    duplicate::<R>(
        &button(r#"{"text":"go","url":"https://a.example/","url":"javascript:x","actionType":1}"#),
        path,
        "url",
    );
    duplicate::<R>(
        &button(r#"{"text":"go","url":"https://a.example/","actionType":1,"url":"javascript:x"}"#),
        path,
        "url",
    );
    duplicate::<R>(&button(r#"{"text":"go","text":"no","actionType":1,"url":"https://a.example/"}"#), path, "text");
    let ok = r#"{"code":1,"msg":"success""#;
    from_json::<yunhu::batch_send::Response>(&format!("{ok}}}")).unwrap();
    duplicate::<yunhu::batch_send::Response>(&format!(r#"{ok},"x":1,"x":2}}"#), "", "x");
}

#[test]
fn upbot_duplicate_keys_in_every_position() {
    type R = upbot::send_group_message::Request;
    let head = r#""gid":10123,"target_id":"10802","ts":1234567890,"nonce":"123","l2_type":1"#;
    let link = |l: &str| format!(r#"{{{head},"l3_types":[4],"body":{{"content":"c","link_to_msg":[{l}]}}}}"#);
    let ext = r#""website_ext":{"url":"https://a.example/"}"#;
    from_json::<R>(&link(&format!(r#"{{"type":2,"display_name":"x",{ext}}}"#))).unwrap();
    let path = "/body/link_to_msg/0";
    duplicate::<R>(&link(&format!(r#"{{"type":2,"display_name":"x",{ext},{ext}}}"#)), path, "website_ext");
    duplicate::<R>(&link(&format!(r#"{{"display_name":"x",{ext},{ext},"type":2}}"#)), path, "website_ext");
    duplicate::<R>(&link(&format!(r#"{{"display_name":"x",{ext},"type":2,{ext}}}"#)), path, "website_ext");
    duplicate::<R>(&link(&format!(r#"{{"type":2,"type":2,"display_name":"x",{ext}}}"#)), path, "type");
    duplicate::<R>(
        &link(&format!(r#"{{"type":2,"display_name":"x","display_name":"y",{ext}}}"#)),
        path,
        "display_name",
    );
    duplicate::<R>(&format!(r#"{{{head},"l3_types":[4],"l3_types":[4],"body":{{"content":"c"}}}}"#), "", "l3_types");
    from_json::<upbot::send_group_message::Response>(r#"{"ret":0}"#).unwrap();
    duplicate::<upbot::send_group_message::Response>(r#"{"ret":0,"x":1,"x":2}"#, "", "x");
}

#[test]
fn qopen_duplicate_keys_in_every_position() {
    type R = qopen::send_msg_to_group::Request;
    let item = |i: &str| format!(r#"{{"robot_id":"r","group_id":"g","msg_id":"m","msg_list":[{i}]}}"#);
    let content = r#""msg_content":"hello""#;
    from_json::<R>(&item(&format!(r#"{{"msg_num":1,"msg_type":1,{content}}}"#))).unwrap();
    let path = "/msg_list/0";
    duplicate::<R>(
        &item(&format!(r#"{{"msg_num":1,"msg_type":1,{content},"msg_content":"bye"}}"#)),
        path,
        "msg_content",
    );
    duplicate::<R>(
        &item(&format!(r#"{{"msg_num":1,{content},"msg_content":"bye","msg_type":1}}"#)),
        path,
        "msg_content",
    );
    duplicate::<R>(
        &item(&format!(r#"{{"msg_num":1,{content},"msg_type":1,"msg_content":"bye"}}"#)),
        path,
        "msg_content",
    );
    duplicate::<R>(&item(&format!(r#"{{"msg_num":1,"msg_type":1,"msg_type":1,{content}}}"#)), path, "msg_type");
    duplicate::<R>(&item(&format!(r#"{{"msg_num":1,"msg_num":2,"msg_type":1,{content}}}"#)), path, "msg_num");
    let ok = r#"{"errcode":0,"errmsg":"","hint":"""#;
    from_json::<qopen::send_msg_to_group::Response>(&format!("{ok}}}")).unwrap();
    duplicate::<qopen::send_msg_to_group::Response>(&format!(r#"{ok},"x":1,"x":2}}"#), "", "x");
    duplicate::<qopen::send_msg_to_group::Response>(&format!(r#"{ok},"x":[{{"y":1,"y":1}}]}}"#), "/x/0", "y");
}

// ---------------------------------------------------------------------------------------------
// Numbers

#[test]
fn minus_zero_is_the_integer_zero() {
    let r = from_json::<tencent::Request>(r#"{"GroupId":"g","Random":-0,"MsgBody":[]}"#).unwrap();
    assert_eq!(r.random, 0);
    // Buffered (content before the tag) and in an integer enum.
    let text = tencent_el(r#"{"MsgContent":{"Index":-0},"MsgType":"TIMFaceElem"}"#);
    let r = from_json::<tencent::Request>(&text).unwrap();
    assert_eq!(serde_json::to_value(&r.msg_body[0]).unwrap()["MsgContent"]["Index"], 0);
    let r = from_json::<tencent::Response>(r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":-0}"#).unwrap();
    assert_eq!(serde_json::to_value(&r).unwrap()["ErrorCode"], 0);
    // -0.5 is not an integer.
    let (p, m) = shape::<tencent::Request>(r#"{"GroupId":"g","Random":-0.5,"MsgBody":[]}"#);
    assert_eq!((p.as_str(), m.as_str()), ("/Random", "invalid type: floating point `-0.5`, expected u32"));
}

#[test]
fn nan_and_infinities_never_validate() {
    let e = TIMLocationElem::builder()
        .desc("d")
        .latitude(f64::NAN)
        .longitude(f64::INFINITY)
        .build()
        .validate()
        .unwrap_err();
    let found: Vec<(&str, &Rule)> = e.iter().map(|v| (v.pointer.as_str(), &v.rule)).collect();
    assert_eq!(found, [("/Latitude", &Rule::Finite), ("/Longitude", &Rule::Finite)]);
    assert_eq!(e.iter().next().unwrap().to_string(), "/Latitude: must be a finite number");
    let mut r = from_json::<tencent::Request>(&tencent_el(
        r#"{"MsgType":"TIMLocationElem","MsgContent":{"Desc":"d","Latitude":1.5,"Longitude":2.5}}"#,
    ))
    .unwrap();
    r.validate().unwrap();
    if let MsgElement::Location(l) = &mut r.msg_body[0] {
        l.longitude = Some(f64::NEG_INFINITY);
    }
    let e = r.validate().unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert_eq!((e.0[0].pointer.as_str(), &e.0[0].rule), ("/MsgBody/0/MsgContent/Longitude", &Rule::Finite));
}

#[test]
fn a_number_out_of_range_is_a_shape_error_at_its_pointer() {
    for el in [
        r#"{"MsgType":"TIMLocationElem","MsgContent":{"Desc":"d","Latitude":1e400,"Longitude":1}}"#,
        r#"{"MsgContent":{"Desc":"d","Latitude":1e400,"Longitude":1},"MsgType":"TIMLocationElem"}"#,
    ] {
        let (p, m) = shape::<tencent::Request>(&tencent_el(el));
        assert_eq!((p.as_str(), m.as_str()), ("/MsgBody/0/MsgContent/Latitude", "number out of range"));
    }
    let (p, m) = shape::<tencent::Response>(r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"x":[1e400]}"#);
    assert_eq!((p.as_str(), m.as_str()), ("/x/0", "number out of range"));
}

// ---------------------------------------------------------------------------------------------
// Bounds

#[test]
fn the_list_of_violations_is_capped() {
    let el = MsgElement::Location(TIMLocationElem { desc: None, latitude: Some(f64::NAN), longitude: Some(0.0) });
    let r = tencent::Request::builder().group_id("g").random(1u32).msg_body(vec![el; 1500]);
    let e = r.build().unwrap_err();
    assert_eq!(e.len(), MAX_VIOLATIONS + 1);
    assert!(e.total() >= 1500, "{}", e.total());
    let last = e.iter().last().unwrap();
    assert!(matches!(last.rule, Rule::More { count } if count == e.total() - MAX_VIOLATIONS));
    let text = e.to_string();
    assert_eq!(text.lines().count(), MAX_VIOLATIONS + 1);
    assert_eq!(text.lines().last().unwrap(), format!("and {} more violations", e.total() - MAX_VIOLATIONS));
}

#[test]
fn error_text_quotes_a_short_prefix_of_any_key_or_value() {
    let big = "k".repeat(8 << 20);
    let bounded = |m: &str| {
        assert!(m.len() < 600, "{} bytes: {}", m.len(), &m[..200]);
        assert!(m.contains(&format!("{}…", "k".repeat(de::QUOTE_MAX))), "{m}");
    };
    // An unknown key (8 MB), an unknown tag, an unknown enum value, a string where a number goes.
    let (_, m) = shape::<tencent::Request>(&format!(r#"{{"{big}":1,"GroupId":"g","Random":1,"MsgBody":[]}}"#));
    bounded(&m);
    let (p, m) = shape::<tencent::Request>(&tencent_el(&format!(r#"{{"MsgType":"{big}","MsgContent":{{}}}}"#)));
    assert_eq!(p, "/MsgBody/0");
    bounded(&m);
    let (_, m) =
        shape::<tencent::Request>(&format!(r#"{{"GroupId":"g","Random":1,"MsgBody":[],"MsgPriority":"{big}"}}"#));
    bounded(&m);
    let (_, m) = shape::<tencent::Request>(&format!(r#"{{"GroupId":"g","Random":"{big}","MsgBody":[]}}"#));
    bounded(&m);
    // A key of another variant, with the tag first.
    let (_, m) = shape::<yunhu::batch_send::Request>(&format!(
        r#"{{"recvIds":["1"],"recvType":"group","contentType":"text","content":{{"text":"t","buttons":[[{{"text":"a","actionType":2,"value":"v","{big}":1}}]]}}}}"#
    ));
    bounded(&m);
}

/// A Rust-built Tencent element: a text element inside `depth` relays (built without recursion).
fn deep_element(depth: usize) -> MsgElement {
    let mut el = MsgElement::Text(TIMTextElem { text: "ok".to_owned() });
    for _ in 0..depth {
        let msg = RelayMsg {
            from_account: None,
            to_account: None,
            group_id: None,
            msg_seq: None,
            msg_random: None,
            msg_time_stamp: None,
            cloud_custom_data: None,
            msg_body: vec![el],
        };
        el = MsgElement::Relay(TIMRelayElem {
            title: None,
            msg_num: None,
            compatible_text: None,
            abstract_list: None,
            msg_list: Some(vec![msg]),
            json_msg_key: None,
        });
    }
    el
}

fn deep_request(depth: usize) -> tencent::Request {
    let mut r = from_json::<tencent::Request>(r#"{"GroupId":"g","Random":1,"MsgBody":[]}"#).unwrap();
    r.msg_body.push(deep_element(depth));
    r
}

#[test]
fn parsing_and_validation_share_one_depth_limit() {
    // Five arrays and objects per relay level, two around them and two inside: 50 levels are
    // 254 deep, 51 are 259.
    assert_eq!(MAX_DEPTH, 256);
    for content_first in [false, true] {
        for depth in [25, 50] {
            let r = from_json::<tencent::Request>(&relay(depth, content_first, "\"ok\"")).unwrap();
            assert!(r == deep_request(depth), "depth {depth}");
            r.validate().unwrap();
            assert_eq!(tencent::Request::from_json(&relay(depth, content_first, "\"ok\"")).unwrap(), r);
        }
        // The first container past the limit: the `MsgBody` array of level 51.
        let pointer =
            format!("/MsgBody/0{}/MsgContent/MsgList/0/MsgBody", "/MsgContent/MsgList/0/MsgBody/0".repeat(50));
        let e = from_json::<tencent::Request>(&relay(51, content_first, "\"ok\"")).unwrap_err();
        let message = format!("nested deeper than {MAX_DEPTH} arrays and objects (the depth limit)");
        assert_eq!(e, ParseError::Shape { pointer: pointer.clone(), message: message.clone() });
        // The same value built in Rust breaks the same limit, at the same place.
        let v = deep_request(51).validate().unwrap_err();
        assert_eq!(v.0.len(), 1);
        assert_eq!((v.0[0].pointer.as_str(), &v.0[0].rule), (pointer.as_str(), &Rule::Depth { limit: MAX_DEPTH }));
        assert_eq!(v.0[0].to_string(), format!("{pointer}: {message}"));
    }
    // A builder refuses a value past the limit.
    let MsgElement::Relay(inner) = deep_element(51) else { unreachable!() };
    let msg = RelayMsg::builder().msg_body(vec![MsgElement::Relay(inner)]).build().validate().unwrap_err();
    assert!(matches!(msg.0[0].rule, Rule::Depth { .. }), "{msg}");
}

/// Runs `f` on a thread with the 2 MiB stack a spawned thread gets by default.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn a_value_10000_levels_deep_never_overflows_the_stack() {
    on_small_stack(|| {
        let r = deep_request(10_000);
        // Debug stops at the depth limit.
        let text = format!("{r:?}");
        assert!(text.contains(".."), "{}", &text[text.len() - 100..]);
        assert!(text.len() < 200_000, "{}", text.len());
        // Serializing fails with the limit instead of recursing on.
        let e = serde_json::to_string(&r).unwrap_err();
        assert!(e.to_string().contains("the depth limit"), "{e}");
        // Validation reports the limit once, where it is passed.
        let v = r.validate().unwrap_err();
        assert_eq!(v.0.len(), 1, "{v}");
        assert_eq!(v.0[0].rule, Rule::Depth { limit: MAX_DEPTH });
        // Cloning copies every level.
        let copy = r.clone();
        let mut el = &copy.msg_body[0];
        let mut levels = 0;
        while let MsgElement::Relay(relay) = el {
            el = &relay.msg_list.as_ref().unwrap()[0].msg_body[0];
            levels += 1;
        }
        assert_eq!(levels, 10_000);
        assert_eq!(el, &MsgElement::Text(TIMTextElem { text: "ok".to_owned() }));
        // Both drop here.
        drop(copy);
        drop(r);
        // A bare element and one inside a vector drop as well.
        drop(deep_element(10_000));
        drop(vec![deep_element(10_000), deep_element(3)]);
    });
}

// ---------------------------------------------------------------------------------------------
// Secrets

const TOKEN: &str = "eJwtzM0KgkAUBeD3maVr";

/// `text` fails, and the token is nowhere in the error, however it is printed.
fn hides_token<T: DeserializeOwned + Validate + std::fmt::Debug>(text: &str) -> String {
    // (A value that parses may hold the token in another field: its `Debug` shows that field,
    // but its violations do not.)
    let e = match T::deserialize(&mut serde_json::Deserializer::from_str(text)) {
        Ok(v) => format!("{:?}", v.validate()),
        Err(e) => e.to_string(),
    };
    assert!(!e.contains(TOKEN) && !e.contains("424242424242"), "{e}");
    let e = group_msg_types::runtime::parse::<T>(text).unwrap_err();
    for shown in [e.to_string(), format!("{e:?}")] {
        assert!(!shown.contains(TOKEN) && !shown.contains("424242424242"), "{shown}");
    }
    e.to_string()
}

#[test]
fn tencent_errors_never_show_the_user_sig() {
    type Q = tencent::QueryParams;
    let q =
        |rest: &str| format!(r#"{{"sdkappid":1400000000,"identifier":"admin","random":1,"contenttype":"json"{rest}}}"#);
    from_json::<Q>(&q(&format!(r#","usersig":"{TOKEN}""#))).unwrap();
    // Of the wrong type (its kind is named, not its value).
    let e = hides_token::<Q>(&q(r#","usersig":424242424242"#));
    assert_eq!(e, "/usersig: invalid type: integer, expected a string");
    // In the wrong field, of the wrong type there.
    let e = hides_token::<Q>(&format!(
        r#"{{"sdkappid":1400000000,"identifier":"admin","random":"{TOKEN}","contenttype":"json","usersig":"x"}}"#
    ));
    assert_eq!(e, "/random: invalid type: string, expected u32");
    // In the wrong field, of the right type there: a rule names its limit, never the value.
    hides_token::<Q>(&format!(
        r#"{{"sdkappid":1400000000,"identifier":"admin","random":1,"contenttype":"{TOKEN}","usersig":"x"}}"#
    ));
    // As a key, alone and twice.
    let e = hides_token::<Q>(&q(&format!(r#","usersig":"x","{TOKEN}":1"#)));
    assert!(
        e.starts_with("/: unknown field (not shown: this object holds a secret), expected one of `sdkappid`"),
        "{e}"
    );
    hides_token::<Q>(&q(&format!(r#","{TOKEN}":1,"{TOKEN}":1"#)));
    // A known key twice is still named.
    let e = hides_token::<Q>(&q(r#","usersig":"a","usersig":"b""#));
    assert_eq!(e, "/: duplicate key `usersig`");
}

#[test]
fn yunhu_upbot_and_qopen_errors_never_show_the_token() {
    fn all<T: DeserializeOwned + Validate + std::fmt::Debug>(field: &str) {
        from_json::<T>(&format!(r#"{{"{field}":"{TOKEN}"}}"#)).unwrap();
        let e = hides_token::<T>(&format!(r#"{{"{field}":424242424242}}"#));
        assert_eq!(e, format!("/{field}: invalid type: integer, expected a string"));
        hides_token::<T>(&format!(r#"{{"{field}":["{TOKEN}"]}}"#));
        hides_token::<T>(&format!(r#"{{"{field}":"x","{TOKEN}":1}}"#));
        hides_token::<T>(&format!(r#"{{"{TOKEN}":"x"}}"#));
    }
    all::<yunhu::batch_send::QueryParams>("token");
    all::<upbot::send_group_message::HeaderParams>("Authorization");
    all::<qopen::send_msg_to_group::HeaderParams>("Token");
}

/// An unknown key is refused once its value is skipped, so text that is not JSON inside that
/// value is reported as not JSON, with the line and column of the mistake, not as the unknown
/// key. A well-formed value gets the unknown key, at the object, with the known keys.
#[test]
fn an_unknown_key_with_broken_json_is_not_json() {
    let text = "{\"GroupId\": \"@TGS#1\", \"Bogus\": [1,\n}";
    match from_json::<tencent::Request>(text) {
        Err(ParseError::NotJson { line: 2, column: 1, .. }) => {}
        other => panic!("expected not JSON at 2:1, got {other:?}"),
    }
    let (pointer, message) = shape::<tencent::Request>("{\"GroupId\": \"@TGS#1\", \"Bogus\": [1]}");
    assert_eq!(pointer, "");
    assert!(message.starts_with("unknown field `Bogus`"), "{message}");
}
