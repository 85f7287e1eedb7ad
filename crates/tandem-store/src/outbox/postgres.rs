//! The outbox on PostgreSQL. Messages are written inside the event change's transaction;
//! due messages are claimed with one statement, as calendars are: a CTE picks them with
//! `FOR UPDATE SKIP LOCKED` and `UPDATE … FROM` it leases them, so instances racing for work
//! skip the rows another is claiming, re-check the lease of rows claimed meanwhile and lease
//! at most their limit; each message is leased to one instance at a time. Times come from
//! the store's clock (see `calendars::postgres`).

use chrono::{DateTime, Duration, Utc};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, PgPool, Row};
use tandem_core::{Attendance, EmailAddress, Language, Participant, ParticipantId, Zone};
use uuid::Uuid;

use super::{DeliveryOutcome, NewMessage, OutboxMessage};
use crate::{StoreError, StoreResult};
use tandem_core::Event;

const COLUMNS: &str = "id, event_id, participant_id, participant_name, participant_tz, \
    participant_attendance, participant_required, participant_language, recipient, kind, sequence, \
    state, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("outbox {what}"))
}

fn message(row: &PgRow) -> StoreResult<OutboxMessage> {
    let participant_id: String = row.try_get("participant_id")?;
    let recipient = EmailAddress::parse(&row.try_get::<String, _>("recipient")?)
        .map_err(|_| corrupt("recipient"))?;
    Ok(OutboxMessage {
        id: row.try_get("id")?,
        event_id: row.try_get("event_id")?,
        message: NewMessage {
            participant: Participant {
                id: ParticipantId::parse(&participant_id).map_err(|_| corrupt("participant"))?,
                name: row.try_get("participant_name")?,
                tz: Zone::parse(&row.try_get::<String, _>("participant_tz")?)
                    .map_err(|_| corrupt("participant zone"))?,
                attendance: row
                    .try_get::<String, _>("participant_attendance")?
                    .parse::<Attendance>()
                    .map_err(|_| corrupt("attendance"))?,
                required: row.try_get("participant_required")?,
                email: Some(recipient.clone()),
                language: row
                    .try_get::<Option<String>, _>("participant_language")?
                    .map(|l| l.parse::<Language>().map_err(|_| corrupt("language")))
                    .transpose()?,
            },
            recipient,
            kind: row.try_get::<String, _>("kind")?.parse()?,
            sequence: row.try_get("sequence")?,
        },
        state: row.try_get::<String, _>("state")?.parse()?,
        attempts: i64::from(row.try_get::<i32, _>("attempts")?),
        next_attempt_at: row.try_get("next_attempt_at")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        sent_at: row.try_get("sent_at")?,
    })
}

