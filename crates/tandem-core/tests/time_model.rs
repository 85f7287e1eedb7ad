//! Property tests of the time model (DESIGN §2) against a brute-force reference that knows
//! nothing of chrono's `LocalResult`: it scans UTC minutes around a local time and applies
//! RFC 5545 §3.3.5 literally.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use proptest::prelude::*;
use tandem_core::recurrence::occurrence;
use tandem_core::time::Resolution;
use tandem_core::{EventTiming, Interval, Recurrence, Zone};

/// Zones with every kind of trouble: northern and southern DST, 30- and 45-minute offsets,
/// Lord Howe's 30-minute DST, Chatham's +12:45, a skipped day (Apia), Ramadan DST
/// (Casablanca), rules that changed (Cairo 2023, Asunción 2024, Tehran 2022, Mexico City
/// 2022, São Paulo 2019, Moscow 2011/2014), and Fri–Sat weekend countries.
const ZONES: &[&str] = &[
    "Europe/Zurich",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "America/St_Johns",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Africa/Casablanca",
    "Africa/Cairo",
    "America/Asuncion",
    "Asia/Tehran",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/Moscow",
    "Asia/Riyadh",
    "Africa/Douala",
    "America/New_York",
    "Pacific/Auckland",
];

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

/// RFC 5545 by brute force: the first instant showing `local` on the zone's clocks; if none
/// does (a gap), `local` read with the offset in force just before the clocks jumped over it.
fn reference(zone: Zone, local: NaiveDateTime) -> DateTime<Utc> {
    let guess = local.and_utc();
    let window = (-16 * 60..=16 * 60).map(|m| guess + Duration::minutes(m));
    let mut latest_before = None;
    for u in window {
        let shown = zone.local(u);
        if shown == local {
            return u;
        }
        if shown < local {
            latest_before = Some(u);
        }
    }
    let before = latest_before.expect("an instant before the gap lies within 16 hours");
    (local - zone.offset_at(before)).and_utc()
}

/// Instants at which the zone's offset changes during `year` (hour resolution, then minute).
fn transitions(zone: Zone, year: i32) -> Vec<DateTime<Utc>> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap()
        .and_time(NaiveTime::MIN)
        .and_utc();
    let mut found = Vec::new();
    let mut previous = zone.offset_at(start);
    for h in 1..=(366 * 24) {
        let t = start + Duration::hours(h);
        let offset = zone.offset_at(t);
        if offset != previous {
            let mut m = t - Duration::hours(1);
            while zone.offset_at(m) == previous {
                m += Duration::minutes(1);
            }
            found.push(m);
            previous = offset;
        }
    }
    found
}

fn any_zone() -> impl Strategy<Value = Zone> {
    proptest::sample::select(ZONES).prop_map(zone)
}

fn any_local() -> impl Strategy<Value = NaiveDateTime> {
    (1985i32..2060, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60).prop_map(|(y, mo, d, h, mi)| {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    })
}

