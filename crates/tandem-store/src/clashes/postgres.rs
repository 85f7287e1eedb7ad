//! Clashes on PostgreSQL: replacing an event's clashes runs in one transaction, so a list
//! never shows half of a replacement.

use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, QueryBuilder, Row};
use tandem_core::clash::Clash;
use tandem_core::EventDraft;
use tracing::instrument;
use uuid::Uuid;

use super::{kind, severity, sorted, ClashFilter, ClashResolution, ClashStore, NewResolution};
use crate::error::StoreResult;
use crate::events::{postgres as events, Prepared};
use crate::meta::postgres::bump_revision;
use crate::postgres::PostgresStore;
use tandem_core::Event;

const COLUMNS: &str = "c.id, c.kind, c.severity, c.event_id, c.other_event_id, c.starts_at, \
    c.ends_at, c.subject, c.detail";

fn clash(row: &PgRow) -> StoreResult<Clash> {
    Ok(Clash {
        id: row.try_get::<Uuid, _>("id")?,
        kind: kind(&row.try_get::<String, _>("kind")?)?,
        severity: severity(&row.try_get::<String, _>("severity")?)?,
        event_id: row.try_get::<Uuid, _>("event_id")?,
        other_event_id: row.try_get("other_event_id")?,
        start: row.try_get("starts_at")?,
        end: row.try_get("ends_at")?,
        subject: row.try_get("subject")?,
        detail: row.try_get("detail")?,
    })
}

async fn replace(
    pool: &PgPool,
    event_id: Uuid,
    clashes: &[Clash],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM clashes WHERE event_id = $1 OR other_event_id = $1")
        .bind(event_id)
        .execute(&mut *tx)
        .await?;
    let kept: Vec<&Clash> = clashes.iter().filter(|c| c.involves(event_id)).collect();
    if !kept.is_empty() {
        let ids: Vec<Uuid> = kept.iter().map(|c| c.id).collect();
        let kinds: Vec<&str> = kept.iter().map(|c| c.kind.as_str()).collect();
        let severities: Vec<&str> = kept.iter().map(|c| c.severity.as_str()).collect();
        let events: Vec<Uuid> = kept.iter().map(|c| c.event_id).collect();
        let others: Vec<Option<Uuid>> = kept.iter().map(|c| c.other_event_id).collect();
        let starts: Vec<DateTime<Utc>> = kept.iter().map(|c| c.start).collect();
        let ends: Vec<DateTime<Utc>> = kept.iter().map(|c| c.end).collect();
        let subjects: Vec<Option<&str>> = kept.iter().map(|c| c.subject.as_deref()).collect();
        let details: Vec<&str> = kept.iter().map(|c| c.detail.as_str()).collect();
        sqlx::query(
            "INSERT INTO clashes (id, kind, severity, event_id, other_event_id, starts_at, ends_at, \
             subject, detail, detected_at) \
             SELECT *, $10 FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], \
             $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[]) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&ids)
        .bind(&kinds)
        .bind(&severities)
        .bind(&events)
        .bind(&others)
        .bind(&starts)
        .bind(&ends)
        .bind(&subjects)
        .bind(&details)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn list(pool: &PgPool, filter: &ClashFilter) -> StoreResult<Vec<Clash>> {
    let mut q: QueryBuilder<Postgres> = QueryBuilder::new(format!(
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
        q.push(" AND c.ends_at > ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" AND c.starts_at < ").push_bind(to);
    }
    if let Some(s) = filter.severity {
        q.push(" AND c.severity = ").push_bind(s.as_str());
    }
    if let Some(k) = filter.kind {
        q.push(" AND c.kind = ").push_bind(k.as_str());
    }
    if let Some(id) = filter.event_id {
        q.push(" AND (c.event_id = ")
            .push_bind(id)
            .push(" OR c.other_event_id = ")
            .push_bind(id)
            .push(")");
    }
    q.push(" ORDER BY c.starts_at, c.id");
    let rows = q.build().fetch_all(pool).await?;
    Ok(sorted(rows.iter().map(clash).collect::<StoreResult<_>>()?))
}

async fn get(pool: &PgPool, id: Uuid) -> StoreResult<Option<Clash>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM clashes c WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(clash).transpose()
}

fn resolution(row: &PgRow) -> StoreResult<ClashResolution> {
    Ok(ClashResolution {
        id: row.try_get::<Uuid, _>("id")?,
        resolved_at: row.try_get("resolved_at")?,
        record: NewResolution {
            clash_id: row.try_get::<Uuid, _>("clash_id")?,
            event_id: row.try_get::<Uuid, _>("event_id")?,
            resolved_by: row.try_get("resolved_by")?,
            action: row.try_get("action")?,
            clash: row.try_get("clash")?,
            version_before: row.try_get("version_before")?,
            version_after: row.try_get("version_after")?,
        },
    })
}

async fn record(
    conn: &mut sqlx::PgConnection,
    new: &NewResolution,
    now: DateTime<Utc>,
) -> StoreResult<ClashResolution> {
    let id = Uuid::new_v4();
    // Whole seconds, as on SQLite, so what is returned is what is read back.
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or_default();
    sqlx::query(
        "INSERT INTO clash_resolutions (id, clash_id, event_id, resolved_by, resolved_at, action, \
         clash, version_before, version_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(new.clash_id)
    .bind(new.event_id)
    .bind(&new.resolved_by)
    .bind(now)
    .bind(&new.action)
    .bind(&new.clash)
    .bind(new.version_before)
    .bind(new.version_after)
    .execute(&mut *conn)
    .await?;
    Ok(ClashResolution {
        id,
        resolved_at: now,
        record: new.clone(),
    })
}

async fn history(pool: &PgPool, clash_id: Uuid) -> StoreResult<Vec<ClashResolution>> {
    let rows = sqlx::query(
        "SELECT id, clash_id, event_id, resolved_by, resolved_at, action, clash, version_before, \
         version_after FROM clash_resolutions WHERE clash_id = $1 ORDER BY resolved_at, id",
    )
    .bind(clash_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(resolution).collect()
}

#[async_trait::async_trait]
impl ClashStore for PostgresStore {
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
        let (pool, clock, p) = (&self.pool, &self.clock, &p);
        events::retrying(pool, p, || async move {
            let now = clock.now();
            let mut tx = pool.begin().await?;
            let event = events::rewrite(&mut tx, p, Some(expected_version), true, now).await?;
            bump_revision(&mut tx, now).await?;
            let recorded = record(&mut tx, &resolution.after(&event), now).await?;
            tx.commit().await?;
            Ok((event, recorded))
        })
        .await
    }

    async fn clash_resolutions(&self, clash_id: Uuid) -> StoreResult<Vec<ClashResolution>> {
        history(&self.pool, clash_id).await
    }
}
