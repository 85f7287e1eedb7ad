//! The planner's entry point and its answer, as DESIGN §14's response has it.

// Indexing here is by indices this planner made itself from the validated model (events,
// positions, rooms, venues, calendar days), each below the length of what it indexes by
// construction; no index comes from request text. The property and exhaustive tests run
// every path. (The validation in model.rs and the calendar use checked access.)
#![allow(clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::calendar::date_of;
use super::cost::{check, evaluate, Assignment, Evaluation};
use super::instance::Instance;
use super::model::{joins_remotely, last_day, SeasonProblem};
use super::search::local_search;
use crate::clash::{default_acceptable_hours, within_hours, ClashKind};
use crate::phrase::Phrase;
use crate::time::{Interval, LocalTimeOfDay};

/// What the planner reports while it works.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// Share of the time limit used, from 0 to 1.
    pub fraction: f64,
    /// Cost of the best plan so far.
    pub cost: f64,
    /// Best proven lower bound so far, if any.
    pub bound: Option<f64>,
    /// Events the best plan so far places.
    pub placed: usize,
}

/// How the planner runs.
pub struct Options<'a> {
    /// When it must stop (a monotonic instant; the caller adds the time limit).
    pub deadline: Instant,
    /// Called with each better plan and at each phase.
    pub progress: Option<&'a mut dyn FnMut(Progress)>,
}

impl Options<'_> {
    /// Options that stop after `problem`'s time limit from now, reporting nothing.
    pub fn within(problem: &SeasonProblem) -> Options<'static> {
        Options {
            deadline: Instant::now() + problem.time_limit,
            progress: None,
        }
    }
}

/// `optimal` when the cost equals a proven bound, else `feasible`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The plan's cost equals the proven lower bound.
    Optimal,
    /// A feasible plan, not proven best.
    Feasible,
}

/// The room a placement uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanRoom {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its seats.
    pub capacity: u32,
}

/// A soft clash of a placement (DESIGN §14: `participant_overlap`, `region_overlap`,
/// `remote_hours`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanClash {
    /// Which rule.
    #[serde(rename = "type")]
    pub kind: ClashKind,
    /// The other event (placed or existing), for the pair rules.
    pub event: Option<String>,
    /// The participant, or the region code.
    pub subject: String,
    /// The first day it concerns (local date at the placement's venue).
    pub date: NaiveDate,
}

/// One placed event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placement {
    /// The event's id in the request.
    pub event: String,
    /// Index of the event in the request (for adapters; not on the wire).
    #[serde(skip)]
    pub index: usize,
    /// Its venue's id.
    pub venue_id: String,
    /// Its room.
    pub room: PlanRoom,
    /// First local date.
    pub start: NaiveDate,
    /// Last local date (inclusive).
    pub end: NaiveDate,
    /// The venue's zone.
    pub tz: String,
    /// The first session's start.
    pub starts_at: DateTime<Utc>,
    /// The last session's end.
    pub ends_at: DateTime<Utc>,
    /// Daily session start, at the venue.
    pub daily_start: LocalTimeOfDay,
    /// Daily session end, at the venue.
    pub daily_end: LocalTimeOfDay,
    /// Its wanted co-location partners (event ids, fixed or placed), earliest first day
    /// first, then smallest id.
    pub alongside: Vec<String>,
    /// Its soft clashes.
    pub clashes: Vec<PlanClash>,
}

/// An event the plan leaves out, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    /// The event's id.
    pub event: String,
    /// Why, for a person (in English).
    pub reason: String,
    /// The same, as a message of the translations (for the pages).
    #[serde(skip)]
    pub why: Phrase,
}

/// The plan's figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Events placed.
    pub placed: usize,
    /// Wanted co-locations.
    pub wanted_colocations: usize,
    /// Trips of all participants.
    pub trips: usize,
    /// Trips as if no two events continued a trip.
    pub trips_if_apart: usize,
    /// Soft clashes.
    pub soft_clashes: usize,
    /// Seconds the planner took.
    pub solve_seconds: f64,
}

