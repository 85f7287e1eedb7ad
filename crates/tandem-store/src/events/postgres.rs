//! Events on PostgreSQL. Room double booking is refused by the exclusion constraint
//! [`ROOM_NO_OVERLAP`] on `event_occurrences`, so no interleaving of instances can slip
//! past it; a write it refuses becomes [`StoreError::RoomTaken`] naming the events that
//! hold the room ([`write_failed`]).

use std::future::Future;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::query_builder::Separated;
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder, Row};
use tandem_core::{EmailAddress, EventDraft, EventStatus, Interval, Language};
use tracing::instrument;
use uuid::Uuid;

use super::{
    check_room, check_version, forward_links, listing, moved, no_alongside, occurrence_rows,
    participant_rows, Basis, CoLocation, Event, EventCursor, EventFilter, EventStore,
    Neighbourhood, Prepared, RawEvent, RawParticipant, SeedEvent, COLUMNS, WRITTEN,
};
use crate::error::{RoomClash, StoreError, StoreResult};
use crate::meta::postgres::bump_revision;
use crate::postgres::PostgresStore;
use crate::rows::{self, MAX_BINDS};

/// Name of the constraint that refuses double bookings; part of the contract.
pub const ROOM_NO_OVERLAP: &str = "events_room_no_overlap";

