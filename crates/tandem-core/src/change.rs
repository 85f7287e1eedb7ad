//! A change to an agreed event (the PATCH of DESIGN §4): each field absent (kept), or a new
//! value (`Some(None)` clears an optional one). Applying it to the event's [`EventDraft`]
//! re-derives only what the change touches: the timing is checked again when its zone,
//! start, end or rule change, as if typed then; participants named in the change take the
//! event's zone and mode as their defaults.

use chrono::NaiveDateTime;
use uuid::Uuid;

use crate::email::EmailAddress;
use crate::event::{Attendance, EventDraft, EventKind, EventMode, EventStatus, EventTiming};
use crate::event::{Language, Participant, ParticipantId, Title};
use crate::phrase::Phrase;
use crate::region::RegionCode;
use crate::time::Zone;
use crate::validation::{FieldError, FieldErrors};

/// A participant as a request names them: the zone and the attendance may be left to the
/// event's (its zone; in the room for an in-person event, else remote).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantSpec {
    /// Stable identifier.
    pub id: ParticipantId,
    /// Display name.
    pub name: Option<String>,
    /// Their zone, when not the event's.
    pub tz: Option<Zone>,
    /// In the room or remote, when not the mode's default.
    pub attendance: Option<Attendance>,
    /// Whether the event needs them.
    pub required: bool,
    /// Where invitations go (DESIGN §15).
    pub email: Option<EmailAddress>,
    /// The language of their invitations (DESIGN §16).
    pub language: Option<Language>,
}

impl ParticipantSpec {
    /// The participant of an event in `zone` held in `mode`.
    pub fn resolve(self, zone: Zone, mode: EventMode) -> Participant {
        let default_attendance = if mode == EventMode::InPerson {
            Attendance::InPerson
        } else {
            Attendance::Remote
        };
        Participant {
            id: self.id,
            name: self.name,
            tz: self.tz.unwrap_or(zone),
            attendance: self.attendance.unwrap_or(default_attendance),
            required: self.required,
            email: self.email,
            language: self.language,
        }
    }
}

/// Changes to an event: `None` keeps a field, `Some(None)` clears an optional one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventChange {
    /// New title.
    pub title: Option<Title>,
    /// New description.
    pub description: Option<Option<String>>,
    /// New kind.
    pub kind: Option<EventKind>,
    /// New mode.
    pub mode: Option<EventMode>,
    /// New status.
    pub status: Option<EventStatus>,
    /// New region.
    pub region: Option<RegionCode>,
    /// New group code (checked against the reference data by whoever parsed it).
    pub group: Option<Option<String>>,
    /// New venue.
    pub venue_id: Option<Option<Uuid>>,
    /// New room.
    pub room_id: Option<Option<Uuid>>,
    /// New zone of the local times.
    pub tz: Option<Zone>,
    /// New local start.
    pub start: Option<NaiveDateTime>,
    /// New local end.
    pub end: Option<NaiveDateTime>,
    /// New recurrence rule (`Some(None)`: a single event).
    pub rrule: Option<Option<String>>,
    /// New co-location link.
    pub co_located_with: Option<Option<Uuid>>,
    /// New remote participation link.
    pub remote_url: Option<Option<String>>,
    /// New participant list (replaces the old one).
    pub participants: Option<Vec<ParticipantSpec>>,
}

impl EventChange {
    /// Whether the change touches when the event happens.
    pub fn touches_timing(&self) -> bool {
        self.tz.is_some() || self.start.is_some() || self.end.is_some() || self.rrule.is_some()
    }
}

