//! Venues and their rooms (DESIGN §4).

pub(crate) mod postgres;
pub(crate) mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_core::{GeoPoint, VenueDraft, WeekdaySet, Zone};
use uuid::Uuid;

use crate::error::StoreResult;

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

/// A venue to load, with its id and the ids of its rooms (in `draft.rooms` order).
#[derive(Clone, Debug)]
pub struct SeedVenue {
    /// The venue's id.
    pub id: Uuid,
    /// One id per room of `draft.rooms`.
    pub room_ids: Vec<Uuid>,
    /// The venue itself.
    pub draft: VenueDraft,
}

impl SeedVenue {
    /// A new venue: fresh ids for it and its rooms.
    pub(crate) fn fresh(draft: &VenueDraft) -> Self {
        Self {
            id: Uuid::new_v4(),
            room_ids: draft.rooms.iter().map(|_| Uuid::new_v4()).collect(),
            draft: draft.clone(),
        }
    }

    /// `(venue, room id, room, position)` of each room.
    pub(crate) fn rooms(venues: &[SeedVenue]) -> Vec<(Uuid, Uuid, &tandem_core::RoomDraft, usize)> {
        venues
            .iter()
            .flat_map(|v| {
                v.draft
                    .rooms
                    .iter()
                    .zip(&v.room_ids)
                    .enumerate()
                    .map(move |(i, (room, id))| (v.id, *id, room, i))
            })
            .collect()
    }
}

/// Venues and their rooms.
#[async_trait]
pub trait VenueStore: Send + Sync {
    /// Creates a venue with its rooms.
    async fn create_venue(&self, draft: &VenueDraft) -> StoreResult<Venue>;

    /// One venue with its rooms.
    async fn venue(&self, id: Uuid) -> StoreResult<Venue>;

    /// Every venue, by name.
    async fn venues(&self) -> StoreResult<Vec<Venue>>;
}
