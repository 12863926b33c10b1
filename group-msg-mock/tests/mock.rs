//! The mock in-process: requests built by the sans-IO layer of `group-msg-http`, answers read by
//! it, so each vendor's envelope and code is checked as a client sees it.

use axum::Router;
use group_msg_http::usersig::UserSig;
use group_msg_http::{qopen, tencent_im, upbot, yunhu, Endpoint, Error, Secret};
use group_msg_mock::{Config, Mock};
use tower::ServiceExt as _;

const KEY: &str = "mock-secret-key";
const TOKEN: &str = "bot-token";

fn mock() -> Mock {
    Mock::new(Config {
        token: Secret::new(TOKEN.into()),
        sdkappid: 1400000000,
        tencent_key: Secret::new(KEY.into()),
        tencent_admin: "administrator".into(),
        groups: vec!["@TGS#known".into(), "42".into(), "g1".into(), "y1".into()],
        ..Config::default()
    })
}

async fn raw(router: &Router, http: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    let (parts, body) = http.into_parts();
    let response =
        router.clone().oneshot(http::Request::from_parts(parts, axum::body::Body::from(body))).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    http::Response::from_parts(parts, bytes.to_vec())
}

async fn call<E: Endpoint>(router: &Router, api: &E, request: &E::Request) -> Result<E::Response, Error<E::Code>> {
    api.from_http(&raw(router, api.to_http(request)?).await)
}

/// The request with its body replaced: what a client without validation would send.
fn with_body(mut http: http::Request<Vec<u8>>, body: &str) -> http::Request<Vec<u8>> {
    *http.body_mut() = body.as_bytes().to_vec();
    http
}

fn tencent_api(key: &str, identifier: &str) -> tencent_im::Config {
    tencent_im::Config::with_key(1400000000, identifier, &Secret::new(key.into()), 3600).server("http://127.0.0.1:9")
}

fn tencent_request(group: &str) -> tencent_im::api::Request {
    tencent_im::api::Request::from_json(&format!(
        r#"{{"GroupId":"{group}","Random":1,"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"hi"}}}}]}}"#
    ))
    .unwrap()
}

fn yunhu_request(id: &str) -> yunhu::api::Request {
    yunhu::api::Request::from_json(&format!(
        r#"{{"recvIds":["{id}"],"recvType":"group","contentType":"text","content":{{"text":"hi"}}}}"#
    ))
    .unwrap()
}

fn upbot_request(gid: u64) -> upbot::api::Request {
    upbot::api::Request::from_json(&format!(
        r#"{{"gid":{gid},"target_id":"u1","l2_type":1,"ts":1,"nonce":"n","body":{{"content":"hi"}}}}"#
    ))
    .unwrap()
}

fn qopen_request(group: &str) -> qopen::api::Request {
    qopen::api::Request::from_json(&format!(
        r#"{{"robot_id":"r1","group_id":"{group}","msg_id":"m1","msg_list":[{{"msg_num":1,"msg_type":1,"msg_content":"hi"}}]}}"#
    ))
    .unwrap()
}

#[tokio::test]
async fn each_api_succeeds_and_is_recorded() {
    let mock = mock();
    let router = mock.router();
    let t = call(&router, &tencent_api(KEY, "administrator"), &tencent_request("@TGS#known")).await.unwrap();
    assert_eq!(t.msg_seq, Some(1));
    let y = call(&router, &yunhu::Config::new(TOKEN), &yunhu_request("y1")).await.unwrap();
    assert_eq!(y.data.unwrap().success_count, Some(1));
    let u = call(&router, &upbot::Config::new(TOKEN), &upbot_request(42)).await.unwrap();
    assert_eq!(u.msg_seq, Some(3));
    let q = call(&router, &qopen::Config::new(TOKEN), &qopen_request("g1")).await.unwrap();
    assert_eq!(q.data.unwrap().msg_sn.as_deref(), Some("mock-4"));

    let recorded = mock.messages();
    let summary: Vec<(&str, &str)> = recorded.iter().map(|r| (r.api, r.group.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("tencent_im.send_group_msg", "@TGS#known"),
            ("yunhu.batch_send", "y1"),
            ("upbot.send_group_message", "42"),
            ("qopen.send_msg_to_group", "g1")
        ]
    );
    assert_eq!(recorded[0].body["MsgBody"][0]["MsgContent"]["Text"], "hi");

    // The same list over HTTP.
    let list = raw(&router, http::Request::get("/__mock/messages").body(Vec::new()).unwrap()).await;
    let list: serde_json::Value = serde_json::from_slice(list.body()).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 4);
    assert_eq!(list[2]["body"]["gid"], 42);
}

