//! Season planning (DESIGN §14): every plan is feasible and priced exactly, small seasons
//! are solved to their proven optimum, the demo's venues give the hand-checked plan, and
//! bad requests name the field.

// Counts are tiny next to 2^52; costs here are whole numbers, compared exactly; tests
// index directly (clippy.toml: a wrong index fails the test, which is what it is for).
#![allow(
    clippy::cast_precision_loss,
    clippy::float_cmp,
    clippy::indexing_slicing
)]

#[path = "season/reference.rs"]
mod reference;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;
use tandem_core::clash::WorkingDays;
use tandem_core::season::{
    plan, ExistingEvent, Options, Plan, SeasonData, SeasonParticipant, SeasonProblem,
    SeasonRequest, SeasonRoom, SeasonVenue, Status,
};
use tandem_core::{Attendance, EventMode, EventStatus, RegionCode, WeekdaySet, Zone};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

fn venue(
    id: &str,
    tz: &str,
    weekend: WeekdaySet,
    holidays: &[&str],
    rooms: &[(&str, u32)],
) -> SeasonVenue {
    SeasonVenue {
        id: id.into(),
        name: id.into(),
        zone: zone(tz),
        working_days: WorkingDays::new(weekend, holidays.iter().map(|d| date(d))),
        rooms: rooms
            .iter()
            .map(|(name, capacity)| SeasonRoom {
                id: format!("{id}/{name}"),
                name: (*name).into(),
                capacity: *capacity,
            })
            .collect(),
    }
}

fn person(id: &str, tz: &str, attendance: Attendance, required: bool) -> SeasonParticipant {
    SeasonParticipant {
        id: id.into(),
        tz: zone(tz),
        attendance,
        required,
    }
}

#[allow(clippy::too_many_arguments)]
fn existing(
    id: &str,
    region: RegionCode,
    group: Option<&str>,
    mode: EventMode,
    venue: &str,
    room: &str,
    days: (&str, &str),
    participants: Vec<SeasonParticipant>,
) -> ExistingEvent {
    ExistingEvent {
        id: id.into(),
        title: id.into(),
        status: EventStatus::Confirmed,
        mode,
        region,
        group: group.map(str::to_owned),
        venue: Some(venue.into()),
        room: Some(format!("{venue}/{room}")),
        days: date(days.0)
            .iter_days()
            .take_while(|d| *d <= date(days.1))
            .collect(),
        participants,
    }
}

fn groups() -> BTreeSet<String> {
    ["SG3RG-AFR", "SG5RG-ARB", "SG2RG-AFR", "SG12RG-AFR"]
        .iter()
        .map(|g| (*g).to_owned())
        .collect()
}

fn solve(problem: &SeasonProblem, seconds: u64) -> Plan {
    let mut options = Options {
        deadline: Instant::now() + Duration::from_secs(seconds),
        progress: None,
    };
    plan(problem, &mut options)
}

/// Checks `plan` against the independent reading of §14: feasible, and every figure it
/// reports equal to the reference's.
fn assert_exact(problem: &SeasonProblem, plan: &Plan) -> reference::Reckoning {
    let nodes = reference::nodes(problem, plan).expect("placements are valid");
    reference::feasible(&nodes).expect("the plan is feasible");
    let r = reference::reckon(problem, plan, &nodes);
    assert!(
        (r.cost - plan.cost).abs() < 1e-9,
        "reported cost {} but §14 gives {} ({r:?})",
        plan.cost,
        r.cost
    );
    assert_eq!(plan.metrics.placed, r.placed);
    assert_eq!(plan.metrics.wanted_colocations, r.wanted, "{r:?}");
    assert_eq!(plan.metrics.trips, r.trips, "{r:?}");
    assert_eq!(plan.metrics.trips_if_apart, r.trips_if_apart, "{r:?}");
    assert_eq!(plan.metrics.soft_clashes, r.soft, "{r:?}");
    assert_eq!(
        plan.placements.len() + plan.unplaced.len(),
        problem.events.len()
    );
    if let Some(bound) = plan.bound {
        assert!(
            bound <= plan.cost + 1e-9,
            "bound {bound} above cost {}",
            plan.cost
        );
    }
    r
}

