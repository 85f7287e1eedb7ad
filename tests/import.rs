//! Black-box tests of `tandem import` (DESIGN §8, §10): the binary imports a file or a URL
//! into the database, prints the id and event count, refuses bad input with exit code 2, and
//! what it stored is what `tandem serve` shows. The only network traffic is to a server the
//! test runs on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;

use common::{run, Database, Server};
use serde_json::Value;

const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n\
    X-WR-CALNAME:Dakar office\r\nBEGIN:VEVENT\r\nUID:a@tests\r\nDTSTAMP:20260101T000000Z\r\n\
    DTSTART:20270301T090000Z\r\nDTEND:20270301T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n\
    UID:b@tests\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20270302T090000Z\r\n\
    DTEND:20270302T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// Serves `body` as a calendar to each connection on 127.0.0.1, in a background thread.
fn calendar_server(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nETag: \"1\"\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://127.0.0.1:{port}/calendar.ics")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The id printed first on the line `ID<TAB>N events<TAB>NAME`.
fn printed(out: &std::process::Output) -> (String, String, String) {
    let text = stdout(out);
    let mut fields = text.trim_end().split('\t');
    let id = fields.next().unwrap_or_default().to_owned();
    let count = fields.next().unwrap_or_default().to_owned();
    let name = fields.next().unwrap_or_default().to_owned();
    (id, count, name)
}

#[tokio::test]
async fn a_file_and_a_url_are_imported_and_served() {
    let db = Database::sqlite();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("dakar.ics");
    std::fs::write(&file, CALENDAR).expect("write");
    let out = run(
        &[
            "import",
            file.to_str().expect("path"),
            "--owner",
            "dakar-office",
            "--database",
            &db.url,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (id, count, name) = printed(&out);
    assert_eq!(
        (count.as_str(), name.as_str()),
        ("2 events", "Dakar office")
    );
    // Standard output is not a terminal here: no progress bar, nothing on standard error.
    assert_eq!(stderr(&out), "");

    let config = dir.path().join("tandem.toml");
    std::fs::write(&config, "[import]\nallow_hosts = [\"127.0.0.1\"]\n").expect("write");
    let url = calendar_server(CALENDAR);
    let out = run(
        &[
            "import",
            &url,
            "--name",
            "From the web",
            "--config",
            config.to_str().expect("path"),
            "--database",
            &db.url,
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (url_id, count, name) = printed(&out);
    assert_eq!(
        (count.as_str(), name.as_str()),
        ("2 events", "From the web")
    );

    let server = Server::start(&db.url, &[]);
    let client = reqwest::Client::new();
    let shown: Value = client
        .get(server.url(&format!("/api/v1/calendars/{id}")))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(shown["event_count"], 2);
    assert_eq!(shown["owner"], "dakar-office");
    assert_eq!(shown["source"], "inline");
    let shown: Value = client
        .get(server.url(&format!("/api/v1/calendars/{url_id}")))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    assert_eq!(shown["source"], "url");
    assert_eq!(shown["url"], url.as_str());
    assert!(shown["next_refresh_at"].is_string());
    let exit = server.terminate();
    assert!(
        exit.success(),
        "SIGTERM stops the server and its refresher: {exit:?}"
    );
}

#[test]
fn bad_input_is_refused_with_exit_code_2() {
    let db = Database::sqlite();
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ics");
    std::fs::write(
        &broken,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nno colon here\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let broken = broken.to_str().expect("path").to_owned();
    let missing = dir.path().join("missing.ics");
    let missing = missing.to_str().expect("path").to_owned();
    for (args, expected) in [
        (vec!["import", broken.as_str()], "line 4"),
        (vec!["import", missing.as_str()], "missing.ics"),
        (vec!["import", "http://10.0.0.1/cal.ics"], "private"),
        (vec!["import", "http://localhost:9/cal.ics"], "loopback"),
        (vec!["import", "ftp://example.org/cal.ics"], "scheme"),
        (
            vec!["import", broken.as_str(), "--owner", "not an id"],
            "--owner",
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--database", db.url.as_str()]);
        let out = run(&all, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

#[tokio::test]
async fn demo_venues_have_their_holiday_calendars() {
    let db = Database::sqlite();
    let server = Server::start(&db.url, &["--demo"]);
    let client = reqwest::Client::new();
    let calendars: Value = client
        .get(server.url("/api/v1/calendars"))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let venues: Value = client
        .get(server.url("/api/v1/venues"))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let cairo = venues
        .as_array()
        .expect("venues")
        .iter()
        .find(|v| v["city"] == "Cairo")
        .expect("the Cairo venue");
    let holidays: Vec<&Value> = calendars
        .as_array()
        .expect("calendars")
        .iter()
        .filter(|c| c["venue_id"] == cairo["id"])
        .collect();
    assert_eq!(holidays.len(), 1, "{calendars}");
    assert!(holidays[0]["event_count"].as_u64().unwrap_or(0) > 10);
    assert!(server.terminate().success());
}
