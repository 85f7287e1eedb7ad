//! Every parser that a request's text reaches, driven through the whole application with
//! arbitrary input (issue 12): headers (Authorization, Cookie, If-Match, If-None-Match,
//! If-Modified-Since, Accept-Encoding, Content-Type, X-Forwarded-For), query parameters,
//! path segments, JSON and form bodies. The answer may be anything but a server error: the
//! panic layer turns a panic into a 500, so a 5xx here is a bug.
//!
//! One application (one SQLite database) serves every case of a property; the cases run
//! on one Tokio runtime, so the suite stays quick.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::Router;
use figment::Figment;
use http_body_util::BodyExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_server::config::Settings;
use tandem_store::{Role, SqliteStore, Store};
use tower::ServiceExt;

struct App {
    router: Router,
    admin: String,
    event_id: String,
    feed_token: String,
    _dir: tempfile::TempDir,
}

impl App {
    /// An application with the rate limit off and one proxy hop trusted (so that
    /// X-Forwarded-For is read), one venue, one event and one private feed token.
    async fn new() -> Self {
        let dir = tempfile::TempDir::new().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(2), common::clock())
                .await
                .unwrap(),
        );
        let figment: Figment = Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        )
        .merge(("rate_limit.requests_per_second", 0))
        .merge(("rate_limit.trusted_proxy_hops", 1));
        let settings = Settings::from_figment(&figment).unwrap();
        let admin = issue_token(store.as_ref(), Role::Admin, vec![], None)
            .await
            .unwrap()
            .0
            .expose_secret()
            .to_owned();
        let app = Self {
            router: tandem_server::app(
                tandem_server::state(store, settings, common::clock()).unwrap(),
            ),
            admin,
            event_id: String::new(),
            feed_token: String::new(),
            _dir: dir,
        };
        let venue = app
            .json(
                Method::POST,
                "/api/v1/venues",
                &json!({"name": "Palais des Congrès", "city": "Yaoundé", "country": "CM",
                        "tz": "Africa/Douala", "rooms": [{"name": "Salle A", "capacity": 120}]}),
            )
            .await;
        let event = app
            .json(
                Method::POST,
                "/api/v1/events",
                &json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "hybrid",
                        "region": "AFR", "tz": "Africa/Douala", "venue_id": venue.get("id"),
                        "start": "2027-03-10T09:00", "end": "2027-03-11T17:30",
                        "participants": [{"id": "p-17", "tz": "Asia/Bangkok"}]}),
            )
            .await;
        let token = app
            .json(
                Method::POST,
                "/api/v1/feed-tokens",
                &json!({"participant": "p-17"}),
            )
            .await;
        Self {
            event_id: event.get("id").and_then(Value::as_str).unwrap().to_owned(),
            feed_token: token
                .get("token")
                .and_then(Value::as_str)
                .unwrap()
                .to_owned(),
            ..app
        }
    }

    async fn json(&self, method: Method, path: &str, body: &Value) -> Value {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.admin))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        serde_json::from_slice(&bytes).unwrap()
    }

    /// Sends a request; returns its status and the start of its body (for the failure
    /// message).
    async fn status(&self, request: Request<Body>) -> (StatusCode, String) {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        (status, text.chars().take(300).collect())
    }
}

