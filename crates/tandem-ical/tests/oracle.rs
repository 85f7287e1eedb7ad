//! tandem-ical against the reference expansion (icalendar 7.3.2 + recurring-ical-events
//! 3.8.2, `scripts/expand_corpus.py`) on every corpus file the reference expands.
//!
//! The comparison is exact, as multisets of (uid, start, end, all_day), over the range
//! and owner zone the script uses. The only files allowed to differ are listed in
//! [`EXCEPTIONS`], each where the reference contradicts RFC 5545 or DESIGN §2–§3 (the same
//! table is in the README).

mod common;

use std::collections::BTreeMap;

use tandem_core::{Interval, Zone};

/// Files where tandem-ical deliberately differs from the reference, and why.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "collective__exchange_tokyo_standard_time_bad_end.ics",
        "ends with END:VCALENDARD, which closes nothing: tandem-ical names line 23 instead of \
         guessing (DESIGN §8: strict about what cannot be understood; a garbled file must not \
         replace the previous good copy); the reference closes the calendar anyway",
    ),
    (
        "collective__many_empty_vevents.ics",
        "END:VCALENDAR is missing, as in a truncated download: tandem-ical refuses the file \
         (DESIGN §8: a refresh never half-replaces a calendar); the reference accepts it",
    ),
    (
        "collective__vtimezone_rdate_posix_vaduz.ics",
        "line 53 'SUMMARY=testevent' is not a content line (RFC 5545 §3.1): tandem-ical \
         names it (DESIGN §8); the reference drops the line silently",
    ),
    (
        "rie__issue_201_dtstart_date_dtend_datetime.ics",
        "DTSTART is a DATE, so the event is all-day and spans the owner's local days \
         (DESIGN §2), ending on the date of the (mismatched, UTC) DTEND; the reference turns \
         the DATE into midnight UTC and the event into a timed one",
    ),
    (
        "rie__issue_75_recurrence_id_range_thisandfuture.ics",
        "UNTIL=20250920 (a DATE) bounds the rule inclusively (RFC 5545 §3.3.10), so the \
         instance of 2025-09-20 12:00Z exists (and is moved to 09-21 by THISANDFUTURE); the \
         reference reads the DATE as 00:00Z and drops that last instance",
    ),
];

type Row = (String, String, String, bool);

fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/tests/fixtures/expansion/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("missing fixture {path} ({e}): run scripts/expand_corpus.py"));
    serde_json::from_str(&text).expect("fixture is JSON")
}

fn rows(list: &serde_json::Value) -> Vec<Row> {
    let mut rows: Vec<Row> = list
        .as_array()
        .expect("a list of occurrences")
        .iter()
        .map(|o| {
            (
                o["uid"].as_str().expect("uid").to_owned(),
                o["start"].as_str().expect("start").to_owned(),
                o["end"].as_str().expect("end").to_owned(),
                o["all_day"].as_bool().expect("all_day"),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// What differs between two sorted multisets, for the failure message.
fn difference(want: &[Row], got: &[Row]) -> String {
    let mut count: BTreeMap<&Row, i64> = BTreeMap::new();
    for row in want {
        *count.entry(row).or_default() += 1;
    }
    for row in got {
        *count.entry(row).or_default() -= 1;
    }
    let missing: Vec<_> = count.iter().filter(|(_, n)| **n > 0).take(4).collect();
    let extra: Vec<_> = count.iter().filter(|(_, n)| **n < 0).take(4).collect();
    format!(
        "reference {} vs tandem-ical {}; missing (first 4): {missing:?}; extra (first 4): {extra:?}",
        want.len(),
        got.len()
    )
}

#[test]
fn expansion_matches_the_reference() {
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut matched_exceptions = Vec::new();
    for path in common::corpus_files() {
        let name = common::name(&path);
        let fixture = fixture(&name);
        let Some(expected) = fixture.get("occurrences") else {
            continue; // the reference rejects this file; tests/corpus.rs covers it
        };
        let owner = Zone::parse(fixture["owner_zone"].as_str().expect("owner_zone")).expect("zone");
        let range = Interval::new(
            fixture["range"]["start"]
                .as_str()
                .expect("start")
                .parse()
                .expect("instant"),
            fixture["range"]["end"]
                .as_str()
                .expect("end")
                .parse()
                .expect("instant"),
        )
        .expect("range");
        let want = rows(expected);
        let bytes = std::fs::read(&path).expect("readable corpus file");
        let got: Vec<Row> = match tandem_ical::parse(&bytes) {
            Ok(calendar) => {
                let mut got: Vec<Row> = calendar
                    .occurrences(owner, range)
                    .into_iter()
                    .map(|o| {
                        (
                            o.uid,
                            o.start.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                            o.end.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                            o.all_day,
                        )
                    })
                    .collect();
                got.sort();
                got
            }
            Err(e) => vec![(
                "<parse error>".to_owned(),
                e.to_string(),
                String::new(),
                false,
            )],
        };
        compared += 1;
        let exception = EXCEPTIONS.iter().find(|(file, _)| *file == name);
        match (want == got, exception) {
            (true, None) | (false, Some(_)) => {}
            (true, Some(_)) => matched_exceptions.push(name),
            (false, None) => failures.push(format!("{name}: {}", difference(&want, &got))),
        }
    }
    assert!(compared >= 60, "only {compared} files compared");
    assert!(
        matched_exceptions.is_empty(),
        "listed as exceptions but now equal to the reference (remove them): {matched_exceptions:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {compared} files differ from the reference:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_exception_names_a_corpus_file_with_a_reason() {
    let names: Vec<String> = common::corpus_files()
        .iter()
        .map(|p| common::name(p))
        .collect();
    for (file, reason) in EXCEPTIONS {
        assert!(
            names.iter().any(|n| n == file),
            "{file} is not in the corpus"
        );
        assert!(reason.len() > 20, "{file}: give the reason");
    }
}
