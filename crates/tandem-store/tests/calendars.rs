//! Imported calendars in the store (DESIGN §8), on both backends: `sqlite::NAME` on a new
//! file, `postgres::NAME` on a new database of the server `TANDEM_TEST_POSTGRES` (else a
//! `postgres://` `DATABASE_URL`) names, dropped afterwards. Each test gets the database URL,
//! so it can open several stores on one database: several tandem instances.
//!
//! Without a server the `postgres` half is skipped with a message, unless
//! `TANDEM_REQUIRE_POSTGRES=1`, where that is a failure.

use std::collections::HashSet;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use futures::FutureExt;
use sqlx::{Connection, PgConnection};
use tandem_core::{CountryCode, Title, VenueDraft, WeekdaySet, Zone};
use tandem_store::{
    redact_url, CalendarCopy, CalendarFilter, CalendarOwner, NewCalendar, RefreshOutcome, Store,
    StoreError,
};
use uuid::Uuid;

macro_rules! on_both {
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

on_both!(
    calendars_round_trip_with_their_bytes,
    a_venue_has_one_holiday_calendar,
    refresh_outcomes_replace_keep_or_record,
    a_refresh_without_the_lease_writes_nothing,
    due_calendars_are_claimed_once_by_two_instances,
    expired_leases_can_be_claimed_again,
    due_times_and_leases_follow_the_stores_clock,
);

/// The instant the stores under test believe it is: every due time and lease is read on
/// the injected clock, so no result depends on the day the suite runs.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T08:30:00Z")
        .expect("an instant")
        .with_timezone(&Utc)
}

async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("a temporary directory");
    test(format!("sqlite://{}/t.db", dir.path().display())).await;
}

fn postgres_server() -> Option<String> {
    let named = |var: &str| std::env::var(var).ok().filter(|v| !v.trim().is_empty());
    named("TANDEM_TEST_POSTGRES").or_else(|| {
        named("DATABASE_URL")
            .filter(|url| url.starts_with("postgres://") || url.starts_with("postgresql://"))
    })
}

async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(server) = postgres_server() else {
        assert!(
            std::env::var("TANDEM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_POSTGRES=1 but no PostgreSQL server is named"
        );
        println!("PostgreSQL half skipped: set TANDEM_TEST_POSTGRES=postgres://… to run it");
        return;
    };
    let shown = redact_url(&server);
    let database = format!("tandem_cal_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("connecting to PostgreSQL at {shown}: {e}"));
    sqlx::raw_sql(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("creating database {database}: {e}"));
    let (base, _) = server.split_once('?').unwrap_or((&server, ""));
    let (root, _) = base.rsplit_once('/').expect("the URL names a database");
    let url = format!("{root}/{database}");
    let outcome = AssertUnwindSafe(test(url)).catch_unwind().await;
    let dropped = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .execute(&mut admin)
        .await;
    admin.close().await.ok();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
    dropped.unwrap_or_else(|e| panic!("dropping database {database}: {e}"));
}

async fn open(url: &str) -> Arc<dyn Store> {
    open_at(url, now()).await
}

/// A store on `url` whose clock says `at`.
async fn open_at(url: &str, at: DateTime<Utc>) -> Arc<dyn Store> {
    let clock = tandem_core::FixedClock(at).shared();
    tandem_store::connect(url, tandem_store::PoolSettings::new(8), clock)
        .await
        .unwrap_or_else(|e| panic!("opening {}: {e:?}", redact_url(url)))
}

fn copy(text: &[u8], etag: Option<&str>, events: u64) -> CalendarCopy {
    CalendarCopy {
        ics: text.to_vec(),
        etag: etag.map(str::to_owned),
        last_modified: Some("Wed, 21 Oct 2026 07:28:00 GMT".into()),
        event_count: events,
        published_refresh: Some(Duration::hours(12)),
    }
}

fn new_calendar(
    name: &str,
    url: Option<&str>,
    owner: CalendarOwner,
    due_in: Duration,
) -> NewCalendar {
    NewCalendar {
        name: name.into(),
        url: url.map(str::to_owned),
        owner,
        copy: copy(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", Some("\"v1\""), 0),
        next_refresh_at: url.map(|_| now() + due_in),
    }
}