// ---- the demo's venues: Yaoundé and Cairo ------------------------------------------

/// The demo's venues (crates/tandem-server/src/demo.rs): Yaoundé (Africa/Douala, Sat–Sun
/// weekend, Salle A 120, Salle B 40) and Cairo (Africa/Cairo, Fri–Sat weekend, Nile Hall
/// 200, Room 2 30), with the fixed SG3RG-AFR meeting (Yaoundé, Salle A, Wed 10 – Thu 11
/// March 2027) and SG5RG-ARB meeting (Cairo, Nile Hall, Sun 14 – Mon 15 March 2027), and
/// a national conference at Yaoundé on Thu 4 March that requires d-1.
fn demo_data() -> SeasonData {
    let yaounde = venue(
        "yaounde",
        "Africa/Douala",
        WeekdaySet::SAT_SUN,
        &[],
        &[("Salle A", 120), ("Salle B", 40)],
    );
    let cairo = venue(
        "cairo",
        "Africa/Cairo",
        WeekdaySet::FRI_SAT,
        &[],
        &[("Nile Hall", 200), ("Room 2", 30)],
    );
    let sg3 = existing(
        "sg3rg-afr",
        RegionCode::AFR,
        Some("SG3RG-AFR"),
        EventMode::Hybrid,
        "yaounde",
        "Salle A",
        ("2027-03-10", "2027-03-11"),
        vec![
            person("ao-yaounde", "Africa/Douala", Attendance::InPerson, true),
            person("ro-addis", "Africa/Addis_Ababa", Attendance::InPerson, true),
            person("ao-dakar", "Africa/Dakar", Attendance::Remote, false),
            person("tsb", "Europe/Zurich", Attendance::Remote, false),
        ],
    );
    let sg5 = existing(
        "sg5rg-arb",
        RegionCode::ARB,
        Some("SG5RG-ARB"),
        EventMode::InPerson,
        "cairo",
        "Nile Hall",
        ("2027-03-14", "2027-03-15"),
        vec![person(
            "ro-cairo",
            "Africa/Cairo",
            Attendance::InPerson,
            true,
        )],
    );
    let national = existing(
        "national-ict",
        RegionCode::AFR,
        None,
        EventMode::InPerson,
        "yaounde",
        "Salle A",
        ("2027-03-04", "2027-03-04"),
        vec![person("d-1", "Africa/Douala", Attendance::InPerson, true)],
    );
    SeasonData {
        venues: vec![yaounde, cairo],
        existing: vec![sg3, sg5, national],
        groups: groups(),
    }
}

fn demo_request() -> serde_json::Value {
    json!({
        "range": {"start": "2027-03-01", "end": "2027-03-31"},
        "fixed": ["sg3rg-afr", "sg5rg-arb"],
        "events": [
            {"id": "ws-roaming-afr", "title": "Workshop on international mobile roaming",
             "kind": "workshop", "region": "AFR", "mode": "hybrid", "days": 2,
             "venues": ["yaounde", "cairo"], "earliest": "2027-03-01", "latest": "2027-03-12",
             "expected_attendance": 35, "alongside": ["SG3RG-AFR"],
             "participants": [
                {"id": "ao-yaounde", "tz": "Africa/Douala", "attendance": "in_person"},
                {"id": "ro-addis", "tz": "Africa/Addis_Ababa", "attendance": "in_person", "required": false},
                {"id": "d-1", "tz": "Africa/Douala", "attendance": "in_person"},
                {"id": "ao-dakar", "tz": "Africa/Dakar", "attendance": "remote", "required": false}]},
            {"id": "ws-5g-arb", "title": "Workshop on 5G", "kind": "workshop", "region": "ARB",
             "mode": "hybrid", "days": 3, "venues": ["cairo"],
             "earliest": "2027-03-10", "latest": "2027-03-25", "expected_attendance": 25,
             "alongside": ["sg5rg-arb"],
             "participants": [
                {"id": "ro-cairo", "tz": "Africa/Cairo", "attendance": "in_person"},
                {"id": "d-2", "tz": "Africa/Cairo", "attendance": "in_person", "required": false},
                {"id": "tsb", "tz": "Europe/Zurich", "attendance": "remote", "required": false}]},
            {"id": "forum-big", "title": "Regional forum", "kind": "conference", "region": "AFR",
             "days": 2, "venues": ["yaounde"], "expected_attendance": 300,
             "participants": [{"id": "ro-addis", "tz": "Africa/Addis_Ababa", "attendance": "in_person"}]}
        ]
    })
}

