//! Events on SQLite. SQLite has no exclusion constraint: every write of confirmed
//! occurrences runs in a `BEGIN IMMEDIATE` transaction (SQLite's single writer lock) and,
//! after writing them, looks for another confirmed occurrence in the same room
//! ([`check_rooms`]); finding one refuses the write, which is rolled back.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::query_builder::Separated;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use tandem_core::{EmailAddress, EventDraft, EventStatus, Interval, Language};
use tracing::instrument;
use uuid::Uuid;

use super::{
    check_room, check_version, forward_links, listing, moved, no_alongside, occurrence_rows,
    participant_rows, Basis, CoLocation, Event, EventCursor, EventFilter, EventStore,
    Neighbourhood, Prepared, RawEvent, RawParticipant, SeedEvent, COLUMNS, WRITTEN,
};
use crate::error::{RoomClash, StoreError, StoreResult};
use crate::meta::sqlite::bump_revision;
use crate::rows::{self, MAX_BINDS};
use crate::sqlite::{from_ts, opt_uuid, ts, uuid, SqliteStore};

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
        language: row.try_get("language")?,
    })
}

/// Binds the [`WRITTEN`] columns of `p`, in their order: the one place SQLite writes them.
fn push_written<'a>(b: &mut Separated<'_, 'a, Sqlite, &'static str>, p: &Prepared<'a>, now: i64) {
    let d: &'a EventDraft = p.draft;
    b.push_bind(d.title.as_str())
        .push_bind(d.description.as_deref())
        .push_bind(d.kind.as_str())
        .push_bind(d.mode.as_str())
        .push_bind(d.status.as_str())
        .push_bind(d.region.code())
        .push_bind(d.group.as_deref())
        .push_bind(d.venue_id.map(|v| v.to_string()))
        .push_bind(d.room_id.map(|v| v.to_string()))
        .push_bind(d.timing.zone().name())
        .push_bind(rows::local_text(d.timing.local_start()))
        .push_bind(rows::local_text(d.timing.local_end()))
        .push_bind(d.timing.rrule().map(|r| r.as_str().to_owned()))
        .push_bind(d.co_located_with.map(|v| v.to_string()))
        .push_bind(d.remote_url.as_deref())
        .push_bind(ts(p.first.start))
        .push_bind(ts(p.first.end))
        .push_bind(ts(p.last_end))
        .push_bind(tandem_core::time::tzdata_version())
        .push_bind(now);
}

/// Writes new events with their participants and occurrences inside the caller's
/// transaction, then refuses them ([`StoreError::RoomTaken`]) if a confirmed one shares a
/// room with another: creation and bulk loads alike. The caller bumps the revision.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    events: &[Prepared<'_>],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let now = ts(now);
    for chunk in events.chunks(MAX_BINDS / 24) {
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "INSERT INTO events (id, sequence, version, created_at, {WRITTEN}) "
        ));
        q.push_values(chunk, |mut b, p| {
            b.push_bind(p.id.to_string())
                .push("0")
                .push("1")
                .push_bind(now);
            push_written(&mut b, p, now);
        });
        q.build().execute(&mut *conn).await?;
    }
    insert_children(conn, events).await?;
    check_rooms(conn, events).await
}

/// Rewrites a stored event inside the caller's transaction if its version is still
/// `expected_version`, checking its references and room; the caller bumps the revision.
pub(crate) async fn rewrite(
    conn: &mut SqliteConnection,
    p: &Prepared<'_>,
    expected_version: Option<i64>,
    visible_change: bool,
    now: DateTime<Utc>,
) -> StoreResult<Event> {
    let (current, _) = current_version(conn, p.id).await?;
    check_version(expected_version, current)?;
    let before = event_in(conn, p.id).await?;
    check_references(conn, p.draft, Some(p.id)).await?;
    let mut q = QueryBuilder::<Sqlite>::new(format!("UPDATE events SET ({WRITTEN}) = ("));
    let mut columns = q.separated(", ");
    push_written(&mut columns, p, ts(now));
    q.push("), sequence = sequence + ")
        .push_bind(i64::from(visible_change))
        .push(", version = version + 1 WHERE id = ")
        .push_bind(p.id.to_string());
    q.build().execute(&mut *conn).await?;
    for table in ["event_participants", "event_occurrences"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE event_id = ?"))
            .bind(p.id.to_string())
            .execute(&mut *conn)
            .await?;
    }
    let events = std::slice::from_ref(p);
    insert_children(conn, events).await?;
    check_rooms(conn, events).await?;
    let event = event_in(conn, p.id).await?;
    crate::outbox::sqlite::enqueue(conn, Some(&before), &event, now).await?;
    Ok(event)
}

