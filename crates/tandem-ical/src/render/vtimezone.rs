//! VTIMEZONE components generated from the tz database in force (`tandem_core::tz`), in
//! the form every client reads (DESIGN §7).
//!
//! Outlook and Exchange mis-place events whose VTIMEZONE lists each transition as its own
//! RDATE observance, so the rule in force is stated the way tzurl.org's "Outlook-compatible"
//! zones and libical's vzic state it: one STANDARD and one DAYLIGHT observance, each with a
//! yearly RRULE (`FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU`). Earlier rules within the span served
//! are further RRULE observances closed by COUNT; transitions that follow no yearly rule
//! (Morocco's around Ramadan, one-off changes) are RDATE observances, one per kind of change;
//! a zone with no transition in the span is one STANDARD observance.
//!
//! vzic reads the rules of the zic source; tandem has compiled data (TZif, or the bundled
//! copy), so the rules are recovered from the transitions themselves, which is also why they
//! cannot go wrong: the transitions from 400 days before the span to 400 days after it are
//! listed, and consecutive years' transitions of one kind (same offsets, abbreviation and
//! local time of day) are grouped while one yearly rule produces each of them: the n-th or
//! last weekday of the month, a weekday on or after a day (`BYDAY=FR;BYMONTHDAY=23,…,29`, as
//! vzic's "pure" output writes Israel's "Fri>=23"), or a fixed date, the n-th and last
//! weekday forms first (the only ones Outlook maps to a Windows zone rule). Where vzic's
//! Outlook mode writes a rule that is a week out in some years (Chile's "Sun>=2" as
//! `BYDAY=1SU`), tandem writes the n-th weekday form only if it holds in every year of the
//! group, else the exact BYMONTHDAY form. A group of one year is an RDATE. So every
//! onset the component implies within the span is a transition of the tz database, and every
//! transition of the span is implied; the property test in `tests/render_vtimezone.rs`
//! checks it for every zone of the reference data. A rule whose group goes on past the span
//! (the rule in force) is open; one that ends within the span says how many onsets it has
//! (COUNT). COUNT rather than UNTIL: RFC 5545 wants a VTIMEZONE's UNTIL in UTC while its
//! DTSTART is a local time, and PyPI `ical` 14.3.1 (through dateutil) rejects the whole file
//! for that mix; COUNT says the same exactly and no reader can misread it.
//!
//! The offset in force when the span begins is stated too: by the rule whose last onset
//! before the span is part of a group, or else by an observance that begins at the span's
//! start with TZOFFSETFROM = TZOFFSETTO.
//!
//! Zones with "negative DST" in the tz database (Europe/Dublin: GMT in winter is flagged as
//! DST; Africa/Casablanca: +00 during Ramadan) are presented the traditional way round: of
//! two neighbouring offsets the higher one is DAYLIGHT when either is flagged, so DAYLIGHT is
//! always ahead of the STANDARD next to it (the rearguard format's view).

use std::collections::HashMap;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use tandem_core::tz::LocalType;
use tandem_core::Zone;

use super::content::{local_datetime, utc_offset, Lines};

/// How far before and after the span transitions are read (a year and a margin), so that
/// the rule in force at the span's start and after its end is recognised.
const LOOK_AROUND_SECONDS: i64 = 400 * 86_400;

/// STANDARD or DAYLIGHT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

/// The day of the month a yearly rule picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayRule {
    /// The n-th weekday of the month (1 to 4), or the last when n is −1 (`BYDAY=-1SU`).
    NthWeekday(i8, Weekday),
    /// The first such weekday on or after the day (`BYDAY=FR;BYMONTHDAY=23,…,29`).
    WeekdayOnOrAfter(u32, Weekday),
    /// A fixed day of the month (`BYMONTHDAY=21`).
    Date(u32),
}

/// A yearly rule of a STANDARD or DAYLIGHT observance: `RRULE:FREQ=YEARLY;…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearlyRule {
    /// The month, 1 to 12 (BYMONTH).
    pub month: u32,
    /// The day of that month.
    pub day: DayRule,
    /// How many onsets the rule has from DTSTART on, when it ends within the span served.
    pub count: Option<usize>,
}

