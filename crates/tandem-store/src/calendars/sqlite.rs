//! Imported calendars on SQLite. Claims and replacements run in `BEGIN IMMEDIATE`
//! transactions: SQLite's single writer lock orders them, so a due calendar is claimed once.

use chrono::{DateTime, Duration, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use uuid::Uuid;

use super::{
    count, stored_count, Calendar, CalendarFailure, CalendarFilter, CalendarOwner, CalendarStore,
    NewCalendar, RefreshOutcome,
};
use crate::error::{StoreError, StoreResult};
use crate::sqlite::SqliteStore;

const COLUMNS: &str = "id, name, url, owner_participant, venue_id, content_version, etag, \
    last_modified, event_count, published_refresh_seconds, last_success_at, last_error, \
    last_error_line, last_error_at, consecutive_failures, refreshed_at, next_refresh_at, \
    created_at, updated_at";

fn ts(instant: DateTime<Utc>) -> i64 {
    instant.timestamp()
}

fn from_ts(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

fn uuid(text: &str) -> StoreResult<Uuid> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("calendar id '{text}'")))
}

fn not_found(id: Uuid) -> StoreError {
    StoreError::NotFound {
        entity: "calendar",
        id,
    }
}

fn calendar(row: &SqliteRow) -> StoreResult<Calendar> {
    let venue = row
        .try_get::<Option<String>, _>("venue_id")?
        .as_deref()
        .map(uuid)
        .transpose()?;
    let last_error = match (
        row.try_get::<Option<String>, _>("last_error")?,
        row.try_get::<Option<i64>, _>("last_error_at")?,
    ) {
        (Some(message), Some(at)) => Some(CalendarFailure {
            message,
            line: row.try_get::<Option<i64>, _>("last_error_line")?.map(count),
            at: from_ts(at),
        }),
        _ => None,
    };
    Ok(Calendar {
        id: uuid(&row.try_get::<String, _>("id")?)?,
        name: row.try_get("name")?,
        url: row.try_get("url")?,
        owner: CalendarOwner::from_columns(row.try_get("owner_participant")?, venue),
        content_version: row.try_get("content_version")?,
        etag: row.try_get("etag")?,
        last_modified: row.try_get("last_modified")?,
        event_count: count(row.try_get("event_count")?),
        published_refresh: row
            .try_get::<Option<i64>, _>("published_refresh_seconds")?
            .map(Duration::seconds),
        last_success_at: row
            .try_get::<Option<i64>, _>("last_success_at")?
            .map(from_ts),
        last_error,
        consecutive_failures: u32::try_from(row.try_get::<i64, _>("consecutive_failures")?)
            .unwrap_or(0),
        refreshed_at: row.try_get::<Option<i64>, _>("refreshed_at")?.map(from_ts),
        next_refresh_at: row
            .try_get::<Option<i64>, _>("next_refresh_at")?
            .map(from_ts),
        created_at: from_ts(row.try_get("created_at")?),
        updated_at: from_ts(row.try_get("updated_at")?),
    })
}

async fn fetch(conn: &mut sqlx::SqliteConnection, id: Uuid) -> StoreResult<Calendar> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM calendars WHERE id = ?"))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| not_found(id))?;
    calendar(&row)
}

