//! Prometheus metrics, kept in a registry per application (no global recorder, so several
//! applications can live in one test process).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Labels of one HTTP request.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// Method.
    pub method: String,
    /// Route template (`/api/v1/events/{id}`), never the raw path.
    pub route: String,
    /// Status code.
    pub status: u16,
}

/// Labels of a request duration.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    /// Method.
    pub method: String,
    /// Route template.
    pub route: String,
}

/// The service's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram>,
    feed_builds: Counter,
    rate_limited: Counter,
    mail_sent: Counter,
    mail_retried: Counter,
    mail_failed: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("tandem");
        let requests = Family::<RequestLabels, Counter>::default();
        let durations = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 16))
        });
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer HTTP requests",
            durations.clone(),
        );
        let feed_builds = Counter::default();
        registry.register(
            "feed_builds",
            "iCalendar feeds rendered (once per change of the data they show)",
            feed_builds.clone(),
        );
        let rate_limited = Counter::default();
        registry.register(
            "rate_limited_requests",
            "Requests answered 429 by the per-client rate limit",
            rate_limited.clone(),
        );
        let mail_sent = Counter::default();
        registry.register(
            "mail_sent",
            "Invitations and updates accepted by the mail server",
            mail_sent.clone(),
        );
        let mail_retried = Counter::default();
        registry.register(
            "mail_retried",
            "Invitation attempts that failed for now and will be retried",
            mail_retried.clone(),
        );
        let mail_failed = Counter::default();
        registry.register(
            "mail_failed",
            "Invitations given up (permanent error, too many attempts, event over)",
            mail_failed.clone(),
        );
        Self {
            registry,
            requests,
            durations,
            feed_builds,
            rate_limited,
            mail_sent,
            mail_retried,
            mail_failed,
        }
    }
}

impl Metrics {
    /// Counts one feed rendered.
    pub fn feed_built(&self) {
        self.feed_builds.inc();
    }

    /// Counts one request refused by the rate limit.
    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// Counts one message accepted by the mail server.
    pub fn mail_sent(&self) {
        self.mail_sent.inc();
    }

    /// Counts one delivery attempt to be retried.
    pub fn mail_retried(&self) {
        self.mail_retried.inc();
    }

    /// Counts one message given up.
    pub fn mail_failed(&self) {
        self.mail_failed.inc();
    }

    /// The metrics in Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

/// Middleware counting and timing every request by route template.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    metrics
        .durations
        .get_or_create(&RouteLabels {
            method: method.clone(),
            route: route.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .get_or_create(&RequestLabels {
            method,
            route,
            status: response.status().as_u16(),
        })
        .inc();
    response
}
