//! Organisers' web sessions (the pages' sign-in): kept in the database, so any instance
//! serves any signed-in browser and a restart signs nobody out. Only the SHA-256 of a
//! session's id is stored, never the id itself (the cookie's secret), with the session's
//! data and when it ends, by the store's clock.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use async_trait::async_trait;
use chrono::Duration;

use crate::error::StoreResult;

/// Web sessions by the SHA-256 of their id.
#[async_trait]
pub trait WebSessionStore: Send + Sync {
    /// Stores a new session lasting `lifetime` from now; false (nothing written) when a
    /// live session already has that id. Drops the sessions that have ended.
    async fn create_web_session(
        &self,
        id_hash: &[u8; 32],
        data: &str,
        lifetime: Duration,
    ) -> StoreResult<bool>;

    /// Stores a session's data, lasting `lifetime` from now.
    async fn save_web_session(
        &self,
        id_hash: &[u8; 32],
        data: &str,
        lifetime: Duration,
    ) -> StoreResult<()>;

    /// The data of a session that has not ended, with when it ends.
    async fn web_session(
        &self,
        id_hash: &[u8; 32],
    ) -> StoreResult<Option<(String, chrono::DateTime<chrono::Utc>)>>;

    /// Ends a session; ending an unknown one is not an error.
    async fn delete_web_session(&self, id_hash: &[u8; 32]) -> StoreResult<()>;
}
