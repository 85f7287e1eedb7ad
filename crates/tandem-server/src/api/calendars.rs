//! `/api/v1/calendars`: external calendars imported for the window search and clash
//! detection (DESIGN §8) — from a URL (refreshed on a schedule) or uploaded inline, owned by a
//! participant, by a venue (its holiday calendar: importing another replaces it) or by nobody.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_core::{FieldError, FieldErrors, Phrase};
use tandem_store::{Calendar, CalendarFilter, CalendarOwner};
use tracing::instrument;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::wire;
use crate::auth::{Authenticated, Reader};
use crate::extract::{path_id, ApiJson, ApiQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use tandem_app::calendars;
use tandem_app::import::fetch::{shown_url, NoProgress};
use tandem_app::import::{schedule, ImportRequest, Source};

/// A calendar to import: exactly one of `url` and `ics`; at most one of `owner` and
/// `venue_id`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarRequest {
    /// Display name (default: the calendar's NAME or X-WR-CALNAME, else the URL's host).
    #[serde(default)]
    #[schema(value_type = Option<wire::TitleText>)]
    pub name: Option<String>,
    /// Where to fetch it: `https://`, `http://` or `webcal://` (read as https).
    #[serde(default)]
    #[schema(example = "https://example.org/dakar-office.ics")]
    pub url: Option<String>,
    /// The calendar itself (iCalendar text), uploaded once and never refreshed.
    #[serde(default)]
    pub ics: Option<String>,
    /// The participant whose calendar it is (their id in events and searches).
    #[serde(default)]
    #[schema(value_type = Option<wire::ParticipantIdText>, example = "p-17")]
    pub owner: Option<String>,
    /// The venue whose holiday calendar it is; replaces the venue's current one.
    #[serde(default)]
    pub venue_id: Option<Uuid>,
}

/// An imported calendar and how its refreshes go.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CalendarBody {
    /// Id (use it in `participants[].calendars` of a window search).
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// `url` (fetched and refreshed) or `inline` (uploaded once).
    #[schema(example = "url")]
    pub source: String,
    /// The source URL (a password in it is shown as `***`).
    pub url: Option<String>,
    /// The participant whose calendar it is.
    pub owner: Option<String>,
    /// The venue whose holiday calendar it is.
    pub venue_id: Option<Uuid>,
    /// VEVENTs in the copy in force.
    pub event_count: u64,
    /// `ok`, or `failing` when the latest refresh failed (the previous copy stays in force).
    #[schema(example = "ok")]
    pub status: String,
    /// When a fetch last succeeded (new content or 304 Not Modified).
    pub last_success_at: Option<DateTime<Utc>>,
    /// The last failed refresh's error (`line 12: …` when the file could not be read).
    pub last_error: Option<String>,
    /// The line of the file the last error is about, when there is one.
    pub last_error_line: Option<u64>,
    /// When the last refresh failed.
    pub last_error_at: Option<DateTime<Utc>>,
    /// Failed refreshes since the last success.
    pub consecutive_failures: u32,
    /// When a refresh was last attempted.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// When the next scheduled refresh is due (null for inline calendars).
    pub next_refresh_at: Option<DateTime<Utc>>,
    /// The refresh interval in force: the feed's REFRESH-INTERVAL / X-PUBLISHED-TTL within
    /// the configured bounds, before jitter (null for inline calendars).
    pub refresh_interval_minutes: Option<i64>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// Renders a stored calendar.
pub fn calendar_body(calendar: &Calendar, state: &AppState) -> CalendarBody {
    let error = calendar.last_error.as_ref();
    CalendarBody {
        id: calendar.id,
        name: calendar.name.clone(),
        source: if calendar.url.is_some() {
            "url"
        } else {
            "inline"
        }
        .to_owned(),
        url: calendar.url.as_deref().map(shown_url),
        owner: calendar.owner.participant().map(str::to_owned),
        venue_id: calendar.owner.venue(),
        event_count: calendar.event_count,
        status: if calendar.consecutive_failures > 0 {
            "failing"
        } else {
            "ok"
        }
        .to_owned(),
        last_success_at: calendar.last_success_at,
        last_error: error.map(|e| e.message.clone()),
        last_error_line: error.and_then(|e| e.line),
        last_error_at: error.map(|e| e.at),
        consecutive_failures: calendar.consecutive_failures,
        refreshed_at: calendar.refreshed_at,
        next_refresh_at: calendar.next_refresh_at,
        refresh_interval_minutes: calendar.url.as_ref().map(|_| {
            schedule::interval(state.app.importer.settings(), calendar.published_refresh)
                .num_minutes()
        }),
        created_at: calendar.created_at,
        updated_at: calendar.updated_at,
    }
}

/// Filters of the calendar list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// Only this participant's calendars.
    pub owner: Option<String>,
    /// Only this venue's (holiday) calendar.
    pub venue_id: Option<Uuid>,
}

