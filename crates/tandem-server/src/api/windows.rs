//! `POST /api/v1/windows/search`: the best windows across time zones (DESIGN §3).

use axum::extract::State;
use axum::Json;
use tandem_core::search::{search, SearchRequest, SearchResult};
use tandem_core::{FieldError, FieldErrors};
use tandem_store::StoreError;
use tracing::instrument;
use uuid::Uuid;

use crate::auth::Caller;
use crate::extract::ApiJson;
use crate::import::{add_imported_busy, ImportError};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::windows::add_calendar;

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
    caller: Caller,
    ApiJson(request): ApiJson<SearchRequest>,
) -> Result<Json<SearchResult>, ApiError> {
    caller.require_read(state.settings.auth.public_reads)?;
    let mut validated = request.validate()?;
    let mut errors = FieldErrors::default();
    let mut imported = Vec::new();
    for (i, (calendars, _)) in validated.calendars.iter().enumerate() {
        for (j, id) in calendars.iter().enumerate() {
            let field = format!("participants[{i}].calendars[{j}]");
            let unknown =
                || FieldError::new(&field, format!("no imported calendar with id '{id}'"));
            let Ok(uuid) = Uuid::parse_str(id) else {
                errors.push(unknown());
                continue;
            };
            match state.importer.parsed(state.store.as_ref(), uuid).await {
                Ok(calendar) => imported.push((i, calendar)),
                Err(ImportError::Store(StoreError::NotFound { .. })) => errors.push(unknown()),
                Err(ImportError::Store(e)) => return Err(e.into()),
                Err(e) => return Err(ApiError::Internal(e.into())),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let result = tokio::task::spawn_blocking(move || {
        // Imported calendars are expanded in each participant's zone (DESIGN §2).
        for (i, calendar) in &imported {
            add_imported_busy(&mut validated, *i, calendar);
        }
        let inline: Vec<(usize, String)> = validated
            .calendars
            .iter()
            .enumerate()
            .filter_map(|(i, (_, ics))| ics.clone().map(|ics| (i, ics)))
            .collect();
        let mut errors = FieldErrors::default();
        for (i, ics) in inline {
            if let Err(e) = add_calendar(
                &mut validated,
                i,
                ics.as_bytes(),
                &format!("participants[{i}].ics"),
            ) {
                errors.push(e);
            }
        }
        errors.finish(|| search(&validated.query))
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))??;
    Ok(Json(result))
}
