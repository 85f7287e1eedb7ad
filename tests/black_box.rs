//! Black-box tests of the `tandem` binary: the README's first command, the room-booking
//! guarantee under 100 concurrent requests on each backend, graceful shutdown, CLI errors.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use common::{Database, Server};
use futures::future::join_all;
use serde_json::{json, Value};

async fn post(client: &reqwest::Client, url: &str, token: &str, body: &Value) -> (u16, Value) {
    let response = client
        .post(url)
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let response = client.get(url).send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// 100 organisers race for one room at overlapping times: exactly one wins, and each of
/// the others is told which event holds the room.
async fn concurrent_bookings(database_url: &str) {
    let admin = common::token(database_url, "admin", &[]);
    let server = Server::start(database_url, &[]);
    let client = reqwest::Client::new();
    let (status, venue) = post(
        &client,
        &server.url("/api/v1/venues"),
        &admin,
        &json!({"name": "Palais des Congrès", "city": "Yaoundé", "country": "CM", "tz": "Africa/Douala",
                "rooms": [{"name": "Salle A", "capacity": 120}]}),
    )
    .await;
    assert_eq!(status, 201, "{venue}");
    let venue_id = venue["id"].as_str().unwrap().to_owned();
    let room_id = venue["rooms"][0]["id"].as_str().unwrap().to_owned();
    let requests = (0..100).map(|i| {
        let client = client.clone();
        let url = server.url("/api/v1/events");
        let admin = admin.clone();
        let body = json!({
            "title": format!("Contender {i}"), "kind": "meeting", "mode": "in_person", "status": "confirmed",
            "region": "AFR", "venue_id": venue_id, "room_id": room_id, "tz": "Africa/Douala",
            // Every booking overlaps every other one: they share 10:00-11:00.
            "start": format!("2027-03-10T{:02}:{:02}", 9 + (i % 2), (i * 7) % 60),
            "end": "2027-03-10T11:00",
        });
        async move { post(&client, &url, &admin, &body).await }
    });
    let results = join_all(requests).await;
    let winners: Vec<&Value> = results
        .iter()
        .filter(|(s, _)| *s == 201)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(
        winners.len(),
        1,
        "exactly one booking succeeds: {:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    let winner_id = winners[0]["id"].as_str().unwrap();
    for (status, body) in &results {
        if *status == 201 {
            continue;
        }
        assert_eq!(*status, 409, "{body}");
        assert_eq!(body["type"], "https://tandem.itu.int/problems/clash");
        assert_eq!(body["clashes"][0]["type"], "room_overlap");
        assert_eq!(
            body["clashes"][0]["event_id"], winner_id,
            "the 409 names the event holding the room"
        );
    }
    let (_, page) = get(&client, &server.url("/api/v1/events?limit=200")).await;
    assert_eq!(
        page["items"].as_array().unwrap().len(),
        1,
        "nothing but the winner was stored"
    );
}

#[tokio::test]
async fn concurrent_bookings_sqlite() {
    let db = Database::sqlite();
    concurrent_bookings(&db.url).await;
}

#[tokio::test]
async fn concurrent_bookings_postgres() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    concurrent_bookings(&db.url).await;
    db.drop_async().await;
}

/// The README's first command: a new user sees demo venues and meetings, the OpenAPI
/// document and its browsable page.
async fn demo_is_browsable(database_url: &str) {
    let server = Server::start(database_url, &["--demo"]);
    let client = reqwest::Client::new();
    let (status, page) = get(&client, &server.url("/api/v1/events?limit=200")).await;
    assert_eq!(status, 200);
    let events = page["items"].as_array().unwrap();
    assert!(
        events.len() >= 6,
        "demo meetings are listed: {}",
        events.len()
    );
    let regions: std::collections::BTreeSet<&str> =
        events.iter().filter_map(|e| e["region"].as_str()).collect();
    assert!(regions.len() >= 4, "several regions: {regions:?}");
    assert!(
        events.iter().any(|e| e["co_located_with"].is_string()),
        "a co-located workshop"
    );
    let (_, venues) = get(&client, &server.url("/api/v1/venues")).await;
    let cairo = venues
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["city"] == "Cairo")
        .expect("Cairo venue");
    assert_eq!(cairo["weekend"], json!(["fri", "sat"]));
    assert_eq!(cairo["tz"], "Africa/Cairo");
    // The demo's events come with their clash list (stored directly, then checked once):
    // its two-day hybrid meeting in Yaoundé is outside Bangkok's and Brasília's hours.
    let (status, clashes) = get(&client, &server.url("/api/v1/clashes?suggestions=false")).await;
    assert_eq!(status, 200, "{clashes}");
    let clashes = clashes["items"].as_array().expect("clash list");
    assert!(
        clashes
            .iter()
            .any(|c| c["type"] == "remote_hours" && c["subject"] == "ro-bangkok"),
        "{clashes:?}"
    );
    let (status, openapi) = get(&client, &server.url("/api/v1/openapi.json")).await;
    assert_eq!(status, 200);
    assert_eq!(openapi["openapi"], "3.1.0");
    let docs = client.get(server.url("/api/docs")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("/api/v1/openapi.json"));
    let console = client
        .get(server.url("/api/docs/console"))
        .send()
        .await
        .unwrap();
    assert_eq!(console.status(), 200);
    assert!(console
        .text()
        .await
        .unwrap()
        .contains("swagger-ui-bundle.js"));
    drop(server);
    // Starting again on the same database does not load the demo twice.
    let server = Server::start(database_url, &["--demo"]);
    let (_, again) = get(&client, &server.url("/api/v1/events?limit=200")).await;
    assert_eq!(again["items"].as_array().unwrap().len(), events.len());
}

