//! The generated types at run time, against their baselines in the same run: parse, parse +
//! validate, validate, serialize, and rejecting an invalid payload with every violation listed.
//!
//! Groups are `API/payload` (`tencent_im.send_group_msg/large`); functions:
//! - `parse`: `runtime::from_json::<Request>` (the entry point: errors carry a JSON pointer);
//! - `parse_serde`: plain `serde_json::from_str::<Request>` (no pointer tracking);
//! - `parse_validate`: `Request::from_json` (parse, then every rule);
//! - `validate`: `value.validate()` on a parsed value; `serialize`: `serde_json::to_string`;
//! - `value_parse`: `serde_json::from_str::<Value>`;
//! - `value_jsonschema_from_value`: `Value` parse, `jsonschema` validation (validator built
//!   once), then `serde_json::from_value::<Request>`;
//! - `value_jsonschema_is_valid` / `value_schema_is_valid`: `jsonschema`'s and our compiled
//!   `group_msg_rules::schema::Validator`'s `is_valid` on an already parsed `Value`;
//! - Tencent only, the hand-written serde struct: `handwritten_parse`, `handwritten_parse_check`,
//!   `handwritten_serialize`.
//!
//! `API/invalid`: `reject` (`runtime::parse`: the typed parse and `validate()`, the first shape
//! error or every violation), `report` (`Request::from_json`: on failure every problem of every
//! kind, sorted by position, issue 12),
//! `value_iter_errors` (`Value` parse + `jsonschema`'s `iter_errors`, every error collected),
//! `value_schema_validate` (`Value` parse + our compiled validator's `validate`) and,
//! for Tencent, `handwritten_reject` (parse + `check`).
//!
//! `tencent_im.send_group_msg/large_sorted_keys`: the large request with every object's keys
//! sorted, as Go's `encoding/json` (maps) and Python's `sort_keys=True` write them: `MsgContent`
//! then comes before its `MsgType` tag.
//!
//! `tencent_im.send_group_msg/relay_depth_24`: relays nested 24 deep with `MsgContent` before
//! `MsgType` at every level (1.7 KB), `invalid` (the innermost `Text` is a number) and `valid`:
//! `parse` (`runtime::from_json`, the error with its pointer). It took minutes when a failed
//! conversion of a buffered value was retried at every level (issue 8).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use group_msg_benches::{compiled, handwritten, payloads, reference, Api, APIS};
use group_msg_types::runtime::{self, Error, Validate};
use group_msg_types::{qopen, tencent_im, upbot, yunhu};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn bench_api<T: DeserializeOwned + Serialize + Validate>(
    c: &mut Criterion,
    api: &Api,
    from_json: fn(&str) -> Result<T, Error>,
) {
    let p = (api.payloads)();
    let validator = reference(api);
    let schema = compiled(api);
    let tencent = api.id == "tencent_im.send_group_msg";
    for (size, text) in [("small", &p.small), ("large", &p.large)] {
        let mut g = c.benchmark_group(format!("{}/{size}", api.id));
        g.throughput(Throughput::Bytes(text.len() as u64));
        let text = text.as_str();
        let value: T = runtime::parse(text).expect("a valid payload");
        g.bench_function("parse", |b| b.iter(|| runtime::from_json::<T>(black_box(text)).unwrap()));
        g.bench_function("parse_serde", |b| b.iter(|| serde_json::from_str::<T>(black_box(text)).unwrap()));
        g.bench_function("parse_validate", |b| b.iter(|| runtime::parse::<T>(black_box(text)).unwrap()));
        g.bench_function("validate", |b| b.iter(|| black_box(&value).validate().unwrap()));
        g.bench_function("serialize", |b| b.iter(|| serde_json::to_string(black_box(&value)).unwrap()));
        g.bench_function("value_parse", |b| b.iter(|| serde_json::from_str::<Value>(black_box(text)).unwrap()));
        g.bench_function("value_jsonschema_from_value", |b| {
            b.iter(|| {
                let v: Value = serde_json::from_str(black_box(text)).unwrap();
                validator.validate(&v).unwrap();
                serde_json::from_value::<T>(v).unwrap()
            })
        });
        // The two JSON Schema validators alone, on an already parsed `Value`.
        let parsed: Value = serde_json::from_str(text).unwrap();
        g.bench_function("value_jsonschema_is_valid", |b| b.iter(|| assert!(validator.is_valid(black_box(&parsed)))));
        g.bench_function("value_schema_is_valid", |b| b.iter(|| assert!(schema.is_valid(black_box(&parsed)))));
        if tencent {
            let hw: handwritten::SendGroupMsgRequest = serde_json::from_str(text).unwrap();
            g.bench_function("handwritten_parse", |b| {
                b.iter(|| serde_json::from_str::<handwritten::SendGroupMsgRequest>(black_box(text)).unwrap())
            });
            g.bench_function("handwritten_parse_check", |b| {
                b.iter(|| {
                    let r: handwritten::SendGroupMsgRequest = serde_json::from_str(black_box(text)).unwrap();
                    r.check().unwrap();
                    r
                })
            });
            g.bench_function("handwritten_check", |b| b.iter(|| black_box(&hw).check().unwrap()));
            g.bench_function("handwritten_serialize", |b| b.iter(|| serde_json::to_string(black_box(&hw)).unwrap()));
        }
        g.finish();
    }

    let mut g = c.benchmark_group(format!("{}/invalid", api.id));
    g.throughput(Throughput::Bytes(p.invalid.len() as u64));
    let text = p.invalid.as_str();
    g.bench_function("reject", |b| {
        b.iter(|| match runtime::parse::<T>(black_box(text)) {
            Err(Error::Rules(v)) => v.len(),
            // YunHu: the second broken rule is a shape error, reported on its own.
            Err(Error::Parse(_)) => 1,
            Ok(_) => unreachable!("the payload is invalid"),
        })
    });
    // The generated `from_json`: on failure, every problem of every kind at once (issue 12).
    g.bench_function("report", |b| {
        b.iter(|| match from_json(black_box(text)) {
            Err(Error::Rules(v)) => v.len(),
            Err(Error::Parse(_)) => 1,
            Ok(_) => unreachable!("the payload is invalid"),
        })
    });
    g.bench_function("value_iter_errors", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(text)).unwrap();
            let errors: Vec<_> = validator.iter_errors(&v).collect();
            errors.len()
        })
    });
    g.bench_function("value_schema_validate", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(text)).unwrap();
            let mut problems = Vec::new();
            schema.validate(&v, &mut problems);
            problems.len()
        })
    });
    if tencent {
        g.bench_function("handwritten_reject", |b| {
            b.iter(|| {
                let r: handwritten::SendGroupMsgRequest = serde_json::from_str(black_box(text)).unwrap();
                r.check().unwrap_err()
            })
        });
    }
    g.finish();
}

