//! Importing external calendars (DESIGN §8), end to end: the API drives the importer against
//! a small HTTP server that each test starts on 127.0.0.1 (allowed through the SSRF guard by
//! `import.allow_hosts` in the test's configuration). No traffic goes anywhere else: the
//! redirects to refused addresses are refused before any connection is made.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use std::convert::Infallible;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use figment::Figment;
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::import::{spawn_refresher, ImportSettings, Importer};
use tandem_app::tokens::issue_token;
use tandem_server::config::Settings;
use tandem_store::{CalendarCopy, CalendarOwner, NewCalendar, Role, SqliteStore, Store};
use tempfile::TempDir;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;
use uuid::Uuid;

const CALENDARS: &str = "/api/v1/calendars";

/// Total fetch timeout of the tests' configuration, in seconds.
const TIMEOUT: u64 = 2;
/// Size cap of the tests' configuration, in bytes.
const MAX_BYTES: u64 = 100_000;

// ---------------------------------------------------------------------------------------
// The upstream calendar server
// ---------------------------------------------------------------------------------------

/// How `/feed.ics` answers.
#[derive(Clone, Debug)]
enum Mode {
    /// The current body, with its ETag; 304 when `If-None-Match` names it.
    Serve,
    /// 2.5 MB in 64 KiB chunks, without a Content-Length.
    Huge,
    /// A calendar line every 250 ms, for ten seconds.
    Trickle,
    /// 302 to an address in a private range.
    ToPrivate,
    /// 302 to `localhost` (a loopback name that is not on the allow list).
    ToLocalhost,
    /// Like `Serve`, once the semaphore has a permit or is closed.
    Held(Arc<tokio::sync::Semaphore>),
}

/// What the upstream saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    if_none_match: Option<String>,
    user_agent: Option<String>,
}

struct Upstream {
    mode: Mode,
    body: String,
    etag: String,
    port: u16,
    seen: Vec<Seen>,
}

type Shared = Arc<Mutex<Upstream>>;

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn record(up: &Shared, path: &str, headers: &HeaderMap) {
    up.lock().expect("lock").seen.push(Seen {
        path: path.to_owned(),
        if_none_match: header_text(headers, header::IF_NONE_MATCH),
        user_agent: header_text(headers, header::USER_AGENT),
    });
}

fn calendar_response(body: String, etag: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::ETAG, etag.to_owned()),
            (
                header::LAST_MODIFIED,
                "Wed, 21 Oct 2026 07:28:00 GMT".to_owned(),
            ),
        ],
        body,
    )
        .into_response()
}

fn redirect(to: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to.to_owned())]).into_response()
}

