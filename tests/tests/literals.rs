//! Compile-time literals build the same values as parsing the vendors' examples, and a literal
//! with Rust expressions defers the rules on them to run time.

use group_msg_types::{qopen, tencent_im, upbot, yunhu};

fn fixture<T: serde::de::DeserializeOwned + group_msg_types::runtime::Validate>(file: &str) -> T {
    let text = std::fs::read_to_string(format!("{}/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    group_msg_types::runtime::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn tencent_literal_equals_the_parsed_example() {
    let literal = tencent_im::send_group_msg::request!({
        "GroupId": "@TGS#2C5SZEAEF",
        "Random": 8912345,
        "MsgBody": [
            {"MsgType": "TIMTextElem", "MsgContent": {"Text": "red packet"}},
            {"MsgType": "TIMFaceElem", "MsgContent": {"Index": 6, "Data": "abc\u{0}\u{1}"}}
        ],
        "CloudCustomData": "your cloud custom data",
        "SupportMessageExtension": 0,
        "OfflinePushInfo": {
            "PushFlag": 0,
            "Desc": "离线推送内容",
            "Ext": "这是透传的内容",
            "AndroidInfo": {"Sound": "android.mp3"},
            "ApnsInfo": {"Sound": "apns.mp3", "BadgeMode": 1, "Title": "apns title", "SubTitle": "apns subtitle", "Image": "www.image.com"}
        }
    });
    let parsed: tencent_im::send_group_msg::Request = fixture("tencent_im/01_basic.json");
    assert_eq!(literal, parsed);
    let response = tencent_im::send_group_msg::response!({
        "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "MsgTime": 1497249503, "MsgSeq": 1, "MsgDropReason": "MsgFreqCtrl"
    });
    let parsed: tencent_im::send_group_msg::Response = fixture("tencent_im/09_response.json");
    assert_eq!(response, parsed);
}

#[test]
fn yunhu_literal_equals_the_parsed_example() {
    let literal = yunhu::batch_send::request!({
        "recvIds": ["307149245", "665344168"],
        "recvType": "group",
        "contentType": "text",
        "content": {
            "text": "这里是消息内容",
            "buttons": [[
                {"text": "复制", "actionType": 2, "value": "xxxx"},
                {"text": "点击跳转", "actionType": 1, "url": "http://www.baidu.com"}
            ]]
        }
    });
    let parsed: yunhu::batch_send::Request = fixture("yunhu/02_text_request.json");
    assert_eq!(literal, parsed);
}

#[test]
fn yunhu_send_literal_equals_the_parsed_example_and_shares_batch_sends_types() {
    // `bot/send`, the second operation of `specs/yunhu/bot.json`: its own literal macros.
    let literal = yunhu::send::request!({
        "recvId": "7058262",
        "recvType": "user",
        "contentType": "text",
        "content": {"text": "这里是消息内容"}
    });
    assert!(literal.validate().is_ok());
    let parsed: yunhu::send::Request = fixture("yunhu/09_send_request.json");
    assert_eq!(literal, parsed);
    let reply = yunhu::send::request!({
        "recvId": "307149245",
        "recvType": "group",
        "contentType": "image",
        "content": {"imageKey": "a1b2c3d4e5f6", "buttons": [[{"text": "点击跳转", "actionType": 1, "url": "https://www.yhchat.com"}]]},
        "parentId": "0a6b658c079e45d19216b14cd69ba7cc"
    });
    let parsed: yunhu::send::Request = fixture("yunhu/10_send_reply_image.json");
    assert_eq!(reply, parsed);
    assert_eq!(reply.parent_id.as_deref(), Some("0a6b658c079e45d19216b14cd69ba7cc"));
    let response = yunhu::send::response!({
        "code": 1, "data": {"messageInfo": {"msgId": "0a6b658c079e45d19216b14cd69ba7cc", "recvId": "7058262", "recvType": "user"}}, "msg": "success"
    });
    let parsed: yunhu::send::Response = fixture("yunhu/11_send_response.json");
    assert_eq!(response, parsed);
    assert_eq!(response.error_code(), yunhu::send::ErrorCode::Success);

    // One message type for both operations: the content of a send is the content of a batch,
    // and the message info of a send's answer is an entry of a batch's success list.
    let batch = yunhu::batch_send::request!({
        "recvIds": ["307149245"], "recvType": "group", "contentType": "image",
        "content": {"imageKey": "a1b2c3d4e5f6", "buttons": [[{"text": "点击跳转", "actionType": 1, "url": "https://www.yhchat.com"}]]}
    });
    let content: &yunhu::bot::Content = &reply.content_type;
    assert_eq!(&batch.content_type, content);
    let moved = yunhu::batch_send::Request { content_type: reply.content_type.clone(), ..batch.clone() };
    assert_eq!(moved, batch);
    let info: yunhu::bot::MessageInfo = response.data.unwrap().message_info.unwrap();
    let batch_answer: yunhu::batch_send::Response = fixture("yunhu/03_response.json");
    let entries: Vec<yunhu::bot::MessageInfo> = batch_answer.data.unwrap().success_list.unwrap();
    assert_eq!(entries[0].msg_id, info.msg_id);
    // The same paths through the document's module.
    let _: &yunhu::bot::send::Request = &literal;
    let _: &yunhu::bot::SendRequest = &literal;

    // `try_request!` takes expressions; the rules on them run at run time.
    let id = String::from("7058262");
    let built = yunhu::send::try_request!({"recvId": id, "recvType": "user", "contentType": "markdown", "content": {"text": "**x**"}});
    assert_eq!(built.unwrap().recv_id, "7058262");
}

#[test]
fn yunhu_send_refuses_batch_send_bodies_and_wrong_content_with_the_json_path() {
    use group_msg_types::runtime::ParseError;
    let shape = |text: &str| match yunhu::send::Request::from_json(text).map_err(|e| e.to_string()) {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e,
    };
    // batch_send's `recvIds` on send: refused at the object, the key named, `recvId` suggested.
    // Every problem is reported (a `recvId` is missing too).
    let err =
        shape(r#"{"recvIds": ["1", "2"], "recvType": "group", "contentType": "text", "content": {"text": "hi"}}"#);
    assert_eq!(err, "/: `recvId` is required\n/: `recvIds` is not allowed; did you mean `recvId`?");
    // An image without `imageKey`: refused in the content, the missing field named.
    let err = shape(r#"{"recvId": "1", "recvType": "user", "contentType": "image", "content": {"buttons": []}}"#);
    assert_eq!(err, "/content: `imageKey` is required");
    // A file's content under contentType text: the key of the other variant is named.
    let err = shape(
        r#"{"recvId": "1", "recvType": "user", "contentType": "text", "content": {"fileName": "a", "fileUrl": "b"}}"#,
    );
    assert_eq!(
        err,
        "/content: `text` is required\n/content: `fileName` is not allowed\n/content: `fileUrl` is not allowed"
    );
    // A copy button without `value`, deep in the rows.
    let err = shape(
        r#"{"recvId": "1", "recvType": "user", "contentType": "text", "content": {"text": "t", "buttons": [[{"text": "b", "actionType": 2}]]}}"#,
    );
    assert_eq!(err, "/content/buttons/0/0: `value` is required");
    let parsed = group_msg_types::runtime::from_json::<yunhu::send::Request>(r#"{"recvId": 1}"#).unwrap_err();
    assert!(
        matches!(parsed, ParseError::Shape { ref pointer, ref message } if pointer == "/recvId" && message.contains("expected a string")),
        "{parsed:?}"
    );
}

#[test]
fn upbot_and_qopen_literals_equal_the_parsed_examples() {
    let callback = qopen::send_msg_to_group::callback!({
        "event_type": 40001, "robot_id": "机器人id", "group_id": "群id", "msg_id": "调用api时的msg_id",
        "send_res": true, "err_msg": "错误提示", "msg_num": 1
    });
    let parsed: qopen::send_msg_to_group::Callback = fixture("qopen/03_callback.json");
    assert_eq!(callback, parsed);
    let body = upbot::send_group_message::request!({
        "gid": 10123, "target_id": "10802", "ts": 1234567890, "nonce": "123", "l2_type": 3,
        "body": {"pic_info": [{"uuid": "abc3788c-cf7c-447c-baae-30f38249ccc5", "image_format": 1,
            "image_info_array": [{"url": "https://www.example.com/image.jpg", "type": 1, "size": 4301, "width": 400, "height": 300,
                "md5sum": "03c7c0ace395d80182db07ae2c30f034"}]}]}
    });
    let text =
        std::fs::read_to_string(format!("{}/fixtures/upbot/03_picture.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let example: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pic: upbot::send_group_message::PicInfo =
        serde_json::from_value(example["body"]["pic_info"][0].clone()).unwrap();
    assert_eq!(body.body.unwrap().pic_info.unwrap()[0], pic);
}

#[test]
fn expressions_are_type_checked_and_their_rules_run_at_run_time() {
    // Only `try_request!` takes expressions (`request!` refuses them: tests/ui/literal), and it
    // yields a `Result` even without any.
    let plain: Result<tencent_im::send_group_msg::Request, group_msg_types::runtime::Violations> = tencent_im::send_group_msg::try_request!({
        "GroupId": "@TGS#1", "Random": 1, "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]
    });
    assert_eq!(plain.unwrap().random, 1);
    let text = String::from("hi");
    let random: u32 = 7;
    let ok = tencent_im::send_group_msg::try_request!({
        "GroupId": "@TGS#1", "Random": random,
        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]
    });
    let value = ok.expect("valid");
    assert_eq!(value.random, 7);
    // The body is an expression, so its size rule is checked when the value is built.
    let body: Vec<tencent_im::send_group_msg::MsgElement> = Vec::new();
    let err =
        tencent_im::send_group_msg::try_request!({"GroupId": "@TGS#1", "Random": 1, "MsgBody": body}).unwrap_err();
    assert_eq!(err.to_string(), "/MsgBody: must have at least 1 items, found 0");
}

/// A literal at the documented depth limit (`MAX_DEPTH`, 256 levels: the object and 255 arrays,
/// the run time's limit too) compiles, and builds the value it says, which `from_json` reads back.
#[test]
fn a_literal_at_the_depth_limit_compiles() {
    let response = tencent_im::send_group_msg::response!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "Later":
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    });
    assert_eq!(group_msg_codegen::literal::MAX_DEPTH, 256);
    assert_eq!(group_msg_codegen::literal::MAX_DEPTH, group_msg_types::runtime::MAX_DEPTH);
    let mut depth = 1;
    let mut v = &response.extra["Later"];
    while let serde_json::Value::Array(items) = v {
        depth += 1;
        v = &items[0];
    }
    assert_eq!((depth, v), (256, &serde_json::json!(1)));
    let text = serde_json::to_string(&response).unwrap();
    let back: tencent_im::send_group_msg::Response = group_msg_types::runtime::from_json(&text).unwrap();
    assert_eq!(back, response);
}
