//! tandem's HTTP front (axum): the JSON API under `/api/v1` with its OpenAPI document,
//! bearer-token auth, problem documents for every error, health and metrics endpoints.
//! Handlers are thin: they parse requests into core types, call the store, render.

pub mod api;
pub mod auth;
pub mod config;
pub mod extract;
pub mod feed_cache;
pub mod feeds;
pub mod mail;
pub mod metrics;
pub mod problem;
pub mod rate_limit;
pub mod state;
pub mod web;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{middleware, Router};
use tandem_app::App;
use tandem_store::Store;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::metrics::Metrics;
use crate::problem::{problem_response, ApiError};
use crate::state::AppState;
use tandem_core::Phrase;
use tandem_i18n::Lang;

/// Builds the shared state on an open store; `clock` says when "now" is (give the store
/// the same one: `tandem` builds one per process).
pub fn state(
    store: Arc<dyn Store>,
    settings: Settings,
    clock: tandem_core::SharedClock,
) -> anyhow::Result<AppState> {
    Ok(AppState {
        app: App::new(store, &settings.import, clock)?,
        rate_limit: Arc::new(rate_limit::RateLimit::new(&settings.rate_limit)),
        settings: Arc::new(settings),
        metrics: Arc::new(Metrics::default()),
        feeds: Arc::new(feeds::FeedCache::default()),
    })
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked");
    // No request here to read a language from: a panic that gets this far is answered in
    // English (handlers' panics are answered by `run_to_completion`, in the reader's).
    ApiError::internal(anyhow::anyhow!("handler panicked")).response_in(Lang::En)
}

async fn not_found(headers: axum::http::HeaderMap) -> Response {
    let detail = Phrase::new(
        "problem-detail-no-route",
        "no such resource; the API is described at /api/v1/openapi.json",
    );
    problem_response(&problem::problem(
        problem::reader_of(&headers),
        StatusCode::NOT_FOUND,
        "not-found",
        &detail,
    ))
}

/// Runs the handler in its own task, so a client that hangs up (or a request timeout) drops
/// only the wait for the answer, never the handler half-way: a write's clash check after its
/// commit still runs, and no database call is cancelled between its statements (a cancelled
/// `BEGIN` could otherwise hand a pooled connection back inside a transaction).
async fn run_to_completion(request: Request<axum::body::Body>, next: middleware::Next) -> Response {
    let lang = problem::reader_of(request.headers());
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) if error.is_panic() => {
            tracing::error!("a handler panicked");
            ApiError::internal(anyhow::anyhow!("handler panicked")).response_in(lang)
        }
        Err(error) => {
            ApiError::internal(anyhow::anyhow!("handler task ended: {error}")).response_in(lang)
        }
    }
}

/// Turns bare error statuses from layers (timeouts, 405) into problem documents.
async fn problems_for_bare_errors(
    request: Request<axum::body::Body>,
    next: middleware::Next,
) -> Response {
    let lang = problem::reader_of(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    // A problem document or a page (the pages' own busy and error pages) is an answer
    // already; only bare statuses and axum's plain-text rejections are rewritten.
    let answered = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| {
            let v = v.as_bytes();
            v.starts_with(b"application/problem+json") || v.starts_with(b"text/html")
        });
    if answered || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (slug, detail) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            Phrase::new("problem-method-not-allowed-detail", "Method not allowed"),
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            "timeout",
            Phrase::new("problem-timeout-detail", "The request took too long"),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "too-large",
            Phrase::new("problem-too-large-detail", "Request body too large"),
        ),
        _ => return response,
    };
    let mut answer = problem_response(&problem::problem(lang, status, slug, &detail));
    if let Some(allow) = response.headers().get(axum::http::header::ALLOW) {
        answer
            .headers_mut()
            .insert(axum::http::header::ALLOW, allow.clone());
    }
    answer
}

/// The whole application: API, docs, operations endpoints and their layers.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router();
    let settings = state.settings.clone();
    Router::new()
        .merge(api)
        .merge(api::docs_router(&openapi))
        .merge(feeds::router())
        .merge(web::router(&openapi).layer(web::session_layer(&state)))
        .route("/metrics", get(api::operations::metrics))
        .route_layer(middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
        .layer(middleware::from_fn(problem::read_accept_language))
        .fallback(not_found)
        .layer(middleware::from_fn(run_to_completion))
        .layer(middleware::from_fn_with_state(
            (state.rate_limit.clone(), state.metrics.clone()),
            rate_limit::enforce,
        ))
        .with_state(state)
        .layer(middleware::from_fn(problems_for_bare_errors))
        .layer(DefaultBodyLimit::max(settings.server.body_limit_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(settings.server.request_timeout_seconds),
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting connections
/// (the listener is closed: new connections are refused) and finishes in-flight requests.
/// Each request carries its peer's address (`ConnectInfo`) for the rate limit.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Prepares a freshly opened store for serving (see [`tandem_app::startup::prepare`]).
pub async fn prepare(state: &AppState, demo: bool) -> anyhow::Result<()> {
    tandem_app::startup::prepare(&state.app, demo).await
}
