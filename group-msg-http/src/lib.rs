//! Sans-IO HTTP for the group-msg APIs: build an [`http::Request`] from a typed request and the
//! caller's credentials, and read an [`http::Response`] into the typed response or a typed
//! [`Error`] that carries the vendor's code as the API's `ErrorCode` enum.
//!
//! Nothing here does I/O: the caller sends the request with any HTTP stack (or the optional
//! [`client`], feature `client`). The endpoint facts (server, path, method, where the credential
//! goes) come from the constants the generated modules expose (`SERVERS`, `PATH`, `METHOD`,
//! `AUTH`). Credentials are [`Secret`]s: they never show in `Debug`, errors or logs.
//!
//! ```
//! use group_msg_http::{yunhu, Endpoint};
//! use group_msg_types::yunhu::batch_send;
//!
//! let api = yunhu::Config::new("the-token");
//! let request = batch_send::BatchSendRequest::from_json(
//!     r#"{"recvIds":["g1"],"recvType":"group","contentType":"text","content":{"text":"hi"}}"#,
//! )
//! .unwrap();
//! let http = api.to_http(&request).unwrap();
//! assert_eq!(http.uri().path(), "/open-apis/v1/bot/batch_send");
//! assert!(!format!("{api:?}").contains("the-token"));
//! // `bot/send`, the other operation of YunHu's document: one receiver, the same token.
//! let one = group_msg_types::yunhu::send::Request::from_json(
//!     r#"{"recvId":"u1","recvType":"user","contentType":"text","content":{"text":"hi"}}"#,
//! )
//! .unwrap();
//! assert_eq!(api.send().to_http(&one).unwrap().uri().path(), "/open-apis/v1/bot/send");
//! ```

#![forbid(unsafe_code)]

use std::fmt;

pub use group_msg_types::runtime::Secret;
use group_msg_types::runtime::{ApiKey, ParamLocation, Server, Validate, Violations};

mod apis;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "usersig")]
pub mod usersig;

#[cfg(feature = "qopen")]
pub use apis::qopen;
#[cfg(feature = "tencent_im")]
pub use apis::tencent_im;
#[cfg(feature = "upbot")]
pub use apis::upbot;
#[cfg(feature = "yunhu")]
pub use apis::yunhu;

/// One API: how to turn its request into HTTP and HTTP into its response. Implemented by each
/// API's `Config` (its server and credentials).
pub trait Endpoint {
    /// The request body type.
    type Request: serde::Serialize + Validate;
    /// The response body type.
    type Response;
    /// The API's error code enum.
    type Code: VendorCode;
    /// The API id, e.g. `tencent_im.send_group_msg`.
    const API: &'static str;

    /// The HTTP request for `request`; a request that breaks a rule is refused with
    /// [`Error::Invalid`] before anything is built.
    fn to_http(&self, request: &Self::Request) -> Result<http::Request<Vec<u8>>, Error<Self::Code>>;

    // `from_http` is the issue's name for it, and it needs the config (its envelope) as `self`.
    #[allow(clippy::wrong_self_convention)]
    /// Reads the vendor's answer: the typed response on success, otherwise the vendor's code,
    /// message and retry hint in [`Error::Vendor`].
    fn from_http<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<Self::Response, Error<Self::Code>>;

    /// The keys the client-side rate limiter counts this request against, each with its limit
    /// per second.
    fn rate_keys(&self, request: &Self::Request) -> Vec<(String, u32)>;
}

/// A vendor's error code enum (the generated `ErrorCode` of each API module).
pub trait VendorCode: Copy + fmt::Debug + fmt::Display + PartialEq + Send + Sync + 'static {
    /// The enum value of a numeric code.
    fn from_code(code: i64) -> Self;
    /// The numeric code.
    fn code(&self) -> i64;
    /// Whether the spec's hint says sending again later can succeed.
    fn retry(&self) -> bool;
}

