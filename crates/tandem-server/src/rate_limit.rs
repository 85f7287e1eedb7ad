//! The per-client rate limit (DESIGN §9): a GCRA token bucket per client (`governor`),
//! answered with a 429 problem document and `Retry-After` once a client has spent its burst
//! faster than the sustained rate refills it.
//!
//! Who a client is:
//! - a bearer token this instance has seen authenticate: the token (by its hash), so each API
//!   client behind one address (an office's NAT, the proxy) has its own budget;
//! - any other bearer token, from one address: one shared budget for that address, so
//!   inventing tokens buys nothing (each made-up token would otherwise get a fresh bucket and
//!   a database lookup), and a valid token's first request never waits behind anonymous
//!   traffic from its address;
//! - everything else: the client's IP address (IPv6: its /64, which one host can fill).
//!
//! The address is the TCP peer's, or, when `rate_limit.trusted_proxy_hops` is set, the one
//! that many entries from the right of `X-Forwarded-For` (the entries the trusted proxies
//! appended; what a client writes itself is further left and never used). Without either (an
//! in-process `oneshot` request), every request shares one fixed key.
//!
//! Memory stays bounded: buckets that have refilled completely are dropped, and tokens not
//! seen for ten minutes forgotten, at most once a minute on the request path.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use tandem_core::Phrase;

use crate::config::RateLimitSettings;
use crate::metrics::Metrics;
use crate::problem::ApiError;

/// Paths never limited: probes and scrapes must see the service as it is.
const EXEMPT: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// How often, at most, idle buckets and tokens are dropped.
const TIDY_EVERY: Duration = Duration::from_secs(60);

/// How long a verified token is remembered without being used.
const TOKEN_MEMORY: Duration = Duration::from_secs(600);

/// Whose budget a request is counted against.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub enum ClientKey {
    /// A bearer token this instance has seen authenticate (its SHA-256).
    Token([u8; 32]),
    /// Requests with any other bearer token, from one address.
    UnverifiedToken(IpAddr),
    /// Requests without a bearer token, from one address.
    Address(IpAddr),
}

/// The limiter of one instance, shared by all requests.
pub struct RateLimit {
    /// `None` when the limit is off (`requests_per_second = 0`).
    limiter: Option<DefaultKeyedRateLimiter<ClientKey>>,
    settings: RateLimitSettings,
    /// Hashes of tokens that authenticated here, with when they last did.
    verified: Mutex<HashMap<[u8; 32], Instant>>,
    last_tidy: Mutex<Instant>,
}

impl std::fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimit")
            .field("settings", &self.settings)
            .field("clients", &self.tracked_clients())
            .finish_non_exhaustive()
    }
}

impl RateLimit {
    /// A limiter with `settings` (checked by `Settings::from_figment`: a positive rate has a
    /// positive burst).
    pub fn new(settings: &RateLimitSettings) -> Self {
        let quota = NonZeroU32::new(settings.requests_per_second).map(|rate| {
            Quota::per_second(rate).allow_burst(NonZeroU32::new(settings.burst).unwrap_or(rate))
        });
        Self::with_quota(quota, settings)
    }

    /// A limiter with an explicit quota (`None`: off); `settings` for the rest.
    fn with_quota(quota: Option<Quota>, settings: &RateLimitSettings) -> Self {
        Self {
            limiter: quota.map(DefaultKeyedRateLimiter::keyed),
            settings: settings.clone(),
            verified: Mutex::new(HashMap::new()),
            last_tidy: Mutex::new(Instant::now()),
        }
    }

    /// Notes that `token_hash` authenticated, so its requests get their own budget.
    pub fn token_verified(&self, token_hash: [u8; 32]) {
        if self.limiter.is_some() {
            self.verified
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(token_hash, Instant::now());
        }
    }

