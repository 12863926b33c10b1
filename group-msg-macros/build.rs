//! Embeds every spec of `specs/` into the macro crate, so the literal macros work in any crate
//! that depends on `group-msg-types`, without the spec files on disk.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let specs = Path::new(&manifest).join("../specs");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut found = Vec::new();
    if let Ok(vendors) = std::fs::read_dir(&specs) {
        for v in vendors.flatten().filter(|v| v.path().is_dir()) {
            println!("cargo:rerun-if-changed={}", v.path().display());
            for f in std::fs::read_dir(v.path()).into_iter().flatten().flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if let Some(api) = name.strip_suffix(".json") {
                    println!("cargo:rerun-if-changed={}", f.path().display());
                    found.push((format!("{}.{api}", v.file_name().to_string_lossy()), f.path()));
                }
            }
        }
    }
    found.sort();
    let mut out = String::from("/// Every bundled spec: (API id, spec text).\npub const SPECS: &[(&str, &str)] = &[\n");
    for (id, path) in found {
        let _ = writeln!(out, "    ({id:?}, include_str!({:?})),", path.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("specs.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
