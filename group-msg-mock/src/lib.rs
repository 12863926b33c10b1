//! A local mock of the four vendors' send-group-message endpoints (and YunHu's `bot/send`, one
//! receiver, beside its `bot/batch_send`): it checks auth (a token; a
//! Tencent UserSig verified against a configured key), validates each body with the generated
//! types, answers with the vendor's success body or error envelope, and records what it accepted.
//!
//! Control endpoints (for tests and for a developer pointing a bot at the mock):
//! - `GET /__mock/messages`: every accepted message, `[{"api", "group", "body"}]`, oldest first.
//! - `POST /__mock/throttle?api=<api id>&count=<n>`: the next `n` calls of that API get the
//!   vendor's rate-limit answer.
//!
//! Codes: Tencent and YunHu answer with the codes of their specs (bad parameter 10004 / 1002,
//! bad auth 70001..70016 / 1003, unknown group 10010, rate limit 10023 / 1007). upbot documents
//! only 1001 (bad parameter) and qopen no code at all: for what they leave out, the mock answers
//! with the HTTP status as the code (401 bad auth, 404 unknown group, 429 rate limited, and 400
//! a bad qopen body) in the vendor's envelope.

#![doc = ""]
#![doc = include_str!("../doc/example.md")]
#![forbid(unsafe_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use group_msg_http::usersig::{UserSig, VerifyError};
use group_msg_http::Secret;
use serde_json::{json, Value};

use group_msg_types::{qopen, tencent_im, upbot, yunhu};

/// The API ids the mock serves, as used by `/__mock/throttle`.
pub const APIS: [&str; 5] = [
    "tencent_im.send_group_msg",
    "yunhu.batch_send",
    "upbot.send_group_message",
    "qopen.send_msg_to_group",
    "yunhu.send",
];

/// The most messages the mock keeps; older ones are dropped.
pub const MAX_RECORDED: usize = 10_000;

/// What the mock accepts.
#[derive(Debug, Clone)]
pub struct Config {
    /// The token YunHu (`token` query), upbot (`Authorization`) and qopen (`Token`) calls carry.
    pub token: Secret<String>,
    /// The Tencent app.
    pub sdkappid: u64,
    /// The Tencent app's secret key: UserSigs are verified against it.
    pub tencent_key: Secret<String>,
    /// The Tencent App admin account (`identifier`).
    pub tencent_admin: String,
    /// The groups that exist; empty means every group exists. Tencent `GroupId`, YunHu `recvIds`
    /// of a group, upbot `gid`, qopen `group_id`.
    pub groups: Vec<String>,
    /// Where qopen's send-result callback (`event_type` 40001, one per `msg_list` item) is posted
    /// after a message is accepted: an `http://127.0.0.1:<port>/<path>` or `http://localhost...`
    /// URL (the mock stays on loopback).
    pub qopen_callback: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: Secret::new("mock-token".into()),
            sdkappid: 1400000000,
            tencent_key: Secret::new("mock-key".into()),
            tencent_admin: "administrator".into(),
            groups: Vec::new(),
            qopen_callback: None,
        }
    }
}

/// One accepted message.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The API id.
    pub api: &'static str,
    /// The group it went to (YunHu: the first receiver).
    pub group: String,
    /// The body as received, parsed as JSON (key order may differ from the wire).
    pub body: Value,
}

#[derive(Default)]
struct Inner {
    recorded: Vec<Recorded>,
    throttle: HashMap<&'static str, u32>,
    seq: u64,
}

struct Shared {
    config: Config,
    groups: HashSet<String>,
    inner: Mutex<Inner>,
}

/// A running (or routable) mock: read what it recorded, inject rate limits.
#[derive(Clone)]
pub struct Mock {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Mock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mock").field("config", &self.shared.config).finish_non_exhaustive()
    }
}

impl Mock {
    /// A mock with `config`.
    pub fn new(config: Config) -> Self {
        let groups = config.groups.iter().cloned().collect();
        Mock { shared: Arc::new(Shared { config, groups, inner: Mutex::new(Inner::default()) }) }
    }