fn demo_problem() -> SeasonProblem {
    let request: SeasonRequest = serde_json::from_value(demo_request()).unwrap();
    SeasonProblem::new(&request, demo_data()).unwrap()
}

/// The demo season's best plan, checked by hand (March 2027 starts on a Monday):
///
/// - `ws-roaming-afr` (2 days, Yaoundé or Cairo, 1–12 March) cannot share a day with the
///   SG3RG-AFR meeting (Wed 10 – Thu 11): ao-yaounde is required at both (rule 3). d-1 is
///   required at the national conference on Thu 4, which rules out Wed 3–Thu 4 and
///   Thu 4–Fri 5. Of what is left in Yaoundé (Mon 1–Tue 2, Tue 2–Wed 3, Mon 8–Tue 9), only
///   Mon 8–Tue 9 is near the meeting (no working day between Tue 9 and Wed 10; from Wed 3
///   there would be four, more than `max_gap_days` 2). There it is a wanted co-location
///   (−10) and ao-yaounde's and ro-addis's meeting continues their trip (−2 trips). Cairo
///   would earn neither. Salle B (40 seats) is the smallest room for 35.
/// - `ws-5g-arb` (3 days, Cairo, 10–25 March) cannot share a day with the SG5RG-ARB meeting
///   (Sun 14 – Mon 15; ro-cairo is required at both). Three consecutive calendar days that
///   are all working days in Cairo (Friday and Saturday are its weekend) run Sun–Tue,
///   Mon–Wed or Tue–Thu; the only such run near the meeting and not sharing its days is
///   Tue 16 – Thu 18 (gap 0): a wanted co-location, and ro-cairo's one trip. Room 2 (30)
///   seats 25. TSB joins remotely from Zurich at 08:00–16:00 on Tuesday to Thursday: no
///   `remote_hours`.
/// - `forum-big` wants 300 seats; Yaoundé's largest room seats 120: unplaced.
///
/// Trips: ao-yaounde 1, ro-addis 1, d-1 1, ro-cairo 1, d-2 1 = 5 (8 if apart: ao-yaounde,
/// ro-addis and ro-cairo would make two each). No soft clash. Cost = 1000·1 − 10·2 + 3·5
/// = 995, and no plan is cheaper (each workshop's only near position is taken; nothing
/// else lowers the cost), so HiGHS proves it.
#[test]
fn demo_season_gets_the_hand_checked_plan() {
    let problem = demo_problem();
    let plan = solve(&problem, 20);
    let r = assert_exact(&problem, &plan);
    let placed: Vec<(String, String, String, NaiveDate, NaiveDate)> = plan
        .placements
        .iter()
        .map(|p| {
            (
                p.event.clone(),
                p.venue_id.clone(),
                p.room.name.clone(),
                p.start,
                p.end,
            )
        })
        .collect();
    assert_eq!(
        placed,
        vec![
            (
                "ws-roaming-afr".into(),
                "yaounde".into(),
                "Salle B".into(),
                date("2027-03-08"),
                date("2027-03-09")
            ),
            (
                "ws-5g-arb".into(),
                "cairo".into(),
                "Room 2".into(),
                date("2027-03-16"),
                date("2027-03-18")
            ),
        ]
    );
    assert_eq!(plan.placements[0].alongside, vec!["sg3rg-afr".to_owned()]);
    assert_eq!(plan.placements[1].alongside, vec!["sg5rg-arb".to_owned()]);
    assert_eq!((r.wanted, r.trips, r.trips_if_apart, r.soft), (2, 5, 8, 0));
    assert_eq!(plan.cost, 995.0);
    assert_eq!(plan.bound, Some(995.0));
    assert_eq!(plan.status, Status::Optimal);
    assert_eq!(plan.unplaced.len(), 1);
    assert_eq!(plan.unplaced[0].event, "forum-big");
    assert_eq!(
        plan.unplaced[0].reason,
        "no working day of its venues within 2027-03-01–2027-03-31 has a room for 300 (the largest seats 120)"
    );
    // Sessions on the venue's wall clock: 09:00 in Yaoundé (UTC+1) is 08:00Z.
    assert_eq!(
        plan.placements[0].starts_at.to_rfc3339(),
        "2027-03-08T08:00:00+00:00"
    );
    assert_eq!(
        plan.placements[0].ends_at.to_rfc3339(),
        "2027-03-09T16:00:00+00:00"
    );
}

