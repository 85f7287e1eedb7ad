//! Why feeds are not written through the `icalendar` crate (issue 14 asked for it, "the
//! generated VTIMEZONEs as its components"; DESIGN §7 fixes the bytes a feed must have).
//!
//! Each test below states one thing the crate's writer (0.17.17, the newest release) does
//! that a tandem feed must not, next to what `tandem_ical::render` writes. They pin the
//! crate's behaviour on purpose: when a release fixes one, its test fails, and that is the
//! moment to look again at moving that piece onto the crate.
//!
//! 1. Every component it writes without DTSTAMP or UID gets both, from the wall clock and a
//!    random UUID, VTIMEZONE, STANDARD and DAYLIGHT included. RFC 5545 §3.6.5 allows neither
//!    there; the feed's bytes (and so its ETag) would change on every request; and tandem
//!    reads the clock only through `tandem_core::clock`. The VTIMEZONEs cannot be its
//!    components (nor can the crate carry them any other way: it has no raw component).
//! 2. Its folding lets a continuation line reach 76 octets (a 150-octet content line), over
//!    RFC 5545 §3.1's 75.
//! 3. Its TEXT escaping leaves a carriage return as it is: a SUMMARY holding one ends the
//!    content line for a strict reader, and the rest is read as a property of its own.
//! 4. Its parameter values are quoted but not RFC 6868-encoded: a `"` in a CN is written bare
//!    (an invalid parameter); and the list parameter FEATURE=AUDIO,VIDEO (RFC 7986) is quoted
//!    into one value.
//! 5. Properties come out in alphabetical order (a `BTreeMap`), parameters too, so every
//!    VEVENT's bytes would differ from today's fixed order (UID, DTSTAMP, …) even where the
//!    crate is right.
//!
//! Items 2 to 4 could be worked around by cleaning values before handing them over, but 1
//! cannot, and with it the crate would write no valid feed; the renderer stays by hand
//! (`render::content` for lines, `render::vtimezone` for the zones), tested byte for byte.
#![allow(clippy::indexing_slicing)]

use chrono::{Duration, NaiveDate};
use icalendar::{Calendar, Component, Event, Property};
use tandem_core::Zone;
use tandem_ical::render::{
    render_calendar, vtimezone, FeedCalendar, FeedEvent, FeedStatus, Organizer,
};

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<chrono::Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
}

/// One event rendered by tandem, with `summary` and `organizer_name`.
fn tandem_feed(summary: &str, organizer_name: &str) -> String {
    let local = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2027, 3, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let stamp = at(2027, 3, 1);
    let feed = FeedCalendar {
        name: "AFR".into(),
        description: String::new(),
        refresh_interval: Duration::hours(12),
        events: vec![FeedEvent {
            uid: "e1@tandem".into(),
            dtstamp: stamp,
            last_modified: stamp,
            created: stamp,
            sequence: 0,
            status: FeedStatus::Confirmed,
            summary: summary.into(),
            description: None,
            zone: Zone::parse("Africa/Douala").unwrap(),
            local_start: local(10, 9),
            local_end: local(10, 17),
            rrule: None,
            location: None,
            geo: None,
            categories: vec![],
            url: None,
            conference: Some("https://meet.example.org/j/1".into()),
            related_to: vec![],
            organizer: Organizer {
                name: organizer_name.into(),
                email: "bdt@itu.int".into(),
            },
            transparent: false,
        }],
        languages: tandem_ical::render::FeedLanguages::default(),
    };
    render_calendar(&feed, "-//ITU//tandem//EN")
}

/// The lines of the first component named `name` in `ics`, BEGIN and END included.
fn component<'a>(ics: &'a str, name: &str) -> Vec<&'a str> {
    let begin = format!("BEGIN:{name}");
    let end = format!("END:{name}");
    ics.split("\r\n")
        .skip_while(|l| *l != begin)
        .take_while(|l| *l != end)
        .collect()
}

