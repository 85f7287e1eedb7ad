//! The season model of DESIGN §14 once every id is resolved: the venues (zone, working
//! days, rooms), the existing events (venue, room, group, participants, local days), and the
//! events to place, validated field by field from a [`SeasonRequest`].

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::request::{SeasonEventRequest, SeasonParticipantRequest, SeasonRequest};
use crate::clash::{local_dates, WorkingDays};
use crate::event::{Attendance, EventKind, EventMode, EventStatus, Title, MAX_EVENT_DAYS};
use crate::phrase::Phrase;
use crate::region::RegionCode;
use crate::time::{Interval, LocalTimeOfDay, Zone};
use crate::validation::{FieldError, FieldErrors};

/// Most events one request may place.
pub const MAX_EVENTS: usize = 1_000;
/// Most participants one event to place may have.
pub const MAX_EVENT_PARTICIPANTS: usize = 5_000;
/// Longest range, in days (three years).
pub const MAX_RANGE_DAYS: i64 = 3 * 366;
/// Longest time limit, in seconds (DESIGN §14).
pub const MAX_TIME_LIMIT_SECONDS: f64 = 300.0;
/// Time limit when the request gives none, in seconds.
pub const DEFAULT_TIME_LIMIT_SECONDS: f64 = 10.0;
/// `max_gap_days` when the request gives none.
pub const DEFAULT_MAX_GAP_DAYS: u32 = 2;
/// Largest `max_gap_days` accepted (a quarter of a year of working days).
pub const MAX_GAP_DAYS: u32 = 90;

/// A room of a venue, as the store has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeasonRoom {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// A venue, as the store has it, with its holiday dates already read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeasonVenue {
    /// Its id (the request's `venues` name it).
    pub id: String,
    /// Its name, for reasons a person reads.
    pub name: String,
    /// Its zone: sessions are held on its wall clock.
    pub zone: Zone,
    /// Its weekend and holidays (DESIGN §4).
    pub working_days: WorkingDays,
    /// Its rooms.
    pub rooms: Vec<SeasonRoom>,
}

/// A participant of an existing event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeasonParticipant {
    /// Id, shared across events.
    pub id: String,
    /// Their own zone.
    pub tz: Zone,
    /// In the room or remote.
    pub attendance: Attendance,
    /// Whether the event needs them.
    pub required: bool,
}

/// An event already in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingEvent {
    /// Its id (the request's `fixed` and `alongside` name it).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Proposed, confirmed or cancelled (cancelled events hold nothing).
    pub status: EventStatus,
    /// In person, virtual or hybrid.
    pub mode: EventMode,
    /// Its region.
    pub region: RegionCode,
    /// Its group, if any.
    pub group: Option<String>,
    /// Its venue's id, if it has one.
    pub venue: Option<String>,
    /// Its room's id, if it has one.
    pub room: Option<String>,
    /// Its days: every local date (in the event's zone) an occurrence covers
    /// ([`ExistingEvent::days_of`]).
    pub days: BTreeSet<NaiveDate>,
    /// Its participants.
    pub participants: Vec<SeasonParticipant>,
}

impl ExistingEvent {
    /// The days of an existing event (DESIGN §14): every local date in `zone` that one of
    /// its occurrences covers, an end at 00:00 not covering that date.
    pub fn days_of(zone: Zone, occurrences: &[Interval]) -> BTreeSet<NaiveDate> {
        occurrences
            .iter()
            .filter(|o| !o.is_empty())
            .flat_map(|o| local_dates(zone, *o))
            .collect()
    }
}

/// What the planner needs beside the request: the store's venues and existing events, and
/// the group codes that exist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeasonData {
    /// Every venue the request may name.
    pub venues: Vec<SeasonVenue>,
    /// Every existing event that may matter (cancelled ones are ignored but recognised).
    pub existing: Vec<ExistingEvent>,
    /// The group codes that exist (`SG3RG-AFR`, `ITU-T-SG3`, …).
    pub groups: BTreeSet<String>,
}

/// The weights of the cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Per event not placed.
    pub unplaced: f64,
    /// Subtracted per wanted co-location.
    pub wanted_colocation: f64,
    /// Per trip.
    pub trip: f64,
    /// Per soft clash.
    pub soft_clash: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            unplaced: 1000.0,
            wanted_colocation: 10.0,
            trip: 3.0,
            soft_clash: 1.0,
        }
    }
}

