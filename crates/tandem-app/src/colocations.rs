//! Co-location (DESIGN §5) as use cases: ranked dates for an event held alongside an anchor
//! event at the anchor's venue — before, after, or during it in a parallel room — each with a
//! free room large enough, the attendees the window engine finds available and every clash
//! it would cause; and creating the chosen one, linked to its anchor.

use chrono::{Duration, NaiveDateTime};
use tandem_core::clash::{Clash, ClashParticipant, EventFacts, Severity};
use tandem_core::colocation::MAX_SCAN_DAYS;
use tandem_core::colocation::{CandidateRank, ColocationPlan, Length, Placement, Slot};
use tandem_core::search::{search, ParticipantRequest, RangeRequest, SearchParticipant};
use tandem_core::search::{SearchRequest, WindowQuery};
use tandem_core::Event;
use tandem_core::{
    Attendance, EventDraft, EventKind, EventMode, EventStatus, EventTiming, FieldError,
    FieldErrors, Interval, LocalTimeOfDay, Phrase, Title, Zone,
};
use tandem_store::{Room, StoreError, Venue};
use tracing::instrument;
use uuid::Uuid;

use crate::clashes::check::{self, facts, Venues};
use crate::{events, windows, App, AppResult, Caller};

/// A co-location search, checked at the edge.
#[derive(Clone, Debug)]
pub struct ColocationQuery {
    /// The event to be held alongside.
    pub anchor: Uuid,
    /// The new event's group (clashes with that group's events count).
    pub group: Option<String>,
    /// The new event's mode.
    pub mode: EventMode,
    /// How long it lasts.
    pub length: Length,
    /// Daily start at the venue.
    pub daily_start: LocalTimeOfDay,
    /// Daily end at the venue.
    pub daily_end: LocalTimeOfDay,
    /// Where it may go relative to the anchor.
    pub placements: Vec<Placement>,
    /// Most working days between it and the anchor.
    pub max_gap_days: u32,
    /// Seats needed (default: the in-person participants).
    pub expected_attendance: Option<u32>,
    /// Participants as in the window search (remote ones judged in their own zone).
    pub participants: Vec<ParticipantRequest>,
    /// How many candidates.
    pub limit: usize,
}

/// A clash a candidate would cause.
#[derive(Clone, Debug)]
pub struct CandidateClash {
    /// The clash (of a probe event standing for the candidate).
    pub clash: Clash,
    /// The existing event it is with, if any.
    pub event_id: Option<Uuid>,
}

/// One ranked candidate.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// When and where relative to the anchor.
    pub slot: Slot,
    /// A free room large enough.
    pub room: Room,
    /// Participants available on every day of it.
    pub available: Vec<String>,
    /// Participants not available on some day of it.
    pub unavailable: Vec<String>,
    /// Every clash it would cause.
    pub clashes: Vec<CandidateClash>,
}

/// The candidates of a search.
#[derive(Clone, Debug)]
pub struct Candidates {
    /// The venue's zone (of the candidates' local times).
    pub zone: Zone,
    /// Candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Candidate dates considered before rooms were looked for.
    pub considered: usize,
    /// When there is no candidate, why (in English, for the API).
    pub explanation: Option<String>,
    /// The same, as a message of the translations (for the pages).
    pub why: Option<Phrase>,
}

/// Who is available on every one of `days` (each judged as one window).
fn attendees(participants: &[SearchParticipant], days: &[Interval]) -> Vec<bool> {
    let mut ok = vec![true; participants.len()];
    for day in days {
        let query = WindowQuery {
            range: *day,
            duration: day.duration(),
            step: day.duration(),
            limit: 1,
            participants: participants.to_vec(),
        };
        let result = search(&query);
        let available = result
            .windows
            .first()
            .map(|w| w.available.clone())
            .unwrap_or_default();
        for (flag, p) in ok.iter_mut().zip(participants) {
            if !available.contains(&p.id) {
                *flag = false;
            }
        }
    }
    ok
}

