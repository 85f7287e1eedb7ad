//! In-process HTTP tests of the JSON API (DESIGN §2, §4, §9). Each test builds the whole
//! application on a fresh SQLite database in its own temporary directory and drives it with
//! `tower::ServiceExt::oneshot`, the way a client would over the network: requests in,
//! statuses, headers and JSON bodies out.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use figment::Figment;
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_core::RegionCode;
use tandem_server::config::Settings;
use tandem_store::{Role, SqliteStore, Store};
use tempfile::TempDir;
use tower::ServiceExt;

/// One answer: status, headers, and the body as JSON (a JSON string when it is not JSON,
/// `null` when it is empty).
type Reply = (StatusCode, HeaderMap, Value);

const EVENTS: &str = "/api/v1/events";
const VENUES: &str = "/api/v1/venues";

/// The bundled defaults, with an environment prefix nothing sets.
fn default_figment() -> Figment {
    Settings::figment(
        None,
        figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
    )
}

/// A fresh application on its own database, with a token for each kind of caller.
struct TestApp {
    app: Router,
    store: Arc<dyn Store>,
    /// An admin token.
    admin: String,
    /// A viewer token.
    viewer: String,
    /// An organiser token for AFR only.
    afr: String,
    /// An organiser token for EUR only.
    eur: String,
    _dir: TempDir,
}

async fn token(store: &Arc<dyn Store>, role: Role, regions: Vec<RegionCode>) -> String {
    let (secret, _) = issue_token(store.as_ref(), role, regions, None)
        .await
        .expect("issue token");
    secret.expose_secret().to_owned()
}

impl TestApp {
    async fn new() -> Self {
        Self::with_figment(&default_figment()).await
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
        let app = tandem_server::app(state);
        Self {
            admin: token(&store, Role::Admin, Vec::new()).await,
            viewer: token(&store, Role::Viewer, Vec::new()).await,
            afr: token(&store, Role::Organiser, vec![RegionCode::AFR]).await,
            eur: token(&store, Role::Organiser, vec![RegionCode::EUR]).await,
            app,
            store,
            _dir: dir,
        }
    }

    /// Sends one request and reads the whole answer.
    async fn call(&self, request: Request<Body>) -> Reply {
        let response = self
            .app
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("read body").to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (parts.status, parts.headers, value)
    }

    /// Sends `method path` with an optional bearer token, JSON body and extra headers.
    async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let body = match body {
            Some(json) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.call(builder.body(body).expect("request")).await
    }

    /// Sends raw bytes with the given content type (for malformed and non-JSON bodies).
    async fn send_raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: impl Into<Body>,
    ) -> Reply {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.call(builder.body(body.into()).expect("request")).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None, None, &[]).await
    }

    async fn post(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(token), Some(body), &[])
            .await
    }

    async fn patch(&self, id: &str, token: &str, body: &Value, if_match: Option<&str>) -> Reply {
        let headers: Vec<(&str, &str)> = if_match.map(|v| ("if-match", v)).into_iter().collect();
        self.send(
            Method::PATCH,
            &format!("{EVENTS}/{id}"),
            Some(token),
            Some(body),
            &headers,
        )
        .await
    }

    async fn delete(&self, id: &str, token: &str) -> Reply {
        self.send(
            Method::DELETE,
            &format!("{EVENTS}/{id}"),
            Some(token),
            None,
            &[],
        )
        .await
    }

    /// Creates the Yaoundé venue as admin; returns its body.
    async fn yaounde(&self) -> Value {
        let reply = self.post(VENUES, &self.admin, &yaounde_venue()).await;
        assert_eq!(reply.0, StatusCode::CREATED, "{}", reply.2);
        reply.2
    }

    /// Creates an event as admin, expecting success; returns its body.
    async fn create(&self, event: &Value) -> Value {
        let reply = self.post(EVENTS, &self.admin, event).await;
        assert_eq!(reply.0, StatusCode::CREATED, "{}", reply.2);
        reply.2
    }

    /// Ids of the events a list query returns (one page).
    async fn listed(&self, query: &str) -> BTreeSet<String> {
        let (status, _, body) = self.get(&format!("{EVENTS}?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        items(&body).iter().map(|e| id(e).to_owned()).collect()
    }
}

fn yaounde_venue() -> Value {
    json!({
        "name": "Palais des Congrès", "city": "Yaoundé", "country": "CM", "tz": "Africa/Douala",
        "weekend": ["sat", "sun"], "holiday_calendar": "CM",
        "rooms": [{"name": "Salle A", "capacity": 120}, {"name": "Salle B", "capacity": 40}]
    })
}

/// The SG3RG-AFR meeting of DESIGN §4, without venue or room.
fn afr_meeting() -> Value {
    json!({
        "title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "hybrid", "status": "confirmed",
        "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala",
        "start": "2027-03-10T09:00", "end": "2027-03-11T17:30"
    })
}

/// `base` with the fields of `changes` set (a `null` sets the field to null).
fn with(base: &Value, changes: &Value) -> Value {
    let mut out = base.clone();
    for (k, v) in changes.as_object().expect("changes are an object") {
        out[k] = v.clone();
    }
    out
}

/// `base` without `field`.
fn without(base: &Value, field: &str) -> Value {
    let mut out = base.clone();
    out.as_object_mut().expect("object").remove(field);
    out
}

fn id(body: &Value) -> &str {
    body["id"].as_str().expect("an id")
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a page of items")
}

fn room_id(venue: &Value, index: usize) -> &str {
    venue["rooms"][index]["id"].as_str().expect("a room id")
}

fn header_text<'a>(headers: &'a HeaderMap, name: &header::HeaderName) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("a {name} header"))
        .to_str()
        .expect("an ASCII header")
}

