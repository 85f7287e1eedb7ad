//! Invitations by e-mail against a real SMTP server (DESIGN §15, §13): `tandem serve` with
//! `TANDEM__MAIL__URL` pointing at a local aiosmtpd sink (`tests/mail/sink.py`), whose
//! messages Python's `email` and `icalendar` read back (`tests/mail/read.py`).
//!
//! The Python comes from `TANDEM_INTEROP_PYTHON` (CI: the interop venv, which `.ci/run`
//! gives aiosmtpd too); without it these tests say they were skipped, unless
//! `TANDEM_REQUIRE_INTEROP=1`. The PostgreSQL ones need `TANDEM_TEST_POSTGRES` as the rest.
//! Nothing here measures time: waits poll until a condition holds, with a generous bound.
#![allow(clippy::indexing_slicing)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Database, Server};
use serde_json::{json, Value};

fn python() -> Option<String> {
    match std::env::var("TANDEM_INTEROP_PYTHON") {
        Ok(p) if !p.trim().is_empty() => Some(p),
        _ => {
            assert!(
                std::env::var("TANDEM_REQUIRE_INTEROP").as_deref() != Ok("1"),
                "TANDEM_REQUIRE_INTEROP=1 but TANDEM_INTEROP_PYTHON is not set (a Python with \
                 aiosmtpd and icalendar)"
            );
            eprintln!("mail tests skipped: set TANDEM_INTEROP_PYTHON to a Python with aiosmtpd");
            None
        }
    }
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/mail")
        .join(name)
}

/// A free loopback port (bound and released: the sink takes it next).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The aiosmtpd sink, killed when dropped.
struct Sink {
    child: Child,
}