fn yunhu_send_request(id: &str) -> yunhu::send_api::Request {
    yunhu::send_api::Request::from_json(&format!(
        r#"{{"recvId":"{id}","recvType":"group","contentType":"markdown","content":{{"text":"**hi**"}},"parentId":"m0"}}"#
    ))
    .unwrap()
}

#[tokio::test]
async fn yunhu_send_is_served_beside_batch_send() {
    let mock = mock();
    let router = mock.router();
    let api = yunhu::Config::new(TOKEN).send();
    let ok = call(&router, &api, &yunhu_send_request("y1")).await.unwrap();
    let info = ok.data.unwrap().message_info.unwrap();
    assert_eq!(info.msg_id.as_deref(), Some("mock-0000000000000001"));
    assert_eq!((info.recv_id.as_deref(), info.recv_type.as_deref()), (Some("y1"), Some("group")));
    let recorded = mock.messages();
    assert_eq!((recorded[0].api, recorded[0].group.as_str()), ("yunhu.send", "y1"));
    assert_eq!(recorded[0].body["parentId"], "m0");
    assert_eq!(recorded[0].body["content"]["text"], "**hi**");
    // The same token check, and a group that does not exist is a bad parameter.
    let err = call(&router, &yunhu::Config::new("nope").send(), &yunhu_send_request("y1")).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::send_api::ErrorCode::Unauthorized));
    let err = call(&router, &api, &yunhu_send_request("nope")).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::send_api::ErrorCode::InvalidParameter));
    // batch_send's body on send's path is refused with the key that does not belong there.
    let http = with_body(
        api.to_http(&yunhu_send_request("y1")).unwrap(),
        r#"{"recvIds":["y1"],"recvType":"group","contentType":"text","content":{"text":"hi"}}"#,
    );
    let err = api.from_http(&raw(&router, http).await).unwrap_err();
    assert_eq!(err.code(), Some(yunhu::send_api::ErrorCode::InvalidParameter));
    assert!(err.to_string().contains("recvIds"), "{err}");
    // Throttled on its own id.
    mock.throttle_next("yunhu.send", 1);
    let err = call(&router, &api, &yunhu_send_request("y1")).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::send_api::ErrorCode::RateLimited));
    assert!(call(&router, &yunhu::Config::new(TOKEN), &yunhu_request("y1")).await.is_ok());
    assert_eq!(mock.messages().len(), 2);
}

#[tokio::test]
async fn bad_auth_gets_the_vendors_code() {
    let router = mock().router();
    let req = tencent_request("@TGS#known");
    let code = |r: Result<tencent_im::api::Response, Error<tencent_im::api::ErrorCode>>| r.unwrap_err().code();
    use tencent_im::api::ErrorCode as T;
    assert_eq!(
        code(call(&router, &tencent_api("wrong key", "administrator"), &req).await),
        Some(T::UserSigKeyMismatch)
    );
    assert_eq!(code(call(&router, &tencent_api(KEY, "not-admin"), &req).await), Some(T::AppAdminRequired));
    let expired = UserSig::new(1400000000, KEY).generate("administrator", 1_000_000, 60);
    let api = tencent_im::Config::new(1400000000, "administrator", expired).server("http://x");
    assert_eq!(code(call(&router, &api, &req).await), Some(T::UserSigExpired));
    let api = tencent_im::Config::new(1400000000, "administrator", "").server("http://x");
    assert_eq!(code(call(&router, &api, &req).await), Some(T::UserSigEmpty));
    let api = tencent_im::Config::new(1400000000, "administrator", "garbage").server("http://x");
    assert_eq!(code(call(&router, &api, &req).await), Some(T::UserSigCheckFailed));
    let other_app =
        tencent_im::Config::with_key(1400000001, "administrator", &Secret::new(KEY.into()), 60).server("http://x");
    assert_eq!(code(call(&router, &other_app, &req).await), Some(T::InvalidSdkAppId));

    let err = call(&router, &yunhu::Config::new("nope"), &yunhu_request("y1")).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::api::ErrorCode::Unauthorized));
    let err = call(&router, &upbot::Config::new("nope"), &upbot_request(42)).await.unwrap_err();
    assert!(matches!(err, Error::Vendor { code: upbot::api::ErrorCode::Unknown(401), status: 401, .. }), "{err:?}");
    let err = call(&router, &qopen::Config::new("nope"), &qopen_request("g1")).await.unwrap_err();
    assert!(matches!(err, Error::Vendor { code: qopen::api::ErrorCode::Unknown(401), status: 401, .. }), "{err:?}");
}

