//! Persistence for tandem: one [`Store`] trait with a SQLite implementation (the embedded
//! default) and a PostgreSQL one (for several instances), held to one conformance suite.
//!
//! The store owns the guarantee that a room never holds two overlapping confirmed events:
//! PostgreSQL enforces it with the exclusion constraint `events_room_no_overlap`, SQLite
//! with a check and a write inside one `BEGIN IMMEDIATE` transaction.

mod calendars;
mod clashes;
mod error;
mod listing;
mod model;
mod outbox;
mod postgres;
mod rows;
mod seed;
mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_core::{EventDraft, Interval, VenueDraft};
use uuid::Uuid;

pub use calendars::{
    Calendar, CalendarCopy, CalendarFailure, CalendarFilter, CalendarOwner, NewCalendar,
    RefreshOutcome,
};
pub use clashes::{ClashFilter, ClashResolution, NewResolution};
pub use error::{RoomClash, StoreError};
pub use model::{
    CoLocation, Event, EventCursor, EventFilter, FeedTokenRecord, Neighbourhood, NewToken,
    Revision, Role, Room, TokenRecord, Venue,
};
pub use outbox::{
    messages_for, DeliveryOutcome, DeliveryState, MessageKind, NewMessage, Outbox, OutboxMessage,
};
pub use postgres::PostgresStore;
pub use seed::{Load, SeedEvent, SeedVenue};
pub use sqlite::SqliteStore;

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Everything tandem keeps: venues, events with their occurrences, API tokens, metadata.
#[async_trait]
pub trait Store: Outbox + Send + Sync + 'static {
    /// Which backend this is (`sqlite` or `postgres`), for logs and `/readyz`.
    fn backend(&self) -> &'static str;

    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Creates a venue with its rooms.
    async fn create_venue(&self, draft: &VenueDraft) -> StoreResult<Venue>;

    /// One venue with its rooms.
    async fn venue(&self, id: Uuid) -> StoreResult<Venue>;

    /// Every venue, by name.
    async fn venues(&self) -> StoreResult<Vec<Venue>>;

    /// Creates an event; a confirmed event whose room is taken fails with
    /// [`StoreError::RoomTaken`] naming the clashing events.
    async fn create_event(&self, draft: &EventDraft) -> StoreResult<Event>;

    /// One event.
    async fn event(&self, id: Uuid) -> StoreResult<Event>;

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

    /// Stores a new API token (only its hash).
    async fn create_token(&self, token: &NewToken) -> StoreResult<TokenRecord>;

    /// The live (not revoked) token with this SHA-256 hash.
    async fn token_by_hash(&self, hash: &[u8; 32]) -> StoreResult<Option<TokenRecord>>;

    /// Revokes a token; revoking twice is not an error.
    async fn revoke_token(&self, id: Uuid) -> StoreResult<()>;

    /// Every token record, newest first (hashes only).
    async fn tokens(&self) -> StoreResult<Vec<TokenRecord>>;

    /// The revision counter: bumped, in the same transaction, by every write a feed can show
    /// (events and venues), so a cached feed built at revision N is current while it stays N.
    async fn revision(&self) -> StoreResult<Revision>;

    /// Co-location links touching any of `ids`, with both events' statuses.
    async fn co_locations(&self, ids: &[Uuid]) -> StoreResult<Vec<CoLocation>>;

    /// Stores a private feed token for a participant (only its SHA-256).
    async fn create_feed_token(
        &self,
        participant: &str,
        hash: &[u8; 32],
    ) -> StoreResult<FeedTokenRecord>;

    /// The live feed token with this hash, with the stored hash (for a constant-time check).
    async fn feed_token_by_hash(
        &self,
        hash: &[u8; 32],
    ) -> StoreResult<Option<(FeedTokenRecord, Vec<u8>)>>;

    /// One feed token record.
    async fn feed_token(&self, id: Uuid) -> StoreResult<FeedTokenRecord>;

    /// Revokes a feed token; revoking twice is not an error.
    async fn revoke_feed_token(&self, id: Uuid) -> StoreResult<()>;

    /// A participant's feed tokens, newest first.
    async fn feed_tokens(&self, participant: &str) -> StoreResult<Vec<FeedTokenRecord>>;

    /// A metadata value.
    async fn meta(&self, key: &str) -> StoreResult<Option<String>>;

    /// Sets a metadata value.
    async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()>;

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
        lease: chrono::Duration,
        limit: u32,
    ) -> StoreResult<Vec<Calendar>>;

    /// Leases one calendar to `owner` now (a refresh on demand); false while another
    /// owner's lease is live.
    async fn claim_calendar(
        &self,
        id: Uuid,
        owner: &str,
        lease: chrono::Duration,
    ) -> StoreResult<bool>;

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

    /// Replaces every stored clash involving `event_id` with `clashes` (those of them that
    /// involve it), in one transaction: a write recomputes only the clashes of its event.
    async fn replace_clashes(
        &self,
        event_id: Uuid,
        clashes: &[tandem_core::clash::Clash],
    ) -> StoreResult<()>;

    /// Current clashes matching `filter`, by start then id.
    async fn clashes(&self, filter: &ClashFilter) -> StoreResult<Vec<tandem_core::clash::Clash>>;

    /// One current clash, if it still stands.
    async fn clash(&self, id: Uuid) -> StoreResult<Option<tandem_core::clash::Clash>>;

    /// Applies a clash resolution in one transaction: the event `resolution.event_id` is
    /// rewritten as [`Store::update_event`] would (a visible change, against
    /// `expected_version`) and the resolution is recorded with the version that rewrite
    /// produced — both or neither.
    async fn apply_resolution(
        &self,
        expected_version: i64,
        draft: &EventDraft,
        resolution: &NewResolution,
    ) -> StoreResult<(Event, ClashResolution)>;

    /// The resolutions recorded for a clash, oldest first.
    async fn clash_resolutions(&self, clash_id: Uuid) -> StoreResult<Vec<ClashResolution>>;

    /// Bulk load (`tandem seed`, the demo): venues and events with caller-chosen ids, the
    /// events' participants and occurrences, in one transaction with one revision bump;
    /// clashes are not computed. With a marker, false (nothing written) when it was set.
    async fn load(&self, load: &Load<'_>) -> StoreResult<bool>;

    /// Bulk load of venues alone ([`Store::load`]).
    async fn seed_venues(&self, venues: &[SeedVenue]) -> StoreResult<()> {
        self.load(&Load {
            venues,
            ..Load::default()
        })
        .await
        .map(drop)
    }

    /// Bulk load of events alone ([`Store::load`]).
    async fn seed_events(&self, events: &[SeedEvent]) -> StoreResult<()> {
        self.load(&Load {
            events,
            ..Load::default()
        })
        .await
        .map(drop)
    }
}