fn raw_event(row: &PgRow) -> Result<RawEvent, StoreError> {
    Ok(RawEvent {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        kind: row.try_get("kind")?,
        mode: row.try_get("mode")?,
        status: row.try_get("status")?,
        region: row.try_get("region")?,
        group_code: row.try_get("group_code")?,
        venue_id: row.try_get("venue_id")?,
        room_id: row.try_get("room_id")?,
        tz: row.try_get("tz")?,
        local_start: row.try_get("local_start")?,
        local_end: row.try_get("local_end")?,
        rrule: row.try_get("rrule")?,
        co_located_with: row.try_get("co_located_with")?,
        remote_url: row.try_get("remote_url")?,
        sequence: row.try_get("sequence")?,
        version: row.try_get("version")?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
        last_ends_at: row.try_get("last_ends_at")?,
        tzdata_version: row.try_get("tzdata_version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn raw_participant(row: &PgRow) -> Result<RawParticipant, StoreError> {
    Ok(RawParticipant {
        event_id: row.try_get("event_id")?,
        participant_id: row.try_get("participant_id")?,
        name: row.try_get("name")?,
        tz: row.try_get("tz")?,
        attendance: row.try_get("attendance")?,
        required: row.try_get("required")?,
        email: row.try_get("email")?,
        language: row.try_get("language")?,
    })
}

/// True when PostgreSQL aborted the transaction to break a deadlock or a serialization
/// conflict: two series of occurrences inserted at once can wait on each other.
fn is_retryable(error: &StoreError) -> bool {
    match error {
        StoreError::Database(e) => e
            .as_database_error()
            .and_then(sqlx::error::DatabaseError::code)
            .is_some_and(|code| code == "40P01" || code == "40001"),
        _ => false,
    }
}

/// Attempts of a write aborted by a deadlock before giving up.
const WRITE_ATTEMPTS: usize = 3;

/// True when `error` is a violation of the room exclusion constraint.
fn is_room_overlap(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.constraint() == Some(ROOM_NO_OVERLAP))
}
/// One index range of a keyset listing (`listing`): `(SELECT … ORDER BY starts_at, id)`.
fn push_listing_arm(q: &mut QueryBuilder<'_, Postgres>, filter: &EventFilter, arm: &listing::Arm) {
    q.push(format!("(SELECT {COLUMNS} FROM events WHERE "));
    match listing::Driver::of(filter) {
        listing::Driver::Venue => q
            .push("venue_id = ")
            .push_bind(filter.venue_id)
            .push(" AND "),
        listing::Driver::Group => q
            .push("group_code = ")
            .push_bind(filter.group.clone())
            .push(" AND "),
        listing::Driver::Region => q
            .push("region = ")
            .push_bind(filter.region.map(tandem_core::RegionCode::code))
            .push(" AND "),
        listing::Driver::Status => q,
    };
    q.push("status = ")
        .push_bind(arm.status.as_str())
        .push(" AND span_class = ")
        .push_bind(arm.span_class);
    match arm.start {
        listing::ArmStart::Any => {}
        listing::ArmStart::After(lower) => {
            q.push(" AND starts_at > ").push_bind(lower);
        }
        listing::ArmStart::Cursor(c) => {
            q.push(" AND (starts_at, id) > (")
                .push_bind(c.starts_at)
                .push(", ")
                .push_bind(c.id)
                .push(")");
        }
    }
    if let Some(to) = filter.to {
        q.push(" AND starts_at < ").push_bind(to);
    }
    if let Some(from) = filter.from {
        q.push(" AND last_ends_at > ").push_bind(from);
    }
    // The equality filters that do not drive are checked on the rows.
    let driver = listing::Driver::of(filter);
    if let (Some(region), false) = (filter.region, driver == listing::Driver::Region) {
        q.push(" AND region = ").push_bind(region.code());
    }
    if let (Some(group), false) = (&filter.group, driver == listing::Driver::Group) {
        q.push(" AND group_code = ").push_bind(group.clone());
    }
    if !filter.kinds.is_empty() {
        let kinds: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
        q.push(" AND kind = ANY(").push_bind(kinds).push(")");
    }
    q.push(" ORDER BY starts_at, id)");
}

/// Binds the [`WRITTEN`] columns of `p`, in their order: the one place PostgreSQL writes them.
fn push_written<'a>(
    b: &mut Separated<'_, 'a, Postgres, &'static str>,
    p: &Prepared<'a>,
    now: DateTime<Utc>,
) {
    let d: &'a EventDraft = p.draft;
    b.push_bind(d.title.as_str())
        .push_bind(d.description.as_deref())
        .push_bind(d.kind.as_str())
        .push_bind(d.mode.as_str())
        .push_bind(d.status.as_str())
        .push_bind(d.region.code())
        .push_bind(d.group.as_deref())
        .push_bind(d.venue_id)
        .push_bind(d.room_id)
        .push_bind(d.timing.zone().name())
        .push_bind(rows::local_text(d.timing.local_start()))
        .push_bind(rows::local_text(d.timing.local_end()))
        .push_bind(d.timing.rrule().map(|r| r.as_str().to_owned()))
        .push_bind(d.co_located_with)
        .push_bind(d.remote_url.as_deref())
        .push_bind(p.first.start)
        .push_bind(p.first.end)
        .push_bind(p.last_end)
        .push_bind(tandem_core::time::tzdata_version())
        .push_bind(now);
}

/// Writes new events with their participants and occurrences inside the caller's
/// transaction (the exclusion constraint checks every occurrence): creation and bulk loads
/// alike. The caller bumps the revision.
pub(crate) async fn insert(
    conn: &mut PgConnection,
    events: &[Prepared<'_>],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for chunk in events.chunks(MAX_BINDS / 24) {
        let mut q = QueryBuilder::<Postgres>::new(format!(
            "INSERT INTO events (id, sequence, version, created_at, {WRITTEN}) "
        ));
        q.push_values(chunk, |mut b, p| {
            b.push_bind(p.id).push("0").push("1").push_bind(now);
            push_written(&mut b, p, now);
        });
        q.build().execute(&mut *conn).await?;
    }
    insert_children(conn, events).await
}

/// Rewrites a stored event inside the caller's transaction if its version is still
/// `expected_version` (the row locked), checking its references; the caller bumps the
/// revision.
pub(crate) async fn rewrite(
    conn: &mut PgConnection,
    p: &Prepared<'_>,
    expected_version: Option<i64>,
    visible_change: bool,
    now: DateTime<Utc>,
) -> StoreResult<Event> {
    let (current, _) = lock_version(conn, p.id).await?;
    check_version(expected_version, current)?;
    let before = event_in(conn, p.id).await?;
    check_references(conn, p.draft, Some(p.id)).await?;
    let mut q = QueryBuilder::<Postgres>::new(format!("UPDATE events SET ({WRITTEN}) = ("));
    let mut columns = q.separated(", ");
    push_written(&mut columns, p, now);
    q.push("), sequence = sequence + ")
        .push_bind(i64::from(visible_change))
        .push(", version = version + 1 WHERE id = ")
        .push_bind(p.id);
    q.build().execute(&mut *conn).await?;
    for table in ["event_participants", "event_occurrences"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE event_id = $1"))
            .bind(p.id)
            .execute(&mut *conn)
            .await?;
    }
    insert_children(conn, std::slice::from_ref(p)).await?;
    let event = event_in(conn, p.id).await?;
    crate::outbox::postgres::enqueue(conn, Some(&before), &event, now).await?;
    Ok(event)
}

/// Writes the participants and occurrences of `events`: two statements whatever their
/// number (each participation carries its event's span, for the neighbourhood query).
async fn insert_children(conn: &mut PgConnection, events: &[Prepared<'_>]) -> StoreResult<()> {
    let participants = participant_rows(events);
    if !participants.is_empty() {
        let event_ids: Vec<Uuid> = participants.iter().map(|(e, _, _)| e.id).collect();
        let ids: Vec<&str> = participants.iter().map(|(_, _, p)| p.id.as_str()).collect();
        let names: Vec<Option<&str>> = participants
            .iter()
            .map(|(_, _, p)| p.name.as_deref())
            .collect();
        let zones: Vec<&str> = participants.iter().map(|(_, _, p)| p.tz.name()).collect();
        let attendance: Vec<&str> = participants
            .iter()
            .map(|(_, _, p)| p.attendance.as_str())
            .collect();
        let required: Vec<bool> = participants.iter().map(|(_, _, p)| p.required).collect();
        let emails: Vec<Option<&str>> = participants
            .iter()
            .map(|(_, _, p)| p.email.as_ref().map(EmailAddress::expose))
            .collect();
        let languages: Vec<Option<&str>> = participants
            .iter()
            .map(|(_, _, p)| p.language.map(Language::as_str))
            .collect();
        let positions: Vec<i32> = participants
            .iter()
            .map(|(_, i, _)| rows::position(*i))
            .collect();
        let starts: Vec<DateTime<Utc>> =
            participants.iter().map(|(e, _, _)| e.first.start).collect();
        let last_ends: Vec<DateTime<Utc>> =
            participants.iter().map(|(e, _, _)| e.last_end).collect();
        sqlx::query(
            "INSERT INTO event_participants (event_id, participant_id, name, tz, attendance, required, position, \
             starts_at, last_ends_at, email, language) \
             SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], \
             $7::int4[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[])",
        )
        .bind(&event_ids)
        .bind(&ids)
        .bind(&names)
        .bind(&zones)
        .bind(&attendance)
        .bind(&required)
        .bind(&positions)
        .bind(&starts)
        .bind(&last_ends)
        .bind(&emails)
        .bind(&languages)
        .execute(&mut *conn)
        .await?;
    }
    let occurrences: Vec<_> = occurrence_rows(events)
        .into_iter()
        .map(|(p, o)| (p.id, p.draft.room_id, o, p.confirmed()))
        .collect();
    insert_occurrences(conn, &occurrences).await
}

/// Writes `(event, room, occurrence, confirmed)` rows in one statement.
async fn insert_occurrences(
    conn: &mut PgConnection,
    occurrences: &[(Uuid, Option<Uuid>, Interval, bool)],
) -> StoreResult<()> {
    if occurrences.is_empty() {
        return Ok(());
    }
    let events: Vec<Uuid> = occurrences.iter().map(|o| o.0).collect();
    let rooms: Vec<Option<Uuid>> = occurrences.iter().map(|o| o.1).collect();
    let starts: Vec<DateTime<Utc>> = occurrences.iter().map(|o| o.2.start).collect();
    let ends: Vec<DateTime<Utc>> = occurrences.iter().map(|o| o.2.end).collect();
    let confirmed: Vec<bool> = occurrences.iter().map(|o| o.3).collect();
    sqlx::query(
        "INSERT INTO event_occurrences (event_id, room_id, starts_at, ends_at, confirmed) \
         SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::bool[])",
    )
    .bind(&events)
    .bind(&rooms)
    .bind(&starts)
    .bind(&ends)
    .bind(&confirmed)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Runs `write` (one transaction) again when PostgreSQL aborted it to break a deadlock, and
/// maps a refusal by the room constraint to [`StoreError::RoomTaken`] naming the events that
/// hold `p`'s room.
pub(crate) async fn retrying<T, F, Fut>(
    pool: &PgPool,
    p: &Prepared<'_>,
    mut write: F,
) -> StoreResult<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = StoreResult<T>>,
{
    let mut attempt = 1;
    loop {
        match write().await {
            Ok(done) => return Ok(done),
            Err(e) if is_retryable(&e) && attempt < WRITE_ATTEMPTS => attempt += 1,
            Err(e) => {
                return Err(write_failed(pool, e, p.draft.room_id, &p.occurrences, p.id).await)
            }
        }
    }
}

/// The confirmed events that hold `room` during any of `occurrences` (outside `own_id`).
async fn room_clashes(
    pool: &PgPool,
    room: Uuid,
    occurrences: &[Interval],
    own_id: Uuid,
) -> StoreResult<Vec<RoomClash>> {
    let starts: Vec<DateTime<Utc>> = occurrences.iter().map(|o| o.start).collect();
    let ends: Vec<DateTime<Utc>> = occurrences.iter().map(|o| o.end).collect();
    let rows = sqlx::query(
        "SELECT DISTINCT o.event_id, e.title, o.starts_at, o.ends_at FROM event_occurrences o \
         JOIN events e ON e.id = o.event_id \
         JOIN UNNEST($2::timestamptz[], $3::timestamptz[]) AS w(s, t) ON o.during && tstzrange(w.s, w.t, '[)') \
         WHERE o.room_id = $1 AND o.confirmed AND o.event_id <> $4 ORDER BY o.starts_at",
    )
    .bind(room)
    .bind(&starts)
    .bind(&ends)
    .bind(own_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RoomClash {
                event_id: r.try_get("event_id")?,
                title: r.try_get("title")?,
                start: r.try_get("starts_at")?,
                end: r.try_get("ends_at")?,
            })
        })
        .collect()
}

/// Maps a failed write: a room-overlap violation becomes [`StoreError::RoomTaken`] with
/// the events now holding the room.
async fn write_failed(
    pool: &PgPool,
    error: StoreError,
    room: Option<Uuid>,
    occurrences: &[Interval],
    own_id: Uuid,
) -> StoreError {
    let overlap = match &error {
        StoreError::Database(e) => is_room_overlap(e),
        _ => false,
    };
    match (overlap, room) {
        (true, Some(room)) => match room_clashes(pool, room, occurrences, own_id).await {
            Ok(clashes) => StoreError::RoomTaken(clashes),
            Err(e) => e,
        },
        _ => error,
    }
}

/// Checks that the venue, room and co-located event a draft names exist and fit.
async fn check_references(
    conn: &mut PgConnection,
    draft: &EventDraft,
    own_id: Option<Uuid>,
) -> StoreResult<()> {
    let venue = match draft.venue_id {
        Some(id) => crate::venues::postgres::venue_in(conn, id).await?,
        None => None,
    };
    check_room(draft, venue.as_ref())?;
    if let Some(other) = draft.co_located_with {
        let exists = own_id != Some(other)
            && sqlx::query("SELECT 1 FROM events WHERE id = $1")
                .bind(other)
                .fetch_optional(&mut *conn)
                .await?
                .is_some();
        if !exists {
            return Err(no_alongside(other));
        }
    }
    Ok(())
}

async fn lock_version(conn: &mut PgConnection, id: Uuid) -> StoreResult<(i64, String)> {
    let row = sqlx::query("SELECT version, status FROM events WHERE id = $1 FOR UPDATE")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound {
            entity: "event",
            id,
        })?;
    Ok((row.try_get("version")?, row.try_get("status")?))
}