/// The daily intervals a slot occupies at the venue.
fn slot_days(slot: &Slot, zone: Zone, plan: &ColocationPlan) -> Vec<Interval> {
    match plan.length {
        Length::Minutes(_) => vec![slot.at],
        Length::Days(_) => slot
            .local_start
            .date()
            .iter_days()
            .take_while(|d| *d <= slot.local_end.date())
            .filter_map(|d| {
                Interval::new(
                    zone.resolve(plan.daily_start.on(d)),
                    zone.resolve(plan.daily_end.on(d)),
                )
            })
            .collect(),
    }
}

/// The anchor and its venue; an anchor without one is an error of `anchor_event_id`.
async fn anchor_and_venue(app: &App, id: Uuid) -> AppResult<(Event, Venue)> {
    let anchor = match app.store.event(id).await {
        Err(StoreError::NotFound { .. }) => {
            return Err(FieldError::said(
                "anchor_event_id",
                Phrase::new(
                    "colocation-unknown-anchor",
                    format!("no event with id '{id}'"),
                )
                .text("id", id.to_string()),
            )
            .into())
        }
        other => other?,
    };
    let Some(venue_id) = anchor.draft.venue_id else {
        return Err(FieldError::said(
            "anchor_event_id",
            Phrase::new(
                "colocation-anchor-no-venue",
                "the anchor event has no venue to hold an event alongside",
            ),
        )
        .into());
    };
    let venue = app.store.venue(venue_id).await?;
    Ok((anchor, venue))
}

/// The participants as the window engine judges them over `scan` (zones, hours, busy
/// time, imported and inline calendars), everyone optional.
async fn judged(
    app: &App,
    query: &ColocationQuery,
    zone: Zone,
    scan: Interval,
) -> AppResult<Vec<SearchParticipant>> {
    if query.participants.is_empty() {
        return Ok(Vec::new());
    }
    let mut request = SearchRequest {
        range: RangeRequest {
            start: scan.start.to_rfc3339(),
            end: scan.end.to_rfc3339(),
        },
        duration_minutes: 60,
        step_minutes: Some(24 * 60),
        limit: Some(1),
        venue_tz: Some(zone.name().to_owned()),
        participants: query.participants.clone(),
    };
    for p in &mut request.participants {
        // Everyone is judged; `required` only matters for clashes here.
        p.required = Some(false);
    }
    Ok(windows::prepare(app, &request).await?.query.participants)
}

