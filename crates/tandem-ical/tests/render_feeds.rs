//! Representative feeds shared by the render tests (each includes this file with `#[path]`),
//! and the instants they stand for: the occurrences tandem stores for each event,
//! `tandem_core::EventTiming::occurrences` (wall-clock starts from the rule, each made an
//! instant by `Zone::resolve` with the RFC 5545 gap/overlap rules, lasting the wall-clock
//! length, or the first instance's exact length where a DST gap moved the start past that
//! end), computed without tandem-ical.
//!
//! As a test target of its own it has no tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use tandem_core::{EventTiming, Zone};
use tandem_ical::render::{FeedCalendar, FeedEvent, FeedStatus, FreeBusy, Organizer};

/// PRODID of every sample.
pub const PRODID: &str = "-//ITU//tandem 0.1//EN";

/// Range in which occurrences are compared (wider than every sample).
pub const RANGE: (&str, &str) = ("2000-01-01T00:00:00Z", "2040-01-01T00:00:00Z");

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("RFC 3339 instant")
}

pub fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("local date-time")
}

pub fn zone(name: &str) -> Zone {
    Zone::parse(name).expect("zone")
}

fn secretariat() -> Organizer {
    Organizer {
        name: "ITU Regional Office for Africa, Yaoundé".to_owned(),
        email: "itu-yaounde@itu.int".to_owned(),
    }
}

/// The hybrid SG3RG-AFR meeting in Yaoundé.
pub fn sg3rg_afr_meeting() -> FeedEvent {
    FeedEvent {
        uid: "6f1c2a4e-8d3b-4f5a-9e27-1b0c9d8e7a61@tandem".to_owned(),
        dtstamp: at("2027-01-20T09:15:00Z"),
        last_modified: at("2027-01-20T09:15:00Z"),
        created: at("2026-11-03T14:02:11Z"),
        sequence: 2,
        status: FeedStatus::Confirmed,
        summary: "SG3RG-AFR meeting (hybrid)".to_owned(),
        description: Some(
            "Meeting of the ITU-T Study Group 3 Regional Group for Africa.\n\
             Agenda: tariffs, accounting rates; economic & policy issues.\n\
             Remote participation: see the CONFERENCE link; interpretation EN/FR."
                .to_owned(),
        ),
        zone: zone("Africa/Douala"),
        local_start: local("2027-03-10T09:00"),
        local_end: local("2027-03-11T17:30"),
        rrule: None,
        location: Some("Palais des Congrès, Salle A, Yaoundé, Cameroon".to_owned()),
        geo: Some((3.8667, 11.5167)),
        categories: vec![
            "meeting".to_owned(),
            "AFR".to_owned(),
            "SG3RG-AFR".to_owned(),
        ],
        url: Some(
            "https://tandem.example.org/events/6f1c2a4e-8d3b-4f5a-9e27-1b0c9d8e7a61".to_owned(),
        ),
        conference: Some("https://meet.example.org/j/8812345678?pwd=Zm9vYmFy&lang=fr".to_owned()),
        related_to: vec!["b2d9e1f0-3c4a-4b5d-8e6f-7a8b9c0d1e2f@tandem".to_owned()],
        organizer: secretariat(),
        transparent: false,
    }
}

/// The workshop co-located with the meeting (the day before, same venue).
pub fn colocated_workshop() -> FeedEvent {
    FeedEvent {
        uid: "b2d9e1f0-3c4a-4b5d-8e6f-7a8b9c0d1e2f@tandem".to_owned(),
        dtstamp: at("2027-01-22T16:40:00Z"),
        last_modified: at("2027-01-22T16:40:00Z"),
        created: at("2027-01-22T16:40:00Z"),
        sequence: 0,
        status: FeedStatus::Confirmed,
        summary: "Workshop on international Internet connectivity, Africa".to_owned(),
        description: Some("Held alongside SG3RG-AFR (WTDC Resolution 21).".to_owned()),
        zone: zone("Africa/Douala"),
        local_start: local("2027-03-09T09:00"),
        local_end: local("2027-03-09T17:00"),
        rrule: None,
        location: Some("Palais des Congrès, Salle B, Yaoundé, Cameroon".to_owned()),
        geo: Some((3.8667, 11.5167)),
        categories: vec!["workshop".to_owned(), "AFR".to_owned()],
        url: Some(
            "https://tandem.example.org/events/b2d9e1f0-3c4a-4b5d-8e6f-7a8b9c0d1e2f".to_owned(),
        ),
        conference: None,
        related_to: vec!["6f1c2a4e-8d3b-4f5a-9e27-1b0c9d8e7a61@tandem".to_owned()],
        organizer: secretariat(),
        transparent: false,
    }
}

