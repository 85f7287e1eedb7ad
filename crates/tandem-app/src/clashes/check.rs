//! The clash check of DESIGN §6 on stored events: which events one event could clash with
//! (through the store's indexed filters: its room's venue, its group, its region, each of
//! its participants, over its own time span), the rules of `tandem_core::clash`, and the
//! incremental refresh that runs after every event write.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Duration;
use tandem_core::clash::{
    clashes_of, local_dates, Clash, ClashKind, ClashParticipant, EventFacts, Severity, WorkingDays,
};
use tandem_core::{Event, EventStatus, Interval, Zone};
use tandem_ical::ImportedCalendar;
use tandem_store::{
    CalendarFilter, EventFilter, Neighbourhood, Store, StoreError, StoreResult, Venue,
};
use uuid::Uuid;

use crate::App;

/// Most events one clash check reads.
const NEIGHBOURS_MAX: u32 = 20_000;

/// The rules' view of a stored event. Its occurrences are derived from its timing; a stored
/// event whose timing no longer expands (which a write never lets in) is corrupt data, an
/// error, not a guess from its first occurrence.
pub fn facts(event: &Event) -> StoreResult<EventFacts> {
    let draft = &event.draft;
    let occurrences = draft.timing.occurrences().map_err(|e| {
        StoreError::Corrupt(format!(
            "the occurrences of event {} cannot be derived: {e}",
            event.id
        ))
    })?;
    Ok(EventFacts {
        id: event.id,
        status: draft.status,
        mode: draft.mode,
        region: draft.region,
        group: draft.group.clone(),
        venue_id: draft.venue_id,
        room_id: draft.room_id,
        occurrences,
        participants: draft
            .participants
            .iter()
            .map(|p| ClashParticipant {
                id: p.id.to_string(),
                tz: p.tz,
                attendance: p.attendance,
                required: p.required,
            })
            .collect(),
    })
}

/// The holiday calendar of a venue: the calendar imported for it when there is one (it
/// replaces the bundled one), else its bundled one (`config/holidays/CC.ics`, parsed once per
/// process).
pub async fn holiday_calendar(store: &dyn Store, venue: &Venue) -> Option<Arc<ImportedCalendar>> {
    let filter = CalendarFilter {
        venue_id: Some(venue.id),
        ..CalendarFilter::default()
    };
    let imported = match store.calendars(&filter).await {
        Ok(calendars) => match calendars.first() {
            Some(c) => store.calendar_ics(c.id).await.ok().map(|(_, bytes)| bytes),
            None => None,
        },
        Err(error) => {
            tracing::warn!(venue_id = %venue.id, error = ?error, "venue holiday calendar unreadable");
            None
        }
    };
    match imported {
        Some(bytes) => tandem_ical::parse(&bytes).ok().map(Arc::new),
        None => venue
            .holiday_calendar
            .as_deref()
            .and_then(crate::import::holidays::bundled_parsed),
    }
}

/// The working days of a venue over `range`: its weekend, and the holidays of `holidays`.
pub fn working_days_with(
    venue: &Venue,
    holidays: Option<&ImportedCalendar>,
    range: Interval,
) -> WorkingDays {
    let mut days = Vec::new();
    if let Some(calendar) = holidays {
        for busy in calendar.busy(venue.tz, range) {
            days.extend(local_dates(venue.tz, busy));
        }
    }
    WorkingDays::new(venue.weekend, days)
}

/// The working days of a venue over `range`: its weekend and the holidays of
/// [`holiday_calendar`].
pub async fn working_days(store: &dyn Store, venue: &Venue, range: Interval) -> WorkingDays {
    let holidays = holiday_calendar(store, venue).await;
    working_days_with(venue, holidays.as_deref(), range)
}

/// Every live event that may clash with an event of these facts over `span`: same venue,
/// same group, same region, or sharing a participant — one indexed store query.
pub async fn neighbours(
    store: &dyn Store,
    event: &EventFacts,
    span: Interval,
) -> StoreResult<Vec<Event>> {
    let neighbourhood = Neighbourhood {
        exclude: Some(event.id),
        span,
        region: event.region,
        venue_id: event.venue_id,
        group: event.group.clone(),
        participants: event.participants.iter().map(|p| p.id.clone()).collect(),
    };
    store.neighbours(&neighbourhood, NEIGHBOURS_MAX).await
}

