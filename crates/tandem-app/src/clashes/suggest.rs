//! The suggestion engine of DESIGN §6: for one clash, concrete changes of one of its events
//! (another room at the same venue, the same local times on another working day, or a time
//! the window engine finds for everyone near the current one), each with the clashes it
//! would leave. Only changes that remove the clash and leave no hard clash are offered.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use tandem_core::clash::{local_dates, Clash, ClashKind, EventFacts, Severity};
use tandem_core::search::{search, DailyHours, SearchParticipant, WindowQuery};
use tandem_core::time::format_local_datetime;
use tandem_core::Event;
use tandem_core::{Attendance, EventStatus, EventTiming, Interval, LocalTimeOfDay, Zone};
use tandem_store::{Store, StoreResult, Venue};
use uuid::Uuid;

use super::check::{self, facts, CalendarBusy, Venues};
use crate::App;

/// Furthest a move suggestion shifts an event, in days either way.
const MOVE_DAYS: i64 = 14;
/// Most suggestions of each sort per clash.
const SUGGESTIONS_PER_SORT: usize = 3;

/// What a suggestion changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuggestionAction {
    /// Another date or time, in the same room.
    Move,
    /// Another room of the same venue, at the same time.
    SwitchRoom,
}

impl SuggestionAction {
    /// Its name in the API (`move`, `switch_room`).
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionAction::Move => "move",
            SuggestionAction::SwitchRoom => "switch_room",
        }
    }
}

/// A room named in a suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestedRoom {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// One way to resolve a clash.
#[derive(Clone, Debug)]
pub struct Suggestion {
    /// Its id, to resolve with (`move:2027-03-12T09:00`, `room:<uuid>`).
    pub id: String,
    /// What it changes.
    pub action: SuggestionAction,
    /// The event it changes.
    pub event_id: Uuid,
    /// The event's version it was computed from.
    pub event_version: i64,
    /// New local start (first occurrence), in `tz`.
    pub start: NaiveDateTime,
    /// New local end, in `tz`.
    pub end: NaiveDateTime,
    /// Zone of the local times (the event's).
    pub tz: Zone,
    /// New start (UTC).
    pub starts_at: DateTime<Utc>,
    /// New end (UTC).
    pub ends_at: DateTime<Utc>,
    /// The room it would use, when it switches rooms.
    pub room: Option<SuggestedRoom>,
    /// Every clash the event would still have.
    pub leaves: Vec<Clash>,
}

/// The event a suggestion should change: the proposed one of the two, else the later one.
async fn target(store: &dyn Store, clash: &Clash) -> StoreResult<Event> {
    let first = store.event(clash.event_id).await?;
    let Some(other) = clash.other_event_id else {
        return Ok(first);
    };
    let second = store.event(other).await?;
    let pick_first = match (first.status(), second.status()) {
        (EventStatus::Proposed, EventStatus::Confirmed) => true,
        (EventStatus::Confirmed, EventStatus::Proposed) => false,
        _ => first.created_at > second.created_at,
    };
    Ok(if pick_first { first } else { second })
}

/// True when `left` no longer holds the clash being resolved.
fn resolves(clash: &Clash, left: &[Clash]) -> bool {
    let pair = |c: &Clash| {
        let other = c.other_event_id.unwrap_or(c.event_id);
        (c.event_id.min(other), c.event_id.max(other))
    };
    !left.iter().any(|c| {
        c.kind == clash.kind
            && c.other_event_id.is_some() == clash.other_event_id.is_some()
            && pair(c) == pair(clash)
            && c.subject == clash.subject
    })
}

struct Context {
    event: Event,
    others: Vec<EventFacts>,
    venue: Option<Venue>,
    /// The participants' own calendars around the event (a move must not land in them).
    busy: Vec<CalendarBusy>,
}

