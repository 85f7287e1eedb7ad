//! The one place tandem reads the wall clock.
//!
//! Everything that needs "now" (the demo's dates, feed horizons, tokens' and rows'
//! timestamps, leases) takes it from a [`Clock`] handed in at the edge, so a test can fix
//! the date instead of faking the system clock, and nothing depends on the day it runs.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in UTC.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// A shared clock, as the application state holds it.
pub type SharedClock = Arc<dyn Clock>;

/// The operating system's clock: the only reader of the wall clock in tandem.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
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
        Self(date.and_time(chrono::NaiveTime::MIN).and_utc())
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
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
}
