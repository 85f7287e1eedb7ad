//! Season planning (DESIGN §14): place a whole season of meetings, workshops and forums at
//! once, co-located where the resolution wants them.
//!
//! # Using it
//!
//! ```text
//! SeasonRequest (JSON, ids)  ──SeasonProblem::new(&request, SeasonData)──▶ SeasonProblem
//! SeasonProblem ──plan(&problem, Options { deadline, progress })──▶ Plan
//! ```
//!
//! The caller (tandem-app, later) resolves the request's ids against its store and hands
//! in [`SeasonData`]: every venue the request may name (zone, weekend and holiday dates as
//! [`crate::clash::WorkingDays`], rooms), every existing event that may matter (venue,
//! room, group, participants, status and local days from [`ExistingEvent::days_of`]), and
//! the group codes that exist. [`SeasonProblem::new`] applies §14's defaults and names
//! every bad field (`events[3].alongside[0]`, `time_limit_seconds`, …) as a
//! [`crate::FieldError`]. [`plan`] is pure and single-threaded: no I/O, no clock but the
//! monotonic `deadline` it is given, and its `progress` callback.
//!
//! [`Plan`] mirrors §14's response: placements (event, venue, room, first and last local
//! date, `starts_at`/`ends_at`, the partners of its wanted co-locations, its soft clashes),
//! unplaced events with a reason each, `cost`, `bound`, `status` and the metrics
//! (`placed`, `wanted_colocations`, `trips`, `trips_if_apart`, `soft_clashes`,
//! `solve_seconds`).
//!
//! # How it plans
//!
//! 1. [`instance`] compiles the problem: each event's *positions* (a venue of its list and
//!    a first day such that its `days` consecutive calendar days are working days of the
//!    venue inside its window and the range), each with the rooms that seat
//!    `expected_attendance` and are free of existing events on those days, keeping only
//!    positions that break no rule against the existing events (a room held, its group
//!    meeting, a required participant required there, an in-person participant in person
//!    at another venue). The cost terms that depend on the event alone or on existing
//!    events (`remote_hours`, soft clashes with existing events, co-locations with fixed
//!    events, each in-person participant's trip) are folded into each position. An event
//!    with no position gets its reason here (no room that large, no run of working days,
//!    or which existing events block every candidate and how often).
//! 2. [`search`] runs a local search (greedy start, best-place moves, ejections,
//!    ruin-and-recreate with a small acceptance threshold) for a fixed budget of priced
//!    positions (1,000 per position of the season, at least 200,000), from a fixed seed,
//!    or until the deadline. When HiGHS will be given the season (step 3) the search
//!    first prices only 20,000 positions, for HiGHS's start. When it will not (medium and
//!    large seasons), three more searches start from the best plan, each with its own
//!    seed and half the budget, or until the deadline.
//! 3. [`milp`] states the same problem as a mixed-integer programme for HiGHS (rules 1–4
//!    as rows; soft clashes as indicators bounded below position by position;
//!    co-locations and trip continuations as transports between the two events'
//!    positions, which is exact for each pair), one programme per part of the season
//!    whose events cannot interact with the others' (no shared room, group, participant,
//!    region, co-location or fixed event their trips may continue), when the programmes
//!    have at most [`milp::MAX_SIZE`] rows and columns in all. It starts HiGHS on each
//!    part from the local search's plan, takes HiGHS's plan when it is better, and takes
//!    the empty plan's cost plus the parts' dual bounds as the plan's `bound`. Each
//!    part's objective at the start is checked against [`cost::evaluate`]; if they ever
//!    differed, HiGHS's answer for that part would be ignored, and no bound given. If
//!    HiGHS does not prove the plan optimal, the local search runs again with its full
//!    budget (HiGHS stops early enough for it: four times the time the short search's
//!    pace gives it, at most half the time left), and its plan is taken when better.
//! 4. Whatever found the plan, [`cost::check`] checks rules 1–4 and [`cost::evaluate`]
//!    prices it from scratch by §14's definitions; that is the `cost` reported. A plan
//!    that failed the check is replaced by the empty plan (always feasible), so an
//!    infeasible plan is never returned. Progress is reported with every better plan of
//!    the local search and once at the end (HiGHS runs without a callback).
//!
//! **Why this split (measured; BENCHMARKS.md, "Season planning").** The local search
//! reaches the small season's optimum in about a millisecond and, on the medium and large
//! seasons, better plans in seconds than OR-Tools CP-SAT finds in 60 s on the same model
//! with 2 workers; HiGHS finds no plan that good in that time. But a local search proves
//! nothing: HiGHS proves the small season optimal and the tests' exhaustively searched
//! seasons in a fraction of a second each, so it runs wherever its programme is small.
//! On the small season the first programme (one continuation column per item and set of
//! earlier items, bounded by all their `nb` columns; star rows for rule 4 and the soft
//! clashes; HiGHS's presolve on) had a root bound of 121 against the optimum 130 and did
//! not prove it within 30 s (12.6 s of CPU at a load of 10; 4–10 s on a quieter machine).
//! Stating each continuation position by position (bounded by `y[i,p]`) raised the root
//! bound to 123.8; with the biclique rows and HiGHS's presolve off the small season is
//! proven optimal in 1.1–1.4 s of CPU (2.3–4.5 s wall at a load of 10; CP-SAT needs
//! 0.2–0.3 s). A per-person row ("at least one trip") did not raise the root bound and
//! doubled the time; `mip_heuristic_effort` 0 and symmetry detection off changed it by
//! less than the noise. Later, on a 2-core KVM AMD EPYC at a load of 2.5–3.8, the small
//! season took 0.74–1.11 s wall and 0.58–0.79 s of CPU: 0.11–0.15 s of it the local
//! search's full budget of 555,000 priced positions (its greedy start is already
//! optimal), 0.45–0.60 s HiGHS, which proves it at the root (one node: the cuts raise
//! the root bound of 123.8 past 129). So the search first prices only 20,000 positions
//! when HiGHS is given the season (the full budget runs only if HiGHS proves nothing),
//! HiGHS's feasibility jump (a search for a first plan, when it always has one) is off
//! (0.03–0.05 s of CPU), and the season is solved in parts that cannot interact (7, 4
//! and 1 events on small: HiGHS does not split a programme itself, and the parts take
//! 0.31–0.35 s together): 0.46–0.49 s wall and 0.31–0.34 s of CPU at a load of 3.8,
//! where that machine took 0.74–1.11 s before. Medium and large (never given to HiGHS)
//! plan as before, to the same plans. On the medium season (about
//! 49,000 rows and columns) HiGHS gave no bound within the 10 s limit (and with a weaker
//! formulation overran the time limit it was given), so larger programmes are not handed
//! to it: the local search alone plans them, and `bound` is null. HiGHS rather than a
//! home-made exact search proves the bounds because it is a well-kept solver: the only new
//! code a proof relies on is the programme, and the programme is checked against the cost
//! function on every run.
//!
//! # Decisions where §14 is silent
//!
//! - Two spans of days at one venue whose days interleave without sharing one (only a
//!   recurring fixed event can have such days) count as near (gap 0).
//! - "A smaller id" compares ids as strings, byte by byte.
//! - Nobody is "in person" at a virtual event (an event to place may not list an
//!   in-person participant for a virtual event; an existing virtual event's in-person
//!   participants take part in no trip and no rule 4).
//! - An existing event without a venue has nobody "in person at a venue": it takes part in
//!   no trip and no rule 4, and counts as at a different venue for `region_overlap`
//!   (as [`crate::clash::region_overlap`] has it).
//! - `remote_hours` counts only for placed events (existing events are as they are);
//!   `participant_overlap` and `region_overlap` count between placed events and between a
//!   placed event and any non-cancelled existing event, once per pair (a participant of
//!   two events that share three days is one clash).
//! - A position takes the smallest free room that seats the event (rooms do not change
//!   the cost), so larger rooms stay free for larger events.
//! - Determinism: the local search has a budget of priced positions proportional to the
//!   size of the season and a fixed seed; HiGHS runs on one thread, part by part. A run
//!   that ends by itself (the plan proven optimal, or HiGHS finished by itself and the
//!   search's budget spent) returns the same plan for the same problem; a run cut by the
//!   deadline, or by the time HiGHS leaves the search, returns the best plan so far.

