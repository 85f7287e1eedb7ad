//! VTIMEZONE components generated from the bundled tz database (chrono-tz).
//!
//! A feed's VTIMEZONE must agree with the tz database over every instant the feed serves
//! (DESIGN §7), including zones whose rules were changed by their governments. Guessing an
//! RRULE from a few years of transitions is how generated VTIMEZONEs go wrong (a rule that
//! held until 2022 is projected onto 2023), so each transition in the span gets its own
//! STANDARD or DAYLIGHT observance with a single DTSTART, and the first observance states
//! the offset in force when the span begins (TZOFFSETFROM = TZOFFSETTO). A zone without a
//! transition in the span (Africa/Douala, Asia/Kolkata) is one STANDARD observance. Each
//! observance repeats its DTSTART as an RDATE (see [`vtimezone`]).
//!
//! Transitions are found from chrono-tz itself: the offset (total, DST part and
//! abbreviation) is sampled every hour and each change is narrowed by bisection to the
//! exact second. Sampling misses a change only if the zone returned to the same offset
//! within one hour; the bundled tz database (2025b, 1850–2100) has no observance shorter
//! than 6.9 days.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};
use tandem_core::Zone;

use super::content::{local_datetime, utc_offset, Lines};

/// Sampling step of the transition search, in seconds.
const SCAN_STEP_SECONDS: i64 = 3600;

/// STANDARD or DAYLIGHT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObservanceKind {
    /// Standard time.
    Standard,
    /// Daylight saving (summer) time.
    Daylight,
}

impl ObservanceKind {
    /// The component name, `STANDARD` or `DAYLIGHT`.
    pub fn component(self) -> &'static str {
        match self {
            ObservanceKind::Standard => "STANDARD",
            ObservanceKind::Daylight => "DAYLIGHT",
        }
    }
}

/// One STANDARD or DAYLIGHT observance: from `onset` on, the zone is `offset_to` ahead of UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observance {
    /// STANDARD or DAYLIGHT.
    pub kind: ObservanceKind,
    /// The instant the observance begins.
    pub onset: DateTime<Utc>,
    /// Offset from UTC before the onset, in seconds (TZOFFSETFROM).
    pub offset_from: i32,
    /// Offset from UTC from the onset on, in seconds (TZOFFSETTO).
    pub offset_to: i32,
    /// The tz database's abbreviation (TZNAME), or its numeric form such as `+0545`.
    pub name: String,
}

impl Observance {
    /// The onset as a local time in the offset before it (the observance's DTSTART).
    pub fn local_onset(&self) -> NaiveDateTime {
        self.onset.naive_utc() + Duration::seconds(i64::from(self.offset_from))
    }
}