async fn context(app: &App, event: Event) -> StoreResult<Context> {
    let store = app.store();
    let me = facts(&event)?;
    let span = me
        .span()
        .and_then(|s| {
            Interval::new(
                s.start - Duration::days(MOVE_DAYS + 1),
                s.end + Duration::days(MOVE_DAYS + 1),
            )
        })
        .unwrap_or(Interval {
            start: event.instants.starts_at,
            end: event.instants.ends_at,
        });
    let others = check::neighbours(store, &me, span)
        .await?
        .iter()
        .map(facts)
        .collect::<StoreResult<_>>()?;
    let venue = match event.draft.venue_id {
        Some(id) => Some(store.venue(id).await?),
        None => None,
    };
    let busy = check::participant_busy(app, &event, span).await?;
    Ok(Context {
        event,
        others,
        venue,
        busy,
    })
}

async fn candidate(
    store: &dyn Store,
    venues: &mut Venues,
    ctx: &Context,
    (id, action): (String, SuggestionAction),
    (start, end): (NaiveDateTime, NaiveDateTime),
    room_id: Option<Uuid>,
) -> StoreResult<Option<Suggestion>> {
    let event = &ctx.event;
    let Ok(timing) = EventTiming::new(event.zone(), start, end, event.rrule()) else {
        return Ok(None);
    };
    let mut me = facts(event)?;
    let Ok(occurrences) = timing.occurrences() else {
        return Ok(None);
    };
    me.occurrences = occurrences;
    me.room_id = room_id;
    let mut left = check::clashes_against(store, venues, &me, &ctx.others).await?;
    left.extend(check::calendar_clashes_of(
        event.id,
        &me.occurrences,
        &ctx.busy,
    ));
    let first = timing.first();
    let room = room_id.and_then(|r| {
        ctx.venue
            .as_ref()
            .and_then(|v| v.room(r))
            .map(|r| SuggestedRoom {
                id: r.id,
                name: r.name.clone(),
                capacity: r.capacity,
            })
    });
    Ok(Some(Suggestion {
        id,
        action,
        event_id: event.id,
        event_version: event.version,
        start,
        end,
        tz: event.zone(),
        starts_at: first.start,
        ends_at: first.end,
        room,
        leaves: left,
    }))
}

fn move_id(start: NaiveDateTime) -> (String, SuggestionAction) {
    (
        format!("move:{}", format_local_datetime(start)),
        SuggestionAction::Move,
    )
}