impl YearlyRule {
    /// The day this rule picks in `year`.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        let length = days_in_month(year, self.month)?;
        match self.day {
            DayRule::Date(day) => NaiveDate::from_ymd_opt(year, self.month, day),
            DayRule::WeekdayOnOrAfter(day, weekday) => {
                let first = NaiveDate::from_ymd_opt(year, self.month, day)?;
                let ahead = (7 + weekday.num_days_from_monday()
                    - first.weekday().num_days_from_monday())
                    % 7;
                first.checked_add_signed(Duration::days(i64::from(ahead)))
            }
            DayRule::NthWeekday(n, weekday) if n > 0 => {
                NaiveDate::from_weekday_of_month_opt(year, self.month, weekday, n.unsigned_abs())
            }
            DayRule::NthWeekday(_, weekday) => {
                let last = NaiveDate::from_ymd_opt(year, self.month, length)?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                last.checked_sub_signed(Duration::days(i64::from(back)))
            }
        }
    }

    /// The RRULE value: `FREQ=YEARLY;COUNT=3;BYMONTH=10;BYDAY=-1SU`.
    pub fn rrule(&self) -> String {
        let count = self
            .count
            .map_or_else(String::new, |n| format!(";COUNT={n}"));
        let day = match self.day {
            DayRule::NthWeekday(n, weekday) => format!("BYDAY={n}{}", weekday_code(weekday)),
            DayRule::WeekdayOnOrAfter(day, weekday) => {
                let days: Vec<String> = (day..day + 7).map(|d| d.to_string()).collect();
                format!(
                    "BYDAY={};BYMONTHDAY={}",
                    weekday_code(weekday),
                    days.join(",")
                )
            }
            DayRule::Date(day) => format!("BYMONTHDAY={day}"),
        };
        format!("FREQ=YEARLY{count};BYMONTH={};{day}", self.month)
    }
}

/// When an observance begins, after its DTSTART.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Onsets {
    /// Every year by a rule (RRULE), from DTSTART on.
    Yearly(YearlyRule),
    /// At these local times (RDATE; DTSTART is the first of them).
    Dates(Vec<NaiveDateTime>),
}

/// One STANDARD or DAYLIGHT observance of a VTIMEZONE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observance {
    /// STANDARD or DAYLIGHT.
    pub kind: ObservanceKind,
    /// The first onset as a local time in `offset_from` (DTSTART).
    pub start: NaiveDateTime,
    /// The later onsets (RRULE or RDATE).
    pub onsets: Onsets,
    /// Offset from UTC before each onset, in seconds (TZOFFSETFROM).
    pub offset_from: i32,
    /// Offset from UTC from each onset on, in seconds (TZOFFSETTO).
    pub offset_to: i32,
    /// The tz database's abbreviation (TZNAME), or its numeric form such as `+0545`.
    pub name: String,
}

impl Observance {
    /// The instant of the first onset.
    pub fn first_onset(&self) -> DateTime<Utc> {
        (self.start - Duration::seconds(i64::from(self.offset_from))).and_utc()
    }
}

/// A VTIMEZONE as a value: what [`vtimezone`] writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VTimezone {
    /// The zone (TZID, X-LIC-LOCATION).
    pub zone: Zone,
    /// The observances, by first onset.
    pub observances: Vec<Observance>,
}

impl VTimezone {
    /// Renders the component, folded, with CRLF line endings.
    pub fn render(&self) -> String {
        let mut lines = Lines::new();
        lines.push("BEGIN", "VTIMEZONE");
        lines.text("TZID", self.zone.name());
        // libical-based clients (Evolution, older Thunderbird) map the zone by this name.
        lines.text("X-LIC-LOCATION", self.zone.name());
        for observance in &self.observances {
            let component = observance.kind.component();
            lines.push("BEGIN", component);
            lines.push("DTSTART", &local_datetime(observance.start));
            match &observance.onsets {
                Onsets::Yearly(rule) => lines.push("RRULE", &rule.rrule()),
                // DTSTART again among the RDATEs: PyPI `ical` (14.3) takes onsets only from
                // RRULE and RDATE, so it would ignore a DTSTART-only observance.
                Onsets::Dates(dates) => {
                    for date in dates {
                        lines.push("RDATE", &local_datetime(*date));
                    }
                }
            }
            lines.push("TZOFFSETFROM", &utc_offset(observance.offset_from));
            lines.push("TZOFFSETTO", &utc_offset(observance.offset_to));
            lines.text("TZNAME", &observance.name);
            lines.push("END", component);
        }
        lines.push("END", "VTIMEZONE");
        lines.finish()
    }
}

/// One change the component must imply.
#[derive(Clone, Debug)]
struct Onset {
    at: i64,
    from: i32,
    to: i32,
    kind: ObservanceKind,
    name: String,
}

