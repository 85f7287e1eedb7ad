//! Parse + busy of the 50 participant calendars of a window-search workload (DESIGN §3).
//!
//! With `TANDEM_BENCH_WORKLOAD=/var/tmp/wl50` (made by
//! `python3 shared/bench/gen_workload.py /var/tmp/wl50 --participants 50`) the files, zones
//! and range come from that workload's `request.json`; without it, 50 similar calendars
//! are generated here (weekly series with EXDATEs and moved occurrences, singles, all-day
//! leave) so the benchmark always runs.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tandem_core::{Interval, Zone};

struct Workload {
    calendars: Vec<(Vec<u8>, Zone)>,
    range: Interval,
}

fn load() -> Workload {
    match std::env::var("TANDEM_BENCH_WORKLOAD") {
        Ok(dir) => from_dir(&dir),
        Err(_) => generated(),
    }
}

fn from_dir(dir: &str) -> Workload {
    let request: serde_json::Value = serde_json::from_slice(
        &std::fs::read(format!("{dir}/request.json")).expect("request.json in the workload"),
    )
    .expect("request.json is JSON");
    let instant = |pointer: &str| {
        request
            .pointer(pointer)
            .and_then(serde_json::Value::as_str)
            .expect("range bounds")
            .parse()
            .expect("instant")
    };
    let range = Interval::new(instant("/range/start"), instant("/range/end")).expect("range");
    let mut calendars = Vec::new();
    let participants = request
        .get("participants")
        .and_then(serde_json::Value::as_array);
    for p in participants.expect("participants") {
        let tz = p.get("tz").and_then(serde_json::Value::as_str);
        let zone = Zone::parse(tz.expect("tz")).expect("zone");
        let files = p.get("calendars").and_then(serde_json::Value::as_array);
        for file in files.into_iter().flatten() {
            let path = format!("{dir}/{}", file.as_str().expect("file name"));
            calendars.push((std::fs::read(&path).expect("calendar file"), zone));
        }
    }
    Workload { calendars, range }
}

fn generated() -> Workload {
    const ZONES: [&str; 8] = [
        "Africa/Dakar",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "America/Santiago",
        "Europe/Zurich",
        "Pacific/Apia",
        "America/St_Johns",
        "Asia/Tehran",
    ];
    const DAYS: [&str; 5] = ["MO", "TU", "WE", "TH", "FR"];
    let mut calendars = Vec::new();
    for (p, tz) in ZONES.iter().cycle().take(50).enumerate() {
        let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
        for w in 0..8usize {
            let day = 4 + (w % 5);
            let hour = 7 + (w * 7 + p) % 11;
            let uid = format!("p{p}-w{w}@bench");
            write!(
                text,
                "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:weekly {w}\r\n\
                 DTSTART;TZID={tz}:202701{day:02}T{hour:02}3000\r\n\
                 DTEND;TZID={tz}:202701{day:02}T{:02}1500\r\n\
                 RRULE:FREQ=WEEKLY;BYDAY={}{}\r\n\
                 EXDATE;TZID={tz}:202702{day:02}T{hour:02}3000\r\nEND:VEVENT\r\n",
                hour + 1,
                DAYS.get((day - 4) % 5).unwrap_or(&"MO"),
                if w % 3 == 0 { ";INTERVAL=2" } else { "" },
            )
            .expect("writing to a String");
            if w % 4 == 0 {
                write!(
                    text,
                    "BEGIN:VEVENT\r\nUID:{uid}\r\nRECURRENCE-ID;TZID={tz}:202703{day:02}T{hour:02}3000\r\n\
                     DTSTART;TZID={tz}:202703{day:02}T{:02}3000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n",
                    hour + 2
                ).expect("writing to a String");
            }
        }
        for s in 0..60usize {
            let month = 1 + s % 12;
            let day = 1 + (s * 7 + p) % 27;
            if s % 10 == 0 {
                write!(
                    text,
                    "BEGIN:VEVENT\r\nUID:p{p}-s{s}@bench\r\nDTSTART;VALUE=DATE:2027{month:02}{day:02}\r\n\
                     DTEND;VALUE=DATE:2027{month:02}{:02}\r\nEND:VEVENT\r\n",
                    day + 1
                ).expect("writing to a String");
            } else {
                write!(
                    text,
                    "BEGIN:VEVENT\r\nUID:p{p}-s{s}@bench\r\nDTSTART:2027{month:02}{day:02}T120000Z\r\n\
                     DTEND:2027{month:02}{day:02}T133000Z\r\nEND:VEVENT\r\n"
                ).expect("writing to a String");
            }
        }
        text.push_str("END:VCALENDAR\r\n");
        calendars.push((text.into_bytes(), Zone::parse(tz).expect("zone")));
    }
    let range = Interval::new(
        "2027-01-04T00:00:00Z".parse().expect("instant"),
        "2028-01-04T00:00:00Z".parse().expect("instant"),
    )
    .expect("range");
    Workload { calendars, range }
}

fn parse_and_busy(workload: &Workload) -> usize {
    workload
        .calendars
        .iter()
        .map(|(bytes, zone)| {
            tandem_ical::parse(bytes)
                .expect("workload calendars parse")
                .busy(*zone, workload.range)
                .len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let workload = load();
    let bytes: usize = workload.calendars.iter().map(|(b, _)| b.len()).sum();
    println!(
        "workload: {} calendars, {} KiB, {} busy intervals in {} .. {}",
        workload.calendars.len(),
        bytes / 1024,
        parse_and_busy(&workload),
        workload.range.start,
        workload.range.end
    );
    let parsed: Vec<_> = workload
        .calendars
        .iter()
        .map(|(b, z)| (tandem_ical::parse(b).expect("parses"), *z))
        .collect();

    let mut group = c.benchmark_group("fifty_calendars");
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (bytes, _) in &workload.calendars {
                black_box(tandem_ical::parse(black_box(bytes)).expect("parses"));
            }
        });
    });
    group.bench_function("busy", |b| {
        b.iter(|| {
            for (calendar, zone) in &parsed {
                black_box(calendar.busy(*zone, workload.range));
            }
        });
    });
    group.bench_function("parse_and_busy", |b| {
        b.iter(|| black_box(parse_and_busy(black_box(&workload))));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