/// Asserts an RFC 9457 problem document with `status`; returns its body.
fn assert_problem(reply: &Reply, status: StatusCode) -> &Value {
    let (actual, headers, body) = reply;
    assert_eq!(*actual, status, "{body}");
    assert!(
        header_text(headers, &header::CONTENT_TYPE).starts_with("application/problem+json"),
        "content type of a {status} problem: {headers:?}"
    );
    assert_eq!(body["status"], status.as_u16(), "{body}");
    for member in ["type", "title", "detail"] {
        assert!(
            body[member].is_string(),
            "problem without '{member}': {body}"
        );
    }
    body
}

/// The fields a validation problem names.
fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Asserts a 400 problem whose `errors` name `field`.
fn assert_invalid(reply: &Reply, field: &str) {
    let problem = assert_problem(reply, StatusCode::BAD_REQUEST);
    let fields = error_fields(problem);
    assert!(
        fields.iter().any(|f| f == field),
        "expected an error naming '{field}', got {fields:?}: {problem}"
    );
}

fn assert_unauthorized(reply: &Reply) {
    assert_problem(reply, StatusCode::UNAUTHORIZED);
    assert_eq!(header_text(&reply.1, &header::WWW_AUTHENTICATE), "Bearer");
}

// ---------------------------------------------------------------------------------------
// 1. Authentication and authorisation
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn writes_without_a_token_are_401_with_a_bearer_challenge() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let path = format!("{EVENTS}/{}", id(&event));

    let no_token = [
        t.send(Method::POST, EVENTS, None, Some(&afr_meeting()), &[])
            .await,
        t.send(
            Method::PATCH,
            &path,
            None,
            Some(&json!({"title": "x"})),
            &[],
        )
        .await,
        t.send(Method::DELETE, &path, None, None, &[]).await,
        t.send(Method::POST, VENUES, None, Some(&yaounde_venue()), &[])
            .await,
    ];
    for reply in &no_token {
        assert_unauthorized(reply);
    }

    let (_, _, after) = t.get(&path).await;
    assert_eq!(after["title"], "SG3RG-AFR meeting");
    assert_eq!(after["status"], "confirmed");
    assert_eq!(t.listed("").await.len(), 1, "no second event was created");
    assert_eq!(t.get(VENUES).await.2, json!([]), "no venue was created");
}

#[tokio::test]
async fn unknown_malformed_and_revoked_tokens_are_401() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let path = format!("{EVENTS}/{}", id(&event));
    let (revoked, record) = issue_token(t.store.as_ref(), Role::Admin, Vec::new(), None)
        .await
        .expect("issue token");
    t.store.revoke_token(record.id).await.expect("revoke");
    let revoked = revoked.expose_secret().to_owned();

    for token in ["tdm_not-a-real-token", revoked.as_str()] {
        assert_unauthorized(&t.post(EVENTS, token, &afr_meeting()).await);
        assert_unauthorized(
            &t.patch(id(&event), token, &json!({"title": "x"}), None)
                .await,
        );
        assert_unauthorized(&t.delete(id(&event), token).await);
        assert_unauthorized(&t.post(VENUES, token, &yaounde_venue()).await);
    }
    // Not a bearer token at all.
    let basic = t
        .send(
            Method::POST,
            EVENTS,
            None,
            Some(&afr_meeting()),
            &[("authorization", "Basic YWRtaW46YWRtaW4=")],
        )
        .await;
    assert_unauthorized(&basic);

    assert_eq!(t.get(&path).await.2["version"], 1, "the event is unchanged");
    assert_eq!(t.listed("").await.len(), 1);
}

#[tokio::test]
async fn viewer_tokens_cannot_write() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let v = t.viewer.as_str();

    assert_problem(
        &t.post(EVENTS, v, &afr_meeting()).await,
        StatusCode::FORBIDDEN,
    );
    assert_problem(
        &t.patch(id(&event), v, &json!({"title": "Renamed"}), None)
            .await,
        StatusCode::FORBIDDEN,
    );
    assert_problem(&t.delete(id(&event), v).await, StatusCode::FORBIDDEN);
    assert_problem(
        &t.post(VENUES, v, &yaounde_venue()).await,
        StatusCode::FORBIDDEN,
    );

    let (_, _, after) = t.get(&format!("{EVENTS}/{}", id(&event))).await;
    assert_eq!(after["title"], "SG3RG-AFR meeting");
    assert_eq!(after["status"], "confirmed");
    assert_eq!(after["version"], 1);
    assert_eq!(t.get(VENUES).await.2, json!([]));
}

