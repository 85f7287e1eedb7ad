//! Clashes (DESIGN §6) as the store keeps them: the current clashes among stored events,
//! replaced per event (a write recomputes only the clashes of the event written), and the
//! history of resolutions, kept after the clash itself is gone.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tandem_core::clash::{Clash, ClashKind, Severity};
use tandem_core::{EventDraft, RegionCode};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use tandem_core::Event;

/// Which clashes to list. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClashFilter {
    /// Only clashes involving an event of this region.
    pub region: Option<RegionCode>,
    /// Only clashes involving an event of this group.
    pub group: Option<String>,
    /// Only clashes ending after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only clashes starting before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Only this severity.
    pub severity: Option<Severity>,
    /// Only clashes involving this event.
    pub event_id: Option<Uuid>,
    /// Only this type.
    pub kind: Option<ClashKind>,
}

/// A resolution to record: who applied what to which clash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewResolution {
    /// The clash resolved.
    pub clash_id: Uuid,
    /// The event changed.
    pub event_id: Uuid,
    /// Who resolved it (a token label or id).
    pub resolved_by: String,
    /// What was applied (JSON).
    pub action: String,
    /// The clash as it was (JSON).
    pub clash: String,
    /// The event's version before.
    pub version_before: i64,
    /// The event's version after.
    pub version_after: i64,
}

/// A recorded resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClashResolution {
    /// Its id.
    pub id: Uuid,
    /// When it was applied.
    pub resolved_at: DateTime<Utc>,
    /// What was recorded.
    pub record: NewResolution,
}

impl NewResolution {
    /// This resolution as recorded with the rewrite of its event that produced `event`.
    pub(crate) fn after(&self, event: &Event) -> Self {
        Self {
            version_after: event.version,
            ..self.clone()
        }
    }
}

pub(crate) fn kind(text: &str) -> Result<ClashKind, StoreError> {
    ClashKind::parse(text).ok_or_else(|| StoreError::Corrupt(format!("clash kind '{text}'")))
}

pub(crate) fn severity(text: &str) -> Result<Severity, StoreError> {
    Severity::parse(text).ok_or_else(|| StoreError::Corrupt(format!("clash severity '{text}'")))
}

/// Clashes in the order lists show them: by start, then id.
pub(crate) fn sorted(mut clashes: Vec<Clash>) -> Vec<Clash> {
    clashes.sort_by_key(|c| (c.start, c.id));
    clashes
}

/// The current clash list and the record of resolutions.
#[async_trait]
pub trait ClashStore: Send + Sync {
    /// Replaces every stored clash involving `event_id` with `clashes` (those of them that
    /// involve it), in one transaction: a write recomputes only the clashes of its event.
    async fn replace_clashes(&self, event_id: Uuid, clashes: &[Clash]) -> StoreResult<()>;

    /// Current clashes matching `filter`, by start then id.
    async fn clashes(&self, filter: &ClashFilter) -> StoreResult<Vec<Clash>>;

    /// One current clash, if it still stands.
    async fn clash(&self, id: Uuid) -> StoreResult<Option<Clash>>;

    /// Applies a clash resolution in one transaction: the event `resolution.event_id` is
    /// rewritten as [`crate::EventStore::update_event`] would (a visible change, against
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
}
