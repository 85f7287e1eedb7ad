//! What the store hands back: records with their ids, versions and derived instants.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, Utc};
use tandem_core::{
    EventKind, EventMode, EventStatus, GeoPoint, Interval, Participant, RegionCode, WeekdaySet,
    Zone,
};
use uuid::Uuid;

/// A room of a venue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    /// Its id.
    pub id: Uuid,
    /// Its name, unique within the venue.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// A stored venue.
#[derive(Clone, Debug, PartialEq)]
pub struct Venue {
    /// Its id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// ISO country code.
    pub country: String,
    /// Zone.
    pub tz: Zone,
    /// Days closed every week.
    pub weekend: WeekdaySet,
    /// Holiday calendar code.
    pub holiday_calendar: Option<String>,
    /// Rooms, in the order given.
    pub rooms: Vec<Room>,
    /// Where it is.
    pub geo: Option<GeoPoint>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Venue {
    /// The room with this id.
    pub fn room(&self, id: Uuid) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id == id)
    }
}

/// A stored event with its derived instants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Its id (also the feed UID's stem: it never changes).
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Kind.
    pub kind: EventKind,
    /// Mode.
    pub mode: EventMode,
    /// Status.
    pub status: EventStatus,
    /// Region.
    pub region: RegionCode,
    /// Group code.
    pub group: Option<String>,
    /// Venue.
    pub venue_id: Option<Uuid>,
    /// Room.
    pub room_id: Option<Uuid>,
    /// Canonical zone.
    pub tz: Zone,
    /// Canonical local start of the first occurrence.
    pub local_start: NaiveDateTime,
    /// Canonical local end of the first occurrence.
    pub local_end: NaiveDateTime,
    /// Recurrence rule.
    pub rrule: Option<String>,
    /// The event it is held alongside.
    pub co_located_with: Option<Uuid>,
    /// Remote participation link.
    pub remote_url: Option<String>,
    /// Participants, in the order given.
    pub participants: Vec<Participant>,
    /// iCalendar SEQUENCE: bumped on every change subscribers see.
    pub sequence: i64,
    /// Optimistic-concurrency version: bumped on every change.
    pub version: i64,
    /// First occurrence start (UTC).
    pub starts_at: DateTime<Utc>,
    /// First occurrence end (UTC).
    pub ends_at: DateTime<Utc>,
    /// End of the last occurrence (UTC).
    pub last_ends_at: DateTime<Utc>,
    /// tz database version the instants were derived with.
    pub tzdata_version: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

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

/// What a token may do (DESIGN §9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Everything.
    Admin,
    /// Writes within their regions.
    Organiser,
    /// Reads only.
    Viewer,
}

impl Role {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organiser => "organiser",
            Role::Viewer => "viewer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(Role::Admin),
            "organiser" | "organizer" => Ok(Role::Organiser),
            "viewer" => Ok(Role::Viewer),
            _ => Err(format!(
                "unknown role '{s}': expected admin, organiser or viewer"
            )),
        }
    }
}

/// A token to store: only the SHA-256 of the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct NewToken {
    /// SHA-256 of the secret.
    pub hash: [u8; 32],
    /// Role.
    pub role: Role,
    /// Regions an organiser may write to.
    pub regions: Vec<RegionCode>,
    /// Who or what it is for.
    pub label: Option<String>,
}

impl fmt::Debug for NewToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewToken")
            .field("role", &self.role)
            .field("regions", &self.regions)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

/// A stored token, without its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRecord {
    /// Its id.
    pub id: Uuid,
    /// Role.
    pub role: Role,
    /// Regions an organiser may write to.
    pub regions: Vec<RegionCode>,
    /// Who or what it is for.
    pub label: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A private feed token's record (never the secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedTokenRecord {
    /// Its id.
    pub id: Uuid,
    /// The participant whose events the feed shows.
    pub participant: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Where the data feeds show stands: a counter bumped by every visible write, and when it
/// last moved (whole seconds, as HTTP dates have).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revision {
    /// The counter.
    pub number: i64,
    /// When the last visible write committed.
    pub changed_at: DateTime<Utc>,
}

impl Revision {
    /// Reads the two `meta` rows (`revision`, `revision_at` in Unix seconds).
    pub(crate) fn from_meta(rows: &[(String, String)]) -> Self {
        let value = |key: &str| {
            rows.iter()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.parse::<i64>().ok())
                .unwrap_or(0)
        };
        Self {
            number: value("revision"),
            changed_at: DateTime::from_timestamp(value("revision_at"), 0).unwrap_or_default(),
        }
    }
}
