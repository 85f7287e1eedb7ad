//! `POST /api/v1/colocations/search` (DESIGN §5): ranked dates for an event held alongside
//! an anchor event at the anchor's venue — before, after, or during it in a parallel room —
//! each with a free room large enough, the attendees the window engine finds available, and
//! every clash it would cause. An empty answer says why.

use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_app::colocations::{self, ColocationQuery};
use tandem_core::colocation::{Length, Placement, MAX_DAYS};
use tandem_core::search::ParticipantRequest;
use tandem_core::time::format_local_datetime;
use tandem_core::{EventKind, EventMode, FieldError, FieldErrors, LocalTimeOfDay, Phrase, Zone};
use tracing::instrument;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::clashes::RoomRef;
use crate::api::wire;
use crate::auth::Reader;
use crate::extract::ApiJson;
use crate::problem::{field, ApiError, Problem};
use crate::state::AppState;

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

/// The query a request describes, every invalid field named.
pub fn query(
    request: &ColocationRequest,
    state: &AppState,
) -> Result<ColocationQuery, FieldErrors> {
    let mut errors = FieldErrors::default();
    errors.take(
        request
            .kind
            .parse::<EventKind>()
            .map_err(|e| e.under("kind")),
    );
    if let Some(group) = &request.group {
        if state.app.reference.group(group).is_none() {
            errors.push(field::unknown_group("group", group));
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
            errors.push(field::between("days", 1, MAX_DAYS));
            None
        }
        (None, Some(m)) if (1..=24 * 60).contains(&m) => Some(Length::Minutes(m)),
        (None, Some(_)) => {
            errors.push(field::between("duration_minutes", 1, 1440));
            None
        }
        _ => {
            errors.push(FieldError::said(
                "days",
                Phrase::new(
                    "api-days-or-minutes",
                    "give exactly one of days and duration_minutes",
                ),
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
            errors.push(field::after("daily_hours.end", "start"));
        }
        if let Some(Length::Minutes(m)) = length {
            if u32::from(e.minutes() - s.minutes().min(e.minutes())) < m {
                errors.push(FieldError::said(
                    "duration_minutes",
                    Phrase::new("api-longer-than-day", "is longer than the daily hours"),
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
            Some(_) => errors.push(FieldError::said(
                format!("placement[{i}]"),
                Phrase::new("api-listed-twice", "listed twice"),
            )),
            None => errors.push(field::one_of(
                format!("placement[{i}]"),
                p,
                format!("unknown placement '{p}': expected before, after or during"),
                "before, after, during",
            )),
        }
    }
    if placements.is_empty() {
        errors.push(FieldError::said(
            "placement",
            Phrase::new("api-placement-none", "name at least one placement"),
        ));
    }
    let max_gap_days = request.max_gap_days.unwrap_or(2);
    if max_gap_days > 60 {
        errors.push(field::at_most("max_gap_days", 60));
    }
    let limit = request.limit.unwrap_or(5);
    if !(1..=50).contains(&limit) {
        errors.push(field::between("limit", 1, 50));
    }
    match (length, daily_start, daily_end) {
        (Some(length), Some(daily_start), Some(daily_end)) if errors.is_empty() => {
            Ok(ColocationQuery {
                anchor: request.anchor_event_id,
                group: request.group.clone(),
                mode,
                length,
                daily_start,
                daily_end,
                placements,
                max_gap_days,
                expected_attendance: request.expected_attendance,
                participants: request.participants.clone(),
                limit,
            })
        }
        _ => Err(errors),
    }
}

impl ColocationCandidate {
    fn new(c: &colocations::Candidate, zone: Zone) -> Self {
        Self {
            start: format_local_datetime(c.slot.local_start),
            end: format_local_datetime(c.slot.local_end),
            tz: zone.name().to_owned(),
            starts_at: c.slot.at.start,
            ends_at: c.slot.at.end,
            placement: c.slot.placement.as_str().to_owned(),
            gap_days: c.slot.gap_days,
            room: RoomRef {
                id: c.room.id,
                name: c.room.name.clone(),
                capacity: c.room.capacity,
            },
            available: c.available.clone(),
            unavailable: c.unavailable.clone(),
            clashes: c
                .clashes
                .iter()
                .map(|c| CandidateClash {
                    kind: c.clash.kind.as_str().to_owned(),
                    severity: c.clash.severity.as_str().to_owned(),
                    event_id: c.event_id,
                    subject: c.clash.subject.clone(),
                    detail: c.clash.detail.clone(),
                })
                .collect(),
        }
    }
}

impl From<&colocations::Candidates> for ColocationResponse {
    fn from(found: &colocations::Candidates) -> Self {
        Self {
            candidates: found
                .candidates
                .iter()
                .map(|c| ColocationCandidate::new(c, found.zone))
                .collect(),
            considered: found.considered,
            explanation: found.explanation.clone(),
        }
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
    let query = query(&request, &state)?;
    let found = colocations::search_colocations(&state.app, &query).await?;
    Ok(Json(ColocationResponse::from(&found)))
}
