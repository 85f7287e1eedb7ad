//! From components to events grouped into series (one UID: a master and its overrides).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use tandem_core::Zone;

use crate::lexer::{Component, Property};
use crate::rules::RuleSpec;
use crate::value::{
    parse_date_or_datetime, parse_duration, split_list, unescape_text, DurationError, IcalDuration,
    RawDate,
};
use crate::zones::{ZoneRef, ZoneTable};
use crate::ParseError;

/// A DATE or a DATE-TIME in its zone.
#[derive(Clone, Debug)]
pub(crate) enum When {
    /// An all-day DATE.
    Date(NaiveDate),
    /// A wall-clock time in a zone (UTC is `Iana(UTC)`).
    DateTime { local: NaiveDateTime, zone: ZoneRef },
}

impl When {
    /// The date as written.
    pub fn written_date(&self) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::DateTime { local, .. } => local.date(),
        }
    }
}

/// How an event's end is given.
#[derive(Clone, Debug)]
pub(crate) enum EndSpec {
    /// Neither DTEND nor DURATION.
    None,
    /// DTEND.
    At(When),
    /// DURATION.
    Duration(IcalDuration),
}

/// An RDATE: a start, and for a PERIOD its own end.
#[derive(Clone, Debug)]
pub(crate) struct RDate {
    pub start: When,
    pub end: Option<EndSpec>,
}

/// One VEVENT, read.
#[derive(Clone, Debug)]
pub(crate) struct EventData {
    pub summary: Option<String>,
    pub sequence: i64,
    pub cancelled: bool,
    pub transparent: bool,
    pub start: When,
    pub end: EndSpec,
    pub rules: Vec<RuleSpec>,
    pub rdates: Vec<RDate>,
    pub exdates: Vec<When>,
    /// RECURRENCE-ID, and whether it has RANGE=THISANDFUTURE.
    pub recurrence_id: Option<(When, bool)>,
    /// Position in the file (later wins a SEQUENCE tie).
    pub order: usize,
    /// The calendar's X-WR-TIMEZONE, where floating times are read instead of the owner's.
    pub calendar_zone: Option<ZoneRef>,
}

/// All VEVENTs sharing one UID.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub uid: String,
    /// The master with the highest SEQUENCE (the newest, on a tie).
    pub master: Option<EventData>,
    /// Every override (RECURRENCE-ID), duplicates included: expansion keeps one per
    /// recurrence.
    pub overrides: Vec<EventData>,
}

/// A parsed calendar stream, independent of whose calendar it is: floating times and
/// all-day events are placed in a zone only when it is expanded.
#[derive(Clone, Debug)]
pub struct ImportedCalendar {
    series: Vec<Series>,
    event_count: usize,
    name: Option<String>,
    refresh_interval: Option<chrono::Duration>,
}

impl ImportedCalendar {
    /// Number of VEVENTs in the file (masters and overrides).
    pub fn event_count(&self) -> usize {
        self.event_count
    }

    /// The calendar's name: NAME (RFC 7986) or X-WR-CALNAME.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// How often the publisher asks to be polled: REFRESH-INTERVAL or X-PUBLISHED-TTL.
    pub fn refresh_interval(&self) -> Option<chrono::Duration> {
        self.refresh_interval
    }

    pub(crate) fn series(&self) -> &[Series] {
        &self.series
    }
}

/// Everything the stream holds, across its VCALENDARs.
#[derive(Default)]
struct Builder {
    events: Vec<(String, EventData)>,
    event_count: usize,
    names: Vec<(bool, String)>,
    refresh: Vec<(bool, chrono::Duration)>,
}

