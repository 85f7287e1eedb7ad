//! The time model of DESIGN §2.
//!
//! An event's canonical time is a local wall-clock time plus an IANA zone; UTC instants are
//! derived from it with the rules of RFC 5545 §3.3.5: a local time inside a DST gap takes the
//! UTC offset in force *before* the gap, an ambiguous local time (fall-back) is its *first*
//! occurrence, and `24:00` is midnight of the next day. Intervals are half-open.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::phrase::Phrase;
use crate::tz::{database, LocalOffsets, LocalType, ZoneRules};
use crate::validation::FieldError;

/// Version of the IANA time zone database in force (the installed one, see [`crate::tz`]).
pub fn tzdata_version() -> &'static str {
    database().version()
}

/// A valid IANA time zone name, such as `Africa/Douala`: an index into the tz database in
/// force ([`crate::tz::database`]), so it is `Copy` and its conversions read that database.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(u16);

impl Zone {
    /// UTC (index 0 of every database).
    pub const UTC: Zone = Zone(0);

    /// Parses an IANA zone name exactly as the tz database spells it.
    pub fn parse(name: &str) -> Result<Self, FieldError> {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err(FieldError::said(
                "",
                Phrase::new("invalid-zone-missing", "a time zone is required"),
            ));
        }
        database().index(trimmed).map(Zone).ok_or_else(|| {
            FieldError::said(
                "",
                Phrase::new(
                    "invalid-zone",
                    format!(
                        "unknown time zone '{trimmed}': expected an IANA name such as 'Africa/Douala'"
                    ),
                )
                .text("value", trimmed),
            )
        })
    }

    /// The zone whose IANA name equals `name` ignoring case (`europe/zurich`), for names
    /// written by other programs (imported files); requests use [`Zone::parse`].
    pub fn parse_ignoring_case(name: &str) -> Option<Self> {
        database().index_ignoring_case(name.trim()).map(Zone)
    }

    /// Every zone of the database in force, canonical names and links.
    pub fn all() -> impl Iterator<Item = Zone> {
        #[allow(clippy::cast_possible_truncation)]
        (0..database().len()).map(|i| Zone(i as u16))
    }

    /// The zone's rules in the database in force.
    pub fn rules(self) -> &'static ZoneRules {
        database().at(self.0)
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        self.rules().name()
    }

    /// Interprets a local wall-clock time in this zone by the RFC 5545 rules.
    pub fn resolve(self, local: NaiveDateTime) -> DateTime<Utc> {
        self.resolution(local).instant()
    }

    /// Interprets a local wall-clock time, telling whether it fell in a gap or an overlap.
    pub fn resolution(self, local: NaiveDateTime) -> Resolution {
        let at = |offset: i32| (local - Duration::seconds(i64::from(offset))).and_utc();
        match self.rules().local_offsets(local) {
            LocalOffsets::Single(offset) => Resolution::Exact(at(offset)),
            LocalOffsets::Fold { before, after } => Resolution::Ambiguous {
                first: at(before),
                second: at(after),
            },
            LocalOffsets::Gap { before, .. } => Resolution::Gap {
                instant: at(before),
            },
        }
    }

    /// The local wall-clock time of an instant in this zone.
    pub fn local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.naive_utc() + self.offset_at(instant)
    }

    /// The instant as an RFC 3339 string with this zone's offset (`2027-03-02T12:00:00+00:00`).
    pub fn rfc3339(self, instant: DateTime<Utc>) -> String {
        instant
            .with_timezone(&self)
            .fixed_offset()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    /// The UTC offset in force at an instant.
    pub fn offset_at(self, instant: DateTime<Utc>) -> Duration {
        Duration::seconds(i64::from(
            self.rules().local_type(instant.timestamp()).offset,
        ))
    }

    /// The local day `date`, midnight to midnight, as instants.
    pub fn day(self, date: NaiveDate) -> Interval {
        let start = self.resolve(date.and_time(NaiveTime::MIN));
        let end = self.resolve(next_day(date).and_time(NaiveTime::MIN));
        Interval::new(start, end).unwrap_or(Interval { start, end: start })
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Zone::parse(s)
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Zone::parse(&name).map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// The offset of a [`Zone`] at some instant, as chrono's [`TimeZone`] wants it: formats as
/// the zone's abbreviation (`%Z` gives `CET`, `+0545`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    local_type: LocalType,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.local_type.offset)
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is a valid offset"))
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.local_type.abbreviation, f)
    }
}