/// Venues by id and their holiday calendars, read once per request.
#[derive(Default)]
pub struct Venues {
    venues: HashMap<Uuid, Option<Venue>>,
    holidays: HashMap<Uuid, Option<Arc<ImportedCalendar>>>,
}

impl Venues {
    /// The venue with this id (cached).
    pub async fn get(&mut self, store: &dyn Store, id: Uuid) -> StoreResult<Option<Venue>> {
        if let Some(known) = self.venues.get(&id) {
            return Ok(known.clone());
        }
        let venue = match store.venue(id).await {
            Ok(v) => Some(v),
            Err(tandem_store::StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        self.venues.insert(id, venue.clone());
        Ok(venue)
    }

    /// The working days of `venue` over `range` (its holiday calendar read once).
    pub async fn working_days(
        &mut self,
        store: &dyn Store,
        venue: &Venue,
        range: Interval,
    ) -> WorkingDays {
        let holidays = self.holidays(store, venue).await;
        working_days_with(venue, holidays.as_deref(), range)
    }

    /// The holiday calendar of `venue` (cached).
    pub async fn holidays(
        &mut self,
        store: &dyn Store,
        venue: &Venue,
    ) -> Option<Arc<ImportedCalendar>> {
        if let Some(known) = self.holidays.get(&venue.id) {
            return known.clone();
        }
        let calendar = holiday_calendar(store, venue).await;
        self.holidays.insert(venue.id, calendar.clone());
        calendar
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
    let days = match venue.as_ref() {
        Some(v) => {
            let range = Interval::new(span.start - Duration::days(2), span.end + Duration::days(2))
                .unwrap_or(span);
            Some((v.tz, venues.working_days(store, v, range).await))
        }
        None => None,
    };
    Ok(clashes_of(
        event,
        others,
        days.as_ref().map(|(z, d): &(Zone, WorkingDays)| (*z, d)),
    ))
}

/// The clashes of one stored event now.
pub async fn check(store: &dyn Store, event: &Event) -> StoreResult<Vec<Clash>> {
    let me = facts(event)?;
    let Some(span) = me.span() else {
        return Ok(Vec::new());
    };
    if event.status() == EventStatus::Cancelled {
        return Ok(Vec::new());
    }
    // The neighbours, and the venue with its holidays, are read side by side.
    let mut venues = Venues::default();
    let (found, ()) = tokio::try_join!(neighbours(store, &me, span), async {
        if let Some(id) = me.venue_id {
            if let Some(venue) = venues.get(store, id).await? {
                venues.holidays(store, &venue).await;
            }
        }
        Ok(())
    })?;
    let others = found.iter().map(facts).collect::<StoreResult<Vec<_>>>()?;
    clashes_against(store, &mut venues, &me, &others).await
}

/// Recomputes and stores the clashes of the event just written (and only those).
pub async fn refresh(store: &dyn Store, event: &Event) -> StoreResult<Vec<Clash>> {
    let clashes = check(store, event).await?;
    store.replace_clashes(event.id, &clashes).await?;
    Ok(clashes)
}

/// Most calendar clashes recorded per participant and event.
const CALENDAR_CLASHES_PER_PARTICIPANT: usize = 20;

/// A participant's busy time from one calendar they own.
#[derive(Clone, Debug)]
pub struct CalendarBusy {
    /// The participant.
    pub participant: String,
    /// Whether the event needs them.
    pub required: bool,
    /// The calendar's name.
    pub calendar: String,
    /// Busy intervals over the span read.
    pub busy: Vec<Interval>,
}

/// The busy time of `event`'s participants over `span` in the calendars they own (issue 5:
/// imported busy time counts for linked participants). Floating and all-day times of those
/// calendars are read in the participant's zone. One query for the calendars; parsed copies
/// come from this instance's cache.
pub async fn participant_busy(
    app: &App,
    event: &Event,
    span: Interval,
) -> StoreResult<Vec<CalendarBusy>> {
    let store = app.store();
    let filter = CalendarFilter {
        participants: event
            .draft
            .participants
            .iter()
            .map(|p| p.id.to_string())
            .collect(),
        ..CalendarFilter::default()
    };
    if filter.participants.is_empty() {
        return Ok(Vec::new());
    }
    let calendars = store.calendars(&filter).await?;
    let mut out = Vec::new();
    for p in &event.draft.participants {
        let theirs = calendars.iter().filter(|c| {
            matches!(&c.owner, tandem_store::CalendarOwner::Participant(owner) if owner.as_str() == p.id.as_str())
        });
        for calendar in theirs {
            let parsed = match app.importer.parsed(store, calendar.id).await {
                Ok(parsed) => parsed,
                Err(error) => {
                    tracing::warn!(calendar_id = %calendar.id, error = ?error, "calendar unreadable for the clash check");
                    continue;
                }
            };
            out.push(CalendarBusy {
                participant: p.id.to_string(),
                required: p.required,
                calendar: calendar.name.clone(),
                busy: parsed.busy(p.tz, span),
            });
        }
    }
    Ok(out)
}

/// Clashes of an event's `occurrences` with its participants' calendars: a participant busy
/// in a calendar they own during an occurrence is a `participant_overlap` with no other
/// event, hard when the event needs them (at most `CALENDAR_CLASHES_PER_PARTICIPANT` each).
pub fn calendar_clashes_of(
    event_id: Uuid,
    occurrences: &[Interval],
    busy: &[CalendarBusy],
) -> Vec<Clash> {
    let mut out = Vec::new();
    let mut found: HashMap<&str, usize> = HashMap::new();
    for b in busy {
        let count = found.entry(b.participant.as_str()).or_default();
        for interval in &b.busy {
            for occurrence in occurrences {
                let Some(at) = Interval::new(
                    interval.start.max(occurrence.start),
                    interval.end.min(occurrence.end),
                )
                .filter(|i| !i.is_empty()) else {
                    continue;
                };
                if *count >= CALENDAR_CLASHES_PER_PARTICIPANT {
                    break;
                }
                *count += 1;
                out.push(Clash::new(
                    ClashKind::ParticipantOverlap,
                    if b.required {
                        Severity::Hard
                    } else {
                        Severity::Soft
                    },
                    (event_id, None),
                    at,
                    Some(b.participant.clone()),
                    format!(
                        "{} is busy in their calendar '{}' at that time",
                        b.participant, b.calendar
                    ),
                ));
            }
        }
    }
    out.sort_by_key(|c| c.id);
    out.dedup_by_key(|c| c.id);
    out
}

/// Clashes of a stored event with its participants' own imported calendars.
pub async fn calendar_clashes(app: &App, event: &Event) -> StoreResult<Vec<Clash>> {
    let me = facts(event)?;
    let Some(span) = me.span() else {
        return Ok(Vec::new());
    };
    if event.status() == EventStatus::Cancelled {
        return Ok(Vec::new());
    }
    let busy = participant_busy(app, event, span).await?;
    Ok(calendar_clashes_of(event.id, &me.occurrences, &busy))
}

/// The clashes of the event just written — with other events and with its participants'
/// imported calendars — stored in place of its previous ones.
pub async fn refresh_all(app: &App, event: &Event) -> StoreResult<Vec<Clash>> {
    let (mut clashes, calendars) =
        tokio::try_join!(check(app.store(), event), calendar_clashes(app, event))?;
    clashes.extend(calendars);
    app.store.replace_clashes(event.id, &clashes).await?;
    Ok(clashes)
}

/// [`refresh_all`] after a write that has already committed: a failure is logged, not
/// returned (the clash list catches up with the event's next write).
pub async fn refresh_after_write(app: &App, event: &Event) {
    if let Err(error) = refresh_all(app, event).await {
        tracing::error!(event_id = %event.id, error = ?error, "clash check after a write failed");
    }
}

/// Re-checks the clashes of the events that have not ended of whoever owns a calendar that
/// just changed (import, refresh on demand, deletion): a participant's events, or a venue's
/// (its holidays); at most 500 events.
pub async fn recheck_owner(app: &App, owner: &tandem_store::CalendarOwner) {
    let mut filter = EventFilter {
        from: Some(app.clock.now()),
        statuses: vec![EventStatus::Proposed, EventStatus::Confirmed],
        ..EventFilter::default()
    };
    let name = match owner {
        tandem_store::CalendarOwner::Participant(p) => {
            filter.participant = Some(p.clone());
            p.clone()
        }
        tandem_store::CalendarOwner::Venue(v) => {
            filter.venue_id = Some(*v);
            v.to_string()
        }
        tandem_store::CalendarOwner::Nobody => return,
    };
    let owner_name = name.as_str();
    match app.store.events(&filter, None, 500).await {
        Ok(events) => {
            for event in &events {
                refresh_after_write(app, event).await;
            }
        }
        Err(error) => {
            tracing::error!(owner = owner_name, error = ?error, "re-checking clashes after a calendar change failed");
        }
    }
}