/// The observances that describe `zone` from `from` to `to` (inclusive): one giving the
/// offset in force at `from`, then one per change of offset, DST flag or abbreviation.
pub fn observances(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Observance> {
    let tz = zone.tz();
    let (from, to) = (clamp(from), clamp(to.max(from)));
    let periods = periods(tz, from.timestamp(), to.timestamp());
    // Zones with "negative DST" in the tz database (Europe/Dublin: GMT in winter is the DST
    // part; Africa/Casablanca: +00 during Ramadan) are presented the traditional way: the
    // higher offset of such a pair is DAYLIGHT, as in the database's rearguard format.
    let negative_dst_bases: Vec<i32> = periods
        .iter()
        .filter(|(_, p)| p.dst < 0)
        .map(|(_, p)| p.base)
        .collect();
    let kind = |p: &Period| {
        if p.dst > 0 || (p.dst == 0 && negative_dst_bases.contains(&p.base)) {
            ObservanceKind::Daylight
        } else {
            ObservanceKind::Standard
        }
    };
    let mut out: Vec<Observance> = Vec::with_capacity(periods.len());
    for (start, period) in &periods {
        let kind = kind(period);
        let offset_to = period.base + period.dst;
        let offset_from = out.last().map_or(offset_to, |o| o.offset_to);
        if out
            .last()
            .is_some_and(|o| o.offset_to == offset_to && o.kind == kind && o.name == period.name)
        {
            // Only chrono-tz's split of the offset changed; nothing a client could see.
            continue;
        }
        out.push(Observance {
            kind,
            onset: DateTime::from_timestamp(*start, 0).unwrap_or(from),
            offset_from,
            offset_to,
            name: period.name.clone(),
        });
    }
    out
}

/// The VTIMEZONE of `zone`, correct from `from` to `to`, folded, with CRLF line endings.
pub fn vtimezone(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let mut lines = Lines::new();
    lines.push("BEGIN", "VTIMEZONE");
    lines.text("TZID", zone.name());
    // libical-based clients (Evolution, older Thunderbird) map the zone by this name.
    lines.text("X-LIC-LOCATION", zone.name());
    for observance in observances(zone, from, to) {
        let component = observance.kind.component();
        lines.push("BEGIN", component);
        let onset = local_datetime(observance.local_onset());
        lines.push("DTSTART", &onset);
        // The same onset again: PyPI `ical` (14.3) takes onsets only from RRULE and RDATE, so
        // it ignores a DTSTART-only observance; readers that ignore RDATE still see DTSTART.
        lines.push("RDATE", &onset);
        lines.push("TZOFFSETFROM", &utc_offset(observance.offset_from));
        lines.push("TZOFFSETTO", &utc_offset(observance.offset_to));
        lines.text("TZNAME", &observance.name);
        lines.push("END", component);
    }
    lines.push("END", "VTIMEZONE");
    lines.finish()
}

/// January 1st, 00:00 UTC, of `year`.
pub(crate) fn new_year(year: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year.clamp(1, 9999), 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The span a feed's VTIMEZONE covers for events from `first` to `last`: whole UTC years,
/// with the year before and the year after as margin (clients expand a little around what
/// they show, and the component stays byte-identical while events come and go in a year).
pub(crate) fn feed_span(
    first: DateTime<Utc>,
    last: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    (new_year(first.year() - 1), new_year(last.year() + 2))
}

/// Keeps instants within the years a DATE-TIME can spell (0001–9999).
fn clamp(instant: DateTime<Utc>) -> DateTime<Utc> {
    let max = Utc
        .with_ymd_and_hms(9999, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or(instant);
    instant.clamp(new_year(1), max)
}

/// What a zone observes during one period, as chrono-tz reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Period {
    base: i32,
    dst: i32,
    name: String,
}

impl Period {
    fn of(offset: TzOffset) -> Self {
        let total = offset.fix().local_minus_utc();
        let dst = i32::try_from(offset.dst_offset().num_seconds()).unwrap_or(0);
        Period {
            base: total - dst,
            dst,
            name: offset
                .abbreviation()
                .map_or_else(|| numeric_name(total), str::to_owned),
        }
    }
}

/// The tz database's numeric abbreviation of an offset: `+05`, `+0545`, `-0330`, `+001335`.
fn numeric_name(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    match (m, s) {
        (0, 0) => format!("{sign}{h:02}"),
        (_, 0) => format!("{sign}{h:02}{m:02}"),
        _ => format!("{sign}{h:02}{m:02}{s:02}"),
    }
}

fn offset_at(tz: Tz, timestamp: i64) -> TzOffset {
    let instant = DateTime::from_timestamp(timestamp, 0).unwrap_or_default();
    tz.offset_from_utc_datetime(&instant.naive_utc())
}

/// Each period that overlaps `[from, to]`, with the second it starts (`from` for the first).
fn periods(tz: Tz, from: i64, to: i64) -> Vec<(i64, Period)> {
    let mut current = offset_at(tz, from);
    let mut out = vec![(from, Period::of(current))];
    let mut at = from;
    while at < to {
        let next = (at + SCAN_STEP_SECONDS).min(to);
        if offset_at(tz, next) == current {
            at = next;
            continue;
        }
        // The offset differs somewhere in (at, next]: bisect to the first differing second.
        let (mut same, mut changed) = (at, next);
        while changed - same > 1 {
            let mid = same + (changed - same) / 2;
            if offset_at(tz, mid) == current {
                same = mid;
            } else {
                changed = mid;
            }
        }
        current = offset_at(tz, changed);
        out.push((changed, Period::of(current)));
        at = changed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn summary(zone_name: &str, from: &str, to: &str) -> Vec<String> {
        observances(zone(zone_name), at(from), at(to))
            .iter()
            .map(|o| {
                format!(
                    "{} {} {} {}->{} {}",
                    o.kind.component(),
                    o.onset.format("%Y-%m-%dT%H:%M:%SZ"),
                    local_datetime(o.local_onset()),
                    utc_offset(o.offset_from),
                    utc_offset(o.offset_to),
                    o.name
                )
            })
            .collect()
    }

    #[test]
    fn zurich_2027_has_its_two_transitions_to_the_second() {
        assert_eq!(
            summary(
                "Europe/Zurich",
                "2027-01-01T00:00:00Z",
                "2028-01-01T00:00:00Z"
            ),
            [
                "STANDARD 2027-01-01T00:00:00Z 20270101T010000 +0100->+0100 CET",
                "DAYLIGHT 2027-03-28T01:00:00Z 20270328T020000 +0100->+0200 CEST",
                "STANDARD 2027-10-31T01:00:00Z 20271031T030000 +0200->+0100 CET",
            ]
        );
    }

    #[test]
    fn zones_without_transitions_are_one_standard_observance() {
        for (name, offset) in [
            ("Africa/Douala", "+0100 WAT"),
            ("Asia/Kolkata", "+0530 IST"),
            ("Asia/Kathmandu", "+0545 +0545"),
        ] {
            let got = summary(name, "2020-01-01T00:00:00Z", "2036-01-01T00:00:00Z");
            assert_eq!(got.len(), 1, "{name}: {got:?}");
            let (off, tzname) = offset.split_once(' ').unwrap();
            assert!(
                got[0].starts_with("STANDARD 2020-01-01T00:00:00Z"),
                "{got:?}"
            );
            assert!(
                got[0].ends_with(&format!("{off}->{off} {tzname}")),
                "{got:?}"
            );
        }
    }

    #[test]
    fn changed_rules_are_followed() {
        // Egypt re-introduced summer time in 2023 (none in 2022).
        let cairo = summary(
            "Africa/Cairo",
            "2022-01-01T00:00:00Z",
            "2024-01-01T00:00:00Z",
        );
        assert_eq!(cairo.len(), 3, "{cairo:?}");
        assert!(
            cairo[1].starts_with("DAYLIGHT 2023-04-27T22:00:00Z 20230428T000000 +0200->+0300 EEST")
        );
        // Paraguay went to summer time in October 2024 and made it its standard time a week
        // later: the last observance changes only STANDARD/DAYLIGHT, and nothing follows.
        let asuncion = summary(
            "America/Asuncion",
            "2024-01-01T00:00:00Z",
            "2030-01-01T00:00:00Z",
        );
        assert_eq!(
            asuncion,
            [
                "DAYLIGHT 2024-01-01T00:00:00Z 20231231T210000 -0300->-0300 -03",
                "STANDARD 2024-03-24T03:00:00Z 20240324T000000 -0300->-0400 -04",
                "DAYLIGHT 2024-10-06T04:00:00Z 20241006T000000 -0400->-0300 -03",
                "STANDARD 2024-10-15T03:00:00Z 20241015T000000 -0300->-0300 -03",
            ]
        );
        // Iran and Mexico abolished DST in 2022; Moscow moved to +04 in 2011 and back in 2014.
        assert_eq!(
            summary(
                "Asia/Tehran",
                "2023-01-01T00:00:00Z",
                "2030-01-01T00:00:00Z"
            )
            .len(),
            1
        );
        assert_eq!(
            summary(
                "America/Mexico_City",
                "2023-01-01T00:00:00Z",
                "2030-01-01T00:00:00Z"
            )
            .len(),
            1
        );
        let moscow = summary(
            "Europe/Moscow",
            "2010-06-01T00:00:00Z",
            "2015-01-01T00:00:00Z",
        );
        assert_eq!(
            moscow,
            [
                "DAYLIGHT 2010-06-01T00:00:00Z 20100601T040000 +0400->+0400 MSD",
                "STANDARD 2010-10-30T23:00:00Z 20101031T030000 +0400->+0300 MSK",
                "STANDARD 2011-03-26T23:00:00Z 20110327T020000 +0300->+0400 MSK",
                "STANDARD 2014-10-25T22:00:00Z 20141026T020000 +0400->+0300 MSK",
            ]
        );
    }

    #[test]
    fn odd_offsets_come_out_exactly() {
        let chatham = summary(
            "Pacific/Chatham",
            "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z",
        );
        assert_eq!(chatham.len(), 3, "{chatham:?}");
        assert!(chatham[0].ends_with("+1345->+1345 +1345"), "{chatham:?}");
        assert!(chatham[1].contains("STANDARD") && chatham[1].contains("+1345->+1245"));
        let lord_howe = summary(
            "Australia/Lord_Howe",
            "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z",
        );
        assert!(lord_howe[1].contains("+1100->+1030"), "{lord_howe:?}");
        assert!(lord_howe[2].contains("+1030->+1100"), "{lord_howe:?}");
        // Monrovia's -00:44:30 until 1972, an offset with seconds.
        let monrovia = summary(
            "Africa/Monrovia",
            "1971-01-01T00:00:00Z",
            "1973-01-01T00:00:00Z",
        );
        assert_eq!(monrovia.len(), 2, "{monrovia:?}");
        assert!(monrovia[1].ends_with("-004430->+0000 GMT"), "{monrovia:?}");
        assert!(monrovia[0].contains("19701231T231530"), "{monrovia:?}");
        assert!(
            monrovia[1].starts_with("STANDARD 1972-01-07T00:44:30Z 19720107T000000"),
            "{monrovia:?}"
        );
    }

    #[test]
    fn negative_dst_is_presented_as_summer_time() {
        let dublin = summary(
            "Europe/Dublin",
            "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z",
        );
        assert_eq!(dublin.len(), 3, "{dublin:?}");
        assert!(dublin[0].starts_with("STANDARD") && dublin[0].ends_with("GMT"));
        assert!(dublin[1].starts_with("DAYLIGHT") && dublin[1].ends_with("+0000->+0100 IST"));
        assert!(dublin[2].starts_with("STANDARD") && dublin[2].ends_with("+0100->+0000 GMT"));
    }

    #[test]
    fn numeric_names_follow_the_tz_database() {
        assert_eq!(numeric_name(5 * 3600), "+05");
        assert_eq!(numeric_name(20_700), "+0545");
        assert_eq!(numeric_name(-3 * 3600), "-03");
        assert_eq!(numeric_name(-12_600), "-0330");
        assert_eq!(numeric_name(815), "+001335");
    }

    #[test]
    fn feed_spans_are_whole_years_with_a_margin() {
        let (from, to) = feed_span(at("2027-03-10T08:00:00Z"), at("2027-03-11T16:30:00Z"));
        assert_eq!(from, at("2026-01-01T00:00:00Z"));
        assert_eq!(to, at("2029-01-01T00:00:00Z"));
    }
}
