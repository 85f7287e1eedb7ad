//! Re-deriving instants when the bundled tz database changes (DESIGN §2): an event's
//! canonical time is its local wall-clock time, so when a government changes its DST rules
//! and a new tzdata ships, every future event keeps its local time and moves in UTC.

use chrono::Utc;
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

/// Re-derives every future event whose instants came from another tz database version.
pub async fn rederive_future_events(store: &dyn Store) -> anyhow::Result<Rederived> {
    let version = tandem_core::time::tzdata_version();
    let mut outcome = Rederived::default();
    for event in store
        .events_derived_with_other_tzdata(version, Utc::now())
        .await?
    {
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
