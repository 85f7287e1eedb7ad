//! The store conformance suite (DESIGN §11, §13): one set of tests, each given a fresh
//! store, run on both backends as `sqlite::NAME` (a new file in a temporary directory) and
//! `postgres::NAME` (a new database on the server that `TANDEM_TEST_POSTGRES`, else
//! `DATABASE_URL`, names; dropped afterwards).
//!
//! Without a server the `postgres` half says it was skipped and passes, unless
//! `TANDEM_REQUIRE_POSTGRES=1`, where it fails: CI sets that so a missing server cannot pass
//! for a green run.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing, clippy::string_slice)]

use std::collections::HashSet;
use std::fmt::Debug;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use futures::future::join_all;
use futures::FutureExt;
use sqlx::{Connection, PgConnection};
use tandem_core::time::{format_local_datetime, parse_local_datetime, tzdata_version};
use tandem_core::Event;
use tandem_core::{
    Attendance, CountryCode, EventDraft, EventKind, EventMode, EventStatus, EventTiming, Interval,
    Participant, ParticipantId, RegionCode, RoomDraft, Title, VenueDraft, WeekdaySet, Zone,
};
use tandem_store::{
    redact_url, Basis, CoLocation, EventCursor, EventFilter, MetaStore, Neighbourhood, NewToken,
    PostgresStore, Role, RoomClash, SeedEvent, SqliteStore, Store, StoreError, StoreResult, Venue,
};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------
// Running each test on both backends
// ---------------------------------------------------------------------------------------

/// Generates `sqlite::NAME` and `postgres::NAME` for each test, so the two results show
/// separately.
macro_rules! conformance {
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

conformance!(
    venue_with_rooms_round_trips,
    event_round_trips_every_field,
    recurring_event_keeps_wall_clock_across_dst,
    references_must_exist_and_fit,
    room_holds_one_confirmed_event_at_a_time,
    recurring_event_clashes_on_its_third_occurrence,
    racing_bookings_for_one_room_get_exactly_one_success,
    concurrent_bookings_of_distinct_slots_all_succeed,
    concurrent_updates_of_one_version_let_exactly_one_through,
    updates_check_version_and_room,
    cancelling_keeps_the_event_and_frees_the_room,
    events_are_filtered,
    cursor_pagination_has_no_gaps_or_duplicates,
    keyset_pages_match_the_brute_force_answer,
    tokens_are_found_by_hash_until_revoked,
    meta_values_are_set_and_overwritten,
    web_sessions_live_until_they_end_or_are_deleted,
    events_derived_with_other_tzdata_are_found_and_rederived,
    every_visible_write_bumps_the_revision,
    feed_tokens_are_found_by_hash_until_revoked,
    co_locations_are_found_both_ways,
    events_filter_by_kind_participant_and_id,
    clashes_are_replaced_per_event_and_filtered,
    neighbours_share_region_venue_group_or_participant,
    a_resolution_is_applied_and_recorded_together_or_not_at_all,
    every_timestamp_comes_from_the_stores_clock,
    a_batch_is_written_whole_against_its_basis_or_not_at_all,
);

/// The instant every store in this suite believes it is (a Tuesday): the stores take their
/// time from an injected clock, so no result depends on the day the suite runs.
const NOW: &str = "2026-12-01T08:30:00Z";

/// The clock the stores under test are given.
fn clock() -> tandem_core::SharedClock {
    tandem_core::FixedClock(utc(NOW)).shared()
}

/// Runs `test` on a fresh `sqlite` store in a temporary directory.
async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}/t.db", dir.path().display());
    let store = SqliteStore::connect(&url, tandem_store::PoolSettings::new(8), clock())
        .await
        .unwrap_or_else(|e| panic!("opening {url}: {e:?}"));
    assert_eq!(store.backend(), "sqlite");
    store.ping().await.expect("SQLite answers");
    test(Arc::new(store)).await;
}

/// The `postgres` server to test against, if the environment names one.
fn postgres_server() -> Option<String> {
    let named = |var: &str| std::env::var(var).ok().filter(|v| !v.trim().is_empty());
    named("TANDEM_TEST_POSTGRES").or_else(|| {
        // DATABASE_URL may name a SQLite file in a developer's shell; only a server counts.
        named("DATABASE_URL")
            .filter(|url| url.starts_with("postgres://") || url.starts_with("postgresql://"))
    })
}

/// `url` with its database replaced by `database` (query parameters kept).
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    let mut out = format!("{}/{database}", &base[..path]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Runs `test` on a fresh `postgres` database, dropped afterwards even if the test fails.
async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(server) = postgres_server() else {
        assert!(
            std::env::var("TANDEM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_POSTGRES=1 but neither TANDEM_TEST_POSTGRES nor DATABASE_URL names \
             a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test)"
        );
        println!(
            "PostgreSQL half skipped: neither TANDEM_TEST_POSTGRES nor DATABASE_URL names a \
             postgres:// server (set TANDEM_REQUIRE_POSTGRES=1 to make this a failure)"
        );
        return;
    };
    let shown = redact_url(&server);
    let database = format!("tandem_t_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("connecting to PostgreSQL at {shown}: {e}"));
    let create = format!("CREATE DATABASE {database}");
    sqlx::raw_sql(&create)
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("creating database {database} on {shown}: {e}"));

    let url = with_database(&server, &database);
    let outcome = AssertUnwindSafe(async {
        let store = PostgresStore::connect(&url, tandem_store::PoolSettings::new(16), clock())
            .await
            .unwrap_or_else(|e| panic!("opening {}: {e:?}", redact_url(&url)));
        assert_eq!(store.backend(), "postgres");
        store.ping().await.expect("PostgreSQL answers");
        test(Arc::new(store)).await;
    })
    .catch_unwind()
    .await;

    // FORCE ends the pool's connections, which close in the background once dropped.
    let drop = format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    let dropped = sqlx::raw_sql(&drop).execute(&mut admin).await;
    admin.close().await.ok();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
    dropped.unwrap_or_else(|e| panic!("dropping database {database} on {shown}: {e}"));
}

// ---------------------------------------------------------------------------------------
// Building drafts and reading results
// ---------------------------------------------------------------------------------------

const DOUALA: &str = "Africa/Douala";

fn zone(name: &str) -> Zone {
    Zone::parse(name).expect("a valid zone")
}

fn local(text: &str) -> NaiveDateTime {
    parse_local_datetime(text).expect("a valid local date-time")
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an RFC 3339 instant")
        .with_timezone(&Utc)
}

fn interval(start: &str, end: &str) -> Interval {
    Interval {
        start: utc(start),
        end: utc(end),
    }
}

fn timing(tz: &str, start: &str, end: &str, rrule: Option<&str>) -> EventTiming {
    EventTiming::new(zone(tz), local(start), local(end), rrule)
        .unwrap_or_else(|e| panic!("invalid timing in a test: {e:?}"))
}

/// A confirmed in-person AFR meeting with nothing optional set.
fn draft(title: &str, tz: &str, start: &str, end: &str) -> EventDraft {
    EventDraft {
        title: Title::parse(title).expect("a valid title"),
        description: None,
        kind: EventKind::Meeting,
        mode: EventMode::InPerson,
        status: EventStatus::Confirmed,
        region: RegionCode::AFR,
        group: None,
        venue_id: None,
        room_id: None,
        timing: timing(tz, start, end, None),
        co_located_with: None,
        remote_url: None,
        participants: Vec::new(),
    }
}

/// A confirmed meeting in Douala time in room `room` of `venue`.
fn booking(title: &str, start: &str, end: &str, venue: &Venue, room: usize) -> EventDraft {
    let mut d = draft(title, DOUALA, start, end);
    d.venue_id = Some(venue.id);
    d.room_id = Some(venue.rooms[room].id);
    d
}

fn participant(
    id: &str,
    name: Option<&str>,
    tz: &str,
    attendance: Attendance,
    required: bool,
) -> Participant {
    Participant {
        id: ParticipantId::parse(id).expect("a valid participant id"),
        name: name.map(str::to_owned),
        tz: zone(tz),
        attendance,
        required,
        email: None,
        language: None,
    }
}

fn venue_draft(
    name: &str,
    city: &str,
    country: &str,
    tz: &str,
    weekend: WeekdaySet,
    rooms: &[(&str, i64)],
) -> VenueDraft {
    VenueDraft {
        name: Title::parse(name).expect("a valid name"),
        city: Title::parse(city).expect("a valid city"),
        country: CountryCode::parse(country).expect("a valid country"),
        tz: zone(tz),
        weekend,
        holiday_calendar: Some(country.to_owned()),
        geo: tandem_core::GeoPoint::new(3.8667, 11.5167).ok(),
        rooms: rooms
            .iter()
            .map(|(name, capacity)| RoomDraft::new(name, *capacity).expect("a valid room"))
            .collect(),
    }
}

/// The Yaoundé conference centre: rooms 0 = Salle A (120), 1 = Salle B (40).
async fn palais(store: &dyn Store) -> Venue {
    store
        .create_venue(&venue_draft(
            "Palais des Congrès",
            "Yaoundé",
            "CM",
            DOUALA,
            WeekdaySet::SAT_SUN,
            &[("Salle A", 120), ("Salle B", 40)],
        ))
        .await
        .expect("creating a venue")
}

/// A venue in Dubai with a Friday–Saturday weekend and one room.
async fn dubai(store: &dyn Store) -> Venue {
    store
        .create_venue(&venue_draft(
            "Dubai World Trade Centre",
            "Dubai",
            "AE",
            "Asia/Dubai",
            WeekdaySet::FRI_SAT,
            &[("Salle A", 2000)],
        ))
        .await
        .expect("creating a venue")
}

async fn create(store: &dyn Store, draft: &EventDraft) -> Event {
    store
        .create_event(draft)
        .await
        .unwrap_or_else(|e| panic!("creating '{}' failed: {e:?}", draft.title))
}

fn ids(events: &[Event]) -> Vec<Uuid> {
    events.iter().map(|e| e.id).collect()
}

/// Ids of every event `filter` matches, in the store's order.
async fn listed(store: &dyn Store, filter: &EventFilter) -> Vec<Uuid> {
    ids(&store
        .events(filter, None, 1000)
        .await
        .expect("listing events"))
}

fn room_taken<T: Debug>(result: StoreResult<T>) -> Vec<RoomClash> {
    match result {
        Err(StoreError::RoomTaken(clashes)) => clashes,
        other => panic!("expected RoomTaken, got {other:?}"),
    }
}

fn invalid_reference<T: Debug>(result: StoreResult<T>) -> &'static str {
    match result {
        Err(StoreError::InvalidReference { field, .. }) => field,
        other => panic!("expected InvalidReference, got {other:?}"),
    }
}

fn version_mismatch<T: Debug>(result: StoreResult<T>) -> (i64, i64) {
    match result {
        Err(StoreError::VersionMismatch { expected, current }) => (expected, current),
        other => panic!("expected VersionMismatch, got {other:?}"),
    }
}

