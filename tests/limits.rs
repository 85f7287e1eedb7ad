//! Black-box tests of a running `tandem serve` at its limits (DESIGN §9, §11): the per-client
//! rate limit over real TCP, a saturated database pool answered 503 with `Retry-After` rather
//! than a hang, and SIGTERM finishing the request in flight while refusing new connections.
//!
//! Nothing here waits for a guess of how long something takes: a request is held in flight by
//! a PostgreSQL lock the test takes (the server's query waits on it for as long as the test
//! keeps it), and every wait is an upper bound against hangs.

mod common;

use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use common::{Database, Server};
use serde_json::Value;
use sqlx::{Connection, PgConnection};

const EVENTS: &str = "/api/v1/events";

/// Upper bound of any single wait in these tests.
const PATIENCE: Duration = Duration::from_secs(60);

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(PATIENCE)
        .build()
        .expect("client")
}

/// Status, headers and JSON body of a GET.
async fn get(client: &reqwest::Client, url: &str) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = client.get(url).send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response.json().await.unwrap_or(Value::Null),
    )
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("a {name} header in {headers:?}"))
}

/// Takes `events` away from everyone else until the returned connection rolls back (or is
/// dropped): any query the server makes on it waits, holding its pooled connection.
async fn lock_events(database_url: &str) -> PgConnection {
    let mut conn = PgConnection::connect(database_url)
        .await
        .expect("connect to the test database");
    sqlx::raw_sql("BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        .execute(&mut conn)
        .await
        .expect("lock events");
    conn
}

async fn unlock(mut conn: PgConnection) {
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut conn)
        .await
        .expect("unlock events");
}

/// Waits until a session of the test database other than ours waits for a lock: the
/// server's query is then in flight and held.
async fn until_a_query_waits_for_the_lock(database_url: &str) {
    let mut observer = PgConnection::connect(database_url)
        .await
        .expect("connect to the test database");
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(&mut observer)
        .await
        .expect("pg_stat_activity");
        if waiting > 0 {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the server's query never reached the lock"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The rate limit of the real server counts clients by their TCP peer: past the burst a
/// client gets a 429 problem with Retry-After, and an X-Forwarded-For it writes itself (no
/// proxy is trusted by default) changes nothing; probes are never limited.
#[tokio::test]
async fn the_rate_limit_counts_clients_by_peer_address() {
    let db = Database::sqlite();
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[
            ("TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND", "1"),
            ("TANDEM__RATE_LIMIT__BURST", "3"),
        ],
    );
    let client = client();
    let mut refusal = None;
    // A refill of one a second cannot keep up with 53 requests in a row.
    for _ in 0..53 {
        let reply = get(&client, &server.url(EVENTS)).await;
        if reply.0 == 429 {
            refusal = Some(reply);
            break;
        }
        assert_eq!(reply.0, 200, "{}", reply.2);
    }
    let (_, headers, problem) = refusal.expect("the client was limited");
    assert!(header(&headers, "content-type").starts_with("application/problem+json"));
    assert!(
        header(&headers, "retry-after")
            .parse::<u64>()
            .expect("seconds")
            >= 1
    );
    assert_eq!(problem["status"], 429);
    assert_eq!(
        problem["type"],
        "https://tandem.itu.int/problems/rate-limited"
    );
    let forged = client
        .get(server.url(EVENTS))
        .header("x-forwarded-for", "203.0.113.77")
        .send()
        .await
        .expect("request");
    assert_eq!(
        forged.status().as_u16(),
        429,
        "a forged address buys nothing"
    );
    assert_eq!(get(&client, &server.url("/healthz")).await.0, 200);
    assert_eq!(get(&client, &server.url("/readyz")).await.0, 200);
}

/// One pooled connection, held by a request whose query waits on a lock: the next request
/// needing the database is answered 503 with Retry-After and a problem document once the
/// acquire timeout passes (not after the request timeout, not never), readiness says so too,
/// and everything answers normally once the lock is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saturated_pool_answers_503_with_retry_after() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[
            ("TANDEM__DATABASE__MAX_CONNECTIONS", "1"),
            ("TANDEM__DATABASE__ACQUIRE_TIMEOUT_SECONDS", "1"),
            // The held request must outlive any slowness of this machine.
            ("TANDEM__SERVER__REQUEST_TIMEOUT_SECONDS", "600"),
        ],
    );
    let client = client();
    assert_eq!(get(&client, &server.url(EVENTS)).await.0, 200);

    let lock = lock_events(&db.url).await;
    // Two reads of events: whichever gets the one connection waits on the lock with it; the
    // other cannot get a connection.
    let mut first = tokio::spawn({
        let (client, url) = (client.clone(), server.url(EVENTS));
        async move { get(&client, &url).await }
    });
    let mut second = tokio::spawn({
        let (client, url) = (client.clone(), server.url(EVENTS));
        async move { get(&client, &url).await }
    });
    let (refused, held) = tokio::time::timeout(PATIENCE, async {
        tokio::select! {
            reply = &mut first => (reply.expect("request task"), second),
            reply = &mut second => (reply.expect("request task"), first),
        }
    })
    .await
    .expect("one of the two is answered while the lock is held");
    let (status, headers, problem) = refused;
    assert_eq!(status, 503, "{problem}");
    assert_eq!(header(&headers, "retry-after"), "2");
    assert!(header(&headers, "content-type").starts_with("application/problem+json"));
    assert_eq!(
        problem["type"],
        "https://tandem.itu.int/problems/unavailable"
    );
    assert_eq!(problem["status"], 503);
    let (status, headers, _) = get(&client, &server.url("/readyz")).await;
    assert_eq!(status, 503, "not ready while the pool is saturated");
    assert_eq!(header(&headers, "retry-after"), "2");
    // A page whose first step is reading the browser's web session (kept in the database)
    // is a busy page too, not an internal error.
    let page = client
        .get(server.url("/clashes"))
        .header("cookie", "tandem_session=AAAAAAAAAAAAAAAAAAAAAA")
        .send()
        .await
        .expect("page request");
    assert_eq!(
        page.status().as_u16(),
        503,
        "the session's read is busy too"
    );
    assert_eq!(header(page.headers(), "retry-after"), "2");
    assert!(header(page.headers(), "content-type").starts_with("text/html"));

    unlock(lock).await;
    let (status, _, body) = tokio::time::timeout(PATIENCE, held)
        .await
        .expect("the held request finishes once the lock is gone")
        .expect("request task");
    assert_eq!(status, 200, "{body}");
    assert!(body["items"].is_array(), "{body}");
    assert_eq!(get(&client, &server.url("/readyz")).await.0, 200);
    assert_eq!(get(&client, &server.url(EVENTS)).await.0, 200);
    drop(server);
    db.drop_async().await;
}

