//! The VTIMEZONEs a feed carries agree with the tz database in force (here the system's,
//! installed as `tandem serve` installs it) at every instant of the span they are made for,
//! for every zone of the reference data and for the zones whose offsets are hardest to get
//! right; and they state the rule in force as yearly RRULEs (DESIGN §7).
//!
//! The generated text is read back by a small interpreter written here, independently of
//! the generator: unfold, take each STANDARD/DAYLIGHT's DTSTART (a local time in
//! TZOFFSETFROM), its RDATEs and the onsets of its RRULE (the yearly subset RFC 5545 allows
//! in a VTIMEZONE: BYMONTH with BYDAY and/or BYMONTHDAY, COUNT or UNTIL), TZOFFSETFROM and
//! TZOFFSETTO; the offset at an instant is the TZOFFSETTO of the latest onset at or before it.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing, clippy::string_slice)]

mod common;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use proptest::prelude::*;
use tandem_core::reference::ReferenceData;
use tandem_core::Zone;
use tandem_ical::render::vtimezone;

/// One onset of a STANDARD/DAYLIGHT observance as read from the text.
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
    rdates: Vec<NaiveDateTime>,
    rrule: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    name: String,
}

fn weekday(code: &str) -> Weekday {
    match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        other => panic!("weekday {other:?}"),
    }
}

/// The local onsets of a yearly RRULE from `start` up to `last_year`, as RFC 5545 defines
/// them for the parts the generator may use.
fn expand(
    rule: &str,
    start: NaiveDateTime,
    from_offset: i64,
    last_year: i32,
) -> Vec<NaiveDateTime> {
    let mut month = None;
    let mut byday: Option<(Option<i64>, Weekday)> = None;
    let mut monthdays: Option<Vec<u32>> = None;
    let mut until = None;
    let mut count = None;
    for part in rule.split(';') {
        let (key, value) = part.split_once('=').expect("KEY=value");
        match key {
            "FREQ" => assert_eq!(value, "YEARLY", "{rule}"),
            "BYMONTH" => month = Some(value.parse::<u32>().expect("BYMONTH")),
            "BYDAY" => {
                let (n, code) = value.split_at(value.len() - 2);
                byday = Some((
                    (!n.is_empty()).then(|| n.parse().expect("n")),
                    weekday(code),
                ));
            }
            "BYMONTHDAY" => {
                monthdays = Some(value.split(',').map(|d| d.parse().expect("day")).collect());
            }
            "COUNT" => count = Some(value.parse::<usize>().expect("COUNT")),
            "UNTIL" => {
                let text = value.strip_suffix('Z').expect("UNTIL in UTC");
                until = Some(
                    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
                        .expect("UNTIL")
                        .and_utc(),
                );
            }
            other => panic!("RRULE part {other} in {rule}"),
        }
    }
    let month = month.expect("BYMONTH");
    let mut out = Vec::new();
    for year in start.year()..=last_year {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        let length = first
            .checked_add_months(chrono::Months::new(1))
            .expect("next month")
            .signed_duration_since(first)
            .num_days();
        for day in 1..=length {
            let date = first + Duration::days(day - 1);
            let ok_day = byday.is_none_or(|(n, wd)| {
                date.weekday() == wd
                    && n.is_none_or(|n| {
                        if n > 0 {
                            (day - 1) / 7 + 1 == n
                        } else {
                            (length - day) / 7 + 1 == -n
                        }
                    })
            });
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let ok_monthday = monthdays
                .as_ref()
                .is_none_or(|days| days.contains(&(day as u32)));
            if !(ok_day && ok_monthday) {
                continue;
            }
            let local = date.and_time(start.time());
            let instant = (local - Duration::seconds(from_offset)).and_utc();
            if local >= start && until.is_none_or(|u| instant <= u) {
                out.push(local);
            }
        }
    }
    if let Some(count) = count {
        assert!(
            out.len() >= count,
            "{rule}: fewer than COUNT onsets up to {last_year}"
        );
        out.truncate(count);
    }
    assert_eq!(
        out.first(),
        Some(&start),
        "DTSTART {start} is the rule's first onset: {rule}"
    );
    out
}