/// A cancelled meeting, as `include=cancelled` shows it: SEQUENCE bumped, STATUS:CANCELLED.
pub fn cancelled_meeting() -> FeedEvent {
    FeedEvent {
        uid: "0c3e5a7b-9d1f-4e2a-b6c8-d0e2f4a6b8c0@tandem".to_owned(),
        dtstamp: at("2027-02-14T08:00:00Z"),
        last_modified: at("2027-02-14T08:00:00Z"),
        created: at("2026-12-01T10:00:00Z"),
        sequence: 4,
        status: FeedStatus::Cancelled,
        summary: "SG5RG-ARB meeting — cancelled".to_owned(),
        description: Some("Cancelled; the group meets online on 2027-05-04 instead.".to_owned()),
        zone: zone("Africa/Cairo"),
        local_start: local("2027-04-20T09:30"),
        local_end: local("2027-04-22T13:00"),
        rrule: None,
        location: Some("Smart Village, Cairo".to_owned()),
        geo: Some((30.0711, 31.0167)),
        categories: vec![
            "meeting".to_owned(),
            "ARB".to_owned(),
            "SG5RG-ARB".to_owned(),
        ],
        url: None,
        conference: None,
        related_to: vec![],
        organizer: Organizer {
            name: "ITU Arab Regional Office".to_owned(),
            email: "itu-ro-arabstates@itu.int".to_owned(),
        },
        transparent: false,
    }
}

/// A weekly virtual session in Geneva's zone, across the 2027-03-28 change to summer time.
pub fn zurich_weekly_session() -> FeedEvent {
    FeedEvent {
        uid: "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d@tandem".to_owned(),
        dtstamp: at("2027-03-01T12:00:00Z"),
        last_modified: at("2027-03-01T12:00:00Z"),
        created: at("2027-03-01T12:00:00Z"),
        sequence: 1,
        status: FeedStatus::Confirmed,
        summary: "SG3 rapporteurs' weekly session (virtual)".to_owned(),
        description: None,
        zone: zone("Europe/Zurich"),
        local_start: local("2027-03-16T14:00"),
        local_end: local("2027-03-16T15:30"),
        rrule: Some("FREQ=WEEKLY;COUNT=6".to_owned()),
        location: None,
        geo: None,
        categories: vec![
            "session".to_owned(),
            "EUR".to_owned(),
            "ITU-T-SG3".to_owned(),
        ],
        url: None,
        conference: Some("https://meet.example.org/j/4455667788".to_owned()),
        related_to: vec![],
        organizer: Organizer {
            name: "TSB, SG3 secretariat".to_owned(),
            email: "tsbsg3@itu.int".to_owned(),
        },
        transparent: false,
    }
}

