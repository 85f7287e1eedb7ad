//! The season compiled for search: every event's candidate placements (DESIGN §14:
//! venue, room seating `expected_attendance`, `days` consecutive working days within its
//! window and the range), already filtered against the existing events, with the cost
//! terms that do not depend on the other events to place folded into each candidate, and
//! the pairs of events to place that can affect each other.
//!
//! Everything here is indices and day numbers; [`super::plan`] turns a solution back
//! into dates, instants and ids.

// Indexing here is by indices this planner made itself from the validated model (events,
// positions, rooms, venues, calendar days), each below the length of what it indexes by
// construction; no index comes from request text. The property and exhaustive tests run
// every path. (The validation in model.rs and the calendar use checked access.)
#![allow(clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::{date_of, day_number, Calendar};
use super::model::{in_person, joins_remotely, Alongside, DateSpan, SeasonProblem};
use crate::clash::{default_acceptable_hours, within_hours};
use crate::phrase::Phrase;
use crate::time::Interval;

/// A position of an event to place: a venue and a first day, with the rooms that seat it
/// and are free of existing events on all its days.
#[derive(Clone, Debug, Serialize)]
pub struct Position {
    /// Venue index.
    pub venue: u16,
    /// First day (day number).
    pub start: i32,
    /// Eligible rooms (indices into the venue's rooms), smallest capacity first.
    pub rooms: Vec<u16>,
    /// Cost of the terms that involve this event alone or with existing events, in
    /// weighted units: the trips its in-person participants would make if nothing
    /// continued them, `remote_hours`, soft clashes with existing events, and the wanted
    /// co-locations with fixed events it would earn (negative).
    pub unary: f64,
    /// Soft clashes with existing events and `remote_hours` at this position (count).
    pub soft: u32,
}

/// An item that takes part in trips and co-locations: an event to place or a fixed event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Item {
    /// Event to place `i`.
    Event(usize),
    /// Fixed event `i` (index into [`Instance::fixed`]).
    Fixed(usize),
}

/// A fixed event as trips and co-locations see it.
#[derive(Clone, Debug, Serialize)]
pub struct FixedItem {
    /// Index into [`SeasonProblem::existing`].
    pub existing: usize,
    /// Its venue, if it has one.
    pub venue: Option<u16>,
    /// Its days (day numbers), sorted.
    pub days: Vec<i32>,
    /// Rank of its id among every item's id (for "the same first day and a smaller id").
    pub rank: u32,
}

/// Another event to place that `e` can interact with.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Neighbour {
    /// The other event.
    pub other: usize,
    /// Some participant is required in both: they may not share a day (rule 3).
    pub required_both: bool,
    /// Some participant is in person at both: they may not share a day at different
    /// venues (rule 4).
    pub in_person_both: bool,
    /// Both are of one group: they may not share a day (rule 2).
    pub same_group: bool,
    /// Participants in both (not required in both): one `participant_overlap` each when
    /// they share a day.
    pub common: u32,
    /// Same region: one `region_overlap` when they share a day at different venues.
    pub same_region: bool,
    /// One names the other in `alongside`: a wanted co-location when near.
    pub wanted: bool,
}

/// One event to place, compiled.
#[derive(Clone, Debug, Serialize)]
pub struct EventItem {
    /// Days it lasts.
    pub len: i32,
    /// Rank of its id among every item's id.
    pub rank: u32,
    /// Group index, if it has a group.
    pub group: Option<u32>,
    /// Its positions, by venue index then first day.
    pub positions: Vec<Position>,
    /// The events to place it interacts with, by index.
    pub neighbours: Vec<Neighbour>,
    /// People in person at it (person indices).
    pub in_person: Vec<u32>,
    /// People it requires (person indices).
    pub required: Vec<u32>,
    /// Fixed events it wants to be near (indices into [`Instance::fixed`]).
    pub wanted_fixed: Vec<usize>,
    /// Why it has no position, when it has none.
    pub reason: Option<Phrase>,
}

/// The compiled season.
#[derive(Clone, Debug, Serialize)]
pub struct Instance {
    /// Day numbers and working days.
    pub calendar: Calendar,
    /// `max_gap_days`.
    pub max_gap: u32,
    /// Weights: unplaced, wanted co-location, trip, soft clash.
    pub w_unplaced: f64,
    /// Weight of a wanted co-location.
    pub w_wanted: f64,
    /// Weight of a trip.
    pub w_trip: f64,
    /// Weight of a soft clash.
    pub w_soft: f64,
    /// Events to place.
    pub events: Vec<EventItem>,
    /// Fixed events.
    pub fixed: Vec<FixedItem>,
    /// Per person: the items they attend in person.
    pub person_items: Vec<Vec<Item>>,
    /// Rooms per venue (for the room-day table).
    pub rooms_per_venue: Vec<usize>,
    /// Number of groups among the events to place.
    pub groups: usize,
}

