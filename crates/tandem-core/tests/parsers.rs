//! Every parser that text from a request reaches, over arbitrary strings (issue 12): none
//! panics, each either accepts or names what is wrong, and what it accepts reads back the
//! same after formatting (a round trip) where the value has a canonical spelling.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use proptest::prelude::*;
use tandem_core::clash::{ClashKind, Severity};
use tandem_core::colocation::Placement;
use tandem_core::search::SearchRequest;
use tandem_core::time::{
    format_local_datetime, parse_date, parse_instant, parse_local_datetime, FIRST_DATE, LAST_DATE,
};
use tandem_core::{
    Attendance, CountryCode, EventKind, EventMode, EventStatus, EventTiming, LocalTimeOfDay,
    ParticipantId, Recurrence, RegionCode, Title, WeekdaySet, Zone,
};

/// Text that looks like what each parser expects, damaged: digits, separators, letters a
/// rule uses, and multi-byte characters where a byte index would split one.
fn near_miss() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => proptest::char::range('0', '9'),
            2 => prop::sample::select(vec!['-', ':', 'T', 'Z', '+', ';', '=', ',', ' ', '/']),
            1 => prop::sample::select(vec!['é', 'ß', '∞', '🌍', '\u{0}', '\u{feff}']),
            1 => proptest::char::range('A', 'Z'),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Arbitrary text, or text near what the parsers expect.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), near_miss()]
}

/// A local date-time on a minute, within the accepted dates.
fn accepted_local() -> impl Strategy<Value = NaiveDateTime> {
    let days = (LAST_DATE - FIRST_DATE).num_days();
    (0..=days, 0i64..1440).prop_map(|(d, m)| {
        FIRST_DATE.and_hms_opt(0, 0, 0).unwrap() + Duration::days(d) + Duration::minutes(m)
    })
}

/// Rule parts, valid and not, joined into RRULE-like text.
fn rule_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("FREQ=DAILY".to_owned()),
        Just("FREQ=WEEKLY".to_owned()),
        Just("FREQ=MONTHLY".to_owned()),
        Just("FREQ=YEARLY".to_owned()),
        (0u32..700).prop_map(|n| format!("COUNT={n}")),
        (0u32..30).prop_map(|n| format!("INTERVAL={n}")),
        (-40i32..40).prop_map(|n| format!("BYMONTHDAY={n}")),
        (0u32..14).prop_map(|n| format!("BYMONTH={n}")),
        (
            -60i32..60,
            prop::sample::select(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU", "XX"])
        )
            .prop_map(|(n, d)| if n == 0 {
                format!("BYDAY={d}")
            } else {
                format!("BYDAY={n}{d}")
            }),
        (-400i32..400).prop_map(|n| format!("BYSETPOS={n}")),
        (-400i32..400).prop_map(|n| format!("BYYEARDAY={n}")),
        (-60i32..60).prop_map(|n| format!("BYWEEKNO={n}")),
        (0u32..70).prop_map(|n| format!("BYHOUR={n}")),
        prop::sample::select(vec!["WKST=SU", "WKST=MO", "WKST=XX"]).prop_map(str::to_owned),
        (1985i32..2110, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("UNTIL={y:04}{m:02}{d:02}")),
        (2020i32..2040, 1u32..13, 1u32..29, 0u32..24)
            .prop_map(|(y, m, d, h)| format!("UNTIL={y:04}{m:02}{d:02}T{h:02}0000Z")),
        near_miss(),
    ];
    prop::collection::vec(part, 1..5).prop_map(|parts| parts.join(";"))
}

