//! Time zones of imported files: TZID resolution and custom VTIMEZONE rules.
//!
//! A TZID becomes, in this order:
//! 1. the IANA zone of that name in the tz database in force (case-insensitive);
//! 2. the IANA zone its name maps to: Windows names ("W. Europe Standard Time", CLDR
//!    windowsZones), Outlook display names, vendor-prefixed names
//!    (`/mozilla.org/20050126_1/Europe/Berlin`, `/freeassociation.sourceforge.net/…`)
//!    — the table is calcard's (Stalwart);
//! 3. for a TZID defined by a VTIMEZONE: the zone named by its `X-LIC-LOCATION` or
//!    `X-MICROSOFT-CDO-TZID`, else the VTIMEZONE's own STANDARD/DAYLIGHT rules
//!    ([`CustomZone`], same gap/overlap rules as [`Zone::resolve`]);
//! 4. otherwise (an unknown name and no VTIMEZONE, e.g. `CUSTOM_tzid` or `CST`): the
//!    times are read as floating, i.e. in the calendar's zone (X-WR-TIMEZONE or the
//!    owner's), which is where the person who wrote them most likely was.
//!
//! A name that maps only to a fixed offset ("(UTC-03:00) Brasília" → `Etc/GMT+3`) yields to
//! the file's own VTIMEZONE when there is one, since that may carry DST rules.
//! IANA zones always use the tz database in force (`tandem_core::tz`), never the file's
//! VTIMEZONE copy: the copies are often partial (Google's one-STANDARD blocks, Exchange's
//! 1601 rules), and DESIGN §2 wants one tz database for every conversion.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use tandem_core::Zone;

use crate::lexer::Component;
use crate::rules;
use crate::value::{parse_date_or_datetime, parse_utc_offset, unescape_text, RawDate};

/// The zone a DATE-TIME is read in.
#[derive(Clone, Debug)]
pub(crate) enum ZoneRef {
    /// Ends in `Z`, or an IANA zone.
    Iana(Zone),
    /// A VTIMEZONE that names no known zone, evaluated from its own rules.
    Custom(Arc<CustomZone>),
    /// No zone: the calendar's zone (X-WR-TIMEZONE) or the owner's.
    Floating,
}

/// A zone in which a floating or zoned local time can be turned into an instant.
#[derive(Clone, Debug)]
pub(crate) enum Clock {
    Iana(Zone),
    Custom(Arc<CustomZone>),
}

impl Clock {
    /// Local → instant by RFC 5545 §3.3.5 (gap: offset before; overlap: first).
    pub fn resolve(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Clock::Iana(zone) => zone.resolve(local),
            Clock::Custom(zone) => zone.resolve(local),
        }
    }

    /// Instant → local wall clock.
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Clock::Iana(zone) => zone.local(instant),
            Clock::Custom(zone) => {
                instant.naive_utc() + Duration::seconds(i64::from(zone.offset_at(instant)))
            }
        }
    }
}

impl ZoneRef {
    /// The clock to read this zone on, given the zone floating times take.
    pub fn clock(&self, floating: &Clock) -> Clock {
        match self {
            ZoneRef::Iana(zone) => Clock::Iana(*zone),
            ZoneRef::Custom(zone) => Clock::Custom(Arc::clone(zone)),
            ZoneRef::Floating => floating.clone(),
        }
    }
}

/// One transition of a custom zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Transition {
    /// UTC seconds of the instant the new offset starts.
    at: i64,
    from: i32,
    to: i32,
}

/// A zone built from a VTIMEZONE's STANDARD/DAYLIGHT observances.
#[derive(Debug)]
pub(crate) struct CustomZone {
    transitions: Vec<Transition>,
}

/// Transitions are generated up to this year (rules without end repeat yearly).
const CUSTOM_ZONE_LAST_YEAR: i32 = 2200;
/// At most this many onsets per observance.
const MAX_ONSETS: usize = 2_000;
/// At most this many transitions per zone.
const MAX_TRANSITIONS: usize = 20_000;

