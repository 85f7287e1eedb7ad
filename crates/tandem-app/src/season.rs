//! Season planning (DESIGN §14) as use cases: the request's venue ids, fixed event ids and
//! group codes resolved against the store into the planner's [`SeasonData`] (venues with
//! their zones, weekends, holidays and rooms; every live event that may matter), the
//! planner run off the async workers, and applying a plan: every placement created as a
//! `proposed` event linked to its first wanted co-location's partner, all in one
//! transaction that is refused (409 naming what moved) if the events the plan was made
//! against changed in the meantime.
//!
//! Decisions where §14 is silent:
//! - Planning is a read: anyone who may read may plan; applying needs an organiser of
//!   every region of the request's events (or an admin, or the operator).
//! - The existing events read are the live ones whose span meets the range (two days of
//!   margin each side, for zones far from UTC) or a fixed event's span, and that share a
//!   region, a venue, a group or a participant with the request: every event that can
//!   change a rule or a cost term of §14. Their venues are read too.
//! - An event of several days is created as one daily session (`daily_hours`) repeated by
//!   `RRULE:FREQ=DAILY;COUNT=days`: the placement's days are consecutive calendar days, and
//!   each day holds the session, as §14 says; nights stay free.
//! - "The data moved" means: an event of those neighbourhoods appeared, changed version or
//!   left them between the plan's read and the transaction, which re-reads them with every
//!   other writer of events held off.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use tandem_core::season::{
    plan, ExistingEvent, Options, Plan, PlannedEvent, Progress, SeasonData, SeasonParticipant,
    SeasonProblem, SeasonRequest, SeasonRoom, SeasonVenue,
};
use tandem_core::Event;
use tandem_core::{
    EventDraft, EventStatus, EventTiming, FieldError, FieldErrors, Interval, LocalTimeOfDay,
    Participant, ParticipantId, Phrase, RegionCode, Title,
};
use tandem_store::{Basis, Neighbourhood, SeedEvent, StoreError, Venue};
use tracing::instrument;
use uuid::Uuid;

use crate::clashes::check::{self, facts, Venues};
use crate::phrases::because;
use crate::{App, AppError, AppResult, Caller};

/// Most live events one neighbourhood read returns (the transaction that applies a plan
/// reads the same neighbourhoods whole).
const NEIGHBOURS_MAX: u32 = 1_000_000;

/// What the planner reports while it works, to whoever shows it.
pub type ProgressSink = Box<dyn FnMut(Progress) + Send>;

/// A plan and what it was made from.
#[derive(Clone, Debug)]
pub struct Planned {
    /// The validated season.
    pub problem: SeasonProblem,
    /// The planner's answer.
    pub plan: Plan,
    /// The venues it could use, as stored.
    pub venues: Vec<Venue>,
    /// The fixed events, as stored.
    pub fixed: Vec<Event>,
    /// The events the plan was made against, for [`apply_season`].
    pub basis: Basis,
}

/// A plan applied: the events created, in the plan's order.
#[derive(Clone, Debug)]
pub struct Applied {
    /// The plan.
    pub planned: Planned,
    /// The events created.
    pub events: Vec<Event>,
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The instants from two days before `first` to three days after `last` (UTC), clamped to
/// the instants a request may name.
fn around(first: NaiveDate, last: NaiveDate) -> Option<Interval> {
    let bounds = tandem_core::time::accepted_instants();
    let start = Utc.from_utc_datetime(&(first - Duration::days(2)).and_time(NaiveTime::MIN));
    let end = Utc.from_utc_datetime(&(last + Duration::days(3)).and_time(NaiveTime::MIN));
    Interval::new(start.max(bounds.start), end.min(bounds.end))
}

/// Checks what the planner's validation cannot: participant ids as events store them.
fn check_participants(request: &SeasonRequest) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    for (i, e) in request.events.iter().enumerate() {
        for (k, p) in e.participants.iter().enumerate() {
            if !p.id.trim().is_empty() {
                if let Err(x) = ParticipantId::parse(p.id.trim()) {
                    errors.push(x.under(&format!("events[{i}].participants[{k}].id")));
                }
            }
        }
    }
    errors.finish(|| ())
}

/// The regions of the request's events that parse (the planner names the others).
fn regions(request: &SeasonRequest) -> Vec<RegionCode> {
    let mut out: Vec<RegionCode> = request
        .events
        .iter()
        .filter_map(|e| e.region.parse().ok())
        .collect();
    out.sort_by_key(|r| r.code());
    out.dedup();
    out
}

