//! The rendered feeds of this instance (DESIGN §7): each feed's bytes and their gzip per
//! scope and query, stamped with the store's revision and the clock's day, built at most
//! once per change however many requests ask at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use tandem_core::{EventKind, RegionCode};
use uuid::Uuid;

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

/// Query filters of a feed (`kind`, `from`, `to`, `include`) and its language (`lang`):
/// each combination is its own cache entry, with its own bytes and ETags.
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
    /// The language of the texts tandem writes into the feed (DESIGN §16).
    pub lang: tandem_i18n::Lang,
}

/// A rendered feed and what HTTP needs to serve it.
#[derive(Debug)]
pub struct RenderedFeed {
    /// The store revision it was built at.
    pub revision: i64,
    /// The (UTC) day it was built on: what it shows moves with the day.
    pub day: NaiveDate,
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

/// Builds that may run at once on one instance, whatever the number of feeds asked for.
const CONCURRENT_BUILDS: usize = 2;

/// Locks a build takes per feed (striped by the feed's hash), so concurrent requests for one
/// stale feed build it once while the others wait for it.
const BUILD_LOCKS: usize = 64;

/// The rendered feeds of this instance. Memory stays bounded under load: one build per feed
/// at a time (the others wait and take its result), at most `CONCURRENT_BUILDS` builds at
/// once, and at most `CACHE_ENTRIES` feeds kept.
pub struct FeedCache {
    entries: Mutex<HashMap<(FeedScope, FeedFilter), Arc<RenderedFeed>>>,
    locks: Vec<tokio::sync::Mutex<()>>,
    builds: tokio::sync::Semaphore,
}

impl Default for FeedCache {
    fn default() -> Self {
        Self {
            entries: Mutex::default(),
            locks: (0..BUILD_LOCKS)
                .map(|_| tokio::sync::Mutex::new(()))
                .collect(),
            builds: tokio::sync::Semaphore::new(CONCURRENT_BUILDS),
        }
    }
}

impl FeedCache {
    /// The cached feed, if it was built at `revision` or later, on `day`.
    pub fn get(
        &self,
        key: &(FeedScope, FeedFilter),
        revision: i64,
        day: NaiveDate,
    ) -> Option<Arc<RenderedFeed>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|f| f.revision >= revision && f.day == day)
            .cloned()
    }

    /// The cached feed at `revision` or later on `day`, or the one `build` makes: concurrent
    /// callers for one feed build it once (the others wait and find it cached), and at most
    /// `CONCURRENT_BUILDS` builds run at once.
    pub async fn get_or_build<F, E>(
        &self,
        key: (FeedScope, FeedFilter),
        revision: i64,
        day: NaiveDate,
        build: F,
    ) -> Result<Arc<RenderedFeed>, E>
    where
        F: std::future::Future<Output = Result<RenderedFeed, E>>,
    {
        if let Some(feed) = self.get(&key, revision, day) {
            return Ok(feed);
        }
        let stripe = {
            use std::hash::{BuildHasher, RandomState};
            static STATE: std::sync::LazyLock<RandomState> =
                std::sync::LazyLock::new(RandomState::new);
            usize::try_from(STATE.hash_one(&key) % BUILD_LOCKS as u64).unwrap_or(0)
        };
        let _building = match self.locks.get(stripe) {
            Some(lock) => Some(lock.lock().await),
            None => None,
        };
        if let Some(feed) = self.get(&key, revision, day) {
            return Ok(feed);
        }
        let _permit = self.builds.acquire().await;
        let feed = Arc::new(build.await?);
        self.put(key, feed.clone());
        Ok(feed)
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
