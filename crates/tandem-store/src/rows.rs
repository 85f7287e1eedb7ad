//! Conversions shared by both backends between column values and domain values.

use chrono::{DateTime, NaiveDateTime, Utc};
use tandem_core::time::{format_local_datetime, parse_local_datetime};
use tandem_core::{
    Attendance, EmailAddress, EventKind, EventMode, EventStatus, Participant, ParticipantId,
    RegionCode, WeekdaySet, Zone,
};
use uuid::Uuid;

use crate::error::StoreError;
use crate::model::{Event, Role, TokenRecord};

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
}

/// The stored text of an event status.
pub(crate) fn event_status(value: &str) -> Result<EventStatus, StoreError> {
    value
        .parse::<EventStatus>()
        .map_err(|_| corrupt("status", value))
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

pub(crate) fn zone(value: &str) -> Result<Zone, StoreError> {
    Zone::parse(value).map_err(|_| corrupt("zone", value))
}

pub(crate) fn local(value: &str) -> Result<NaiveDateTime, StoreError> {
    parse_local_datetime(value).map_err(|_| corrupt("local time", value))
}

pub(crate) fn local_text(value: NaiveDateTime) -> String {
    format_local_datetime(value)
}

pub(crate) fn weekend(value: &str) -> Result<WeekdaySet, StoreError> {
    let names: Vec<&str> = value.split(',').filter(|s| !s.is_empty()).collect();
    WeekdaySet::parse(&names).map_err(|_| corrupt("weekend", value))
}

pub(crate) fn regions_text(regions: &[RegionCode]) -> String {
    regions
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(",")
}

pub(crate) fn regions(value: &str) -> Result<Vec<RegionCode>, StoreError> {
    value
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|r| r.parse().map_err(|_| corrupt("region", r)))
        .collect()
}

pub(crate) fn participant(raw: RawParticipant) -> Result<Participant, StoreError> {
    Ok(Participant {
        id: ParticipantId::parse(&raw.participant_id)
            .map_err(|_| corrupt("participant id", &raw.participant_id))?,
        name: raw.name,
        tz: zone(&raw.tz)?,
        attendance: raw
            .attendance
            .parse::<Attendance>()
            .map_err(|_| corrupt("attendance", &raw.attendance))?,
        required: raw.required,
        email: raw
            .email
            .as_deref()
            .map(|e| {
                EmailAddress::parse(e)
                    .map_err(|_| corrupt("e-mail address of participant", &raw.participant_id))
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
            e.participants.push(parsed);
        }
    }
    Ok(events)
}

fn event(raw: RawEvent) -> Result<Event, StoreError> {
    Ok(Event {
        kind: raw
            .kind
            .parse::<EventKind>()
            .map_err(|_| corrupt("kind", &raw.kind))?,
        mode: raw
            .mode
            .parse::<EventMode>()
            .map_err(|_| corrupt("mode", &raw.mode))?,
        status: raw
            .status
            .parse::<EventStatus>()
            .map_err(|_| corrupt("status", &raw.status))?,
        region: raw
            .region
            .parse::<RegionCode>()
            .map_err(|_| corrupt("region", &raw.region))?,
        tz: zone(&raw.tz)?,
        local_start: local(&raw.local_start)?,
        local_end: local(&raw.local_end)?,
        id: raw.id,
        title: raw.title,
        description: raw.description,
        group: raw.group_code,
        venue_id: raw.venue_id,
        room_id: raw.room_id,
        rrule: raw.rrule,
        co_located_with: raw.co_located_with,
        remote_url: raw.remote_url,
        participants: Vec::new(),
        sequence: raw.sequence,
        version: raw.version,
        starts_at: raw.starts_at,
        ends_at: raw.ends_at,
        last_ends_at: raw.last_ends_at,
        tzdata_version: raw.tzdata_version,
        created_at: raw.created_at,
        updated_at: raw.updated_at,
    })
}

pub(crate) fn token(
    id: Uuid,
    role: &str,
    regions_value: &str,
    label: Option<String>,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
) -> Result<TokenRecord, StoreError> {
    Ok(TokenRecord {
        id,
        role: role.parse::<Role>().map_err(|_| corrupt("role", role))?,
        regions: regions(regions_value)?,
        label,
        created_at,
        revoked_at,
    })
}

/// The instants an event draft occupies, refusing a draft whose rule no longer expands.
pub(crate) fn occurrences(
    draft: &tandem_core::EventDraft,
) -> Result<Vec<tandem_core::Interval>, StoreError> {
    draft
        .timing
        .occurrences()
        .map_err(|e| StoreError::InvalidReference {
            field: "rrule",
            message: e.message,
        })
}
