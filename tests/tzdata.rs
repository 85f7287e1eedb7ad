//! A new release of the tz database, taken by a restart (DESIGN §2): `zic` builds two
//! versions of a zone from a tiny source into a temporary `TZDIR`; tandem starts on the
//! first, future events are created there, and after a restart on the second every future
//! event keeps its local wall-clock time and has new UTC instants, except one whose move
//! would double-book its room: that one keeps its instants and the room clash is listed.

mod common;

use std::path::{Path, PathBuf};

use common::{Database, Server};
use serde_json::{json, Value};

/// `zic` from the system (Debian: libc-bin), which CI always has.
fn zic() -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")])
        .map(|dir| dir.join("zic"));
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .expect("zic is needed (Debian package libc-bin)")
}

/// Compiles `source` (zic input) as release `version` into `dir`, with the `tzdata.zi` that
/// names the release beside the TZif files, as the tz distribution installs it.
fn build_release(dir: &Path, version: &str, source: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("TZDIR");
    let index = dir.join("tzdata.zi");
    std::fs::write(&index, format!("# version {version}\n{source}")).expect("tzdata.zi");
    let out = std::process::Command::new(zic())
        .arg("-d")
        .arg(dir)
        .arg(&index)
        .output()
        .expect("run zic");
    assert!(
        out.status.success(),
        "zic failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("Test/City").is_file(), "zic wrote no Test/City");
}

/// Release test1: Test/City is one hour ahead of UTC all year.
const TEST1: &str = "Z Test/City 1 - +01\n";
/// Release test2: its government moves it to two hours ahead from 2030.
const TEST2: &str = "Z Test/City 1 - +01 2030\n2 - +02\n";

async fn send(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    token: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut request = client.request(method, url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_new_tz_release_moves_future_events_in_utc_and_reports_the_room_it_would_double_book() {
    let tzdir = tempfile::tempdir().expect("tempdir");
    let tzdir_path = tzdir.path().join("zoneinfo");
    build_release(&tzdir_path, "test1", TEST1);
    let tzdir = tzdir_path.to_str().expect("utf-8 path").to_owned();
    let db = Database::sqlite();
    let admin = common::token(&db.url, "admin", &[]);
    let client = reqwest::Client::new();
    let env = [("TZDIR", tzdir.as_str())];

    let server = Server::start_with_env(&db.url, &[], &env);
    let (_, ready) = send(
        &client,
        reqwest::Method::GET,
        &server.url("/readyz"),
        &admin,
        None,
    )
    .await;
    assert_eq!(ready["tzdata"], "test1", "{ready}");
    let post = |path: &str, body: Value| {
        let client = client.clone();
        let url = server.url(path);
        let admin = admin.clone();
        async move {
            let (status, created) =
                send(&client, reqwest::Method::POST, &url, &admin, Some(&body)).await;
            assert_eq!(status, 201, "{created}");
            created
        }
    };
    let venue = post(
        "/api/v1/venues",
        json!({"name": "Test Centre", "city": "Test City", "country": "CH", "tz": "Test/City",
               "rooms": [{"name": "Room 1", "capacity": 40}]}),
    )
    .await;
    let room = json!({"venue_id": venue["id"], "room_id": venue["rooms"][0]["id"]});
    let with_room = |mut body: Value| {
        body.as_object_mut()
            .expect("object")
            .extend(room.as_object().expect("object").clone());
        body
    };
    // In the room at 09:00 local (08:00Z in test1, 07:00Z in test2) ...
    let moved_into_the_room = post(
        "/api/v1/events",
        with_room(
            json!({"title": "Plenary", "kind": "meeting", "mode": "in_person",
                         "region": "EUR", "tz": "Test/City",
                         "start": "2030-06-03T09:00", "end": "2030-06-03T10:00"}),
        ),
    )
    .await;
    // ... right after a booking kept in UTC (07:00Z-08:00Z whatever Test/City does).
    let held_in_utc = post(
        "/api/v1/events",
        with_room(
            json!({"title": "Early briefing", "kind": "meeting", "mode": "in_person",
                         "region": "EUR", "tz": "UTC",
                         "start": "2030-06-03T07:00", "end": "2030-06-03T08:00"}),
        ),
    )
    .await;
    let single = post(
        "/api/v1/events",
        json!({"title": "Working party", "kind": "session", "mode": "virtual", "region": "EUR",
               "tz": "Test/City", "start": "2031-01-15T09:00", "end": "2031-01-15T11:00"}),
    )
    .await;
    let series = post(
        "/api/v1/events",
        json!({"title": "Weekly call", "kind": "session", "mode": "virtual", "region": "EUR",
               "tz": "Test/City", "start": "2030-06-10T14:00", "end": "2030-06-10T15:00",
               "rrule": "FREQ=WEEKLY;COUNT=3"}),
    )
    .await;
    for event in [&moved_into_the_room, &held_in_utc, &single, &series] {
        assert_eq!(event["tzdata_version"], "test1", "{event}");
    }
    assert_eq!(moved_into_the_room["starts_at"], "2030-06-03T08:00:00Z");
    assert_eq!(single["starts_at"], "2031-01-15T08:00:00Z");
    assert_eq!(series["starts_at"], "2030-06-10T13:00:00Z");
    drop(server);

    build_release(&tzdir_path, "test2", TEST2);
    let server = Server::start_with_env(&db.url, &[], &env);
    let (_, ready) = send(
        &client,
        reqwest::Method::GET,
        &server.url("/readyz"),
        &admin,
        None,
    )
    .await;
    assert_eq!(ready["tzdata"], "test2", "{ready}");
    let event = |e: &Value| {
        let client = client.clone();
        let url = server.url(&format!("/api/v1/events/{}", e["id"].as_str().expect("id")));
        let admin = admin.clone();
        async move {
            let (status, body) = send(&client, reqwest::Method::GET, &url, &admin, None).await;
            assert_eq!(status, 200, "{body}");
            body
        }
    };
    // Same local wall-clock times, new instants, derived with test2.
    let single_now = event(&single).await;
    assert_eq!(single_now["start"], "2031-01-15T09:00");
    assert_eq!(single_now["starts_at"], "2031-01-15T07:00:00Z");
    assert_eq!(single_now["ends_at"], "2031-01-15T09:00:00Z");
    assert_eq!(single_now["tzdata_version"], "test2");
    let series_now = event(&series).await;
    assert_eq!(series_now["start"], "2030-06-10T14:00");
    assert_eq!(series_now["starts_at"], "2030-06-10T12:00:00Z");
    assert_eq!(series_now["tzdata_version"], "test2");
    // The event kept in UTC did not move; the one whose move would take the room from it
    // keeps its instants (and its old derivation) ...
    let held_now = event(&held_in_utc).await;
    assert_eq!(held_now["starts_at"], "2030-06-03T07:00:00Z");
    let blocked = event(&moved_into_the_room).await;
    assert_eq!(blocked["start"], "2030-06-03T09:00");
    assert_eq!(blocked["starts_at"], "2030-06-03T08:00:00Z");
    assert_eq!(blocked["tzdata_version"], "test1");
    // ... and the room clash it would cause is listed, for an organiser to settle.
    let blocked_id = moved_into_the_room["id"].as_str().expect("id");
    let (status, clashes) = send(
        &client,
        reqwest::Method::GET,
        &server.url(&format!(
            "/api/v1/clashes?type=room_overlap&event_id={blocked_id}&suggestions=false"
        )),
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 200, "{clashes}");
    let items = clashes["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{clashes}");
    let text = items[0].to_string();
    assert!(
        text.contains(blocked_id) && text.contains(held_in_utc["id"].as_str().expect("id")),
        "{text}"
    );
}
