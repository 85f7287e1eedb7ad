//! How [`Store::events`](crate::Store::events) reads a page: keyset pagination by (first
//! start, id) whose cost is a page's worth of index entries, whatever the table's size.
//!
//! The order is the events' first start, but `from` asks for events with an occurrence
//! ending after it, which a long series that began long ago may have: an index on
//! `(region, starts_at)` gives no lower bound, so a page late in the period used to walk
//! the region from its first event (BENCHMARKS.md, "Listing at scale"). Each event is
//! therefore kept in a *span class*: the smallest `c` with `last_ends_at - starts_at <=
//! 4^c hours` (the generated column `span_class`, migrations `…_event_listing`; the last
//! class, over 4^9 hours ≈ 30 years, is unbounded). An event of class `c` that is still
//! running at `from` started less than `4^c` hours before it, so within one class the
//! events a page can hold lie in one range of the index `(filter, status, span_class,
//! starts_at, id, last_ends_at)`. The listing is the ordered merge of one index range per
//! (status, class) — a Merge Append on PostgreSQL, a merge of ordered compound arms on
//! SQLite — which stops after `limit` rows. Rows outside `[from, to)` that a range still
//! holds (a class's events that ended before `from`) are rejected on `last_ends_at`, a key
//! column, inside the index. A cursor starts every range after it, so a page deep into the
//! list costs the same as the first.
//!
//! Which index drives: the venue's when the filter names a venue, else the group's, else
//! the region's, else `(status, span_class, …)`; the other filters are checked on the rows
//! the ranges yield. A filter by participant or by id (private feeds, single events) does
//! not take this shape: the store reads those through their own indexes.

use chrono::{DateTime, Duration, Utc};
use tandem_core::EventStatus;

use crate::{EventCursor, EventFilter};

/// Upper bound, in hours, of the span of each bounded class (`4^c`); the class after the
/// last has no bound. The migrations' `span_class` column uses the same thresholds.
pub(crate) const SPAN_CLASS_HOURS: [i64; 10] =
    [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144];

/// Number of span classes (the bounded ones and the unbounded last).
pub(crate) const SPAN_CLASSES: usize = SPAN_CLASS_HOURS.len() + 1;

/// The span class of an event whose first start and last end are `span` apart.
#[cfg(test)]
pub(crate) fn span_class(span: Duration) -> usize {
    SPAN_CLASS_HOURS
        .iter()
        .position(|&hours| span <= Duration::hours(hours))
        .unwrap_or(SPAN_CLASS_HOURS.len())
}

/// The equality filter whose index drives the listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Driver {
    Venue,
    Group,
    Region,
    /// No equality filter: the `(status, span_class, …)` index.
    Status,
}

impl Driver {
    pub(crate) fn of(filter: &EventFilter) -> Self {
        if filter.venue_id.is_some() {
            Driver::Venue
        } else if filter.group.is_some() {
            Driver::Group
        } else if filter.region.is_some() {
            Driver::Region
        } else {
            Driver::Status
        }
    }
}

/// Where one index range starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArmStart {
    /// At the beginning.
    Any,
    /// After this instant (`starts_at > t`): the earliest start an event of the class can
    /// have and still run at `from`.
    After(DateTime<Utc>),
    /// After the cursor (`(starts_at, id) > cursor`).
    Cursor(EventCursor),
}

/// One index range of the merge: the events of one status and one span class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Arm {
    pub status: EventStatus,
    pub span_class: i16,
    pub start: ArmStart,
}

/// Whether the listing takes the keyset shape (see the module's docs).
pub(crate) fn applies(filter: &EventFilter) -> bool {
    filter.participant.is_none() && filter.id.is_none()
}

/// The index ranges to merge, one per (status, span class); every status when the filter
/// names none.
pub(crate) fn arms(filter: &EventFilter, cursor: Option<&EventCursor>) -> Vec<Arm> {
    let statuses: &[EventStatus] = if filter.statuses.is_empty() {
        EventStatus::ALL
    } else {
        &filter.statuses
    };
    let mut arms = Vec::with_capacity(statuses.len() * SPAN_CLASSES);
    for &status in statuses {
        for class in 0..SPAN_CLASSES {
            let lower = filter.from.and_then(|from| {
                SPAN_CLASS_HOURS
                    .get(class)
                    .and_then(|&hours| from.checked_sub_signed(Duration::hours(hours)))
            });
            let start = match (lower, cursor) {
                // Every event of the range starts after `lower`, so after the cursor too.
                (Some(lower), Some(c)) if c.starts_at < lower => ArmStart::After(lower),
                (_, Some(c)) => ArmStart::Cursor(*c),
                (Some(lower), None) => ArmStart::After(lower),
                (None, None) => ArmStart::Any,
            };
            arms.push(Arm {
                status,
                span_class: i16::try_from(class).unwrap_or(i16::MAX),
                start,
            });
        }
    }
    arms
}

/// Whether rows need the exact occurrence test: with both `from` and `to`, an event that
/// started before `from` (a series) may have no occurrence inside the window. Every other
/// row is decided by its first occurrence (`starts_at`, `ends_at > starts_at`) and its last
/// end: the ranges' `starts_at < to` and `last_ends_at > from` say it exactly.
pub(crate) fn needs_occurrence_test(filter: &EventFilter) -> bool {
    filter.from.is_some() && filter.to.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn classes_follow_powers_of_four_hours() {
        assert_eq!(span_class(Duration::minutes(30)), 0);
        assert_eq!(span_class(Duration::hours(1)), 0);
        assert_eq!(span_class(Duration::hours(1) + Duration::seconds(1)), 1);
        assert_eq!(span_class(Duration::hours(16)), 2);
        assert_eq!(span_class(Duration::days(365)), 7);
        assert_eq!(span_class(Duration::hours(262_144)), 9);
        assert_eq!(span_class(Duration::hours(262_145)), 10);
    }

    #[test]
    fn ranges_start_at_the_class_bound_or_the_cursor_whichever_is_later() {
        let filter = EventFilter {
            statuses: vec![EventStatus::Confirmed],
            from: Some(at("2028-10-01T00:00:00Z")),
            ..EventFilter::default()
        };
        let arms = arms(&filter, None);
        assert_eq!(arms.len(), SPAN_CLASSES);
        assert_eq!(arms[0].start, ArmStart::After(at("2028-09-30T23:00:00Z")));
        assert_eq!(arms[2].start, ArmStart::After(at("2028-09-30T08:00:00Z")));
        assert_eq!(arms[10].start, ArmStart::Any);

        let cursor = EventCursor {
            starts_at: at("2028-09-30T12:00:00Z"),
            id: Uuid::nil(),
        };
        let arms = super::arms(&filter, Some(&cursor));
        assert_eq!(arms[0].start, ArmStart::After(at("2028-09-30T23:00:00Z")));
        assert_eq!(arms[2].start, ArmStart::Cursor(cursor));
        assert_eq!(arms[10].start, ArmStart::Cursor(cursor));
    }

    #[test]
    fn every_status_when_none_is_named() {
        let arms = arms(&EventFilter::default(), None);
        assert_eq!(arms.len(), EventStatus::ALL.len() * SPAN_CLASSES);
        assert!(arms.iter().all(|a| a.start == ArmStart::Any));
    }
}