#[tokio::test]
async fn organisers_write_only_within_their_regions() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let path = format!("{EVENTS}/{}", id(&event));

    // An EUR organiser can neither create, change nor cancel an AFR event.
    assert_problem(
        &t.post(EVENTS, &t.eur, &afr_meeting()).await,
        StatusCode::FORBIDDEN,
    );
    assert_problem(
        &t.patch(id(&event), &t.eur, &json!({"title": "Renamed"}), None)
            .await,
        StatusCode::FORBIDDEN,
    );
    // ...nor move it into their own region.
    assert_problem(
        &t.patch(id(&event), &t.eur, &json!({"region": "EUR"}), None)
            .await,
        StatusCode::FORBIDDEN,
    );
    assert_problem(&t.delete(id(&event), &t.eur).await, StatusCode::FORBIDDEN);
    // An AFR organiser cannot move an AFR event out to EUR.
    assert_problem(
        &t.patch(
            id(&event),
            &t.afr,
            &json!({"region": "EUR", "group": null}),
            None,
        )
        .await,
        StatusCode::FORBIDDEN,
    );
    let (_, _, after) = t.get(&path).await;
    assert_eq!(after["region"], "AFR");
    assert_eq!(after["title"], "SG3RG-AFR meeting");
    assert_eq!(after["version"], 1);

    // In their own region they write like an admin.
    let by_afr = t.post(EVENTS, &t.afr, &afr_meeting()).await;
    assert_eq!(by_afr.0, StatusCode::CREATED, "{}", by_afr.2);
    let by_admin = t
        .post(
            EVENTS,
            &t.admin,
            &with(&afr_meeting(), &json!({"region": "EUR", "group": null})),
        )
        .await;
    assert_eq!(by_admin.0, StatusCode::CREATED, "{}", by_admin.2);
    let renamed = t
        .patch(id(&event), &t.afr, &json!({"title": "Renamed"}), None)
        .await;
    assert_eq!(renamed.0, StatusCode::OK, "{}", renamed.2);
    assert_eq!(renamed.2["title"], "Renamed");

    for token in [&t.afr, &t.admin] {
        let venue = t.post(VENUES, token, &yaounde_venue()).await;
        assert_eq!(venue.0, StatusCode::CREATED, "{}", venue.2);
    }
    assert_eq!(t.get(VENUES).await.2.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn reads_need_no_token_by_default() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let venue = t.yaounde().await;

    let (status, _, page) = t.get(EVENTS).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(items(&page).len(), 1);
    assert_eq!(
        t.get(&format!("{EVENTS}/{}", id(&event))).await.0,
        StatusCode::OK
    );
    let (status, _, venues) = t.get(VENUES).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(venues[0]["id"], venue["id"]);
    assert_eq!(
        t.get(&format!("{VENUES}/{}", id(&venue))).await.0,
        StatusCode::OK
    );
    assert_eq!(t.get("/api/v1/regions").await.0, StatusCode::OK);
}

// ---------------------------------------------------------------------------------------
// 2. Validation
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn invalid_event_fields_are_400s_naming_the_field() {
    let t = TestApp::new().await;
    let venue = t.yaounde().await;
    let other = t
        .post(
            VENUES,
            &t.admin,
            &with(
                &yaounde_venue(),
                &json!({"name": "Hotel Hilton", "rooms": [{"name": "Salle A", "capacity": 50}]}),
            ),
        )
        .await
        .2;
    let base = afr_meeting();
    let cases: Vec<(&str, Value)> = vec![
        ("tz", with(&base, &json!({"tz": "Africa/Yaounde"}))),
        ("end", with(&base, &json!({"end": "2027-03-10T08:00"}))),
        ("region", with(&base, &json!({"region": "EU"}))),
        ("group", with(&base, &json!({"group": "SG99RG-AFR"}))),
        (
            "venue_id",
            with(
                &base,
                &json!({"venue_id": "00000000-0000-4000-8000-000000000000"}),
            ),
        ),
        (
            "room_id",
            with(
                &base,
                &json!({"venue_id": venue["id"], "room_id": other["rooms"][0]["id"]}),
            ),
        ),
        (
            "room_id",
            with(&base, &json!({"room_id": room_id(&venue, 0)})),
        ),
        (
            // Europe/Zurich springs forward from 02:00 to 03:00 on 28 March 2027.
            "start",
            with(
                &base,
                &json!({"tz": "Europe/Zurich", "start": "2027-03-28T02:30", "end": "2027-03-28T10:00"}),
            ),
        ),
        (
            "rrule",
            with(&base, &json!({"rrule": "FREQ=SOMETIMES;COUNT=3"})),
        ),
        (
            "participants[0].tz",
            with(
                &base,
                &json!({"participants": [{"id": "p-17", "tz": "Asia/Atlantis"}]}),
            ),
        ),
        ("title", without(&base, "title")),
        ("kind", with(&base, &json!({"kind": 5}))),
    ];
    for (field, body) in &cases {
        let reply = t.post(EVENTS, &t.admin, body).await;
        assert_invalid(&reply, field);
    }
    assert!(t
        .listed("status=proposed,confirmed,cancelled")
        .await
        .is_empty());
}

#[tokio::test]
async fn an_unknown_event_field_is_a_400_naming_it() {
    let t = TestApp::new().await;
    let body = with(
        &without(&afr_meeting(), "title"),
        &json!({"titel": "SG3RG-AFR meeting"}),
    );
    assert_invalid(&t.post(EVENTS, &t.admin, &body).await, "titel");
    assert!(t.listed("").await.is_empty());

    let event = t.create(&afr_meeting()).await;
    let patch = t
        .patch(id(&event), &t.admin, &json!({"titel": "Renamed"}), None)
        .await;
    assert_invalid(&patch, "titel");
    assert_eq!(
        t.get(&format!("{EVENTS}/{}", id(&event))).await.2["version"],
        1
    );
}