async fn feed(State(up): State<Shared>, headers: HeaderMap) -> Response {
    record(&up, "/feed.ics", &headers);
    let (mode, body, etag, port) = {
        let u = up.lock().expect("lock");
        (u.mode.clone(), u.body.clone(), u.etag.clone(), u.port)
    };
    match mode {
        Mode::Serve => {
            if header_text(&headers, header::IF_NONE_MATCH).as_deref() == Some(etag.as_str()) {
                (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response()
            } else {
                calendar_response(body, &etag)
            }
        }
        Mode::Huge => {
            let chunks = futures::stream::iter(
                (0..40).map(|_| Ok::<_, Infallible>(Bytes::from(vec![b'X'; 64 * 1024]))),
            );
            Body::from_stream(chunks).into_response()
        }
        Mode::Trickle => {
            let lines = futures::stream::unfold(0u32, |i| async move {
                if i >= 40 {
                    return None;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
                let line = if i == 0 {
                    "BEGIN:VCALENDAR\r\n".to_owned()
                } else {
                    format!("X-LINE-{i}:waiting\r\n")
                };
                Some((Ok::<_, Infallible>(Bytes::from(line)), i + 1))
            });
            Body::from_stream(lines).into_response()
        }
        Mode::ToPrivate => redirect("http://10.0.0.1/feed.ics"),
        Mode::ToLocalhost => redirect(&format!("http://localhost:{port}/feed.ics")),
        Mode::Held(gate) => {
            let _ = gate.acquire().await;
            calendar_response(body, &etag)
        }
    }
}

/// `/redirect/N` redirects N times (relative Locations), then serves the calendar.
async fn redirects(
    State(up): State<Shared>,
    UrlPath(n): UrlPath<u32>,
    headers: HeaderMap,
) -> Response {
    record(&up, &format!("/redirect/{n}"), &headers);
    if n == 0 {
        let (body, etag) = {
            let u = up.lock().expect("lock");
            (u.body.clone(), u.etag.clone())
        };
        calendar_response(body, &etag)
    } else {
        redirect(&format!("/redirect/{}", n - 1))
    }
}

/// `/count/NAME.ics` serves the calendar and is counted by path.
async fn counted(
    State(up): State<Shared>,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    record(&up, &format!("/count/{name}"), &headers);
    let body = up.lock().expect("lock").body.clone();
    calendar_response(body, &format!("\"{name}\""))
}

/// A calendar server on 127.0.0.1, running until the test ends.
struct Server {
    base: String,
    state: Shared,
}

impl Server {
    async fn start(body: &str, etag: &str) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        let state = Arc::new(Mutex::new(Upstream {
            mode: Mode::Serve,
            body: body.to_owned(),
            etag: etag.to_owned(),
            port,
            seen: Vec::new(),
        }));
        let app = Router::new()
            .route("/feed.ics", get(feed))
            .route("/redirect/{n}", get(redirects))
            .route("/count/{name}", get(counted))
            .with_state(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            base: format!("http://127.0.0.1:{port}"),
            state,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn set(&self, mode: Mode) {
        self.state.lock().expect("lock").mode = mode;
    }

    fn publish(&self, body: &str, etag: &str) {
        let mut u = self.state.lock().expect("lock");
        u.mode = Mode::Serve;
        body.clone_into(&mut u.body);
        etag.clone_into(&mut u.etag);
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.lock().expect("lock").seen.clone()
    }
}

// ---------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------

/// A calendar with one event per day in `days` (YYYYMMDD), 09:00–17:00 floating (so in
/// the owner's zone), and a REFRESH-INTERVAL of two hours.
fn busy_days(days: &[&str]) -> String {
    let mut ics = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tandem tests//EN\r\nX-WR-CALNAME:Office\r\n\
         REFRESH-INTERVAL;VALUE=DURATION:PT2H\r\n",
    );
    for day in days {
        let _ = write!(
            ics,
            "BEGIN:VEVENT\r\nUID:{day}@tests\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{day}T090000\r\n\
             DTEND:{day}T170000\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n"
        );
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics
}

/// A file whose line 6 is not a content line.
const MALFORMED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n\
    UID:a@b\r\nthis line has no colon\r\nDTSTART:20270301T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

// ---------------------------------------------------------------------------------------
// The application under test
// ---------------------------------------------------------------------------------------

type Reply = (StatusCode, HeaderMap, Value);

fn figment() -> Figment {
    Settings::figment(
        None,
        figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
    )
    .merge(("import.allow_hosts", vec!["127.0.0.1"]))
    .merge(("import.timeout_seconds", TIMEOUT))
    .merge(("import.connect_timeout_seconds", 2))
    .merge(("import.max_bytes", MAX_BYTES))
}

fn import_settings() -> ImportSettings {
    Settings::from_figment(&figment()).expect("settings").import
}

struct TestApp {
    app: Router,
    state: tandem_server::state::AppState,
    store: Arc<dyn Store>,
    admin: String,
    viewer: String,
    _dir: TempDir,
}

impl TestApp {
    async fn new() -> Self {
        Self::with_figment(&figment()).await
    }

    async fn with_figment(figment: &Figment) -> Self {
        let dir = TempDir::new().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("tandem.db").display());
        let clock = common::clock();
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), clock.clone())
                .await
                .expect("open store"),
        );
        let settings = Settings::from_figment(figment).expect("settings");
        let state = tandem_server::state(store.clone(), settings, clock).expect("state");
        let token = |role| {
            let store = store.clone();
            async move {
                let (secret, _) = issue_token(store.as_ref(), role, Vec::new(), None)
                    .await
                    .expect("token");
                secret.expose_secret().to_owned()
            }
        };
        Self {
            app: tandem_server::app(state.clone()),
            admin: token(Role::Admin).await,
            viewer: token(Role::Viewer).await,
            state,
            store,
            _dir: dir,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let response = self
            .app
            .clone()
            .oneshot(builder.body(body).expect("request"))
            .await
            .expect("the router never fails");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (parts.status, parts.headers, value)
    }

    async fn create(&self, body: &Value) -> Reply {
        self.send(Method::POST, CALENDARS, Some(&self.admin), Some(body))
            .await
    }

    /// Imports `body`, expecting 201; returns the calendar.
    async fn created(&self, body: &Value) -> Value {
        let reply = self.create(body).await;
        assert_eq!(reply.0, StatusCode::CREATED, "{}", reply.2);
        reply.2
    }

    async fn get(&self, id: &str) -> Value {
        let reply = self
            .send(Method::GET, &format!("{CALENDARS}/{id}"), None, None)
            .await;
        assert_eq!(reply.0, StatusCode::OK, "{}", reply.2);
        reply.2
    }

    async fn refresh(&self, id: &str) -> Reply {
        self.send(
            Method::POST,
            &format!("{CALENDARS}/{id}/refresh"),
            Some(&self.admin),
            None,
        )
        .await
    }

    /// Refreshes, expecting 200; returns the calendar.
    async fn refreshed(&self, id: &str) -> Value {
        let reply = self.refresh(id).await;
        assert_eq!(reply.0, StatusCode::OK, "{}", reply.2);
        reply.2
    }

    /// The stored bytes of a calendar.
    async fn bytes(&self, id: &str) -> (i64, Vec<u8>) {
        self.store
            .calendar_ics(id.parse().expect("a uuid"))
            .await
            .expect("stored bytes")
    }

    /// Starts of the best `limit` one-hour windows on 1–3 March 2027 for one participant in
    /// `tz` whose calendar is `calendar`.
    async fn first_window(&self, tz: &str, calendars: &[&str]) -> Reply {
        let request = json!({
            "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-04T00:00:00Z"},
            "duration_minutes": 60, "step_minutes": 60, "limit": 1,
            "participants": [{"id": "office", "tz": tz, "calendars": calendars}]
        });
        self.send(Method::POST, "/api/v1/windows/search", None, Some(&request))
            .await
    }
}