/// Sunday is a working day in Cairo but not a Monday-to-Friday date for a remote
/// participant in Zurich: a workshop held on a Sunday there costs a `remote_hours` clash,
/// which the planner avoids when it can.
#[test]
fn cairo_sunday_sessions_cost_remote_hours() {
    let mut request = demo_request();
    request["events"] = json!([
        {"id": "ws-sunday", "title": "Workshop", "kind": "workshop", "region": "ARB",
         "mode": "hybrid", "days": 1, "venues": ["cairo"], "earliest": "2027-03-21",
         "latest": "2027-03-22", "expected_attendance": 20,
         "participants": [{"id": "tsb", "tz": "Europe/Zurich", "attendance": "remote", "required": false}]}
    ]);
    let request: SeasonRequest = serde_json::from_value(request).unwrap();
    let problem = SeasonProblem::new(&request, demo_data()).unwrap();
    let plan = solve(&problem, 10);
    assert_exact(&problem, &plan);
    assert_eq!(
        plan.placements[0].start,
        date("2027-03-22"),
        "Monday, not Sunday"
    );
    assert_eq!(plan.metrics.soft_clashes, 0);
    // Forced onto the Sunday, it costs one.
    let mut request = demo_request();
    request["events"] = json!([
        {"id": "ws-sunday", "title": "Workshop", "kind": "workshop", "region": "ARB",
         "mode": "hybrid", "days": 1, "venues": ["cairo"], "earliest": "2027-03-21",
         "latest": "2027-03-21", "expected_attendance": 20,
         "participants": [{"id": "tsb", "tz": "Europe/Zurich", "attendance": "remote", "required": false}]}
    ]);
    let request: SeasonRequest = serde_json::from_value(request).unwrap();
    let problem = SeasonProblem::new(&request, demo_data()).unwrap();
    let plan = solve(&problem, 10);
    assert_exact(&problem, &plan);
    assert_eq!(plan.metrics.soft_clashes, 1);
    assert_eq!(plan.placements[0].clashes.len(), 1);
}

// ---- validation ----------------------------------------------------------------------

fn errors_of(request: serde_json::Value) -> Vec<String> {
    let request: SeasonRequest = serde_json::from_value(request).unwrap();
    match SeasonProblem::new(&request, demo_data()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0.iter().map(|e| e.field.clone()).collect(),
    }
}