/// Reads everything the request names and every live event that may matter.
async fn resolve(
    app: &App,
    request: &SeasonRequest,
) -> AppResult<(SeasonData, Vec<Venue>, Vec<Event>, Basis)> {
    let store = app.store();
    // The fixed events (unknown or unparsable ids are left for the planner to name).
    let mut fixed = Vec::new();
    for id in &request.fixed {
        let Ok(uuid) = Uuid::parse_str(id.trim()) else {
            continue;
        };
        match store.event(uuid).await {
            Ok(e) => {
                if !fixed.iter().any(|f: &Event| f.id == e.id) {
                    fixed.push(e);
                }
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // The venues the events name.
    let mut venues: BTreeMap<Uuid, Venue> = BTreeMap::new();
    let mut wanted: BTreeSet<Uuid> = BTreeSet::new();
    for e in &request.events {
        for v in &e.venues {
            if let Ok(uuid) = Uuid::parse_str(v.trim()) {
                wanted.insert(uuid);
            }
        }
    }
    for id in wanted {
        match store.venue(id).await {
            Ok(v) => {
                venues.insert(v.id, v);
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }

    // The neighbourhoods whose live events matter: the request's regions, venues and
    // groups, and its participants, over the range; and each fixed event's own.
    let range = match (
        parse_date(&request.range.start),
        parse_date(&request.range.end),
    ) {
        (Some(a), Some(b)) if a <= b => around(a, b),
        _ => None,
    };
    let mut watch = Vec::new();
    if let Some(span) = range {
        let regions = regions(request);
        let groups: BTreeSet<String> = request
            .events
            .iter()
            .filter_map(|e| e.group.as_deref().map(str::trim))
            .filter(|g| !g.is_empty())
            .map(str::to_owned)
            .collect();
        let groups: Vec<String> = groups.into_iter().collect();
        let venue_ids: Vec<Uuid> = venues.keys().copied().collect();
        let participants: BTreeSet<String> = request
            .events
            .iter()
            .flat_map(|e| e.participants.iter().map(|p| p.id.trim().to_owned()))
            .filter(|p| !p.is_empty())
            .collect();
        let rounds = regions.len().max(venue_ids.len()).max(groups.len()).max(1);
        for i in 0..rounds {
            let Some(region) = regions
                .get(i % regions.len().max(1))
                .copied()
                .or_else(|| fixed.first().map(|f| f.draft.region))
            else {
                break;
            };
            watch.push(Neighbourhood {
                exclude: None,
                span,
                region,
                venue_id: venue_ids.get(i).copied(),
                group: groups.get(i).cloned(),
                participants: if i == 0 {
                    participants.iter().cloned().collect()
                } else {
                    Vec::new()
                },
            });
        }
    }
    for f in &fixed {
        if let Some(span) = Interval::new(
            f.instants.starts_at - Duration::days(1),
            f.instants.last_ends_at,
        ) {
            watch.push(Neighbourhood {
                exclude: None,
                span,
                region: f.draft.region,
                venue_id: f.draft.venue_id,
                group: f.draft.group.clone(),
                participants: Vec::new(),
            });
        }
    }
    let mut existing: BTreeMap<Uuid, Event> = BTreeMap::new();
    for n in &watch {
        for e in store.neighbours(n, NEIGHBOURS_MAX).await? {
            existing.insert(e.id, e);
        }
    }
    let basis = Basis {
        watch,
        versions: existing.values().map(|e| (e.id, e.version)).collect(),
    };
    // A cancelled fixed event is passed on so that the planner names it.
    for f in &fixed {
        existing.entry(f.id).or_insert_with(|| f.clone());
    }
    // The venues of existing events (their rooms and days count too).
    for e in existing.values() {
        if let Some(v) = e.draft.venue_id {
            if let std::collections::btree_map::Entry::Vacant(slot) = venues.entry(v) {
                match store.venue(v).await {
                    Ok(venue) => {
                        slot.insert(venue);
                    }
                    Err(StoreError::NotFound { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }

    // Working days over the range and every fixed event's days.
    let mut first = range.map(|r| r.start);
    let mut last = range.map(|r| r.end);
    for f in &fixed {
        first = Some(first.map_or(f.instants.starts_at, |x| x.min(f.instants.starts_at)));
        last = Some(last.map_or(f.instants.last_ends_at, |x| x.max(f.instants.last_ends_at)));
    }
    let span = match (first, last) {
        (Some(a), Some(b)) => Interval::new(a - Duration::days(2), b + Duration::days(2)),
        _ => None,
    };
    let mut cache = Venues::default();
    let mut season_venues = Vec::with_capacity(venues.len());
    for v in venues.values() {
        let working_days = match span {
            Some(span) => cache.working_days(store, v, span).await,
            None => tandem_core::clash::WorkingDays::new(v.weekend, Vec::new()),
        };
        season_venues.push(SeasonVenue {
            id: v.id.to_string(),
            name: v.name.clone(),
            zone: v.tz,
            working_days,
            rooms: v
                .rooms
                .iter()
                .map(|r| SeasonRoom {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    capacity: r.capacity,
                })
                .collect(),
        });
    }
    let season_existing = existing
        .values()
        .map(|e| {
            let f = facts(e)?;
            Ok(ExistingEvent {
                id: e.id.to_string(),
                title: e.title().to_owned(),
                status: e.status(),
                mode: e.draft.mode,
                region: e.draft.region,
                group: e.draft.group.clone(),
                venue: e
                    .draft
                    .venue_id
                    .filter(|v| venues.contains_key(v))
                    .map(|v| v.to_string()),
                room: e
                    .draft
                    .room_id
                    .filter(|_| e.draft.venue_id.is_some_and(|v| venues.contains_key(&v)))
                    .map(|r| r.to_string()),
                days: ExistingEvent::days_of(e.zone(), &f.occurrences),
                participants: e
                    .draft
                    .participants
                    .iter()
                    .map(|p| SeasonParticipant {
                        id: p.id.to_string(),
                        tz: p.tz,
                        attendance: p.attendance,
                        required: p.required,
                    })
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let groups = app
        .reference
        .groups
        .iter()
        .map(|g| g.code.clone())
        .collect();
    let data = SeasonData {
        venues: season_venues,
        existing: season_existing,
        groups,
    };
    Ok((data, venues.into_values().collect(), fixed, basis))
}

/// Plans a season (`POST /api/v1/seasons/plan`, `tandem plan`, the season page): the
/// request resolved against the store and validated (every bad field named), then the
/// planner, off the async workers, within the request's time limit. `progress` hears of
/// every better plan.
#[instrument(skip_all, fields(events = request.events.len()))]
pub async fn plan_season(
    app: &App,
    request: &SeasonRequest,
    progress: Option<ProgressSink>,
) -> AppResult<Planned> {
    let mut errors = FieldErrors::default();
    if let Err(e) = check_participants(request) {
        errors.0.extend(e.0);
    }
    let (data, venues, fixed, basis) = resolve(app, request).await?;
    let problem = match SeasonProblem::new(request, data) {
        Ok(problem) if errors.is_empty() => problem,
        Ok(_) => return Err(errors.into()),
        Err(more) => {
            errors.0.extend(more.0);
            return Err(errors.into());
        }
    };
    let solved = tokio::task::spawn_blocking(move || {
        let mut sink = progress;
        let mut forward = |p: Progress| {
            if let Some(f) = sink.as_mut() {
                f(p);
            }
        };
        let mut options = Options {
            deadline: Instant::now() + problem.time_limit,
            progress: Some(&mut forward),
        };
        let plan = plan(&problem, &mut options);
        (problem, plan)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    let (problem, plan) = solved;
    tracing::info!(
        placed = plan.metrics.placed,
        cost = plan.cost,
        seconds = plan.metrics.solve_seconds,
        "season planned"
    );
    Ok(Planned {
        problem,
        plan,
        venues,
        fixed,
        basis,
    })
}

/// Who may apply a season: an organiser of every region of its events.
fn may_apply(caller: &Caller, request: &SeasonRequest) -> AppResult<()> {
    caller.require_write(&regions(request))
}

/// The draft of placed event `event` at `venue`, `room`, over `first..=last`, linked to
/// `alongside`.
#[allow(clippy::too_many_arguments)]
fn draft_of(
    index: usize,
    event: &PlannedEvent,
    people: &[String],
    venue: &Venue,
    room: Uuid,
    first: NaiveDate,
    alongside: Option<Uuid>,
) -> AppResult<EventDraft> {
    let at = |name: &str| format!("events[{index}].{name}");
    let start = event.daily_start.on(first);
    let end = if event.daily_end == LocalTimeOfDay::END_OF_DAY {
        LocalTimeOfDay::MIDNIGHT.on(first + Duration::days(1))
    } else {
        event.daily_end.on(first)
    };
    let rule = (event.days > 1).then(|| format!("FREQ=DAILY;COUNT={}", event.days));
    let timing = EventTiming::new(venue.tz, start, end, rule.as_deref()).map_err(|errors| {
        FieldErrors(
            errors
                .into_iter()
                .map(|e| {
                    let english =
                        format!("the session on {first} at {}: {}", venue.name, e.message);
                    let phrase = Phrase::new("season-session-invalid", english)
                        .date("date", first)
                        .text("venue", venue.name.clone());
                    FieldError::said(at("daily_hours"), because(phrase, e))
                })
                .collect(),
        )
    })?;
    let participants = event
        .participants
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let id = people.get(p.person).map_or("", String::as_str);
            Ok(Participant {
                id: ParticipantId::parse(id)
                    .map_err(|e| e.under(&format!("events[{index}].participants[{k}].id")))?,
                name: None,
                tz: p.tz,
                attendance: p.attendance,
                required: p.required,
                email: None,
                language: None,
            })
        })
        .collect::<Result<Vec<_>, FieldError>>()?;
    Ok(EventDraft {
        title: Title::parse(&event.title).map_err(|e| e.under(&at("title")))?,
        description: None,
        kind: event.kind,
        mode: event.mode,
        status: EventStatus::Proposed,
        region: event.region,
        group: event.group.clone(),
        venue_id: Some(venue.id),
        room_id: Some(room),
        timing,
        co_located_with: alongside,
        remote_url: None,
        participants,
    })
}

/// Creates every placement of `planned` as a `proposed` event linked (`co_located_with`) to
/// the partner of its first wanted co-location, all in one transaction, refused with
/// [`AppError::Conflict`] naming what moved when the events the plan was made against
/// changed since. The caller must be an organiser of every region of the request's events.
#[instrument(skip_all, fields(placements = planned.plan.placements.len()))]
pub async fn apply_season(
    app: &App,
    caller: &Caller,
    request: &SeasonRequest,
    planned: Planned,
) -> AppResult<Applied> {
    may_apply(caller, request)?;
    let ids: HashMap<&str, Uuid> = planned
        .plan
        .placements
        .iter()
        .map(|p| (p.event.as_str(), Uuid::new_v4()))
        .collect();
    let venues: HashMap<String, &Venue> = planned
        .venues
        .iter()
        .map(|v| (v.id.to_string(), v))
        .collect();
    let mut batch = Vec::with_capacity(planned.plan.placements.len());
    for placement in &planned.plan.placements {
        let (Some(event), Some(venue), Ok(room), Some(id)) = (
            planned.problem.events.get(placement.index),
            venues.get(&placement.venue_id),
            Uuid::parse_str(&placement.room.id),
            ids.get(placement.event.as_str()),
        ) else {
            return Err(AppError::Internal(anyhow::anyhow!(
                "placement of '{}' names what the plan did not read",
                placement.event
            )));
        };
        let alongside = placement.alongside.first().and_then(|partner| {
            ids.get(partner.as_str())
                .copied()
                .or_else(|| Uuid::parse_str(partner).ok())
        });
        let draft = draft_of(
            placement.index,
            event,
            &planned.problem.people,
            venue,
            room,
            placement.start,
            alongside,
        )?;
        batch.push(SeedEvent { id: *id, draft });
    }
    let events = if batch.is_empty() {
        Vec::new()
    } else {
        app.store.create_events(&batch, &planned.basis).await?
    };
    tracing::info!(created = events.len(), "season applied");
    for event in &events {
        check::refresh_after_write(app, event).await;
    }
    Ok(Applied { planned, events })
}

/// Plans a season and applies the plan at once (`POST /api/v1/seasons/plan?apply=true`,
/// the season page's Apply, `tandem plan --apply`). The caller's right to apply is checked
/// before the planner runs.
pub async fn plan_and_apply(
    app: &App,
    caller: &Caller,
    request: &SeasonRequest,
    progress: Option<ProgressSink>,
) -> AppResult<Applied> {
    may_apply(caller, request)?;
    let planned = plan_season(app, request, progress).await?;
    apply_season(app, caller, request, planned).await
}

/// The demo's season (`tandem serve --demo`, the season page's "plan the demo's season"):
/// workshops and forums to hold alongside the demo's SG3RG-AFR meeting in Yaoundé and its
/// SG5RG-ARB meeting in Cairo, dated around them, and one forum too large for any room of
/// its venue (so the plan shows an unplaced event with its reason). `None` when the
/// database has not the demo's venues and meetings.
pub async fn demo_season(app: &App) -> AppResult<Option<SeasonRequest>> {
    let store = app.store();
    let venues = store.venues().await?;
    let by_name = |name: &str| venues.iter().find(|v| v.name == name).map(|v| v.id);
    let (Some(yaounde), Some(cairo)) = (
        by_name(crate::seed::demo::YAOUNDE),
        by_name(crate::seed::demo::CAIRO),
    ) else {
        return Ok(None);
    };
    let anchor = |group: &'static str, venue: Uuid| async move {
        let filter = tandem_store::EventFilter {
            group: Some(group.to_owned()),
            venue_id: Some(venue),
            statuses: vec![EventStatus::Confirmed],
            from: Some(app.clock.now()),
            ..tandem_store::EventFilter::default()
        };
        store
            .events(&filter, None, 1)
            .await
            .map(|found| found.into_iter().next())
    };
    let (Some(sg3), Some(sg5)) = (
        anchor("SG3RG-AFR", yaounde).await?,
        anchor("SG5RG-ARB", cairo).await?,
    ) else {
        return Ok(None);
    };
    let first = |e: &Event| e.zone().local(e.instants.starts_at).date();
    let last = |e: &Event| {
        e.zone()
            .local(e.instants.last_ends_at - Duration::seconds(1))
            .date()
    };
    let date = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let start = first(&sg3).min(first(&sg5)) - Duration::days(21);
    let end = last(&sg3).max(last(&sg5)) + Duration::days(21);
    let around = |e: &Event, days: i64| {
        (
            Some(date(first(e) - Duration::days(days))),
            Some(date(last(e) + Duration::days(days))),
        )
    };
    let person = |id: &str, tz: &str, attendance: &str, required: bool| {
        tandem_core::season::SeasonParticipantRequest {
            id: id.to_owned(),
            tz: tz.to_owned(),
            attendance: attendance.to_owned(),
            required: Some(required),
        }
    };
    let event = |id: &str,
                 title: &str,
                 kind: &str,
                 region: &str,
                 days: i64,
                 venue: Uuid,
                 window: (Option<String>, Option<String>),
                 seats: i64,
                 alongside: &[&str],
                 participants: Vec<tandem_core::season::SeasonParticipantRequest>| {
        tandem_core::season::SeasonEventRequest {
            id: id.to_owned(),
            title: title.to_owned(),
            kind: kind.to_owned(),
            region: region.to_owned(),
            group: None,
            mode: Some("hybrid".to_owned()),
            days,
            daily_hours: None,
            venues: vec![venue.to_string()],
            earliest: window.0,
            latest: window.1,
            expected_attendance: Some(seats),
            alongside: alongside.iter().map(|s| (*s).to_owned()).collect(),
            participants,
        }
    };
    Ok(Some(SeasonRequest {
        range: tandem_core::season::SeasonRangeRequest {
            start: date(start),
            end: date(end),
        },
        fixed: vec![sg3.id.to_string(), sg5.id.to_string()],
        max_gap_days: Some(2),
        weights: None,
        time_limit_seconds: Some(5.0),
        events: vec![
            event(
                "ws-qos-afr",
                "Regional workshop on quality of service",
                "workshop",
                "AFR",
                2,
                yaounde,
                around(&sg3, 10),
                35,
                &["SG3RG-AFR"],
                vec![
                    person("ro-addis", "Africa/Addis_Ababa", "in_person", true),
                    person("ao-yaounde", "Africa/Douala", "in_person", true),
                    person("ao-dakar", "Africa/Dakar", "remote", false),
                ],
            ),
            event(
                "ws-ai-afr",
                "Regional workshop on AI for development",
                "workshop",
                "AFR",
                1,
                yaounde,
                around(&sg3, 10),
                30,
                &["SG3RG-AFR", "ws-qos-afr"],
                vec![
                    person("ao-yaounde", "Africa/Douala", "in_person", false),
                    person("ao-dakar", "Africa/Dakar", "in_person", true),
                ],
            ),
            event(
                "forum-arb",
                "Arab regional forum on digital inclusion",
                "conference",
                "ARB",
                2,
                cairo,
                around(&sg5, 10),
                120,
                &["SG5RG-ARB"],
                vec![person("ro-cairo", "Africa/Cairo", "in_person", true)],
            ),
            event(
                "ws-emf-arb",
                "Workshop on human exposure to electromagnetic fields",
                "workshop",
                "ARB",
                1,
                cairo,
                around(&sg5, 10),
                25,
                &["SG5RG-ARB", "forum-arb"],
                vec![person("ro-cairo", "Africa/Cairo", "in_person", true)],
            ),
            event(
                "summit-afr",
                "African digital summit",
                "conference",
                "AFR",
                2,
                yaounde,
                around(&sg3, 20),
                300,
                &["SG3RG-AFR"],
                vec![person("ro-addis", "Africa/Addis_Ababa", "in_person", true)],
            ),
        ],
    }))
}
