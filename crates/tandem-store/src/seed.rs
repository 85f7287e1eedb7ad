//! Bulk loading for `tandem seed`: venues and events with ids chosen by the caller (so a
//! seed gives the same data every time), written in multi-row statements, one transaction
//! per call, with one bump of the feed revision per call.
//!
//! The room guarantee still holds: on PostgreSQL the exclusion constraint checks every
//! occurrence row; on SQLite one query inside the batch's transaction looks for a confirmed
//! occurrence of the batch overlapping another in its room, and refuses the whole batch
//! ([`crate::StoreError::RoomTaken`]) if there is one.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder, Sqlite, SqliteConnection};
use tandem_core::{EventDraft, EventStatus, Interval, VenueDraft};
use uuid::Uuid;

use crate::rows;
use crate::StoreResult;

/// A venue to load, with its id and the ids of its rooms (in `draft.rooms` order).
#[derive(Clone, Debug)]
pub struct SeedVenue {
    /// The venue's id.
    pub id: Uuid,
    /// One id per room of `draft.rooms`.
    pub room_ids: Vec<Uuid>,
    /// The venue itself.
    pub draft: VenueDraft,
}

/// An event to load with its id. `draft.co_located_with` may name an event earlier in the
/// same slice or already stored.
#[derive(Clone, Debug)]
pub struct SeedEvent {
    /// The event's id.
    pub id: Uuid,
    /// The event itself.
    pub draft: EventDraft,
}

/// What one bulk load writes, in one transaction with one revision bump: venues first, then
/// events (which may name those venues), and optionally a `meta` marker that must not be set
/// yet — so a load that runs once per database (the demo) cannot run twice, even from two
/// instances starting together, and a failed one leaves nothing behind.
#[derive(Clone, Copy, Debug, Default)]
pub struct Load<'a> {
    /// Venues to store.
    pub venues: &'a [SeedVenue],
    /// Events to store.
    pub events: &'a [SeedEvent],
    /// A `meta` key and value to set; the load is skipped if the key exists.
    pub marker: Option<(&'a str, &'a str)>,
}

/// Most bound values per statement (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_BINDS: usize = 30_000;

struct Prepared<'a> {
    event: &'a SeedEvent,
    occurrences: Vec<Interval>,
    first: Interval,
    last_end: DateTime<Utc>,
}

fn prepare(events: &[SeedEvent]) -> StoreResult<Vec<Prepared<'_>>> {
    events
        .iter()
        .map(|event| {
            let occurrences = rows::occurrences(&event.draft)?;
            let first =
                *occurrences
                    .first()
                    .ok_or_else(|| crate::StoreError::InvalidReference {
                        field: "rrule",
                        message: format!("event {} has no occurrence", event.id),
                    })?;
            let last_end = occurrences.iter().map(|o| o.end).max().unwrap_or(first.end);
            Ok(Prepared {
                event,
                occurrences,
                first,
                last_end,
            })
        })
        .collect()
}

/// `(event, position, participant)` rows of a batch.
/// `(event, position, participant, the event's span)` rows of a batch.
type ParticipantRow<'a> = (
    Uuid,
    usize,
    &'a tandem_core::Participant,
    (DateTime<Utc>, DateTime<Utc>),
);

