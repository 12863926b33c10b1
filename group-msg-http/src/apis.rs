//! The four APIs: each a `Config` (server and credentials) implementing [`Endpoint`].

use crate::{build, read, server_url, Endpoint, Envelope, Error, Parts, Secret};

#[allow(dead_code)] // unused when no vendor feature is on
fn default_server(servers: &[group_msg_types::runtime::Server]) -> String {
    servers.first().map(|s| s.default_url()).unwrap_or_default()
}

/// Tencent Cloud IM `send_group_msg`: query `sdkappid`, `identifier`, `usersig`, `random`,
/// `contenttype=json`; envelope `ActionStatus`/`ErrorCode`/`ErrorInfo`.
#[cfg(feature = "tencent_im")]
pub mod tencent_im {
    use super::*;
    pub use group_msg_types::tencent_im::send_group_msg as api;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Calls per second per API (the vendor's limit).
    pub const CALLS_PER_SECOND: u32 = 200;
    /// Messages per second per group (the vendor's limit).
    pub const MESSAGES_PER_GROUP_PER_SECOND: u32 = 40;

    /// Server and credentials of a Tencent IM app.
    #[derive(Debug)]
    pub struct Config {
        server: String,
        sdkappid: u64,
        identifier: String,
        usersig: Secret<String>,
        counter: AtomicU64,
    }

    impl Clone for Config {
        fn clone(&self) -> Self {
            Config {
                server: self.server.clone(),
                sdkappid: self.sdkappid,
                identifier: self.identifier.clone(),
                usersig: self.usersig.clone(),
                counter: AtomicU64::new(self.counter.load(Ordering::Relaxed)),
            }
        }
    }

    impl Config {
        /// An app admin `identifier` of app `sdkappid` with its UserSig, on the default region
        /// (`console.tim.qq.com`).
        pub fn new(sdkappid: u64, identifier: impl Into<String>, usersig: impl Into<Secret<String>>) -> Self {
            Config {
                server: default_server(api::SERVERS),
                sdkappid,
                identifier: identifier.into(),
                usersig: usersig.into(),
                counter: AtomicU64::new(0),
            }
        }

        /// As [`Config::new`], with a UserSig made now from the app's secret key, valid for
        /// `expire` seconds.
        #[cfg(feature = "usersig")]
        pub fn with_key(sdkappid: u64, identifier: impl Into<String>, key: &Secret<String>, expire: u64) -> Self {
            let identifier = identifier.into();
            let sig = crate::usersig::UserSig::new(sdkappid, key.clone()).generate_now(&identifier, expire);
            Config::new(sdkappid, identifier, sig)
        }

        /// The region's domain, one of the spec's `domain` values (e.g. `adminapisgp.im.qcloud.com`).
        pub fn region(mut self, domain: &str) -> Result<Self, Error<api::ErrorCode>> {
            self.server = server_url(&api::SERVERS[0], &[("domain", domain)]).map_err(Error::Config)?;
            Ok(self)
        }

        /// Any base URL, e.g. a local mock `http://127.0.0.1:8080`.
        pub fn server(mut self, base: impl Into<String>) -> Self {
            self.server = base.into();
            self
        }

        /// The request with the given URL `random` (the query's, not the body's `Random`).
        pub fn to_http_with_random(
            &self,
            request: &api::Request,
            random: u32,
        ) -> Result<http::Request<Vec<u8>>, Error<api::ErrorCode>> {
            let parts = Parts {
                base: &self.server,
                method: api::METHOD,
                path: api::PATH,
                query: vec![
                    ("sdkappid", self.sdkappid.to_string()),
                    ("identifier", self.identifier.clone()),
                    ("random", random.to_string()),
                    ("contenttype", "json".to_owned()),
                ],
                auth: api::AUTH,
                credential: &self.usersig,
            };
            build(parts, request)
        }

        fn next_random(&self) -> u32 {
            use std::hash::{BuildHasher, Hasher};
            let n = self.counter.fetch_add(1, Ordering::Relaxed);
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(n);
            h.finish() as u32
        }
    }

    impl Endpoint for Config {
        type Request = api::Request;
        type Response = api::Response;
        type Code = api::ErrorCode;
        const API: &'static str = "tencent_im.send_group_msg";

        fn to_http(&self, request: &api::Request) -> Result<http::Request<Vec<u8>>, Error<api::ErrorCode>> {
            self.to_http_with_random(request, self.next_random())
        }

        fn from_http<B: AsRef<[u8]>>(
            &self,
            response: &http::Response<B>,
        ) -> Result<api::Response, Error<api::ErrorCode>> {
            let env = Envelope { code: "ErrorCode", message: "ErrorInfo", success: 0, absent_is_success: false };
            read(&env, response, api::Response::from_json)
        }

        fn rate_keys(&self, request: &api::Request) -> Vec<(String, u32)> {
            vec![
                (format!("{}/{}", Self::API, self.sdkappid), CALLS_PER_SECOND),
                (format!("{}/{}/group/{}", Self::API, self.sdkappid, request.group_id), MESSAGES_PER_GROUP_PER_SECOND),
            ]
        }
    }
}

/// YunHu `bot/batch_send` ([`yunhu::Config`]) and `bot/send` ([`yunhu::SendConfig`], from
/// [`yunhu::Config::send`]): both query `token`, envelope `code`/`msg` (1 is success).
#[cfg(feature = "yunhu")]
pub mod yunhu {
    use super::*;
    pub use group_msg_types::yunhu::batch_send as api;
    pub use group_msg_types::yunhu::send as send_api;