/// Reads a VTIMEZONE: its TZID and its onsets up to `last_year`, sorted.
fn interpret(text: &str, last_year: i32) -> (String, Vec<Onset>) {
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
                let to = open.to.expect("TZOFFSETTO");
                assert!(
                    open.rrule.is_some() == open.rdates.is_empty(),
                    "an observance has an RRULE or RDATEs (with DTSTART among them)"
                );
                let locals = if let Some(rule) = &open.rrule {
                    expand(rule, start, from, last_year)
                } else {
                    assert_eq!(
                        open.rdates.first(),
                        Some(&start),
                        "DTSTART is the first RDATE"
                    );
                    open.rdates.clone()
                };
                for l in locals {
                    onsets.push(Onset {
                        kind: open.kind.clone(),
                        at: (l - Duration::seconds(from)).and_utc(),
                        from,
                        to,
                        name: open.name.clone(),
                    });
                }
            }
            ("DTSTART", Some(c)) => c.start = Some(local(value)),
            ("RDATE", Some(c)) => c.rdates.push(local(value)),
            ("RRULE", Some(c)) => c.rrule = Some(value.to_owned()),
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
    zone.rules()
        .local_type(instant.timestamp())
        .abbreviation
        .as_str()
        .to_owned()
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
        (
            "America/Havana",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Pacific/Apia",
            "2009-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        ("Asia/Gaza", "2015-01-01T00:00:00Z", "2036-01-01T00:00:00Z"),
        (
            "America/Nuuk",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Antarctica/Troll",
            "2015-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
        ),
        (
            "Asia/Jerusalem",
            "2005-01-01T00:00:00Z",
            "2036-01-01T00:00:00Z",
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

fn read_back(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> (String, Vec<Onset>) {
    interpret(&vtimezone(zone, from, to), to.year() + 1)
}

/// Checks one generated VTIMEZONE against the tz database; returns how many onsets it
/// implies up to the end of the span.
fn check_zone(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
    let (tzid, onsets) = read_back(zone, from, to);
    let name = zone.name();
    assert_eq!(tzid, name);
    assert!(!onsets.is_empty(), "{name}: no observance");
    // The offset in force when the span begins is stated.
    assert_eq!(
        offset_in(&onsets, from),
        Some(tz_offset(zone, from)),
        "{name}: offset at the start"
    );
    let in_span: Vec<&Onset> = onsets
        .iter()
        .filter(|o| o.at > from && o.at <= to)
        .collect();
    for (i, onset) in onsets.iter().enumerate() {
        if onset.at <= from || onset.at > to {
            continue;
        }
        // Just before and at each onset, the interpreter and the database agree, and
        // TZOFFSETFROM is what the database had just before.
        let before = onset.at - Duration::seconds(1);
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
    }
    // Every transition of the database in the span is implied: just before and at it, the
    // offsets agree.
    for t in zone.rules().transitions(from.timestamp(), to.timestamp()) {
        let at = DateTime::from_timestamp(t.at, 0).expect("instant");
        for instant in [at - Duration::seconds(1), at] {
            assert_eq!(
                offset_in(&onsets, instant),
                Some(tz_offset(zone, instant)),
                "{name} at {instant} (a transition of the database)"
            );
        }
    }
    // Between transitions, a sweep every six hours finds no disagreement.
    let mut instant = from;
    while instant <= to {
        assert_eq!(
            offset_in(&onsets, instant),
            Some(tz_offset(zone, instant)),
            "{name} at {instant}"
        );
        instant += Duration::hours(6);
    }
    in_span.len() + 1
}

/// The observances of a generated VTIMEZONE as `KIND RRULE-or-RDATE` lines.
fn forms(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let text = vtimezone(zone, from, to).replace("\r\n ", "");
    let mut out = Vec::new();
    let mut kind = "";
    let mut form = String::new();
    for line in text.split("\r\n") {
        match line.split_once(':') {
            Some(("BEGIN", k)) if k == "STANDARD" || k == "DAYLIGHT" => {
                kind = if k == "STANDARD" {
                    "STANDARD"
                } else {
                    "DAYLIGHT"
                };
                form.clear();
            }
            Some(("RRULE", rule)) => form = format!("RRULE:{rule}"),
            Some(("RDATE", _)) if form.is_empty() => "RDATE".clone_into(&mut form),
            Some(("END", k)) if k == kind => out.push(format!("{kind} {form}")),
            _ => {}
        }
    }
    out
}

#[test]
fn every_reference_zone_matches_the_tz_database_from_2020_to_2035() {
    common::install_system_tzdata();
    let zones = reference_zones();
    assert!(zones.len() >= 100, "only {} reference zones", zones.len());
    for zone in &zones {
        check_zone(*zone, at(SPAN.0), at(SPAN.1));
    }
}

#[test]
fn hard_zones_and_old_eras_match_the_tz_database() {
    common::install_system_tzdata();
    for (zone, from, to) in hard_cases() {
        check_zone(zone, from, to);
    }
}

#[test]
fn zones_with_no_transition_in_the_span_are_one_standard() {
    common::install_system_tzdata();
    for name in ["Africa/Douala", "Asia/Kolkata", "Asia/Kathmandu"] {
        let zone = Zone::parse(name).expect("zone");
        assert_eq!(
            forms(zone, at(SPAN.0), at(SPAN.1)),
            ["STANDARD RDATE"],
            "{name}"
        );
    }
}

#[test]
fn the_rule_in_force_is_one_standard_and_one_daylight_rrule() {
    common::install_system_tzdata();
    let zurich = Zone::parse("Europe/Zurich").expect("zone");
    // 16 years of CET/CEST plus the onset in force at the start.
    assert_eq!(check_zone(zurich, at(SPAN.0), at(SPAN.1)), 1 + 2 * 16);
    assert_eq!(
        forms(
            zurich,
            at("2026-01-01T00:00:00Z"),
            at("2029-01-01T00:00:00Z")
        ),
        [
            "STANDARD RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "DAYLIGHT RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        ]
    );
    // Zones that change on a weekday rule in both hemispheres, Lord Howe's half hour and
    // Chatham's 45 minutes included: one open STANDARD and one open DAYLIGHT RRULE over any
    // span, whatever came before (Santiago and Mexico City changed their rules since 2020).
    for name in [
        "America/New_York",
        "America/Santiago",
        "Australia/Sydney",
        "Australia/Lord_Howe",
        "Pacific/Auckland",
        "Pacific/Chatham",
        "Europe/London",
        "Europe/Dublin",
        "Asia/Jerusalem",
        "America/Havana",
    ] {
        let zone = Zone::parse(name).expect("zone");
        let open: Vec<String> = forms(zone, at(SPAN.0), at(SPAN.1))
            .into_iter()
            .filter(|f| f.contains("RRULE") && !f.contains("COUNT") && !f.contains("UNTIL"))
            .collect();
        assert_eq!(open.len(), 2, "{name}: {open:?}");
        assert!(open.iter().any(|f| f.starts_with("STANDARD")), "{name}");
        assert!(open.iter().any(|f| f.starts_with("DAYLIGHT")), "{name}");
    }
    // No zone states two rules in force for one kind; most reference zones with DST at the
    // end of the span state both as rules (Palestine's Ramadan-bound dates cannot be).
    let (mut with_dst, mut both_ruled) = (0, 0);
    for zone in reference_zones() {
        let to = at(SPAN.1);
        let last_year = zone
            .rules()
            .transitions((to - Duration::days(366)).timestamp(), to.timestamp());
        let open: Vec<String> = forms(zone, at(SPAN.0), to)
            .into_iter()
            .filter(|f| f.contains("RRULE") && !f.contains("COUNT") && !f.contains("UNTIL"))
            .collect();
        for kind in ["STANDARD", "DAYLIGHT"] {
            assert!(
                open.iter().filter(|f| f.starts_with(kind)).count() <= 1,
                "{}: {open:?}",
                zone.name()
            );
        }
        if last_year.len() == 2 {
            with_dst += 1;
            both_ruled += usize::from(open.len() == 2);
        }
    }
    assert!(with_dst >= 20, "only {with_dst} reference zones with DST");
    assert!(
        both_ruled + 2 >= with_dst,
        "{both_ruled} of {with_dst} DST zones as two rules"
    );
}

#[test]
fn morocco_follows_the_loaded_data() {
    let db = common::install_system_tzdata();
    let casablanca = Zone::parse("Africa/Casablanca").expect("zone");
    check_zone(
        casablanca,
        at("2026-01-01T00:00:00Z"),
        at("2029-01-01T00:00:00Z"),
    );
    // The changes around Ramadan follow no yearly rule: RDATEs only.
    assert!(forms(
        casablanca,
        at("2026-01-01T00:00:00Z"),
        at("2029-01-01T00:00:00Z")
    )
    .iter()
    .all(|f| f.ends_with("RDATE")));
    if !tandem_core::tz::is_older_release(db.version(), "2026f") {
        // From 2026f (IANA), Morocco stays at +00 after 20 September 2026.
        assert_eq!(tz_offset(casablanca, at("2027-06-15T09:00:00Z")), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// At random instants of the span, the offset the generated VTIMEZONE implies is the tz
    /// database's, for every zone under test.
    #[test]
    fn random_instants_get_the_tz_database_offset(case in any::<prop::sample::Index>(), f in 0.0f64..1.0) {
        common::install_system_tzdata();
        thread_local! {
            static VTIMEZONES: Vec<Interpreted> = cases()
                .into_iter()
                .map(|(z, from, to)| (z, from, to, read_back(z, from, to).1))
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
