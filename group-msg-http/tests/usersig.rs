//! Tencent UserSig (TLSSigAPIv2) against vectors computed independently by
//! `tests/data/usersig_vectors.py` (Python's hmac, hashlib, zlib, base64, json).

use group_msg_http::usersig::{decode, UserSig, VerifyError};
use group_msg_http::Secret;

#[derive(serde::Deserialize)]
struct Vector {
    sdkappid: u64,
    identifier: String,
    key: String,
    time: u64,
    expire: u64,
    sig: String,
    usersig: String,
}

fn vectors() -> Vec<Vector> {
    let v: Vec<Vector> = serde_json::from_str(include_str!("data/usersig_vectors.json")).unwrap();
    assert_eq!(v.len(), 3);
    v
}

#[test]
fn the_hmac_matches_python() {
    for v in vectors() {
        let signer = UserSig::new(v.sdkappid, v.key.as_str());
        assert_eq!(signer.signature(&v.identifier, v.time, v.expire).expose(), &v.sig, "{}", v.identifier);
    }
}

#[test]
fn generated_usersigs_decode_to_the_python_fields() {
    for v in vectors() {
        let signer = UserSig::new(v.sdkappid, v.key.as_str());
        let ours = signer.generate(&v.identifier, v.time, v.expire);
        let claims = decode(ours.expose()).unwrap();
        assert_eq!(claims.ver, "2.0");
        assert_eq!(claims.identifier, v.identifier);
        assert_eq!(claims.sdkappid, v.sdkappid);
        assert_eq!(claims.time, v.time);
        assert_eq!(claims.expire, v.expire);
        assert_eq!(claims.sig.expose(), &v.sig);
        // Python's UserSig decodes to the same fields (zlib output may differ byte for byte).
        assert_eq!(decode(&v.usersig).unwrap(), claims);
        // Only the URL-safe alphabet.
        assert!(ours.expose().chars().all(|c| c.is_ascii_alphanumeric() || "*-_".contains(c)), "{}", ours.expose());
    }
}

#[test]
fn python_usersigs_verify_with_the_key_and_not_without() {
    for v in vectors() {
        let signer = UserSig::new(v.sdkappid, v.key.as_str());
        let at = v.time + v.expire;
        assert_eq!(signer.verify_at(&v.usersig, &v.identifier, at).unwrap().sig.expose(), &v.sig);
        assert_eq!(signer.verify_at(&v.usersig, &v.identifier, at + 1), Err(VerifyError::Expired));
        assert_eq!(signer.verify_at(&v.usersig, "someone-else", at), Err(VerifyError::IdentifierMismatch));
        let other_key = UserSig::new(v.sdkappid, "another key");
        assert_eq!(other_key.verify_at(&v.usersig, &v.identifier, at), Err(VerifyError::BadSignature));
        let other_app = UserSig::new(v.sdkappid + 1, v.key.as_str());
        assert_eq!(other_app.verify_at(&v.usersig, &v.identifier, at), Err(VerifyError::SdkAppIdMismatch));
    }
}

#[test]
fn malformed_usersigs_are_refused_with_a_reason() {
    let signer = UserSig::new(1, "k");
    assert_eq!(signer.verify_at("", "a", 0), Err(VerifyError::Empty));
    let cases = [
        ("!!!", "not URL-safe base64"),
        ("aGVsbG8_", "not zlib data"),
        (&"A".repeat(5000)[..], "longer than 4096 bytes"),
    ];
    for (sig, reason) in cases {
        match signer.verify_at(sig, "a", 0) {
            Err(VerifyError::Malformed(m)) => assert!(m.starts_with(reason), "{sig}: {m}"),
            other => panic!("{sig}: {other:?}"),
        }
    }
    // Valid zlib of JSON without the fields: made with Python's zlib.compress(b'{"TLS.ver":"2.0"}').
    let b64 = "eJyrVgrxCdYrSy1SslIy0jNQqgUALUoEuQ__";
    match decode(b64) {
        Err(VerifyError::Malformed(m)) => assert_eq!(m, "no `TLS.identifier`"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_key_and_sig_stay_out_of_debug() {
    let v = &vectors()[0];
    let signer = UserSig::new(v.sdkappid, Secret::new(v.key.clone()));
    let claims = decode(&v.usersig).unwrap();
    let text = format!("{signer:?} {claims:?} {:?}", signer.generate(&v.identifier, v.time, v.expire));
    assert!(!text.contains(&v.key), "{text}");
    assert!(!text.contains(&v.sig), "{text}");
    assert!(!text.contains(&v.usersig[..20]), "{text}");
}

#[test]
fn a_config_from_the_key_carries_a_verifiable_usersig() {
    use group_msg_http::{tencent_im, Endpoint};
    let key = Secret::new("app-secret".to_owned());
    let api = tencent_im::Config::with_key(1400000000, "administrator", &key, 3600);
    let request = tencent_im::api::Request::from_json(
        r#"{"GroupId":"g","Random":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]}"#,
    )
    .unwrap();
    let http = api.to_http(&request).unwrap();
    let query: Vec<(String, String)> =
        form_urlencoded::parse(http.uri().query().unwrap().as_bytes()).into_owned().collect();
    let usersig = &query.iter().find(|(k, _)| k == "usersig").unwrap().1;
    let claims = UserSig::new(1400000000, key).verify(usersig, "administrator").unwrap();
    assert_eq!(claims.expire, 3600);
}
