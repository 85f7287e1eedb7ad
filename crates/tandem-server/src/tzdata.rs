//! Re-deriving instants when the bundled tz database changes (DESIGN §2): an event's
//! canonical time is its local wall-clock time, so when a government changes its DST rules
//! and a new tzdata ships, every future event keeps its local time and moves in UTC.

use chrono::{DateTime, Utc};
use tandem_core::EventTiming;
use tandem_store::{Store, StoreError};

/// What one re-derivation pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rederived {
    /// Events brought up to the current tz database.
    pub updated: usize,
    /// Events left as they were because their new instants would double-book a room.
    pub blocked: usize,
}

/// Re-derives every event still to end after `now` whose instants came from another tz
/// database version.
pub async fn rederive_future_events(
    store: &dyn Store,
    now: DateTime<Utc>,
) -> anyhow::Result<Rederived> {
    let version = tandem_core::time::tzdata_version();
    let mut outcome = Rederived::default();
    for event in store.events_derived_with_other_tzdata(version, now).await? {
        let timing = EventTiming::stored(
            event.tz,
            event.local_start,
            event.local_end,
            event.rrule.as_deref(),
        )
        .map_err(|e| anyhow::anyhow!("event {} no longer derives: {e}", event.id))?;
        let occurrences = timing
            .occurrences()
            .map_err(|e| anyhow::anyhow!("event {} no longer expands: {e}", event.id))?;
        match store.store_rederived(event.id, &occurrences, version).await {
            Ok(()) => outcome.updated += 1,
            Err(StoreError::RoomTaken(clashes)) => {
                tracing::error!(event_id = %event.id, clashes = clashes.len(),
                    "new tz rules would double-book the room; the event keeps its old instants");
                outcome.blocked += 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if outcome.updated + outcome.blocked > 0 {
        tracing::info!(
            tzdata = version,
            updated = outcome.updated,
            blocked = outcome.blocked,
            "re-derived future events"
        );
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDateTime};
    use tandem_core::{
        EventDraft, EventKind, EventMode, EventStatus, Interval, RegionCode, Title, Zone,
    };
    use tandem_store::SqliteStore;

    fn local(s: &str) -> NaiveDateTime {
        tandem_core::time::parse_local_datetime(s).unwrap()
    }

    /// An event derived with older rules (here: instants an hour off, as if a country had
    /// dropped DST) is brought back to its local time by the current tz database; one that
    /// has ended is left as it was.
    #[tokio::test]
    async fn stale_tzdata_is_rederived_from_local_time() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-01T08:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let store = SqliteStore::connect(
            &format!("sqlite://{}/t.db", dir.path().display()),
            tandem_store::PoolSettings::new(2),
            tandem_core::FixedClock(now).shared(),
        )
        .await
        .unwrap();
        let zone = Zone::parse("America/Sao_Paulo").unwrap();
        let start = local("2027-01-12T09:00");
        let timing = EventTiming::new(
            zone,
            start,
            start + Duration::hours(2),
            Some("FREQ=WEEKLY;COUNT=3"),
        )
        .unwrap();
        let draft = EventDraft {
            title: Title::parse("SG3RG-LAC call").unwrap(),
            description: None,
            kind: EventKind::Session,
            mode: EventMode::Virtual,
            status: EventStatus::Confirmed,
            region: RegionCode::AMS,
            group: None,
            venue_id: None,
            room_id: None,
            timing: timing.clone(),
            co_located_with: None,
            remote_url: None,
            participants: Vec::new(),
        };
        let event = store.create_event(&draft).await.unwrap();
        let right = timing.occurrences().unwrap();
        let wrong: Vec<Interval> = right
            .iter()
            .map(|o| {
                Interval::new(o.start - Duration::hours(1), o.end - Duration::hours(1)).unwrap()
            })
            .collect();
        store
            .store_rederived(event.id, &wrong, "2018a")
            .await
            .unwrap();
        assert_eq!(
            store.event(event.id).await.unwrap().starts_at,
            right[0].start - Duration::hours(1)
        );

        // Seen from after the series has ended, there is nothing to re-derive.
        assert_eq!(
            rederive_future_events(&store, right[2].end).await.unwrap(),
            Rederived::default()
        );
        let outcome = rederive_future_events(&store, now).await.unwrap();
        assert_eq!(
            outcome,
            Rederived {
                updated: 1,
                blocked: 0
            }
        );
        let fixed = store.event(event.id).await.unwrap();
        assert_eq!(fixed.starts_at, right[0].start);
        assert_eq!(fixed.last_ends_at, right[2].end);
        assert_eq!(fixed.tzdata_version, tandem_core::time::tzdata_version());
        assert_eq!(
            fixed.local_start, start,
            "the canonical local time never moves"
        );
        // A second pass finds nothing to do.
        assert_eq!(
            rederive_future_events(&store, now).await.unwrap(),
            Rederived::default()
        );
    }
}