    /// The budget `headers` and `peer` are counted against.
    pub fn key(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> ClientKey {
        let address = self.client_address(headers, peer);
        match headers
            .get(header::AUTHORIZATION)
            .and_then(crate::extract::bearer_token)
        {
            None => ClientKey::Address(address),
            Some(token) => {
                let hash = tandem_app::tokens::token_hash(token);
                let verified = self
                    .verified
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .contains_key(&hash);
                if verified {
                    ClientKey::Token(hash)
                } else {
                    ClientKey::UnverifiedToken(address)
                }
            }
        }
    }

    /// The client's address, as bucketed: the forwarded one when proxies are trusted and
    /// the header has an entry from each, else the peer's, else a fixed one.
    fn client_address(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> IpAddr {
        let hops = usize::from(self.settings.trusted_proxy_hops);
        let forwarded = (hops > 0).then(|| forwarded_for(headers, hops)).flatten();
        bucket(
            forwarded
                .or(peer)
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        )
    }

    /// Counts one request against `key`: `Err(wait)` when the budget is spent, with how long
    /// until the next request would be let through.
    pub fn check(&self, key: &ClientKey) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        self.tidy(limiter);
        limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// How many clients' buckets are held (those that have not refilled completely, plus
    /// any not dropped yet).
    pub fn tracked_clients(&self) -> usize {
        self.limiter
            .as_ref()
            .map_or(0, DefaultKeyedRateLimiter::len)
    }

    /// Drops idle state now (normally done at most once a minute on the request path).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            Self::forget(limiter, &self.verified);
        }
    }

    fn tidy(&self, limiter: &DefaultKeyedRateLimiter<ClientKey>) {
        // One request does the work; the others never wait for it.
        let Ok(mut last) = self.last_tidy.try_lock() else {
            return;
        };
        if last.elapsed() < TIDY_EVERY {
            return;
        }
        *last = Instant::now();
        drop(last);
        Self::forget(limiter, &self.verified);
    }

    fn forget(
        limiter: &DefaultKeyedRateLimiter<ClientKey>,
        verified: &Mutex<HashMap<[u8; 32], Instant>>,
    ) {
        limiter.retain_recent();
        limiter.shrink_to_fit();
        let mut verified = verified.lock().unwrap_or_else(PoisonError::into_inner);
        verified.retain(|_, seen| seen.elapsed() < TOKEN_MEMORY);
        verified.shrink_to_fit();
    }

    /// The 429 for a client that must wait `wait`.
    fn refusal(&self, wait: Duration) -> ApiError {
        // Whole seconds for Retry-After, rounded up so a client that obeys it gets through.
        let retry_after_seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
        ApiError::RateLimited {
            detail: Phrase::new(
                "problem-detail-rate-limited",
                format!(
                    "this client sent more than {} requests at once or more than {} a second; \
                     retry after {retry_after_seconds} s",
                    self.settings.burst, self.settings.requests_per_second
                ),
            )
            .text("burst", self.settings.burst.to_string())
            .text("rate", self.settings.requests_per_second.to_string())
            .text("seconds", retry_after_seconds.to_string()),
            retry_after_seconds,
        }
    }
}

/// The entry `hops` from the right of `X-Forwarded-For` (all its headers, in order), if
/// there are that many and it is an address (with or without a port).
fn forwarded_for(headers: &HeaderMap, hops: usize) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let entry = entries.get(entries.len().checked_sub(hops)?)?;
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

/// The address a client is counted under: IPv4 as is (also when mapped into IPv6), IPv6 by
/// its /64 (one host is normally given a whole /64).
fn bucket(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX))),
        },
    }
}

