//! Readings where parsers disagree, on the fixture files of `tests/fixtures/readings/`
//! (the README's "Readings where parsers differ" gives the evidence for each choice).

use chrono::{DateTime, Utc};
use tandem_core::{Interval, Zone};
use tandem_ical::{parse, ImportedCalendar};

fn fixture(name: &str) -> ImportedCalendar {
    let path = format!(
        "{}/tests/fixtures/readings/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("missing fixture {path} ({e})"));
    parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn march_2027() -> Interval {
    Interval::new(at("2027-03-01T00:00:00Z"), at("2027-04-01T00:00:00Z")).expect("range")
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("RFC 3339 instant")
}

/// `uid start/end` of every occurrence in March 2027, for an owner in `owner`.
fn readings(calendar: &ImportedCalendar, owner: &str) -> Vec<String> {
    let owner = Zone::parse(owner).expect("zone");
    calendar
        .occurrences(owner, march_2027())
        .iter()
        .map(|o| {
            format!(
                "{} {}/{}",
                o.uid,
                o.start.format("%Y-%m-%dT%H:%MZ"),
                o.end.format("%Y-%m-%dT%H:%MZ")
            )
        })
        .collect()
}

/// The VTIMEZONE says `TZID:Pacific Time (US & Canada)\, Tijuana` (TEXT, so `\,` is a
/// comma) and the events say `TZID="Pacific Time (US & Canada), Tijuana"` (a quoted
/// parameter, no escapes): the same zone. Read as floating, an owner in Zurich would see
/// 09:00 Zurich instead of 09:00 Pacific. The weekly call crosses the US DST change of
/// 2027-03-14, so it is also read on the zone's rules, not a fixed offset.
#[test]
fn an_escaped_vtimezone_tzid_matches_its_unescaped_reference() {
    let calendar = fixture("escaped_tzid.ics");
    assert_eq!(
        readings(&calendar, "Europe/Zurich"),
        vec![
            "quoted@tandem.test 2027-03-08T17:00Z/2027-03-08T18:00Z", // PST, -08:00
            // The parameter escaped like TEXT (not RFC 5545, tolerated by the lexer).
            "escaped-param@tandem.test 2027-03-10T21:00Z/2027-03-10T22:00Z",
            "quoted@tandem.test 2027-03-15T16:00Z/2027-03-15T17:00Z", // PDT, -07:00
        ]
    );
    // The owner's zone plays no part: these are zoned times, not floating ones.
    assert_eq!(
        readings(&calendar, "Asia/Bangkok"),
        readings(&calendar, "Europe/Zurich")
    );
}

/// `DTSTART;TZID=America/New_York:20270310T140000Z` is invalid (RFC 5545 §3.3.5: no TZID on
/// a UTC time). tandem-ical lets the `Z` win, as ical.js (Thunderbird), libical
/// (Evolution) and Outlook do; icalendar (Python) would say 19:00Z. The same holds for
/// every DATE-TIME property, so a UTC EXDATE that repeats the series' TZID removes the
/// instance at that instant (recurring-ical-events removes it too).
#[test]
fn a_date_time_with_both_tzid_and_z_is_utc() {
    let calendar = fixture("tzid_and_utc.ics");
    assert_eq!(
        readings(&calendar, "Europe/Zurich"),
        vec![
            "series@tandem.test 2027-03-10T14:00Z/2027-03-10T14:30Z",
            "tzid-and-z@tandem.test 2027-03-10T14:00Z/2027-03-10T15:00Z",
            "series@tandem.test 2027-03-12T14:00Z/2027-03-12T14:30Z",
        ]
    );
}

/// A VEVENT is read only where RFC 5545 puts it, directly in a VCALENDAR (or bare at the
/// top of the stream). Inside a component tandem-ical does not know it is ignored with
/// that component (RFC 5545 §3.6: applications MUST ignore x-comp and iana-comp they do
/// not recognise): the VEVENTs of a VPOLL are the choices of a poll, not bookings, and
/// would otherwise block time nobody agreed to. ical, ical.js and libical read it the same;
/// icalendar's `walk()` (and so recurring-ical-events) would add all three.
#[test]
fn vevents_nested_in_other_components_are_not_events() {
    let calendar = fixture("nested_vevents.ics");
    assert_eq!(
        readings(&calendar, "Europe/Zurich"),
        vec!["booked@tandem.test 2027-03-10T09:00Z/2027-03-10T10:00Z"]
    );
    assert_eq!(calendar.event_count(), 1);
}
