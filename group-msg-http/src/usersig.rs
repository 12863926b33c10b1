//! Tencent IM UserSig, TLSSigAPIv2: generate and verify.
//!
//! HMAC-SHA256 keyed by the app's secret key over
//! `"TLS.identifier:{id}\nTLS.sdkappid:{appid}\nTLS.time:{t}\nTLS.expire:{e}\n"`, base64
//! (standard) into `TLS.sig` of the JSON `{"TLS.ver":"2.0","TLS.identifier","TLS.sdkappid",
//! "TLS.expire","TLS.time","TLS.sig"}`, which is zlib-compressed and base64-encoded with `+`→`*`,
//! `/`→`-`, `=`→`_`. The key and every UserSig are [`Secret`]s.

use std::fmt;

use base64::Engine as _;
use hmac::{KeyInit, Mac};

use crate::Secret;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The longest UserSig [`decode`] reads, and the most it inflates to: a real one is about 200
/// bytes, so anything far longer is refused before work is done on it.
const MAX_LEN: usize = 4096;
const MAX_JSON: usize = 16 * 1024;

/// Makes and checks the UserSigs of one app.
#[derive(Debug, Clone)]
pub struct UserSig {
    sdkappid: u64,
    key: Secret<String>,
}

/// The fields of a decoded UserSig. `sig` is the HMAC: a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// `TLS.ver`, `2.0`.
    pub ver: String,
    /// `TLS.identifier`, the user the sig is for.
    pub identifier: String,
    /// `TLS.sdkappid`.
    pub sdkappid: u64,
    /// `TLS.time`, when it was made (Unix seconds).
    pub time: u64,
    /// `TLS.expire`, seconds it is valid after `time`.
    pub expire: u64,
    /// `TLS.sig`, the base64 HMAC-SHA256.
    pub sig: Secret<String>,
}

/// Why a UserSig is not valid. Never holds the sig or the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// Empty.
    Empty,
    /// Not base64, zlib or the JSON of a UserSig; says where.
    Malformed(String),
    /// `TLS.ver` is not `2.0`.
    Version(String),
    /// Made for another user.
    IdentifierMismatch,
    /// Made for another app.
    SdkAppIdMismatch,
    /// The HMAC does not match this app's key.
    BadSignature,
    /// `time + expire` is before now.
    Expired,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Empty => f.write_str("UserSig is empty"),
            VerifyError::Malformed(m) => write!(f, "UserSig is malformed: {m}"),
            VerifyError::Version(v) => write!(f, "UserSig version `{v}` is not 2.0"),
            VerifyError::IdentifierMismatch => f.write_str("UserSig was made for another identifier"),
            VerifyError::SdkAppIdMismatch => f.write_str("UserSig was made for another SDKAppID"),
            VerifyError::BadSignature => f.write_str("UserSig signature does not match the key"),
            VerifyError::Expired => f.write_str("UserSig has expired"),
        }
    }
}

impl std::error::Error for VerifyError {}

