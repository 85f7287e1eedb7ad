//! What people type, over HTTP: malformed local times, rules RFC 5545 forbids, dates no
//! meeting is planned on. Each is a 400 problem naming the field (DESIGN §2, §4, §9), never
//! a 500 and never a half-stored event.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use proptest::prelude::*;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_server::config::Settings;
use tandem_store::{Role, SqliteStore, Store};
use tower::ServiceExt;

struct App {
    router: Router,
    admin: String,
    _dir: tempfile::TempDir,
}

impl App {
    async fn new() -> Self {
        let dir = tempfile::TempDir::new().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(2), common::clock())
                .await
                .unwrap(),
        );
        let settings = Settings::from_figment(&Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        ))
        .unwrap();
        let admin = issue_token(store.as_ref(), Role::Admin, vec![], None)
            .await
            .unwrap()
            .0;
        Self {
            router: tandem_server::app(
                tandem_server::state(store, settings, common::clock()).unwrap(),
            ),
            admin: admin.expose_secret().to_owned(),
            _dir: dir,
        }
    }

    async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.admin));
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let response = self
            .router
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn create(&self, event: &Value) -> (StatusCode, Value) {
        self.send(Method::POST, "/api/v1/events", Some(event)).await
    }

    async fn event_count(&self) -> usize {
        let (status, page) = self
            .send(
                Method::GET,
                "/api/v1/events?status=proposed,confirmed,cancelled",
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        page.get("items")
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }
}

fn meeting(changes: &Value) -> Value {
    let mut event = json!({
        "title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "hybrid", "region": "AFR",
        "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-10T17:30"
    });
    let fields = event.as_object_mut().unwrap();
    for (k, v) in changes.as_object().unwrap() {
        fields.insert(k.clone(), v.clone());
    }
    event
}

/// Asserts a 400 problem document whose `errors` name `field`.
#[track_caller]
fn assert_names(reply: &(StatusCode, Value), field: &str) {
    let (status, body) = reply;
    assert_eq!(*status, StatusCode::BAD_REQUEST, "{body}");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .map(|e| e.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        fields.contains(&field),
        "expected '{field}' in {fields:?}: {body}"
    );
}

