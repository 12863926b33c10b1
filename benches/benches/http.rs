//! The sans-IO HTTP layer of `group-msg-http`, per API on the small and large payloads of
//! `benches/src/payloads.rs`: `to_http` (validate every rule, serialize, build the URL with its
//! query and the auth) and `from_http` (read the vendor's envelope, parse and validate the typed
//! response). Groups are `http/API/payload`; compare `to_http` with `validate` + `serialize` and
//! `from_http` with the response parse of `runtime.rs`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use group_msg_benches::{Api, APIS};
use group_msg_http::{qopen, tencent_im, upbot, yunhu, Endpoint};
use group_msg_types::runtime;

fn bench_api<E: Endpoint>(c: &mut Criterion, api: &Api, endpoint: &E, answer: &str)
where
    E::Request: serde::de::DeserializeOwned,
{
    let p = (api.payloads)();
    let answer = http::Response::builder().status(200).body(answer.as_bytes().to_vec()).unwrap();
    endpoint.from_http(&answer).map_err(|e| e.to_string()).expect("a success answer");
    for (size, text) in [("small", &p.small), ("large", &p.large)] {
        let request: E::Request = runtime::parse(text).expect("a valid payload");
        let mut g = c.benchmark_group(format!("http/{}/{size}", api.id));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("to_http", |b| {
            b.iter(|| endpoint.to_http(black_box(&request)).map_err(|e| e.to_string()).unwrap())
        });
        g.bench_function("to_http_from_http", |b| {
            b.iter(|| {
                let http = endpoint.to_http(black_box(&request)).map_err(|e| e.to_string()).unwrap();
                black_box(http);
                endpoint.from_http(black_box(&answer)).map_err(|e| e.to_string()).unwrap()
            })
        });
        g.finish();
    }
    let mut g = c.benchmark_group(format!("http/{}/answer", api.id));
    g.bench_function("from_http", |b| {
        b.iter(|| endpoint.from_http(black_box(&answer)).map_err(|e| e.to_string()).unwrap())
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let tencent = tencent_im::Config::new(1400000000, "administrator", "eJwtzM0KgkAUBeD3ma1bmGt4VfA");
    bench_api(
        c,
        &APIS[0],
        &tencent,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgTime":1497249503,"MsgSeq":1}"#,
    );
    bench_api(
        c,
        &APIS[1],
        &yunhu::Config::new("token"),
        r#"{"code":1,"msg":"success","data":{"successCount":1,"successList":[{"msgId":"0a6b658c079e45d19216b14cd69ba7cc","recvId":"307149245","recvType":"group"}]}}"#,
    );
    bench_api(c, &APIS[2], &upbot::Config::new("token"), r#"{"ret":0,"msg":"ok","msg_seq":12}"#);
    bench_api(
        c,
        &APIS[3],
        &qopen::Config::new("token"),
        r#"{"errcode":0,"errmsg":"","hint":"","data":{"msg_sn":"sn1"}}"#,
    );
}

criterion_group!(http_benches, benches);
criterion_main!(http_benches);
