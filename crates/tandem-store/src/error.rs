//! The store's errors, typed so the HTTP layer can map each to one answer.

use chrono::{DateTime, Utc};
use tandem_core::Phrase;
use uuid::Uuid;

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// A confirmed event already holding the room at the time asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomClash {
    /// The event holding the room.
    pub event_id: Uuid,
    /// Its title.
    pub title: String,
    /// Start of its clashing occurrence.
    pub start: DateTime<Utc>,
    /// End of its clashing occurrence.
    pub end: DateTime<Utc>,
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record.
    #[error("{entity} {id} not found")]
    NotFound {
        /// What was looked for (`event`, `venue`, `token`).
        entity: &'static str,
        /// Its id.
        id: Uuid,
    },
    /// A referenced record does not exist (or does not belong where it is used).
    #[error("{field}: {phrase}")]
    InvalidReference {
        /// Request field holding the reference.
        field: &'static str,
        /// What is wrong, as a message of the translations (its English is the message).
        phrase: Phrase,
    },
    /// The room is held by other confirmed events at that time.
    #[error("the room is already booked ({} clashing event(s))", .0.len())]
    RoomTaken(Vec<RoomClash>),
    /// The record changed since the version the caller read.
    #[error("version mismatch: expected {expected}, current {current}")]
    VersionMismatch {
        /// The version the caller sent.
        expected: i64,
        /// The version stored now.
        current: i64,
    },
    /// The data a write was planned against changed before it was written (names what).
    #[error("{0}")]
    Moved(tandem_core::Phrase),
    /// The database could not be reached or gave up (pool timeout, connection lost).
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A bad database URL or option.
    #[error("{0}")]
    Config(String),
    /// Stored data that no longer parses (a bug or a manual edit).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// Migrations failed.
    #[error("migrating the database failed")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(error)
            }
            // The server ended the connection (restart, administrator) or lost it: the
            // pool replaces it, and the request may be tried again.
            sqlx::Error::Database(ref e)
                if e.code()
                    .is_some_and(|c| c.starts_with("57P") || c.starts_with("08")) =>
            {
                StoreError::Unavailable(error)
            }
            other => StoreError::Database(other),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migrate(error)
    }
}
