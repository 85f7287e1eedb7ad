//! `tandem seed`: 300 generated events land in the database, the API lists every one of
//! them, feeds and clashes answer, and the same seed gives the same data.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use common::{Database, Server};
use serde_json::Value;

fn seed(database_url: &str, seed: &str) {
    let out = common::run(
        &[
            "seed",
            "--database",
            database_url,
            "--events",
            "300",
            "--participants",
            "40",
            "--seed",
            seed,
            "--from",
            "2027-01-01",
            "--batch",
            "70",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "tandem seed failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("seeded 300 events"), "{stdout}");
    // No progress bar when standard output is not a terminal.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("seeding ["));
}

/// Every event the API lists, all statuses, page after page, without timestamps of the
/// write (`created_at`, `updated_at`) or the server's address (`links`), sorted by id.
async fn all_events(client: &reqwest::Client, server: &Server) -> Vec<Value> {
    let mut events = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = "/api/v1/events?status=proposed,confirmed,cancelled&limit=200";
        let url = match &cursor {
            Some(c) => server.url(&format!("{path}&cursor={c}")),
            None => server.url(path),
        };
        let response = client.get(&url).send().await.expect("list events");
        assert_eq!(response.status(), 200, "{url}");
        let page: Value = response.json().await.expect("json");
        for item in page["items"].as_array().expect("items") {
            let mut item = item.clone();
            if let Some(o) = item.as_object_mut() {
                o.remove("created_at");
                o.remove("updated_at");
                o.remove("links");
            }
            events.push(item);
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    events.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    events
}

async fn status(client: &reqwest::Client, url: &str) -> u16 {
    client
        .get(url)
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

async fn seeded(first: Database, second: Database) {
    seed(&first.url, "42");
    seed(&second.url, "42");
    let client = reqwest::Client::new();
    let server = Server::start(&first.url, &[]);
    let events = all_events(&client, &server).await;
    assert_eq!(events.len(), 300);
    let kinds: std::collections::BTreeSet<&str> =
        events.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert!(events.iter().any(|e| !e["rrule"].is_null()));
    assert!(events.iter().any(|e| !e["co_located_with"].is_null()));
    assert!(events.iter().any(|e| e["status"] == "cancelled"));
    let event = events
        .iter()
        .find(|e| e["status"] == "confirmed" && !e["venue_id"].is_null())
        .expect("a confirmed event in a venue");
    let id = event["id"].as_str().expect("id");
    let region = event["region"].as_str().expect("region");
    let venue = event["venue_id"].as_str().expect("venue");
    for path in [
        format!("/api/v1/events/{id}"),
        "/api/v1/venues".to_owned(),
        "/feeds/all.ics".to_owned(),
        format!("/feeds/regions/{region}.ics"),
        format!("/feeds/venues/{venue}.ics"),
        format!("/feeds/events/{id}.ics"),
        "/api/v1/clashes".to_owned(),
        format!("/api/v1/clashes?region={region}"),
    ] {
        assert_eq!(status(&client, &server.url(&path)).await, 200, "{path}");
    }
    drop(server);
    // The same seed into another database: the very same events, ids included.
    let other = Server::start(&second.url, &[]);
    let again = all_events(&client, &other).await;
    assert_eq!(again.len(), events.len());
    for (a, b) in again.iter().zip(&events) {
        assert_eq!(a, b, "the same seed gave different data");
    }
    drop(other);
    first.drop_async().await;
    second.drop_async().await;
}

#[tokio::test]
async fn seed_sqlite() {
    seeded(Database::sqlite(), Database::sqlite()).await;
}

#[tokio::test]
async fn seed_postgres() {
    let Some(admin) = common::postgres_url() else {
        return;
    };
    seeded(
        Database::postgres(&admin).await,
        Database::postgres(&admin).await,
    )
    .await;
}
