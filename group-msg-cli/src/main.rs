//! `group-msg-validate <API> [--part request|response|callback] <FILE>...` (also reachable as
//! `cargo xtask validate ...`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = group_msg_cli::run(&args);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    ExitCode::from(out.code)
}
