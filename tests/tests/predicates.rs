//! The rule predicates of `group-msg-rules` (shared by run time and literals) against the
//! reference validator, the `jsonschema` crate, on seeded generated inputs: `multipleOf`, the
//! `uri`/`https-uri` formats and `uniqueItems` (its verdict and the pair it reports). Plus the
//! structural check that `uniqueItems` is linear: it never compares two items, and writes each
//! item once.

use std::cell::Cell;

use group_msg_tests::schemagen::Rng;
use group_msg_types::runtime::{rules, Rule};
use serde_json::{json, Value};

fn reference(schema: Value) -> jsonschema::Validator {
    jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap()
}

/// A decimal `m * 10^e` written as JSON text, `m` up to `digits` digits.
fn decimal_text(rng: &mut Rng, digits: u32, exp: std::ops::RangeInclusive<i32>) -> String {
    let m = rng.below(10usize.pow(digits)) + 1;
    let span = (exp.end() - exp.start() + 1) as usize;
    let e = exp.start() + rng.below(span) as i32;
    let neg = if rng.below(4) == 0 { "-" } else { "" };
    format!("{neg}{m}e{e}")
}

/// Our verdict on a JSON number, as the run time and the literals reach it.
fn ours_multiple(n: &Value, divisor: f64) -> bool {
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => group_msg_rules::is_multiple_int(i.into(), divisor),
        (_, Some(u)) => group_msg_rules::is_multiple_int(u.into(), divisor),
        _ => group_msg_rules::is_multiple(n.as_f64().unwrap(), divisor),
    }
}

#[test]
fn multiple_of_agrees_with_the_reference() {
    let mut rng = Rng(0x6d75_6c74);
    let mut disagree = Vec::new();
    let mut multiples = 0;
    for _ in 0..300 {
        let divisor_text = match rng.below(4) {
            0 => ["0.1", "0.01", "0.05", "0.25", "1.5", "0.3", "2.5e-7", "0.001", "7"][rng.below(9)].to_owned(),
            1 => format!("{}", rng.below(1000) + 1),
            _ => {
                let m = rng.below(999) + 1;
                format!("{m}e-{}", rng.below(6) + 1)
            }
        };
        let divisor: Value = serde_json::from_str(&divisor_text).unwrap();
        let d = divisor.as_f64().unwrap();
        let validator = reference(json!({ "multipleOf": divisor }));
        for _ in 0..40 {
            let text = match rng.below(3) {
                // A multiple, written as the decimal k * divisor.
                0 => {
                    let k = rng.below(10_000_000) as i64 - 5_000_000;
                    let (m, e) = divisor_text.split_once('e').unwrap_or((&divisor_text, "0"));
                    let (int, frac) = m.split_once('.').unwrap_or((m, ""));
                    let mantissa: i128 = format!("{int}{frac}").parse().unwrap();
                    let exp: i32 = e.parse::<i32>().unwrap() - frac.len() as i32;
                    format!("{}e{exp}", mantissa * i128::from(k))
                }
                1 => decimal_text(&mut rng, 9, -12..=12),
                _ => format!("{}", rng.below(1 << 62) as i64 - (1 << 61)),
            };
            let n: Value = serde_json::from_str(&text).unwrap();
            let theirs = validator.is_valid(&n);
            multiples += usize::from(theirs);
            if ours_multiple(&n, d) != theirs {
                disagree.push(format!("{text} multipleOf {divisor_text}: reference says {theirs}"));
            }
        }
    }
    assert!(multiples > 2_000, "too few multiples to test: {multiples}");
    assert!(disagree.is_empty(), "{} disagreements:\n{}", disagree.len(), disagree.join("\n"));
}

#[test]
fn multiple_of_regressions() {
    // Issue 8: a fraction divisor was decided in binary floating point.
    assert_eq!(rules::multiple_of(123456789.1, 0.1), None);
    assert_eq!(rules::multiple_of(1e-12, 0.1), Some(Rule::MultipleOf { divisor: 0.1, actual: 1e-12 }));
    assert!(rules::multiple_of_int(9_007_199_254_740_993_i64, 2.0).is_some());
    for (x, d) in [(123456789.1, 0.1), (1e-12, 0.1), (0.3, 0.1), (1e300, 0.1), (4.35, 0.05)] {
        assert_eq!(
            group_msg_rules::is_multiple(x, d),
            reference(json!({ "multipleOf": d })).is_valid(&json!(x)),
            "{x} {d}"
        );
    }
}

