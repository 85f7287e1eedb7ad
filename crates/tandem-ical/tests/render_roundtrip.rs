//! Round trip with the parsing half: what a feed renders, `tandem_ical::parse` +
//! `occurrences` reads back as exactly the instants the event stands for (RFC 5545), for
//! every sample feed and for random events in random reference zones — local times inside
//! DST gaps and overlaps included.
// Test code indexes JSON, slices and strings directly: a bad index fails the test
// (Cargo.toml forbids it outside tests; clippy.toml allows it in #[test] functions).
#![allow(clippy::indexing_slicing)]

#[path = "render_feeds.rs"]
mod feeds;

use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use feeds::{at, expected_feed, feeds, freebusy, zone, Expected, FREEBUSY_NAME, PRODID, RANGE};
use proptest::prelude::*;
use tandem_core::reference::ReferenceData;
use tandem_core::{Interval, Zone};
use tandem_ical::render::{
    render_calendar, render_freebusy, FeedCalendar, FeedEvent, FeedStatus, Organizer,
};

fn range() -> Interval {
    Interval::new(at(RANGE.0), at(RANGE.1)).expect("range")
}

/// What the parsing half reads back, in the shape of [`Expected`].
fn read_back(ics: &str) -> Vec<Expected> {
    let calendar = tandem_ical::parse(ics.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    // The owner zone must not matter: nothing in a feed is floating.
    let mut out: Vec<Expected> = calendar
        .occurrences(zone("Pacific/Kiritimati"), range())
        .into_iter()
        .map(|o| {
            assert!(!o.all_day);
            Expected {
                start: o.start,
                end: o.end,
                uid: o.uid,
            }
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_sample_feed_reads_back_as_the_instants_it_stands_for() {
    for (name, feed) in feeds() {
        let ics = render_calendar(&feed, PRODID);
        let expected = expected_feed(&feed);
        assert!(!expected.is_empty());
        assert_eq!(read_back(&ics), expected, "{name}");
    }
}

#[test]
fn the_samples_have_the_instants_a_person_agreed() {
    let all: Vec<(String, Vec<Expected>)> = feeds()
        .into_iter()
        .map(|(name, feed)| (name.to_owned(), expected_feed(&feed)))
        .collect();
    let of = |name: &str| all.iter().find(|(n, _)| n == name).expect("feed").1.clone();
    // Yaoundé 09:00–17:30 is 08:00–16:30 UTC (DESIGN §4's example).
    let afr = of("afr_region");
    assert!(afr
        .iter()
        .any(|e| e.start == at("2027-03-10T08:00:00Z") && e.end == at("2027-03-11T16:30:00Z")));
    // Geneva 14:00 stays 14:00 across the change to summer time: 13:00Z, then 12:00Z.
    let zurich: Vec<DateTime<Utc>> = of("zurich_weekly_dst").iter().map(|e| e.start).collect();
    assert_eq!(
        zurich,
        [
            at("2027-03-16T13:00:00Z"),
            at("2027-03-23T13:00:00Z"),
            at("2027-03-30T12:00:00Z"),
            at("2027-04-06T12:00:00Z"),
            at("2027-04-13T12:00:00Z"),
            at("2027-04-20T12:00:00Z"),
        ]
    );
}

#[test]
fn status_transparency_and_summary_survive_the_round_trip() {
    for (name, feed) in feeds() {
        let ics = render_calendar(&feed, PRODID);
        let calendar = tandem_ical::parse(ics.as_bytes()).expect("parses");
        for occurrence in calendar.occurrences(Zone::UTC, range()) {
            let event = feed
                .events
                .iter()
                .find(|e| e.uid == occurrence.uid)
                .expect("a rendered UID");
            assert_eq!(
                occurrence.cancelled,
                event.status == FeedStatus::Cancelled,
                "{name}"
            );
            assert_eq!(occurrence.transparent, event.transparent, "{name}");
            assert_eq!(occurrence.summary.as_deref(), Some(event.summary.as_str()));
        }
        assert_eq!(calendar.name(), Some(feed.name.as_str()));
        // One VEVENT per event, plus the overrides of instances that span a DST change.
        assert_eq!(calendar.event_count(), ics.matches("BEGIN:VEVENT").count());
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count() - ics.matches("RECURRENCE-ID").count(),
            feed.events.len()
        );
    }
}

#[test]
fn a_freebusy_publication_has_no_events_to_read_back() {
    let ics = render_freebusy(FREEBUSY_NAME, &freebusy(), PRODID);
    let calendar = tandem_ical::parse(ics.as_bytes()).expect("parses");
    assert_eq!(calendar.event_count(), 0);
}

/// Every zone of the reference data (cities, offices, regional organisations).
fn reference_zones() -> Vec<Zone> {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../config/reference/itu.toml"
    ));
    let data = ReferenceData::parse(text).expect("reference data parses");
    let mut zones: Vec<Zone> = data
        .regions
        .iter()
        .flat_map(|r| r.cities.iter().map(|c| c.tz))
        .chain(data.offices.iter().map(|o| o.tz))
        .chain(data.regional_organizations.iter().filter_map(|o| o.tz))
        .collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    zones
}

/// Local wall-clock times right at a transition of `zone` in 2026–2029 (inside a gap, inside
/// an overlap, and at its edges), so that random events often hit one.
fn transition_edges(zone: Zone) -> Vec<NaiveDateTime> {
    zone.rules()
        .transitions(
            at("2026-01-01T00:00:00Z").timestamp(),
            at("2030-01-01T00:00:00Z").timestamp(),
        )
        .iter()
        .flat_map(|t| {
            let instant = DateTime::from_timestamp(t.at, 0).expect("instant");
            let offset_from = zone.offset_at(instant - Duration::seconds(1)).num_seconds();
            let offset_to = i64::from(t.to.offset);
            let onset = instant.naive_utc() + Duration::seconds(offset_from);
            let jump = (offset_to - offset_from).abs();
            [
                onset - Duration::seconds(1),
                onset,
                onset + Duration::seconds(jump / 2),
                onset + Duration::seconds(jump),
            ]
        })
        .collect()
}

#[derive(Clone, Debug)]
struct RandomEvent {
    zone_index: usize,
    edge: Option<usize>,
    day: i64,
    minute: i64,
    length_minutes: i64,
    rule: Option<(&'static str, u32, u32)>,
    status: usize,
}

fn random_event() -> impl Strategy<Value = RandomEvent> {
    (
        any::<usize>(),
        prop::option::weighted(0.6, any::<usize>()),
        0i64..(4 * 365),
        0i64..(24 * 60),
        prop_oneof![Just(0i64), 1i64..(3 * 24 * 60)],
        prop::option::of((
            prop_oneof![Just("DAILY"), Just("WEEKLY"), Just("MONTHLY")],
            1u32..4,
            1u32..12,
        )),
        0usize..3,
    )
        .prop_map(
            |(zone_index, edge, day, minute, length_minutes, rule, status)| RandomEvent {
                zone_index,
                edge,
                day,
                minute,
                length_minutes,
                rule,
                status,
            },
        )
}

/// Each reference zone with its transition edges, computed once.
static ZONES: LazyLock<Vec<(Zone, Vec<NaiveDateTime>)>> = LazyLock::new(|| {
    reference_zones()
        .into_iter()
        .map(|z| (z, transition_edges(z)))
        .collect()
});

fn build(n: usize, r: &RandomEvent) -> FeedEvent {
    let (zone, edges) = &ZONES[r.zone_index % ZONES.len()];
    let zone = *zone;
    let local_start = match r.edge {
        Some(i) if !edges.is_empty() => edges[i % edges.len()],
        _ => feeds::midnight(2026, 1, 1) + Duration::days(r.day) + Duration::minutes(r.minute),
    };
    let stamp = at("2026-01-01T00:00:00Z");
    FeedEvent {
        uid: format!("random-{n}@tandem"),
        dtstamp: stamp,
        last_modified: stamp,
        created: stamp,
        sequence: i64::try_from(n).unwrap_or(0),
        status: [
            FeedStatus::Confirmed,
            FeedStatus::Tentative,
            FeedStatus::Cancelled,
        ][r.status],
        summary: format!("random event {n}; in {}", zone.name()),
        description: None,
        zone,
        local_start,
        local_end: local_start + Duration::minutes(r.length_minutes),
        rrule: r.rule.map(|(freq, interval, count)| {
            format!("FREQ={freq};INTERVAL={interval};COUNT={count}")
        }),
        location: None,
        geo: None,
        categories: vec![],
        url: None,
        conference: None,
        related_to: vec![],
        organizer: Organizer {
            name: "tandem".to_owned(),
            email: "feeds@tandem.example.org".to_owned(),
        },
        transparent: n % 2 == 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A rendered feed of random events in random reference zones (a local start often at a
    /// DST gap, overlap or their edges; lengths from zero to three days; daily, weekly and
    /// monthly rules) is read back by the parsing half as exactly the RFC 5545 instants:
    /// each start is `Zone::resolve` of its wall-clock start, each lasts as long as the first.
    #[test]
    fn random_feeds_read_back_exactly(events in prop::collection::vec(random_event(), 1..5)) {
        let feed = FeedCalendar {
            name: "random".to_owned(),
            description: String::new(),
            refresh_interval: Duration::hours(1),
            events: events.iter().enumerate().map(|(n, r)| build(n, r)).collect(),
            languages: tandem_ical::render::FeedLanguages::default(),
        };
        let ics = render_calendar(&feed, PRODID);
        prop_assert_eq!(read_back(&ics), expected_feed(&feed), "{}", ics);
    }
}
