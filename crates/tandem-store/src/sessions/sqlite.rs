//! Web sessions on SQLite.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::WebSessionStore;
use crate::error::StoreResult;
use crate::sqlite::{from_ts, ts, SqliteStore};

#[async_trait]
impl WebSessionStore for SqliteStore {
    async fn create_web_session(
        &self,
        id_hash: &[u8; 32],
        data: &str,
        lifetime: Duration,
    ) -> StoreResult<bool> {
        let now = self.clock.now();
        sqlx::query("DELETE FROM web_sessions WHERE expires_at <= ?")
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        let done = sqlx::query(
            "INSERT INTO web_sessions (id_hash, data, expires_at) VALUES (?, ?, ?) \
             ON CONFLICT (id_hash) DO NOTHING",
        )
        .bind(&id_hash[..])
        .bind(data)
        .bind(ts(now + lifetime))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn save_web_session(
        &self,
        id_hash: &[u8; 32],
        data: &str,
        lifetime: Duration,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO web_sessions (id_hash, data, expires_at) VALUES (?, ?, ?) \
             ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(&id_hash[..])
        .bind(data)
        .bind(ts(self.clock.now() + lifetime))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn web_session(
        &self,
        id_hash: &[u8; 32],
    ) -> StoreResult<Option<(String, DateTime<Utc>)>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT data, expires_at FROM web_sessions WHERE id_hash = ? AND expires_at > ?",
        )
        .bind(&id_hash[..])
        .bind(ts(self.clock.now()))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(data, expires_at)| (data, from_ts(expires_at))))
    }

    async fn delete_web_session(&self, id_hash: &[u8; 32]) -> StoreResult<()> {
        sqlx::query("DELETE FROM web_sessions WHERE id_hash = ?")
            .bind(&id_hash[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