#[test]
fn its_writer_gives_every_vtimezone_a_clock_dtstamp_and_a_random_uid() {
    let zone = Zone::parse("Europe/Zurich").unwrap();
    let ours = vtimezone(zone, at(2026, 1, 1), at(2029, 1, 1));
    let wrapped = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{ours}END:VCALENDAR\r\n");
    let parsed: Calendar = wrapped.parse().expect("the crate reads tandem's VTIMEZONE");
    let mut calendar = Calendar::new();
    for c in parsed.components {
        calendar.push(c);
    }
    let once = calendar.to_string();
    let twice = calendar.to_string();

    let theirs = component(&once, "VTIMEZONE");
    assert!(theirs.iter().any(|l| l.starts_with("DTSTAMP:")), "{once}");
    assert!(theirs.iter().any(|l| l.starts_with("UID:")), "{once}");
    assert!(
        component(&once, "STANDARD")
            .iter()
            .any(|l| l.starts_with("DTSTAMP:")),
        "{once}"
    );
    // Random UIDs: the same calendar gives other bytes each time (a new ETag per request).
    assert_ne!(once, twice);

    let tandem = component(&ours, "VTIMEZONE");
    assert!(!tandem
        .iter()
        .any(|l| l.starts_with("DTSTAMP") || l.starts_with("UID")));
    assert_eq!(ours, vtimezone(zone, at(2026, 1, 1), at(2029, 1, 1)));
}

#[test]
fn its_folding_writes_a_76_octet_continuation_line() {
    let summary = "x".repeat(150 - "SUMMARY:".len());
    let mut event = Event::new();
    event
        .uid("e1@tandem")
        .timestamp(at(2027, 3, 1))
        .summary(&summary);
    let theirs = event.done().to_string();
    let longest = theirs.split("\r\n").map(str::len).max().unwrap();
    assert_eq!(longest, 76, "{theirs}");

    let ours = tandem_feed(&summary, "BDT");
    assert!(ours.split("\r\n").all(|l| l.len() <= 75), "{ours}");
    assert_eq!(
        ours.replace("\r\n ", "")
            .lines()
            .find(|l| l.starts_with("SUMMARY:")),
        Some(format!("SUMMARY:{summary}").as_str())
    );
}

#[test]
fn its_text_escaping_keeps_a_bare_carriage_return() {
    let summary = "Meeting\rBEGIN:VALARM";
    let mut event = Event::new();
    event
        .uid("e1@tandem")
        .timestamp(at(2027, 3, 1))
        .summary(summary);
    let theirs = event.done().to_string();
    assert!(
        theirs.contains("SUMMARY:Meeting\rBEGIN:VALARM\r\n"),
        "{theirs:?}"
    );

    let ours = tandem_feed(summary, "BDT");
    assert!(
        ours.contains("SUMMARY:Meeting\\nBEGIN:VALARM\r\n"),
        "{ours:?}"
    );
}

#[test]
fn its_parameters_are_neither_rfc6868_encoded_nor_kept_as_lists() {
    let mut event = Event::new();
    event.uid("e1@tandem").timestamp(at(2027, 3, 1));
    let mut organizer = Property::new("ORGANIZER", "mailto:bdt@itu.int");
    organizer.add_parameter("CN", "the \"AFR\" desk");
    let mut conference = Property::new("CONFERENCE", "https://meet.example.org/j/1");
    conference
        .add_parameter("VALUE", "URI")
        .add_parameter("FEATURE", "AUDIO,VIDEO");
    event.append_property(organizer).append_property(conference);
    let theirs = event.done().to_string();
    assert!(
        theirs.contains("ORGANIZER;CN=the \"AFR\" desk:mailto:bdt@itu.int\r\n"),
        "{theirs}"
    );
    assert!(
        theirs.contains("CONFERENCE;FEATURE=\"AUDIO,VIDEO\";VALUE=URI:"),
        "{theirs}"
    );

    let ours = tandem_feed("x", "the \"AFR\" desk");
    assert!(ours.contains("ORGANIZER;CN=the ^'AFR^' desk:mailto:bdt@itu.int\r\n"));
    assert!(ours.contains("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO:https://"));
}

#[test]
fn its_properties_come_out_in_alphabetical_order() {
    let mut event = Event::new();
    event
        .uid("e1@tandem")
        .timestamp(at(2027, 3, 1))
        .add_property("SEQUENCE", "0")
        .summary("x")
        .status(icalendar::EventStatus::Confirmed);
    let theirs = event.done().to_string();
    let names: Vec<&str> = theirs
        .split("\r\n")
        .filter_map(|l| l.split_once(':').map(|(n, _)| n))
        .collect();
    assert_eq!(
        names,
        ["BEGIN", "DTSTAMP", "SEQUENCE", "STATUS", "SUMMARY", "UID", "END"]
    );

    let ours = tandem_feed("x", "BDT");
    let vevent = component(&ours, "VEVENT");
    let order: Vec<&str> = vevent
        .iter()
        .filter_map(|l| l.split_once(':').map(|(n, _)| n))
        .take(7)
        .collect();
    assert_eq!(
        order,
        [
            "BEGIN",
            "UID",
            "DTSTAMP",
            "CREATED",
            "LAST-MODIFIED",
            "SEQUENCE",
            "STATUS"
        ]
    );
}
