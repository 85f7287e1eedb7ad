//! Events (DESIGN §4) with their participants and occurrences: what a listing, a feed and
//! the clash check read, and the writes that keep a room to one confirmed event at a time.
//!
//! Both backends write an event's columns in one place each (`push_written`), for a new
//! event, a rewrite and a bulk load alike; an event's row, participants and occurrences are
//! built here from the draft, once, for every write ([`Prepared`]).

pub(crate) mod listing;
pub(crate) mod postgres;
pub(crate) mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_core::{
    Attendance, Event, EventDraft, EventInstants, EventKind, EventMode, EventStatus, EventTiming,
    Interval, Participant, ParticipantId, Phrase, RegionCode, Title,
};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::rows::{self, corrupt};

/// Which events to list. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Only this region.
    pub region: Option<RegionCode>,
    /// Only this group.
    pub group: Option<String>,
    /// Only this venue.
    pub venue_id: Option<Uuid>,
    /// Only these statuses.
    pub statuses: Vec<EventStatus>,
    /// Only events with an occurrence ending after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only events with an occurrence starting before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Only these kinds.
    pub kinds: Vec<EventKind>,
    /// Only events this participant is in.
    pub participant: Option<String>,
    /// Only this event.
    pub id: Option<Uuid>,
}

/// The events one event may clash with (DESIGN §6): live ones (proposed or confirmed) other
/// than `exclude`, with an occurrence overlapping `span`, that share its region, its venue,
/// its group or one of its participants. One indexed query answers all four.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbourhood {
    /// The event itself, left out.
    pub exclude: Option<Uuid>,
    /// Its span: first start to last end.
    pub span: Interval,
    /// Its region.
    pub region: RegionCode,
    /// Its venue.
    pub venue_id: Option<Uuid>,
    /// Its group.
    pub group: Option<String>,
    /// Its participants' ids.
    pub participants: Vec<String>,
}

/// Where a page of events ends: the last event's first start and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventCursor {
    /// First start of the last event returned.
    pub starts_at: DateTime<Utc>,
    /// Id of the last event returned.
    pub id: Uuid,
}

/// A co-location link (`co_located_with`) with the status of the events at both ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoLocation {
    /// The event that names the other in `co_located_with`.
    pub event: Uuid,
    /// Its status.
    pub event_status: EventStatus,
    /// The event it is held alongside.
    pub alongside: Uuid,
    /// That event's status.
    pub alongside_status: EventStatus,
}

impl CoLocation {
    /// The other end of the link seen from `id` with its status, when `id` is one end.
    pub fn other_end(&self, id: Uuid) -> Option<(Uuid, EventStatus)> {
        if self.event == id {
            Some((self.alongside, self.alongside_status))
        } else if self.alongside == id {
            Some((self.event, self.event_status))
        } else {
            None
        }
    }
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

/// What a batch of new events was planned against ([`EventStore::create_events`]): the
/// neighbourhoods whose live events the plan read, and the version of each event read.
/// The batch is written only if the same neighbourhoods hold the same events at the same
/// versions when it is written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Basis {
    /// The neighbourhoods read (each as [`EventStore::neighbours`] answers it).
    pub watch: Vec<Neighbourhood>,
    /// Every event they held, with its version.
    pub versions: std::collections::BTreeMap<Uuid, i64>,
}

/// The first difference between what `basis` read and `now` (the same neighbourhoods'
/// events read again inside the writing transaction), as [`StoreError::Moved`].
pub(crate) fn moved(
    basis: &Basis,
    now: &std::collections::BTreeMap<Uuid, (String, i64)>,
) -> StoreResult<()> {
    for (id, (title, version)) in now {
        match basis.versions.get(id) {
            None => {
                return Err(StoreError::Moved(
                    tandem_core::Phrase::new(
                        "problem-detail-plan-event-appeared",
                        format!("event '{title}' ({id}) appeared since the plan was made"),
                    )
                    .text("title", title.clone())
                    .text("id", id.to_string()),
                ))
            }
            Some(v) if v != version => {
                return Err(StoreError::Moved(
                    tandem_core::Phrase::new(
                        "problem-detail-plan-event-changed",
                        format!(
                            "event '{title}' ({id}) changed since the plan was made (version {v}, now {version})"
                        ),
                    )
                    .text("title", title.clone())
                    .text("id", id.to_string())
                    .text("was", v.to_string())
                    .text("now", version.to_string()),
                ))
            }
            Some(_) => {}
        }
    }
    if let Some(id) = basis.versions.keys().find(|id| !now.contains_key(id)) {
        return Err(StoreError::Moved(
            tandem_core::Phrase::new(
                "problem-detail-plan-event-gone",
                format!("event {id} was cancelled or moved since the plan was made"),
            )
            .text("id", id.to_string()),
        ));
    }
    Ok(())
}