#[test]
fn bad_requests_name_the_field() {
    let mut r = demo_request();
    r["events"][0]["alongside"] = json!(["ws-roaming-afr"]);
    assert_eq!(errors_of(r), vec!["events[0].alongside[0]"]);
    let mut r = demo_request();
    r["events"][1]["alongside"] = json!(["SG5RG-ARB", "nowhere"]);
    assert_eq!(errors_of(r), vec!["events[1].alongside[1]"]);
    let mut r = demo_request();
    r["events"][0]["latest"] = json!("2027-03-01");
    assert_eq!(errors_of(r), vec!["events[0].days"]);
    let mut r = demo_request();
    r["time_limit_seconds"] = json!(301);
    assert_eq!(errors_of(r), vec!["time_limit_seconds"]);
    let mut r = demo_request();
    r["weights"] = json!({"trip": -1});
    assert_eq!(errors_of(r), vec!["weights.trip"]);
    let mut r = demo_request();
    r["fixed"] = json!(["sg3rg-afr", "sg5rg-arb", "gone"]);
    assert_eq!(errors_of(r), vec!["fixed[2]"]);
    let mut r = demo_request();
    r["events"][2]["venues"] = json!(["atlantis"]);
    assert_eq!(errors_of(r), vec!["events[2].venues[0]"]);
    let mut r = demo_request();
    r["events"][1]["participants"][0]["tz"] = json!("Mars/Olympus");
    assert_eq!(errors_of(r), vec!["events[1].participants[0].tz"]);
    // A non-fixed existing event is no anchor.
    let mut r = demo_request();
    r["events"][0]["alongside"] = json!(["national-ict"]);
    assert_eq!(errors_of(r), vec!["events[0].alongside[0]"]);
    assert!(errors_of(demo_request()).is_empty());
}

// ---- random seasons ------------------------------------------------------------------

