//! `group-msg-validate <API> [--part request|response|callback] [--deny-warnings] <FILE>...`,
//! also run by `cargo xtask validate`: checks JSON files against an API's types and rules.
//!
//! One line per problem, every problem of the file at once (wrong types, missing, unknown and
//! duplicate keys, unknown tags, broken rules), in document order: `FILE: POINTER: message` for an error (the vendor would refuse the
//! request), `FILE: POINTER: warning: message` for a warning (the vendor ignores it, or only an
//! SDK limits it). Exit 0: no errors (warnings alone do not fail); 1: a file breaks a rule or has
//! the wrong shape, or has a warning under `--deny-warnings`; 2: usage error, unreadable file or
//! not JSON (anywhere in the file, even after a wrong shape). A relative FILE is relative to the
//! current directory (`cargo xtask validate` keeps the caller's).

use group_msg_types::runtime::{Error, ParseError, Violations};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};

/// The APIs and, for each, the parts it has.
pub const APIS: &[&str] = &[
    "tencent_im.send_group_msg",
    "yunhu.batch_send",
    "yunhu.send",
    "upbot.send_group_message",
    "qopen.send_msg_to_group",
];

/// Parses a file's text; the value's violations, errors and warnings, in document order.
type Check = fn(&str) -> Result<Violations, Error>;

/// A file's violations: every problem of text that fails (the type's `from_json`, which lists
/// them all at once, in document order), and the warnings of text that parses.
fn check<T: group_msg_types::__private::serde::de::DeserializeOwned + group_msg_types::runtime::Validate>(
    text: &str,
    from_json: fn(&str) -> Result<T, Error>,
) -> Result<Violations, Error> {
    let Ok(value) = group_msg_types::runtime::from_json::<T>(text) else {
        return from_json(text).map(|_| Violations(Vec::new()));
    };
    let all = value.validate_all();
    if !all.has_errors() {
        return Ok(all);
    }
    // The errors in `from_json`'s words (the same errors, in the same order), the warnings kept.
    let Err(Error::Rules(errors)) = from_json(text) else { return Ok(all) };
    let mut errors = errors.0.into_iter();
    Ok(Violations(all.0.into_iter().map(|v| if v.is_error() { errors.next().unwrap_or(v) } else { v }).collect()))
}

macro_rules! checker {
    ($t:ty) => {
        |text| check::<$t>(text, <$t>::from_json)
    };
}

/// The checker of `api`'s `part`, `None` when there is no such API or part.
pub fn checker(api: &str, part: &str) -> Option<Check> {
    Some(match (api, part) {
        ("tencent_im.send_group_msg", "request") => checker!(tencent_im::send_group_msg::Request),
        ("tencent_im.send_group_msg", "response") => checker!(tencent_im::send_group_msg::Response),
        ("yunhu.batch_send", "request") => checker!(yunhu::batch_send::Request),
        ("yunhu.batch_send", "response") => checker!(yunhu::batch_send::Response),
        ("yunhu.send", "request") => checker!(yunhu::send::Request),
        ("yunhu.send", "response") => checker!(yunhu::send::Response),
        ("upbot.send_group_message", "request") => checker!(upbot::send_group_message::Request),
        ("upbot.send_group_message", "response") => checker!(upbot::send_group_message::Response),
        ("qopen.send_msg_to_group", "request") => checker!(qopen::send_msg_to_group::Request),
        ("qopen.send_msg_to_group", "response") => checker!(qopen::send_msg_to_group::Response),
        ("qopen.send_msg_to_group", "callback") => checker!(qopen::send_msg_to_group::Callback),
        _ => return None,
    })
}

/// The not-JSON error of `text`, when some part of it is not JSON.
fn not_json(text: &str) -> Option<Error> {
    match group_msg_types::runtime::from_json::<group_msg_types::__private::serde::de::IgnoredAny>(text) {
        Err(e @ ParseError::NotJson { .. }) => Some(Error::Parse(e)),
        _ => None,
    }
}

/// What one run prints and its exit code.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

pub const USAGE: &str =
    "usage: cargo xtask validate <API> [--part request|response|callback] [--deny-warnings] <FILE>...
APIs: tencent_im.send_group_msg, yunhu.batch_send, yunhu.send, upbot.send_group_message, qopen.send_msg_to_group";

/// Runs `validate` with its arguments (after the word `validate`).
pub fn run(args: &[String]) -> Outcome {
    let usage = |msg: &str| Outcome { stdout: String::new(), stderr: format!("{msg}\n{USAGE}\n"), code: 2 };
    let Some((api, mut rest)) = args.split_first() else { return usage("missing API") };
    let mut part = "request".to_owned();
    if rest.first().map(String::as_str) == Some("--part") {
        match rest.get(1) {
            Some(p) => part = p.clone(),
            None => return usage("--part needs a value"),
        }
        rest = &rest[2..];
    }
    let mut deny_warnings = false;
    if rest.first().map(String::as_str) == Some("--deny-warnings") {
        deny_warnings = true;
        rest = &rest[1..];
    }
    if !APIS.contains(&api.as_str()) {
        return usage(&format!("unknown API `{api}`"));
    }
    let Some(check) = checker(api, &part) else {
        return usage(&format!("`{api}` has no part `{part}`"));
    };
    if rest.is_empty() {
        return usage("no files given");
    }
    let (mut stdout, mut stderr) = (String::new(), String::new());
    let mut code = 0u8;
    for file in rest {
        if file.starts_with("--") {
            return usage(&format!("unknown option `{file}`"));
        }
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                stderr.push_str(&format!("{file}: cannot read: {e}\n"));
                code = 2;
                continue;
            }
        };
        // A shape error is the first one in the text; the text may still not be JSON further on
        // (a truncated file with a wrong type near the top), and that is what to report then.
        let mut result = check(&text);
        if matches!(result, Err(Error::Parse(ParseError::Shape { .. }))) {
            if let Some(e) = not_json(&text) {
                result = Err(e);
            }
        }
        match result {
            Ok(found) => {
                for v in found.iter() {
                    stdout.push_str(&format!("{file}: {v}\n"));
                }
                if found.has_errors() || (deny_warnings && !found.is_empty()) {
                    code = code.max(1);
                }
            }
            Err(Error::Parse(ParseError::NotJson { line, column, message })) => {
                stderr.push_str(&format!("{file}: not JSON: {message} at line {line} column {column}\n"));
                code = 2;
            }
            Err(Error::Parse(ParseError::Shape { pointer, message })) => {
                stdout.push_str(&format!("{file}: {}: {message}\n", if pointer.is_empty() { "/" } else { &pointer }));
                code = code.max(1);
            }
            Err(Error::Rules(violations)) => {
                // Every problem of a file that fails, one line each.
                for v in violations.iter() {
                    stdout.push_str(&format!("{file}: {v}\n"));
                }
                code = code.max(1);
            }
        }
    }
    Outcome { stdout, stderr, code }
}
