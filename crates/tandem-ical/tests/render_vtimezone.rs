//! The VTIMEZONEs a feed carries agree with the bundled tz database (chrono-tz) at every
//! instant of the span they are made for, for every zone of the reference data and for the
//! zones whose offsets are hardest to get right.
//!
//! The generated text is read back by a small interpreter written here, independently of
//! the generator: unfold, take each STANDARD/DAYLIGHT's DTSTART (a local time in
//! TZOFFSETFROM), TZOFFSETFROM and TZOFFSETTO; the offset at an instant is the TZOFFSETTO of
//! the latest onset at or before it.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing, clippy::string_slice)]

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::OffsetName;
use proptest::prelude::*;
use tandem_core::reference::ReferenceData;
use tandem_core::Zone;
use tandem_ical::render::vtimezone;

/// One STANDARD/DAYLIGHT observance as read from the text.
#[derive(Debug)]
struct Onset {
    kind: String,
    at: DateTime<Utc>,
    from: i64,
    to: i64,
    name: String,
}

fn parse_offset(text: &str) -> i64 {
    let sign = match &text[..1] {
        "+" => 1,
        "-" => -1,
        other => panic!("offset sign {other:?} in {text:?}"),
    };
    let digits = &text[1..];
    assert!(matches!(digits.len(), 4 | 6), "offset {text:?}");
    let part = |i: usize| {
        digits
            .get(i..i + 2)
            .map_or(0, |d| d.parse::<i64>().expect("digits"))
    };
    sign * (part(0) * 3600 + part(2) * 60 + part(4))
}

/// A STANDARD/DAYLIGHT being read.
#[derive(Default)]
struct Open {
    kind: String,
    start: Option<NaiveDateTime>,
    from: Option<i64>,
    to: Option<i64>,
    name: String,
}

/// Reads a VTIMEZONE: its TZID and its onsets, sorted.
fn interpret(text: &str) -> (String, Vec<Onset>) {
    let unfolded = text.replace("\r\n ", "");
    let mut tzid = String::new();
    let mut onsets = Vec::new();
    let mut current: Option<Open> = None;
    let local = |value: &str| {
        NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").expect("a local DATE-TIME")
    };
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').expect("NAME:value");
        match (name, current.as_mut()) {
            ("BEGIN", None) if value == "STANDARD" || value == "DAYLIGHT" => {
                current = Some(Open {
                    kind: value.to_owned(),
                    ..Open::default()
                });
            }
            ("END", Some(_)) => {
                let open = current.take().expect("open");
                let start = open.start.expect("DTSTART");
                let from = open.from.expect("TZOFFSETFROM");
                onsets.push(Onset {
                    kind: open.kind,
                    at: (start - Duration::seconds(from)).and_utc(),
                    from,
                    to: open.to.expect("TZOFFSETTO"),
                    name: open.name,
                });
            }
            ("DTSTART", Some(c)) => c.start = Some(local(value)),
            // The generator repeats the onset as an RDATE; it must be the same local time.
            ("RDATE", Some(c)) => assert_eq!(Some(local(value)), c.start, "RDATE vs DTSTART"),
            ("TZOFFSETFROM", Some(c)) => c.from = Some(parse_offset(value)),
            ("TZOFFSETTO", Some(c)) => c.to = Some(parse_offset(value)),
            ("TZNAME", Some(c)) => value.clone_into(&mut c.name),
            ("TZID", None) => value.clone_into(&mut tzid),
            _ => {}
        }
    }
    onsets.sort_by_key(|o| o.at);
    (tzid, onsets)
}

/// The offset the VTIMEZONE gives at `instant` (None before its first onset).
fn offset_in(onsets: &[Onset], instant: DateTime<Utc>) -> Option<i64> {
    onsets.iter().rev().find(|o| o.at <= instant).map(|o| o.to)
}

fn tz_offset(zone: Zone, instant: DateTime<Utc>) -> i64 {
    zone.offset_at(instant).num_seconds()
}