fn id(body: &Value) -> String {
    body["id"].as_str().expect("an id").to_owned()
}

/// The first invalid field of a problem document: (field, message).
fn invalid(reply: &Reply) -> (String, String) {
    assert_eq!(
        reply
            .1
            .get(header::CONTENT_TYPE)
            .map(axum::http::HeaderValue::as_bytes),
        Some(&b"application/problem+json"[..]),
        "{}",
        reply.2
    );
    let error = &reply.2["errors"][0];
    (
        error["field"].as_str().unwrap_or_default().to_owned(),
        error["message"].as_str().unwrap_or_default().to_owned(),
    )
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

/// The first fetch is unconditional and identifies tandem; a refresh sends the stored ETag,
/// and a 304 keeps the copy and counts as a success.
#[tokio::test]
async fn a_url_calendar_is_fetched_then_refreshed_with_a_conditional_get() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let created = app
        .created(&json!({"name": "Dakar office", "url": server.url("/feed.ics"), "owner": "p-17"}))
        .await;
    assert_eq!(created["event_count"], 1);
    assert_eq!(created["source"], "url");
    assert_eq!(created["owner"], "p-17");
    assert_eq!(created["status"], "ok");
    assert_eq!(created["last_error"], Value::Null);
    assert!(created["last_success_at"].is_string());
    assert!(created["next_refresh_at"].is_string());
    assert_eq!(
        created["refresh_interval_minutes"], 120,
        "the feed's REFRESH-INTERVAL"
    );
    let id = id(&created);

    let first = server.seen().pop().expect("one request");
    assert_eq!(first.if_none_match, None);
    assert_eq!(
        first.user_agent.as_deref(),
        Some(concat!("tandem/", env!("CARGO_PKG_VERSION")))
    );

    let refreshed = app.refreshed(&id).await;
    let second = server.seen().pop().expect("a second request");
    assert_eq!(second.if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(refreshed["status"], "ok");
    assert_eq!(refreshed["event_count"], 1);
    assert!(refreshed["last_success_at"].as_str() >= created["last_success_at"].as_str());
    assert_eq!(app.bytes(&id).await.0, 1, "304: the copy was not replaced");
    assert_eq!(app.get(&id).await["id"], id.as_str());
}

/// A new ETag brings new content, which the window search uses at once.
#[tokio::test]
async fn a_changed_etag_brings_new_content_into_the_search() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let id = id(&app
        .created(&json!({"name": "Bangkok office", "url": server.url("/feed.ics")}))
        .await);
    // Floating 09:00–17:00 is read in the participant's zone: Bangkok's 02:00–10:00 UTC.
    let (status, _, body) = app.first_window("Asia/Bangkok", &[&id]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["windows"][0]["start"], "2027-03-02T02:00:00Z");

    server.publish(&busy_days(&["20270301", "20270302"]), "\"v2\"");
    let refreshed = app.refreshed(&id).await;
    assert_eq!(refreshed["event_count"], 2);
    assert_eq!(app.bytes(&id).await.0, 2, "a new copy");
    let stored = app
        .store
        .calendar(id.parse().expect("uuid"))
        .await
        .expect("calendar");
    assert_eq!(stored.etag.as_deref(), Some("\"v2\""));
    let (_, _, body) = app.first_window("Asia/Bangkok", &[&id]).await;
    assert_eq!(body["windows"][0]["start"], "2027-03-03T02:00:00Z");
}

