//! `POST /api/v1/colocations/search` (DESIGN §5): ranked dates for an event held alongside
//! an anchor event at the anchor's venue — before, after, or during it in a parallel room —
//! each with a free room large enough, the attendees the window engine finds available, and
//! every clash it would cause. An empty answer says why.

use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tandem_core::clash::{ClashParticipant, EventFacts, Severity};
use tandem_core::colocation::{
    CandidateRank, ColocationPlan, Length, Placement, Slot, MAX_DAYS, MAX_SCAN_DAYS,
};
use tandem_core::search::{
    search, ParticipantRequest, RangeRequest, SearchParticipant, SearchRequest, WindowQuery,
};
use tandem_core::time::format_local_datetime;
use tandem_core::{
    Attendance, EventKind, EventMode, EventStatus, FieldError, FieldErrors, Interval,
    LocalTimeOfDay, Zone,
};
use tracing::instrument;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::clashes::{ClashBody, RoomRef};
use crate::api::wire;
use crate::auth::Reader;
use crate::extract::ApiJson;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::windows::{add_all_calendars, imported_calendars};
use tandem_app::clashes::check::{self, facts, Venues};

/// Daily hours at the venue.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DailyHoursRequest {
    /// Local start (default 09:00).
    #[schema(value_type = Option<wire::TimeOfDayText>)]
    pub start: Option<String>,
    /// Local end (default 17:00), after the start.
    #[schema(value_type = Option<wire::TimeOfDayText>)]
    pub end: Option<String>,
}

/// A co-location search (DESIGN §5).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ColocationRequest {
    /// The event to be held alongside (any kind: "and vice versa").
    pub anchor_event_id: Uuid,
    /// Kind of the event to place.
    #[schema(value_type = wire::EventKindName)]
    pub kind: String,
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
    /// Its group, if it has one (clashes with that group's events count).
    #[serde(default)]
    #[schema(value_type = Option<wire::GroupCode>)]
    pub group: Option<String>,
    /// `in_person` (default), `hybrid` or `virtual`.
    #[serde(default)]
    #[schema(value_type = Option<wire::EventModeName>)]
    pub mode: Option<String>,
    /// Length in venue working days (1–31); or give `duration_minutes`, not both.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 31)]
    pub days: Option<u32>,
    /// Length in minutes on one working day (1–1440, within the daily hours); or give `days`.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 1440)]
    pub duration_minutes: Option<u32>,
    /// Daily hours at the venue (default 09:00–17:00).
    #[serde(default)]
    pub daily_hours: Option<DailyHoursRequest>,
    /// Any of `before`, `after`, `during`, each once (default all three).
    #[serde(default)]
    #[schema(value_type = Option<std::collections::BTreeSet<PlacementName>>, min_items = 1)]
    pub placement: Option<Vec<String>>,
    /// Most working days between it and the anchor (default 2, at most 60).
    #[serde(default)]
    #[schema(maximum = 60)]
    pub max_gap_days: Option<u32>,
    /// Seats needed (default: the in-person participants).
    #[serde(default)]
    pub expected_attendance: Option<u32>,
    /// Participants as in the window search (remote ones judged in their own zone).
    #[serde(default)]
    pub participants: Vec<ParticipantRequest>,
    /// How many candidates (1–50, default 5).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 50)]
    pub limit: Option<usize>,
}

/// Where a co-located event goes relative to its anchor.
#[derive(Clone, Copy, Debug, ToSchema)]
#[schema(as = Placement)]
#[serde(rename_all = "snake_case")]
pub enum PlacementName {
    /// Ending before the anchor starts.
    Before,
    /// Starting after the anchor ends.
    After,
    /// On the anchor's days, in a parallel room.
    During,
}

/// A clash a candidate would cause.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CandidateClash {
    /// The clash type.
    #[serde(rename = "type")]
    pub kind: String,
    /// `hard` or `soft`.
    pub severity: String,
    /// The event it would clash with.
    pub event_id: Option<Uuid>,
    /// A participant, date or group it concerns.
    pub subject: Option<String>,
    /// In words.
    pub detail: String,
}

/// One ranked candidate.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ColocationCandidate {
    /// Local start at the venue.
    pub start: String,
    /// Local end at the venue.
    pub end: String,
    /// The venue's zone.
    pub tz: String,
    /// Start (UTC).
    pub starts_at: DateTime<Utc>,
    /// End (UTC).
    pub ends_at: DateTime<Utc>,
    /// `before`, `after` or `during`.
    pub placement: String,
    /// Working days between it and the anchor.
    pub gap_days: u32,
    /// A free room large enough.
    pub room: RoomRef,
    /// Participants available on every day of it.
    pub available: Vec<String>,
    /// Participants not available on some day of it.
    pub unavailable: Vec<String>,
    /// Every clash it would cause.
    pub clashes: Vec<CandidateClash>,
}

/// The answer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ColocationResponse {
    /// Candidates, best first.
    pub candidates: Vec<ColocationCandidate>,
    /// Candidate dates considered before rooms were looked for.
    pub considered: usize,
    /// When there is no candidate, why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

