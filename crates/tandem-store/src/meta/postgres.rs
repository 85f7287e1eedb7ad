//! The revision and metadata on PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::{MetaStore, Revision};
use crate::error::StoreResult;
use crate::postgres::PostgresStore;

/// Bumps the feed revision inside the caller's transaction (the row lock orders commits).
pub(crate) async fn bump_revision(conn: &mut PgConnection, now: DateTime<Utc>) -> StoreResult<()> {
    sqlx::query("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision'")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ('revision_at', $1) \
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
    )
    .bind(now.timestamp().to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sets `key` inside the caller's transaction unless it is set already; false if it was.
pub(crate) async fn set_once(conn: &mut PgConnection, key: &str, value: &str) -> StoreResult<bool> {
    let set =
        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(&mut *conn)
            .await?;
    Ok(set.rows_affected() > 0)
}

#[async_trait]
impl MetaStore for PostgresStore {
    async fn revision(&self) -> StoreResult<Revision> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM meta WHERE key IN ('revision', 'revision_at')")
                .fetch_all(&self.pool)
                .await?;
        Ok(Revision::from_meta(&rows))
    }

    async fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
