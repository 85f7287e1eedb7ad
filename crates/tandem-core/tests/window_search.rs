//! The window search engine against a brute-force implementation of the same rules
//! (DESIGN §3), on random inputs over zones with DST gaps and overlaps, southern-hemisphere
//! DST, +05:45, Lord Howe's 30-minute DST, Fri–Sat weekends and in-person participants.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use tandem_core::search::{search, DailyHours, SearchParticipant, WindowQuery};
use tandem_core::{Attendance, Interval, LocalTimeOfDay, WeekdaySet, Zone};

const ZONES: &[&str] = &[
    "Europe/Zurich",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Asia/Riyadh",
    "Africa/Cairo",
    "America/St_Johns",
    "Pacific/Auckland",
    "America/New_York",
    "Africa/Casablanca",
];

/// Local dates around the DST changes of 2027 in many of those zones.
const STARTS: &[&str] = &[
    "2027-03-12",
    "2027-03-26",
    "2027-04-02",
    "2027-04-23",
    "2027-09-24",
    "2027-10-01",
    "2027-10-29",
    "2027-11-05",
    "2027-02-15",
    "2027-06-10",
];

fn at(date: &str, minutes: i64) -> DateTime<Utc> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        + Duration::minutes(minutes)
}

fn days(mask: u8) -> WeekdaySet {
    let names: Vec<&str> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect();
    WeekdaySet::parse(&names).unwrap()
}

/// Hours on some days; a quarter of them around the clock (00:00–24:00), mostly on every
/// day, so that windows across midnight are judged (§3.4).
fn hours() -> impl Strategy<Value = DailyHours> {
    let daytime = (1u8..128, 0u16..=20, 1u16..=10).prop_map(|(mask, start, len)| {
        let start_min = start * 60 + if start % 3 == 1 { 30 } else { 0 };
        let end_min = (start_min + len * 90).min(24 * 60);
        DailyHours {
            days: days(mask),
            start: LocalTimeOfDay::from_minutes(start_min).unwrap(),
            end: LocalTimeOfDay::from_minutes(end_min.max(start_min + 30)).unwrap(),
        }
    });
    let around_the_clock = prop_oneof![Just(127u8), 1u8..128].prop_map(|mask| DailyHours {
        days: days(mask),
        start: LocalTimeOfDay::MIDNIGHT,
        end: LocalTimeOfDay::END_OF_DAY,
    });
    prop_oneof![3 => daytime, 1 => around_the_clock]
}

fn participant(
    range_start: DateTime<Utc>,
    venue: Zone,
) -> impl Strategy<Value = SearchParticipant> {
    (
        proptest::sample::select(ZONES),
        any::<bool>(),
        prop::bool::weighted(0.4),
        0u8..=6,
        hours(),
        hours(),
        prop::collection::vec((0i64..4 * 24 * 4, 1i64..16), 0..6),
        prop::collection::vec(0i64..4, 0..2),
    )
        .prop_map(
            move |(zone, in_person, required, weight, working, acceptable, busy, holidays)| {
                let own = Zone::parse(zone).unwrap();
                let zone = if in_person { venue } else { own };
                SearchParticipant {
                    id: String::new(),
                    zone,
                    attendance: if in_person {
                        Attendance::InPerson
                    } else {
                        Attendance::Remote
                    },
                    required,
                    weight: f64::from(weight) * 0.5,
                    working,
                    acceptable,
                    holidays: holidays
                        .iter()
                        .map(|d| zone.local(range_start).date() + Duration::days(*d))
                        .collect(),
                    busy: busy
                        .iter()
                        .map(|(s, l)| {
                            let start = range_start + Duration::minutes(s * 15);
                            Interval::new(start, start + Duration::minutes(l * 15)).unwrap()
                        })
                        .collect(),
                }
            },
        )
}