pub(crate) fn build(top: &[Component<'_>]) -> Result<ImportedCalendar, ParseError> {
    let mut builder = Builder::default();
    let bare: Vec<&Component<'_>> = top.iter().filter(|c| c.name != "VCALENDAR").collect();
    for calendar in top.iter().filter(|c| c.name == "VCALENDAR") {
        let children: Vec<&Component<'_>> = calendar.children.iter().collect();
        builder.calendar(&calendar.properties, &children)?;
    }
    if !bare.is_empty() {
        builder.calendar(&[], &bare)?;
    }
    Ok(builder.finish())
}

impl Builder {
    fn calendar(
        &mut self,
        properties: &[Property<'_>],
        children: &[&Component<'_>],
    ) -> Result<(), ParseError> {
        let vtimezones: Vec<&Component<'_>> = children
            .iter()
            .copied()
            .filter(|c| c.name == "VTIMEZONE")
            .collect();
        let zones = ZoneTable::new(&vtimezones);
        let mut calendar_zone = None;
        for property in properties {
            match property.name.as_ref() {
                "NAME" => self
                    .names
                    .push((true, unescape_text(property.value.trim()))),
                "X-WR-CALNAME" => self
                    .names
                    .push((false, unescape_text(property.value.trim()))),
                "REFRESH-INTERVAL" | "X-PUBLISHED-TTL" => {
                    if let Ok(d) = parse_duration(&property.value) {
                        let span = d.total();
                        if span > chrono::Duration::zero() {
                            self.refresh
                                .push((property.name == "REFRESH-INTERVAL", span));
                        }
                    }
                }
                "X-WR-TIMEZONE" => {
                    let zone = zones.resolve(&unescape_text(property.value.trim()));
                    if !matches!(zone, ZoneRef::Floating) {
                        calendar_zone = Some(zone);
                    }
                }
                _ => {}
            }
        }
        for event in children.iter().filter(|c| c.name == "VEVENT") {
            self.event_count += 1;
            let order = self.events.len();
            if let Some((uid, data)) = read_event(event, &zones, calendar_zone.as_ref(), order)? {
                self.events.push((uid, data));
            }
        }
        Ok(())
    }

    fn finish(self) -> ImportedCalendar {
        /// The standard property when present (NAME, REFRESH-INTERVAL), else the X- one.
        fn pick<T: Clone>(list: &[(bool, T)]) -> Option<T> {
            list.iter()
                .find(|(standard, _)| *standard)
                .or(list.first())
                .map(|(_, v)| v.clone())
        }
        let mut series: Vec<Series> = Vec::new();
        let mut by_uid: HashMap<String, usize> = HashMap::new();
        for (uid, event) in self.events {
            let index = if uid.is_empty() {
                None
            } else {
                by_uid.get(&uid).copied()
            };
            let index = index.unwrap_or_else(|| {
                series.push(Series {
                    uid: uid.clone(),
                    master: None,
                    overrides: Vec::new(),
                });
                if !uid.is_empty() {
                    by_uid.insert(uid, series.len() - 1);
                }
                series.len() - 1
            });
            let Some(entry) = series.get_mut(index) else {
                continue;
            };
            if event.recurrence_id.is_some() {
                entry.overrides.push(event);
            } else if entry
                .master
                .as_ref()
                .is_none_or(|m| event.sequence >= m.sequence)
            {
                entry.master = Some(event);
            }
        }
        ImportedCalendar {
            series,
            event_count: self.event_count,
            name: pick(&self.names).filter(|n: &String| !n.is_empty()),
            refresh_interval: pick(&self.refresh),
        }
    }
}

/// Reads one VEVENT; `None` when it has no start at all (neither DTSTART nor
/// RECURRENCE-ID), which places nothing in time.
fn read_event(
    event: &Component<'_>,
    zones: &ZoneTable,
    calendar_zone: Option<&ZoneRef>,
    order: usize,
) -> Result<Option<(String, EventData)>, ParseError> {
    let mut uid = String::new();
    let mut summary = None;
    let mut sequence = 0;
    let mut cancelled = false;
    let mut transparent = false;
    let mut start: Option<(When, usize)> = None;
    let mut end_at = None;
    let mut duration = None;
    let mut rules = Vec::new();
    let mut rdates = Vec::new();
    let mut exdates = Vec::new();
    let mut recurrence_id = None;
    let mut rule_lines = Vec::new();

    for p in &event.properties {
        match p.name.as_ref() {
            "UID" => p.value.trim().clone_into(&mut uid),
            "SUMMARY" => summary = Some(unescape_text(&p.value)),
            "SEQUENCE" => sequence = p.value.trim().parse().unwrap_or(0),
            "STATUS" => {
                let status = p.value.trim();
                cancelled = status.eq_ignore_ascii_case("CANCELLED")
                    || status.eq_ignore_ascii_case("CANCELED");
            }
            "TRANSP" => transparent = p.value.trim().eq_ignore_ascii_case("TRANSPARENT"),
            "DTSTART" => {
                if let Some((_, first)) = &start {
                    return Err(ParseError::at(
                        p.line,
                        format!("a second DTSTART in one VEVENT (the first is on line {first})"),
                    ));
                }
                start = Some((when(p, zones)?, p.line));
            }
            "DTEND" if end_at.is_none() => end_at = Some(when(p, zones)?),
            "DURATION" if duration.is_none() => duration = Some(read_duration(p)?),
            "RRULE" => match RuleSpec::parse(&p.value) {
                Ok(Some(rule)) => {
                    rules.push(rule);
                    rule_lines.push(p.line);
                }
                Ok(None) => {}
                Err(message) => return Err(ParseError::at(p.line, message)),
            },
            "RDATE" => rdates.extend(read_rdates(p, zones)?),
            "EXDATE" => {
                for item in split_list(&p.value) {
                    exdates.push(when_of(p, item, zones)?);
                }
            }
            "RECURRENCE-ID" => {
                let this_and_future = p
                    .param("RANGE")
                    .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
                recurrence_id = Some((when(p, zones)?, this_and_future));
            }
            _ => {}
        }
    }

    let start = match (start, &recurrence_id) {
        (Some((start, _)), _) => start,
        (None, Some((rid, _))) => rid.clone(),
        (None, None) => return Ok(None),
    };
    let first = match &start {
        When::Date(d) => d.and_time(chrono::NaiveTime::MIN),
        When::DateTime { local, .. } => *local,
    };
    for (rule, line) in rules.iter().zip(rule_lines) {
        rule.check(first).map_err(|m| ParseError::at(line, m))?;
    }
    let end = match (end_at, duration) {
        (Some(at), _) => EndSpec::At(at),
        (None, Some(d)) => EndSpec::Duration(d),
        (None, None) => EndSpec::None,
    };
    Ok(Some((
        uid,
        EventData {
            summary,
            sequence,
            cancelled,
            transparent,
            start,
            end,
            rules,
            rdates,
            exdates,
            recurrence_id,
            order,
            calendar_zone: calendar_zone.cloned(),
        },
    )))
}

fn read_duration(p: &Property<'_>) -> Result<IcalDuration, ParseError> {
    parse_duration(&p.value).map_err(|e| {
        let why = match e {
            DurationError::Syntax => "is not a duration (expected e.g. PT1H30M or P1D)",
            DurationError::TooLong => "is longer than any calendar can hold",
        };
        ParseError::at(p.line, format!("{} '{}' {why}", p.name, p.value.trim()))
    })
}

/// The single date value of a property.
fn when(p: &Property<'_>, zones: &ZoneTable) -> Result<When, ParseError> {
    when_of(p, p.value.trim(), zones)
}

/// One date value of a property (which may hold a list), in the property's TZID.
fn when_of(p: &Property<'_>, text: &str, zones: &ZoneTable) -> Result<When, ParseError> {
    let raw = parse_date_or_datetime(text).ok_or_else(|| {
        ParseError::at(
            p.line,
            format!(
                "{} '{}' is not a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS[Z])",
                p.name,
                text.trim()
            ),
        )
    })?;
    Ok(match raw {
        RawDate::Date(d) => When::Date(d),
        // A trailing `Z` wins over a TZID written beside it (invalid, RFC 5545 §3.3.5, but
        // real producers write it): ical.js, libical and Outlook read it so, and the feeds
        // that stay in use are the ones that look right there (README, "Readings where
        // parsers differ").
        RawDate::DateTime { local, utc: true } => When::DateTime {
            local,
            zone: ZoneRef::Iana(Zone::UTC),
        },
        RawDate::DateTime { local, utc: false } => When::DateTime {
            local,
            zone: p
                .param("TZID")
                .map_or(ZoneRef::Floating, |t| zones.resolve(t)),
        },
    })
}

fn read_rdates(p: &Property<'_>, zones: &ZoneTable) -> Result<Vec<RDate>, ParseError> {
    let mut out = Vec::new();
    for item in split_list(&p.value) {
        let Some((from, to)) = item.split_once('/') else {
            out.push(RDate {
                start: when_of(p, item, zones)?,
                end: None,
            });
            continue;
        };
        let start = when_of(p, from, zones)?;
        let end = if to.trim_start().starts_with(['P', 'p', '+', '-']) {
            EndSpec::Duration(parse_duration(to).map_err(|_| {
                ParseError::at(
                    p.line,
                    format!("RDATE period '{item}' has no valid duration"),
                )
            })?)
        } else {
            EndSpec::At(when_of(p, to, zones)?)
        };
        out.push(RDate {
            start,
            end: Some(end),
        });
    }
    Ok(out)
}
