//! Season planning (DESIGN §14) over HTTP: `POST /api/v1/seasons/plan` and `?apply=true`,
//! on SQLite and PostgreSQL, in a scenario built from the reference data: the Yaoundé and
//! Cairo demo venues (their rooms, Cameroon's and Egypt's holidays, Cairo's Friday–Saturday
//! weekend) with the SG3RG-AFR and SG5RG-ARB meetings as anchors.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use tandem_app::tokens::issue_token;
use tandem_app::{AppError, Caller};
use tandem_core::season::SeasonRequest;
use tandem_core::RegionCode;
use tandem_server::config::Settings;
use tandem_server::state::AppState;
use tandem_store::{Role, SqliteStore, Store};
use tower::ServiceExt;

const PLAN: &str = "/api/v1/seasons/plan";

struct T {
    app: Router,
    state: AppState,
    /// Admin.
    admin: String,
    /// Organiser of AFR and ARB.
    both: String,
    /// Organiser of AFR only.
    afr: String,
    /// Organiser of EUR only.
    eur: String,
    /// Viewer.
    viewer: String,
    _dir: tempfile::TempDir,
}

async fn token(store: &Arc<dyn Store>, role: Role, regions: Vec<RegionCode>) -> String {
    let (secret, _) = issue_token(store.as_ref(), role, regions, None)
        .await
        .unwrap();
    secret.expose_secret().to_owned()
}

impl T {
    async fn sqlite() -> Self {
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
        let settings = Settings::from_figment(&Settings::figment(
            None,
            figment::providers::Env::prefixed("TANDEM_TEST_UNUSED__"),
        ))
        .unwrap();
        let state = tandem_server::state(store.clone(), settings, common::clock()).unwrap();
        Self {
            app: tandem_server::app(state.clone()),
            state,
            admin: token(&store, Role::Admin, Vec::new()).await,
            both: token(
                &store,
                Role::Organiser,
                vec![RegionCode::AFR, RegionCode::ARB],
            )
            .await,
            afr: token(&store, Role::Organiser, vec![RegionCode::AFR]).await,
            eur: token(&store, Role::Organiser, vec![RegionCode::EUR]).await,
            viewer: token(&store, Role::Viewer, Vec::new()).await,
            _dir: dir,
        }
    }

    async fn call(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
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
        let (status, v) = self
            .call(Method::POST, uri, Some(&self.admin), Some(body))
            .await;
        assert!(status.is_success(), "{uri}: {status} {v}");
        v
    }

    async fn get(&self, uri: &str) -> Value {
        let (status, v) = self.call(Method::GET, uri, Some(&self.admin), None).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {v}");
        v
    }

    /// The Yaoundé and Cairo venues of the demo, and the SG3RG-AFR and SG5RG-ARB meetings.
    async fn reference(&self) -> World {
        let yaounde = self
            .post(
                "/api/v1/venues",
                &json!({"name": "Palais des Congrès de Yaoundé", "city": "Yaoundé", "country": "CM",
                    "tz": "Africa/Douala", "weekend": ["sat", "sun"], "holiday_calendar": "CM",
                    "rooms": [{"name": "Salle A", "capacity": 120}, {"name": "Salle B", "capacity": 40}]}),
            )
            .await;
        let cairo = self
            .post(
                "/api/v1/venues",
                &json!({"name": "Smart Village Conference Centre", "city": "Cairo", "country": "EG",
                    "tz": "Africa/Cairo", "weekend": ["fri", "sat"], "holiday_calendar": "EG",
                    "rooms": [{"name": "Nile Hall", "capacity": 200}, {"name": "Room 2", "capacity": 30}]}),
            )
            .await;
        // Wed 10 – Thu 11 March 2027 (Tue 9 March is Eid al-Fitr in config/holidays/CM.ics).
        let sg3 = self
            .post(
                "/api/v1/events",
                &json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "in_person",
                    "status": "confirmed", "region": "AFR", "group": "SG3RG-AFR",
                    "venue_id": yaounde["id"], "room_id": yaounde["rooms"][0]["id"],
                    "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-11T17:30",
                    "participants": [
                        {"id": "ro-addis", "tz": "Africa/Addis_Ababa", "attendance": "in_person"},
                        {"id": "ao-yaounde", "tz": "Africa/Douala", "attendance": "in_person"}]}),
            )
            .await;
        // Sun 14 – Mon 15 March 2027: Cairo's weekend is Friday and Saturday.
        let sg5 = self
            .post(
                "/api/v1/events",
                &json!({"title": "SG5RG-ARB meeting", "kind": "meeting", "mode": "in_person",
                    "status": "confirmed", "region": "ARB", "group": "SG5RG-ARB",
                    "venue_id": cairo["id"], "room_id": cairo["rooms"][0]["id"],
                    "tz": "Africa/Cairo", "start": "2027-03-14T09:30", "end": "2027-03-15T16:00",
                    "participants": [
                        {"id": "ro-cairo", "tz": "Africa/Cairo", "attendance": "in_person"}]}),
            )
            .await;
        World {
            yaounde,
            cairo,
            sg3,
            sg5,
        }
    }
}

