//! iCalendar out (DESIGN §7): feeds of tandem's events and free/busy, as RFC 5545 + RFC 7986
//! bytes. Pure: types in, text out, no I/O and no clock.
//!
//! ```
//! use chrono::{Duration, NaiveDate};
//! use tandem_core::Zone;
//! use tandem_ical::render::{render_calendar, FeedCalendar, FeedEvent, FeedStatus, Organizer};
//!
//! let at = |d: u32, h: u32| NaiveDate::from_ymd_opt(2027, 3, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
//! let stamp = at(1, 0).and_utc();
//! let feed = FeedCalendar {
//!     name: "AFR".into(),
//!     description: "ITU meetings in the Africa region".into(),
//!     refresh_interval: Duration::hours(12),
//!     events: vec![FeedEvent {
//!         uid: "0b6c1f5e-2d1a-4a53-9c1e-3f0d6c1b8a77@tandem".into(),
//!         dtstamp: stamp, last_modified: stamp, created: stamp, sequence: 0,
//!         status: FeedStatus::Confirmed,
//!         summary: "SG3RG-AFR meeting".into(), description: None,
//!         zone: Zone::parse("Africa/Douala").unwrap(), local_start: at(10, 9), local_end: at(11, 17),
//!         rrule: None, location: None, geo: None, categories: vec![], url: None,
//!         conference: None, related_to: vec![],
//!         organizer: Organizer { name: "ITU".into(), email: "bdt@itu.int".into() },
//!         transparent: false,
//!     }],
//!     languages: Default::default(),
//! };
//! let ics = render_calendar(&feed, "-//ITU//tandem//EN");
//! assert!(ics.contains("DTSTART;TZID=Africa/Douala:20270310T090000\r\n"));
//! assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Africa/Douala\r\n"));
//! ```
//!
//! What the output promises:
//! - CRLF line endings; lines folded at 75 octets, never inside a UTF-8 character;
//!   TEXT escaped; parameter values quoted when they hold `:` `;` `,`, with `"` and line
//!   breaks encoded by RFC 6868; URIs left as they are (control characters dropped);
//! - the same input gives the same bytes (HTTP ETags stay stable): events in the order
//!   given, one VTIMEZONE per TZID used, sorted by TZID, properties in a fixed order;
//! - DTSTART/DTEND carry the event's canonical local time with its TZID (DESIGN §2), never
//!   floating and never UTC; an RRULE's UNTIL is written in UTC, as RFC 5545 requires
//!   for a zoned DTSTART (a DATE or local UNTIL is converted: the same last instance);
//! - each VTIMEZONE is generated from the tz database in force ([`vtimezone`]), states the
//!   rule in force as yearly RRULEs (DESIGN §7), and is correct
//!   over whole UTC years from the year before the zone's first event to the year after its
//!   last occurrence (see [`ZoneSpan::covered`]);
//! - every reading of the feed gives the occurrences tandem stores
//!   (`tandem_core::EventTiming::occurrences`): RFC 5545 readers (exact duration of the first
//!   instance) and wall-clock readers (Python's `recurring-ical-events`, `ical`) alike. An
//!   instance where a reading differs from what tandem stores (one that spans a DST change,
//!   or whose start a DST gap moved past its wall-clock end, which keeps the first
//!   instance's length) is written as an override (RECURRENCE-ID) whose DTSTART and DTEND
//!   are local times every reader resolves alike (never inside a gap). Only a series of no
//!   length, of which tandem stores nothing, has EXDATEs. A single event whose end is not
//!   after its start has no DTEND (zero length, as tandem stores it);
//! - SEQUENCE is clamped to 0..=2³¹−1 (an RFC 5545 INTEGER); GEO is written only for a
//!   valid latitude/longitude; a refresh interval under one minute is written as one minute.
//!
//! Invitations ([`render_invitation`], DESIGN §15) are the same VEVENTs and VTIMEZONEs with
//! an iTIP METHOD and the participant as ATTENDEE.
//!
//! Why by hand and not through the `icalendar` crate (issue 14 asked for it): its writer
//! gives every component without DTSTAMP/UID a wall-clock DTSTAMP and a random UID,
//! VTIMEZONE and its observances included (invalid there, and a new ETag on every request);
//! folds a 150-octet line into a 76-octet continuation; leaves a bare CR in TEXT; writes a
//! `"` in a parameter bare and quotes FEATURE=AUDIO,VIDEO into one value; and orders
//! properties alphabetically. `tests/icalendar_crate.rs` shows each, beside these bytes.