/// A body over the cap is refused while it streams; the previous copy stays in force.
#[tokio::test]
async fn an_oversized_body_is_refused_and_the_previous_copy_stays() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let id = id(&app
        .created(&json!({"name": "feed", "url": server.url("/feed.ics")}))
        .await);
    let before = app.bytes(&id).await;
    server.set(Mode::Huge);
    let refreshed = app.refreshed(&id).await;
    assert_eq!(refreshed["status"], "failing");
    let error = refreshed["last_error"].as_str().expect("an error");
    assert!(
        error.contains(&format!("larger than the limit of {MAX_BYTES} bytes")),
        "{error}"
    );
    assert_eq!(refreshed["event_count"], 1);
    assert_eq!(refreshed["consecutive_failures"], 1);
    assert_eq!(app.bytes(&id).await, before, "the good copy stays");

    // Importing an oversized calendar stores nothing.
    let reply = app
        .create(&json!({"name": "huge", "url": server.url("/feed.ics")}))
        .await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{}", reply.2);
    let (field, message) = invalid(&reply);
    assert_eq!(field, "url");
    assert!(message.contains("larger than the limit"), "{message}");
}

/// A body trickling in slower than the total timeout fails the refresh; the copy stays.
#[tokio::test]
async fn a_body_slower_than_the_timeout_fails_and_the_previous_copy_stays() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let id = id(&app
        .created(&json!({"name": "feed", "url": server.url("/feed.ics")}))
        .await);
    let before = app.bytes(&id).await;
    server.set(Mode::Trickle);
    let started = std::time::Instant::now();
    let refreshed = app.refreshed(&id).await;
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "the timeout cut it short"
    );
    let error = refreshed["last_error"].as_str().expect("an error");
    assert!(
        error.contains(&format!("no complete answer within {TIMEOUT} s")),
        "{error}"
    );
    assert_eq!(refreshed["status"], "failing");
    assert_eq!(app.bytes(&id).await, before);

    let reply = app
        .create(&json!({"name": "slow", "url": server.url("/feed.ics")}))
        .await;
    assert_eq!(reply.0, StatusCode::BAD_GATEWAY, "{}", reply.2);
    assert_eq!(invalid(&reply).0, "url");
}

/// A redirect into a refused range, or to a loopback name not on the allow list, is refused
/// (before any connection to it); an IP-literal private URL is refused outright.
#[tokio::test]
async fn redirects_to_refused_addresses_are_refused() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;

    server.set(Mode::ToPrivate);
    let reply = app
        .create(&json!({"name": "x", "url": server.url("/feed.ics")}))
        .await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{}", reply.2);
    let (field, message) = invalid(&reply);
    assert_eq!(field, "url");
    assert!(
        message.contains("10.0.0.1") && message.contains("private"),
        "{message}"
    );

    server.set(Mode::ToLocalhost);
    let reply = app
        .create(&json!({"name": "x", "url": server.url("/feed.ics")}))
        .await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{}", reply.2);
    let (_, message) = invalid(&reply);
    assert!(
        message.contains("localhost resolves to") && message.contains("loopback"),
        "{message}"
    );

    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/x.ics",
        "webcal://192.168.1.1/x.ics",
        "ftp://example.org/x.ics",
        "not a url",
    ] {
        let reply = app.create(&json!({"name": "x", "url": url})).await;
        assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{url}: {}", reply.2);
        assert_eq!(invalid(&reply).0, "url", "{url}");
    }

    // A calendar already imported whose source starts redirecting somewhere refused.
    server.set(Mode::Serve);
    let id = id(&app
        .created(&json!({"name": "feed", "url": server.url("/feed.ics")}))
        .await);
    server.set(Mode::ToPrivate);
    let refreshed = app.refreshed(&id).await;
    assert!(
        refreshed["last_error"]
            .as_str()
            .is_some_and(|e| e.starts_with("refused: 10.0.0.1")),
        "{refreshed}"
    );
    assert_eq!(refreshed["event_count"], 1);
    assert!(
        server.seen().iter().all(|s| s.path.starts_with('/')),
        "only the local server was contacted"
    );
}