async fn venue(store: &dyn Store) -> Uuid {
    store
        .create_venue(&VenueDraft {
            name: Title::parse("Palais des Congrès").expect("name"),
            city: Title::parse("Yaoundé").expect("city"),
            country: CountryCode::parse("CM").expect("country"),
            tz: Zone::parse("Africa/Douala").expect("zone"),
            weekend: WeekdaySet::SAT_SUN,
            holiday_calendar: Some("CM".into()),
            rooms: Vec::new(),
            geo: None,
        })
        .await
        .expect("a venue")
        .id
}

/// A calendar comes back as stored, bytes exactly (Latin-1 included), and is listed by owner
/// until it is deleted.
async fn calendars_round_trip_with_their_bytes(url: String) {
    let store = open(&url).await;
    let latin1 = b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:Cong\xe9s\r\nEND:VCALENDAR\r\n";
    let mut new = new_calendar(
        "Dakar office",
        Some("webcal://example.org/dakar.ics"),
        CalendarOwner::Participant("p-17".into()),
        Duration::hours(1),
    );
    new.copy = copy(latin1, Some("\"abc\""), 212);
    let created = store.create_calendar(&new).await.expect("created");
    assert_eq!(created.name, "Dakar office");
    assert_eq!(
        created.url.as_deref(),
        Some("webcal://example.org/dakar.ics")
    );
    assert_eq!(created.owner, CalendarOwner::Participant("p-17".into()));
    assert_eq!(created.event_count, 212);
    assert_eq!(created.etag.as_deref(), Some("\"abc\""));
    assert_eq!(created.published_refresh, Some(Duration::hours(12)));
    assert!(created.last_success_at.is_some());
    assert_eq!(created.last_error, None);
    assert_eq!(created.content_version, 1);
    assert!(created.next_refresh_at.is_some());

    let inline = store
        .create_calendar(&new_calendar(
            "Uploaded",
            None,
            CalendarOwner::Nobody,
            Duration::zero(),
        ))
        .await
        .expect("created");
    assert_eq!(inline.url, None);
    assert_eq!(
        inline.next_refresh_at, None,
        "inline calendars are never refreshed"
    );

    assert_eq!(store.calendar(created.id).await.expect("read"), created);
    let (version, bytes) = store.calendar_ics(created.id).await.expect("bytes");
    assert_eq!((version, bytes.as_slice()), (1, &latin1[..]));

    let all = store
        .calendars(&CalendarFilter::default())
        .await
        .expect("list");
    assert_eq!(
        all.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Dakar office", "Uploaded"],
        "listed by name"
    );
    let mine = store
        .calendars(&CalendarFilter {
            participant: Some("p-17".into()),
            ..CalendarFilter::default()
        })
        .await
        .expect("list");
    assert_eq!(mine.iter().map(|c| c.id).collect::<Vec<_>>(), [created.id]);
    for (owners, expected) in [
        (vec!["p-99", "p-17"], vec![created.id]),
        (vec!["p-99"], vec![]),
    ] {
        let found = store
            .calendars(&CalendarFilter {
                participants: owners.iter().map(|o| (*o).to_owned()).collect(),
                ..CalendarFilter::default()
            })
            .await
            .expect("list");
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            expected,
            "owners {owners:?}"
        );
    }

    store.delete_calendar(created.id).await.expect("deleted");
    assert!(matches!(
        store.calendar(created.id).await,
        Err(StoreError::NotFound {
            entity: "calendar",
            ..
        })
    ));
    assert!(matches!(
        store.delete_calendar(created.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.calendar_ics(created.id).await,
        Err(StoreError::NotFound { .. })
    ));
}

