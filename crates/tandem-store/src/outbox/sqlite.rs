//! The outbox on SQLite. Messages are written inside the event change's `BEGIN IMMEDIATE`
//! transaction; claims run in one too, so SQLite's single writer lock orders them and a due
//! message is leased once.

use chrono::{DateTime, Duration, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};
use tandem_core::{Attendance, EmailAddress, Language, Participant, ParticipantId, Zone};
use uuid::Uuid;

use super::{DeliveryOutcome, NewMessage, OutboxMessage};
use crate::{StoreError, StoreResult};
use tandem_core::Event;

const COLUMNS: &str = "id, event_id, participant_id, participant_name, participant_tz, \
    participant_attendance, participant_required, participant_language, recipient, kind, sequence, \
    state, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at";

fn ts(instant: DateTime<Utc>) -> i64 {
    instant.timestamp()
}

fn from_ts(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("outbox {what}"))
}

fn message(row: &SqliteRow) -> StoreResult<OutboxMessage> {
    let uuid = |column: &str| -> StoreResult<Uuid> {
        Uuid::parse_str(&row.try_get::<String, _>(column)?).map_err(|_| corrupt(column))
    };
    let participant_id: String = row.try_get("participant_id")?;
    let recipient = EmailAddress::parse(&row.try_get::<String, _>("recipient")?)
        .map_err(|_| corrupt("recipient"))?;
    Ok(OutboxMessage {
        id: uuid("id")?,
        event_id: uuid("event_id")?,
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
                required: row.try_get::<i64, _>("participant_required")? != 0,
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
        attempts: row.try_get("attempts")?,
        next_attempt_at: from_ts(row.try_get("next_attempt_at")?),
        last_error: row.try_get("last_error")?,
        created_at: from_ts(row.try_get("created_at")?),
        updated_at: from_ts(row.try_get("updated_at")?),
        sent_at: row.try_get::<Option<i64>, _>("sent_at")?.map(from_ts),
    })
}

/// Writes the messages that turning `before` into `after` owes, inside the caller's
/// transaction: each supersedes the recipient's pending older messages about the event, and
/// one already written for the same (event, sequence, recipient, kind) is kept as it is.
pub(crate) async fn enqueue(
    conn: &mut SqliteConnection,
    before: Option<&Event>,
    after: &Event,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let messages = super::messages_for(before, after);
    for m in &messages {
        sqlx::query(
            "UPDATE outbox SET state = 'superseded', updated_at = ? \
             WHERE event_id = ? AND recipient = ? AND state = 'pending' AND sequence <= ?",
        )
        .bind(ts(now))
        .bind(after.id.to_string())
        .bind(m.recipient.expose())
        .bind(m.sequence)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO outbox (id, event_id, participant_id, participant_name, participant_tz, \
             participant_attendance, participant_required, participant_language, recipient, kind, \
             sequence, state, attempts, next_attempt_at, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) \
             ON CONFLICT (event_id, sequence, recipient, kind) DO NOTHING",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(after.id.to_string())
        .bind(m.participant.id.as_str())
        .bind(m.participant.name.as_deref())
        .bind(m.participant.tz.name())
        .bind(m.participant.attendance.as_str())
        .bind(i64::from(m.participant.required))
        .bind(m.participant.language.map(Language::as_str))
        .bind(m.recipient.expose())
        .bind(m.kind.as_str())
        .bind(m.sequence)
        .bind(ts(now))
        .bind(ts(now))
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
    }
    Ok(messages.len())
}

pub(crate) async fn claim(
    pool: &SqlitePool,
    owner: &str,
    lease: Duration,
    limit: u32,
    now: DateTime<Utc>,
) -> StoreResult<Vec<OutboxMessage>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let claimed = sqlx::query(&format!(
        "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM outbox \
         WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) \
         ORDER BY next_attempt_at, created_at, id LIMIT ?) RETURNING {COLUMNS}"
    ))
    .bind(owner)
    .bind(ts(now + lease))
    .bind(ts(now))
    .bind(ts(now))
    .bind(i64::from(limit))
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(message)
    .collect::<StoreResult<Vec<_>>>()?;
    tx.commit().await?;
    let mut claimed = claimed;
    claimed.sort_by_key(|m| (m.next_attempt_at, m.created_at, m.id));
    Ok(claimed)
}

pub(crate) async fn finish(
    pool: &SqlitePool,
    id: Uuid,
    owner: &str,
    outcome: &DeliveryOutcome,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    const RELEASE: &str = "attempts = attempts + 1, lease_owner = NULL, lease_until = NULL";
    let done = match outcome {
        DeliveryOutcome::Sent => {
            sqlx::query(&format!(
                "UPDATE outbox SET state = 'sent', sent_at = ?, updated_at = ?, last_error = NULL, \
                 {RELEASE} WHERE id = ? AND lease_owner = ?"
            ))
            .bind(ts(now))
            .bind(ts(now))
            .bind(id.to_string())
            .bind(owner)
            .execute(pool)
            .await?
        }
        DeliveryOutcome::Retry { error, at } => {
            sqlx::query(&format!(
                "UPDATE outbox SET next_attempt_at = ?, last_error = ?, updated_at = ?, {RELEASE} \
                 WHERE id = ? AND lease_owner = ?"
            ))
            .bind(ts(*at))
            .bind(error.as_str())
            .bind(ts(now))
            .bind(id.to_string())
            .bind(owner)
            .execute(pool)
            .await?
        }
        DeliveryOutcome::Failed { error } => {
            sqlx::query(&format!(
                "UPDATE outbox SET state = CASE state WHEN 'pending' THEN 'failed' ELSE state END, \
                 last_error = ?, updated_at = ?, {RELEASE} WHERE id = ? AND lease_owner = ?"
            ))
            .bind(error.as_str())
            .bind(ts(now))
            .bind(id.to_string())
            .bind(owner)
            .execute(pool)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn deliveries(
    pool: &SqlitePool,
    event_id: Uuid,
) -> StoreResult<Vec<OutboxMessage>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE event_id = ? \
         ORDER BY recipient, created_at DESC, sequence DESC, rowid DESC"
    ))
    .bind(event_id.to_string())
    .fetch_all(pool)
    .await?
    .iter()
    .map(message)
    .collect::<StoreResult<Vec<_>>>()?;
    Ok(super::latest_per_recipient(rows))
}

#[async_trait::async_trait]
impl super::Outbox for crate::SqliteStore {
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
