//! The clash rules of DESIGN §6 as pure functions over event facts: which pairs of events
//! collide (room, group, participant, region), and which single events break a rule on
//! their own (a venue closed on an in-person day, a remote participant outside acceptable
//! hours). The store keeps the results; the server decides which events to compare.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::event::{Attendance, EventMode, EventStatus};
use crate::hours::DailyHours;
use crate::region::RegionCode;
use crate::time::{Interval, LocalTimeOfDay, Zone};
use crate::weekday::WeekdaySet;

/// Namespace of clash ids (UUID v5), so the same clash always has the same id.
const CLASH_NAMESPACE: Uuid = Uuid::from_u128(0x7a6e_6465_6d2d_636c_6173_682d_6964_7331);

/// The kinds of clash of DESIGN §6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClashKind {
    /// Two non-cancelled events in one room overlap.
    RoomOverlap,
    /// One group has two overlapping events.
    GroupOverlap,
    /// A person is in two overlapping events.
    ParticipantOverlap,
    /// Two events of one region overlap at different venues.
    RegionOverlap,
    /// An in-person day falls on the venue's weekend or a holiday.
    VenueClosed,
    /// A virtual or hybrid session lies outside a remote participant's acceptable hours.
    RemoteHours,
}

impl ClashKind {
    /// Every kind.
    pub const ALL: [ClashKind; 6] = [
        ClashKind::RoomOverlap,
        ClashKind::GroupOverlap,
        ClashKind::ParticipantOverlap,
        ClashKind::RegionOverlap,
        ClashKind::VenueClosed,
        ClashKind::RemoteHours,
    ];

    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ClashKind::RoomOverlap => "room_overlap",
            ClashKind::GroupOverlap => "group_overlap",
            ClashKind::ParticipantOverlap => "participant_overlap",
            ClashKind::RegionOverlap => "region_overlap",
            ClashKind::VenueClosed => "venue_closed",
            ClashKind::RemoteHours => "remote_hours",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for ClashKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a clash is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be fixed: the event cannot happen as planned.
    Hard,
    /// Worth fixing: it costs people or money.
    Soft,
}

impl Severity {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "hard" => Some(Severity::Hard),
            "soft" => Some(Severity::Soft),
            _ => None,
        }
    }
}

/// One participant as the clash rules see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClashParticipant {
    /// Their id, shared across events.
    pub id: String,
    /// Their own zone.
    pub tz: Zone,
    /// In the room or remote.
    pub attendance: Attendance,
    /// Whether the event needs them.
    pub required: bool,
}

/// What the clash rules need to know about an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventFacts {
    /// Its id.
    pub id: Uuid,
    /// Proposed, confirmed or cancelled (cancelled events clash with nothing).
    pub status: EventStatus,
    /// In person, virtual or hybrid.
    pub mode: EventMode,
    /// Region.
    pub region: RegionCode,
    /// Group code.
    pub group: Option<String>,
    /// Venue.
    pub venue_id: Option<Uuid>,
    /// Room.
    pub room_id: Option<Uuid>,
    /// Every occurrence, as instants.
    pub occurrences: Vec<Interval>,
    /// Participants.
    pub participants: Vec<ClashParticipant>,
}

impl EventFacts {
    fn live(&self) -> bool {
        self.status != EventStatus::Cancelled
    }

    /// From the first occurrence's start to the last one's end.
    pub fn span(&self) -> Option<Interval> {
        let start = self.occurrences.iter().map(|o| o.start).min()?;
        let end = self.occurrences.iter().map(|o| o.end).max()?;
        Interval::new(start, end)
    }
}

