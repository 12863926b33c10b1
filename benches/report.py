#!/usr/bin/env python3
"""Prints the tables of BENCHMARKS.md from one criterion run: medians, and the issue's target
ratios with pass/miss, every ratio between two benchmarks of the same run.

    python3 benches/report.py [CRITERION_DIR]     # default: $CARGO_TARGET_DIR/criterion or target/criterion
"""

import json
import os
import sys
from pathlib import Path

APIS = ["tencent_im.send_group_msg", "yunhu.batch_send", "upbot.send_group_message", "qopen.send_msg_to_group"]


def load(root: Path) -> dict:
    """full id -> median in nanoseconds."""
    out = {}
    for bench in root.rglob("new/benchmark.json"):
        estimates = bench.with_name("estimates.json")
        if estimates.exists():
            full_id = json.loads(bench.read_text())["full_id"]
            out[full_id] = json.loads(estimates.read_text())["median"]["point_estimate"]
    return out


def fmt(ns: float) -> str:
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}" if ns / scale < 100 else f"{ns / scale:.0f} {unit}"
    return f"{ns:.0f} ns"


def main() -> None:
    default = Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion"
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    m = load(root)
    if not m:
        sys.exit(f"no criterion results under {root}")

    def get(key):
        return m.get(key)

    print("### Medians\n")
    functions = [
        "parse", "parse_serde", "parse_validate", "validate", "serialize", "value_parse",
        "value_jsonschema_from_value", "handwritten_parse", "handwritten_parse_check", "handwritten_check",
        "handwritten_serialize",
    ]
    print("| API | benchmark | small | large |")
    print("|---|---|---:|---:|")
    for api in APIS:
        for f in functions:
            s, l = get(f"{api}/small/{f}"), get(f"{api}/large/{f}")
            if s is None and l is None:
                continue
            print(f"| {api} | {f} | {fmt(s) if s else '-'} | {fmt(l) if l else '-'} |")
    print()
    print("| API | invalid payload | median |")
    print("|---|---|---:|")
    for api in APIS:
        for f in ["reject", "value_iter_errors", "handwritten_reject"]:
            v = get(f"{api}/invalid/{f}")
            if v is not None:
                print(f"| {api} | {f} | {fmt(v)} |")
    for f in ["parse_validate", "handwritten_parse_check"]:
        v = get(f"tencent_im.send_group_msg/large_sorted_keys/{f}")
        if v is not None:
            print(f"| tencent_im.send_group_msg | large_sorted_keys/{f} | {fmt(v)} |")
    print()
    codegen = sorted(k for k in m if k.startswith("codegen/"))
    if codegen:
        print("| codegen benchmark | median |")
        print("|---|---:|")
        for k in codegen:
            print(f"| {k} | {fmt(m[k])} |")
        print()

    print("### Targets (ratios of medians of the same run)\n")
    print("| target | measured | ratio | limit | result |")
    print("|---|---|---:|---:|---|")

    def row(name, a, b, limit, at_least=False):
        va, vb = get(a), get(b)
        if va is None or vb is None:
            print(f"| {name} | missing: {a if va is None else b} | | | |")
            return
        r = va / vb
        ok = r >= limit if at_least else r <= limit
        op = "≥" if at_least else "≤"
        print(f"| {name} | {fmt(va)} / {fmt(vb)} | {r:.2f}x | {op} {limit}x | {'pass' if ok else 'MISS'} |")

    t = "tencent_im.send_group_msg"
    for size in ["small", "large"]:
        row(f"Tencent {size}: parse+validate / hand-written parse", f"{t}/{size}/parse_validate",
            f"{t}/{size}/handwritten_parse", 1.10)
        row(f"Tencent {size}: parse+validate / hand-written parse+check", f"{t}/{size}/parse_validate",
            f"{t}/{size}/handwritten_parse_check", 1.10)
        row(f"Tencent {size}: parse / hand-written parse", f"{t}/{size}/parse", f"{t}/{size}/handwritten_parse", 1.10)
    for api in APIS:
        for size in ["small", "large"]:
            row(f"{api} {size}: (Value + jsonschema + from_value) / parse+validate",
                f"{api}/{size}/value_jsonschema_from_value", f"{api}/{size}/parse_validate", 3, at_least=True)
    for api in APIS:
        row(f"{api} invalid: reject / (Value + iter_errors)", f"{api}/invalid/reject",
            f"{api}/invalid/value_iter_errors", 1.0)
    for size in ["small", "large"]:
        row(f"Tencent {size}: serialize / hand-written serialize", f"{t}/{size}/serialize",
            f"{t}/{size}/handwritten_serialize", 1.10)
    for part in ["generate", "format"]:
        row(f"synthetic {part}: 2,000 / 1,000 schemas", f"codegen/synthetic/{part}/2000",
            f"codegen/synthetic/{part}/1000", 2.2)
    g2, f2 = get("codegen/synthetic/generate/2000"), get("codegen/synthetic/format/2000")
    g1, f1 = get("codegen/synthetic/generate/1000"), get("codegen/synthetic/format/1000")
    if None not in (g2, f2, g1, f1):
        r = (g2 + f2) / (g1 + f1)
        print(f"| synthetic generate + format: 2,000 / 1,000 schemas | {fmt(g2 + f2)} / {fmt(g1 + f1)} | {r:.2f}x "
              f"| ≤ 2.2x | {'pass' if r <= 2.2 else 'MISS'} |")
        print(f"| synthetic generate + format, 2,000 schemas | {fmt(g2 + f2)} | | < 1 s | "
              f"{'pass' if g2 + f2 < 1e9 else 'MISS'} |")
    for name in ["release", "debug"]:
        v = get(f"codegen/process/{name}")
        if v is not None:
            print(f"| `xtask codegen --check` as a process ({name} build) | {fmt(v)} | | < 100 ms | "
                  f"{'pass' if v < 100e6 else 'MISS'} |")


if __name__ == "__main__":
    main()
