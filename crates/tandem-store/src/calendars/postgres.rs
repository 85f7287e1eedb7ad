//! Imported calendars on PostgreSQL. Due calendars are claimed with one statement: a CTE
//! picks them with `FOR UPDATE SKIP LOCKED` and `UPDATE … FROM` it leases them, so instances
//! racing for work each skip the rows another is claiming, re-check the lease of rows claimed
//! meanwhile, and lease at most their limit; a calendar is leased to one instance at a time.
//!
//! Times come from the store's injected clock, as every other timestamp tandem writes, not
//! from the database's `now()`: `next_refresh_at` is computed by the instance from that
//! clock, so comparing it with another clock would mix two; and a process started with
//! `--clock` keeps leases and due refreshes coherent with the dates it shows. Instances
//! keep their clocks in step (NTP, milliseconds apart); a lease outlasts the longest fetch
//! by a minute (`Importer::lease`), which absorbs any skew short of that, so a live lease
//! is never taken over early.

use chrono::{DateTime, Duration, Utc};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, QueryBuilder, Row};
use uuid::Uuid;

use super::{
    count, stored_count, Calendar, CalendarFailure, CalendarFilter, CalendarOwner, CalendarStore,
    NewCalendar, RefreshOutcome,
};
use crate::error::{StoreError, StoreResult};
use crate::postgres::PostgresStore;

const COLUMNS: &str = "id, name, url, owner_participant, venue_id, content_version, etag, \
    last_modified, event_count, published_refresh_seconds, last_success_at, last_error, \
    last_error_line, last_error_at, consecutive_failures, refreshed_at, next_refresh_at, \
    created_at, updated_at";

fn not_found(id: Uuid) -> StoreError {
    StoreError::NotFound {
        entity: "calendar",
        id,
    }
}

