//! The sans-IO layer: the exact request each API builds (method, URL with its query, headers,
//! body), refusal before building, and the reading of each vendor's success and error envelopes.

use group_msg_http::{qopen, tencent_im, upbot, yunhu, Endpoint, Error};

fn headers(req: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
    req.headers().iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned())).collect()
}

fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

const TENCENT_BODY: &str = r#"{"GroupId":"@TGS#2C5SZEAEF","Random":8912345,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}]}"#;

#[test]
fn tencent_request_is_pinned() {
    let api = tencent_im::Config::new(1400000000, "administrator", "eJw*sig-_");
    let request = tencent_im::api::Request::from_json(TENCENT_BODY).unwrap();
    let http = api.to_http_with_random(&request, 99).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(
        http.uri().to_string(),
        "https://console.tim.qq.com/v4/group_open_http_svc/send_group_msg?sdkappid=1400000000&identifier=administrator&random=99&contenttype=json&usersig=eJw*sig-_"
    );
    assert_eq!(
        headers(&http),
        [("content-type".into(), "application/json".into()), ("accept".into(), "application/json".into())]
    );
    assert_eq!(std::str::from_utf8(http.body()).unwrap(), TENCENT_BODY);
    // Each call without a given random draws a new one.
    let a = api.to_http(&request).unwrap().uri().query().unwrap().to_owned();
    let b = api.to_http(&request).unwrap().uri().query().unwrap().to_owned();
    assert_ne!(a, b);
}

#[test]
fn tencent_region_comes_from_the_spec_servers() {
    let request = tencent_im::api::Request::from_json(TENCENT_BODY).unwrap();
    let api = tencent_im::Config::new(1, "admin", "s").region("adminapisgp.im.qcloud.com").unwrap();
    let http = api.to_http_with_random(&request, 1).unwrap();
    assert_eq!(http.uri().host(), Some("adminapisgp.im.qcloud.com"));
    let err = tencent_im::Config::new(1, "admin", "s").region("evil.example.com").unwrap_err();
    assert!(matches!(&err, Error::Config(m) if m.contains("`domain` = `evil.example.com` is not one of")), "{err:?}");
}

#[test]
fn tencent_query_values_are_encoded() {
    let request = tencent_im::api::Request::from_json(TENCENT_BODY).unwrap();
    let api = tencent_im::Config::new(1, "a b&c=d", "s+/").server("http://127.0.0.1:9/");
    let http = api.to_http_with_random(&request, 7).unwrap();
    assert_eq!(
        http.uri().to_string(),
        "http://127.0.0.1:9/v4/group_open_http_svc/send_group_msg?sdkappid=1&identifier=a+b%26c%3Dd&random=7&contenttype=json&usersig=s%2B%2F"
    );
}

#[test]
fn yunhu_request_is_pinned() {
    let body = r#"{"recvIds":["307149245"],"recvType":"group","contentType":"text","content":{"text":"hi"}}"#;
    let request = yunhu::api::Request::from_json(body).unwrap();
    let http = yunhu::Config::new("tok-123").to_http(&request).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(http.uri().to_string(), "https://chat-go.jwzhd.com/open-apis/v1/bot/batch_send?token=tok-123");
    assert_eq!(
        headers(&http),
        [("content-type".into(), "application/json".into()), ("accept".into(), "application/json".into())]
    );
    assert_eq!(std::str::from_utf8(http.body()).unwrap(), body);
}

#[test]
fn yunhu_send_request_is_pinned() {
    // `bot/send`: one receiver, an optional quoted message, the same token query as batch_send.
    let body =
        r#"{"recvId":"7058262","recvType":"user","contentType":"image","content":{"imageKey":"k1"},"parentId":"m0"}"#;
    let request = yunhu::send_api::Request::from_json(body).unwrap();
    let http = yunhu::Config::new("tok-123").send().to_http(&request).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(http.uri().to_string(), "https://chat-go.jwzhd.com/open-apis/v1/bot/send?token=tok-123");
    assert_eq!(
        headers(&http),
        [("content-type".into(), "application/json".into()), ("accept".into(), "application/json".into())]
    );
    assert_eq!(std::str::from_utf8(http.body()).unwrap(), body);
    // A server set on the batch config carries over, and the token stays out of Debug.
    let api = yunhu::Config::new("tok-123").server("http://127.0.0.1:9").send();
    assert_eq!(
        api.to_http(&request).unwrap().uri().to_string(),
        "http://127.0.0.1:9/open-apis/v1/bot/send?token=tok-123"
    );
    assert!(!format!("{api:?}").contains("tok-123"), "{api:?}");
}

#[test]
fn upbot_request_is_pinned() {
    let body = r#"{"gid":42,"target_id":"u1","l2_type":1,"ts":1628222400,"nonce":"n1","body":{"content":"hello"}}"#;
    let request = upbot::api::Request::from_json(body).unwrap();
    let http = upbot::Config::new("up-token").to_http(&request).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(http.uri().to_string(), "https://openapi.noknok.cn/api/v1/SendGroupMessage");
    assert_eq!(
        headers(&http),
        [
            ("content-type".into(), "application/json".into()),
            ("accept".into(), "application/json".into()),
            ("authorization".into(), "up-token".into())
        ]
    );
    assert!(http.headers()["authorization"].is_sensitive());
    assert_eq!(std::str::from_utf8(http.body()).unwrap(), body);
}