/// Why an event's placements are blocked by existing events, counted per cause.
#[derive(Default)]
struct Blocked {
    /// Per cause (keyed by its English, for a stable message), the cause and its count.
    causes: BTreeMap<String, (Phrase, usize)>,
}

impl Blocked {
    fn add(&mut self, cause: Phrase) {
        self.causes
            .entry(cause.english().to_owned())
            .or_insert((cause, 0))
            .1 += 1;
    }
}

impl Instance {
    /// Compiles `problem`.
    pub fn new(problem: &SeasonProblem) -> Self {
        let calendar = Calendar::new(problem);
        let w = problem.weights;
        // Ranks of every item's id, for the "same first day and a smaller id" rule.
        let mut ids: Vec<&str> = problem.events.iter().map(|e| e.id.as_str()).collect();
        let fixed_idx: Vec<usize> = (0..problem.existing.len())
            .filter(|&i| problem.existing[i].fixed)
            .collect();
        ids.extend(fixed_idx.iter().map(|&i| problem.existing[i].id.as_str()));
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        let rank_of =
            |id: &str| u32::try_from(sorted.binary_search(&id).unwrap_or(0)).unwrap_or(u32::MAX);
        let mut fixed_pos = vec![None; problem.existing.len()];
        let fixed: Vec<FixedItem> = fixed_idx
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                fixed_pos[i] = Some(k);
                let x = &problem.existing[i];
                FixedItem {
                    existing: i,
                    venue: x.venue.and_then(|v| u16::try_from(v).ok()),
                    days: x.days.iter().map(|d| day_number(*d)).collect(),
                    rank: rank_of(&x.id),
                }
            })
            .collect();

        let mut group_index: HashMap<&str, u32> = HashMap::new();
        for e in &problem.events {
            if let Some(g) = &e.group {
                let n = u32::try_from(group_index.len()).unwrap_or(u32::MAX);
                group_index.entry(g.as_str()).or_insert(n);
            }
        }

        let mut person_items: Vec<Vec<Item>> = vec![Vec::new(); problem.people.len()];
        for (k, f) in fixed.iter().enumerate() {
            let x = &problem.existing[f.existing];
            if f.venue.is_none() {
                continue;
            }
            for p in &x.participants {
                if in_person(x.mode, p.attendance) {
                    person_items[p.person].push(Item::Fixed(k));
                }
            }
        }

        let mut events = Vec::with_capacity(problem.events.len());
        for (i, e) in problem.events.iter().enumerate() {
            let in_person_people: Vec<u32> = e
                .participants
                .iter()
                .filter(|p| in_person(e.mode, p.attendance))
                .map(|p| u32::try_from(p.person).unwrap_or(u32::MAX))
                .collect();
            for &p in &in_person_people {
                person_items[p as usize].push(Item::Event(i));
            }
            let mut wanted_fixed = Vec::new();
            for (k, f) in fixed.iter().enumerate() {
                let x = &problem.existing[f.existing];
                let named = e.alongside.iter().any(|a| match a {
                    Alongside::Fixed(j) => *j == f.existing,
                    Alongside::Group(g) => x.group.as_deref() == Some(g.as_str()),
                    Alongside::Event(_) => false,
                });
                if named {
                    wanted_fixed.push(k);
                }
            }
            let (positions, reason) = positions_of(
                problem,
                &calendar,
                &fixed,
                i,
                &wanted_fixed,
                problem.max_gap_days,
            );
            events.push(EventItem {
                len: i32::try_from(e.days).unwrap_or(1),
                rank: rank_of(&e.id),
                group: e.group.as_deref().and_then(|g| group_index.get(g).copied()),
                positions,
                neighbours: Vec::new(),
                in_person: in_person_people,
                required: e
                    .participants
                    .iter()
                    .filter(|p| p.required)
                    .map(|p| u32::try_from(p.person).unwrap_or(u32::MAX))
                    .collect(),
                wanted_fixed,
                reason,
            });
        }
        // Fixed events name nothing in `alongside`: a pair {event, fixed} is wanted only
        // through the event's list (above).

        // Pairs of events to place.
        let by_person: Vec<HashMap<usize, usize>> = problem
            .events
            .iter()
            .map(|e| {
                e.participants
                    .iter()
                    .enumerate()
                    .map(|(k, p)| (p.person, k))
                    .collect()
            })
            .collect();
        for a in 0..problem.events.len() {
            for b in 0..problem.events.len() {
                if a == b {
                    continue;
                }
                let (ea, eb) = (&problem.events[a], &problem.events[b]);
                let shared: Vec<usize> = ea
                    .venues
                    .iter()
                    .copied()
                    .filter(|v| eb.venues.contains(v))
                    .collect();
                if !windows_meet(
                    &calendar,
                    ea.window,
                    eb.window,
                    &shared,
                    problem.max_gap_days,
                ) {
                    continue;
                }
                let mut n = Neighbour {
                    other: b,
                    ..Neighbour::default()
                };
                for p in &ea.participants {
                    let Some(q) = by_person[b].get(&p.person).map(|&k| &eb.participants[k]) else {
                        continue;
                    };
                    if p.required && q.required {
                        n.required_both = true;
                    } else {
                        n.common += 1;
                    }
                    if in_person(ea.mode, p.attendance) && in_person(eb.mode, q.attendance) {
                        n.in_person_both = true;
                    }
                }
                n.same_group = ea.group.is_some() && ea.group == eb.group;
                n.same_region = ea.region == eb.region;
                n.wanted = names(ea, b, eb) || names(eb, a, ea);
                n.wanted = n.wanted && !shared.is_empty();
                if n.required_both
                    || n.in_person_both
                    || n.same_group
                    || n.common > 0
                    || n.same_region
                    || n.wanted
                {
                    events[a].neighbours.push(n);
                }
            }
        }
        Self {
            calendar,
            max_gap: problem.max_gap_days,
            w_unplaced: w.unplaced,
            w_wanted: w.wanted_colocation,
            w_trip: w.trip,
            w_soft: w.soft_clash,
            events,
            fixed,
            person_items,
            rooms_per_venue: problem.venues.iter().map(|v| v.rooms.len()).collect(),
            groups: group_index.len(),
        }
    }

    /// True when two spans of days at one venue are near (DESIGN §14): they share a day, or
    /// the working days strictly between the last day of the earlier and the first day of
    /// the later are at most `max_gap_days`. Spans whose days interleave without sharing
    /// one (only possible with a recurring fixed event) count as near.
    pub fn near(&self, venue: u16, a: Span<'_>, b: Span<'_>) -> bool {
        let (earlier, later) = if a.first <= b.first { (a, b) } else { (b, a) };
        if earlier.last >= later.first {
            return true;
        }
        self.calendar
            .between(usize::from(venue), earlier.last, later.first)
            <= self.max_gap
    }

    /// The positions of event `j` at venue `v` near `span` (same venue; sharing a day or
    /// within `max_gap_days`), found by walking out from where `span` starts: positions
    /// are sorted by venue, then first day, and nearness only fades with distance.
    pub fn near_positions(&self, j: usize, v: u16, span: Span<'_>, out: &mut Vec<usize>) {
        out.clear();
        let positions = &self.events[j].positions;
        let lo = positions.partition_point(|p| p.venue < v);
        let hi = positions.partition_point(|p| p.venue <= v);
        let mid = lo + positions[lo..hi].partition_point(|p| p.start <= span.first);
        for q in (lo..mid).rev() {
            if !self.near(v, self.span(j, q).1, span) {
                break;
            }
            out.push(q);
        }
        out.reverse();
        for q in mid..hi {
            if !self.near(v, self.span(j, q).1, span) {
                break;
            }
            out.push(q);
        }
    }

    /// The positions of event `j` that share a day with `first..=last`, at venue `v` only
    /// (`Some`) or at every venue but `v` (`None` for all venues is `exclude: None`).
    pub fn overlapping_positions(
        &self,
        j: usize,
        first: i32,
        last: i32,
        venue: Option<u16>,
        exclude: Option<u16>,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        let positions = &self.events[j].positions;
        let len = self.events[j].len;
        let mut lo = 0;
        while lo < positions.len() {
            let v = positions[lo].venue;
            let hi = lo + positions[lo..].partition_point(|p| p.venue <= v);
            if venue.is_none_or(|x| x == v) && exclude != Some(v) {
                let from = lo + positions[lo..hi].partition_point(|p| p.start + len - 1 < first);
                let to = lo + positions[lo..hi].partition_point(|p| p.start <= last);
                out.extend(from..to);
            }
            lo = hi;
        }
    }

    /// The span of event `e` at `position`.
    pub fn span(&self, e: usize, position: usize) -> (u16, Span<'static>) {
        let p = &self.events[e].positions[position];
        (
            p.venue,
            Span {
                first: p.start,
                last: p.start + self.events[e].len - 1,
                days: None,
            },
        )
    }

    /// The span of fixed event `f`, with its venue.
    pub fn fixed_span(&self, f: usize) -> Option<(u16, Span<'_>)> {
        let x = &self.fixed[f];
        Some((
            x.venue?,
            Span {
                first: *x.days.first()?,
                last: *x.days.last()?,
                days: Some(&x.days),
            },
        ))
    }
}

