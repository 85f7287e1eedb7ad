//! `/healthz`, `/readyz` and `/metrics`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// Health or readiness.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Status {
    /// `ok` or `ready`.
    pub status: &'static str,
    /// Database backend (`sqlite`, `postgres`), for readiness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<&'static str>,
    /// The tz database release in force (the system's, or the bundled copy's; DESIGN §2).
    pub tzdata: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Status)))]
pub async fn healthz() -> Json<Status> {
    Json(Status {
        status: "ok",
        database: None,
        tzdata: tandem_core::time::tzdata_version(),
    })
}

/// The database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "Ready", body = Status),
              (status = 503, description = "Database unreachable", body = Problem, content_type = "application/problem+json")))]
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Status>, ApiError> {
    state
        .app
        .store
        .ping()
        .await
        .map_err(ApiError::unavailable)?;
    Ok(Json(Status {
        status: "ready",
        database: Some(state.app.store.backend()),
        tzdata: tandem_core::time::tzdata_version(),
    }))
}

/// Prometheus metrics in text format.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}