    /// The envelope of every YunHu answer: `code` (1 is success) and `msg`.
    const ENVELOPE: Envelope = Envelope { code: "code", message: "msg", success: 1, absent_is_success: false };

    /// Calls per second (the vendor's limit).
    pub const CALLS_PER_SECOND: u32 = 10;

    /// Server and token of a YunHu bot.
    #[derive(Debug, Clone)]
    pub struct Config {
        server: String,
        token: Secret<String>,
    }

    impl Config {
        /// The bot's token, on the vendor's server.
        pub fn new(token: impl Into<Secret<String>>) -> Self {
            Config { server: default_server(api::SERVERS), token: token.into() }
        }
        /// Any base URL, e.g. a local mock.
        pub fn server(mut self, base: impl Into<String>) -> Self {
            self.server = base.into();
            self
        }
        /// `bot/send` (one receiver) with the same server and token.
        pub fn send(&self) -> SendConfig {
            SendConfig { config: self.clone() }
        }
    }

    /// YunHu `bot/send`: one message to one user or group, with a [`Config`]'s server and token.
    #[derive(Debug, Clone)]
    pub struct SendConfig {
        config: Config,
    }

    impl Endpoint for SendConfig {
        type Request = send_api::Request;
        type Response = send_api::Response;
        type Code = send_api::ErrorCode;
        const API: &'static str = "yunhu.send";

        fn to_http(&self, request: &send_api::Request) -> Result<http::Request<Vec<u8>>, Error<send_api::ErrorCode>> {
            let parts = Parts {
                base: &self.config.server,
                method: send_api::METHOD,
                path: send_api::PATH,
                query: vec![],
                auth: send_api::AUTH,
                credential: &self.config.token,
            };
            build(parts, request)
        }

        fn from_http<B: AsRef<[u8]>>(
            &self,
            response: &http::Response<B>,
        ) -> Result<send_api::Response, Error<send_api::ErrorCode>> {
            read(&ENVELOPE, response, send_api::Response::from_json)
        }

        fn rate_keys(&self, _request: &send_api::Request) -> Vec<(String, u32)> {
            vec![(Self::API.to_owned(), CALLS_PER_SECOND)]
        }
    }

    impl Endpoint for Config {
        type Request = api::Request;
        type Response = api::Response;
        type Code = api::ErrorCode;
        const API: &'static str = "yunhu.batch_send";

        fn to_http(&self, request: &api::Request) -> Result<http::Request<Vec<u8>>, Error<api::ErrorCode>> {
            let parts = Parts {
                base: &self.server,
                method: api::METHOD,
                path: api::PATH,
                query: vec![],
                auth: api::AUTH,
                credential: &self.token,
            };
            build(parts, request)
        }

