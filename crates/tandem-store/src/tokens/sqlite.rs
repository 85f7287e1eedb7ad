//! Tokens on SQLite.

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

use super::{token, FeedTokenRecord, NewToken, TokenRecord, TokenStore};
use crate::error::{StoreError, StoreResult};
use crate::sqlite::{from_ts, ts, uuid, SqliteStore};

fn feed_token_record(r: &SqliteRow) -> Result<FeedTokenRecord, StoreError> {
    Ok(FeedTokenRecord {
        id: uuid(&r.try_get::<String, _>("id")?)?,
        participant: r.try_get("participant_id")?,
        created_at: from_ts(r.try_get("created_at")?),
        revoked_at: r.try_get::<Option<i64>, _>("revoked_at")?.map(from_ts),
    })
}

#[async_trait]
impl TokenStore for SqliteStore {
    async fn create_token(&self, token: &NewToken) -> StoreResult<TokenRecord> {
        let id = Uuid::new_v4();
        let now = self.clock.now();
        sqlx::query("INSERT INTO api_tokens (id, token_hash, role, regions, label, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(id.to_string())
            .bind(&token.hash[..])
            .bind(token.role.as_str())
            .bind(super::regions_text(&token.regions))
            .bind(token.label.as_deref())
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(TokenRecord {
            id,
            role: token.role,
            regions: token.regions.clone(),
            label: token.label.clone(),
            created_at: from_ts(ts(now)),
            revoked_at: None,
        })
    }

    async fn token_by_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<TokenRecord>> {
        let row = sqlx::query(
            "SELECT id, role, regions, label, created_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            token(
                uuid(&r.try_get::<String, _>("id")?)?,
                &r.try_get::<String, _>("role")?,
                &r.try_get::<String, _>("regions")?,
                r.try_get("label")?,
                from_ts(r.try_get("created_at")?),
                None,
            )
        })
        .transpose()
    }

    async fn revoke_token(&self, id: Uuid) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .bind(ts(self.clock.now()))
                .bind(id.to_string())
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "token",
                id,
            });
        }
        Ok(())
    }

    async fn tokens(&self) -> StoreResult<Vec<TokenRecord>> {
        sqlx::query("SELECT id, role, regions, label, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC, id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                token(
                    uuid(&r.try_get::<String, _>("id")?)?,
                    &r.try_get::<String, _>("role")?,
                    &r.try_get::<String, _>("regions")?,
                    r.try_get("label")?,
                    from_ts(r.try_get("created_at")?),
                    r.try_get::<Option<i64>, _>("revoked_at")?.map(from_ts),
                )
            })
            .collect()
    }

    async fn create_feed_token(
        &self,
        participant: &str,
        hash: &[u8; 32],
    ) -> StoreResult<FeedTokenRecord> {
        let id = Uuid::new_v4();
        let now = ts(self.clock.now());
        sqlx::query("INSERT INTO feed_tokens (id, participant_id, token_hash, created_at) VALUES (?, ?, ?, ?)")
            .bind(id.to_string())
            .bind(participant)
            .bind(&hash[..])
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(FeedTokenRecord {
            id,
            participant: participant.to_owned(),
            created_at: from_ts(now),
            revoked_at: None,
        })
    }

    async fn feed_token_by_hash(
        &self,
        hash: &[u8; 32],
    ) -> StoreResult<Option<(FeedTokenRecord, Vec<u8>)>> {
        let row = sqlx::query(
            "SELECT id, participant_id, token_hash, created_at, revoked_at FROM feed_tokens \
             WHERE token_hash = ? AND revoked_at IS NULL",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((feed_token_record(&r)?, r.try_get("token_hash")?)))
            .transpose()
    }

    async fn feed_token(&self, id: Uuid) -> StoreResult<FeedTokenRecord> {
        let row = sqlx::query(
            "SELECT id, participant_id, created_at, revoked_at FROM feed_tokens WHERE id = ?",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            entity: "feed token",
            id,
        })?;
        feed_token_record(&row)
    }

    async fn revoke_feed_token(&self, id: Uuid) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE feed_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .bind(ts(self.clock.now()))
                .bind(id.to_string())
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "feed token",
                id,
            });
        }
        Ok(())
    }

    async fn feed_tokens(&self, participant: &str) -> StoreResult<Vec<FeedTokenRecord>> {
        sqlx::query(
            "SELECT id, participant_id, created_at, revoked_at FROM feed_tokens WHERE participant_id = ? \
             ORDER BY created_at DESC, id",
        )
        .bind(participant)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(feed_token_record)
        .collect()
    }
}