/// `events` with every `co_located_with` that names the same or a later event of the
/// batch cleared, and those links as `(event, alongside)`: written once every event of the
/// batch is (links may go both ways between two events of a batch).
pub(crate) fn forward_links(events: &[SeedEvent]) -> (Vec<SeedEvent>, Vec<(Uuid, Uuid)>) {
    let mut links = Vec::new();
    let cleared = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut e = e.clone();
            if let Some(other) = e.draft.co_located_with {
                if events.iter().skip(i).any(|x| x.id == other) {
                    links.push((e.id, other));
                    e.draft.co_located_with = None;
                }
            }
            e
        })
        .collect();
    (cleared, links)
}

/// Events with their participants and occurrences.
#[async_trait]
pub trait EventStore: Send + Sync {
    /// Creates an event; a confirmed event whose room is taken fails with
    /// [`StoreError::RoomTaken`] naming the clashing events.
    async fn create_event(&self, draft: &EventDraft) -> StoreResult<Event>;

    /// One event.
    async fn event(&self, id: Uuid) -> StoreResult<Event>;

    /// Creates `events` (ids chosen by the caller; a `co_located_with` may name an earlier
    /// one of them) in one transaction with one revision bump, each checked and written as
    /// [`EventStore::create_event`] does (references, the room guarantee, the outbox), after
    /// checking inside the same transaction, with other writers of events held off, that
    /// `basis` still holds ([`StoreError::Moved`] naming the first difference). All or
    /// nothing. Returns the events in the order given.
    async fn create_events(&self, events: &[SeedEvent], basis: &Basis) -> StoreResult<Vec<Event>>;

    /// Events matching `filter`, ordered by first start then id, after `cursor`.
    async fn events(
        &self,
        filter: &EventFilter,
        cursor: Option<&EventCursor>,
        limit: u32,
    ) -> StoreResult<Vec<Event>>;

    /// The events `neighbourhood` describes (at most `limit`), ordered by first start then id:
    /// what the clash check of one event reads, in one query.
    async fn neighbours(
        &self,
        neighbourhood: &Neighbourhood,
        limit: u32,
    ) -> StoreResult<Vec<Event>>;

    /// Replaces an event's fields if its version is still `expected_version`; bumps the
    /// version, and the sequence when `visible_change` says subscribers would see it.
    async fn update_event(
        &self,
        id: Uuid,
        expected_version: Option<i64>,
        draft: &EventDraft,
        visible_change: bool,
    ) -> StoreResult<Event>;

    /// Marks an event cancelled (it stays stored), frees its room, bumps version and sequence.
    async fn cancel_event(&self, id: Uuid, expected_version: Option<i64>) -> StoreResult<Event>;

    /// Events still to end after `now` whose instants were derived with another tz database.
    async fn events_derived_with_other_tzdata(
        &self,
        tzdata_version: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Event>>;

    /// Stores re-derived instants for an event, with the tz database version used.
    async fn store_rederived(
        &self,
        id: Uuid,
        occurrences: &[Interval],
        tzdata_version: &str,
    ) -> StoreResult<()>;

    /// Co-location links touching any of `ids`, with both events' statuses.
    async fn co_locations(&self, ids: &[Uuid]) -> StoreResult<Vec<CoLocation>>;
}

/// The columns every read of an event selects, in the order of [`RawEvent`].
pub(crate) const COLUMNS: &str = "id, title, description, kind, mode, status, region, group_code, \
    venue_id, room_id, tz, local_start, local_end, rrule, co_located_with, remote_url, sequence, \
    version, starts_at, ends_at, last_ends_at, tzdata_version, created_at, updated_at";

/// The columns a write sets from the draft and its instants, in the order each backend's
/// `push_written` binds them: an insert adds the id, sequence, version and creation time,
/// a rewrite bumps the sequence and version.
pub(crate) const WRITTEN: &str = "title, description, kind, mode, status, region, group_code, \
    venue_id, room_id, tz, local_start, local_end, rrule, co_located_with, remote_url, \
    starts_at, ends_at, last_ends_at, tzdata_version, updated_at";

/// An event draft ready to write: its id and the instants it occupies, derived once.
pub(crate) struct Prepared<'a> {
    /// The event's id.
    pub id: Uuid,
    /// What was agreed.
    pub draft: &'a EventDraft,
    /// Every occurrence, in order.
    pub occurrences: Vec<Interval>,
    /// The first occurrence.
    pub first: Interval,
    /// The end of the last occurrence.
    pub last_end: DateTime<Utc>,
}