/// Importing a venue's holiday calendar replaces the previous one; an unknown venue is an
/// invalid reference naming `venue_id`.
async fn a_venue_has_one_holiday_calendar(url: String) {
    let store = open(&url).await;
    let venue = venue(store.as_ref()).await;
    let first = store
        .create_calendar(&new_calendar(
            "CM holidays",
            None,
            CalendarOwner::Venue(venue),
            Duration::zero(),
        ))
        .await
        .expect("first");
    let second = store
        .create_calendar(&new_calendar(
            "CM holidays (2027)",
            Some("https://example.org/cm.ics"),
            CalendarOwner::Venue(venue),
            Duration::hours(1),
        ))
        .await
        .expect("replacement");
    let theirs = store
        .calendars(&CalendarFilter {
            venue_id: Some(venue),
            ..CalendarFilter::default()
        })
        .await
        .expect("list");
    assert_eq!(theirs.iter().map(|c| c.id).collect::<Vec<_>>(), [second.id]);
    assert!(matches!(
        store.calendar(first.id).await,
        Err(StoreError::NotFound { .. })
    ));
    let missing = store
        .create_calendar(&new_calendar(
            "nowhere",
            None,
            CalendarOwner::Venue(Uuid::new_v4()),
            Duration::zero(),
        ))
        .await;
    assert!(
        matches!(
            missing,
            Err(StoreError::InvalidReference {
                field: "venue_id",
                ..
            })
        ),
        "{missing:?}"
    );
}

/// A new copy replaces the old one whole; 304 keeps it and counts as a success; a failure
/// keeps it and records the error with its line.
async fn refresh_outcomes_replace_keep_or_record(url: String) {
    let store = open(&url).await;
    let cal = store
        .create_calendar(&new_calendar(
            "feed",
            Some("https://example.org/a.ics"),
            CalendarOwner::Nobody,
            -Duration::minutes(1),
        ))
        .await
        .expect("created");
    let lease = Duration::minutes(5);
    let next = now() + Duration::hours(2);

    assert!(store
        .claim_calendar(cal.id, "me", lease)
        .await
        .expect("claim"));
    let replaced = store
        .finish_calendar_refresh(
            cal.id,
            "me",
            &RefreshOutcome::Replaced {
                copy: copy(b"BEGIN:VCALENDAR\r\nNEW\r\n", Some("\"v2\""), 7),
                next_refresh_at: next,
            },
        )
        .await
        .expect("finish")
        .expect("the lease was ours");
    assert_eq!(replaced.content_version, 2);
    assert_eq!(replaced.event_count, 7);
    assert_eq!(replaced.etag.as_deref(), Some("\"v2\""));
    assert_eq!(replaced.consecutive_failures, 0);
    assert_eq!(
        replaced.next_refresh_at.map(|t| t.timestamp()),
        Some(next.timestamp())
    );
    assert_eq!(
        store.calendar_ics(cal.id).await.expect("bytes"),
        (2, b"BEGIN:VCALENDAR\r\nNEW\r\n".to_vec())
    );

    assert!(store
        .claim_calendar(cal.id, "me", lease)
        .await
        .expect("claim"));
    let failed = store
        .finish_calendar_refresh(
            cal.id,
            "me",
            &RefreshOutcome::Failed {
                message: "line 12: DTSTART is not a date".into(),
                line: Some(12),
                next_refresh_at: next,
            },
        )
        .await
        .expect("finish")
        .expect("the lease was ours");
    let error = failed.last_error.clone().expect("the error is recorded");
    assert_eq!(error.message, "line 12: DTSTART is not a date");
    assert_eq!(error.line, Some(12));
    assert_eq!(failed.consecutive_failures, 1);
    assert_eq!(failed.content_version, 2, "the good copy stays");
    assert_eq!(failed.event_count, 7);
    assert_eq!(failed.last_success_at, replaced.last_success_at);
    assert_eq!(
        store.calendar_ics(cal.id).await.expect("bytes").1,
        b"BEGIN:VCALENDAR\r\nNEW\r\n".to_vec()
    );

    assert!(store
        .claim_calendar(cal.id, "me", lease)
        .await
        .expect("claim"));
    let kept = store
        .finish_calendar_refresh(
            cal.id,
            "me",
            &RefreshOutcome::NotModified {
                next_refresh_at: next,
            },
        )
        .await
        .expect("finish")
        .expect("the lease was ours");
    assert_eq!(kept.content_version, 2);
    assert_eq!(kept.consecutive_failures, 0);
    assert_eq!(kept.etag.as_deref(), Some("\"v2\""));
    assert!(kept.last_success_at >= failed.last_success_at);
    assert_eq!(
        kept.last_error, failed.last_error,
        "the last error stays visible"
    );
}

