//! Every JSON example of the vendor docs (`tests/fixtures/manifest.json`): the ones that follow
//! the doc's tables parse into their type and serialize back to equal JSON; the ones that
//! contradict them are rejected with an error naming the field; text that is not JSON is
//! reported as such.

use group_msg_types::runtime::{from_json, ParseError};
use serde_json::Value;

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    api: String,
    #[serde(rename = "type")]
    ty: String,
    pointer: String,
    expect: String,
    reject_pointers: Vec<String>,
    /// The pointers of the warnings an accepted whole-file fixture gives (one per warning, in
    /// order; none when absent); it must also have no errors.
    #[serde(default)]
    warnings: Option<Vec<String>>,
}

/// Parses `text` as `ty` of `api`: its violations as (pointer, is warning, message), or `None`
/// when it does not parse.
fn violations(api: &str, ty: &str, text: &str) -> Option<Vec<(String, bool, String)>> {
    macro_rules! table {
        ($($api:literal => $vendor:ident::$module:ident [$($t:ident),*];)*) => {
            match (api, ty) {
                $($(($api, stringify!($t)) => {
                    let v: group_msg_types::$vendor::$module::$t = from_json(text).ok()?;
                    v.validate_all()
                })*)*
                _ => panic!("the manifest names an unknown type {api} {ty}"),
            }
        };
    }
    let all = table! {
        "tencent_im.send_group_msg" => tencent_im::send_group_msg [SendGroupMsgRequest, SendGroupMsgResponse];
        "yunhu.batch_send" => yunhu::batch_send [BatchSendRequest, BatchSendResponse];
        "yunhu.send" => yunhu::send [SendRequest, SendResponse];
        "upbot.send_group_message" => upbot::send_group_message [SendGroupMessageRequest, MessageBody, SendGroupMessageResponse];
        "qopen.send_msg_to_group" => qopen::send_msg_to_group [SendMsgToGroupRequest, SendMsgToGroupResponse, SendResultCallback];
    };
    Some(all.iter().map(|v| (v.pointer.clone(), v.is_warning(), v.to_string())).collect())
}

/// Parses `text` as the type `ty` of `api` and serializes it back.
fn roundtrip(api: &str, ty: &str, text: &str) -> Result<Value, ParseError> {
    macro_rules! table {
        ($($api:literal => $vendor:ident::$module:ident [$($t:ident),*];)*) => {
            match (api, ty) {
                $($(($api, stringify!($t)) => {
                    let v: group_msg_types::$vendor::$module::$t = from_json(text)?;
                    Ok(serde_json::to_value(&v).expect("serializes"))
                })*)*
                _ => panic!("the manifest names an unknown type {api} {ty}"),
            }
        };
    }
    table! {
        "tencent_im.send_group_msg" => tencent_im::send_group_msg [SendGroupMsgRequest, SendGroupMsgResponse];
        "yunhu.batch_send" => yunhu::batch_send [BatchSendRequest, BatchSendResponse];
        "yunhu.send" => yunhu::send [SendRequest, SendResponse];
        "upbot.send_group_message" => upbot::send_group_message [SendGroupMessageRequest, MessageBody, SendGroupMessageResponse];
        "qopen.send_msg_to_group" => qopen::send_msg_to_group [SendMsgToGroupRequest, SendMsgToGroupResponse, SendResultCallback];
    }
}

