//! What every handler shares: the application layer's subsystems and the HTTP front's own.

use std::sync::Arc;

use tandem_app::App;

use crate::config::Settings;
use crate::feed_cache::FeedCache;
use crate::metrics::Metrics;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    /// What the use cases work with: store, reference data, importer, clock.
    pub app: App,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// Rendered feeds of this instance.
    pub feeds: Arc<FeedCache>,
    /// The per-client rate limit of this instance.
    pub rate_limit: Arc<crate::rate_limit::RateLimit>,
}