/// A local time within 90 minutes of one of the zone's transitions: half land in gaps or
/// overlaps.
fn near_transition() -> impl Strategy<Value = (Zone, NaiveDateTime)> {
    (
        any_zone(),
        2000i32..2040,
        any::<prop::sample::Index>(),
        -90i64..=90,
    )
        .prop_filter_map(
            "zone has no transition that year",
            |(zone, year, index, minutes)| {
                let list = transitions(zone, year);
                if list.is_empty() {
                    return None;
                }
                let t = *index.get(&list);
                let local = zone.local(t - Duration::seconds(1))
                    + Duration::seconds(1)
                    + Duration::minutes(minutes);
                Some((zone, local.with_second(0).unwrap()))
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Every local time maps to the instant RFC 5545 assigns (random times).
    #[test]
    fn resolve_matches_rfc5545_anywhere(zone in any_zone(), local in any_local()) {
        prop_assert_eq!(zone.resolve(local), reference(zone, local));
    }

    /// Every local time near a DST or rule change maps to the instant RFC 5545 assigns:
    /// gaps take the offset before, overlaps their first occurrence.
    #[test]
    fn resolve_matches_rfc5545_near_transitions((zone, local) in near_transition()) {
        prop_assert_eq!(zone.resolve(local), reference(zone, local));
    }

    /// A resolution says truthfully what happened: an exact or ambiguous time shows on the
    /// clock at its instant(s), and a gap time never does.
    #[test]
    fn resolution_kinds_are_truthful((zone, local) in near_transition()) {
        match zone.resolution(local) {
            Resolution::Exact(u) => prop_assert_eq!(zone.local(u), local),
            Resolution::Ambiguous { first, second } => {
                prop_assert!(first < second);
                prop_assert_eq!(zone.local(first), local);
                prop_assert_eq!(zone.local(second), local);
            }
            Resolution::Gap { instant } => {
                prop_assert!(zone.local(instant) > local, "the clock shows a later time after a gap");
            }
        }
    }

    /// A local day runs from the RFC 5545 instant of its midnight to that of the next one,
    /// so it lasts 23, 25 or 23.5 hours on DST days (and 24 when a gap swallows midnight).
    #[test]
    fn days_run_midnight_to_midnight(zone in any_zone(), local in any_local()) {
        let date = local.date();
        let day = zone.day(date);
        prop_assert_eq!(day.start, reference(zone, date.and_time(NaiveTime::MIN)));
        prop_assert_eq!(day.end, reference(zone, date.succ_opt().unwrap().and_time(NaiveTime::MIN)));
    }

    /// Overlap of half-open intervals is symmetric and back-to-back intervals never overlap.
    #[test]
    fn half_open_overlap(a in 0i64..1000, la in 1i64..500, b in 0i64..1000, lb in 1i64..500) {
        let at = |m: i64| DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(m);
        let x = Interval::new(at(a), at(a + la)).unwrap();
        let y = Interval::new(at(b), at(b + lb)).unwrap();
        prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
        prop_assert_eq!(x.overlaps(&y), a < b + lb && b < a + la);
        let next = Interval::new(x.end, x.end + Duration::minutes(lb)).unwrap();
        prop_assert!(!x.overlaps(&next));
    }

    /// A weekly series keeps its local wall-clock start in every week, DST or not, unless
    /// that week's start falls in a gap (then it follows the RFC 5545 rule).
    #[test]
    fn weekly_series_keep_local_time(zone in any_zone(), local in any_local(), count in 2u32..40) {
        let rule = Recurrence::parse(&format!("FREQ=WEEKLY;COUNT={count}"), zone).unwrap();
        let starts = rule.wall_clock_starts(local).unwrap();
        prop_assert_eq!(starts.len(), count as usize);
        for (k, start) in starts.iter().enumerate() {
            prop_assert_eq!(*start, local + Duration::weeks(i64::try_from(k).unwrap()));
            let o = occurrence(zone, *start, Duration::minutes(90), Duration::minutes(90));
            prop_assert_eq!(o.start, reference(zone, *start));
            if !zone.resolution(*start).is_gap() {
                prop_assert_eq!(zone.local(o.start), *start);
            }
        }
    }

    /// DESIGN §4: no occurrence of a daily series is ever dropped, whatever DST gap its
    /// start or end falls in. Each starts at the RFC 5545 instant of its wall-clock start and
    /// ends at that of its wall-clock end, unless that comes at or before the start, where it
    /// lasts exactly as long as the first occurrence.
    #[test]
    fn series_near_transitions_keep_every_occurrence(
        (zone, local) in near_transition(),
        back_days in 0i64..3,
        length_minutes in 1i64..=180,
    ) {
        let first = local - Duration::days(back_days);
        let end = first + Duration::minutes(length_minutes);
        let Ok(timing) = EventTiming::new(zone, first, end, Some("FREQ=DAILY;COUNT=5")) else {
            // The first occurrence itself lies in a gap (refused where a person types it).
            return Ok(());
        };
        let exact = reference(zone, end) - reference(zone, first);
        let instances = timing.instances().unwrap();
        prop_assert_eq!(instances.len(), 5);
        for (k, instance) in instances.iter().enumerate() {
            let start = first + Duration::days(i64::try_from(k).unwrap());
            prop_assert_eq!(instance.local_start, start);
            let from = reference(zone, start);
            let to = reference(zone, start + Duration::minutes(length_minutes));
            prop_assert_eq!(instance.interval.start, from);
            prop_assert_eq!(instance.interval.end, if to > from { to } else { from + exact });
            prop_assert!(!instance.interval.is_empty());
        }
    }
}

#[test]
fn reference_agrees_on_known_cases() {
    let z = zone("Europe/Zurich");
    let l = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
    assert_eq!(
        reference(z, l("2027-03-28T02:30")).to_rfc3339(),
        "2027-03-28T01:30:00+00:00"
    );
    assert_eq!(
        reference(z, l("2027-10-31T02:30")).to_rfc3339(),
        "2027-10-31T00:30:00+00:00"
    );
    assert!(
        !transitions(zone("Asia/Riyadh"), 2027).iter().any(|_| true),
        "Riyadh has no DST"
    );
    assert_eq!(transitions(z, 2027).len(), 2);
}