mod content;
mod itip;
mod vtimezone;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use tandem_core::recurrence;
use tandem_core::{EventTiming, Resolution, Zone};

use content::{duration, local_datetime, param_value, uri, utc_datetime, Lines};
pub use itip::{
    invitation_subject, render_invitation, render_invitation_text, Attendee, Invitation,
    InvitationKind,
};
pub use vtimezone::{
    vtimezone, vtimezone_of, DayRule, Observance, ObservanceKind, Onsets, VTimezone, YearlyRule,
};

/// A half-open period of time, `[start, end)`.
pub type Period = (DateTime<Utc>, DateTime<Utc>);

/// How far past its start the VTIMEZONE of a series that tandem_core cannot expand (no
/// COUNT, more than its limit of occurrences) and that has no UNTIL is made correct.
pub const OPEN_SERIES_YEARS: i32 = 20;

/// A published calendar: a region's, a group's, a venue's, an event's or a participant's.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedCalendar {
    /// NAME and X-WR-CALNAME.
    pub name: String,
    /// DESCRIPTION and X-WR-CALDESC (left out when empty).
    pub description: String,
    /// How often clients should refresh: REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL.
    pub refresh_interval: Duration,
    /// The events, rendered in this order.
    pub events: Vec<FeedEvent>,
    /// The languages of the texts tandem wrote into the feed (DESIGN §16).
    pub languages: FeedLanguages,
}

/// The RFC 5545 LANGUAGE parameter (§3.2.10, a BCP 47 tag) of the texts tandem writes into
/// a feed, so that a client knows what they are written in. `None` leaves the parameter
/// out (what a feed in the default language does, byte for byte as before). Texts that are
/// the organiser's (SUMMARY, the event's DESCRIPTION) never get one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedLanguages {
    /// Of NAME, X-WR-CALNAME, DESCRIPTION and X-WR-CALDESC (`None` where the name is an
    /// event's own title).
    pub name: Option<String>,
    /// Of each event's LOCATION and CATEGORIES lines.
    pub events: Option<String>,
}

/// `NAME;LANGUAGE=tag` (or `NAME` without a language).
fn with_language(name: &str, language: Option<&str>) -> String {
    match language {
        Some(tag) => format!("{name};LANGUAGE={}", param_value(tag)),
        None => name.to_owned(),
    }
}

/// STATUS of a published event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedStatus {
    /// STATUS:CONFIRMED.
    Confirmed,
    /// STATUS:TENTATIVE (a proposed event, shown with `include=proposed`).
    Tentative,
    /// STATUS:CANCELLED (shown with `include=cancelled`).
    Cancelled,
}

impl FeedStatus {
    /// The RFC 5545 value.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedStatus::Confirmed => "CONFIRMED",
            FeedStatus::Tentative => "TENTATIVE",
            FeedStatus::Cancelled => "CANCELLED",
        }
    }
}

/// Who publishes an event or a free/busy: ORGANIZER;CN=name:mailto:email.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organizer {
    /// Display name (CN), left out when empty.
    pub name: String,
    /// Address, written as a `mailto:` URI.
    pub email: String,
}

