//! The PostgreSQL store, for one or many tandem instances on one database. Room double
//! booking is refused by the exclusion constraint `events_room_no_overlap` on
//! `event_occurrences`, so no interleaving of instances can slip past it.

use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder, Row};
use tandem_core::{
    EmailAddress, EventDraft, EventStatus, GeoPoint, Interval, SharedClock, VenueDraft,
};
use tracing::instrument;
use uuid::Uuid;

use crate::error::{not_recorded, RoomClash, StoreError};
use crate::listing;
use crate::model::{
    CoLocation, Event, EventCursor, EventFilter, FeedTokenRecord, Neighbourhood, NewToken,
    Revision, Room, TokenRecord, Venue,
};
use crate::rows::{self, RawEvent, RawParticipant};
use crate::{Store, StoreResult};

/// Name of the constraint that refuses double bookings; part of the contract.
pub const ROOM_NO_OVERLAP: &str = "events_room_no_overlap";

/// tandem's store on PostgreSQL.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
    /// Where every timestamp this store writes or compares comes from (never the
    /// database's `now()`: see the README's "One clock").
    clock: SharedClock,
}

const EVENT_COLUMNS: &str = "id, title, description, kind, mode, status, region, group_code, \
    venue_id, room_id, tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, \
    version, starts_at, ends_at, last_ends_at, tzdata_version, created_at, updated_at";

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

/// A new event: it has no participants or occurrences to replace yet.
const FRESH: bool = true;

/// True when `error` is a violation of the room exclusion constraint.
fn is_room_overlap(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.constraint() == Some(ROOM_NO_OVERLAP))
}

fn span(occurrences: &[Interval]) -> StoreResult<(Interval, DateTime<Utc>)> {
    let first = *occurrences
        .first()
        .ok_or_else(|| StoreError::InvalidReference {
            field: "rrule",
            message: "the event has no occurrence".into(),
        })?;
    let last_end = occurrences.iter().map(|o| o.end).max().unwrap_or(first.end);
    Ok((first, last_end))
}