/// A small random season over two venues (Yaoundé and Cairo zones and weekends, a holiday
/// each), a few existing events (some fixed) and a few events to place, sharing a pool of
/// five people.
fn arb_season() -> impl Strategy<Value = (SeasonRequest, SeasonData)> {
    let people = ["p0", "p1", "p2", "p3", "p4"];
    let tzs = [
        "Africa/Douala",
        "Africa/Cairo",
        "Asia/Bangkok",
        "America/Sao_Paulo",
        "Europe/Zurich",
    ];
    let part = (0usize..5, any::<bool>(), any::<bool>());
    let event = (
        1u32..=3,                                          // days
        0i64..10,                                          // earliest offset
        3i64..14,                                          // window length
        prop::sample::subsequence(vec![0usize, 1], 1..=2), // venues
        prop::collection::vec(part.clone(), 0..4),         // participants
        0usize..4,                                         // group: none, SG3, SG5, SG2
        prop::collection::vec(0usize..8, 0..3),            // alongside picks
        0usize..3,                                         // mode
        prop::sample::select(vec![20u32, 35, 60, 150]),
        any::<bool>(), // region AFR or ARB
    );
    let ex = (
        0i64..18,
        1i64..3,
        0usize..2,
        0usize..2,
        prop::collection::vec(part, 0..3),
        0usize..4,
        any::<bool>(), // fixed
    );
    (
        prop::collection::vec(event, 2..6),
        prop::collection::vec(ex, 0..4),
    )
        .prop_map(move |(events, exs)| {
            let start = date("2027-03-01");
            let day = |k: i64| (start + chrono::Duration::days(k)).format("%Y-%m-%d").to_string();
            let group_of = |g: usize| ["", "SG3RG-AFR", "SG5RG-ARB", "SG2RG-AFR"][g];
            let venue_ids = ["yaounde", "cairo"];
            let rooms = [["Salle A", "Salle B"], ["Nile Hall", "Room 2"]];
            let mut data = SeasonData {
                venues: vec![
                    venue("yaounde", "Africa/Douala", WeekdaySet::SAT_SUN, &["2027-03-09"], &[("Salle A", 120), ("Salle B", 40)]),
                    venue("cairo", "Africa/Cairo", WeekdaySet::FRI_SAT, &["2027-03-16"], &[("Nile Hall", 200), ("Room 2", 30)]),
                ],
                existing: Vec::new(),
                groups: groups(),
            };
            let mut fixed = Vec::new();
            for (k, (off, len, v, r, parts, g, is_fixed)) in exs.iter().enumerate() {
                let mut seen = BTreeSet::new();
                let participants = parts
                    .iter()
                    .filter(|(p, _, _)| seen.insert(*p))
                    .map(|(p, ip, req)| person(people[*p], tzs[*p], if *ip { Attendance::InPerson } else { Attendance::Remote }, *req))
                    .collect();
                let id = format!("x{k}");
                data.existing.push(existing(
                    &id,
                    if *v == 0 { RegionCode::AFR } else { RegionCode::ARB },
                    (*g > 0).then(|| group_of(*g)),
                    EventMode::Hybrid,
                    venue_ids[*v],
                    rooms[*v][*r],
                    (&day(*off), &day(off + len - 1)),
                    participants,
                ));
                if *is_fixed {
                    fixed.push(id);
                }
            }
            let n = events.len();
            let mut list = Vec::new();
            for (i, (days, off, len, venues, parts, g, picks, mode, seats, afr)) in events.into_iter().enumerate() {
                let mut seen = BTreeSet::new();
                let mode = ["in_person", "hybrid", "virtual"][mode];
                let participants: Vec<serde_json::Value> = parts
                    .iter()
                    .filter(|(p, _, _)| seen.insert(*p))
                    .map(|(p, ip, req)| {
                        let attendance = if *ip && mode != "virtual" { "in_person" } else { "remote" };
                        json!({"id": people[*p], "tz": tzs[*p], "attendance": attendance, "required": req})
                    })
                    .collect();
                let mut alongside: Vec<String> = Vec::new();
                for pick in picks {
                    let name = match pick {
                        0 => "SG3RG-AFR".to_owned(),
                        1 => "SG5RG-ARB".to_owned(),
                        2..=4 => format!("e{}", (i + pick) % n),
                        _ => match fixed.get(pick - 5) {
                            Some(f) => f.clone(),
                            None => "SG2RG-AFR".to_owned(),
                        },
                    };
                    if name != format!("e{i}") && !alongside.contains(&name) {
                        alongside.push(name);
                    }
                }
                let len = len.max(i64::from(days));
                list.push(json!({
                    "id": format!("e{i}"), "title": format!("Event {i}"), "kind": "workshop",
                    "region": if afr { "AFR" } else { "ARB" },
                    "group": if g > 0 { Some(group_of(g)) } else { None },
                    "mode": mode, "days": days,
                    "venues": venues.iter().map(|v| venue_ids[*v]).collect::<Vec<_>>(),
                    "earliest": day(off), "latest": day(off + len - 1),
                    "expected_attendance": seats, "alongside": alongside,
                    "participants": participants,
                    "daily_hours": if i % 2 == 0 { json!({"start": "09:00", "end": "17:00"}) } else { json!({"start": "06:00", "end": "23:30"}) }
                }));
            }
            let request = json!({
                "range": {"start": "2027-03-01", "end": "2027-03-28"},
                "fixed": fixed, "events": list, "max_gap_days": 2
            });
            (serde_json::from_value(request).unwrap(), data)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every plan returned is feasible (rules 1–4, checked independently) and the cost,
    /// trips, co-locations and soft clashes it reports are what §14's definitions give.
    #[test]
    fn every_plan_is_feasible_and_priced_exactly((request, data) in arb_season()) {
        let problem = SeasonProblem::new(&request, data).unwrap();
        let plan = solve(&problem, 5);
        assert_exact(&problem, &plan);
    }
}

// ---- exhaustive search on small seasons ---------------------------------------------

/// Every placement of each event (venue, room, first day) that §14 allows on its own,
/// found by walking the calendar.
fn placements_of(problem: &SeasonProblem, e: usize) -> Vec<(usize, usize, NaiveDate)> {
    let event = &problem.events[e];
    let mut out = Vec::new();
    for &v in &event.venues {
        let venue = &problem.venues[v];
        for (r, room) in venue.rooms.iter().enumerate() {
            if room.capacity < event.expected_attendance {
                continue;
            }
            let mut first = event.window.first;
            while first + chrono::Duration::days(i64::from(event.days) - 1) <= event.window.last {
                let ok = (0..event.days).all(|k| {
                    venue
                        .working_days
                        .is_working(first + chrono::Duration::days(i64::from(k)))
                });
                if ok {
                    out.push((v, r, first));
                }
                first = first.succ_opt().unwrap();
            }
        }
    }
    out
}

/// The cheapest feasible plan by trying every combination (the reference's rules and
/// cost on each).
fn exhaustive_optimum(problem: &SeasonProblem) -> f64 {
    let options: Vec<Vec<(usize, usize, NaiveDate)>> = (0..problem.events.len())
        .map(|e| placements_of(problem, e))
        .collect();
    let mut choice = vec![0usize; options.len()]; // 0 = unplaced, k = options[k - 1]
    let mut best = f64::INFINITY;
    loop {
        let placements = choice
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(e, c)| {
                let (v, r, first) = options[e][c - 1];
                let venue = &problem.venues[v];
                let last = first + chrono::Duration::days(i64::from(problem.events[e].days) - 1);
                tandem_core::season::Placement {
                    event: problem.events[e].id.clone(),
                    index: e,
                    venue_id: venue.id.clone(),
                    room: tandem_core::season::PlanRoom {
                        id: venue.rooms[r].id.clone(),
                        name: venue.rooms[r].name.clone(),
                        capacity: venue.rooms[r].capacity,
                    },
                    start: first,
                    end: last,
                    tz: venue.zone.name().into(),
                    starts_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
                    ends_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
                    daily_start: problem.events[e].daily_start,
                    daily_end: problem.events[e].daily_end,
                    alongside: Vec::new(),
                    clashes: Vec::new(),
                }
            })
            .collect();
        let plan = Plan {
            cost: 0.0,
            bound: None,
            status: Status::Feasible,
            placements,
            unplaced: Vec::new(),
            metrics: tandem_core::season::Metrics {
                placed: 0,
                wanted_colocations: 0,
                trips: 0,
                trips_if_apart: 0,
                soft_clashes: 0,
                solve_seconds: 0.0,
            },
        };
        let nodes = reference::nodes(problem, &plan).unwrap();
        if reference::feasible(&nodes).is_ok() {
            best = best.min(reference::reckon(problem, &plan, &nodes).cost);
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == choice.len() {
                return best;
            }
            choice[k] += 1;
            if choice[k] <= options[k].len() {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
    }
}

/// Seasons small enough to search exhaustively: three events with windows of a week or
/// so. The planner must reach the exhaustive optimum, and prove it (status `optimal`).
#[test]
fn small_seasons_reach_the_exhaustive_optimum() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 24,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..ProptestConfig::default()
    });
    let strategy = arb_season().prop_filter("small enough to enumerate", |(request, data)| {
        let Ok(problem) = SeasonProblem::new(request, data.clone()) else {
            return false;
        };
        let combos: f64 = (0..problem.events.len())
            .map(|e| (placements_of(&problem, e).len() + 1) as f64)
            .product();
        problem.events.len() >= 2 && combos <= 40_000.0
    });
    runner
        .run(&strategy, |(request, data)| {
            let problem = SeasonProblem::new(&request, data).unwrap();
            let best = exhaustive_optimum(&problem);
            let plan = solve(&problem, 20);
            assert_exact(&problem, &plan);
            prop_assert!(
                (plan.cost - best).abs() < 1e-9,
                "planner {} vs exhaustive {best}",
                plan.cost
            );
            prop_assert_eq!(plan.status, Status::Optimal);
            Ok(())
        })
        .unwrap();
}