/// One participant's private feed: zones with +05:45 and −03:30 offsets, a proposed event,
/// a transparent one, and text that needs escaping and folding.
pub fn private_events() -> Vec<FeedEvent> {
    let owner = Organizer {
        name: "Bureau \"BDT\"; field ops, Asia-Pacific".to_owned(),
        email: "bdt-asp@itu.int".to_owned(),
    };
    vec![
        FeedEvent {
            uid: "9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b@tandem".to_owned(),
            dtstamp: at("2027-02-02T02:02:02Z"),
            last_modified: at("2027-02-02T02:02:02Z"),
            created: at("2027-02-01T00:00:00Z"),
            sequence: 0,
            status: FeedStatus::Tentative,
            summary: "ASP regional forum, Kathmandu (proposed)".to_owned(),
            description: Some(
                "Proposed; dates not final.\nऑनलाइन सहभागिता संभव है — 会议中心 🇳🇵; \
                 back\\slash, comma, semicolon; all escaped."
                    .to_owned(),
            ),
            zone: zone("Asia/Kathmandu"),
            local_start: local("2027-06-07T10:00"),
            local_end: local("2027-06-09T16:00"),
            rrule: None,
            location: Some("Kathmandu, Nepal".to_owned()),
            geo: Some((27.7172, 85.324)),
            categories: vec!["conference".to_owned(), "ASP".to_owned()],
            url: None,
            conference: None,
            related_to: vec![],
            organizer: owner.clone(),
            transparent: false,
        },
        FeedEvent {
            uid: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d@tandem".to_owned(),
            dtstamp: at("2027-02-02T02:02:02Z"),
            last_modified: at("2027-02-02T02:02:02Z"),
            created: at("2027-02-01T00:00:00Z"),
            sequence: 3,
            status: FeedStatus::Confirmed,
            summary: "Caribbean coordination call, St. John's hours".to_owned(),
            description: None,
            zone: zone("America/St_Johns"),
            local_start: local("2027-03-12T08:30"),
            local_end: local("2027-03-12T09:30"),
            rrule: Some("FREQ=DAILY;INTERVAL=2;UNTIL=20270320".to_owned()),
            location: None,
            geo: None,
            categories: vec!["session".to_owned(), "AMS".to_owned()],
            url: None,
            conference: Some("https://meet.example.org/j/1010101010".to_owned()),
            related_to: vec![],
            organizer: owner.clone(),
            transparent: true,
        },
        zurich_weekly_session(),
    ]
}

/// Events at the edges of the time model: local times inside a DST gap and an overlap,
/// series whose instances span a DST change, 45-minute and half-hour offsets, a
/// zero-length event.
pub fn edge_events() -> Vec<FeedEvent> {
    let stamp = at("2027-01-01T00:00:00Z");
    let event = |n: u32, tz: &str, start: &str, end: &str, rrule: Option<&str>| FeedEvent {
        uid: format!("edge-{n}@tandem"),
        dtstamp: stamp,
        last_modified: stamp,
        created: stamp,
        sequence: 0,
        status: FeedStatus::Confirmed,
        summary: format!("edge {n} in {tz}"),
        description: None,
        zone: zone(tz),
        local_start: local(start),
        local_end: local(end),
        rrule: rrule.map(str::to_owned),
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
        transparent: false,
    };
    vec![
        // In the gap (02:00 → 03:00): RFC 5545 takes the offset before, 01:30Z.
        event(
            1,
            "Europe/Zurich",
            "2027-03-28T02:30",
            "2027-03-28T04:00",
            None,
        ),
        // In the overlap (03:00 → 02:00): the first occurrence, 00:30Z.
        event(
            2,
            "Europe/Zurich",
            "2027-10-31T02:30",
            "2027-10-31T03:30",
            None,
        ),
        // Daily 02:30–03:00: the 2027-03-28 instance starts in the gap, at 01:30Z, and its
        // wall-clock end (01:00Z) would come before that: it keeps 30 minutes (an override).
        event(
            3,
            "Europe/Zurich",
            "2027-03-26T02:30",
            "2027-03-26T03:00",
            Some("FREQ=DAILY;COUNT=4"),
        ),
        // Weekly 03:00–04:00: the first spans the end of summer time (overrides after it).
        event(
            4,
            "Pacific/Chatham",
            "2027-04-04T03:00",
            "2027-04-04T04:00",
            Some("FREQ=WEEKLY;COUNT=3"),
        ),
        // In Lord Howe's half-hour gap (02:00 → 02:30).
        event(
            5,
            "Australia/Lord_Howe",
            "2027-10-03T02:15",
            "2027-10-03T03:00",
            None,
        ),
        // Zero length at +05:45.
        event(
            6,
            "Asia/Kathmandu",
            "2027-05-01T09:00",
            "2027-05-01T09:00",
            None,
        ),
        // Daily 23:30–01:30 at −03:30/−02:30 across the end of summer time.
        event(
            7,
            "America/St_Johns",
            "2027-11-06T23:30",
            "2027-11-07T01:30",
            Some("FREQ=DAILY;UNTIL=20271109"),
        ),
        // Daily 00:30–01:00 in Santiago: midnight of 2027-09-05 jumps to 01:00, so that
        // instance starts at 04:30Z and keeps 30 minutes (an override).
        event(
            8,
            "America/Santiago",
            "2027-09-03T00:30",
            "2027-09-03T01:00",
            Some("FREQ=DAILY;COUNT=4"),
        ),
    ]
}