#[tokio::test]
async fn a_bad_body_gets_the_vendors_bad_parameter_code_with_the_violation() {
    let mock = mock();
    let router = mock.router();
    let bad = r#"{"GroupId":"@TGS#known","Random":1,"MsgBody":[]}"#;
    let api = tencent_api(KEY, "administrator");
    let http = with_body(api.to_http(&tencent_request("@TGS#known")).unwrap(), bad);
    let err = api.from_http(&raw(&router, http).await).unwrap_err();
    assert!(
        matches!(&err, Error::Vendor { code: tencent_im::api::ErrorCode::InvalidParameter, message, .. } if message == "/MsgBody: must have at least 1 items, found 0"),
        "{err:?}"
    );

    let api = yunhu::Config::new(TOKEN);
    let http = with_body(api.to_http(&yunhu_request("y1")).unwrap(), r#"{"recvIds":["y1"],"recvType":"room"}"#);
    assert_eq!(
        api.from_http(&raw(&router, http).await).unwrap_err().code(),
        Some(yunhu::api::ErrorCode::InvalidParameter)
    );

    let api = upbot::Config::new(TOKEN);
    let http = with_body(api.to_http(&upbot_request(42)).unwrap(), r#"{"gid":"42"}"#);
    assert_eq!(
        api.from_http(&raw(&router, http).await).unwrap_err().code(),
        Some(upbot::api::ErrorCode::InvalidParameter)
    );

    let api = qopen::Config::new(TOKEN);
    let http = with_body(api.to_http(&qopen_request("g1")).unwrap(), "not json");
    let err = api.from_http(&raw(&router, http).await).unwrap_err();
    assert!(matches!(err, Error::Vendor { code: qopen::api::ErrorCode::Unknown(400), status: 400, .. }), "{err:?}");
    assert!(mock.messages().is_empty());
}

#[tokio::test]
async fn an_unknown_group_gets_the_vendors_answer() {
    let router = mock().router();
    let err = call(&router, &tencent_api(KEY, "administrator"), &tencent_request("@TGS#nope")).await.unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::GroupNotFound));
    // A YunHu batch leaves the receiver out of its success list.
    let y = call(&router, &yunhu::Config::new(TOKEN), &yunhu_request("nope")).await.unwrap();
    assert_eq!(y.data.unwrap().success_count, Some(0));
    let err = call(&router, &upbot::Config::new(TOKEN), &upbot_request(7)).await.unwrap_err();
    assert!(matches!(err, Error::Vendor { code: upbot::api::ErrorCode::Unknown(404), .. }), "{err:?}");
    let err = call(&router, &qopen::Config::new(TOKEN), &qopen_request("nope")).await.unwrap_err();
    assert!(matches!(err, Error::Vendor { code: qopen::api::ErrorCode::Unknown(404), .. }), "{err:?}");
}