/// One event of a feed (DESIGN §7).
#[derive(Clone, Debug, PartialEq)]
pub struct FeedEvent {
    /// UID, which never changes (`<uuid>@tandem`).
    pub uid: String,
    /// DTSTAMP.
    pub dtstamp: DateTime<Utc>,
    /// LAST-MODIFIED: the last change subscribers can see.
    pub last_modified: DateTime<Utc>,
    /// CREATED.
    pub created: DateTime<Utc>,
    /// SEQUENCE, bumped on every change subscribers can see.
    pub sequence: i64,
    /// STATUS.
    pub status: FeedStatus,
    /// SUMMARY.
    pub summary: String,
    /// DESCRIPTION.
    pub description: Option<String>,
    /// The zone of the canonical local times (DTSTART/DTEND;TZID=…).
    pub zone: Zone,
    /// Canonical local start.
    pub local_start: NaiveDateTime,
    /// Canonical local end.
    pub local_end: NaiveDateTime,
    /// RRULE value such as `FREQ=WEEKLY;COUNT=16`.
    pub rrule: Option<String>,
    /// LOCATION.
    pub location: Option<String>,
    /// GEO: latitude and longitude in degrees.
    pub geo: Option<(f64, f64)>,
    /// CATEGORIES: kind, region, group.
    pub categories: Vec<String>,
    /// URL of the event's page.
    pub url: Option<String>,
    /// Remote-participation link: CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO (RFC 7986).
    pub conference: Option<String>,
    /// UIDs of co-located events: RELATED-TO;RELTYPE=SIBLING.
    pub related_to: Vec<String>,
    /// ORGANIZER (METHOD:PUBLISH requires one).
    pub organizer: Organizer,
    /// TRANSP:TRANSPARENT (shown, blocks no time) rather than OPAQUE.
    pub transparent: bool,
}

impl FeedEvent {
    /// The first occurrence as instants, by RFC 5545 (a local end not after the start
    /// gives a zero-length occurrence).
    pub fn first_instants(&self) -> Period {
        let start = self.zone.resolve(self.local_start);
        let end = self.zone.resolve(self.local_end).max(start);
        (start, end)
    }
}

/// A free/busy publication (DESIGN §7, `/feeds/freebusy/{token}.ics`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeBusy {
    /// UID of the VFREEBUSY.
    pub uid: String,
    /// DTSTAMP.
    pub dtstamp: DateTime<Utc>,
    /// Start of the period covered (DTSTART).
    pub start: DateTime<Utc>,
    /// End of the period covered (DTEND).
    pub end: DateTime<Utc>,
    /// The person whose time this is (ORGANIZER: RFC 5546 PUBLISH has no ATTENDEE).
    pub organizer: Organizer,
    /// URL where this free/busy is published.
    pub url: Option<String>,
    /// Busy periods, half-open, in any order, possibly overlapping.
    pub busy: Vec<Period>,
    /// Tentatively busy periods (proposed events), half-open.
    pub tentative: Vec<Period>,
}

/// Renders a feed as a VCALENDAR with METHOD:PUBLISH, its VTIMEZONEs and VEVENTs.
pub fn render_calendar(feed: &FeedCalendar, prodid: &str) -> String {
    let mut lines = Lines::new();
    lines.push("BEGIN", "VCALENDAR");
    let language = feed.languages.name.as_deref();
    calendar_header(&mut lines, prodid, &feed.name, language);
    if !feed.description.is_empty() {
        lines.text(&with_language("DESCRIPTION", language), &feed.description);
        lines.text(&with_language("X-WR-CALDESC", language), &feed.description);
    }
    let refresh = duration(feed.refresh_interval.num_seconds().max(60));
    lines.push("REFRESH-INTERVAL;VALUE=DURATION", &refresh);
    lines.push("X-PUBLISHED-TTL", &refresh);
    for span in zone_spans(&feed.events) {
        let (from, to) = span.covered();
        lines.raw(&vtimezone(span.zone, from, to));
    }
    for event in &feed.events {
        render_event(
            &mut lines,
            event,
            &Extras::feed(event, feed.languages.events.as_deref()),
        );
    }
    lines.push("END", "VCALENDAR");
    lines.finish()
}

