//! Bulk loading for `tandem seed` and the demo: venues and events with ids chosen by the
//! caller (so a seed gives the same data every time), written in multi-row statements, one
//! transaction per call, with one bump of the feed revision per call.
//!
//! Each backend writes through its venues' and events' own writers (the columns are bound
//! in one place each), so the room guarantee holds as for any write: on PostgreSQL the
//! exclusion constraint checks every occurrence row; on SQLite the events' room check runs
//! inside the batch's transaction and refuses the whole batch
//! ([`crate::StoreError::RoomTaken`]) if a confirmed occurrence overlaps another in its room.

mod postgres;
mod sqlite;

use async_trait::async_trait;

use crate::error::StoreResult;
use crate::events::SeedEvent;
use crate::venues::SeedVenue;

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

/// Bulk loads (`tandem seed`, the demo).
#[async_trait]
pub trait BulkLoad: Send + Sync {
    /// Venues and events with caller-chosen ids, the events' participants and occurrences,
    /// in one transaction with one revision bump; clashes are not computed. With a marker,
    /// false (nothing written) when it was set.
    async fn load(&self, load: &Load<'_>) -> StoreResult<bool>;

    /// Bulk load of venues alone ([`BulkLoad::load`]).
    async fn seed_venues(&self, venues: &[SeedVenue]) -> StoreResult<()> {
        self.load(&Load {
            venues,
            ..Load::default()
        })
        .await
        .map(drop)
    }

    /// Bulk load of events alone ([`BulkLoad::load`]).
    async fn seed_events(&self, events: &[SeedEvent]) -> StoreResult<()> {
        self.load(&Load {
            events,
            ..Load::default()
        })
        .await
        .map(drop)
    }
}

#[cfg(test)]
mod tests {
    use crate::{BulkLoad, EventStore, SeedEvent, SeedVenue, SqliteStore, StoreError};
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
