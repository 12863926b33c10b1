//! Support of the group-msg benchmarks (`cargo bench -p group-msg-benches`, results in
//! `BENCHMARKS.md`): deterministic payloads of every API ([`payloads`]), the hand-written serde
//! baseline of the Tencent request ([`handwritten`]), and the reference `jsonschema` validator
//! over each spec ([`reference`]).
//!
//! The unit tests keep the payloads honest: their sizes, that the valid ones are valid for the
//! generated types, the hand-written baseline and `jsonschema` alike, and that each invalid one
//! breaks exactly two rules.

pub mod handwritten;
pub mod json;
pub mod payloads;

pub use payloads::Payloads;

use serde_json::{json, Value};

/// One API under benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    /// The API id, as in `tests/fixtures/manifest.json` (`tencent_im.send_group_msg`).
    pub id: &'static str,
    /// The spec's path from the workspace root.
    pub spec_path: &'static str,
    /// The spec's text.
    pub spec: &'static str,
    /// The request's schema in `components.schemas`.
    pub request_schema: &'static str,
    /// Its payloads.
    pub payloads: fn() -> Payloads,
}

/// Every API, in the order of the tables.
pub const APIS: [Api; 4] = [
    Api {
        id: "tencent_im.send_group_msg",
        spec_path: "specs/tencent_im/send_group_msg.json",
        spec: include_str!("../../specs/tencent_im/send_group_msg.json"),
        request_schema: "SendGroupMsgRequest",
        payloads: payloads::tencent,
    },
    Api {
        id: "yunhu.batch_send",
        spec_path: "specs/yunhu/bot.json",
        spec: include_str!("../../specs/yunhu/bot.json"),
        request_schema: "BatchSendRequest",
        payloads: payloads::yunhu,
    },
    Api {
        id: "upbot.send_group_message",
        spec_path: "specs/upbot/send_group_message.json",
        spec: include_str!("../../specs/upbot/send_group_message.json"),
        request_schema: "SendGroupMessageRequest",
        payloads: payloads::upbot,
    },
    Api {
        id: "qopen.send_msg_to_group",
        spec_path: "specs/qopen/send_msg_to_group.json",
        spec: include_str!("../../specs/qopen/send_msg_to_group.json"),
        request_schema: "SendMsgToGroupRequest",
        payloads: payloads::qopen,
    },
];

/// The workspace root.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(std::path::Path::to_path_buf).unwrap_or_default()
}

/// `format: https-uri` as `specs/README.md` defines it (an absolute `https://` URL with a host),
/// for the reference validator, as in the differential tests.
fn is_https_uri(s: &str) -> bool {
    let Some(rest) = s.get(..8).filter(|p| p.eq_ignore_ascii_case("https://")).and_then(|_| s.get(8..)) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("").rsplit('@').next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !s.contains(char::is_whitespace)
}

