//! What `from_json` reports with and without the `report` feature (CI runs this file in the
//! default build and in the lightest one, `--no-default-features --features tencent_im`).
#![cfg(feature = "tencent_im")]

use group_msg_types::runtime::{Error, ParseError};
use group_msg_types::tencent_im::send_group_msg::Request;

/// Two problems: `Random` is a string, and the element's `MsgType` is unknown.
const BAD: &str =
    r#"{"GroupId": "@TGS#2C5SZEAEF", "Random": "7", "MsgBody": [{"MsgType": "TIMNope", "MsgContent": {}}]}"#;

#[test]
fn text_that_fails_is_reported() {
    let e = Request::from_json(BAD).unwrap_err();
    if cfg!(feature = "report") {
        // Every problem, in document order.
        let Error::Rules(list) = e else { panic!("{e:?}") };
        let pointers: Vec<&str> = list.iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(pointers, ["/Random", "/MsgBody/0/MsgType"], "{list}");
    } else {
        // The first problem of the shape, where the typed parse stopped.
        let Error::Parse(ParseError::Shape { pointer, message }) = e else { panic!("{e:?}") };
        assert_eq!(pointer, "/Random");
        assert!(message.contains("expected"), "{message}");
    }
}

#[test]
fn rules_of_text_that_parses_are_all_reported() {
    // Shape right, two rules broken: every rule in both builds.
    let text = r#"{"GroupId": "", "Random": 7, "MsgBody": []}"#;
    let e = Request::from_json(text).unwrap_err();
    let Error::Rules(list) = e else { panic!("{e:?}") };
    let pointers: Vec<&str> = list.iter().map(|v| v.pointer.as_str()).collect();
    assert_eq!(pointers, ["/GroupId", "/MsgBody"], "{list}");
}
