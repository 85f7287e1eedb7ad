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

/// A client that shows redirects instead of following them (a sign-in answers 303).
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The `name=value` of cookie `name` among a response's `Set-Cookie` headers.
fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// The value of the hidden `csrf` field of the first form of a page.
fn csrf_field(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf field")
        .to_owned()
}

/// Signs in on `server` through the sign-in form; the `tandem_session=…` cookie.
async fn sign_in(client: &reqwest::Client, server: &Server, token: &str) -> String {
    let form = client
        .get(server.url("/signin"))
        .send()
        .await
        .expect("sign-in form");
    let pair = set_cookie(&form, "tandem_signin_csrf").expect("the form's CSRF cookie");
    let csrf = csrf_field(&form.text().await.expect("the form"));
    let reply = client
        .post(server.url("/signin"))
        .header(reqwest::header::COOKIE, pair)
        .form(&[("token", token), ("csrf", &csrf), ("next", "/clashes")])
        .send()
        .await
        .expect("sign in");
    assert_eq!(reply.status(), 303, "signed in");
    set_cookie(&reply, "tandem_session").expect("a session cookie")
}

/// The clash dashboard as the browser holding `session` sees it: its status and page.
async fn dashboard(client: &reqwest::Client, server: &Server, session: &str) -> (u16, String) {
    let page = client
        .get(server.url("/clashes"))
        .header(reqwest::header::COOKIE, session)
        .send()
        .await
        .expect("the dashboard");
    (
        page.status().as_u16(),
        page.text().await.unwrap_or_default(),
    )
}

/// Web sessions live in the database: an organiser signed in before a restart is still
/// signed in after it, on the same database; signing out ends the session there too.
#[tokio::test]
async fn a_restart_signs_nobody_out() {
    let db = Database::sqlite();
    let token = common::token(&db.url, "organiser", &["AFR"]);
    let client = browser();
    let before = Server::start(&db.url, &[]);
    let session = sign_in(&client, &before, &token).await;
    assert_eq!(dashboard(&client, &before, &session).await.0, 200);
    assert!(before.terminate().success());

    let after = Server::start(&db.url, &[]);
    let (status, page) = dashboard(&client, &after, &session).await;
    assert_eq!(status, 200, "still signed in after the restart: {page}");
    let out = client
        .post(after.url("/signout"))
        .header(reqwest::header::COOKIE, &session)
        .form(&[("csrf", csrf_field(&page))])
        .send()
        .await
        .expect("sign out");
    assert_eq!(out.status(), 303);
    assert_eq!(
        dashboard(&client, &after, &session).await.0,
        303,
        "signed out"
    );
}

/// Two instances on one PostgreSQL: a browser signed in on one is signed in on the other
/// (the proxy needs no affinity), and signing out on either ends the session on both.
#[tokio::test]
async fn any_instance_honours_a_sign_in() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    let token = common::token(&db.url, "organiser", &["EUR"]);
    let a = Server::start(&db.url, &[]);
    let b = Server::start(&db.url, &[]);
    let client = browser();
    let session = sign_in(&client, &a, &token).await;
    let (status, page) = dashboard(&client, &b, &session).await;
    assert_eq!(status, 200, "signed in on a, served by b: {page}");
    assert_eq!(dashboard(&client, &a, &session).await.0, 200);
    let out = client
        .post(b.url("/signout"))
        .header(reqwest::header::COOKIE, &session)
        .form(&[("csrf", csrf_field(&page))])
        .send()
        .await
        .expect("sign out");
    assert_eq!(out.status(), 303);
    assert_eq!(
        dashboard(&client, &a, &session).await.0,
        303,
        "signed out on b, so on a"
    );
    drop((a, b));
    db.drop_async().await;
}