/// Suggestions for one clash, fewest clashes left first.
pub async fn suggestions(app: &App, clash: &Clash) -> StoreResult<Vec<Suggestion>> {
    let store = app.store();
    let event = target(store, clash).await?;
    let ctx = context(app, event).await?;
    let event = &ctx.event;
    let mut venues = Venues::default();
    let (start, end) = (
        event.draft.timing.local_start(),
        event.draft.timing.local_end(),
    );
    let mut out: Vec<Suggestion> = Vec::new();

    // Another room of the same venue, free and large enough, at the same time.
    if let (Some(venue), Some(current)) = (&ctx.venue, event.draft.room_id) {
        let seats = event
            .draft
            .participants
            .iter()
            .filter(|p| p.attendance == Attendance::InPerson)
            .count();
        let mut rooms = Vec::new();
        for room in venue
            .rooms
            .iter()
            .filter(|r| r.id != current && r.capacity as usize >= seats)
        {
            let id = (format!("room:{}", room.id), SuggestionAction::SwitchRoom);
            let Some(s) =
                candidate(store, &mut venues, &ctx, id, (start, end), Some(room.id)).await?
            else {
                continue;
            };
            if resolves(clash, &s.leaves)
                && !s.leaves.iter().any(|c| c.kind == ClashKind::RoomOverlap)
            {
                rooms.push(s);
            }
        }
        rooms.sort_by_key(|s| s.leaves.len());
        out.extend(rooms.into_iter().take(SUGGESTIONS_PER_SORT));
    }

    // Another date: the same local times shifted by whole days, on working days at the venue.
    let days = match ctx.venue.as_ref() {
        Some(v) => {
            let range = Interval::new(
                event.instants.starts_at - Duration::days(MOVE_DAYS + 2),
                event.instants.ends_at + Duration::days(MOVE_DAYS + 2),
            )
            .unwrap_or(Interval {
                start: event.instants.starts_at,
                end: event.instants.ends_at,
            });
            Some((v.tz, venues.working_days(store, v, range).await))
        }
        None => None,
    };
    let mut moves = Vec::new();
    for k in (1..=MOVE_DAYS).flat_map(|k| [k, -k]) {
        let (s, e) = (start + Duration::days(k), end + Duration::days(k));
        if let Some((zone, days)) = &days {
            let at = Interval::new(zone.resolve(s), zone.resolve(e));
            if !at.is_some_and(|at| {
                local_dates(*zone, at)
                    .into_iter()
                    .all(|d| days.is_working(d))
            }) {
                continue;
            }
        }
        let Some(sug) = candidate(
            store,
            &mut venues,
            &ctx,
            move_id(s),
            (s, e),
            event.draft.room_id,
        )
        .await?
        else {
            continue;
        };
        if resolves(clash, &sug.leaves) && !sug.leaves.iter().any(|c| c.severity == Severity::Hard)
        {
            moves.push(sug);
        }
        if moves.len() >= 2 * SUGGESTIONS_PER_SORT {
            break;
        }
    }
    moves.sort_by_key(|s| s.leaves.len());
    out.extend(moves.into_iter().take(SUGGESTIONS_PER_SORT));

    // A time of day the window engine finds for everyone, near the current one.
    if event.rrule().is_none()
        && event.instants.ends_at - event.instants.starts_at <= Duration::hours(12)
    {
        for window in window_times(event) {
            let s = event.zone().local(window.start);
            let e = event.zone().local(window.end);
            if s == start {
                continue;
            }
            if let Some(sug) = candidate(
                store,
                &mut venues,
                &ctx,
                move_id(s),
                (s, e),
                event.draft.room_id,
            )
            .await?
            {
                if resolves(clash, &sug.leaves)
                    && !sug.leaves.iter().any(|c| c.severity == Severity::Hard)
                {
                    out.push(sug);
                }
            }
        }
    }
    out.sort_by_key(|s| s.leaves.len());
    let mut seen = HashSet::new();
    Ok(out
        .into_iter()
        .filter(|s| seen.insert(s.id.clone()))
        .collect())
}

/// Windows of the event's length within two days of it, inside every participant's
/// acceptable hours (remote ones in their own zone, in-person ones in the event's).
fn window_times(event: &Event) -> Vec<Interval> {
    let acceptable = tandem_core::clash::default_acceptable_hours();
    let working = DailyHours {
        days: acceptable.days,
        start: LocalTimeOfDay::parse("09:00").unwrap_or(acceptable.start),
        end: LocalTimeOfDay::parse("17:00").unwrap_or(acceptable.end),
    };
    let participants: Vec<SearchParticipant> = event
        .draft
        .participants
        .iter()
        .map(|p| SearchParticipant {
            id: p.id.to_string(),
            zone: if p.attendance == Attendance::Remote {
                p.tz
            } else {
                event.zone()
            },
            attendance: p.attendance,
            required: true,
            weight: 1.0,
            working,
            acceptable,
            holidays: Vec::new(),
            busy: Vec::new(),
        })
        .collect();
    if participants.is_empty() {
        return Vec::new();
    }
    let Some(range) = Interval::new(
        event.instants.starts_at - Duration::days(2),
        event.instants.ends_at + Duration::days(2),
    ) else {
        return Vec::new();
    };
    let query = WindowQuery {
        range,
        duration: event.instants.ends_at - event.instants.starts_at,
        step: Duration::minutes(30),
        limit: SUGGESTIONS_PER_SORT,
        participants,
    };
    search(&query)
        .windows
        .into_iter()
        .filter_map(|w| Interval::new(w.start, w.end))
        .collect()
}
