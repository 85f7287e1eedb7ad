//! `tandem plan SEASON.json [--apply] --database URL`: the season planner of DESIGN §14 from
//! a file, with venue and fixed-event ids resolved against the database; the JSON of
//! `POST /api/v1/seasons/plan` out; bad input a message naming the field and exit code 2.
// Test code indexes JSON directly: a bad index fails the test.
#![allow(clippy::indexing_slicing)]

mod common;

use std::path::Path;

use serde_json::{json, Value};

/// A database with the Yaoundé venue of the demo and the SG3RG-AFR meeting (Wed 10 – Thu 11
/// March 2027), made through the API of a server that is then stopped.
async fn world(db: &common::Database) -> (Value, Value) {
    let server = common::Server::start(&db.url, &[]);
    let token = common::token(&db.url, "admin", &[]);
    let client = reqwest::Client::new();
    let post = |path: &str, body: Value| {
        let request = client
            .post(server.url(path))
            .bearer_auth(&token)
            .json(&body);
        async move {
            let response = request.send().await.unwrap();
            assert!(response.status().is_success(), "{}", response.status());
            response.json::<Value>().await.unwrap()
        }
    };
    let venue = post(
        "/api/v1/venues",
        json!({"name": "Palais des Congrès de Yaoundé", "city": "Yaoundé", "country": "CM",
            "tz": "Africa/Douala", "weekend": ["sat", "sun"], "holiday_calendar": "CM",
            "rooms": [{"name": "Salle A", "capacity": 120}, {"name": "Salle B", "capacity": 40}]}),
    )
    .await;
    let meeting = post(
        "/api/v1/events",
        json!({"title": "SG3RG-AFR meeting", "kind": "meeting", "mode": "in_person",
            "status": "confirmed", "region": "AFR", "group": "SG3RG-AFR",
            "venue_id": venue["id"], "room_id": venue["rooms"][0]["id"],
            "tz": "Africa/Douala", "start": "2027-03-10T09:00", "end": "2027-03-11T17:30",
            "participants": [
                {"id": "ro-addis", "tz": "Africa/Addis_Ababa", "attendance": "in_person"},
                {"id": "ao-yaounde", "tz": "Africa/Douala", "attendance": "in_person"}]}),
    )
    .await;
    assert!(server.terminate().success());
    (venue, meeting)
}

fn season(venue: &Value, meeting: &Value) -> Value {
    json!({
        "range": {"start": "2027-03-01", "end": "2027-03-31"},
        "fixed": [meeting["id"]],
        "max_gap_days": 1,
        "events": [{
            "id": "ws-qos-afr", "title": "Regional workshop on quality of service",
            "kind": "workshop", "region": "AFR", "days": 2, "venues": [venue["id"]],
            "earliest": "2027-03-01", "latest": "2027-03-12", "expected_attendance": 30,
            "alongside": ["SG3RG-AFR"],
            "participants": [
                {"id": "ro-addis", "tz": "Africa/Addis_Ababa", "attendance": "in_person"},
                {"id": "ao-yaounde", "tz": "Africa/Douala", "attendance": "in_person"}]}]
    })
}

fn plan(dir: &Path, db: &str, document: &Value, extra: &[&str]) -> std::process::Output {
    let path = dir.join("season.json");
    std::fs::write(&path, document.to_string()).unwrap();
    let mut args = vec!["plan", path.to_str().unwrap(), "--database", db];
    args.extend(extra);
    common::run(&args, &[])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_resolves_the_database_and_prints_the_plan() {
    let db = common::Database::sqlite();
    let (venue, meeting) = world(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let out = plan(dir.path(), &db.url, &season(&venue, &meeting), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not a terminal: no progress bar on standard error.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let planned: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The best plan (see crates/tandem-server/tests/seasons.rs): Thu 4 – Fri 5 March in
    // Salle B, the one run of working days within a working day (Mon 8; Tue 9 is a
    // holiday) of the meeting that shares no day with it.
    let p = &planned["placements"][0];
    assert_eq!(p["event"], "ws-qos-afr", "{planned}");
    assert_eq!(p["start"], "2027-03-04");
    assert_eq!(p["end"], "2027-03-05");
    assert_eq!(p["room"]["name"], "Salle B");
    assert_eq!(p["alongside"], json!([meeting["id"]]));
    assert_eq!(planned["cost"], json!(-4.0));
    assert!(planned.get("created").is_none());

    // --apply creates the event, proposed, linked to the meeting.
    let out = plan(dir.path(), &db.url, &season(&venue, &meeting), &["--apply"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let applied: Value = serde_json::from_slice(&out.stdout).unwrap();
    let created = applied["created"].as_array().unwrap();
    assert_eq!(created.len(), 1, "{applied}");
    assert_eq!(created[0]["event"], "ws-qos-afr");
    assert_eq!(created[0]["co_located_with"], meeting["id"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_names_the_field_and_exits_2() {
    let db = common::Database::sqlite();
    let (venue, meeting) = world(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("events[0].venues[0]", {
            let mut s = season(&venue, &meeting);
            s["events"][0]["venues"] = json!(["5d3f1a52-0000-4000-8000-000000000000"]);
            s
        }),
        ("fixed[0]", {
            let mut s = season(&venue, &meeting);
            s["fixed"] = json!(["5d3f1a52-0000-4000-8000-000000000001"]);
            s
        }),
        ("events[0].alongside[0]", {
            let mut s = season(&venue, &meeting);
            s["events"][0]["alongside"] = json!(["ws-qos-afr"]);
            s
        }),
        ("time_limit_seconds", {
            let mut s = season(&venue, &meeting);
            s["time_limit_seconds"] = json!(1000);
            s
        }),
        ("events[0].days", {
            let mut s = season(&venue, &meeting);
            s["events"][0]["days"] = json!(20);
            s
        }),
        ("events[0].kind", {
            let mut s = season(&venue, &meeting);
            s["events"][0]["kind"] = json!(7);
            s
        }),
    ];
    for (field, document) in cases {
        let out = plan(dir.path(), &db.url, &document, &[]);
        assert_eq!(out.status.code(), Some(2), "{field}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(field), "{field}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    let missing = common::run(
        &[
            "plan",
            dir.path().join("nothing.json").to_str().unwrap(),
            "--database",
            &db.url,
        ],
        &[],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}
