//! `tandem find REQUEST.json`: the window search from files, with calendars relative to the
//! request file; bad input is a message and exit code 2.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::string_slice)]

mod common;

use std::path::Path;

use serde_json::{json, Value};

fn write(dir: &Path, name: &str, content: &str) {
    std::fs::write(dir.join(name), content).unwrap();
}

const DAKAR_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTAMP:20270101T000000Z\r\n\
DTSTART;TZID=Africa/Dakar:20270301T090000\r\nDTEND;TZID=Africa/Dakar:20270301T130000\r\n\
RRULE:FREQ=DAILY;COUNT=5\r\nSUMMARY:Mornings taken\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn request(calendar: &str) -> Value {
    json!({
        "range": {"start": "2027-03-01T00:00:00Z", "end": "2027-03-06T00:00:00Z"},
        "duration_minutes": 120, "limit": 3,
        "participants": [
            {"id": "dakar-office", "tz": "Africa/Dakar", "calendars": [calendar]},
            {"id": "bangkok-office", "tz": "Asia/Bangkok", "required": false}
        ]
    })
}

fn find(dir: &Path, args: &[&str]) -> std::process::Output {
    let path = dir.join("request.json");
    let mut all = vec!["find", path.to_str().unwrap()];
    all.extend(args);
    common::run(&all, &[])
}

#[test]
fn calendars_are_read_relative_to_the_request() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cals")).unwrap();
    write(&dir.path().join("cals"), "dakar.ics", DAKAR_ICS);
    write(
        dir.path(),
        "request.json",
        &request("cals/dakar.ics").to_string(),
    );
    let out = find(dir.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: Value = serde_json::from_slice(&out.stdout).unwrap();
    let windows = result["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 3);
    for w in windows {
        let start = w["start"].as_str().unwrap();
        // Dakar (UTC+0) is busy 09:00–13:00 every day of the range: no 2-hour window may
        // start between 07:01 and 12:59.
        let minute: u32 =
            start[11..13].parse::<u32>().unwrap() * 60 + start[14..16].parse::<u32>().unwrap();
        assert!(minute <= 7 * 60 || minute >= 13 * 60, "{start}");
    }
    assert_eq!(
        windows[0]["available"],
        json!(["dakar-office", "bangkok-office"])
    );
    assert_eq!(
        windows[0]["local"]["bangkok-office"]["start"]
            .as_str()
            .unwrap()[19..],
        *"+07:00"
    );
    assert!(
        result["diagnostics"]["blocked_by"]["dakar-office"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn table_shows_each_window_in_local_time() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dakar.ics", DAKAR_ICS);
    write(
        dir.path(),
        "request.json",
        &request("dakar.ics").to_string(),
    );
    let out = find(dir.path(), &["--format", "table"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("#1") && text.contains("Africa/Dakar") && text.contains("Asia/Bangkok"),
        "{text}"
    );
    assert!(text.contains("(+07:00)"), "{text}");
}

#[test]
fn bad_requests_exit_2_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dakar.ics", DAKAR_ICS);
    write(
        dir.path(),
        "broken.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n",
    );
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"participants": [{"id": "a", "tz": "Africa/Yaounde"}]}),
            "participants[0].tz",
        ),
        (json!({"duration_minutes": 0}), "duration_minutes"),
        (json!({"step_minutes": -15}), "step_minutes"),
        (
            json!({"range": {"start": "2027-03-06T00:00:00Z", "end": "2027-03-01T00:00:00Z"}}),
            "range.end",
        ),
        (
            json!({"range": {"start": "2000-01-01T00:00:00Z", "end": "2030-01-01T00:00:00Z"}, "step_minutes": 1}),
            "candidate windows",
        ),
        (
            json!({"participants": [{"id": "a", "tz": "UTC", "calendars": ["missing.ics"]}]}),
            "cannot read",
        ),
        (
            json!({"participants": [{"id": "a", "tz": "UTC", "calendars": ["broken.ics"]}]}),
            "participants[0].calendars[0]",
        ),
        (
            json!({"participants": [{"id": "a", "tz": "UTC", "attendance": "in_person"}]}),
            "venue_tz",
        ),
        (json!({"duration_minutes": "long"}), "duration_minutes"),
    ];
    for (patch, expected) in cases {
        let mut body = request("dakar.ics");
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        write(dir.path(), "request.json", &body.to_string());
        let out = find(dir.path(), &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{expected}: {stderr}");
        assert!(
            stderr.contains(expected),
            "expected '{expected}' in: {stderr}"
        );
    }
    write(dir.path(), "request.json", "{ not json");
    let out = find(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = common::run(&["find", "/nonexistent/request.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}