    /// The axum router serving the five endpoints and the control endpoints.
    pub fn router(&self) -> Router {
        Router::new()
            .route(tencent_im::send_group_msg::PATH, post(tencent))
            .route(yunhu::batch_send::PATH, post(yunhu_batch_send))
            .route(yunhu::send::PATH, post(yunhu_send))
            .route(upbot::send_group_message::PATH, post(upbot_send))
            .route(qopen::send_msg_to_group::PATH, post(qopen_send))
            .route("/__mock/messages", get(messages))
            .route("/__mock/throttle", post(throttle))
            .with_state(self.shared.clone())
    }

    /// Serves on `127.0.0.1:port` (0 picks a free port) in a tokio task; returns the address.
    pub async fn start(&self, port: u16) -> std::io::Result<SocketAddr> {
        let listener = tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let router = self.router();
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(addr)
    }

    /// Every accepted message, oldest first.
    pub fn messages(&self) -> Vec<Recorded> {
        self.lock().recorded.clone()
    }

    /// The next `count` calls of `api` (one of [`APIS`]) get the vendor's rate-limit answer.
    pub fn throttle_next(&self, api: &str, count: u32) -> bool {
        match APIS.iter().find(|a| **a == api) {
            Some(a) => {
                self.lock().throttle.insert(a, count);
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.shared.lock()
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn throttled(&self, api: &'static str) -> bool {
        let mut inner = self.lock();
        match inner.throttle.get_mut(api) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    fn group_exists(&self, group: &str) -> bool {
        self.groups.is_empty() || self.groups.contains(group)
    }

    fn record(&self, api: &'static str, group: String, body: Value) -> u64 {
        let mut inner = self.lock();
        if inner.recorded.len() >= MAX_RECORDED {
            inner.recorded.remove(0);
        }
        inner.recorded.push(Recorded { api, group, body });
        inner.seq += 1;
        inner.seq
    }

    fn token_ok(&self, given: Option<&str>) -> bool {
        given.is_some_and(|t| !t.is_empty() && t == self.config.token.expose())
    }
}

fn reply(status: StatusCode, body: Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

fn query(uri: &Uri) -> BTreeMap<String, String> {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect()
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn tencent_fail(code: i64, info: &str) -> Response {
    reply(StatusCode::OK, json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": info}))
}

/// The Tencent code for a UserSig that does not verify.
fn usersig_code(e: &VerifyError) -> i64 {
    match e {
        VerifyError::Empty => 70002,
        VerifyError::Expired => 70001,
        VerifyError::IdentifierMismatch => 70013,
        VerifyError::SdkAppIdMismatch => 70014,
        VerifyError::BadSignature => 70009,
        VerifyError::Malformed(_) | VerifyError::Version(_) => 70003,
    }
}

async fn tencent(State(s): State<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
    let q = query(&uri);
    let Some(appid) = q.get("sdkappid") else { return tencent_fail(60012, "sdkappid is missing") };
    if appid.parse::<u64>().ok() != Some(s.config.sdkappid) {
        return tencent_fail(60006, "invalid sdkappid");
    }
    if q.get("contenttype").map(String::as_str) != Some("json") {
        return tencent_fail(60002, "contenttype must be json");
    }
    if q.get("random").and_then(|r| r.parse::<u32>().ok()).is_none() {
        return tencent_fail(60002, "random must be a u32");
    }
    let identifier = q.get("identifier").map(String::as_str).unwrap_or("");
    let sig = q.get("usersig").map(String::as_str).unwrap_or("");
    if let Err(e) = UserSig::new(s.config.sdkappid, s.config.tencent_key.clone()).verify(sig, identifier) {
        return tencent_fail(usersig_code(&e), &e.to_string());
    }
    if identifier != s.config.tencent_admin {
        return tencent_fail(70403, "the request needs App admin permission");
    }
    if s.throttled(APIS[0]) {
        return tencent_fail(10023, "message rate limit of the group reached, retry later");
    }
    let Ok(text) = std::str::from_utf8(&body) else { return tencent_fail(60003, "body is not UTF-8") };
    let request = match tencent_im::send_group_msg::Request::from_json(text) {
        Ok(r) => r,
        Err(e) => return tencent_fail(10004, &e.to_string()),
    };
    if !s.group_exists(&request.group_id) {
        return tencent_fail(10010, "the group does not exist");
    }
    let seq = s.record(APIS[0], request.group_id.clone(), serde_json::from_str(text).unwrap_or(Value::Null));
    reply(
        StatusCode::OK,
        json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "MsgTime": now(), "MsgSeq": seq}),
    )
}

async fn yunhu_batch_send(State(s): State<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
    let fail = |code: i64, msg: &str| reply(StatusCode::OK, json!({"code": code, "msg": msg}));
    if !s.token_ok(query(&uri).get("token").map(String::as_str)) {
        return fail(1003, "unauthorized: invalid token");
    }
    if s.throttled(APIS[1]) {
        return fail(1007, "rate limited");
    }
    let Ok(text) = std::str::from_utf8(&body) else { return fail(1002, "body is not UTF-8") };
    let request = match yunhu::batch_send::Request::from_json(text) {
        Ok(r) => r,
        Err(e) => return fail(1002, &e.to_string()),
    };
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let recv_type = value.get("recvType").and_then(Value::as_str).unwrap_or("group").to_owned();
    // As the vendor does with a batch: a receiver that does not exist is left out of the
    // success list.
    let known: Vec<&String> = request.recv_ids.iter().filter(|id| recv_type != "group" || s.group_exists(id)).collect();
    let mut list = Vec::new();
    for id in &known {
        let seq = s.record(APIS[1], (*id).clone(), value.clone());
        list.push(json!({"msgId": format!("mock-{seq:016x}"), "recvId": id, "recvType": recv_type}));
    }
    reply(
        StatusCode::OK,
        json!({"code": 1, "msg": "success", "data": {"successCount": list.len(), "successList": list}}),
    )
}

/// YunHu `bot/send`: the token and envelope of `bot/batch_send`, one receiver; a group that does
/// not exist is a bad parameter (1002), as the one receiver cannot be left out.
async fn yunhu_send(State(s): State<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
    let fail = |code: i64, msg: &str| reply(StatusCode::OK, json!({"code": code, "msg": msg}));
    if !s.token_ok(query(&uri).get("token").map(String::as_str)) {
        return fail(1003, "unauthorized: invalid token");
    }
    if s.throttled(APIS[4]) {
        return fail(1007, "rate limited");
    }
    let Ok(text) = std::str::from_utf8(&body) else { return fail(1002, "body is not UTF-8") };
    let request = match yunhu::send::Request::from_json(text) {
        Ok(r) => r,
        Err(e) => return fail(1002, &e.to_string()),
    };
    let recv_type = request.recv_type.value();
    if recv_type == "group" && !s.group_exists(&request.recv_id) {
        return fail(1002, "recvId: the group does not exist");
    }
    let seq = s.record(APIS[4], request.recv_id.clone(), serde_json::from_str(text).unwrap_or(Value::Null));
    reply(
        StatusCode::OK,
        json!({"code": 1, "msg": "success", "data": {"messageInfo": {
            "msgId": format!("mock-{seq:016x}"), "recvId": request.recv_id, "recvType": recv_type
        }}}),
    )
}

async fn upbot_send(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let fail = |status: StatusCode, code: i64, msg: &str| reply(status, json!({"ret": code, "msg": msg}));
    if !s.token_ok(headers.get("authorization").and_then(|v| v.to_str().ok())) {
        return fail(StatusCode::UNAUTHORIZED, 401, "unauthorized");
    }
    if s.throttled(APIS[2]) {
        return fail(StatusCode::TOO_MANY_REQUESTS, 429, "rate limited");
    }
    let Ok(text) = std::str::from_utf8(&body) else { return fail(StatusCode::OK, 1001, "body is not UTF-8") };
    let request = match upbot::send_group_message::Request::from_json(text) {
        Ok(r) => r,
        Err(e) => return fail(StatusCode::OK, 1001, &e.to_string()),
    };
    let gid = request.gid.to_string();
    if !s.group_exists(&gid) {
        return fail(StatusCode::NOT_FOUND, 404, "group not found");
    }
    let seq = s.record(APIS[2], gid, serde_json::from_str(text).unwrap_or(Value::Null));
    reply(StatusCode::OK, json!({"ret": 0, "msg": "ok", "msg_seq": seq}))
}

async fn qopen_send(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let fail = |status: StatusCode, msg: &str| {
        reply(status, json!({"errcode": status.as_u16(), "errmsg": msg, "hint": "group-msg-mock"}))
    };
    if !s.token_ok(headers.get("token").and_then(|v| v.to_str().ok())) {
        return fail(StatusCode::UNAUTHORIZED, "invalid token");
    }
    if s.throttled(APIS[3]) {
        return fail(StatusCode::TOO_MANY_REQUESTS, "rate limited");
    }
    let Ok(text) = std::str::from_utf8(&body) else { return fail(StatusCode::BAD_REQUEST, "body is not UTF-8") };
    let request = match qopen::send_msg_to_group::Request::from_json(text) {
        Ok(r) => r,
        Err(e) => return fail(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if !s.group_exists(&request.group_id) {
        return fail(StatusCode::NOT_FOUND, "group not found");
    }
    let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let seq = s.record(APIS[3], request.group_id.clone(), value.clone());
    if let Some(url) = &s.config.qopen_callback {
        if let Some(target) = loopback_url(url) {
            tokio::spawn(post_callbacks(target, value));
        }
    }
    reply(StatusCode::OK, json!({"errcode": 0, "errmsg": "", "hint": "", "data": {"msg_sn": format!("mock-{seq}")}}))
}

async fn messages(State(s): State<Arc<Shared>>) -> Response {
    let list: Vec<Value> =
        s.lock().recorded.iter().map(|r| json!({"api": r.api, "group": r.group, "body": r.body})).collect();
    reply(StatusCode::OK, Value::Array(list))
}

async fn throttle(State(s): State<Arc<Shared>>, uri: Uri) -> Response {
    let q = query(&uri);
    let api = q.get("api").and_then(|a| APIS.iter().find(|x| *x == a));
    let count = q.get("count").and_then(|c| c.parse::<u32>().ok());
    match (api, count) {
        (Some(api), Some(count)) => {
            s.lock().throttle.insert(api, count);
            reply(StatusCode::OK, json!({"api": api, "count": count}))
        }
        _ => reply(StatusCode::BAD_REQUEST, json!({"error": format!("expected ?api=<one of {APIS:?}>&count=<u32>")})),
    }
}

/// `(host:port, path)` of an `http://` URL on loopback; anything else is `None`.
pub fn loopback_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = authority.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    if host != "127.0.0.1" && host != "localhost" {
        return None;
    }
    if path.contains([' ', '\r', '\n']) {
        return None;
    }
    Some((authority.to_owned(), path.to_owned()))
}

/// The send-result callbacks of an accepted qopen request, one per `msg_list` item, each checked
/// against the generated `Callback` type before it is posted.
pub fn qopen_callbacks(request: &Value) -> Vec<String> {
    let items = request.get("msg_list").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    items
        .iter()
        .map(|item| {
            json!({
                "event_type": 40001,
                "robot_id": request["robot_id"],
                "group_id": request["group_id"],
                "msg_id": request["msg_id"],
                "send_res": true,
                "err_msg": "",
                "msg_num": item.get("msg_num").cloned().unwrap_or(Value::from(1)),
            })
            .to_string()
        })
        .filter(|body| qopen::send_msg_to_group::Callback::from_json(body).is_ok())
        .collect()
}

async fn post_callbacks((authority, path): (String, String), request: Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    for body in qopen_callbacks(&request) {
        let Ok(mut stream) = tokio::net::TcpStream::connect(authority.as_str()).await else { return };
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(body.as_bytes()).await.is_err() {
            return;
        }
        // Read (and drop) at most 64 KiB of the answer, then close.
        let mut sink = Vec::new();
        let _ = (&mut stream).take(64 * 1024).read_to_end(&mut sink).await;
    }
}