/// A season plan (DESIGN §14's response).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// The plan's exact cost by §14's definitions.
    pub cost: f64,
    /// A proven lower bound on the cost of any feasible plan, when the method gives one.
    pub bound: Option<f64>,
    /// `optimal` when `cost` equals `bound`.
    pub status: Status,
    /// The placed events, in request order.
    pub placements: Vec<Placement>,
    /// The events left out, in request order.
    pub unplaced: Vec<Unplaced>,
    /// The figures.
    pub metrics: Metrics,
}

/// What a method proved about the cost.
pub(crate) struct Proof {
    /// A lower bound on the cost of every feasible plan.
    pub bound: Option<f64>,
}

/// Plans `problem`: the least-cost feasible plan the planner finds before
/// `options.deadline` (see the module docs for how).
pub fn plan(problem: &SeasonProblem, options: &mut Options<'_>) -> Plan {
    let began = Instant::now();
    let inst = Instance::new(problem);
    let total = options
        .deadline
        .saturating_duration_since(began)
        .as_secs_f64()
        .max(1e-9);
    let mut best_placed = 0usize;
    let mut report = |cost: f64,
                      bound: Option<f64>,
                      at: &Assignment,
                      progress: &mut Option<&mut dyn FnMut(Progress)>| {
        best_placed = at.iter().filter(|a| a.is_some()).count();
        if let Some(f) = progress.as_mut() {
            f(Progress {
                fraction: (began.elapsed().as_secs_f64() / total).min(1.0),
                cost,
                bound,
                placed: best_placed,
            });
        }
    };
    let budget = search_budget(&inst);
    let mut progress = options.progress.take();
    // A programme HiGHS is given needs only a start from the search: a short search
    // first, and the rest of the budget only when HiGHS proves nothing.
    let programme = super::milp::programme(&inst);
    let first = if programme.is_some() {
        budget.min(START_BUDGET)
    } else {
        budget
    };
    let searched = Instant::now();
    let (mut best, stats) = local_search(
        &inst,
        None,
        first,
        options.deadline,
        SEED,
        &mut |cost, at| report(cost, None, at, &mut progress),
    );
    let search_seconds = searched.elapsed().as_secs_f64();
    if check(&inst, &best).is_err() {
        best = vec![None; inst.events.len()];
    }
    // With no position for any event, the empty plan is the only plan.
    let mut proof = Proof {
        bound: inst
            .events
            .iter()
            .all(|e| e.positions.is_empty())
            .then(|| evaluate(&inst, &best).cost),
    };
    if let Some(m) = &programme {
        // HiGHS stops early enough for the rest of the search should it prove nothing:
        // four times what the short search's pace gives for it, at most half the time
        // left.
        let left = options
            .deadline
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        let pace = search_seconds / stats.work.max(1) as f64;
        let reserve = (4.0 * pace * (budget - first) as f64).min(left / 2.0);
        let until = options
            .deadline
            .checked_sub(Duration::from_secs_f64(reserve))
            .unwrap_or(options.deadline);
        if let Some(outcome) = super::milp::improve(&inst, m, &best, until) {
            if check(&inst, &outcome.assignment).is_ok()
                && evaluate(&inst, &outcome.assignment).cost < evaluate(&inst, &best).cost - 1e-9
            {
                best = outcome.assignment;
            }
            proof.bound = outcome.bound;
        }
        let cost = evaluate(&inst, &best).cost;
        if !stats.timed_out && budget > first && !proven(cost, proof.bound) {
            // The search the planner runs when HiGHS is not given the programme, from the
            // same seed; its plan is taken when it is better.
            let bound = proof.bound;
            let (again, _) =
                local_search(&inst, None, budget, options.deadline, SEED, &mut |c, at| {
                    if c < cost - 1e-9 {
                        report(c, bound, at, &mut progress);
                    }
                });
            if check(&inst, &again).is_ok() && evaluate(&inst, &again).cost < cost - 1e-9 {
                best = again;
            }
        }
    }
    if programme.is_none() && !stats.timed_out {
        // No proof to wait for: the time left goes to further searches from the best plan,
        // each with its own seed and half the budget (a fixed number of them, so that a run
        // that ends by itself still gives the same plan).
        let mut timed_out = false;
        for k in 1..=RESTARTS {
            if timed_out {
                break;
            }
            let cost = evaluate(&inst, &best).cost;
            let (again, more) = local_search(
                &inst,
                Some(&best),
                budget / 2,
                options.deadline,
                SEED.wrapping_add(k),
                &mut |c, at| {
                    if c < cost - 1e-9 {
                        report(c, None, at, &mut progress);
                    }
                },
            );
            timed_out = more.timed_out;
            if check(&inst, &again).is_ok() && evaluate(&inst, &again).cost < cost - 1e-9 {
                best = again;
            }
        }
    }
    let evaluation = evaluate(&inst, &best);
    // A bound from a solver's floating-point arithmetic, rounded to the cost's grain when
    // it is within its tolerance.
    let bound = proof.bound.map(|b| b.min(evaluation.cost));
    let status = if proven(evaluation.cost, bound) {
        Status::Optimal
    } else {
        Status::Feasible
    };
    report(evaluation.cost, bound, &best, &mut progress);
    options.progress = progress;
    assemble(problem, &inst, &best, evaluation, bound, status, began)
}

