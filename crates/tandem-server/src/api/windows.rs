//! `POST /api/v1/windows/search`: the best windows across time zones (DESIGN §3).

use axum::extract::State;
use axum::Json;
use tandem_app::windows;
use tandem_core::search::{SearchRequest, SearchResult};
use tracing::instrument;

use crate::auth::Reader;
use crate::extract::ApiJson;
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// Finds the best windows for a meeting. `calendars` are ids of imported calendars
/// (`POST /api/v1/calendars`); `ics` is an inline iCalendar document. Every bad field is a
/// 400 naming it.
#[utoipa::path(
    post, path = "/api/v1/windows/search", tag = "windows",
    request_body = SearchRequest,
    responses(
        (status = 200, description = "Windows, best first, with diagnostics", body = SearchResult),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
    )
)]
#[instrument(skip_all, fields(participants = request.participants.len()))]
pub async fn search_windows(
    State(state): State<AppState>,
    _reader: Reader,
    ApiJson(request): ApiJson<SearchRequest>,
) -> Result<Json<SearchResult>, ApiError> {
    Ok(Json(
        windows::search_windows(&state.app, &request).await?.result,
    ))
}
