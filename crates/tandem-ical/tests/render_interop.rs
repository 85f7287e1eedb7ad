//! Interop (DESIGN §7: "every feed parses in strict and lenient third-party parsers and
//! round-trips every instant exactly"): the sample feeds and a free/busy, with the instants
//! they stand for, are handed to `scripts/interop.py`, which reads them with PyPI `ical`
//! (strict), `icalendar` and `recurring-ical-events`.
//!
//! The Python interpreter comes from `TANDEM_INTEROP_PYTHON` (CI: a venv with
//! `icalendar==7.3.2 ical==14.3.1 recurring-ical-events==3.8.2`). Without it the test says
//! it was skipped, unless `TANDEM_REQUIRE_INTEROP=1`, which makes that a failure.
//! `TANDEM_INTEROP_KEEP=DIR` writes the files to DIR instead of a temporary directory.
//!
//! The same files are read by ical.js (Mozilla's parser, Thunderbird's) through
//! `scripts/interop.mjs` when `TANDEM_INTEROP_ICALJS` names its package directory (CI:
//! `npm install ical.js@2.2.1` outside the clone); `TANDEM_REQUIRE_INTEROP=1` makes its
//! absence a failure too. Each file is read twice, the second time with every TZID renamed
//! to one no library knows, so the readers must use the VTIMEZONEs tandem wrote.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;
#[path = "render_feeds.rs"]
mod feeds;

use std::path::Path;
use std::process::Command;

use feeds::{expected_feed, expected_freebusy, feeds, freebusy, z, FREEBUSY_NAME, PRODID, RANGE};
use serde_json::{json, Value};
use tandem_ical::render::{render_calendar, render_freebusy, FeedCalendar};

fn script() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/interop.py")
}

/// DTSTART/DTEND of each VEVENT as instants (DTEND absent for an event without length).
fn expected_events(feed: &FeedCalendar) -> Vec<Value> {
    feed.events
        .iter()
        .map(|e| {
            let (start, end) = e.first_instants();
            json!({"uid": e.uid, "dtstart": z(start), "dtend": (end > start).then(|| z(end))})
        })
        .collect()
}

fn expected_json(feed: &FeedCalendar) -> Value {
    let occurrences: Vec<Value> = expected_feed(feed)
        .into_iter()
        .map(|o| json!({"uid": o.uid, "start": z(o.start), "end": z(o.end)}))
        .collect();
    json!({
        "range": {"start": RANGE.0, "end": RANGE.1},
        "events": expected_events(feed),
        "occurrences": occurrences,
        // Every VTIMEZONE is also checked on its own, under a TZID no library knows.
        "check_own_vtimezones": true,
    })
}

fn write(dir: &Path, name: &str, ics: &str, expected: &Value) {
    std::fs::write(dir.join(format!("{name}.ics")), ics).expect("write .ics");
    std::fs::write(
        dir.join(format!("{name}.expected.json")),
        serde_json::to_string_pretty(expected).expect("json"),
    )
    .expect("write .expected.json");
}

