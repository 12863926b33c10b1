//! The client of `group-msg-http` against the mock over real HTTP on 127.0.0.1: all four APIs
//! succeed; a body breaking a rule is refused before sending; bad auth gets the vendor's code;
//! a rate limit is a typed retryable error, then a success after backoff.

use std::time::Duration;

use group_msg_http::client::{Client, Options, Retry};
use group_msg_http::{qopen, tencent_im, upbot, yunhu, Error, Secret};
use group_msg_mock::{Config, Mock};

const KEY: &str = "mock-secret-key";
const TOKEN: &str = "bot-token";

async fn start() -> (Mock, String) {
    let mock = Mock::new(Config {
        token: Secret::new(TOKEN.into()),
        sdkappid: 1400000000,
        tencent_key: Secret::new(KEY.into()),
        tencent_admin: "administrator".into(),
        groups: Vec::new(),
        ..Config::default()
    });
    let addr = mock.start(0).await.unwrap();
    assert!(addr.ip().is_loopback());
    (mock, format!("http://{addr}"))
}

fn client(max_retries: u32) -> Client {
    Client::new(Options {
        retry: Retry { max_retries, base: Duration::from_millis(20), max: Duration::from_millis(100) },
        timeout: Duration::from_secs(10),
        ..Options::default()
    })
    .unwrap()
}

fn tencent(base: &str, key: &str) -> tencent_im::Config {
    tencent_im::Config::with_key(1400000000, "administrator", &Secret::new(key.into()), 3600).server(base)
}

fn tencent_request() -> tencent_im::api::Request {
    tencent_im::api::Request::from_json(
        r#"{"GroupId":"@TGS#2C5SZEAEF","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#,
    )
    .unwrap()
}

fn yunhu_request() -> yunhu::api::Request {
    yunhu::api::Request::from_json(
        r#"{"recvIds":["g1","g2"],"recvType":"group","contentType":"text","content":{"text":"hi"}}"#,
    )
    .unwrap()
}

fn upbot_request() -> upbot::api::Request {
    upbot::api::Request::from_json(
        r#"{"gid":42,"target_id":"u1","l2_type":1,"ts":1,"nonce":"n","body":{"content":"hi"}}"#,
    )
    .unwrap()
}

fn qopen_request() -> qopen::api::Request {
    qopen::api::Request::from_json(
        r#"{"robot_id":"r1","group_id":"g1","msg_id":"m1","msg_list":[{"msg_num":1,"msg_type":1,"msg_content":"hi"}]}"#,
    )
    .unwrap()
}

#[tokio::test]
async fn yunhu_send_goes_through_the_client() {
    let (mock, base) = start().await;
    let api = yunhu::Config::new(TOKEN).server(&base).send();
    // Built with the literal macro of the second operation, sent by the client, accepted by the mock.
    let request = group_msg_types::yunhu::send::request!({
        "recvId": "7058262",
        "recvType": "user",
        "contentType": "file",
        "content": {"fileName": "a.txt", "fileUrl": "https://example.com/a.txt", "buttons": [{"text": "copy", "actionType": 2, "value": "v"}]},
        "parentId": "m0"
    });
    let ok = client(0).send(&api, &request).await.unwrap();
    assert_eq!(ok.error_code(), yunhu::send_api::ErrorCode::Success);
    assert_eq!(ok.data.unwrap().message_info.unwrap().recv_id.as_deref(), Some("7058262"));
    let recorded = mock.messages();
    assert_eq!((recorded.len(), recorded[0].api), (1, "yunhu.send"));
    assert_eq!(recorded[0].body["content"]["buttons"][0]["value"], "v");
}

#[tokio::test]
async fn all_four_apis_succeed_over_http() {
    let (mock, base) = start().await;
    let c = client(0);
    let t = c.send(&tencent(&base, KEY), &tencent_request()).await.unwrap();
    assert_eq!(t.error_code(), tencent_im::api::ErrorCode::Success);
    let y = c.send(&yunhu::Config::new(TOKEN).server(&base), &yunhu_request()).await.unwrap();
    assert_eq!(y.data.unwrap().success_count, Some(2));
    let u = c.send(&upbot::Config::new(TOKEN).server(&base), &upbot_request()).await.unwrap();
    assert_eq!(u.ret, Some(0));
    let q = c.send(&qopen::Config::new(TOKEN).server(&base), &qopen_request()).await.unwrap();
    assert_eq!(q.errcode, 0);
    let apis: Vec<&str> = mock.messages().iter().map(|m| m.api).collect();
    assert_eq!(
        apis,
        [
            "tencent_im.send_group_msg",
            "yunhu.batch_send",
            "yunhu.batch_send",
            "upbot.send_group_message",
            "qopen.send_msg_to_group"
        ]
    );
}