/// Ranked candidate dates for an event alongside an anchor.
#[instrument(skip_all, fields(anchor = %query.anchor))]
pub async fn search_colocations(app: &App, query: &ColocationQuery) -> AppResult<Candidates> {
    let (anchor, venue) = anchor_and_venue(app, query.anchor).await?;
    let store = app.store();
    let zone = venue.tz;
    // Within the dates a request may name (DESIGN §2): no candidate lies outside them.
    let bounds = tandem_core::time::accepted_instants();
    let scan = Interval::new(
        (anchor.instants.starts_at - Duration::days(MAX_SCAN_DAYS + 2)).max(bounds.start),
        (anchor.instants.last_ends_at + Duration::days(MAX_SCAN_DAYS + 2)).min(bounds.end),
    )
    .unwrap_or(Interval {
        start: anchor.instants.starts_at,
        end: anchor.instants.ends_at,
    });
    let plan = ColocationPlan {
        zone,
        working_days: check::working_days(store, &venue, scan).await,
        anchor_first: zone.local(anchor.instants.starts_at).date(),
        anchor_last: zone
            .local(anchor.instants.ends_at - Duration::seconds(1))
            .date(),
        length: query.length,
        daily_start: query.daily_start,
        daily_end: query.daily_end,
        placements: query.placements.clone(),
        max_gap_days: query.max_gap_days,
        step_minutes: 30,
    };
    let slots = plan.slots();
    let judged = judged(app, query, zone, scan).await?;
    let clash_people: Vec<ClashParticipant> = query
        .participants
        .iter()
        .zip(&judged)
        .map(|(r, p)| ClashParticipant {
            id: p.id.clone(),
            tz: Zone::parse(&r.tz).unwrap_or(p.zone),
            attendance: p.attendance,
            required: r.required.unwrap_or(true),
        })
        .collect();
    let seats = query.expected_attendance.unwrap_or_else(|| {
        u32::try_from(
            clash_people
                .iter()
                .filter(|p| p.attendance == Attendance::InPerson)
                .count(),
        )
        .unwrap_or(u32::MAX)
    });

    // Everything the candidates could clash with, read once.
    let span = Interval::new(
        slots
            .iter()
            .map(|s| s.at.start)
            .min()
            .unwrap_or(anchor.instants.starts_at),
        slots
            .iter()
            .map(|s| s.at.end)
            .max()
            .unwrap_or(anchor.instants.ends_at),
    )
    .unwrap_or(scan);
    let mut probe = EventFacts {
        id: Uuid::new_v4(),
        status: EventStatus::Proposed,
        mode: query.mode,
        region: anchor.draft.region,
        group: query.group.clone(),
        venue_id: Some(venue.id),
        room_id: None,
        occurrences: vec![span],
        participants: clash_people,
    };
    let others = check::neighbours(store, &probe, span)
        .await?
        .iter()
        .map(facts)
        .collect::<Result<Vec<_>, _>>()?;

    let big_enough: Vec<&Room> = venue.rooms.iter().filter(|r| r.capacity >= seats).collect();
    let mut venues = Venues::default();
    let mut ranked = Vec::new();
    let mut without_room = 0usize;
    for slot in &slots {
        let Some(room) = big_enough.iter().find(|r| {
            !others.iter().any(|o| {
                o.room_id == Some(r.id)
                    && o.status != EventStatus::Cancelled
                    && o.occurrences.iter().any(|x| x.overlaps(&slot.at))
            })
        }) else {
            without_room += 1;
            continue;
        };
        probe.room_id = Some(room.id);
        probe.occurrences = vec![slot.at];
        let clashes = check::clashes_against(store, &mut venues, &probe, &others).await?;
        let ok = attendees(&judged, &slot_days(slot, zone, &plan));
        let (available, unavailable): (Vec<_>, Vec<_>) =
            judged.iter().zip(&ok).partition(|(_, ok)| **ok);
        let rank = CandidateRank {
            hard: clashes
                .iter()
                .filter(|c| c.severity == Severity::Hard)
                .count(),
            soft: clashes
                .iter()
                .filter(|c| c.severity == Severity::Soft)
                .count(),
            gap_days: slot.gap_days,
            attendees: available.len(),
            start: slot.at.start,
        };
        let probe_id = probe.id;
        ranked.push((
            rank,
            Candidate {
                slot: *slot,
                room: (*room).clone(),
                available: available.iter().map(|(p, _)| p.id.clone()).collect(),
                unavailable: unavailable.iter().map(|(p, _)| p.id.clone()).collect(),
                clashes: clashes
                    .into_iter()
                    .map(|c| CandidateClash {
                        event_id: c
                            .other_event_id
                            .filter(|o| *o != probe_id)
                            .or(Some(c.event_id).filter(|e| *e != probe_id)),
                        clash: c,
                    })
                    .collect(),
            },
        ));
    }
    ranked.sort_by_key(|(rank, _)| *rank);
    let candidates: Vec<Candidate> = ranked
        .into_iter()
        .take(query.limit)
        .map(|(_, c)| c)
        .collect();
    let why = candidates.is_empty().then(|| {
        let placements: Vec<&str> = query.placements.iter().map(|p| p.as_str()).collect();
        let largest = venue.rooms.iter().map(|r| r.capacity).max().unwrap_or(0);
        if slots.is_empty() {
            let holidays = venue.holiday_calendar.as_deref().unwrap_or("none");
            Phrase::new(
                "why-no-dates",
                format!(
                    "no candidate dates: no run of working days at {} ({}; weekend {}, holidays from calendar {}) fits {} within {} working days of the anchor",
                    venue.name,
                    zone,
                    venue.weekend,
                    holidays,
                    placements.join("/"),
                    query.max_gap_days
                ),
            )
            .text("venue", venue.name.clone())
            .text("zone", zone.name())
            .text("calendar", holidays)
            .number("gap", f64::from(query.max_gap_days))
        } else if big_enough.is_empty() {
            Phrase::new(
                "why-no-room-that-large",
                format!("no room at {} seats {seats} (largest: {largest})", venue.name),
            )
            .text("venue", venue.name.clone())
            .number("seats", f64::from(seats))
            .number("largest", f64::from(largest))
        } else {
            Phrase::new(
                "why-no-free-room",
                format!(
                    "every one of the {without_room} candidate dates has no free room seating {seats} at {}",
                    venue.name
                ),
            )
            .text("venue", venue.name.clone())
            .count("dates", without_room)
            .number("seats", f64::from(seats))
        }
    });
    Ok(Candidates {
        zone,
        candidates,
        considered: slots.len(),
        explanation: why.as_ref().map(|w| w.english().to_owned()),
        why,
    })
}

