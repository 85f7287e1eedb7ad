//! `/api/v1/clashes` (DESIGN §6): the current clashes with stable ids, each with concrete
//! suggestions (move the event to another date, switch it to another room, or a time the
//! window engine finds for its remote participants), each suggestion with the clashes it
//! would leave; and `POST …/{id}/resolve`, which applies one suggestion through the store's
//! versioned update (a concurrent change is 412, a room taken meanwhile 409).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_core::clash::{Clash, ClashKind, EventFacts, Severity};
use tandem_core::search::{search, DailyHours, SearchParticipant, WindowQuery};
use tandem_core::time::format_local_datetime;
use tandem_core::time::parse_instant;
use tandem_core::{
    Attendance, EventStatus, EventTiming, FieldError, FieldErrors, Interval, RegionCode,
};
use tandem_store::{ClashFilter, Event, NewResolution, Store, StoreResult};
use tracing::instrument;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::events::{linked_event_body, EventBody};
use crate::api::wire;
use crate::auth::{Authenticated, Reader};
use crate::clash_check::{self, facts, CalendarBusy, Venues};
use crate::extract::{ApiJson, ApiQuery, IfMatch};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// Furthest a move suggestion shifts an event, in days either way.
const MOVE_DAYS: i64 = 14;
/// Most suggestions of each sort per clash.
const SUGGESTIONS_PER_SORT: usize = 3;

/// A clash as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ClashBody {
    /// Stable id (UUID v5 of type, events, start and subject).
    pub id: Uuid,
    /// `room_overlap`, `group_overlap`, `participant_overlap`, `region_overlap`,
    /// `venue_closed` or `remote_hours`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `hard` or `soft`.
    pub severity: String,
    /// The event it is about.
    pub event_id: Uuid,
    /// The other event, for clashes between two.
    pub other_event_id: Option<Uuid>,
    /// Start of the time affected (UTC).
    pub start: DateTime<Utc>,
    /// End of the time affected (UTC).
    pub end: DateTime<Utc>,
    /// A participant id, a date or a group, when the clash concerns one.
    pub subject: Option<String>,
    /// What is wrong, in words.
    pub detail: String,
}

impl From<&Clash> for ClashBody {
    fn from(c: &Clash) -> Self {
        Self {
            id: c.id,
            kind: c.kind.as_str().to_owned(),
            severity: c.severity.as_str().to_owned(),
            event_id: c.event_id,
            other_event_id: c.other_event_id,
            start: c.start,
            end: c.end,
            subject: c.subject.clone(),
            detail: c.detail.clone(),
        }
    }
}

/// A room named in a suggestion.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoomRef {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// One way to resolve a clash.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Suggestion {
    /// Its id, to send to `resolve` (`move:2027-03-12T09:00`, `room:<uuid>`).
    pub id: String,
    /// `move` (another date or time) or `switch_room`.
    pub action: String,
    /// The event it changes.
    pub event_id: Uuid,
    /// The event's version it was computed from.
    pub event_version: i64,
    /// New local start.
    pub start: String,
    /// New local end.
    pub end: String,
    /// Zone of the local times.
    pub tz: String,
    /// New start (UTC).
    pub starts_at: DateTime<Utc>,
    /// New end (UTC).
    pub ends_at: DateTime<Utc>,
    /// The room it would use.
    pub room: Option<RoomRef>,
    /// Every clash the event would still have.
    pub leaves: Vec<ClashBody>,
}

/// A clash with its suggestions.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ClashItem {
    /// The clash.
    #[serde(flatten)]
    pub clash: ClashBody,
    /// Ways to resolve it, fewest clashes left first.
    pub suggestions: Vec<Suggestion>,
}

/// A page of the clash list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ClashList {
    /// Clashes by start, then id.
    pub items: Vec<ClashItem>,
    /// Cursor for the next page, if there may be one.
    pub next_cursor: Option<String>,
}

/// One recorded resolution.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ResolutionBody {
    /// Id.
    pub id: Uuid,
    /// Who applied it.
    pub resolved_by: String,
    /// When.
    pub resolved_at: DateTime<Utc>,
    /// The event changed.
    pub event_id: Uuid,
    /// What was applied.
    #[schema(value_type = Object)]
    pub action: serde_json::Value,
    /// The event's version before and after.
    pub version_before: i64,
    /// The event's version after.
    pub version_after: i64,
}

