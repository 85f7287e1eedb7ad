//! iCalendar in for tandem: parses real-world calendar files and expands them into
//! occurrences and busy intervals (DESIGN §2, §3.3, §8). No I/O: bytes in, types out.
//!
//! ```
//! use tandem_core::{Interval, Zone};
//! let ics = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Zurich:20270301T090000\r\n\
//!             DTEND;TZID=Europe/Zurich:20270301T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let calendar = tandem_ical::parse(ics).unwrap();
//! let year = Interval::new("2027-01-01T00:00:00Z".parse().unwrap(), "2028-01-01T00:00:00Z".parse().unwrap()).unwrap();
//! let busy = calendar.busy(Zone::parse("Africa/Dakar").unwrap(), year);
//! assert_eq!(busy.len(), 3);
//! assert_eq!(busy[2].start.to_rfc3339(), "2027-03-15T08:00:00+00:00");
//! ```
//!
//! How a file is read (the README has the reasons and the measurements):
//! - content lines by this crate's own lexer, which names the line of anything it cannot
//!   read; zone names through calcard's Windows/vendor table; RRULEs by the `rrule` crate
//!   on the wall clock; every local → UTC conversion by [`Zone::resolve`] (RFC 5545 gap and
//!   overlap rules), or the same rules over a custom VTIMEZONE's own transitions;
//! - floating DATE-TIMEs are read in the calendar's `X-WR-TIMEZONE` when it names a known
//!   zone, else in the owner's zone; DATE values (all-day) always span the owner's local
//!   midnight to midnight (DESIGN §2).

mod expand;
#[cfg(test)]
mod input_properties;
mod lexer;
mod model;
pub mod render;
mod rules;
mod value;
mod zones;

use std::fmt;

use chrono::{DateTime, Utc};
use tandem_core::{Interval, Zone};

pub use model::ImportedCalendar;
pub use render::{
    render_calendar, render_freebusy, vtimezone, FeedCalendar, FeedEvent, FeedStatus, FreeBusy,
    Organizer,
};

/// Why a file could not be read, with the 1-based line where the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line the problem is on, when there is one.
    pub line: Option<usize>,
    /// What is wrong, in words a calendar owner can act on.
    pub message: String,
}

impl ParseError {
    pub(crate) fn at(line: usize, message: String) -> Self {
        Self {
            line: Some(line),
            message,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// One occurrence of an event, after RRULE, RDATE, EXDATE and RECURRENCE-ID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The event's UID (empty when the file gave none).
    pub uid: String,
    /// Its SUMMARY, unescaped.
    pub summary: Option<String>,
    /// First instant.
    pub start: DateTime<Utc>,
    /// First instant after it (equal to `start` for an event without length).
    pub end: DateTime<Utc>,
    /// A DATE (all-day) occurrence: local midnight to midnight in the owner's zone.
    pub all_day: bool,
    /// TRANSP:TRANSPARENT: shown, but blocks no time.
    pub transparent: bool,
    /// STATUS:CANCELLED.
    pub cancelled: bool,
}

impl Occurrence {
    /// True when the occurrence makes its owner busy (DESIGN §3.3).
    pub fn blocks_time(&self) -> bool {
        !self.cancelled && !self.transparent && self.start < self.end
    }
}

/// Parses an iCalendar stream: one or several VCALENDARs (or bare components).
///
/// Never panics; anything that cannot be understood is a [`ParseError`] naming the line.
pub fn parse(bytes: &[u8]) -> Result<ImportedCalendar, ParseError> {
    let text = lexer::decode(bytes);
    let lines = lexer::unfold(&text);
    let components = lexer::components(&lines)?;
    model::build(&components)
}

impl ImportedCalendar {
    /// Every occurrence overlapping `range` (half-open), floating times and DATE values
    /// read in `owner` (floating DATE-TIMEs in the file's X-WR-TIMEZONE when it has one).
    ///
    /// An occurrence without length counts when its instant lies in `range`. Sorted by
    /// start, then end, then UID.
    pub fn occurrences(&self, owner: Zone, range: Interval) -> Vec<Occurrence> {
        let mut out = Vec::new();
        let mut budget = expand::MAX_INSTANCES_PER_CALL;
        for series in self.series() {
            expand::expand(
                series,
                owner,
                range,
                &mut budget,
                &mut |event, start, end, all_day| {
                    out.push(Occurrence {
                        uid: series.uid.clone(),
                        summary: event.summary.clone(),
                        start,
                        end,
                        all_day,
                        transparent: event.transparent,
                        cancelled: event.cancelled,
                    });
                },
            );
        }
        out.sort_by(|a, b| (a.start, a.end, &a.uid).cmp(&(b.start, b.end, &b.uid)));
        out
    }

    /// Busy intervals per DESIGN §3.3, sorted: every occurrence overlapping `range` except
    /// STATUS:CANCELLED, TRANSP:TRANSPARENT and those without length (possibly
    /// overlapping one another; not clipped to `range`).
    pub fn busy(&self, owner: Zone, range: Interval) -> Vec<Interval> {
        let mut out = Vec::new();
        let mut budget = expand::MAX_INSTANCES_PER_CALL;
        for series in self.series() {
            expand::expand(
                series,
                owner,
                range,
                &mut budget,
                &mut |event, start, end, _| {
                    if !event.cancelled && !event.transparent && start < end {
                        out.push(Interval { start, end });
                    }
                },
            );
        }
        out.sort_unstable();
        out
    }
}
