//! Co-location and clashes (DESIGN §5, §6) over HTTP, in scenarios from real places: Yaoundé
//! with a Cameroon public holiday, Cairo with its Friday–Saturday weekend, a hybrid session
//! with remote participants in Bangkok, Brasília and Geneva, a group with two overlapping
//! meetings, and two regional events competing for one region's delegates.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_server::config::Settings;
use tandem_store::{Role, SqliteStore, Store};
use tower::ServiceExt;

struct T {
    app: Router,
    token: String,
    _dir: tempfile::TempDir,
}

impl T {
    async fn new() -> Self {
        let dir = tempfile::TempDir::new().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::connect(&url, tandem_store::PoolSettings::new(4), common::clock())
                .await
                .unwrap(),
        );
        Self::with_store(store, dir).await
    }

    async fn with_store(store: Arc<dyn Store>, dir: tempfile::TempDir) -> Self {
        let (secret, _) = issue_token(
            store.as_ref(),
            Role::Admin,
            Vec::new(),
            Some("AFR office".into()),
        )
        .await
        .unwrap();
        let settings = Settings::from_figment(&Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        ))
        .unwrap();
        let app =
            tandem_server::app(tandem_server::state(store, settings, common::clock()).unwrap());
        Self {
            app,
            token: secret.expose_secret().to_owned(),
            _dir: dir,
        }
    }

    async fn call(
        &self,
        method: Method,
        uri: &str,
        body: Option<&Value>,
        if_match: Option<i64>,
    ) -> (StatusCode, Value) {
        let mut builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token));
        if let Some(v) = if_match {
            builder = builder.header(header::IF_MATCH, format!("\"{v}\""));
        }
        let request = match body {
            Some(b) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => builder.body(Body::empty()),
        }
        .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn post(&self, uri: &str, body: &Value) -> Value {
        let (status, v) = self.call(Method::POST, uri, Some(body), None).await;
        assert!(status.is_success(), "{uri}: {status} {v}");
        v
    }

    async fn get(&self, uri: &str) -> Value {
        let (status, v) = self.call(Method::GET, uri, None, None).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {v}");
        v
    }

    async fn venue(
        &self,
        name: &str,
        city: &str,
        country: &str,
        tz: &str,
        weekend: &[&str],
    ) -> Value {
        self.post(
            "/api/v1/venues",
            &json!({"name": name, "city": city, "country": country, "tz": tz, "weekend": weekend,
                    "holiday_calendar": country,
                    "rooms": [{"name": "Salle A", "capacity": 120}, {"name": "Salle B", "capacity": 40}]}),
        )
        .await
    }

    async fn event(&self, body: Value) -> Value {
        self.post("/api/v1/events", &body).await
    }

    async fn clashes(&self, query: &str) -> Vec<Value> {
        self.get(&format!("/api/v1/clashes{query}")).await["items"]
            .as_array()
            .unwrap()
            .clone()
    }
}

fn of_type<'a>(clashes: &'a [Value], kind: &str) -> Vec<&'a Value> {
    clashes.iter().filter(|c| c["type"] == kind).collect()
}

