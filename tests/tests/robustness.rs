//! The generator never panics on a spec, however broken: every spec of the project, mutated
//! thousands of ways (values swapped for other kinds, keys dropped or renamed), gives either code
//! that parses as Rust or diagnostics with a pointer.

use group_msg_codegen::{format, generate, Options};
use serde_json::{json, Value};

/// SplitMix64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

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