/// Local dates from `first` to `last`, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateSpan {
    /// First date.
    pub first: NaiveDate,
    /// Last date (inclusive).
    pub last: NaiveDate,
}

impl DateSpan {
    /// Days in the span.
    pub fn len(self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// True when the span holds no date.
    pub fn is_empty(self) -> bool {
        self.last < self.first
    }

    /// The dates of the span, in order.
    pub fn dates(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }
}

impl std::fmt::Display for DateSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}–{}", self.first, self.last)
        }
    }
}

/// One participant of an event (placed or existing), their id interned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Person {
    /// Index into [`SeasonProblem::people`].
    pub person: usize,
    /// Their zone.
    pub tz: Zone,
    /// In the room or remote, as given.
    pub attendance: Attendance,
    /// Whether the event needs them.
    pub required: bool,
}

/// True when a participant with `attendance` is in the room of an event held in `mode`:
/// nobody is in person at a virtual event.
pub fn in_person(mode: EventMode, attendance: Attendance) -> bool {
    attendance == Attendance::InPerson && mode != EventMode::Virtual
}

/// True when a participant with `attendance` joins an event held in `mode` remotely, so
/// that the remote-hours rule applies (virtual and hybrid events only, DESIGN §6).
pub fn joins_remotely(mode: EventMode, attendance: Attendance) -> bool {
    mode != EventMode::InPerson && (attendance == Attendance::Remote || mode == EventMode::Virtual)
}

/// What an event to place wants to be alongside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alongside {
    /// Any placed or fixed event of this group.
    Group(String),
    /// A fixed event (index into [`SeasonProblem::existing`]).
    Fixed(usize),
    /// Another event to place (index into [`SeasonProblem::events`]).
    Event(usize),
}

/// A validated event to place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedEvent {
    /// Its id in the request.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: EventKind,
    /// Its region.
    pub region: RegionCode,
    /// Its group.
    pub group: Option<String>,
    /// Its mode.
    pub mode: EventMode,
    /// Consecutive working days it lasts.
    pub days: u32,
    /// Daily session start at the venue.
    pub daily_start: LocalTimeOfDay,
    /// Daily session end at the venue.
    pub daily_end: LocalTimeOfDay,
    /// Venues it may use (indices into [`SeasonProblem::venues`]), in request order.
    pub venues: Vec<usize>,
    /// The dates it may occupy: `[earliest, latest]` within the range.
    pub window: DateSpan,
    /// Seats it needs.
    pub expected_attendance: u32,
    /// What it wants to be alongside.
    pub alongside: Vec<Alongside>,
    /// The text of each `alongside` entry, as sent.
    pub alongside_names: Vec<String>,
    /// Its participants.
    pub participants: Vec<Person>,
}

/// A non-cancelled existing event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Existing {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its mode.
    pub mode: EventMode,
    /// Its region.
    pub region: RegionCode,
    /// Its group.
    pub group: Option<String>,
    /// Its venue (index into [`SeasonProblem::venues`]), if it has one.
    pub venue: Option<usize>,
    /// Its room (index into its venue's rooms), if it has one.
    pub room: Option<usize>,
    /// Its local days, sorted.
    pub days: Vec<NaiveDate>,
    /// Its participants.
    pub participants: Vec<Person>,
    /// True when the request lists it in `fixed`.
    pub fixed: bool,
}

/// A validated season: what the planner works on.
#[derive(Clone, Debug, PartialEq)]
pub struct SeasonProblem {
    /// The dates the season may use.
    pub range: DateSpan,
    /// Most working days between two events still alongside each other.
    pub max_gap_days: u32,
    /// The weights of the cost.
    pub weights: Weights,
    /// How long the planner may take.
    pub time_limit: std::time::Duration,
    /// The venues.
    pub venues: Vec<SeasonVenue>,
    /// The non-cancelled existing events.
    pub existing: Vec<Existing>,
    /// The events to place, in request order.
    pub events: Vec<PlannedEvent>,
    /// Every participant id, interned ([`Person::person`] indexes it).
    pub people: Vec<String>,
}

