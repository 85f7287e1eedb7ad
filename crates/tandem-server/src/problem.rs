//! Every error the HTTP API answers with, as an RFC 9457 problem document. The mapping from
//! failures to statuses lives here and nowhere else.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tandem_app::AppError;
use tandem_core::{FieldError, FieldErrors};
use tandem_store::{RoomClash, StoreError};
use utoipa::ToSchema;
use uuid::Uuid;

/// Base of the `type` URIs of tandem's problems.
pub const PROBLEM_BASE: &str = "https://tandem.itu.int/problems/";

/// One invalid field of a request.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvalidField {
    /// Path of the field (`participants[1].tz`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// An existing booking that a write would overlap.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BookingClash {
    /// Clash type (`room_overlap`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The event already there.
    pub event_id: Uuid,
    /// Its title.
    pub title: String,
    /// Start of the clashing occurrence.
    pub start: DateTime<Utc>,
    /// End of the clashing occurrence.
    pub end: DateTime<Utc>,
}

/// An RFC 9457 problem document.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind of problem.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What went wrong this time.
    pub detail: String,
    /// Invalid fields, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InvalidField>,
    /// Bookings in the way, for clash problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clashes: Vec<BookingClash>,
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed or invalid; names the fields.
    #[error("invalid request: {detail}")]
    Invalid {
        /// Summary.
        detail: String,
        /// The fields at fault.
        errors: Vec<InvalidField>,
    },
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// No or bad credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Credentials without the right.
    #[error("{0}")]
    Forbidden(String),
    /// The room is taken.
    #[error("room already booked")]
    RoomTaken(Vec<RoomClash>),
    /// Another conflict.
    #[error("{0}")]
    Conflict(String),
    /// `If-Match` named an old version.
    #[error("stale version")]
    PreconditionFailed {
        /// Version the client sent.
        expected: i64,
        /// Version stored now.
        current: i64,
    },
    /// An outside source (a calendar URL) could not be reached: 502, naming the field.
    #[error("{field}: {message}")]
    Unreachable {
        /// The field naming the source.
        field: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The body is too large.
    #[error("request body too large")]
    PayloadTooLarge(String),
    /// The body is not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    /// The client spent its rate-limit budget.
    #[error("too many requests")]
    RateLimited {
        /// What the client sent too much of.
        detail: String,
        /// Whole seconds until the next request would be let through.
        retry_after_seconds: u64,
    },
    /// The database is unreachable or saturated.
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// Anything unexpected: logged with its chain, answered generically.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// A validation failure of one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError::new(field, message).into()
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        FieldErrors::from(error).into()
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        let detail = errors.to_string();
        ApiError::Invalid {
            detail,
            errors: errors
                .0
                .into_iter()
                .map(|e| InvalidField {
                    field: e.field,
                    message: e.message,
                })
                .collect(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        AppError::from(error).into()
    }
}

/// The one mapping from the application layer's errors to the API's.
impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid(errors) => errors.into(),
            AppError::NotFound(detail) => ApiError::NotFound(detail),
            AppError::Unauthorized(detail) => ApiError::Unauthorized(detail),
            AppError::Forbidden(detail) => ApiError::Forbidden(detail),
            AppError::RoomTaken(clashes) => ApiError::RoomTaken(clashes),
            AppError::Conflict(detail) => ApiError::Conflict(detail),
            AppError::PreconditionFailed { expected, current } => {
                ApiError::PreconditionFailed { expected, current }
            }
            AppError::Unreachable { field, message } => ApiError::Unreachable { field, message },
            AppError::Unavailable(e) => ApiError::Unavailable(e),
            AppError::Internal(e) => ApiError::Internal(e),
        }
    }
}

fn problem(status: StatusCode, slug: &str, title: &str, detail: String) -> Problem {
    Problem {
        kind: format!("{PROBLEM_BASE}{slug}"),
        title: title.to_owned(),
        status: status.as_u16(),
        detail,
        errors: Vec::new(),
        clashes: Vec::new(),
    }
}

impl ApiError {
    /// The problem document this error is answered with.
    pub fn problem(&self) -> Problem {
        match self {
            ApiError::Invalid { detail, errors } => Problem {
                errors: errors.clone(),
                ..problem(StatusCode::BAD_REQUEST, "invalid-request", "Invalid request", detail.clone())
            },
            ApiError::NotFound(detail) => problem(StatusCode::NOT_FOUND, "not-found", "Not found", detail.clone()),
            ApiError::Unauthorized(detail) => {
                problem(StatusCode::UNAUTHORIZED, "unauthorized", "Authentication required", detail.clone())
            }
            ApiError::Forbidden(detail) => problem(StatusCode::FORBIDDEN, "forbidden", "Forbidden", detail.clone()),
            ApiError::RoomTaken(clashes) => {
                let names: Vec<String> = clashes.iter().map(|c| format!("'{}' ({})", c.title, c.event_id)).collect();
                Problem {
                    clashes: clashes
                        .iter()
                        .map(|c| BookingClash {
                            kind: "room_overlap",
                            event_id: c.event_id,
                            title: c.title.clone(),
                            start: c.start,
                            end: c.end,
                        })
                        .collect(),
                    ..problem(
                        StatusCode::CONFLICT,
                        "clash",
                        "The room is already booked",
                        format!("the room is held at that time by {}", names.join(", ")),
                    )
                }
            }
            ApiError::Conflict(detail) => problem(StatusCode::CONFLICT, "conflict", "Conflict", detail.clone()),
            ApiError::PreconditionFailed { expected, current } => problem(
                StatusCode::PRECONDITION_FAILED,
                "stale-version",
                "The resource changed",
                format!("If-Match named version {expected}, but the event is at version {current}: read it again and retry"),
            ),
            ApiError::Unreachable { field, message } => Problem {
                errors: vec![InvalidField {
                    field: (*field).to_owned(),
                    message: message.clone(),
                }],
                // The source failed, not the caller nor tandem.
                ..problem(
                    StatusCode::BAD_GATEWAY,
                    "source-unreachable",
                    "The calendar could not be fetched",
                    message.clone(),
                )
            },
            ApiError::PayloadTooLarge(detail) => {
                problem(StatusCode::PAYLOAD_TOO_LARGE, "too-large", "Request body too large", detail.clone())
            }
            ApiError::UnsupportedMediaType(detail) => problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                detail.clone(),
            ),
            ApiError::RateLimited { detail, .. } => problem(
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                detail.clone(),
            ),
            ApiError::Unavailable(_) => problem(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
                "the database is busy or unreachable; retry shortly".into(),
            ),
            ApiError::Internal(_) => problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "an unexpected error occurred; it has been logged".into(),
            ),
        }
    }
}

/// Answers with a problem document (used by middleware for non-handler failures too).
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            ApiError::Unavailable(e) => tracing::warn!(error = ?e, "database unavailable"),
            _ => {}
        }
        let mut response = problem_response(&self.problem());
        if matches!(self, ApiError::Unavailable(_)) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        }
        if let ApiError::RateLimited {
            retry_after_seconds,
            ..
        } = self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        if matches!(self, ApiError::Unauthorized(_)) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