fn calendar(row: &PgRow) -> StoreResult<Calendar> {
    let last_error = match (
        row.try_get::<Option<String>, _>("last_error")?,
        row.try_get::<Option<DateTime<Utc>>, _>("last_error_at")?,
    ) {
        (Some(message), Some(at)) => Some(CalendarFailure {
            message,
            line: row.try_get::<Option<i64>, _>("last_error_line")?.map(count),
            at,
        }),
        _ => None,
    };
    Ok(Calendar {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        url: row.try_get("url")?,
        owner: CalendarOwner::from_columns(
            row.try_get("owner_participant")?,
            row.try_get("venue_id")?,
        ),
        content_version: row.try_get("content_version")?,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        event_count: count(row.try_get("event_count")?),
        published_refresh: row
            .try_get::<Option<i64>, _>("published_refresh_seconds")?
            .map(Duration::seconds),
        last_success_at: row.try_get("last_success_at")?,
        last_error,
        consecutive_failures: u32::try_from(row.try_get::<i32, _>("consecutive_failures")?)
            .unwrap_or(0),
        refreshed_at: row.try_get("refreshed_at")?,
        next_refresh_at: row.try_get("next_refresh_at")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

async fn fetch(conn: &mut sqlx::PgConnection, id: Uuid) -> StoreResult<Calendar> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM calendars WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| not_found(id))?;
    calendar(&row)
}

async fn create(pool: &PgPool, new: &NewCalendar, now: DateTime<Utc>) -> StoreResult<Calendar> {
    let id = Uuid::new_v4();
    let mut tx = pool.begin().await?;
    if let Some(venue) = new.owner.venue() {
        // Locking the venue row orders two replacements of one venue's calendar.
        let exists = sqlx::query("SELECT 1 FROM venues WHERE id = $1 FOR UPDATE")
            .bind(venue)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !exists {
            return Err(crate::events::no_venue(venue));
        }
        sqlx::query("DELETE FROM calendars WHERE venue_id = $1")
            .bind(venue)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO calendars (id, name, url, owner_participant, venue_id, ics, etag, last_modified, \
         event_count, published_refresh_seconds, last_success_at, refreshed_at, next_refresh_at, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $12, $12, $11, $12, $12)",
    )
    .bind(id)
    .bind(&new.name)
    .bind(new.url.as_deref())
    .bind(new.owner.participant())
    .bind(new.owner.venue())
    .bind(&new.copy.ics)
    .bind(new.copy.etag.as_deref())
    .bind(new.copy.last_modified.as_deref())
    .bind(stored_count(new.copy.event_count))
    .bind(new.copy.published_refresh.map(|d| d.num_seconds()))
    .bind(new.next_refresh_at)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let stored = fetch(&mut tx, id).await?;
    tx.commit().await?;
    Ok(stored)
}

async fn get(pool: &PgPool, id: Uuid) -> StoreResult<Calendar> {
    let mut conn = pool.acquire().await?;
    fetch(&mut conn, id).await
}

async fn list(pool: &PgPool, filter: &CalendarFilter) -> StoreResult<Vec<Calendar>> {
    let mut q =
        QueryBuilder::<Postgres>::new(format!("SELECT {COLUMNS} FROM calendars WHERE TRUE"));
    if let Some(p) = &filter.participant {
        q.push(" AND owner_participant = ").push_bind(p.clone());
    }
    if !filter.participants.is_empty() {
        q.push(" AND owner_participant = ANY(")
            .push_bind(filter.participants.clone())
            .push(")");
    }
    if let Some(v) = filter.venue_id {
        q.push(" AND venue_id = ").push_bind(v);
    }
    q.push(" ORDER BY name, id");
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(calendar)
        .collect()
}

async fn ics(pool: &PgPool, id: Uuid) -> StoreResult<(i64, Vec<u8>)> {
    let row = sqlx::query("SELECT content_version, ics FROM calendars WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| not_found(id))?;
    Ok((row.try_get("content_version")?, row.try_get("ics")?))
}

async fn delete(pool: &PgPool, id: Uuid) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM calendars WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

async fn claim_due(
    pool: &PgPool,
    owner: &str,
    lease: Duration,
    limit: u32,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Calendar>> {
    let mut claimed = sqlx::query(&format!(
        // The CTE runs once and locks what it picks: an `IN (SELECT … LIMIT … FOR UPDATE SKIP
        // LOCKED)` subquery may be evaluated again by the plan (a nested loop rescans it), each
        // time skipping other rows, and lease more than `limit`. The outer condition re-checks
        // the lease of a row another instance claimed between the CTE's snapshot and its lock.
        "WITH due AS (SELECT id AS due_id FROM calendars WHERE url IS NOT NULL \
         AND next_refresh_at <= $4 AND (lease_until IS NULL OR lease_until < $4) \
         ORDER BY next_refresh_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
         UPDATE calendars SET lease_owner = $1, lease_until = $2 FROM due WHERE id = due.due_id \
         AND (lease_until IS NULL OR lease_until < $4) RETURNING {COLUMNS}"
    ))
    .bind(owner)
    .bind(now + lease)
    .bind(i64::from(limit))
    .bind(now)
    .fetch_all(pool)
    .await?
    .iter()
    .map(calendar)
    .collect::<StoreResult<Vec<_>>>()?;
    // UPDATE … RETURNING keeps no order: due first, as the subquery chose them.
    claimed.sort_by_key(|c| (c.next_refresh_at, c.id));
    Ok(claimed)
}

async fn claim(
    pool: &PgPool,
    id: Uuid,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE calendars SET lease_owner = $1, lease_until = $2 \
         WHERE id = $3 AND (lease_until IS NULL OR lease_until < $4 OR lease_owner = $1)",
    )
    .bind(owner)
    .bind(now + lease)
    .bind(id)
    .bind(now)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        get(pool, id).await?;
        return Ok(false);
    }
    Ok(true)
}

async fn finish(
    pool: &PgPool,
    id: Uuid,
    owner: &str,
    outcome: &RefreshOutcome,
    now: DateTime<Utc>,
) -> StoreResult<Option<Calendar>> {
    let returning = format!(" WHERE id = $1 AND lease_owner = $2 RETURNING {COLUMNS}");
    let row = match outcome {
        RefreshOutcome::Replaced {
            copy,
            next_refresh_at,
        } => {
            sqlx::query(&format!(
                "UPDATE calendars SET ics = $3, content_version = content_version + 1, etag = $4, \
                 last_modified = $5, event_count = $6, published_refresh_seconds = $7, \
                 last_success_at = $9, consecutive_failures = 0, refreshed_at = $9, \
                 next_refresh_at = $8, lease_owner = NULL, lease_until = NULL, updated_at = $9\
                 {returning}"
            ))
            .bind(id)
            .bind(owner)
            .bind(&copy.ics)
            .bind(copy.etag.as_deref())
            .bind(copy.last_modified.as_deref())
            .bind(stored_count(copy.event_count))
            .bind(copy.published_refresh.map(|d| d.num_seconds()))
            .bind(next_refresh_at)
            .bind(now)
            .fetch_optional(pool)
            .await?
        }
        RefreshOutcome::NotModified { next_refresh_at } => {
            sqlx::query(&format!(
                "UPDATE calendars SET last_success_at = $4, consecutive_failures = 0, \
                 refreshed_at = $4, next_refresh_at = $3, lease_owner = NULL, lease_until = NULL, \
                 updated_at = $4{returning}"
            ))
            .bind(id)
            .bind(owner)
            .bind(next_refresh_at)
            .bind(now)
            .fetch_optional(pool)
            .await?
        }
        RefreshOutcome::Failed {
            message,
            line,
            next_refresh_at,
        } => {
            sqlx::query(&format!(
                "UPDATE calendars SET last_error = $3, last_error_line = $4, last_error_at = $6, \
                 consecutive_failures = consecutive_failures + 1, refreshed_at = $6, \
                 next_refresh_at = $5, lease_owner = NULL, lease_until = NULL, updated_at = $6\
                 {returning}"
            ))
            .bind(id)
            .bind(owner)
            .bind(message)
            .bind(line.map(stored_count))
            .bind(next_refresh_at)
            .bind(now)
            .fetch_optional(pool)
            .await?
        }
    };
    match row {
        Some(row) => Ok(Some(calendar(&row)?)),
        None => get(pool, id).await.map(|_| None),
    }
}

async fn release(pool: &PgPool, id: Uuid, owner: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE calendars SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2",
    )
    .bind(id)
    .bind(owner)
    .execute(pool)
    .await?;
    Ok(())
}