/// Weekly series across DST changes in both hemispheres, Lord Howe's 30-minute change,
/// Morocco's changes around Ramadan (+01 → +00 on 15 February 2026, back on 22 March) and
/// Mexico's last summer time, at office hours (no local time in a gap or an overlap).
pub fn world_dst_events() -> Vec<FeedEvent> {
    let stamp = at("2026-01-05T08:00:00Z");
    let series = |n: u32, tz: &str, start: &str, end: &str, rrule: &str| FeedEvent {
        uid: format!("world-{n}@tandem"),
        dtstamp: stamp,
        last_modified: stamp,
        created: stamp,
        sequence: 0,
        status: FeedStatus::Confirmed,
        summary: format!("weekly call in {tz}"),
        description: None,
        zone: zone(tz),
        local_start: local(start),
        local_end: local(end),
        rrule: Some(rrule.to_owned()),
        location: None,
        geo: None,
        categories: vec!["session".to_owned()],
        url: None,
        conference: Some(format!("https://meet.example.org/world/{n}")),
        related_to: vec![],
        organizer: secretariat(),
        transparent: false,
    };
    vec![
        series(
            1,
            "Africa/Casablanca",
            "2026-02-02T09:00",
            "2026-02-02T10:30",
            "FREQ=WEEKLY;COUNT=9",
        ),
        series(
            2,
            "America/Santiago",
            "2027-03-23T10:00",
            "2027-03-23T11:00",
            "FREQ=WEEKLY;COUNT=4",
        ),
        series(
            3,
            "America/Santiago",
            "2027-08-24T10:00",
            "2027-08-24T11:00",
            "FREQ=WEEKLY;COUNT=4",
        ),
        series(
            4,
            "Australia/Sydney",
            "2027-09-20T09:00",
            "2027-09-20T10:00",
            "FREQ=WEEKLY;COUNT=4",
        ),
        series(
            5,
            "Australia/Lord_Howe",
            "2027-03-24T09:00",
            "2027-03-24T10:00",
            "FREQ=WEEKLY;COUNT=4",
        ),
        series(
            6,
            "Australia/Lord_Howe",
            "2027-09-22T18:00",
            "2027-09-22T19:00",
            "FREQ=WEEKLY;COUNT=3",
        ),
        series(
            7,
            "America/New_York",
            "2027-03-04T15:00",
            "2027-03-04T16:00",
            "FREQ=WEEKLY;COUNT=3",
        ),
        // Mexico's last summer time (2022): its VTIMEZONE closes both rules with UNTIL.
        series(
            8,
            "America/Mexico_City",
            "2022-03-28T10:00",
            "2022-03-28T11:00",
            "FREQ=WEEKLY;COUNT=3",
        ),
    ]
}

/// The edge events whose local start lies inside a DST gap.
pub const GAP_START_UIDS: [&str; 2] = ["edge-1@tandem", "edge-5@tandem"];

/// The edge events with a local start or end that happens twice (fall-back).
pub const FOLD_UIDS: [&str; 3] = ["edge-2@tandem", "edge-4@tandem", "edge-7@tandem"];

fn feed(name: &str, description: &str, events: Vec<FeedEvent>) -> FeedCalendar {
    FeedCalendar {
        name: name.to_owned(),
        description: description.to_owned(),
        refresh_interval: Duration::hours(6),
        events,
        languages: tandem_ical::render::FeedLanguages::default(),
    }
}

/// Every sample feed, by file name.
pub fn feeds() -> Vec<(&'static str, FeedCalendar)> {
    vec![
        (
            "afr_region",
            feed(
                "tandem — Africa (AFR)",
                "ITU meetings and workshops in the Africa region, co-located where possible.",
                vec![sg3rg_afr_meeting(), colocated_workshop()],
            ),
        ),
        (
            "cancelled_event",
            feed("SG5RG-ARB meeting", "", vec![cancelled_meeting()]),
        ),
        (
            "zurich_weekly_dst",
            feed(
                "ITU-T SG3",
                "Study Group 3 sessions",
                vec![zurich_weekly_session()],
            ),
        ),
        (
            "private_mixed_zones",
            feed(
                "My ITU meetings, BDT field office",
                "Private feed: do not share this address.",
                private_events(),
            ),
        ),
        (
            "edges",
            feed("edges", "Local times at DST changes", edge_events()),
        ),
        (
            "world_dst",
            feed(
                "World DST",
                "Weekly calls across DST changes on every continent",
                world_dst_events(),
            ),
        ),
    ]
}

