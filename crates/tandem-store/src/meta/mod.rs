//! The store's own bookkeeping: the feed revision every visible write bumps in its
//! transaction, and named metadata values.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::error::StoreResult;

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

/// The revision counter and metadata values.
#[async_trait]
pub trait MetaStore: Send + Sync {
    /// The revision counter: bumped, in the same transaction, by every write a feed can show
    /// (events and venues), so a cached feed built at revision N is current while it stays N.
    async fn revision(&self) -> StoreResult<Revision>;

    /// A metadata value.
    async fn meta(&self, key: &str) -> StoreResult<Option<String>>;

    /// Sets a metadata value.
    async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()>;
}
