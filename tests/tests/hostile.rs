use group_msg_types::runtime::from_json;
use group_msg_types::tencent_im::send_group_msg::Request;

fn relay(depth: usize, content_first: bool, inner: &str) -> String {
    let mut el = format!(r#"{{"MsgType":"TIMTextElem","MsgContent":{{"Text":{inner}}}}}"#);
    for _ in 0..depth {
        let content = format!(r#"{{"MsgList":[{{"MsgBody":[{el}]}}]}}"#);
        el = if content_first {
            format!(r#"{{"MsgContent":{content},"MsgType":"TIMRelayElem"}}"#)
        } else {
            format!(r#"{{"MsgType":"TIMRelayElem","MsgContent":{content}}}"#)
        };
    }
    format!(r#"{{"GroupId":"g","Random":1,"MsgBody":[{el}]}}"#)
}

#[test]
fn experiment() {
    for d in [20, 23, 24, 25, 26, 30] {
        let r = from_json::<Request>(&relay(d, false, "\"x\""));
        println!("{d}: {:?}", r.err());
    }
    for d in [4, 8, 12, 14] {
        let t = std::time::Instant::now();
        let r = from_json::<Request>(&relay(d, true, "1"));
        println!("{d}: {:?} {:?}", r.err(), t.elapsed());
    }
}

#[test]
fn stack_probe() {
    let Ok(d) = std::env::var("PROBE_DEPTH") else { return };
    let d: usize = d.parse().unwrap();
    let stack: usize = std::env::var("PROBE_STACK").unwrap().parse().unwrap();
    let text = relay(d, std::env::var("PROBE_FIRST").is_ok(), "1");
    std::thread::Builder::new().stack_size(stack).spawn(move || {
        let mut de = serde_json::Deserializer::from_str(&text);
        de.disable_recursion_limit();
        let r: Result<Request, _> = serde_path_to_error::deserialize(&mut de);
        println!("PROBE ok {}", r.is_ok());
    }).unwrap().join().unwrap();
}