/// The candidate chosen to be created alongside its anchor.
#[derive(Clone, Debug)]
pub struct ChosenCandidate {
    /// The anchor.
    pub anchor: Uuid,
    /// Title of the new event.
    pub title: Title,
    /// Its kind.
    pub kind: EventKind,
    /// Zone of its local times (the venue's).
    pub tz: Zone,
    /// Local start.
    pub start: NaiveDateTime,
    /// Local end.
    pub end: NaiveDateTime,
    /// The room the candidate found.
    pub room_id: Uuid,
}

/// Creates the chosen candidate: confirmed, in person, in its room at the anchor's venue,
/// in the anchor's region and linked to it.
#[instrument(skip_all, fields(anchor = %chosen.anchor))]
pub async fn create_alongside(
    app: &App,
    caller: &Caller,
    chosen: ChosenCandidate,
) -> AppResult<Event> {
    caller.authenticated()?;
    let anchor = app.store.event(chosen.anchor).await?;
    let timing =
        EventTiming::new(chosen.tz, chosen.start, chosen.end, None).map_err(FieldErrors)?;
    let draft = EventDraft {
        title: chosen.title,
        description: None,
        kind: chosen.kind,
        mode: EventMode::InPerson,
        status: EventStatus::Confirmed,
        region: anchor.draft.region,
        group: None,
        venue_id: anchor.draft.venue_id,
        room_id: Some(chosen.room_id),
        timing,
        co_located_with: Some(anchor.id),
        remote_url: None,
        participants: Vec::new(),
    };
    events::create(app, caller, &draft).await
}

/// The events a caller may hold another alongside: upcoming live ones with a venue, in the
/// caller's regions for an organiser (whose new event takes the anchor's region).
pub async fn anchors(app: &App, caller: &Caller) -> AppResult<Vec<Event>> {
    let filter = tandem_store::EventFilter {
        from: Some(app.clock.now()),
        statuses: vec![EventStatus::Confirmed, EventStatus::Proposed],
        ..tandem_store::EventFilter::default()
    };
    let organiser = caller
        .token()
        .filter(|t| t.role == tandem_store::Role::Organiser);
    Ok(events::list(app, &filter, None, 200)
        .await?
        .into_iter()
        .filter(|e| e.draft.venue_id.is_some())
        .filter(|e| organiser.is_none_or(|t| t.regions.contains(&e.draft.region)))
        .collect())
}