fn query() -> impl Strategy<Value = WindowQuery> {
    (
        proptest::sample::select(STARTS),
        0i64..24 * 4,
        1i64..=3,
        1i64..=12,
        proptest::sample::select(&[5i64, 15, 30, 60][..]),
        1usize..=6,
        proptest::sample::select(ZONES),
    )
        .prop_flat_map(|(day, offset, days, duration, step, limit, venue)| {
            let start = at(day, offset * 15);
            let venue = Zone::parse(venue).unwrap();
            prop::collection::vec(participant(start, venue), 1..=5).prop_map(
                move |mut participants| {
                    for (i, p) in participants.iter_mut().enumerate() {
                        p.id = format!("p{i}");
                    }
                    WindowQuery {
                        range: Interval::new(start, start + Duration::days(days)).unwrap(),
                        duration: Duration::minutes(duration * 20),
                        step: Duration::minutes(step),
                        limit,
                        participants,
                    }
                },
            )
        })
}

/// DESIGN §3 read literally, one candidate and one participant at a time.
mod reference {
    use super::*;

    pub struct Found {
        pub start: DateTime<Utc>,
        pub available: Vec<String>,
        pub unavailable: Vec<String>,
        pub score: f64,
        pub inconvenience_minutes: i64,
    }

    fn daily(zone: Zone, hours: DailyHours, range: Interval) -> Vec<Interval> {
        let mut out = Vec::new();
        let mut d = zone.local(range.start).date() - Duration::days(2);
        while d <= zone.local(range.end).date() + Duration::days(2) {
            if hours.days.contains_date(d) {
                out.push(Interval {
                    start: zone.resolve(hours.start.on(d)),
                    end: zone.resolve(hours.end.on(d)),
                });
            }
            d = d.succ_opt().unwrap();
        }
        out
    }

    /// §3.4: the acceptable intervals, each chain of touching ones (one day's end is the
    /// next one's start) joined into one.
    fn acceptable(zone: Zone, hours: DailyHours, range: Interval) -> Vec<Interval> {
        let mut joined: Vec<Interval> = Vec::new();
        for i in daily(zone, hours, range)
            .into_iter()
            .filter(|i| !i.is_empty())
        {
            match joined.last_mut() {
                Some(last) if last.end == i.start => last.end = i.end,
                _ => joined.push(i),
            }
        }
        joined
    }

    fn available(p: &SearchParticipant, w: Interval, range: Interval) -> bool {
        let inside = acceptable(p.zone, p.acceptable, range)
            .iter()
            .any(|a| a.start <= w.start && w.end <= a.end);
        let busy = p
            .busy
            .iter()
            .filter(|b| !b.is_empty())
            .any(|b| b.overlaps(&w))
            || p.holidays.iter().any(|d| p.zone.day(*d).overlaps(&w));
        inside && !busy
    }

    fn minutes_outside_work(p: &SearchParticipant, w: Interval, range: Interval) -> i64 {
        let working = daily(p.zone, p.working, range);
        let mut outside = 0;
        let mut m = w.start;
        while m < w.end {
            if !working.iter().any(|i| i.start <= m && m < i.end) {
                outside += 1;
            }
            m += Duration::minutes(1);
        }
        outside
    }

