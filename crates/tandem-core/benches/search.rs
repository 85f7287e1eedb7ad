//! The window search engine alone (no parsing): the workload of shared/bench (participants
//! over 32 zones, one year, 2-hour windows at a 15-minute step, two required) with ~440
//! busy intervals per participant, at 50 and 1,000 participants and over growing horizons.

use chrono::{DateTime, Duration, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tandem_core::search::{search, DailyHours, SearchParticipant, WindowQuery};
use tandem_core::{Attendance, Interval, LocalTimeOfDay, WeekdaySet, Zone};

const ZONES: &[&str] = &[
    "Africa/Dakar",
    "Africa/Addis_Ababa",
    "Africa/Harare",
    "Africa/Douala",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Tunis",
    "Asia/Riyadh",
    "Asia/Dubai",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Apia",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/Tegucigalpa",
    "America/Barbados",
    "America/New_York",
    "America/Mexico_City",
    "Europe/Moscow",
    "Europe/Zurich",
    "Europe/London",
    "Asia/Almaty",
    "Asia/Tehran",
    "America/St_Johns",
];

/// A small deterministic generator, so every run measures the same workload.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        i64::try_from((self.0 >> 33) % n).unwrap_or(0)
    }
}

fn hours(days: WeekdaySet, start: u16, end: u16) -> DailyHours {
    DailyHours {
        days,
        start: LocalTimeOfDay::from_minutes(start * 60).unwrap(),
        end: LocalTimeOfDay::from_minutes(end * 60).unwrap(),
    }
}

fn workload(participants: usize, days: i64) -> WindowQuery {
    let start: DateTime<Utc> = "2027-01-04T00:00:00Z".parse().unwrap();
    let range = Interval::new(start, start + Duration::days(days)).unwrap();
    let mut rng = Lcg(42);
    let per_participant = 440 * days / 365;
    let people = (0..participants)
        .map(|i| {
            let zone = Zone::parse(ZONES.get(i % ZONES.len()).unwrap_or(&"UTC")).unwrap();
            let busy = (0..per_participant)
                .map(|_| {
                    let s = start
                        + Duration::minutes(rng.next(u64::try_from(days * 24 * 4).unwrap()) * 15);
                    Interval::new(s, s + Duration::minutes(30 + rng.next(4) * 30)).unwrap()
                })
                .collect();
            SearchParticipant {
                id: format!("p{i:04}"),
                zone,
                attendance: Attendance::Remote,
                required: i < 2,
                weight: 1.0,
                working: hours(WeekdaySet::MON_FRI, 9, 17),
                acceptable: hours(WeekdaySet::MON_FRI, 7, 22),
                holidays: Vec::new(),
                busy,
            }
        })
        .collect();
    WindowQuery {
        range,
        duration: Duration::minutes(120),
        step: Duration::minutes(15),
        limit: 10,
        participants: people,
    }
}

fn participants(c: &mut Criterion) {
    let mut group = c.benchmark_group("search/participants (one year)");
    group.sample_size(20);
    for n in [50, 200, 1000] {
        let q = workload(n, 365);
        group.bench_with_input(BenchmarkId::from_parameter(n), &q, |b, q| {
            b.iter(|| search(q));
        });
    }
    group.finish();
}

fn horizon(c: &mut Criterion) {
    let mut group = c.benchmark_group("search/horizon days (50 participants)");
    group.sample_size(20);
    for days in [91, 182, 365, 730] {
        let q = workload(50, days);
        group.bench_with_input(BenchmarkId::from_parameter(days), &q, |b, q| {
            b.iter(|| search(q));
        });
    }
    group.finish();
}

criterion_group!(benches, participants, horizon);
criterion_main!(benches);
