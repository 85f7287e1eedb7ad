//! The PostgreSQL store, for one or many tandem instances on one database. Each aggregate's
//! SQL is in its module's `postgres.rs`; the room guarantee is the exclusion constraint
//! `events_room_no_overlap` (see `events::postgres`).

use std::str::FromStr;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use tandem_core::SharedClock;

use crate::error::{StoreError, StoreResult};
use crate::settings::{redact_url, PoolSettings};
use crate::Store;

/// tandem's store on PostgreSQL.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pub(crate) pool: PgPool,
    /// Where every timestamp this store writes or compares comes from (never the
    /// database's `now()`: see the README's "One clock").
    pub(crate) clock: SharedClock,
}

impl PostgresStore {
    /// Connects to `url` and runs the migrations (under PostgreSQL's advisory lock, so
    /// several instances may start at once); every timestamp the store writes comes from
    /// `clock`.
    pub async fn connect(url: &str, pool: PoolSettings, clock: SharedClock) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            StoreError::Config(format!("invalid PostgreSQL URL '{}': {e}", redact_url(url)))
        })?;
        let pool = PgPoolOptions::new()
            .max_connections(pool.max_connections.max(1))
            .acquire_timeout(pool.acquire_timeout)
            // No ping before every checkout (a round trip each, six or more per event write):
            // a connection the server dropped fails its next statement, which answers 503
            // with Retry-After (StoreError::Unavailable), and the pool discards it.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        sqlx::migrate!("../../migrations/postgres")
            .run(&pool)
            .await?;
        Ok(Self { pool, clock })
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