#[tokio::test]
async fn yaounde_workshop_before_sg3rg_afr_skips_the_cameroon_holiday() {
    let t = T::new().await;
    let venue = t
        .venue(
            "Palais des Congrès",
            "Yaoundé",
            "CM",
            "Africa/Douala",
            &["sat", "sun"],
        )
        .await;
    // Wed 10 – Thu 11 March 2027; Tue 9 March is Eid al-Fitr in config/holidays/CM.ics.
    let anchor = t
        .event(json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "hybrid",
            "region": "AFR", "group": "SG3RG-AFR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-11T17:30"}))
        .await;
    let search = json!({"anchor_event_id": anchor["id"], "kind": "workshop", "title": "Workshop on QoS",
        "days": 2, "daily_hours": {"start": "09:00", "end": "17:00"}, "placement": ["before", "during"],
        "max_gap_days": 2, "expected_attendance": 30,
        "participants": [
            {"id": "yaounde-office", "tz": "Africa/Douala", "attendance": "in_person"},
            {"id": "bangkok-expert", "tz": "Asia/Bangkok", "attendance": "remote", "required": false}]});
    let result = t.post("/api/v1/colocations/search", &search).await;
    let candidates = result["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty(), "{result}");
    for c in candidates {
        let (start, end) = (c["start"].as_str().unwrap(), c["end"].as_str().unwrap());
        assert!(
            !(start <= "2027-03-09T23:59" && end >= "2027-03-09T00:00"),
            "holiday used: {c}"
        );
    }
    // Best: during, in the parallel room (gap 0); then Thu 4 – Fri 5 before, with Mon 8 between.
    assert_eq!(candidates[0]["placement"], "during");
    assert_eq!(candidates[0]["room"]["name"], "Salle B");
    let before: Vec<&Value> = candidates
        .iter()
        .filter(|c| c["placement"] == "before")
        .collect();
    assert_eq!(before[0]["start"], "2027-03-04T09:00");
    assert_eq!(before[0]["end"], "2027-03-05T17:00");
    assert_eq!(before[0]["gap_days"], 1);
    assert_eq!(before[0]["starts_at"], "2027-03-04T08:00:00Z");
    // 09:00–17:00 in Yaoundé is 15:00–23:00 in Bangkok: past 22:00, so not available.
    assert_eq!(before[0]["available"], json!(["yaounde-office"]));
    assert_eq!(before[0]["unavailable"], json!(["bangkok-expert"]));

    // No gap allowed: nothing fits before, and the answer says why.
    let mut tight = search.clone();
    tight["placement"] = json!(["before"]);
    tight["max_gap_days"] = json!(0);
    let empty = t.post("/api/v1/colocations/search", &tight).await;
    assert_eq!(empty["candidates"], json!([]));
    assert!(
        empty["explanation"]
            .as_str()
            .unwrap()
            .contains("no candidate dates"),
        "{empty}"
    );

    // Too many people for any room.
    let mut crowd = search.clone();
    crowd["expected_attendance"] = json!(500);
    let empty = t.post("/api/v1/colocations/search", &crowd).await;
    assert!(
        empty["explanation"].as_str().unwrap().contains("seats 500"),
        "{empty}"
    );

    // Creating it with co_located_with links the two both ways.
    let workshop = t
        .event(json!({"title": "Workshop on QoS", "kind": "workshop", "mode": "in_person", "status": "proposed",
            "region": "AFR", "venue_id": venue["id"], "room_id": venue["rooms"][1]["id"],
            "tz": "Africa/Douala", "start": "2027-03-04T09:00", "end": "2027-03-05T17:00",
            "co_located_with": anchor["id"]}))
        .await;
    assert_eq!(workshop["co_located_with"], anchor["id"]);
    assert_eq!(
        workshop["co_located"],
        json!([{"id": anchor["id"], "status": anchor["status"]}])
    );
    let anchor_now = t
        .get(&format!(
            "/api/v1/events/{}",
            anchor["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        anchor_now["co_located"],
        json!([{"id": workshop["id"], "status": "proposed"}]),
        "and vice versa"
    );
    let listed = t.get("/api/v1/events?region=AFR").await;
    assert!(listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["co_located"].as_array().unwrap().len() == 1));

    // Imported calendars count in the co-location search: a Geneva expert (same hours as
    // Yaoundé in March) whose calendar blocks Thursday 4 March is unavailable exactly for the
    // candidates on that day.
    let busy =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:x@test\r\n\
DTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270304\r\nDTEND;VALUE=DATE:20270305\r\n\
SUMMARY:Leave\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let calendar = t
        .post(
            "/api/v1/calendars",
            &json!({"name": "Geneva expert", "ics": busy, "owner": "geneva-expert"}),
        )
        .await;
    let mut with_calendar = search.clone();
    with_calendar["participants"]
        .as_array_mut()
        .unwrap()
        .push(json!(
        {"id": "geneva-expert", "tz": "Europe/Zurich", "attendance": "remote", "required": false,
         "calendars": [calendar["id"]]}));
    let result = t.post("/api/v1/colocations/search", &with_calendar).await;
    let on_thursday: Vec<&Value> = result["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["start"].as_str().unwrap().starts_with("2027-03-04"))
        .collect();
    assert!(!on_thursday.is_empty(), "{result}");
    for c in on_thursday {
        assert!(
            c["unavailable"]
                .as_array()
                .unwrap()
                .contains(&json!("geneva-expert")),
            "{c}"
        );
    }
    let elsewhere: Vec<&Value> = result["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["start"].as_str().unwrap() > "2027-03-05")
        .collect();
    assert!(!elsewhere.is_empty(), "{result}");
    for c in elsewhere {
        assert!(
            c["available"]
                .as_array()
                .unwrap()
                .contains(&json!("geneva-expert")),
            "{c}"
        );
    }
    with_calendar["participants"][2]["calendars"] = json!(["00000000-0000-0000-0000-000000000000"]);
    let (status, problem) = t
        .call(
            Method::POST,
            "/api/v1/colocations/search",
            Some(&with_calendar),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        problem["errors"][0]["field"],
        "participants[2].calendars[0]"
    );
}

#[tokio::test]
async fn cairo_workshop_follows_the_friday_saturday_weekend() {
    let t = T::new().await;
    let venue = t
        .venue("Cairo ICC", "Cairo", "EG", "Africa/Cairo", &["fri", "sat"])
        .await;
    // Tue 23 – Wed 24 March 2027.
    let anchor = t
        .event(json!({"title": "SG3RG-ARB meeting", "kind": "meeting", "mode": "in_person",
            "region": "ARB", "group": "SG3RG-ARB", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Africa/Cairo", "start": "2027-03-23T09:00", "end": "2027-03-24T17:00"}))
        .await;
    let result = t
        .post(
            "/api/v1/colocations/search",
            &json!({"anchor_event_id": anchor["id"], "kind": "workshop",
            "days": 2, "placement": ["after"], "max_gap_days": 1, "expected_attendance": 20}),
        )
        .await;
    let candidates = result["candidates"].as_array().unwrap();
    // Thu 25 + Fri 26 would run into the weekend: the first is Sun 28 – Mon 29.
    assert_eq!(candidates[0]["start"], "2027-03-28T09:00", "{result}");
    assert_eq!(candidates[0]["end"], "2027-03-29T17:00");
    assert_eq!(candidates[0]["gap_days"], 1);

    // An in-person day on a Friday is a venue_closed clash.
    let friday = t
        .event(json!({"title": "Friday session", "kind": "session", "mode": "in_person", "status": "proposed",
            "region": "ARB", "venue_id": venue["id"], "room_id": venue["rooms"][1]["id"],
            "tz": "Africa/Cairo", "start": "2027-03-26T10:00", "end": "2027-03-26T12:00"}))
        .await;
    let clashes = t.clashes("?region=ARB&severity=soft").await;
    let closed = of_type(&clashes, "venue_closed");
    assert_eq!(closed.len(), 1, "{clashes:?}");
    assert_eq!(closed[0]["event_id"], friday["id"]);
    assert_eq!(closed[0]["subject"], "2027-03-26");
    // Every move it suggests lands on a working day and leaves no venue_closed.
    let suggestions = closed[0]["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    for s in suggestions {
        assert!(
            s["leaves"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["type"] != "venue_closed"),
            "{s}"
        );
    }
}

#[tokio::test]
async fn hybrid_session_outside_bangkok_hours_is_resolved_by_a_move() {
    let t = T::new().await;
    let venue = t
        .venue("CICG", "Geneva", "CH", "Europe/Zurich", &["sat", "sun"])
        .await;
    // Wed 10 March 2027 16:00–18:00 Geneva = 15:00–17:00 UTC = 22:00–00:00 in Bangkok.
    let session = t
        .event(
            json!({"title": "Hybrid session", "kind": "session", "mode": "hybrid",
            "region": "EUR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Europe/Zurich", "start": "2027-03-10T16:00", "end": "2027-03-10T18:00",
            "participants": [
                {"id": "bangkok-office", "tz": "Asia/Bangkok", "attendance": "remote"},
                {"id": "brasilia-office", "tz": "America/Sao_Paulo", "attendance": "remote"},
                {"id": "geneva-office", "tz": "Europe/Zurich", "attendance": "remote"}]}),
        )
        .await;
    let clashes = t.clashes("?region=EUR").await;
    let remote = of_type(&clashes, "remote_hours");
    assert_eq!(remote.len(), 1, "{clashes:?}");
    assert_eq!(remote[0]["subject"], "bangkok-office");
    assert_eq!(remote[0]["severity"], "soft");
    let clash_id = remote[0]["id"].as_str().unwrap().to_owned();
    // Stable: the same id on every read.
    assert_eq!(t.clashes("?region=EUR").await[0]["id"], clash_id.as_str());
    let suggestion = remote[0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["leaves"].as_array().unwrap().is_empty())
        .expect("a move that leaves no clash")
        .clone();

    // A stale version is refused and nothing changes.
    let (status, _) = t
        .call(
            Method::POST,
            &format!("/api/v1/clashes/{clash_id}/resolve"),
            Some(&json!({"suggestion": suggestion["id"]})),
            Some(99),
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    let (status, body) = t
        .call(
            Method::POST,
            &format!("/api/v1/clashes/{clash_id}/resolve"),
            Some(&json!({"suggestion": "move:1999-01-01T00:00"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        t.get(&format!(
            "/api/v1/events/{}",
            session["id"].as_str().unwrap()
        ))
        .await["version"],
        1
    );

    let resolved = t
        .post(
            &format!("/api/v1/clashes/{clash_id}/resolve"),
            &json!({"suggestion": suggestion["id"]}),
        )
        .await;
    assert_eq!(resolved["event"]["sequence"], 1);
    assert_eq!(resolved["event"]["version"], 2);
    assert_eq!(resolved["event"]["start"], suggestion["start"]);
    assert_eq!(resolved["clashes"], json!([]));
    assert!(t.clashes("?region=EUR").await.is_empty());
    let detail = t.get(&format!("/api/v1/clashes/{clash_id}")).await;
    assert_eq!(detail["status"], "resolved");
    assert_eq!(detail["history"][0]["resolved_by"], "AFR office");
    assert_eq!(detail["history"][0]["version_before"], 1);
    assert_eq!(
        detail["history"][0]["action"]["suggestion"],
        suggestion["id"]
    );
    // Resolving again finds nothing open.
    let (status, _) = t
        .call(
            Method::POST,
            &format!("/api/v1/clashes/{clash_id}/resolve"),
            Some(&json!({"suggestion": suggestion["id"]})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_group_with_two_overlapping_meetings_and_a_room_switch() {
    let t = T::new().await;
    let venue = t
        .venue(
            "Palais des Congrès",
            "Yaoundé",
            "CM",
            "Africa/Douala",
            &["sat", "sun"],
        )
        .await;
    let first = t
        .event(json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "in_person",
            "region": "AFR", "group": "SG3RG-AFR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Africa/Douala", "start": "2027-04-13T09:00", "end": "2027-04-13T17:00"}))
        .await;
    // Proposed in the same room (a proposed event may overlap: it is a clash to resolve).
    let second = t
        .event(json!({"title": "SG3RG-AFR rapporteurs", "kind": "meeting", "mode": "in_person", "status": "proposed",
            "region": "AFR", "group": "SG3RG-AFR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Africa/Douala", "start": "2027-04-13T14:00", "end": "2027-04-13T16:00"}))
        .await;
    let clashes = t.clashes("?group=SG3RG-AFR&severity=hard").await;
    assert_eq!(of_type(&clashes, "group_overlap").len(), 1, "{clashes:?}");
    let room = of_type(&clashes, "room_overlap");
    assert_eq!(room.len(), 1);
    let switch = room[0]["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "switch_room")
        .expect("a room switch")
        .clone();
    assert_eq!(switch["room"]["name"], "Salle B");
    assert_eq!(switch["event_id"], second["id"]);
    // Switching rooms leaves the group clash: it says so.
    assert!(switch["leaves"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["type"] == "group_overlap"));
    // The group clash's suggestions move the proposed meeting to another day.
    let group = &of_type(&clashes, "group_overlap")[0];
    let moves = group["suggestions"].as_array().unwrap();
    assert!(moves.iter().all(|s| s["event_id"] == second["id"]));
    assert!(moves.iter().any(|s| s["action"] == "move"));

    let id = room[0]["id"].as_str().unwrap();
    let done = t
        .post(
            &format!("/api/v1/clashes/{id}/resolve"),
            &json!({"suggestion": switch["id"]}),
        )
        .await;
    assert_eq!(done["event"]["room_id"], venue["rooms"][1]["id"]);
    let left = t.clashes("?group=SG3RG-AFR").await;
    assert!(of_type(&left, "room_overlap").is_empty());
    assert_eq!(of_type(&left, "group_overlap").len(), 1);
    let _ = first;
}

#[tokio::test]
async fn two_regional_events_compete_for_the_same_delegates() {
    let t = T::new().await;
    let yaounde = t
        .venue(
            "Palais des Congrès",
            "Yaoundé",
            "CM",
            "Africa/Douala",
            &["sat", "sun"],
        )
        .await;
    let nairobi = t
        .venue("KICC", "Nairobi", "KE", "Africa/Nairobi", &["sat", "sun"])
        .await;
    let a = t
        .event(json!({"title": "AFR regional forum", "kind": "conference", "mode": "in_person",
            "region": "AFR", "venue_id": yaounde["id"], "room_id": yaounde["rooms"][0]["id"],
            "tz": "Africa/Douala", "start": "2027-06-08T09:00", "end": "2027-06-09T17:00",
            "participants": [{"id": "delegate-cm", "tz": "Africa/Douala", "attendance": "in_person", "required": false}]}))
        .await;
    let b = t
        .event(json!({"title": "AFR spectrum workshop", "kind": "workshop", "mode": "in_person",
            "region": "AFR", "venue_id": nairobi["id"], "room_id": nairobi["rooms"][0]["id"],
            "tz": "Africa/Nairobi", "start": "2027-06-09T09:00", "end": "2027-06-10T17:00",
            "participants": [{"id": "delegate-cm", "tz": "Africa/Douala", "attendance": "in_person"}]}))
        .await;
    let clashes = t.clashes("?region=AFR").await;
    let region = of_type(&clashes, "region_overlap");
    assert_eq!(region.len(), 1, "{clashes:?}");
    assert_eq!(region[0]["severity"], "soft");
    let people = of_type(&clashes, "participant_overlap");
    assert_eq!(people.len(), 1);
    // Required in one event only: soft.
    assert_eq!(people[0]["severity"], "soft");
    assert!(t.clashes("?region=EUR").await.is_empty());
    assert!(t
        .clashes("?region=AFR&to=2027-06-01T00:00:00Z")
        .await
        .is_empty());

    // Cancelling one event clears every clash it was part of, and only those.
    let id = b["id"].as_str().unwrap();
    let (status, _) = t
        .call(Method::DELETE, &format!("/api/v1/events/{id}"), None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(t.clashes("?region=AFR").await.is_empty());
    let _ = a;
}

/// Imported busy time counts for linked participants: a required participant whose own
/// calendar is busy during a meeting makes a hard `participant_overlap` with no other event;
/// deleting the calendar clears it.
#[tokio::test]
async fn a_participants_imported_calendar_clashes_with_their_meeting() {
    let t = T::new().await;
    let meeting = t
        .event(
            json!({"title": "SG2RG-AFR call", "kind": "session", "mode": "virtual", "region": "AFR",
            "tz": "Africa/Nairobi", "start": "2027-04-13T10:00", "end": "2027-04-13T12:00",
            "participants": [{"id": "p-17", "tz": "Africa/Nairobi", "required": true},
                             {"id": "p-18", "tz": "Africa/Nairobi", "required": false}]}),
        )
        .await;
    assert!(t.clashes("").await.is_empty());
    // Floating times: read in p-17's zone (Nairobi), so 11:00–11:30 overlaps the call.
    let busy = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist@test\r\n\
DTSTAMP:20270101T000000Z\r\nDTSTART:20270413T110000\r\nDTEND:20270413T113000\r\n\
SUMMARY:Dentist\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:training@test\r\n\
DTSTAMP:20270101T000000Z\r\nDTSTART:20270414T090000\r\nDTEND:20270414T170000\r\n\
SUMMARY:Training\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let calendar = t
        .post(
            "/api/v1/calendars",
            &json!({"name": "p-17 personal", "ics": busy, "owner": "p-17"}),
        )
        .await;
    let clashes = t.clashes("").await;
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    let c = &clashes[0];
    assert_eq!(c["type"], "participant_overlap");
    assert_eq!(c["severity"], "hard");
    assert_eq!(c["event_id"], meeting["id"]);
    assert!(c["other_event_id"].is_null());
    assert_eq!(c["subject"], "p-17");
    assert_eq!(c["start"], "2027-04-13T08:00:00Z");
    assert_eq!(c["end"], "2027-04-13T08:30:00Z");
    // Suggestions weigh the calendar too: p-17 trains all of the 14th, so no move lands
    // there, and every suggestion offered leaves p-17 free.
    let fixes = c["suggestions"].as_array().unwrap();
    assert!(
        fixes.iter().any(|s| s["action"] == "move"),
        "a move is offered: {fixes:?}"
    );
    for fix in fixes {
        assert!(
            !fix["start"].as_str().unwrap().starts_with("2027-04-14"),
            "{fix}"
        );
        assert!(
            fix["leaves"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["subject"] != "p-17"),
            "{fix}"
        );
    }
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/api/v1/calendars/{}", calendar["id"].as_str().unwrap()),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(
        t.clashes("").await.is_empty(),
        "the calendar is gone, so is the clash"
    );
}

/// A venue's imported holiday calendar replaces its bundled one: Geneva's Jeûne genevois
/// (not in the bundled Swiss calendar) closes the venue once imported for it.
#[tokio::test]
async fn an_imported_venue_holiday_calendar_closes_the_venue() {
    let t = T::new().await;
    let venue = t
        .venue("CICG", "Geneva", "CH", "Europe/Zurich", &["sat", "sun"])
        .await;
    let meeting = json!({"title": "SG3RG-EURM meeting", "kind": "meeting", "mode": "in_person", "region": "EUR",
        "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"], "tz": "Europe/Zurich",
        "start": "2027-09-09T10:00", "end": "2027-09-09T12:00"});
    let first = t.event(meeting.clone()).await;
    assert!(
        of_type(&t.clashes("").await, "venue_closed").is_empty(),
        "no bundled holiday that day"
    );
    let holidays = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:jeune@test\r\n\
DTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270909\r\nDTEND;VALUE=DATE:20270910\r\n\
SUMMARY:Jeûne genevois\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    t.post(
        "/api/v1/calendars",
        &json!({"name": "Geneva holidays", "ics": holidays, "venue_id": venue["id"]}),
    )
    .await;
    let mut second = meeting.clone();
    second["room_id"] = venue["rooms"][1]["id"].clone();
    let second = t.event(second).await;
    let closed = t.clashes("").await;
    let closed = of_type(&closed, "venue_closed");
    assert!(
        closed.iter().any(|c| c["event_id"] == second["id"]),
        "{closed:?}"
    );
    assert!(
        closed.iter().any(|c| c["event_id"] == first["id"]),
        "importing the venue's calendar re-checked the meeting already there"
    );
}

/// Racing resolutions of one clash (as from two organisers, or two instances): exactly one
/// is applied and recorded; the others fail cleanly (404: the clash is gone, 409: the
/// suggestion no longer applies, 412: the event changed), and the event moved once.
async fn racing_resolutions_apply_once(t: T) {
    let venue = t
        .venue(
            "Palais des Congrès",
            "Yaoundé",
            "CM",
            "Africa/Douala",
            &["sat", "sun"],
        )
        .await;
    t.event(
        json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "in_person",
        "region": "AFR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
        "tz": "Africa/Douala", "start": "2027-04-13T09:00", "end": "2027-04-13T17:00"}),
    )
    .await;
    let second = t
        .event(json!({"title": "Rapporteurs", "kind": "meeting", "mode": "in_person", "status": "proposed",
            "region": "AFR", "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Africa/Douala", "start": "2027-04-13T14:00", "end": "2027-04-13T16:00"}))
        .await;
    let clashes = t.clashes("?type=room_overlap").await;
    assert!(
        !clashes.is_empty() && clashes.iter().all(|c| c["type"] == "room_overlap"),
        "{clashes:?}"
    );
    let theirs = t
        .clashes(&format!("?event_id={}", second["id"].as_str().unwrap()))
        .await;
    assert!(theirs
        .iter()
        .all(|c| c["event_id"] == second["id"] || c["other_event_id"] == second["id"]));
    let (status, problem) = t
        .call(
            Method::GET,
            "/api/v1/clashes?type=double_booking",
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["errors"][0]["field"], "type", "{problem}");
    let clash = of_type(&clashes, "room_overlap")[0].clone();
    let switch = clash["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "switch_room")
        .expect("a room switch")
        .clone();
    let uri = format!("/api/v1/clashes/{}/resolve", clash["id"].as_str().unwrap());
    let body = json!({"suggestion": switch["id"]});
    let outcomes =
        futures::future::join_all((0..8).map(|_| t.call(Method::POST, &uri, Some(&body), None)))
            .await;
    let applied: Vec<_> = outcomes
        .iter()
        .filter(|(s, _)| *s == StatusCode::OK)
        .collect();
    assert_eq!(applied.len(), 1, "{outcomes:?}");
    for (status, problem) in &outcomes {
        assert!(
            [
                StatusCode::OK,
                StatusCode::NOT_FOUND,
                StatusCode::CONFLICT,
                StatusCode::PRECONDITION_FAILED
            ]
            .contains(status),
            "{status} {problem}"
        );
    }
    let moved = t
        .get(&format!(
            "/api/v1/events/{}",
            second["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(moved["version"], second["version"].as_i64().unwrap() + 1);
    assert_eq!(moved["room_id"], venue["rooms"][1]["id"]);
    let detail = t
        .get(&format!(
            "/api/v1/clashes/{}",
            clash["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(detail["status"], "resolved");
    assert_eq!(detail["history"].as_array().unwrap().len(), 1, "{detail}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_resolutions_apply_once_on_sqlite() {
    racing_resolutions_apply_once(T::new().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_resolutions_apply_once_on_postgres() {
    common::on_fresh_postgres("tandem_clash", |url| async move {
        let store = common::postgres_store(&url, 8).await;
        racing_resolutions_apply_once(
            T::with_store(store, tempfile::TempDir::new().unwrap()).await,
        )
        .await;
    })
    .await;
}

/// The clash list comes a page at a time (suggestions are computed for that page only), and
/// the pages together hold every clash once, in order.
#[tokio::test]
async fn the_clash_list_is_paged() {
    let t = T::new().await;
    // One participant required in five overlapping proposed meetings: ten clashes.
    for i in 0..5 {
        t.event(
            json!({"title": format!("Meeting {i}"), "kind": "meeting", "mode": "virtual",
            "status": "proposed", "region": "AFR", "tz": "Africa/Douala",
            "start": "2027-03-10T09:00", "end": "2027-03-10T12:00",
            "participants": [{"id": "p-1", "tz": "Africa/Douala"}]}),
        )
        .await;
    }
    let all = t.clashes("?limit=200&suggestions=false").await;
    assert!(all.len() >= 10, "{}", all.len());
    let mut paged = Vec::new();
    let mut query = "?limit=3&suggestions=false".to_owned();
    loop {
        let page = t.get(&format!("/api/v1/clashes{query}")).await;
        let items = page["items"].as_array().unwrap().clone();
        assert!(items.len() <= 3);
        paged.extend(items);
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("?limit=3&suggestions=false&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(paged, all);
    let default = t.get("/api/v1/clashes?suggestions=false").await;
    assert!(default["next_cursor"].is_null());
    for bad in ["?limit=0", "?limit=201", "?cursor=nope"] {
        let (status, problem) = t
            .call(Method::GET, &format!("/api/v1/clashes{bad}"), None, None)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {problem}");
    }
}