async fn load_events(conn: &mut PgConnection, rows: Vec<PgRow>) -> StoreResult<Vec<Event>> {
    let raws = rows.iter().map(raw_event).collect::<Result<Vec<_>, _>>()?;
    if raws.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = raws.iter().map(|r| r.id).collect();
    let participants = sqlx::query(
        "SELECT event_id, participant_id, name, tz, attendance, required, email, language \
         FROM event_participants \
         WHERE event_id = ANY($1) ORDER BY event_id, position",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(raw_participant)
    .collect::<Result<Vec<_>, _>>()?;
    super::events(raws, participants)
}

/// One event, read on the caller's connection.
pub(crate) async fn event_in(conn: &mut PgConnection, id: Uuid) -> StoreResult<Event> {
    let not_found = || StoreError::NotFound {
        entity: "event",
        id,
    };
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM events WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(not_found)?;
    load_events(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(not_found)
}

impl PostgresStore {
    /// Events by the keyset shape of `listing`: one ordered index range per (status, span
    /// class), merged, `limit` rows.
    async fn events_by_keyset(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let mut q = QueryBuilder::<Postgres>::new(format!("SELECT {COLUMNS} FROM ("));
        for (i, arm) in listing::arms(filter, cursor).iter().enumerate() {
            if i > 0 {
                q.push(" UNION ALL ");
            }
            push_listing_arm(&mut q, filter, arm);
        }
        // OFFSET 0 keeps the occurrence test above the merge (once, not once per range), and
        // inside it keeps the test a probe per row: PostgreSQL would otherwise hash every
        // occurrence of the window once, which costs what the window holds, not a page.
        q.push(" ORDER BY starts_at, id OFFSET 0) e");
        if let (Some(from), Some(to), true) = (
            filter.from,
            filter.to,
            listing::needs_occurrence_test(filter),
        ) {
            q.push(" WHERE e.starts_at >= ")
                .push_bind(from)
                .push(" OR EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND o.ends_at > ")
                .push_bind(from)
                .push(" AND o.starts_at < ")
                .push_bind(to)
                .push(" OFFSET 0)");
        }
        q.push(" ORDER BY starts_at, id LIMIT ")
            .push_bind(i64::from(limit));
        // The plan is the ordered merge of index scans, nothing else: generic (a custom plan
        // would be made for every request, and planning the ranges takes ~20 ms), without
        // sorts or bitmap scans, which read a whole range where the merge stops after a
        // page (the planner's estimates for open ranges chose them: at 100,000 events a
        // page deep into the list read 83,000 rows instead of about 60).
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), \
             set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)",
        )
        .execute(&mut *tx)
        .await?;
        let rows = q.build().fetch_all(&mut *tx).await?;
        let events = load_events(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(events)
    }

    /// Events by participant or id (see `listing`): the filter's own indexes lead.
    async fn events_by_scan(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let mut q =
            QueryBuilder::<Postgres>::new(format!("SELECT {COLUMNS} FROM events e WHERE TRUE"));
        if let Some(region) = filter.region {
            q.push(" AND region = ").push_bind(region.code());
        }
        if let Some(group) = &filter.group {
            q.push(" AND group_code = ").push_bind(group.clone());
        }
        if let Some(venue) = filter.venue_id {
            q.push(" AND venue_id = ").push_bind(venue);
        }
        if let Some(id) = filter.id {
            q.push(" AND id = ").push_bind(id);
        }
        if !filter.kinds.is_empty() {
            let kinds: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
            q.push(" AND kind = ANY(").push_bind(kinds).push(")");
        }
        if let Some(participant) = &filter.participant {
            q.push(" AND EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.participant_id = ")
                .push_bind(participant.clone())
                .push(")");
        }
        if !filter.statuses.is_empty() {
            let statuses: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
            q.push(" AND status = ANY(").push_bind(statuses).push(")");
        }
        // The event's span (first start to last end) overlaps the window whenever one of
        // its occurrences does: a necessary condition the span GiST indexes answer together
        // with the region, group or venue (migration 20261128000004).
        match (filter.from, filter.to) {
            (Some(from), Some(to)) if from < to => {
                q.push(" AND tstzrange(e.starts_at, e.last_ends_at, '[)') && tstzrange(")
                    .push_bind(from)
                    .push(", ")
                    .push_bind(to)
                    .push(", '[)')");
            }
            (Some(from), _) => {
                q.push(" AND e.last_ends_at > ").push_bind(from);
            }
            _ => {}
        }
        if filter.from.is_some() || filter.to.is_some() {
            q.push(" AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id");
            if let Some(from) = filter.from {
                q.push(" AND o.ends_at > ").push_bind(from);
            }
            if let Some(to) = filter.to {
                q.push(" AND o.starts_at < ").push_bind(to);
            }
            q.push(")");
        }
        if let Some(c) = cursor {
            q.push(" AND (starts_at, id) > (")
                .push_bind(c.starts_at)
                .push(", ")
                .push_bind(c.id)
                .push(")");
        }
        q.push(" ORDER BY starts_at, id LIMIT ")
            .push_bind(i64::from(limit));
        let mut conn = self.pool.acquire().await?;
        let rows = q.build().fetch_all(&mut *conn).await?;
        load_events(&mut conn, rows).await
    }

    async fn rederive(
        &self,
        id: Uuid,
        occurrences: &[Interval],
        tzdata_version: &str,
    ) -> StoreResult<()> {
        let (first, last_end) = rows::span(occurrences)?;
        let mut tx = self.pool.begin().await?;
        lock_version(&mut tx, id).await?;
        let event = event_in(&mut tx, id).await?;
        sqlx::query(
            "UPDATE events SET starts_at = $1, ends_at = $2, last_ends_at = $3, tzdata_version = $4 WHERE id = $5",
        )
        .bind(first.start)
        .bind(first.end)
        .bind(last_end)
        .bind(tzdata_version)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE event_participants SET starts_at = $1, last_ends_at = $2 WHERE event_id = $3",
        )
        .bind(first.start)
        .bind(last_end)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM event_occurrences WHERE event_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let confirmed = event.status() == EventStatus::Confirmed;
        let rows: Vec<_> = occurrences
            .iter()
            .map(|o| (id, event.draft.room_id, *o, confirmed))
            .collect();
        insert_occurrences(&mut tx, &rows).await?;
        bump_revision(&mut tx, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The live events `n` describes (at most `limit`), on the caller's connection.
async fn neighbours_in(
    conn: &mut PgConnection,
    n: &Neighbourhood,
    limit: u32,
) -> StoreResult<Vec<Event>> {
    let rows = sqlx::query(&format!(
            "WITH candidates AS ( \
               SELECT id FROM events WHERE region = $3 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange($1, $2, '[)') \
               UNION SELECT id FROM events WHERE venue_id = $4 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange($1, $2, '[)') \
               UNION SELECT id FROM events WHERE group_code = $5 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange($1, $2, '[)') \
               UNION SELECT p.event_id FROM UNNEST($6::text[]) AS who (id) JOIN event_participants p \
                 ON p.participant_id = who.id AND tstzrange(p.starts_at, p.last_ends_at, '[)') && tstzrange($1, $2, '[)')) \
             SELECT {COLUMNS} FROM events e WHERE e.id IN (SELECT id FROM candidates) \
               AND ($7::uuid IS NULL OR e.id <> $7) AND e.status IN ('proposed', 'confirmed') \
               AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND o.ends_at > $1 AND o.starts_at < $2) \
             ORDER BY e.starts_at, e.id LIMIT $8"
        ))
        .bind(n.span.start)
        .bind(n.span.end)
        .bind(n.region.code())
        .bind(n.venue_id)
        .bind(n.group.as_deref())
        .bind(&n.participants)
        .bind(n.exclude)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
    load_events(conn, rows).await
}

#[async_trait]
impl EventStore for PostgresStore {
    #[instrument(skip_all, fields(title = %draft.title))]
    async fn create_event(&self, draft: &EventDraft) -> StoreResult<Event> {
        let p = Prepared::new(Uuid::new_v4(), draft)?;
        let (pool, clock, p) = (&self.pool, &self.clock, &p);
        retrying(pool, p, || async move {
            let now = clock.now();
            let mut tx = pool.begin().await?;
            check_references(&mut tx, p.draft, None).await?;
            insert(&mut tx, std::slice::from_ref(p), now).await?;
            bump_revision(&mut tx, now).await?;
            let event = event_in(&mut tx, p.id).await?;
            crate::outbox::postgres::enqueue(&mut tx, None, &event, now).await?;
            tx.commit().await?;
            Ok(event)
        })
        .await
    }

    async fn event(&self, id: Uuid) -> StoreResult<Event> {
        let mut conn = self.pool.acquire().await?;
        event_in(&mut conn, id).await
    }

    async fn events(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        if listing::applies(filter) {
            self.events_by_keyset(filter, cursor, limit).await
        } else {
            self.events_by_scan(filter, cursor, limit).await
        }
    }

    async fn neighbours(
        &self,
        neighbourhood: &Neighbourhood,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        // Each branch of the union is served by its own index: the span GiST indexes with the
        // region, venue or group (migration 20261128000004), and the participants' one, probed
        // once per participant (20261128000005: each participation carries its event's span).
        // The plan is the generic one: a custom plan for a quiet period (a span the
        // statistics say holds nearly nothing) scans a GiST index by the span alone, which
        // is slower by one to two orders of magnitude (bench/events.sh, BENCHMARKS.md).
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET LOCAL plan_cache_mode = force_generic_plan")
            .execute(&mut *tx)
            .await?;
        let events = neighbours_in(&mut tx, neighbourhood, limit).await?;
        tx.commit().await?;
        Ok(events)
    }

    #[instrument(skip_all, fields(events = events.len()))]
    async fn create_events(&self, events: &[SeedEvent], basis: &Basis) -> StoreResult<Vec<Event>> {
        let (events, links) = forward_links(events);
        let prepared = Prepared::all(&events)?;
        let now = self.clock.now();
        let mut attempt = 1;
        loop {
            let outcome = async {
                let mut tx = self.pool.begin().await?;
                // Holds off every other write of events (they take ROW EXCLUSIVE) until the
                // commit, and every other batch (the mode conflicts with itself): what is
                // read below stays true until the batch is written.
                sqlx::query("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                let mut read = std::collections::BTreeMap::new();
                for n in &basis.watch {
                    for e in neighbours_in(&mut tx, n, u32::MAX).await? {
                        read.insert(e.id, (e.title().to_owned(), e.version));
                    }
                }
                moved(basis, &read)?;
                for p in &prepared {
                    check_references(&mut tx, p.draft, Some(p.id)).await?;
                    insert(&mut tx, std::slice::from_ref(p), now).await?;
                }
                for (id, other) in &links {
                    sqlx::query("UPDATE events SET co_located_with = $1 WHERE id = $2")
                        .bind(other)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                let mut written = Vec::with_capacity(prepared.len());
                for p in &prepared {
                    let event = event_in(&mut tx, p.id).await?;
                    crate::outbox::postgres::enqueue(&mut tx, None, &event, now).await?;
                    written.push(event);
                }
                bump_revision(&mut tx, now).await?;
                tx.commit().await?;
                Ok::<_, StoreError>(written)
            }
            .await;
            match outcome {
                Err(e) if is_retryable(&e) && attempt < WRITE_ATTEMPTS => attempt += 1,
                other => return other,
            }
        }
    }

    #[instrument(skip_all, fields(%id))]
    async fn update_event(
        &self,
        id: Uuid,
        expected_version: Option<i64>,
        draft: &EventDraft,
        visible_change: bool,
    ) -> StoreResult<Event> {
        let p = Prepared::new(id, draft)?;
        let (pool, clock, p) = (&self.pool, &self.clock, &p);
        retrying(pool, p, || async move {
            let now = clock.now();
            let mut tx = pool.begin().await?;
            let event = rewrite(&mut tx, p, expected_version, visible_change, now).await?;
            bump_revision(&mut tx, now).await?;
            tx.commit().await?;
            Ok(event)
        })
        .await
    }

    #[instrument(skip_all, fields(%id))]
    async fn cancel_event(&self, id: Uuid, expected_version: Option<i64>) -> StoreResult<Event> {
        let mut tx = self.pool.begin().await?;
        let (current, status) = lock_version(&mut tx, id).await?;
        check_version(expected_version, current)?;
        if status != EventStatus::Cancelled.as_str() {
            let before = event_in(&mut tx, id).await?;
            let now = self.clock.now();
            sqlx::query(
                "UPDATE events SET status = 'cancelled', sequence = sequence + 1, version = version + 1, \
                 updated_at = $1 WHERE id = $2",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE event_occurrences SET confirmed = FALSE WHERE event_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            bump_revision(&mut tx, now).await?;
            let after = event_in(&mut tx, id).await?;
            crate::outbox::postgres::enqueue(&mut tx, Some(&before), &after, now).await?;
        }
        let event = event_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok(event)
    }

    async fn events_derived_with_other_tzdata(
        &self,
        tzdata_version: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Event>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM events WHERE tzdata_version <> $1 AND last_ends_at > $2 \
             ORDER BY starts_at, id"
        ))
        .bind(tzdata_version)
        .bind(now)
        .fetch_all(&mut *conn)
        .await?;
        load_events(&mut conn, rows).await
    }

    async fn store_rederived(
        &self,
        id: Uuid,
        occurrences: &[Interval],
        tzdata_version: &str,
    ) -> StoreResult<()> {
        match self.rederive(id, occurrences, tzdata_version).await {
            Ok(()) => Ok(()),
            Err(e) => {
                let room = self.event(id).await.ok().and_then(|e| e.draft.room_id);
                Err(write_failed(&self.pool, e, room, occurrences, id).await)
            }
        }
    }

    async fn co_locations(&self, ids: &[Uuid]) -> StoreResult<Vec<CoLocation>> {
        let links = sqlx::query(
            "SELECT e.id, e.status, e.co_located_with, o.status AS alongside_status \
             FROM events e JOIN events o ON o.id = e.co_located_with \
             WHERE e.id = ANY($1) OR e.co_located_with = ANY($1)",
        )
        .bind(ids)
        .fetch_all(&self.pool)
        .await?;
        links
            .iter()
            .map(|r| {
                Ok(CoLocation {
                    event: r.try_get("id")?,
                    event_status: super::event_status(r.try_get("status")?)?,
                    alongside: r.try_get("co_located_with")?,
                    alongside_status: super::event_status(r.try_get("alongside_status")?)?,
                })
            })
            .collect()
    }
}