#[tokio::test]
async fn several_bad_event_fields_are_reported_together() {
    let t = TestApp::new().await;
    let body = with(
        &afr_meeting(),
        &json!({
            "title": "  ", "kind": "party", "region": "EU", "group": "SG99RG-AFR",
            "tz": "Mars/Olympus_Mons",
            "participants": [{"id": "p-1", "tz": "Asia/Atlantis"}]
        }),
    );
    let reply = t.post(EVENTS, &t.admin, &body).await;
    let problem = assert_problem(&reply, StatusCode::BAD_REQUEST);
    let fields: BTreeSet<String> = error_fields(problem).into_iter().collect();
    for field in [
        "title",
        "kind",
        "region",
        "group",
        "tz",
        "participants[0].tz",
    ] {
        assert!(fields.contains(field), "'{field}' missing from {fields:?}");
    }
}

#[tokio::test]
async fn invalid_venue_fields_are_400s_naming_the_field() {
    let t = TestApp::new().await;
    let base = yaounde_venue();
    let cases: Vec<(&str, Value)> = vec![
        ("country", with(&base, &json!({"country": "Cameroon"}))),
        ("tz", with(&base, &json!({"tz": "Africa/Yaounde"}))),
        (
            "rooms[1].name",
            with(
                &base,
                &json!({"rooms": [{"name": "Salle A", "capacity": 120}, {"name": "Salle A", "capacity": 40}]}),
            ),
        ),
        (
            "rooms[0].capacity",
            with(
                &base,
                &json!({"rooms": [{"name": "Salle A", "capacity": 0}]}),
            ),
        ),
        (
            "weekend[0]",
            with(&base, &json!({"weekend": ["fry", "sat"]})),
        ),
        (
            "holiday_calendar",
            with(&base, &json!({"holiday_calendar": "XX"})),
        ),
        ("name", without(&base, "name")),
    ];
    for (field, body) in &cases {
        let reply = t.post(VENUES, &t.admin, body).await;
        assert_invalid(&reply, field);
    }
    assert_eq!(t.get(VENUES).await.2, json!([]), "no venue was created");
}

