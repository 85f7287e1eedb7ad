//! An independent reading of DESIGN §14 for the tests: feasibility and cost computed from
//! the problem's dates, ids and zones and the plan's placements, one definition at a time,
//! by brute force. It shares nothing with the planner's compiled instance or cost code.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use tandem_core::season::{Alongside, Plan, SeasonProblem};
use tandem_core::{Attendance, EventMode, LocalTimeOfDay, Zone};

/// One event of the plan as the definitions see it: placed or existing.
#[derive(Clone, Debug)]
pub struct Node {
    pub id: String,
    pub venue: Option<usize>,
    pub room: Option<usize>,
    pub group: Option<String>,
    pub region: tandem_core::RegionCode,
    pub mode: EventMode,
    pub days: BTreeSet<NaiveDate>,
    /// (person id, attendance, required)
    pub people: Vec<(String, Attendance, bool)>,
    pub placed: Option<usize>,
    pub fixed: bool,
}

/// What the reference finds.
#[derive(Clone, Debug, PartialEq)]
pub struct Reckoning {
    pub placed: usize,
    pub wanted: usize,
    pub trips: usize,
    pub trips_if_apart: usize,
    pub soft: usize,
    pub cost: f64,
}

fn working(problem: &SeasonProblem, v: usize, d: NaiveDate) -> bool {
    problem.venues[v].working_days.is_working(d)
}

fn dates(first: NaiveDate, last: NaiveDate) -> BTreeSet<NaiveDate> {
    first.iter_days().take_while(|d| *d <= last).collect()
}

/// The nodes of a plan: every placement, and every non-cancelled existing event (the
/// problem keeps only those).
pub fn nodes(problem: &SeasonProblem, plan: &Plan) -> Result<Vec<Node>, String> {
    let mut out = Vec::new();
    for p in &plan.placements {
        let e = problem
            .events
            .iter()
            .position(|e| e.id == p.event)
            .ok_or("unknown event")?;
        let event = &problem.events[e];
        let v = problem
            .venues
            .iter()
            .position(|v| v.id == p.venue_id)
            .ok_or("unknown venue")?;
        let r = problem.venues[v]
            .rooms
            .iter()
            .position(|r| r.id == p.room.id)
            .ok_or("unknown room")?;
        if !event.venues.contains(&v) {
            return Err(format!("{}: venue not in its list", event.id));
        }
        if problem.venues[v].rooms[r].capacity < event.expected_attendance {
            return Err(format!("{}: room too small", event.id));
        }
        let days = dates(p.start, p.end);
        if days.len() != event.days as usize {
            return Err(format!(
                "{}: {} days, wants {}",
                event.id,
                days.len(),
                event.days
            ));
        }
        for d in &days {
            if !working(problem, v, *d) {
                return Err(format!("{}: {d} is not a working day", event.id));
            }
            if *d < event.window.first || *d > event.window.last {
                return Err(format!("{}: {d} outside its window", event.id));
            }
            if *d < problem.range.first || *d > problem.range.last {
                return Err(format!("{}: {d} outside the range", event.id));
            }
        }
        out.push(Node {
            id: event.id.clone(),
            venue: Some(v),
            room: Some(r),
            group: event.group.clone(),
            region: event.region,
            mode: event.mode,
            days,
            people: event
                .participants
                .iter()
                .map(|q| (problem.people[q.person].clone(), q.attendance, q.required))
                .collect(),
            placed: Some(e),
            fixed: false,
        });
    }
    for x in &problem.existing {
        out.push(Node {
            id: x.id.clone(),
            venue: x.venue,
            room: x.room,
            group: x.group.clone(),
            region: x.region,
            mode: x.mode,
            days: x.days.iter().copied().collect(),
            people: x
                .participants
                .iter()
                .map(|q| (problem.people[q.person].clone(), q.attendance, q.required))
                .collect(),
            placed: None,
            fixed: x.fixed,
        });
    }
    Ok(out)
}

fn in_person(n: &Node, attendance: Attendance) -> bool {
    attendance == Attendance::InPerson && n.mode != EventMode::Virtual && n.venue.is_some()
}