impl Sink {
    fn start(python: &str, port: u16, dir: &Path, rcpt_delay: f64) -> Self {
        let mut child = Command::new(python)
            .arg(script("sink.py"))
            .args(["--port", &port.to_string(), "--dir"])
            .arg(dir)
            .args(["--rcpt-delay", &rcpt_delay.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
            .expect("sink output");
        assert!(line.starts_with("listening"), "sink: {line}");
        Self { child }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the sink holds, read by Python's `email` and `icalendar`.
fn received(python: &str, dir: &Path) -> Vec<Value> {
    let out = Command::new(python)
        .arg(script("read.py"))
        .arg(dir)
        .output()
        .expect("run read.py");
    assert!(
        out.status.success(),
        "read.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Waits until the sink holds at least `n` messages (at most `within`).
fn wait_for(python: &str, dir: &Path, n: usize, within: Duration) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let count = std::fs::read_dir(dir).map_or(0, |d| {
            d.filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "eml"))
            })
            .count()
        });
        if count >= n || start.elapsed() > within {
            return received(python, dir);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Mail settings for a server sending to `port`: quick polls and retries for the tests.
fn mail_env(port: u16) -> Vec<(String, String)> {
    vec![
        (
            "TANDEM__MAIL__URL".into(),
            format!("smtp://127.0.0.1:{port}"),
        ),
        ("TANDEM__MAIL__POLL_SECONDS".into(), "1".into()),
        ("TANDEM__MAIL__RETRY_BASE_SECONDS".into(), "1".into()),
        ("TANDEM__MAIL__RETRY_MAX_SECONDS".into(), "2".into()),
        ("TANDEM__MAIL__LEASE_SECONDS".into(), "4".into()),
        ("TANDEM__MAIL__TIMEOUT_SECONDS".into(), "2".into()),
        ("TANDEM__MAIL__MAX_ATTEMPTS".into(), "1000".into()),
        ("TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND".into(), "0".into()),
    ]
}

fn start(database: &str, env: &[(String, String)]) -> Server {
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Server::start_with_env(database, &[], &pairs)
}

fn meeting(title: &str, day: u32) -> Value {
    json!({
        "title": title, "kind": "meeting", "mode": "hybrid", "status": "confirmed",
        "region": "AFR", "tz": "Africa/Douala",
        "start": format!("2027-03-{day:02}T09:00"), "end": format!("2027-03-{day:02}T17:30"),
        "remote_url": "https://meet.example.org/j/1",
        "participants": [
            {"id": "p-bkk", "name": "Somchai Prasert", "tz": "Asia/Bangkok", "attendance": "remote",
             "required": false, "email": format!("somchai.{day}@example.org")},
            {"id": "p-scl", "tz": "America/Santiago", "attendance": "remote",
             "email": format!("valentina.{day}@example.org")},
            {"id": "p-none", "tz": "Africa/Douala"},
        ],
    })
}

async fn call(
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

/// (uid, sequence, recipient, method) of each message, counted.
fn keys(messages: &[Value]) -> BTreeMap<(String, i64, String, String), usize> {
    let mut out = BTreeMap::new();
    for m in messages {
        let e = &m["events"][0];
        let key = (
            e["uid"].as_str().unwrap_or_default().to_owned(),
            e["sequence"].as_i64().unwrap_or(-1),
            m["to"].as_str().unwrap_or_default().to_owned(),
            m["method"].as_str().unwrap_or_default().to_owned(),
        );
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

fn uid(event: &Value) -> String {
    format!("{}@tandem", event["id"].as_str().unwrap())
}

/// The messages about `event` at `sequence`, by recipient.
fn about<'a>(messages: &'a [Value], event: &Value, sequence: i64) -> Vec<&'a Value> {
    let uid = uid(event);
    let mut found: Vec<&Value> = messages
        .iter()
        .filter(|m| m["events"][0]["uid"] == uid.as_str() && m["events"][0]["sequence"] == sequence)
        .collect();
    found.sort_by_key(|m| m["to"].as_str().unwrap_or_default().to_owned());
    found
}

/// Each message carries the API's instants, the method in MIME and iCalendar, and the
/// participant as ATTENDEE with the ROLE of `required`.
fn check(messages: &[&Value], event: &Value, method: &str) {
    assert_eq!(
        messages.len(),
        2,
        "one per participant with an address: {messages:?}"
    );
    for m in messages {
        assert_eq!(m["content_type"], "multipart/alternative", "{m}");
        assert_eq!(m["parts"], json!(["text/plain", "text/calendar"]), "{m}");
        assert_eq!(m["mime_method"], method, "{m}");
        assert_eq!(m["method"], method, "{m}");
        assert_eq!(m["charset"], "utf-8", "{m}");
        assert_eq!(m["vtimezones"], json!(["Africa/Douala"]), "{m}");
        let e = &m["events"][0];
        assert_eq!(e["dtstart"], event["starts_at"], "{m}");
        assert_eq!(e["dtend"], event["ends_at"], "{m}");
        assert_eq!(e["sequence"], event["sequence"], "{m}");
        assert_eq!(e["rsvp"], "FALSE");
        let to = m["to"].as_str().unwrap();
        let address = to
            .rsplit_once('<')
            .map_or(to, |(_, a)| a.trim_end_matches('>'));
        assert_eq!(
            e["attendee"].as_str().unwrap(),
            format!("mailto:{address}"),
            "{m}"
        );
        let role = if to.contains("somchai") {
            "OPT-PARTICIPANT"
        } else {
            "REQ-PARTICIPANT"
        };
        assert_eq!(e["role"], role, "{m}");
        if method == "CANCEL" {
            assert_eq!(e["status"], "CANCELLED");
        }
    }
    // The Bangkok participant reads the time on their own clock.
    let bangkok = messages
        .iter()
        .find(|m| m["to"].as_str().unwrap().contains("somchai"))
        .unwrap();
    let text = bangkok["text"].as_str().unwrap();
    // 09:00 in Douala (UTC+1) is 15:00 in Bangkok (UTC+7); moved to 10:00, 16:00. The zone
    // is named in English, or in French for the participant who reads French.
    let start = if event["sequence"] == 0 {
        "15:00"
    } else {
        "16:00"
    };
    let zone = ["(Indochina Time, GMT+7)", "(heure d’Indochine, UTC+7)"];
    assert!(
        text.contains(&format!(" 2027, {start} – ")) && zone.iter().any(|z| text.contains(z)),
        "{bangkok}"
    );
}

/// A participant whose `language` is `fr` gets the subject and the plain-text part in
/// French (DESIGN §16), the calendar part being the same; one without a language gets
/// English. Read back by Python's `email`.
#[tokio::test]
async fn the_text_part_is_in_the_participants_language() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let _sink = Sink::start(&python, port, dir.path(), 0.0);
    let db = Database::sqlite();
    let admin = common::token(&db.url, "admin", &[]);
    let server = start(&db.url, &mail_env(port));
    let client = reqwest::Client::new();
    let mut body = meeting("Réunion du SG3RG-AFR", 12);
    body["participants"][0]["language"] = json!("fr");
    let (status, created) = call(
        &client,
        reqwest::Method::POST,
        &server.url("/api/v1/events"),
        &admin,
        Some(&body),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["participants"][0]["language"], "fr", "{created}");
    assert!(created["participants"][1].get("language").is_none());
    let got = wait_for(&python, dir.path(), 2, Duration::from_secs(60));
    let messages = about(&got, &created, 0);
    check(&messages, &created, "REQUEST");
    let to = |who: &str| {
        messages
            .iter()
            .find(|m| m["to"].as_str().unwrap().contains(who))
            .unwrap_or_else(|| panic!("a message to {who}: {messages:?}"))
    };
    let french = to("somchai");
    let text = french["text"].as_str().unwrap();
    assert_eq!(
        french["subject"], "Invitation\u{a0}: Réunion du SG3RG-AFR",
        "{french}"
    );
    for line in [
        "Invitation\u{a0}: Réunion du SG3RG-AFR",
        "Quand\u{a0}: vendredi 12 mars 2027, 15:00 – 23:30 (",
        "Participation à distance\u{a0}: https://meet.example.org/j/1",
        "Votre participation est facultative.",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert!(!text.contains("When:"), "{text}");
    let english = to("valentina")["text"].as_str().unwrap();
    assert!(english.contains("When:   ") && english.contains("You are a required participant."));
}

#[tokio::test]
async fn create_patch_and_cancel_reach_each_participant_once() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let _sink = Sink::start(&python, port, dir.path(), 0.0);
    let db = Database::sqlite();
    let admin = common::token(&db.url, "admin", &[]);
    let server = start(&db.url, &mail_env(port));
    let client = reqwest::Client::new();

    let (status, created) = call(
        &client,
        reqwest::Method::POST,
        &server.url("/api/v1/events"),
        &admin,
        Some(&meeting("SG3RG-AFR meeting", 10)),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let got = wait_for(&python, dir.path(), 2, Duration::from_secs(60));
    check(&about(&got, &created, 0), &created, "REQUEST");

    let path = server.url(&format!(
        "/api/v1/events/{}",
        created["id"].as_str().unwrap()
    ));
    let (status, moved) = call(
        &client,
        reqwest::Method::PATCH,
        &path,
        &admin,
        Some(&json!({"start": "2027-03-10T10:00", "end": "2027-03-10T18:00"})),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["sequence"], 1);
    let got = wait_for(&python, dir.path(), 4, Duration::from_secs(60));
    check(&about(&got, &moved, 1), &moved, "REQUEST");

    let (status, cancelled) = call(&client, reqwest::Method::DELETE, &path, &admin, None).await;
    assert_eq!(status, 200, "{cancelled}");
    let got = wait_for(&python, dir.path(), 6, Duration::from_secs(60));
    check(&about(&got, &cancelled, 2), &cancelled, "CANCEL");
    assert!(
        keys(&got).values().all(|n| *n == 1),
        "nothing twice: {:?}",
        keys(&got)
    );
    assert_eq!(got.len(), 6);

    let (status, deliveries) = call(
        &client,
        reqwest::Method::GET,
        &format!("{path}/deliveries"),
        &admin,
        None,
    )
    .await;
    assert_eq!(status, 200, "{deliveries}");
    let items = deliveries["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{deliveries}");
    assert!(
        items
            .iter()
            .all(|d| d["state"] == "sent" && d["method"] == "CANCEL" && d["sequence"] == 2),
        "{deliveries}"
    );
    let metrics = client
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("tandem_mail_sent_total 6"), "{metrics}");
}

#[tokio::test]
async fn messages_wait_while_the_mail_server_is_down_and_go_out_once_when_it_returns() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let db = Database::sqlite();
    let admin = common::token(&db.url, "admin", &[]);
    let server = start(&db.url, &mail_env(port));
    let client = reqwest::Client::new();
    let mut events = Vec::new();
    for day in 10..13 {
        let (status, e) = call(
            &client,
            reqwest::Method::POST,
            &server.url("/api/v1/events"),
            &admin,
            Some(&meeting("Down", day)),
        )
        .await;
        assert_eq!(status, 201, "{e}");
        events.push(e);
    }
    // Nothing listens: the sender retries, the deliveries say why.
    let deliveries_url = server.url(&format!(
        "/api/v1/events/{}/deliveries",
        events[0]["id"].as_str().unwrap()
    ));
    let start_wait = Instant::now();
    loop {
        let (_, d) = call(&client, reqwest::Method::GET, &deliveries_url, &admin, None).await;
        if d["items"]
            .as_array()
            .is_some_and(|i| i.iter().all(|x| x["attempts"].as_i64() >= Some(2)))
        {
            assert!(
                d["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|x| x["state"] == "pending" && x["last_error"].is_string()),
                "{d}"
            );
            break;
        }
        assert!(
            start_wait.elapsed() < Duration::from_secs(60),
            "no retries: {d}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let _sink = Sink::start(&python, port, dir.path(), 0.0);
    let got = wait_for(&python, dir.path(), 6, Duration::from_secs(60));
    for e in &events {
        assert_eq!(about(&got, e, 0).len(), 2, "{e}");
    }
    // Nothing twice, even after a while.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got = received(&python, dir.path());
    assert_eq!(got.len(), 6);
    assert!(keys(&got).values().all(|n| *n == 1));
    let metrics = client
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !metrics.contains("tandem_mail_retried_total 0\n"),
        "{metrics}"
    );
    drop(server);
}

/// The changes of a batch, committed before a SIGKILL, are all delivered after a restart.
async fn kill_mid_batch(db: &Database) {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    // Each recipient takes a while to accept: the kill lands mid-batch.
    let sink = Sink::start(&python, port, dir.path(), 0.2);
    let admin = common::token(&db.url, "admin", &[]);
    let server = start(&db.url, &mail_env(port));
    let client = reqwest::Client::new();
    let mut events = Vec::new();
    for day in 1..=10 {
        let (status, e) = call(
            &client,
            reqwest::Method::POST,
            &server.url("/api/v1/events"),
            &admin,
            Some(&meeting("Batch", day)),
        )
        .await;
        assert_eq!(status, 201, "{e}");
        events.push(e);
    }
    let before = wait_for(&python, dir.path(), 3, Duration::from_secs(60));
    drop(server); // SIGKILL
    assert!(
        before.len() < 20,
        "the kill came after the batch: {}",
        before.len()
    );
    drop(sink);
    let sink = Sink::start(&python, port, dir.path(), 0.0);
    let _server = start(&db.url, &mail_env(port));
    let got = wait_for(&python, dir.path(), 20, Duration::from_secs(90));
    for e in &events {
        assert!(about(&got, e, 0).len() >= 2, "{e}");
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let got = received(&python, dir.path());
    let counts = keys(&got);
    assert_eq!(
        counts.len(),
        20,
        "every committed change's messages delivered"
    );
    // SMTP cannot be exactly-once: a kill between the server's 250 and the outbox's
    // write-back resends the one message then in flight, under its own Message-ID (the
    // same outbox row, the same UID and SEQUENCE: calendars keep one copy). Nothing else
    // may arrive twice.
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.len() <= 1 && twice.iter().all(|(_, n)| **n == 2),
        "at most the message in flight at the kill is sent again: {counts:?}"
    );
    let mut ids: Vec<&str> = got
        .iter()
        .filter_map(|m| m["message_id"].as_str())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        all - ids.len(),
        got.len() - counts.len(),
        "a message sent again keeps its Message-ID"
    );
    drop(sink);
}

#[tokio::test]
async fn a_sigkill_mid_batch_loses_nothing_on_sqlite() {
    kill_mid_batch(&Database::sqlite()).await;
}

#[tokio::test]
async fn a_sigkill_mid_batch_loses_nothing_on_postgres() {
    let Some(admin) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin).await;
    kill_mid_batch(&db).await;
    db.drop_async().await;
}

#[tokio::test]
async fn two_instances_on_one_postgres_send_each_message_once() {
    let Some(python) = python() else { return };
    let Some(admin_url) = common::postgres_url() else {
        return;
    };
    let db = Database::postgres(&admin_url).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let _sink = Sink::start(&python, port, dir.path(), 0.05);
    let admin = common::token(&db.url, "admin", &[]);
    let a = start(&db.url, &mail_env(port));
    let b = start(&db.url, &mail_env(port));
    let client = reqwest::Client::new();
    let mut events = Vec::new();
    for day in 1..=12 {
        let server = if day % 2 == 0 { &a } else { &b };
        let (status, e) = call(
            &client,
            reqwest::Method::POST,
            &server.url("/api/v1/events"),
            &admin,
            Some(&meeting("Twice", day)),
        )
        .await;
        assert_eq!(status, 201, "{e}");
        events.push(e);
    }
    let got = wait_for(&python, dir.path(), 24, Duration::from_secs(90));
    for e in &events {
        assert_eq!(about(&got, e, 0).len(), 2, "{e}");
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let got = received(&python, dir.path());
    let counts = keys(&got);
    assert_eq!(counts.len(), 24);
    assert!(counts.values().all(|n| *n == 1), "sent once: {counts:?}");
    drop((a, b));
    db.drop_async().await;
}