/// One clash (or, once resolved, what is left of it: its history).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ClashDetail {
    /// The clash, while it stands.
    pub clash: Option<ClashItem>,
    /// `open` or `resolved`.
    pub status: String,
    /// Resolutions applied, oldest first.
    pub history: Vec<ResolutionBody>,
}

/// Filters of the clash list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClashQuery {
    /// Region code (either event).
    #[param(value_type = Option<wire::RegionCodeName>)]
    pub region: Option<String>,
    /// Group code (either event).
    #[param(value_type = Option<wire::GroupCode>)]
    pub group: Option<String>,
    /// Only clashes ending after this RFC 3339 instant.
    #[param(value_type = Option<wire::Instant>)]
    pub from: Option<String>,
    /// Only clashes starting before this RFC 3339 instant.
    #[param(value_type = Option<wire::Instant>)]
    pub to: Option<String>,
    /// `hard` or `soft`.
    #[param(value_type = Option<wire::SeverityName>)]
    pub severity: Option<String>,
    /// Only this type (`room_overlap`, `group_overlap`, `participant_overlap`,
    /// `region_overlap`, `venue_closed`, `remote_hours`).
    #[serde(rename = "type")]
    #[param(rename = "type", value_type = Option<wire::ClashTypeName>)]
    pub kind: Option<String>,
    /// Only clashes involving this event.
    #[param(value_type = Option<Uuid>)]
    pub event_id: Option<String>,
    /// Whether to compute suggestions (default true).
    pub suggestions: Option<bool>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// Cursor from a previous page.
    pub cursor: Option<String>,
}

/// Default page size of the clash list.
pub const DEFAULT_PAGE: u32 = 50;
/// Largest page size of the clash list.
pub const MAX_PAGE: u32 = 200;

fn encode_cursor(clash: &Clash) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", clash.start.timestamp_micros(), clash.id))
}

fn decode_cursor(text: &str) -> Result<(DateTime<Utc>, Uuid), ApiError> {
    let bad = || ApiError::field("cursor", "not a cursor returned by this API");
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (micros, id) = text.split_once(':').ok_or_else(bad)?;
    let start = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(bad)?;
    Ok((start, Uuid::parse_str(id).map_err(|_| bad())?))
}

/// Which suggestion to apply.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    /// A suggestion id from the clash.
    pub suggestion: String,
}

/// What a resolution did.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ResolveResponse {
    /// The clash resolved.
    pub clash_id: Uuid,
    /// The suggestion applied.
    pub applied: Suggestion,
    /// The event as it is now (version and SEQUENCE bumped).
    pub event: EventBody,
    /// The record of the resolution.
    pub resolution: ResolutionBody,
    /// The event's clashes now.
    pub clashes: Vec<ClashBody>,
}

fn instant(text: Option<&String>, field: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    errors.take(parse_instant(text?, field))
}