// ---------------------------------------------------------------------------------------
// 3. Bodies, routes and methods the API does not take
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_non_json_body_is_a_415_problem() {
    let t = TestApp::new().await;
    let reply = t
        .send_raw(
            Method::POST,
            EVENTS,
            Some(&t.admin),
            "text/plain",
            afr_meeting().to_string(),
        )
        .await;
    assert_problem(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(t.listed("").await.is_empty());
}

#[tokio::test]
async fn a_body_over_the_configured_limit_is_a_413_problem() {
    let t =
        TestApp::with_figment(&default_figment().merge(("server.body_limit_bytes", 2048))).await;
    let big = with(&afr_meeting(), &json!({"description": "x".repeat(4000)}));
    assert_problem(
        &t.post(EVENTS, &t.admin, &big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    );
    assert!(t.listed("").await.is_empty());
    // The same event with a short description fits.
    let small = with(&afr_meeting(), &json!({"description": "x".repeat(100)}));
    assert_eq!(
        t.post(EVENTS, &t.admin, &small).await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn malformed_json_is_a_400_problem() {
    let t = TestApp::new().await;
    let reply = t
        .send_raw(
            Method::POST,
            EVENTS,
            Some(&t.admin),
            "application/json",
            r#"{"title": "SG3RG-AFR meeting", "kind": "#,
        )
        .await;
    assert_problem(&reply, StatusCode::BAD_REQUEST);
    assert!(t.listed("").await.is_empty());
}

#[tokio::test]
async fn an_unknown_route_is_a_404_problem() {
    let t = TestApp::new().await;
    assert_problem(&t.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND);
    assert_problem(
        &t.get(&format!("{EVENTS}/00000000-0000-4000-8000-000000000000"))
            .await,
        StatusCode::NOT_FOUND,
    );
    assert_problem(
        &t.get(&format!("{EVENTS}/not-a-uuid")).await,
        StatusCode::NOT_FOUND,
    );
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let reply = t
        .send(
            Method::PUT,
            &format!("{EVENTS}/{}", id(&event)),
            Some(&t.admin),
            Some(&afr_meeting()),
            &[],
        )
        .await;
    assert_problem(&reply, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        header_text(&reply.1, &header::ALLOW).contains("PATCH"),
        "{:?}",
        reply.1
    );
    assert_problem(
        &t.send(Method::DELETE, VENUES, Some(&t.admin), None, &[])
            .await,
        StatusCode::METHOD_NOT_ALLOWED,
    );
}

// ---------------------------------------------------------------------------------------
// 4. Create and read back
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_created_event_reads_back_as_created() {
    let t = TestApp::new().await;
    let (status, headers, venue) = t.post(VENUES, &t.admin, &yaounde_venue()).await;
    assert_eq!(status, StatusCode::CREATED, "{venue}");
    assert_eq!(
        header_text(&headers, &header::LOCATION),
        format!("{VENUES}/{}", id(&venue))
    );
    assert_eq!(venue["tz"], "Africa/Douala");
    assert_eq!(venue["weekend"], json!(["sat", "sun"]));
    let rooms: Vec<(&str, u64)> = venue["rooms"]
        .as_array()
        .expect("rooms")
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["capacity"].as_u64().unwrap()))
        .collect();
    assert_eq!(rooms, [("Salle A", 120), ("Salle B", 40)]);
    assert_eq!(t.get(&format!("{VENUES}/{}", id(&venue))).await.2, venue);

    let request = with(
        &afr_meeting(),
        &json!({
            "venue_id": venue["id"], "room_id": room_id(&venue, 0),
            "remote_url": "https://meet.example.org/sg3rg-afr",
            "participants": [{"id": "p-17", "name": "Somchai", "tz": "Asia/Bangkok",
                              "attendance": "remote", "required": false}]
        }),
    );
    let (status, headers, event) = t.post(EVENTS, &t.admin, &request).await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    let location = header_text(&headers, &header::LOCATION).to_owned();
    assert_eq!(location, format!("{EVENTS}/{}", id(&event)));
    assert_eq!(header_text(&headers, &header::ETAG), "\"1\"");
    assert_eq!(event["starts_at"], "2027-03-10T08:00:00Z");
    assert_eq!(event["ends_at"], "2027-03-11T16:30:00Z");
    assert_eq!(event["version"], 1);
    assert_eq!(event["sequence"], 0);
    assert_eq!(event["start"], "2027-03-10T09:00");
    assert_eq!(event["end"], "2027-03-11T17:30");
    assert_eq!(event["tz"], "Africa/Douala");
    assert_eq!(event["room_id"], room_id(&venue, 0));
    assert_eq!(event["group"], "SG3RG-AFR");
    assert_eq!(event["participants"][0]["tz"], "Asia/Bangkok");
    assert_eq!(event["participants"][0]["required"], false);

    let (status, headers, read) = t.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_text(&headers, &header::ETAG), "\"1\"");
    assert_eq!(read, event);
}

// ---------------------------------------------------------------------------------------
// 5. Room clashes
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_confirmed_event_in_a_booked_room_is_a_409_naming_the_booking() {
    let t = TestApp::new().await;
    let venue = t.yaounde().await;
    let in_salle_a = with(
        &afr_meeting(),
        &json!({"venue_id": venue["id"], "room_id": room_id(&venue, 0)}),
    );
    let first = t.create(&in_salle_a).await;

    let overlapping = with(
        &in_salle_a,
        &json!({"title": "Workshop on QoS", "kind": "workshop", "group": null,
                "start": "2027-03-11T14:00", "end": "2027-03-12T12:00"}),
    );
    let reply = t.post(EVENTS, &t.admin, &overlapping).await;
    let problem = assert_problem(&reply, StatusCode::CONFLICT);
    assert_eq!(problem["clashes"][0]["type"], "room_overlap", "{problem}");
    assert_eq!(problem["clashes"][0]["event_id"], first["id"], "{problem}");
    assert_eq!(
        t.listed("").await.len(),
        1,
        "the clashing event was not stored"
    );

    // Back to back is not an overlap (intervals are half-open).
    let back_to_back = with(
        &overlapping,
        &json!({"start": "2027-03-11T17:30", "end": "2027-03-12T12:00"}),
    );
    assert_eq!(
        t.post(EVENTS, &t.admin, &back_to_back).await.0,
        StatusCode::CREATED
    );
    // A proposal may overlap: it is a clash to resolve, not a double booking.
    let proposed = with(&overlapping, &json!({"status": "proposed"}));
    let proposal = t.post(EVENTS, &t.admin, &proposed).await;
    assert_eq!(proposal.0, StatusCode::CREATED, "{}", proposal.2);
    // ...but confirming it would double-book the room.
    let confirm = t
        .patch(
            id(&proposal.2),
            &t.admin,
            &json!({"status": "confirmed"}),
            None,
        )
        .await;
    let problem = assert_problem(&confirm, StatusCode::CONFLICT);
    assert_eq!(problem["clashes"][0]["type"], "room_overlap", "{problem}");
    assert_eq!(problem["clashes"][0]["event_id"], first["id"], "{problem}");
    let (_, _, still) = t.get(&format!("{EVENTS}/{}", id(&proposal.2))).await;
    assert_eq!(still["status"], "proposed");
    assert_eq!(still["version"], 1);
    // The other room is free.
    let salle_b = with(&overlapping, &json!({"room_id": room_id(&venue, 1)}));
    assert_eq!(
        t.post(EVENTS, &t.admin, &salle_b).await.0,
        StatusCode::CREATED
    );
    assert_eq!(t.listed("").await.len(), 4);
}

// ---------------------------------------------------------------------------------------
// 6. Updates and cancellation
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn if_match_with_a_stale_version_is_a_412() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;

    let (status, headers, updated) = t
        .patch(
            id(&event),
            &t.admin,
            &json!({"title": "SG3RG-AFR meeting (Day 1)"}),
            Some("\"1\""),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["title"], "SG3RG-AFR meeting (Day 1)");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["sequence"], 1);
    assert_eq!(header_text(&headers, &header::ETAG), "\"2\"");

    let stale = t
        .patch(
            id(&event),
            &t.admin,
            &json!({"title": "Lost update"}),
            Some("\"1\""),
        )
        .await;
    assert_problem(&stale, StatusCode::PRECONDITION_FAILED);

    let (_, headers, read) = t.get(&format!("{EVENTS}/{}", id(&event))).await;
    assert_eq!(read["title"], "SG3RG-AFR meeting (Day 1)");
    assert_eq!(read["version"], 2);
    assert_eq!(header_text(&headers, &header::ETAG), "\"2\"");
}

#[tokio::test]
async fn changing_only_participants_bumps_version_but_not_sequence() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let (status, _, updated) = t
        .patch(
            id(&event),
            &t.admin,
            &json!({"participants": [{"id": "p-17", "tz": "Asia/Bangkok", "required": false}]}),
            Some("\"1\""),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["sequence"], 0, "subscribers see no change");
    assert_eq!(updated["participants"][0]["id"], "p-17");
    assert_eq!(updated["title"], event["title"]);
    assert_eq!(updated["starts_at"], event["starts_at"]);
}

