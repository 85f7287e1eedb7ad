//! Why a use case failed: one enum for the whole application layer. The adapters map it,
//! each in one place: to a problem document (the JSON API), an HTML error page, an exit code.

use tandem_core::{FieldError, FieldErrors, Phrase};
use tandem_store::{RoomClash, StoreError};

/// What a use case returns.
pub type AppResult<T> = Result<T, AppError>;

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Something the caller sent is invalid; names the fields.
    #[error("invalid request: {0}")]
    Invalid(FieldErrors),
    /// No such thing: says what was looked for.
    #[error("{0}")]
    NotFound(Phrase),
    /// No or bad credentials: says what is missing.
    #[error("{0}")]
    Unauthorized(Phrase),
    /// Credentials without the right: says which.
    #[error("{0}")]
    Forbidden(Phrase),
    /// The room is taken.
    #[error("room already booked")]
    RoomTaken(Vec<RoomClash>),
    /// Another conflict with the current state: says which.
    #[error("{0}")]
    Conflict(Phrase),
    /// The caller acted on an old version.
    #[error("stale version")]
    PreconditionFailed {
        /// Version the caller named.
        expected: i64,
        /// Version stored now.
        current: i64,
    },
    /// An outside source (a calendar URL) could not be reached; names the field.
    #[error("{field}: {reason}")]
    Unreachable {
        /// The field naming the source (`url`).
        field: &'static str,
        /// What went wrong.
        reason: Phrase,
    },
    /// The database is unreachable or saturated.
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// Anything unexpected: logged with its chain, answered generically.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    /// No `entity` (`event`, `venue`, `calendar`, `clash`, `token`, `feed token`) with id
    /// `id`; `english` is the sentence as the caller writes it.
    pub fn no_such(entity: &str, id: impl std::fmt::Display, english: String) -> Self {
        let message = match entity {
            "event" => "problem-detail-no-event",
            "venue" => "problem-detail-no-venue",
            "calendar" => "problem-detail-no-calendar",
            "feed token" => "problem-detail-no-feed-token",
            "token" => "problem-detail-no-token",
            "clash" => "problem-detail-no-clash",
            _ => "problem-detail-no-record",
        };
        AppError::NotFound(Phrase::new(message, english).text("id", id.to_string()))
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        FieldErrors::from(error).into()
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { entity, id } => {
                AppError::no_such(entity, id, format!("no {entity} with id {id}"))
            }
            StoreError::InvalidReference { field, phrase } => {
                FieldError::said(field, phrase).into()
            }
            StoreError::RoomTaken(clashes) => AppError::RoomTaken(clashes),
            StoreError::VersionMismatch { expected, current } => {
                AppError::PreconditionFailed { expected, current }
            }
            StoreError::Moved(what) => AppError::Conflict(what),
            StoreError::Unavailable(e) => AppError::Unavailable(e.into()),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(error: anyhow::Error) -> Self {
        AppError::Internal(error)
    }
}