impl CustomZone {
    /// Builds the zone from a VTIMEZONE; `None` when no observance can be read.
    fn from_component(vtimezone: &Component<'_>) -> Option<Self> {
        let mut transitions = Vec::new();
        for observance in &vtimezone.children {
            let from = observance
                .property("TZOFFSETFROM")
                .and_then(|p| parse_utc_offset(&p.value));
            let to = observance
                .property("TZOFFSETTO")
                .and_then(|p| parse_utc_offset(&p.value));
            let start = observance
                .property("DTSTART")
                .and_then(|p| parse_date_or_datetime(&p.value));
            let (Some(to), Some(start)) = (to, start) else {
                continue;
            };
            let from = from.unwrap_or(to);
            let start = match start {
                RawDate::Date(d) => d.and_time(chrono::NaiveTime::MIN),
                RawDate::DateTime { local, .. } => local,
            };
            let mut onsets = vec![start];
            for rdate in observance.properties.iter().filter(|p| p.name == "RDATE") {
                for item in crate::value::split_list(&rdate.value) {
                    match parse_date_or_datetime(item) {
                        Some(RawDate::DateTime { local, .. }) => onsets.push(local),
                        Some(RawDate::Date(d)) => onsets.push(d.and_time(start.time())),
                        None => {}
                    }
                }
            }
            for rrule in observance.properties.iter().filter(|p| p.name == "RRULE") {
                let Ok(Some(rule)) = rules::RuleSpec::parse(&rrule.value) else {
                    continue;
                };
                // UNTIL of an observance is UTC; on its own clock it is UTC + the offset
                // before the onset.
                let until = rule.until.map(|u| match u {
                    RawDate::DateTime { local, utc: true } => {
                        local + Duration::seconds(i64::from(from))
                    }
                    RawDate::DateTime { local, utc: false } => local,
                    RawDate::Date(d) => d.and_hms_opt(23, 59, 59).unwrap_or(start),
                });
                let last = chrono::NaiveDate::from_ymd_opt(CUSTOM_ZONE_LAST_YEAR, 12, 31)
                    .map_or(start, |d| d.and_time(chrono::NaiveTime::MIN));
                onsets.extend(rule.wall_clock(start, until, start, last, MAX_ONSETS));
            }
            onsets.sort_unstable();
            onsets.dedup();
            onsets.truncate(MAX_ONSETS);
            onsets.truncate(MAX_TRANSITIONS.saturating_sub(transitions.len()));
            for onset in onsets {
                transitions.push(Transition {
                    at: onset.and_utc().timestamp() - i64::from(from),
                    from,
                    to,
                });
            }
        }
        if transitions.is_empty() {
            return None;
        }
        transitions.sort_by_key(|t| t.at);
        Some(Self { transitions })
    }

    /// Offset (seconds east of UTC) in force at an instant.
    fn offset_at(&self, instant: DateTime<Utc>) -> i32 {
        let t = instant.timestamp();
        let index = self.transitions.partition_point(|tr| tr.at <= t);
        self.period_offset(index).unwrap_or_default()
    }

    /// The offset of period `period`: before transition 0 its `from`, after transition
    /// `i` its `to` (`None` past the last period; the list is never empty).
    fn period_offset(&self, period: usize) -> Option<i32> {
        match period.checked_sub(1) {
            None => self.transitions.first().map(|tr| tr.from),
            Some(i) => self.transitions.get(i).map(|tr| tr.to),
        }
    }