/// A store's connection pool: how many connections it holds and how long an operation waits
/// for a free one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSettings {
    /// Most connections open at once (at least one is used).
    pub max_connections: u32,
    /// Longest wait for a free connection (and for opening one); past it the operation
    /// fails with [`StoreError::Unavailable`] instead of queueing without end.
    pub acquire_timeout: std::time::Duration,
}

impl PoolSettings {
    /// `max_connections` connections, waiting up to 30 seconds for one: patient, for tests
    /// and embedders; `tandem` itself passes `database.acquire_timeout_seconds`.
    pub fn new(max_connections: u32) -> Self {
        Self {
            max_connections,
            acquire_timeout: std::time::Duration::from_secs(30),
        }
    }
}

/// Opens the store a database URL names (`sqlite://…` or `postgres://…`), creating and
/// migrating it as needed. Every timestamp the store writes or compares (`created_at`,
/// `updated_at`, the revision's time, tokens, calendar refreshes and leases) comes from
/// `clock`, never from the database's own clock.
pub async fn connect(
    url: &str,
    pool: PoolSettings,
    clock: tandem_core::SharedClock,
) -> StoreResult<std::sync::Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(std::sync::Arc::new(
            PostgresStore::connect(url, pool, clock).await?,
        ))
    } else if url.starts_with("sqlite:") {
        Ok(std::sync::Arc::new(
            SqliteStore::connect(url, pool, clock).await?,
        ))
    } else {
        Err(StoreError::Config(format!(
            "unsupported database URL scheme in '{}': use sqlite://FILE or postgres://…",
            redact_url(url)
        )))
    }
}

/// The URL with any password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let parts = url
        .split_once("://")
        .and_then(|(scheme, rest)| Some((scheme, rest.rsplit_once('@')?)));
    match parts {
        Some((scheme, (userinfo, host))) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            super::redact_url("postgres://tandem:secret@db:5432/tandem"),
            "postgres://tandem:***@db:5432/tandem"
        );
        assert_eq!(
            super::redact_url("sqlite://tandem.db"),
            "sqlite://tandem.db"
        );
    }
}
