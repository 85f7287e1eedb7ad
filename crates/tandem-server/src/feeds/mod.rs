//! iCalendar feeds (DESIGN §7): every event, a region, a group, a venue, one event, one
//! participant's private feed and their free/busy.
//!
//! A feed is built once per change, not once per request: each instance caches the rendered
//! bytes (and their gzip) per feed and query, stamped with the store's revision, which every
//! visible write bumps inside its own transaction. A request costs one small read of that
//! revision; only a changed revision rebuilds. The bytes depend on the data alone (DTSTAMP is
//! the event's last change, not the time of the request), so every instance serves identical
//! feeds with identical strong ETags.

mod build;
mod http;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use chrono::{DateTime, Utc};
use tandem_core::{EventKind, RegionCode};
use uuid::Uuid;

pub use build::build;
pub use http::{participant_of, router};

/// Which events a feed shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// Every event.
    All,
    /// One region's.
    Region(RegionCode),
    /// One group's.
    Group(String),
    /// One venue's.
    Venue(Uuid),
    /// One event.
    Event(Uuid),
    /// One participant's (private).
    Participant(String),
    /// One participant's free/busy (private).
    FreeBusy(String),
}

impl FeedScope {
    /// Private feeds are never cached by shared caches.
    pub fn is_private(&self) -> bool {
        matches!(self, FeedScope::Participant(_) | FeedScope::FreeBusy(_))
    }
}

/// Query filters of a feed (`kind`, `from`, `to`, `include`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FeedFilter {
    /// Only these kinds.
    pub kinds: Vec<EventKind>,
    /// Only events with an occurrence ending after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only events with an occurrence starting before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Show proposed events (as TENTATIVE).
    pub include_proposed: bool,
    /// Show events cancelled in the last 90 days (as CANCELLED).
    pub include_cancelled: bool,
}

/// A rendered feed and what HTTP needs to serve it.
#[derive(Debug)]
pub struct RenderedFeed {
    /// The store revision it was built at.
    pub revision: i64,
    /// The iCalendar text.
    pub body: Bytes,
    /// The same, gzip-compressed.
    pub gzip: Bytes,
    /// Strong ETag of `body`.
    pub etag: String,
    /// Strong ETag of `gzip` (a different representation).
    pub gzip_etag: String,
    /// When the data behind it last changed.
    pub last_modified: DateTime<Utc>,
    /// Suggested file name.
    pub filename: String,
}

/// Most feeds one instance keeps rendered; past it the cache starts over.
const CACHE_ENTRIES: usize = 1024;

/// The rendered feeds of this instance.
#[derive(Default)]
pub struct FeedCache {
    entries: Mutex<HashMap<(FeedScope, FeedFilter), Arc<RenderedFeed>>>,
}

impl FeedCache {
    /// The cached feed, if it was built at `revision`.
    pub fn get(&self, key: &(FeedScope, FeedFilter), revision: i64) -> Option<Arc<RenderedFeed>> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|f| f.revision == revision).cloned()
    }

    /// Keeps a freshly built feed.
    pub fn put(&self, key: (FeedScope, FeedFilter), feed: Arc<RenderedFeed>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CACHE_ENTRIES {
                entries.clear();
            }
            entries.insert(key, feed);
        }
    }
}