impl<'a> Prepared<'a> {
    /// Derives the instants of `draft`, refusing a draft whose rule no longer expands.
    pub(crate) fn new(id: Uuid, draft: &'a EventDraft) -> StoreResult<Self> {
        let occurrences = draft
            .timing
            .occurrences()
            .map_err(|e| StoreError::InvalidReference {
                field: "rrule",
                phrase: e.phrase.unwrap_or_else(|| {
                    Phrase::new("reference-rule", e.message.clone()).text("reason", e.message)
                }),
            })?;
        let (first, last_end) = rows::span(&occurrences)?;
        Ok(Self {
            id,
            draft,
            occurrences,
            first,
            last_end,
        })
    }

    /// Each of `events`, prepared.
    pub(crate) fn all(events: &'a [SeedEvent]) -> StoreResult<Vec<Self>> {
        events.iter().map(|e| Self::new(e.id, &e.draft)).collect()
    }

    /// Whether its occurrences hold its room.
    pub(crate) fn confirmed(&self) -> bool {
        self.draft.status == EventStatus::Confirmed
    }
}

/// `(event, position, participant)` of every participant of `events`.
pub(crate) fn participant_rows<'a>(
    events: &'a [Prepared<'a>],
) -> Vec<(&'a Prepared<'a>, usize, &'a Participant)> {
    events
        .iter()
        .flat_map(|p| {
            p.draft
                .participants
                .iter()
                .enumerate()
                .map(move |(i, part)| (p, i, part))
        })
        .collect()
}

/// `(event, occurrence)` of every occurrence of `events`.
pub(crate) fn occurrence_rows<'a>(events: &'a [Prepared<'a>]) -> Vec<(&'a Prepared<'a>, Interval)> {
    events
        .iter()
        .flat_map(|p| p.occurrences.iter().map(move |o| (p, *o)))
        .collect()
}