#[test]
fn qopen_request_is_pinned() {
    let body =
        r#"{"robot_id":"r1","group_id":"g1","msg_id":"m1","msg_list":[{"msg_num":1,"msg_type":1,"msg_content":"hi"}]}"#;
    let request = qopen::api::Request::from_json(body).unwrap();
    let api = qopen::Config::new("q-token").basehost("api.aquanliang.com").unwrap();
    let http = api.to_http(&request).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(http.uri().to_string(), "https://api.aquanliang.com/gateway/qopen/SendMsgToGroup");
    assert_eq!(
        headers(&http),
        [
            ("content-type".into(), "application/json".into()),
            ("accept".into(), "application/json".into()),
            ("token".into(), "q-token".into())
        ]
    );
    assert!(http.headers()["token"].is_sensitive());
    assert_eq!(std::str::from_utf8(http.body()).unwrap(), body);
    assert!(matches!(qopen::Config::new("t").basehost("a/b"), Err(Error::Config(_))));
}

#[test]
fn a_request_breaking_a_rule_is_refused_before_building() {
    let mut request = tencent_im::api::Request::from_json(TENCENT_BODY).unwrap();
    request.msg_body.clear();
    let err = tencent_im::Config::new(1, "admin", "s").to_http_with_random(&request, 1).unwrap_err();
    assert_eq!(err.to_string(), "request refused before sending:\n/MsgBody: must have at least 1 items, found 0");
    assert!(!err.retry());

    let mut request = qopen::api::Request::from_json(
        r#"{"robot_id":"r1","group_id":"g1","msg_id":"m1","msg_list":[{"msg_num":1,"msg_type":1,"msg_content":"hi"}]}"#,
    )
    .unwrap();
    request.msg_list.clear();
    assert!(
        matches!(qopen::Config::new("t").to_http(&request), Err(Error::Invalid(v)) if v.to_string().starts_with("/msg_list"))
    );
}