        fn from_http<B: AsRef<[u8]>>(
            &self,
            response: &http::Response<B>,
        ) -> Result<api::Response, Error<api::ErrorCode>> {
            read(&ENVELOPE, response, api::Response::from_json)
        }

        fn rate_keys(&self, _request: &api::Request) -> Vec<(String, u32)> {
            vec![(Self::API.to_owned(), CALLS_PER_SECOND)]
        }
    }
}

/// upbot `SendGroupMessage`: header `Authorization`; envelope `ret`/`msg` (0 or absent is
/// success).
#[cfg(feature = "upbot")]
pub mod upbot {
    use super::*;
    pub use group_msg_types::upbot::send_group_message as api;

    /// Server and token of an upbot bot.
    #[derive(Debug, Clone)]
    pub struct Config {
        server: String,
        token: Secret<String>,
    }

    impl Config {
        /// The bot's token, on the vendor's server.
        pub fn new(token: impl Into<Secret<String>>) -> Self {
            Config { server: default_server(api::SERVERS), token: token.into() }
        }
        /// Any base URL, e.g. a local mock.
        pub fn server(mut self, base: impl Into<String>) -> Self {
            self.server = base.into();
            self
        }
    }

    impl Endpoint for Config {
        type Request = api::Request;
        type Response = api::Response;
        type Code = api::ErrorCode;
        const API: &'static str = "upbot.send_group_message";

        fn to_http(&self, request: &api::Request) -> Result<http::Request<Vec<u8>>, Error<api::ErrorCode>> {
            let parts = Parts {
                base: &self.server,
                method: api::METHOD,
                path: api::PATH,
                query: vec![],
                auth: api::AUTH,
                credential: &self.token,
            };
            build(parts, request)
        }

        fn from_http<B: AsRef<[u8]>>(
            &self,
            response: &http::Response<B>,
        ) -> Result<api::Response, Error<api::ErrorCode>> {
            let env = Envelope { code: "ret", message: "msg", success: 0, absent_is_success: true };
            read(&env, response, api::Response::from_json)
        }

        fn rate_keys(&self, _request: &api::Request) -> Vec<(String, u32)> {
            Vec::new()
        }
    }
}

/// qopen `SendMsgToGroup`: header `Token`; envelope `errcode`/`errmsg` (0 is success).
#[cfg(feature = "qopen")]
pub mod qopen {
    use super::*;
    pub use group_msg_types::qopen::send_msg_to_group as api;

    /// Server and token of a qopen robot.
    #[derive(Debug, Clone)]
    pub struct Config {
        server: String,
        token: Secret<String>,
    }

    impl Config {
        /// The access token, on the default `basehost`.
        pub fn new(token: impl Into<Secret<String>>) -> Self {
            Config { server: default_server(api::SERVERS), token: token.into() }
        }
        /// The deployment's API host (`basehost`, e.g. `api.aquanliang.com`).
        pub fn basehost(mut self, host: &str) -> Result<Self, Error<api::ErrorCode>> {
            self.server = server_url(&api::SERVERS[0], &[("basehost", host)]).map_err(Error::Config)?;
            Ok(self)
        }
        /// Any base URL, e.g. a local mock.
        pub fn server(mut self, base: impl Into<String>) -> Self {
            self.server = base.into();
            self
        }
    }

    impl Endpoint for Config {
        type Request = api::Request;
        type Response = api::Response;
        type Code = api::ErrorCode;
        const API: &'static str = "qopen.send_msg_to_group";

        fn to_http(&self, request: &api::Request) -> Result<http::Request<Vec<u8>>, Error<api::ErrorCode>> {
            let parts = Parts {
                base: &self.server,
                method: api::METHOD,
                path: api::PATH,
                query: vec![],
                auth: api::AUTH,
                credential: &self.token,
            };
            build(parts, request)
        }

        fn from_http<B: AsRef<[u8]>>(
            &self,
            response: &http::Response<B>,
        ) -> Result<api::Response, Error<api::ErrorCode>> {
            let env = Envelope { code: "errcode", message: "errmsg", success: 0, absent_is_success: false };
            read(&env, response, api::Response::from_json)
        }

        fn rate_keys(&self, _request: &api::Request) -> Vec<(String, u32)> {
            Vec::new()
        }
    }
}