/// Five redirects are followed; a sixth is refused.
#[tokio::test]
async fn a_redirect_chain_of_six_is_refused() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let five = app
        .created(&json!({"name": "five", "url": server.url("/redirect/5")}))
        .await;
    assert_eq!(five["event_count"], 1);
    let reply = app
        .create(&json!({"name": "six", "url": server.url("/redirect/6")}))
        .await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{}", reply.2);
    let (field, message) = invalid(&reply);
    assert_eq!(field, "url");
    assert!(message.contains("more than 5 redirects"), "{message}");
    let hops = server
        .seen()
        .iter()
        .filter(|s| s.path.starts_with("/redirect/"))
        .count();
    assert_eq!(
        hops,
        6 + 6,
        "six requests each: the sixth redirect is not followed"
    );
}

/// A malformed file after a good one: the good one stays in force (search included) and the
/// error names the line.
#[tokio::test]
async fn a_malformed_file_after_a_good_one_keeps_the_good_one_and_names_the_line() {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let id = id(&app
        .created(&json!({"name": "feed", "url": server.url("/feed.ics")}))
        .await);
    let before = app.bytes(&id).await;
    server.publish(MALFORMED, "\"broken\"");
    let refreshed = app.refreshed(&id).await;
    assert_eq!(refreshed["status"], "failing");
    assert_eq!(refreshed["last_error_line"], 6);
    let error = refreshed["last_error"].as_str().expect("an error");
    assert!(error.starts_with("line 6: "), "{error}");
    assert!(refreshed["last_error_at"].is_string());
    assert_eq!(refreshed["event_count"], 1);
    assert_eq!(app.bytes(&id).await, before);
    let shown = app.get(&id).await;
    assert_eq!(shown["last_error_line"], 6);
    let (_, _, body) = app.first_window("Africa/Dakar", &[&id]).await;
    assert_eq!(
        body["windows"][0]["start"], "2027-03-02T09:00:00Z",
        "the good copy is used"
    );

    // Fixed upstream: back to ok, the last error stays visible beside the newer success.
    server.publish(&busy_days(&["20270302"]), "\"v3\"");
    let fixed = app.refreshed(&id).await;
    assert_eq!(fixed["status"], "ok");
    assert_eq!(fixed["consecutive_failures"], 0);
    assert_eq!(fixed["last_error_line"], 6);
    assert!(fixed["last_success_at"].as_str() >= fixed["last_error_at"].as_str());
}

