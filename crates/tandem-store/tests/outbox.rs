//! The outbox (DESIGN §15) on both backends: messages are written with the change that owes
//! them, leased to one sender at a time, recorded per recipient, superseded by newer ones,
//! and written once per (event, sequence, recipient, kind). `postgres::NAME` runs on the
//! server `TANDEM_TEST_POSTGRES` names (skipped without one unless
//! `TANDEM_REQUIRE_POSTGRES=1`), as the conformance suite does.
#![allow(clippy::indexing_slicing)]

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use futures::future::join_all;
use sqlx::{Connection, PgConnection};
use tandem_core::{
    Attendance, Clock, EmailAddress, EventDraft, EventKind, EventMode, EventStatus, EventTiming,
    Participant, ParticipantId, RegionCode, Title, Zone,
};
use tandem_store::{
    DeliveryOutcome, DeliveryState, MessageKind, PostgresStore, SqliteStore, Store,
};
use uuid::Uuid;

/// A clock the test moves forward.
#[derive(Debug)]
struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn new_clock() -> Arc<TestClock> {
    Arc::new(TestClock(Mutex::new(
        "2026-12-01T08:30:00Z".parse().expect("instant"),
    )))
}

macro_rules! both {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $test() {
                    crate::on_sqlite(crate::$test).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $test() {
                    crate::on_postgres(crate::$test).await;
                }
            )+
        }
    };
}

both!(
    changes_write_their_messages,
    claims_go_to_one_sender_until_the_lease_expires,
    outcomes_are_recorded_per_recipient,
    a_newer_message_supersedes_a_pending_one,
    racing_senders_claim_each_message_once,
);

async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<TestClock>) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/t.db", dir.path().display());
    let clock = new_clock();
    let store = SqliteStore::connect(&url, tandem_store::PoolSettings::new(8), clock.clone())
        .await
        .expect("open SQLite");
    test(Arc::new(store), clock).await;
}