/// Someone else's live lease blocks a claim and a finish; nothing is written then.
async fn a_refresh_without_the_lease_writes_nothing(url: String) {
    let store = open(&url).await;
    let cal = store
        .create_calendar(&new_calendar(
            "feed",
            Some("https://example.org/a.ics"),
            CalendarOwner::Nobody,
            Duration::hours(1),
        ))
        .await
        .expect("created");
    let lease = Duration::minutes(5);
    assert!(store
        .claim_calendar(cal.id, "a", lease)
        .await
        .expect("claim"));
    assert!(!store
        .claim_calendar(cal.id, "b", lease)
        .await
        .expect("claim"));
    assert!(store
        .claim_calendar(cal.id, "a", lease)
        .await
        .expect("renewal"));
    let outcome = RefreshOutcome::Failed {
        message: "boom".into(),
        line: None,
        next_refresh_at: now(),
    };
    assert_eq!(
        store
            .finish_calendar_refresh(cal.id, "b", &outcome)
            .await
            .expect("finish"),
        None
    );
    assert_eq!(store.calendar(cal.id).await.expect("read").last_error, None);
    store.release_calendar(cal.id, "a").await.expect("release");
    assert!(store
        .claim_calendar(cal.id, "b", lease)
        .await
        .expect("claim"));
    assert!(matches!(
        store.claim_calendar(Uuid::new_v4(), "b", lease).await,
        Err(StoreError::NotFound { .. })
    ));
}

/// Two instances (two pools on one database) claiming in parallel, a few at a time, get every
/// due calendar exactly once between them, and nothing that is not due or not fetched.
async fn due_calendars_are_claimed_once_by_two_instances(url: String) {
    let one = open(&url).await;
    let two = open(&url).await;
    let mut due = HashSet::new();
    for i in 0..40 {
        let cal = one
            .create_calendar(&new_calendar(
                &format!("due {i:02}"),
                Some("https://example.org/due.ics"),
                CalendarOwner::Nobody,
                -Duration::minutes(1),
            ))
            .await
            .expect("created");
        due.insert(cal.id);
    }
    for i in 0..5 {
        one.create_calendar(&new_calendar(
            &format!("later {i}"),
            Some("https://example.org/later.ics"),
            CalendarOwner::Nobody,
            Duration::hours(1),
        ))
        .await
        .expect("created");
        one.create_calendar(&new_calendar(
            &format!("inline {i}"),
            None,
            CalendarOwner::Nobody,
            Duration::zero(),
        ))
        .await
        .expect("created");
    }
    let claimer = |store: Arc<dyn Store>, name: &'static str| async move {
        let mut claimed = Vec::new();
        loop {
            let batch = store
                .claim_due_calendars(name, Duration::minutes(5), 3)
                .await
                .expect("claim");
            if batch.is_empty() {
                break claimed;
            }
            assert!(
                batch.len() <= 3,
                "a claim leased {} calendars, over its limit",
                batch.len()
            );
            claimed.extend(batch.into_iter().map(|c| c.id));
        }
    };
    let workers: Vec<_> = (0..4)
        .flat_map(|_| {
            [
                tokio::spawn(claimer(one.clone(), "instance-1")),
                tokio::spawn(claimer(two.clone(), "instance-2")),
            ]
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("claimer"));
    }
    let distinct: HashSet<Uuid> = all.iter().copied().collect();
    assert_eq!(all.len(), distinct.len(), "a calendar was claimed twice");
    assert_eq!(distinct, due, "exactly the due calendars are claimed");
}

