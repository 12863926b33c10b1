//! An async client (feature `client`): [`Client::send`] for any API's `Config`, with the vendors'
//! rate limits applied on the client side, retries with exponential backoff for answers whose
//! code says a retry can help, timeouts, and no redirects (a redirect would carry a query token
//! to another host). Nothing is logged; errors never hold a URL (it can carry a token).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::{Endpoint, Error};

/// How many times and how long to wait before sending again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Retries after the first attempt (0: no retry).
    pub max_retries: u32,
    /// The wait before the first retry; it doubles for each next one.
    pub base: Duration,
    /// The longest wait.
    pub max: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry { max_retries: 3, base: Duration::from_millis(200), max: Duration::from_secs(5) }
    }
}

impl Retry {
    /// The wait before retry number `attempt` (0 for the first retry).
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.base.saturating_mul(2u32.saturating_pow(attempt)).min(self.max)
    }
}

/// Client options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Retries of retryable answers and transport failures.
    pub retry: Retry,
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Time for a whole request, answer included.
    pub timeout: Duration,
    /// The largest answer read; a longer one is an error.
    pub max_body: usize,
    /// Apply the vendors' rate limits on the client side.
    pub rate_limit: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            retry: Retry::default(),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            max_body: 1 << 20,
            rate_limit: true,
        }
    }
}

/// Calls in the last second per key (an API, a group): a sliding window. Pure: the caller gives
/// the time, so it is tested without clocks.
#[derive(Debug, Default)]
pub struct Limiter {
    windows: HashMap<String, VecDeque<Instant>>,
}

const WINDOW: Duration = Duration::from_secs(1);
/// Keys kept before idle ones are dropped, so the map does not grow with every group ever seen.
const MAX_KEYS: usize = 4096;

impl Limiter {
    /// Takes a slot of every key at `now`, or says how long to wait (and takes nothing).
    pub fn try_acquire(&mut self, keys: &[(String, u32)], now: Instant) -> Result<(), Duration> {
        let mut wait = Duration::ZERO;
        for (key, limit) in keys {
            let Some(window) = self.windows.get_mut(key) else { continue };
            while window.front().is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW) {
                window.pop_front();
            }
            if window.len() >= *limit as usize {
                if let Some(oldest) = window.front() {
                    wait = wait.max(WINDOW.saturating_sub(now.saturating_duration_since(*oldest)));
                }
            }
        }
        if !wait.is_zero() {
            return Err(wait);
        }
        if self.windows.len() > MAX_KEYS {
            self.windows.retain(|_, w| w.back().is_some_and(|t| now.saturating_duration_since(*t) < WINDOW));
        }
        for (key, limit) in keys {
            let window = self.windows.entry(key.clone()).or_default();
            window.push_back(now);
            while window.len() > *limit as usize {
                window.pop_front();
            }
        }
        Ok(())
    }
}

/// Sends the requests of any API (see [`Endpoint`]).
#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    options: Options,
    limiter: tokio::sync::Mutex<Limiter>,
}

impl Client {
    /// A client with `options`.
    pub fn new(options: Options) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.without_url().to_string())?;
        Ok(Client { http, options, limiter: tokio::sync::Mutex::new(Limiter::default()) })
    }

    /// Sends `request` with `api`'s server and credentials: refused before sending if it breaks
    /// a rule; waits for the rate limiter; retries retryable answers with backoff.
    pub async fn send<E: Endpoint>(&self, api: &E, request: &E::Request) -> Result<E::Response, Error<E::Code>> {
        let keys = if self.options.rate_limit { api.rate_keys(request) } else { Vec::new() };
        let mut attempt = 0;
        loop {
            let http = api.to_http(request)?;
            self.acquire(&keys).await;
            let result = match self.execute(http).await {
                Ok(answer) => api.from_http(&answer),
                Err(e) => Err(e),
            };
            match result {
                Err(e) if e.retry() && attempt < self.options.retry.max_retries => {
                    tokio::time::sleep(self.options.retry.backoff(attempt)).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn acquire(&self, keys: &[(String, u32)]) {
        if keys.is_empty() {
            return;
        }
        loop {
            let wait = match self.limiter.lock().await.try_acquire(keys, Instant::now()) {
                Ok(()) => return,
                Err(wait) => wait,
            };
            tokio::time::sleep(wait).await;
        }
    }

    async fn execute<C>(&self, http: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error<C>> {
        let transport =
            |e: reqwest::Error| Error::Transport { timeout: e.is_timeout(), detail: e.without_url().to_string() };
        let request = reqwest::Request::try_from(http).map_err(transport)?;
        let mut answer = self.http.execute(request).await.map_err(transport)?;
        let mut builder = http::Response::builder().status(answer.status().as_u16());
        for (name, value) in answer.headers() {
            builder = builder.header(name.as_str(), value.as_bytes());
        }
        let mut body = Vec::new();
        while let Some(chunk) = answer.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > self.options.max_body {
                return Err(Error::Http {
                    status: answer.status().as_u16(),
                    detail: format!("answer longer than {} bytes", self.options.max_body),
                });
            }
            body.extend_from_slice(&chunk);
        }
        builder.body(body).map_err(|e| Error::Http { status: 0, detail: format!("answer: {e}") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[(&str, u32)]) -> Vec<(String, u32)> {
        k.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    #[test]
    fn the_limiter_allows_the_limit_per_second_then_says_how_long_to_wait() {
        let mut l = Limiter::default();
        let t0 = Instant::now();
        let k = keys(&[("api", 3)]);
        for i in 0..3 {
            assert_eq!(l.try_acquire(&k, t0 + Duration::from_millis(i * 100)), Ok(()));
        }
        assert_eq!(l.try_acquire(&k, t0 + Duration::from_millis(300)), Err(Duration::from_millis(700)));
        // A refused call takes nothing; a second later the first slot is free again.
        assert_eq!(l.try_acquire(&k, t0 + Duration::from_millis(1000)), Ok(()));
        assert_eq!(l.try_acquire(&k, t0 + Duration::from_millis(1050)), Err(Duration::from_millis(50)));
    }

    #[test]
    fn every_key_must_have_room() {
        let mut l = Limiter::default();
        let t0 = Instant::now();
        // Tencent: 200 per API, 40 per group.
        let g1 = keys(&[("api", 200), ("group/g1", 40)]);
        for _ in 0..40 {
            assert_eq!(l.try_acquire(&g1, t0), Ok(()));
        }
        assert_eq!(l.try_acquire(&g1, t0), Err(WINDOW));
        // Other groups still have room, until the API's 200 are used.
        for g in 2..=5 {
            let k = keys(&[("api", 200), (&format!("group/g{g}"), 40)]);
            for _ in 0..40 {
                assert_eq!(l.try_acquire(&k, t0), Ok(()), "g{g}");
            }
        }
        let g6 = keys(&[("api", 200), ("group/g6", 40)]);
        assert_eq!(l.try_acquire(&g6, t0 + Duration::from_millis(250)), Err(Duration::from_millis(750)));
        assert_eq!(l.try_acquire(&g6, t0 + WINDOW), Ok(()));
    }

    #[test]
    fn backoff_doubles_up_to_the_max() {
        let r = Retry { max_retries: 5, base: Duration::from_millis(100), max: Duration::from_millis(500) };
        let waits: Vec<u128> = (0..5).map(|a| r.backoff(a).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 500, 500]);
        assert_eq!(r.backoff(u32::MAX), Duration::from_millis(500));
    }
}
