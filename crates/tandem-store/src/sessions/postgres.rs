//! Web sessions on PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use super::WebSessionStore;
use crate::error::StoreResult;
use crate::postgres::PostgresStore;

#[async_trait]
impl WebSessionStore for PostgresStore {
    async fn create_web_session(
        &self,
        id_hash: &[u8; 32],
        data: &str,
        lifetime: Duration,
    ) -> StoreResult<bool> {
        let now = self.clock.now();
        sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        let done = sqlx::query(
            "INSERT INTO web_sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id_hash) DO NOTHING",
        )
        .bind(&id_hash[..])
        .bind(data)
        .bind(now + lifetime)
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
            "INSERT INTO web_sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id_hash) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at",
        )
        .bind(&id_hash[..])
        .bind(data)
        .bind(self.clock.now() + lifetime)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn web_session(
        &self,
        id_hash: &[u8; 32],
    ) -> StoreResult<Option<(String, DateTime<Utc>)>> {
        let row: Option<(String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT data, expires_at FROM web_sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(&id_hash[..])
        .bind(self.clock.now())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    async fn delete_web_session(&self, id_hash: &[u8; 32]) -> StoreResult<()> {
        sqlx::query("DELETE FROM web_sessions WHERE id_hash = $1")
            .bind(&id_hash[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