/// Renders a free/busy publication: a VCALENDAR with METHOD:PUBLISH and one VFREEBUSY.
///
/// Periods are clipped to `[start, end)`, merged where they overlap or touch, and written in
/// UTC in ascending order, one FREEBUSY line each; a tentative period is written only where
/// no busy period already covers it. With no busy time at all, one `FBTYPE=FREE` period
/// spans the publication.
pub fn render_freebusy(name: &str, fb: &FreeBusy, prodid: &str) -> String {
    render_freebusy_in(name, None, fb, prodid)
}

/// [`render_freebusy`] with the calendar's NAME in `language` (its LANGUAGE parameter).
pub fn render_freebusy_in(
    name: &str,
    language: Option<&str>,
    fb: &FreeBusy,
    prodid: &str,
) -> String {
    let mut lines = Lines::new();
    lines.push("BEGIN", "VCALENDAR");
    calendar_header(&mut lines, prodid, name, language);
    lines.push("BEGIN", "VFREEBUSY");
    lines.text("UID", &fb.uid);
    lines.utc("DTSTAMP", fb.dtstamp);
    lines.utc("DTSTART", fb.start);
    lines.utc("DTEND", fb.end.max(fb.start));
    organizer(&mut lines, &fb.organizer);
    if let Some(url) = fb.url.as_deref().and_then(uri) {
        lines.push("URL", &url);
    }
    let window = (fb.start, fb.end);
    let busy = merge(&fb.busy, window);
    let tentative = subtract(&merge(&fb.tentative, window), &busy);
    let mut periods: Vec<(&str, Period)> = busy
        .into_iter()
        .map(|p| ("BUSY", p))
        .chain(tentative.into_iter().map(|p| ("BUSY-TENTATIVE", p)))
        .collect();
    periods.sort_by_key(|(_, p)| *p);
    if periods.is_empty() && fb.start < fb.end {
        // RFC 5546 §3.4.1: a published VFREEBUSY has at least one FREEBUSY; all free says so.
        periods.push(("FREE", window));
    }
    for (fbtype, (start, end)) in periods {
        lines.push(
            &format!("FREEBUSY;FBTYPE={fbtype}"),
            &format!("{}/{}", utc_datetime(start), utc_datetime(end)),
        );
    }
    lines.push("END", "VFREEBUSY");
    lines.push("END", "VCALENDAR");
    lines.finish()
}

/// The time a zone's VTIMEZONE in a feed must describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneSpan {
    /// The zone (TZID).
    pub zone: Zone,
    /// The earliest start of an event in this zone.
    pub first: DateTime<Utc>,
    /// The latest end of a last occurrence of an event in this zone.
    pub last: DateTime<Utc>,
}

impl ZoneSpan {
    /// What the feed's VTIMEZONE covers: whole UTC years, from January 1st of the year before
    /// `first` to January 1st two years after `last` (a margin for clients that expand
    /// around what they show; the component stays byte-identical while events come and go
    /// within a year).
    pub fn covered(&self) -> Period {
        vtimezone::feed_span(self.first, self.last)
    }
}

/// The zones used by `events`, sorted by TZID, each with the time its VTIMEZONE must describe.
///
/// A series' last occurrence comes from `tandem_core::Recurrence` (the rules tandem stores);
/// a rule it cannot expand counts up to its UNTIL, or [`OPEN_SERIES_YEARS`] past its start.
pub fn zone_spans(events: &[FeedEvent]) -> Vec<ZoneSpan> {
    let mut spans: BTreeMap<&'static str, ZoneSpan> = BTreeMap::new();
    for event in events {
        let (start, end) = event.first_instants();
        let last = event
            .rrule
            .as_deref()
            .map_or(end, |rule| last_instant(event, rule).max(end));
        spans
            .entry(event.zone.name())
            .and_modify(|span| {
                span.first = span.first.min(start);
                span.last = span.last.max(last);
            })
            .or_insert(ZoneSpan {
                zone: event.zone,
                first: start,
                last,
            });
    }
    spans.into_values().collect()
}

fn calendar_header(lines: &mut Lines, prodid: &str, name: &str, language: Option<&str>) {
    lines.push("VERSION", "2.0");
    lines.text("PRODID", prodid);
    lines.push("CALSCALE", "GREGORIAN");
    lines.push("METHOD", "PUBLISH");
    lines.text(&with_language("NAME", language), name);
    lines.text(&with_language("X-WR-CALNAME", language), name);
}