/// Writes the participants and occurrences of `events`.
async fn insert_children(conn: &mut SqliteConnection, events: &[Prepared<'_>]) -> StoreResult<()> {
    for chunk in participant_rows(events).chunks(MAX_BINDS / 9) {
        QueryBuilder::<Sqlite>::new(
            "INSERT INTO event_participants (event_id, participant_id, name, tz, attendance, required, position, email, language) ",
        )
        .push_values(chunk, |mut b, (event, i, p)| {
            b.push_bind(event.id.to_string())
                .push_bind(p.id.as_str())
                .push_bind(p.name.as_deref())
                .push_bind(p.tz.name())
                .push_bind(p.attendance.as_str())
                .push_bind(p.required)
                .push_bind(rows::position(*i))
                .push_bind(p.email.as_ref().map(EmailAddress::expose))
                .push_bind(p.language.map(Language::as_str));
        })
        .build()
        .execute(&mut *conn)
        .await?;
    }
    let occurrences: Vec<_> = occurrence_rows(events)
        .into_iter()
        .map(|(p, o)| (p.id, p.draft.room_id, o, p.confirmed()))
        .collect();
    insert_occurrences(conn, &occurrences).await
}

/// Writes `(event, room, occurrence, confirmed)` rows.
async fn insert_occurrences(
    conn: &mut SqliteConnection,
    occurrences: &[(Uuid, Option<Uuid>, Interval, bool)],
) -> StoreResult<()> {
    for chunk in occurrences.chunks(MAX_BINDS / 5) {
        QueryBuilder::<Sqlite>::new(
            "INSERT INTO event_occurrences (event_id, room_id, starts_at, ends_at, confirmed) ",
        )
        .push_values(chunk, |mut b, (event, room, o, confirmed)| {
            b.push_bind(event.to_string())
                .push_bind(room.map(|r| r.to_string()))
                .push_bind(ts(o.start))
                .push_bind(ts(o.end))
                .push_bind(*confirmed);
        })
        .build()
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// SQLite's room guarantee: inside the write's transaction, after the occurrences of
/// `events` are written, the confirmed occurrences of other events that overlap one of
/// theirs in the same room. Any refuses the write (the transaction is dropped, so rolled
/// back) with the events holding the room.
async fn check_rooms<P: AsEventId>(conn: &mut SqliteConnection, events: &[P]) -> StoreResult<()> {
    let mut clashes = Vec::new();
    for chunk in events.chunks(MAX_BINDS) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT DISTINCT b.event_id, e.title, b.starts_at, b.ends_at FROM event_occurrences a \
             JOIN event_occurrences b ON b.room_id = a.room_id AND b.confirmed = 1 \
             AND b.event_id <> a.event_id AND b.starts_at < a.ends_at AND b.ends_at > a.starts_at \
             JOIN events e ON e.id = b.event_id \
             WHERE a.confirmed = 1 AND a.room_id IS NOT NULL AND a.event_id IN (",
        );
        let mut ids = q.separated(", ");
        for e in chunk {
            ids.push_bind(e.event_id().to_string());
        }
        q.push(") ORDER BY b.starts_at, b.event_id");
        for row in q.build().fetch_all(&mut *conn).await? {
            clashes.push(RoomClash {
                event_id: uuid(&row.try_get::<String, _>("event_id")?)?,
                title: row.try_get("title")?,
                start: from_ts(row.try_get("starts_at")?),
                end: from_ts(row.try_get("ends_at")?),
            });
        }
    }
    if clashes.is_empty() {
        Ok(())
    } else {
        Err(StoreError::RoomTaken(clashes))
    }
}

/// What [`check_rooms`] needs of an event written.
trait AsEventId {
    fn event_id(&self) -> Uuid;
}

impl AsEventId for Prepared<'_> {
    fn event_id(&self) -> Uuid {
        self.id
    }
}

impl AsEventId for Uuid {
    fn event_id(&self) -> Uuid {
        *self
    }
}

/// Checks that the venue, room and co-located event a draft names exist and fit.
async fn check_references(
    conn: &mut SqliteConnection,
    draft: &EventDraft,
    own_id: Option<Uuid>,
) -> StoreResult<()> {
    let venue = match draft.venue_id {
        Some(id) => crate::venues::sqlite::venue_in(conn, id).await?,
        None => None,
    };
    check_room(draft, venue.as_ref())?;
    if let Some(other) = draft.co_located_with {
        let exists = own_id != Some(other)
            && sqlx::query("SELECT 1 FROM events WHERE id = ?")
                .bind(other.to_string())
                .fetch_optional(&mut *conn)
                .await?
                .is_some();
        if !exists {
            return Err(no_alongside(other));
        }
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

async fn load_events(conn: &mut SqliteConnection, rows: Vec<SqliteRow>) -> StoreResult<Vec<Event>> {
    let raws = rows.iter().map(raw_event).collect::<Result<Vec<_>, _>>()?;
    if raws.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT event_id, participant_id, name, tz, attendance, required, email, language FROM event_participants WHERE event_id IN (",
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
    super::events(raws, participants)
}

/// One event, read on the caller's connection.
pub(crate) async fn event_in(conn: &mut SqliteConnection, id: Uuid) -> StoreResult<Event> {
    let not_found = || StoreError::NotFound {
        entity: "event",
        id,
    };
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM events WHERE id = ?"))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(not_found)?;
    load_events(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(not_found)
}

impl SqliteStore {
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
        load_events(&mut conn, rows).await
    }

    /// Events by participant or id (see `listing`): the filter's own indexes lead.
    async fn events_by_scan(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>> {
        let mut q =
            QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM events e WHERE 1 = 1"));
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
        load_events(&mut conn, rows).await
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
    q.push(format!("SELECT {COLUMNS} FROM events e WHERE "));
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

/// The live events `n` describes (at most `limit`), on the caller's connection.
async fn neighbours_in(
    conn: &mut SqliteConnection,
    n: &Neighbourhood,
    limit: u32,
) -> StoreResult<Vec<Event>> {
    let (from, to) = (ts(n.span.start), ts(n.span.end));
    let mut q =
        QueryBuilder::<Sqlite>::new("WITH candidates AS (SELECT id FROM events WHERE region = ");
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
        ") SELECT {COLUMNS} FROM events e WHERE e.id IN (SELECT id FROM candidates) \
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
    let rows = q.build().fetch_all(&mut *conn).await?;
    load_events(conn, rows).await
}

#[async_trait]
impl EventStore for SqliteStore {
    #[instrument(skip_all, fields(title = %draft.title))]
    async fn create_event(&self, draft: &EventDraft) -> StoreResult<Event> {
        let p = Prepared::new(Uuid::new_v4(), draft)?;
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        check_references(&mut tx, draft, None).await?;
        insert(&mut tx, std::slice::from_ref(&p), now).await?;
        bump_revision(&mut tx, now).await?;
        let event = event_in(&mut tx, p.id).await?;
        crate::outbox::sqlite::enqueue(&mut tx, None, &event, now).await?;
        tx.commit().await?;
        Ok(event)
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
        let mut conn = self.pool.acquire().await?;
        neighbours_in(&mut conn, neighbourhood, limit).await
    }

    #[instrument(skip_all, fields(events = events.len()))]
    async fn create_events(&self, events: &[SeedEvent], basis: &Basis) -> StoreResult<Vec<Event>> {
        let (events, links) = forward_links(events);
        let prepared = Prepared::all(&events)?;
        let now = self.clock.now();
        // BEGIN IMMEDIATE takes SQLite's writer lock: no other write runs until the commit.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
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
            sqlx::query("UPDATE events SET co_located_with = ? WHERE id = ?")
                .bind(other.to_string())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        }
        let mut written = Vec::with_capacity(prepared.len());
        for p in &prepared {
            let event = event_in(&mut tx, p.id).await?;
            crate::outbox::sqlite::enqueue(&mut tx, None, &event, now).await?;
            written.push(event);
        }
        bump_revision(&mut tx, now).await?;
        tx.commit().await?;
        Ok(written)
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
        let now = self.clock.now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let event = rewrite(&mut tx, &p, expected_version, visible_change, now).await?;
        bump_revision(&mut tx, now).await?;
        tx.commit().await?;
        Ok(event)
    }

    #[instrument(skip_all, fields(%id))]
    async fn cancel_event(&self, id: Uuid, expected_version: Option<i64>) -> StoreResult<Event> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (current, status) = current_version(&mut tx, id).await?;
        check_version(expected_version, current)?;
        if status != EventStatus::Cancelled.as_str() {
            let before = event_in(&mut tx, id).await?;
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
            let after = event_in(&mut tx, id).await?;
            crate::outbox::sqlite::enqueue(&mut tx, Some(&before), &after, now).await?;
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
            "SELECT {COLUMNS} FROM events WHERE tzdata_version <> ? AND last_ends_at > ? ORDER BY starts_at, id"
        ))
        .bind(tzdata_version)
        .bind(ts(now))
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
        let (first, last_end) = rows::span(occurrences)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let event = event_in(&mut tx, id).await?;
        sqlx::query("UPDATE events SET starts_at = ?, ends_at = ?, last_ends_at = ?, tzdata_version = ? WHERE id = ?")
            .bind(ts(first.start))
            .bind(ts(first.end))
            .bind(ts(last_end))
            .bind(tzdata_version)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM event_occurrences WHERE event_id = ?")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        let confirmed = event.status() == EventStatus::Confirmed;
        let rows: Vec<_> = occurrences
            .iter()
            .map(|o| (id, event.draft.room_id, *o, confirmed))
            .collect();
        insert_occurrences(&mut tx, &rows).await?;
        check_rooms(&mut tx, &[id]).await?;
        bump_revision(&mut tx, self.clock.now()).await?;
        tx.commit().await?;
        Ok(())
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
                    event_status: super::event_status(&r.try_get::<String, _>("status")?)?,
                    alongside: uuid(&r.try_get::<String, _>("co_located_with")?)?,
                    alongside_status: super::event_status(
                        &r.try_get::<String, _>("alongside_status")?,
                    )?,
                })
            })
            .collect()
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