fn tz_name(zone: Zone, instant: DateTime<Utc>) -> String {
    let offset = zone.tz().offset_from_utc_datetime(&instant.naive_utc());
    offset.abbreviation().map_or_else(
        || {
            let total = offset.fix().local_minus_utc();
            let (sign, abs) = (if total < 0 { '-' } else { '+' }, total.unsigned_abs());
            let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
            match (m, s) {
                (0, 0) => format!("{sign}{h:02}"),
                (_, 0) => format!("{sign}{h:02}{m:02}"),
                _ => format!("{sign}{h:02}{m:02}{s:02}"),
            }
        },
        str::to_owned,
    )
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

/// Every zone of the reference data: the cities of each region, the offices, the regional
/// organisations.
fn reference_zones() -> Vec<Zone> {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../config/reference/itu.toml"
    ));
    let data = ReferenceData::parse(text).expect("reference data parses");
    let mut zones: Vec<Zone> = data
        .regions
        .iter()
        .flat_map(|r| r.cities.iter().map(|c| c.tz))
        .chain(data.offices.iter().map(|o| o.tz))
        .chain(data.regional_organizations.iter().filter_map(|o| o.tz))
        .collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    zones
}

const SPAN: (&str, &str) = ("2020-01-01T00:00:00Z", "2036-01-01T00:00:00Z");

/// Zones and spans beyond the reference data: 45-minute and half-hour DST, rule changes,
/// and offsets with seconds in old eras.
fn hard_cases() -> Vec<(Zone, DateTime<Utc>, DateTime<Utc>)> {
    [
        (
            "Pacific/Chatham",
            "2020-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Australia/Lord_Howe",
            "2020-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Africa/Cairo",
            "2010-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "America/Asuncion",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Asia/Tehran",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "America/Mexico_City",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Europe/Moscow",
            "2005-01-01T00:00:00Z",
            "2020-01-01T00:00:00Z",
        ),
        (
            "Africa/Casablanca",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Europe/Dublin",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Africa/Monrovia",
            "1900-01-01T00:00:00Z",
            "1980-01-01T00:00:00Z",
        ),
        (
            "Europe/Amsterdam",
            "1900-01-01T00:00:00Z",
            "1950-01-01T00:00:00Z",
        ),
        (
            "Asia/Kathmandu",
            "1900-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "America/St_Johns",
            "1900-01-01T00:00:00Z",
            "1960-01-01T00:00:00Z",
        ),
    ]
    .into_iter()
    .map(|(name, from, to)| (Zone::parse(name).expect("zone"), at(from), at(to)))
    .collect()
}

/// All zone/span pairs under test.
fn cases() -> Vec<(Zone, DateTime<Utc>, DateTime<Utc>)> {
    reference_zones()
        .into_iter()
        .map(|z| (z, at(SPAN.0), at(SPAN.1)))
        .chain(hard_cases())
        .collect()
}

/// A zone, the span its VTIMEZONE was made for, and the onsets read back.
type Interpreted = (Zone, DateTime<Utc>, DateTime<Utc>, Vec<Onset>);