#[test]
fn uri_formats_agree_with_the_reference() {
    let uri = reference(json!({ "format": "uri" }));
    let alphabet: Vec<char> = "aZ09:/?#[]@!$&'()*+,;=%-._~ é".chars().collect();
    let prefixes = ["https://", "http://", "HTTPS://", "https://[", "mailto:", "urn:a:", "https://u@h:", ""];
    let mut rng = Rng(0x0075_7269);
    let mut disagree = Vec::new();
    let mut valid = 0;
    for _ in 0..20_000 {
        let mut s = prefixes[rng.below(prefixes.len())].to_owned();
        for _ in 0..rng.below(16) {
            s.push(alphabet[rng.below(alphabet.len())]);
        }
        let theirs = uri.is_valid(&json!(s));
        valid += usize::from(theirs);
        if group_msg_rules::format_ok(&s, "uri") != theirs {
            disagree.push(format!("{s:?}: reference says {theirs}"));
        }
        // `https-uri`: a `uri` whose scheme is `https` with a non-empty host (specs/README.md).
        let host = s.get(8..).map(|r| r.split(['/', '?', '#']).next().unwrap_or("").rsplit('@').next().unwrap_or(""));
        let https = theirs
            && s.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://"))
            && host.is_some_and(|h| !h.is_empty() && !h.starts_with(':'));
        if group_msg_rules::format_ok(&s, "https-uri") != https {
            disagree.push(format!("{s:?}: https-uri should be {https}"));
        }
    }
    assert!(valid > 2_000, "too few valid URIs to test: {valid}");
    assert!(disagree.is_empty(), "{} disagreements:\n{}", disagree.len(), disagree.join("\n"));
    // Issue 8's examples, refused by both.
    for bad in ["https://a@b@c/", "https://www.exam]ple.com/", "https://a#b#c", "https://[zz]/"] {
        assert_eq!(rules::format(bad, "https-uri"), Some(Rule::Format { format: "https-uri" }), "{bad}");
        assert!(!uri.is_valid(&json!(bad)), "{bad}");
    }
}

/// A random JSON value from a small alphabet, so that equal values (as JSON) come up often.
fn small_value(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth == 0 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => [json!(1), json!(1.0), json!(2), json!(-0.0), json!(0)][rng.below(5)].clone(),
        3 | 4 => json!(["a", "b", "1"][rng.below(3)]),
        5 => Value::Array((0..rng.below(3)).map(|_| small_value(rng, depth - 1)).collect()),
        _ => {
            // Keys inserted in a random order: key order never matters.
            let mut keys = vec!["x", "y"];
            if rng.below(2) == 0 {
                keys.reverse();
            }
            let mut m = serde_json::Map::new();
            for k in keys.into_iter().take(rng.below(3)) {
                m.insert(k.to_owned(), small_value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

#[test]
fn unique_items_agrees_with_the_reference_and_names_the_first_pair() {
    let unique = reference(json!({ "uniqueItems": true }));
    let mut rng = Rng(0x756e_6971);
    let mut duplicates = 0;
    for _ in 0..3_000 {
        let items: Vec<Value> = (0..rng.below(7)).map(|_| small_value(&mut rng, 2)).collect();
        let theirs = unique.is_valid(&Value::Array(items.clone()));
        let got = rules::unique(&items);
        assert_eq!(got.is_none(), theirs, "{items:?}");
        // The quadratic definition: the first item equal to an earlier one, and the earliest.
        let oracle = items
            .iter()
            .enumerate()
            .find_map(|(i, x)| items[..i].iter().position(|y| group_msg_rules::json_equal(x, y)).map(|j| (j, i)));
        let want = oracle.map(|(first, duplicate)| Rule::UniqueItems { first, duplicate });
        assert_eq!(got, want, "{items:?}");
        duplicates += usize::from(oracle.is_some());
    }
    assert!(duplicates > 500, "too few duplicates to test: {duplicates}");
}

thread_local! {
    static WRITES: Cell<usize> = const { Cell::new(0) };
}

/// An item that counts how often it is serialized and refuses to be compared.
struct Counted(u32);

impl serde::Serialize for Counted {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WRITES.with(|w| w.set(w.get() + 1));
        s.serialize_str(&format!("item {}", self.0))
    }
}

impl PartialEq for Counted {
    fn eq(&self, _: &Self) -> bool {
        panic!("uniqueItems compared two items")
    }
}

#[test]
fn unique_items_writes_each_item_once_and_compares_none() {
    // Issue 8: 16,000 strings took 1.6 s, n²/2 comparisons. Now: n writes, no comparison.
    let n = 16_000;
    let mut items: Vec<Counted> = (0..n).map(Counted).collect();
    WRITES.with(|w| w.set(0));
    assert_eq!(rules::unique(&items), None);
    assert_eq!(WRITES.with(Cell::get), n as usize);
    items.push(Counted(7_777));
    WRITES.with(|w| w.set(0));
    assert_eq!(rules::unique(&items), Some(Rule::UniqueItems { first: 7_777, duplicate: n as usize }));
    assert_eq!(WRITES.with(Cell::get), n as usize + 1);
}

#[test]
fn sequence_arithmetic_is_checked() {
    // Issue 8: `start + index` overflowed (a panic in debug) for a start near `i64::MAX`.
    let start = i64::MAX - 1;
    assert_eq!(rules::sequence(1, start, i64::MAX, "n"), None);
    assert_eq!(
        rules::sequence(2, start, i64::MIN, "n"),
        Some(Rule::Sequence { property: "n", expected: i64::MAX, actual: i64::MIN })
    );
    assert!(rules::sequence(usize::MAX, 1, 0, "n").is_some());
    assert_eq!(group_msg_rules::sequence_value(i64::MIN, u64::MAX), None);
    assert_eq!(group_msg_rules::sequence_value(-5, 7), Some(2));
}