fn parse_date(text: &str, field: &str) -> Result<NaiveDate, FieldError> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        FieldError::said(
            field,
            Phrase::new(
                "season-invalid-date",
                format!("'{text}' is not a date such as 2027-03-08 (YYYY-MM-DD)"),
            )
            .text("value", text),
        )
    })?;
    let lo = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or(NaiveDate::MAX);
    if date < lo || date > hi {
        return Err(FieldError::said(
            field,
            Phrase::new(
                "season-invalid-date-bounds",
                format!("{date} is outside the dates accepted, 1990-01-01 to 2099-12-31"),
            )
            .text("value", date.to_string()),
        ));
    }
    Ok(date)
}

fn weight(value: Option<f64>, default: f64, field: &str) -> Result<f64, FieldError> {
    match value {
        None => Ok(default),
        Some(w) if w.is_finite() && (0.0..=1e9).contains(&w) => Ok(w),
        Some(w) => Err(FieldError::said(
            field,
            Phrase::new(
                "season-invalid-weight",
                format!("{w} is not a weight: weights are non-negative numbers up to 1e9"),
            )
            .text("value", w.to_string()),
        )),
    }
}

/// Interns participant ids.
#[derive(Default)]
struct People {
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

impl People {
    fn intern(&mut self, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        self.ids.push(id.to_owned());
        self.index.insert(id.to_owned(), self.ids.len() - 1);
        self.ids.len() - 1
    }
}

impl SeasonProblem {
    /// Validates `request` against `data`, applying DESIGN §14's defaults; every bad field is
    /// named (`events[3].alongside[0]`, `time_limit_seconds`, …).
    pub fn new(request: &SeasonRequest, data: SeasonData) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let start = errors.take(parse_date(&request.range.start, "range.start"));
        let end = errors.take(parse_date(&request.range.end, "range.end"));
        let range = match (start, end) {
            (Some(first), Some(last)) if last < first => {
                errors.push(FieldError::said(
                    "range.end",
                    Phrase::new(
                        "season-invalid-range-empty",
                        format!("the range is empty: {last} is before {first}"),
                    )
                    .text("first", first.to_string())
                    .text("last", last.to_string()),
                ));
                None
            }
            (Some(first), Some(last)) if (last - first).num_days() + 1 > MAX_RANGE_DAYS => {
                errors.push(FieldError::said(
                    "range.end",
                    Phrase::new(
                        "season-invalid-range-long",
                        format!("a range may span at most {MAX_RANGE_DAYS} days"),
                    )
                    .text("max", MAX_RANGE_DAYS.to_string()),
                ));
                None
            }
            (Some(first), Some(last)) => Some(DateSpan { first, last }),
            _ => None,
        };
        let max_gap_days = match request.max_gap_days {
            None => DEFAULT_MAX_GAP_DAYS,
            Some(g) => {
                match u32::try_from(g).ok().filter(|g| *g <= MAX_GAP_DAYS) {
                    Some(g) => g,
                    None => {
                        errors.push(FieldError::said("max_gap_days", Phrase::new("season-invalid-gap", format!("must be a whole number of working days from 0 to {MAX_GAP_DAYS}")).text("max", MAX_GAP_DAYS.to_string())));
                        DEFAULT_MAX_GAP_DAYS
                    }
                }
            }
        };
        let w = request.weights.clone().unwrap_or_default();
        let d = Weights::default();
        let weights = Weights {
            unplaced: errors
                .take(weight(w.unplaced, d.unplaced, "weights.unplaced"))
                .unwrap_or(d.unplaced),
            wanted_colocation: errors
                .take(weight(
                    w.wanted_colocation,
                    d.wanted_colocation,
                    "weights.wanted_colocation",
                ))
                .unwrap_or(d.wanted_colocation),
            trip: errors
                .take(weight(w.trip, d.trip, "weights.trip"))
                .unwrap_or(d.trip),
            soft_clash: errors
                .take(weight(w.soft_clash, d.soft_clash, "weights.soft_clash"))
                .unwrap_or(d.soft_clash),
        };
        let seconds = request
            .time_limit_seconds
            .unwrap_or(DEFAULT_TIME_LIMIT_SECONDS);
        let time_limit = if seconds.is_finite()
            && seconds > 0.0
            && seconds <= MAX_TIME_LIMIT_SECONDS
        {
            std::time::Duration::from_secs_f64(seconds)
        } else {
            errors.push(FieldError::said("time_limit_seconds", Phrase::new("season-invalid-time-limit", format!("{seconds} is not allowed: the limit is more than 0 and at most {MAX_TIME_LIMIT_SECONDS} seconds")).text("value", seconds.to_string()).text("max", MAX_TIME_LIMIT_SECONDS.to_string())));
            std::time::Duration::from_secs_f64(DEFAULT_TIME_LIMIT_SECONDS)
        };