#[test]
fn every_seed_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let manifest: Vec<Entry> =
        serde_json::from_str(&std::fs::read_to_string(root.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest.len() >= 35, "every example of the seeds is a fixture");
    let mut failures = Vec::new();
    for e in &manifest {
        let text = std::fs::read_to_string(root.join(&e.file)).unwrap();
        if e.expect == "not_json" {
            match from_json::<Value>(&text) {
                Err(ParseError::NotJson { line, .. }) if line > 0 => {}
                other => failures.push(format!("{}: expected a not-JSON error, got {other:?}", e.file)),
            }
            continue;
        }
        let (text, original) = if e.pointer.is_empty() {
            let v: Value = serde_json::from_str(&text).unwrap();
            (text, v)
        } else {
            let whole: Value = serde_json::from_str(&text).unwrap();
            let part = whole.pointer(&e.pointer).unwrap_or_else(|| panic!("{}: no {}", e.file, e.pointer)).clone();
            (part.to_string(), part)
        };
        match (e.expect.as_str(), roundtrip(&e.api, &e.ty, &text)) {
            ("ok", Ok(back)) => {
                if back != original {
                    failures.push(format!("{}: serialized back to different JSON:\n{back}\n{original}", e.file));
                }
            }
            ("ok", Err(err)) => failures.push(format!("{}: rejected: {err}", e.file)),
            ("reject", Ok(_)) => failures.push(format!("{}: accepted, but it contradicts the tables", e.file)),
            ("reject", Err(ParseError::Shape { pointer, message })) => {
                let pointer = format!("{}{}", e.pointer, pointer);
                // The error is at the field, or at its object with the field named.
                let named = e.reject_pointers.iter().any(|rp| {
                    *rp == pointer
                        || rp
                            .rsplit_once('/')
                            .is_some_and(|(obj, key)| obj == pointer && message.contains(&format!("`{key}`")))
                });
                if !named {
                    failures.push(format!(
                        "{}: error `{pointer}: {message}` names none of {:?}",
                        e.file, e.reject_pointers
                    ));
                }
            }
            (want, got) => failures.push(format!("{}: expected {want}, got {got:?}", e.file)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_wrong_type_names_the_field() {
    let text = r#"{"gid": "10123", "target_id": "1", "l2_type": 1, "ts": 1, "nonce": "n"}"#;
    let err = from_json::<group_msg_types::upbot::send_group_message::Request>(text).unwrap_err();
    let ParseError::Shape { pointer, message } = err else { panic!("{err:?}") };
    assert_eq!(pointer, "/gid");
    assert!(message.contains("invalid type: string \"10123\""), "{message}");
}

#[test]
fn a_misspelt_key_gets_a_suggestion() {
    let text = r#"{"GroupID": "@TGS#1", "Random": 1, "MsgBody": []}"#;
    let err = from_json::<group_msg_types::tencent_im::send_group_msg::Request>(text).unwrap_err();
    assert_eq!(err.to_string(), "/: unknown field `GroupID`, did you mean `GroupId`?");
}

#[test]
fn an_error_inside_a_buffered_union_payload_keeps_its_path() {
    // MsgContent before MsgType: the payload is buffered until the tag is known.
    let text =
        r#"{"GroupId": "g", "Random": 1, "MsgBody": [{"MsgContent": {"Index": "six"}, "MsgType": "TIMFaceElem"}]}"#;
    let err = from_json::<group_msg_types::tencent_im::send_group_msg::Request>(text).unwrap_err();
    let ParseError::Shape { pointer, message } = err else { panic!("{err:?}") };
    assert_eq!(pointer, "/MsgBody/0/MsgContent/Index");
    assert!(message.contains("invalid type: string \"six\""), "{message}");
}

#[test]
fn fixtures_give_exactly_their_warnings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let manifest: Vec<Entry> =
        serde_json::from_str(&std::fs::read_to_string(root.join("manifest.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in manifest.iter().filter(|e| e.expect == "ok" && e.pointer.is_empty()) {
        // Without a list: no warnings.
        let want = e.warnings.clone().unwrap_or_default();
        let text = std::fs::read_to_string(root.join(&e.file)).unwrap();
        let Some(found) = violations(&e.api, &e.ty, &text) else {
            failures.push(format!("{}: does not parse", e.file));
            continue;
        };
        checked += 1;
        let errors: Vec<&String> = found.iter().filter(|v| !v.1).map(|v| &v.2).collect();
        let warnings: Vec<String> = found.iter().filter(|v| v.1).map(|v| v.0.clone()).collect();
        if !errors.is_empty() {
            failures.push(format!("{}: errors {errors:?}", e.file));
        }
        if warnings != want {
            let all: Vec<&String> = found.iter().map(|v| &v.2).collect();
            failures.push(format!("{}: warnings at {warnings:?}, expected {want:?}: {all:?}", e.file));
        }
    }
    assert!(checked >= 35, "only {checked} whole-file fixtures are accepted");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
