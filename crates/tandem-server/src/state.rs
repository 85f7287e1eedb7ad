//! What every handler shares.

use std::collections::BTreeSet;
use std::sync::Arc;

use tandem_core::reference::ReferenceData;
use tandem_store::Store;

use crate::config::Settings;
use crate::feeds::FeedCache;
use crate::metrics::Metrics;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// ITU reference data.
    pub reference: Arc<ReferenceData>,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// Codes of the bundled holiday calendars (`CM`, `EG`, …).
    pub holiday_calendars: Arc<BTreeSet<String>>,
    /// Rendered feeds of this instance.
    pub feeds: Arc<FeedCache>,
    /// Imports and refreshes external calendars; caches them parsed.
    pub importer: Arc<crate::import::Importer>,
    /// Organisers' signed-in web sessions (in memory: a restart signs everyone out).
    pub sessions: Arc<crate::web::Sessions>,
    /// The per-client rate limit of this instance.
    pub rate_limit: Arc<crate::rate_limit::RateLimit>,
    /// Where "now" comes from: the process's one clock, which the store was given too (the
    /// system clock, a `--clock` start, a fixed one in tests).
    pub clock: tandem_core::SharedClock,
}