        let venue_index: HashMap<&str, usize> = data
            .venues
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.as_str(), i))
            .collect();
        let mut people = People::default();

        // Existing events: the fixed ones named, every non-cancelled one kept.
        let mut fixed_ids: HashSet<&str> = HashSet::new();
        for (i, id) in request.fixed.iter().enumerate() {
            let field = format!("fixed[{i}]");
            match data.existing.iter().find(|x| x.id == *id) {
                None => errors.push(FieldError::said(
                    field,
                    Phrase::new("season-unknown-event", format!("unknown event '{id}'"))
                        .text("id", id.clone()),
                )),
                Some(x) if x.status == EventStatus::Cancelled => errors.push(FieldError::said(
                    field,
                    Phrase::new(
                        "season-fixed-cancelled",
                        format!("event '{id}' is cancelled: a fixed event must stand"),
                    )
                    .text("id", id.clone()),
                )),
                Some(_) if !fixed_ids.insert(id.as_str()) => errors.push(FieldError::said(
                    field,
                    Phrase::new(
                        "season-event-twice",
                        format!("event '{id}' is listed twice"),
                    )
                    .text("id", id.clone()),
                )),
                Some(_) => {}
            }
        }
        let mut existing = Vec::new();
        let mut existing_index: HashMap<&str, usize> = HashMap::new();
        for (k, x) in data.existing.iter().enumerate() {
            if x.status == EventStatus::Cancelled {
                continue;
            }
            let field = format!("existing[{k}]");
            let venue = match &x.venue {
                None => None,
                Some(v) => match venue_index.get(v.as_str()) {
                    Some(&i) => Some(i),
                    None => {
                        errors.push(FieldError::said(
                            format!("{field}.venue"),
                            Phrase::new(
                                "season-fixed-venue",
                                format!(
                                    "event '{}' is at venue '{v}', which is not among the venues",
                                    x.id
                                ),
                            )
                            .text("id", x.id.clone())
                            .text("venue", v.clone()),
                        ));
                        None
                    }
                },
            };
            let room = match (&x.room, venue) {
                (Some(r), Some(v)) => {
                    let found = data
                        .venues
                        .get(v)
                        .and_then(|venue| venue.rooms.iter().position(|room| room.id == *r));
                    if found.is_none() {
                        errors.push(FieldError::said(
                            format!("{field}.room"),
                            Phrase::new(
                                "season-fixed-room",
                                format!(
                                    "event '{}' is in room '{r}', which its venue does not have",
                                    x.id
                                ),
                            )
                            .text("id", x.id.clone())
                            .text("room", r.clone()),
                        ));
                    }
                    found
                }
                _ => None,
            };
            existing_index.insert(x.id.as_str(), existing.len());
            existing.push(Existing {
                id: x.id.clone(),
                title: x.title.clone(),
                mode: x.mode,
                region: x.region,
                group: x.group.clone(),
                venue,
                room,
                days: x.days.iter().copied().collect(),
                participants: x
                    .participants
                    .iter()
                    .map(|p| Person {
                        person: people.intern(&p.id),
                        tz: p.tz,
                        attendance: p.attendance,
                        required: p.required,
                    })
                    .collect(),
                fixed: fixed_ids.contains(x.id.as_str()),
            });
        }

        if request.events.len() > MAX_EVENTS {
            errors.push(FieldError::said(
                "events",
                Phrase::new(
                    "season-too-many-events",
                    format!("at most {MAX_EVENTS} events per request"),
                )
                .text("max", MAX_EVENTS.to_string()),
            ));
            return Err(errors);
        }
        let mut event_index: HashMap<&str, usize> = HashMap::new();
        for (i, e) in request.events.iter().enumerate() {
            let id = e.id.trim();
            if id.is_empty() {
                errors.push(FieldError::said(
                    format!("events[{i}].id"),
                    Phrase::new("invalid-text-empty", "must not be empty"),
                ));
            } else if event_index.insert(id, i).is_some() {
                errors.push(FieldError::said(
                    format!("events[{i}].id"),
                    Phrase::new(
                        "season-id-twice",
                        format!("id '{id}' is used by two events"),
                    )
                    .text("id", id.to_owned()),
                ));
            } else if data.existing.iter().any(|x| x.id == id) {
                errors.push(FieldError::said(
                    format!("events[{i}].id"),
                    Phrase::new(
                        "season-id-existing",
                        format!("id '{id}' is already an existing event's"),
                    )
                    .text("id", id.to_owned()),
                ));
            }
        }
        let lookup = Lookup {
            venues: &venue_index,
            events: &event_index,
            fixed: &fixed_ids,
            existing: &existing_index,
            data: &data,
        };
        let mut events = Vec::with_capacity(request.events.len());
        for (i, e) in request.events.iter().enumerate() {
            if let Some(event) = planned_event(i, e, range, &lookup, &mut people, &mut errors) {
                events.push(event);
            }
        }
        let Some(range) = range else {
            return Err(errors);
        };
        errors.finish(|| SeasonProblem {
            range,
            max_gap_days,
            weights,
            time_limit,
            venues: data.venues,
            existing,
            events,
            people: people.ids,
        })
    }

    /// The venue at `index` (as [`PlannedEvent::venues`] and [`Existing::venue`] name them).
    pub fn venue(&self, index: usize) -> Option<&SeasonVenue> {
        self.venues.get(index)
    }
}

