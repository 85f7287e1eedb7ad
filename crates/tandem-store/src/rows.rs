//! Conversions shared by every aggregate and both backends between column values and
//! domain values.

use chrono::{DateTime, NaiveDateTime, Utc};
use tandem_core::time::{format_local_datetime, parse_local_datetime};
use tandem_core::{Interval, WeekdaySet, Zone};

use crate::error::StoreError;

/// Most bound values per statement (SQLite allows 32,766, PostgreSQL 65,535).
pub(crate) const MAX_BINDS: usize = 30_000;

/// The error for a stored value that no longer parses.
pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} '{value}'"))
}

pub(crate) fn zone(value: &str) -> Result<Zone, StoreError> {
    Zone::parse(value).map_err(|_| corrupt("zone", value))
}

pub(crate) fn local(value: &str) -> Result<NaiveDateTime, StoreError> {
    parse_local_datetime(value).map_err(|_| corrupt("local time", value))
}

pub(crate) fn local_text(value: NaiveDateTime) -> String {
    format_local_datetime(value)
}

pub(crate) fn weekend(value: &str) -> Result<WeekdaySet, StoreError> {
    let names: Vec<&str> = value.split(',').filter(|s| !s.is_empty()).collect();
    WeekdaySet::parse(&names).map_err(|_| corrupt("weekend", value))
}

/// A position in a list, as stored.
pub(crate) fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// The first occurrence and the end of the last: what an event row keeps of its instants.
pub(crate) fn span(occurrences: &[Interval]) -> Result<(Interval, DateTime<Utc>), StoreError> {
    let first = *occurrences
        .first()
        .ok_or_else(|| StoreError::InvalidReference {
            field: "rrule",
            phrase: tandem_core::Phrase::new(
                "reference-no-occurrence",
                "the event has no occurrence",
            ),
        })?;
    let last_end = occurrences.iter().map(|o| o.end).max().unwrap_or(first.end);
    Ok((first, last_end))
}
