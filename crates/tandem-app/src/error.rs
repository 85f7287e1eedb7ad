//! Why a use case failed: one enum for the whole application layer. The adapters map it,
//! each in one place: to a problem document (the JSON API), an HTML error page, an exit code.

use tandem_core::{FieldError, FieldErrors};
use tandem_store::{RoomClash, StoreError};

/// What a use case returns.
pub type AppResult<T> = Result<T, AppError>;

/// Why a use case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Something the caller sent is invalid; names the fields.
    #[error("invalid request: {0}")]
    Invalid(FieldErrors),
    /// No such thing.
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
    /// Another conflict with the current state.
    #[error("{0}")]
    Conflict(String),
    /// The caller acted on an old version.
    #[error("stale version")]
    PreconditionFailed {
        /// Version the caller named.
        expected: i64,
        /// Version stored now.
        current: i64,
    },
    /// An outside source (a calendar URL) could not be reached; names the field.
    #[error("{field}: {message}")]
    Unreachable {
        /// The field naming the source (`url`).
        field: &'static str,
        /// What went wrong.
        message: String,
    },
    /// The database is unreachable or saturated.
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// Anything unexpected: logged with its chain, answered generically.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    /// A validation failure of one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError::new(field, message).into()
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
                AppError::NotFound(format!("no {entity} with id {id}"))
            }
            StoreError::InvalidReference { field, phrase } => {
                FieldError::said(field, phrase).into()
            }
            StoreError::RoomTaken(clashes) => AppError::RoomTaken(clashes),
            StoreError::VersionMismatch { expected, current } => {
                AppError::PreconditionFailed { expected, current }
            }
            StoreError::AlreadyExists(what) | StoreError::Moved(what) => AppError::Conflict(what),
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