async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>, Arc<TestClock>) -> Fut,
    Fut: Future<Output = ()>,
{
    let server = std::env::var("TANDEM_TEST_POSTGRES")
        .ok()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| u.starts_with("postgres"));
    let Some(server) = server else {
        assert!(
            std::env::var("TANDEM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_POSTGRES=1 but no PostgreSQL server is named"
        );
        println!("PostgreSQL half skipped: set TANDEM_TEST_POSTGRES to run it");
        return;
    };
    let database = format!("tandem_o_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&server).await.expect("connect");
    sqlx::raw_sql(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .expect("create database");
    let (base, _) = server.rsplit_once('/').expect("a database in the URL");
    let url = format!("{base}/{database}");
    let clock = new_clock();
    let store = PostgresStore::connect(&url, tandem_store::PoolSettings::new(16), clock.clone())
        .await
        .expect("open PostgreSQL");
    let outcome = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(test(
        Arc::new(store),
        clock,
    )))
    .await;
    let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .execute(&mut admin)
        .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("local")
}

fn person(id: &str, email: Option<&str>) -> Participant {
    Participant {
        id: ParticipantId::parse(id).expect("id"),
        name: Some(format!("Person {id}")),
        tz: Zone::parse("Asia/Bangkok").expect("zone"),
        attendance: Attendance::Remote,
        required: id != "opt",
        email: email.map(|e| EmailAddress::parse(e).expect("address")),
        language: None,
    }
}

fn draft(start: &str, participants: Vec<Participant>) -> EventDraft {
    let zone = Zone::parse("Africa/Douala").expect("zone");
    let start = local(start);
    EventDraft {
        title: Title::parse("SG3RG-AFR meeting").expect("title"),
        description: None,
        kind: EventKind::Meeting,
        mode: EventMode::Hybrid,
        status: EventStatus::Confirmed,
        region: RegionCode::AFR,
        group: None,
        venue_id: None,
        room_id: None,
        timing: EventTiming::new(zone, start, start + Duration::hours(8), None).expect("timing"),
        co_located_with: None,
        remote_url: None,
        participants,
    }
}

fn two() -> Vec<Participant> {
    vec![
        person("req", Some("req@example.org")),
        person("opt", Some("opt@example.org")),
        person("none", None),
    ]
}

/// Every message about `event`, as (recipient, kind, sequence, state), sorted.
async fn outbox(
    store: &Arc<dyn Store>,
    event: Uuid,
) -> Vec<(String, MessageKind, i64, DeliveryState)> {
    let mut out: Vec<_> = store
        .deliveries(event)
        .await
        .expect("deliveries")
        .into_iter()
        .map(|m| {
            (
                m.message.recipient.expose().to_owned(),
                m.message.kind,
                m.message.sequence,
                m.state,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

async fn changes_write_their_messages(store: Arc<dyn Store>, _clock: Arc<TestClock>) {
    let event = store
        .create_event(&draft("2027-03-10T09:00", two()))
        .await
        .expect("create");
    let pending = DeliveryState::Pending;
    assert_eq!(
        outbox(&store, event.id).await,
        [
            (
                "opt@example.org".to_owned(),
                MessageKind::Request,
                0,
                pending
            ),
            (
                "req@example.org".to_owned(),
                MessageKind::Request,
                0,
                pending
            ),
        ]
    );
    let moved = store
        .update_event(
            event.id,
            Some(event.version),
            &draft("2027-03-10T10:00", two()),
            true,
        )
        .await
        .expect("update");
    assert_eq!(moved.sequence, 1);
    let latest = outbox(&store, event.id).await;
    assert!(
        latest
            .iter()
            .all(|(_, k, s, st)| *k == MessageKind::Request && *s == 1 && *st == pending),
        "{latest:?}"
    );
    let cancelled = store.cancel_event(event.id, None).await.expect("cancel");
    let latest = outbox(&store, event.id).await;
    assert!(
        latest
            .iter()
            .all(|(_, k, s, _)| *k == MessageKind::Cancel && *s == cancelled.sequence),
        "{latest:?}"
    );
    // Only the latest per recipient is pending; the two REQUESTs before were superseded.
    let claimed = store
        .claim_messages("a", Duration::minutes(2), 100)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 2);
    assert!(claimed
        .iter()
        .all(|m| m.message.kind == MessageKind::Cancel));
    // Cancelling again writes nothing new.
    store
        .cancel_event(event.id, None)
        .await
        .expect("cancel twice");
    assert!(store
        .claim_messages("b", Duration::minutes(2), 100)
        .await
        .expect("claim")
        .is_empty());
}

async fn claims_go_to_one_sender_until_the_lease_expires(
    store: Arc<dyn Store>,
    clock: Arc<TestClock>,
) {
    store
        .create_event(&draft("2027-03-10T09:00", two()))
        .await
        .expect("create");
    let a = store
        .claim_messages("a", Duration::minutes(2), 100)
        .await
        .expect("claim");
    assert_eq!(a.len(), 2);
    assert!(store
        .claim_messages("b", Duration::minutes(2), 100)
        .await
        .expect("claim")
        .is_empty());
    clock.advance(Duration::minutes(3));
    let b = store
        .claim_messages("b", Duration::minutes(2), 1)
        .await
        .expect("claim");
    assert_eq!(
        b.len(),
        1,
        "an expired lease goes to the next sender, `limit` at a time"
    );
    // The first sender's lease is gone: its outcome is not recorded.
    assert!(!store
        .finish_message(b[0].id, "a", &DeliveryOutcome::Sent)
        .await
        .expect("finish"));
    assert!(store
        .finish_message(b[0].id, "b", &DeliveryOutcome::Sent)
        .await
        .expect("finish"));
}

async fn outcomes_are_recorded_per_recipient(store: Arc<dyn Store>, clock: Arc<TestClock>) {
    let event = store
        .create_event(&draft("2027-03-10T09:00", two()))
        .await
        .expect("create");
    let claimed = store
        .claim_messages("a", Duration::minutes(2), 100)
        .await
        .expect("claim");
    let (req, opt) = if claimed[0].message.recipient.expose() == "req@example.org" {
        (&claimed[0], &claimed[1])
    } else {
        (&claimed[1], &claimed[0])
    };
    let retry_at = clock.now() + Duration::seconds(30);
    assert!(store
        .finish_message(
            req.id,
            "a",
            &DeliveryOutcome::Retry {
                error: "the mail server could not be reached".into(),
                at: retry_at
            }
        )
        .await
        .expect("retry"));
    assert!(store
        .finish_message(
            opt.id,
            "a",
            &DeliveryOutcome::Failed {
                error: "the mail server answered 550".into()
            }
        )
        .await
        .expect("fail"));
    let shown = store.deliveries(event.id).await.expect("deliveries");
    let by = |address: &str| {
        shown
            .iter()
            .find(|m| m.message.recipient.expose() == address)
            .expect("listed")
    };
    assert_eq!(by("req@example.org").state, DeliveryState::Pending);
    assert_eq!(by("req@example.org").attempts, 1);
    assert_eq!(by("req@example.org").next_attempt_at, retry_at);
    assert_eq!(by("opt@example.org").state, DeliveryState::Failed);
    assert_eq!(
        by("opt@example.org").last_error.as_deref(),
        Some("the mail server answered 550")
    );
    assert_eq!(
        by("opt@example.org").message.participant.name.as_deref(),
        Some("Person opt")
    );
    assert!(!by("opt@example.org").message.participant.required);
    // Not due before its time; due after.
    assert!(store
        .claim_messages("a", Duration::minutes(2), 100)
        .await
        .expect("claim")
        .is_empty());
    clock.advance(Duration::seconds(31));
    let again = store
        .claim_messages("a", Duration::minutes(2), 100)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1);
    assert!(store
        .finish_message(again[0].id, "a", &DeliveryOutcome::Sent)
        .await
        .expect("sent"));
    let shown = store.deliveries(event.id).await.expect("deliveries");
    let req = shown
        .iter()
        .find(|m| m.message.recipient.expose() == "req@example.org")
        .expect("listed");
    assert_eq!(
        (req.state, req.attempts, req.sent_at),
        (DeliveryState::Sent, 2, Some(clock.now()))
    );
}

async fn a_newer_message_supersedes_a_pending_one(store: Arc<dyn Store>, _clock: Arc<TestClock>) {
    let event = store
        .create_event(&draft("2027-03-10T09:00", two()))
        .await
        .expect("create");
    // b leaves before anything was sent: their REQUEST is replaced by a CANCEL (uninvite).
    let fewer = vec![person("req", Some("req@example.org"))];
    store
        .update_event(event.id, None, &draft("2027-03-10T09:00", fewer), false)
        .await
        .expect("update");
    let claimed = store
        .claim_messages("a", Duration::minutes(2), 100)
        .await
        .expect("claim");
    let mut got: Vec<_> = claimed
        .iter()
        .map(|m| (m.message.recipient.expose().to_owned(), m.message.kind))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            ("opt@example.org".to_owned(), MessageKind::Uninvite),
            ("req@example.org".to_owned(), MessageKind::Request),
        ]
    );
}

async fn racing_senders_claim_each_message_once(store: Arc<dyn Store>, _clock: Arc<TestClock>) {
    for day in 10..20 {
        store
            .create_event(&draft(&format!("2027-03-{day}T09:00"), two()))
            .await
            .expect("create");
    }
    let claims = join_all((0..6).map(|i| {
        let store = store.clone();
        async move {
            let mut mine = Vec::new();
            loop {
                let got = store
                    .claim_messages(&format!("s{i}"), Duration::minutes(2), 3)
                    .await
                    .expect("claim");
                if got.is_empty() {
                    break;
                }
                assert!(
                    got.len() <= 3,
                    "a claim leased {} messages, over its limit",
                    got.len()
                );
                mine.extend(got.into_iter().map(|m| m.id));
            }
            mine
        }
    }))
    .await;
    let mut all: Vec<Uuid> = claims.into_iter().flatten().collect();
    let total = all.len();
    all.sort();
    all.dedup();
    assert_eq!(total, 20);
    assert_eq!(all.len(), 20, "no message claimed twice");
}