/// A clash found by the rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clash {
    /// Stable id: UUID v5 of kind, events, start and subject.
    pub id: Uuid,
    /// Which rule.
    pub kind: ClashKind,
    /// Hard or soft.
    pub severity: Severity,
    /// The event the clash is about.
    pub event_id: Uuid,
    /// The other event, for clashes between two.
    pub other_event_id: Option<Uuid>,
    /// Start of the time affected.
    pub start: DateTime<Utc>,
    /// End of the time affected.
    pub end: DateTime<Utc>,
    /// What it concerns beyond the events: a participant id, a date.
    pub subject: Option<String>,
    /// A sentence a person can read.
    pub detail: String,
}

impl Clash {
    /// Builds a clash with its stable id. Pair clashes order their two events, so the id
    /// is the same whichever event was written last.
    pub fn new(
        kind: ClashKind,
        severity: Severity,
        (event_id, other_event_id): (Uuid, Option<Uuid>),
        at: Interval,
        subject: Option<String>,
        detail: String,
    ) -> Self {
        let (a, b) = match other_event_id {
            Some(o) if o < event_id => (o, Some(event_id)),
            _ => (event_id, other_event_id),
        };
        Self {
            id: clash_id(kind, a, b, at.start, subject.as_deref()),
            kind,
            severity,
            event_id: a,
            other_event_id: b,
            start: at.start,
            end: at.end,
            subject,
            detail,
        }
    }

    /// True when the clash involves `event`.
    pub fn involves(&self, event: Uuid) -> bool {
        self.event_id == event || self.other_event_id == Some(event)
    }
}

/// The stable id of a clash: a UUID v5 over its kind, its events, the start of the time it
/// affects and its subject.
pub fn clash_id(
    kind: ClashKind,
    a: Uuid,
    b: Option<Uuid>,
    start: DateTime<Utc>,
    subject: Option<&str>,
) -> Uuid {
    let name = format!(
        "{}|{a}|{}|{}|{}",
        kind.as_str(),
        b.map(|b| b.to_string()).unwrap_or_default(),
        start.timestamp(),
        subject.unwrap_or("")
    );
    Uuid::new_v5(&CLASH_NAMESPACE, name.as_bytes())
}

fn overlap(a: &Interval, b: &Interval) -> Option<Interval> {
    Interval::new(a.start.max(b.start), a.end.min(b.end)).filter(|i| !i.is_empty())
}

/// Every overlap between an occurrence of `a` and one of `b`.
fn overlaps(a: &EventFacts, b: &EventFacts) -> Vec<Interval> {
    let mut out = Vec::new();
    for x in &a.occurrences {
        for y in &b.occurrences {
            if let Some(o) = overlap(x, y) {
                out.push(o);
            }
        }
    }
    out
}

/// Two non-cancelled events in one room that overlap (hard).
pub fn room_overlap(a: &EventFacts, b: &EventFacts) -> Vec<Clash> {
    if a.id == b.id || !a.live() || !b.live() || a.room_id.is_none() || a.room_id != b.room_id {
        return Vec::new();
    }
    overlaps(a, b)
        .into_iter()
        .map(|at| {
            Clash::new(
                ClashKind::RoomOverlap,
                Severity::Hard,
                (a.id, Some(b.id)),
                at,
                None,
                "both events hold the same room at the same time".into(),
            )
        })
        .collect()
}

/// One group with two overlapping events (hard).
pub fn group_overlap(a: &EventFacts, b: &EventFacts) -> Vec<Clash> {
    let (Some(ga), Some(gb)) = (&a.group, &b.group) else {
        return Vec::new();
    };
    if a.id == b.id || !a.live() || !b.live() || ga != gb {
        return Vec::new();
    }
    overlaps(a, b)
        .into_iter()
        .map(|at| {
            Clash::new(
                ClashKind::GroupOverlap,
                Severity::Hard,
                (a.id, Some(b.id)),
                at,
                Some(ga.clone()),
                format!("group {ga} has two events at the same time"),
            )
        })
        .collect()
}