/// How a series is written so that every client reads the occurrences tandem stores.
///
/// tandem stores each occurrence as [`tandem_core::EventTiming::instances`] gives it: from
/// the RFC 5545 instant of its wall-clock start to that of its wall-clock end, or, where that
/// end would come at or before the start (a start moved forward by a DST gap), for the exact
/// length of the first occurrence (DESIGN §4). RFC 5545 §3.8.5.3 gives every instance the
/// *exact* duration of the first, while wall-clock clients (Python's `recurring-ical-events`,
/// `ical`) add the wall-clock length to the start. Where either reading of an instance differs
/// from what tandem stores (an instance spanning a DST change, or one whose start a gap moved
/// past its end), the instance is written out as an override (RECURRENCE-ID with its own
/// DTSTART/DTEND), so that every reading gives tandem's instants. Only a series of no length
/// at all, which tandem stores no occurrence of, has EXDATEs.
struct SeriesPlan {
    /// How the master states its length.
    length: MasterLength,
    /// Wall-clock starts of the instances tandem does not have.
    exdates: Vec<NaiveDateTime>,
    /// The instances written as overrides: wall-clock start (the RECURRENCE-ID) and instants.
    overrides: Vec<(NaiveDateTime, Period)>,
}

/// DTEND, DURATION or nothing.
enum MasterLength {
    /// DTEND;TZID=…: the canonical local end.
    End,
    /// DURATION: the first instance's local end resolves before its start (a start in a DST
    /// gap), so DTEND would be invalid; the wall-clock length serves the other instances.
    Duration(Duration),
    /// No length.
    Zero,
}

impl SeriesPlan {
    fn of(event: &FeedEvent) -> Self {
        let zone = event.zone;
        let (first_start, first_end) = (
            zone.resolve(event.local_start),
            zone.resolve(event.local_end),
        );
        let wall_length = event.local_end - event.local_start;
        let timing = event.rrule.as_deref().and_then(|rule| {
            EventTiming::stored(zone, event.local_start, event.local_end, Some(rule)).ok()
        });
        let starts = timing
            .as_ref()
            .and_then(|t| t.rrule())
            .and_then(|r| r.wall_clock_starts(event.local_start).ok());
        let (length, exact) = if first_end > first_start {
            (MasterLength::End, first_end - first_start)
        } else if starts.is_some() && wall_length > Duration::zero() {
            (MasterLength::Duration(wall_length), wall_length)
        } else {
            (MasterLength::Zero, Duration::zero())
        };
        let mut plan = SeriesPlan {
            length,
            exdates: Vec::new(),
            overrides: Vec::new(),
        };
        let instances = timing.and_then(|t| t.instances().ok()).unwrap_or_default();
        for start in starts.unwrap_or_default() {
            let Some(stored) = instances.iter().find(|i| i.local_start == start) else {
                plan.exdates.push(start);
                continue;
            };
            let stored = stored.interval;
            let begins = zone.resolve(start);
            let rfc5545 = begins + exact;
            let wall_clock = zone.resolve(start + wall_length);
            if stored.start != begins || stored.end != rfc5545 || stored.end != wall_clock {
                plan.overrides.push((start, (stored.start, stored.end)));
            }
        }
        plan
    }
}

/// What a VEVENT says beyond the event itself: its STATUS (none in a CANCEL that uninvites
/// one attendee, RFC 5546 §3.2.5), the attendee an invitation is for, and whether the
/// overrides of a series are written (not in a CANCEL, which cancels the whole series).
pub(crate) struct Extras<'a> {
    status: Option<FeedStatus>,
    attendee: Option<&'a Attendee>,
    overrides: bool,
    /// LANGUAGE of the LOCATION and CATEGORIES lines tandem wrote.
    language: Option<&'a str>,
}