macro_rules! vendor_code {
    ($($ty:path),*) => {$(
        impl VendorCode for $ty {
            fn from_code(code: i64) -> Self {
                <$ty>::from_code(code)
            }
            fn code(&self) -> i64 {
                <$ty>::code(self)
            }
            fn retry(&self) -> bool {
                <$ty>::retry(self)
            }
        }
    )*};
}
#[cfg(feature = "tencent_im")]
vendor_code!(group_msg_types::tencent_im::send_group_msg::ErrorCode);
#[cfg(feature = "yunhu")]
// One type: both YunHu operations list the same codes (`yunhu::bot::ErrorCode`, also `send::ErrorCode`).
vendor_code!(group_msg_types::yunhu::bot::ErrorCode);
#[cfg(feature = "upbot")]
vendor_code!(group_msg_types::upbot::send_group_message::ErrorCode);
#[cfg(feature = "qopen")]
vendor_code!(group_msg_types::qopen::send_msg_to_group::ErrorCode);

/// Why a request was not built, or an answer is not a success. It never holds a credential.
#[derive(Debug, Clone, PartialEq)]
pub enum Error<C> {
    /// The request breaks rules of the spec; nothing was built or sent.
    Invalid(Violations),
    /// The configuration cannot make a request (a server variable outside its values, a
    /// credential that is not a valid header value, a bad server URL).
    Config(String),
    /// The vendor answered with its error envelope.
    Vendor {
        /// The vendor's code as the API's `ErrorCode` enum.
        code: C,
        /// The vendor's message (`ErrorInfo`, `msg`, `errmsg`).
        message: String,
        /// The HTTP status the answer came with.
        status: u16,
    },
    /// The answer is not the vendor's envelope: an HTTP error status without it, or a body
    /// that is not JSON of the response's shape.
    Http {
        /// The HTTP status.
        status: u16,
        /// What was wrong, with at most 200 bytes of the body.
        detail: String,
    },
    /// The request did not reach the vendor or no answer came (client only).
    Transport {
        /// What happened.
        detail: String,
        /// Whether it timed out.
        timeout: bool,
    },
}

impl<C: VendorCode> Error<C> {
    /// Whether sending the same request again later can succeed: the vendor's hint for its
    /// code, HTTP 429 and 5xx, and transport failures.
    pub fn retry(&self) -> bool {
        match self {
            Error::Vendor { code, status, .. } => code.retry() || *status == 429,
            Error::Http { status, .. } => *status == 429 || *status >= 500,
            Error::Transport { .. } => true,
            Error::Invalid(_) | Error::Config(_) => false,
        }
    }

    /// The vendor's code, when the vendor answered with its envelope.
    pub fn code(&self) -> Option<C> {
        match self {
            Error::Vendor { code, .. } => Some(*code),
            _ => None,
        }
    }
}

impl<C: VendorCode> fmt::Display for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(v) => write!(f, "request refused before sending:\n{v}"),
            Error::Config(m) => write!(f, "configuration: {m}"),
            Error::Vendor { code, message, status } => {
                write!(f, "vendor error {} (HTTP {status}): {message} [{code}]", code.code())
            }
            Error::Http { status, detail } => write!(f, "HTTP {status}: {detail}"),
            Error::Transport { detail, .. } => write!(f, "transport: {detail}"),
        }
    }
}

impl<C: VendorCode> std::error::Error for Error<C> {}

/// The URL of `server` with `vars` set (the rest at their defaults); a value outside a
/// variable's listed values is refused.
pub fn server_url(server: &Server, vars: &[(&str, &str)]) -> Result<String, String> {
    let mut url = server.url.to_owned();
    for v in server.variables {
        let value = vars.iter().find(|(n, _)| *n == v.name).map_or(v.default, |(_, x)| *x);
        if !v.values.is_empty() && !v.values.contains(&value) {
            return Err(format!("server variable `{}` = `{value}` is not one of {:?}", v.name, v.values));
        }
        if value.is_empty() || value.contains(['/', '?', '#', '@', ' ']) {
            return Err(format!("server variable `{}` = `{value}` is not a host", v.name));
        }
        url = url.replace(&format!("{{{}}}", v.name), value);
    }
    Ok(url)
}