/// The local search's seed.
const SEED: u64 = 0x5EA5_0215;

/// Further searches from the best plan when HiGHS is not given the programme, each with
/// half the budget. Measured (BENCHMARKS.md, "Season planning"): with none, medium ends at
/// 1,621 in 1.4 s and large at 23,097 in 13 s; with three, 1,620 in 3.7 s and 23,030 in
/// 28 s; two gave 1,621 and 23,036, four 1,620 and a large season cut at 30 s.
const RESTARTS: u64 = 3;

/// Positions the local search prices for HiGHS's start, when HiGHS is given the
/// programme: on the small benchmark season the greedy start and its descent reach the
/// optimum after 1,110, and the full budget (555,000) took 0.11–0.15 s before HiGHS.
const START_BUDGET: u64 = 20_000;

/// True when `bound` proves `cost` optimal (equal within a float tolerance; a bound is
/// never above a feasible plan's cost but by HiGHS's tolerances).
fn proven(cost: f64, bound: Option<f64>) -> bool {
    bound.is_some_and(|b| b >= cost - 1e-6 * cost.abs().max(1.0))
}

/// Positions to price in the local search: enough passes over every event's positions to
/// settle a season, bounded so that a large season stays within seconds.
fn search_budget(inst: &Instance) -> u64 {
    let positions: u64 = inst.events.iter().map(|e| e.positions.len() as u64).sum();
    (positions * 1000).clamp(200_000, 300_000_000)
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    problem: &SeasonProblem,
    inst: &Instance,
    at: &Assignment,
    evaluation: Evaluation,
    bound: Option<f64>,
    status: Status,
    began: Instant,
) -> Plan {
    let mut placements = Vec::new();
    let mut unplaced = Vec::new();
    let spans: Vec<Option<(usize, NaiveDate, NaiveDate)>> = at
        .iter()
        .enumerate()
        .map(|(e, a)| {
            a.map(|(p, _)| {
                let pos = &inst.events[e].positions[p as usize];
                let first = date_of(pos.start);
                (
                    usize::from(pos.venue),
                    first,
                    last_day(first, problem.events[e].days),
                )
            })
        })
        .collect();
    for (e, event) in problem.events.iter().enumerate() {
        let Some((p, r)) = at[e] else {
            let why = unplaced_reason(problem, inst, at, e);
            unplaced.push(Unplaced {
                event: event.id.clone(),
                reason: why.english().to_owned(),
                why,
            });
            continue;
        };
        let pos = &inst.events[e].positions[p as usize];
        let venue = &problem.venues[usize::from(pos.venue)];
        let room = &venue.rooms[usize::from(r)];
        let (v, first, last) = spans[e].unwrap_or((0, NaiveDate::MIN, NaiveDate::MIN));
        let starts_at = venue.zone.resolve(event.daily_start.on(first));
        let ends_at = session_end(venue.zone, event.daily_end, last);
        placements.push(Placement {
            event: event.id.clone(),
            index: e,
            venue_id: venue.id.clone(),
            room: PlanRoom {
                id: room.id.clone(),
                name: room.name.clone(),
                capacity: room.capacity,
            },
            start: first,
            end: last,
            tz: venue.zone.name().to_owned(),
            starts_at,
            ends_at,
            daily_start: event.daily_start,
            daily_end: event.daily_end,
            alongside: partners(problem, inst, &spans, e, v, first, last),
            clashes: clashes(problem, &spans, e, v, first, last),
        });
    }
    Plan {
        cost: evaluation.cost,
        bound,
        status,
        placements,
        unplaced,
        metrics: Metrics {
            placed: evaluation.placed,
            wanted_colocations: evaluation.wanted_colocations,
            trips: evaluation.trips,
            trips_if_apart: evaluation.trips_if_apart,
            soft_clashes: evaluation.soft_clashes,
            solve_seconds: began.elapsed().as_secs_f64(),
        },
    }
}