/// An event row as both backends read it, before parsing.
pub(crate) struct RawEvent {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub kind: String,
    pub mode: String,
    pub status: String,
    pub region: String,
    pub group_code: Option<String>,
    pub venue_id: Option<Uuid>,
    pub room_id: Option<Uuid>,
    pub tz: String,
    pub local_start: String,
    pub local_end: String,
    pub rrule: Option<String>,
    pub co_located_with: Option<Uuid>,
    pub remote_url: Option<String>,
    pub sequence: i64,
    pub version: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub last_ends_at: DateTime<Utc>,
    pub tzdata_version: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A participant row before parsing.
pub(crate) struct RawParticipant {
    pub event_id: Uuid,
    pub participant_id: String,
    pub name: Option<String>,
    pub tz: String,
    pub attendance: String,
    pub required: bool,
    pub email: Option<String>,
    pub language: Option<String>,
}

/// The stored text of an event status.
pub(crate) fn event_status(value: &str) -> Result<EventStatus, StoreError> {
    value
        .parse::<EventStatus>()
        .map_err(|_| corrupt("status", value))
}

fn participant(raw: RawParticipant) -> Result<Participant, StoreError> {
    Ok(Participant {
        id: ParticipantId::parse(&raw.participant_id)
            .map_err(|_| corrupt("participant id", &raw.participant_id))?,
        name: raw.name,
        tz: rows::zone(&raw.tz)?,
        attendance: raw
            .attendance
            .parse::<Attendance>()
            .map_err(|_| corrupt("attendance", &raw.attendance))?,
        required: raw.required,
        email: raw
            .email
            .as_deref()
            .map(|e| {
                tandem_core::EmailAddress::parse(e)
                    .map_err(|_| corrupt("e-mail address of participant", &raw.participant_id))
            })
            .transpose()?,
        language: raw
            .language
            .as_deref()
            .map(|l| {
                l.parse::<tandem_core::Language>()
                    .map_err(|_| corrupt("language", l))
            })
            .transpose()?,
    })
}

/// Builds events from their rows and all their participants' rows (any order).
pub(crate) fn events(
    raws: Vec<RawEvent>,
    participants: Vec<RawParticipant>,
) -> Result<Vec<Event>, StoreError> {
    let mut events = raws.into_iter().map(event).collect::<Result<Vec<_>, _>>()?;
    for p in participants {
        let event_id = p.event_id;
        let parsed = participant(p)?;
        if let Some(e) = events.iter_mut().find(|e| e.id == event_id) {
            e.draft.participants.push(parsed);
        }
    }
    Ok(events)
}

fn event(raw: RawEvent) -> Result<Event, StoreError> {
    let zone = rows::zone(&raw.tz)?;
    let timing = EventTiming::stored(
        zone,
        rows::local(&raw.local_start)?,
        rows::local(&raw.local_end)?,
        raw.rrule.as_deref(),
    )
    .map_err(|_| corrupt("rrule", raw.rrule.as_deref().unwrap_or_default()))?;
    let draft = EventDraft {
        title: Title::parse(&raw.title).map_err(|_| corrupt("title", &raw.title))?,
        description: raw.description,
        kind: raw
            .kind
            .parse::<EventKind>()
            .map_err(|_| corrupt("kind", &raw.kind))?,
        mode: raw
            .mode
            .parse::<EventMode>()
            .map_err(|_| corrupt("mode", &raw.mode))?,
        status: event_status(&raw.status)?,
        region: raw
            .region
            .parse::<RegionCode>()
            .map_err(|_| corrupt("region", &raw.region))?,
        group: raw.group_code,
        venue_id: raw.venue_id,
        room_id: raw.room_id,
        timing,
        co_located_with: raw.co_located_with,
        remote_url: raw.remote_url,
        participants: Vec::new(),
    };
    Ok(Event {
        id: raw.id,
        draft,
        sequence: raw.sequence,
        version: raw.version,
        created_at: raw.created_at,
        updated_at: raw.updated_at,
        instants: EventInstants {
            starts_at: raw.starts_at,
            ends_at: raw.ends_at,
            last_ends_at: raw.last_ends_at,
            tzdata_version: raw.tzdata_version,
        },
    })
}

/// Refuses a write against a version other than the stored one.
pub(crate) fn check_version(expected: Option<i64>, current: i64) -> StoreResult<()> {
    match expected {
        Some(expected) if expected != current => {
            Err(StoreError::VersionMismatch { expected, current })
        }
        _ => Ok(()),
    }
}

/// Checks the venue and room a draft names against the stored venue (`None`: no such venue).
pub(crate) fn check_room(
    draft: &EventDraft,
    venue: Option<&crate::venues::Venue>,
) -> StoreResult<()> {
    match (draft.venue_id, venue) {
        (Some(venue_id), None) => Err(no_venue(venue_id)),
        (Some(venue_id), Some(venue)) => match draft.room_id {
            Some(room_id) if venue.room(room_id).is_none() => Err(StoreError::InvalidReference {
                field: "room_id",
                phrase: Phrase::new(
                    "reference-no-room",
                    format!("venue {venue_id} has no room {room_id}"),
                )
                .text("venue", venue_id.to_string())
                .text("room", room_id.to_string()),
            }),
            _ => Ok(()),
        },
        (None, _) if draft.room_id.is_some() => Err(StoreError::InvalidReference {
            field: "room_id",
            phrase: Phrase::new("reference-room-without-venue", "a room needs its venue_id"),
        }),
        (None, _) => Ok(()),
    }
}

/// The error for a `co_located_with` naming no other event.
pub(crate) fn no_alongside(other: Uuid) -> StoreError {
    StoreError::InvalidReference {
        field: "co_located_with",
        phrase: Phrase::new(
            "reference-no-alongside",
            format!("no other event with id {other}"),
        )
        .text("id", other.to_string()),
    }
}

/// The error for a `venue_id` naming no venue.
pub(crate) fn no_venue(venue: Uuid) -> StoreError {
    StoreError::InvalidReference {
        field: "venue_id",
        phrase: Phrase::new("reference-no-venue", format!("no venue with id {venue}"))
            .text("id", venue.to_string()),
    }
}