/// A built request, before the credential is placed: shared by the four APIs.
pub(crate) struct Parts<'a> {
    pub base: &'a str,
    pub method: &'static str,
    pub path: &'static str,
    pub query: Vec<(&'static str, String)>,
    pub auth: &'static [ApiKey],
    pub credential: &'a Secret<String>,
}

pub(crate) fn build<C, T: serde::Serialize + Validate>(
    parts: Parts<'_>,
    body: &T,
) -> Result<http::Request<Vec<u8>>, Error<C>> {
    body.validate().map_err(Error::Invalid)?;
    let body = serde_json::to_vec(body).map_err(|e| Error::Config(format!("body does not serialize: {e}")))?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &parts.query {
        query.append_pair(k, v);
    }
    let mut header = None;
    for key in parts.auth {
        match key.location {
            ParamLocation::Query => {
                query.append_pair(key.name, parts.credential.expose());
            }
            ParamLocation::Header => {
                let mut value = http::HeaderValue::from_str(parts.credential.expose()).map_err(|_| {
                    Error::Config(format!("the credential for `{}` is not a valid header value", key.name))
                })?;
                value.set_sensitive(true);
                header = Some((key.name, value));
            }
            ParamLocation::Path | ParamLocation::Cookie => {
                return Err(Error::Config(format!("api key `{}` in the path or a cookie is not supported", key.name)))
            }
        }
    }
    let query = query.finish();
    let base = parts.base.trim_end_matches('/');
    let uri = if query.is_empty() { format!("{base}{}", parts.path) } else { format!("{base}{}?{query}", parts.path) };
    let uri: http::Uri =
        uri.parse().map_err(|_| Error::Config(format!("`{base}` with path `{}` is not a URL", parts.path)))?;
    let mut builder = http::Request::builder()
        .method(parts.method)
        .uri(uri)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::ACCEPT, "application/json");
    if let Some((name, value)) = header {
        builder = builder.header(name, value);
    }
    builder.body(body).map_err(|e| Error::Config(format!("request: {e}")))
}

/// The envelope every vendor's answer shares: where its code and message are, and the code that
/// means success.
pub(crate) struct Envelope {
    pub code: &'static str,
    pub message: &'static str,
    pub success: i64,
    /// The code when the key is absent (upbot's `ret` is optional): success or not.
    pub absent_is_success: bool,
}

/// Reads an answer: the typed response when the code is the success code, else the vendor error.
pub(crate) fn read<C: VendorCode, R>(
    env: &Envelope,
    response: &http::Response<impl AsRef<[u8]>>,
    parse: impl FnOnce(&str) -> Result<R, group_msg_types::runtime::Error>,
) -> Result<R, Error<C>> {
    let status = response.status().as_u16();
    let bytes = response.body().as_ref();
    let excerpt = || {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
        if bytes.len() > 200 {
            format!("{text}...")
        } else {
            text
        }
    };
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Err(Error::Http { status, detail: format!("body is not JSON ({e}): {}", excerpt()) }),
    };
    let code = match value.get(env.code) {
        Some(c) => match c.as_i64() {
            Some(c) => Some(c),
            None => {
                return Err(Error::Http { status, detail: format!("`{}` is not an integer: {}", env.code, excerpt()) })
            }
        },
        None if env.absent_is_success => None,
        None => return Err(Error::Http { status, detail: format!("no `{}` in the answer: {}", env.code, excerpt()) }),
    };
    if code.is_some_and(|c| c != env.success) {
        let message = value.get(env.message).and_then(|m| m.as_str()).unwrap_or_default().to_owned();
        return Err(Error::Vendor { code: C::from_code(code.unwrap_or(env.success)), message, status });
    }
    if !(200..300).contains(&status) {
        return Err(Error::Http { status, detail: format!("success envelope with an error status: {}", excerpt()) });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Error::Http { status, detail: "body is not UTF-8".into() })?;
    parse(text).map_err(|e| Error::Http { status, detail: format!("response does not follow the spec: {e}") })
}