/// Writes every sample with its expected instants into `dir`, computed with the system's tz
/// database, which the readers use too when they know a TZID.
fn write_samples(dir: &Path) {
    common::install_system_tzdata();
    for (name, feed) in feeds() {
        let mut expected = expected_json(&feed);
        if name == "edges" {
            // A local start inside a DST gap: `ical` and `icalendar` (dateutil), when they
            // interpret a VTIMEZONE themselves, put it after the gap, against RFC 5545
            // §3.3.5. With the IANA TZID (the first pass) they use zoneinfo and read it right.
            expected["own_vtimezones_exempt_uids"] = json!(feeds::GAP_START_UIDS);
            // ical.js 2.2.1 (`Timezone.utcOffset`) reads a local time in a gap with the
            // offset after it and one that happens twice as its standard-time occurrence
            // (`want_daylight = false; // TODO`), against RFC 5545 §3.3.5, whatever the
            // VTIMEZONE: those events are left out of its pass.
            let mut icaljs: Vec<&str> = feeds::GAP_START_UIDS.to_vec();
            icaljs.extend(feeds::FOLD_UIDS);
            expected["icaljs_exempt_uids"] = json!(icaljs);
        }
        write(dir, name, &render_calendar(&feed, PRODID), &expected);
    }
    let fb: Vec<Value> = expected_freebusy()
        .into_iter()
        .map(|(fbtype, start, end)| json!({"fbtype": fbtype, "start": z(start), "end": z(end)}))
        .collect();
    write(
        dir,
        FREEBUSY_NAME,
        &render_freebusy("Amina Diallo — free/busy", &freebusy(), PRODID),
        &json!({"events": [], "occurrences": [], "freebusy": fb,
                "range": {"start": RANGE.0, "end": RANGE.1}, "check_own_vtimezones": false}),
    );
    // Nothing busy: one FREE period (RFC 5546 wants at least one FREEBUSY).
    let mut free = freebusy();
    free.busy.clear();
    free.tentative.clear();
    write(
        dir,
        "freebusy_all_free",
        &render_freebusy("all free", &free, PRODID),
        &json!({"events": [], "occurrences": [], "check_own_vtimezones": false,
                "range": {"start": RANGE.0, "end": RANGE.1},
                "freebusy": [{"fbtype": "FREE", "start": z(free.start), "end": z(free.end)}]}),
    );
}

#[test]
fn third_party_parsers_read_every_feed_and_every_instant() {
    let python = match std::env::var("TANDEM_INTEROP_PYTHON") {
        Ok(p) if !p.trim().is_empty() => p,
        _ => {
            assert!(
                std::env::var("TANDEM_REQUIRE_INTEROP").as_deref() != Ok("1"),
                "TANDEM_REQUIRE_INTEROP=1 but TANDEM_INTEROP_PYTHON is not set: point it at a \
                 Python with icalendar==7.3.2 ical==14.3.1 recurring-ical-events==3.8.2"
            );
            eprintln!(
                "interop skipped: set TANDEM_INTEROP_PYTHON to a Python with icalendar, ical \
                 and recurring-ical-events to run it"
            );
            return;
        }
    };
    let temp = tempfile::tempdir().expect("temporary directory");
    let dir = std::env::var("TANDEM_INTEROP_KEEP")
        .map_or_else(|_| temp.path().to_path_buf(), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).expect("output directory");
    write_samples(&dir);
    let output = Command::new(&python)
        .arg(script())
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "interop.py failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    // Every file was checked, none silently skipped.
    let files = std::fs::read_dir(&dir)
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ics"))
        })
        .count();
    assert_eq!(
        stdout.matches("\nok ").count() + usize::from(stdout.starts_with("ok ")),
        files
    );
}

/// The package directory of ical.js (`…/node_modules/ical.js`), or why the test is skipped.
fn icaljs_dir() -> Option<String> {
    match std::env::var("TANDEM_INTEROP_ICALJS") {
        Ok(p) if !p.trim().is_empty() => Some(p),
        _ => {
            assert!(
                std::env::var("TANDEM_REQUIRE_INTEROP").as_deref() != Ok("1"),
                "TANDEM_REQUIRE_INTEROP=1 but TANDEM_INTEROP_ICALJS is not set: point it at \
                 node_modules/ical.js of `npm install ical.js@2.2.1`"
            );
            eprintln!("ical.js interop skipped: set TANDEM_INTEROP_ICALJS to run it");
            None
        }
    }
}

#[test]
fn icaljs_reads_every_feed_and_every_instant() {
    let Some(icaljs) = icaljs_dir() else {
        return;
    };
    let temp = tempfile::tempdir().expect("temporary directory");
    write_samples(temp.path());
    let output = Command::new("node")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/interop.mjs"))
        .arg(temp.path())
        .env("ICALJS", &icaljs)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "interop.mjs failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let files = std::fs::read_dir(temp.path())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ics"))
        })
        .count();
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        files
    );
}