fn session_end(zone: crate::time::Zone, end: LocalTimeOfDay, date: NaiveDate) -> DateTime<Utc> {
    if end == LocalTimeOfDay::END_OF_DAY {
        zone.resolve(LocalTimeOfDay::MIDNIGHT.on(date.succ_opt().unwrap_or(date)))
    } else {
        zone.resolve(end.on(date))
    }
}

/// Dates from first to last shared with a set of dates.
fn shares(first: NaiveDate, last: NaiveDate, days: &[NaiveDate]) -> Option<NaiveDate> {
    days.iter().copied().find(|d| *d >= first && *d <= last)
}

fn overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> Option<NaiveDate> {
    let first = a.0.max(b.0);
    (first <= a.1.min(b.1)).then_some(first)
}

/// The partners of `e`'s wanted co-locations in the plan, earliest first day first.
fn partners(
    problem: &SeasonProblem,
    inst: &Instance,
    spans: &[Option<(usize, NaiveDate, NaiveDate)>],
    e: usize,
    v: usize,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<String> {
    use super::calendar::day_number;
    use super::instance::Span;
    let me = Span {
        first: day_number(first),
        last: day_number(last),
        days: None,
    };
    let venue = u16::try_from(v).unwrap_or(u16::MAX);
    let mut out: Vec<(NaiveDate, String)> = Vec::new();
    for &f in &inst.events[e].wanted_fixed {
        if let Some((fv, s)) = inst.fixed_span(f) {
            if fv == venue && inst.near(venue, me, s) {
                let x = &problem.existing[inst.fixed[f].existing];
                out.push((x.days.first().copied().unwrap_or(first), x.id.clone()));
            }
        }
    }
    for n in &inst.events[e].neighbours {
        if !n.wanted {
            continue;
        }
        let Some((ov, of, ol)) = spans[n.other] else {
            continue;
        };
        let other = Span {
            first: day_number(of),
            last: day_number(ol),
            days: None,
        };
        if ov == v && inst.near(venue, me, other) {
            out.push((of, problem.events[n.other].id.clone()));
        }
    }
    out.sort();
    out.dedup();
    out.into_iter().map(|(_, id)| id).collect()
}

/// The soft clashes of placed event `e` (with placed and existing events, and its remote
/// participants' hours).
fn clashes(
    problem: &SeasonProblem,
    spans: &[Option<(usize, NaiveDate, NaiveDate)>],
    e: usize,
    v: usize,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<PlanClash> {
    let event = &problem.events[e];
    let mut out = Vec::new();
    let mut pair = |id: &str,
                    region: crate::RegionCode,
                    other_venue: Option<usize>,
                    parts: &[super::model::Person],
                    date: NaiveDate| {
        for p in &event.participants {
            if let Some(q) = parts.iter().find(|q| q.person == p.person) {
                if !(p.required && q.required) {
                    out.push(PlanClash {
                        kind: ClashKind::ParticipantOverlap,
                        event: Some(id.to_owned()),
                        subject: problem.people[p.person].clone(),
                        date,
                    });
                }
            }
        }
        if region == event.region && other_venue != Some(v) {
            out.push(PlanClash {
                kind: ClashKind::RegionOverlap,
                event: Some(id.to_owned()),
                subject: region.code().to_owned(),
                date,
            });
        }
    };
    for (o, other) in problem.events.iter().enumerate() {
        if o == e {
            continue;
        }
        let Some((ov, of, ol)) = spans[o] else {
            continue;
        };
        if let Some(date) = overlap((first, last), (of, ol)) {
            pair(&other.id, other.region, Some(ov), &other.participants, date);
        }
    }
    for x in &problem.existing {
        if let Some(date) = shares(first, last, &x.days) {
            pair(&x.id, x.region, x.venue, &x.participants, date);
        }
    }
    let venue = &problem.venues[v];
    let hours = default_acceptable_hours();
    for date in first.iter_days().take_while(|d| *d <= last) {
        let start = venue.zone.resolve(event.daily_start.on(date));
        let end = session_end(venue.zone, event.daily_end, date);
        let Some(session) = Interval::new(start, end) else {
            continue;
        };
        for p in &event.participants {
            if joins_remotely(event.mode, p.attendance) && !within_hours(&hours, p.tz, session) {
                out.push(PlanClash {
                    kind: ClashKind::RemoteHours,
                    event: None,
                    subject: problem.people[p.person].clone(),
                    date,
                });
            }
        }
    }
    out
}

/// Why event `e` is not in the plan.
fn unplaced_reason(problem: &SeasonProblem, inst: &Instance, at: &Assignment, e: usize) -> Phrase {
    if let Some(reason) = &inst.events[e].reason {
        return reason.clone();
    }
    // Which placed events stand in the way of its positions, most often first.
    let mut state = super::search::State::new(inst);
    for (i, a) in at.iter().enumerate() {
        if i != e {
            state.put(i, *a, 0.0);
        }
    }
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut free = 0usize;
    let mut blockers = Vec::new();
    let positions = inst.events[e].positions.len();
    for p in 0..positions {
        state.blockers_of(e, p, &mut blockers);
        if blockers.is_empty() {
            free += 1;
        }
        for &b in &blockers {
            *counts.entry(problem.events[b].id.clone()).or_default() += 1;
        }
    }
    if free > 0 {
        let weight = problem.weights.unplaced;
        return Phrase::new(
            "why-season-costs-more",
            format!(
                "{free} of its {positions} candidate placements are free, but placing it would cost more than the {weight} of leaving it out"
            ),
        )
        .count("free", free)
        .count("positions", positions)
        .number("weight", weight);
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let named: Vec<Phrase> = list
        .iter()
        .take(3)
        .map(|(id, n)| {
            Phrase::new("why-placed-count", format!("'{id}' ({n})"))
                .text("event", id.clone())
                .count("count", *n)
        })
        .collect();
    let english: Vec<&str> = named.iter().map(Phrase::english).collect();
    Phrase::new(
        "why-season-blocked",
        format!(
            "each of its {positions} candidate placements clashes with a placed event (room, group, or a participant required or in person there): {}",
            english.join(", ")
        ),
    )
    .count("positions", positions)
    .list("events", named)
}