/// A person in two overlapping events: hard when both events require them, else soft.
pub fn participant_overlap(a: &EventFacts, b: &EventFacts) -> Vec<Clash> {
    if a.id == b.id || !a.live() || !b.live() {
        return Vec::new();
    }
    let times = overlaps(a, b);
    if times.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for p in &a.participants {
        let Some(q) = b.participants.iter().find(|q| q.id == p.id) else {
            continue;
        };
        let severity = if p.required && q.required {
            Severity::Hard
        } else {
            Severity::Soft
        };
        for at in &times {
            out.push(Clash::new(
                ClashKind::ParticipantOverlap,
                severity,
                (a.id, Some(b.id)),
                *at,
                Some(p.id.clone()),
                format!("participant {} is expected at both events", p.id),
            ));
        }
    }
    out
}

/// Two events of one region that overlap at different venues: they compete for the same
/// delegates (soft). Events at one venue are co-located, which is the point.
pub fn region_overlap(a: &EventFacts, b: &EventFacts) -> Vec<Clash> {
    if a.id == b.id || !a.live() || !b.live() || a.region != b.region {
        return Vec::new();
    }
    if a.venue_id.is_some() && a.venue_id == b.venue_id {
        return Vec::new();
    }
    overlaps(a, b)
        .into_iter()
        .map(|at| {
            Clash::new(
                ClashKind::RegionOverlap,
                Severity::Soft,
                (a.id, Some(b.id)),
                at,
                Some(a.region.code().to_owned()),
                format!(
                    "two {} events at different venues overlap and compete for the same delegates",
                    a.region.code()
                ),
            )
        })
        .collect()
}

/// Every clash between two events.
pub fn pair_clashes(a: &EventFacts, b: &EventFacts) -> Vec<Clash> {
    let mut out = room_overlap(a, b);
    out.extend(group_overlap(a, b));
    out.extend(participant_overlap(a, b));
    out.extend(region_overlap(a, b));
    out
}

/// A venue's working days: its weekend and its holiday dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkingDays {
    /// The days it is closed every week.
    pub weekend: WeekdaySet,
    /// Its public holidays (local dates).
    pub holidays: BTreeSet<NaiveDate>,
}

impl WorkingDays {
    /// A venue closed on `weekend` and `holidays`.
    pub fn new(weekend: WeekdaySet, holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            weekend,
            holidays: holidays.into_iter().collect(),
        }
    }

    /// True when the venue is open on `date`.
    pub fn is_working(&self, date: NaiveDate) -> bool {
        !self.weekend.contains_date(date) && !self.holidays.contains(&date)
    }

    /// Why the venue is closed on `date`, if it is.
    pub fn closed_because(&self, date: NaiveDate) -> Option<&'static str> {
        if self.holidays.contains(&date) {
            Some("a public holiday")
        } else if self.weekend.contains_date(date) {
            Some("the venue's weekend")
        } else {
            None
        }
    }

    /// Working days strictly between `a` and `b` (in either order).
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        from.iter_days()
            .skip(1)
            .take_while(|d| *d < to)
            .filter(|d| self.is_working(*d))
            .map(|_| 1)
            .sum()
    }
}

/// The local dates an interval touches in `zone` (its end is exclusive).
pub fn local_dates(zone: Zone, at: Interval) -> Vec<NaiveDate> {
    let first = zone.local(at.start).date();
    let last = zone.local(at.end - Duration::seconds(1)).date();
    first.iter_days().take_while(|d| *d <= last).collect()
}