/// A participant's free/busy over March 2027.
pub fn freebusy() -> FreeBusy {
    FreeBusy {
        uid: "fb-7d2c1e0a-4b3f-4a5e-9c8d-1f2e3d4c5b6a@tandem".to_owned(),
        dtstamp: at("2027-03-01T00:00:00Z"),
        start: at("2027-03-01T00:00:00Z"),
        end: at("2027-04-01T00:00:00Z"),
        organizer: Organizer {
            name: "Amina Diallo".to_owned(),
            email: "amina.diallo@example.org".to_owned(),
        },
        url: Some("https://tandem.example.org/feeds/freebusy/REDACTED.ics".to_owned()),
        busy: vec![
            (at("2027-03-10T08:00:00Z"), at("2027-03-11T16:30:00Z")),
            (at("2027-03-09T08:00:00Z"), at("2027-03-09T16:00:00Z")),
            (at("2027-03-09T15:00:00Z"), at("2027-03-09T17:00:00Z")),
            (at("2027-02-27T22:00:00Z"), at("2027-03-01T02:00:00Z")),
            (at("2027-03-16T13:00:00Z"), at("2027-03-16T14:30:00Z")),
            (at("2027-03-30T12:00:00Z"), at("2027-03-30T13:30:00Z")),
        ],
        tentative: vec![
            (at("2027-03-11T15:00:00Z"), at("2027-03-11T18:00:00Z")),
            (at("2027-03-23T12:00:00Z"), at("2027-03-23T13:30:00Z")),
        ],
    }
}

/// Name of the free/busy sample file.
pub const FREEBUSY_NAME: &str = "freebusy";

/// The free/busy periods the sample must publish: (FBTYPE, start, end), sorted by start.
pub fn expected_freebusy() -> Vec<(&'static str, DateTime<Utc>, DateTime<Utc>)> {
    vec![
        (
            "BUSY",
            at("2027-03-01T00:00:00Z"),
            at("2027-03-01T02:00:00Z"),
        ),
        (
            "BUSY",
            at("2027-03-09T08:00:00Z"),
            at("2027-03-09T17:00:00Z"),
        ),
        (
            "BUSY",
            at("2027-03-10T08:00:00Z"),
            at("2027-03-11T16:30:00Z"),
        ),
        (
            "BUSY-TENTATIVE",
            at("2027-03-11T16:30:00Z"),
            at("2027-03-11T18:00:00Z"),
        ),
        (
            "BUSY",
            at("2027-03-16T13:00:00Z"),
            at("2027-03-16T14:30:00Z"),
        ),
        (
            "BUSY-TENTATIVE",
            at("2027-03-23T12:00:00Z"),
            at("2027-03-23T13:30:00Z"),
        ),
        (
            "BUSY",
            at("2027-03-30T12:00:00Z"),
            at("2027-03-30T13:30:00Z"),
        ),
    ]
}

/// One expected occurrence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expected {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub uid: String,
}

/// The occurrences an event stands for: what tandem stores for it.
pub fn expected_occurrences(event: &FeedEvent) -> Vec<Expected> {
    EventTiming::stored(
        event.zone,
        event.local_start,
        event.local_end,
        event.rrule.as_deref(),
    )
    .and_then(|timing| timing.occurrences())
    .unwrap_or_else(|e| panic!("sample event {}: {}", event.uid, e.message))
    .into_iter()
    .map(|interval| Expected {
        start: interval.start,
        end: interval.end,
        uid: event.uid.clone(),
    })
    .collect()
}

/// Every occurrence of a feed, sorted.
pub fn expected_feed(feed: &FeedCalendar) -> Vec<Expected> {
    let mut all: Vec<Expected> = feed.events.iter().flat_map(expected_occurrences).collect();
    all.sort();
    all
}

/// `2027-03-10T08:00:00Z`.
pub fn z(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A local date at midnight (for spans).
pub fn midnight(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("date")
}