#[tokio::test]
async fn throttled_calls_get_the_retryable_rate_limit_answer_once() {
    let mock = mock();
    let router = mock.router();
    for api in group_msg_mock::APIS {
        assert!(mock.throttle_next(api, 1));
    }
    let tencent = tencent_api(KEY, "administrator");
    let err = call(&router, &tencent, &tencent_request("@TGS#known")).await.unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::SendRateLimited));
    assert!(err.retry());
    assert!(call(&router, &tencent, &tencent_request("@TGS#known")).await.is_ok());

    let err = call(&router, &yunhu::Config::new(TOKEN), &yunhu_request("y1")).await.unwrap_err();
    assert_eq!(err.code(), Some(yunhu::api::ErrorCode::RateLimited));
    assert!(err.retry());
    let err = call(&router, &upbot::Config::new(TOKEN), &upbot_request(42)).await.unwrap_err();
    assert!(err.retry(), "{err:?}");
    let err = call(&router, &qopen::Config::new(TOKEN), &qopen_request("g1")).await.unwrap_err();
    assert!(err.retry(), "{err:?}");
    assert!(call(&router, &qopen::Config::new(TOKEN), &qopen_request("g1")).await.is_ok());

    assert!(!mock.throttle_next("nope.api", 1));
    let answer = raw(&router, http::Request::post("/__mock/throttle?api=nope&count=1").body(Vec::new()).unwrap()).await;
    assert_eq!(answer.status(), 400);
    let answer =
        raw(&router, http::Request::post("/__mock/throttle?api=yunhu.batch_send&count=2").body(Vec::new()).unwrap())
            .await;
    assert_eq!(answer.status(), 200);
    for _ in 0..2 {
        let err = call(&router, &yunhu::Config::new(TOKEN), &yunhu_request("y1")).await.unwrap_err();
        assert_eq!(err.code(), Some(yunhu::api::ErrorCode::RateLimited));
    }
    assert!(call(&router, &yunhu::Config::new(TOKEN), &yunhu_request("y1")).await.is_ok());
}

#[test]
fn debug_of_the_mock_holds_no_secret() {
    let text = format!("{:?}", mock());
    assert!(!text.contains(KEY) && !text.contains(TOKEN), "{text}");
}

/// Reads one HTTP/1.1 request (head and `Content-Length` body, at most 64 KiB), answers 200.
async fn receive(listener: &tokio::net::TcpListener) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut stream, _) = listener.accept().await.unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while buf.len() < 64 * 1024 {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed before the whole request");
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let head = &text[..end];
            let len: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.trim().parse().unwrap())
                })
                .unwrap();
            if buf.len() >= end + 4 + len {
                stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").await.unwrap();
                return (head.to_owned(), text[end + 4..end + 4 + len].to_owned());
            }
        }
    }
    panic!("request over 64 KiB");
}

#[tokio::test]
async fn qopen_posts_a_send_result_callback_per_item() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mock = Mock::new(Config {
        token: Secret::new(TOKEN.into()),
        qopen_callback: Some(format!("http://{addr}/callback")),
        ..Config::default()
    });
    let request = qopen::api::Request::from_json(
        r#"{"robot_id":"r1","group_id":"g1","msg_id":"m7","msg_list":[{"msg_num":1,"msg_type":1,"msg_content":"a"},{"msg_num":2,"msg_type":1,"msg_content":"b"}]}"#,
    )
    .unwrap();
    call(&mock.router(), &qopen::Config::new(TOKEN), &request).await.unwrap();
    for n in 1..=2 {
        let (head, body) = receive(&listener).await;
        assert!(head.starts_with("POST /callback HTTP/1.1\r\n"), "{head}");
        let callback = qopen::api::Callback::from_json(&body).unwrap();
        assert_eq!(
            (
                callback.event_type,
                callback.group_id.as_str(),
                callback.msg_id.as_str(),
                callback.send_res,
                callback.msg_num
            ),
            (40001, "g1", "m7", true, n)
        );
    }
}

#[test]
fn callbacks_go_to_loopback_http_only() {
    use group_msg_mock::loopback_url;
    assert_eq!(loopback_url("http://127.0.0.1:9000/cb"), Some(("127.0.0.1:9000".into(), "/cb".into())));
    assert_eq!(loopback_url("http://localhost:9000"), Some(("localhost:9000".into(), "/".into())));
    for bad in
        ["https://127.0.0.1:9000/cb", "http://example.com:80/cb", "http://127.0.0.1/cb", "http://127.0.0.1:9/a b"]
    {
        assert_eq!(loopback_url(bad), None, "{bad}");
    }
}