/// In-person days (in-person and hybrid events at a venue) that fall on the venue's
/// weekend or a holiday (soft).
pub fn venue_closed(event: &EventFacts, venue_zone: Zone, days: &WorkingDays) -> Vec<Clash> {
    if !event.live() || event.venue_id.is_none() || event.mode == EventMode::Virtual {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for occurrence in &event.occurrences {
        for date in local_dates(venue_zone, *occurrence) {
            let Some(why) = days.closed_because(date) else {
                continue;
            };
            if !seen.insert(date) {
                continue;
            }
            let day = venue_zone.day(date);
            let at = overlap(&day, occurrence).unwrap_or(day);
            out.push(Clash::new(
                ClashKind::VenueClosed,
                Severity::Soft,
                (event.id, None),
                at,
                Some(date.to_string()),
                format!("{date} is {why} at the venue"),
            ));
        }
    }
    out
}

/// The default acceptable hours of DESIGN §3: 07:00–22:00, Monday to Friday.
pub fn default_acceptable_hours() -> DailyHours {
    DailyHours {
        days: WeekdaySet::MON_FRI,
        start: LocalTimeOfDay::from_minutes(7 * 60).unwrap_or(LocalTimeOfDay::MIDNIGHT),
        end: LocalTimeOfDay::from_minutes(22 * 60).unwrap_or(LocalTimeOfDay::END_OF_DAY),
    }
}

/// True when `at` lies inside one local day's acceptable interval of `hours` in `zone`.
pub fn within_hours(hours: &DailyHours, zone: Zone, at: Interval) -> bool {
    hours.intervals(zone, at).iter().any(|i| i.contains(&at))
}

/// The daily sessions of an occurrence: a meeting from Wednesday 09:00 to Thursday 17:30 is
/// held 09:00–17:30 on each day, not through the night. An occurrence of a day or less, or a
/// whole number of days (a continuous event), is one session.
pub fn daily_sessions(occurrence: Interval) -> Vec<Interval> {
    let length = occurrence.duration();
    let day = chrono::Duration::days(1);
    let whole_days = length.num_days();
    let rest = length - chrono::Duration::days(whole_days);
    if whole_days == 0 || rest.is_zero() {
        return vec![occurrence];
    }
    (0..=whole_days)
        .filter_map(|k| {
            let start = occurrence.start + day * i32::try_from(k).unwrap_or(0);
            Interval::new(start, start + rest)
        })
        .collect()
}

/// Sessions of a virtual or hybrid event outside the acceptable hours (default
/// 07:00–22:00 Mon–Fri in their own zone) of a remote participant (soft); a multi-day
/// meeting is judged day by day ([`daily_sessions`]).
pub fn remote_hours(event: &EventFacts) -> Vec<Clash> {
    if !event.live() || event.mode == EventMode::InPerson {
        return Vec::new();
    }
    let hours = default_acceptable_hours();
    let mut out = Vec::new();
    for p in &event.participants {
        if p.attendance != Attendance::Remote {
            continue;
        }
        for session in event.occurrences.iter().flat_map(|o| daily_sessions(*o)) {
            if within_hours(&hours, p.tz, session) {
                continue;
            }
            let (from, to) = (p.tz.local(session.start), p.tz.local(session.end));
            out.push(Clash::new(
                ClashKind::RemoteHours,
                Severity::Soft,
                (event.id, None),
                session,
                Some(p.id.clone()),
                format!(
                    "remote participant {} ({}) would join {}–{} local time, outside 07:00–22:00 Mon–Fri",
                    p.id,
                    p.tz,
                    from.format("%a %H:%M"),
                    to.format("%a %H:%M")
                ),
            ));
        }
    }
    out
}

/// Every clash of `event`: with each of `others`, and on its own. `venue` gives the zone and
/// working days of the event's venue, when it has one.
pub fn clashes_of(
    event: &EventFacts,
    others: &[EventFacts],
    venue: Option<(Zone, &WorkingDays)>,
) -> Vec<Clash> {
    let mut out = Vec::new();
    for other in others {
        out.extend(pair_clashes(event, other));
    }
    if let Some((zone, days)) = venue {
        out.extend(venue_closed(event, zone, days));
    }
    out.extend(remote_hours(event));
    out.sort_by_key(|c| (c.start, c.id));
    out.dedup_by_key(|c| c.id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_local_datetime;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        Zone::UTC.resolve(parse_local_datetime(s).unwrap())
    }

    fn iv(a: &str, b: &str) -> Interval {
        Interval::new(utc(a), utc(b)).unwrap()
    }

    fn person(id: &str, tz: &str, attendance: Attendance, required: bool) -> ClashParticipant {
        ClashParticipant {
            id: id.into(),
            tz: Zone::parse(tz).unwrap(),
            attendance,
            required,
        }
    }

    #[test]
    fn multi_day_meetings_are_judged_day_by_day() {
        let two_days = Interval::new(utc("2027-03-10T08:00"), utc("2027-03-11T16:30")).unwrap();
        let sessions = daily_sessions(two_days);
        assert_eq!(
            sessions,
            vec![
                Interval::new(utc("2027-03-10T08:00"), utc("2027-03-10T16:30")).unwrap(),
                Interval::new(utc("2027-03-11T08:00"), utc("2027-03-11T16:30")).unwrap(),
            ]
        );
        let short = Interval::new(utc("2027-03-10T08:00"), utc("2027-03-10T10:00")).unwrap();
        assert_eq!(daily_sessions(short), vec![short]);
        let continuous = Interval::new(utc("2027-03-10T00:00"), utc("2027-03-12T00:00")).unwrap();
        assert_eq!(daily_sessions(continuous), vec![continuous]);
    }

    fn event(n: u128, at: Interval) -> EventFacts {
        EventFacts {
            id: Uuid::from_u128(n),
            status: EventStatus::Confirmed,
            mode: EventMode::InPerson,
            region: "AFR".parse().unwrap(),
            group: None,
            venue_id: Some(Uuid::from_u128(100 + n)),
            room_id: None,
            occurrences: vec![at],
            participants: Vec::new(),
        }
    }

    #[test]
    fn one_room_two_events() {
        let mut a = event(1, iv("2027-03-10T08:00", "2027-03-10T12:00"));
        let mut b = event(2, iv("2027-03-10T11:00", "2027-03-10T13:00"));
        a.room_id = Some(Uuid::from_u128(9));
        b.room_id = Some(Uuid::from_u128(9));
        let c = room_overlap(&a, &b);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].start, utc("2027-03-10T11:00"));
        assert_eq!(c[0].end, utc("2027-03-10T12:00"));
        // Back to back is not an overlap.
        b.occurrences = vec![iv("2027-03-10T12:00", "2027-03-10T13:00")];
        assert!(room_overlap(&a, &b).is_empty());
        // A cancelled event clashes with nothing.
        b.occurrences = vec![iv("2027-03-10T11:00", "2027-03-10T13:00")];
        b.status = EventStatus::Cancelled;
        assert!(room_overlap(&a, &b).is_empty());
    }

    #[test]
    fn participant_severity_follows_required() {
        let mut a = event(1, iv("2027-03-10T08:00", "2027-03-10T12:00"));
        let mut b = event(2, iv("2027-03-10T09:00", "2027-03-10T10:00"));
        a.participants = vec![person("p-1", "UTC", Attendance::InPerson, true)];
        b.participants = vec![person("p-1", "UTC", Attendance::Remote, true)];
        assert_eq!(participant_overlap(&a, &b)[0].severity, Severity::Hard);
        b.participants[0].required = false;
        assert_eq!(participant_overlap(&a, &b)[0].severity, Severity::Soft);
    }

    #[test]
    fn region_overlap_only_at_different_venues() {
        let a = event(1, iv("2027-03-10T08:00", "2027-03-10T12:00"));
        let mut b = event(2, iv("2027-03-10T09:00", "2027-03-10T10:00"));
        assert_eq!(region_overlap(&a, &b).len(), 1);
        b.venue_id = a.venue_id;
        assert!(region_overlap(&a, &b).is_empty());
        b.venue_id = Some(Uuid::from_u128(77));
        b.region = "EUR".parse().unwrap();
        assert!(region_overlap(&a, &b).is_empty());
    }

    #[test]
    fn friday_in_cairo_is_closed() {
        // 2027-03-05 is a Friday; Cairo's venue weekend is Fri–Sat.
        let cairo = Zone::parse("Africa/Cairo").unwrap();
        let e = event(1, iv("2027-03-04T07:00", "2027-03-05T15:00"));
        let days = WorkingDays::new(WeekdaySet::FRI_SAT, []);
        let c = venue_closed(&e, cairo, &days);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].subject.as_deref(), Some("2027-03-05"));
        assert!(venue_closed(&e, cairo, &WorkingDays::new(WeekdaySet::SAT_SUN, [])).is_empty());
    }

    #[test]
    fn remote_hours_in_own_zone() {
        // 14:00 UTC: 21:00 in Bangkok (fine), 11:00 in Brasília, 15:00 in Geneva.
        let mut e = event(1, iv("2027-03-10T14:00", "2027-03-10T16:00"));
        e.mode = EventMode::Hybrid;
        e.participants = vec![
            person("bkk", "Asia/Bangkok", Attendance::Remote, true),
            person("bsb", "America/Sao_Paulo", Attendance::Remote, true),
            person("gva", "Europe/Zurich", Attendance::Remote, true),
            person("room", "Asia/Tokyo", Attendance::InPerson, true),
        ];
        let c = remote_hours(&e);
        // Bangkok: 21:00–23:00 ends after 22:00.
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].subject.as_deref(), Some("bkk"));
    }

    #[test]
    fn working_days_between_skips_weekend_and_holidays() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let days = WorkingDays::new(WeekdaySet::SAT_SUN, [d("2027-03-09")]);
        // Between Fri 5 and Wed 10: Sat, Sun (weekend), Mon 8 (working), Tue 9 (holiday).
        assert_eq!(
            days.working_days_between(d("2027-03-05"), d("2027-03-10")),
            1
        );
        assert_eq!(
            days.working_days_between(d("2027-03-10"), d("2027-03-05")),
            1
        );
        assert!(!days.is_working(d("2027-03-09")));
    }

    fn arb_event(n: u128) -> impl Strategy<Value = EventFacts> {
        (0i64..200, 1i64..40, 0u8..3, 0u8..3, 0u8..2, any::<bool>()).prop_map(
            move |(start, len, room, group, venue, required)| {
                let base = utc("2027-03-01T00:00");
                let at = Interval::new(
                    base + Duration::minutes(start * 30),
                    base + Duration::minutes((start + len) * 30),
                )
                .unwrap();
                let mut e = event(n, at);
                e.room_id = (room > 0).then(|| Uuid::from_u128(u128::from(room)));
                e.group = (group > 0).then(|| format!("G{group}"));
                e.venue_id = Some(Uuid::from_u128(u128::from(venue)));
                e.participants = vec![person("p", "UTC", Attendance::InPerson, required)];
                e
            },
        )
    }

    proptest! {
        /// Clashes between two events are the same whichever is checked first (ids and all),
        /// and every pair clash lies inside an occurrence of both events.
        #[test]
        fn pair_clashes_are_symmetric_and_inside_both(a in arb_event(1), b in arb_event(2)) {
            let mut ab = pair_clashes(&a, &b);
            let mut ba = pair_clashes(&b, &a);
            ab.sort_by_key(|c| c.id);
            ba.sort_by_key(|c| c.id);
            prop_assert_eq!(ab.iter().map(|c| c.id).collect::<Vec<_>>(), ba.iter().map(|c| c.id).collect::<Vec<_>>());
            for c in &ab {
                let at = Interval::new(c.start, c.end).unwrap();
                prop_assert!(a.occurrences.iter().any(|o| o.contains(&at)));
                prop_assert!(b.occurrences.iter().any(|o| o.contains(&at)));
            }
        }

        /// Events that do not overlap in time never clash with each other.
        #[test]
        fn disjoint_events_never_clash(a in arb_event(1), b in arb_event(2)) {
            if !a.occurrences[0].overlaps(&b.occurrences[0]) {
                prop_assert!(pair_clashes(&a, &b).is_empty());
            }
        }
    }
}