struct World {
    yaounde: Value,
    cairo: Value,
    sg3: Value,
    sg5: Value,
}

impl World {
    /// A workshop alongside SG3RG-AFR in Yaoundé and one alongside SG5RG-ARB in Cairo.
    fn season(&self) -> Value {
        json!({
            "range": {"start": "2027-03-01", "end": "2027-03-31"},
            "fixed": [self.sg3["id"], self.sg5["id"]],
            "max_gap_days": 1,
            "events": [
                {"id": "ws-qos-afr", "title": "Regional workshop on quality of service",
                 "kind": "workshop", "region": "AFR", "days": 2,
                 "venues": [self.yaounde["id"]], "earliest": "2027-03-01", "latest": "2027-03-12",
                 "expected_attendance": 30, "alongside": ["SG3RG-AFR"],
                 "participants": [
                    {"id": "ro-addis", "tz": "Africa/Addis_Ababa", "attendance": "in_person"},
                    {"id": "ao-yaounde", "tz": "Africa/Douala", "attendance": "in_person"}]},
                {"id": "ws-emf-arb", "title": "Workshop on human exposure to EMF",
                 "kind": "workshop", "region": "ARB", "days": 1,
                 "venues": [self.cairo["id"]], "earliest": "2027-03-10", "latest": "2027-03-14",
                 "expected_attendance": 25, "alongside": [self.sg5["id"]],
                 "participants": [
                    {"id": "ro-cairo", "tz": "Africa/Cairo", "attendance": "in_person"}]}
            ]
        })
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// The hand-checked best plan of [`World::season`].
///
/// Yaoundé (Sat–Sun weekend, Tue 9 March a holiday), the workshop of two days within 1–12
/// March: its runs of two working calendar days are 1–2, 2–3, 3–4, 4–5, 10–11 and 11–12
/// March (8–9 and 9–10 hold the holiday). 10–11 and 11–12 share a day with SG3RG-AFR, whose
/// two participants are required in both: rule 3 forbids them. Of the others only 4–5 March
/// is alongside the meeting within `max_gap_days` 1: between Fri 5 and Wed 10 the one working
/// day is Mon 8 (3–4 March has Fri 5 and Mon 8 between: 2). There it saves 10 and a trip for
/// each of its two participants (cost −10 + 3·2 = −4, against 3·4 = 12 anywhere else, or
/// 1000 + 12 left out). The smallest free room seating 30 is Salle B (40).
///
/// Cairo (Fri–Sat weekend; 9 and 10 March Eid al-Fitr in EG.ics), one day within 10–14
/// March: Wed 10 is a holiday, Fri 12 and Sat 13 the weekend, Sun 14 SG5RG-ARB's first day
/// (its participant is required in both: rule 3). Thu 11 is left, with no working day before
/// Sun 14: alongside, −10 + 3·1 = −7. The smallest room seating 25 is Room 2 (30).
///
/// So the plan costs −11: two wanted co-locations, three trips (six if apart), no soft clash.
fn check_best_plan(plan: &Value, w: &World) {
    assert_eq!(
        keys(plan),
        set(&[
            "cost",
            "bound",
            "status",
            "placements",
            "unplaced",
            "metrics"
        ]),
        "{plan}"
    );
    assert_eq!(plan["cost"], json!(-11.0), "{plan}");
    assert_eq!(plan["unplaced"], json!([]));
    let placements = plan["placements"].as_array().unwrap();
    assert_eq!(placements.len(), 2, "{plan}");
    let qos = &placements[0];
    assert_eq!(
        keys(qos),
        set(&[
            "event",
            "venue_id",
            "room",
            "start",
            "end",
            "tz",
            "starts_at",
            "ends_at",
            "alongside",
            "clashes"
        ])
    );
    assert_eq!(qos["event"], "ws-qos-afr");
    assert_eq!(qos["venue_id"], w.yaounde["id"]);
    assert_eq!(
        qos["room"],
        json!({"id": w.yaounde["rooms"][1]["id"], "name": "Salle B", "capacity": 40})
    );
    assert_eq!(qos["start"], "2027-03-04");
    assert_eq!(qos["end"], "2027-03-05");
    assert_eq!(qos["tz"], "Africa/Douala");
    assert_eq!(qos["starts_at"], "2027-03-04T08:00:00Z");
    assert_eq!(qos["ends_at"], "2027-03-05T16:00:00Z");
    assert_eq!(qos["alongside"], json!([w.sg3["id"]]));
    assert_eq!(qos["clashes"], json!([]));
    let emf = &placements[1];
    assert_eq!(emf["event"], "ws-emf-arb");
    assert_eq!(emf["venue_id"], w.cairo["id"]);
    assert_eq!(emf["room"]["name"], "Room 2");
    assert_eq!(emf["start"], "2027-03-11");
    assert_eq!(emf["end"], "2027-03-11");
    assert_eq!(emf["tz"], "Africa/Cairo");
    assert_eq!(emf["starts_at"], "2027-03-11T07:00:00Z");
    assert_eq!(emf["ends_at"], "2027-03-11T15:00:00Z");
    assert_eq!(emf["alongside"], json!([w.sg5["id"]]));
    assert_eq!(plan["metrics"]["placed"], 2, "{}", plan["metrics"]);
    assert_eq!(plan["metrics"]["wanted_colocations"], 2);
    assert_eq!(plan["metrics"]["trips"], 3);
    assert_eq!(plan["metrics"]["trips_if_apart"], 6);
    assert_eq!(plan["metrics"]["soft_clashes"], 0);
    assert!(plan["metrics"]["solve_seconds"].as_f64().unwrap() >= 0.0);
    // A bound, when the planner proves one, is a lower bound, and reaching it is `optimal`.
    match plan["bound"].as_f64() {
        Some(bound) => {
            assert!(bound <= -11.0 + 1e-9, "{plan}");
            assert_eq!(
                plan["status"],
                if (bound + 11.0).abs() < 1e-6 {
                    "optimal"
                } else {
                    "feasible"
                }
            );
        }
        None => assert_eq!(plan["status"], "feasible"),
    }
}

#[tokio::test]
async fn the_reference_season_gets_its_hand_checked_best_plan() {
    let t = T::sqlite().await;
    let w = t.reference().await;
    // Planning is a read: no token needed while reads are public.
    let (status, plan) = t.call(Method::POST, PLAN, None, Some(&w.season())).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    check_best_plan(&plan, &w);
    // Nothing was created.
    let events = t.get("/api/v1/events?status=proposed").await;
    assert_eq!(events["items"], json!([]));
}

#[tokio::test]
async fn an_event_that_fits_no_room_is_unplaced_with_its_reason() {
    let t = T::sqlite().await;
    let w = t.reference().await;
    let mut season = w.season();
    season["events"].as_array_mut().unwrap().push(json!({
        "id": "forum-afr", "title": "Regional development forum", "kind": "conference",
        "region": "AFR", "days": 2, "venues": [w.yaounde["id"]], "expected_attendance": 300}));
    let (status, plan) = t.call(Method::POST, PLAN, None, Some(&season)).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let unplaced = plan["unplaced"].as_array().unwrap();
    assert_eq!(unplaced.len(), 1, "{plan}");
    assert_eq!(unplaced[0]["event"], "forum-afr");
    let reason = unplaced[0]["reason"].as_str().unwrap();
    assert!(reason.contains("300"), "{reason}");
    assert_eq!(plan["cost"], json!(1000.0 - 11.0), "{plan}");
    assert_eq!(plan["placements"].as_array().unwrap().len(), 2);
}

/// Sends `season` and expects a 400 naming `field`.
async fn refused(t: &T, season: &Value, field: &str) {
    let (status, problem) = t.call(Method::POST, PLAN, None, Some(season)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&field), "{field} not in {problem}");
}

#[tokio::test]
async fn each_bad_input_is_a_400_naming_its_field() {
    let t = T::sqlite().await;
    let w = t.reference().await;
    let good = w.season();

    let mut s = good.clone();
    s["events"][0]["venues"] = json!([uuid::Uuid::new_v4()]);
    refused(&t, &s, "events[0].venues[0]").await;
    let mut s = good.clone();
    s["events"][1]["venues"] = json!(["not-a-venue"]);
    refused(&t, &s, "events[1].venues[0]").await;

    let mut s = good.clone();
    s["fixed"] = json!([w.sg3["id"], uuid::Uuid::new_v4()]);
    refused(&t, &s, "fixed[1]").await;

    let mut s = good.clone();
    s["events"][0]["alongside"] = json!(["ws-qos-afr"]);
    refused(&t, &s, "events[0].alongside[0]").await;

    let mut s = good.clone();
    s["time_limit_seconds"] = json!(301);
    refused(&t, &s, "time_limit_seconds").await;

    let mut s = good.clone();
    s["events"][1]["days"] = json!(6);
    refused(&t, &s, "events[1].days").await;

    let mut s = good.clone();
    s["events"][0]["participants"][0]["id"] = json!("has space");
    refused(&t, &s, "events[0].participants[0].id").await;

    let mut s = good.clone();
    s["events"][0]["colour"] = json!("blue");
    let (status, problem) = t.call(Method::POST, PLAN, None, Some(&s)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert!(problem.to_string().contains("colour"), "{problem}");

    // A cancelled fixed event cannot anchor anything.
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/api/v1/events/{}", w.sg5["id"].as_str().unwrap()),
            Some(&t.admin),
            None,
        )
        .await;
    assert!(status.is_success());
    refused(&t, &good, "fixed[1]").await;
}

#[tokio::test]
async fn applying_needs_an_organiser_of_every_region_involved() {
    let t = T::sqlite().await;
    let w = t.reference().await;
    let season = w.season();
    let apply = format!("{PLAN}?apply=true");
    let (status, problem) = t.call(Method::POST, &apply, None, Some(&season)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    for token in [&t.afr, &t.eur, &t.viewer] {
        let (status, problem) = t
            .call(Method::POST, &apply, Some(token), Some(&season))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    }
    let events = t.get("/api/v1/events?status=proposed").await;
    assert_eq!(events["items"], json!([]));
}

async fn apply_creates_linked_proposed_events(t: T) {
    let w = t.reference().await;
    let (status, body) = t
        .call(
            Method::POST,
            &format!("{PLAN}?apply=true"),
            Some(&t.both),
            Some(&w.season()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mut plan = body.clone();
    plan.as_object_mut().unwrap().remove("created");
    check_best_plan(&plan, &w);
    let created = body["created"].as_array().unwrap();
    assert_eq!(created.len(), 2, "{body}");
    let qos = t
        .get(&format!(
            "/api/v1/events/{}",
            created[0]["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(created[0]["event"], "ws-qos-afr");
    assert_eq!(qos["status"], "proposed");
    assert_eq!(qos["title"], "Regional workshop on quality of service");
    assert_eq!(qos["co_located_with"], w.sg3["id"], "{qos}");
    assert_eq!(qos["room_id"], w.yaounde["rooms"][1]["id"]);
    assert_eq!(qos["start"], "2027-03-04T09:00");
    assert_eq!(qos["end"], "2027-03-04T17:00");
    assert_eq!(qos["rrule"], "FREQ=DAILY;COUNT=2");
    assert_eq!(qos["participants"].as_array().unwrap().len(), 2);
    let emf = t
        .get(&format!(
            "/api/v1/events/{}",
            created[1]["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(emf["status"], "proposed");
    assert_eq!(emf["co_located_with"], w.sg5["id"]);
    assert_eq!(emf["start"], "2027-03-11T09:00");
    assert!(emf["rrule"].is_null());
}

#[tokio::test]
async fn apply_creates_linked_proposed_events_on_sqlite() {
    apply_creates_linked_proposed_events(T::sqlite().await).await;
}

/// Plans, then moves the data under the plan (a proposed event in the workshop's room on
/// its first day), then applies: 409 naming the event, and nothing created.
async fn moved_data_is_a_conflict(t: T) {
    let w = t.reference().await;
    let request: SeasonRequest = serde_json::from_value(w.season()).unwrap();
    let planned = tandem_app::season::plan_season(&t.state.app, &request, None)
        .await
        .unwrap();
    assert_eq!(planned.plan.placements.len(), 2);
    let intruder = t
        .post(
            "/api/v1/events",
            &json!({"title": "Press briefing", "kind": "session", "mode": "in_person",
                "status": "proposed", "region": "AFR",
                "venue_id": w.yaounde["id"], "room_id": w.yaounde["rooms"][1]["id"],
                "tz": "Africa/Douala", "start": "2027-03-04T18:00", "end": "2027-03-04T19:00"}),
        )
        .await;
    let outcome = tandem_app::season::apply_season(
        &t.state.app,
        &Caller::Operator,
        &request,
        planned.clone(),
    )
    .await;
    match outcome {
        Err(AppError::Conflict(what)) => {
            assert!(
                what.english().contains(intruder["id"].as_str().unwrap()),
                "{what}"
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let events = t.get("/api/v1/events?status=proposed").await;
    assert_eq!(
        events["items"].as_array().unwrap().len(),
        1,
        "only the intruder: {events}"
    );
    // Changing an event the plan read (a participant of SG5RG-ARB's meeting added) moves
    // the data too.
    let (status, _) = t
        .call(
            Method::DELETE,
            &format!("/api/v1/events/{}", intruder["id"].as_str().unwrap()),
            Some(&t.admin),
            None,
        )
        .await;
    assert!(status.is_success());
    let planned = tandem_app::season::plan_season(&t.state.app, &request, None)
        .await
        .unwrap();
    let sg5 = t
        .get(&format!("/api/v1/events/{}", w.sg5["id"].as_str().unwrap()))
        .await;
    let patch = Request::builder()
        .method(Method::PATCH)
        .uri(format!("/api/v1/events/{}", w.sg5["id"].as_str().unwrap()))
        .header(header::AUTHORIZATION, format!("Bearer {}", t.admin))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::IF_MATCH, format!("\"{}\"", sg5["version"]))
        .body(Body::from(
            json!({"title": "SG5RG-ARB meeting (revised)"}).to_string(),
        ))
        .unwrap();
    let response = t.app.clone().oneshot(patch).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    match tandem_app::season::apply_season(&t.state.app, &Caller::Operator, &request, planned).await
    {
        Err(AppError::Conflict(what)) => {
            assert!(
                what.english().contains(w.sg5["id"].as_str().unwrap()),
                "{what}"
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let events = t.get("/api/v1/events?status=proposed").await;
    assert_eq!(events["items"], json!([]), "{events}");
    // Planned again on the data as it is, the season applies.
    let planned = tandem_app::season::plan_season(&t.state.app, &request, None)
        .await
        .unwrap();
    let applied =
        tandem_app::season::apply_season(&t.state.app, &Caller::Operator, &request, planned)
            .await
            .unwrap();
    assert_eq!(applied.events.len(), 2);
}

#[tokio::test]
async fn moved_data_is_a_conflict_on_sqlite() {
    moved_data_is_a_conflict(T::sqlite().await).await;
}

/// Runs `scenario` on a fresh PostgreSQL database (skipped without a server).
async fn on_postgres<F, Fut>(scenario: F)
where
    F: FnOnce(T) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    common::on_fresh_postgres("tandem_season", |url| async move {
        let store = common::postgres_store(&url, 8).await;
        scenario(T::with_store(store, tempfile::TempDir::new().unwrap()).await).await;
    })
    .await;
}

#[tokio::test]
async fn apply_creates_linked_proposed_events_on_postgres() {
    on_postgres(apply_creates_linked_proposed_events).await;
}

#[tokio::test]
async fn moved_data_is_a_conflict_on_postgres() {
    on_postgres(moved_data_is_a_conflict).await;
}