#[tokio::test]
async fn patching_rrule_to_null_makes_a_single_event() {
    let t = TestApp::new().await;
    let weekly = with(
        &afr_meeting(),
        &json!({"start": "2027-03-10T09:00", "end": "2027-03-10T12:00",
                "rrule": "FREQ=WEEKLY;COUNT=4"}),
    );
    let event = t.create(&weekly).await;
    assert_eq!(event["rrule"], "FREQ=WEEKLY;COUNT=4");
    assert_eq!(event["ends_at"], "2027-03-10T11:00:00Z");
    assert_eq!(event["last_ends_at"], "2027-03-31T11:00:00Z");

    let (status, _, single) = t
        .patch(id(&event), &t.admin, &json!({"rrule": null}), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{single}");
    assert_eq!(single["rrule"], Value::Null);
    assert_eq!(single["last_ends_at"], "2027-03-10T11:00:00Z");
    assert_eq!(single["sequence"], 1);
    // The fields the patch did not mention stay.
    assert_eq!(single["title"], "SG3RG-AFR meeting");
    assert_eq!(single["group"], "SG3RG-AFR");

    // The later weeks are gone from lists too.
    assert!(t.listed("from=2027-03-15T00:00:00Z").await.is_empty());
}

#[tokio::test]
async fn cancelling_keeps_the_event_but_lists_hide_it() {
    let t = TestApp::new().await;
    let event = t.create(&afr_meeting()).await;
    let kept = t
        .create(&with(
            &afr_meeting(),
            &json!({"title": "Forum", "group": null}),
        ))
        .await;

    let stale = t
        .send(
            Method::DELETE,
            &format!("{EVENTS}/{}", id(&event)),
            Some(&t.afr),
            None,
            &[("if-match", "\"7\"")],
        )
        .await;
    assert_problem(&stale, StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        t.listed("").await.len(),
        2,
        "a refused cancel changes nothing"
    );

    let (status, headers, cancelled) = t.delete(id(&event), &t.afr).await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["sequence"], 1);
    assert_eq!(header_text(&headers, &header::ETAG), "\"2\"");

    let (status, _, read) = t.get(&format!("{EVENTS}/{}", id(&event))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["status"], "cancelled");
    assert_eq!(read["title"], "SG3RG-AFR meeting");

    assert_eq!(t.listed("").await, BTreeSet::from([id(&kept).to_owned()]));
    assert_eq!(
        t.listed("status=cancelled").await,
        BTreeSet::from([id(&event).to_owned()])
    );
}

// ---------------------------------------------------------------------------------------
// 7. Lists
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn lists_filter_by_region_group_status_and_time() {
    let t = TestApp::new().await;
    let meeting = t.create(&afr_meeting()).await;
    let workshop = t
        .create(&with(
            &afr_meeting(),
            &json!({"title": "Workshop", "kind": "workshop", "group": null, "status": "proposed",
                    "start": "2027-06-10T09:00", "end": "2027-06-10T17:00"}),
        ))
        .await;
    let forum = t
        .create(&with(
            &afr_meeting(),
            &json!({"title": "EUR forum", "region": "EUR", "group": null, "tz": "Europe/Zurich",
                    "start": "2027-04-20T09:00", "end": "2027-04-20T17:00"}),
        ))
        .await;
    let called_off = t
        .create(&with(
            &afr_meeting(),
            &json!({"title": "Called off", "start": "2027-05-10T09:00", "end": "2027-05-10T17:00"}),
        ))
        .await;
    assert_eq!(t.delete(id(&called_off), &t.admin).await.0, StatusCode::OK);
    let ids =
        |list: &[&Value]| -> BTreeSet<String> { list.iter().map(|e| id(e).to_owned()).collect() };

    assert_eq!(t.listed("").await, ids(&[&meeting, &workshop, &forum]));
    assert_eq!(t.listed("region=AFR").await, ids(&[&meeting, &workshop]));
    assert_eq!(t.listed("region=EUR").await, ids(&[&forum]));
    assert_eq!(t.listed("group=SG3RG-AFR").await, ids(&[&meeting]));
    assert_eq!(t.listed("status=proposed").await, ids(&[&workshop]));
    assert_eq!(t.listed("status=cancelled").await, ids(&[&called_off]));
    assert_eq!(
        t.listed("status=confirmed,cancelled").await,
        ids(&[&meeting, &forum, &called_off])
    );
    assert_eq!(
        t.listed("from=2027-05-01T00:00:00Z").await,
        ids(&[&workshop])
    );
    assert_eq!(t.listed("to=2027-04-01T00:00:00Z").await, ids(&[&meeting]));
    // An event that is still running at `from` is in the window.
    assert_eq!(
        t.listed("from=2027-03-11T12:00:00%2B01:00&to=2027-04-21T00:00:00Z")
            .await,
        ids(&[&meeting, &forum])
    );
    assert_eq!(
        t.listed("region=AFR&status=proposed,confirmed,cancelled&from=2027-04-01T00:00:00Z")
            .await,
        ids(&[&workshop, &called_off])
    );
}

#[tokio::test]
async fn bad_list_parameters_are_400s_naming_them() {
    let t = TestApp::new().await;
    let cases = [
        ("from", "from=yesterday"),
        ("to", "to=2027-03-10"),
        ("to", "from=2027-03-10T00:00:00Z&to=2027-03-01T00:00:00Z"),
        ("limit", "limit=0"),
        ("limit", "limit=201"),
        ("region", "region=EU"),
        ("group", "group=SG99RG-AFR"),
        ("status", "status=tentative"),
        ("cursor", "cursor=not-a-cursor"),
        ("cursor", "cursor=MTIzOnh5eg"), // "123:xyz": base64 of the right shape, bad id
    ];
    for (field, query) in cases {
        let reply = t.get(&format!("{EVENTS}?{query}")).await;
        assert_invalid(&reply, field);
    }
}