/// The reference JSON Schema 2020-12 validator of `api`'s request: the whole spec document with
/// a root `$ref` to the request schema, formats checked. Build it once: building is the slow part.
///
/// # Panics
/// When `jsonschema` refuses the spec (it accepts every spec of the workspace).
pub fn reference(api: &Api) -> jsonschema::Validator {
    let mut doc: Value = serde_json::from_str(api.spec).expect("the spec is JSON");
    drop_warnings(&mut doc);
    doc["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    doc["$ref"] = json!(format!("#/components/schemas/{}", api.request_schema));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_format("https-uri", is_https_uri)
        .build(&doc)
        .unwrap_or_else(|e| panic!("{}: jsonschema refuses the spec: {e}", api.spec_path))
}

/// Replaces every subschema marked `x-severity: "warning"` by `true`: its rules only warn, so
/// the reference of what is refused must not see them.
fn drop_warnings(v: &mut Value) {
    match v {
        Value::Object(o) if o.get("x-severity").and_then(Value::as_str) == Some("warning") => *v = Value::Bool(true),
        Value::Object(o) => o.values_mut().for_each(drop_warnings),
        Value::Array(a) => a.iter_mut().for_each(drop_warnings),
        _ => {}
    }
}

/// Our compiled validator (`group_msg_rules::schema`) of `api`'s request schema, in its spec
/// document (`$ref`s resolve against it).
///
/// # Panics
/// When it refuses the spec (it accepts every spec of the workspace).
pub fn compiled(api: &Api) -> group_msg_rules::schema::Validator {
    let doc: Value = serde_json::from_str(api.spec).expect("the spec is JSON");
    group_msg_rules::schema::Validator::compile(&doc, &format!("/components/schemas/{}", api.request_schema))
        .unwrap_or_else(|e| panic!("{}: the compiled validator refuses the spec: {e:?}", api.spec_path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use group_msg_types::runtime::{self, Error, Validate};
    use group_msg_types::{qopen, tencent_im, upbot, yunhu};
    use serde::de::DeserializeOwned;

    /// What the generated types say about `text`: `Ok(())`, the violations' pointers, or the
    /// parse error.
    fn ours<T: DeserializeOwned + Validate>(text: &str) -> Result<(), Result<Vec<String>, String>> {
        match runtime::parse::<T>(text) {
            Ok(_) => Ok(()),
            Err(Error::Rules(v)) => Err(Ok(v.iter().map(|v| v.pointer.clone()).collect())),
            Err(Error::Parse(e)) => Err(Err(e.to_string())),
        }
    }

    fn check_generated(id: &str, text: &str) -> Result<(), Result<Vec<String>, String>> {
        match id {
            "tencent_im.send_group_msg" => ours::<tencent_im::send_group_msg::Request>(text),
            "yunhu.batch_send" => ours::<yunhu::batch_send::Request>(text),
            "upbot.send_group_message" => ours::<upbot::send_group_message::Request>(text),
            "qopen.send_msg_to_group" => ours::<qopen::send_msg_to_group::Request>(text),
            _ => unreachable!(),
        }
    }

    #[test]
    fn payload_sizes() {
        for api in &APIS {
            let p = (api.payloads)();
            assert!((200..=400).contains(&p.small.len()), "{}: small is {} bytes", api.id, p.small.len());
            assert!((11_000..=13_000).contains(&p.large.len()), "{}: large is {} bytes", api.id, p.large.len());
            assert!(p.large.contains("\\u") && p.large.contains("\\\""), "{}: large has no escapes", api.id);
            assert!(p.invalid.len() + 2_000 > p.large.len(), "{}: invalid is not the large payload", api.id);
        }
    }

    #[test]
    fn payloads_are_deterministic() {
        for api in &APIS {
            let (a, b) = ((api.payloads)(), (api.payloads)());
            assert_eq!((a.small, a.large, a.invalid), (b.small, b.large, b.invalid), "{}", api.id);
        }
    }

    #[test]
    fn valid_payloads_are_valid_for_everyone() {
        for api in &APIS {
            let p = (api.payloads)();
            let reference = reference(api);
            for (name, text) in [("small", &p.small), ("large", &p.large)] {
                assert_eq!(check_generated(api.id, text), Ok(()), "{} {name}", api.id);
                let value: Value = serde_json::from_str(text).unwrap();
                let errors: Vec<String> = reference.iter_errors(&value).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{} {name}: jsonschema: {errors:?}", api.id);
                let mut problems = Vec::new();
                compiled(api).validate(&value, &mut problems);
                assert!(problems.is_empty(), "{} {name}: schema::Validator: {problems:?}", api.id);
            }
        }
    }

    #[test]
    fn large_tencent_message_body_fits_12k() {
        let p = payloads::tencent();
        let request = tencent_im::send_group_msg::Request::from_json(&p.large).unwrap();
        let bytes = serde_json::to_vec(&request.msg_body).unwrap().len();
        assert!((8_000..=12_288).contains(&bytes), "MsgBody is {bytes} bytes");
        assert!(request.msg_body.len() >= 30, "{} elements", request.msg_body.len());
    }

    #[test]
    fn handwritten_baseline_agrees() {
        let p = payloads::tencent();
        for text in [&p.small, &p.large] {
            let request: handwritten::SendGroupMsgRequest = serde_json::from_str(text).unwrap();
            assert_eq!(request.check(), Ok(()));
            // Both write the same JSON.
            let generated = tencent_im::send_group_msg::Request::from_json(text).unwrap();
            assert_eq!(serde_json::to_string(&request).unwrap(), serde_json::to_string(&generated).unwrap());
        }
        let invalid: handwritten::SendGroupMsgRequest = serde_json::from_str(&p.invalid).unwrap();
        let pointers: Vec<String> = invalid.check().unwrap_err().into_iter().map(|v| v.pointer).collect();
        assert_eq!(pointers, ["/MsgBody/1/MsgContent/Download_Flag", "/GroupAtInfo/29"]);
        // The ID rules, as the generated `validate()` has them.
        let mut bad: handwritten::SendGroupMsgRequest = serde_json::from_str(&p.small).unwrap();
        bad.group_id = "群".into();
        bad.from_account = Some("x".repeat(33));
        let pointers: Vec<String> = bad.check().unwrap_err().into_iter().map(|v| v.pointer).collect();
        assert_eq!(pointers, ["/GroupId", "/From_Account"]);
    }

    /// Each invalid payload breaks two rules, one near its start and one near its end; the
    /// generated types list both (YunHu: see below), and so does `jsonschema`.
    #[test]
    fn invalid_payloads_break_two_rules_far_apart() {
        let expected: [(&str, &[&str]); 3] = [
            ("tencent_im.send_group_msg", &["/MsgBody/1/MsgContent/Download_Flag", "/GroupAtInfo/29"]),
            ("upbot.send_group_message", &["/body/at_msg", "/body/link_to_msg/26/website_ext/url"]),
            ("qopen.send_msg_to_group", &["/msg_list/0/ats", "/msg_list/19"]),
        ];
        for api in &APIS {
            let p = (api.payloads)();
            let value: Value = serde_json::from_str(&p.invalid).unwrap();
            let reference: Vec<String> =
                reference(api).iter_errors(&value).map(|e| e.instance_path().as_str().to_owned()).collect();
            assert_eq!(reference.len(), 2, "{}: jsonschema: {reference:?}", api.id);
            // The compiled validator finds the same two places, or a place inside one: a tagged
            // union is reported by the branch its tag names (`/MsgBody/1/MsgContent/Download_Flag`
            // where `jsonschema` says `oneOf` failed at `/MsgBody/1`).
            let mut problems = Vec::new();
            compiled(api).validate(&value, &mut problems);
            let mut ours_at: Vec<String> = problems.iter().map(|p| p.instance.clone()).collect();
            let mut theirs_at = reference.clone();
            ours_at.sort();
            theirs_at.sort();
            assert_eq!(ours_at.len(), theirs_at.len(), "{}: schema::Validator: {problems:?}", api.id);
            for (ours, theirs) in ours_at.iter().zip(&theirs_at) {
                assert!(
                    ours == theirs || ours.starts_with(&format!("{theirs}/")),
                    "{}: schema::Validator at {ours}, jsonschema at {theirs}: {problems:?}",
                    api.id
                );
            }
            let ours = check_generated(api.id, &p.invalid);
            match expected.iter().find(|(id, _)| *id == api.id) {
                Some((_, pointers)) => assert_eq!(ours, Err(Ok(pointers.iter().map(|s| s.to_string()).collect()))),
                // YunHu: both breaks are shape errors, and parsing stops at the first one.
                None => {
                    assert_eq!(
                        ours,
                        Err(Err("/recvIds/0: invalid type: integer `307149245`, expected a string".to_owned())),
                        "{}",
                        api.id
                    )
                }
            }
        }
    }
}
