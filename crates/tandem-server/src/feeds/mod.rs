//! iCalendar feeds (DESIGN §7): every event, a region, a group, a venue, one event, one
//! participant's private feed and their free/busy.
//!
//! A feed is built once per change, not once per request: each instance caches the rendered
//! bytes (and their gzip) per feed and query, stamped with the store's revision, which every
//! visible write bumps inside its own transaction, and with the clock's day. A request costs
//! one small read of that revision; only a changed revision, or a new day, rebuilds. The
//! bytes depend on the data and the day alone (DTSTAMP is the event's last change, not the
//! time of the request; the free/busy window and the horizon of cancelled events move at
//! midnight UTC), so every instance serves identical feeds with identical strong ETags.

pub(crate) mod build;
mod http;

pub use crate::feed_cache::{FeedCache, FeedFilter, FeedScope, RenderedFeed};
pub use build::build;
pub use http::router;