impl<'a> Extras<'a> {
    /// A feed's VEVENT: the event's own STATUS, no attendee, every override.
    fn feed(event: &FeedEvent, language: Option<&'a str>) -> Self {
        Self {
            status: Some(event.status),
            attendee: None,
            overrides: true,
            language,
        }
    }
}

fn render_event(lines: &mut Lines, event: &FeedEvent, extras: &Extras<'_>) {
    let plan = SeriesPlan::of(event);
    let tzid = format!(";TZID={}", param_value(event.zone.name()));
    render_vevent(lines, event, extras, |lines| {
        lines.push(
            &format!("DTSTART{tzid}"),
            &local_datetime(event.local_start),
        );
        match plan.length {
            MasterLength::End => {
                lines.push(&format!("DTEND{tzid}"), &local_datetime(event.local_end));
            }
            MasterLength::Duration(length) => {
                lines.push("DURATION", &duration(length.num_seconds()));
            }
            MasterLength::Zero => {}
        }
        if let Some(rule) = &event.rrule {
            lines.push("RRULE", &rrule_value(rule, event.zone));
        }
        if !plan.exdates.is_empty() {
            let dates: Vec<String> = plan.exdates.iter().map(|d| local_datetime(*d)).collect();
            lines.push(&format!("EXDATE{tzid}"), &dates.join(","));
        }
    });
    let overrides = if extras.overrides {
        plan.overrides.as_slice()
    } else {
        &[]
    };
    for (start, (from, to)) in overrides {
        render_vevent(lines, event, extras, |lines| {
            lines.push(&format!("RECURRENCE-ID{tzid}"), &local_datetime(*start));
            zoned(lines, "DTSTART", &tzid, event.zone, *from);
            zoned(lines, "DTEND", &tzid, event.zone, *to);
        });
    }
}

/// An instant written as the local time of `zone` that every reader reads back as that
/// instant: never a time inside a DST gap (readers differ on those) nor the second of an
/// ambiguous pair; where the zone's clock cannot say it, in UTC (RFC 5545 §3.3.5 form #2).
fn zoned(lines: &mut Lines, name: &str, tzid: &str, zone: Zone, instant: DateTime<Utc>) {
    let local = zone.local(instant);
    let reads_back = match zone.resolution(local) {
        Resolution::Exact(first) | Resolution::Ambiguous { first, .. } => first == instant,
        Resolution::Gap { .. } => false,
    };
    if reads_back {
        lines.push(&format!("{name}{tzid}"), &local_datetime(local));
    } else {
        lines.utc(name, instant);
    }
}

/// One VEVENT: the event's properties, with `timing` writing its date-time properties.
fn render_vevent(
    lines: &mut Lines,
    event: &FeedEvent,
    extras: &Extras<'_>,
    timing: impl FnOnce(&mut Lines),
) {
    lines.push("BEGIN", "VEVENT");
    lines.text("UID", &event.uid);
    lines.utc("DTSTAMP", event.dtstamp);
    lines.utc("CREATED", event.created);
    lines.utc("LAST-MODIFIED", event.last_modified);
    lines.push(
        "SEQUENCE",
        &event.sequence.clamp(0, i64::from(i32::MAX)).to_string(),
    );
    if let Some(status) = extras.status {
        lines.push("STATUS", status.as_str());
    }
    lines.text("SUMMARY", &event.summary);
    if let Some(description) = &event.description {
        lines.text("DESCRIPTION", description);
    }
    timing(lines);
    if let Some(location) = &event.location {
        lines.text(&with_language("LOCATION", extras.language), location);
    }
    if let Some((lat, lon)) = event.geo {
        if lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0 {
            lines.push("GEO", &format!("{lat:.6};{lon:.6}"));
        }
    }
    if !event.categories.is_empty() {
        let list: Vec<String> = event
            .categories
            .iter()
            .map(|c| content::escape_text(c))
            .collect();
        lines.push(
            &with_language("CATEGORIES", extras.language),
            &list.join(","),
        );
    }
    if let Some(url) = event.url.as_deref().and_then(uri) {
        lines.push("URL", &url);
    }
    if let Some(link) = event.conference.as_deref().and_then(uri) {
        lines.push("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO", &link);
    }
    for related in &event.related_to {
        lines.text("RELATED-TO;RELTYPE=SIBLING", related);
    }
    organizer(lines, &event.organizer);
    if let Some(attendee) = extras.attendee {
        itip::attendee(lines, attendee);
    }
    lines.push(
        "TRANSP",
        if event.transparent {
            "TRANSPARENT"
        } else {
            "OPAQUE"
        },
    );
    lines.push("END", "VEVENT");
}