/// `instant.with_timezone(&zone)` and chrono's formatting read the database in force.
impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let offset_at = |offset: i32| {
            self.offset_from_utc_datetime(&(*local - Duration::seconds(i64::from(offset))))
        };
        match self.rules().local_offsets(*local) {
            LocalOffsets::Single(offset) => LocalResult::Single(offset_at(offset)),
            LocalOffsets::Fold { before, after } => {
                LocalResult::Ambiguous(offset_at(before), offset_at(after))
            }
            LocalOffsets::Gap { .. } => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        ZoneOffset {
            zone: *self,
            local_type: self.rules().local_type(utc.and_utc().timestamp()),
        }
    }
}

/// How a local wall-clock time maps to an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one instant has this local time.
    Exact(DateTime<Utc>),
    /// The local time was skipped by a forward transition; the instant uses the offset before.
    Gap {
        /// The instant RFC 5545 assigns to it.
        instant: DateTime<Utc>,
    },
    /// The local time happens twice (fall-back); RFC 5545 takes the first.
    Ambiguous {
        /// The first occurrence, which RFC 5545 uses.
        first: DateTime<Utc>,
        /// The second occurrence.
        second: DateTime<Utc>,
    },
}

impl Resolution {
    /// The instant that RFC 5545 §3.3.5 assigns.
    pub fn instant(self) -> DateTime<Utc> {
        match self {
            Resolution::Exact(instant) | Resolution::Gap { instant } => instant,
            Resolution::Ambiguous { first, .. } => first,
        }
    }

    /// True when the local time does not exist in the zone.
    pub fn is_gap(self) -> bool {
        matches!(self, Resolution::Gap { .. })
    }
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// A local time of day `HH:MM`, from `00:00` to `24:00` inclusive (`24:00` ends the day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTimeOfDay {
    minutes: u16,
}

impl LocalTimeOfDay {
    /// Midnight at the start of the day.
    pub const MIDNIGHT: LocalTimeOfDay = LocalTimeOfDay { minutes: 0 };
    /// `24:00`, midnight at the end of the day.
    pub const END_OF_DAY: LocalTimeOfDay = LocalTimeOfDay { minutes: 24 * 60 };

    /// Parses `HH:MM` (24-hour clock); `24:00` is accepted as the end of the day.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let bad = || {
            FieldError::said(
                "",
                Phrase::new(
                    "invalid-time-of-day",
                    format!("invalid time of day '{text}': expected HH:MM between 00:00 and 24:00"),
                )
                .text("value", text),
            )
        };
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        let hours = digits(h, 2).and_then(|h| u16::try_from(h).ok());
        let minutes = digits(m, 2).and_then(|m| u16::try_from(m).ok());
        let (Some(hours), Some(minutes)) = (hours, minutes) else {
            return Err(bad());
        };
        if minutes >= 60 || hours > 24 || (hours == 24 && minutes != 0) {
            return Err(bad());
        }
        Ok(Self {
            minutes: hours * 60 + minutes,
        })
    }

    /// Builds a time of day from minutes after midnight (0..=1440).
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes <= 24 * 60).then_some(Self { minutes })
    }

    /// Minutes after local midnight.
    pub fn minutes(self) -> u16 {
        self.minutes
    }

    /// The wall-clock date-time of this time on `date` (`24:00` is the next day's `00:00`).
    pub fn on(self, date: NaiveDate) -> NaiveDateTime {
        date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(self.minutes))
    }
}

impl fmt::Display for LocalTimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl Serialize for LocalTimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LocalTimeOfDay::parse(&text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// The first local date tandem accepts in a request (DESIGN §2).
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last local date tandem accepts in a request (DESIGN §2).
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

fn out_of_bounds(what: &str) -> FieldError {
    FieldError::said(
        "",
        Phrase::new(
            "invalid-date-bounds",
            format!("{what} is outside the dates tandem accepts, {FIRST_DATE} to {LAST_DATE}"),
        )
        .text("value", what)
        .date("first", FIRST_DATE)
        .date("last", LAST_DATE),
    )
}

/// Checks that a local date lies from [`FIRST_DATE`] to [`LAST_DATE`] (DESIGN §2: no meeting
/// is planned in year 1 or 9999, and every feed's VTIMEZONE stays small).
pub fn check_date(date: NaiveDate) -> Result<NaiveDate, FieldError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(out_of_bounds(&date.to_string()))
    }
}