/// Keys sorted: the tag of each tagged union comes after its content, so both the generated
/// code and serde's adjacently tagged enum must hold the content until they know its type.
fn sorted_keys(c: &mut Criterion) {
    let mut value = payloads::tencent_large_value();
    value.sort_keys();
    let text = value.render();
    let mut g = c.benchmark_group("tencent_im.send_group_msg/large_sorted_keys");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("parse_validate", |b| {
        b.iter(|| tencent_im::send_group_msg::Request::from_json(black_box(&text)).unwrap())
    });
    g.bench_function("handwritten_parse_check", |b| {
        b.iter(|| {
            let r: handwritten::SendGroupMsgRequest = serde_json::from_str(black_box(&text)).unwrap();
            r.check().unwrap();
            r
        })
    });
    g.finish();
}

/// `uniqueItems` over 16,000 distinct strings (issue 8: 1.6 s in debug when it compared every
/// pair; now one canonical write and hash lookup per item).
fn unique_items(c: &mut Criterion) {
    let items: Vec<String> = (0..16_000).map(|i| format!("item {i}")).collect();
    let mut g = c.benchmark_group("rules/unique_items");
    g.throughput(Throughput::Elements(items.len() as u64));
    g.bench_function("16000_strings", |b| {
        b.iter(|| assert!(group_msg_types::runtime::rules::unique(black_box(&items)).is_none()))
    });
    g.finish();
}

/// The relay of issue 8: `depth` levels, content before tag, the innermost `Text` is `inner`.
fn relay(depth: usize, inner: &str) -> String {
    let mut el = format!(r#"{{"MsgType":"TIMTextElem","MsgContent":{{"Text":{inner}}}}}"#);
    for _ in 0..depth {
        el = format!(r#"{{"MsgContent":{{"MsgList":[{{"MsgBody":[{el}]}}]}},"MsgType":"TIMRelayElem"}}"#);
    }
    format!(r#"{{"GroupId":"g","Random":1,"MsgBody":[{el}]}}"#)
}

fn deep_relay(c: &mut Criterion) {
    let mut g = c.benchmark_group("tencent_im.send_group_msg/relay_depth_24");
    for (name, inner) in [("invalid", "1"), ("valid", "\"ok\"")] {
        let text = relay(24, inner);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{name}/parse"), |b| {
            b.iter(|| runtime::from_json::<tencent_im::send_group_msg::Request>(black_box(&text)).is_ok())
        });
    }
    g.finish();
}

fn runtime_benches(c: &mut Criterion) {
    unique_items(c);
    bench_api::<tencent_im::send_group_msg::Request>(c, &APIS[0], tencent_im::send_group_msg::Request::from_json);
    bench_api::<yunhu::batch_send::Request>(c, &APIS[1], yunhu::batch_send::Request::from_json);
    bench_api::<upbot::send_group_message::Request>(c, &APIS[2], upbot::send_group_message::Request::from_json);
    bench_api::<qopen::send_msg_to_group::Request>(c, &APIS[3], qopen::send_msg_to_group::Request::from_json);
    sorted_keys(c);
    deep_relay(c);
}

criterion_group!(benches, runtime_benches);
criterion_main!(benches);
