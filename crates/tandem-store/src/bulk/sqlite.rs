//! Bulk loads on SQLite.

use async_trait::async_trait;

use super::{BulkLoad, Load};
use crate::error::StoreResult;
use crate::events::{sqlite as events, Prepared};
use crate::meta::sqlite::{bump_revision, set_once};
use crate::sqlite::SqliteStore;
use crate::venues::sqlite as venues;

#[async_trait]
impl BulkLoad for SqliteStore {
    async fn load(&self, load: &Load<'_>) -> StoreResult<bool> {
        let prepared = Prepared::all(load.events)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
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
