//! Clashes on SQLite: replacing an event's clashes runs in one `BEGIN IMMEDIATE`
//! transaction, so a list never shows half of a replacement.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use tandem_core::clash::Clash;
use tandem_core::EventDraft;
use tracing::instrument;
use uuid::Uuid;

use super::{kind, severity, sorted, ClashFilter, ClashResolution, ClashStore, NewResolution};
use crate::error::{StoreError, StoreResult};
use crate::events::{sqlite as events, Prepared};
use crate::meta::sqlite::bump_revision;
use crate::sqlite::SqliteStore;
use tandem_core::Event;

const COLUMNS: &str = "c.id, c.kind, c.severity, c.event_id, c.other_event_id, c.starts_at, \
    c.ends_at, c.subject, c.detail";

fn from_ts(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

fn uuid(text: &str) -> StoreResult<Uuid> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("id '{text}'")))
}

fn clash(row: &SqliteRow) -> StoreResult<Clash> {
    Ok(Clash {
        id: uuid(&row.try_get::<String, _>("id")?)?,
        kind: kind(&row.try_get::<String, _>("kind")?)?,
        severity: severity(&row.try_get::<String, _>("severity")?)?,
        event_id: uuid(&row.try_get::<String, _>("event_id")?)?,
        other_event_id: row
            .try_get::<Option<String>, _>("other_event_id")?
            .as_deref()
            .map(uuid)
            .transpose()?,
        start: from_ts(row.try_get("starts_at")?),
        end: from_ts(row.try_get("ends_at")?),
        subject: row.try_get("subject")?,
        detail: row.try_get("detail")?,
    })
}

async fn replace(
    pool: &SqlitePool,
    event_id: Uuid,
    clashes: &[Clash],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let id = event_id.to_string();
    sqlx::query("DELETE FROM clashes WHERE event_id = ? OR other_event_id = ?")
        .bind(&id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    for c in clashes.iter().filter(|c| c.involves(event_id)) {
        sqlx::query(
            "INSERT INTO clashes (id, kind, severity, event_id, other_event_id, starts_at, ends_at, \
             subject, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(c.id.to_string())
        .bind(c.kind.as_str())
        .bind(c.severity.as_str())
        .bind(c.event_id.to_string())
        .bind(c.other_event_id.map(|o| o.to_string()))
        .bind(c.start.timestamp())
        .bind(c.end.timestamp())
        .bind(c.subject.as_deref())
        .bind(&c.detail)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn list(pool: &SqlitePool, filter: &ClashFilter) -> StoreResult<Vec<Clash>> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "SELECT {COLUMNS} FROM clashes c JOIN events e1 ON e1.id = c.event_id \
         LEFT JOIN events e2 ON e2.id = c.other_event_id WHERE 1 = 1"
    ));
    if let Some(region) = filter.region {
        q.push(" AND (e1.region = ")
            .push_bind(region.code().to_owned())
            .push(" OR e2.region = ")
            .push_bind(region.code().to_owned())
            .push(")");
    }
    if let Some(group) = &filter.group {
        q.push(" AND (e1.group_code = ")
            .push_bind(group.clone())
            .push(" OR e2.group_code = ")
            .push_bind(group.clone())
            .push(")");
    }
    if let Some(from) = filter.from {
        q.push(" AND c.ends_at > ").push_bind(from.timestamp());
    }
    if let Some(to) = filter.to {
        q.push(" AND c.starts_at < ").push_bind(to.timestamp());
    }
    if let Some(s) = filter.severity {
        q.push(" AND c.severity = ").push_bind(s.as_str());
    }
    if let Some(k) = filter.kind {
        q.push(" AND c.kind = ").push_bind(k.as_str());
    }
    if let Some(id) = filter.event_id {
        q.push(" AND (c.event_id = ")
            .push_bind(id.to_string())
            .push(" OR c.other_event_id = ")
            .push_bind(id.to_string())
            .push(")");
    }
    q.push(" ORDER BY c.starts_at, c.id");
    let rows = q.build().fetch_all(pool).await?;
    Ok(sorted(rows.iter().map(clash).collect::<StoreResult<_>>()?))
}

async fn get(pool: &SqlitePool, id: Uuid) -> StoreResult<Option<Clash>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM clashes c WHERE c.id = ?"))
        .bind(id.to_string())
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(clash).transpose()
}

fn resolution(row: &SqliteRow) -> StoreResult<ClashResolution> {
    Ok(ClashResolution {
        id: uuid(&row.try_get::<String, _>("id")?)?,
        resolved_at: from_ts(row.try_get("resolved_at")?),
        record: NewResolution {
            clash_id: uuid(&row.try_get::<String, _>("clash_id")?)?,
            event_id: uuid(&row.try_get::<String, _>("event_id")?)?,
            resolved_by: row.try_get("resolved_by")?,
            action: row.try_get("action")?,
            clash: row.try_get("clash")?,
            version_before: row.try_get("version_before")?,
            version_after: row.try_get("version_after")?,
        },
    })
}

async fn record(
    conn: &mut sqlx::SqliteConnection,
    new: &NewResolution,
    now: DateTime<Utc>,
) -> StoreResult<ClashResolution> {
    let id = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO clash_resolutions (id, clash_id, event_id, resolved_by, resolved_at, action, \
         clash, version_before, version_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(new.clash_id.to_string())
    .bind(new.event_id.to_string())
    .bind(&new.resolved_by)
    .bind(now.timestamp())
    .bind(&new.action)
    .bind(&new.clash)
    .bind(new.version_before)
    .bind(new.version_after)
    .execute(&mut *conn)
    .await?;
    Ok(ClashResolution {
        id,
        resolved_at: from_ts(now.timestamp()),
        record: new.clone(),
    })
}

async fn history(pool: &SqlitePool, clash_id: Uuid) -> StoreResult<Vec<ClashResolution>> {
    let rows = sqlx::query(
        "SELECT id, clash_id, event_id, resolved_by, resolved_at, action, clash, version_before, \
         version_after FROM clash_resolutions WHERE clash_id = ? ORDER BY resolved_at, id",
    )
    .bind(clash_id.to_string())
    .fetch_all(pool)
    .await?;
    rows.iter().map(resolution).collect()
}

#[async_trait::async_trait]
impl ClashStore for SqliteStore {
    async fn replace_clashes(&self, event_id: Uuid, clashes: &[Clash]) -> StoreResult<()> {
        replace(&self.pool, event_id, clashes, self.clock.now()).await
    }

    async fn clashes(&self, filter: &ClashFilter) -> StoreResult<Vec<Clash>> {
        list(&self.pool, filter).await
    }

    async fn clash(&self, id: Uuid) -> StoreResult<Option<Clash>> {
        get(&self.pool, id).await
    }

    #[instrument(skip_all, fields(id = %resolution.event_id))]
    async fn apply_resolution(
        &self,
        expected_version: i64,
        draft: &EventDraft,
        resolution: &NewResolution,
    ) -> StoreResult<(Event, ClashResolution)> {
        let p = Prepared::new(resolution.event_id, draft)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let event = events::rewrite(&mut tx, &p, Some(expected_version), true, now).await?;
        bump_revision(&mut tx, now).await?;
        let recorded = record(&mut tx, &resolution.after(&event), now).await?;
        tx.commit().await?;
        Ok((event, recorded))
    }

    async fn clash_resolutions(&self, clash_id: Uuid) -> StoreResult<Vec<ClashResolution>> {
        history(&self.pool, clash_id).await
    }
}
