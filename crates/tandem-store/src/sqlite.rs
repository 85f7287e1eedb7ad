//! The embedded SQLite store: WAL, foreign keys, a busy timeout, and every write that must
//! not race inside one `BEGIN IMMEDIATE` transaction (SQLite's single writer lock). Each
//! aggregate's SQL is in its module's `sqlite.rs`; ids are stored as text and instants as
//! Unix seconds.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use tandem_core::SharedClock;
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::settings::PoolSettings;
use crate::Store;

/// tandem's store on one SQLite file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
    /// Where every timestamp this store writes or compares comes from.
    pub(crate) clock: SharedClock,
}

/// An instant as stored.
pub(crate) fn ts(instant: DateTime<Utc>) -> i64 {
    instant.timestamp()
}

/// A stored instant.
pub(crate) fn from_ts(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// A stored id.
pub(crate) fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("id '{text}'")))
}

/// A stored optional id.
pub(crate) fn opt_uuid(text: Option<&str>) -> Result<Option<Uuid>, StoreError> {
    text.map(uuid).transpose()
}

impl SqliteStore {
    /// Opens (creating if missing) and migrates the database at `url` (`sqlite://FILE`);
    /// every timestamp the store writes comes from `clock`.
    pub async fn connect(url: &str, pool: PoolSettings, clock: SharedClock) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("invalid SQLite URL '{url}': {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(pool.max_connections.max(1))
            .acquire_timeout(pool.acquire_timeout)
            .connect_with(options)
            .await?;
        sqlx::migrate!("../../migrations/sqlite").run(&pool).await?;
        Ok(Self { pool, clock })
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