/// Replaces every string in `v` by `f(its key, it)`.
fn walk(v: &mut serde_json::Value, key: &str, f: &dyn Fn(&str, &str) -> String) {
    match v {
        serde_json::Value::String(s) => *s = f(key, s),
        serde_json::Value::Array(items) => {
            for item in items {
                walk(item, key, f);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                walk(item, k, f);
            }
        }
        _ => {}
    }
}

/// Two random seasons five weeks apart, the second's people, events and existing events
/// renamed: a season of two halves that do not interact, which the planner hands to HiGHS
/// as separate parts.
fn arb_split_season() -> impl Strategy<Value = (SeasonRequest, SeasonData)> {
    (arb_season(), arb_season()).prop_map(|((first, mut data), (second, later))| {
        let shift = |d: &str| {
            (date(d) + chrono::Duration::days(35))
                .format("%Y-%m-%d")
                .to_string()
        };
        // e3 → f3, x1 → y1, p4 → q4; group codes, zones and titles stay.
        let rename = |s: &str| {
            let mut chars = s.chars();
            let head = chars.next();
            let digits = chars.as_str();
            match head {
                Some(c @ ('e' | 'x' | 'p'))
                    if !digits.is_empty() && digits.chars().all(|d| d.is_ascii_digit()) =>
                {
                    let to = match c {
                        'e' => 'f',
                        'x' => 'y',
                        _ => 'q',
                    };
                    format!("{to}{digits}")
                }
                _ => s.to_owned(),
            }
        };
        let mut merged = serde_json::to_value(&first).unwrap();
        let mut other = serde_json::to_value(&second).unwrap();
        for key in ["events", "fixed"] {
            walk(&mut other[key], key, &|k, s| match k {
                "earliest" | "latest" => shift(s),
                "id" | "alongside" | "fixed" => rename(s),
                _ => s.to_owned(),
            });
            let items = other[key].as_array().cloned().unwrap_or_default();
            merged[key].as_array_mut().unwrap().extend(items);
        }
        merged["range"]["end"] = json!("2027-05-02");
        for mut x in later.existing {
            x.id = rename(&x.id);
            x.title.clone_from(&x.id);
            x.days = x
                .days
                .iter()
                .map(|d| *d + chrono::Duration::days(35))
                .collect();
            for p in &mut x.participants {
                p.id = rename(&p.id);
            }
            data.existing.push(x);
        }
        (serde_json::from_value(merged).unwrap(), data)
    })
}