/// Checks one generated VTIMEZONE against chrono-tz; returns how many onsets it had.
fn check_zone(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
    let text = vtimezone(zone, from, to);
    let (tzid, onsets) = interpret(&text);
    let name = zone.name();
    assert_eq!(tzid, name);
    assert!(!onsets.is_empty(), "{name}: no observance");
    // The first observance states the offset in force when the span begins.
    assert_eq!(onsets[0].at, from, "{name}: first onset");
    assert_eq!(onsets[0].from, onsets[0].to, "{name}");
    assert_eq!(
        onsets[0].to,
        tz_offset(zone, from),
        "{name}: offset at the start"
    );
    for (i, onset) in onsets.iter().enumerate() {
        // Just before and at each transition, the interpreter and chrono-tz agree, and
        // TZOFFSETFROM is what chrono-tz had just before.
        let before = onset.at - Duration::seconds(1);
        if i > 0 {
            assert_eq!(
                onset.from,
                tz_offset(zone, before),
                "{name}: {onset:?} from"
            );
            assert_eq!(
                offset_in(&onsets, before),
                Some(tz_offset(zone, before)),
                "{name}"
            );
            assert!(
                onset.at > onsets[i - 1].at,
                "{name}: onsets strictly increase"
            );
        }
        assert_eq!(onset.to, tz_offset(zone, onset.at), "{name}: {onset:?} to");
        assert_eq!(
            offset_in(&onsets, onset.at),
            Some(tz_offset(zone, onset.at))
        );
        assert_eq!(
            onset.name,
            tz_name(zone, onset.at),
            "{name}: TZNAME of {onset:?}"
        );
        if onset.kind == "DAYLIGHT" {
            // Summer time is ahead of the standard time next to it (negative DST in the tz
            // database, as in Europe/Dublin, is presented the traditional way round).
            let neighbours = [i.checked_sub(1), Some(i + 1)];
            assert!(
                neighbours
                    .iter()
                    .filter_map(|j| onsets.get((*j)?))
                    .any(|o| o.kind == "STANDARD" && o.to < onset.to),
                "{name}: DAYLIGHT {onset:?} is not ahead of a neighbouring STANDARD"
            );
        }
        assert!(onset.at <= to, "{name}: onset after the span");
    }
    // Between transitions, a sweep every six hours finds no disagreement (a transition the
    // generator missed would show for days).
    let mut instant = from;
    while instant <= to {
        assert_eq!(
            offset_in(&onsets, instant),
            Some(tz_offset(zone, instant)),
            "{name} at {instant}"
        );
        instant += Duration::hours(6);
    }
    onsets.len()
}

#[test]
fn every_reference_zone_matches_the_tz_database_from_2020_to_2035() {
    let zones = reference_zones();
    assert!(zones.len() >= 100, "only {} reference zones", zones.len());
    for zone in &zones {
        check_zone(*zone, at(SPAN.0), at(SPAN.1));
    }
}

#[test]
fn hard_zones_and_old_eras_match_the_tz_database() {
    for (zone, from, to) in hard_cases() {
        check_zone(zone, from, to);
    }
}

#[test]
fn zones_with_no_transition_in_the_span_are_one_standard() {
    for name in ["Africa/Douala", "Asia/Kolkata", "Asia/Kathmandu"] {
        let zone = Zone::parse(name).expect("zone");
        let text = vtimezone(zone, at(SPAN.0), at(SPAN.1));
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1, "{text}");
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 0, "{text}");
    }
}

#[test]
fn zones_that_change_twice_a_year_have_two_onsets_a_year() {
    let zurich = Zone::parse("Europe/Zurich").expect("zone");
    // 16 years of CET/CEST plus the observance in force at the start.
    assert_eq!(check_zone(zurich, at(SPAN.0), at(SPAN.1)), 1 + 2 * 16);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// At random instants of the span, the offset the generated VTIMEZONE implies is
    /// chrono-tz's, for every zone under test.
    #[test]
    fn random_instants_get_the_tz_database_offset(case in any::<prop::sample::Index>(), f in 0.0f64..1.0) {
        thread_local! {
            static VTIMEZONES: Vec<Interpreted> = cases()
                .into_iter()
                .map(|(z, from, to)| (z, from, to, interpret(&vtimezone(z, from, to)).1))
                .collect();
        }
        VTIMEZONES.with(|all| {
            let (zone, from, to, onsets) = &all[case.index(all.len())];
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let offset = ((to.timestamp() - from.timestamp()) as f64 * f) as i64;
            let instant = *from + Duration::seconds(offset);
            prop_assert_eq!(offset_in(onsets, instant), Some(tz_offset(*zone, instant)),
                "{} at {}", zone.name(), instant);
            Ok(())
        })?;
    }
}
