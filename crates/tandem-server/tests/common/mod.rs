//! What the in-process tests share: the clock they run on. The store and the server of a
//! test take the same one, so nothing a test checks depends on the day it runs.

#![allow(dead_code)]

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use tandem_core::{Clock, FixedClock, SharedClock, StartedClock};

/// The instant the tests run at: Tuesday 2026-12-01 08:30 UTC, or the instant in
/// `TANDEM_CLOCK` when it is set, to run the suite "on" another day (the variable `tandem`
/// itself reads for `--clock`, so the black-box tests' servers follow it too).
pub fn now() -> DateTime<Utc> {
    match std::env::var("TANDEM_CLOCK") {
        Ok(text) => {
            StartedClock::parse_start(&text).unwrap_or_else(|e| panic!("TANDEM_CLOCK: {e}"))
        }
        Err(_) => DateTime::parse_from_rfc3339("2026-12-01T08:30:00Z")
            .expect("an instant")
            .with_timezone(&Utc),
    }
}

/// A clock fixed at [`now`].
pub fn clock() -> SharedClock {
    FixedClock(now()).shared()
}

/// A clock a test moves by hand (days passing without waiting for them).
#[derive(Debug)]
pub struct MovableClock(Mutex<DateTime<Utc>>);

impl MovableClock {
    /// A clock at [`now`], shared.
    pub fn new() -> Arc<Self> {
        Arc::new(Self(Mutex::new(now())))
    }

    /// Moves the clock on by `by`.
    pub fn advance(&self, by: Duration) {
        let mut at = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *at += by;
    }
}

impl Clock for MovableClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