/// One index range of a keyset listing (`listing`): `(SELECT … ORDER BY starts_at, id)`.
fn push_listing_arm(q: &mut QueryBuilder<'_, Postgres>, filter: &EventFilter, arm: &listing::Arm) {
    q.push(format!("(SELECT {EVENT_COLUMNS} FROM events WHERE "));
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

/// Bumps the feed revision inside the caller's transaction (the row lock orders commits).
pub(crate) async fn bump_revision(conn: &mut PgConnection, now: DateTime<Utc>) -> StoreResult<()> {
    sqlx::query("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision'")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ('revision_at', $1) \
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
    )
    .bind(now.timestamp().to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn feed_token_record(r: &PgRow) -> Result<FeedTokenRecord, StoreError> {
    Ok(FeedTokenRecord {
        id: r.try_get("id")?,
        participant: r.try_get("participant_id")?,
        created_at: r.try_get("created_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

fn check_version(expected: Option<i64>, current: i64) -> StoreResult<()> {
    match expected {
        Some(expected) if expected != current => {
            Err(StoreError::VersionMismatch { expected, current })
        }
        _ => Ok(()),
    }
}

impl PostgresStore {
    /// Connects to `url` and runs the migrations (under PostgreSQL's advisory lock, so
    /// several instances may start at once); every timestamp the store writes comes from
    /// `clock`.
    pub async fn connect(
        url: &str,
        pool: crate::PoolSettings,
        clock: SharedClock,
    ) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url).map_err(|e| {
            StoreError::Config(format!(
                "invalid PostgreSQL URL '{}': {e}",
                crate::redact_url(url)
            ))
        })?;
        let pool = PgPoolOptions::new()
            .max_connections(pool.max_connections.max(1))
            .acquire_timeout(pool.acquire_timeout)
            // No ping before every checkout (a round trip each, six or more per event write):
            // a connection the server dropped fails its next statement, which answers 503
            // with Retry-After (StoreError::Unavailable), and the pool discards it.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        sqlx::migrate!("../../migrations/postgres")
            .run(&pool)
            .await?;
        Ok(Self { pool, clock })
    }

    /// Events by the keyset shape of `listing`: one ordered index range per (status, span
    /// class), merged, `limit` rows.
    async fn events_by_keyset(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let mut q = QueryBuilder::<Postgres>::new(format!("SELECT {EVENT_COLUMNS} FROM ("));
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
        let events = Self::load_events(&mut tx, rows).await?;
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
        let mut q = QueryBuilder::<Postgres>::new(format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE TRUE"
        ));
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
        Self::load_events(&mut conn, rows).await
    }

    async fn load_events(conn: &mut PgConnection, rows: Vec<PgRow>) -> StoreResult<Vec<Event>> {
        let raws = rows.iter().map(raw_event).collect::<Result<Vec<_>, _>>()?;
        if raws.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = raws.iter().map(|r| r.id).collect();
        let participants = sqlx::query(
            "SELECT event_id, participant_id, name, tz, attendance, required, email FROM event_participants \
             WHERE event_id = ANY($1) ORDER BY event_id, position",
        )
        .bind(&ids)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(raw_participant)
        .collect::<Result<Vec<_>, _>>()?;
        rows::events(raws, participants)
    }

    async fn event_in(conn: &mut PgConnection, id: Uuid) -> StoreResult<Event> {
        let row = sqlx::query(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "event",
                id,
            })?;
        Self::load_events(conn, vec![row])
            .await?
            .pop()
            .ok_or(StoreError::NotFound {
                entity: "event",
                id,
            })
    }

    async fn venue_in(conn: &mut PgConnection, id: Uuid) -> StoreResult<Option<Venue>> {
        let Some(row) = sqlx::query(
            "SELECT id, name, city, country, tz, weekend, holiday_calendar, latitude, longitude, created_at, updated_at \
             FROM venues WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let rooms = sqlx::query(
            "SELECT id, name, capacity FROM rooms WHERE venue_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(Room {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                capacity: u32::try_from(r.try_get::<i32, _>("capacity")?).unwrap_or(0),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(Venue {
            id,
            name: row.try_get("name")?,
            city: row.try_get("city")?,
            country: row.try_get("country")?,
            tz: rows::zone(&row.try_get::<String, _>("tz")?)?,
            weekend: rows::weekend(&row.try_get::<String, _>("weekend")?)?,
            holiday_calendar: row.try_get("holiday_calendar")?,
            rooms,
            geo: match (
                row.try_get::<Option<f64>, _>("latitude")?,
                row.try_get::<Option<f64>, _>("longitude")?,
            ) {
                (Some(lat), Some(lon)) => Some(GeoPoint { lat, lon }),
                _ => None,
            },
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        }))
    }

    async fn check_references(
        conn: &mut PgConnection,
        draft: &EventDraft,
        own_id: Option<Uuid>,
    ) -> StoreResult<()> {
        if let Some(venue_id) = draft.venue_id {
            let venue = Self::venue_in(conn, venue_id).await?.ok_or_else(|| {
                StoreError::InvalidReference {
                    field: "venue_id",
                    message: format!("no venue with id {venue_id}"),
                }
            })?;
            if let Some(room_id) = draft.room_id {
                if venue.room(room_id).is_none() {
                    return Err(StoreError::InvalidReference {
                        field: "room_id",
                        message: format!("venue {venue_id} has no room {room_id}"),
                    });
                }
            }
        } else if draft.room_id.is_some() {
            return Err(StoreError::InvalidReference {
                field: "room_id",
                message: "a room needs its venue_id".into(),
            });
        }
        if let Some(other) = draft.co_located_with {
            let exists = own_id != Some(other)
                && sqlx::query("SELECT 1 FROM events WHERE id = $1")
                    .bind(other)
                    .fetch_optional(&mut *conn)
                    .await?
                    .is_some();
            if !exists {
                return Err(StoreError::InvalidReference {
                    field: "co_located_with",
                    message: format!("no other event with id {other}"),
                });
            }
        }
        Ok(())
    }

    /// The confirmed events that hold `room` during any of `occurrences` (outside `own_id`).
    async fn room_clashes(
        &self,
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
        .fetch_all(&self.pool)
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
        &self,
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
            (true, Some(room)) => match self.room_clashes(room, occurrences, own_id).await {
                Ok(clashes) => StoreError::RoomTaken(clashes),
                Err(e) => e,
            },
            _ => error,
        }
    }

    /// Writes an event's participants and occurrences (replacing earlier ones unless the
    /// event is `fresh`): two statements whatever their number.
    async fn write_children(
        conn: &mut PgConnection,
        id: Uuid,
        draft: &EventDraft,
        occurrences: &[Interval],
        fresh: bool,
    ) -> StoreResult<()> {
        if !fresh {
            sqlx::query("DELETE FROM event_participants WHERE event_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        if !draft.participants.is_empty() {
            let ps = &draft.participants;
            let ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
            let names: Vec<Option<&str>> = ps.iter().map(|p| p.name.as_deref()).collect();
            let zones: Vec<&str> = ps.iter().map(|p| p.tz.name()).collect();
            let attendance: Vec<&str> = ps.iter().map(|p| p.attendance.as_str()).collect();
            let required: Vec<bool> = ps.iter().map(|p| p.required).collect();
            let emails: Vec<Option<&str>> = ps
                .iter()
                .map(|p| p.email.as_ref().map(EmailAddress::expose))
                .collect();
            let positions: Vec<i32> = (0..ps.len())
                .map(|i| i32::try_from(i).unwrap_or(i32::MAX))
                .collect();
            let (first, last_end) = span(occurrences)?;
            sqlx::query(
                "INSERT INTO event_participants (event_id, participant_id, name, tz, attendance, required, position, \
                 email, starts_at, last_ends_at) \
                 SELECT $1, *, $9, $10 FROM UNNEST($2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::int4[], \
                 $8::text[])",
            )
            .bind(id)
            .bind(&ids)
            .bind(&names)
            .bind(&zones)
            .bind(&attendance)
            .bind(&required)
            .bind(&positions)
            .bind(&emails)
            .bind(first.start)
            .bind(last_end)
            .execute(&mut *conn)
            .await?;
        }
        Self::write_occurrences(conn, id, draft.room_id, draft.status, occurrences, fresh).await
    }

    async fn write_occurrences(
        conn: &mut PgConnection,
        id: Uuid,
        room: Option<Uuid>,
        status: EventStatus,
        occurrences: &[Interval],
        fresh: bool,
    ) -> StoreResult<()> {
        if !fresh {
            sqlx::query("DELETE FROM event_occurrences WHERE event_id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
        let starts: Vec<DateTime<Utc>> = occurrences.iter().map(|o| o.start).collect();
        let ends: Vec<DateTime<Utc>> = occurrences.iter().map(|o| o.end).collect();
        sqlx::query(
            "INSERT INTO event_occurrences (event_id, room_id, starts_at, ends_at, confirmed) \
             SELECT $1, $2, s, t, $3 FROM UNNEST($4::timestamptz[], $5::timestamptz[]) AS w(s, t)",
        )
        .bind(id)
        .bind(room)
        .bind(status == EventStatus::Confirmed)
        .bind(&starts)
        .bind(&ends)
        .execute(&mut *conn)
        .await?;
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

    async fn insert_event(
        &self,
        id: Uuid,
        draft: &EventDraft,
        occurrences: &[Interval],
    ) -> StoreResult<Event> {
        let (first, last_end) = span(occurrences)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin().await?;
        Self::check_references(&mut tx, draft, None).await?;
        sqlx::query(
            "INSERT INTO events (id, title, description, kind, mode, status, region, group_code, venue_id, room_id, \
             tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, version, starts_at, ends_at, \
             last_ends_at, tzdata_version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0, 1, $17, $18, $19, $20, $21, $21)",
        )
        .bind(id)
        .bind(draft.title.as_str())
        .bind(draft.description.as_deref())
        .bind(draft.kind.as_str())
        .bind(draft.mode.as_str())
        .bind(draft.status.as_str())
        .bind(draft.region.code())
        .bind(draft.group.as_deref())
        .bind(draft.venue_id)
        .bind(draft.room_id)
        .bind(draft.timing.zone().name())
        .bind(rows::local_text(draft.timing.local_start()))
        .bind(rows::local_text(draft.timing.local_end()))
        .bind(draft.timing.rrule().map(|r| r.as_str().to_owned()))
        .bind(draft.co_located_with)
        .bind(draft.remote_url.as_deref())
        .bind(first.start)
        .bind(first.end)
        .bind(last_end)
        .bind(tandem_core::time::tzdata_version())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Self::write_children(&mut tx, id, draft, occurrences, FRESH).await?;
        bump_revision(&mut tx, now).await?;
        let event = Self::event_in(&mut tx, id).await?;
        crate::outbox::postgres::enqueue(&mut tx, None, &event, now).await?;
        tx.commit().await?;
        Ok(event)
    }

    async fn replace_event(
        &self,
        id: Uuid,
        expected_version: Option<i64>,
        draft: &EventDraft,
        visible_change: bool,
        occurrences: &[Interval],
        resolution: Option<&crate::NewResolution>,
    ) -> StoreResult<(Event, Option<crate::ClashResolution>)> {
        let (first, last_end) = span(occurrences)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin().await?;
        let (current, _) = Self::lock_version(&mut tx, id).await?;
        check_version(expected_version, current)?;
        let before = Self::event_in(&mut tx, id).await?;
        Self::check_references(&mut tx, draft, Some(id)).await?;
        sqlx::query(
            "UPDATE events SET title = $1, description = $2, kind = $3, mode = $4, status = $5, region = $6, \
             group_code = $7, venue_id = $8, room_id = $9, tz = $10, local_start = $11, local_end = $12, rrule = $13, \
             co_located_with = $14, remote_url = $15, sequence = sequence + $16, version = version + 1, \
             starts_at = $17, ends_at = $18, last_ends_at = $19, tzdata_version = $20, updated_at = $21 WHERE id = $22",
        )
        .bind(draft.title.as_str())
        .bind(draft.description.as_deref())
        .bind(draft.kind.as_str())
        .bind(draft.mode.as_str())
        .bind(draft.status.as_str())
        .bind(draft.region.code())
        .bind(draft.group.as_deref())
        .bind(draft.venue_id)
        .bind(draft.room_id)
        .bind(draft.timing.zone().name())
        .bind(rows::local_text(draft.timing.local_start()))
        .bind(rows::local_text(draft.timing.local_end()))
        .bind(draft.timing.rrule().map(|r| r.as_str().to_owned()))
        .bind(draft.co_located_with)
        .bind(draft.remote_url.as_deref())
        .bind(i64::from(visible_change))
        .bind(first.start)
        .bind(first.end)
        .bind(last_end)
        .bind(tandem_core::time::tzdata_version())
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        Self::write_children(&mut tx, id, draft, occurrences, !FRESH).await?;
        bump_revision(&mut tx, now).await?;
        let event = Self::event_in(&mut tx, id).await?;
        crate::outbox::postgres::enqueue(&mut tx, Some(&before), &event, now).await?;
        let recorded = match resolution {
            Some(r) => {
                let record = crate::NewResolution {
                    version_after: event.version,
                    ..r.clone()
                };
                Some(crate::clashes::postgres::record(&mut tx, &record, now).await?)
            }
            None => None,
        };
        tx.commit().await?;
        Ok((event, recorded))
    }

    async fn rederive(
        &self,
        id: Uuid,
        occurrences: &[Interval],
        tzdata_version: &str,
    ) -> StoreResult<Option<Uuid>> {
        let (first, last_end) = span(occurrences)?;
        let mut tx = self.pool.begin().await?;
        Self::lock_version(&mut tx, id).await?;
        let event = Self::event_in(&mut tx, id).await?;
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
        Self::write_occurrences(
            &mut tx,
            id,
            event.room_id,
            event.status,
            occurrences,
            !FRESH,
        )
        .await?;
        bump_revision(&mut tx, self.clock.now()).await?;
        tx.commit().await?;
        Ok(event.room_id)
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(name = %draft.name))]
    async fn create_venue(&self, draft: &VenueDraft) -> StoreResult<Venue> {
        let id = Uuid::new_v4();
        let now = self.clock.now();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO venues (id, name, city, country, tz, weekend, holiday_calendar, latitude, longitude, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        )
        .bind(id)
        .bind(draft.name.as_str())
        .bind(draft.city.as_str())
        .bind(draft.country.as_str())
        .bind(draft.tz.name())
        .bind(draft.weekend.to_string())
        .bind(draft.holiday_calendar.as_deref())
        .bind(draft.geo.map(|g| g.lat))
        .bind(draft.geo.map(|g| g.lon))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        bump_revision(&mut tx, now).await?;
        for (position, room) in draft.rooms.iter().enumerate() {
            sqlx::query(
                "INSERT INTO rooms (id, venue_id, name, capacity, position) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Uuid::new_v4())
            .bind(id)
            .bind(room.name.as_str())
            .bind(i32::try_from(room.capacity).unwrap_or(i32::MAX))
            .bind(i32::try_from(position).unwrap_or(i32::MAX))
            .execute(&mut *tx)
            .await?;
        }
        let venue = Self::venue_in(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "venue",
                id,
            })?;
        tx.commit().await?;
        Ok(venue)
    }

    async fn venue(&self, id: Uuid) -> StoreResult<Venue> {
        let mut conn = self.pool.acquire().await?;
        Self::venue_in(&mut conn, id)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "venue",
                id,
            })
    }

    async fn venues(&self) -> StoreResult<Vec<Venue>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM venues ORDER BY name, id")
            .fetch_all(&mut *conn)
            .await?;
        let mut venues = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(v) = Self::venue_in(&mut conn, id).await? {
                venues.push(v);
            }
        }
        Ok(venues)
    }

    #[instrument(skip_all, fields(title = %draft.title))]
    async fn create_event(&self, draft: &EventDraft) -> StoreResult<Event> {
        let occurrences = rows::occurrences(draft)?;
        let id = Uuid::new_v4();
        let mut attempt = 1;
        loop {
            match self.insert_event(id, draft, &occurrences).await {
                Ok(event) => return Ok(event),
                Err(e) if is_retryable(&e) && attempt < WRITE_ATTEMPTS => attempt += 1,
                Err(e) => return Err(self.write_failed(e, draft.room_id, &occurrences, id).await),
            }
        }
    }

    async fn event(&self, id: Uuid) -> StoreResult<Event> {
        let mut conn = self.pool.acquire().await?;
        Self::event_in(&mut conn, id).await
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
        let n = neighbourhood;
        let mut tx = self.pool.begin().await?;
        sqlx::query("SET LOCAL plan_cache_mode = force_generic_plan")
            .execute(&mut *tx)
            .await?;
        let rows = sqlx::query(&format!(
            "WITH candidates AS ( \
               SELECT id FROM events WHERE region = $3 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange($1, $2, '[)') \
               UNION SELECT id FROM events WHERE venue_id = $4 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange($1, $2, '[)') \
               UNION SELECT id FROM events WHERE group_code = $5 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange($1, $2, '[)') \
               UNION SELECT p.event_id FROM UNNEST($6::text[]) AS who (id) JOIN event_participants p \
                 ON p.participant_id = who.id AND tstzrange(p.starts_at, p.last_ends_at, '[)') && tstzrange($1, $2, '[)')) \
             SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT id FROM candidates) \
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
        .fetch_all(&mut *tx)
        .await?;
        let events = Self::load_events(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(events)
    }

    #[instrument(skip_all, fields(%id))]
    async fn update_event(
        &self,
        id: Uuid,
        expected_version: Option<i64>,
        draft: &EventDraft,
        visible_change: bool,
    ) -> StoreResult<Event> {
        let occurrences = rows::occurrences(draft)?;
        let mut attempt = 1;
        loop {
            match self
                .replace_event(
                    id,
                    expected_version,
                    draft,
                    visible_change,
                    &occurrences,
                    None,
                )
                .await
            {
                Ok((event, _)) => return Ok(event),
                Err(e) if is_retryable(&e) && attempt < WRITE_ATTEMPTS => attempt += 1,
                Err(e) => return Err(self.write_failed(e, draft.room_id, &occurrences, id).await),
            }
        }
    }

    #[instrument(skip_all, fields(%id))]
    async fn cancel_event(&self, id: Uuid, expected_version: Option<i64>) -> StoreResult<Event> {
        let mut tx = self.pool.begin().await?;
        let (current, status) = Self::lock_version(&mut tx, id).await?;
        check_version(expected_version, current)?;
        if status != EventStatus::Cancelled.as_str() {
            let before = Self::event_in(&mut tx, id).await?;
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
            let after = Self::event_in(&mut tx, id).await?;
            crate::outbox::postgres::enqueue(&mut tx, Some(&before), &after, now).await?;
        }
        let event = Self::event_in(&mut tx, id).await?;
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
            "SELECT {EVENT_COLUMNS} FROM events WHERE tzdata_version <> $1 AND last_ends_at > $2 \
             ORDER BY starts_at, id"
        ))
        .bind(tzdata_version)
        .bind(now)
        .fetch_all(&mut *conn)
        .await?;
        Self::load_events(&mut conn, rows).await
    }

    async fn store_rederived(
        &self,
        id: Uuid,
        occurrences: &[Interval],
        tzdata_version: &str,
    ) -> StoreResult<()> {
        match self.rederive(id, occurrences, tzdata_version).await {
            Ok(_) => Ok(()),
            Err(e) => {
                let room = self.event(id).await.ok().and_then(|e| e.room_id);
                Err(self.write_failed(e, room, occurrences, id).await)
            }
        }
    }

    async fn create_token(&self, token: &NewToken) -> StoreResult<TokenRecord> {
        let id = Uuid::new_v4();
        let row = sqlx::query(
            "INSERT INTO api_tokens (id, token_hash, role, regions, label, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at",
        )
        .bind(id)
        .bind(&token.hash[..])
        .bind(token.role.as_str())
        .bind(rows::regions_text(&token.regions))
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
            rows::token(
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
            rows::token(
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

    async fn revision(&self) -> StoreResult<Revision> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM meta WHERE key IN ('revision', 'revision_at')")
                .fetch_all(&self.pool)
                .await?;
        Ok(Revision::from_meta(&rows))
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
                    event_status: rows::event_status(r.try_get("status")?)?,
                    alongside: r.try_get("co_located_with")?,
                    alongside_status: rows::event_status(r.try_get("alongside_status")?)?,
                })
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

    async fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn create_calendar(&self, new: &crate::NewCalendar) -> StoreResult<crate::Calendar> {
        crate::calendars::postgres::create(&self.pool, new, self.clock.now()).await
    }

    async fn calendar(&self, id: Uuid) -> StoreResult<crate::Calendar> {
        crate::calendars::postgres::get(&self.pool, id).await
    }

    async fn calendars(&self, filter: &crate::CalendarFilter) -> StoreResult<Vec<crate::Calendar>> {
        crate::calendars::postgres::list(&self.pool, filter).await
    }

    async fn calendar_ics(&self, id: Uuid) -> StoreResult<(i64, Vec<u8>)> {
        crate::calendars::postgres::ics(&self.pool, id).await
    }

    async fn delete_calendar(&self, id: Uuid) -> StoreResult<()> {
        crate::calendars::postgres::delete(&self.pool, id).await
    }

    async fn claim_due_calendars(
        &self,
        owner: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<crate::Calendar>> {
        crate::calendars::postgres::claim_due(&self.pool, owner, lease, limit, self.clock.now())
            .await
    }

    async fn claim_calendar(
        &self,
        id: Uuid,
        owner: &str,
        lease: chrono::Duration,
    ) -> StoreResult<bool> {
        crate::calendars::postgres::claim(&self.pool, id, owner, lease, self.clock.now()).await
    }

    async fn finish_calendar_refresh(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &crate::RefreshOutcome,
    ) -> StoreResult<Option<crate::Calendar>> {
        crate::calendars::postgres::finish(&self.pool, id, owner, outcome, self.clock.now()).await
    }

    async fn release_calendar(&self, id: Uuid, owner: &str) -> StoreResult<()> {
        crate::calendars::postgres::release(&self.pool, id, owner).await
    }

    async fn replace_clashes(
        &self,
        event_id: Uuid,
        clashes: &[tandem_core::clash::Clash],
    ) -> StoreResult<()> {
        crate::clashes::postgres::replace(&self.pool, event_id, clashes, self.clock.now()).await
    }

    async fn clashes(
        &self,
        filter: &crate::ClashFilter,
    ) -> StoreResult<Vec<tandem_core::clash::Clash>> {
        crate::clashes::postgres::list(&self.pool, filter).await
    }

    async fn clash(&self, id: Uuid) -> StoreResult<Option<tandem_core::clash::Clash>> {
        crate::clashes::postgres::get(&self.pool, id).await
    }

    #[instrument(skip_all, fields(id = %resolution.event_id))]
    async fn apply_resolution(
        &self,
        expected_version: i64,
        draft: &EventDraft,
        resolution: &crate::NewResolution,
    ) -> StoreResult<(Event, crate::ClashResolution)> {
        let id = resolution.event_id;
        let occurrences = rows::occurrences(draft)?;
        let mut attempt = 1;
        loop {
            match self
                .replace_event(
                    id,
                    Some(expected_version),
                    draft,
                    true,
                    &occurrences,
                    Some(resolution),
                )
                .await
            {
                Ok((event, recorded)) => return Ok((event, recorded.ok_or_else(not_recorded)?)),
                Err(e) if is_retryable(&e) && attempt < WRITE_ATTEMPTS => attempt += 1,
                Err(e) => return Err(self.write_failed(e, draft.room_id, &occurrences, id).await),
            }
        }
    }

    async fn clash_resolutions(&self, clash_id: Uuid) -> StoreResult<Vec<crate::ClashResolution>> {
        crate::clashes::postgres::history(&self.pool, clash_id).await
    }

    async fn load(&self, load: &crate::Load<'_>) -> StoreResult<bool> {
        crate::seed::postgres::load(&self.pool, load, self.clock.now()).await
    }
}

#[async_trait]
impl crate::Outbox for PostgresStore {
    async fn claim_messages(
        &self,
        owner: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<crate::OutboxMessage>> {
        crate::outbox::postgres::claim(&self.pool, owner, lease, limit, self.clock.now()).await
    }

    async fn finish_message(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &crate::DeliveryOutcome,
    ) -> StoreResult<bool> {
        crate::outbox::postgres::finish(&self.pool, id, owner, outcome, self.clock.now()).await
    }

    async fn deliveries(&self, event_id: Uuid) -> StoreResult<Vec<crate::OutboxMessage>> {
        crate::outbox::postgres::deliveries(&self.pool, event_id).await
    }
}