/// A season of two halves that do not interact reaches the exhaustive optimum of the
/// whole, proven (the bound is the sum of the halves' bounds).
#[test]
fn split_seasons_reach_the_exhaustive_optimum() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 16,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..ProptestConfig::default()
    });
    let strategy =
        arb_split_season().prop_filter("small enough to enumerate", |(request, data)| {
            let Ok(problem) = SeasonProblem::new(request, data.clone()) else {
                return false;
            };
            let combos: f64 = (0..problem.events.len())
                .map(|e| (placements_of(&problem, e).len() + 1) as f64)
                .product();
            combos <= 40_000.0
        });
    runner
        .run(&strategy, |(request, data)| {
            let problem = SeasonProblem::new(&request, data).unwrap();
            let best = exhaustive_optimum(&problem);
            let plan = solve(&problem, 20);
            assert_exact(&problem, &plan);
            prop_assert!(
                (plan.cost - best).abs() < 1e-9,
                "planner {} vs exhaustive {best}",
                plan.cost
            );
            prop_assert_eq!(plan.status, Status::Optimal);
            Ok(())
        })
        .unwrap();
}

// ---- determinism and reasons -----------------------------------------------------------

/// A run that ends by itself (here: proven optimal) gives the same plan every time.
#[test]
fn the_same_season_gives_the_same_plan() {
    let problem = demo_problem();
    let first = solve(&problem, 20);
    let second = solve(&problem, 20);
    assert_eq!(first.status, Status::Optimal);
    assert_eq!(first.placements, second.placements);
    assert_eq!(first.unplaced, second.unplaced);
}

/// An event whose every candidate is taken by existing events says which rule blocks it.
#[test]
fn an_event_blocked_by_existing_events_says_by_what() {
    let mut request = demo_request();
    request["events"] = json!([
        {"id": "ws-clash", "title": "Workshop", "kind": "workshop", "region": "AFR",
         "days": 2, "venues": ["yaounde"], "earliest": "2027-03-10", "latest": "2027-03-11",
         "expected_attendance": 20,
         "participants": [{"id": "ao-yaounde", "tz": "Africa/Douala", "attendance": "in_person"}]}
    ]);
    let request: SeasonRequest = serde_json::from_value(request).unwrap();
    let problem = SeasonProblem::new(&request, demo_data()).unwrap();
    let plan = solve(&problem, 10);
    assert_exact(&problem, &plan);
    assert_eq!(plan.unplaced.len(), 1);
    assert_eq!(
        plan.unplaced[0].reason,
        "every working day of its venues within 2027-03-10–2027-03-11 with a room for 20 is taken by existing events: required participant ao-yaounde is required at 'sg3rg-afr' (1 of 1)"
    );
}