/// The days of an item: contiguous from `first` to `last`, or the listed ones.
#[derive(Clone, Copy, Debug)]
pub struct Span<'a> {
    /// First day.
    pub first: i32,
    /// Last day.
    pub last: i32,
    /// The days, when not every day from first to last is one (fixed events).
    pub days: Option<&'a [i32]>,
}

impl Span<'_> {
    /// True when the two spans share a day.
    pub fn shares_day(self, other: Span<'_>) -> bool {
        if self.last < other.first || other.last < self.first {
            return false;
        }
        match (self.days, other.days) {
            (None, None) => true,
            (Some(days), None) => days.iter().any(|d| (other.first..=other.last).contains(d)),
            (None, Some(days)) => days.iter().any(|d| (self.first..=self.last).contains(d)),
            (Some(a), Some(b)) => a.iter().any(|d| b.binary_search(d).is_ok()),
        }
    }
}

/// True when event `a` names event `b` (index `b_index`) in its `alongside`, by id or group.
fn names(a: &super::model::PlannedEvent, b_index: usize, b: &super::model::PlannedEvent) -> bool {
    a.alongside.iter().any(|x| match x {
        Alongside::Event(j) => *j == b_index,
        Alongside::Group(g) => b.group.as_deref() == Some(g.as_str()),
        Alongside::Fixed(_) => false,
    })
}

