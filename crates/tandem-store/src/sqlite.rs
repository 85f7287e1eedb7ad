//! The embedded SQLite store: WAL, foreign keys, a busy timeout, and every write that must
//! not race inside one `BEGIN IMMEDIATE` transaction (SQLite's single writer lock).

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection, SqlitePool};
use tandem_core::{
    EmailAddress, EventDraft, EventStatus, GeoPoint, Interval, SharedClock, VenueDraft,
};
use tracing::instrument;
use uuid::Uuid;

use crate::error::{RoomClash, StoreError};
use crate::listing;
use crate::model::{
    CoLocation, Event, EventCursor, EventFilter, FeedTokenRecord, Neighbourhood, NewToken,
    Revision, Room, TokenRecord, Venue,
};
use crate::rows::{self, RawEvent, RawParticipant};
use crate::{Store, StoreResult};

/// tandem's store on one SQLite file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Where every timestamp this store writes or compares comes from.
    clock: SharedClock,
}

fn ts(instant: DateTime<Utc>) -> i64 {
    instant.timestamp()
}

fn from_ts(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("id '{text}'")))
}

fn opt_uuid(text: Option<&str>) -> Result<Option<Uuid>, StoreError> {
    text.map(uuid).transpose()
}

const EVENT_COLUMNS: &str = "id, title, description, kind, mode, status, region, group_code, \
    venue_id, room_id, tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, \
    version, starts_at, ends_at, last_ends_at, tzdata_version, created_at, updated_at";

fn raw_event(row: &SqliteRow) -> Result<RawEvent, StoreError> {
    Ok(RawEvent {
        id: uuid(&row.try_get::<String, _>("id")?)?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        kind: row.try_get("kind")?,
        mode: row.try_get("mode")?,
        status: row.try_get("status")?,
        region: row.try_get("region")?,
        group_code: row.try_get("group_code")?,
        venue_id: opt_uuid(row.try_get::<Option<String>, _>("venue_id")?.as_deref())?,
        room_id: opt_uuid(row.try_get::<Option<String>, _>("room_id")?.as_deref())?,
        tz: row.try_get("tz")?,
        local_start: row.try_get("local_start")?,
        local_end: row.try_get("local_end")?,
        rrule: row.try_get("rrule")?,
        co_located_with: opt_uuid(
            row.try_get::<Option<String>, _>("co_located_with")?
                .as_deref(),
        )?,
        remote_url: row.try_get("remote_url")?,
        sequence: row.try_get("sequence")?,
        version: row.try_get("version")?,
        starts_at: from_ts(row.try_get("starts_at")?),
        ends_at: from_ts(row.try_get("ends_at")?),
        last_ends_at: from_ts(row.try_get("last_ends_at")?),
        tzdata_version: row.try_get("tzdata_version")?,
        created_at: from_ts(row.try_get("created_at")?),
        updated_at: from_ts(row.try_get("updated_at")?),
    })
}

fn raw_participant(row: &SqliteRow) -> Result<RawParticipant, StoreError> {
    Ok(RawParticipant {
        event_id: uuid(&row.try_get::<String, _>("event_id")?)?,
        participant_id: row.try_get("participant_id")?,
        name: row.try_get("name")?,
        tz: row.try_get("tz")?,
        attendance: row.try_get("attendance")?,
        required: row.try_get::<i64, _>("required")? != 0,
        email: row.try_get("email")?,
    })
}