#[tokio::test]
async fn demo_is_browsable_sqlite() {
    let db = Database::sqlite();
    demo_is_browsable(&db.url).await;
}

#[tokio::test]
async fn demo_is_browsable_postgres() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    demo_is_browsable(&db.url).await;
    db.drop_async().await;
}

#[tokio::test]
async fn sqlite_file_is_created_and_migrated_on_first_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    assert!(!path.exists());
    let server = Server::start(&format!("sqlite://{}", path.display()), &[]);
    let (status, body) = get(&reqwest::Client::new(), &server.url("/readyz")).await;
    assert_eq!(status, 200);
    assert_eq!(body["database"], "sqlite");
    assert!(path.exists());
}

#[tokio::test]
async fn sigterm_stops_cleanly() {
    let db = Database::sqlite();
    let server = Server::start(&db.url, &[]);
    let (status, _) = get(&reqwest::Client::new(), &server.url("/healthz")).await;
    assert_eq!(status, 200);
    let exit = server.terminate();
    assert!(exit.success(), "SIGTERM exits 0, got {exit:?}");
}

/// Arguments, environment and the message expected on standard error.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

#[test]
fn cli_refuses_bad_input_with_a_message_and_exit_2() {
    let db = Database::sqlite();
    let cases: &[Case<'_>] = &[
        (
            &["token", "create", "--role", "wizard"],
            &[],
            "unknown role 'wizard'",
        ),
        (
            &["token", "create", "--role", "organiser"],
            &[],
            "at least one --region",
        ),
        (
            &["token", "create", "--role", "organiser", "--region", "EU"],
            &[],
            "unknown region 'EU'",
        ),
        (
            &["token", "create", "--role", "admin", "--region", "AFR"],
            &[],
            "organiser tokens only",
        ),
        (
            &["migrate"],
            &[("TANDEM__SERVER__COLOUR", "blue")],
            "colour",
        ),
        (
            &["token", "revoke", "00000000-0000-0000-0000-000000000000"],
            &[],
            "no token with id",
        ),
    ];
    for (args, env, expected) in cases {
        let mut full: Vec<&str> = args.to_vec();
        full.extend(["--database", &db.url]);
        let out = common::run(&full, env);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{args:?}: expected '{expected}' in: {stderr}"
        );
    }
    let out = common::run(&["migrate", "--database", "mysql://x"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));
}

#[test]
fn tokens_are_shown_once_and_listed_without_secrets() {
    let db = Database::sqlite();
    let secret = common::token(&db.url, "organiser", &["AFR", "ARB"]);
    assert!(secret.starts_with("tdm_") && secret.len() > 40);
    let out = common::run(&["token", "list", "--database", &db.url], &[]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        listing.contains("organiser") && listing.contains("AFR,ARB"),
        "{listing}"
    );
    assert!(
        !listing.contains(&secret),
        "the secret is never shown again"
    );
}

/// `TANDEM_CLOCK` (or `--clock`) sets the clock of the whole process, far from the day the
/// test runs: the demo is dated from it, the home page lists what is upcoming by it, and the
/// store stamps what it writes with it. A bad instant is refused with exit 2.
#[tokio::test]
async fn the_whole_process_follows_the_injected_clock() {
    let db = Database::sqlite();
    let start = "2031-02-04T09:00:00Z";
    let clock = [("TANDEM_CLOCK", start)];
    let admin = String::from_utf8(
        common::run(
            &["token", "create", "--role", "admin", "--database", &db.url],
            &clock,
        )
        .stdout,
    )
    .expect("utf-8")
    .trim()
    .to_owned();
    let server = Server::start_with_env(&db.url, &["--demo"], &clock);
    let client = reqwest::Client::new();
    let (_, page) = get(&client, &server.url("/api/v1/events?limit=200")).await;
    let events = page["items"].as_array().expect("events");
    assert!(events.len() >= 6, "the demo is seeded: {page}");
    for event in events {
        let starts = event["starts_at"].as_str().expect("starts_at");
        assert!(
            starts > start && starts < "2031-12-31",
            "demo dates follow the clock: {starts}"
        );
        assert!(
            event["created_at"].as_str().expect("created_at") >= start,
            "{event}"
        );
    }
    // A meeting before the clock's today is stored but is not upcoming on the home page.
    let (status, past) = post(
        &client,
        &server.url("/api/v1/events"),
        &admin,
        &json!({"title": "Long past meeting", "kind": "meeting", "mode": "virtual",
                "status": "confirmed", "region": "AFR", "tz": "Africa/Douala",
                "start": "2027-03-10T09:00", "end": "2027-03-10T11:00"}),
    )
    .await;
    assert_eq!(status, 201, "{past}");
    let home = client
        .get(server.url("/"))
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("html");
    assert!(home.contains("SG3RG-AFR meeting"), "the demo is upcoming");
    assert!(!home.contains("Long past meeting"), "not upcoming in 2031");
    drop(server);

    let id = common::run(&["token", "list", "--database", &db.url], &clock);
    let id = String::from_utf8_lossy(&id.stdout)
        .split('\t')
        .next()
        .expect("a token")
        .to_owned();
    let revoked = common::run(&["token", "revoke", &id, "--database", &db.url], &clock);
    assert!(revoked.status.success());
    let listed = common::run(&["token", "list", "--database", &db.url], &[]);
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(listed.contains("revoked 2031-02-04T09:0"), "{listed}");

    for bad in ["tomorrow", "2031-02-04T09:00"] {
        let out = common::run(&["migrate", "--database", &db.url, "--clock", bad], &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(
            stderr.contains("--clock") && stderr.contains("RFC 3339"),
            "{stderr}"
        );
    }
}
