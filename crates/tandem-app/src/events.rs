//! Events (DESIGN §4) as use cases: create, change (with the version read), cancel, and
//! read them. Every write checks the caller's regions before and after, runs in the store's
//! transaction, and refreshes the event's clash list after its commit.

use tandem_core::clash::Clash;
use tandem_core::reference::City;
use tandem_core::Event;
use tandem_core::{EventChange, EventDraft};
use tandem_store::{ClashFilter, CoLocation, EventCursor, EventFilter, Room, Venue};
use tracing::instrument;
use uuid::Uuid;

use crate::clashes::check;
use crate::{App, AppError, AppResult, Caller};

/// Creates an event for a caller who may write in its region. A confirmed event whose room
/// is taken is [`AppError::RoomTaken`], naming the events in the way.
#[instrument(skip_all)]
pub async fn create(app: &App, caller: &Caller, draft: &EventDraft) -> AppResult<Event> {
    caller.require_write(&[draft.region])?;
    let event = app.store.create_event(draft).await?;
    tracing::info!(event_id = %event.id, "event created");
    check::refresh_after_write(app, &event).await;
    Ok(event)
}

/// Applies `change` to an event, against `expected` (the version read) when given: a stale
/// one is [`AppError::PreconditionFailed`]. The caller must be able to write in the event's
/// region before and after the change. SEQUENCE moves only when subscribers see a change.
#[instrument(skip_all, fields(%id))]
pub async fn update(
    app: &App,
    caller: &Caller,
    id: Uuid,
    expected: Option<i64>,
    change: EventChange,
) -> AppResult<Event> {
    let current = app.store.event(id).await?;
    caller.require_write(&[current.draft.region])?;
    if let Some(expected) = expected {
        if expected != current.version {
            return Err(AppError::PreconditionFailed {
                expected,
                current: current.version,
            });
        }
    }
    let before = &current.draft;
    let after = before.clone().changed(change)?;
    caller.require_write(&[after.region])?;
    let visible = after.visibly_differs(before);
    let event = app
        .store
        .update_event(
            id,
            Some(expected.unwrap_or(current.version)),
            &after,
            visible,
        )
        .await?;
    check::refresh_after_write(app, &event).await;
    Ok(event)
}

/// Cancels an event: it stays stored (history, `include=cancelled`) and leaves feeds.
#[instrument(skip_all, fields(%id))]
pub async fn cancel(
    app: &App,
    caller: &Caller,
    id: Uuid,
    expected: Option<i64>,
) -> AppResult<Event> {
    let current = app.store.event(id).await?;
    caller.require_write(&[current.draft.region])?;
    let event = app.store.cancel_event(id, expected).await?;
    check::refresh_after_write(app, &event).await;
    Ok(event)
}

/// One event.
pub async fn get(app: &App, id: Uuid) -> AppResult<Event> {
    Ok(app.store.event(id).await?)
}

/// One event as `caller` may read it: anyone while reads are public, else a token; a
/// participant's feed token reads the events it is on (another is "no event", as for a
/// stranger). Which participants' addresses the caller reads is
/// [`Caller::reads_address_of`].
pub async fn read(app: &App, caller: &Caller, id: Uuid, public_reads: bool) -> AppResult<Event> {
    if let Caller::Participant(own) = caller {
        let event = app.store.event(id).await?;
        if public_reads || event.draft.participants.iter().any(|p| p.id == *own) {
            return Ok(event);
        }
        return Err(tandem_store::StoreError::NotFound {
            entity: "event",
            id,
        }
        .into());
    }
    caller.require_read(public_reads)?;
    Ok(app.store.event(id).await?)
}

/// Events matching `filter`, by first start then id, after `cursor`.
pub async fn list(
    app: &App,
    filter: &EventFilter,
    cursor: Option<&EventCursor>,
    limit: u32,
) -> AppResult<Vec<Event>> {
    Ok(app.store.events(filter, cursor, limit).await?)
}

/// The co-location links of these events, in either direction.
pub async fn co_locations(app: &App, ids: &[Uuid]) -> AppResult<Vec<CoLocation>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(app.store.co_locations(ids).await?)
}

/// One event with what its page shows around it.
#[derive(Clone, Debug)]
pub struct EventDetails {
    /// The event.
    pub event: Event,
    /// Its venue.
    pub venue: Option<Venue>,
    /// The events held alongside it, in either direction.
    pub alongside: Vec<Event>,
    /// Its clashes now.
    pub clashes: Vec<Clash>,
    /// The main cities of its region (reference data), to show its times in.
    pub cities: Vec<City>,
}

impl EventDetails {
    /// The room it holds, at its venue.
    pub fn room(&self) -> Option<&Room> {
        let id = self.event.draft.room_id?;
        self.venue.as_ref()?.room(id)
    }
}

/// One event with its venue, the events alongside it, its clashes and its region's cities.
pub async fn details(app: &App, id: Uuid) -> AppResult<EventDetails> {
    let event = app.store.event(id).await?;
    let venue = match event.draft.venue_id {
        Some(v) => Some(app.store.venue(v).await?),
        None => None,
    };
    let mut alongside: Vec<Event> = Vec::new();
    for link in app.store.co_locations(&[id]).await? {
        let Some((other, _)) = link.other_end(id) else {
            continue;
        };
        if other != id && !alongside.iter().any(|e| e.id == other) {
            alongside.push(app.store.event(other).await?);
        }
    }
    let clashes = app
        .store
        .clashes(&ClashFilter {
            event_id: Some(id),
            ..ClashFilter::default()
        })
        .await?;
    let cities = app
        .reference
        .region(event.draft.region)
        .map(|r| r.cities.clone())
        .unwrap_or_default();
    Ok(EventDetails {
        event,
        venue,
        alongside,
        clashes,
        cities,
    })
}