struct Parsed {
    length: Length,
    daily_start: LocalTimeOfDay,
    daily_end: LocalTimeOfDay,
    placements: Vec<Placement>,
    max_gap_days: u32,
    mode: EventMode,
    limit: usize,
}

fn parse(request: &ColocationRequest, state: &AppState) -> Result<Parsed, FieldErrors> {
    let mut errors = FieldErrors::default();
    errors.take(
        request
            .kind
            .parse::<EventKind>()
            .map_err(|e| e.under("kind")),
    );
    if let Some(group) = &request.group {
        if state.app.reference.group(group).is_none() {
            errors.push(FieldError::new("group", format!("unknown group '{group}'")));
        }
    }
    let mode = errors
        .take(
            request
                .mode
                .as_deref()
                .unwrap_or("in_person")
                .parse::<EventMode>()
                .map_err(|e| e.under("mode")),
        )
        .unwrap_or(EventMode::InPerson);
    let length = match (request.days, request.duration_minutes) {
        (Some(d), None) if (1..=MAX_DAYS).contains(&d) => Some(Length::Days(d)),
        (Some(_), None) => {
            errors.push(FieldError::new(
                "days",
                format!("must be between 1 and {MAX_DAYS}"),
            ));
            None
        }
        (None, Some(m)) if (1..=24 * 60).contains(&m) => Some(Length::Minutes(m)),
        (None, Some(_)) => {
            errors.push(FieldError::new(
                "duration_minutes",
                "must be between 1 and 1440",
            ));
            None
        }
        _ => {
            errors.push(FieldError::new(
                "days",
                "give exactly one of days and duration_minutes",
            ));
            None
        }
    };
    let hours = request.daily_hours.clone().unwrap_or(DailyHoursRequest {
        start: None,
        end: None,
    });
    let daily_start = errors.take(
        LocalTimeOfDay::parse(hours.start.as_deref().unwrap_or("09:00"))
            .map_err(|e| e.under("daily_hours.start")),
    );
    let daily_end = errors.take(
        LocalTimeOfDay::parse(hours.end.as_deref().unwrap_or("17:00"))
            .map_err(|e| e.under("daily_hours.end")),
    );
    if let (Some(s), Some(e)) = (daily_start, daily_end) {
        if e <= s {
            errors.push(FieldError::new("daily_hours.end", "must be after start"));
        }
        if let Some(Length::Minutes(m)) = length {
            if u32::from(e.minutes() - s.minutes().min(e.minutes())) < m {
                errors.push(FieldError::new(
                    "duration_minutes",
                    "is longer than the daily hours",
                ));
            }
        }
    }
    let mut placements = Vec::new();
    for (i, p) in request
        .placement
        .clone()
        .unwrap_or_else(|| vec!["before".into(), "after".into(), "during".into()])
        .iter()
        .enumerate()
    {
        match Placement::parse(p) {
            Some(p) if !placements.contains(&p) => placements.push(p),
            Some(_) => errors.push(FieldError::new(format!("placement[{i}]"), "listed twice")),
            None => errors.push(FieldError::new(
                format!("placement[{i}]"),
                format!("unknown placement '{p}': expected before, after or during"),
            )),
        }
    }
    if placements.is_empty() {
        errors.push(FieldError::new("placement", "name at least one placement"));
    }
    let max_gap_days = request.max_gap_days.unwrap_or(2);
    if max_gap_days > 60 {
        errors.push(FieldError::new("max_gap_days", "must be at most 60"));
    }
    let limit = request.limit.unwrap_or(5);
    if !(1..=50).contains(&limit) {
        errors.push(FieldError::new("limit", "must be between 1 and 50"));
    }
    match (length, daily_start, daily_end) {
        (Some(length), Some(daily_start), Some(daily_end)) if errors.is_empty() => Ok(Parsed {
            length,
            daily_start,
            daily_end,
            placements,
            max_gap_days,
            mode,
            limit,
        }),
        _ => Err(errors),
    }
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

/// Ranked candidate dates for an event alongside an anchor.
#[utoipa::path(
    post, path = "/api/v1/colocations/search", tag = "colocations",
    request_body = ColocationRequest,
    responses(
        (status = 200, description = "Candidates, best first; an empty list says why", body = ColocationResponse),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such anchor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[instrument(skip_all, fields(anchor = %request.anchor_event_id))]
pub async fn search_colocations(
    State(state): State<AppState>,
    _reader: Reader,
    ApiJson(request): ApiJson<ColocationRequest>,
) -> Result<Json<ColocationResponse>, ApiError> {
    let parsed = parse(&request, &state)?;
    let store = state.app.store.as_ref();
    let anchor = match store.event(request.anchor_event_id).await {
        Err(tandem_store::StoreError::NotFound { .. }) => {
            return Err(ApiError::field(
                "anchor_event_id",
                format!("no event with id '{}'", request.anchor_event_id),
            ))
        }
        other => other?,
    };
    let Some(venue_id) = anchor.venue_id else {
        return Err(ApiError::field(
            "anchor_event_id",
            "the anchor event has no venue to hold an event alongside",
        ));
    };
    let venue = store.venue(venue_id).await?;
    let zone = venue.tz;
    // Within the dates a request may name (DESIGN §2): no candidate lies outside them.
    let bounds = tandem_core::time::accepted_instants();
    let scan = Interval::new(
        (anchor.starts_at - Duration::days(MAX_SCAN_DAYS + 2)).max(bounds.start),
        (anchor.last_ends_at + Duration::days(MAX_SCAN_DAYS + 2)).min(bounds.end),
    )
    .unwrap_or(Interval {
        start: anchor.starts_at,
        end: anchor.ends_at,
    });
    let plan = ColocationPlan {
        zone,
        working_days: check::working_days(state.app.store.as_ref(), &venue, scan).await,
        anchor_first: zone.local(anchor.starts_at).date(),
        anchor_last: zone.local(anchor.ends_at - Duration::seconds(1)).date(),
        length: parsed.length,
        daily_start: parsed.daily_start,
        daily_end: parsed.daily_end,
        placements: parsed.placements.clone(),
        max_gap_days: parsed.max_gap_days,
        step_minutes: 30,
    };
    let slots = plan.slots();

    // Participants through the window engine's validation (zones, hours, busy, inline ics).
    let mut search_request = SearchRequest {
        range: RangeRequest {
            start: scan.start.to_rfc3339(),
            end: scan.end.to_rfc3339(),
        },
        duration_minutes: 60,
        step_minutes: Some(24 * 60),
        limit: Some(1),
        venue_tz: Some(zone.name().to_owned()),
        participants: request.participants.clone(),
    };
    for p in &mut search_request.participants {
        // Everyone is judged; `required` only matters for clashes here.
        p.required = Some(false);
    }
    let judged = if search_request.participants.is_empty() {
        Vec::new()
    } else {
        let mut validated = search_request.validate()?;
        let imported = imported_calendars(&state, &validated).await?;
        add_all_calendars(&mut validated, &imported)?;
        validated.query.participants
    };
    let clash_people: Vec<ClashParticipant> = request
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
    let seats = request.expected_attendance.unwrap_or_else(|| {
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
            .unwrap_or(anchor.starts_at),
        slots
            .iter()
            .map(|s| s.at.end)
            .max()
            .unwrap_or(anchor.ends_at),
    )
    .unwrap_or(scan);
    let mut probe = EventFacts {
        id: Uuid::new_v4(),
        status: EventStatus::Proposed,
        mode: parsed.mode,
        region: anchor.region,
        group: request.group.clone(),
        venue_id: Some(venue_id),
        room_id: None,
        occurrences: vec![span],
        participants: clash_people,
    };
    let others: Vec<EventFacts> = check::neighbours(store, &probe, span)
        .await?
        .iter()
        .map(facts)
        .collect();

    let big_enough: Vec<_> = venue.rooms.iter().filter(|r| r.capacity >= seats).collect();
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
        ranked.push((
            rank,
            ColocationCandidate {
                start: format_local_datetime(slot.local_start),
                end: format_local_datetime(slot.local_end),
                tz: zone.name().to_owned(),
                starts_at: slot.at.start,
                ends_at: slot.at.end,
                placement: slot.placement.as_str().to_owned(),
                gap_days: slot.gap_days,
                room: RoomRef {
                    id: room.id,
                    name: room.name.clone(),
                    capacity: room.capacity,
                },
                available: available.iter().map(|(p, _)| p.id.clone()).collect(),
                unavailable: unavailable.iter().map(|(p, _)| p.id.clone()).collect(),
                clashes: clashes
                    .iter()
                    .map(|c| {
                        let body = ClashBody::from(c);
                        CandidateClash {
                            kind: body.kind,
                            severity: body.severity,
                            event_id: c
                                .other_event_id
                                .filter(|o| *o != probe.id)
                                .or(Some(c.event_id).filter(|e| *e != probe.id)),
                            subject: body.subject,
                            detail: body.detail,
                        }
                    })
                    .collect(),
            },
        ));
    }
    ranked.sort_by_key(|(rank, _)| *rank);
    let candidates: Vec<_> = ranked
        .into_iter()
        .take(parsed.limit)
        .map(|(_, c)| c)
        .collect();
    let explanation = candidates.is_empty().then(|| {
        let placements: Vec<&str> = parsed.placements.iter().map(|p| p.as_str()).collect();
        if slots.is_empty() {
            format!(
                "no candidate dates: no run of working days at {} ({}; weekend {}, holidays from calendar {}) fits {} within {} working days of the anchor",
                venue.name,
                zone,
                venue.weekend,
                venue.holiday_calendar.as_deref().unwrap_or("none"),
                placements.join("/"),
                parsed.max_gap_days
            )
        } else if big_enough.is_empty() {
            format!(
                "no room at {} seats {seats} (largest: {})",
                venue.name,
                venue.rooms.iter().map(|r| r.capacity).max().unwrap_or(0)
            )
        } else {
            format!(
                "every one of the {without_room} candidate dates has no free room seating {seats} at {}",
                venue.name
            )
        }
    });
    Ok(Json(ColocationResponse {
        candidates,
        considered: slots.len(),
        explanation,
    }))
}
