//! Boxes the fields that would make a type contain itself by value.
//!
//! `Vec` and maps already put their items on the heap, so recursion through an array (Tencent's
//! `TIMRelayElem`) needs nothing; recursion through an object field or an enum payload gets a `Box`.

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

pub(super) fn box_cycles(types: &mut [TypeDef]) {
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
