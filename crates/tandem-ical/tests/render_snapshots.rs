//! Rendered feeds as subscribers' calendar apps receive them (DESIGN §7): insta snapshots of
//! the representative feeds, plus the byte-level promises a snapshot cannot show (CRLF,
//! 75-octet lines, identical bytes for identical input).
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::string_slice)]

#[path = "render_feeds.rs"]
mod feeds;

use feeds::{feeds, freebusy, FREEBUSY_NAME, PRODID};
use tandem_ical::render::{render_calendar, render_freebusy, FeedCalendar};

fn rendered(name: &str) -> String {
    let (_, feed) = feeds()
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("sample feed");
    render_calendar(&feed, PRODID)
}

#[test]
fn weekly_calls_across_dst_changes_on_every_continent() {
    insta::assert_snapshot!("world_dst", rendered("world_dst"));
}

#[test]
fn afr_region_feed_with_a_hybrid_meeting_and_its_colocated_workshop() {
    insta::assert_snapshot!("afr_region", rendered("afr_region"));
}

#[test]
fn cancelled_event_feed() {
    insta::assert_snapshot!("cancelled_event", rendered("cancelled_event"));
}

#[test]
fn weekly_session_across_the_change_to_summer_time() {
    insta::assert_snapshot!("zurich_weekly_dst", rendered("zurich_weekly_dst"));
}

#[test]
fn private_feed_with_several_zones() {
    insta::assert_snapshot!("private_mixed_zones", rendered("private_mixed_zones"));
}

#[test]
fn edges_of_the_time_model_with_overrides() {
    insta::assert_snapshot!("edges", rendered("edges"));
}

#[test]
fn series_instances_that_span_a_dst_change_are_written_out() {
    let ics = rendered("edges").replace("\r\n ", "");
    // Daily 02:30–03:00 in Zurich: the instance in the 2027-03-28 gap starts at 02:30 read
    // with the offset before the gap (01:30Z, 03:30 CEST); its wall-clock end (03:00 CEST,
    // 01:00Z) would come before that, so it keeps the first instance's 30 minutes
    // (DESIGN §4). Wall-clock readers would compute that end, so the instance is an
    // override, with local times that lie outside the gap; nothing is excluded.
    assert!(ics.contains(
        "RECURRENCE-ID;TZID=Europe/Zurich:20270328T023000\r\nDTSTART;TZID=Europe/Zurich:20270328T033000\r\nDTEND;TZID=Europe/Zurich:20270328T040000\r\n"
    ));
    // The same in Santiago, where midnight of 2027-09-05 jumps to 01:00: the daily 00:30
    // starts at 04:30Z (01:30 after the change) and lasts 30 minutes.
    assert!(ics.contains(
        "RECURRENCE-ID;TZID=America/Santiago:20270905T003000\r\nDTSTART;TZID=America/Santiago:20270905T013000\r\nDTEND;TZID=America/Santiago:20270905T020000\r\n"
    ));
    assert!(!ics.contains("EXDATE"));
    // Weekly 03:00–04:00 in Chatham: the first instance spans the end of summer time (two
    // hours); the later ones are one hour, written as overrides.
    for day in ["20270411", "20270418"] {
        assert!(ics.contains(&format!(
            "RECURRENCE-ID;TZID=Pacific/Chatham:{day}T030000\r\nDTSTART;TZID=Pacific/Chatham:{day}T030000\r\nDTEND;TZID=Pacific/Chatham:{day}T040000\r\n"
        )));
    }
    assert_eq!(ics.matches("RECURRENCE-ID").count(), 4);
}

#[test]
fn freebusy_publication() {
    insta::assert_snapshot!(
        FREEBUSY_NAME,
        render_freebusy("Amina Diallo — free/busy", &freebusy(), PRODID)
    );
}

/// Every sample, as bytes.
fn all_rendered() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = feeds()
        .into_iter()
        .map(|(name, feed)| (name.to_owned(), render_calendar(&feed, PRODID)))
        .collect();
    out.push((
        FREEBUSY_NAME.to_owned(),
        render_freebusy("Amina Diallo — free/busy", &freebusy(), PRODID),
    ));
    out
}