fn organizer(lines: &mut Lines, organizer: &Organizer) {
    let mut name = String::from("ORGANIZER");
    if !organizer.name.is_empty() {
        name.push_str(";CN=");
        name.push_str(&param_value(&organizer.name));
    }
    let address =
        uri(&format!("mailto:{}", organizer.email.trim())).unwrap_or_else(|| "mailto:".to_owned());
    lines.push(&name, &address);
}

/// The RRULE value with any `RRULE:` prefix removed, parts upper-cased and UNTIL in UTC.
fn rrule_value(rule: &str, zone: Zone) -> String {
    let body = rule.trim();
    let body = body
        .split_at_checked(6)
        .filter(|(prefix, _)| prefix.eq_ignore_ascii_case("RRULE:"))
        .map_or(body, |(_, rest)| rest);
    body.split(';')
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let part: String = part.chars().filter(|c| !c.is_control()).collect();
            match part.split_once('=') {
                Some((key, value)) if key.trim().eq_ignore_ascii_case("UNTIL") => {
                    match until_instant(value.trim(), zone) {
                        Some(until) => format!("UNTIL={}", utc_datetime(until)),
                        None => format!("UNTIL={}", value.trim().to_ascii_uppercase()),
                    }
                }
                _ => part.trim().to_ascii_uppercase(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The instant an UNTIL value stands for on a series in `zone`: a UTC DATE-TIME as is; a
/// DATE as the end of that local day (as `tandem_core::Recurrence` reads it); a local
/// DATE-TIME on the zone's wall clock.
fn until_instant(value: &str, zone: Zone) -> Option<DateTime<Utc>> {
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(|n| n.and_utc());
    }
    if value.len() == 8 {
        let date = chrono::NaiveDate::parse_from_str(value, "%Y%m%d").ok()?;
        let last_second = NaiveTime::from_hms_opt(23, 59, 59)?;
        return Some(zone.resolve(date.and_time(last_second)));
    }
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S")
        .ok()
        .map(|local| zone.resolve(local))
}

/// The end of a series' last occurrence (see [`zone_spans`]).
fn last_instant(event: &FeedEvent, rule: &str) -> DateTime<Utc> {
    let (start, end) = event.first_instants();
    let length = end - start;
    let expanded = EventTiming::stored(event.zone, event.local_start, event.local_end, Some(rule))
        .ok()
        .and_then(|t| {
            let starts = t.rrule()?.wall_clock_starts(t.local_start()).ok()?;
            let last = *starts.last()?;
            Some(recurrence::occurrence(t.zone(), last, t.wall_length(), t.first_length()).end)
        });
    if let Some(last_end) = expanded {
        return last_end;
    }
    let until = rule.split(';').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("UNTIL")
            .then(|| until_instant(value.trim(), event.zone))
            .flatten()
    });
    until.map_or_else(
        || vtimezone::new_year(chrono::Datelike::year(&start) + OPEN_SERIES_YEARS + 1),
        |u| u + length,
    )
}

