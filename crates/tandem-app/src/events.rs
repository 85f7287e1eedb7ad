//! Events (DESIGN §4) as use cases: create, change (with the version read), cancel, and
//! read them. Every write checks the caller's regions before and after, runs in the store's
//! transaction, and refreshes the event's clash list after its commit.

use tandem_core::{EventChange, EventDraft, EventTiming};
use tandem_store::{CoLocation, Event, EventCursor, EventFilter};
use tracing::instrument;
use uuid::Uuid;

use crate::clashes::check;
use crate::{App, AppError, AppResult, Caller};

/// The draft that stores `event` as it is now.
pub fn draft_of(event: &Event) -> AppResult<EventDraft> {
    let timing = EventTiming::stored(
        event.tz,
        event.local_start,
        event.local_end,
        event.rrule.as_deref(),
    )?;
    check::draft_with(event, timing, event.room_id)
        .ok_or_else(|| AppError::Conflict("the stored event can no longer be rewritten".into()))
}

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
    caller.require_write(&[current.region])?;
    if let Some(expected) = expected {
        if expected != current.version {
            return Err(AppError::PreconditionFailed {
                expected,
                current: current.version,
            });
        }
    }
    let before = draft_of(&current)?;
    let after = before.changed(change)?;
    caller.require_write(&[after.region])?;
    let visible = after.visibly_differs(&before);
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
    caller.require_write(&[current.region])?;
    let event = app.store.cancel_event(id, expected).await?;
    check::refresh_after_write(app, &event).await;
    Ok(event)
}

/// One event.
pub async fn get(app: &App, id: Uuid) -> AppResult<Event> {
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