#[test]
fn every_line_ends_in_crlf_and_fits_in_75_octets() {
    for (name, ics) in all_rendered() {
        assert!(ics.ends_with("END:VCALENDAR\r\n"), "{name}");
        let body = ics.strip_suffix("\r\n").expect("CRLF at the end");
        for line in body.split("\r\n") {
            assert!(
                !line.contains(['\r', '\n']),
                "{name}: bare CR or LF in {line:?}"
            );
            assert!(
                line.len() <= 75,
                "{name}: {} octets in {line:?}",
                line.len()
            );
            assert!(!line.is_empty(), "{name}: empty line");
        }
    }
}

#[test]
fn the_same_feed_renders_to_the_same_bytes() {
    for (name, feed) in feeds() {
        let first = render_calendar(&feed, PRODID);
        let again = render_calendar(&feed.clone(), PRODID);
        assert_eq!(first, again, "{name}");
    }
    assert_eq!(
        render_freebusy("x", &freebusy(), PRODID),
        render_freebusy("x", &freebusy(), PRODID)
    );
}

#[test]
fn vtimezones_come_sorted_by_tzid_whatever_the_event_order() {
    let (_, feed) = feeds()
        .into_iter()
        .find(|(n, _)| *n == "private_mixed_zones")
        .expect("sample");
    let mut reversed: FeedCalendar = feed.clone();
    reversed.events.reverse();
    let tzids = |ics: &str| -> Vec<String> {
        ics.split("\r\n")
            .filter_map(|l| l.strip_prefix("TZID:"))
            .map(str::to_owned)
            .collect()
    };
    let forward = render_calendar(&feed, PRODID);
    let backward = render_calendar(&reversed, PRODID);
    assert_eq!(
        tzids(&forward),
        ["America/St_Johns", "Asia/Kathmandu", "Europe/Zurich"]
    );
    assert_eq!(tzids(&forward), tzids(&backward));
    // The VTIMEZONE block is identical; only the events' order differs.
    let zones = |ics: &str| {
        let start = ics.find("BEGIN:VTIMEZONE").expect("a VTIMEZONE");
        let end = ics.find("BEGIN:VEVENT").expect("a VEVENT");
        ics[start..end].to_owned()
    };
    assert_eq!(zones(&forward), zones(&backward));
}

#[test]
fn the_zurich_vtimezone_holds_the_2027_change_to_summer_time() {
    // The rule in force, as Outlook reads it: one STANDARD and one DAYLIGHT yearly rule
    // (DESIGN §7), the DAYLIGHT one from the change of 29 March 2026 on.
    let ics = rendered("zurich_weekly_dst");
    assert!(ics.contains(
        "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
    ));
    assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1);
    assert_eq!(ics.matches("BEGIN:DAYLIGHT").count(), 1);
    assert!(!ics.contains("RDATE"));
    assert!(ics.contains("RRULE:FREQ=WEEKLY;COUNT=6\r\n"));
}

#[test]
fn the_calendar_says_what_it_is_and_how_often_to_refresh() {
    let ics = rendered("afr_region");
    for line in [
        "VERSION:2.0",
        "PRODID:-//ITU//tandem 0.1//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:tandem — Africa (AFR)",
        "X-WR-CALNAME:tandem — Africa (AFR)",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ] {
        assert!(ics.contains(&format!("\r\n{line}\r\n")), "{line} missing");
    }
    // An empty description is left out rather than published empty.
    assert!(!rendered("cancelled_event").contains("X-WR-CALDESC"));
}

#[test]
fn escaping_shows_in_the_bytes() {
    let ics = rendered("private_mixed_zones").replace("\r\n ", "");
    assert!(ics.contains("back\\\\slash\\, comma\\, semicolon\\; all escaped."));
    assert!(ics.contains("DESCRIPTION:Proposed\\; dates not final.\\n"));
    // A parameter value with `;` and `,` is quoted; its DQUOTEs are RFC 6868-encoded.
    assert!(ics.contains(
        "ORGANIZER;CN=\"Bureau ^'BDT^'; field ops, Asia-Pacific\":mailto:bdt-asp@itu.int\r\n"
    ));
    // URIs are not escaped.
    assert!(ics.contains(
        "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO:https://meet.example.org/j/1010101010\r\n"
    ));
}
