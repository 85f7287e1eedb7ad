//! Persistence for tandem: one store trait per aggregate — [`VenueStore`], [`EventStore`],
//! [`TokenStore`], [`CalendarStore`], [`ClashStore`], [`MetaStore`], [`WebSessionStore`] and [`BulkLoad`]
//! for `tandem seed` — each with a SQLite implementation (the embedded default) and a PostgreSQL
//! one (for several instances) in its module's `sqlite.rs` and `postgres.rs`, and [`Store`],
//! all of them together, held to one conformance suite.
//!
//! The store owns the guarantee that a room never holds two overlapping confirmed events:
//! PostgreSQL enforces it with the exclusion constraint `events_room_no_overlap`, SQLite
//! with a check and a write inside one `BEGIN IMMEDIATE` transaction.

mod bulk;
mod calendars;
mod clashes;
mod error;
mod events;
mod meta;
mod outbox;
mod postgres;
mod rows;
mod sessions;
mod settings;
mod sqlite;
mod tokens;
mod venues;

use async_trait::async_trait;

pub use bulk::{BulkLoad, Load};
pub use calendars::{
    Calendar, CalendarCopy, CalendarFailure, CalendarFilter, CalendarOwner, CalendarStore,
    NewCalendar, RefreshOutcome,
};
pub use clashes::{ClashFilter, ClashResolution, ClashStore, NewResolution};
pub use error::{RoomClash, StoreError, StoreResult};
pub use events::{CoLocation, EventCursor, EventFilter, EventStore, Neighbourhood, SeedEvent};
pub use meta::{MetaStore, Revision};
pub use outbox::{
    messages_for, DeliveryOutcome, DeliveryState, MessageKind, NewMessage, Outbox, OutboxMessage,
};
pub use postgres::PostgresStore;
pub use sessions::WebSessionStore;
pub use settings::{redact_url, PoolSettings};
pub use sqlite::SqliteStore;
pub use tokens::{FeedTokenRecord, NewToken, Role, TokenRecord, TokenStore};
pub use venues::{Room, SeedVenue, Venue, VenueStore};

/// Every store trait, for code that holds a concrete store (`SqliteStore`, `PostgresStore`)
/// rather than a `dyn Store`: `use tandem_store::prelude::*;`.
pub mod prelude {
    pub use crate::{
        BulkLoad, CalendarStore, ClashStore, EventStore, MetaStore, Outbox, Store, TokenStore,
        VenueStore, WebSessionStore,
    };
}

/// Everything tandem keeps: every aggregate's store on one database. Callers holding a
/// `dyn Store` (or a `T: Store`) call every aggregate's methods without importing its trait.
#[async_trait]
pub trait Store:
    VenueStore
    + EventStore
    + TokenStore
    + CalendarStore
    + ClashStore
    + MetaStore
    + WebSessionStore
    + BulkLoad
    + Outbox
    + Send
    + Sync
    + 'static
{
    /// Which backend this is (`sqlite` or `postgres`), for logs and `/readyz`.
    fn backend(&self) -> &'static str;

    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;
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