fn content(identifier: &str, sdkappid: u64, time: u64, expire: u64) -> String {
    format!("TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{time}\nTLS.expire:{expire}\n")
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl UserSig {
    /// The app `sdkappid` with its secret key.
    pub fn new(sdkappid: u64, key: impl Into<Secret<String>>) -> Self {
        UserSig { sdkappid, key: key.into() }
    }

    fn mac(&self, identifier: &str, time: u64, expire: u64) -> HmacSha256 {
        // HMAC takes a key of any length.
        let mut mac = HmacSha256::new_from_slice(self.key.expose().as_bytes()).unwrap_or_else(|_| unreachable!());
        mac.update(content(identifier, self.sdkappid, time, expire).as_bytes());
        mac
    }

    /// The `TLS.sig` field: base64 of the HMAC.
    pub fn signature(&self, identifier: &str, time: u64, expire: u64) -> Secret<String> {
        let bytes = self.mac(identifier, time, expire).finalize().into_bytes();
        Secret::new(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    /// The UserSig of `identifier`, made at `time` (Unix seconds), valid `expire` seconds.
    pub fn generate(&self, identifier: &str, time: u64, expire: u64) -> Secret<String> {
        let json = serde_json::json!({
            "TLS.ver": "2.0",
            "TLS.identifier": identifier,
            "TLS.sdkappid": self.sdkappid,
            "TLS.expire": expire,
            "TLS.time": time,
            "TLS.sig": self.signature(identifier, time, expire).expose(),
        });
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(json.to_string().as_bytes(), 6);
        let b64 = base64::engine::general_purpose::STANDARD.encode(compressed);
        Secret::new(
            b64.chars()
                .map(|c| match c {
                    '+' => '*',
                    '/' => '-',
                    '=' => '_',
                    c => c,
                })
                .collect(),
        )
    }

    /// [`UserSig::generate`] at the current time.
    pub fn generate_now(&self, identifier: &str, expire: u64) -> Secret<String> {
        self.generate(identifier, now(), expire)
    }

    /// Checks `usersig` for `identifier` at time `at` (Unix seconds): the version, the user, the
    /// app, the HMAC with this app's key (in constant time), and the expiry.
    pub fn verify_at(&self, usersig: &str, identifier: &str, at: u64) -> Result<Claims, VerifyError> {
        let claims = decode(usersig)?;
        if claims.ver != "2.0" {
            return Err(VerifyError::Version(claims.ver));
        }
        if claims.identifier != identifier {
            return Err(VerifyError::IdentifierMismatch);
        }
        if claims.sdkappid != self.sdkappid {
            return Err(VerifyError::SdkAppIdMismatch);
        }
        let sig = base64::engine::general_purpose::STANDARD
            .decode(claims.sig.expose())
            .map_err(|_| VerifyError::Malformed("`TLS.sig` is not base64".into()))?;
        self.mac(identifier, claims.time, claims.expire).verify_slice(&sig).map_err(|_| VerifyError::BadSignature)?;
        if claims.time.saturating_add(claims.expire) < at {
            return Err(VerifyError::Expired);
        }
        Ok(claims)
    }

    /// [`UserSig::verify_at`] the current time.
    pub fn verify(&self, usersig: &str, identifier: &str) -> Result<Claims, VerifyError> {
        self.verify_at(usersig, identifier, now())
    }
}

/// The fields of a UserSig, without checking its HMAC.
pub fn decode(usersig: &str) -> Result<Claims, VerifyError> {
    if usersig.is_empty() {
        return Err(VerifyError::Empty);
    }
    if usersig.len() > MAX_LEN {
        return Err(VerifyError::Malformed(format!("longer than {MAX_LEN} bytes")));
    }
    let b64: String = usersig
        .chars()
        .map(|c| match c {
            '*' => '+',
            '-' => '/',
            '_' => '=',
            c => c,
        })
        .collect();
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|e| VerifyError::Malformed(format!("not URL-safe base64: {e}")))?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, MAX_JSON)
        .map_err(|e| VerifyError::Malformed(format!("not zlib data of at most {MAX_JSON} bytes: {:?}", e.status)))?;
    let value: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| VerifyError::Malformed(format!("not JSON: {e}")))?;
    let field = |name: &str| value.get(name).ok_or_else(|| VerifyError::Malformed(format!("no `{name}`")));
    let string = |name: &str| {
        field(name)?
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| VerifyError::Malformed(format!("`{name}` is not a string")))
    };
    let number = |name: &str| {
        let v = field(name)?;
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .ok_or_else(|| VerifyError::Malformed(format!("`{name}` is not an unsigned integer")))
    };
    Ok(Claims {
        ver: string("TLS.ver")?,
        identifier: string("TLS.identifier")?,
        sdkappid: number("TLS.sdkappid")?,
        time: number("TLS.time")?,
        expire: number("TLS.expire")?,
        sig: Secret::new(string("TLS.sig")?),
    })
}