// Counts (events, trips, clashes) are far below 2^52, so casting them to f64 for the
// cost is exact; the solver code names positions and events with single letters (a, b,
// e, p, q, v) as the docs above do; a neighbour is a set of independent flags; the
// validation matches an option and then a lookup, each arm recording its error.
#![allow(
    clippy::single_match_else,
    clippy::cast_precision_loss,
    clippy::many_single_char_names,
    clippy::struct_excessive_bools,
    clippy::needless_range_loop
)]

mod calendar;
pub mod cost;
pub mod export;
pub mod instance;
pub mod milp;
mod model;
mod outcome;
mod request;
pub mod search;

pub use calendar::{date_of, day_number};
pub use model::{
    in_person, joins_remotely, last_day, Alongside, DateSpan, Existing, ExistingEvent, Person,
    PlannedEvent, SeasonData, SeasonParticipant, SeasonProblem, SeasonRoom, SeasonVenue, Weights,
    DEFAULT_MAX_GAP_DAYS, DEFAULT_TIME_LIMIT_SECONDS, MAX_EVENTS, MAX_GAP_DAYS,
    MAX_TIME_LIMIT_SECONDS,
};
pub use outcome::{
    plan, Metrics, Options, Placement, Plan, PlanClash, PlanRoom, Progress, Status, Unplaced,
};
pub use request::{
    SeasonEventRequest, SeasonParticipantRequest, SeasonRangeRequest, SeasonRequest,
    SessionHoursRequest, WeightsRequest,
};
