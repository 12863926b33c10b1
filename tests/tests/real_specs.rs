//! Real specs as they are (issue 10): every entry of `../shared/real-specs/manifest.json` (public
//! OpenAPI documents and JSON Schemas, unmodified) is generated with the build-script API
//! (`group_msg_codegen::Builder`), the outputs are compiled together in ONE crate that denies
//! warnings (`group_msg_tests::conformance::run_units`), and each sample the manifest lists is
//! accepted (`valid`) or refused (`invalid`) by the generated `from_json`.
//!
//! Every entry generates (`every_entry_generates`, which also pins the warnings the lenient
//! reading gives the entries that need them: Zulip's security scheme named in the wrong case),
//! and every entry up to [`CI_MAX_BYTES`] is compiled: nothing is skipped.
//!
//! CI compiles the entries up to [`CI_MAX_BYTES`] (the JSON Schemas and small documents); the
//! largest outputs (Discord, Svix, Slack, Twilio: megabytes of Rust each) are compiled by
//! `cargo xtask real-specs`, which sets `GROUP_MSG_REAL_SPECS=all`.
//!
//! The shared folder is found beside the repository (`../shared` of the workspace root, as CI
//! and the team's worktrees have it), or at `GROUP_MSG_SHARED`.

use std::path::{Path, PathBuf};

use group_msg_codegen::Builder;
use group_msg_tests::conformance::{run_units, workspace_root, Unit};
use serde_json::Value;

/// Entries compiled in CI: total size (entry + the files its `$ref`s reach) at most this.
const CI_MAX_BYTES: u64 = 256 * 1024;

/// The root type name given to standalone JSON Schemas.
const ROOT: &str = "RealSpecRoot";

fn shared() -> PathBuf {
    if let Some(p) = std::env::var_os("GROUP_MSG_SHARED") {
        return PathBuf::from(p);
    }
    workspace_root().join("..").join("shared")
}

fn real_specs() -> PathBuf {
    shared().join("real-specs")
}

#[derive(Debug)]
struct Entry {
    entry: String,
    kind: String,
    total_bytes: u64,
    valid: Vec<String>,
    invalid: Vec<String>,
    /// How the entry's `$ref`s resolve (`internal-only`, `file-relative`, `by-$id: ...`).
    ref_resolution: String,
}

