//! The generator never panics on a spec, however broken: every spec of the project, mutated
//! thousands of ways (values swapped for other kinds, keys dropped or renamed), gives either code
//! that parses as Rust or diagnostics with a pointer.

use group_msg_codegen::{format, generate, Options};
use group_msg_tests::schemagen::Rng;
use serde_json::{json, Value};

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn mutate(spec: &Value, rng: &mut Rng) -> Value {
    let mut v = spec.clone();
    let mut ptrs = Vec::new();
    pointers(&v, String::new(), &mut ptrs);
    let target = ptrs[rng.below(ptrs.len())].clone();
    let junk = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!("x"),
        json!(""),
        json!("#/components/schemas/Nope"),
        json!([]),
        json!({}),
        json!({"$ref": "#/components/schemas/Nope"}),
        json!({"type": "object", "properties": {"a": {"$ref": "#"}}}),
        json!(["string", "null"]),
        json!({"oneOf": [{"const": 1}]}),
    ];
    let (parent, key) = match target.rsplit_once('/') {
        Some((p, k)) => (p.to_owned(), k.replace("~1", "/").replace("~0", "~")),
        None => return junk[rng.below(junk.len())].clone(),
    };
    match (rng.below(3), v.pointer_mut(&parent)) {
        (0, Some(Value::Object(m))) => {
            m.remove(&key);
        }
        (1, Some(Value::Object(m))) => {
            if let Some(x) = m.remove(&key) {
                m.insert(format!("{key}x"), x);
            }
        }
        (_, _) => {
            if let Some(slot) = v.pointer_mut(&target) {
                *slot = junk[rng.below(junk.len())].clone();
            }
        }
    }
    v
}

#[test]
fn mutated_specs_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = Vec::new();
    for dir in ["specs/good", "../specs/tencent_im", "../specs/yunhu", "../specs/upbot", "../specs/qopen"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "json") {
                specs.push(e.path());
            }
        }
    }
    specs.sort();
    let mut rng = Rng(0x5EED);
    let (mut ok, mut refused) = (0, 0);
    for path in &specs {
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let rounds = if path.to_string_lossy().contains("/specs/good/") { 60 } else { 150 };
        for _ in 0..rounds {
            let mutated = mutate(&spec, &mut rng);
            let text = mutated.to_string();
            let opts = Options { root_name: Some("Root".into()), ..Options::default() };
            let result = std::panic::catch_unwind(|| {
                generate("mutated.json", &text, &opts).map(|o| format(&o.tokens).map(|_| ()))
            });
            match result {
                Err(_) => panic!("the generator panicked on a mutation of {}:\n{text}", path.display()),
                Ok(Ok(Ok(()))) => ok += 1,
                Ok(Ok(Err(e))) => {
                    panic!("generated code does not parse ({e}) for a mutation of {}:\n{text}", path.display())
                }
                Ok(Err(diags)) => {
                    assert!(diags.iter().all(|d| d.to_string().starts_with("mutated.json#")), "{diags}");
                    refused += 1;
                }
            }
        }
    }
    assert!(ok > 100 && refused > 100, "the mutations exercise both outcomes: {ok} generated, {refused} refused");
}