/// True when events with these windows can share a day, or be near at venue `v` of both
/// (at most `max_gap` working days of it strictly between the windows).
fn windows_meet(
    calendar: &Calendar,
    a: DateSpan,
    b: DateSpan,
    venues: &[usize],
    max_gap: u32,
) -> bool {
    let (a0, a1, b0, b1) = (
        day_number(a.first),
        day_number(a.last),
        day_number(b.first),
        day_number(b.last),
    );
    if a0 <= b1 && b0 <= a1 {
        return true;
    }
    let (last, first) = if a1 < b0 { (a1, b0) } else { (b1, a0) };
    venues
        .iter()
        .any(|&v| calendar.between(v, last, first) <= max_gap)
}

/// What an event to place has with one existing event.
#[derive(Clone, Default)]
struct WithExisting {
    /// They are of one group (rule 2), as a reason.
    group: Option<Phrase>,
    /// Someone is required at both (rule 3), as a reason.
    required: Option<Phrase>,
    /// Someone is in person at both (rule 4 at different venues), as a reason.
    in_person: Option<Phrase>,
    /// Participants in both, not required in both.
    common: u32,
}

/// Candidate positions of event `i`, or why there are none.
#[allow(clippy::too_many_arguments)]
fn positions_of(
    problem: &SeasonProblem,
    calendar: &Calendar,
    fixed: &[FixedItem],
    i: usize,
    wanted_fixed: &[usize],
    max_gap: u32,
) -> (Vec<Position>, Option<Phrase>) {
    let e = &problem.events[i];
    let w = problem.weights;
    let len = i32::try_from(e.days).unwrap_or(1);
    let lo = day_number(e.window.first);
    let hi = day_number(e.window.last);
    let trips = f64::from(
        u32::try_from(
            e.participants
                .iter()
                .filter(|p| in_person(e.mode, p.attendance))
                .count(),
        )
        .unwrap_or(u32::MAX),
    ) * w.trip;
    let seats = e.expected_attendance;
    let mut blocked = Blocked::default();
    let mut any_room = false;
    let mut any_run = false;
    let mut out = Vec::new();
    // Existing events that can matter to this one: sharing a person, its group, its
    // region, or holding a room at one of its venues.
    let relevant: Vec<usize> = (0..problem.existing.len())
        .filter(|&k| {
            let x = &problem.existing[k];
            let days_meet = x
                .days
                .iter()
                .any(|d| *d >= e.window.first && *d <= e.window.last);
            days_meet
        })
        .collect();
    // What this event has with each existing event, whatever the position: the first
    // hard cause of each kind and the participants in both.
    let mut with_existing: Vec<WithExisting> =
        vec![WithExisting::default(); problem.existing.len()];
    let mine: HashMap<usize, usize> = e
        .participants
        .iter()
        .enumerate()
        .map(|(k, p)| (p.person, k))
        .collect();
    for &k in &relevant {
        let x = &problem.existing[k];
        let with = &mut with_existing[k];
        if let (Some(g), Some(h)) = (&e.group, &x.group) {
            if g == h {
                with.group = Some(
                    Phrase::new(
                        "why-cause-group",
                        format!("group {g} meets at '{}'", x.title),
                    )
                    .text("group", g.clone())
                    .text("event", x.title.clone()),
                );
            }
        }
        for q in &x.participants {
            let Some(p) = mine.get(&q.person).map(|&i| &e.participants[i]) else {
                continue;
            };
            if p.required && q.required {
                if with.required.is_none() {
                    with.required = Some(
                        Phrase::new(
                            "why-cause-required",
                            format!(
                                "required participant {} is required at '{}'",
                                problem.people[p.person], x.title
                            ),
                        )
                        .text("participant", problem.people[p.person].clone())
                        .text("event", x.title.clone()),
                    );
                }
            } else {
                with.common += 1;
            }
            if in_person(e.mode, p.attendance)
                && in_person(x.mode, q.attendance)
                && with.in_person.is_none()
            {
                with.in_person = Some(
                    Phrase::new(
                        "why-cause-in-person",
                        format!(
                            "participant {} is in person at '{}' at another venue",
                            problem.people[p.person], x.title
                        ),
                    )
                    .text("participant", problem.people[p.person].clone())
                    .text("event", x.title.clone()),
                );
            }
        }
    }
    // Remote participants grouped by zone: (zone, count).
    let mut remote: Vec<(crate::time::Zone, u32)> = Vec::new();
    for p in &e.participants {
        if joins_remotely(e.mode, p.attendance) {
            match remote.iter_mut().find(|(z, _)| *z == p.tz) {
                Some((_, n)) => *n += 1,
                None => remote.push((p.tz, 1)),
            }
        }
    }
    let hours = default_acceptable_hours();
    for &v in &e.venues {
        let venue = &problem.venues[v];
        let fitting: Vec<usize> = {
            let mut r: Vec<usize> = (0..venue.rooms.len())
                .filter(|&r| venue.rooms[r].capacity >= seats)
                .collect();
            r.sort_by_key(|&r| (venue.rooms[r].capacity, r));
            r
        };
        if !fitting.is_empty() {
            any_room = true;
        }
        // remote_hours per day at this venue.
        let remote_on = |day: i32| -> u32 {
            if remote.is_empty() {
                return 0;
            }
            let date = date_of(day);
            let start = venue.zone.resolve(e.daily_start.on(date));
            let end = if e.daily_end == crate::time::LocalTimeOfDay::END_OF_DAY {
                venue.zone.resolve(
                    crate::time::LocalTimeOfDay::MIDNIGHT.on(date.succ_opt().unwrap_or(date)),
                )
            } else {
                venue.zone.resolve(e.daily_end.on(date))
            };
            let Some(session) = Interval::new(start, end) else {
                return 0;
            };
            remote
                .iter()
                .filter(|(z, _)| !within_hours(&hours, *z, session))
                .map(|(_, n)| *n)
                .sum()
        };
        let mut start = lo;
        while start + len - 1 <= hi {
            let days: Vec<i32> = (start..start + len).collect();
            if !days.iter().all(|&d| calendar.is_working(v, d)) {
                start += 1;
                continue;
            }
            any_run = true;
            if fitting.is_empty() {
                start += 1;
                continue;
            }
            let dates: Vec<NaiveDate> = days.iter().map(|&d| date_of(d)).collect();
            let shares =
                |x: &super::model::Existing| dates.iter().any(|d| x.days.binary_search(d).is_ok());
            // Hard rules against existing events (rooms checked per room below).
            let mut cause: Option<Phrase> = None;
            let mut rooms_held: Vec<usize> = Vec::new();
            let mut soft = 0u32;
            for &k in &relevant {
                let x = &problem.existing[k];
                if !shares(x) {
                    continue;
                }
                if x.venue == Some(v) {
                    if let Some(r) = x.room {
                        rooms_held.push(r);
                    }
                }
                let with = &with_existing[k];
                if cause.is_none() {
                    cause.clone_from(&with.group);
                }
                if cause.is_none() {
                    cause.clone_from(&with.required);
                }
                soft += with.common;
                if cause.is_none() && x.venue.is_some() && x.venue != Some(v) {
                    cause.clone_from(&with.in_person);
                }
                if x.region == e.region && x.venue != Some(v) {
                    soft += 1;
                }
            }
            if let Some(c) = cause {
                blocked.add(c);
                start += 1;
                continue;
            }
            let rooms: Vec<u16> = fitting
                .iter()
                .filter(|r| !rooms_held.contains(r))
                .filter_map(|&r| u16::try_from(r).ok())
                .collect();
            if rooms.is_empty() {
                blocked.add(
                    Phrase::new(
                        "why-cause-rooms-booked",
                        format!("every room of {} seating {seats} is booked", venue.name),
                    )
                    .text("venue", venue.name.clone())
                    .number("seats", f64::from(seats)),
                );
                start += 1;
                continue;
            }
            soft += days.iter().map(|&d| remote_on(d)).sum::<u32>();
            // Wanted co-locations with fixed events, earned at this position.
            let span = Span {
                first: start,
                last: start + len - 1,
                days: None,
            };
            let mut wanted = 0u32;
            for &f in wanted_fixed {
                let x = &fixed[f];
                let (Some(fv), Some(first), Some(last)) = (x.venue, x.days.first(), x.days.last())
                else {
                    continue;
                };
                if usize::from(fv) != v {
                    continue;
                }
                let other = Span {
                    first: *first,
                    last: *last,
                    days: Some(&x.days),
                };
                let (earlier, later) = if span.first <= other.first {
                    (span, other)
                } else {
                    (other, span)
                };
                let near = span.shares_day(other)
                    || earlier.last >= later.first
                    || calendar.between(v, earlier.last, later.first) <= max_gap;
                if near {
                    wanted += 1;
                }
            }
            out.push(Position {
                venue: u16::try_from(v).unwrap_or(u16::MAX),
                start,
                rooms,
                unary: trips + f64::from(soft) * w.soft_clash
                    - f64::from(wanted) * w.wanted_colocation,
                soft,
            });
            start += 1;
        }
    }
    if !out.is_empty() {
        // By venue index, then first day: [`Instance::near_positions`] and
        // [`Instance::overlapping_positions`] search them by venue and day.
        out.sort_by_key(|p| (p.venue, p.start));
        return (out, None);
    }
    let within = e.window;
    let (from, to) = (within.first, within.last);
    let reason = if !any_room {
        let largest = e
            .venues
            .iter()
            .flat_map(|&v| problem.venues[v].rooms.iter().map(|r| r.capacity))
            .max()
            .unwrap_or(0);
        Phrase::new(
            "why-season-no-room",
            format!(
                "no working day of its venues within {within} has a room for {seats} (the largest seats {largest})"
            ),
        )
        .date("from", from)
        .date("to", to)
        .number("seats", f64::from(seats))
        .number("largest", f64::from(largest))
    } else if !any_run {
        Phrase::new(
            "why-season-no-run",
            format!(
                "no {} consecutive working days of its venues within {within}",
                e.days
            ),
        )
        .number("days", f64::from(e.days))
        .date("from", from)
        .date("to", to)
    } else {
        let mut causes: Vec<(Phrase, usize)> = blocked.causes.into_values().collect();
        causes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.english().cmp(b.0.english())));
        let total: usize = causes.iter().map(|c| c.1).sum();
        let list: Vec<Phrase> = causes
            .into_iter()
            .take(3)
            .map(|(c, n)| {
                Phrase::new("why-cause-count", format!("{c} ({n} of {total})"))
                    .list("cause", vec![c])
                    .count("count", n)
                    .count("total", total)
            })
            .collect();
        let english: Vec<&str> = list.iter().map(Phrase::english).collect();
        Phrase::new(
            "why-season-taken",
            format!(
                "every working day of its venues within {within} with a room for {seats} is taken by existing events: {}",
                english.join("; ")
            ),
        )
        .date("from", from)
        .date("to", to)
        .number("seats", f64::from(seats))
        .list("causes", list)
    };
    (Vec::new(), Some(reason))
}