fn filter(query: &ClashQuery, state: &AppState) -> Result<ClashFilter, ApiError> {
    let mut errors = FieldErrors::default();
    let region = query
        .region
        .as_deref()
        .and_then(|r| errors.take(r.parse::<RegionCode>().map_err(|e| e.under("region"))));
    if let Some(group) = &query.group {
        if state.reference.group(group).is_none() {
            errors.push(FieldError::new("group", format!("unknown group '{group}'")));
        }
    }
    let severity = query.severity.as_deref().and_then(|s| {
        errors.take(
            Severity::parse(s)
                .ok_or_else(|| FieldError::new("severity", format!("'{s}' is not hard or soft"))),
        )
    });
    let kind = query.kind.as_deref().and_then(|k| {
        errors.take(ClashKind::parse(k).ok_or_else(|| {
            let known: Vec<&str> = ClashKind::ALL.iter().map(|k| k.as_str()).collect();
            FieldError::new(
                "type",
                format!("'{k}' is not a clash type ({})", known.join(", ")),
            )
        }))
    });
    let event_id = query.event_id.as_deref().and_then(|id| {
        errors.take(
            Uuid::parse_str(id)
                .map_err(|_| FieldError::new("event_id", format!("'{id}' is not an event id"))),
        )
    });
    let from = instant(query.from.as_ref(), "from", &mut errors);
    let to = instant(query.to.as_ref(), "to", &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(ClashFilter {
        region,
        group: query.group.clone(),
        from,
        to,
        severity,
        event_id,
        kind,
    })
}

/// The event a suggestion should change: the proposed one of the two, else the later one.
async fn target(store: &dyn Store, clash: &Clash) -> StoreResult<Event> {
    let first = store.event(clash.event_id).await?;
    let Some(other) = clash.other_event_id else {
        return Ok(first);
    };
    let second = store.event(other).await?;
    let pick_first = match (first.status, second.status) {
        (EventStatus::Proposed, EventStatus::Confirmed) => true,
        (EventStatus::Confirmed, EventStatus::Proposed) => false,
        _ => first.created_at > second.created_at,
    };
    Ok(if pick_first { first } else { second })
}

/// True when `left` no longer holds the clash being resolved.
fn resolves(clash: &Clash, left: &[Clash]) -> bool {
    !left.iter().any(|c| {
        c.kind == clash.kind
            && c.other_event_id.is_some() == clash.other_event_id.is_some()
            && c.event_id.max(c.other_event_id.unwrap_or(c.event_id))
                == clash
                    .event_id
                    .max(clash.other_event_id.unwrap_or(clash.event_id))
            && c.event_id.min(c.other_event_id.unwrap_or(c.event_id))
                == clash
                    .event_id
                    .min(clash.other_event_id.unwrap_or(clash.event_id))
            && c.subject == clash.subject
    })
}

struct Context {
    event: Event,
    others: Vec<EventFacts>,
    venue: Option<tandem_store::Venue>,
    /// The participants' own calendars around the event (a move must not land in them).
    busy: Vec<CalendarBusy>,
}

async fn context(state: &AppState, event: Event) -> StoreResult<Context> {
    let store = state.store.as_ref();
    let me = facts(&event);
    let span = me
        .span()
        .and_then(|s| {
            Interval::new(
                s.start - Duration::days(MOVE_DAYS + 1),
                s.end + Duration::days(MOVE_DAYS + 1),
            )
        })
        .unwrap_or(Interval {
            start: event.starts_at,
            end: event.ends_at,
        });
    let others = clash_check::neighbours(store, &me, span)
        .await?
        .iter()
        .map(facts)
        .collect();
    let venue = match event.venue_id {
        Some(id) => Some(store.venue(id).await?),
        None => None,
    };
    let busy = clash_check::participant_busy(state, &event, span).await?;
    Ok(Context {
        event,
        others,
        venue,
        busy,
    })
}

async fn candidate(
    store: &dyn Store,
    venues: &mut Venues,
    ctx: &Context,
    id: String,
    action: &str,
    (start, end): (NaiveDateTime, NaiveDateTime),
    room_id: Option<Uuid>,
) -> StoreResult<Option<(Suggestion, Vec<Clash>)>> {
    let event = &ctx.event;
    let Ok(timing) = EventTiming::new(event.tz, start, end, event.rrule.as_deref()) else {
        return Ok(None);
    };
    let mut me = facts(event);
    let Ok(occurrences) = timing.occurrences() else {
        return Ok(None);
    };
    me.occurrences = occurrences;
    me.room_id = room_id;
    let mut left = clash_check::clashes_against(store, venues, &me, &ctx.others).await?;
    left.extend(clash_check::calendar_clashes_of(
        event.id,
        &me.occurrences,
        &ctx.busy,
    ));
    let first = timing.first();
    let room = room_id.and_then(|r| {
        ctx.venue.as_ref().and_then(|v| v.room(r)).map(|r| RoomRef {
            id: r.id,
            name: r.name.clone(),
            capacity: r.capacity,
        })
    });
    Ok(Some((
        Suggestion {
            id,
            action: action.to_owned(),
            event_id: event.id,
            event_version: event.version,
            start: format_local_datetime(start),
            end: format_local_datetime(end),
            tz: event.tz.name().to_owned(),
            starts_at: first.start,
            ends_at: first.end,
            room,
            leaves: left.iter().map(ClashBody::from).collect(),
        },
        left,
    )))
}

/// Suggestions for one clash, fewest clashes left first.
pub async fn suggestions(state: &AppState, clash: &Clash) -> StoreResult<Vec<Suggestion>> {
    let store = state.store.as_ref();
    let event = target(store, clash).await?;
    let ctx = context(state, event).await?;
    let event = &ctx.event;
    let mut venues = Venues::default();
    let (start, end) = (event.local_start, event.local_end);
    let mut out: Vec<(Suggestion, usize)> = Vec::new();

    // Another room of the same venue, free and large enough, at the same time.
    if let (Some(venue), Some(current)) = (&ctx.venue, event.room_id) {
        let seats = event
            .participants
            .iter()
            .filter(|p| p.attendance == Attendance::InPerson)
            .count();
        let mut rooms = Vec::new();
        for room in venue
            .rooms
            .iter()
            .filter(|r| r.id != current && r.capacity as usize >= seats)
        {
            let Some((s, left)) = candidate(
                store,
                &mut venues,
                &ctx,
                format!("room:{}", room.id),
                "switch_room",
                (start, end),
                Some(room.id),
            )
            .await?
            else {
                continue;
            };
            if resolves(clash, &left)
                && !left
                    .iter()
                    .any(|c| c.kind == tandem_core::clash::ClashKind::RoomOverlap)
            {
                rooms.push((s, left.len()));
            }
        }
        rooms.sort_by_key(|(_, n)| *n);
        out.extend(rooms.into_iter().take(SUGGESTIONS_PER_SORT));
    }

    // Another date: the same local times shifted by whole days, on working days at the venue.
    let days = match ctx.venue.as_ref() {
        Some(v) => {
            let range = Interval::new(
                event.starts_at - Duration::days(MOVE_DAYS + 2),
                event.ends_at + Duration::days(MOVE_DAYS + 2),
            )
            .unwrap_or(Interval {
                start: event.starts_at,
                end: event.ends_at,
            });
            Some((v.tz, venues.working_days(store, v, range).await))
        }
        None => None,
    };
    let mut moves = Vec::new();
    for k in (1..=MOVE_DAYS).flat_map(|k| [k, -k]) {
        let (s, e) = (start + Duration::days(k), end + Duration::days(k));
        if let Some((zone, days)) = &days {
            let at = Interval::new(zone.resolve(s), zone.resolve(e));
            if !at.is_some_and(|at| {
                tandem_core::clash::local_dates(*zone, at)
                    .into_iter()
                    .all(|d| days.is_working(d))
            }) {
                continue;
            }
        }
        let Some((sug, left)) = candidate(
            store,
            &mut venues,
            &ctx,
            format!("move:{}", format_local_datetime(s)),
            "move",
            (s, e),
            event.room_id,
        )
        .await?
        else {
            continue;
        };
        if resolves(clash, &left) && !left.iter().any(|c| c.severity == Severity::Hard) {
            moves.push((sug, left.len()));
        }
        if moves.len() >= 2 * SUGGESTIONS_PER_SORT {
            break;
        }
    }
    moves.sort_by_key(|(_, n)| *n);
    out.extend(moves.into_iter().take(SUGGESTIONS_PER_SORT));

    // A time of day the window engine finds for everyone, near the current one.
    if event.rrule.is_none() && event.ends_at - event.starts_at <= Duration::hours(12) {
        for window in window_times(event) {
            let s = event.tz.local(window.start);
            let e = event.tz.local(window.end);
            if s == start {
                continue;
            }
            if let Some((sug, left)) = candidate(
                store,
                &mut venues,
                &ctx,
                format!("move:{}", format_local_datetime(s)),
                "move",
                (s, e),
                event.room_id,
            )
            .await?
            {
                if resolves(clash, &left) && !left.iter().any(|c| c.severity == Severity::Hard) {
                    out.push((sug, left.len()));
                }
            }
        }
    }
    out.sort_by_key(|(_, n)| *n);
    let mut seen = std::collections::HashSet::new();
    Ok(out
        .into_iter()
        .map(|(s, _)| s)
        .filter(|s| seen.insert(s.id.clone()))
        .collect())
}

/// Windows of the event's length within two days of it, inside every participant's
/// acceptable hours (remote ones in their own zone, in-person ones in the event's).
fn window_times(event: &Event) -> Vec<Interval> {
    let acceptable = tandem_core::clash::default_acceptable_hours();
    let working = DailyHours {
        days: acceptable.days,
        start: tandem_core::LocalTimeOfDay::parse("09:00").unwrap_or(acceptable.start),
        end: tandem_core::LocalTimeOfDay::parse("17:00").unwrap_or(acceptable.end),
    };
    let participants: Vec<SearchParticipant> = event
        .participants
        .iter()
        .map(|p| SearchParticipant {
            id: p.id.to_string(),
            zone: if p.attendance == Attendance::Remote {
                p.tz
            } else {
                event.tz
            },
            attendance: p.attendance,
            required: true,
            weight: 1.0,
            working,
            acceptable,
            holidays: Vec::new(),
            busy: Vec::new(),
        })
        .collect();
    if participants.is_empty() {
        return Vec::new();
    }
    let Some(range) = Interval::new(
        event.starts_at - Duration::days(2),
        event.ends_at + Duration::days(2),
    ) else {
        return Vec::new();
    };
    let query = WindowQuery {
        range,
        duration: event.ends_at - event.starts_at,
        step: Duration::minutes(30),
        limit: SUGGESTIONS_PER_SORT,
        participants,
    };
    search(&query)
        .windows
        .into_iter()
        .filter_map(|w| Interval::new(w.start, w.end))
        .collect()
}

async fn item(state: &AppState, clash: &Clash, with_suggestions: bool) -> StoreResult<ClashItem> {
    Ok(ClashItem {
        clash: ClashBody::from(clash),
        suggestions: if with_suggestions {
            suggestions(state, clash).await?
        } else {
            Vec::new()
        },
    })
}

fn resolution_body(r: &tandem_store::ClashResolution) -> ResolutionBody {
    ResolutionBody {
        id: r.id,
        resolved_by: r.record.resolved_by.clone(),
        resolved_at: r.resolved_at,
        event_id: r.record.event_id,
        action: serde_json::from_str(&r.record.action).unwrap_or(serde_json::Value::Null),
        version_before: r.record.version_before,
        version_after: r.record.version_after,
    }
}

/// Current clashes with suggestions, a page at a time (by start, then id).
#[utoipa::path(
    get, path = "/api/v1/clashes", tag = "clashes",
    params(ClashQuery),
    responses(
        (status = 200, description = "Clashes by start", body = ClashList),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[instrument(skip_all)]
pub async fn list_clashes(
    State(state): State<AppState>,
    _reader: Reader,
    ApiQuery(query): ApiQuery<ClashQuery>,
) -> Result<Json<ClashList>, ApiError> {
    let filter = filter(&query, &state)?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            format!("must be between 1 and {MAX_PAGE}"),
        ));
    }
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    // The rows are cheap; the suggestions are not: they are computed for one page only.
    let mut clashes = state.store.clashes(&filter).await?;
    clashes.sort_by_key(|c| (c.start, c.id));
    let mut rest = clashes
        .iter()
        .filter(|c| after.is_none_or(|a| (c.start, c.id) > a));
    let page: Vec<&Clash> = rest.by_ref().take(limit as usize).collect();
    let more = rest.next().is_some();
    let mut items = Vec::with_capacity(page.len());
    for clash in &page {
        items.push(item(&state, clash, query.suggestions.unwrap_or(true)).await?);
    }
    Ok(Json(ClashList {
        items,
        next_cursor: more
            .then(|| page.last().map(|c| encode_cursor(c)))
            .flatten(),
    }))
}