/// Checks that a local date-time falls on a date from [`FIRST_DATE`] to [`LAST_DATE`]
/// (`24:00` of the last date, the end of that day, included).
pub fn check_local(local: NaiveDateTime) -> Result<NaiveDateTime, FieldError> {
    let end_of_last = LocalTimeOfDay::END_OF_DAY.on(LAST_DATE);
    if local == end_of_last || check_date(local.date()).is_ok() {
        Ok(local)
    } else {
        Err(out_of_bounds(&format_local_datetime(local)))
    }
}

/// The instants a request may name: the UTC dates from [`FIRST_DATE`] to [`LAST_DATE`], the
/// midnight that ends the last one included (so a range can end there).
pub fn accepted_instants() -> Interval {
    Interval {
        start: FIRST_DATE.and_time(NaiveTime::MIN).and_utc(),
        end: LocalTimeOfDay::END_OF_DAY.on(LAST_DATE).and_utc(),
    }
}

/// Checks that an instant lies within [`accepted_instants`].
pub fn check_instant(instant: DateTime<Utc>) -> Result<DateTime<Utc>, FieldError> {
    let bounds = accepted_instants();
    if bounds.start <= instant && instant <= bounds.end {
        Ok(instant)
    } else {
        Err(out_of_bounds(
            &instant.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ))
    }
}

/// Reads exactly `width` ASCII digits.
fn digits(text: &str, width: usize) -> Option<u32> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Reads a calendar date written exactly `YYYY-MM-DD`, bounds not checked.
fn calendar_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year = i32::try_from(digits(year, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(month, 2)?, digits(day, 2)?)
}

/// Parses a local date `YYYY-MM-DD` from [`FIRST_DATE`] to [`LAST_DATE`].
pub fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    let date = calendar_date(text).ok_or_else(|| {
        FieldError::said(
            "",
            Phrase::new(
                "invalid-date",
                format!("'{text}' is not a date such as 2027-04-04 (YYYY-MM-DD)"),
            )
            .text("value", text),
        )
    })?;
    check_date(date)
}

/// Parses a local wall-clock date-time without offset: `YYYY-MM-DDTHH:MM[:SS]`.
///
/// `T24:00` is accepted and means midnight of the next day. An offset or `Z` is refused:
/// canonical times are local, and their zone is given separately. Only the syntax is
/// checked here: [`check_local`] holds a request's date-times to the bounds of DESIGN §2.
pub fn parse_local_datetime(text: &str) -> Result<NaiveDateTime, FieldError> {
    let bad = |id: &'static str, why: &str| {
        FieldError::said(
            "",
            Phrase::new(id, format!("invalid local date-time '{text}': {why}")).text("value", text),
        )
    };
    let (date, time) = text
        .split_once('T')
        .ok_or_else(|| bad("localtime-format", "expected YYYY-MM-DDTHH:MM"))?;
    let date = calendar_date(date).ok_or_else(|| {
        bad(
            "localtime-calendar-date",
            "expected YYYY-MM-DDTHH:MM with a real calendar date",
        )
    })?;
    // A sign after the first character of the time is an offset (`09:00-05:00`).
    let offset =
        time.ends_with(['Z', 'z']) || time.contains('+') || time.chars().skip(1).any(|c| c == '-');
    if offset {
        return Err(bad(
            "localtime-offset",
            "local times carry no offset; give the zone in the 'tz' field",
        ));
    }
    let hm = match time
        .split_once(':')
        .and_then(|(_, rest)| rest.split_once(':'))
    {
        None => time,
        Some((_, "00")) => time.strip_suffix(":00").unwrap_or(time),
        Some((_, seconds)) if digits(seconds, 2).is_some() => {
            return Err(bad("localtime-seconds", "seconds must be :00"))
        }
        Some(_) => return Err(bad("localtime-format", "expected YYYY-MM-DDTHH:MM")),
    };
    let time_of_day = LocalTimeOfDay::parse(hm).map_err(|_| {
        bad(
            "localtime-time-of-day",
            "expected a time between 00:00 and 24:00",
        )
    })?;
    Ok(time_of_day.on(date))
}