#[tokio::test]
async fn a_broken_rule_is_refused_before_sending() {
    let (mock, base) = start().await;
    let c = client(3);
    let mut t = tencent_request();
    t.msg_body.clear();
    assert!(matches!(c.send(&tencent(&base, KEY), &t).await, Err(Error::Invalid(_))));
    let mut y = yunhu_request();
    y.recv_ids.clear();
    assert!(matches!(c.send(&yunhu::Config::new(TOKEN).server(&base), &y).await, Err(Error::Invalid(_))));
    // Parsed for shape only (no rule checked): a website link that is not https.
    let u: upbot::api::Request = group_msg_types::runtime::from_json(
        r#"{"gid":42,"target_id":"u1","l2_type":1,"ts":1,"nonce":"n","body":{"content":"hi","link_to_msg":[{"type":2,"display_name":"x","website_ext":{"url":"http://example.com/"}}]}}"#,
    )
    .unwrap();
    assert!(matches!(c.send(&upbot::Config::new(TOKEN).server(&base), &u).await, Err(Error::Invalid(_))));
    let mut q = qopen_request();
    q.msg_list.clear();
    assert!(matches!(c.send(&qopen::Config::new(TOKEN).server(&base), &q).await, Err(Error::Invalid(_))));
    assert!(mock.messages().is_empty());
}

#[tokio::test]
async fn bad_auth_gets_the_vendors_code() {
    let (mock, base) = start().await;
    let c = client(3);
    let err = c.send(&tencent(&base, "wrong key"), &tencent_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::UserSigKeyMismatch));
    assert!(!err.retry());
    let err = c.send(&yunhu::Config::new("wrong").server(&base), &yunhu_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::api::ErrorCode::Unauthorized));
    let err = c.send(&upbot::Config::new("wrong").server(&base), &upbot_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(upbot::api::ErrorCode::Unknown(401)));
    let err = c.send(&qopen::Config::new("wrong").server(&base), &qopen_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(qopen::api::ErrorCode::Unknown(401)));
    assert!(!format!("{err:?} {err}").contains("wrong"));
    assert!(mock.messages().is_empty());
}

#[tokio::test]
async fn a_rate_limit_is_a_retryable_error_then_a_success_after_backoff() {
    let (mock, base) = start().await;
    let no_retry = client(0);
    let with_retry = client(3);
    let tencent = tencent(&base, KEY);
    let yunhu = yunhu::Config::new(TOKEN).server(&base);
    let upbot = upbot::Config::new(TOKEN).server(&base);
    let qopen = qopen::Config::new(TOKEN).server(&base);

    mock.throttle_next("tencent_im.send_group_msg", 1);
    let err = no_retry.send(&tencent, &tencent_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::SendRateLimited));
    assert!(err.retry());
    mock.throttle_next("tencent_im.send_group_msg", 2);
    assert!(with_retry.send(&tencent, &tencent_request()).await.is_ok());

    mock.throttle_next("yunhu.batch_send", 1);
    let err = no_retry.send(&yunhu, &yunhu_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::api::ErrorCode::RateLimited));
    assert!(err.retry());
    mock.throttle_next("yunhu.batch_send", 3);
    assert!(with_retry.send(&yunhu, &yunhu_request()).await.is_ok());

    mock.throttle_next("upbot.send_group_message", 1);
    let err = no_retry.send(&upbot, &upbot_request()).await.unwrap_err();
    assert!(matches!(err, Error::Vendor { status: 429, .. }) && err.retry(), "{err:?}");
    mock.throttle_next("upbot.send_group_message", 1);
    assert!(with_retry.send(&upbot, &upbot_request()).await.is_ok());

    mock.throttle_next("qopen.send_msg_to_group", 1);
    let err = no_retry.send(&qopen, &qopen_request()).await.unwrap_err();
    assert!(matches!(err, Error::Vendor { status: 429, .. }) && err.retry(), "{err:?}");
    mock.throttle_next("qopen.send_msg_to_group", 1);
    assert!(with_retry.send(&qopen, &qopen_request()).await.is_ok());

    // More rate limits than retries: the last error comes back, after max_retries + 1 calls.
    mock.throttle_next("tencent_im.send_group_msg", 5);
    let err = with_retry.send(&tencent, &tencent_request()).await.unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::SendRateLimited));
    mock.throttle_next("tencent_im.send_group_msg", 0);
    // One message per API got through each time it succeeded (YunHu: two receivers).
    assert_eq!(mock.messages().len(), 5);
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_retryable_transport_error_without_the_token() {
    // Bind and drop to get a loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let api = yunhu::Config::new("tok-SECRET").server(format!("http://127.0.0.1:{port}"));
    let err = client(1).send(&api, &yunhu_request()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.retry());
    assert!(!format!("{err:?} {err}").contains("tok-SECRET"), "{err:?}");
}

#[test]
fn debug_of_the_client_holds_no_secret() {
    let c = client(0);
    let text = format!("{c:?} {:?}", tencent("http://x", KEY));
    assert!(!text.contains(KEY), "{text}");
}