    /// Local → instant with the RFC 5545 gap/overlap rules on this zone's transitions.
    fn resolve(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let l = local.and_utc().timestamp();
        // Periods: before transition 0 the offset is transitions[0].from; from
        // transitions[i].at on it is transitions[i].to. A local time is valid in a period
        // when l - offset falls inside it. Offsets are under a day, so only periods whose
        // transitions lie within two days of `l` can hold it.
        let window = 2 * 86_400;
        let first = self.transitions.partition_point(|tr| tr.at < l - window);
        let last = self.transitions.partition_point(|tr| tr.at <= l + window);
        let mut best: Option<i64> = None;
        for period in first..=last {
            let Some(offset) = self.period_offset(period) else {
                continue;
            };
            let instant = l - i64::from(offset);
            let starts = period
                .checked_sub(1)
                .and_then(|i| self.transitions.get(i))
                .map_or(i64::MIN, |tr| tr.at);
            let ends = self.transitions.get(period).map_or(i64::MAX, |tr| tr.at);
            if starts <= instant && instant < ends {
                best = Some(best.map_or(instant, |b: i64| b.min(instant)));
            }
        }
        let instant = best.unwrap_or_else(|| {
            // In a gap: the offset before it.
            let before = self
                .transitions
                .get(first..last)
                .unwrap_or_default()
                .iter()
                .find(|tr| {
                    let gap_start = tr.at + i64::from(tr.from);
                    let gap_end = tr.at + i64::from(tr.to);
                    gap_start <= l && l < gap_end
                })
                .map_or_else(
                    || self.offset_at(DateTime::from_timestamp(l, 0).unwrap_or_default()),
                    |tr| tr.from,
                );
            l - i64::from(before)
        });
        DateTime::from_timestamp(instant, 0).unwrap_or_else(|| local.and_utc())
    }
}

/// The TZIDs a VCALENDAR defines, and how its names resolve.
pub(crate) struct ZoneTable {
    defined: HashMap<String, ZoneRef>,
}