/// Parses an RFC 3339 instant (`2027-03-01T00:00:00Z`, any offset) for the request field
/// `field`, within the bounds of [`check_instant`]; the one parser of instants at every edge
/// (search requests, list and feed filters).
pub fn parse_instant(text: &str, field: &str) -> Result<DateTime<Utc>, FieldError> {
    let bad = || {
        FieldError::said(
            field,
            Phrase::new(
                "invalid-instant",
                format!("'{text}' is not an RFC 3339 instant such as 2027-03-01T00:00:00Z"),
            )
            .text("value", text),
        )
    };
    // RFC 3339's grammar (and JSON Schema's `date-time`): `T` between date and time, where
    // chrono also takes a space; and no leap second, which tandem's instants never hold.
    let t_separated = text
        .get(10..11)
        .is_some_and(|t| t.eq_ignore_ascii_case("T"));
    if !t_separated || text.get(17..19) == Some("60") {
        return Err(bad());
    }
    let instant = DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| bad())?;
    check_instant(instant).map_err(|e| e.under(field))
}

/// Formats a local wall-clock date-time as `YYYY-MM-DDTHH:MM` (`:SS` only when non-zero).
pub fn format_local_datetime(local: NaiveDateTime) -> String {
    if local.and_utc().timestamp() % 60 == 0 {
        local.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        local.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// A half-open span of time `[start, end)`; back-to-back intervals do not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    /// First instant inside the interval.
    pub start: DateTime<Utc>,
    /// First instant after the interval.
    pub end: DateTime<Utc>,
}

impl Interval {
    /// An interval, or `None` when `end` is before `start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<Self> {
        (start <= end).then_some(Self { start, end })
    }

    /// True when the two intervals share at least one instant.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside this interval.
    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length of the interval.
    pub fn duration(&self) -> Duration {
        self.end - self.start
    }

    /// True when the interval holds no instant.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        parse_local_datetime(s).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap()
    }

    #[test]
    fn unknown_zone_is_named() {
        let err = Zone::parse("Africa/Yaounde").unwrap_err();
        assert!(err.message.contains("Africa/Yaounde"), "{err}");
        assert!(Zone::parse("").is_err());
        assert!(
            Zone::parse("europe/zurich").is_err(),
            "IANA names are case-sensitive"
        );
    }

    #[test]
    fn plain_time_in_douala() {
        assert_eq!(
            zone("Africa/Douala").resolve(local("2027-03-10T09:00")),
            utc("2027-03-10T08:00:00Z")
        );
    }

    #[test]
    fn gap_takes_the_offset_before() {
        // Europe/Zurich springs forward 2027-03-28 02:00 -> 03:00; 02:30 does not exist.
        let r = zone("Europe/Zurich").resolution(local("2027-03-28T02:30"));
        assert!(r.is_gap());
        // Offset before the gap is +01:00, so 02:30 local is 01:30Z (= 03:30 CEST).
        assert_eq!(r.instant(), utc("2027-03-28T01:30:00Z"));
    }

    #[test]
    fn overlap_takes_the_first() {
        // Europe/Zurich falls back 2027-10-31 03:00 -> 02:00; 02:30 happens twice.
        let r = zone("Europe/Zurich").resolution(local("2027-10-31T02:30"));
        assert!(matches!(r, Resolution::Ambiguous { .. }));
        assert_eq!(r.instant(), utc("2027-10-31T00:30:00Z"));
    }

    #[test]
    fn southern_hemisphere_gap_and_overlap() {
        // Santiago: DST ends first Sunday of April (2027-04-04 00:00 -> 2027-04-03 23:00).
        let r = zone("America/Santiago").resolution(local("2027-04-03T23:30"));
        assert!(matches!(r, Resolution::Ambiguous { .. }), "{r:?}");
        assert_eq!(r.instant(), utc("2027-04-04T02:30:00Z"));
        // Sydney springs forward 2027-10-03 02:00 -> 03:00.
        let r = zone("Australia/Sydney").resolution(local("2027-10-03T02:15"));
        assert!(r.is_gap());
        assert_eq!(r.instant(), utc("2027-10-02T16:15:00Z"));
    }

    #[test]
    fn lord_howe_half_hour_dst() {
        // Lord Howe moves 02:00 -> 02:30 on the first Sunday of October.
        let r = zone("Australia/Lord_Howe").resolution(local("2027-10-03T02:10"));
        assert!(r.is_gap());
        // Offset before is +10:30.
        assert_eq!(r.instant(), utc("2027-10-02T15:40:00Z"));
    }

    #[test]
    fn odd_offsets() {
        assert_eq!(
            zone("Asia/Kathmandu").resolve(local("2027-01-05T09:00")),
            utc("2027-01-05T03:15:00Z")
        );
        assert_eq!(
            zone("Asia/Kolkata").resolve(local("2027-01-05T09:00")),
            utc("2027-01-05T03:30:00Z")
        );
        assert_eq!(
            zone("America/St_Johns").resolve(local("2027-01-05T09:00")),
            utc("2027-01-05T12:30:00Z")
        );
    }

    #[test]
    fn end_of_day_is_next_midnight() {
        assert_eq!(local("2027-03-10T24:00"), local("2027-03-11T00:00"));
        assert_eq!(
            LocalTimeOfDay::parse("24:00")
                .unwrap()
                .on(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
            local("2028-01-01T00:00")
        );
        assert!(LocalTimeOfDay::parse("24:01").is_err());
        assert!(LocalTimeOfDay::parse("9:00").is_err());
        assert!(LocalTimeOfDay::parse("09:60").is_err());
    }

    #[test]
    fn local_datetime_parse_refuses_offsets_and_bad_dates() {
        assert!(parse_local_datetime("2027-03-10T09:00Z").is_err());
        assert!(parse_local_datetime("2027-03-10T09:00+01:00").is_err());
        assert!(parse_local_datetime("2027-02-30T09:00").is_err());
        assert!(parse_local_datetime("2027-03-10 09:00").is_err());
        assert!(parse_local_datetime("2027-03-10T09:00:30").is_err());
        assert_eq!(local("2027-03-10T09:00:00"), local("2027-03-10T09:00"));
    }

    #[test]
    fn samoa_skipped_a_whole_day() {
        // Pacific/Apia jumped from 2011-12-29 23:59 to 2011-12-31 00:00.
        let r = zone("Pacific/Apia").resolution(local("2011-12-30T12:00"));
        assert!(r.is_gap());
        // Offset before was -10:00.
        assert_eq!(r.instant(), utc("2011-12-30T22:00:00Z"));
    }

    #[test]
    fn day_lengths_follow_dst() {
        let z = zone("Europe/Zurich");
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(z.day(d("2027-03-28")).duration(), Duration::hours(23));
        assert_eq!(z.day(d("2027-10-31")).duration(), Duration::hours(25));
        assert_eq!(z.day(d("2027-06-01")).duration(), Duration::hours(24));
    }

    #[test]
    fn rfc3339_carries_the_zone_offset() {
        assert_eq!(
            zone("Asia/Kathmandu").rfc3339(utc("2027-03-02T12:00:00Z")),
            "2027-03-02T17:45:00+05:45"
        );
    }

    #[test]
    fn instants_need_an_offset() {
        assert_eq!(
            parse_instant("2027-03-01T09:00:00+01:00", "from").unwrap(),
            utc("2027-03-01T08:00:00Z")
        );
        let e = parse_instant("2027-03-01T09:00", "from").unwrap_err();
        assert_eq!(e.field, "from");
        assert!(e.message.contains("'2027-03-01T09:00'"));
    }

    #[test]
    fn chrono_formatting_reads_the_zone() {
        let at = utc("2027-07-01T07:00:00Z").with_timezone(&zone("Europe/Zurich"));
        assert_eq!(at.format("%H:%M %Z %:z").to_string(), "09:00 CEST +02:00");
        let winter = zone("Asia/Kathmandu")
            .from_local_datetime(&local("2027-01-05T09:00"))
            .single()
            .unwrap();
        assert_eq!(winter.format("%Z").to_string(), "+0545");
        assert!(zone("Europe/Zurich")
            .from_local_datetime(&local("2027-03-28T02:30"))
            .single()
            .is_none());
        assert_eq!(
            format!("{:?}", zone("Europe/Zurich")),
            "Zone(Europe/Zurich)"
        );
        assert_eq!(
            Zone::parse_ignoring_case("europe/ZURICH"),
            Some(zone("Europe/Zurich"))
        );
        assert_eq!(Zone::UTC.name(), "UTC");
    }

    #[test]
    fn tzdata_version_is_known() {
        let v = tzdata_version();
        assert!(v.len() >= 5 && v.starts_with("20"), "{v}");
    }

    #[test]
    fn half_open_intervals() {
        let a = Interval::new(utc("2027-01-01T09:00:00Z"), utc("2027-01-01T10:00:00Z")).unwrap();
        let b = Interval::new(utc("2027-01-01T10:00:00Z"), utc("2027-01-01T11:00:00Z")).unwrap();
        assert!(!a.overlaps(&b), "back-to-back is not an overlap");
        let c = Interval::new(utc("2027-01-01T09:59:00Z"), utc("2027-01-01T11:00:00Z")).unwrap();
        assert!(a.overlaps(&c) && c.overlaps(&a));
        assert!(Interval::new(b.end, b.start).is_none());
    }
}
