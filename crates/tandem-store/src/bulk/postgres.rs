//! Bulk loads on PostgreSQL.

use async_trait::async_trait;

use super::{BulkLoad, Load};
use crate::error::StoreResult;
use crate::events::{postgres as events, Prepared};
use crate::meta::postgres::{bump_revision, set_once};
use crate::postgres::PostgresStore;
use crate::venues::postgres as venues;

#[async_trait]
impl BulkLoad for PostgresStore {
    async fn load(&self, load: &Load<'_>) -> StoreResult<bool> {
        let prepared = Prepared::all(load.events)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin().await?;
        if let Some((key, value)) = load.marker {
            if !set_once(&mut tx, key, value).await? {
                tx.rollback().await?;
                return Ok(false);
            }
        }
        venues::insert(&mut tx, load.venues, now).await?;
        events::insert(&mut tx, &prepared, now).await?;
        bump_revision(&mut tx, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