/// A JSON value as the tokens a user would write in a literal.
fn tokens(v: &Value) -> proc_macro2::TokenStream {
    use proc_macro2::Literal;
    use quote::quote;
    match v {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => n.to_string().parse().unwrap(),
        Value::String(s) => {
            let l = Literal::string(s);
            quote!(#l)
        }
        Value::Array(a) => {
            let items = a.iter().map(tokens);
            quote!([#(#items),*])
        }
        Value::Object(m) => {
            let entries = m.iter().map(|(k, v)| {
                let k = Literal::string(k);
                let v = tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}

#[test]
fn mutated_literals_never_panic_and_agree_with_run_time_validation() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join("fixtures").join(name)).unwrap()).unwrap()
    };
    let apis = [
        ("tencent_im.send_group_msg", "tencent_im/send_group_msg", "Request", fixture("tencent_im/01_basic.json")),
        ("tencent_im.send_group_msg", "tencent_im/send_group_msg", "Request", fixture("tencent_im/07_group_at.json")),
        ("yunhu.bot.batch_send", "yunhu/bot", "Request", fixture("yunhu/02_text_request.json")),
        ("yunhu.bot.batch_send", "yunhu/bot", "Response", fixture("yunhu/03_response.json")),
        ("qopen.send_msg_to_group", "qopen/send_msg_to_group", "Callback", fixture("qopen/03_callback.json")),
        (
            "qopen.send_msg_to_group",
            "qopen/send_msg_to_group",
            "Request",
            json!({"robot_id": "r", "group_id": "g", "msg_id": "m", "dead_line": 1700000000, "msg_list": [
                {"msg_num": 1, "msg_type": 1, "msg_content": "大家好", "at": 2, "at_location": 0, "at_contact_id_list": ["a", "b"]},
                {"msg_num": 2, "msg_type": 5, "msg_content": "https://a/v.silk", "voice_time": 5},
                {"msg_num": 3, "msg_type": 2, "msg_content": "https://a/i.png", "href": "https://a", "title": "t", "desc": "d"},
                {"msg_num": 4, "msg_type": 17, "ats": [{"type": 0, "value": "hi "}, {"type": 1, "value": "c1"}]}
            ]}),
        ),
        (
            "upbot.send_group_message",
            "upbot/send_group_message",
            "Request",
            json!({"gid": 10123, "target_id": "10802", "l2_type": 1, "l3_types": [3, 4], "ts": 1234567890, "nonce": "n", "body": {
                "content": "hi", "at_msg": {"at_type": 1, "at_uid_list": [100004245]},
                "link_to_msg": [
                    {"type": 2, "display_name": "site", "website_ext": {"url": "https://www.example.com/"}},
                    {"type": 6, "display_name": "cfg", "botcustom_ext": {"gid": 1, "bot_id": 2, "params": "{\"a\":1}"}},
                    {"type": 1, "channel_ext": {"gid": 1, "cid": "2"}}
                ]
            }}),
        ),
    ];
    let texts: Vec<(String, String)> = apis
        .iter()
        .map(|(_, path, _, _)| {
            // The spec's id (`vendor.file`): an operation of a document of several adds its name.
            (path.replace('/', "."), std::fs::read_to_string(root.join(format!("../specs/{path}.json"))).unwrap())
        })
        .collect();
    let specs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut rng = Rng(0xC0FFEE);
    let (mut built, mut refused) = (0, 0);
    for (id, _, ty, value) in apis {
        for round in 0..150 {
            let v = if round == 0 { value.clone() } else { mutate(&value, &mut rng) };
            let ty = quote::format_ident!("{}", ty);
            let body = tokens(&v);
            let input = quote::quote!((::group_msg_types) (::group_msg_types::x) #id request #ty #body);
            let out = std::panic::catch_unwind(|| group_msg_codegen::literal::expand(&specs, input))
                .unwrap_or_else(|_| panic!("the literal macro panicked on {v}"));
            let refused_here = out.to_string().contains("compile_error");
            assert!(round > 0 || !refused_here, "the unmutated seed must build: {out}");
            // What compiles never fails at run time, and what the run-time checks accept compiles.
            let text = v.to_string();
            let runtime_ok = match (id, ty.to_string().as_str()) {
                ("tencent_im.send_group_msg", _) => {
                    group_msg_types::tencent_im::send_group_msg::Request::from_json(&text).is_ok()
                }
                ("yunhu.bot.batch_send", "Request") => {
                    group_msg_types::yunhu::batch_send::Request::from_json(&text).is_ok()
                }
                ("yunhu.bot.batch_send", _) => group_msg_types::yunhu::batch_send::Response::from_json(&text).is_ok(),
                ("upbot.send_group_message", _) => {
                    group_msg_types::upbot::send_group_message::Request::from_json(&text).is_ok()
                }
                (_, "Request") => group_msg_types::qopen::send_msg_to_group::Request::from_json(&text).is_ok(),
                _ => group_msg_types::qopen::send_msg_to_group::Callback::from_json(&text).is_ok(),
            };
            assert_eq!(!refused_here, runtime_ok, "compile time and run time disagree on {text}:\n{out}");
            if refused_here {
                refused += 1;
            } else {
                built += 1;
            }
        }
    }
    assert!(built >= 5 && refused > 100, "both outcomes are exercised: {built} built, {refused} refused");
}

#[test]
fn literal_byte_count_is_what_the_types_write() {
    // A MsgBody of exactly 12288 bytes as written, with an integer `Latitude`: the typed value
    // writes `22.0`, so both the macro and the run-time check refuse it, and agree.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::fs::read_to_string(root.join("../specs/tencent_im/send_group_msg.json")).unwrap();
    let specs = [("tencent_im.send_group_msg", spec.as_str())];
    let location = json!({"MsgType": "TIMLocationElem", "MsgContent": {"Latitude": 22, "Longitude": 113}});
    let mut body = vec![location];
    let text_len = |body: &Vec<Value>| serde_json::to_string(body).unwrap().len();
    let filler = json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": ""}});
    body.push(filler);
    let missing = 12288 - text_len(&body);
    body[1]["MsgContent"]["Text"] = json!("a".repeat(missing));
    assert_eq!(text_len(&body), 12288);
    let request = json!({"GroupId": "g", "Random": 1, "MsgBody": body});
    let body_tokens = tokens(&request);
    let out = group_msg_codegen::literal::expand(
        &specs,
        quote::quote!((::group_msg_types) (::group_msg_types::x) "tencent_im.send_group_msg" request Request #body_tokens),
    )
    .to_string();
    assert!(out.contains("must be at most 12288 bytes of JSON, found 12292"), "{out}");
    let runtime = group_msg_types::tencent_im::send_group_msg::Request::from_json(&request.to_string()).unwrap_err();
    assert_eq!(runtime.to_string(), "/MsgBody: must be at most 12288 bytes of JSON, found 12292");
}

/// The errors of the literal engine's expansion: (line, column, message) of each `compile_error!`.
fn literal_errors(api: &str, ty: &str, literal: &str) -> Vec<(usize, usize, String)> {
    use proc_macro2::TokenTree;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // `vendor.file`, or `vendor.file.operation` for an operation of a document of several.
    let doc: Vec<&str> = api.splitn(3, '.').take(2).collect();
    let spec = std::fs::read_to_string(root.join(format!("../specs/{}.json", doc.join("/")))).unwrap();
    let doc = doc.join(".");
    let specs = [(doc.as_str(), spec.as_str())];
    // Parsed on its own, the literal's lines and columns are the ones in `literal`.
    let mut head: proc_macro2::TokenStream =
        format!("(::group_msg_types) (::group_msg_types::x) {api:?} request {ty}").parse().unwrap();
    head.extend(literal.parse::<proc_macro2::TokenStream>().unwrap());
    let out = std::panic::catch_unwind(|| group_msg_codegen::literal::expand(&specs, head))
        .unwrap_or_else(|_| panic!("the literal engine panicked on {}", &literal[..literal.len().min(200)]));
    let mut found = Vec::new();
    let mut stack = vec![out.into_iter()];
    let mut at = None;
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(TokenTree::Ident(i)) if i == "compile_error" => at = Some(i.span().start()),
            Some(TokenTree::Group(g)) => {
                if let (Some(start), Some(TokenTree::Literal(l))) = (at.take(), g.stream().into_iter().next()) {
                    let msg: syn::LitStr = syn::parse_str(&l.to_string()).unwrap();
                    found.push((start.line, start.column + 1, msg.value()));
                } else {
                    stack.push(g.stream().into_iter());
                }
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    found
}

/// Hostile literals fed to the engine directly: too deep (in JSON and in a Rust expression),
/// numbers no type holds, duplicate keys in every position, tokens that are not JSON. Each is
/// one error at the offending token (line and column of the literal, 1-based), never a panic or
/// a stack overflow (this test runs on a 2 MB test thread; rustc gives the macro more).
#[test]
fn hostile_literals_get_one_spanned_error() {
    const RESPONSE: &str = r#"{"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "Later": "#;
    let col = RESPONSE.len() + 1;
    let nested = |open: &str, close: &str, n: usize| format!("{RESPONSE}{}1{}}}", open.repeat(n), close.repeat(n));
    let limit = group_msg_codegen::literal::MAX_DEPTH;
    let too_deep = format!("nested more than {limit} levels deep");
    // (API, type, literal, line, column, message): the object is level 1, so the value of
    // `Later` is level 2 and its `limit`th bracket is one level past the limit.
    let cases: Vec<(&str, &str, String, usize, usize, String)> = vec![
        ("tencent_im.send_group_msg", "Response", nested("[", "]", 10_000), 1, col + limit - 1, too_deep.clone()),
        ("tencent_im.send_group_msg", "Response", nested("[", "]", 100_000), 1, col + limit - 1, too_deep.clone()),
        ("tencent_im.send_group_msg", "Response", nested("{\"a\":", "}", 5_000), 1, col + 5 * (limit - 1), too_deep.clone()),
        ("tencent_im.send_group_msg", "Response", nested("[", "]", limit), 1, col + limit - 1, too_deep.clone()),
        // A Rust expression's parentheses count too: syn's expression parser recurses.
        ("tencent_im.send_group_msg", "Response", nested("(", ")", 10_000), 1, col + limit - 1, too_deep.clone()),
        ("tencent_im.send_group_msg", "Response", format!("{RESPONSE}1e400}}"), 1, col, "`1e400` is out of range".into()),
        ("tencent_im.send_group_msg", "Response", format!("{RESPONSE}[-1e999]}}"), 1, col + 1, "`-1e999` is out of range".into()),
        (
            "tencent_im.send_group_msg",
            "Request",
            r#"{"GroupId": "g", "Random": 1, "MsgBody": [{"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "d", "Latitude": 1e400, "Longitude": 1}}]}"#.into(),
            1,
            114,
            "`Latitude`: `1e400` is not a finite number".into(),
        ),
        (
            "tencent_im.send_group_msg",
            "Request",
            r#"{"GroupId": "g", "Random": 100000000000000000000000000000000000000000, "MsgBody": []}"#.into(),
            1,
            28,
            "`Random`: expected an integer from 0 to 4294967295, found 100000000000000000000000000000000000000000".into(),
        ),
        (
            "tencent_im.send_group_msg",
            "Request",
            "{\"GroupId\": \"g\", \"Random\": 1, \"MsgBody\": [\n  {\"MsgType\": \"TIMTextElem\", \"MsgContent\": {\"Text\": \"a\"}, \"MsgContent\": {\"Text\": 1}}]}".into(),
            2,
            59,
            "duplicate key `MsgContent`".into(),
        ),
        (
            "tencent_im.send_group_msg",
            "Request",
            "{\"GroupId\": \"g\", \"Random\": 1, \"MsgBody\": [\n  {\"MsgContent\": {\"Text\": \"a\"}, \"MsgContent\": {\"Text\": 1}, \"MsgType\": \"TIMTextElem\"}]}".into(),
            2,
            33,
            "duplicate key `MsgContent`".into(),
        ),
        ("yunhu.bot.batch_send", "Response", r#"{"code": 1, "msg": "m", "x": 1, "x": 1}"#.into(), 1, 33, "duplicate key `x`".into()),
        ("yunhu.bot.batch_send", "Response", r#"{"code": 1, code: 2}"#.into(), 1, 13, "expected a JSON key".into()),
        ("yunhu.bot.batch_send", "Response", r#"{"code": 1 "msg": "m"}"#.into(), 1, 12, "expected `,`".into()),
        ("yunhu.bot.batch_send", "Response", r#"{"code": 1, "msg": "m"} trailing"#.into(), 1, 25, "unexpected token".into()),
    ];
    let mut failures = Vec::new();
    for (api, ty, literal, line, column, message) in &cases {
        // A fresh thread with the test harness's default stack, as small as any.
        let errors = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn({
                let (api, ty, literal) = (api.to_string(), ty.to_string(), literal.clone());
                move || literal_errors(&api, &ty, &literal)
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("the literal engine panicked"));
        let shown = &literal[..literal.len().min(120)];
        match errors.as_slice() {
            [(l, c, m)] if (l, c) == (line, column) && m.contains(message.as_str()) => {}
            other => failures.push(format!("{shown}: expected `{message}` at {line}:{column}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // At the limit, a literal builds.
    let at_limit = nested("[", "]", limit - 1);
    assert_eq!(literal_errors("tencent_im.send_group_msg", "Response", &at_limit), Vec::new());
}
