//! Imported calendars (DESIGN §8): what the store keeps of each — the raw bytes of the last
//! good copy, how it was fetched, how the last refresh went — and the lease that lets one
//! instance at a time refresh it.
//!
//! A refresh never half-replaces a calendar: a new copy replaces the old one in a single
//! `UPDATE`, and a failed refresh touches only the error columns.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::error::StoreResult;

/// Whose calendar it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarOwner {
    /// Nobody in particular (a regional organisation's public feed).
    Nobody,
    /// A participant (the id used in events and searches, `p-17`).
    Participant(String),
    /// A venue: its holiday calendar (one per venue).
    Venue(Uuid),
}

impl CalendarOwner {
    /// The participant id, if a participant owns it.
    pub fn participant(&self) -> Option<&str> {
        match self {
            CalendarOwner::Participant(p) => Some(p),
            _ => None,
        }
    }

    /// The venue id, if a venue owns it.
    pub fn venue(&self) -> Option<Uuid> {
        match self {
            CalendarOwner::Venue(v) => Some(*v),
            _ => None,
        }
    }

    pub(crate) fn from_columns(participant: Option<String>, venue: Option<Uuid>) -> Self {
        match (participant, venue) {
            (_, Some(venue)) => CalendarOwner::Venue(venue),
            (Some(p), None) => CalendarOwner::Participant(p),
            (None, None) => CalendarOwner::Nobody,
        }
    }
}

/// A good copy of a calendar: its raw bytes and what was learnt fetching and parsing them.
#[derive(Clone, PartialEq, Eq)]
pub struct CalendarCopy {
    /// The bytes as received (parsed again on use; not necessarily UTF-8).
    pub ics: Vec<u8>,
    /// The `ETag` the server sent with it, for the next conditional GET.
    pub etag: Option<String>,
    /// The `Last-Modified` the server sent with it.
    pub last_modified: Option<String>,
    /// VEVENTs in it (masters and overrides).
    pub event_count: u64,
    /// Its REFRESH-INTERVAL / X-PUBLISHED-TTL.
    pub published_refresh: Option<Duration>,
}

impl fmt::Debug for CalendarCopy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CalendarCopy")
            .field("bytes", &self.ics.len())
            .field("etag", &self.etag)
            .field("last_modified", &self.last_modified)
            .field("event_count", &self.event_count)
            .field("published_refresh", &self.published_refresh)
            .finish()
    }
}

/// A calendar to store, with its first good copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCalendar {
    /// Display name.
    pub name: String,
    /// Where it is fetched from; `None` for an inline upload (never refreshed).
    pub url: Option<String>,
    /// Whose it is. A venue's calendar replaces the venue's previous one.
    pub owner: CalendarOwner,
    /// The first good copy.
    pub copy: CalendarCopy,
    /// When to refresh it first (`None` for inline calendars).
    pub next_refresh_at: Option<DateTime<Utc>>,
}

/// The last failed refresh of a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarFailure {
    /// What went wrong.
    pub message: String,
    /// The line of the file at fault, for a file that could not be read.
    pub line: Option<u64>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A stored calendar, without its bytes (see [`CalendarStore::calendar_ics`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Its id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Source URL; `None` for an inline upload.
    pub url: Option<String>,
    /// Whose it is.
    pub owner: CalendarOwner,
    /// Bumped whenever the stored copy changes (a cache key with the id).
    pub content_version: i64,
    /// `ETag` of the stored copy.
    pub etag: Option<String>,
    /// `Last-Modified` of the stored copy.
    pub last_modified: Option<String>,
    /// VEVENTs in the stored copy.
    pub event_count: u64,
    /// REFRESH-INTERVAL / X-PUBLISHED-TTL of the stored copy.
    pub published_refresh: Option<Duration>,
    /// When a fetch last succeeded (a new copy, or 304 Not Modified).
    pub last_success_at: Option<DateTime<Utc>>,
    /// The last failed refresh, if any (kept after later successes; compare the times).
    pub last_error: Option<CalendarFailure>,
    /// Failed refreshes since the last success.
    pub consecutive_failures: u32,
    /// When a refresh was last attempted.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// When the next scheduled refresh is due (`None`: never, for inline calendars).
    pub next_refresh_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its row last changed.
    pub updated_at: DateTime<Utc>,
}

/// Which calendars to list; empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CalendarFilter {
    /// Only this participant's.
    pub participant: Option<String>,
    /// Only those of one of these participants (when not empty).
    pub participants: Vec<String>,
    /// Only this venue's.
    pub venue_id: Option<Uuid>,
}

/// How a refresh ended, to record atomically.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// A new good copy replaces the stored one.
    Replaced {
        /// The new copy.
        copy: CalendarCopy,
        /// When to refresh next.
        next_refresh_at: DateTime<Utc>,
    },
    /// The server answered 304 Not Modified: the stored copy is current.
    NotModified {
        /// When to refresh next.
        next_refresh_at: DateTime<Utc>,
    },
    /// The refresh failed; the stored copy stays in force.
    Failed {
        /// What went wrong.
        message: String,
        /// The line at fault, for a file that could not be read.
        line: Option<u64>,
        /// When to try again.
        next_refresh_at: DateTime<Utc>,
    },
}

/// Converts a stored count to `u64` (negative values cannot be written).
pub(crate) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Converts a count to the `i64` the databases store.
pub(crate) fn stored_count(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Imported calendars, their stored copies and their refresh leases.
#[async_trait]
pub trait CalendarStore: Send + Sync {
    /// Stores an imported calendar with its first good copy. One owned by a venue replaces
    /// that venue's previous calendar in the same transaction.
    async fn create_calendar(&self, new: &NewCalendar) -> StoreResult<Calendar>;

    /// One imported calendar (without its bytes).
    async fn calendar(&self, id: Uuid) -> StoreResult<Calendar>;

    /// Imported calendars matching `filter`, by name.
    async fn calendars(&self, filter: &CalendarFilter) -> StoreResult<Vec<Calendar>>;

    /// The raw bytes of a calendar's good copy, with their content version.
    async fn calendar_ics(&self, id: Uuid) -> StoreResult<(i64, Vec<u8>)>;

    /// Deletes an imported calendar.
    async fn delete_calendar(&self, id: Uuid) -> StoreResult<()>;

    /// Leases up to `limit` calendars whose refresh is due and whose lease (if any) has
    /// expired to `owner` for `lease`; each due calendar goes to one caller only.
    async fn claim_due_calendars(
        &self,
        owner: &str,
        lease: Duration,
        limit: u32,
    ) -> StoreResult<Vec<Calendar>>;

    /// Leases one calendar to `owner` now (a refresh on demand); false while another
    /// owner's lease is live.
    async fn claim_calendar(&self, id: Uuid, owner: &str, lease: Duration) -> StoreResult<bool>;

    /// Records how `owner`'s refresh ended, in one statement, and releases the lease; `None`
    /// when the lease was no longer `owner`'s (nothing is written then).
    async fn finish_calendar_refresh(
        &self,
        id: Uuid,
        owner: &str,
        outcome: &RefreshOutcome,
    ) -> StoreResult<Option<Calendar>>;

    /// Gives up `owner`'s lease without recording anything (a refresh cut short by shutdown).
    async fn release_calendar(&self, id: Uuid, owner: &str) -> StoreResult<()>;
}