#[async_trait::async_trait]
impl CalendarStore for PostgresStore {
    async fn create_calendar(&self, new: &NewCalendar) -> StoreResult<Calendar> {
        create(&self.pool, new, self.clock.now()).await
    }

    async fn calendar(&self, id: Uuid) -> StoreResult<Calendar> {
        get(&self.pool, id).await
    }

    async fn calendars(&self, filter: &CalendarFilter) -> StoreResult<Vec<Calendar>> {
        list(&self.pool, filter).await
    }

    async fn calendar_ics(&self, id: Uuid) -> StoreResult<(i64, Vec<u8>)> {
        ics(&self.pool, id).await
    }

    async fn delete_calendar(&self, id: Uuid) -> StoreResult<()> {
        delete(&self.pool, id).await
    }

    async fn claim_due_calendars(
        &self,
        owner: &str,
        lease: Duration,
        limit: u32,
    ) -> StoreResult<Vec<Calendar>> {
        claim_due(&self.pool, owner, lease, limit, self.clock.now()).await
    }

    async fn claim_calendar(&self, id: Uuid, owner: &str, lease: Duration) -> StoreResult<bool> {
        claim(&self.pool, id, owner, lease, self.clock.now()).await
    }

    async fn finish_calendar_refresh(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &RefreshOutcome,
    ) -> StoreResult<Option<Calendar>> {
        finish(&self.pool, id, owner, outcome, self.clock.now()).await
    }

    async fn release_calendar(&self, id: Uuid, owner: &str) -> StoreResult<()> {
        release(&self.pool, id, owner).await
    }
}