/// Sorted, disjoint periods covering the same time as `periods` within `window`.
fn merge(periods: &[Period], window: Period) -> Vec<Period> {
    let mut clipped: Vec<_> = periods
        .iter()
        .map(|&(s, e)| (s.max(window.0), e.min(window.1)))
        .filter(|(s, e)| s < e)
        .collect();
    clipped.sort_unstable();
    let mut out: Vec<Period> = Vec::with_capacity(clipped.len());
    for (s, e) in clipped {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The parts of sorted disjoint `periods` not covered by sorted disjoint `cover`.
fn subtract(periods: &[Period], cover: &[Period]) -> Vec<Period> {
    let mut out = Vec::new();
    for &(start, end) in periods {
        let mut from = start;
        for &(cs, ce) in cover.iter().filter(|(cs, ce)| *cs < end && *ce > start) {
            if cs > from {
                out.push((from, cs));
            }
            from = from.max(ce);
        }
        if from < end {
            out.push((from, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn p(a: &str, b: &str) -> Period {
        (at(a), at(b))
    }

    #[test]
    fn busy_periods_are_clipped_merged_and_sorted() {
        let window = p("2027-03-01T00:00:00Z", "2027-03-02T00:00:00Z");
        let merged = merge(
            &[
                p("2027-03-01T10:00:00Z", "2027-03-01T11:00:00Z"),
                p("2027-02-28T23:00:00Z", "2027-03-01T01:00:00Z"),
                p("2027-03-01T11:00:00Z", "2027-03-01T12:00:00Z"),
                p("2027-03-01T10:30:00Z", "2027-03-01T10:45:00Z"),
                p("2027-03-01T20:00:00Z", "2027-03-01T19:00:00Z"),
                p("2027-03-01T23:30:00Z", "2027-03-02T02:00:00Z"),
            ],
            window,
        );
        assert_eq!(
            merged,
            [
                p("2027-03-01T00:00:00Z", "2027-03-01T01:00:00Z"),
                p("2027-03-01T10:00:00Z", "2027-03-01T12:00:00Z"),
                p("2027-03-01T23:30:00Z", "2027-03-02T00:00:00Z"),
            ]
        );
    }

    #[test]
    fn tentative_time_already_busy_is_not_repeated() {
        let busy = [p("2027-03-01T10:00:00Z", "2027-03-01T12:00:00Z")];
        let tentative = [
            p("2027-03-01T09:00:00Z", "2027-03-01T13:00:00Z"),
            p("2027-03-01T10:30:00Z", "2027-03-01T11:00:00Z"),
        ];
        assert_eq!(
            subtract(&tentative, &busy),
            [
                p("2027-03-01T09:00:00Z", "2027-03-01T10:00:00Z"),
                p("2027-03-01T12:00:00Z", "2027-03-01T13:00:00Z"),
            ]
        );
    }

    #[test]
    fn an_all_free_publication_says_so() {
        let fb = FreeBusy {
            uid: "fb@tandem".to_owned(),
            dtstamp: at("2027-03-01T00:00:00Z"),
            start: at("2027-03-01T00:00:00Z"),
            end: at("2027-03-08T00:00:00Z"),
            organizer: Organizer {
                name: String::new(),
                email: "a@example.org".to_owned(),
            },
            url: None,
            busy: vec![p("2027-04-01T00:00:00Z", "2027-04-02T00:00:00Z")],
            tentative: vec![],
        };
        let ics = render_freebusy("x", &fb, "-//t//EN");
        assert!(ics.contains("\r\nFREEBUSY;FBTYPE=FREE:20270301T000000Z/20270308T000000Z\r\n"));
        assert!(ics.contains("\r\nORGANIZER:mailto:a@example.org\r\n"));
        assert_eq!(ics.matches("FREEBUSY;").count(), 1);
    }

    #[test]
    fn rrule_until_is_written_in_utc() {
        let zurich = Zone::parse("Europe/Zurich").unwrap();
        assert_eq!(
            rrule_value("RRULE:freq=weekly;until=20270430;byday=TU", zurich),
            "FREQ=WEEKLY;UNTIL=20270430T215959Z;BYDAY=TU"
        );
        assert_eq!(
            rrule_value("FREQ=WEEKLY;UNTIL=20270420T140000", zurich),
            "FREQ=WEEKLY;UNTIL=20270420T120000Z"
        );
        assert_eq!(
            rrule_value("FREQ=DAILY;COUNT=3;UNTIL=20270420T120000Z", zurich),
            "FREQ=DAILY;COUNT=3;UNTIL=20270420T120000Z"
        );
    }
}
