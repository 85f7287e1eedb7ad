//! Property tests: `parse` and `busy` never panic, on arbitrary bytes and on corpus files
//! damaged at random (bounded numbers of cases, so the suite stays quick).
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

mod common;

use proptest::prelude::*;
use tandem_core::{Interval, Zone};

/// Pieces of real iCalendar syntax spliced into files, to reach deep code paths.
const FRAGMENTS: &[&str] = &[
    "\r\nRRULE:FREQ=SECONDLY\r\n",
    "\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
    "\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=-1,1;COUNT=4294967295\r\n",
    "\r\nRRULE:FREQ=DAILY;UNTIL=00010101\r\n",
    "\r\nEXDATE;VALUE=DATE:20240101,99991231\r\n",
    "\r\nRDATE;VALUE=PERIOD:20240101T000000Z/P9999W\r\n",
    "\r\nDURATION:-P1W\r\n",
    "\r\nDTEND;TZID=Pacific/Apia:20111230T120000\r\n",
    "\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:00010101T000000Z\r\n",
    "\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:DAYLIGHT\r\nDTSTART:99991231T235959\r\nTZOFFSETFROM:+2359\r\nTZOFFSETTO:-2359\r\nRRULE:FREQ=YEARLY\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n",
    "\r\nDTSTART;TZID=X:20270328T023000\r\n",
    "\r\nBEGIN:VEVENT\r\n",
    "\r\nEND:VEVENT\r\n",
    ";TZID=\"",
    "\r\n ",
    "\u{feff}",
    "\\",
];

fn year() -> Interval {
    Interval::new(
        "2024-01-01T00:00:00Z".parse().expect("instant"),
        "2025-01-01T00:00:00Z".parse().expect("instant"),
    )
    .expect("range")
}

fn exercise(bytes: &[u8]) {
    if let Ok(calendar) = tandem_ical::parse(bytes) {
        for zone in ["Europe/Zurich", "Pacific/Apia", "Australia/Lord_Howe"] {
            let zone = Zone::parse(zone).expect("zone");
            let _ = calendar.busy(zone, year());
        }
    }
}

/// A random edit of a corpus file.
#[derive(Clone, Debug)]
enum Edit {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (any::<usize>(), 0usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 0..FRAGMENTS.len()).prop_map(|(at, f)| Edit::Insert(at, f)),
        (any::<usize>(), 0usize..400).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match *e {
            Edit::Flip(at, b) => {
                if !bytes.is_empty() {
                    bytes[at % len] = b;
                }
            }
            Edit::Delete(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Edit::Insert(at, f) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, FRAGMENTS[f].bytes());
            }
            Edit::Duplicate(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary bytes never make `parse` or `busy` panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&bytes);
    }

    /// Text made of iCalendar fragments never makes `parse` or `busy` panic.
    #[test]
    fn fragment_soup_never_panics(pieces in proptest::collection::vec(0..FRAGMENTS.len(), 0..40)) {
        let mut text = String::from("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240301T100000Z\r\nRRULE:FREQ=DAILY\r\n");
        for piece in pieces {
            text.push_str(FRAGMENTS[piece]);
        }
        text.push_str("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        exercise(text.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Corpus files damaged by random edits never make `parse` or `busy` panic.
    #[test]
    fn mutated_corpus_files_never_panic(
        file in any::<prop::sample::Index>(),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let files = common::corpus_files();
        let path = file.get(&files);
        let bytes = std::fs::read(path).expect("readable corpus file");
        exercise(&apply(bytes, &edits));
    }
}
