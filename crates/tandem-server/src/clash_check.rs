//! The clash check of DESIGN §6 on stored events: which events one event could clash with
//! (through the store's indexed filters: its room's venue, its group, its region, each of
//! its participants, over its own time span), the rules of `tandem_core::clash`, and the
//! incremental refresh that runs after every event write.

use std::collections::{BTreeMap, HashMap};

use chrono::Duration;
use tandem_core::clash::{
    clashes_of, local_dates, Clash, ClashParticipant, EventFacts, WorkingDays,
};
use tandem_core::{EventDraft, EventStatus, EventTiming, Interval, Title, Zone};
use tandem_store::{Event, EventFilter, Store, StoreResult, Venue};
use uuid::Uuid;

use crate::state::AppState;

/// Most events one clash query reads per filter.
const NEIGHBOURS_PER_QUERY: u32 = 5_000;

/// The rules' view of a stored event.
pub fn facts(event: &Event) -> EventFacts {
    let occurrences = EventTiming::stored(
        event.tz,
        event.local_start,
        event.local_end,
        event.rrule.as_deref(),
    )
    .ok()
    .and_then(|t| t.occurrences().ok())
    .unwrap_or_else(|| {
        Interval::new(event.starts_at, event.ends_at)
            .into_iter()
            .collect()
    });
    EventFacts {
        id: event.id,
        status: event.status,
        mode: event.mode,
        region: event.region,
        group: event.group.clone(),
        venue_id: event.venue_id,
        room_id: event.room_id,
        occurrences,
        participants: event
            .participants
            .iter()
            .map(|p| ClashParticipant {
                id: p.id.to_string(),
                tz: p.tz,
                attendance: p.attendance,
                required: p.required,
            })
            .collect(),
    }
}

/// The working days of a venue over `range`: its weekend and the dates of its bundled
/// holiday calendar (`config/holidays/CC.ics`).
pub fn working_days(venue: &Venue, range: Interval) -> WorkingDays {
    let mut holidays = Vec::new();
    if let Some(bytes) = venue
        .holiday_calendar
        .as_deref()
        .and_then(crate::import::holidays::bundled)
    {
        if let Ok(calendar) = tandem_ical::parse(bytes) {
            for busy in calendar.busy(venue.tz, range) {
                holidays.extend(local_dates(venue.tz, busy));
            }
        }
    }
    WorkingDays::new(venue.weekend, holidays)
}

/// Every live event that may clash with an event of these facts over `span`: same venue,
/// same group, same region, or sharing a participant. Each comes through an indexed filter.
pub async fn neighbours(
    store: &dyn Store,
    event: &EventFacts,
    span: Interval,
) -> StoreResult<Vec<Event>> {
    let base = EventFilter {
        statuses: vec![EventStatus::Proposed, EventStatus::Confirmed],
        from: Some(span.start),
        to: Some(span.end),
        ..EventFilter::default()
    };
    let mut filters = vec![EventFilter {
        region: Some(event.region),
        ..base.clone()
    }];
    if let Some(venue) = event.venue_id {
        filters.push(EventFilter {
            venue_id: Some(venue),
            ..base.clone()
        });
    }
    if let Some(group) = &event.group {
        filters.push(EventFilter {
            group: Some(group.clone()),
            ..base.clone()
        });
    }
    for p in &event.participants {
        filters.push(EventFilter {
            participant: Some(p.id.clone()),
            ..base.clone()
        });
    }
    let mut found: BTreeMap<Uuid, Event> = BTreeMap::new();
    for filter in filters {
        for e in store.events(&filter, None, NEIGHBOURS_PER_QUERY).await? {
            if e.id != event.id {
                found.insert(e.id, e);
            }
        }
    }
    Ok(found.into_values().collect())
}

/// Venues by id, read once per request.
#[derive(Default)]
pub struct Venues(HashMap<Uuid, Option<Venue>>);

impl Venues {
    /// The venue with this id (cached).
    pub async fn get(&mut self, store: &dyn Store, id: Uuid) -> StoreResult<Option<Venue>> {
        if let Some(known) = self.0.get(&id) {
            return Ok(known.clone());
        }
        let venue = match store.venue(id).await {
            Ok(v) => Some(v),
            Err(tandem_store::StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        self.0.insert(id, venue.clone());
        Ok(venue)
    }
}

/// Every clash of `event` against `others`, with its venue's working days.
pub async fn clashes_against(
    store: &dyn Store,
    venues: &mut Venues,
    event: &EventFacts,
    others: &[EventFacts],
) -> StoreResult<Vec<Clash>> {
    let Some(span) = event.span() else {
        return Ok(Vec::new());
    };
    let venue = match event.venue_id {
        Some(id) => venues.get(store, id).await?,
        None => None,
    };
    let days = venue.as_ref().map(|v| {
        let range = Interval::new(span.start - Duration::days(2), span.end + Duration::days(2))
            .unwrap_or(span);
        (v.tz, working_days(v, range))
    });
    Ok(clashes_of(
        event,
        others,
        days.as_ref().map(|(z, d): &(Zone, WorkingDays)| (*z, d)),
    ))
}

/// The clashes of one stored event now.
pub async fn check(store: &dyn Store, event: &Event) -> StoreResult<Vec<Clash>> {
    let me = facts(event);
    let Some(span) = me.span() else {
        return Ok(Vec::new());
    };
    if event.status == EventStatus::Cancelled {
        return Ok(Vec::new());
    }
    let others: Vec<EventFacts> = neighbours(store, &me, span)
        .await?
        .iter()
        .map(facts)
        .collect();
    clashes_against(store, &mut Venues::default(), &me, &others).await
}

/// Recomputes and stores the clashes of the event just written (and only those).
pub async fn refresh(store: &dyn Store, event: &Event) -> StoreResult<Vec<Clash>> {
    let clashes = check(store, event).await?;
    store.replace_clashes(event.id, &clashes).await?;
    Ok(clashes)
}

/// [`refresh`] after a write that has already committed: a failure is logged, not
/// returned (the clash list catches up with the event's next write).
pub async fn refresh_after_write(state: &AppState, event: &Event) {
    if let Err(error) = refresh(state.store.as_ref(), event).await {
        tracing::error!(event_id = %event.id, error = ?error, "clash check after a write failed");
    }
}

/// The draft that would store `event` as it is, with `timing` and `room_id` replaced.
pub fn draft_with(event: &Event, timing: EventTiming, room_id: Option<Uuid>) -> Option<EventDraft> {
    Some(EventDraft {
        title: Title::parse(&event.title).ok()?,
        description: event.description.clone(),
        kind: event.kind,
        mode: event.mode,
        status: event.status,
        region: event.region,
        group: event.group.clone(),
        venue_id: event.venue_id,
        room_id,
        timing,
        co_located_with: event.co_located_with,
        remote_url: event.remote_url.clone(),
        participants: event.participants.clone(),
    })
}