impl EventDraft {
    /// The draft with `change` applied; errors name the fields (`room_id`, `start`, `end`,
    /// `rrule`).
    pub fn changed(&self, change: EventChange) -> Result<EventDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let venue_id = change.venue_id.unwrap_or(self.venue_id);
        let room_id = change.room_id.unwrap_or(self.room_id);
        if room_id.is_some() && venue_id.is_none() {
            errors.push(FieldError::said(
                "room_id",
                Phrase::new("event-room-without-venue", "a room needs its venue_id"),
            ));
        }
        let timing = if change.touches_timing() {
            let zone = change.tz.unwrap_or(self.timing.zone());
            let start = change.start.unwrap_or(self.timing.local_start());
            let end = change.end.unwrap_or(self.timing.local_end());
            let rrule = match &change.rrule {
                Some(rule) => rule.clone(),
                None => self.timing.rrule().map(|r| r.as_str().to_owned()),
            };
            match EventTiming::new(zone, start, end, rrule.as_deref()) {
                Ok(timing) => Some(timing),
                Err(list) => {
                    for e in list {
                        errors.push(e);
                    }
                    None
                }
            }
        } else {
            Some(self.timing.clone())
        };
        let (Some(timing), true) = (timing, errors.is_empty()) else {
            return Err(errors);
        };
        let mode = change.mode.unwrap_or(self.mode);
        let participants = match change.participants {
            Some(list) => list
                .into_iter()
                .map(|p| p.resolve(timing.zone(), mode))
                .collect(),
            None => self.participants.clone(),
        };
        Ok(EventDraft {
            title: change.title.unwrap_or_else(|| self.title.clone()),
            description: change
                .description
                .unwrap_or_else(|| self.description.clone()),
            kind: change.kind.unwrap_or(self.kind),
            mode,
            status: change.status.unwrap_or(self.status),
            region: change.region.unwrap_or(self.region),
            group: change.group.unwrap_or_else(|| self.group.clone()),
            venue_id,
            room_id,
            timing,
            co_located_with: change.co_located_with.unwrap_or(self.co_located_with),
            remote_url: change.remote_url.unwrap_or_else(|| self.remote_url.clone()),
            participants,
        })
    }

    /// True when subscribers would see a difference from `other` (anything but the
    /// participant list, which feeds do not show).
    pub fn visibly_differs(&self, other: &EventDraft) -> bool {
        let strip = |d: &EventDraft| EventDraft {
            participants: Vec::new(),
            ..d.clone()
        };
        strip(self) != strip(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_local_datetime;

    fn draft() -> EventDraft {
        let zone = Zone::parse("Africa/Douala").unwrap();
        EventDraft {
            title: Title::parse("SG3RG-AFR").unwrap(),
            description: None,
            kind: EventKind::Meeting,
            mode: EventMode::Hybrid,
            status: EventStatus::Confirmed,
            region: "AFR".parse().unwrap(),
            group: None,
            venue_id: Some(Uuid::nil()),
            room_id: Some(Uuid::nil()),
            timing: EventTiming::new(
                zone,
                parse_local_datetime("2027-03-10T09:00").unwrap(),
                parse_local_datetime("2027-03-10T17:00").unwrap(),
                None,
            )
            .unwrap(),
            co_located_with: None,
            remote_url: None,
            participants: Vec::new(),
        }
    }

    #[test]
    fn an_empty_change_changes_nothing() {
        let d = draft();
        assert_eq!(d.changed(EventChange::default()).unwrap(), d);
    }

    #[test]
    fn a_new_zone_keeps_the_wall_clock_times() {
        let d = draft();
        let change = EventChange {
            tz: Some(Zone::parse("Asia/Bangkok").unwrap()),
            ..EventChange::default()
        };
        let after = d.changed(change).unwrap();
        assert_eq!(after.timing.local_start(), d.timing.local_start());
        assert_eq!(
            after.timing.first().start.to_rfc3339(),
            "2027-03-10T02:00:00+00:00"
        );
        assert!(after.visibly_differs(&d));
    }

    #[test]
    fn an_end_before_the_start_is_an_error_of_end() {
        let change = EventChange {
            end: Some(parse_local_datetime("2027-03-10T08:00").unwrap()),
            ..EventChange::default()
        };
        let errors = draft().changed(change).unwrap_err();
        assert_eq!(errors.0[0].field, "end");
    }

    #[test]
    fn clearing_the_venue_of_a_room_is_refused() {
        let change = EventChange {
            venue_id: Some(None),
            ..EventChange::default()
        };
        let errors = draft().changed(change).unwrap_err();
        assert_eq!(errors.0[0].field, "room_id");
    }

    #[test]
    fn named_participants_default_to_the_new_zone_and_mode() {
        let change = EventChange {
            mode: Some(EventMode::InPerson),
            tz: Some(Zone::parse("Asia/Bangkok").unwrap()),
            participants: Some(vec![ParticipantSpec {
                id: ParticipantId::parse("p-1").unwrap(),
                name: None,
                tz: None,
                attendance: None,
                required: true,
                email: None,
                language: None,
            }]),
            ..EventChange::default()
        };
        let after = draft().changed(change).unwrap();
        assert_eq!(after.participants[0].tz.name(), "Asia/Bangkok");
        assert_eq!(after.participants[0].attendance, Attendance::InPerson);
        assert!(!draft().visibly_differs(&EventDraft {
            participants: after.participants.clone(),
            ..draft()
        }));
    }
}