/// Inline calendars: a bad one is a 400 naming the line; a good one is stored, listed,
/// searched by id, never refreshed, and deleted. Writes need an admin or organiser token.
#[tokio::test]
async fn inline_calendars_are_checked_stored_and_deleted() {
    let app = TestApp::new().await;
    let reply = app.create(&json!({"name": "bad", "ics": MALFORMED})).await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST);
    let (field, message) = invalid(&reply);
    assert_eq!(field, "ics");
    assert!(message.starts_with("line 6: "), "{message}");

    let reply = app
        .send(
            Method::POST,
            CALENDARS,
            None,
            Some(&json!({"ics": busy_days(&["20270301"])})),
        )
        .await;
    assert_eq!(reply.0, StatusCode::UNAUTHORIZED);
    let viewer = app.viewer.clone();
    let reply = app
        .send(
            Method::POST,
            CALENDARS,
            Some(&viewer),
            Some(&json!({"ics": busy_days(&["20270301"])})),
        )
        .await;
    assert_eq!(reply.0, StatusCode::FORBIDDEN);

    for (body, field) in [
        (json!({"name": "none"}), "url"),
        (
            json!({"url": "https://example.org/a.ics", "ics": "BEGIN:VCALENDAR"}),
            "ics",
        ),
        (
            json!({"ics": busy_days(&[]), "owner": "p-1", "venue_id": Uuid::new_v4()}),
            "venue_id",
        ),
        (
            json!({"ics": busy_days(&[]), "owner": "not an id!"}),
            "owner",
        ),
        (json!({"ics": busy_days(&[]), "name": "   "}), "name"),
        (
            json!({"ics": busy_days(&[]), "venue_id": Uuid::new_v4()}),
            "venue_id",
        ),
        (json!({"ics": busy_days(&[]), "colour": "red"}), ""),
    ] {
        let reply = app.create(&body).await;
        assert_eq!(reply.0, StatusCode::BAD_REQUEST, "{body}: {}", reply.2);
        let (got, _) = invalid(&reply);
        if !field.is_empty() {
            assert_eq!(got, field, "{body}");
        }
    }

    let created = app
        .created(&json!({"ics": busy_days(&["20270301"]), "owner": "dakar-office"}))
        .await;
    assert_eq!(created["name"], "Office", "named after X-WR-CALNAME");
    assert_eq!(created["source"], "inline");
    assert_eq!(created["next_refresh_at"], Value::Null);
    assert_eq!(created["refresh_interval_minutes"], Value::Null);
    let id = id(&created);

    let (status, _, list) = app
        .send(
            Method::GET,
            &format!("{CALENDARS}?owner=dakar-office"),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (status, _, list) = app
        .send(
            Method::GET,
            &format!("{CALENDARS}?owner=nobody"),
            None,
            None,
        )
        .await;
    assert_eq!((status, list), (StatusCode::OK, json!([])));

    let (status, _, body) = app.first_window("Africa/Dakar", &[&id]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["windows"][0]["start"], "2027-03-02T09:00:00Z");
    let (status, _, body) = app.first_window("Africa/Dakar", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["windows"][0]["start"], "2027-03-01T09:00:00Z");

    let reply = app.refresh(&id).await;
    assert_eq!(reply.0, StatusCode::CONFLICT, "{}", reply.2);

    let reply = app
        .send(
            Method::DELETE,
            &format!("{CALENDARS}/{id}"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(reply.0, StatusCode::FORBIDDEN);
    let admin = app.admin.clone();
    let reply = app
        .send(
            Method::DELETE,
            &format!("{CALENDARS}/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(reply.0, StatusCode::NO_CONTENT);
    for path in [
        format!("{CALENDARS}/{id}"),
        format!("{CALENDARS}/not-a-uuid"),
    ] {
        let reply = app.send(Method::GET, &path, None, None).await;
        assert_eq!(reply.0, StatusCode::NOT_FOUND, "{path}");
    }
    let reply = app.refresh(&Uuid::new_v4().to_string()).await;
    assert_eq!(reply.0, StatusCode::NOT_FOUND);

    // Deleted, or never imported: the search names the field.
    for bad in [id.as_str(), "no-such-id"] {
        let reply = app.first_window("Africa/Dakar", &[bad]).await;
        assert_eq!(reply.0, StatusCode::BAD_REQUEST);
        let (field, message) = invalid(&reply);
        assert_eq!(field, "participants[0].calendars[0]");
        assert!(message.contains(bad), "{message}");
    }
}

/// Importing a calendar for a venue replaces its holiday calendar.
#[tokio::test]
async fn a_venue_holiday_calendar_is_replaced_per_venue() {
    let app = TestApp::new().await;
    let admin = app.admin.clone();
    let (status, _, venue) = app
        .send(
            Method::POST,
            "/api/v1/venues",
            Some(&admin),
            Some(&json!({"name": "Palais", "city": "Yaoundé", "country": "CM", "tz": "Africa/Douala"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{venue}");
    let venue = venue["id"].as_str().expect("venue id").to_owned();
    let first = app
        .created(&json!({"name": "CM", "ics": busy_days(&["20270301"]), "venue_id": venue}))
        .await;
    assert_eq!(first["venue_id"], venue.as_str());
    let second = app
        .created(&json!({"name": "CM 2027", "ics": busy_days(&["20270302"]), "venue_id": venue}))
        .await;
    let (_, _, list) = app
        .send(
            Method::GET,
            &format!("{CALENDARS}?venue_id={venue}"),
            None,
            None,
        )
        .await;
    let ids: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, [second["id"].as_str().expect("id")]);
    let reply = app
        .send(
            Method::GET,
            &format!("{CALENDARS}/{}", id(&first)),
            None,
            None,
        )
        .await;
    assert_eq!(reply.0, StatusCode::NOT_FOUND, "replaced");
    let reply = app
        .send(
            Method::GET,
            &format!("{CALENDARS}?venue_id=nope"),
            None,
            None,
        )
        .await;
    assert_eq!(reply.0, StatusCode::BAD_REQUEST);
}

/// `--demo` gives each demo venue with a bundled holiday calendar that calendar, once.
#[tokio::test]
async fn demo_venues_get_their_holiday_calendars_once() {
    let app = TestApp::new().await;
    tandem_server::prepare(&app.state, true)
        .await
        .expect("demo seeded");
    tandem_server::prepare(&app.state, true)
        .await
        .expect("seeding again changes nothing");
    let venues = app.store.venues().await.expect("venues");
    let calendars = app
        .store
        .calendars(&tandem_store::CalendarFilter::default())
        .await
        .expect("calendars");
    for venue in &venues {
        let theirs: Vec<_> = calendars
            .iter()
            .filter(|c| c.owner == CalendarOwner::Venue(venue.id))
            .collect();
        let bundled = venue
            .holiday_calendar
            .as_deref()
            .and_then(tandem_app::import::holidays::bundled);
        match bundled {
            Some(_) => {
                assert_eq!(theirs.len(), 1, "{} has its holiday calendar", venue.city);
                assert!(theirs[0].event_count > 0);
            }
            None => assert!(theirs.is_empty(), "{}", venue.city),
        }
    }
    assert!(calendars.len() >= 5, "{} calendars", calendars.len());
}

/// Every file of the shared corpus imported inline: 201, or a 400 problem naming the line;
/// never a panic or a 500.
#[tokio::test]
async fn every_corpus_file_imports_or_names_its_line() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/ics"
    ));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("the corpus at {} is missing: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    files.sort();
    assert!(files.len() >= 70, "{} corpus files", files.len());
    // The largest corpus file is about 210 kB: the default cap, not the tests' small one.
    let app = TestApp::with_figment(&figment().merge(("import.max_bytes", 10_485_760))).await;
    let (mut imported, mut refused) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        let reply = app.create(&json!({"name": name, "ics": text})).await;
        match reply.0 {
            StatusCode::CREATED => {
                imported += 1;
                assert!(reply.2["event_count"].is_u64(), "{name}");
            }
            StatusCode::BAD_REQUEST => {
                refused += 1;
                let (field, message) = invalid(&reply);
                assert_eq!(field, "ics", "{name}");
                assert!(message.starts_with("line "), "{name}: {message}");
            }
            other => panic!("{name}: {other} {}", reply.2),
        }
    }
    assert!(imported >= 60, "{imported} imported, {refused} refused");
}

/// The OpenAPI document lists every calendar route.
#[tokio::test]
async fn openapi_lists_the_calendar_routes() {
    let app = TestApp::new().await;
    let (status, _, doc) = app
        .send(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let paths = &doc["paths"];
    for (path, method) in [
        ("/api/v1/calendars", "post"),
        ("/api/v1/calendars", "get"),
        ("/api/v1/calendars/{id}", "get"),
        ("/api/v1/calendars/{id}", "delete"),
        ("/api/v1/calendars/{id}/refresh", "post"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
}

// ---------------------------------------------------------------------------------------
// Scheduled refresh
// ---------------------------------------------------------------------------------------

fn due_calendar(url: String) -> NewCalendar {
    NewCalendar {
        name: "due".into(),
        url: Some(url),
        owner: CalendarOwner::Nobody,
        copy: CalendarCopy {
            ics: busy_days(&[]).into_bytes(),
            etag: None,
            last_modified: None,
            event_count: 0,
            published_refresh: None,
        },
        next_refresh_at: Some(common::now() - chrono::Duration::minutes(1)),
    }
}

/// Two instances (two importers on two pools of one database) refreshing due calendars at
/// once fetch each calendar exactly once, and schedule the next refresh within the bounds.
async fn two_instances_refresh_each_due_calendar_once(url: &str) {
    let server = Server::start(&busy_days(&["20270301"]), "\"v1\"").await;
    let clock = common::clock();
    let one = tandem_store::connect(url, tandem_store::PoolSettings::new(4), clock.clone())
        .await
        .expect("store one");
    let two = tandem_store::connect(url, tandem_store::PoolSettings::new(4), clock.clone())
        .await
        .expect("store two");
    let mut settings = import_settings();
    settings.batch = 3;
    let a = Arc::new(Importer::new(&settings, clock.clone()).expect("importer a"));
    let b = Arc::new(Importer::new(&settings, clock.clone()).expect("importer b"));
    let mut ids = Vec::new();
    for i in 0..12 {
        let cal = one
            .create_calendar(&due_calendar(server.url(&format!("/count/{i}.ics"))))
            .await
            .expect("created");
        ids.push(cal.id);
    }
    let cancel = CancellationToken::new();
    let run = |importer: Arc<Importer>, store: Arc<dyn Store>, cancel: CancellationToken| async move {
        while importer
            .refresh_due(store.as_ref(), &cancel, &CancellationToken::new())
            .await
            .expect("refresh")
            > 0
        {}
    };
    let workers = [
        tokio::spawn(run(a.clone(), one.clone(), cancel.clone())),
        tokio::spawn(run(b.clone(), two.clone(), cancel.clone())),
        tokio::spawn(run(a, one.clone(), cancel.clone())),
        tokio::spawn(run(b, two.clone(), cancel.clone())),
    ];
    for w in workers {
        w.await.expect("worker");
    }
    let seen = server.seen();
    for i in 0..12 {
        let path = format!("/count/{i}.ics");
        assert_eq!(
            seen.iter().filter(|s| s.path == path).count(),
            1,
            "{path} fetched once"
        );
    }
    let now = common::now();
    for id in ids {
        let cal = two.calendar(id).await.expect("calendar");
        assert_eq!(cal.event_count, 1, "refreshed");
        assert_eq!(cal.consecutive_failures, 0);
        let next = cal.next_refresh_at.expect("scheduled") - now;
        // REFRESH-INTERVAL PT2H, ±10 %.
        assert!(
            next > chrono::Duration::minutes(100) && next < chrono::Duration::minutes(135),
            "{next}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_sqlite_refresh_each_due_calendar_once() {
    let dir = TempDir::new().expect("temporary directory");
    two_instances_refresh_each_due_calendar_once(&format!(
        "sqlite://{}",
        dir.path().join("t.db").display()
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_postgres_refresh_each_due_calendar_once() {
    common::on_fresh_postgres("tandem_import", |url| async move {
        two_instances_refresh_each_due_calendar_once(&url).await;
    })
    .await;
}

/// The background refresher refreshes due calendars and stops on the shutdown signal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refresher_runs_until_shutdown() {
    let server = Server::start(&busy_days(&["20270301", "20270302"]), "\"v1\"").await;
    let app = TestApp::new().await;
    let cal = app
        .store
        .create_calendar(&due_calendar(server.url("/feed.ics")))
        .await
        .expect("created");
    let cancel = CancellationToken::new();
    let task = spawn_refresher(
        app.state.app.importer.clone(),
        app.store.clone(),
        cancel.clone(),
        Duration::from_secs(5),
    );
    let mut refreshed = false;
    for _ in 0..100 {
        if app
            .store
            .calendar(cal.id)
            .await
            .expect("calendar")
            .event_count
            == 2
        {
            refreshed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(refreshed, "the due calendar was refreshed");
    cancel.cancel();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the refresher stops promptly")
        .expect("the refresher did not panic");
}

/// Waits (at most 30 s) until the upstream has been asked for `path`.
async fn until_fetched(upstream: &Server, path: &str) {
    for _ in 0..1500 {
        if upstream.seen().iter().any(|s| s.path == path) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{path} was never fetched");
}

/// A refresher on an app whose fetches may take a minute, refreshing one due calendar
/// whose upstream holds its answer until `gate` opens; returns once the fetch is under way.
async fn refresh_in_progress(
    upstream: &Server,
    grace: Duration,
) -> (
    TestApp,
    Uuid,
    CancellationToken,
    tokio::task::JoinHandle<()>,
) {
    let app = TestApp::with_figment(&figment().merge(("import.timeout_seconds", 60))).await;
    let cal = app
        .store
        .create_calendar(&due_calendar(upstream.url("/feed.ics")))
        .await
        .expect("created");
    let stop = CancellationToken::new();
    let task = spawn_refresher(
        app.state.app.importer.clone(),
        app.store.clone(),
        stop.clone(),
        grace,
    );
    until_fetched(upstream, "/feed.ics").await;
    (app, cal.id, stop, task)
}

/// Shutdown during a refresh: the refresher claims nothing more, but the refresh under way
/// finishes and is recorded before the refresher stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_in_progress_at_shutdown_finishes() {
    let upstream = Server::start(&busy_days(&["20270301", "20270302"]), "\"v1\"").await;
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    upstream.set(Mode::Held(gate.clone()));
    let (app, id, stop, task) = refresh_in_progress(&upstream, Duration::from_secs(120)).await;
    stop.cancel();
    // The upstream answers only after the shutdown signal.
    gate.close();
    tokio::time::timeout(Duration::from_secs(60), task)
        .await
        .expect("the refresher stops once the refresh is recorded")
        .expect("the refresher did not panic");
    let cal = app.store.calendar(id).await.expect("calendar");
    assert_eq!(cal.event_count, 2, "the refresh under way was recorded");
    assert_eq!(cal.consecutive_failures, 0);
}

/// Shutdown during a refresh that outlasts the grace: the refresher stops anyway and gives
/// the lease back, so another instance can refresh the calendar at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_outlasting_the_shutdown_grace_is_given_back() {
    let upstream = Server::start(&busy_days(&["20270301", "20270302"]), "\"v1\"").await;
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    upstream.set(Mode::Held(gate.clone()));
    let (app, id, stop, task) = refresh_in_progress(&upstream, Duration::from_millis(200)).await;
    stop.cancel();
    tokio::time::timeout(Duration::from_secs(30), task)
        .await
        .expect("the refresher stops after the grace, the upstream still silent")
        .expect("the refresher did not panic");
    gate.close();
    let cal = app.store.calendar(id).await.expect("calendar");
    assert_eq!(cal.event_count, 0, "the unfinished refresh changed nothing");
    assert!(
        app.store
            .claim_calendar(id, "another-instance", chrono::Duration::minutes(1))
            .await
            .expect("claim"),
        "the lease was given back"
    );
}
