#!/usr/bin/env bash
# What a user pays to build: a throwaway binary crate that parses one Tencent `send_group_msg`
# request, built from clean (dependencies included) three ways, in the dev and release profiles:
#
#   handwritten  serde derives of benches/src/handwritten.rs (the hand-written baseline) + its
#                `check()` of the rules
#   types        group-msg-types with only the `tencent_im` feature (no literal macros)
#   literals     group-msg-types with `tencent_im` and `literals` (the literal macros' proc-macro
#                crate and what it pulls in are built, as a user of `request!` pays)
#
# and reports the CPU time (user + system, from /usr/bin/time) of each and the ratios to the
# baseline. CPU time, not wall time: the machine may be shared.
#
#   benches/user_build_time.sh                  # both profiles, 3 rounds
#   PROFILES=dev RUNS=1 benches/user_build_time.sh     # one profile, one round
#
# Each build has its own fresh target directory under a temporary directory (deleted at the end;
# KEEP=1 keeps it), and a copy of this workspace's Cargo.lock and toolchain file, so every crate
# builds the same dependency versions.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
profiles="${PROFILES:-dev release}"
work="$(mktemp -d "${TMPDIR:-/tmp}/user-build.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

cp "$root/Cargo.lock" "$root/rust-toolchain.toml" "$work/"
# Our crates are path dependencies here, which Cargo compiles incrementally in the dev profile
# (writing the query caches too); a user gets them from a registry, compiled without. So they are
# built as a registry dependency would be; the user's own crate (the hand-written types
# included) keeps the dev profile's incremental build.
cat >"$work/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["handwritten", "types", "literals"]

[profile.dev.package.group-msg-types]
incremental = false
[profile.dev.package.group-msg-rules]
incremental = false
[profile.dev.package.group-msg-macros]
incremental = false
[profile.dev.package.group-msg-literal]
incremental = false
TOML

request='{"GroupId": "@TGS#2C5SZEAEF", "Random": 8912345, "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "red packet"}}]}'

mkdir -p "$work/handwritten/src" "$work/types/src" "$work/literals/src"
cat >"$work/handwritten/Cargo.toml" <<TOML
[package]
name = "handwritten"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
TOML
cat >"$work/handwritten/src/main.rs" <<RS
#[path = "$root/benches/src/handwritten.rs"]
#[allow(dead_code)]
mod handwritten;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| r#"$request"#.to_owned());
    let request: handwritten::SendGroupMsgRequest = serde_json::from_str(&text).expect("a request");
    println!("{:?} {:?}", request.group_id, request.check());
}
RS
for krate in types literals; do
    features='"tencent_im"'
    [ "$krate" = literals ] && features='"tencent_im", "literals"'
    cat >"$work/$krate/Cargo.toml" <<TOML
[package]
name = "$krate"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
group-msg-types = { path = "$root/group-msg-types", default-features = false, features = [$features] }
TOML
    cat >"$work/$krate/src/main.rs" <<RS
use group_msg_types::tencent_im::send_group_msg::Request;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_else(|| r#"$request"#.to_owned());
    let request = Request::from_json(&text).expect("a request");
    println!("{:?}", request.group_id);
}
RS
done

cd "$work"
# CPU seconds (user + system) of one clean build of crate $1 in profile $2.
cpu() {
    local target="$work/target-$1-$2"
    /usr/bin/time -f '%U %S %e' -o "$work/time" \
        env CARGO_TARGET_DIR="$target" cargo build --quiet --profile "$2" -p "$1"
    rm -rf "$target"
    awk '{ printf "%.1f %.1f", $1 + $2, $3 }' "$work/time"
}

# RUNS rounds (default 3), each building the three crates one after the other, so a change in
# the machine's load hits all three alike; each crate's figure is its median over the rounds.
runs="${RUNS:-3}"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "| profile | crate | CPU s (median of $runs) | wall s (median) | CPU ratio to handwritten |"
echo "|---|---|---|---|---|"
for profile in $profiles; do
    : >"$work/runs"
    for _ in $(seq "$runs"); do
        for krate in handwritten types literals; do
            echo "$krate $(cpu "$krate" "$profile")" >>"$work/runs"
        done
    done
    base=$(awk '$1 == "handwritten" { print $2 }' "$work/runs" | median)
    for krate in handwritten types literals; do
        t=$(awk -v k="$krate" '$1 == k { print $2 }' "$work/runs" | median)
        wall=$(awk -v k="$krate" '$1 == k { print $3 }' "$work/runs" | median)
        ratio=$(awk -v a="$t" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
        echo "| $profile | $krate | $t | $wall | $ratio |"
    done
done