/// Rules 1–4, among placed events and between placed and existing ones.
pub fn feasible(nodes: &[Node]) -> Result<(), String> {
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            if a.placed.is_none() && b.placed.is_none() {
                continue;
            }
            let shared: Vec<&NaiveDate> = a.days.intersection(&b.days).collect();
            if shared.is_empty() {
                continue;
            }
            if a.venue.is_some() && a.venue == b.venue && a.room.is_some() && a.room == b.room {
                return Err(format!("rule 1: {} and {} in one room", a.id, b.id));
            }
            if a.group.is_some() && a.group == b.group {
                return Err(format!("rule 2: {} and {}", a.id, b.id));
            }
            for (p, att, req) in &a.people {
                for (q, btt, breq) in &b.people {
                    if p != q {
                        continue;
                    }
                    if *req && *breq {
                        return Err(format!("rule 3: {p} required at {} and {}", a.id, b.id));
                    }
                    if in_person(a, *att) && in_person(b, *btt) && a.venue != b.venue {
                        return Err(format!("rule 4: {p} at {} and {}", a.id, b.id));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Working days of venue v strictly between two dates, counted one by one.
fn between(problem: &SeasonProblem, v: usize, a: NaiveDate, b: NaiveDate) -> usize {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    lo.iter_days()
        .skip(1)
        .take_while(|d| *d < hi)
        .filter(|d| working(problem, v, *d))
        .count()
}

/// Same venue, and share a day or at most max_gap working days between.
fn near(problem: &SeasonProblem, a: &Node, b: &Node) -> bool {
    let (Some(va), Some(vb)) = (a.venue, b.venue) else {
        return false;
    };
    if va != vb {
        return false;
    }
    if a.days.intersection(&b.days).next().is_some() {
        return true;
    }
    let (af, al) = (*a.days.first().unwrap(), *a.days.last().unwrap());
    let (bf, bl) = (*b.days.first().unwrap(), *b.days.last().unwrap());
    let (earlier_last, later_first) = if af <= bf { (al, bf) } else { (bl, af) };
    if earlier_last >= later_first {
        return true;
    }
    between(problem, va, earlier_last, later_first) <= problem.max_gap_days as usize
}

/// True when session `[start, end)` (in `venue`'s zone on `date`) lies inside 07:00–22:00
/// of one Monday-to-Friday date in `zone`.
fn acceptable(
    venue: Zone,
    start: LocalTimeOfDay,
    end: LocalTimeOfDay,
    date: NaiveDate,
    zone: Zone,
) -> bool {
    let s = venue.resolve(start.on(date));
    let e = if end == LocalTimeOfDay::END_OF_DAY {
        venue.resolve(LocalTimeOfDay::MIDNIGHT.on(date.succ_opt().unwrap()))
    } else {
        venue.resolve(end.on(date))
    };
    let local = zone.local(s).date();
    // The acceptable interval of that local date, or of the day before (never both).
    [local.pred_opt().unwrap(), local].iter().any(|d| {
        let weekday = d.weekday();
        if matches!(weekday, Weekday::Sat | Weekday::Sun) {
            return false;
        }
        let open = zone.resolve(d.and_hms_opt(7, 0, 0).unwrap());
        let close = zone.resolve(d.and_hms_opt(22, 0, 0).unwrap());
        open <= s && e <= close
    })
}

/// The §14 cost of a feasible plan.
pub fn reckon(problem: &SeasonProblem, plan: &Plan, nodes: &[Node]) -> Reckoning {
    let by_id: BTreeMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let placed: Vec<&Node> = nodes.iter().filter(|n| n.placed.is_some()).collect();
    let unplaced = problem.events.len() - placed.len();
    // Wanted co-locations: unordered pairs of placed-or-fixed nodes, one placed.
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for a in &placed {
        let event = &problem.events[a.placed.unwrap()];
        for want in &event.alongside {
            let targets: Vec<&Node> = match want {
                Alongside::Event(j) => by_id
                    .get(problem.events[*j].id.as_str())
                    .into_iter()
                    .copied()
                    .collect(),
                Alongside::Fixed(x) => by_id
                    .get(problem.existing[*x].id.as_str())
                    .into_iter()
                    .copied()
                    .collect(),
                Alongside::Group(g) => nodes
                    .iter()
                    .filter(|n| {
                        (n.placed.is_some() || n.fixed) && n.group.as_deref() == Some(g.as_str())
                    })
                    .collect(),
            };
            for b in targets {
                if b.id == a.id || !(b.placed.is_some() || b.fixed) {
                    continue;
                }
                if near(problem, a, b) {
                    let key = if a.id < b.id {
                        (a.id.clone(), b.id.clone())
                    } else {
                        (b.id.clone(), a.id.clone())
                    };
                    pairs.insert(key);
                }
            }
        }
    }
    // Trips.
    let mut trips = 0;
    let mut apart = 0;
    let mut people: BTreeSet<&str> = BTreeSet::new();
    for n in nodes {
        for (p, _, _) in &n.people {
            people.insert(p);
        }
    }
    for p in people {
        let mut mine: Vec<&Node> = nodes
            .iter()
            .filter(|n| n.placed.is_some() || n.fixed)
            .filter(|n| {
                n.people
                    .iter()
                    .any(|(q, att, _)| q == p && in_person(n, *att))
            })
            .collect();
        mine.sort_by(|a, b| (a.days.first(), &a.id).cmp(&(b.days.first(), &b.id)));
        apart += mine.len();
        for (k, f) in mine.iter().enumerate() {
            let continues = mine[..k].iter().any(|e| near(problem, e, f));
            if !continues {
                trips += 1;
            }
        }
    }
    // Soft clashes.
    let mut soft = 0;
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            if a.placed.is_none() && b.placed.is_none() {
                continue;
            }
            if a.days.intersection(&b.days).next().is_none() {
                continue;
            }
            for (p, _, req) in &a.people {
                if let Some((_, _, breq)) = b.people.iter().find(|(q, _, _)| q == p) {
                    if !(*req && *breq) {
                        soft += 1;
                    }
                }
            }
            let same_venue = a.venue.is_some() && a.venue == b.venue;
            if a.region == b.region && !same_venue {
                soft += 1;
            }
        }
    }
    for pl in &plan.placements {
        let event = problem.events.iter().find(|e| e.id == pl.event).unwrap();
        if event.mode == EventMode::InPerson {
            continue;
        }
        let venue = problem.venues.iter().find(|v| v.id == pl.venue_id).unwrap();
        for q in &event.participants {
            if q.attendance != Attendance::Remote {
                continue;
            }
            for d in dates(pl.start, pl.end) {
                if !acceptable(venue.zone, event.daily_start, event.daily_end, d, q.tz) {
                    soft += 1;
                }
            }
        }
    }
    let w = problem.weights;
    let cost = w.unplaced * unplaced as f64 - w.wanted_colocation * pairs.len() as f64
        + w.trip * trips as f64
        + w.soft_clash * soft as f64;
    Reckoning {
        placed: placed.len(),
        wanted: pairs.len(),
        trips,
        trips_if_apart: apart,
        soft,
        cost,
    }
}
