//! `POST /api/v1/windows/search` over HTTP: the engine's answer in DESIGN §3's shape, inline
//! calendars read in the participant's zone, and every bad field a 400 naming it.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tandem_server::config::Settings;
use tandem_store::{SqliteStore, Store};
use tower::ServiceExt;

async fn post(body: &Value) -> (StatusCode, Value) {
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
    let app = tandem_server::app(tandem_server::state(store, settings, common::clock()).unwrap());
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/windows/search")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

const GENEVA_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20270101T000000Z\r\n\
DTSTART;TZID=Europe/Zurich:20270302T090000\r\nDTEND;TZID=Europe/Zurich:20270302T120000\r\n\
SUMMARY:Busy morning\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[tokio::test]
async fn inline_calendars_block_their_busy_time() {
    let body = json!({
        "range": {"start": "2027-03-02T07:00:00Z", "end": "2027-03-02T13:00:00Z"},
        "duration_minutes": 60, "step_minutes": 60, "limit": 10,
        "participants": [{"id": "geneva", "tz": "Europe/Zurich", "ics": GENEVA_ICS}]
    });
    let (status, result) = post(&body).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    let starts: Vec<&str> = result["windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["start"].as_str().unwrap())
        .collect();
    // 09:00–12:00 in Geneva (08:00–11:00Z) is busy; 07:00Z (08:00 local) is outside working
    // hours, so 11:00Z and 12:00Z come first, then 07:00Z.
    assert_eq!(
        starts,
        vec![
            "2027-03-02T11:00:00Z",
            "2027-03-02T12:00:00Z",
            "2027-03-02T07:00:00Z"
        ]
    );
    assert_eq!(
        result["windows"][0]["local"]["geneva"]["start"],
        "2027-03-02T12:00:00+01:00"
    );
    assert_eq!(result["diagnostics"]["candidates"], 6);
    assert_eq!(result["diagnostics"]["blocked_by"]["geneva"], 3);
}

#[tokio::test]
async fn bad_fields_are_named() {
    let base = json!({
        "range": {"start": "2027-03-02T07:00:00Z", "end": "2027-03-03T07:00:00Z"},
        "duration_minutes": 60,
        "participants": [{"id": "a", "tz": "UTC"}]
    });
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"participants": [{"id": "a", "tz": "Moon/Base"}]}),
            "participants[0].tz",
        ),
        (json!({"duration_minutes": 0}), "duration_minutes"),
        (json!({"step_minutes": 0}), "step_minutes"),
        (
            json!({"range": {"start": "2027-03-02T07:00:00Z", "end": "2027-03-02T07:00:00Z"}}),
            "range.end",
        ),
        (
            json!({"range": {"start": "2020-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"}, "step_minutes": 1}),
            "step_minutes",
        ),
        (
            json!({"participants": [{"id": "a", "tz": "UTC", "calendars": ["no-such-id"]}]}),
            "participants[0].calendars[0]",
        ),
        (
            json!({"participants": [{"id": "a", "tz": "UTC", "attendance": "in_person"}]}),
            "venue_tz",
        ),
        (
            json!({"participants": [{"id": "a", "tz": "UTC", "ics": "BEGIN:VCALENDAR\r\nthis is not a property line\r\n"}]}),
            "participants[0].ics",
        ),
        (json!({"duration_minutes": "two hours"}), "duration_minutes"),
    ];
    for (patch, field) in cases {
        let mut body = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, problem) = post(&body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {problem}");
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(
            fields.contains(&field),
            "{field} not in {fields:?}: {problem}"
        );
    }
}