/// Checks a request and turns it into what the importer takes.
fn import_request(request: CalendarRequest) -> Result<ImportRequest, FieldErrors> {
    let mut errors = FieldErrors::default();
    let source = match (request.url, request.ics) {
        (Some(url), None) => Some(Source::Url(url)),
        (None, Some(ics)) => Some(Source::Inline(ics.into_bytes())),
        (Some(_), Some(_)) => {
            errors.push(FieldError::said(
                "ics",
                Phrase::new(
                    "api-calendar-url-and-ics",
                    "give either 'url' (fetched and refreshed) or 'ics' (uploaded once), not both",
                ),
            ));
            None
        }
        (None, None) => {
            errors.push(FieldError::said(
                "url",
                Phrase::new(
                    "api-calendar-no-source",
                    "give 'url' (https, http or webcal) or 'ics' (the calendar's text)",
                ),
            ));
            None
        }
    };
    let owner = match (request.owner, request.venue_id) {
        (Some(_), Some(_)) => {
            errors.push(FieldError::said(
                "venue_id",
                Phrase::new(
                    "api-calendar-two-owners",
                    "a calendar belongs to a participant ('owner') or a venue ('venue_id'), not both",
                ),
            ));
            CalendarOwner::Nobody
        }
        (Some(p), None) => CalendarOwner::Participant(p),
        (None, Some(v)) => CalendarOwner::Venue(v),
        (None, None) => CalendarOwner::Nobody,
    };
    match source {
        Some(source) if errors.is_empty() => Ok(ImportRequest {
            name: request.name,
            source,
            owner,
        }),
        _ => Err(errors),
    }
}

/// Imports a calendar (admins and organisers). A URL is fetched and read now: nothing is
/// stored unless it could be. With `venue_id`, the new calendar replaces the venue's holiday
/// calendar.
#[utoipa::path(
    post, path = "/api/v1/calendars", tag = "calendars",
    request_body = CalendarRequest,
    responses(
        (status = 201, description = "Imported", body = CalendarBody),
        (status = 400, description = "Invalid field: a bad or refused URL, a calendar too large or unreadable (naming the line)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Viewer token", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "The URL could not be fetched (network, timeout, HTTP error)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all)]
pub async fn create_calendar(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    ApiJson(request): ApiJson<CalendarRequest>,
) -> Result<Response, ApiError> {
    let request = import_request(request)?;
    let calendar = calendars::import(&state.app, &caller, request, &NoProgress).await?;
    let mut response =
        (StatusCode::CREATED, Json(calendar_body(&calendar, &state))).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/calendars/{}", calendar.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Imported calendars, by name.
#[utoipa::path(
    get, path = "/api/v1/calendars", tag = "calendars",
    params(CalendarQuery),
    responses(
        (status = 200, description = "Calendars by name", body = [CalendarBody]),
        (status = 400, description = "Invalid parameter", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_calendars(
    State(state): State<AppState>,
    _reader: Reader,
    ApiQuery(query): ApiQuery<CalendarQuery>,
) -> Result<Json<Vec<CalendarBody>>, ApiError> {
    let filter = CalendarFilter {
        participant: query.owner,
        venue_id: query.venue_id,
        ..CalendarFilter::default()
    };
    let calendars = calendars::list(&state.app, &filter).await?;
    Ok(Json(
        calendars.iter().map(|c| calendar_body(c, &state)).collect(),
    ))
}

/// One imported calendar: the last success, the last error, the event count.
#[utoipa::path(
    get, path = "/api/v1/calendars/{id}", tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id")),
    responses(
        (status = 200, description = "The calendar", body = CalendarBody),
        (status = 404, description = "No such calendar", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_calendar(
    State(state): State<AppState>,
    _reader: Reader,
    Path(id): Path<String>,
) -> Result<Json<CalendarBody>, ApiError> {
    let calendar = calendars::get(&state.app, path_id(&id, "calendar")?).await?;
    Ok(Json(calendar_body(&calendar, &state)))
}

/// Deletes an imported calendar (admins and organisers).
#[utoipa::path(
    delete, path = "/api/v1/calendars/{id}", tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Viewer token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such calendar", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all, fields(%id))]
pub async fn delete_calendar(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    calendars::delete(&state.app, &caller, path_id(&id, "calendar")?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Refreshes a calendar from its URL now (admins and organisers) and answers with the
/// result: a new copy, 304 Not Modified, or a failure recorded in `last_error` while the
/// previous copy stays in force.
#[utoipa::path(
    post, path = "/api/v1/calendars/{id}/refresh", tag = "calendars",
    params(("id" = Uuid, Path, description = "Calendar id")),
    responses(
        (status = 200, description = "Refreshed; `status` and `last_error` tell how it went", body = CalendarBody),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Viewer token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such calendar", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Uploaded inline (nothing to refresh from), or a refresh is already running", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[instrument(skip_all, fields(%id))]
pub async fn refresh_calendar(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    Path(id): Path<String>,
) -> Result<Json<CalendarBody>, ApiError> {
    // A client that hangs up does not cut the refresh short (every handler runs to
    // completion: `run_to_completion` in lib.rs), so the lease is released when it is recorded.
    let calendar = calendars::refresh(&state.app, &caller, path_id(&id, "calendar")?).await?;
    Ok(Json(calendar_body(&calendar, &state)))
}