/// Writes the messages that turning `before` into `after` owes, inside the caller's
/// transaction: each supersedes the recipient's pending older messages about the event, and
/// one already written for the same (event, sequence, recipient, kind) is kept as it is.
pub(crate) async fn enqueue(
    conn: &mut PgConnection,
    before: Option<&Event>,
    after: &Event,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let messages = super::messages_for(before, after);
    for m in &messages {
        sqlx::query(
            "UPDATE outbox SET state = 'superseded', updated_at = $1 \
             WHERE event_id = $2 AND recipient = $3 AND state = 'pending' AND sequence <= $4",
        )
        .bind(now)
        .bind(after.id)
        .bind(m.recipient.expose())
        .bind(m.sequence)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO outbox (id, event_id, participant_id, participant_name, participant_tz, \
             participant_attendance, participant_required, participant_language, recipient, kind, \
             sequence, state, attempts, next_attempt_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', 0, $12, $12, $12) \
             ON CONFLICT ON CONSTRAINT outbox_once DO NOTHING",
        )
        .bind(Uuid::new_v4())
        .bind(after.id)
        .bind(m.participant.id.as_str())
        .bind(m.participant.name.as_deref())
        .bind(m.participant.tz.name())
        .bind(m.participant.attendance.as_str())
        .bind(m.participant.required)
        .bind(m.participant.language.map(Language::as_str))
        .bind(m.recipient.expose())
        .bind(m.kind.as_str())
        .bind(m.sequence)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(messages.len())
}

pub(crate) async fn claim(
    pool: &PgPool,
    owner: &str,
    lease: Duration,
    limit: u32,
    now: DateTime<Utc>,
) -> StoreResult<Vec<OutboxMessage>> {
    let mut claimed = sqlx::query(&format!(
        // The CTE runs once: an `IN (SELECT … LIMIT)` subquery may be evaluated again by the
        // plan and lease more than `limit` rows.
        "WITH due AS (SELECT id AS due_id FROM outbox WHERE state = 'pending' \
         AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
         ORDER BY next_attempt_at, created_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
         UPDATE outbox SET lease_owner = $1, lease_until = $2 FROM due WHERE id = due.due_id \
         AND state = 'pending' AND (lease_until IS NULL OR lease_until < $3) RETURNING {COLUMNS}"
    ))
    .bind(owner)
    .bind(now + lease)
    .bind(now)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?
    .iter()
    .map(message)
    .collect::<StoreResult<Vec<_>>>()?;
    claimed.sort_by_key(|m| (m.next_attempt_at, m.created_at, m.id));
    Ok(claimed)
}

pub(crate) async fn finish(
    pool: &PgPool,
    id: Uuid,
    owner: &str,
    outcome: &DeliveryOutcome,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    const RELEASE: &str = "attempts = attempts + 1, lease_owner = NULL, lease_until = NULL";
    let done = match outcome {
        DeliveryOutcome::Sent => {
            sqlx::query(&format!(
            "UPDATE outbox SET state = 'sent', sent_at = $1, updated_at = $1, last_error = NULL, \
                 {RELEASE} WHERE id = $2 AND lease_owner = $3"
        ))
            .bind(now)
            .bind(id)
            .bind(owner)
            .execute(pool)
            .await?
        }
        DeliveryOutcome::Retry { error, at } => {
            sqlx::query(&format!(
            "UPDATE outbox SET next_attempt_at = $1, last_error = $2, updated_at = $3, {RELEASE} \
                 WHERE id = $4 AND lease_owner = $5"
        ))
            .bind(*at)
            .bind(error.as_str())
            .bind(now)
            .bind(id)
            .bind(owner)
            .execute(pool)
            .await?
        }
        DeliveryOutcome::Failed { error } => {
            sqlx::query(&format!(
                "UPDATE outbox SET state = CASE state WHEN 'pending' THEN 'failed' ELSE state END, \
                 last_error = $1, updated_at = $2, {RELEASE} WHERE id = $3 AND lease_owner = $4"
            ))
            .bind(error.as_str())
            .bind(now)
            .bind(id)
            .bind(owner)
            .execute(pool)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn deliveries(pool: &PgPool, event_id: Uuid) -> StoreResult<Vec<OutboxMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE event_id = $1 \
         ORDER BY recipient, created_at DESC, sequence DESC, id"
    ))
    .bind(event_id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(message)
    .collect::<StoreResult<Vec<_>>>()?;
    Ok(super::latest_per_recipient(rows))
}

#[async_trait::async_trait]
impl super::Outbox for crate::PostgresStore {
    async fn claim_messages(
        &self,
        owner: &str,
        lease: Duration,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMessage>> {
        claim(&self.pool, owner, lease, limit, self.clock.now()).await
    }

    async fn finish_message(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &DeliveryOutcome,
    ) -> StoreResult<bool> {
        finish(&self.pool, id, owner, outcome, self.clock.now()).await
    }

    async fn deliveries(&self, event_id: Uuid) -> StoreResult<Vec<OutboxMessage>> {
        deliveries(&self.pool, event_id).await
    }
}