/// Runs `cases` cases of `strategy` against one application; each builds one request,
/// which must not be answered with a server error.
fn never_a_server_error<S: Strategy>(
    cases: u32,
    strategy: S,
    request: impl Fn(&App, S::Value) -> Option<Request<Body>>,
) where
    S::Value: std::fmt::Debug,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = runtime.block_on(App::new());
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |value| {
        let description = format!("{value:?}");
        let Some(request) = request(&app, value) else {
            return Ok(());
        };
        let target = format!("{} {}", request.method(), request.uri());
        let (status, body) = runtime.block_on(app.status(request));
        prop_assert!(
            !status.is_server_error(),
            "{target} with {description}: {status} {body}"
        );
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Text near the shapes the parsers expect (digits, separators, quotes, tokens) and
/// multi-byte characters where a byte index would split one; or anything at all.
fn text() -> impl Strategy<Value = String> {
    let near = prop::collection::vec(
        prop_oneof![
            4 => proptest::char::range('0', '9'),
            3 => prop::sample::select(vec![
                '-', ':', 'T', 'Z', '+', ';', '=', ',', ' ', '"', '/', '*', '.', 'W', 'q', '_',
            ]),
            1 => prop::sample::select(vec!['é', 'ß', '🌍', '\u{feff}']),
            1 => proptest::char::range('a', 'z'),
        ],
        0..32,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>());
    prop_oneof![3 => near, 1 => any::<String>()]
}

/// Percent-encodes every byte outside the unreserved set, so any text fits in a URI.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A header value from text or raw bytes (obs-text included), when it is a legal one.
fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => text().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..40),
        1 => prop::sample::select(vec![
            "Bearer ", "Bearer tdm_", "bearer  x", "Basic dXNlcjpwYXNz", "W/\"3\"", "\"3\", W/\"4\"",
            "*", "gzip;q=0.5, *;q=", "gzip;q=NaN", "tandem_session=; tandem_signin_csrf=",
            "Wed, 21 Oct 2015 07:28:00 GMT", "1.2.3.4, ::1, 300.1.1.1", "application/json; charset",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

fn request(method: Method, uri: &str) -> Option<axum::http::request::Builder> {
    let uri: axum::http::Uri = uri.parse().ok()?;
    Some(Request::builder().method(method).uri(uri))
}

#[test]
fn headers_never_cause_a_server_error() {
    // (header, method, path, whether a JSON body of a valid event goes with it)
    let targets: Vec<(HeaderName, Method, &str, bool)> = vec![
        (header::AUTHORIZATION, Method::GET, "/api/v1/events", false),
        (header::AUTHORIZATION, Method::POST, "/api/v1/events", true),
        (header::COOKIE, Method::GET, "/planner", false),
        (header::COOKIE, Method::GET, "/signin", false),
        (header::COOKIE, Method::POST, "/signout", false),
        (header::COOKIE, Method::GET, "/clashes", false),
        (header::IF_MATCH, Method::PATCH, "/api/v1/events/{id}", true),
        (header::IF_NONE_MATCH, Method::GET, "/feeds/all.ics", false),
        (
            header::IF_MODIFIED_SINCE,
            Method::GET,
            "/feeds/all.ics",
            false,
        ),
        (
            header::ACCEPT_ENCODING,
            Method::GET,
            "/feeds/regions/AFR.ics",
            false,
        ),
        (header::CONTENT_TYPE, Method::POST, "/api/v1/events", true),
        (
            HeaderName::from_static("x-forwarded-for"),
            Method::GET,
            "/api/v1/regions",
            false,
        ),
    ];
    let strategy = (prop::sample::select(targets), header_value());
    never_a_server_error(
        1500,
        strategy,
        |app, ((name, method, path, body), value)| {
            let value = HeaderValue::from_bytes(&value).ok()?;
            let path = path.replace("{id}", &app.event_id);
            let mut builder = request(method, &path)?;
            if name != header::AUTHORIZATION {
                builder = builder.header(header::AUTHORIZATION, format!("Bearer {}", app.admin));
            }
            if name != header::CONTENT_TYPE && body {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
            }
            builder = builder.header(name, value);
            let body = if body {
                Body::from(
                json!({"title": "Workshop", "kind": "workshop", "mode": "virtual", "region": "AFR",
                       "tz": "Africa/Douala", "start": "2027-04-10T09:00", "end": "2027-04-10T12:00"})
                .to_string(),
            )
            } else {
                Body::empty()
            };
            builder.body(body).ok()
        },
    );
}

#[test]
fn query_parameters_never_cause_a_server_error() {
    let paths = vec![
        "/api/v1/events",
        "/api/v1/clashes",
        "/api/v1/groups",
        "/api/v1/offices",
        "/api/v1/organizations",
        "/api/v1/venues",
        "/api/v1/feed-tokens",
        "/api/v1/calendars",
        "/feeds/all.ics",
        "/feeds/regions/AFR.ics",
        "/feeds/freebusy/{token}.ics",
        "/planner",
        "/colocations",
        "/clashes",
    ];
    let names = vec![
        "from",
        "to",
        "region",
        "group",
        "status",
        "limit",
        "cursor",
        "kind",
        "include",
        "severity",
        "venue_id",
        "participant",
        "places",
        "duration",
        "anchor",
        "include_cancelled",
    ];
    let strategy = (
        prop::sample::select(paths),
        prop::collection::vec(
            (
                prop_oneof![prop::sample::select(names).prop_map(str::to_owned), text()],
                text(),
            ),
            1..4,
        ),
        any::<bool>(),
    );
    never_a_server_error(1500, strategy, |app, (path, params, raw)| {
        let path = path.replace("{token}", &app.feed_token);
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| {
                if raw {
                    // As typed, where the URI allows it.
                    format!("{k}={v}")
                } else {
                    format!("{}={}", encode(k), encode(v))
                }
            })
            .collect();
        let builder = request(Method::GET, &format!("{path}?{}", query.join("&")))?;
        builder
            .header(header::AUTHORIZATION, format!("Bearer {}", app.admin))
            .body(Body::empty())
            .ok()
    });
}

#[test]
fn path_segments_never_cause_a_server_error() {
    let templates = vec![
        (Method::GET, "/api/v1/events/{x}"),
        (Method::DELETE, "/api/v1/events/{x}"),
        (Method::GET, "/api/v1/venues/{x}"),
        (Method::GET, "/api/v1/regions/{x}"),
        (Method::GET, "/api/v1/groups/{x}"),
        (Method::GET, "/api/v1/clashes/{x}"),
        (Method::GET, "/api/v1/calendars/{x}"),
        (Method::POST, "/api/v1/feed-tokens/{x}/rotate"),
        (Method::GET, "/feeds/regions/{x}"),
        (Method::GET, "/feeds/groups/{x}.ics"),
        (Method::GET, "/feeds/venues/{x}.ics"),
        (Method::GET, "/feeds/events/{x}"),
        (Method::GET, "/feeds/private/{x}.ics"),
        (Method::GET, "/feeds/freebusy/{x}"),
        (Method::GET, "/events/{x}"),
    ];
    let strategy = (prop::sample::select(templates), text(), any::<bool>());
    never_a_server_error(1500, strategy, |app, ((method, template), segment, raw)| {
        let segment = if raw { segment } else { encode(&segment) };
        let builder = request(method, &template.replace("{x}", &segment))?;
        builder
            .header(header::AUTHORIZATION, format!("Bearer {}", app.admin))
            .body(Body::empty())
            .ok()
    });
}

/// Text that starts like a date-time (or a rule) and goes wrong after that, or any text.
fn shaped(prefix: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![text(), text().prop_map(move |t| format!("{prefix}{t}"))]
}

/// A request body, shown as text in a failure message.
struct BodyBytes(Vec<u8>);

impl std::fmt::Debug for BodyBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// JSON documents whose strings are arbitrary, in every field a request reads as text.
fn json_body() -> impl Strategy<Value = (Method, String, BodyBytes)> {
    let event = (
        text(),
        text(),
        text(),
        shaped("2027-03-10T"),
        shaped("2027-03-10T1"),
        shaped("FREQ=DAILY;"),
        text(),
    )
        .prop_map(|(title, kind, tz, start, end, rrule, participant)| {
            json!({"title": title, "kind": kind, "mode": "virtual", "region": "AFR", "tz": tz,
                   "start": start, "end": end, "rrule": rrule,
                   "participants": [{"id": participant, "tz": tz}]})
        });
    let search = (
        shaped("2027-03-10T"),
        shaped("2027-03-11T00:00:00"),
        text(),
        shaped("0"),
        shaped("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2027"),
    )
        .prop_map(|(start, end, tz, hours, ics)| {
            json!({"range": {"start": start, "end": end}, "duration_minutes": 60,
               "participants": [{"id": "p", "tz": tz, "ics": ics,
                                 "working_hours": {"start": hours, "end": "17:00"},
                                 "holidays": [start], "busy": [{"start": start, "end": end}]}]})
        });
    let venue = (text(), text(), text(), text()).prop_map(|(name, country, tz, day)| {
        json!({"name": name, "city": name, "country": country, "tz": tz, "weekend": [day],
               "holiday_calendar": country, "rooms": [{"name": name, "capacity": 10}]})
    });
    let colocation = (text(), text(), text()).prop_map(|(kind, hours, placement)| {
        json!({"anchor_event_id": "00000000-0000-4000-8000-000000000000", "kind": kind,
               "days": 1, "daily_hours": {"start": hours, "end": hours}, "placement": [placement]})
    });
    prop_oneof![
        event.prop_map(|b| (
            Method::POST,
            "/api/v1/events".to_owned(),
            BodyBytes(b.to_string().into_bytes())
        )),
        event_patch().prop_map(|b| (
            Method::PATCH,
            "/api/v1/events/{id}".to_owned(),
            BodyBytes(b.to_string().into_bytes())
        )),
        search.prop_map(|b| (
            Method::POST,
            "/api/v1/windows/search".to_owned(),
            BodyBytes(b.to_string().into_bytes())
        )),
        venue.prop_map(|b| (
            Method::POST,
            "/api/v1/venues".to_owned(),
            BodyBytes(b.to_string().into_bytes())
        )),
        colocation.prop_map(|b| (
            Method::POST,
            "/api/v1/colocations/search".to_owned(),
            BodyBytes(b.to_string().into_bytes())
        )),
        (
            prop::sample::select(vec![
                "/api/v1/events",
                "/api/v1/windows/search",
                "/api/v1/venues",
                "/api/v1/feed-tokens"
            ]),
            prop::collection::vec(any::<u8>(), 0..64)
        )
            .prop_map(|(path, bytes)| (Method::POST, path.to_owned(), BodyBytes(bytes))),
    ]
}

fn event_patch() -> impl Strategy<Value = Value> {
    (
        shaped("2027-03-10T"),
        shaped("2027-03-1"),
        shaped("FREQ=WEEKLY;BYDAY="),
    )
        .prop_map(|(start, end, rrule)| json!({"start": start, "end": end, "rrule": rrule}))
}

#[test]
fn json_bodies_never_cause_a_server_error() {
    never_a_server_error(1000, json_body(), |app, (method, path, body)| {
        let path = path.replace("{id}", &app.event_id);
        request(method, &path)?
            .header(header::AUTHORIZATION, format!("Bearer {}", app.admin))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.0))
            .ok()
    });
}

#[test]
fn form_bodies_never_cause_a_server_error() {
    let targets = vec![
        "/signin",
        "/signout",
        "/colocations",
        "/clashes/{x}/resolve",
    ];
    let strategy = (
        prop::sample::select(targets),
        prop::collection::vec((text(), text()), 0..4),
        text(),
    );
    never_a_server_error(600, strategy, |_app, (path, fields, cookie)| {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let mut builder = request(Method::POST, &path.replace("{x}", &encode(&cookie)))?
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Ok(value) = HeaderValue::from_str(&format!(
            "tandem_signin_csrf={cookie}; tandem_session={cookie}"
        )) {
            builder = builder.header(header::COOKIE, value);
        }
        builder.body(Body::from(body.join("&"))).ok()
    });
}
