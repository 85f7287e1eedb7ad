//! Several `tandem serve` processes on one database (DESIGN §11): the guarantees hold across
//! instances, and acknowledged writes survive a crash.
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

async fn venue(client: &reqwest::Client, server: &Server, token: &str) -> (String, String) {
    let (status, venue) = post(
        client,
        &server.url("/api/v1/venues"),
        token,
        &json!({"name": "CICG", "city": "Geneva", "country": "CH", "tz": "Europe/Zurich",
                "rooms": [{"name": "Room 2", "capacity": 400}]}),
    )
    .await;
    assert_eq!(status, 201, "{venue}");
    (
        venue["id"].as_str().unwrap().to_owned(),
        venue["rooms"][0]["id"].as_str().unwrap().to_owned(),
    )
}

/// Two instances on one PostgreSQL: 60 conflicting bookings spread over both, exactly one
/// wins; afterwards both serve byte-identical feeds with the same ETag.
#[tokio::test]
async fn two_instances_share_the_guarantees() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    let token = common::token(&db.url, "admin", &[]);
    // Behind one proxy, both instances announce the same public URL (as docker-compose.yml sets).
    let public = [("TANDEM__SERVER__PUBLIC_URL", "https://tandem.example.org")];
    let a = Server::start_with_env(&db.url, &[], &public);
    let b = Server::start_with_env(&db.url, &[], &public);
    let client = reqwest::Client::new();
    let (venue_id, room_id) = venue(&client, &a, &token).await;
    let requests = (0..60).map(|i| {
        let client = client.clone();
        let url = if i % 2 == 0 {
            a.url("/api/v1/events")
        } else {
            b.url("/api/v1/events")
        };
        let token = token.clone();
        let body = json!({"title": format!("Booking {i}"), "kind": "meeting", "mode": "in_person",
            "region": "EUR", "venue_id": venue_id, "room_id": room_id, "tz": "Europe/Zurich",
            "start": "2027-06-01T09:00", "end": format!("2027-06-01T{:02}:00", 10 + i % 5)});
        async move { post(&client, &url, &token, &body).await }
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
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    let winner = winners[0]["id"].as_str().unwrap();
    assert!(results
        .iter()
        .filter(|(s, _)| *s != 201)
        .all(|(s, body)| *s == 409 && body["clashes"][0]["event_id"] == winner));

    // A write through one instance; then both serve the same bytes and ETag.
    let feed = |server: &Server| server.url("/feeds/regions/EUR.ics");
    let before = client.get(feed(&b)).send().await.unwrap();
    let before_etag = before.headers()["etag"].to_str().unwrap().to_owned();
    let (status, _) = post(
        &client,
        &a.url("/api/v1/events"),
        &token,
        &json!({"title": "Europe coordination call", "kind": "session", "mode": "virtual", "region": "EUR",
                "tz": "Europe/Zurich", "start": "2027-06-02T14:00", "end": "2027-06-02T15:00"}),
    )
    .await;
    assert_eq!(status, 201);
    let from_a = client.get(feed(&a)).send().await.unwrap();
    let from_b = client.get(feed(&b)).send().await.unwrap();
    let etag_a = from_a.headers()["etag"].to_str().unwrap().to_owned();
    let etag_b = from_b.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(etag_a, etag_b, "the same ETag from every instance");
    assert_ne!(
        etag_b, before_etag,
        "instance b saw the write made through a"
    );
    let (text_a, text_b) = (from_a.text().await.unwrap(), from_b.text().await.unwrap());
    assert_eq!(text_a, text_b, "byte-identical feeds");
    assert!(text_b.contains("Europe coordination call"));
    drop((a, b));
    db.drop_async().await;
}

/// A stream of writes, the server killed with SIGKILL in the middle, then restarted: every
/// write that was acknowledged (2xx) is there, whole, and nothing else half-exists.
async fn acknowledged_writes_survive_sigkill(database_url: &str) {
    let token = common::token(database_url, "admin", &[]);
    let server = Server::start(database_url, &[]);
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .unwrap();
    let (venue_id, room_id) = venue(&client, &server, &token).await;
    let pid = server.child.id();
    let url = server.url("/api/v1/events");
    let writer = {
        let client = client.clone();
        let token = token.clone();
        tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for i in 0..2000 {
                let body = json!({"title": format!("Write {i}"), "kind": "meeting", "mode": "in_person", "region": "EUR",
                    "venue_id": venue_id, "room_id": room_id, "tz": "Europe/Zurich",
                    "start": format!("2027-{:02}-{:02}T{:02}:00", 1 + (i / 280) % 12, 1 + (i / 10) % 28, 8 + i % 10),
                    "end": format!("2027-{:02}-{:02}T{:02}:30", 1 + (i / 280) % 12, 1 + (i / 10) % 28, 8 + i % 10),
                    "participants": [{"id": format!("p-{i}"), "tz": "Asia/Bangkok"}, {"id": "p-all", "tz": "UTC"}]});
                match client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_success() => {
                        let v: Value = r.json().await.unwrap_or(Value::Null);
                        if let Some(id) = v["id"].as_str() {
                            acknowledged.push((id.to_owned(), i));
                        }
                    }
                    _ => break,
                }
            }
            acknowledged
        })
    };
    // Let a few hundred writes through, then kill the process outright.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let acknowledged = writer.await.unwrap();
    assert!(
        !acknowledged.is_empty(),
        "some writes were acknowledged before the kill"
    );
    eprintln!("{} writes acknowledged before SIGKILL", acknowledged.len());
    drop(server);

    let server = Server::start(database_url, &[]);
    let mut stored = std::collections::BTreeMap::new();
    let mut next = Some(server.url("/api/v1/events?limit=200"));
    while let Some(page_url) = next {
        let page: Value = client
            .get(&page_url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for e in page["items"].as_array().unwrap() {
            stored.insert(e["id"].as_str().unwrap().to_owned(), e.clone());
        }
        next = page["next"].as_str().map(str::to_owned);
    }
    for (id, i) in &acknowledged {
        let event = stored
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged write {i} ({id}) is missing"));
        assert_eq!(event["title"], format!("Write {i}"));
        assert_eq!(
            event["participants"].as_array().unwrap().len(),
            2,
            "no partial write"
        );
    }
    // At most one write can have committed without its answer reaching the client.
    assert!(
        stored.len() <= acknowledged.len() + 1,
        "{} stored, {} acknowledged",
        stored.len(),
        acknowledged.len()
    );
    for event in stored.values() {
        assert_eq!(
            event["participants"].as_array().unwrap().len(),
            2,
            "every stored event is whole"
        );
    }
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_on_sqlite() {
    let db = Database::sqlite();
    acknowledged_writes_survive_sigkill(&db.url).await;
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill_on_postgres() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    acknowledged_writes_survive_sigkill(&db.url).await;
    db.drop_async().await;
}
