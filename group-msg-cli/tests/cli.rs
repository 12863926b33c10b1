//! `group-msg-validate` (what `cargo xtask validate` runs) as people and scripts use it: exit
//! codes and output lines.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let out = Command::new(env!("CARGO_BIN_EXE_group-msg-validate")).args(args).current_dir(root).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("group-msg-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn valid_files_exit_0_silently() {
    let (code, out, err) = run(&[
        "tencent_im.send_group_msg",
        "tests/fixtures/tencent_im/01_basic.json",
        "tests/fixtures/tencent_im/07_group_at.json",
    ]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (code, _, _) = run(&["qopen.send_msg_to_group", "--part", "callback", "tests/fixtures/qopen/03_callback.json"]);
    assert_eq!(code, 0);
}

#[test]
fn every_violation_is_a_line_and_the_exit_is_1() {
    let f =
        temp("two.json", r#"{"GroupId":"g","Random":1,"MsgBody":[],"OnlineOnlyFlag":1,"SendMsgControl":["NoUnread"]}"#);
    let (code, out, _) = run(&["tencent_im.send_group_msg", &f]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{f}: /MsgBody: must have at least 1 items, found 0\n{f}: /: `SendMsgControl` is not allowed (because `OnlineOnlyFlag` is at least 1)\n")
    );
    let (code, out, _) = run(&["upbot.send_group_message", "tests/fixtures/upbot/09_request.json"]);
    assert_eq!(code, 1);
    // Every problem at once, one line each, in JSON's words.
    assert!(
        out.starts_with("tests/fixtures/upbot/09_request.json: /gid: expected an integer of at least 0, found the string \"10123\" (remove the quotes)\n"),
        "{out}"
    );
    assert!(out.lines().count() > 1, "{out}");
}

#[test]
fn usage_unreadable_and_not_json_exit_2() {
    assert_eq!(run(&[]).0, 2);
    assert_eq!(run(&["nope.api", "x.json"]).0, 2);
    assert_eq!(run(&["yunhu.batch_send", "--part", "callback", "x.json"]).0, 2);
    assert_eq!(run(&["yunhu.batch_send"]).0, 2);
    let (code, _, err) = run(&["yunhu.batch_send", "/no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/file.json: cannot read"), "{err}");
    let (code, _, err) =
        run(&["qopen.send_msg_to_group", "--part", "response", "tests/fixtures/qopen/02_response.json"]);
    assert_eq!(code, 2);
    assert_eq!(err, "tests/fixtures/qopen/02_response.json: not JSON: trailing comma at line 4 column 5\n");
}

/// Text that is not JSON exits 2 even when a wrong type comes first: a truncated file is not
/// JSON, whatever its first field holds.
#[test]
fn not_json_after_a_wrong_type_exits_2() {
    let truncated = temp("truncated.json", r#"{"GroupId": 1, "Random": 1, "MsgBody": [{"MsgType": "TIMTextElem""#);
    let (code, out, err) = run(&["tencent_im.send_group_msg", &truncated]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(err, format!("{truncated}: not JSON: EOF while parsing an object at line 1 column 65\n"));
    let garbage = temp("garbage.json", r#"{"GroupId": 1, "Random": 1, "MsgBody": []} trailing"#);
    let (code, _, err) = run(&["tencent_im.send_group_msg", &garbage]);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("{garbage}: not JSON: trailing characters")), "{err}");
    // JSON with a wrong type stays exit 1.
    let wrong = temp("wrong.json", r#"{"GroupId": 1, "Random": 1, "MsgBody": []}"#);
    let (code, out, _) = run(&["tencent_im.send_group_msg", &wrong]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{wrong}: /GroupId: expected a string, found the integer 1 (put it in quotes)\n{wrong}: /MsgBody: must have at least 1 items, found 0\n"
        )
    );
}

/// A relative file name is relative to the directory the command runs in.
#[test]
fn relative_paths_are_the_callers() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/tencent_im");
    let out = Command::new(env!("CARGO_BIN_EXE_group-msg-validate"))
        .args(["tencent_im.send_group_msg", "01_basic.json"])
        .current_dir(fixtures)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A YunHu request the vendor accepts but partly ignores: the official Go SDK's copy button with
/// `"url": ""`, and 201 receivers (only the SDK batches by 200).
fn warnings_only() -> String {
    let ids: Vec<String> = (0..201).map(|i| format!("\"u{i}\"")).collect();
    format!(
        r#"{{"recvIds":[{}],"recvType":"user","contentType":"text","content":{{"text":"hi","buttons":[{{"text":"copy","actionType":2,"value":"v","url":""}}]}}}}"#,
        ids.join(",")
    )
}

#[test]
fn warnings_alone_exit_0_and_print_as_warnings() {
    let f = temp("warn.json", &warnings_only());
    let (code, out, err) = run(&["yunhu.batch_send", &f]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert_eq!(
        out,
        format!(
            "{f}: /recvIds: warning: must have at most 200 items, found 201\n\
             {f}: /content/buttons/0: warning: `url` is ignored by the vendor (because `actionType` is 2)\n"
        )
    );
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let f = temp("deny.json", &warnings_only());
    let (code, out, _) = run(&["yunhu.batch_send", "--deny-warnings", &f]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().filter(|l| l.contains(": warning: ")).count(), 2, "{out}");
    // A file without warnings still passes under --deny-warnings.
    let (code, out, _) = run(&["yunhu.batch_send", "--deny-warnings", "tests/fixtures/yunhu/02_text_request.json"]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn errors_and_warnings_exit_1_with_both_lines_in_document_order() {
    // No receiver (error), and buttons in rows with ignored keys (warnings).
    let f = temp(
        "both.json",
        r#"{"recvIds":[],"recvType":"user","contentType":"text","content":{"text":"hi","buttons":[[{"text":"copy","actionType":2,"value":"v","url":""}],[{"text":"go","actionType":1,"url":"https://x","value":"v"}]]}}"#,
    );
    let (code, out, _) = run(&["yunhu.batch_send", &f]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "{f}: /recvIds: must have at least 1 items, found 0\n\
             {f}: /content/buttons/0/0: warning: `url` is ignored by the vendor (because `actionType` is 2)\n\
             {f}: /content/buttons/1/0: warning: `value` is ignored by the vendor (because `actionType` is 1)\n"
        )
    );
}

#[test]
fn yunhu_send_is_an_api_of_its_own() {
    // The doc's example of bot/send passes; batch_send's body is refused at the key.
    let (code, out, err) = run(&["yunhu.send", "tests/fixtures/yunhu/09_send_request.json"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (code, out, _) = run(&["yunhu.send", "tests/fixtures/yunhu/12_send_recv_ids.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "tests/fixtures/yunhu/12_send_recv_ids.json: /: `recvId` is required\n\
         tests/fixtures/yunhu/12_send_recv_ids.json: /: `recvIds` is not allowed; did you mean `recvId`?\n"
    );
    let (code, _, _) = run(&["yunhu.send", "--part", "response", "tests/fixtures/yunhu/11_send_response.json"]);
    assert_eq!(code, 0);
}