    pub fn run(q: &WindowQuery) -> (Vec<Found>, u64, Vec<u64>) {
        let mut candidates = Vec::new();
        let mut blocked = vec![0; q.participants.len()];
        let mut count = 0;
        let mut s = q.range.start;
        while s + q.duration <= q.range.end {
            count += 1;
            let w = Interval {
                start: s,
                end: s + q.duration,
            };
            let flags: Vec<bool> = q
                .participants
                .iter()
                .map(|p| available(p, w, q.range))
                .collect();
            for ((p, ok), count) in q.participants.iter().zip(&flags).zip(&mut blocked) {
                if p.required && !ok {
                    *count += 1;
                }
            }
            if q.participants
                .iter()
                .zip(&flags)
                .all(|(p, ok)| !p.required || *ok)
            {
                let mut score = 0.0;
                let mut inconvenience = 0;
                let (mut yes, mut no) = (Vec::new(), Vec::new());
                for (p, ok) in q.participants.iter().zip(&flags) {
                    if *ok {
                        if !p.required {
                            score += p.weight;
                        }
                        inconvenience += minutes_outside_work(p, w, q.range);
                        yes.push(p.id.clone());
                    } else {
                        no.push(p.id.clone());
                    }
                }
                candidates.push(Found {
                    start: s,
                    available: yes,
                    unavailable: no,
                    score,
                    inconvenience_minutes: inconvenience,
                });
            }
            s += q.step;
        }
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.inconvenience_minutes.cmp(&b.inconvenience_minutes))
                .then(a.start.cmp(&b.start))
        });
        let mut taken: Vec<Found> = Vec::new();
        for c in candidates {
            if taken.len() == q.limit {
                break;
            }
            let w = Interval {
                start: c.start,
                end: c.start + q.duration,
            };
            if taken.iter().all(|t| {
                !Interval {
                    start: t.start,
                    end: t.start + q.duration,
                }
                .overlaps(&w)
            }) {
                taken.push(c);
            }
        }
        (taken, count, blocked)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// The sweep returns exactly the windows, scores, inconvenience, availability and
    /// diagnostics that the literal rules give.
    #[test]
    fn engine_matches_brute_force(q in query()) {
        let result = search(&q);
        let (expected, count, blocked) = reference::run(&q);
        prop_assert_eq!(result.diagnostics.candidates, count);
        let required_blocked: Vec<u64> = q.participants.iter().zip(&blocked).filter(|(p, _)| p.required).map(|(_, b)| *b).collect();
        let got_blocked: Vec<u64> = result.diagnostics.blocked_by.iter().map(|(_, b)| *b).collect();
        prop_assert_eq!(got_blocked, required_blocked);
        prop_assert_eq!(result.windows.len(), expected.len());
        for (w, e) in result.windows.iter().zip(&expected) {
            prop_assert_eq!(w.start, e.start);
            prop_assert_eq!(w.end, e.start + q.duration);
            prop_assert_eq!(&w.available, &e.available);
            prop_assert_eq!(&w.unavailable, &e.unavailable);
            prop_assert!((w.score - e.score).abs() < 1e-9);
            prop_assert_eq!(w.inconvenience_minutes, e.inconvenience_minutes);
        }
    }

    /// A window returned is never inside a busy interval or holiday of a required
    /// participant, and always inside one of their acceptable intervals.
    #[test]
    fn windows_respect_required_participants(q in query()) {
        for w in search(&q).windows {
            let span = Interval { start: w.start, end: w.end };
            for p in q.participants.iter().filter(|p| p.required) {
                prop_assert!(!p.busy.iter().any(|b| !b.is_empty() && b.overlaps(&span)));
                prop_assert!(!p.holidays.iter().any(|d| p.zone.day(*d).overlaps(&span)));
            }
        }
    }
}

/// §3.4 at midnight, where DST makes it hardest: in Santiago the clocks jump from 00:00 to
/// 01:00 on 2027-09-05, so 4 September ends (and 5 September starts) at 04:00Z. A
/// participant acceptable around the clock is available for every window across that
/// midnight and the one before, as the brute force says.
#[test]
fn around_the_clock_is_available_across_midnight() {
    let zone = Zone::parse("America/Santiago").unwrap();
    let every_day = DailyHours {
        days: days(127),
        start: LocalTimeOfDay::MIDNIGHT,
        end: LocalTimeOfDay::END_OF_DAY,
    };
    let start = at("2027-09-03", 23 * 60);
    let q = WindowQuery {
        range: Interval::new(start, start + Duration::days(2)).unwrap(),
        duration: Duration::hours(3),
        step: Duration::minutes(30),
        limit: 100,
        participants: vec![SearchParticipant {
            id: "santiago".into(),
            zone,
            attendance: Attendance::Remote,
            required: true,
            weight: 1.0,
            working: every_day,
            acceptable: every_day,
            holidays: vec![],
            busy: vec![],
        }],
    };
    let result = search(&q);
    let (expected, count, _) = reference::run(&q);
    assert_eq!(result.diagnostics.candidates, count);
    let got: Vec<DateTime<Utc>> = result.windows.iter().map(|w| w.start).collect();
    let want: Vec<DateTime<Utc>> = expected.iter().map(|e| e.start).collect();
    assert_eq!(got, want);
    // Every candidate is a window: back to back, 3 hours each, across both midnights.
    assert_eq!(got.len(), 16);
    for midnight in [at("2027-09-04", 4 * 60), at("2027-09-05", 4 * 60)] {
        assert!(
            result
                .windows
                .iter()
                .any(|w| w.start < midnight && midnight < w.end),
            "no window across {midnight}"
        );
    }
}