fn parse_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| ApiError::NotFound(format!("no clash with id '{text}'")))
}

/// One clash with its suggestions and the history of its resolutions; a resolved clash
/// answers with its history only.
#[utoipa::path(
    get, path = "/api/v1/clashes/{id}", tag = "clashes",
    params(("id" = Uuid, Path, description = "Clash id")),
    responses(
        (status = 200, description = "The clash and its history", body = ClashDetail),
        (status = 404, description = "No such clash", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_clash(
    State(state): State<AppState>,
    _reader: Reader,
    Path(id): Path<String>,
) -> Result<Json<ClashDetail>, ApiError> {
    let id = parse_id(&id)?;
    let clash = state.store.clash(id).await?;
    let history = state.store.clash_resolutions(id).await?;
    if clash.is_none() && history.is_empty() {
        return Err(ApiError::NotFound(format!("no clash with id '{id}'")));
    }
    let clash = match clash {
        Some(c) => Some(item(&state, &c, true).await?),
        None => None,
    };
    Ok(Json(ClashDetail {
        status: if clash.is_some() { "open" } else { "resolved" }.into(),
        clash,
        history: history.iter().map(resolution_body).collect(),
    }))
}

/// Applies one suggestion: the event is updated against the version the suggestion was
/// computed from (or `If-Match`), so a concurrent change fails with 412 and a room taken
/// meanwhile with 409, and nothing is half-applied. SEQUENCE is bumped; who resolved what
/// and when is recorded.
#[utoipa::path(
    post, path = "/api/v1/clashes/{id}/resolve", tag = "clashes",
    params(("id" = Uuid, Path, description = "Clash id"), ("If-Match" = Option<String>, Header, description = "The event's ETag (version) read")),
    request_body = ResolveRequest,
    responses(
        (status = 200, description = "Applied", body = ResolveResponse),
        (status = 404, description = "No such clash (or already resolved)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The suggestion no longer applies, or its room was taken", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The event changed meanwhile", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all, fields(%id))]
pub async fn resolve_clash(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
    IfMatch(expected): IfMatch,
    ApiJson(request): ApiJson<ResolveRequest>,
) -> Result<(StatusCode, Json<ResolveResponse>), ApiError> {
    let id = parse_id(&id)?;
    let store = state.store.as_ref();
    let Some(clash) = store.clash(id).await? else {
        return Err(ApiError::NotFound(format!(
            "no open clash with id '{id}' (it may have been resolved: GET it for its history)"
        )));
    };
    let all = suggestions(&state, &clash).await?;
    let Some(chosen) = all.into_iter().find(|s| s.id == request.suggestion) else {
        return Err(ApiError::Conflict(format!(
            "suggestion '{}' does not apply to clash {id} now; GET the clash for current suggestions",
            request.suggestion
        )));
    };
    let event = store.event(chosen.event_id).await?;
    caller.require_write(&[event.region])?;
    let version = expected.unwrap_or(chosen.event_version);
    if version != event.version {
        return Err(ApiError::PreconditionFailed {
            expected: version,
            current: event.version,
        });
    }
    let start = tandem_core::time::parse_local_datetime(&chosen.start)?;
    let end = tandem_core::time::parse_local_datetime(&chosen.end)?;
    let timing =
        EventTiming::new(event.tz, start, end, event.rrule.as_deref()).map_err(FieldErrors)?;
    let room = chosen.room.as_ref().map(|r| r.id).or(event.room_id);
    let draft = clash_check::draft_with(&event, timing, room)
        .ok_or_else(|| ApiError::Conflict("the event can no longer be rewritten".into()))?;
    let token = caller.authenticated()?;
    let action = serde_json::json!({
        "suggestion": chosen.id,
        "action": chosen.action,
        "start": chosen.start,
        "end": chosen.end,
        "tz": chosen.tz,
        "room_id": chosen.room.as_ref().map(|r| r.id),
    });
    // The change and its record are one transaction: both or neither.
    let (updated, resolution) = store
        .apply_resolution(
            version,
            &draft,
            &NewResolution {
                clash_id: clash.id,
                event_id: event.id,
                resolved_by: token
                    .label
                    .clone()
                    .unwrap_or_else(|| format!("token {}", token.id)),
                action: action.to_string(),
                clash: serde_json::to_string(&clash).unwrap_or_default(),
                version_before: event.version,
                version_after: event.version + 1,
            },
        )
        .await?;
    let now = clash_check::refresh_all(&state, &updated).await?;
    tracing::info!(clash_id = %clash.id, event_id = %event.id, "clash resolved");
    Ok((
        StatusCode::OK,
        Json(ResolveResponse {
            clash_id: clash.id,
            applied: chosen,
            event: linked_event_body(&state, &updated).await?,
            resolution: resolution_body(&resolution),
            clashes: now.iter().map(ClashBody::from).collect(),
        }),
    ))
}
