//! Conformance of the generated code with JSON Schema 2020-12 (issue 9): random schemas from
//! `group_msg_tests::schemagen` (the whole grammar, every keyword in every position), each
//! generated with `group_msg_codegen::generate` as a standalone document, compiled for real in
//! batches (`group_msg_tests::conformance`), and the verdict of the generated `from_json` (parse
//! and validate) on each of 20 boundary instances compared with the `jsonschema` crate's. Every
//! disagreement fails the test with the seed, the schema and the instance; so does a schema the
//! generator refuses (unless it has a non-local `$ref`, which stays refused by design) and
//! generated code that does not build without warnings.
//!
//! CI runs a fixed seed and 300 schemas; `cargo xtask conformance --schemas N --seed S` runs more
//! (it sets `GROUP_MSG_CONFORMANCE_SCHEMAS` and `GROUP_MSG_CONFORMANCE_SEED`).

use group_msg_tests::conformance::{has_remote_ref, run_batch, workspace_root, Outcome};
use group_msg_tests::schemagen::{consistent_bounds, instances, random_schema, GenOptions, Rng};
use serde_json::Value;

/// Instances per schema.
const INSTANCES: usize = 20;
/// Schemas per crate build.
const BATCH: u64 = 300;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn reference(doc: &Value) -> Result<jsonschema::Validator, String> {
    jsonschema::draft202012::options().should_validate_formats(true).build(doc).map_err(|e| e.to_string())
}

#[test]
fn generated_code_agrees_with_json_schema() {
    let seed = env("GROUP_MSG_CONFORMANCE_SEED", 9009);
    let count = env("GROUP_MSG_CONFORMANCE_SCHEMAS", 300);
    let opts = GenOptions::default();
    let dir = workspace_root().join("target").join("conformance").join("random");
    let mut failures: Vec<String> = Vec::new();
    let (mut checks, mut refused_remote, mut valid) = (0usize, 0usize, 0usize);
    let mut start = seed;
    while start < seed + count {
        let end = (start + BATCH).min(seed + count);
        let mut cases = Vec::new();
        for case in start..end {
            let mut rng = Rng::new(case);
            let mut doc = random_schema(&mut rng, &opts);
            // Contradictory bounds are refused on purpose (a spec mistake): compare the rest.
            consistent_bounds(&mut doc);
            let inst = instances(&mut rng, &doc, INSTANCES);
            cases.push((doc, inst));
        }
        let outcomes = run_batch(&dir, &cases).unwrap_or_else(|e| panic!("seeds {start}..{end}: {e}"));
        for ((case, (doc, inst)), outcome) in (start..end).zip(&cases).zip(outcomes) {
            let verdicts = match outcome {
                Outcome::Refused(_) if has_remote_ref(doc) => {
                    refused_remote += 1;
                    continue;
                }
                Outcome::Refused(d) => {
                    failures.push(format!("seed {case}: the generator refuses\n  {d}\n  schema {doc}"));
                    continue;
                }
                Outcome::Ran(v) => v,
            };
            let reference =
                reference(doc).unwrap_or_else(|e| panic!("seed {case}: the reference refuses it: {e}\n{doc}"));
            assert_eq!(verdicts.len(), inst.len(), "seed {case}: one verdict per instance");
            for (instance, got) in inst.iter().zip(verdicts) {
                checks += 1;
                let expected = reference.is_valid(instance);
                valid += usize::from(expected);
                if got.is_ok() != expected {
                    failures.push(format!(
                        "seed {case}: JSON Schema says {}, the generated code says {got:?}\n  instance {instance}\n  schema {doc}",
                        if expected { "valid" } else { "invalid" },
                    ));
                }
            }
        }
        start = end;
    }
    eprintln!(
        "conformance: seeds {seed}..{}: {count} schemas, {checks} instance checks ({valid} valid), {refused_remote} refused for a remote $ref, {} disagreements",
        seed + count,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} disagreements, the first ones:\n{}",
        failures.len(),
        failures.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
    );
    // The instances really are on both sides of the schemas.
    assert!(valid > checks / 10 && valid < checks * 9 / 10, "{valid} of {checks} instances are valid");
}