/// A lease that has run out (an instance died mid-refresh) lets another instance claim.
async fn expired_leases_can_be_claimed_again(url: String) {
    let one = open(&url).await;
    let two = open(&url).await;
    let cal = one
        .create_calendar(&new_calendar(
            "feed",
            Some("https://example.org/a.ics"),
            CalendarOwner::Nobody,
            -Duration::minutes(1),
        ))
        .await
        .expect("created");
    let claimed = one
        .claim_due_calendars("instance-1", -Duration::seconds(5), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.iter().map(|c| c.id).collect::<Vec<_>>(), [cal.id]);
    let again = two
        .claim_due_calendars("instance-2", Duration::minutes(5), 10)
        .await
        .expect("claim");
    assert_eq!(again.iter().map(|c| c.id).collect::<Vec<_>>(), [cal.id]);
    assert!(one
        .claim_due_calendars("instance-1", Duration::minutes(5), 10)
        .await
        .expect("claim")
        .is_empty());
    assert_eq!(
        one.finish_calendar_refresh(
            cal.id,
            "instance-1",
            &RefreshOutcome::NotModified {
                next_refresh_at: now()
            }
        )
        .await
        .expect("finish"),
        None,
        "the first instance lost its lease"
    );
}

/// A calendar comes due, and a lease runs out, on the store's clock (each instance's), not
/// on the database's: due at 09:30, it is not claimed at 08:30, is at 09:30 for five
/// minutes, and is free again for another instance only once those have passed.
async fn due_times_and_leases_follow_the_stores_clock(url: String) {
    let early = open(&url).await;
    let cal = early
        .create_calendar(&new_calendar(
            "feed",
            Some("https://example.org/a.ics"),
            CalendarOwner::Nobody,
            Duration::hours(1),
        ))
        .await
        .expect("created");
    assert_eq!(cal.created_at, now(), "created on the store's clock");
    let claimed = |store: Arc<dyn Store>, owner: &'static str| async move {
        store
            .claim_due_calendars(owner, Duration::minutes(5), 10)
            .await
            .expect("claim")
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    assert!(claimed(early, "early").await.is_empty(), "not due yet");
    let due = now() + Duration::hours(1);
    assert_eq!(claimed(open_at(&url, due).await, "one").await, [cal.id]);
    let during = open_at(&url, due + Duration::minutes(4)).await;
    assert!(claimed(during.clone(), "two").await.is_empty(), "leased");
    assert!(
        !during
            .claim_calendar(cal.id, "two", Duration::minutes(5))
            .await
            .expect("claim"),
        "a live lease is not taken over"
    );
    let after = open_at(&url, due + Duration::minutes(6)).await;
    assert_eq!(claimed(after.clone(), "two").await, [cal.id], "expired");
    let done = after
        .finish_calendar_refresh(
            cal.id,
            "two",
            &RefreshOutcome::NotModified {
                next_refresh_at: due + Duration::hours(2),
            },
        )
        .await
        .expect("finish")
        .expect("recorded");
    let at = due + Duration::minutes(6);
    assert_eq!(
        (done.refreshed_at, done.last_success_at, done.updated_at),
        (Some(at), Some(at), at),
        "recorded on the store's clock"
    );
}