async fn create(pool: &SqlitePool, new: &NewCalendar, now: DateTime<Utc>) -> StoreResult<Calendar> {
    let id = Uuid::new_v4();
    let now = ts(now);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(venue) = new.owner.venue() {
        let exists = sqlx::query("SELECT 1 FROM venues WHERE id = ?")
            .bind(venue.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !exists {
            return Err(crate::events::no_venue(venue));
        }
        // A venue has one holiday calendar: the new one replaces it in this transaction.
        sqlx::query("DELETE FROM calendars WHERE venue_id = ?")
            .bind(venue.to_string())
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO calendars (id, name, url, owner_participant, venue_id, ics, etag, last_modified, \
         event_count, published_refresh_seconds, last_success_at, refreshed_at, next_refresh_at, \
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(&new.name)
    .bind(new.url.as_deref())
    .bind(new.owner.participant())
    .bind(new.owner.venue().map(|v| v.to_string()))
    .bind(&new.copy.ics)
    .bind(new.copy.etag.as_deref())
    .bind(new.copy.last_modified.as_deref())
    .bind(stored_count(new.copy.event_count))
    .bind(new.copy.published_refresh.map(|d| d.num_seconds()))
    .bind(now)
    .bind(now)
    .bind(new.next_refresh_at.map(ts))
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let stored = fetch(&mut tx, id).await?;
    tx.commit().await?;
    Ok(stored)
}

async fn get(pool: &SqlitePool, id: Uuid) -> StoreResult<Calendar> {
    let mut conn = pool.acquire().await?;
    fetch(&mut conn, id).await
}

async fn list(pool: &SqlitePool, filter: &CalendarFilter) -> StoreResult<Vec<Calendar>> {
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM calendars WHERE 1 = 1"));
    if let Some(p) = &filter.participant {
        q.push(" AND owner_participant = ").push_bind(p.clone());
    }
    if !filter.participants.is_empty() {
        q.push(" AND owner_participant IN (");
        let mut owners = q.separated(", ");
        for p in &filter.participants {
            owners.push_bind(p.clone());
        }
        q.push(")");
    }
    if let Some(v) = filter.venue_id {
        q.push(" AND venue_id = ").push_bind(v.to_string());
    }
    q.push(" ORDER BY name, id");
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(calendar)
        .collect()
}

async fn ics(pool: &SqlitePool, id: Uuid) -> StoreResult<(i64, Vec<u8>)> {
    let row = sqlx::query("SELECT content_version, ics FROM calendars WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| not_found(id))?;
    Ok((row.try_get("content_version")?, row.try_get("ics")?))
}

async fn delete(pool: &SqlitePool, id: Uuid) -> StoreResult<()> {
    let done = sqlx::query("DELETE FROM calendars WHERE id = ?")
        .bind(id.to_string())
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

async fn claim_due(
    pool: &SqlitePool,
    owner: &str,
    lease: Duration,
    limit: u32,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Calendar>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM calendars WHERE url IS NOT NULL AND next_refresh_at <= ? \
         AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_refresh_at, id LIMIT ?",
    )
    .bind(ts(now))
    .bind(ts(now))
    .bind(i64::from(limit))
    .fetch_all(&mut *tx)
    .await?;
    let mut claimed = Vec::with_capacity(ids.len());
    for id in ids {
        sqlx::query("UPDATE calendars SET lease_owner = ?, lease_until = ? WHERE id = ?")
            .bind(owner)
            .bind(ts(now + lease))
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        claimed.push(fetch(&mut tx, uuid(&id)?).await?);
    }
    tx.commit().await?;
    Ok(claimed)
}

async fn claim(
    pool: &SqlitePool,
    id: Uuid,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let done = sqlx::query(
        "UPDATE calendars SET lease_owner = ?, lease_until = ? WHERE id = ? \
         AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)",
    )
    .bind(owner)
    .bind(ts(now + lease))
    .bind(id.to_string())
    .bind(ts(now))
    .bind(owner)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        fetch(&mut tx, id).await?;
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

async fn finish(
    pool: &SqlitePool,
    id: Uuid,
    owner: &str,
    outcome: &RefreshOutcome,
    now: DateTime<Utc>,
) -> StoreResult<Option<Calendar>> {
    let now = ts(now);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let query = match outcome {
        RefreshOutcome::Replaced {
            copy,
            next_refresh_at,
        } => sqlx::query(
            "UPDATE calendars SET ics = ?, content_version = content_version + 1, etag = ?, \
             last_modified = ?, event_count = ?, published_refresh_seconds = ?, last_success_at = ?, \
             consecutive_failures = 0, refreshed_at = ?, next_refresh_at = ?, lease_owner = NULL, \
             lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
        )
        .bind(&copy.ics)
        .bind(copy.etag.as_deref())
        .bind(copy.last_modified.as_deref())
        .bind(stored_count(copy.event_count))
        .bind(copy.published_refresh.map(|d| d.num_seconds()))
        .bind(now)
        .bind(now)
        .bind(ts(*next_refresh_at))
        .bind(now),
        RefreshOutcome::NotModified { next_refresh_at } => sqlx::query(
            "UPDATE calendars SET last_success_at = ?, consecutive_failures = 0, refreshed_at = ?, \
             next_refresh_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? \
             WHERE id = ? AND lease_owner = ?",
        )
        .bind(now)
        .bind(now)
        .bind(ts(*next_refresh_at))
        .bind(now),
        RefreshOutcome::Failed {
            message,
            line,
            next_refresh_at,
        } => sqlx::query(
            "UPDATE calendars SET last_error = ?, last_error_line = ?, last_error_at = ?, \
             consecutive_failures = consecutive_failures + 1, refreshed_at = ?, next_refresh_at = ?, \
             lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
        )
        .bind(message)
        .bind(line.map(stored_count))
        .bind(now)
        .bind(now)
        .bind(ts(*next_refresh_at))
        .bind(now),
    };
    let done = query
        .bind(id.to_string())
        .bind(owner)
        .execute(&mut *tx)
        .await?;
    let stored = fetch(&mut tx, id).await?;
    tx.commit().await?;
    Ok((done.rows_affected() > 0).then_some(stored))
}

async fn release(pool: &SqlitePool, id: Uuid, owner: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE calendars SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
    )
    .bind(id.to_string())
    .bind(owner)
    .execute(pool)
    .await?;
    Ok(())
}

#[async_trait::async_trait]
impl CalendarStore for SqliteStore {
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