#[test]
fn a_credential_that_is_no_header_value_is_a_config_error_without_the_value() {
    let request =
        upbot::api::Request::from_json(r#"{"gid":42,"target_id":"u1","l2_type":1,"ts":1,"nonce":"n"}"#).unwrap();
    let err = upbot::Config::new("bad\ntoken-xyz").to_http(&request).unwrap_err();
    assert!(matches!(&err, Error::Config(_)));
    assert!(!format!("{err:?}{err}").contains("token-xyz"));
}

#[test]
fn tencent_answers_are_read() {
    let api = tencent_im::Config::new(1, "admin", "s");
    let ok = api
        .from_http(&answer(
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgTime":1497249503,"MsgSeq":1}"#,
        ))
        .unwrap();
    assert_eq!((ok.msg_time, ok.msg_seq), (Some(1497249503), Some(1)));

    let err = api
        .from_http(&answer(200, r#"{"ActionStatus":"FAIL","ErrorInfo":"freq limit","ErrorCode":10023}"#))
        .unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::SendRateLimited));
    assert!(err.retry());
    assert!(matches!(&err, Error::Vendor { message, status: 200, .. } if message == "freq limit"));

    let err =
        api.from_http(&answer(200, r#"{"ActionStatus":"FAIL","ErrorInfo":"bad sig","ErrorCode":70003}"#)).unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::UserSigCheckFailed));
    assert!(!err.retry());

    let err = api.from_http(&answer(200, r#"{"ActionStatus":"FAIL","ErrorInfo":"x","ErrorCode":99999}"#)).unwrap_err();
    assert_eq!(err.code(), Some(tencent_im::api::ErrorCode::Unknown(99999)));
}

#[test]
fn yunhu_answers_are_read() {
    let api = yunhu::Config::new("t");
    let ok = api
        .from_http(&answer(
            200,
            r#"{"code":1,"msg":"success","data":{"successCount":1,"successList":[{"msgId":"m","recvId":"g","recvType":"group"}]}}"#,
        ))
        .unwrap();
    assert_eq!(ok.msg, "success");
    let err = api.from_http(&answer(200, r#"{"code":1003,"msg":"token invalid"}"#)).unwrap_err();
    assert_eq!(err.code(), Some(yunhu::api::ErrorCode::Unauthorized));
    assert!(!err.retry());
    let err = api.from_http(&answer(200, r#"{"code":1007,"msg":"too fast"}"#)).unwrap_err();
    assert_eq!(err.code(), Some(yunhu::api::ErrorCode::RateLimited));
    assert!(err.retry());
}

#[test]
fn yunhu_send_answers_are_read() {
    let api = yunhu::Config::new("t").send();
    let ok = api
        .from_http(&answer(
            200,
            r#"{"code":1,"msg":"success","data":{"messageInfo":{"msgId":"m1","recvId":"7058262","recvType":"user"}}}"#,
        ))
        .unwrap();
    let info = ok.data.unwrap().message_info.unwrap();
    assert_eq!((info.msg_id.as_deref(), info.recv_id.as_deref()), (Some("m1"), Some("7058262")));
    let err = api.from_http(&answer(200, r#"{"code":1002,"msg":"bad recvId"}"#)).unwrap_err();
    assert_eq!(err.code(), Some(yunhu::send_api::ErrorCode::InvalidParameter));
    assert!(!err.retry());
    let err = api.from_http(&answer(200, r#"{"code":1007,"msg":"too fast"}"#)).unwrap_err();
    assert_eq!(err.code(), Some(yunhu::send_api::ErrorCode::RateLimited));
    assert!(err.retry());
    assert_eq!(
        api.rate_keys(
            &yunhu::send_api::Request::from_json(
                r#"{"recvId":"g","recvType":"group","contentType":"text","content":{"text":"hi"}}"#,
            )
            .unwrap()
        ),
        [("yunhu.send".to_owned(), 10)]
    );
}

#[test]
fn upbot_answers_are_read() {
    let api = upbot::Config::new("t");
    let ok = api.from_http(&answer(200, r#"{"ret":0,"msg":"ok","msg_seq":12}"#)).unwrap();
    assert_eq!(ok.msg_seq, Some(12));
    // `ret` is optional: an answer without it is a success.
    assert!(api.from_http(&answer(200, r#"{}"#)).is_ok());
    let err = api.from_http(&answer(200, r#"{"ret":1001,"msg":"param error"}"#)).unwrap_err();
    assert_eq!(err.code(), Some(upbot::api::ErrorCode::InvalidParameter));
    assert_eq!(
        err.to_string().lines().next().unwrap().split(" [").next().unwrap(),
        "vendor error 1001 (HTTP 200): param error"
    );
}

#[test]
fn qopen_answers_are_read() {
    let api = qopen::Config::new("t");
    let ok = api.from_http(&answer(200, r#"{"errcode":0,"errmsg":"","hint":"","data":{"msg_sn":"sn1"}}"#)).unwrap();
    assert_eq!(ok.data.unwrap().msg_sn.as_deref(), Some("sn1"));
    let err = api.from_http(&answer(200, r#"{"errcode":40001,"errmsg":"invalid token"}"#)).unwrap_err();
    assert_eq!(err.code(), Some(qopen::api::ErrorCode::Unknown(40001)));
}

#[test]
fn answers_without_the_envelope_are_http_errors() {
    let api = yunhu::Config::new("t");
    let err = api.from_http(&answer(502, "<html>bad gateway</html>")).unwrap_err();
    assert!(matches!(&err, Error::Http { status: 502, detail } if detail.starts_with("body is not JSON")), "{err:?}");
    assert!(err.retry());
    let err = api.from_http(&answer(429, r#"{"code":1007,"msg":"slow down"}"#)).unwrap_err();
    assert!(err.retry());
    let err = api.from_http(&answer(200, r#"{"msg":"no code"}"#)).unwrap_err();
    assert!(matches!(&err, Error::Http { detail, .. } if detail.starts_with("no `code` in the answer")));
    assert!(!err.retry());
    // A long body is cut in the error.
    let long = format!("{{\"x\":\"{}\"}}", "a".repeat(1000));
    let err = api.from_http(&answer(200, &long)).unwrap_err();
    assert!(err.to_string().len() < 300, "{}", err.to_string().len());
    // A success envelope that breaks the response spec is not taken as a success.
    let err = api.from_http(&answer(200, r#"{"code":1,"msg":5}"#)).unwrap_err();
    assert!(
        matches!(&err, Error::Http { detail, .. } if detail.starts_with("response does not follow the spec")),
        "{err:?}"
    );
}

#[test]
fn debug_of_every_config_and_error_holds_no_secret() {
    let secret = "S3CRET-value";
    let configs = [
        format!("{:?}", tencent_im::Config::new(1, "admin", secret)),
        format!("{:?}", yunhu::Config::new(secret)),
        format!("{:?}", upbot::Config::new(secret)),
        format!("{:?}", qopen::Config::new(secret)),
    ];
    for c in &configs {
        assert!(!c.contains(secret), "{c}");
        assert!(c.contains("***"), "{c}");
    }
    // Errors from a request built with the secret: refusal and a vendor answer.
    let mut request = yunhu::api::Request::from_json(
        r#"{"recvIds":["g"],"recvType":"group","contentType":"text","content":{"text":"hi"}}"#,
    )
    .unwrap();
    request.recv_ids.clear();
    let api = yunhu::Config::new(secret);
    let errs = [
        api.to_http(&request).unwrap_err(),
        api.from_http(&answer(200, r#"{"code":1003,"msg":"unauthorized"}"#)).unwrap_err(),
    ];
    for e in &errs {
        assert!(!format!("{e:?} {e}").contains(secret));
    }
}
