//! Generated shapes at their limits (issue 8): tuples longer than std's trait impls, the size of
//! builders with many required fields, and chains of types owning one another.

use group_msg_codegen::{format, generate, Options};
use group_msg_tests::long_tuple::{Root, RootTwenty};
use group_msg_types::runtime::{Error, Rule};
use serde_json::{json, Value};

fn items(n: usize, replace: Option<(usize, Value)>) -> Value {
    let mut v: Vec<Value> = (0..n)
        .map(|i| match i % 3 {
            0 => json!(i),
            1 => json!(format!("s{i}")),
            _ => json!(i % 2 == 0),
        })
        .collect();
    if let Some((i, x)) = replace {
        v[i] = x;
    }
    Value::Array(v)
}

#[test]
fn tuples_of_13_and_20_items_parse_compare_print_and_validate() {
    let text = json!({ "thirteen": items(13, None), "twenty": items(20, Some((16, json!("ok")))) }).to_string();
    let root = Root::from_json(&text).unwrap();
    assert_eq!(root.twenty.19, "s19");
    assert_eq!(root.twenty.16, "ok");
    assert_eq!(root.thirteen.12, 12);
    // Derived `PartialEq`, `Clone`, `Debug`; serde writes the items as one array.
    assert_eq!(root.clone(), root);
    assert!(format!("{:?}", root.twenty).starts_with("RootTwenty(0, \"s1\", true"));
    assert_eq!(serde_json::to_string(&root).unwrap(), text);

    // A rule on item 16 (past 12): reported at its pointer.
    let short = json!({ "thirteen": items(13, None), "twenty": items(20, Some((16, json!("x")))) }).to_string();
    match Root::from_json(&short) {
        Err(Error::Rules(v)) => {
            let v: Vec<_> = v.iter().map(|v| (v.pointer.clone(), v.rule.clone())).collect();
            assert_eq!(v, vec![("/twenty/16".to_owned(), Rule::MinLength { limit: 2, actual: 1 })]);
        }
        other => panic!("{other:?}"),
    }
    // Exactly 20 items: one more or one less is a shape error naming the count.
    for n in [19, 21] {
        let mut t = items(21, Some((16, json!("ok"))));
        t.as_array_mut().unwrap().truncate(n);
        let err = serde_json::from_value::<RootTwenty>(t).unwrap_err().to_string();
        assert!(err.contains("an array of 20 items"), "{n}: {err}");
    }
}

fn wide(n: usize) -> String {
    let props: serde_json::Map<String, Value> =
        (0..n).map(|i| (format!("f{i}"), json!({ "type": "string" }))).collect();
    let required: Vec<String> = (0..n).map(|i| format!("f{i}")).collect();
    let spec = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Wide", "type": "object", "properties": props, "required": required, "additionalProperties": false
    });
    let out = generate("wide.json", &spec.to_string(), &Options::default()).unwrap();
    format(&out.tokens).unwrap()
}

#[test]
fn builders_grow_linearly_with_required_fields() {
    // Issue 8: 1,000 required fields made 64 MB of source (every setter relisted every field's
    // state). Now each setter names its own field's state path only: a path down the balanced
    // tree of states, log2(n) steps, so the code grows as n log n (10x the fields: about
    // 10 * log(1000)/log(100) = 15x), never quadratically (100x).
    let (small, large) = (wide(100), wide(1_000));
    let ratio = large.len() as f64 / small.len() as f64;
    let n_log_n = 10.0 * (1000f64).ln() / (100f64).ln();
    assert!(
        ratio < n_log_n * 1.1,
        "10x the fields made {ratio:.1}x the code ({} -> {} bytes)",
        small.len(),
        large.len()
    );
    // The initial state lists each field once; no setter lists another field's state.
    assert_eq!(large.matches("builder::Unset").count(), 1_000);
    let setter = &large[large.find("pub fn f500(").unwrap()..];
    let setter = &setter[..setter.find("\n        }\n").unwrap()];
    assert!(setter.contains("__b::Fill<__S, f500>"), "{setter}");
    assert!(!setter.contains("f501") && !setter.contains("f499"), "{setter}");
}
