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
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_app::clashes as app;
use tandem_core::clash::{Clash, ClashKind, Severity};
use tandem_core::time::{format_local_datetime, parse_instant};
use tandem_core::{FieldErrors, RegionCode};
use tandem_store::ClashFilter;
use tracing::instrument;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::events::{linked_event_body, EventBody};
use crate::api::wire;
use crate::auth::{Authenticated, Reader};
use crate::extract::{path_id, ApiJson, ApiQuery, IfMatch};
use crate::problem::{field, ApiError, Problem};
use crate::state::AppState;

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
    let bad = || ApiError::from(field::bad_cursor());
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
        if state.app.reference.group(group).is_none() {
            errors.push(field::unknown_group("group", group));
        }
    }
    let severity = query.severity.as_deref().and_then(|s| {
        errors.take(Severity::parse(s).ok_or_else(|| {
            field::one_of(
                "severity",
                s,
                format!("'{s}' is not hard or soft"),
                "hard, soft",
            )
        }))
    });
    let kind = query.kind.as_deref().and_then(|k| {
        errors.take(ClashKind::parse(k).ok_or_else(|| {
            let known: Vec<&str> = ClashKind::ALL.iter().map(|k| k.as_str()).collect();
            field::one_of(
                "type",
                k,
                format!("'{k}' is not a clash type ({})", known.join(", ")),
                &known.join(", "),
            )
        }))
    });
    let event_id = query.event_id.as_deref().and_then(|id| {
        errors.take(Uuid::parse_str(id).map_err(|_| field::not_an_id("event_id", id, "event")))
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

impl From<&app::Suggestion> for Suggestion {
    fn from(s: &app::Suggestion) -> Self {
        Self {
            id: s.id.clone(),
            action: s.action.as_str().to_owned(),
            event_id: s.event_id,
            event_version: s.event_version,
            start: format_local_datetime(s.start),
            end: format_local_datetime(s.end),
            tz: s.tz.name().to_owned(),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            room: s.room.as_ref().map(|r| RoomRef {
                id: r.id,
                name: r.name.clone(),
                capacity: r.capacity,
            }),
            leaves: s.leaves.iter().map(ClashBody::from).collect(),
        }
    }
}

impl From<&app::ClashWithSuggestions> for ClashItem {
    fn from(c: &app::ClashWithSuggestions) -> Self {
        Self {
            clash: ClashBody::from(&c.clash),
            suggestions: c.suggestions.iter().map(Suggestion::from).collect(),
        }
    }
}

impl From<&tandem_store::ClashResolution> for ResolutionBody {
    fn from(r: &tandem_store::ClashResolution) -> Self {
        Self {
            id: r.id,
            resolved_by: r.record.resolved_by.clone(),
            resolved_at: r.resolved_at,
            event_id: r.record.event_id,
            action: serde_json::from_str(&r.record.action).unwrap_or(serde_json::Value::Null),
            version_before: r.record.version_before,
            version_after: r.record.version_after,
        }
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
        return Err(field::between("limit", 1, MAX_PAGE).into());
    }
    let page = app::ClashPage {
        after: query.cursor.as_deref().map(decode_cursor).transpose()?,
        limit,
        suggestions: query.suggestions.unwrap_or(true),
    };
    let list = app::list(&state.app, &filter, page).await?;
    Ok(Json(ClashList {
        items: list.items.iter().map(ClashItem::from).collect(),
        next_cursor: list
            .more
            .then(|| list.items.last().map(|c| encode_cursor(&c.clash)))
            .flatten(),
    }))
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
    let record = app::get(&state.app, path_id(&id, "clash")?).await?;
    Ok(Json(ClashDetail {
        status: if record.clash.is_some() {
            "open"
        } else {
            "resolved"
        }
        .into(),
        clash: record.clash.as_ref().map(ClashItem::from),
        history: record.history.iter().map(ResolutionBody::from).collect(),
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
    let resolved = app::resolve(
        &state.app,
        &caller,
        path_id(&id, "clash")?,
        &request.suggestion,
        expected,
    )
    .await?;
    Ok((
        StatusCode::OK,
        Json(ResolveResponse {
            clash_id: resolved.clash_id,
            applied: Suggestion::from(&resolved.applied),
            event: linked_event_body(&state, &resolved.event).await?,
            resolution: ResolutionBody::from(&resolved.resolution),
            clashes: resolved.clashes.iter().map(ClashBody::from).collect(),
        }),
    ))
}