/// Middleware: counts each request against its client's budget and answers 429 once spent.
pub async fn enforce(
    State((limit, metrics)): State<(Arc<RateLimit>, Arc<Metrics>)>,
    request: Request,
    next: Next,
) -> Response {
    if EXEMPT.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let key = limit.key(request.headers(), peer);
    match limit.check(&key) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let lang = crate::problem::reader_of(request.headers());
            metrics.rate_limited();
            limit.refusal(wait).response_in(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn limit(rate: u32, burst: u32, hops: u8) -> RateLimit {
        RateLimit::new(&RateLimitSettings {
            requests_per_second: rate,
            burst,
            trusted_proxy_hops: hops,
        })
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    fn address(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn a_burst_is_let_through_then_the_client_waits() {
        // One request an hour: nothing refills while the test runs, however slowly.
        let quota = Quota::per_hour(NonZeroU32::MIN).allow_burst(NonZeroU32::new(5).unwrap());
        let limit = RateLimit::with_quota(
            Some(quota),
            &RateLimitSettings {
                requests_per_second: 1,
                burst: 5,
                trusted_proxy_hops: 0,
            },
        );
        let key = ClientKey::Address(address("192.0.2.1"));
        for _ in 0..5 {
            assert_eq!(limit.check(&key), Ok(()));
        }
        let wait = limit.check(&key).unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(3600),
            "{wait:?}"
        );
        assert_eq!(
            limit.check(&ClientKey::Address(address("192.0.2.2"))),
            Ok(()),
            "another client has its own budget"
        );
    }

    #[test]
    fn zero_requests_per_second_turns_the_limit_off() {
        let limit = limit(0, 0, 0);
        let key = ClientKey::Address(address("192.0.2.1"));
        for _ in 0..10_000 {
            assert_eq!(limit.check(&key), Ok(()));
        }
        assert_eq!(limit.tracked_clients(), 0);
    }

    #[test]
    fn forwarded_for_is_used_only_as_far_as_proxies_are_trusted() {
        let peer = Some(address("10.0.0.5"));
        // A client wrote "203.0.113.9"; the trusted proxy appended the address it saw.
        let headers = forwarded("203.0.113.9, 198.51.100.7");
        assert_eq!(
            limit(1, 1, 0).key(&headers, peer),
            ClientKey::Address(address("10.0.0.5")),
            "not trusted: the peer"
        );
        assert_eq!(
            limit(1, 1, 1).key(&headers, peer),
            ClientKey::Address(address("198.51.100.7")),
            "one proxy: what it appended, never what the client wrote"
        );
        assert_eq!(
            limit(1, 1, 2).key(&headers, peer),
            ClientKey::Address(address("203.0.113.9"))
        );
        assert_eq!(
            limit(1, 1, 3).key(&headers, peer),
            ClientKey::Address(address("10.0.0.5")),
            "fewer entries than proxies: the peer"
        );
        assert_eq!(
            limit(1, 1, 1).key(&forwarded("not an address"), peer),
            ClientKey::Address(address("10.0.0.5"))
        );
        assert_eq!(
            limit(1, 1, 1).key(&forwarded("[2001:db8::1]:4711"), None),
            ClientKey::Address(address("2001:db8::"))
        );
        assert_eq!(
            limit(1, 1, 0).key(&HeaderMap::new(), None),
            ClientKey::Address(address("0.0.0.0")),
            "no peer known (in-process): one fixed key"
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_slash_64() {
        assert_eq!(
            bucket(address("2001:db8:1:2:aaaa:bbbb:cccc:dddd")),
            address("2001:db8:1:2::")
        );
        assert_eq!(bucket(address("::ffff:192.0.2.1")), address("192.0.2.1"));
        assert_eq!(bucket(address("192.0.2.1")), address("192.0.2.1"));
    }

    #[test]
    fn only_verified_tokens_get_a_budget_of_their_own() {
        let limit = limit(1, 5, 0);
        let peer = Some(address("192.0.2.1"));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer tdm_valid"),
        );
        assert_eq!(
            limit.key(&headers, peer),
            ClientKey::UnverifiedToken(address("192.0.2.1"))
        );
        limit.token_verified(tandem_app::tokens::token_hash("tdm_valid"));
        assert_eq!(
            limit.key(&headers, peer),
            ClientKey::Token(tandem_app::tokens::token_hash("tdm_valid"))
        );
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer tdm_made_up"),
        );
        assert_eq!(
            limit.key(&headers, peer),
            ClientKey::UnverifiedToken(address("192.0.2.1")),
            "made-up tokens share their address's budget"
        );
    }

    #[test]
    fn idle_clients_are_forgotten() {
        // A bucket of one refilled at 1000 a second is full again after a millisecond.
        let limit = limit(1000, 1, 0);
        for i in 0..=255u8 {
            assert_eq!(
                limit.check(&ClientKey::Address(IpAddr::V4(Ipv4Addr::new(192, 0, 2, i)))),
                Ok(())
            );
        }
        assert_eq!(limit.tracked_clients(), 256);
        std::thread::sleep(Duration::from_millis(5));
        limit.forget_idle();
        assert_eq!(limit.tracked_clients(), 0);
    }

    #[test]
    fn the_refusal_rounds_the_wait_up_to_whole_seconds() {
        let limit = limit(50, 200, 0);
        let retry = |wait| match limit.refusal(wait) {
            ApiError::RateLimited {
                retry_after_seconds,
                ..
            } => retry_after_seconds,
            other => panic!("{other:?}"),
        };
        assert_eq!(retry(Duration::from_millis(20)), 1);
        assert_eq!(retry(Duration::ZERO), 1);
        assert_eq!(retry(Duration::from_millis(2001)), 3);
        assert_eq!(retry(Duration::from_secs(2)), 2);
    }
}