/// SIGTERM while a request is in flight: the listener closes at once (a new connection is
/// refused while the process still runs), the request in flight is answered normally, and
/// then the process exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_request_in_flight_and_refuses_new_connections() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    let mut server = Server::start_with_env(
        &db.url,
        &[],
        &[("TANDEM__SERVER__REQUEST_TIMEOUT_SECONDS", "600")],
    );
    let address = server
        .base
        .strip_prefix("http://")
        .expect("http base")
        .to_owned();
    let client = client();
    assert_eq!(get(&client, &server.url(EVENTS)).await.0, 200);

    let lock = lock_events(&db.url).await;
    let in_flight = tokio::spawn({
        let (client, url) = (client.clone(), server.url(EVENTS));
        async move { get(&client, &url).await }
    });
    until_a_query_waits_for_the_lock(&db.url).await;

    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        match TcpStream::connect(&address) {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => break,
            // Accepted before the signal was handled: try again.
            Ok(stream) => drop(stream),
            Err(e) => panic!("connecting failed otherwise: {e}"),
        }
        assert!(
            std::time::Instant::now() < deadline,
            "new connections were still accepted long after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        server.child.try_wait().expect("try_wait").is_none(),
        "the process waits for the request in flight"
    );
    assert!(!in_flight.is_finished(), "the request is still held");

    unlock(lock).await;
    let (status, _, body) = tokio::time::timeout(PATIENCE, in_flight)
        .await
        .expect("the request in flight is answered")
        .expect("request task");
    assert_eq!(status, 200, "{body}");
    assert!(body["items"].is_array(), "{body}");
    let deadline = std::time::Instant::now() + PATIENCE;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().expect("try_wait") {
            break exit;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the process did not exit after its last request"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "SIGTERM exits 0, got {exit:?}");
    drop(server);
    db.drop_async().await;
}

/// A client that hangs up after its write committed does not cancel what follows the
/// commit: the server still runs the write's clash check and stores its clashes (the
/// handler runs to completion in its own task).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_whose_client_hangs_up_still_gets_its_clashes() {
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    let server = Server::start_with_env(
        &db.url,
        &[],
        &[("TANDEM__SERVER__REQUEST_TIMEOUT_SECONDS", "600")],
    );
    let token = common::token(&db.url, "admin", &[]);
    let client = client();
    let meeting = |title: &str, start: &str, end: &str| {
        serde_json::json!({"title": title, "kind": "meeting", "mode": "virtual", "status": "proposed",
            "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala", "start": start, "end": end})
    };
    let post = |body: Value| {
        let (client, url, token) = (client.clone(), server.url(EVENTS), token.clone());
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .expect("request")
        }
    };
    let first = post(meeting("SG3RG-AFR", "2027-05-10T09:00", "2027-05-10T12:00")).await;
    assert_eq!(first.status().as_u16(), 201);
    let first: Value = first.json().await.expect("json");

    // The clash list is locked: the second write commits its event, then its clash check
    // waits to store the clashes; meanwhile its client gives up.
    let mut lock = PgConnection::connect(&db.url).await.expect("connect");
    sqlx::raw_sql("BEGIN; LOCK TABLE clashes IN ACCESS EXCLUSIVE MODE")
        .execute(&mut lock)
        .await
        .expect("lock clashes");
    let second = tokio::spawn(post(meeting(
        "SG3RG-AFR rapporteurs",
        "2027-05-10T10:00",
        "2027-05-10T11:00",
    )));
    until_a_query_waits_for_the_lock(&db.url).await;
    second.abort();
    assert!(
        second.await.is_err_and(|e| e.is_cancelled()),
        "the client hung up"
    );
    sqlx::raw_sql("ROLLBACK")
        .execute(&mut lock)
        .await
        .expect("unlock clashes");

    let listed: Value = client
        .get(server.url("/api/v1/events?group=SG3RG-AFR&status=proposed"))
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "the second event was committed: {listed}");
    let second_id = items
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_owned())
        .find(|id| first["id"] != *id)
        .expect("the second event");
    let url = server.url(&format!(
        "/api/v1/clashes?type=group_overlap&event_id={second_id}&suggestions=false"
    ));
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let (status, _, body) = get(&client, &url).await;
        assert_eq!(status, 200, "{body}");
        if body["items"].as_array().is_some_and(|i| i.len() == 1) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the hung-up write never got its clashes: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(server);
    db.drop_async().await;
}
