//! `group-msg-mock [--port N] [--token T] [--sdkappid N] [--tencent-key K] [--tencent-admin ID] [--group G]... [--qopen-callback URL]`
//!
//! Serves the four vendors' endpoints on 127.0.0.1 (only loopback). The secret key and token are
//! read from the arguments or the `GROUP_MSG_MOCK_TOKEN` / `GROUP_MSG_MOCK_TENCENT_KEY`
//! environment variables and never printed.

use group_msg_http::Secret;
use group_msg_mock::{Config, Mock};

const USAGE: &str =
    "usage: group-msg-mock [--port N] [--token T] [--sdkappid N] [--tencent-key K] [--tencent-admin ID] [--group G]... [--qopen-callback http://127.0.0.1:PORT/PATH]";

fn parse(args: impl Iterator<Item = String>) -> Result<(u16, Config), String> {
    let mut config = Config::default();
    if let Ok(t) = std::env::var("GROUP_MSG_MOCK_TOKEN") {
        config.token = Secret::new(t);
    }
    if let Ok(k) = std::env::var("GROUP_MSG_MOCK_TENCENT_KEY") {
        config.tencent_key = Secret::new(k);
    }
    let mut port = 8080;
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => port = value()?.parse().map_err(|_| format!("--port: not a port number\n{USAGE}"))?,
            "--token" => config.token = Secret::new(value()?),
            "--sdkappid" => {
                config.sdkappid = value()?.parse().map_err(|_| format!("--sdkappid: not a number\n{USAGE}"))?
            }
            "--tencent-key" => config.tencent_key = Secret::new(value()?),
            "--tencent-admin" => config.tencent_admin = value()?,
            "--group" => config.groups.push(value()?),
            "--qopen-callback" => {
                let url = value()?;
                if group_msg_mock::loopback_url(&url).is_none() {
                    return Err(format!("--qopen-callback: `{url}` is not an http://127.0.0.1:PORT or http://localhost:PORT URL\n{USAGE}"));
                }
                config.qopen_callback = Some(url);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok((port, config))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let (port, config) = match parse(std::env::args().skip(1)) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let mock = Mock::new(config);
    let listener = match tokio::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("group-msg-mock listening on http://{addr}"),
        Err(e) => eprintln!("{e}"),
    }
    if let Err(e) = axum::serve(listener, mock.router()).await {
        eprintln!("{e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn args(a: &[&str]) -> impl Iterator<Item = String> {
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn arguments_set_the_config() {
        let (port, config) =
            parse(args(&["--port", "0", "--token", "t", "--sdkappid", "7", "--group", "a", "--group", "b"])).unwrap();
        assert_eq!(port, 0);
        assert_eq!(config.token.expose(), "t");
        assert_eq!(config.sdkappid, 7);
        assert_eq!(config.groups, ["a", "b"]);
    }

    #[test]
    fn bad_arguments_say_why() {
        assert!(parse(args(&["--port", "x"])).unwrap_err().starts_with("--port: not a port number"));
        assert!(parse(args(&["--token"])).unwrap_err().starts_with("--token needs a value"));
        assert!(parse(args(&["--qopen-callback", "https://example.com/cb"]))
            .unwrap_err()
            .starts_with("--qopen-callback: `https://example.com/cb` is not"));
        assert_eq!(
            parse(args(&["--qopen-callback", "http://127.0.0.1:9000/cb"])).unwrap().1.qopen_callback.as_deref(),
            Some("http://127.0.0.1:9000/cb")
        );
        assert!(parse(args(&["--bind", "0.0.0.0"])).unwrap_err().starts_with("unknown argument `--bind`"));
    }
}
