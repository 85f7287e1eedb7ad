//! Tokens on PostgreSQL.

use async_trait::async_trait;
use sqlx::postgres::PgRow;
use sqlx::Row;
use uuid::Uuid;

use super::{token, FeedTokenRecord, NewToken, TokenRecord, TokenStore};
use crate::error::{StoreError, StoreResult};
use crate::postgres::PostgresStore;

fn feed_token_record(r: &PgRow) -> Result<FeedTokenRecord, StoreError> {
    Ok(FeedTokenRecord {
        id: r.try_get("id")?,
        participant: r.try_get("participant_id")?,
        created_at: r.try_get("created_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

#[async_trait]
impl TokenStore for PostgresStore {
    async fn create_token(&self, token: &NewToken) -> StoreResult<TokenRecord> {
        let id = Uuid::new_v4();
        let row = sqlx::query(
            "INSERT INTO api_tokens (id, token_hash, role, regions, label, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at",
        )
        .bind(id)
        .bind(&token.hash[..])
        .bind(token.role.as_str())
        .bind(super::regions_text(&token.regions))
        .bind(token.label.as_deref())
        .bind(self.clock.now())
        .fetch_one(&self.pool)
        .await?;
        Ok(TokenRecord {
            id,
            role: token.role,
            regions: token.regions.clone(),
            label: token.label.clone(),
            created_at: row.try_get("created_at")?,
            revoked_at: None,
        })
    }

    async fn token_by_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<TokenRecord>> {
        let row = sqlx::query(
            "SELECT id, role, regions, label, created_at FROM api_tokens \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            token(
                r.try_get("id")?,
                &r.try_get::<String, _>("role")?,
                &r.try_get::<String, _>("regions")?,
                r.try_get("label")?,
                r.try_get("created_at")?,
                None,
            )
        })
        .transpose()
    }

    async fn revoke_token(&self, id: Uuid) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
        )
        .bind(id)
        .bind(self.clock.now())
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
        sqlx::query(
            "SELECT id, role, regions, label, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC, id",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            token(
                r.try_get("id")?,
                &r.try_get::<String, _>("role")?,
                &r.try_get::<String, _>("regions")?,
                r.try_get("label")?,
                r.try_get("created_at")?,
                r.try_get("revoked_at")?,
            )
        })
        .collect()
    }

    async fn create_feed_token(
        &self,
        participant: &str,
        hash: &[u8; 32],
    ) -> StoreResult<FeedTokenRecord> {
        let row = sqlx::query(
            "INSERT INTO feed_tokens (id, participant_id, token_hash, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id, participant_id, created_at, revoked_at",
        )
        .bind(Uuid::new_v4())
        .bind(participant)
        .bind(&hash[..])
        .bind(self.clock.now())
        .fetch_one(&self.pool)
        .await?;
        feed_token_record(&row)
    }

    async fn feed_token_by_hash(
        &self,
        hash: &[u8; 32],
    ) -> StoreResult<Option<(FeedTokenRecord, Vec<u8>)>> {
        let row = sqlx::query(
            "SELECT id, participant_id, token_hash, created_at, revoked_at FROM feed_tokens \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((feed_token_record(&r)?, r.try_get("token_hash")?)))
            .transpose()
    }

    async fn feed_token(&self, id: Uuid) -> StoreResult<FeedTokenRecord> {
        let row = sqlx::query(
            "SELECT id, participant_id, created_at, revoked_at FROM feed_tokens WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            entity: "feed token",
            id,
        })?;
        feed_token_record(&row)
    }

    async fn revoke_feed_token(&self, id: Uuid) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE feed_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
        )
        .bind(id)
        .bind(self.clock.now())
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
            "SELECT id, participant_id, created_at, revoked_at FROM feed_tokens WHERE participant_id = $1 \
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