impl SqliteStore {
    /// Rewrites an event (and records `resolution` with it, when given) in one transaction.
    async fn rewrite_event(
        &self,
        id: Uuid,
        expected_version: Option<i64>,
        draft: &EventDraft,
        visible_change: bool,
        resolution: Option<&crate::NewResolution>,
    ) -> StoreResult<(Event, Option<crate::ClashResolution>)> {
        let occurrences = rows::occurrences(draft)?;
        let (first, last_end) = span(&occurrences)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (current, _) = Self::current_version(&mut tx, id).await?;
        check_version(id, expected_version, current)?;
        let before = self.event_in(&mut tx, id).await?;
        self.check_references(&mut tx, draft, Some(id)).await?;
        if let (EventStatus::Confirmed, Some(room)) = (draft.status, draft.room_id) {
            let clashes = Self::room_clashes(&mut tx, room, &occurrences, id).await?;
            if !clashes.is_empty() {
                return Err(StoreError::RoomTaken(clashes));
            }
        }
        sqlx::query(
            "UPDATE events SET title = ?, description = ?, kind = ?, mode = ?, status = ?, region = ?, group_code = ?, \
             venue_id = ?, room_id = ?, tz = ?, local_start = ?, local_end = ?, rrule = ?, co_located_with = ?, \
             remote_url = ?, sequence = sequence + ?, version = version + 1, starts_at = ?, ends_at = ?, \
             last_ends_at = ?, tzdata_version = ?, updated_at = ? WHERE id = ?",
        )
        .bind(draft.title.as_str())
        .bind(draft.description.as_deref())
        .bind(draft.kind.as_str())
        .bind(draft.mode.as_str())
        .bind(draft.status.as_str())
        .bind(draft.region.code())
        .bind(draft.group.as_deref())
        .bind(draft.venue_id.map(|v| v.to_string()))
        .bind(draft.room_id.map(|v| v.to_string()))
        .bind(draft.timing.zone().name())
        .bind(rows::local_text(draft.timing.local_start()))
        .bind(rows::local_text(draft.timing.local_end()))
        .bind(draft.timing.rrule().map(|r| r.as_str().to_owned()))
        .bind(draft.co_located_with.map(|v| v.to_string()))
        .bind(draft.remote_url.as_deref())
        .bind(i64::from(visible_change))
        .bind(ts(first.start))
        .bind(ts(first.end))
        .bind(ts(last_end))
        .bind(tandem_core::time::tzdata_version())
        .bind(ts(now))
        .bind(id.to_string())
        .execute(&mut *tx)
        .await?;
        Self::write_children(&mut tx, id, draft, &occurrences).await?;
        bump_revision(&mut tx, now).await?;
        let event = self.event_in(&mut tx, id).await?;
        crate::outbox::sqlite::enqueue(&mut tx, Some(&before), &event, now).await?;
        let recorded = match resolution {
            Some(r) => {
                let record = crate::NewResolution {
                    version_after: event.version,
                    ..r.clone()
                };
                Some(crate::clashes::sqlite::record(&mut tx, &record, now).await?)
            }
            None => None,
        };
        tx.commit().await?;
        Ok((event, recorded))
    }

    /// Opens (creating if missing) and migrates the database at `url` (`sqlite://FILE`);
    /// every timestamp the store writes comes from `clock`.
    pub async fn connect(
        url: &str,
        pool: crate::PoolSettings,
        clock: SharedClock,
    ) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("invalid SQLite URL '{url}': {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(pool.max_connections.max(1))
            .acquire_timeout(pool.acquire_timeout)
            .connect_with(options)
            .await?;
        sqlx::migrate!("../../migrations/sqlite").run(&pool).await?;
        Ok(Self { pool, clock })
    }

    /// Events by the keyset shape of `listing`: one ordered index range per (status, span
    /// class), merged by SQLite's compound ORDER BY, `limit` rows.
    async fn events_by_keyset(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let mut q = QueryBuilder::<Sqlite>::new("");
        push_listing(&mut q, filter, cursor, limit);
        let mut conn = self.pool.acquire().await?;
        let rows = q.build().fetch_all(&mut *conn).await?;
        self.load_events(&mut conn, rows).await
    }