impl Onset {
    /// The onset as a local time in the offset before it.
    fn local(&self) -> NaiveDateTime {
        local_of(self.at, self.from)
    }
}

/// Transitions of one kind that one yearly rule produces, in consecutive years.
struct Group<'a> {
    onsets: Vec<&'a Onset>,
    rules: Vec<DayRule>,
    last_year: i32,
}

/// What makes two yearly onsets the same change: kind, offsets, name, month, time of day.
type Signature = (ObservanceKind, i32, i32, String, u32, NaiveTime);

/// An RDATE observance being gathered: its kind of change and its dates.
struct OneOffs {
    kind: ObservanceKind,
    from: i32,
    to: i32,
    name: String,
    first: NaiveDateTime,
    dates: Vec<NaiveDateTime>,
}

/// The VTIMEZONE of `zone` describing every instant from `from` to `to` (inclusive).
pub fn vtimezone_of(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> VTimezone {
    let (from, to) = (clamp(from), clamp(to.max(from)));
    let (start, end) = (from.timestamp(), to.timestamp());
    let rules = zone.rules();
    let origin = start - LOOK_AROUND_SECONDS;
    let mut periods: Vec<(i64, LocalType)> = vec![(origin, rules.local_type(origin))];
    periods.extend(
        rules
            .transitions(origin, end + LOOK_AROUND_SECONDS)
            .into_iter()
            .map(|t| (t.at, t.to)),
    );
    let kinds: Vec<ObservanceKind> = (0..periods.len()).map(|i| kind_of(&periods, i)).collect();
    let onsets = visible_onsets(&periods, &kinds);

    // The last onset at or before the span's start states the offset in force there.
    let first_kept = onsets.iter().rev().find(|o| o.at <= start).map(|o| o.at);
    let mut observances = Vec::new();
    let mut singles: Vec<&Onset> = Vec::new();
    for group in yearly_groups(&onsets) {
        let kept: Vec<&Onset> = group
            .onsets
            .iter()
            .copied()
            .filter(|o| first_kept.is_none_or(|k| o.at >= k) && o.at <= end)
            .collect();
        let goes_on = group.onsets.iter().any(|o| o.at > end);
        let (Some(first), Some(&day)) = (kept.first(), group.rules.first()) else {
            singles.extend(kept);
            continue;
        };
        if kept.len() >= 2 || goes_on {
            let local = first.local();
            observances.push(Observance {
                kind: first.kind,
                start: local,
                onsets: Onsets::Yearly(YearlyRule {
                    month: local.month(),
                    day,
                    count: (!goes_on).then_some(kept.len()),
                }),
                offset_from: first.from,
                offset_to: first.to,
                name: first.name.clone(),
            });
        } else {
            singles.extend(kept);
        }
    }
    // Onsets that follow no rule: one RDATE observance per kind of change.
    singles.sort_by_key(|o| o.at);
    let mut by_change: Vec<OneOffs> = Vec::new();
    for o in singles {
        let (local, offset_from) = if Some(o.at) == first_kept {
            // Stated as beginning where the span begins, with nothing before it.
            (local_of(start, o.to), o.to)
        } else {
            (o.local(), o.from)
        };
        match by_change
            .iter_mut()
            .find(|c| c.kind == o.kind && c.from == offset_from && c.to == o.to && c.name == o.name)
        {
            Some(c) => c.dates.push(local),
            None => by_change.push(OneOffs {
                kind: o.kind,
                from: offset_from,
                to: o.to,
                name: o.name.clone(),
                first: local,
                dates: vec![local],
            }),
        }
    }
    observances.extend(by_change.into_iter().map(|c| Observance {
        kind: c.kind,
        start: c.first,
        onsets: Onsets::Dates(c.dates),
        offset_from: c.from,
        offset_to: c.to,
        name: c.name,
    }));
    if first_kept.is_none() {
        // No change in the 400 days before the span: the offset of its start, from its start.
        let here = periods
            .iter()
            .zip(&kinds)
            .rev()
            .find(|((at, _), _)| *at <= start);
        if let Some(((_, local_type), kind)) = here {
            let local = local_of(start, local_type.offset);
            observances.push(Observance {
                kind: *kind,
                start: local,
                onsets: Onsets::Dates(vec![local]),
                offset_from: local_type.offset,
                offset_to: local_type.offset,
                name: local_type.abbreviation.as_str().to_owned(),
            });
        }
    }
    observances.sort_by_key(|o| (o.first_onset(), o.kind.component()));
    VTimezone { zone, observances }
}

/// The changes a client could see: a change of the DST flag alone that leaves the kind, the
/// offset and the name as they were is none.
fn visible_onsets(periods: &[(i64, LocalType)], kinds: &[ObservanceKind]) -> Vec<Onset> {
    let mut pairs = periods.iter().zip(kinds);
    let Some((&(_, first_type), &first_kind)) = pairs.next() else {
        return Vec::new();
    };
    let mut last_visible = (first_kind, first_type);
    let mut onsets = Vec::new();
    for (&(at, local_type), &kind) in pairs {
        let (last_kind, last_type) = last_visible;
        if kind == last_kind
            && local_type.offset == last_type.offset
            && local_type.abbreviation == last_type.abbreviation
        {
            continue;
        }
        onsets.push(Onset {
            at,
            from: last_type.offset,
            to: local_type.offset,
            kind,
            name: local_type.abbreviation.as_str().to_owned(),
        });
        last_visible = (kind, local_type);
    }
    onsets
}

/// The VTIMEZONE of `zone`, correct from `from` to `to`, folded, with CRLF line endings.
pub fn vtimezone(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    vtimezone_of(zone, from, to).render()
}

/// STANDARD or DAYLIGHT for period `i`: DAYLIGHT when a neighbouring period is behind it and
/// either of the two is flagged as DST (so Dublin's IST and Casablanca's +01 are DAYLIGHT).
fn kind_of(periods: &[(i64, LocalType)], i: usize) -> ObservanceKind {
    let Some(&(_, me)) = periods.get(i) else {
        return ObservanceKind::Standard;
    };
    let neighbours = [i.checked_sub(1), Some(i + 1)];
    let ahead = neighbours
        .iter()
        .filter_map(|j| periods.get((*j)?))
        .any(|(_, other)| other.offset < me.offset && (me.dst || other.dst));
    if ahead {
        ObservanceKind::Daylight
    } else {
        ObservanceKind::Standard
    }
}

/// Groups onsets into runs of consecutive years that one yearly rule produces.
fn yearly_groups(onsets: &[Onset]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut open: HashMap<Signature, usize> = HashMap::new();
    for onset in onsets {
        let local = onset.local();
        let date = local.date();
        let signature: Signature = (
            onset.kind,
            onset.from,
            onset.to,
            onset.name.clone(),
            date.month(),
            local.time(),
        );
        if let Some(group) = open.get(&signature).and_then(|&g| groups.get_mut(g)) {
            let fitting: Vec<DayRule> = group
                .rules
                .iter()
                .copied()
                .filter(|r| rule_date(date.month(), *r, date.year()) == Some(date))
                .collect();
            if group.last_year + 1 == date.year() && !fitting.is_empty() {
                group.onsets.push(onset);
                group.rules = fitting;
                group.last_year = date.year();
                continue;
            }
        }
        open.insert(signature, groups.len());
        groups.push(Group {
            onsets: vec![onset],
            rules: day_rules(date),
            last_year: date.year(),
        });
    }
    groups
}

fn rule_date(month: u32, day: DayRule, year: i32) -> Option<NaiveDate> {
    YearlyRule {
        month,
        day,
        count: None,
    }
    .date_in(year)
}

/// Every rule that picks `date` in its year, the forms Outlook knows best first.
fn day_rules(date: NaiveDate) -> Vec<DayRule> {
    let (day, weekday) = (date.day(), date.weekday());
    let length = days_in_month(date.year(), date.month()).unwrap_or(28);
    // February's length varies: its rules must hold in a 28-day month.
    let stable_length = if date.month() == 2 { 28 } else { length };
    let mut rules = Vec::new();
    // "Last Sunday" before "fourth Sunday": the tz database states most rules that way.
    if day + 7 > length {
        rules.push(DayRule::NthWeekday(-1, weekday));
    }
    let nth = (day - 1) / 7 + 1;
    if nth <= 4 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        rules.push(DayRule::NthWeekday(nth as i8, weekday));
    }
    if day <= stable_length {
        rules.push(DayRule::Date(day));
    }
    for first in day.saturating_sub(6).max(1)..=day {
        if first + 6 <= stable_length {
            rules.push(DayRule::WeekdayOnOrAfter(first, weekday));
        }
    }
    rules
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    next.pred_opt().map(|d| d.day())
}