fn manifest() -> Vec<Entry> {
    let path = real_specs().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e} (the shared folder belongs beside the repository, or set GROUP_MSG_SHARED)", path.display())
    });
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    };
    v.as_array()
        .expect("the manifest is an array")
        .iter()
        .map(|e| Entry {
            entry: e["entry"].as_str().expect("entry").to_owned(),
            kind: e["kind"].as_str().expect("kind").to_owned(),
            total_bytes: e["total_bytes"].as_u64().expect("total_bytes"),
            valid: strings(&e["samples"]["valid"]),
            invalid: strings(&e["samples"]["invalid"]),
            ref_resolution: e["ref_resolution"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

fn builder(entry: &Entry, out: &Path) -> Builder {
    let mut b = Builder::new().spec(real_specs().join(&entry.entry)).out_dir(out).cargo_metadata(false);
    if entry.kind == "jsonschema" {
        b = b.root_name(ROOT);
    }
    // `$ref`s may reach any file of the entry's source repository (Matrix's `../../event-schemas`).
    let source = entry.entry.split('/').next().unwrap_or_default();
    b = b.allow(real_specs().join(source));
    // "by-$id: ... register every file under payload-schemas/api.github.com/ by its $id ...": the
    // folder named after "under", inside the source repository.
    if entry.ref_resolution.starts_with("by-$id") {
        let folder = entry.ref_resolution.split(" under ").nth(1).and_then(|r| r.split_whitespace().next());
        if let Some(folder) = folder {
            b = b.ids(real_specs().join(source).join(folder.trim_end_matches('/')));
        }
    }
    b
}

fn scratch(name: &str) -> PathBuf {
    let d = workspace_root().join("target").join("conformance").join(name);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// The entry's warnings (`file#pointer: message`, the file relative to the shared folder), or its
/// errors.
fn generate_entry(entry: &Entry, out: &Path) -> Result<Vec<String>, String> {
    let base = format!("{}/", real_specs().display());
    match builder(entry, out).generate() {
        Ok(generated) => Ok(generated
            .iter()
            .flat_map(|g| g.warnings.iter())
            .map(|w| w.to_string().trim_start_matches(base.as_str()).to_owned())
            .filter(|w| !w.ends_with("(ignored)"))
            .collect()),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn the_manifest_has_every_entry() {
    assert_eq!(manifest().len(), 24, "the manifest changed: review the warnings pinned below");
}

/// Warnings the entries get, each a deliberate leniency: (entry, how many, one of them). Unknown
/// keywords ignored as annotations (`tsAdditionalProperties`, ...) are not counted here.
const WARNINGS: &[(&str, usize, &str)] = &[(
    "zulip/zerver/openapi/zulip.yaml",
    2,
    "zulip/zerver/openapi/zulip.yaml#/security/0/basicAuth: security scheme `basicAuth` is not defined in \
     `components.securitySchemes`; read as `BasicAuth`, the one defined name that differs only in case",
)];

#[test]
fn every_entry_generates() {
    let out = scratch("real_specs_generate");
    let mut problems = Vec::new();
    for entry in manifest() {
        let want = WARNINGS.iter().find(|(e, ..)| *e == entry.entry);
        match (generate_entry(&entry, &out), want) {
            (Err(e), _) => problems.push(format!("{}: {e}", entry.entry)),
            (Ok(w), None) if !w.is_empty() => {
                problems.push(format!("{}: unexpected warnings:\n{}", entry.entry, w.join("\n")))
            }
            (Ok(w), Some((_, n, one))) if w.len() != *n || !w.iter().any(|x| x == one) => {
                problems.push(format!("{}: warnings changed:\n{}", entry.entry, w.join("\n")))
            }
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Extra code for a unit: compile-time checks on the generated items.
fn checks_for(entry: &str) -> &'static str {
    match entry {
        "schemastore/src/schemas/json/yamllint.json" => "const _: fn(&RealSpecRoot) = |_| ();\n",
        _ => "",
    }
}

fn sample_text(path: &str) -> String {
    let p = real_specs().join(path);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    // A sample may be YAML (tmlanguage's grammar): read as the generator reads specs.
    let format = group_msg_codegen::read::load::Format::detect(path, &text);
    let v: Value = group_msg_codegen::read::load::parse(&text, format)
        .unwrap_or_else(|e| panic!("{}: sample is neither JSON nor YAML: {}", p.display(), e.message));
    v.to_string()
}

#[test]
fn passing_entries_compile_and_judge_their_samples() {
    let all = std::env::var("GROUP_MSG_REAL_SPECS").is_ok_and(|v| v == "all");
    let out = scratch("real_specs_out");
    let mut units = Vec::new();
    let mut expect: Vec<(String, Vec<bool>, Vec<String>)> = Vec::new();
    for entry in manifest() {
        if !all && entry.total_bytes > CI_MAX_BYTES {
            continue;
        }
        let generated = builder(&entry, &out).generate().unwrap_or_else(|e| panic!("{}: {e}", entry.entry));
        let code = std::fs::read_to_string(&generated[0].path).expect("generated file");
        let mut instances = Vec::new();
        let mut verdicts = Vec::new();
        let mut names = Vec::new();
        for (list, ok) in [(&entry.valid, true), (&entry.invalid, false)] {
            for s in list {
                instances.push(sample_text(s));
                verdicts.push(ok);
                names.push(s.clone());
            }
        }
        let root = (entry.kind == "jsonschema").then(|| ROOT.to_owned());
        units.push(Unit { code: format!("{code}\n{}", checks_for(&entry.entry)), root, instances });
        expect.push((entry.entry.clone(), verdicts, names));
    }
    // The whole-document fixture rides in the same crate build (one compile for all).
    let (unit, verdicts, names) = chat_fixture(&out);
    units.push(unit);
    expect.push(("tests/specs/whole/chat.json".into(), verdicts, names));
    let results = run_units(&scratch("real_specs"), &units).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for ((entry, want, names), got) in expect.iter().zip(results) {
        assert_eq!(got.len(), want.len(), "{entry}: one verdict per sample");
        for ((w, g), name) in want.iter().zip(&got).zip(names) {
            match (w, g) {
                (true, Err(e)) => problems.push(format!("{entry}: valid sample {name} refused: {e}")),
                (false, Ok(())) => problems.push(format!("{entry}: invalid sample {name} accepted")),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `tests/specs/whole/chat.json`: a made-up document with every document-level construct (several
/// operations, one without `operationId`, a repeated `operationId`, path-item and component
/// parameters, cookie and header parameters, form, multipart, text, bytes and `*/*` bodies,
/// `2XX`/`4XX`/`default` responses, a callback, a webhook, every security scheme type, per-path
/// and per-operation servers, names made of symbols). Generated through the Builder; the checks
/// below are compiled with it, and `create_message::Response` (= `Message`) judges samples.
fn chat_fixture(out: &Path) -> (Unit, Vec<bool>, Vec<String>) {
    let spec = workspace_root().join("tests/specs/whole/chat.json");
    let generated =
        Builder::new().spec(&spec).out_dir(out).cargo_metadata(false).generate().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated[0].module, "chat");
    assert_eq!(generated[0].files_read, vec![spec.clone()]);
    let code = std::fs::read_to_string(&generated[0].path).expect("generated file");
    assert!(code.starts_with("// @generated by `group_msg_codegen::Builder`"), "{}", &code[..200]);
    assert!(!code.contains("//!"), "an include!-able file has no inner docs");
    let checks = r#"
// Operation modules, named from operationId, method + path, a repeat (2), a keyword, a callback
// and a webhook; each alias names the type its body has.
const _: fn(create_message::Request) -> CreateMessageRequest = |x| x;
const _: fn(create_message::Response) -> Message = |x| x;
const _: fn(create_message::Response4xx) -> Problem = |x| x;
const _: fn(create_message::ResponseDefault) -> ::std::string::String = |x| x;
const _: fn(create_message::QueryParams) -> CreateMessageQueryParams = |x| x;
const _: fn(create_message::HeaderParams) -> CreateMessageHeaderParams = |x| x;
const _: fn(create_message::PathParams) -> CreateMessagePathParams = |x| x;
const _: fn(create_message::CookieParams) -> CreateMessageCookieParams = |x| x;
const _: fn(create_message::Message) -> Message = |x| x;
const _: fn(get_channels_channel_id_messages::Response) -> GetChannelsChannelIdMessagesResponse = |x| x;
const _: fn(upload_file::Request) -> ::std::vec::Vec<u8> = |x| x;
const _: fn(upload_file::Response) -> ::std::string::String = |x| x;
const _: fn(download_file::Response) -> ::std::vec::Vec<u8> = |x| x;
const _: fn(create_message2::Request) -> CreateMessage2Request = |x| x;
const _: fn(r#type::Request) -> TypeRequest = |x| x;
const _: fn(r#type::Response) -> TypeResponse = |x| x;
const _: fn(create_message_delivered_post::Request) -> Delivery = |x| x;
const _: fn(message_created::Request) -> Message = |x| x;
// Endpoint facts.
const _: () = assert!(matches!(create_message::METHOD.as_bytes(), b"POST"));
const _: () = assert!(matches!(create_message::PATH.as_bytes(), b"/channels/{channel_id}/messages"));
const _: () = assert!(matches!(get_channels_channel_id_messages::METHOD.as_bytes(), b"GET"));
const _: () = assert!(matches!(upload_file::SERVER.as_bytes(), b"https://files.chat.example.com"));
const _: () = assert!(matches!(download_file::SERVER.as_bytes(), b"https://cdn.chat.example.com"));
const _: () = assert!(download_file::DEPRECATED);
const _: () = assert!(matches!(create_message::SERVER.as_bytes(), b"https://{region}.chat.example.com/v1"));
const _: () = assert!(message_created::SERVERS.is_empty() && message_created::PATH.is_empty());
const _: () = assert!(matches!(create_message_delivered_post::PATH.as_bytes(), b"{$request.body#/callback_url}"));
const _: () = assert!(matches!(upload_file::REQUEST_MEDIA.as_bytes(), b"application/octet-stream"));
const _: () = assert!(matches!(create_message2::REQUEST_MEDIA.as_bytes(), b"application/x-www-form-urlencoded"));
const _: () = assert!(matches!(r#type::REQUEST_MEDIA.as_bytes(), b"multipart/form-data"));
const _: () = assert!(create_message::RESPONSES.len() == 3);
const _: () = assert!(matches!(create_message::RESPONSES[1].status.as_bytes(), b"4XX"));
const _: () = assert!(matches!(create_message::RESPONSES[1].media, Some(m) if matches!(m.as_bytes(), b"application/problem+json")));
const _: () = assert!(create_message2::SECURITY.is_empty());
const _: () = assert!(matches!(
    create_message::SECURITY,
    [[::group_msg_types::runtime::Security {
        auth: ::group_msg_types::runtime::Auth::Http { bearer_format: Some(_), .. },
        ..
    }]]
));
const _: () = assert!(matches!(
    get_channels_channel_id_messages::SECURITY,
    [[::group_msg_types::runtime::Security { auth: ::group_msg_types::runtime::Auth::ApiKey(_), .. }],
     [::group_msg_types::runtime::Security { auth: ::group_msg_types::runtime::Auth::OAuth2 { flows: [_, _] }, scopes: [_], .. }]]
));
const _: () = assert!(matches!(
    r#type::SECURITY,
    [[::group_msg_types::runtime::Security { auth: ::group_msg_types::runtime::Auth::MutualTls, .. }],
     [::group_msg_types::runtime::Security { auth: ::group_msg_types::runtime::Auth::OpenIdConnect { .. }, .. }],
     [::group_msg_types::runtime::Security { auth: ::group_msg_types::runtime::Auth::Http { .. }, .. }]]
));
const _: () = assert!(matches!(
    get_channels_channel_id_messages::AUTH,
    [::group_msg_types::runtime::ApiKey { location: ::group_msg_types::runtime::ParamLocation::Cookie, .. }]
));
// Names from anything: symbols spelt, collisions numbered in document order.
const _: [Kind; 8] = [Kind::Plus1, Kind::Minus1, Kind::Star, Kind::Empty, Kind::AB, Kind::AB2, Kind::AB3, Kind::Self_];
const _: [TimeZone; 4] = [TimeZone::EtcGmtPlus1, TimeZone::EtcGmtMinus1, TimeZone::UTC, TimeZone::AmericaPortAuPrince];
const _: fn(Message2) -> ::core::option::Option<::std::string::String> = |m| m.lower;
fn _fields(m: Message) {
    let _: ::core::option::Option<::std::string::String> = m.slash;
    let _: ::core::option::Option<i64> = m.minus;
    let _: ::core::option::Option<bool> = m.empty;
    let _: ::core::option::Option<::std::string::String> = m.r#type;
    let _: ::core::option::Option<::std::string::String> = m.type2;
    let _: ::core::option::Option<::std::string::String> = m._123;
}
// The header parameter of the operation replaces the path item's (required, so not an Option),
// and `dry-run` / `dry_run` are told apart.
fn _params(h: CreateMessageHeaderParams, q: CreateMessageQueryParams) {
    let _: ::std::string::String = h.x_trace;
    let _: ::core::option::Option<bool> = q.dry_run;
    let _: ::core::option::Option<i64> = q.dry_run2;
}
"#;
    let valid = [
        r#"{"id":"1","content":"hi"}"#,
        r#"{"id":"1","content":"hi","kind":"+1","tz":"Etc/GMT-1","/":"s","-":3,"":true,"type":"a","Type":"b","123":"c"}"#,
        r#"{"id":"1","content":"hi","kind":"a.b"}"#,
    ];
    let invalid = [
        r#"{"id":"1"}"#,
        r#"{"id":"1","content":"hi","kind":"plus"}"#,
        r#"{"id":"1","content":"hi","tz":"Etc/GMT+2"}"#,
        r#"{"id":"1","content":"hi","":"not a bool"}"#,
    ];
    let mut instances = Vec::new();
    let mut verdicts = Vec::new();
    for (list, ok) in [(&valid[..], true), (&invalid[..], false)] {
        for i in list {
            instances.push((*i).to_owned());
            verdicts.push(ok);
        }
    }
    let names = instances.clone();
    (
        Unit { code: format!("{code}\n{checks}"), root: Some("create_message::Response".into()), instances },
        verdicts,
        names,
    )
}
