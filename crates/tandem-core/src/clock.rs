//! The one place tandem reads the wall clock.
//!
//! Everything that needs "now" (the demo's dates, feed horizons and free/busy windows, the
//! home page's upcoming list, the planner's default days, the store's `created_at`,
//! `updated_at` and revision timestamps, tokens, refresh scheduling and calendar leases)
//! takes it from a [`Clock`] handed in at the edge: `tandem` builds one per process and
//! gives the same one to the store and the server. A test fixes the date with a
//! [`FixedClock`] instead of faking the system clock, so nothing depends on the day it
//! runs; `tandem --clock INSTANT` (or `TANDEM_CLOCK`) starts the whole process's clock at
//! a chosen instant with a [`StartedClock`].
//!
//! [`SystemClock`] is the only reader of the operating system's date in tandem's code; CI
//! holds that with clippy's `disallowed-methods` (`clippy.toml`), which refuses
//! `Utc::now`, `Local::now` and `SystemTime::now` everywhere else, tests included.
//!
//! Not wall-clock time, and left alone: `std::time::Instant` (and tokio's and governor's
//! instants), which measure durations on the monotonic clock — request and fetch
//! timeouts, rate-limit buckets, web sessions' lifetime, progress timings. They never
//! become a date, so the day a test runs cannot change them. Libraries still stamp what
//! they own with the real time: log lines (`tracing-subscriber`) and hyper's HTTP `Date`
//! header, which must say when a response was really sent.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in UTC.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// A shared clock, as the application state and the stores hold it.
pub type SharedClock = Arc<dyn Clock>;

/// The operating system's clock: the only reader of the wall clock in tandem.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // The one permitted read (see the module docs).
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that always says the same instant (tests, reproducible runs).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// A clock fixed at midnight UTC of `date`.
    pub fn on(date: NaiveDate) -> Self {
        Self(date.and_time(NaiveTime::MIN).and_utc())
    }

    /// The same clock, shared.
    pub fn shared(self) -> SharedClock {
        Arc::new(self)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A clock that said `start` when it was made and runs on at the speed of the monotonic
/// clock: the process lives "as if" started at `start` — leases expire, refreshes come
/// due, cancelled events leave feeds — whatever the system's date. What `--clock` sets.
#[derive(Clone, Copy, Debug)]
pub struct StartedClock {
    start: DateTime<Utc>,
    since: Instant,
}

impl StartedClock {
    /// A clock reading `start` now.
    pub fn at(start: DateTime<Utc>) -> Self {
        Self {
            start,
            since: Instant::now(),
        }
    }

    /// Parses the instant the clock starts at: an RFC 3339 date-time with its offset
    /// (`2026-12-01T09:00:00Z`), or a date (`2026-12-01`, midnight UTC).
    pub fn parse_start(text: &str) -> Result<DateTime<Utc>, String> {
        let text = text.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Ok(instant.with_timezone(&Utc));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|date| date.and_time(NaiveTime::MIN).and_utc())
            .map_err(|_| {
                format!(
                    "'{text}' is not an instant: give an RFC 3339 date-time with its offset \
                     (2026-12-01T09:00:00Z) or a date (2026-12-01)"
                )
            })
    }
}

impl Clock for StartedClock {
    fn now(&self) -> DateTime<Utc> {
        // An elapsed time past chrono's range (about 292 billion years) is not reachable.
        let elapsed = chrono::Duration::from_std(self.since.elapsed()).unwrap_or_default();
        self.start + elapsed
    }
}

/// The system clock, shared.
pub fn system() -> SharedClock {
    Arc::new(SystemClock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_says_its_date() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let clock = FixedClock::on(date);
        assert_eq!(clock.today(), date);
        assert_eq!(clock.now(), clock.now());
    }

    /// A started clock begins at its instant (whatever the system's date) and never goes
    /// back; it runs on from there.
    #[test]
    fn a_started_clock_runs_on_from_its_instant() {
        let start = StartedClock::parse_start("2026-12-01T09:00:00Z").unwrap();
        let clock = StartedClock::at(start);
        let first = clock.now();
        assert!(first >= start);
        assert!(first - start < chrono::Duration::hours(1));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert!(clock.now() >= first);
    }

    #[test]
    fn the_start_is_an_instant_or_a_date() {
        let nine = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            StartedClock::parse_start("2026-12-01T10:00:00+01:00"),
            Ok(nine)
        );
        assert_eq!(
            StartedClock::parse_start("2026-12-01"),
            Ok(nine - chrono::Duration::hours(9))
        );
        for bad in [
            "",
            "tomorrow",
            "2026-12-01T09:00",
            "2026-13-01",
            "2026-12-01 09:00",
        ] {
            let error = StartedClock::parse_start(bad).unwrap_err();
            assert!(error.contains("RFC 3339"), "{bad}: {error}");
        }
    }
}
