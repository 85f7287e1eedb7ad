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

/// Runs `scenario` with the URL of a fresh PostgreSQL database named `prefix_<uuid>` on the
/// server `TANDEM_TEST_POSTGRES` (or `DATABASE_URL`) names, and drops the database
/// afterwards, also when the scenario panics (the panic is then resumed). Without a server
/// the scenario is skipped with a line, unless `TANDEM_REQUIRE_POSTGRES=1` makes that a
/// failure.
pub async fn on_fresh_postgres<F, Fut>(prefix: &str, scenario: F)
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use sqlx::Connection;
    let server = std::env::var("TANDEM_TEST_POSTGRES")
        .ok()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| u.starts_with("postgres"));
    let Some(server) = server else {
        assert!(
            std::env::var("TANDEM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_POSTGRES=1 but no PostgreSQL server is named"
        );
        println!("PostgreSQL half skipped: set TANDEM_TEST_POSTGRES=postgres://… to run it");
        return;
    };
    let database = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("connect to PostgreSQL");
    sqlx::raw_sql(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .expect("create database");
    let (root, _) = server
        .split('?')
        .next()
        .and_then(|base| base.rsplit_once('/'))
        .expect("the URL names a database");
    let url = format!("{root}/{database}");
    let outcome =
        futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(scenario(url))).await;
    let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .execute(&mut admin)
        .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// A PostgreSQL store on `url` with `connections` in its pool, on the tests' clock.
pub async fn postgres_store(url: &str, connections: u32) -> Arc<dyn tandem_store::Store> {
    Arc::new(
        tandem_store::PostgresStore::connect(
            url,
            tandem_store::PoolSettings::new(connections),
            clock(),
        )
        .await
        .expect("opened"),
    )
}