fn not_found<T: Debug>(result: StoreResult<T>) -> (&'static str, Uuid) {
    match result {
        Err(StoreError::NotFound { entity, id }) => (entity, id),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

/// The clash a store reports for `event`'s occurrence `[start, end)`.
fn clash_with(event: &Event, start: &str, end: &str) -> RoomClash {
    RoomClash {
        event_id: event.id,
        title: event.title().to_owned(),
        start: utc(start),
        end: utc(end),
    }
}

// ---------------------------------------------------------------------------------------
// 1. Venues
// ---------------------------------------------------------------------------------------

async fn venue_with_rooms_round_trips(store: Arc<dyn Store>) {
    let mut draft = venue_draft(
        "Palais des Congrès",
        "Yaoundé",
        "cm",
        DOUALA,
        WeekdaySet::SAT_SUN,
        &[("Salle Plénière", 500), ("Annexe", 30), ("Bureau 2", 8)],
    );
    draft.holiday_calendar = Some("CM".into());
    let yaounde = store.create_venue(&draft).await.expect("creating a venue");
    assert_eq!(yaounde.name, "Palais des Congrès");
    assert_eq!(yaounde.city, "Yaoundé");
    assert_eq!(yaounde.country, "CM");
    assert_eq!(yaounde.tz, zone(DOUALA));
    assert_eq!(yaounde.weekend, WeekdaySet::SAT_SUN);
    assert_eq!(yaounde.holiday_calendar.as_deref(), Some("CM"));
    let rooms: Vec<(&str, u32)> = yaounde
        .rooms
        .iter()
        .map(|r| (r.name.as_str(), r.capacity))
        .collect();
    assert_eq!(
        rooms,
        vec![("Salle Plénière", 500), ("Annexe", 30), ("Bureau 2", 8)],
        "rooms keep the order given, not alphabetical order"
    );
    let room_ids: HashSet<Uuid> = yaounde.rooms.iter().map(|r| r.id).collect();
    assert_eq!(room_ids.len(), 3, "each room has its own id");
    assert_eq!(store.venue(yaounde.id).await.unwrap(), yaounde);

    // An Arab States venue: Friday–Saturday weekend, no holiday calendar, and a room whose
    // name another venue also uses.
    let mut gulf = venue_draft(
        "Dubai World Trade Centre",
        "Dubai",
        "AE",
        "Asia/Dubai",
        WeekdaySet::parse(&["fri", "sat"]).unwrap(),
        &[("Annexe", 2000)],
    );
    gulf.holiday_calendar = None;
    let dubai = store.create_venue(&gulf).await.expect("creating a venue");
    let fetched = store.venue(dubai.id).await.unwrap();
    assert_eq!(fetched, dubai);
    assert_eq!(fetched.weekend, WeekdaySet::FRI_SAT);
    assert_eq!(fetched.weekend.names(), vec!["fri", "sat"]);
    assert_eq!(fetched.tz.name(), "Asia/Dubai");
    assert_eq!(fetched.holiday_calendar, None);
    assert_eq!(fetched.rooms.len(), 1);
    assert_eq!(
        (fetched.rooms[0].name.as_str(), fetched.rooms[0].capacity),
        ("Annexe", 2000)
    );

    let mut empty = venue_draft(
        "Zanzibar Beach Resort",
        "Zanzibar",
        "TZ",
        "Africa/Dar_es_Salaam",
        WeekdaySet::SAT_SUN,
        &[],
    );
    empty.weekend = WeekdaySet::parse(&["sun"]).unwrap();
    let zanzibar = store.create_venue(&empty).await.expect("creating a venue");
    assert!(zanzibar.rooms.is_empty());
    assert_eq!(zanzibar.weekend.names(), vec!["sun"]);

    assert_eq!(
        store.venues().await.unwrap(),
        vec![dubai, yaounde, zanzibar],
        "venues() lists every venue, by name"
    );

    let unknown = Uuid::new_v4();
    assert_eq!(not_found(store.venue(unknown).await), ("venue", unknown));
}

// ---------------------------------------------------------------------------------------
// 2. Events round-trip
// ---------------------------------------------------------------------------------------

async fn event_round_trips_every_field(store: Arc<dyn Store>) {
    let venue = palais(&*store).await;
    let anchor = create(
        &*store,
        &draft(
            "SG3RG-AFR meeting",
            DOUALA,
            "2027-03-08T09:00",
            "2027-03-09T17:00",
        ),
    )
    .await;

    let mut d = draft(
        "Workshop on spectrum management",
        DOUALA,
        "2027-03-10T09:00",
        "2027-03-11T17:30",
    );
    d.description = Some("Two days, in French and English.\nBring a laptop.".into());
    d.kind = EventKind::Workshop;
    d.mode = EventMode::Hybrid;
    d.region = RegionCode::AFR;
    d.group = Some("SG3RG-AFR".into());
    d.venue_id = Some(venue.id);
    d.room_id = Some(venue.rooms[1].id);
    d.co_located_with = Some(anchor.id);
    d.remote_url = Some("https://meet.example.org/sg3rg-afr?pwd=x".into());
    d.participants = vec![
        participant(
            "p-17",
            Some("Somchai P."),
            "Asia/Bangkok",
            Attendance::Remote,
            false,
        ),
        participant(
            "a.diallo@example.org",
            Some("Aïssatou Diallo"),
            "Africa/Dakar",
            Attendance::InPerson,
            true,
        ),
        participant("b_02", None, "America/Sao_Paulo", Attendance::Remote, true),
    ];
    let created = create(&*store, &d).await;
    let fetched = store.event(created.id).await.unwrap();
    assert_eq!(fetched, created, "what create returns is what is stored");
    assert_ne!(fetched.id, anchor.id);

    assert_eq!(fetched.title(), "Workshop on spectrum management");
    assert_eq!(fetched.draft.description, d.description);
    assert_eq!(fetched.draft.kind, EventKind::Workshop);
    assert_eq!(fetched.draft.mode, EventMode::Hybrid);
    assert_eq!(fetched.status(), EventStatus::Confirmed);
    assert_eq!(fetched.draft.region, RegionCode::AFR);
    assert_eq!(fetched.draft.group.as_deref(), Some("SG3RG-AFR"));
    assert_eq!(fetched.draft.venue_id, Some(venue.id));
    assert_eq!(fetched.draft.room_id, Some(venue.rooms[1].id));
    assert_eq!(fetched.draft.co_located_with, Some(anchor.id));
    assert_eq!(fetched.draft.remote_url, d.remote_url);
    assert_eq!(
        fetched.draft.participants, d.participants,
        "participants come back with every field, in the order given"
    );
    assert_eq!(fetched.zone(), zone(DOUALA));
    assert_eq!(
        fetched.draft.timing.local_start(),
        local("2027-03-10T09:00")
    );
    assert_eq!(fetched.draft.timing.local_end(), local("2027-03-11T17:30"));
    assert_eq!(fetched.rrule(), None);
    assert_eq!(fetched.instants.starts_at, utc("2027-03-10T08:00:00Z"));
    assert_eq!(fetched.instants.ends_at, utc("2027-03-11T16:30:00Z"));
    assert_eq!(fetched.instants.last_ends_at, utc("2027-03-11T16:30:00Z"));
    assert_eq!(fetched.version, 1);
    assert_eq!(fetched.sequence, 0);
    assert_eq!(fetched.instants.tzdata_version, tzdata_version());

    // Nothing optional stays nothing (no empty strings, no empty lists turned into values).
    let bare = store.event(anchor.id).await.unwrap();
    assert_eq!(bare, anchor);
    assert_eq!(bare.draft.description, None);
    assert_eq!(bare.draft.group, None);
    assert_eq!((bare.draft.venue_id, bare.draft.room_id), (None, None));
    assert_eq!(bare.draft.co_located_with, None);
    assert_eq!(bare.draft.remote_url, None);
    assert!(bare.draft.participants.is_empty());

    let unknown = Uuid::new_v4();
    assert_eq!(not_found(store.event(unknown).await), ("event", unknown));
}

async fn recurring_event_keeps_wall_clock_across_dst(store: Arc<dyn Store>) {
    // Geneva switches to summer time on 28 March 2027: the call stays at 09:00 local.
    let mut d = draft(
        "EUR coordination call",
        "Europe/Zurich",
        "2027-03-16T09:00",
        "2027-03-16T10:00",
    );
    d.timing = timing(
        "Europe/Zurich",
        "2027-03-16T09:00",
        "2027-03-16T10:00",
        Some("FREQ=WEEKLY;COUNT=3"),
    );
    d.mode = EventMode::Virtual;
    d.region = RegionCode::EUR;
    let created = create(&*store, &d).await;
    let fetched = store.event(created.id).await.unwrap();
    assert_eq!(fetched, created);
    assert_eq!(fetched.rrule(), Some("FREQ=WEEKLY;COUNT=3"));
    assert_eq!(
        fetched.draft.timing.local_start(),
        local("2027-03-16T09:00")
    );
    assert_eq!(fetched.instants.starts_at, utc("2027-03-16T08:00:00Z"));
    assert_eq!(fetched.instants.ends_at, utc("2027-03-16T09:00:00Z"));
    assert_eq!(
        fetched.instants.last_ends_at,
        utc("2027-03-30T08:00:00Z"),
        "the last occurrence ends at 10:00 summer time"
    );

    // The occurrence after the change is found at its summer-time instant, not an hour later.
    let filter = EventFilter {
        from: Some(utc("2027-03-30T07:00:00Z")),
        to: Some(utc("2027-03-30T07:30:00Z")),
        ..EventFilter::default()
    };
    assert_eq!(listed(&*store, &filter).await, vec![created.id]);
    let filter = EventFilter {
        from: Some(utc("2027-03-30T08:00:00Z")),
        to: Some(utc("2027-03-30T09:00:00Z")),
        ..EventFilter::default()
    };
    assert_eq!(listed(&*store, &filter).await, Vec::<Uuid>::new());
}

// ---------------------------------------------------------------------------------------
// 3. References
// ---------------------------------------------------------------------------------------

async fn references_must_exist_and_fit(store: Arc<dyn Store>) {
    let yaounde = palais(&*store).await;
    let gulf = dubai(&*store).await;
    let base = draft(
        "Regional forum",
        DOUALA,
        "2027-03-10T09:00",
        "2027-03-10T12:00",
    );

    let mut d = base.clone();
    d.venue_id = Some(Uuid::new_v4());
    assert_eq!(invalid_reference(store.create_event(&d).await), "venue_id");

    d.room_id = Some(yaounde.rooms[0].id);
    assert_eq!(
        invalid_reference(store.create_event(&d).await),
        "venue_id",
        "an unknown venue is named even when the room exists elsewhere"
    );

    let mut d = base.clone();
    d.venue_id = Some(yaounde.id);
    d.room_id = Some(gulf.rooms[0].id);
    assert_eq!(
        invalid_reference(store.create_event(&d).await),
        "room_id",
        "a room of another venue"
    );

    d.room_id = Some(Uuid::new_v4());
    assert_eq!(invalid_reference(store.create_event(&d).await), "room_id");

    let mut d = base.clone();
    d.room_id = Some(yaounde.rooms[0].id);
    assert_eq!(
        invalid_reference(store.create_event(&d).await),
        "room_id",
        "a room without its venue"
    );

    let mut d = base.clone();
    d.co_located_with = Some(Uuid::new_v4());
    assert_eq!(
        invalid_reference(store.create_event(&d).await),
        "co_located_with"
    );

    assert_eq!(
        listed(&*store, &EventFilter::default()).await,
        Vec::<Uuid>::new(),
        "a refused event leaves nothing behind"
    );

    // The same checks guard updates, and a refused update changes nothing.
    let event = create(
        &*store,
        &booking(
            "Regional forum",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &yaounde,
            0,
        ),
    )
    .await;
    let mut d = booking(
        "Regional forum",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &yaounde,
        0,
    );
    d.room_id = Some(gulf.rooms[0].id);
    assert_eq!(
        invalid_reference(store.update_event(event.id, Some(1), &d, true).await),
        "room_id"
    );
    let mut d = booking(
        "Regional forum",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &yaounde,
        0,
    );
    d.co_located_with = Some(event.id);
    assert_eq!(
        invalid_reference(store.update_event(event.id, Some(1), &d, true).await),
        "co_located_with",
        "an event is not co-located with itself"
    );
    assert_eq!(store.event(event.id).await.unwrap(), event);

    // Valid references are accepted.
    let mut d = booking(
        "Side workshop",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &yaounde,
        1,
    );
    d.co_located_with = Some(event.id);
    let side = create(&*store, &d).await;
    assert_eq!(side.draft.co_located_with, Some(event.id));
}

// ---------------------------------------------------------------------------------------
// 4. Room double booking
// ---------------------------------------------------------------------------------------

async fn room_holds_one_confirmed_event_at_a_time(store: Arc<dyn Store>) {
    let venue = palais(&*store).await;
    // 09:00–12:00 in Douala (UTC+1) is 08:00Z–11:00Z.
    let first = create(
        &*store,
        &booking(
            "SG3RG-AFR meeting",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            0,
        ),
    )
    .await;

    let overlapping = booking(
        "Spectrum workshop",
        "2027-03-10T10:00",
        "2027-03-10T13:00",
        &venue,
        0,
    );
    assert_eq!(
        room_taken(store.create_event(&overlapping).await),
        vec![clash_with(
            &first,
            "2027-03-10T08:00:00Z",
            "2027-03-10T11:00:00Z"
        )],
        "the clash names the event holding the room, its title and its times"
    );

    // Instants are compared, not wall clocks: 07:30–08:30 in London is 07:30Z–08:30Z.
    let mut from_london = booking(
        "Briefing",
        "2027-03-10T07:30",
        "2027-03-10T08:30",
        &venue,
        0,
    );
    from_london.timing = timing(
        "Europe/London",
        "2027-03-10T07:30",
        "2027-03-10T08:30",
        None,
    );
    assert_eq!(
        room_taken(store.create_event(&from_london).await),
        vec![clash_with(
            &first,
            "2027-03-10T08:00:00Z",
            "2027-03-10T11:00:00Z"
        )]
    );
    // …and 10:00–11:00 in New York (15:00Z) is free although the wall clocks overlap.
    let mut from_new_york = booking(
        "Call with AMS",
        "2027-03-10T10:00",
        "2027-03-10T11:00",
        &venue,
        0,
    );
    from_new_york.timing = timing(
        "America/New_York",
        "2027-03-10T10:00",
        "2027-03-10T11:00",
        None,
    );
    create(&*store, &from_new_york).await;

    // Back to back is not an overlap, on either side.
    let after = create(
        &*store,
        &booking(
            "Press briefing",
            "2027-03-10T12:00",
            "2027-03-10T13:00",
            &venue,
            0,
        ),
    )
    .await;
    let before = create(
        &*store,
        &booking("Set-up", "2027-03-10T08:00", "2027-03-10T09:00", &venue, 0),
    )
    .await;

    // A proposed event holds no room.
    let mut proposed = booking(
        "Tentative side event",
        "2027-03-10T10:00",
        "2027-03-10T11:00",
        &venue,
        0,
    );
    proposed.status = EventStatus::Proposed;
    create(&*store, &proposed).await;

    // Another room, or no room at all, is free at the same time.
    create(
        &*store,
        &booking(
            "Parallel session",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            1,
        ),
    )
    .await;
    let mut roomless = booking(
        "Corridor chat",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &venue,
        0,
    );
    roomless.room_id = None;
    create(&*store, &roomless).await;

    // The refused events were not stored.
    let titles: Vec<String> = store
        .events(&EventFilter::default(), None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.title().to_owned())
        .collect();
    assert!(
        !titles.contains(&"Spectrum workshop".to_owned()),
        "{titles:?}"
    );
    assert!(!titles.contains(&"Briefing".to_owned()), "{titles:?}");

    // Cancelling the first frees its slot; the clash list leaves out cancelled and proposed
    // events and names only what still holds the room.
    store.cancel_event(first.id, Some(1)).await.unwrap();
    assert_eq!(
        room_taken(store.create_event(&from_london).await),
        vec![clash_with(
            &before,
            "2027-03-10T07:00:00Z",
            "2027-03-10T08:00:00Z"
        )]
    );
    assert_eq!(
        room_taken(store.create_event(&overlapping).await),
        vec![clash_with(
            &after,
            "2027-03-10T11:00:00Z",
            "2027-03-10T12:00:00Z"
        )]
    );
    let shorter = booking(
        "Spectrum workshop",
        "2027-03-10T10:00",
        "2027-03-10T12:00",
        &venue,
        0,
    );
    create(&*store, &shorter).await;
}

async fn recurring_event_clashes_on_its_third_occurrence(store: Arc<dyn Store>) {
    let venue = palais(&*store).await;
    // Mondays 5, 12, 19 and 26 April 2027, 14:00–16:00 in Douala (13:00Z–15:00Z).
    let mut weekly = booking(
        "Weekly coordination",
        "2027-04-05T14:00",
        "2027-04-05T16:00",
        &venue,
        0,
    );
    weekly.timing = timing(
        DOUALA,
        "2027-04-05T14:00",
        "2027-04-05T16:00",
        Some("FREQ=WEEKLY;COUNT=4"),
    );
    let weekly = create(&*store, &weekly).await;
    assert_eq!(weekly.instants.last_ends_at, utc("2027-04-26T15:00:00Z"));

    let third_week = booking(
        "Budget review",
        "2027-04-19T15:00",
        "2027-04-19T17:00",
        &venue,
        0,
    );
    assert_eq!(
        room_taken(store.create_event(&third_week).await),
        vec![clash_with(
            &weekly,
            "2027-04-19T13:00:00Z",
            "2027-04-19T15:00:00Z"
        )],
        "the clash names the occurrence it hits, not the first one"
    );
    create(
        &*store,
        &booking(
            "Budget review",
            "2027-04-20T15:00",
            "2027-04-20T17:00",
            &venue,
            0,
        ),
    )
    .await;
    create(
        &*store,
        &booking(
            "Budget review II",
            "2027-05-03T14:00",
            "2027-05-03T16:00",
            &venue,
            0,
        ),
    )
    .await;

    // The other way round: a series is refused when a later occurrence hits a booking.
    let single = create(
        &*store,
        &booking(
            "Validation meeting",
            "2027-05-19T10:00",
            "2027-05-19T11:00",
            &venue,
            0,
        ),
    )
    .await;
    let mut series = booking(
        "Drafting group",
        "2027-05-05T10:30",
        "2027-05-05T11:30",
        &venue,
        0,
    );
    series.timing = timing(
        DOUALA,
        "2027-05-05T10:30",
        "2027-05-05T11:30",
        Some("FREQ=WEEKLY;COUNT=4"),
    );
    assert_eq!(
        room_taken(store.create_event(&series).await),
        vec![clash_with(
            &single,
            "2027-05-19T09:00:00Z",
            "2027-05-19T10:00:00Z"
        )]
    );
    series.timing = timing(
        DOUALA,
        "2027-05-05T10:30",
        "2027-05-05T11:30",
        Some("FREQ=WEEKLY;COUNT=2"),
    );
    let short = create(&*store, &series).await;
    assert_eq!(short.instants.last_ends_at, utc("2027-05-12T10:30:00Z"));
}

// ---------------------------------------------------------------------------------------
// 5. Concurrency
// ---------------------------------------------------------------------------------------

async fn racing_bookings_for_one_room_get_exactly_one_success(store: Arc<dyn Store>) {
    const RACERS: usize = 100;
    let venue = palais(&*store).await;
    // Every slot contains 09:30–11:00, so any two of them overlap.
    let tasks = (0..RACERS).map(|i| {
        let store = Arc::clone(&store);
        let minute = i % 30;
        let d = booking(
            &format!("Racing booking {i}"),
            &format!("2027-06-01T09:{minute:02}"),
            &format!("2027-06-01T11:{minute:02}"),
            &venue,
            0,
        );
        tokio::spawn(async move { store.create_event(&d).await })
    });
    let results: Vec<StoreResult<Event>> = join_all(tasks)
        .await
        .into_iter()
        .map(|joined| joined.expect("a booking task panicked"))
        .collect();

    let winners: Vec<&Event> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let unexpected: Vec<String> = results
        .iter()
        .filter_map(|r| match r {
            Ok(_) | Err(StoreError::RoomTaken(_)) => None,
            Err(other) => Some(format!("{other:?}")),
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} of {RACERS} racing bookings failed with something other than RoomTaken, e.g. {:?}",
        unexpected.len(),
        &unexpected[..unexpected.len().min(3)]
    );
    assert_eq!(
        winners.len(),
        1,
        "exactly one racing booking may win the room"
    );
    let winner = winners[0];
    for result in &results {
        if let Err(StoreError::RoomTaken(clashes)) = result {
            assert_eq!(
                clashes
                    .iter()
                    .map(|c| (c.event_id, c.title.as_str()))
                    .collect::<Vec<_>>(),
                vec![(winner.id, winner.title())],
                "every loser is told who holds the room"
            );
        }
    }

    let stored = store
        .events(&EventFilter::default(), None, 1000)
        .await
        .unwrap();
    assert_eq!(stored, vec![winner.clone()], "no loser was stored");
}

async fn concurrent_bookings_of_distinct_slots_all_succeed(store: Arc<dyn Store>) {
    const BOOKINGS: i64 = 50;
    let venue = palais(&*store).await;
    let first = local("2027-06-01T00:00");
    // Back-to-back hours in one room: contention without any real clash.
    let tasks = (0..BOOKINGS).map(|i| {
        let store = Arc::clone(&store);
        let start = first + Duration::hours(i);
        let d = booking(
            &format!("Slot {i}"),
            &format_local_datetime(start),
            &format_local_datetime(start + Duration::hours(1)),
            &venue,
            0,
        );
        tokio::spawn(async move { store.create_event(&d).await })
    });
    let failures: Vec<String> = join_all(tasks)
        .await
        .into_iter()
        .map(|joined| joined.expect("a booking task panicked"))
        .filter_map(|r| r.err().map(|e| format!("{e:?}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {BOOKINGS} bookings of free slots failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );

    let stored = store
        .events(&EventFilter::default(), None, 1000)
        .await
        .unwrap();
    let titles: Vec<String> = stored.iter().map(|e| e.title().to_owned()).collect();
    let expected: Vec<String> = (0..BOOKINGS).map(|i| format!("Slot {i}")).collect();
    assert_eq!(titles, expected, "every slot is stored, in time order");
}

async fn concurrent_updates_of_one_version_let_exactly_one_through(store: Arc<dyn Store>) {
    const WRITERS: usize = 20;
    let venue = palais(&*store).await;
    let original = create(
        &*store,
        &booking("Plenary", "2027-06-01T09:00", "2027-06-01T12:00", &venue, 0),
    )
    .await;
    let id = original.id;
    let tasks = (0..WRITERS).map(|i| {
        let store = Arc::clone(&store);
        let d = booking(
            &format!("Plenary (edit {i})"),
            "2027-06-01T09:00",
            "2027-06-01T12:00",
            &venue,
            0,
        );
        tokio::spawn(async move { store.update_event(id, Some(1), &d, true).await })
    });
    let results: Vec<StoreResult<Event>> = join_all(tasks)
        .await
        .into_iter()
        .map(|joined| joined.expect("an update task panicked"))
        .collect();
    let winners: Vec<&Event> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "one edit of version 1 wins: {results:?}");
    for result in &results {
        match result {
            Ok(_) => {}
            Err(StoreError::VersionMismatch { expected, current }) => {
                assert_eq!((*expected, *current), (1, 2));
            }
            Err(other) => panic!("a losing edit failed with {other:?} instead of VersionMismatch"),
        }
    }
    let stored = store.event(original.id).await.unwrap();
    assert_eq!(&stored, winners[0]);
    assert_eq!((stored.version, stored.sequence), (2, 1));
}

// ---------------------------------------------------------------------------------------
// 6. Updates
// ---------------------------------------------------------------------------------------

async fn updates_check_version_and_room(store: Arc<dyn Store>) {
    let venue = palais(&*store).await;
    let original = booking(
        "Regional group meeting",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &venue,
        0,
    );
    let event = create(&*store, &original).await;
    let neighbour = create(
        &*store,
        &booking(
            "Afternoon session",
            "2027-03-10T13:00",
            "2027-03-10T15:00",
            &venue,
            0,
        ),
    )
    .await;

    // A change subscribers see bumps version and sequence.
    let mut d = original.clone();
    d.title = Title::parse("Regional group meeting (revised agenda)").unwrap();
    let v2 = store
        .update_event(event.id, Some(1), &d, true)
        .await
        .unwrap();
    assert_eq!(v2.title(), "Regional group meeting (revised agenda)");
    assert_eq!((v2.version, v2.sequence), (2, 1));
    assert_eq!(v2.created_at, event.created_at);
    assert_eq!(store.event(event.id).await.unwrap(), v2);

    // One they do not see bumps only the version.
    d.description = Some("Internal note for the secretariat".into());
    let v3 = store
        .update_event(event.id, Some(2), &d, false)
        .await
        .unwrap();
    assert_eq!((v3.version, v3.sequence), (3, 1));
    assert_eq!(v3.draft.description, d.description);

    // A stale version is refused and changes nothing.
    let mut stale = d.clone();
    stale.title = Title::parse("Lost update").unwrap();
    assert_eq!(
        version_mismatch(store.update_event(event.id, Some(1), &stale, true).await),
        (1, 3)
    );
    assert_eq!(store.event(event.id).await.unwrap(), v3);

    // Moving into an occupied slot is refused and changes nothing.
    let mut onto_neighbour = d.clone();
    onto_neighbour.timing = timing(DOUALA, "2027-03-10T13:30", "2027-03-10T14:30", None);
    assert_eq!(
        room_taken(
            store
                .update_event(event.id, Some(3), &onto_neighbour, true)
                .await
        ),
        vec![clash_with(
            &neighbour,
            "2027-03-10T12:00:00Z",
            "2027-03-10T14:00:00Z"
        )]
    );
    assert_eq!(store.event(event.id).await.unwrap(), v3);

    // Keeping (and stretching) its own slot is no clash with itself; participants are
    // replaced, in the new order.
    let mut longer = d.clone();
    longer.timing = timing(DOUALA, "2027-03-10T08:30", "2027-03-10T12:30", None);
    longer.participants = vec![
        participant("z-1", Some("Zoé"), DOUALA, Attendance::InPerson, true),
        participant("a-2", None, "Asia/Tokyo", Attendance::Remote, false),
    ];
    let v4 = store
        .update_event(event.id, Some(3), &longer, true)
        .await
        .unwrap();
    assert_eq!((v4.version, v4.sequence), (4, 2));
    assert_eq!(v4.draft.timing.local_start(), local("2027-03-10T08:30"));
    assert_eq!(v4.instants.starts_at, utc("2027-03-10T07:30:00Z"));
    assert_eq!(v4.instants.ends_at, utc("2027-03-10T11:30:00Z"));
    assert_eq!(v4.draft.participants, longer.participants);
    longer.participants.remove(0);
    let v5 = store
        .update_event(event.id, Some(4), &longer, true)
        .await
        .unwrap();
    assert_eq!(
        v5.draft.participants, longer.participants,
        "a removed participant is gone"
    );

    // Moving away frees the old slot.
    let mut moved = longer.clone();
    moved.timing = timing(DOUALA, "2027-03-12T09:00", "2027-03-12T12:00", None);
    let v6 = store
        .update_event(event.id, Some(5), &moved, true)
        .await
        .unwrap();
    assert_eq!(v6.instants.starts_at, utc("2027-03-12T08:00:00Z"));
    assert_eq!(v6.instants.last_ends_at, utc("2027-03-12T11:00:00Z"));
    create(
        &*store,
        &booking(
            "Newcomer",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            0,
        ),
    )
    .await;

    // Without a version the update is unconditional.
    let v7 = store
        .update_event(event.id, None, &moved, false)
        .await
        .unwrap();
    assert_eq!((v7.version, v7.sequence), (7, 4));

    // A proposed event holds no room; confirming it again needs the room to be free.
    let mut proposed = moved.clone();
    proposed.status = EventStatus::Proposed;
    store
        .update_event(event.id, Some(7), &proposed, true)
        .await
        .unwrap();
    let usurper = create(
        &*store,
        &booking("Usurper", "2027-03-12T10:00", "2027-03-12T11:00", &venue, 0),
    )
    .await;
    assert_eq!(
        room_taken(store.update_event(event.id, Some(8), &moved, true).await),
        vec![clash_with(
            &usurper,
            "2027-03-12T09:00:00Z",
            "2027-03-12T10:00:00Z"
        )]
    );
    assert_eq!(
        store.event(event.id).await.unwrap().status(),
        EventStatus::Proposed
    );

    let unknown = Uuid::new_v4();
    assert_eq!(
        not_found(store.update_event(unknown, Some(1), &moved, true).await),
        ("event", unknown)
    );
}

// ---------------------------------------------------------------------------------------
// 7. Cancelling
// ---------------------------------------------------------------------------------------

async fn cancelling_keeps_the_event_and_frees_the_room(store: Arc<dyn Store>) {
    let venue = palais(&*store).await;
    let mut d = booking(
        "Council preparatory meeting",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &venue,
        0,
    );
    d.participants = vec![participant("p-1", None, DOUALA, Attendance::InPerson, true)];
    let event = create(&*store, &d).await;

    let cancelled = store.cancel_event(event.id, Some(1)).await.unwrap();
    assert_eq!(cancelled.status(), EventStatus::Cancelled);
    assert_eq!((cancelled.version, cancelled.sequence), (2, 1));
    let unchanged = Event {
        draft: EventDraft {
            status: EventStatus::Cancelled,
            ..event.draft.clone()
        },
        version: 2,
        sequence: 1,
        updated_at: cancelled.updated_at,
        ..event.clone()
    };
    assert_eq!(cancelled, unchanged, "cancelling changes nothing else");
    assert_eq!(
        store.event(event.id).await.unwrap(),
        cancelled,
        "still retrievable"
    );

    // Cancelling again is not another change subscribers would see.
    let again = store.cancel_event(event.id, Some(2)).await.unwrap();
    assert_eq!(
        (again.status(), again.version, again.sequence),
        (EventStatus::Cancelled, 2, 1)
    );
    let again = store.cancel_event(event.id, None).await.unwrap();
    assert_eq!((again.version, again.sequence), (2, 1));

    assert_eq!(
        version_mismatch(store.cancel_event(event.id, Some(1)).await),
        (1, 2)
    );

    let only = |statuses: Vec<EventStatus>| EventFilter {
        statuses,
        ..EventFilter::default()
    };
    assert_eq!(
        listed(&*store, &only(vec![EventStatus::Cancelled])).await,
        vec![event.id]
    );
    assert_eq!(
        listed(&*store, &only(vec![EventStatus::Confirmed])).await,
        Vec::<Uuid>::new()
    );

    // The room is free again.
    create(
        &*store,
        &booking(
            "Replacement meeting",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            0,
        ),
    )
    .await;

    let unknown = Uuid::new_v4();
    assert_eq!(
        not_found(store.cancel_event(unknown, None).await),
        ("event", unknown)
    );
}

// ---------------------------------------------------------------------------------------
// 8. Listing
// ---------------------------------------------------------------------------------------

async fn events_are_filtered(store: Arc<dyn Store>) {
    let yaounde = palais(&*store).await;
    let gulf = dubai(&*store).await;

    // Mondays 1, 8, 15 and 22 February 2027, 09:00Z–10:00Z.
    let mut series = draft(
        "EUR weekly call",
        "Europe/Zurich",
        "2027-02-01T10:00",
        "2027-02-01T11:00",
    );
    series.timing = timing(
        "Europe/Zurich",
        "2027-02-01T10:00",
        "2027-02-01T11:00",
        Some("FREQ=WEEKLY;COUNT=4"),
    );
    series.region = RegionCode::EUR;
    series.mode = EventMode::Virtual;
    let series = create(&*store, &series).await;

    // 08:00Z–11:00Z on 10 March.
    let mut d = booking(
        "SG3RG-AFR meeting",
        "2027-03-10T09:00",
        "2027-03-10T12:00",
        &yaounde,
        0,
    );
    d.group = Some("SG3RG-AFR".into());
    d.participants = vec![
        participant("p-2", None, DOUALA, Attendance::InPerson, true),
        participant(
            "p-1",
            Some("Ngozi"),
            "Africa/Lagos",
            Attendance::Remote,
            false,
        ),
    ];
    let afr_meeting = create(&*store, &d).await;

    // 08:00Z–11:00Z on 11 March.
    let mut d = booking(
        "SG12RG-AFR meeting",
        "2027-03-11T09:00",
        "2027-03-11T12:00",
        &yaounde,
        0,
    );
    d.group = Some("SG12RG-AFR".into());
    d.status = EventStatus::Proposed;
    let afr_proposed = create(&*store, &d).await;

    // 05:00Z–08:00Z on 12 March.
    let mut d = draft(
        "SG5RG-ARB meeting",
        "Asia/Dubai",
        "2027-03-12T09:00",
        "2027-03-12T12:00",
    );
    d.region = RegionCode::ARB;
    d.group = Some("SG5RG-ARB".into());
    d.venue_id = Some(gulf.id);
    d.room_id = Some(gulf.rooms[0].id);
    let arb_meeting = create(&*store, &d).await;

    // 05:00Z–06:00Z on 13 March, then cancelled.
    let mut d = draft(
        "ARB webinar",
        "Asia/Dubai",
        "2027-03-13T09:00",
        "2027-03-13T10:00",
    );
    d.region = RegionCode::ARB;
    d.mode = EventMode::Virtual;
    let arb_cancelled = create(&*store, &d).await;
    store.cancel_event(arb_cancelled.id, None).await.unwrap();

    let all = store
        .events(&EventFilter::default(), None, 100)
        .await
        .unwrap();
    assert_eq!(
        ids(&all),
        vec![
            series.id,
            afr_meeting.id,
            afr_proposed.id,
            arb_meeting.id,
            arb_cancelled.id
        ],
        "every event, by first start"
    );
    assert_eq!(
        all[1],
        store.event(afr_meeting.id).await.unwrap(),
        "listed events are complete, participants included"
    );

    let by = |f: fn(&mut EventFilter)| {
        let mut filter = EventFilter::default();
        f(&mut filter);
        filter
    };
    let s = &*store;
    assert_eq!(
        listed(s, &by(|f| f.region = Some(RegionCode::AFR))).await,
        vec![afr_meeting.id, afr_proposed.id]
    );
    assert_eq!(
        listed(s, &by(|f| f.region = Some(RegionCode::ARB))).await,
        vec![arb_meeting.id, arb_cancelled.id]
    );
    assert_eq!(
        listed(s, &by(|f| f.region = Some(RegionCode::ASP))).await,
        Vec::<Uuid>::new()
    );
    assert_eq!(
        listed(s, &by(|f| f.group = Some("SG3RG-AFR".into()))).await,
        vec![afr_meeting.id]
    );
    let at_yaounde = EventFilter {
        venue_id: Some(yaounde.id),
        ..EventFilter::default()
    };
    assert_eq!(
        listed(s, &at_yaounde).await,
        vec![afr_meeting.id, afr_proposed.id]
    );
    let at_dubai = EventFilter {
        venue_id: Some(gulf.id),
        ..EventFilter::default()
    };
    assert_eq!(listed(s, &at_dubai).await, vec![arb_meeting.id]);
    assert_eq!(
        listed(s, &by(|f| f.statuses = vec![EventStatus::Confirmed])).await,
        vec![series.id, afr_meeting.id, arb_meeting.id]
    );
    assert_eq!(
        listed(
            s,
            &by(|f| f.statuses = vec![EventStatus::Proposed, EventStatus::Cancelled])
        )
        .await,
        vec![afr_proposed.id, arb_cancelled.id]
    );
    assert_eq!(
        listed(
            s,
            &by(|f| {
                f.region = Some(RegionCode::AFR);
                f.statuses = vec![EventStatus::Confirmed];
            })
        )
        .await,
        vec![afr_meeting.id],
        "filters combine"
    );

    let window = |from: Option<&str>, to: Option<&str>| EventFilter {
        from: from.map(utc),
        to: to.map(utc),
        ..EventFilter::default()
    };
    // [from, to) is half-open like the events: ending at `from` or starting at `to` is out.
    assert_eq!(
        listed(
            s,
            &window(Some("2027-03-10T11:00:00Z"), Some("2027-03-12T05:00:00Z"))
        )
        .await,
        vec![afr_proposed.id]
    );
    assert_eq!(
        listed(
            s,
            &window(Some("2027-03-10T10:59:00Z"), Some("2027-03-12T05:01:00Z"))
        )
        .await,
        vec![afr_meeting.id, afr_proposed.id, arb_meeting.id]
    );
    assert_eq!(
        listed(s, &window(Some("2027-03-12T00:00:00Z"), None)).await,
        vec![arb_meeting.id, arb_cancelled.id]
    );
    assert_eq!(
        listed(s, &window(None, Some("2027-02-01T09:30:00Z"))).await,
        vec![series.id]
    );
    assert_eq!(
        listed(s, &window(None, Some("2027-02-01T09:00:00Z"))).await,
        Vec::<Uuid>::new()
    );
    // A series is listed by any of its occurrences, and not between them.
    assert_eq!(
        listed(
            s,
            &window(Some("2027-02-15T00:00:00Z"), Some("2027-02-16T00:00:00Z"))
        )
        .await,
        vec![series.id]
    );
    assert_eq!(
        listed(
            s,
            &window(Some("2027-02-02T00:00:00Z"), Some("2027-02-08T00:00:00Z"))
        )
        .await,
        Vec::<Uuid>::new()
    );
}

async fn cursor_pagination_has_no_gaps_or_duplicates(store: Arc<dyn Store>) {
    // 25 AFR events, three to a start time so that ids break ties, among 5 EUR events.
    let mut afr = Vec::new();
    for i in 0..25 {
        let day = 1 + i / 3;
        let d = draft(
            &format!("AFR event {i}"),
            DOUALA,
            &format!("2027-07-{day:02}T09:00"),
            &format!("2027-07-{day:02}T10:00"),
        );
        afr.push(create(&*store, &d).await);
        if i % 5 == 0 {
            let mut other = d.clone();
            other.title = Title::parse(&format!("EUR event {i}")).unwrap();
            other.region = RegionCode::EUR;
            create(&*store, &other).await;
        }
    }
    afr.sort_by_key(|e| (e.instants.starts_at, e.id));
    let expected = ids(&afr);

    let filter = EventFilter {
        region: Some(RegionCode::AFR),
        ..EventFilter::default()
    };
    assert_eq!(
        listed(&*store, &filter).await,
        expected,
        "ordered by first start, then id"
    );

    let mut pages: Vec<Vec<Uuid>> = Vec::new();
    let mut cursor: Option<EventCursor> = None;
    loop {
        let page = store.events(&filter, cursor.as_ref(), 10).await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some(EventCursor {
            starts_at: last.instants.starts_at,
            id: last.id,
        });
        pages.push(ids(&page));
        assert!(
            pages.len() <= 3,
            "more pages than 25 events fill: {pages:?}"
        );
    }
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![10, 10, 5]
    );
    let paged: Vec<Uuid> = pages.concat();
    assert_eq!(paged, expected, "pages neither skip nor repeat an event");
    assert_eq!(paged.iter().collect::<HashSet<_>>().len(), 25);
}

/// One stored event with the occurrences its draft gives: what the brute force reads.
struct Stored {
    event: Event,
    occurrences: Vec<Interval>,
}

/// Whether `filter` matches `stored`, straight from the definition of [`EventFilter`].
fn brute_force_matches(stored: &Stored, filter: &EventFilter) -> bool {
    let e = &stored.event;
    filter.region.is_none_or(|r| e.draft.region == r)
        && filter
            .group
            .as_ref()
            .is_none_or(|g| e.draft.group.as_ref() == Some(g))
        && filter.venue_id.is_none_or(|v| e.draft.venue_id == Some(v))
        && (filter.statuses.is_empty() || filter.statuses.contains(&e.status()))
        && (filter.kinds.is_empty() || filter.kinds.contains(&e.draft.kind))
        && ((filter.from.is_none() && filter.to.is_none())
            || stored.occurrences.iter().any(|o| {
                filter.from.is_none_or(|from| o.end > from)
                    && filter.to.is_none_or(|to| o.start < to)
            }))
}

/// Every page of `filter`, `limit` at a time, following the cursor to the end.
async fn every_page(store: &dyn Store, filter: &EventFilter, limit: u32) -> Vec<Uuid> {
    let mut listed = Vec::new();
    let mut cursor: Option<EventCursor> = None;
    loop {
        let page = store
            .events(filter, cursor.as_ref(), limit)
            .await
            .unwrap_or_else(|e| panic!("listing {filter:?}: {e:?}"));
        listed.extend(ids(&page));
        assert!(page.len() <= limit as usize, "a page longer than its limit");
        let Some(last) = page.last() else { break };
        if page.len() < limit as usize {
            break;
        }
        cursor = Some(EventCursor {
            starts_at: last.instants.starts_at,
            id: last.id,
        });
        assert!(listed.len() <= 1000, "pages never end for {filter:?}");
    }
    listed
}

/// Keyset listing (issue 12): paging through every combination of the API's filters
/// (region, group, venue, statuses, from, to; kinds as the feeds use them) gives exactly the
/// brute-force answer, in order. The events straddle `from` with spans at and just past
/// every bound of the store's span classes (4^c hours), from 30 minutes to a 34-year yearly
/// series, so an event filed in the wrong class, or a range started too late, goes missing.
async fn keyset_pages_match_the_brute_force_answer(store: Arc<dyn Store>) {
    let yaounde = palais(&*store).await;
    let from = utc("2027-06-01T00:00:00Z");
    let minute = Duration::minutes(1);
    let wall = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M").to_string();
    // (first start, first end, rule), in UTC.
    let mut shapes: Vec<(DateTime<Utc>, DateTime<Utc>, Option<&str>)> = Vec::new();
    for hours in [1, 4, 16, 64, 256] {
        let bound = Duration::hours(hours);
        shapes.push((from - bound + minute, from + minute, None)); // span = the bound
        shapes.push((from - bound, from + minute, None)); // one minute longer: next class
        shapes.push((from - bound, from, None)); // ends at `from`: never listed with it
        shapes.push((
            from - bound - minute,
            from - bound + Duration::minutes(30),
            None,
        ));
    }
    let hour = Duration::hours(1);
    let half = Duration::minutes(30);
    shapes.extend([
        // Weekly, 42 days + 1 h (class 5) and 49 days + 1 h (class 6), the last one at `from`.
        (
            from - Duration::days(42) + half,
            from - Duration::days(42) + half + hour,
            Some("FREQ=WEEKLY;COUNT=7"),
        ),
        (
            from - Duration::days(49) + half,
            from - Duration::days(49) + half + hour,
            Some("FREQ=WEEKLY;COUNT=8"),
        ),
        // Monthly on the 15th for a year: its span holds `from`, no occurrence is near it.
        (
            utc("2026-07-15T10:00:00Z"),
            utc("2026-07-15T12:00:00Z"),
            Some("FREQ=MONTHLY;COUNT=12"),
        ),
        // Yearly on 1 June 00:30 for 35 years: longer than every bounded class.
        (
            utc("1999-06-01T00:30:00Z"),
            utc("1999-06-01T01:30:00Z"),
            Some("FREQ=YEARLY;COUNT=35"),
        ),
        // Daily for ten days across `from`.
        (
            from - Duration::days(5) + hour,
            from - Duration::days(5) + Duration::hours(3),
            Some("FREQ=DAILY;COUNT=10"),
        ),
    ]);
    for (start, length) in [
        (from + half, half),
        (from + Duration::hours(5), Duration::hours(3)),
        (from + Duration::hours(5), Duration::hours(2)),
        (from + Duration::days(1), Duration::days(2)),
        (from + Duration::days(3), hour),
        (from + Duration::days(19), Duration::days(3)),
        (from + Duration::days(40), hour),
        (from - Duration::days(10), hour),
        (from - Duration::days(400), Duration::days(2)),
    ] {
        // Twice each, so that ids break ties.
        shapes.push((start, start + length, None));
        shapes.push((start, start + length, None));
    }

    let statuses = [
        EventStatus::Confirmed,
        EventStatus::Proposed,
        EventStatus::Cancelled,
    ];
    let kinds = [
        EventKind::Meeting,
        EventKind::Workshop,
        EventKind::Session,
        EventKind::Conference,
    ];
    let groups = [None, Some("SG3RG-AFR"), Some("SG12RG-AFR")];
    let mut stored = Vec::new();
    for (i, (start, end, rule)) in shapes.iter().enumerate() {
        let mut d = draft(&format!("event {i}"), "UTC", &wall(*start), &wall(*end));
        d.timing = timing("UTC", &wall(*start), &wall(*end), *rule);
        d.status = statuses[i % 3];
        d.region = if (i / 3) % 2 == 0 {
            RegionCode::AFR
        } else {
            RegionCode::EUR
        };
        d.group = groups[(i / 2) % 3].map(str::to_owned);
        d.venue_id = ((i / 5) % 2 == 0).then_some(yaounde.id);
        d.kind = kinds[(i / 7) % 4];
        let occurrences = d.timing.occurrences().expect("occurrences");
        stored.push(Stored {
            event: create(&*store, &d).await,
            occurrences,
        });
    }
    stored.sort_by_key(|s| (s.event.instants.starts_at, s.event.id));

    let windows = [
        (None, None),
        (Some(from), None),
        (None, Some(from)),
        (Some(from), Some(from + Duration::days(1))),
        (
            Some(from - Duration::days(3)),
            Some(from + Duration::days(20)),
        ),
        (
            Some(from + Duration::hours(5)),
            Some(from + Duration::hours(6)),
        ),
        (Some(from + half), Some(from + Duration::minutes(45))),
    ];
    let status_sets: [&[EventStatus]; 4] = [
        &[],
        &[EventStatus::Confirmed],
        &[EventStatus::Proposed, EventStatus::Confirmed],
        &[EventStatus::Cancelled],
    ];
    let mut checked = 0;
    let mut non_empty = 0;
    for region in [None, Some(RegionCode::AFR)] {
        for group in [None, Some("SG3RG-AFR")] {
            for venue in [None, Some(yaounde.id)] {
                for statuses in status_sets {
                    for kinds in [vec![], vec![EventKind::Meeting, EventKind::Session]] {
                        for (from, to) in windows {
                            let filter = EventFilter {
                                region,
                                group: group.map(str::to_owned),
                                venue_id: venue,
                                statuses: statuses.to_vec(),
                                from,
                                to,
                                kinds: kinds.clone(),
                                ..EventFilter::default()
                            };
                            let expected: Vec<Uuid> = stored
                                .iter()
                                .filter(|s| brute_force_matches(s, &filter))
                                .map(|s| s.event.id)
                                .collect();
                            assert_eq!(
                                every_page(&*store, &filter, 3).await,
                                expected,
                                "pages of 3 for {filter:?}"
                            );
                            assert_eq!(listed(&*store, &filter).await, expected, "{filter:?}");
                            checked += 1;
                            non_empty += usize::from(!expected.is_empty());
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 2 * 2 * 2 * 4 * 2 * 7);
    assert!(
        non_empty > checked / 2,
        "most filters should match something: {non_empty}/{checked}"
    );
}

// ---------------------------------------------------------------------------------------
// 9. Tokens
// ---------------------------------------------------------------------------------------

async fn tokens_are_found_by_hash_until_revoked(store: Arc<dyn Store>) {
    let organiser = store
        .create_token(&NewToken {
            hash: [7; 32],
            role: Role::Organiser,
            regions: vec![RegionCode::AFR, RegionCode::ARB],
            label: Some("Dakar regional office".into()),
        })
        .await
        .unwrap();
    assert_eq!(organiser.role, Role::Organiser);
    assert_eq!(organiser.revoked_at, None);
    let admin = store
        .create_token(&NewToken {
            hash: [9; 32],
            role: Role::Admin,
            regions: Vec::new(),
            label: None,
        })
        .await
        .unwrap();
    assert_ne!(admin.id, organiser.id);

    let found = store
        .token_by_hash(&[7; 32])
        .await
        .unwrap()
        .expect("the organiser token is found by its hash");
    assert_eq!(found.id, organiser.id);
    assert_eq!(found.role, Role::Organiser);
    assert_eq!(found.regions, vec![RegionCode::AFR, RegionCode::ARB]);
    assert_eq!(found.label.as_deref(), Some("Dakar regional office"));
    assert_eq!(found.revoked_at, None);
    let found = store.token_by_hash(&[9; 32]).await.unwrap().unwrap();
    assert_eq!(
        (found.id, found.role, found.regions, found.label),
        (admin.id, Role::Admin, Vec::new(), None)
    );
    assert_eq!(store.token_by_hash(&[8; 32]).await.unwrap(), None);

    store.revoke_token(organiser.id).await.unwrap();
    assert_eq!(
        store.token_by_hash(&[7; 32]).await.unwrap(),
        None,
        "a revoked token no longer authenticates"
    );
    assert!(store.token_by_hash(&[9; 32]).await.unwrap().is_some());
    store
        .revoke_token(organiser.id)
        .await
        .expect("revoking twice is not an error");

    let unknown = Uuid::new_v4();
    assert_eq!(
        not_found(store.revoke_token(unknown).await),
        ("token", unknown)
    );

    let mut listed = store.tokens().await.unwrap();
    listed.sort_by_key(|t| t.id != organiser.id);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, organiser.id);
    assert!(
        listed[0].revoked_at.is_some(),
        "tokens() shows when it was revoked"
    );
    assert_eq!(listed[0].role, Role::Organiser);
    assert_eq!(listed[0].regions, vec![RegionCode::AFR, RegionCode::ARB]);
    assert_eq!(listed[0].label.as_deref(), Some("Dakar regional office"));
    assert_eq!(listed[1].id, admin.id);
    assert_eq!(listed[1].revoked_at, None);
}

// ---------------------------------------------------------------------------------------
// 10. Metadata and re-deriving instants after a tz database change
// ---------------------------------------------------------------------------------------

/// A web session is found by its id's hash until its lifetime has passed on the store's
/// clock or it is deleted; an id in use is not taken twice; saving replaces its data.
async fn web_sessions_live_until_they_end_or_are_deleted(store: Arc<dyn Store>) {
    let (id, other) = ([7u8; 32], [8u8; 32]);
    let day = chrono::Duration::hours(8);
    assert!(store
        .create_web_session(&id, "{\"csrf\":\"a\"}", day)
        .await
        .unwrap());
    let (data, ends) = store.web_session(&id).await.unwrap().expect("live");
    assert_eq!(data, "{\"csrf\":\"a\"}");
    assert_eq!(ends, utc(NOW) + day, "ends on the store's clock");
    assert!(
        !store.create_web_session(&id, "{}", day).await.unwrap(),
        "a live id is not taken twice"
    );
    store
        .save_web_session(&id, "{\"csrf\":\"b\"}", day)
        .await
        .unwrap();
    assert_eq!(
        store.web_session(&id).await.unwrap().unwrap().0,
        "{\"csrf\":\"b\"}"
    );
    assert_eq!(store.web_session(&other).await.unwrap(), None);
    // One that has already ended is not found, and its id may be used again.
    let ended = chrono::Duration::seconds(-1);
    assert!(store.create_web_session(&other, "{}", ended).await.unwrap());
    assert_eq!(store.web_session(&other).await.unwrap(), None);
    assert!(store.create_web_session(&other, "{}", day).await.unwrap());
    store.delete_web_session(&id).await.unwrap();
    assert_eq!(store.web_session(&id).await.unwrap(), None);
    store.delete_web_session(&id).await.unwrap();
}

async fn meta_values_are_set_and_overwritten(store: Arc<dyn Store>) {
    assert_eq!(store.meta("tzdata_version").await.unwrap(), None);
    store.set_meta("tzdata_version", "2024a").await.unwrap();
    assert_eq!(
        store.meta("tzdata_version").await.unwrap().as_deref(),
        Some("2024a")
    );
    store.set_meta("tzdata_version", "2025b").await.unwrap();
    assert_eq!(
        store.meta("tzdata_version").await.unwrap().as_deref(),
        Some("2025b")
    );
    store.set_meta("demo_loaded", "").await.unwrap();
    assert_eq!(
        store.meta("demo_loaded").await.unwrap().as_deref(),
        Some("")
    );
    assert_eq!(
        store.meta("tzdata_version").await.unwrap().as_deref(),
        Some("2025b"),
        "keys are independent"
    );
}

async fn events_derived_with_other_tzdata_are_found_and_rederived(store: Arc<dyn Store>) {
    let venue = palais(&*store).await;
    let now = utc("2027-06-01T00:00:00Z");
    create(
        &*store,
        &booking(
            "Past meeting",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            0,
        ),
    )
    .await;
    // Ends at 01:00 in Douala, which is exactly `now`.
    create(
        &*store,
        &booking(
            "Late session",
            "2027-05-31T22:00",
            "2027-06-01T01:00",
            &venue,
            0,
        ),
    )
    .await;
    // Mondays 17 May to 7 June: begun before `now`, not over.
    let mut running = draft(
        "Weekly call",
        DOUALA,
        "2027-05-17T09:00",
        "2027-05-17T10:00",
    );
    running.timing = timing(
        DOUALA,
        "2027-05-17T09:00",
        "2027-05-17T10:00",
        Some("FREQ=WEEKLY;COUNT=4"),
    );
    let running = create(&*store, &running).await;
    // 08:00Z–11:00Z on 1 September.
    let future = create(
        &*store,
        &booking(
            "Future meeting",
            "2027-09-01T09:00",
            "2027-09-01T12:00",
            &venue,
            0,
        ),
    )
    .await;

    let stale = store
        .events_derived_with_other_tzdata("1999z", now)
        .await
        .unwrap();
    assert_eq!(
        ids(&stale),
        vec![running.id, future.id],
        "every event still to end, and no other"
    );
    assert_eq!(stale[1], future);
    assert!(store
        .events_derived_with_other_tzdata(tzdata_version(), now)
        .await
        .unwrap()
        .is_empty());

    // Suppose a new tz database moves Douala three hours: 11:00Z–14:00Z.
    store
        .store_rederived(
            future.id,
            &[interval("2027-09-01T11:00:00Z", "2027-09-01T14:00:00Z")],
            "2099a",
        )
        .await
        .unwrap();
    let moved = store.event(future.id).await.unwrap();
    assert_eq!(moved.instants.starts_at, utc("2027-09-01T11:00:00Z"));
    assert_eq!(moved.instants.ends_at, utc("2027-09-01T14:00:00Z"));
    assert_eq!(moved.instants.last_ends_at, utc("2027-09-01T14:00:00Z"));
    assert_eq!(moved.instants.tzdata_version, "2099a");
    assert_eq!(
        (
            moved.zone(),
            moved.draft.timing.local_start(),
            moved.draft.timing.local_end()
        ),
        (
            future.zone(),
            future.draft.timing.local_start(),
            future.draft.timing.local_end()
        ),
        "the wall-clock time people agreed stays as it was"
    );
    assert_eq!(
        ids(&store
            .events_derived_with_other_tzdata("2099a", now)
            .await
            .unwrap()),
        vec![running.id]
    );
    assert_eq!(
        ids(&store
            .events_derived_with_other_tzdata(tzdata_version(), now)
            .await
            .unwrap()),
        vec![future.id]
    );

    // The room follows the re-derived instants: the old slot is free, the new one is held.
    let in_old_slot = create(
        &*store,
        &booking(
            "Early meeting",
            "2027-09-01T09:00",
            "2027-09-01T11:00",
            &venue,
            0,
        ),
    )
    .await;
    assert_eq!(
        room_taken(
            store
                .create_event(&booking(
                    "Lunch talk",
                    "2027-09-01T13:00",
                    "2027-09-01T14:00",
                    &venue,
                    0
                ))
                .await
        ),
        vec![clash_with(
            &moved,
            "2027-09-01T11:00:00Z",
            "2027-09-01T14:00:00Z"
        )]
    );

    // Re-deriving into a taken slot is refused and changes nothing.
    assert_eq!(
        room_taken(
            store
                .store_rederived(
                    future.id,
                    &[interval("2027-09-01T09:00:00Z", "2027-09-01T12:00:00Z")],
                    "2100a",
                )
                .await
        ),
        vec![clash_with(
            &in_old_slot,
            "2027-09-01T08:00:00Z",
            "2027-09-01T10:00:00Z"
        )]
    );
    assert_eq!(store.event(future.id).await.unwrap(), moved);

    // A series keeps the end of its last occurrence.
    store
        .store_rederived(
            running.id,
            &[
                interval("2027-05-17T09:00:00Z", "2027-05-17T10:00:00Z"),
                interval("2027-05-24T09:00:00Z", "2027-05-24T10:00:00Z"),
                interval("2027-05-31T09:00:00Z", "2027-05-31T10:00:00Z"),
                interval("2027-06-07T09:00:00Z", "2027-06-07T10:00:00Z"),
            ],
            "2099a",
        )
        .await
        .unwrap();
    let series = store.event(running.id).await.unwrap();
    assert_eq!(series.instants.starts_at, utc("2027-05-17T09:00:00Z"));
    assert_eq!(series.instants.last_ends_at, utc("2027-06-07T10:00:00Z"));

    let unknown = Uuid::new_v4();
    assert_eq!(
        not_found(
            store
                .store_rederived(
                    unknown,
                    &[interval("2027-09-01T09:00:00Z", "2027-09-01T10:00:00Z")],
                    "2099a"
                )
                .await
        ),
        ("event", unknown)
    );
}

/// Feeds are cached per revision: every write a feed shows moves it, reads do not.
async fn every_visible_write_bumps_the_revision(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let r0 = store.revision().await.expect("revision").number;
    let venue = palais(store).await;
    assert_eq!(
        venue.geo,
        tandem_core::GeoPoint::new(3.8667, 11.5167).ok(),
        "coordinates round-trip"
    );
    let r1 = store.revision().await.expect("revision").number;
    assert!(r1 > r0, "creating a venue");
    let event = create(
        store,
        &booking("Meeting", "2027-03-10T09:00", "2027-03-10T17:00", &venue, 0),
    )
    .await;
    let r2 = store.revision().await.expect("revision").number;
    assert!(r2 > r1, "creating an event");
    store.event(event.id).await.expect("read");
    store
        .events(&EventFilter::default(), None, 10)
        .await
        .expect("list");
    assert_eq!(
        store.revision().await.expect("revision").number,
        r2,
        "reads leave it"
    );
    let mut changed = booking(
        "Meeting (moved)",
        "2027-03-11T09:00",
        "2027-03-11T17:00",
        &venue,
        0,
    );
    changed.description = Some("moved".into());
    store
        .update_event(event.id, Some(1), &changed, true)
        .await
        .expect("update");
    let r3 = store.revision().await.expect("revision").number;
    assert!(r3 > r2, "updating an event");
    store.cancel_event(event.id, None).await.expect("cancel");
    let r4 = store.revision().await.expect("revision").number;
    assert!(r4 > r3, "cancelling an event");
    store
        .cancel_event(event.id, None)
        .await
        .expect("cancel again");
    assert_eq!(
        store.revision().await.expect("revision").number,
        r4,
        "a no-op cancel leaves it"
    );
    create(
        store,
        &booking("Holder", "2027-03-20T09:00", "2027-03-20T12:00", &venue, 0),
    )
    .await;
    let r5 = store.revision().await.expect("revision").number;
    let refused = store
        .create_event(&booking(
            "Clash",
            "2027-03-20T10:00",
            "2027-03-20T11:00",
            &venue,
            0,
        ))
        .await;
    assert!(!room_taken(refused).is_empty());
    assert_eq!(
        store.revision().await.expect("revision").number,
        r5,
        "a refused write leaves it"
    );
}

async fn feed_tokens_are_found_by_hash_until_revoked(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let hash = [7u8; 32];
    let record = store
        .create_feed_token("p-17", &hash)
        .await
        .expect("create");
    assert_eq!(record.participant, "p-17");
    let (found, stored) = store
        .feed_token_by_hash(&hash)
        .await
        .expect("lookup")
        .expect("found");
    assert_eq!(found.id, record.id);
    assert_eq!(stored, hash.to_vec());
    assert!(store
        .feed_token_by_hash(&[8u8; 32])
        .await
        .expect("lookup")
        .is_none());
    store
        .create_feed_token("p-17", &[9u8; 32])
        .await
        .expect("second");
    assert_eq!(store.feed_tokens("p-17").await.expect("list").len(), 2);
    assert!(store.feed_tokens("p-99").await.expect("list").is_empty());
    store.revoke_feed_token(record.id).await.expect("revoke");
    store
        .revoke_feed_token(record.id)
        .await
        .expect("revoke twice");
    assert!(store
        .feed_token_by_hash(&hash)
        .await
        .expect("lookup")
        .is_none());
    assert!(store
        .feed_token(record.id)
        .await
        .expect("record")
        .revoked_at
        .is_some());
    assert_eq!(
        not_found(store.revoke_feed_token(Uuid::new_v4()).await).0,
        "feed token"
    );
}

async fn co_locations_are_found_both_ways(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let anchor = create(
        store,
        &draft("SG3RG-AFR", DOUALA, "2027-03-10T09:00", "2027-03-11T17:30"),
    )
    .await;
    let mut w = draft("Workshop", DOUALA, "2027-03-09T09:00", "2027-03-09T17:00");
    w.co_located_with = Some(anchor.id);
    let workshop = create(store, &w).await;
    let other = create(
        store,
        &draft("Other", DOUALA, "2027-05-01T09:00", "2027-05-01T10:00"),
    )
    .await;
    let pair = vec![CoLocation {
        event: workshop.id,
        event_status: EventStatus::Confirmed,
        alongside: anchor.id,
        alongside_status: EventStatus::Confirmed,
    }];
    assert_eq!(store.co_locations(&[anchor.id]).await.expect("links"), pair);
    assert_eq!(
        store.co_locations(&[workshop.id]).await.expect("links"),
        pair
    );
    assert_eq!(
        pair[0].other_end(anchor.id),
        Some((workshop.id, EventStatus::Confirmed))
    );
    assert_eq!(pair[0].other_end(other.id), None);
    // A cancelled end stays linked, and says so.
    store
        .cancel_event(workshop.id, None)
        .await
        .expect("cancel the workshop");
    assert_eq!(
        store.co_locations(&[anchor.id]).await.expect("links"),
        vec![CoLocation {
            event_status: EventStatus::Cancelled,
            ..pair[0]
        }]
    );
    assert!(store
        .co_locations(&[other.id])
        .await
        .expect("links")
        .is_empty());
    assert!(store.co_locations(&[]).await.expect("links").is_empty());
}

async fn events_filter_by_kind_participant_and_id(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let mut meeting = draft("Meeting", DOUALA, "2027-03-10T09:00", "2027-03-10T17:00");
    meeting.participants = vec![participant(
        "p-17",
        None,
        "Asia/Bangkok",
        Attendance::Remote,
        true,
    )];
    let meeting = create(store, &meeting).await;
    let mut workshop = draft("Workshop", DOUALA, "2027-03-11T09:00", "2027-03-11T17:00");
    workshop.kind = EventKind::Workshop;
    let workshop = create(store, &workshop).await;
    let kinds = EventFilter {
        kinds: vec![EventKind::Workshop],
        ..EventFilter::default()
    };
    assert_eq!(listed(store, &kinds).await, vec![workshop.id]);
    let person = EventFilter {
        participant: Some("p-17".into()),
        ..EventFilter::default()
    };
    assert_eq!(listed(store, &person).await, vec![meeting.id]);
    let one = EventFilter {
        id: Some(workshop.id),
        ..EventFilter::default()
    };
    assert_eq!(listed(store, &one).await, vec![workshop.id]);
}

/// Clashes are kept per event: replacing one event's clashes leaves every other clash alone,
/// and lists filter by region, group, time, severity, type and event. (Resolutions and their
/// history: `a_resolution_is_applied_and_recorded_together_or_not_at_all`.)
async fn clashes_are_replaced_per_event_and_filtered(store: Arc<dyn Store>) {
    use tandem_core::clash::{Clash, ClashKind, Severity};
    use tandem_store::ClashFilter;

    let mut a = draft("SG3RG-AFR", DOUALA, "2027-03-10T09:00", "2027-03-10T17:00");
    a.group = Some("SG3RG-AFR".into());
    let a = create(store.as_ref(), &a).await;
    let mut b = draft("Workshop", DOUALA, "2027-03-10T10:00", "2027-03-10T12:00");
    b.group = Some("SG3RG-AFR".into());
    let b = create(store.as_ref(), &b).await;
    let mut c = draft(
        "EUR meeting",
        "Europe/Zurich",
        "2027-04-10T09:00",
        "2027-04-10T12:00",
    );
    c.region = RegionCode::EUR;
    let c = create(store.as_ref(), &c).await;

    let group = Clash::new(
        ClashKind::GroupOverlap,
        Severity::Hard,
        (b.id, Some(a.id)),
        interval("2027-03-10T09:00:00Z", "2027-03-10T11:00:00Z"),
        Some("SG3RG-AFR".into()),
        "group SG3RG-AFR has two events at the same time".into(),
    );
    let closed = Clash::new(
        ClashKind::VenueClosed,
        Severity::Soft,
        (c.id, None),
        interval("2027-04-10T07:00:00Z", "2027-04-10T10:00:00Z"),
        Some("2027-04-10".into()),
        "2027-04-10 is the venue's weekend".into(),
    );
    store
        .replace_clashes(b.id, std::slice::from_ref(&group))
        .await
        .unwrap();
    store
        .replace_clashes(c.id, std::slice::from_ref(&closed))
        .await
        .unwrap();
    // Idempotent: the same clash again keeps one row.
    store
        .replace_clashes(a.id, std::slice::from_ref(&group))
        .await
        .unwrap();

    let all = store.clashes(&ClashFilter::default()).await.unwrap();
    assert_eq!(all, vec![group.clone(), closed.clone()]);
    let of = |filter: ClashFilter| {
        let store = store.clone();
        async move {
            store
                .clashes(&filter)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        of(ClashFilter {
            region: Some(RegionCode::EUR),
            ..ClashFilter::default()
        })
        .await,
        vec![closed.id]
    );
    assert_eq!(
        of(ClashFilter {
            group: Some("SG3RG-AFR".into()),
            ..ClashFilter::default()
        })
        .await,
        vec![group.id]
    );
    assert_eq!(
        of(ClashFilter {
            severity: Some(Severity::Soft),
            ..ClashFilter::default()
        })
        .await,
        vec![closed.id]
    );
    assert_eq!(
        of(ClashFilter {
            from: Some(utc("2027-04-01T00:00:00Z")),
            ..ClashFilter::default()
        })
        .await,
        vec![closed.id]
    );
    assert_eq!(
        of(ClashFilter {
            to: Some(utc("2027-04-01T00:00:00Z")),
            ..ClashFilter::default()
        })
        .await,
        vec![group.id]
    );
    assert_eq!(
        of(ClashFilter {
            event_id: Some(a.id),
            ..ClashFilter::default()
        })
        .await,
        vec![group.id]
    );
    assert_eq!(
        of(ClashFilter {
            kind: Some(ClashKind::VenueClosed),
            ..ClashFilter::default()
        })
        .await,
        vec![closed.id]
    );
    assert_eq!(store.clash(group.id).await.unwrap(), Some(group.clone()));

    // Rechecking b after a move finds nothing: the group clash goes, c's clash stays.
    store.replace_clashes(b.id, &[]).await.unwrap();
    assert_eq!(store.clash(group.id).await.unwrap(), None);
    assert_eq!(of(ClashFilter::default()).await, vec![closed.id]);

    assert!(store.clash_resolutions(closed.id).await.unwrap().is_empty());
}

/// The clash check's one query: live events with an occurrence in the span that share the
/// region, the venue, the group or a participant — and nothing else (not the event itself,
/// not a cancelled one, not a series whose span covers the time but none of whose
/// occurrences does).
async fn neighbours_share_region_venue_group_or_participant(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let venue = palais(store).await;
    let person = |id: &str| participant(id, None, "Asia/Kathmandu", Attendance::Remote, true);
    let mut me = booking(
        "SG3RG-AFR",
        "2027-03-10T09:00",
        "2027-03-10T17:00",
        &venue,
        0,
    );
    me.group = Some("SG3RG-AFR".into());
    me.participants = vec![person("p-1"), person("p-2")];
    let me = create(store, &me).await;

    let elsewhere = |title: &str, start: &str, end: &str| {
        let mut d = draft(title, "Europe/Zurich", start, end);
        d.region = RegionCode::EUR;
        d.status = EventStatus::Proposed;
        d
    };
    let mut region = draft("Region", DOUALA, "2027-03-10T16:00", "2027-03-10T18:00");
    region.status = EventStatus::Proposed;
    let region = create(store, &region).await;
    let mut venue_mate = elsewhere("Venue", "2027-03-10T10:00", "2027-03-10T11:00");
    venue_mate.venue_id = Some(venue.id);
    venue_mate.room_id = Some(venue.rooms[1].id);
    let venue_mate = create(store, &venue_mate).await;
    let mut group = elsewhere("Group", "2027-03-10T08:00", "2027-03-10T10:00");
    group.group = Some("SG3RG-AFR".into());
    let group = create(store, &group).await;
    let mut colleague = elsewhere("Colleague", "2027-03-10T12:00", "2027-03-10T13:00");
    colleague.participants = vec![person("p-2"), person("p-9")];
    let colleague = create(store, &colleague).await;

    let mut stranger = elsewhere("Stranger", "2027-03-10T12:00", "2027-03-10T13:00");
    stranger.participants = vec![person("p-9")];
    create(store, &stranger).await;
    let mut later = draft("Later", DOUALA, "2027-03-11T09:00", "2027-03-11T10:00");
    later.group = Some("SG3RG-AFR".into());
    create(store, &later).await;
    let mut cancelled = draft("Cancelled", DOUALA, "2027-03-10T09:00", "2027-03-10T10:00");
    cancelled.status = EventStatus::Proposed;
    let cancelled = create(store, &cancelled).await;
    store
        .cancel_event(cancelled.id, None)
        .await
        .expect("cancelled");
    // Mondays 8, 15 and 22 March: the span covers Wednesday the 10th, no occurrence does.
    let mut mondays = draft("Mondays", DOUALA, "2027-03-08T09:00", "2027-03-08T10:00");
    mondays.status = EventStatus::Proposed;
    mondays.timing = timing(
        DOUALA,
        "2027-03-08T09:00",
        "2027-03-08T10:00",
        Some("FREQ=WEEKLY;COUNT=3"),
    );
    create(store, &mondays).await;

    let around = Neighbourhood {
        exclude: Some(me.id),
        span: Interval::new(me.instants.starts_at, me.instants.last_ends_at).expect("span"),
        region: RegionCode::AFR,
        venue_id: Some(venue.id),
        group: Some("SG3RG-AFR".into()),
        participants: vec!["p-1".into(), "p-2".into()],
    };
    let found = store.neighbours(&around, 100).await.expect("neighbours");
    assert_eq!(
        ids(&found),
        vec![group.id, venue_mate.id, colleague.id, region.id],
        "ordered by first start"
    );
    assert_eq!(
        found[2].draft.participants.len(),
        2,
        "events come with their participants"
    );
    let first_two = store.neighbours(&around, 2).await.expect("neighbours");
    assert_eq!(ids(&first_two), vec![group.id, venue_mate.id]);

    let only_people = Neighbourhood {
        exclude: None,
        venue_id: None,
        group: None,
        region: RegionCode::ASP,
        ..around.clone()
    };
    let found = store
        .neighbours(&only_people, 100)
        .await
        .expect("neighbours");
    assert_eq!(
        ids(&found),
        vec![me.id, colleague.id],
        "the event itself when not excluded"
    );

    // Instants re-derived (a tz database change) move the event for this query too.
    let moved = interval("2027-03-20T11:00:00Z", "2027-03-20T12:00:00Z");
    store
        .store_rederived(colleague.id, &[moved], "test")
        .await
        .expect("re-derived");
    let found = store
        .neighbours(&only_people, 100)
        .await
        .expect("neighbours");
    assert_eq!(ids(&found), vec![me.id]);
    let then = Neighbourhood {
        span: moved,
        ..only_people.clone()
    };
    let found = store.neighbours(&then, 100).await.expect("neighbours");
    assert_eq!(ids(&found), vec![colleague.id]);
}

/// A connection the server ends (a restart, an administrator) is not pinged before use: the
/// next statement on it fails as `Unavailable` (503 with Retry-After over HTTP), never as an
/// internal error, and the pool replaces it, so the call after that succeeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_ended_by_the_server_is_unavailable_then_replaced() {
    let Some(server) = postgres_server() else {
        assert!(
            std::env::var("TANDEM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "TANDEM_REQUIRE_POSTGRES=1 but no PostgreSQL server is named"
        );
        return;
    };
    let database = format!("tandem_t_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&server)
        .await
        .expect("admin connection");
    sqlx::raw_sql(&format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .await
        .expect("created");
    let url = with_database(&server, &database);
    let outcome = AssertUnwindSafe(async {
        let store = PostgresStore::connect(&url, tandem_store::PoolSettings::new(1), clock())
            .await
            .expect("opened");
        store.ping().await.expect("answers");
        // With a timeout the call returns once the backend is gone: without one it only
        // signals it, and a statement sent at once may still be answered by the old backend.
        let ended: Vec<bool> = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1",
        )
        .bind(&database)
        .fetch_all(&mut admin)
        .await
        .expect("terminated");
        assert_eq!(ended, vec![true], "the pool's one connection");
        let mut outcomes = Vec::new();
        for _ in 0..2 {
            outcomes.push(store.revision().await);
        }
        // Whether the pool sees the closed socket before the statement is sent (and opens a
        // new connection at once) or only when it fails is a race with the server's FATAL
        // message: either way the caller never gets an internal error.
        assert!(
            matches!(outcomes[0], Ok(_) | Err(StoreError::Unavailable(_))),
            "first use of the ended connection: {:?}",
            outcomes[0]
        );
        assert!(outcomes[1].is_ok(), "then a new one: {:?}", outcomes[1]);
    })
    .catch_unwind()
    .await;
    let dropped = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .execute(&mut admin)
        .await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
    dropped.expect("dropped");
}

/// Applying a clash resolution rewrites the event and records who did what in one
/// transaction: a stale version or a room taken meanwhile leaves neither the change nor a
/// record behind. The history is kept by clash id, whether or not that clash still stands.
async fn a_resolution_is_applied_and_recorded_together_or_not_at_all(store: Arc<dyn Store>) {
    use tandem_store::NewResolution;

    let store = store.as_ref();
    let venue = palais(store).await;
    let event = create(
        store,
        &booking(
            "Workshop",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            0,
        ),
    )
    .await;
    let blocker = create(
        store,
        &booking("Blocker", "2027-03-12T09:00", "2027-03-12T12:00", &venue, 0),
    )
    .await;
    let clash_id = Uuid::new_v4();
    let record = |version_before: i64| NewResolution {
        clash_id,
        event_id: event.id,
        resolved_by: "organiser".into(),
        action: r#"{"action":"move"}"#.into(),
        clash: "{}".into(),
        version_before,
        version_after: version_before + 1,
    };
    let moved_to = |day: &str| {
        let mut d = booking(
            "Workshop",
            &format!("2027-03-{day}T09:00"),
            &format!("2027-03-{day}T12:00"),
            &venue,
            0,
        );
        d.participants.clone_from(&event.draft.participants);
        d
    };

    // A room taken at the target time: nothing changes, nothing is recorded.
    let taken = store
        .apply_resolution(event.version, &moved_to("12"), &record(event.version))
        .await;
    assert_eq!(
        room_taken(taken)
            .iter()
            .map(|c| c.event_id)
            .collect::<Vec<_>>(),
        vec![blocker.id]
    );
    assert_eq!(
        store.event(event.id).await.expect("read").version,
        event.version
    );
    assert!(store
        .clash_resolutions(clash_id)
        .await
        .expect("history")
        .is_empty());

    // Applied: the event moves with a visible change, and the record says from which
    // version to which.
    let (moved, recorded) = store
        .apply_resolution(event.version, &moved_to("11"), &record(event.version))
        .await
        .expect("applied");
    assert_eq!(moved.version, event.version + 1);
    assert_eq!(
        moved.sequence,
        event.sequence + 1,
        "subscribers see the move"
    );
    assert_eq!(moved.instants.starts_at, utc("2027-03-11T08:00:00Z"));
    assert_eq!(recorded.record.version_after, moved.version);
    let history = store.clash_resolutions(clash_id).await.expect("history");
    assert_eq!(history, vec![recorded]);

    // Against the version read before: refused, and still one record.
    let stale = store
        .apply_resolution(event.version, &moved_to("15"), &record(event.version))
        .await;
    assert_eq!(version_mismatch(stale), (event.version, moved.version));
    assert_eq!(
        store
            .clash_resolutions(clash_id)
            .await
            .expect("history")
            .len(),
        1
    );
    assert_eq!(
        store
            .event(event.id)
            .await
            .expect("read")
            .instants
            .starts_at,
        moved.instants.starts_at
    );
}

// ---------------------------------------------------------------------------------------
// The store's clock
// ---------------------------------------------------------------------------------------

/// Every time the store writes (rows' `created_at` and `updated_at`, the revision's time,
/// tokens created and revoked, a clash resolution) is its clock's: never the system's or
/// the database's own clock.
async fn every_timestamp_comes_from_the_stores_clock(store: Arc<dyn Store>) {
    use tandem_store::NewResolution;

    let store = store.as_ref();
    let now = utc(NOW);
    let venue = palais(store).await;
    assert_eq!((venue.created_at, venue.updated_at), (now, now), "venue");
    let event = create(
        store,
        &booking(
            "Workshop",
            "2027-03-10T09:00",
            "2027-03-10T12:00",
            &venue,
            0,
        ),
    )
    .await;
    assert_eq!((event.created_at, event.updated_at), (now, now), "event");
    let moved = store
        .update_event(
            event.id,
            Some(event.version),
            &booking(
                "Workshop",
                "2027-03-11T09:00",
                "2027-03-11T12:00",
                &venue,
                0,
            ),
            true,
        )
        .await
        .expect("update");
    assert_eq!(moved.updated_at, now, "update");
    let (resolved, resolution) = store
        .apply_resolution(
            moved.version,
            &booking(
                "Workshop",
                "2027-03-12T09:00",
                "2027-03-12T12:00",
                &venue,
                0,
            ),
            &NewResolution {
                clash_id: Uuid::new_v4(),
                event_id: event.id,
                resolved_by: "organiser".into(),
                action: r#"{"action":"move"}"#.into(),
                clash: "{}".into(),
                version_before: moved.version,
                version_after: moved.version + 1,
            },
        )
        .await
        .expect("resolution");
    assert_eq!((resolved.updated_at, resolution.resolved_at), (now, now));
    let cancelled = store
        .cancel_event(event.id, Some(resolved.version))
        .await
        .expect("cancel");
    assert_eq!(cancelled.updated_at, now, "cancel");
    assert_eq!(
        store.revision().await.expect("revision").changed_at,
        now,
        "revision"
    );

    let token = store
        .create_token(&NewToken {
            hash: [3; 32],
            role: Role::Admin,
            regions: Vec::new(),
            label: None,
        })
        .await
        .expect("token");
    assert_eq!(token.created_at, now, "token");
    store.revoke_token(token.id).await.expect("revoke");
    let listed = store.tokens().await.expect("tokens");
    assert_eq!(
        listed
            .iter()
            .map(|t| (t.created_at, t.revoked_at))
            .collect::<Vec<_>>(),
        [(now, Some(now))],
        "revoked"
    );
    let feed = store
        .create_feed_token("p-1", &[4; 32])
        .await
        .expect("feed token");
    assert_eq!(feed.created_at, now, "feed token");
    store.revoke_feed_token(feed.id).await.expect("revoke");
    assert_eq!(
        store.feed_token(feed.id).await.expect("read").revoked_at,
        Some(now),
        "feed token revoked"
    );
}

/// `create_events` (season planning's apply): the batch is written in one transaction, its
/// links may go both ways between two of its events, and it is refused whole when an event
/// of the neighbourhoods it was planned on appeared, changed or left since.
async fn a_batch_is_written_whole_against_its_basis_or_not_at_all(store: Arc<dyn Store>) {
    let store = store.as_ref();
    let venue = palais(store).await;
    let anchor = create(
        store,
        &booking(
            "SG3RG-AFR",
            "2027-03-10T09:00",
            "2027-03-11T17:30",
            &venue,
            0,
        ),
    )
    .await;
    let watch = Neighbourhood {
        exclude: None,
        span: interval("2027-03-01T00:00:00Z", "2027-03-20T00:00:00Z"),
        region: RegionCode::AFR,
        venue_id: Some(venue.id),
        group: None,
        participants: Vec::new(),
    };
    let read = |events: &[Event]| Basis {
        watch: vec![watch.clone()],
        versions: events.iter().map(|e| (e.id, e.version)).collect(),
    };
    let basis = read(std::slice::from_ref(&anchor));
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let mut first = booking(
        "Workshop A",
        "2027-03-04T09:00",
        "2027-03-04T17:00",
        &venue,
        1,
    );
    first.status = EventStatus::Proposed;
    first.co_located_with = Some(b);
    let mut second = booking(
        "Workshop B",
        "2027-03-05T09:00",
        "2027-03-05T17:00",
        &venue,
        1,
    );
    second.status = EventStatus::Proposed;
    second.co_located_with = Some(a);
    let mut third = booking("Forum", "2027-03-12T09:00", "2027-03-12T17:00", &venue, 1);
    third.status = EventStatus::Proposed;
    third.co_located_with = Some(anchor.id);
    let batch = vec![
        SeedEvent {
            id: a,
            draft: first,
        },
        SeedEvent {
            id: b,
            draft: second,
        },
        SeedEvent {
            id: Uuid::new_v4(),
            draft: third,
        },
    ];

    // An event that appeared in the neighbourhood since it was read: nothing is written.
    let intruder = create(
        store,
        &booking(
            "Briefing",
            "2027-03-15T09:00",
            "2027-03-15T10:00",
            &venue,
            0,
        ),
    )
    .await;
    match store.create_events(&batch, &basis).await {
        Err(StoreError::Moved(what)) => {
            assert!(what.english().contains(&intruder.id.to_string()), "{what}");
        }
        other => panic!("expected Moved, got {other:?}"),
    }
    assert!(not_found(store.event(a).await).1 == a);
    // One that changed version since.
    let now = read(&[anchor.clone(), intruder.clone()]);
    let moved = store
        .update_event(
            intruder.id,
            None,
            &booking(
                "Briefing",
                "2027-03-15T10:00",
                "2027-03-15T11:00",
                &venue,
                0,
            ),
            true,
        )
        .await
        .expect("moved");
    match store.create_events(&batch, &now).await {
        Err(StoreError::Moved(what)) => assert!(what.english().contains("changed"), "{what}"),
        other => panic!("expected Moved, got {other:?}"),
    }
    // One that left it (cancelled).
    let now = read(&[anchor.clone(), moved.clone()]);
    store.cancel_event(moved.id, None).await.expect("cancel");
    match store.create_events(&batch, &now).await {
        Err(StoreError::Moved(what)) => {
            assert!(what.english().contains(&moved.id.to_string()), "{what}");
        }
        other => panic!("expected Moved, got {other:?}"),
    }
    assert!(not_found(store.event(b).await).1 == b);

    // As read: every event is written, with its links, both ways.
    let written = store
        .create_events(&batch, &read(std::slice::from_ref(&anchor)))
        .await
        .expect("written");
    assert_eq!(ids(&written), ids_of(&batch));
    assert_eq!(written[0].draft.co_located_with, Some(b));
    assert_eq!(written[1].draft.co_located_with, Some(a));
    assert_eq!(written[2].draft.co_located_with, Some(anchor.id));
    assert!(written.iter().all(|e| e.status() == EventStatus::Proposed));
    assert_eq!(
        store.event(a).await.expect("stored").draft.co_located_with,
        Some(b)
    );
    // A batch naming a room its venue lacks is refused whole.
    let mut bad = booking("Bad", "2027-03-16T09:00", "2027-03-16T10:00", &venue, 0);
    bad.room_id = Some(Uuid::new_v4());
    let good = booking("Good", "2027-03-17T09:00", "2027-03-17T10:00", &venue, 1);
    let (g, x) = (Uuid::new_v4(), Uuid::new_v4());
    let refused = store
        .create_events(
            &[
                SeedEvent { id: g, draft: good },
                SeedEvent { id: x, draft: bad },
            ],
            &Basis::default(),
        )
        .await;
    assert_eq!(invalid_reference(refused), "room_id");
    assert!(not_found(store.event(g).await).1 == g);
}

fn ids_of(batch: &[SeedEvent]) -> Vec<Uuid> {
    batch.iter().map(|e| e.id).collect()
}