impl ZoneTable {
    /// Reads the VTIMEZONEs of one calendar.
    pub fn new(vtimezones: &[&Component<'_>]) -> Self {
        let mut defined = HashMap::new();
        for vtimezone in vtimezones {
            let Some(tzid) = vtimezone.property("TZID") else {
                continue;
            };
            // The TZID property is TEXT (RFC 5545 §3.8.3.1), so `\,` `\;` `\\` are
            // escapes: Outlook writes `TZID:Pacific Time (US & Canada)\, Tijuana` and refers
            // to it as `TZID="Pacific Time (US & Canada), Tijuana"` (a quoted parameter has
            // no escapes).
            let name = unescape_text(tzid.value.trim());
            if defined.contains_key(&name) {
                continue;
            }
            if let Some(zone) = resolve_defined(&name, vtimezone) {
                defined.insert(name, zone);
            }
        }
        Self { defined }
    }

    /// The zone of a TZID parameter value (or of an X-WR-TIMEZONE value, which is TEXT).
    pub fn resolve(&self, tzid: &str) -> ZoneRef {
        let tzid = tzid.trim();
        if tzid.contains('\\') {
            // Parameter values have no escapes, but some producers escape them like TEXT
            // (the lexer tolerates `TZID=a\,b`); the defined names are unescaped.
            let unescaped = unescape_text(tzid);
            if let Some(zone) = self.defined.get(unescaped.trim()) {
                return zone.clone();
            }
        }
        if let Some(zone) = self.defined.get(tzid) {
            return zone.clone();
        }
        // A VTIMEZONE written `TZID:Name:` (stray colon) or with odd spacing.
        if let Some(zone) = self
            .defined
            .iter()
            .find(|(name, _)| name.trim_end_matches(':').trim() == tzid)
            .map(|(_, zone)| zone.clone())
        {
            return zone;
        }
        match zone_by_name(tzid) {
            Some((zone, _)) => ZoneRef::Iana(zone),
            None => ZoneRef::Floating,
        }
    }
}

/// The zone of a VTIMEZONE: by name first, then its location hints, then its own rules.
fn resolve_defined(name: &str, vtimezone: &Component<'_>) -> Option<ZoneRef> {
    let by_name = zone_by_name(name);
    if let Some((zone, false)) = by_name {
        return Some(ZoneRef::Iana(zone));
    }
    for hint in ["X-LIC-LOCATION", "X-MICROSOFT-CDO-TZID"] {
        let Some(value) = vtimezone.property(hint).map(|p| p.value.trim()) else {
            continue;
        };
        let zone = if hint == "X-MICROSOFT-CDO-TZID" {
            calcard::common::timezone::Tz::from_ms_cdo_zone_id(value).and_then(to_zone)
        } else {
            zone_by_name(value)
                .filter(|(_, fixed)| !fixed)
                .map(|(z, _)| z)
        };
        if let Some(zone) = zone {
            return Some(ZoneRef::Iana(zone));
        }
    }
    if let Some(custom) = CustomZone::from_component(vtimezone) {
        return Some(ZoneRef::Custom(Arc::new(custom)));
    }
    by_name.map(|(zone, _)| ZoneRef::Iana(zone))
}

/// An IANA zone for a name, and whether it is only a fixed-offset guess (`Etc/GMT±N`
/// derived from a "(UTC±hh:mm) City" label).
pub(crate) fn zone_by_name(name: &str) -> Option<(Zone, bool)> {
    let name = name.trim().trim_matches('"').trim();
    if name.is_empty() {
        return None;
    }
    if let Ok(zone) = Zone::parse(name) {
        return Some((zone, false));
    }
    if let Some(zone) = Zone::parse_ignoring_case(name) {
        return Some((zone, false));
    }
    let tz = calcard::common::timezone::Tz::from_str(name).ok()?;
    let zone = to_zone(tz)?;
    let fixed = zone.name().starts_with("Etc/") && !name.starts_with("Etc/");
    Some((zone, fixed))
}

fn to_zone(tz: calcard::common::timezone::Tz) -> Option<Zone> {
    match tz {
        calcard::common::timezone::Tz::Tz(tz) => Zone::parse(tz.name()).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn windows_vendor_and_iana_names() {
        let name = |n: &str| zone_by_name(n).map(|(z, _)| z.name());
        assert_eq!(name("W. Europe Standard Time"), Some("Europe/Berlin"));
        assert_eq!(name("Pacific Standard Time"), Some("America/Los_Angeles"));
        assert_eq!(
            name("/mozilla.org/20050126_1/Europe/Berlin"),
            Some("Europe/Berlin")
        );
        assert_eq!(name("europe/zurich"), Some("Europe/Zurich"));
        assert_eq!(name("CUSTOM_tzid"), None);
        assert!(zone_by_name("(UTC-03:00) Brasília").is_some_and(|(_, fixed)| fixed));
    }

    const CUSTOM: &str = "BEGIN:VTIMEZONE\nTZID:Custom Zurich\nBEGIN:STANDARD\n\
        DTSTART:19701025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
        TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nBEGIN:DAYLIGHT\n\
        DTSTART:19700329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n\
        TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n";

    #[test]
    fn custom_vtimezone_follows_its_rules_with_rfc_gap_and_overlap() {
        let lines = lexer::unfold(CUSTOM);
        let components = lexer::components(&lines).unwrap();
        let zone = CustomZone::from_component(&components[0]).unwrap();
        let iana = Zone::parse("Europe/Zurich").unwrap();
        for l in [
            "2027-01-10T09:00:00",
            "2027-07-10T09:00:00",
            "2027-03-28T02:30:00", // gap
            "2027-10-31T02:30:00", // overlap
            "2027-03-28T03:00:00",
            "2027-10-31T03:00:00",
        ] {
            assert_eq!(zone.resolve(local(l)), iana.resolve(local(l)), "{l}");
        }
        assert_eq!(zone.offset_at(utc("2027-07-01T00:00:00Z")), 7200);
        assert_eq!(zone.offset_at(utc("2027-12-01T00:00:00Z")), 3600);
    }

    #[test]
    fn a_defined_windows_name_uses_the_tz_database() {
        let text = "BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\n\
            DTSTART:16010101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n";
        let lines = lexer::unfold(text);
        let components = lexer::components(&lines).unwrap();
        let table = ZoneTable::new(&[&components[0]]);
        assert!(matches!(
            table.resolve("W. Europe Standard Time"),
            ZoneRef::Iana(z) if z.name() == "Europe/Berlin"
        ));
        assert!(matches!(
            table.resolve("Nowhere/Special"),
            ZoneRef::Floating
        ));
    }
}