#[tokio::test]

async fn unparsable_query_strings_are_400_problems_naming_the_parameter() {
    let t = TestApp::new().await;
    for (field, path) in [
        ("limit", format!("{EVENTS}?limit=-1")),
        ("limit", format!("{EVENTS}?limit=ten")),
        ("colour", format!("{EVENTS}?colour=blue")),
        ("colour", "/api/v1/groups?colour=blue".to_owned()),
    ] {
        assert_invalid(&t.get(&path).await, field);
    }
}

#[tokio::test]
async fn pagination_visits_every_event_once_in_start_order() {
    let t = TestApp::new().await;
    let mut created = BTreeMap::new();
    // Created latest first, two per day, so neither insertion order nor a start alone
    // decides the order.
    for i in (0..12).rev() {
        let day = 1 + i / 2;
        let event = t
            .create(&with(
                &afr_meeting(),
                &json!({"title": format!("Session {i}"), "group": null,
                        "start": format!("2027-05-{day:02}T09:00"),
                        "end": format!("2027-05-{day:02}T10:00")}),
            ))
            .await;
        created.insert(id(&event).to_owned(), event["starts_at"].clone());
    }

    let mut seen: Vec<(String, String)> = Vec::new();
    let mut page_sizes = Vec::new();
    let mut query = "limit=5".to_owned();
    loop {
        let (status, _, page) = t.get(&format!("{EVENTS}?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        page_sizes.push(items(&page).len());
        for e in items(&page) {
            seen.push((
                e["starts_at"].as_str().unwrap().to_owned(),
                id(e).to_owned(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("limit=5&cursor={cursor}"),
            None => break,
        }
        assert!(page_sizes.len() <= 12, "pagination does not end");
    }
    assert_eq!(page_sizes, [5, 5, 2]);
    let ids: BTreeSet<String> = seen.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(seen.len(), 12, "every event exactly once: {seen:?}");
    assert_eq!(ids, created.keys().cloned().collect::<BTreeSet<_>>());
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "in order of start (then id)");
}

// ---------------------------------------------------------------------------------------
// 8. Reference data
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn reference_data_is_served() {
    let t = TestApp::new().await;
    let (status, _, regions) = t.get("/api/v1/regions").await;
    assert_eq!(status, StatusCode::OK);
    let regions = regions.as_array().expect("a list of regions");
    let codes: Vec<&str> = regions
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"]);
    for region in regions {
        let cities = region["cities"].as_array().expect("cities");
        assert!(!cities.is_empty(), "{region}");
        assert!(cities.iter().all(|c| c["tz"].is_string()), "{region}");
    }
    let (status, _, afr) = t.get("/api/v1/regions/AFR").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(afr["code"], "AFR");
    assert_problem(&t.get("/api/v1/regions/XYZ").await, StatusCode::NOT_FOUND);

    let (status, _, groups) = t.get("/api/v1/groups?region=AFR").await;
    assert_eq!(status, StatusCode::OK);
    let groups = groups.as_array().expect("a list of groups");
    assert!(groups.iter().any(|g| g["code"] == "SG3RG-AFR"));
    assert!(groups.iter().all(|g| g["region"] == "AFR"));
    assert_invalid(&t.get("/api/v1/groups?kind=bogus").await, "kind");
    assert_invalid(&t.get("/api/v1/groups?region=EU").await, "region");

    let (status, _, offices) = t.get("/api/v1/offices?region=ARB").await;
    assert_eq!(status, StatusCode::OK);
    let offices = offices.as_array().expect("a list of offices");
    assert!(!offices.is_empty());
    assert!(offices.iter().all(|o| o["region"] == "ARB"));
}

// ---------------------------------------------------------------------------------------
// 9. Operations and documentation
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn health_readiness_and_metrics() {
    let t = TestApp::new().await;
    let (status, _, health) = t.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");

    let (status, _, ready) = t.get("/readyz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ready["database"], "sqlite");

    let (status, headers, metrics) = t.get("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(header_text(&headers, &header::CONTENT_TYPE).starts_with("text/plain"));
    let metrics = metrics.as_str().expect("Prometheus text");
    assert!(metrics.contains("tandem_http_requests_total"), "{metrics}");
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("tandem_http_requests_total")
                && l.contains(r#"route="/healthz""#)
                && l.contains(r#"status="200""#)),
        "the /healthz request is counted: {metrics}"
    );
}

#[tokio::test]
async fn the_openapi_document_and_docs_are_served() {
    let t = TestApp::new().await;
    let (status, _, openapi) = t.get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(openapi["openapi"], "3.1.0");
    assert!(openapi["paths"]["/api/v1/events"].is_object());
    assert!(openapi["paths"]["/api/v1/events/{id}"]["patch"].is_object());

    // The reference: a page drawn from the same document, every operation and schema.
    let (status, headers, page) = t.get("/api/docs").await;
    assert_eq!(status, StatusCode::OK);
    assert!(header_text(&headers, &header::CONTENT_TYPE).starts_with("text/html"));
    let page = page.as_str().expect("HTML");
    let operations: usize = openapi["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| {
            let methods = [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ];
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| methods.contains(&k.as_str()))
                .count()
        })
        .sum();
    assert_eq!(
        page.matches("<article class=\"operation\"").count(),
        operations
    );
    assert!(page.contains("<code>/api/v1/events/{id}</code>"), "{page}");
    assert!(page.contains(r#"id="schema-EventRequest""#));
    assert!(page.contains(r#"href="/api/docs/console""#));
    // The interactive console.
    let (status, _, console) = t.get("/api/docs/console").await;
    assert_eq!(status, StatusCode::OK);
    assert!(console
        .as_str()
        .expect("HTML")
        .contains("/api/docs/swagger-ui-bundle.js"));

    let (status, headers, script) = t.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(header_text(&headers, &header::CONTENT_TYPE).contains("javascript"));
    assert!(script
        .as_str()
        .is_some_and(|s| s.contains("SwaggerUIBundle")));
}

/// An app whose clients may send `burst` requests at once, then one a second.
async fn rate_limited_app(burst: u32, trusted_proxy_hops: u8) -> TestApp {
    TestApp::with_figment(
        &default_figment()
            .merge(("rate_limit.requests_per_second", 1))
            .merge(("rate_limit.burst", burst))
            .merge(("rate_limit.trusted_proxy_hops", trusted_proxy_hops)),
    )
    .await
}

/// Sends `GET path` with `headers` until it is refused (at most `burst` + 50 times, which
/// outpaces a refill of one a second on any machine); returns the refusal and how many
/// requests were let through before it.
async fn until_limited(
    t: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    burst: u32,
) -> (Reply, u32) {
    for through in 0..burst + 50 {
        let reply = t.send(Method::GET, path, None, None, headers).await;
        if reply.0 == StatusCode::TOO_MANY_REQUESTS {
            return (reply, through);
        }
    }
    panic!("{path} was never limited");
}

#[tokio::test]
async fn a_client_over_its_rate_limit_gets_a_429_problem_with_retry_after() {
    let t = rate_limited_app(5, 0).await;
    let (refusal, through) = until_limited(&t, EVENTS, &[], 5).await;
    assert!(through >= 5, "the whole burst is let through first");
    let problem = assert_problem(&refusal, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        problem["type"],
        "https://tandem.itu.int/problems/rate-limited"
    );
    let retry_after: u64 = header_text(&refusal.1, &header::RETRY_AFTER)
        .parse()
        .expect("Retry-After in whole seconds");
    assert!(retry_after >= 1);
    // The refusal is answered before the handlers, in the client's language all the same.
    let french = t
        .send(
            Method::GET,
            EVENTS,
            None,
            None,
            &[("accept-language", "fr")],
        )
        .await;
    let french = assert_problem(&french, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(french["title"], "Trop de requêtes");
    assert!(
        french["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("ce client a envoyé plus de 5 requêtes d’un coup")),
        "{french}"
    );
    // Unknown paths and web pages count too; probes and scrapes never do.
    assert_eq!(
        t.get("/no/such/page").await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(t.get("/healthz").await.0, StatusCode::OK);
    assert_eq!(t.get("/readyz").await.0, StatusCode::OK);
    let (status, _, metrics) = t.get("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    let metrics = metrics.as_str().expect("Prometheus text");
    let limited: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("tandem_rate_limited_requests_total "))
        .expect("the refusals are counted")
        .parse()
        .expect("a count");
    assert!(limited >= 2, "{metrics}");
}

#[tokio::test]
async fn a_valid_token_has_its_own_budget_and_made_up_tokens_share_one() {
    let t = rate_limited_app(5, 0).await;
    until_limited(&t, EVENTS, &[], 5).await;
    // The anonymous budget is spent; the admin's token is not held back by it.
    for _ in 0..5 {
        let (status, _, body) = t.send(Method::GET, EVENTS, Some(&t.admin), None, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // Inventing a token per request buys nothing: they all share one budget.
    let mut statuses = Vec::new();
    for i in 0..60 {
        let made_up = format!("Bearer tdm_made_up_{i}");
        let reply = t
            .send(
                Method::GET,
                EVENTS,
                None,
                None,
                &[("authorization", &made_up)],
            )
            .await;
        statuses.push(reply.0);
        if reply.0 == StatusCode::TOO_MANY_REQUESTS {
            assert_problem(&reply, StatusCode::TOO_MANY_REQUESTS);
            break;
        }
        assert_problem(&reply, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
    let t = rate_limited_app(3, 1).await;
    // The client wrote the first address itself; the proxy appended the second.
    let one = [("x-forwarded-for", "203.0.113.50, 198.51.100.1")];
    until_limited(&t, EVENTS, &one, 3).await;
    let forged = [("x-forwarded-for", "203.0.113.51, 198.51.100.1")];
    assert_eq!(
        t.send(Method::GET, EVENTS, None, None, &forged).await.0,
        StatusCode::TOO_MANY_REQUESTS,
        "a different address written by the client does not reset its budget"
    );
    let other = [("x-forwarded-for", "198.51.100.2")];
    assert_eq!(
        t.send(Method::GET, EVENTS, None, None, &other).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn zero_requests_per_second_turns_the_rate_limit_off() {
    let t = TestApp::with_figment(
        &default_figment()
            .merge(("rate_limit.requests_per_second", 0))
            .merge(("rate_limit.burst", 0)),
    )
    .await;
    for _ in 0..300 {
        assert_eq!(t.get(EVENTS).await.0, StatusCode::OK);
    }
}