fn weekday_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn local_of(at: i64, offset: i32) -> NaiveDateTime {
    DateTime::from_timestamp(at + i64::from(offset), 0)
        .unwrap_or_default()
        .naive_utc()
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

/// Keeps instants within the years a DATE-TIME can spell, with room for the look-around.
fn clamp(instant: DateTime<Utc>) -> DateTime<Utc> {
    let max = Utc
        .with_ymd_and_hms(9998, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or(instant);
    instant.clamp(new_year(3), max)
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

    /// One line per observance: kind, DTSTART, RRULE or RDATEs, offsets, name.
    fn summary(zone_name: &str, from: &str, to: &str) -> Vec<String> {
        vtimezone_of(zone(zone_name), at(from), at(to))
            .observances
            .iter()
            .map(|o| {
                let onsets = match &o.onsets {
                    Onsets::Yearly(rule) => rule.rrule(),
                    Onsets::Dates(dates) => dates
                        .iter()
                        .map(|d| local_datetime(*d))
                        .collect::<Vec<_>>()
                        .join(","),
                };
                format!(
                    "{} {} {} {}->{} {}",
                    o.kind.component(),
                    local_datetime(o.start),
                    onsets,
                    utc_offset(o.offset_from),
                    utc_offset(o.offset_to),
                    o.name
                )
            })
            .collect()
    }

    #[test]
    fn zurich_is_one_standard_and_one_daylight_rule() {
        // A feed with events in 2027 serves 2026 to 2028.
        assert_eq!(
            summary(
                "Europe/Zurich",
                "2026-01-01T00:00:00Z",
                "2029-01-01T00:00:00Z"
            ),
            [
                "STANDARD 20251026T030000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU +0200->+0100 CET",
                "DAYLIGHT 20260329T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU +0100->+0200 CEST",
            ]
        );
        // A short span still states the rules: the one before it, the one going on after it.
        assert_eq!(
            summary(
                "Europe/Zurich",
                "2027-01-01T00:00:00Z",
                "2028-01-01T00:00:00Z"
            ),
            [
                "STANDARD 20261025T030000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU +0200->+0100 CET",
                "DAYLIGHT 20270328T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU +0100->+0200 CEST",
            ]
        );
    }

    #[test]
    fn zones_without_transitions_are_one_standard_observance() {
        for (name, offset) in [
            ("Africa/Douala", "+0100->+0100 WAT"),
            ("Asia/Kolkata", "+0530->+0530 IST"),
            ("Asia/Kathmandu", "+0545->+0545 +0545"),
        ] {
            let got = summary(name, "2020-01-01T00:00:00Z", "2036-01-01T00:00:00Z");
            assert_eq!(got.len(), 1, "{name}: {got:?}");
            assert!(got[0].starts_with("STANDARD 2020010"), "{got:?}");
            assert!(got[0].ends_with(offset), "{got:?}");
        }
    }

    #[test]
    fn rules_that_ended_get_a_count_and_one_offs_get_rdates() {
        // Mexico abolished DST after 2022-10-30: one STANDARD from the span's start.
        assert_eq!(
            summary(
                "America/Mexico_City",
                "2023-01-01T00:00:00Z",
                "2030-01-01T00:00:00Z"
            ),
            ["STANDARD 20221231T180000 20221231T180000 -0600->-0600 CST"]
        );
        // Over 2015-2024 the old rule holds until October 2022, then nothing more.
        let mexico = summary(
            "America/Mexico_City",
            "2015-01-01T00:00:00Z",
            "2025-01-01T00:00:00Z",
        );
        assert_eq!(
            mexico,
            [
                "STANDARD 20141026T020000 FREQ=YEARLY;COUNT=9;BYMONTH=10;BYDAY=-1SU -0500->-0600 CST",
                "DAYLIGHT 20150405T020000 FREQ=YEARLY;COUNT=8;BYMONTH=4;BYDAY=1SU -0600->-0500 CDT",
            ]
        );
        // Moscow: summer time ended in 2010, +04 all year from 2011, back to +03 in 2014.
        assert_eq!(
            summary(
                "Europe/Moscow",
                "2010-06-01T00:00:00Z",
                "2015-01-01T00:00:00Z"
            ),
            [
                "DAYLIGHT 20100601T040000 20100601T040000 +0400->+0400 MSD",
                "STANDARD 20101031T030000 20101031T030000,20141026T020000 +0400->+0300 MSK",
                "STANDARD 20110327T020000 20110327T020000 +0300->+0400 MSK",
            ]
        );
    }

    #[test]
    fn paraguay_made_summer_time_its_standard_time() {
        assert_eq!(
            summary("America/Asuncion", "2024-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
            [
                "DAYLIGHT 20231001T000000 FREQ=YEARLY;COUNT=2;BYMONTH=10;BYDAY=1SU -0400->-0300 -03",
                "STANDARD 20240324T000000 20240324T000000 -0300->-0400 -04",
                "STANDARD 20241015T000000 20241015T000000 -0300->-0300 -03",
            ]
        );
    }

    #[test]
    fn half_hour_and_45_minute_dst_come_out_exactly() {
        assert_eq!(
            summary(
                "Australia/Lord_Howe",
                "2026-01-01T00:00:00Z",
                "2029-01-01T00:00:00Z"
            ),
            [
                "DAYLIGHT 20251005T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=1SU +1030->+1100 +11",
                "STANDARD 20260405T020000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU +1100->+1030 +1030",
            ]
        );
        let chatham = summary(
            "Pacific/Chatham",
            "2026-01-01T00:00:00Z",
            "2029-01-01T00:00:00Z",
        );
        assert_eq!(chatham.len(), 2, "{chatham:?}");
        assert!(
            chatham.iter().any(|o| o.ends_with("+1345->+1245 +1245")),
            "{chatham:?}"
        );
    }

    #[test]
    fn negative_dst_is_presented_as_summer_time() {
        assert_eq!(
            summary(
                "Europe/Dublin",
                "2026-01-01T00:00:00Z",
                "2029-01-01T00:00:00Z"
            ),
            [
                "STANDARD 20251026T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU +0100->+0000 GMT",
                "DAYLIGHT 20260329T010000 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU +0000->+0100 IST",
            ]
        );
    }

    #[test]
    fn transitions_around_ramadan_are_rdates() {
        // The bundled copy (2025b) has Morocco at +01, +00 around Ramadan.
        let got = summary(
            "Africa/Casablanca",
            "2026-01-01T00:00:00Z",
            "2029-01-01T00:00:00Z",
        );
        assert_eq!(
            got,
            [
                "DAYLIGHT 20260101T010000 20260101T010000 +0100->+0100 +01",
                "STANDARD 20260215T030000 20260215T030000,20270207T030000,20280123T030000 +0100->+0000 +00",
                "DAYLIGHT 20260322T020000 20260322T020000,20270314T020000,20280305T020000 +0000->+0100 +01",
            ]
        );
    }

    #[test]
    fn rule_forms() {
        let rule = |month, day| YearlyRule {
            month,
            day,
            count: None,
        };
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Israel's "Fri>=23" (the Friday before the last Sunday of March).
        let israel = rule(3, DayRule::WeekdayOnOrAfter(23, Weekday::Fri));
        assert_eq!(israel.date_in(2017), Some(d("2017-03-24")));
        assert_eq!(
            israel.rrule(),
            "FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29"
        );
        let last = rule(3, DayRule::NthWeekday(-1, Weekday::Fri));
        assert_eq!(last.date_in(2017), Some(d("2017-03-31")));
        let second = rule(3, DayRule::NthWeekday(2, Weekday::Sun));
        assert_eq!(second.date_in(2027), Some(d("2027-03-14")));
        assert_eq!(
            rule(3, DayRule::Date(21)).rrule(),
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=21"
        );
        let counted = YearlyRule {
            count: Some(9),
            ..rule(10, DayRule::NthWeekday(-1, Weekday::Sun))
        };
        assert_eq!(counted.rrule(), "FREQ=YEARLY;COUNT=9;BYMONTH=10;BYDAY=-1SU");
        // Every candidate for a date picks that date; February's rules hold in 28 days.
        for date in ["2027-03-28", "2028-02-29", "2027-10-31", "2027-04-01"] {
            let date = d(date);
            let rules = day_rules(date);
            assert!(!rules.is_empty());
            for r in rules {
                assert_eq!(rule_date(date.month(), r, date.year()), Some(date), "{r:?}");
            }
        }
        assert!(!day_rules(d("2028-02-29")).contains(&DayRule::Date(29)));
    }

    #[test]
    fn feed_spans_are_whole_years_with_a_margin() {
        let (from, to) = feed_span(at("2027-03-10T08:00:00Z"), at("2027-03-11T16:30:00Z"));
        assert_eq!(from, at("2026-01-01T00:00:00Z"));
        assert_eq!(to, at("2029-01-01T00:00:00Z"));
    }
}