/// Issue 12: these two bodies used to answer 500 (a byte-index slice panicked).
#[tokio::test]
async fn local_times_that_used_to_panic_are_400s_naming_start() {
    let app = App::new().await;
    for start in [
        "2027-03-10T",
        "2027-03-10Té9:00",
        "2027-03-10T09:0é",
        "2027-03-10T09:00:é0",
        "2027-03-10T09:00:00:00",
        "T",
        "",
        "é",
        "2027-03-10T+9:00",
        "2027-3-10T09:00",
        "+2027-03-10T09:00",
    ] {
        let reply = app.create(&meeting(&json!({ "start": start }))).await;
        assert_names(&reply, "start");
        let message = reply.1["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(start), "{start}: {message}");
    }
    assert_eq!(app.event_count().await, 0);
}

/// DESIGN §4: a rule RFC 5545 forbids is a 400 naming `rrule`, and nothing is stored (the
/// issue's `FREQ=DAILY;INTERVAL=0;COUNT=3` used to store one occurrence).
#[tokio::test]
async fn rules_rfc5545_forbids_are_400s_naming_rrule() {
    let app = App::new().await;
    for rule in [
        "FREQ=DAILY;INTERVAL=0;COUNT=3",
        "FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3",
        "FREQ=YEARLY;BYMONTH=13;COUNT=3",
        "FREQ=WEEKLY;BYDAY=2WE;COUNT=3",
        "FREQ=DAILY;COUNT=3;UNTIL=20270401",
        "FREQ=DAILY;UNTIL=20270301",
    ] {
        let reply = app.create(&meeting(&json!({ "rrule": rule }))).await;
        assert_names(&reply, "rrule");
    }
    assert_eq!(app.event_count().await, 0);
}

/// DESIGN §4: a Monday start with `BYDAY=TU` is a 400 naming `start` (it used to store four
/// occurrences, where RFC 5545 gives three and ical.js shows three others).
#[tokio::test]
async fn a_start_that_is_not_an_occurrence_is_a_400_naming_start() {
    let app = App::new().await;
    // 2027-03-08 is a Monday.
    let monday = meeting(&json!({
        "start": "2027-03-08T09:00", "end": "2027-03-08T10:00",
        "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=3"
    }));
    assert_names(&app.create(&monday).await, "start");
    assert_eq!(app.event_count().await, 0);
    let tuesday = meeting(&json!({
        "start": "2027-03-09T09:00", "end": "2027-03-09T10:00",
        "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=3"
    }));
    let (status, event) = app.create(&tuesday).await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    assert_eq!(event["last_ends_at"], "2027-03-23T09:00:00Z", "{event}");
}

/// DESIGN §2: local dates from 1990-01-01 to 2099-12-31 only; outside is a 400 naming the
/// field, in events, their rules, list filters and window searches.
#[tokio::test]
async fn dates_in_year_1_and_9999_are_refused() {
    let app = App::new().await;
    for (changes, field) in [
        (
            json!({"start": "0001-03-10T09:00", "end": "0001-03-10T10:00"}),
            "start",
        ),
        (
            json!({"start": "9999-03-10T09:00", "end": "9999-03-10T10:00"}),
            "start",
        ),
        (json!({"end": "9999-03-10T10:00"}), "end"),
        (json!({"rrule": "FREQ=YEARLY;UNTIL=99991231"}), "rrule"),
        (
            json!({"start": "2099-12-01T09:00", "end": "2099-12-01T10:00",
                   "rrule": "FREQ=WEEKLY;COUNT=10"}),
            "rrule",
        ),
    ] {
        assert_names(&app.create(&meeting(&changes)).await, field);
    }
    assert_eq!(app.event_count().await, 0);
    let (status, _) = app
        .create(&meeting(
            &json!({"start": "2099-12-31T09:00", "end": "2099-12-31T24:00"}),
        ))
        .await;
    assert_eq!(status, StatusCode::CREATED);

    for query in ["from=0001-01-01T00:00:00Z", "to=9999-12-31T00:00:00Z"] {
        let field = query.split('=').next().unwrap();
        let reply = app
            .send(Method::GET, &format!("/api/v1/events?{query}"), None)
            .await;
        assert_names(&reply, field);
    }
    let search = |range_start: &str, holiday: &str| {
        json!({
            "range": {"start": range_start, "end": "2027-03-02T00:00:00Z"},
            "duration_minutes": 60,
            "participants": [{"id": "dakar", "tz": "Africa/Dakar", "holidays": [holiday]}]
        })
    };
    for (body, field) in [
        (search("0001-01-01T00:00:00Z", "2027-03-01"), "range.start"),
        (
            search("2027-03-01T00:00:00Z", "9999-03-01"),
            "participants[0].holidays[0]",
        ),
    ] {
        let reply = app
            .send(Method::POST, "/api/v1/windows/search", Some(&body))
            .await;
        assert_names(&reply, field);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever text arrives in an event's `start`, `end`, `tz` or `rrule`, the answer is a
    /// 201 or a 400 problem, never a server error.
    #[test]
    fn no_event_text_gives_a_server_error(
        start in any::<String>(),
        end in "(2027-03-1[0-9]T[0-2][0-9]:[0-5][0-9](:00)?)|.{0,12}",
        tz in "(Africa/Douala|Europe/Zurich)|.{0,8}",
        rrule in proptest::option::of("(FREQ=(DAILY|WEEKLY);(COUNT=[0-9]{1,3}|UNTIL=2027[0-9]{4}))|.{0,24}"),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (status, body) = runtime.block_on(async {
            let app = App::new().await;
            app.create(&meeting(&json!({"start": start, "end": end, "tz": tz, "rrule": rrule}))).await
        });
        prop_assert!(status == StatusCode::CREATED || status == StatusCode::BAD_REQUEST, "{} {}", status, body);
    }
}

/// DESIGN §2 in co-location: near the last accepted date the search still answers, with
/// no candidate after 2099-12-31 (it used to ask the window engine about 2100 and fail).
#[tokio::test]
async fn colocation_candidates_stay_within_the_accepted_dates() {
    let app = App::new().await;
    let (status, venue) = app
        .send(
            Method::POST,
            "/api/v1/venues",
            Some(
                &json!({"name": "Palais des Congrès", "city": "Yaoundé", "country": "CM",
                         "tz": "Africa/Douala", "weekend": ["sat", "sun"],
                         "rooms": [{"name": "Salle A", "capacity": 120}]}),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{venue}");
    // Tue 29 – Wed 30 December 2099.
    let (status, anchor) = app
        .create(&meeting(
            &json!({"venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
                                  "start": "2099-12-29T09:00", "end": "2099-12-30T17:00"}),
        ))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{anchor}");
    let search = json!({"anchor_event_id": anchor["id"], "kind": "workshop", "days": 1,
        "placement": ["after"], "max_gap_days": 5,
        "participants": [{"id": "bangkok", "tz": "Asia/Bangkok"}]});
    let (status, result) = app
        .send(Method::POST, "/api/v1/colocations/search", Some(&search))
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    let starts: Vec<&str> = result["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["start"].as_str())
        .collect();
    assert_eq!(starts, ["2099-12-31T09:00"], "{result}");
}