    /// Events by participant or id (see `listing`): the filter's own indexes lead.
    async fn events_by_scan(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE 1 = 1"
        ));
        if let Some(region) = filter.region {
            q.push(" AND region = ").push_bind(region.code());
        }
        if let Some(group) = &filter.group {
            q.push(" AND group_code = ").push_bind(group.clone());
        }
        if let Some(venue) = filter.venue_id {
            q.push(" AND venue_id = ").push_bind(venue.to_string());
        }
        if let Some(id) = filter.id {
            q.push(" AND id = ").push_bind(id.to_string());
        }
        if !filter.kinds.is_empty() {
            q.push(" AND kind IN (");
            let mut k = q.separated(", ");
            for kind in &filter.kinds {
                k.push_bind(kind.as_str());
            }
            q.push(")");
        }
        if let Some(participant) = &filter.participant {
            q.push(" AND EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.participant_id = ")
                .push_bind(participant.clone())
                .push(")");
        }
        if !filter.statuses.is_empty() {
            q.push(" AND status IN (");
            let mut s = q.separated(", ");
            for status in &filter.statuses {
                s.push_bind(status.as_str());
            }
            q.push(")");
        }
        if filter.from.is_some() || filter.to.is_some() {
            q.push(" AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id");
            if let Some(from) = filter.from {
                q.push(" AND o.ends_at > ").push_bind(ts(from));
            }
            if let Some(to) = filter.to {
                q.push(" AND o.starts_at < ").push_bind(ts(to));
            }
            q.push(")");
        }
        if let Some(c) = cursor {
            q.push(" AND (starts_at > ")
                .push_bind(ts(c.starts_at))
                .push(" OR (starts_at = ")
                .push_bind(ts(c.starts_at))
                .push(" AND id > ")
                .push_bind(c.id.to_string())
                .push("))");
        }
        q.push(" ORDER BY starts_at, id LIMIT ")
            .push_bind(i64::from(limit));
        let mut conn = self.pool.acquire().await?;
        let rows = q.build().fetch_all(&mut *conn).await?;
        self.load_events(&mut conn, rows).await
    }

    async fn load_events(
        &self,
        conn: &mut SqliteConnection,
        rows: Vec<SqliteRow>,
    ) -> StoreResult<Vec<Event>> {
        let raws = rows.iter().map(raw_event).collect::<Result<Vec<_>, _>>()?;
        if raws.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT event_id, participant_id, name, tz, attendance, required, email FROM event_participants WHERE event_id IN (",
        );
        let mut ids = q.separated(", ");
        for raw in &raws {
            ids.push_bind(raw.id.to_string());
        }
        q.push(") ORDER BY event_id, position");
        let participants = q
            .build()
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(raw_participant)
            .collect::<Result<Vec<_>, _>>()?;
        rows::events(raws, participants)
    }

    async fn event_in(&self, conn: &mut SqliteConnection, id: Uuid) -> StoreResult<Event> {
        let row = sqlx::query(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?"))
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "event",
                id,
            })?;
        self.load_events(conn, vec![row])
            .await?
            .pop()
            .ok_or(StoreError::NotFound {
                entity: "event",
                id,
            })
    }

    async fn venue_in(&self, conn: &mut SqliteConnection, id: Uuid) -> StoreResult<Option<Venue>> {
        let Some(row) = sqlx::query(
            "SELECT id, name, city, country, tz, weekend, holiday_calendar, latitude, longitude, created_at, updated_at \
             FROM venues WHERE id = ?",
        )
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let rooms = sqlx::query(
            "SELECT id, name, capacity FROM rooms WHERE venue_id = ? ORDER BY position",
        )
        .bind(id.to_string())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(Room {
                id: uuid(&r.try_get::<String, _>("id")?)?,
                name: r.try_get("name")?,
                capacity: u32::try_from(r.try_get::<i64, _>("capacity")?).unwrap_or(0),
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
            created_at: from_ts(row.try_get("created_at")?),
            updated_at: from_ts(row.try_get("updated_at")?),
        }))
    }

    /// Checks that the venue, room and co-located event a draft names exist and fit.
    async fn check_references(
        &self,
        conn: &mut SqliteConnection,
        draft: &EventDraft,
        own_id: Option<Uuid>,
    ) -> StoreResult<()> {
        if let Some(venue_id) = draft.venue_id {
            let venue = self.venue_in(conn, venue_id).await?.ok_or_else(|| {
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
                && sqlx::query("SELECT 1 FROM events WHERE id = ?")
                    .bind(other.to_string())
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

    /// Confirmed occurrences of other events in `room` that overlap any of `occurrences`.
    async fn room_clashes(
        conn: &mut SqliteConnection,
        room: Uuid,
        occurrences: &[Interval],
        own_id: Uuid,
    ) -> StoreResult<Vec<RoomClash>> {
        let (Some(min), Some(max)) = (
            occurrences.iter().map(|o| o.start).min(),
            occurrences.iter().map(|o| o.end).max(),
        ) else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT o.event_id, e.title, o.starts_at, o.ends_at FROM event_occurrences o \
             JOIN events e ON e.id = o.event_id \
             WHERE o.room_id = ? AND o.confirmed = 1 AND o.event_id <> ? AND o.starts_at < ? AND o.ends_at > ? \
             ORDER BY o.starts_at",
        )
        .bind(room.to_string())
        .bind(own_id.to_string())
        .bind(ts(max))
        .bind(ts(min))
        .fetch_all(&mut *conn)
        .await?;
        let mut clashes = Vec::new();
        for row in rows {
            let taken = Interval {
                start: from_ts(row.try_get("starts_at")?),
                end: from_ts(row.try_get("ends_at")?),
            };
            if occurrences.iter().any(|o| o.overlaps(&taken)) {
                clashes.push(RoomClash {
                    event_id: uuid(&row.try_get::<String, _>("event_id")?)?,
                    title: row.try_get("title")?,
                    start: taken.start,
                    end: taken.end,
                });
            }
        }
        Ok(clashes)
    }

    async fn write_children(
        conn: &mut SqliteConnection,
        id: Uuid,
        draft: &EventDraft,
        occurrences: &[Interval],
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM event_participants WHERE event_id = ?")
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
        for (position, p) in draft.participants.iter().enumerate() {
            sqlx::query(
                "INSERT INTO event_participants (event_id, participant_id, name, tz, attendance, required, position, email) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id.to_string())
            .bind(p.id.as_str())
            .bind(p.name.as_deref())
            .bind(p.tz.name())
            .bind(p.attendance.as_str())
            .bind(i64::from(p.required))
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(p.email.as_ref().map(EmailAddress::expose))
            .execute(&mut *conn)
            .await?;
        }
        Self::write_occurrences(conn, id, draft.room_id, draft.status, occurrences).await
    }

    async fn write_occurrences(
        conn: &mut SqliteConnection,
        id: Uuid,
        room: Option<Uuid>,
        status: EventStatus,
        occurrences: &[Interval],
    ) -> StoreResult<()> {
        sqlx::query("DELETE FROM event_occurrences WHERE event_id = ?")
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
        for o in occurrences {
            sqlx::query(
                "INSERT INTO event_occurrences (event_id, room_id, starts_at, ends_at, confirmed) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(id.to_string())
            .bind(room.map(|r| r.to_string()))
            .bind(ts(o.start))
            .bind(ts(o.end))
            .bind(i64::from(status == EventStatus::Confirmed))
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    async fn current_version(conn: &mut SqliteConnection, id: Uuid) -> StoreResult<(i64, String)> {
        let row = sqlx::query("SELECT version, status FROM events WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "event",
                id,
            })?;
        Ok((row.try_get("version")?, row.try_get("status")?))
    }
}

/// The keyset listing (`listing`): a compound of one arm per index range, whose ORDER BY
/// SQLite pushes into every arm and merges.
fn push_listing(
    q: &mut QueryBuilder<'_, Sqlite>,
    filter: &EventFilter,
    cursor: Option<&EventCursor>,
    limit: u32,
) {
    for (i, arm) in listing::arms(filter, cursor).iter().enumerate() {
        if i > 0 {
            q.push(" UNION ALL ");
        }
        push_listing_arm(q, filter, arm);
    }
    q.push(" ORDER BY starts_at, id LIMIT ")
        .push_bind(i64::from(limit));
}

/// One index range of a keyset listing (`listing`): a `SELECT` of the compound whose
/// ORDER BY SQLite pushes into each arm, read in the index's order.
fn push_listing_arm(q: &mut QueryBuilder<'_, Sqlite>, filter: &EventFilter, arm: &listing::Arm) {
    q.push(format!("SELECT {EVENT_COLUMNS} FROM events e WHERE "));
    let driver = listing::Driver::of(filter);
    match driver {
        listing::Driver::Venue => q
            .push("venue_id = ")
            .push_bind(filter.venue_id.map(|v| v.to_string()))
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
            q.push(" AND starts_at > ").push_bind(ts(lower));
        }
        listing::ArmStart::Cursor(c) => {
            q.push(" AND (starts_at, id) > (")
                .push_bind(ts(c.starts_at))
                .push(", ")
                .push_bind(c.id.to_string())
                .push(")");
        }
    }
    if let Some(to) = filter.to {
        q.push(" AND starts_at < ").push_bind(ts(to));
    }
    if let Some(from) = filter.from {
        q.push(" AND last_ends_at > ").push_bind(ts(from));
    }
    if let (Some(from), Some(to), true) = (
        filter.from,
        filter.to,
        listing::needs_occurrence_test(filter),
    ) {
        q.push(" AND (starts_at >= ")
            .push_bind(ts(from))
            .push(" OR EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND o.ends_at > ")
            .push_bind(ts(from))
            .push(" AND o.starts_at < ")
            .push_bind(ts(to))
            .push("))");
    }
    // The equality filters that do not drive are checked on the rows.
    if let (Some(region), false) = (filter.region, driver == listing::Driver::Region) {
        q.push(" AND region = ").push_bind(region.code());
    }
    if let (Some(group), false) = (&filter.group, driver == listing::Driver::Group) {
        q.push(" AND group_code = ").push_bind(group.clone());
    }
    if !filter.kinds.is_empty() {
        q.push(" AND kind IN (");
        let mut k = q.separated(", ");
        for kind in &filter.kinds {
            k.push_bind(kind.as_str());
        }
        q.push(")");
    }
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

/// Bumps the feed revision inside the caller's (immediate) transaction.
pub(crate) async fn bump_revision(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ('revision_at', ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(ts(now).to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn feed_token_record(r: &SqliteRow) -> Result<FeedTokenRecord, StoreError> {
    Ok(FeedTokenRecord {
        id: uuid(&r.try_get::<String, _>("id")?)?,
        participant: r.try_get("participant_id")?,
        created_at: from_ts(r.try_get("created_at")?),
        revoked_at: r.try_get::<Option<i64>, _>("revoked_at")?.map(from_ts),
    })
}

fn check_version(id: Uuid, expected: Option<i64>, current: i64) -> StoreResult<()> {
    let _ = id;
    match expected {
        Some(expected) if expected != current => {
            Err(StoreError::VersionMismatch { expected, current })
        }
        _ => Ok(()),
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    #[instrument(skip_all, fields(name = %draft.name))]
    async fn create_venue(&self, draft: &VenueDraft) -> StoreResult<Venue> {
        let id = Uuid::new_v4();
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(
            "INSERT INTO venues (id, name, city, country, tz, weekend, holiday_calendar, latitude, longitude, \
             created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(draft.name.as_str())
        .bind(draft.city.as_str())
        .bind(draft.country.as_str())
        .bind(draft.tz.name())
        .bind(draft.weekend.to_string())
        .bind(draft.holiday_calendar.as_deref())
        .bind(draft.geo.map(|g| g.lat))
        .bind(draft.geo.map(|g| g.lon))
        .bind(ts(now))
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        bump_revision(&mut tx, now).await?;
        for (position, room) in draft.rooms.iter().enumerate() {
            sqlx::query(
                "INSERT INTO rooms (id, venue_id, name, capacity, position) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(Uuid::new_v4().to_string())
            .bind(id.to_string())
            .bind(room.name.as_str())
            .bind(i64::from(room.capacity))
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
        }
        let venue = self
            .venue_in(&mut tx, id)
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
        self.venue_in(&mut conn, id)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "venue",
                id,
            })
    }

    async fn venues(&self) -> StoreResult<Vec<Venue>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM venues ORDER BY name, id")
            .fetch_all(&mut *conn)
            .await?;
        let mut venues = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(v) = self.venue_in(&mut conn, uuid(&id)?).await? {
                venues.push(v);
            }
        }
        Ok(venues)
    }

    #[instrument(skip_all, fields(title = %draft.title))]
    async fn create_event(&self, draft: &EventDraft) -> StoreResult<Event> {
        let occurrences = rows::occurrences(draft)?;
        let (first, last_end) = span(&occurrences)?;
        let id = Uuid::new_v4();
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        self.check_references(&mut tx, draft, None).await?;
        if let (EventStatus::Confirmed, Some(room)) = (draft.status, draft.room_id) {
            let clashes = Self::room_clashes(&mut tx, room, &occurrences, id).await?;
            if !clashes.is_empty() {
                return Err(StoreError::RoomTaken(clashes));
            }
        }
        sqlx::query(
            "INSERT INTO events (id, title, description, kind, mode, status, region, group_code, venue_id, room_id, \
             tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, version, starts_at, ends_at, \
             last_ends_at, tzdata_version, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id.to_string())
        .bind(draft.title.as_str())
        .bind(draft.description.as_deref())
        .bind(draft.kind.as_str())
        .bind(draft.mode.as_str())
        .bind(draft.status.as_str())
        .bind(draft.region.code())
        .bind(draft.group.as_deref())
        .bind(draft.venue_id.map(|v| v.to_string()))
        .bind(draft.room_id.map(|v| v.to_string()))
        .bind(draft.timing.zone().name())
        .bind(rows::local_text(draft.timing.local_start()))
        .bind(rows::local_text(draft.timing.local_end()))
        .bind(draft.timing.rrule().map(|r| r.as_str().to_owned()))
        .bind(draft.co_located_with.map(|v| v.to_string()))
        .bind(draft.remote_url.as_deref())
        .bind(ts(first.start))
        .bind(ts(first.end))
        .bind(ts(last_end))
        .bind(tandem_core::time::tzdata_version())
        .bind(ts(now))
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        Self::write_children(&mut tx, id, draft, &occurrences).await?;
        bump_revision(&mut tx, now).await?;
        let event = self.event_in(&mut tx, id).await?;
        crate::outbox::sqlite::enqueue(&mut tx, None, &event, now).await?;
        tx.commit().await?;
        Ok(event)
    }

    async fn event(&self, id: Uuid) -> StoreResult<Event> {
        let mut conn = self.pool.acquire().await?;
        self.event_in(&mut conn, id).await
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
        let n = neighbourhood;
        let (from, to) = (ts(n.span.start), ts(n.span.end));
        let mut q = QueryBuilder::<Sqlite>::new(
            "WITH candidates AS (SELECT id FROM events WHERE region = ",
        );
        q.push_bind(n.region.code())
            .push(" AND starts_at < ")
            .push_bind(to)
            .push(" AND last_ends_at > ")
            .push_bind(from);
        if let Some(venue) = n.venue_id {
            q.push(" UNION SELECT id FROM events WHERE venue_id = ")
                .push_bind(venue.to_string())
                .push(" AND starts_at < ")
                .push_bind(to)
                .push(" AND last_ends_at > ")
                .push_bind(from);
        }
        if let Some(group) = &n.group {
            q.push(" UNION SELECT id FROM events WHERE group_code = ")
                .push_bind(group.clone())
                .push(" AND starts_at < ")
                .push_bind(to)
                .push(" AND last_ends_at > ")
                .push_bind(from);
        }
        if !n.participants.is_empty() {
            q.push(" UNION SELECT event_id FROM event_participants WHERE participant_id IN (");
            let mut ids = q.separated(", ");
            for p in &n.participants {
                ids.push_bind(p.clone());
            }
            q.push(")");
        }
        q.push(format!(
            ") SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT id FROM candidates) \
             AND e.status IN ('proposed', 'confirmed') AND e.starts_at < "
        ))
        .push_bind(to)
        .push(" AND e.last_ends_at > ")
        .push_bind(from)
        .push(" AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND o.ends_at > ")
        .push_bind(from)
        .push(" AND o.starts_at < ")
        .push_bind(to)
        .push(")");
        if let Some(id) = n.exclude {
            q.push(" AND e.id <> ").push_bind(id.to_string());
        }
        q.push(" ORDER BY e.starts_at, e.id LIMIT ")
            .push_bind(i64::from(limit));
        let mut conn = self.pool.acquire().await?;
        let rows = q.build().fetch_all(&mut *conn).await?;
        self.load_events(&mut conn, rows).await
    }

    #[instrument(skip_all, fields(%id))]
    async fn update_event(
        &self,
        id: Uuid,
        expected_version: Option<i64>,
        draft: &EventDraft,
        visible_change: bool,
    ) -> StoreResult<Event> {
        self.rewrite_event(id, expected_version, draft, visible_change, None)
            .await
            .map(|(event, _)| event)
    }

    #[instrument(skip_all, fields(%id))]
    async fn cancel_event(&self, id: Uuid, expected_version: Option<i64>) -> StoreResult<Event> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (current, status) = Self::current_version(&mut tx, id).await?;
        check_version(id, expected_version, current)?;
        if status != EventStatus::Cancelled.as_str() {
            let before = self.event_in(&mut tx, id).await?;
            let now = self.clock.now();
            sqlx::query(
                "UPDATE events SET status = 'cancelled', sequence = sequence + 1, version = version + 1, updated_at = ? WHERE id = ?",
            )
            .bind(ts(now))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE event_occurrences SET confirmed = 0 WHERE event_id = ?")
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
            bump_revision(&mut tx, now).await?;
            let after = self.event_in(&mut tx, id).await?;
            crate::outbox::sqlite::enqueue(&mut tx, Some(&before), &after, now).await?;
        }
        let event = self.event_in(&mut tx, id).await?;
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
            "SELECT {EVENT_COLUMNS} FROM events WHERE tzdata_version <> ? AND last_ends_at > ? ORDER BY starts_at, id"
        ))
        .bind(tzdata_version)
        .bind(ts(now))
        .fetch_all(&mut *conn)
        .await?;
        self.load_events(&mut conn, rows).await
    }

    async fn store_rederived(
        &self,
        id: Uuid,
        occurrences: &[Interval],
        tzdata_version: &str,
    ) -> StoreResult<()> {
        let (first, last_end) = span(occurrences)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let event = self.event_in(&mut tx, id).await?;
        if let (EventStatus::Confirmed, Some(room)) = (event.status, event.room_id) {
            let clashes = Self::room_clashes(&mut tx, room, occurrences, id).await?;
            if !clashes.is_empty() {
                return Err(StoreError::RoomTaken(clashes));
            }
        }
        sqlx::query("UPDATE events SET starts_at = ?, ends_at = ?, last_ends_at = ?, tzdata_version = ? WHERE id = ?")
            .bind(ts(first.start))
            .bind(ts(first.end))
            .bind(ts(last_end))
            .bind(tzdata_version)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        Self::write_occurrences(&mut tx, id, event.room_id, event.status, occurrences).await?;
        bump_revision(&mut tx, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_token(&self, token: &NewToken) -> StoreResult<TokenRecord> {
        let id = Uuid::new_v4();
        let now = self.clock.now();
        sqlx::query("INSERT INTO api_tokens (id, token_hash, role, regions, label, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(id.to_string())
            .bind(&token.hash[..])
            .bind(token.role.as_str())
            .bind(rows::regions_text(&token.regions))
            .bind(token.label.as_deref())
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(TokenRecord {
            id,
            role: token.role,
            regions: token.regions.clone(),
            label: token.label.clone(),
            created_at: from_ts(ts(now)),
            revoked_at: None,
        })
    }

    async fn token_by_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<TokenRecord>> {
        let row = sqlx::query(
            "SELECT id, role, regions, label, created_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            rows::token(
                uuid(&r.try_get::<String, _>("id")?)?,
                &r.try_get::<String, _>("role")?,
                &r.try_get::<String, _>("regions")?,
                r.try_get("label")?,
                from_ts(r.try_get("created_at")?),
                None,
            )
        })
        .transpose()
    }

    async fn revoke_token(&self, id: Uuid) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .bind(ts(self.clock.now()))
                .bind(id.to_string())
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
        sqlx::query("SELECT id, role, regions, label, created_at, revoked_at FROM api_tokens ORDER BY created_at DESC, id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                rows::token(
                    uuid(&r.try_get::<String, _>("id")?)?,
                    &r.try_get::<String, _>("role")?,
                    &r.try_get::<String, _>("regions")?,
                    r.try_get("label")?,
                    from_ts(r.try_get("created_at")?),
                    r.try_get::<Option<i64>, _>("revoked_at")?.map(from_ts),
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
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT e.id, e.status, e.co_located_with, o.status AS alongside_status \
             FROM events e JOIN events o ON o.id = e.co_located_with WHERE e.id IN (",
        );
        let mut a = q.separated(", ");
        for id in ids {
            a.push_bind(id.to_string());
        }
        q.push(") OR e.co_located_with IN (");
        let mut b = q.separated(", ");
        for id in ids {
            b.push_bind(id.to_string());
        }
        q.push(")");
        q.build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(CoLocation {
                    event: uuid(&r.try_get::<String, _>("id")?)?,
                    event_status: rows::event_status(&r.try_get::<String, _>("status")?)?,
                    alongside: uuid(&r.try_get::<String, _>("co_located_with")?)?,
                    alongside_status: rows::event_status(
                        &r.try_get::<String, _>("alongside_status")?,
                    )?,
                })
            })
            .collect()
    }

    async fn create_feed_token(
        &self,
        participant: &str,
        hash: &[u8; 32],
    ) -> StoreResult<FeedTokenRecord> {
        let id = Uuid::new_v4();
        let now = ts(self.clock.now());
        sqlx::query("INSERT INTO feed_tokens (id, participant_id, token_hash, created_at) VALUES (?, ?, ?, ?)")
            .bind(id.to_string())
            .bind(participant)
            .bind(&hash[..])
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(FeedTokenRecord {
            id,
            participant: participant.to_owned(),
            created_at: from_ts(now),
            revoked_at: None,
        })
    }

    async fn feed_token_by_hash(
        &self,
        hash: &[u8; 32],
    ) -> StoreResult<Option<(FeedTokenRecord, Vec<u8>)>> {
        let row = sqlx::query(
            "SELECT id, participant_id, token_hash, created_at, revoked_at FROM feed_tokens \
             WHERE token_hash = ? AND revoked_at IS NULL",
        )
        .bind(&hash[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((feed_token_record(&r)?, r.try_get("token_hash")?)))
            .transpose()
    }

    async fn feed_token(&self, id: Uuid) -> StoreResult<FeedTokenRecord> {
        let row = sqlx::query(
            "SELECT id, participant_id, created_at, revoked_at FROM feed_tokens WHERE id = ?",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            entity: "feed token",
            id,
        })?;
        feed_token_record(&row)
    }

    async fn revoke_feed_token(&self, id: Uuid) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE feed_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
                .bind(ts(self.clock.now()))
                .bind(id.to_string())
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
            "SELECT id, participant_id, created_at, revoked_at FROM feed_tokens WHERE participant_id = ? \
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
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn create_calendar(&self, new: &crate::NewCalendar) -> StoreResult<crate::Calendar> {
        crate::calendars::sqlite::create(&self.pool, new, self.clock.now()).await
    }

    async fn calendar(&self, id: Uuid) -> StoreResult<crate::Calendar> {
        crate::calendars::sqlite::get(&self.pool, id).await
    }

    async fn calendars(&self, filter: &crate::CalendarFilter) -> StoreResult<Vec<crate::Calendar>> {
        crate::calendars::sqlite::list(&self.pool, filter).await
    }

    async fn calendar_ics(&self, id: Uuid) -> StoreResult<(i64, Vec<u8>)> {
        crate::calendars::sqlite::ics(&self.pool, id).await
    }

    async fn delete_calendar(&self, id: Uuid) -> StoreResult<()> {
        crate::calendars::sqlite::delete(&self.pool, id).await
    }

    async fn claim_due_calendars(
        &self,
        owner: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<crate::Calendar>> {
        crate::calendars::sqlite::claim_due(&self.pool, owner, lease, limit, self.clock.now()).await
    }

    async fn claim_calendar(
        &self,
        id: Uuid,
        owner: &str,
        lease: chrono::Duration,
    ) -> StoreResult<bool> {
        crate::calendars::sqlite::claim(&self.pool, id, owner, lease, self.clock.now()).await
    }

    async fn finish_calendar_refresh(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &crate::RefreshOutcome,
    ) -> StoreResult<Option<crate::Calendar>> {
        crate::calendars::sqlite::finish(&self.pool, id, owner, outcome, self.clock.now()).await
    }

    async fn release_calendar(&self, id: Uuid, owner: &str) -> StoreResult<()> {
        crate::calendars::sqlite::release(&self.pool, id, owner).await
    }

    async fn replace_clashes(
        &self,
        event_id: Uuid,
        clashes: &[tandem_core::clash::Clash],
    ) -> StoreResult<()> {
        crate::clashes::sqlite::replace(&self.pool, event_id, clashes, self.clock.now()).await
    }

    async fn clashes(
        &self,
        filter: &crate::ClashFilter,
    ) -> StoreResult<Vec<tandem_core::clash::Clash>> {
        crate::clashes::sqlite::list(&self.pool, filter).await
    }

    async fn clash(&self, id: Uuid) -> StoreResult<Option<tandem_core::clash::Clash>> {
        crate::clashes::sqlite::get(&self.pool, id).await
    }

    #[instrument(skip_all, fields(id = %resolution.event_id))]
    async fn apply_resolution(
        &self,
        expected_version: i64,
        draft: &EventDraft,
        resolution: &crate::NewResolution,
    ) -> StoreResult<(Event, crate::ClashResolution)> {
        let (event, recorded) = self
            .rewrite_event(
                resolution.event_id,
                Some(expected_version),
                draft,
                true,
                Some(resolution),
            )
            .await?;
        Ok((event, recorded.ok_or_else(crate::error::not_recorded)?))
    }

    async fn clash_resolutions(&self, clash_id: Uuid) -> StoreResult<Vec<crate::ClashResolution>> {
        crate::clashes::sqlite::history(&self.pool, clash_id).await
    }

    async fn load(&self, load: &crate::Load<'_>) -> StoreResult<bool> {
        crate::seed::sqlite::load(&self.pool, load, self.clock.now()).await
    }
}

#[async_trait]
impl crate::Outbox for SqliteStore {
    async fn claim_messages(
        &self,
        owner: &str,
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<crate::OutboxMessage>> {
        crate::outbox::sqlite::claim(&self.pool, owner, lease, limit, self.clock.now()).await
    }

    async fn finish_message(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &crate::DeliveryOutcome,
    ) -> StoreResult<bool> {
        crate::outbox::sqlite::finish(&self.pool, id, owner, outcome, self.clock.now()).await
    }

    async fn deliveries(&self, event_id: Uuid) -> StoreResult<Vec<crate::OutboxMessage>> {
        crate::outbox::sqlite::deliveries(&self.pool, event_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_core::RegionCode;

    /// SQLite's plan of the listing for `filter`, one line per step.
    async fn plan(
        store: &SqliteStore,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
    ) -> Vec<String> {
        let mut q = QueryBuilder::<Sqlite>::new("EXPLAIN QUERY PLAN ");
        push_listing(&mut q, filter, cursor, 50);
        q.build()
            .fetch_all(&store.pool)
            .await
            .expect("EXPLAIN QUERY PLAN")
            .iter()
            .map(|row| row.get::<String, _>("detail"))
            .collect()
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    /// The listing reads index ranges bounded by the window (or the cursor) and merges them
    /// in order: no step scans the table, sorts it, or walks a filter's events from the first.
    #[tokio::test]
    async fn the_listing_reads_bounded_index_ranges_in_order() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}/t.db", dir.path().display());
        let clock = tandem_core::FixedClock(at("2026-12-01T08:30:00Z")).shared();
        let store = SqliteStore::connect(&url, crate::PoolSettings::new(2), clock)
            .await
            .expect("a store");
        let window = EventFilter {
            region: Some(RegionCode::AFR),
            statuses: vec![EventStatus::Proposed, EventStatus::Confirmed],
            from: Some(at("2028-10-01T00:00:00Z")),
            to: Some(at("2028-10-15T00:00:00Z")),
            ..EventFilter::default()
        };
        let deep = EventCursor {
            starts_at: at("2028-06-01T09:00:00Z"),
            id: Uuid::nil(),
        };
        let by_group = EventFilter {
            group: Some("SG3RG-AFR".into()),
            region: Some(RegionCode::AFR),
            ..EventFilter::default()
        };
        for (filter, cursor) in [
            (&window, None),
            (
                &EventFilter {
                    to: None,
                    ..window.clone()
                },
                Some(&deep),
            ),
            (&by_group, Some(&deep)),
            (&EventFilter::default(), Some(&deep)),
        ] {
            let steps = plan(&store, filter, cursor).await;
            let reads: Vec<&String> = steps.iter().filter(|s| s.contains(" e ")).collect();
            let statuses = if filter.statuses.is_empty() {
                EventStatus::ALL.len()
            } else {
                filter.statuses.len()
            };
            assert_eq!(reads.len(), statuses * listing::SPAN_CLASSES, "{steps:#?}");
            for step in &reads {
                assert!(
                    step.starts_with("SEARCH e USING INDEX events_list")
                        && step.contains("span_class=?"),
                    "not one index range per (status, span class) for {filter:?}: {steps:#?}"
                );
            }
            // Only the unbounded class (spans over 30 years) may start at its beginning.
            let unbounded = reads
                .iter()
                .filter(|s| !s.contains("starts_at>?") && !s.contains("(starts_at,id)>(?,?)"))
                .count();
            assert!(
                unbounded <= statuses,
                "unbounded ranges for {filter:?}: {steps:#?}"
            );
            assert!(
                !steps.iter().any(|s| s.contains("TEMP B-TREE")),
                "a sort for {filter:?}: {steps:#?}"
            );
        }
    }
}