/// Ids the events of a request may name.
struct Lookup<'a> {
    venues: &'a HashMap<&'a str, usize>,
    events: &'a HashMap<&'a str, usize>,
    fixed: &'a HashSet<&'a str>,
    existing: &'a HashMap<&'a str, usize>,
    data: &'a SeasonData,
}

fn participant(
    field: &str,
    p: &SeasonParticipantRequest,
    people: &mut People,
    errors: &mut FieldErrors,
) -> Option<Person> {
    let id = p.id.trim();
    if id.is_empty() {
        errors.push(FieldError::said(
            format!("{field}.id"),
            Phrase::new("invalid-text-empty", "must not be empty"),
        ));
    }
    let tz = errors.take(Zone::parse(&p.tz).map_err(|e| e.under(&format!("{field}.tz"))));
    let attendance = errors.take(
        p.attendance
            .parse::<Attendance>()
            .map_err(|e| e.under(&format!("{field}.attendance"))),
    );
    Some(Person {
        person: people.intern(id),
        tz: tz?,
        attendance: attendance?,
        required: p.required.unwrap_or(true),
    })
    .filter(|_| !id.is_empty())
}

#[allow(clippy::too_many_lines)]
fn planned_event(
    i: usize,
    e: &SeasonEventRequest,
    range: Option<DateSpan>,
    lookup: &Lookup<'_>,
    people: &mut People,
    errors: &mut FieldErrors,
) -> Option<PlannedEvent> {
    let at = |name: &str| format!("events[{i}].{name}");
    let before = errors.0.len();
    let title = errors
        .take(Title::parse(&e.title).map_err(|x| x.under(&at("title"))))
        .map(|t| t.as_str().to_owned());
    let kind = errors.take(
        e.kind
            .parse::<EventKind>()
            .map_err(|x| x.under(&at("kind"))),
    );
    let region = errors.take(
        e.region
            .parse::<RegionCode>()
            .map_err(|x| x.under(&at("region"))),
    );
    let group = match e.group.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(g) if lookup.data.groups.contains(g) => Some(g.to_owned()),
        Some(g) => {
            errors.push(FieldError::said(
                at("group"),
                Phrase::new("season-unknown-group", format!("unknown group '{g}'"))
                    .text("group", g.to_string()),
            ));
            None
        }
    };
    let mode = match &e.mode {
        None => Some(EventMode::InPerson),
        Some(m) => errors.take(m.parse::<EventMode>().map_err(|x| x.under(&at("mode")))),
    };
    let days = match u32::try_from(e.days) {
        Ok(d) if (1..=u32::try_from(MAX_EVENT_DAYS).unwrap_or(31)).contains(&d) => Some(d),
        _ => {
            errors.push(FieldError::said(
                at("days"),
                Phrase::new(
                    "season-invalid-days",
                    format!("must be a whole number of days from 1 to {MAX_EVENT_DAYS}"),
                )
                .text("max", MAX_EVENT_DAYS.to_string()),
            ));
            None
        }
    };
    let hours = e.daily_hours.clone().unwrap_or_default();
    let nine = LocalTimeOfDay::from_minutes(9 * 60).unwrap_or(LocalTimeOfDay::MIDNIGHT);
    let five = LocalTimeOfDay::from_minutes(17 * 60).unwrap_or(LocalTimeOfDay::END_OF_DAY);
    let daily_start = match &hours.start {
        None => Some(nine),
        Some(t) => {
            errors.take(LocalTimeOfDay::parse(t).map_err(|x| x.under(&at("daily_hours.start"))))
        }
    };
    let daily_end = match &hours.end {
        None => Some(five),
        Some(t) => {
            errors.take(LocalTimeOfDay::parse(t).map_err(|x| x.under(&at("daily_hours.end"))))
        }
    };
    if let (Some(s), Some(t)) = (daily_start, daily_end) {
        if t <= s {
            errors.push(FieldError::said(
                at("daily_hours.end"),
                Phrase::new(
                    "season-invalid-daily-end",
                    format!("must be after the start ({s}); sessions end on the day they start"),
                )
                .text("start", s.to_string()),
            ));
        }
    }
    if e.venues.is_empty() {
        errors.push(FieldError::said(
            at("venues"),
            Phrase::new("season-no-venue", "at least one venue is needed".to_owned()),
        ));
    }
    let mut venues = Vec::new();
    for (k, v) in e.venues.iter().enumerate() {
        match lookup.venues.get(v.as_str()) {
            None => errors.push(FieldError::said(
                format!("events[{i}].venues[{k}]"),
                Phrase::new("season-unknown-venue", format!("unknown venue '{v}'"))
                    .text("venue", v.clone()),
            )),
            Some(idx) if venues.contains(idx) => errors.push(FieldError::said(
                format!("events[{i}].venues[{k}]"),
                Phrase::new("season-venue-twice", format!("venue '{v}' is listed twice"))
                    .text("venue", v.clone()),
            )),
            Some(&idx) => venues.push(idx),
        }
    }
    let earliest = match &e.earliest {
        None => range.map(|r| r.first),
        Some(t) => errors.take(parse_date(t, &at("earliest"))),
    };
    let latest = match &e.latest {
        None => range.map(|r| r.last),
        Some(t) => errors.take(parse_date(t, &at("latest"))),
    };
    let mut window = None;
    if let (Some(lo), Some(hi), Some(range)) = (earliest, latest, range) {
        if hi < lo {
            errors.push(FieldError::said(
                at("latest"),
                Phrase::new(
                    "season-latest-before-earliest",
                    format!("{hi} is before earliest ({lo})"),
                )
                .text("latest", hi.to_string())
                .text("earliest", lo.to_string()),
            ));
        } else {
            let clipped = DateSpan {
                first: lo.max(range.first),
                last: hi.min(range.last),
            };
            match days {
                Some(d) if i64::from(d) > (hi - lo).num_days() + 1 => {
                    let window = DateSpan {
                        first: lo,
                        last: hi,
                    }
                    .to_string();
                    errors.push(FieldError::said(
                        at("days"),
                        Phrase::new(
                            "season-days-beyond-window",
                            format!("{d} days are longer than its window {window}"),
                        )
                        .number("days", d)
                        .text("window", window),
                    ));
                }
                Some(d) if clipped.is_empty() || i64::from(d) > clipped.len() => {
                    let window = DateSpan {
                        first: lo,
                        last: hi,
                    }
                    .to_string();
                    errors.push(FieldError::said(
                        at("days"),
                        Phrase::new(
                            "season-days-outside-range",
                            format!(
                                "{d} days do not fit where its window {window} meets the range \
                                 {range}"
                            ),
                        )
                        .number("days", d)
                        .text("window", window)
                        .text("range", range.to_string()),
                    ));
                }
                _ => window = Some(clipped),
            }
        }
    }
    if e.participants.len() > MAX_EVENT_PARTICIPANTS {
        errors.push(FieldError::said(
            at("participants"),
            Phrase::new(
                "season-too-many-participants",
                format!("at most {MAX_EVENT_PARTICIPANTS} participants per event"),
            )
            .text("max", MAX_EVENT_PARTICIPANTS.to_string()),
        ));
    }
    let mut participants: Vec<Person> = Vec::with_capacity(e.participants.len());
    for (k, p) in e.participants.iter().enumerate() {
        let field = format!("events[{i}].participants[{k}]");
        let Some(person) = participant(&field, p, people, errors) else {
            continue;
        };
        if participants.iter().any(|q| q.person == person.person) {
            errors.push(FieldError::said(
                format!("{field}.id"),
                Phrase::new(
                    "season-participant-twice",
                    format!("participant '{}' is listed twice", p.id.trim()),
                )
                .text("participant", p.id.trim().to_owned()),
            ));
            continue;
        }
        if mode == Some(EventMode::Virtual) && person.attendance == Attendance::InPerson {
            errors.push(FieldError::said(
                format!("{field}.attendance"),
                Phrase::new(
                    "season-virtual-in-person",
                    "a virtual event has no in-person participants".to_owned(),
                ),
            ));
            continue;
        }
        participants.push(person);
    }
    let expected_attendance = match e.expected_attendance {
        None => Some(
            u32::try_from(
                participants
                    .iter()
                    .filter(|p| p.attendance == Attendance::InPerson)
                    .count(),
            )
            .unwrap_or(u32::MAX),
        ),
        Some(n) => match u32::try_from(n)
            .ok()
            .filter(|n| *n <= crate::venue::MAX_ROOM_CAPACITY)
        {
            Some(n) => Some(n),
            None => {
                errors.push(FieldError::said(
                    at("expected_attendance"),
                    Phrase::new(
                        "season-invalid-seats",
                        format!(
                            "must be a whole number of seats from 0 to {}",
                            crate::venue::MAX_ROOM_CAPACITY
                        ),
                    )
                    .text("max", crate::venue::MAX_ROOM_CAPACITY.to_string()),
                ));
                None
            }
        },
    };
    let mut alongside = Vec::new();
    let mut alongside_names = Vec::new();
    for (k, name) in e.alongside.iter().enumerate() {
        let field = format!("events[{i}].alongside[{k}]");
        let name = name.trim();
        let target = if name == e.id.trim() {
            errors.push(FieldError::said(
                field,
                Phrase::new(
                    "season-alongside-itself",
                    format!("event '{name}' cannot be held alongside itself"),
                )
                .text("event", name.to_owned()),
            ));
            continue;
        } else if let Some(&j) = lookup.events.get(name) {
            Alongside::Event(j)
        } else if let Some(&x) = lookup.existing.get(name) {
            if lookup.fixed.contains(name) {
                Alongside::Fixed(x)
            } else {
                errors.push(FieldError::said(
                    field,
                    Phrase::new(
                        "season-alongside-not-fixed",
                        format!(
                        "event '{name}' is not listed in `fixed`: only fixed events can be anchors"
                    ),
                    )
                    .text("event", name.to_owned()),
                ));
                continue;
            }
        } else if lookup.data.existing.iter().any(|x| x.id == name) {
            errors.push(FieldError::said(
                field,
                Phrase::new(
                    "season-alongside-cancelled",
                    format!("event '{name}' is cancelled"),
                )
                .text("event", name.to_owned()),
            ));
            continue;
        } else if lookup.data.groups.contains(name) {
            Alongside::Group(name.to_owned())
        } else {
            errors.push(FieldError::said(
                field,
                Phrase::new(
                    "season-alongside-unknown",
                    format!(
                        "'{name}' is neither a group, a fixed event nor an event of this request"
                    ),
                )
                .text("name", name.to_owned()),
            ));
            continue;
        };
        if alongside.contains(&target) {
            errors.push(FieldError::said(
                field,
                Phrase::new(
                    "season-alongside-twice",
                    format!("'{name}' is listed twice"),
                )
                .text("name", name.to_owned()),
            ));
            continue;
        }
        alongside.push(target);
        alongside_names.push(name.to_owned());
    }
    if errors.0.len() > before {
        return None;
    }
    Some(PlannedEvent {
        id: e.id.trim().to_owned(),
        title: title?,
        kind: kind?,
        region: region?,
        group,
        mode: mode?,
        days: days?,
        daily_start: daily_start?,
        daily_end: daily_end?,
        venues,
        window: window?,
        expected_attendance: expected_attendance?,
        alongside,
        alongside_names,
        participants,
    })
}

/// The date `days - 1` after `first`: the last day of an event of `days` days.
pub fn last_day(first: NaiveDate, days: u32) -> NaiveDate {
    first + Duration::days(i64::from(days) - 1)
}
