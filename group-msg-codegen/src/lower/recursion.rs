//! Boxes the fields that would make a type contain itself by value, or nest too deep by value.
//!
//! `Vec` and maps already put their items on the heap, so recursion through an array (Tencent's
//! `TIMRelayElem`) needs nothing; recursion through an object field or an enum payload gets a `Box`.
//!
//! A long acyclic chain of types each holding the next (`S0 { next: S1 }`, ...) is no cycle, and
//! rustc recurses through it for layout, drop check and auto traits (`Send`, `Sync`), up to its
//! recursion limit (128, a crate-level setting the generated code cannot raise for the macro's
//! users). Boxing does not help: drop check and auto traits recurse through `Box`, `Vec` and
//! `Option` alike (measured: a 140-type chain boxed every 8 levels still overflows drop check,
//! one boxed at every level overflows `Send`). So a spec whose types own each other more than
//! [`MAX_OWNED_DEPTH`] deep is refused with its pointer ([`deepest_chain`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Kind, Payload, Ty, TypeDef};

/// The named types stored inline (by value) in `t`.
fn inline_edges(t: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    match &t.kind {
        Kind::Struct(s) => {
            for f in &s.fields {
                if let Ty::Named(n) = &f.ty {
                    out.push(n.clone());
                }
            }
            if let Some(u) = &s.union {
                out.push(u.ty.clone());
            }
        }
        Kind::Union(u) => {
            for v in &u.variants {
                match &v.payload {
                    Payload::Single { ty: Ty::Named(n), .. } | Payload::Struct(n) => out.push(n.clone()),
                    _ => {}
                }
            }
        }
        Kind::Alias(Ty::Named(n)) => out.push(n.clone()),
        Kind::Alias(Ty::Tuple(items)) => {
            out.extend(items.iter().filter_map(|i| if let Ty::Named(n) = i { Some(n.clone()) } else { None }))
        }
        _ => {}
    }
    out
}

/// The longest chain of named types owning one another (by value, in a `Box`, an `Option`, an
/// array or a map) that a spec may have. rustc's limit is 128 levels; measured with rustc 1.95
/// on chains of derived structs, drop check passes at 60 types through `Vec`, `Box`, `BTreeMap`
/// or `Option` and fails at 90 (`Box`, maps) or 140 (`Vec`). Proofs of auto traits cost more
/// levels per type (`Vec<T>` → `RawVec` → `Unique` → `PhantomData<T>`): `T: Send` fails from
/// about 40 types, so a crate that needs `Send` for a chain longer than 30 raises its own
/// `#![recursion_limit]`.
pub(crate) const MAX_OWNED_DEPTH: usize = 64;

pub(super) fn box_cycles(types: &mut [TypeDef]) {
    box_recursion(types);
}

/// The named types a value of `ty` owns.
fn owned_in(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Named(n) => out.push(n.clone()),
        Ty::Vec(t) | Ty::Map(t) => owned_in(t, out),
        Ty::Tuple(ts) => ts.iter().for_each(|t| owned_in(t, out)),
        _ => {}
    }
}

/// Every named type `t` owns, however held.
fn owned_edges(t: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    match &t.kind {
        Kind::Struct(s) => {
            s.fields.iter().for_each(|f| owned_in(&f.ty, &mut out));
            if let crate::ir::Extra::Keep(ty) = &s.extra {
                owned_in(ty, &mut out);
            }
            out.extend(s.union.as_ref().map(|u| u.ty.clone()));
        }
        Kind::Union(u) => {
            for v in &u.variants {
                match &v.payload {
                    Payload::Single { ty, .. } => owned_in(ty, &mut out),
                    Payload::Struct(n) => out.push(n.clone()),
                    Payload::Unit => {}
                }
            }
        }
        Kind::Alias(ty) => owned_in(ty, &mut out),
        Kind::Enum(_) => {}
    }
    out
}

/// The first type heading a chain of owned types longer than [`MAX_OWNED_DEPTH`], with the
/// chain's length and its first types. Cycles (boxed recursion) count once: rustc's drop check
/// stops at a type it is already checking.
pub(super) fn deepest_chain(types: &[TypeDef]) -> Option<(String, usize, Vec<String>)> {
    let index: BTreeMap<&str, usize> = types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> =
        types.iter().map(|t| owned_edges(t).iter().filter_map(|n| index.get(n.as_str()).copied()).collect()).collect();
    // (depth, next on the longest chain), children first, iteratively (a chain is long here).
    let mut best: Vec<Option<(usize, Option<usize>)>> = vec![None; types.len()];
    for start in 0..types.len() {
        let mut stack = vec![(start, false)];
        let mut on_path = BTreeSet::new();
        while let Some((i, done)) = stack.pop() {
            if best[i].is_some() {
                continue;
            }
            if !done {
                on_path.insert(i);
                stack.push((i, true));
                for &j in &edges[i] {
                    if best[j].is_none() && !on_path.contains(&j) {
                        stack.push((j, false));
                    }
                }
                continue;
            }
            on_path.remove(&i);
            let deepest = edges[i].iter().filter_map(|&j| best[j].map(|(d, _)| (d, j))).max_by_key(|(d, _)| *d);
            best[i] = Some(match deepest {
                Some((d, j)) => (d + 1, Some(j)),
                None => (1, None),
            });
        }
    }
    let (head, (depth, _)) = best
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.map(|b| (i, b)))
        .max_by_key(|(i, (d, _))| (*d, usize::MAX - i))?;
    if depth <= MAX_OWNED_DEPTH {
        return None;
    }
    let mut chain = Vec::new();
    let mut at = Some(head);
    while let (Some(i), true) = (at, chain.len() < 4) {
        chain.push(types[i].name.clone());
        at = best[i].and_then(|(_, next)| next);
    }
    Some((types[head].name.clone(), depth, chain))
}

fn box_recursion(types: &mut [TypeDef]) {
    let graph: BTreeMap<String, Vec<String>> = types.iter().map(|t| (t.name.clone(), inline_edges(t))).collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                if let Some(next) = graph.get(&n) {
                    stack.extend(next.iter().cloned());
                }
            }
        }
        false
    };
    for t in types.iter_mut() {
        let name = t.name.clone();
        match &mut t.kind {
            Kind::Struct(s) => {
                for f in &mut s.fields {
                    if let Ty::Named(n) = &f.ty {
                        f.boxed = reaches(n, &name);
                    }
                }
            }
            Kind::Union(u) => {
                for v in &mut u.variants {
                    if let Payload::Single { ty: Ty::Named(n), boxed, .. } = &mut v.payload {
                        *boxed = reaches(n, &name);
                    }
                }
            }
            _ => {}
        }
    }
}