fn zones() -> impl Strategy<Value = Zone> {
    prop::sample::select(vec![
        "Europe/Zurich",
        "America/Santiago",
        "Australia/Lord_Howe",
        "Asia/Kathmandu",
        "UTC",
    ])
    .prop_map(|z| Zone::parse(z).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Local date-times: no text panics; what is accepted formats back to text that parses
    /// to the same wall-clock time.
    #[test]
    fn local_datetimes(text in text()) {
        if let Ok(local) = parse_local_datetime(&text) {
            prop_assert_eq!(parse_local_datetime(&format_local_datetime(local)).ok(), Some(local));
        }
    }

    /// Local date-times near the expected shape (the issue's `2027-03-10T` and
    /// `2027-03-10Té9:00` among them) never panic either.
    #[test]
    fn local_datetimes_near_the_shape(tail in text()) {
        let _ = parse_local_datetime(&format!("2027-03-10T{tail}"));
        let _ = parse_local_datetime(&format!("2027-03-10T09:00{tail}"));
        let _ = parse_local_datetime(&format!("{tail}T09:00"));
    }

    /// Every accepted local date-time formats and parses back to itself.
    #[test]
    fn local_datetimes_round_trip(local in accepted_local()) {
        prop_assert_eq!(parse_local_datetime(&format_local_datetime(local)).unwrap(), local);
    }

    /// Dates: no text panics; every date in bounds round-trips and every other is refused.
    #[test]
    fn dates(text in text(), days in -40_000i64..80_000) {
        let _ = parse_date(&text);
        let _ = parse_date(&format!("2027-{text}"));
        let date = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Duration::days(days);
        let parsed = parse_date(&date.to_string());
        if (FIRST_DATE..=LAST_DATE).contains(&date) {
            prop_assert_eq!(parsed.unwrap(), date);
        } else {
            prop_assert!(parsed.is_err());
        }
    }

    /// Times of day: no text panics; every minute of the day (and 24:00) round-trips.
    #[test]
    fn times_of_day(text in text(), minutes in 0u16..=1440) {
        let _ = LocalTimeOfDay::parse(&text);
        let time = LocalTimeOfDay::from_minutes(minutes).unwrap();
        prop_assert_eq!(LocalTimeOfDay::parse(&time.to_string()).unwrap(), time);
    }

    /// Instants: no text panics, and the field is always named; accepted instants in
    /// bounds round-trip through RFC 3339 with any offset.
    #[test]
    fn instants(text in text(), seconds in 631_152_000i64..4_102_444_800, offset in -50_400i32..=50_400) {
        if let Err(e) = parse_instant(&text, "from") {
            prop_assert_eq!(e.field, "from");
        }
        let instant = DateTime::<Utc>::from_timestamp(seconds, 0).unwrap();
        let zone = chrono::FixedOffset::east_opt(offset - offset % 60).unwrap();
        let written = instant.with_timezone(&zone).to_rfc3339();
        prop_assert_eq!(parse_instant(&written, "from").unwrap(), instant);
    }

    /// Zones: no text panics.
    #[test]
    fn zone_names(text in text()) {
        if let Ok(zone) = Zone::parse(&text) {
            prop_assert_eq!(Zone::parse(zone.name()).unwrap(), zone);
        }
    }

    /// Rules: no text panics in parsing, in checking a start against the rule or in
    /// expanding it; an accepted rule's published form is accepted again, unchanged, and a
    /// start the rule accepts is its first occurrence, of at most 500.
    #[test]
    fn recurrence_rules(rule in prop_oneof![text(), rule_text()], zone in zones(), start in accepted_local()) {
        let Ok(parsed) = Recurrence::parse(&rule, zone) else { return Ok(()); };
        let again = Recurrence::parse(parsed.published(), zone).unwrap();
        prop_assert_eq!(again.published(), parsed.published());
        if parsed.check_start(start).is_ok() {
            if let Ok(starts) = parsed.wall_clock_starts(start) {
                prop_assert_eq!(starts.first(), Some(&start));
                prop_assert!(starts.len() <= tandem_core::recurrence::MAX_OCCURRENCES);
            }
        }
    }

    /// Event timings from text, as the API builds them: never a panic, and an accepted
    /// timing has occurrences, none empty.
    #[test]
    fn event_timings(start in text(), end in text(), rule in proptest::option::of(rule_text()), zone in zones()) {
        let (Ok(start), Ok(end)) = (parse_local_datetime(&start), parse_local_datetime(&end)) else {
            return Ok(());
        };
        if let Ok(timing) = EventTiming::new(zone, start, end, rule.as_deref()) {
            let occurrences = timing.occurrences().unwrap();
            prop_assert!(!occurrences.is_empty());
            prop_assert!(occurrences.iter().all(|o| !o.is_empty()));
        }
    }

    /// The short codes and names of requests: no text panics, and every wire spelling
    /// reads back as its value.
    #[test]
    fn codes_and_names(text in text()) {
        let _ = text.parse::<EventKind>();
        let _ = text.parse::<EventMode>();
        let _ = text.parse::<EventStatus>();
        let _ = text.parse::<Attendance>();
        let _ = text.parse::<RegionCode>();
        let _ = ClashKind::parse(&text);
        let _ = Severity::parse(&text);
        let _ = Placement::parse(&text);
        let _ = WeekdaySet::parse(&[text.as_str()]);
        if let Ok(code) = CountryCode::parse(&text) {
            prop_assert_eq!(CountryCode::parse(code.as_str()).unwrap(), code);
        }
        if let Ok(title) = Title::parse(&text) {
            prop_assert_eq!(Title::parse(title.as_str()).unwrap(), title);
        }
        if let Ok(id) = ParticipantId::parse(&text) {
            prop_assert_eq!(ParticipantId::parse(id.as_str()).unwrap(), id);
        }
    }

    /// A window search whose text fields are arbitrary validates (or names what is wrong)
    /// without panicking.
    #[test]
    fn search_requests(
        start in text(), end in text(), tz in text(), day in text(), hour in text(),
        holiday in text(), busy in text(), attendance in text(),
    ) {
        let request: SearchRequest = serde_json::from_value(serde_json::json!({
            "range": {"start": start, "end": end},
            "duration_minutes": 60,
            "venue_tz": tz,
            "participants": [{
                "id": "p", "tz": tz, "attendance": attendance,
                "working_hours": {"days": [day], "start": hour, "end": hour},
                "acceptable_hours": {"start": hour},
                "holidays": [holiday],
                "busy": [{"start": busy, "end": end}]
            }]
        })).unwrap();
        let _ = request.validate();
    }
}

#[test]
fn the_issues_two_bodies_are_refused_by_the_parser() {
    for text in ["2027-03-10T", "2027-03-10Té9:00"] {
        let error = parse_local_datetime(text).unwrap_err();
        assert!(error.message.contains(text), "{error}");
    }
}

#[test]
fn every_tz_database_name_round_trips() {
    for tz in chrono_tz::TZ_VARIANTS {
        let zone = Zone::parse(tz.name()).unwrap();
        assert_eq!(zone.name(), tz.name());
    }
}

#[test]
fn every_wire_spelling_round_trips() {
    for k in EventKind::ALL {
        assert_eq!(k.as_str().parse::<EventKind>().unwrap(), *k);
    }
    for m in EventMode::ALL {
        assert_eq!(m.as_str().parse::<EventMode>().unwrap(), *m);
    }
    for s in EventStatus::ALL {
        assert_eq!(s.as_str().parse::<EventStatus>().unwrap(), *s);
    }
    for a in Attendance::ALL {
        assert_eq!(a.as_str().parse::<Attendance>().unwrap(), *a);
    }
    for k in ClashKind::ALL {
        assert_eq!(ClashKind::parse(k.as_str()), Some(k));
    }
    for p in [Placement::Before, Placement::After, Placement::During] {
        assert_eq!(Placement::parse(p.as_str()), Some(p));
    }
}