fn participant_rows<'a>(events: &'a [Prepared<'a>]) -> Vec<ParticipantRow<'a>> {
    events
        .iter()
        .flat_map(|p| {
            p.event
                .draft
                .participants
                .iter()
                .enumerate()
                .map(move |(i, part)| (p.event.id, i, part, (p.first.start, p.last_end)))
        })
        .collect()
}

/// `(event, room, occurrence, confirmed)` rows of a batch.
fn occurrence_rows<'a>(events: &'a [Prepared<'a>]) -> Vec<(Uuid, Option<Uuid>, Interval, bool)> {
    events
        .iter()
        .flat_map(|p| {
            let confirmed = p.event.draft.status == EventStatus::Confirmed;
            p.occurrences
                .iter()
                .map(move |o| (p.event.id, p.event.draft.room_id, *o, confirmed))
        })
        .collect()
}

fn pg_position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// PostgreSQL.
pub(crate) mod postgres {
    use super::{
        occurrence_rows, participant_rows, pg_position, prepare, Load, PgConnection, Postgres,
        QueryBuilder, SeedEvent, SeedVenue, StoreResult, MAX_BINDS,
    };
    use crate::rows;
    use chrono::{DateTime, Utc};
    use sqlx::PgPool;

    /// Stores venues, events and the marker of a [`Load`] in one transaction; false (and
    /// nothing written) when the marker was already set.
    pub async fn load(pool: &PgPool, load: &Load<'_>, now: DateTime<Utc>) -> StoreResult<bool> {
        let mut tx = pool.begin().await?;
        if let Some((key, value)) = load.marker {
            let set = sqlx::query(
                "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
            if set.rows_affected() == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
        }
        venues(&mut tx, load.venues, now).await?;
        events(&mut tx, load.events, now).await?;
        crate::postgres::bump_revision(&mut tx, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Stores venues and their rooms.
    async fn venues(
        tx: &mut PgConnection,
        venues: &[SeedVenue],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if venues.is_empty() {
            return Ok(());
        }
        for chunk in venues.chunks(MAX_BINDS / 11) {
            QueryBuilder::<Postgres>::new(
                "INSERT INTO venues (id, name, city, country, tz, weekend, holiday_calendar, latitude, \
                 longitude, created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, v| {
                b.push_bind(v.id)
                    .push_bind(v.draft.name.as_str())
                    .push_bind(v.draft.city.as_str())
                    .push_bind(v.draft.country.as_str())
                    .push_bind(v.draft.tz.name())
                    .push_bind(v.draft.weekend.to_string())
                    .push_bind(v.draft.holiday_calendar.as_deref())
                    .push_bind(v.draft.geo.map(|g| g.lat))
                    .push_bind(v.draft.geo.map(|g| g.lon))
                    .push_bind(now)
                    .push_bind(now);
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        let rooms: Vec<_> = venues
            .iter()
            .flat_map(|v| {
                v.draft
                    .rooms
                    .iter()
                    .zip(&v.room_ids)
                    .enumerate()
                    .map(move |(i, (room, id))| (v.id, *id, room, i))
            })
            .collect();
        for chunk in rooms.chunks(MAX_BINDS / 5) {
            QueryBuilder::<Postgres>::new(
                "INSERT INTO rooms (id, venue_id, name, capacity, position) ",
            )
            .push_values(chunk, |mut b, (venue, id, room, i)| {
                b.push_bind(*id)
                    .push_bind(*venue)
                    .push_bind(room.name.as_str())
                    .push_bind(i32::try_from(room.capacity).unwrap_or(i32::MAX))
                    .push_bind(pg_position(*i));
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }

    async fn insert_events(
        conn: &mut PgConnection,
        events: &[super::Prepared<'_>],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let tzdata = tandem_core::time::tzdata_version();
        for chunk in events.chunks(MAX_BINDS / 22) {
            QueryBuilder::<Postgres>::new(
                "INSERT INTO events (id, title, description, kind, mode, status, region, group_code, venue_id, \
                 room_id, tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, version, \
                 starts_at, ends_at, last_ends_at, tzdata_version, created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, p| {
                let d = &p.event.draft;
                b.push_bind(p.event.id)
                    .push_bind(d.title.as_str())
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
                    .push("0")
                    .push("1")
                    .push_bind(p.first.start)
                    .push_bind(p.first.end)
                    .push_bind(p.last_end)
                    .push_bind(tzdata)
                    .push_bind(now)
                    .push_bind(now);
            })
            .build()
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Stores events with their participants and occurrences.
    async fn events(
        tx: &mut PgConnection,
        events: &[SeedEvent],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        let prepared = prepare(events)?;
        insert_events(&mut *tx, &prepared, now).await?;
        let participants = participant_rows(&prepared);
        for chunk in participants.chunks(MAX_BINDS / 10) {
            QueryBuilder::<Postgres>::new(
                "INSERT INTO event_participants (event_id, participant_id, name, tz, attendance, required, position, \
                 email, starts_at, last_ends_at) ",
            )
            .push_values(chunk, |mut b, (event, i, p, (start, last_end))| {
                b.push_bind(*event)
                    .push_bind(p.id.as_str())
                    .push_bind(p.name.as_deref())
                    .push_bind(p.tz.name())
                    .push_bind(p.attendance.as_str())
                    .push_bind(p.required)
                    .push_bind(pg_position(*i))
                    .push_bind(p.email.as_ref().map(tandem_core::EmailAddress::expose))
                    .push_bind(*start)
                    .push_bind(*last_end);
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        let occurrences = occurrence_rows(&prepared);
        for chunk in occurrences.chunks(MAX_BINDS / 5) {
            QueryBuilder::<Postgres>::new(
                "INSERT INTO event_occurrences (event_id, room_id, starts_at, ends_at, confirmed) ",
            )
            .push_values(chunk, |mut b, (event, room, o, confirmed)| {
                b.push_bind(*event)
                    .push_bind(*room)
                    .push_bind(o.start)
                    .push_bind(o.end)
                    .push_bind(*confirmed);
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }
}

/// SQLite (ids as text, instants as Unix seconds, like the rest of the SQLite store).
pub(crate) mod sqlite {
    use super::{
        occurrence_rows, participant_rows, prepare, Load, QueryBuilder, SeedEvent, SeedVenue,
        Sqlite, SqliteConnection, StoreResult, MAX_BINDS,
    };
    use crate::rows;
    use chrono::{DateTime, Utc};
    use sqlx::SqlitePool;

    fn position(i: usize) -> i64 {
        i64::try_from(i).unwrap_or(i64::MAX)
    }

    /// Stores venues, events and the marker of a [`Load`] in one transaction; false (and
    /// nothing written) when the marker was already set.
    pub async fn load(pool: &SqlitePool, load: &Load<'_>, now: DateTime<Utc>) -> StoreResult<bool> {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        if let Some((key, value)) = load.marker {
            let set = sqlx::query(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
            if set.rows_affected() == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
        }
        venues(&mut tx, load.venues, now).await?;
        events(&mut tx, load.events, now).await?;
        crate::sqlite::bump_revision(&mut tx, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Stores venues and their rooms.
    async fn venues(
        tx: &mut SqliteConnection,
        venues: &[SeedVenue],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if venues.is_empty() {
            return Ok(());
        }
        let now = now.timestamp();
        for chunk in venues.chunks(MAX_BINDS / 11) {
            QueryBuilder::<Sqlite>::new(
                "INSERT INTO venues (id, name, city, country, tz, weekend, holiday_calendar, latitude, \
                 longitude, created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, v| {
                b.push_bind(v.id.to_string())
                    .push_bind(v.draft.name.as_str())
                    .push_bind(v.draft.city.as_str())
                    .push_bind(v.draft.country.as_str())
                    .push_bind(v.draft.tz.name())
                    .push_bind(v.draft.weekend.to_string())
                    .push_bind(v.draft.holiday_calendar.as_deref())
                    .push_bind(v.draft.geo.map(|g| g.lat))
                    .push_bind(v.draft.geo.map(|g| g.lon))
                    .push_bind(now)
                    .push_bind(now);
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        let rooms: Vec<_> = venues
            .iter()
            .flat_map(|v| {
                v.draft
                    .rooms
                    .iter()
                    .zip(&v.room_ids)
                    .enumerate()
                    .map(move |(i, (room, id))| (v.id, *id, room, i))
            })
            .collect();
        for chunk in rooms.chunks(MAX_BINDS / 5) {
            QueryBuilder::<Sqlite>::new(
                "INSERT INTO rooms (id, venue_id, name, capacity, position) ",
            )
            .push_values(chunk, |mut b, (venue, id, room, i)| {
                b.push_bind(id.to_string())
                    .push_bind(venue.to_string())
                    .push_bind(room.name.as_str())
                    .push_bind(i64::from(room.capacity))
                    .push_bind(position(*i));
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }

    async fn insert_events(
        conn: &mut SqliteConnection,
        events: &[super::Prepared<'_>],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now = now.timestamp();
        let tzdata = tandem_core::time::tzdata_version();
        for chunk in events.chunks(MAX_BINDS / 22) {
            QueryBuilder::<Sqlite>::new(
                "INSERT INTO events (id, title, description, kind, mode, status, region, group_code, venue_id, \
                 room_id, tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, version, \
                 starts_at, ends_at, last_ends_at, tzdata_version, created_at, updated_at) ",
            )
            .push_values(chunk, |mut b, p| {
                let d = &p.event.draft;
                b.push_bind(p.event.id.to_string())
                    .push_bind(d.title.as_str())
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
                    .push("0")
                    .push("1")
                    .push_bind(p.first.start.timestamp())
                    .push_bind(p.first.end.timestamp())
                    .push_bind(p.last_end.timestamp())
                    .push_bind(tzdata)
                    .push_bind(now)
                    .push_bind(now);
            })
            .build()
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Stores events with their participants and occurrences; refuses them
    /// ([`crate::StoreError::RoomTaken`]) if two confirmed ones share a room.
    async fn events(
        tx: &mut SqliteConnection,
        events: &[SeedEvent],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        let prepared = prepare(events)?;
        insert_events(&mut *tx, &prepared, now).await?;
        let participants = participant_rows(&prepared);
        for chunk in participants.chunks(MAX_BINDS / 8) {
            QueryBuilder::<Sqlite>::new(
                "INSERT INTO event_participants (event_id, participant_id, name, tz, attendance, required, position, email) ",
            )
            .push_values(chunk, |mut b, (event, i, p, _)| {
                b.push_bind(event.to_string())
                    .push_bind(p.id.as_str())
                    .push_bind(p.name.as_deref())
                    .push_bind(p.tz.name())
                    .push_bind(p.attendance.as_str())
                    .push_bind(i64::from(p.required))
                    .push_bind(position(*i))
                    .push_bind(p.email.as_ref().map(tandem_core::EmailAddress::expose));
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        let occurrences = occurrence_rows(&prepared);
        for chunk in occurrences.chunks(MAX_BINDS / 5) {
            QueryBuilder::<Sqlite>::new(
                "INSERT INTO event_occurrences (event_id, room_id, starts_at, ends_at, confirmed) ",
            )
            .push_values(chunk, |mut b, (event, room, o, confirmed)| {
                b.push_bind(event.to_string())
                    .push_bind(room.map(|r| r.to_string()))
                    .push_bind(o.start.timestamp())
                    .push_bind(o.end.timestamp())
                    .push_bind(i64::from(*confirmed));
            })
            .build()
            .execute(&mut *tx)
            .await?;
        }
        check_rooms(&mut *tx, events).await?;
        Ok(())
    }

    /// SQLite has no exclusion constraint: inside the batch's transaction, refuses the batch
    /// (rolled back) if a confirmed occurrence it wrote overlaps another in the same room.
    async fn check_rooms(conn: &mut SqliteConnection, events: &[SeedEvent]) -> StoreResult<()> {
        for chunk in events.chunks(MAX_BINDS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT b.event_id, e.title, b.starts_at, b.ends_at FROM event_occurrences a \
                 JOIN event_occurrences b ON b.room_id = a.room_id AND b.confirmed = 1 \
                 AND b.event_id <> a.event_id AND b.starts_at < a.ends_at AND b.ends_at > a.starts_at \
                 JOIN events e ON e.id = b.event_id \
                 WHERE a.confirmed = 1 AND a.room_id IS NOT NULL AND a.event_id IN (",
            );
            let mut ids = q.separated(", ");
            for e in chunk {
                ids.push_bind(e.id.to_string());
            }
            q.push(") LIMIT 1");
            if let Some(row) = q.build().fetch_optional(&mut *conn).await? {
                use sqlx::Row;
                let id: String = row.try_get("event_id")?;
                let at = |s: i64| chrono::DateTime::from_timestamp(s, 0).unwrap_or_default();
                return Err(crate::StoreError::RoomTaken(vec![crate::RoomClash {
                    event_id: uuid::Uuid::parse_str(&id).unwrap_or_default(),
                    title: row.try_get("title")?,
                    start: at(row.try_get("starts_at")?),
                    end: at(row.try_get("ends_at")?),
                }]));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{SeedEvent, SeedVenue};
    use crate::{SqliteStore, Store, StoreError};
    use chrono::NaiveDate;
    use tandem_core::{
        CountryCode, EventDraft, EventKind, EventMode, EventStatus, EventTiming, RegionCode,
        RoomDraft, Title, VenueDraft, WeekdaySet, Zone,
    };
    use uuid::Uuid;

    fn event(venue: Uuid, room: Uuid, day: u32, hours: (u32, u32)) -> SeedEvent {
        let d = NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
        let timing = EventTiming::new(
            Zone::parse("Africa/Douala").unwrap(),
            d.and_hms_opt(hours.0, 0, 0).unwrap(),
            d.and_hms_opt(hours.1, 0, 0).unwrap(),
            None,
        )
        .unwrap();
        SeedEvent {
            id: Uuid::new_v4(),
            draft: EventDraft {
                title: Title::parse("Seeded").unwrap(),
                description: None,
                kind: EventKind::Meeting,
                mode: EventMode::InPerson,
                status: EventStatus::Confirmed,
                region: RegionCode::AFR,
                group: None,
                venue_id: Some(venue),
                room_id: Some(room),
                timing,
                co_located_with: None,
                remote_url: None,
                participants: Vec::new(),
            },
        }
    }

    #[tokio::test]
    async fn sqlite_bulk_path_refuses_overlapping_confirmed_bookings() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/t.db", dir.path().display());
        let clock = tandem_core::FixedClock(
            chrono::DateTime::parse_from_rfc3339("2026-12-01T08:30:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
        );
        let store = SqliteStore::connect(&url, crate::PoolSettings::new(2), clock.shared())
            .await
            .unwrap();
        let (venue, room) = (Uuid::new_v4(), Uuid::new_v4());
        store
            .seed_venues(&[SeedVenue {
                id: venue,
                room_ids: vec![room],
                draft: VenueDraft {
                    name: Title::parse("Palais").unwrap(),
                    city: Title::parse("Yaoundé").unwrap(),
                    country: CountryCode::parse("CM").unwrap(),
                    tz: Zone::parse("Africa/Douala").unwrap(),
                    weekend: WeekdaySet::SAT_SUN,
                    holiday_calendar: None,
                    rooms: vec![RoomDraft::new("Salle A", 100).unwrap()],
                    geo: None,
                },
            }])
            .await
            .unwrap();
        // Back to back is fine, in one batch and across batches.
        store
            .seed_events(&[
                event(venue, room, 10, (9, 12)),
                event(venue, room, 10, (12, 14)),
            ])
            .await
            .unwrap();
        let clash = store
            .seed_events(&[
                event(venue, room, 11, (9, 10)),
                event(venue, room, 10, (13, 15)),
            ])
            .await;
        assert!(matches!(clash, Err(StoreError::RoomTaken(_))), "{clash:?}");
        // The refused batch left nothing behind.
        let all = store
            .events(
                &crate::EventFilter {
                    statuses: vec![EventStatus::Confirmed],
                    ..crate::EventFilter::default()
                },
                None,
                10,
            )
            .await
            .unwrap();
        assert_eq!(all.len(), 2);
    }
}
