//! Feasibility (DESIGN §14 rules 1–4) and the exact cost of a solution on the compiled
//! [`Instance`], computed from scratch. Every plan the planner returns is checked and
//! priced here, whatever found it, so the cost it reports is never a solver's estimate.

// Indexing here is by indices this planner made itself from the validated model (events,
// positions, rooms, venues, calendar days), each below the length of what it indexes by
// construction; no index comes from request text. The property and exhaustive tests run
// every path. (The validation in model.rs and the calendar use checked access.)
#![allow(clippy::indexing_slicing)]

use super::instance::{Instance, Item, Span};

/// Where each event to place is: `(position, room)` indices, or `None` when unplaced.
pub type Assignment = Vec<Option<(u32, u16)>>;

/// The terms of a solution's cost.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Events placed.
    pub placed: usize,
    /// Events left unplaced.
    pub unplaced: usize,
    /// Wanted co-locations.
    pub wanted_colocations: usize,
    /// Trips of all participants.
    pub trips: usize,
    /// Trips as if nothing continued a trip.
    pub trips_if_apart: usize,
    /// Soft clashes.
    pub soft_clashes: usize,
    /// The cost.
    pub cost: f64,
}

/// The first rule a solution breaks, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// A position or room index out of range.
    Unknown(usize),
    /// Rule 1: two events in one room on one day.
    Room(usize, usize),
    /// Rule 2: two events of one group on one day.
    Group(usize, usize),
    /// Rule 3: a participant required in both of two events sharing a day.
    Required(usize, usize),
    /// Rule 4: a participant in person at two venues on one day.
    InPerson(usize, usize),
}

/// Venue, room and days of a placed event.
type Placed = (u16, u16, Span<'static>);

/// The span of every placed event, by index.
fn spans(inst: &Instance, at: &Assignment) -> Result<Vec<Option<Placed>>, Violation> {
    at.iter()
        .enumerate()
        .map(|(e, a)| match a {
            None => Ok(None),
            Some((p, r)) => {
                let position = inst.events[e]
                    .positions
                    .get(*p as usize)
                    .ok_or(Violation::Unknown(e))?;
                if !position.rooms.contains(r) {
                    return Err(Violation::Unknown(e));
                }
                let (v, span) = inst.span(e, *p as usize);
                Ok(Some((v, *r, span)))
            }
        })
        .collect()
}

/// Checks rules 1–4 among the placed events (positions are already feasible against the
/// existing events: [`Instance::new`] keeps only those).
pub fn check(inst: &Instance, at: &Assignment) -> Result<(), Violation> {
    let spans = spans(inst, at)?;
    for (a, event) in inst.events.iter().enumerate() {
        let Some((va, ra, sa)) = spans[a] else {
            continue;
        };
        for b in (a + 1)..inst.events.len() {
            let Some((vb, rb, sb)) = spans[b] else {
                continue;
            };
            if !sa.shares_day(sb) {
                continue;
            }
            if va == vb && ra == rb {
                return Err(Violation::Room(a, b));
            }
            if event.group.is_some() && event.group == inst.events[b].group {
                return Err(Violation::Group(a, b));
            }
            if let Some(n) = event.neighbours.iter().find(|n| n.other == b) {
                if n.required_both {
                    return Err(Violation::Required(a, b));
                }
                if n.in_person_both && va != vb {
                    return Err(Violation::InPerson(a, b));
                }
            }
        }
    }
    Ok(())
}

/// Trips of one person over the items they attend in person, given where each is.
pub fn person_trips(inst: &Instance, items: &mut [(u16, Span<'_>, u32)]) -> usize {
    items.sort_by_key(|(v, s, rank)| (s.first, *rank, *v));
    let mut trips = 0;
    for f in 0..items.len() {
        let (vf, sf, _) = items[f];
        let continues = items[..f]
            .iter()
            .any(|(ve, se, _)| *ve == vf && inst.near(vf, *se, sf));
        if !continues {
            trips += 1;
        }
    }
    trips
}

/// The cost of a feasible solution, term by term.
pub fn evaluate(inst: &Instance, at: &Assignment) -> Evaluation {
    let spans = spans(inst, at).unwrap_or_else(|_| vec![None; at.len()]);
    let mut ev = Evaluation::default();
    let mut soft = 0usize;
    for (e, event) in inst.events.iter().enumerate() {
        let Some((va, _, sa)) = spans[e] else {
            ev.unplaced += 1;
            continue;
        };
        ev.placed += 1;
        let (p, _) = at[e].unwrap_or_default();
        soft += event.positions[p as usize].soft as usize;
        // Wanted co-locations with fixed events.
        for &f in &event.wanted_fixed {
            if let Some((vf, sf)) = inst.fixed_span(f) {
                if vf == va && inst.near(va, sa, sf) {
                    ev.wanted_colocations += 1;
                }
            }
        }
        // Pairs with other placed events, each counted once (from the smaller index).
        for n in &event.neighbours {
            if n.other < e {
                continue;
            }
            let Some((vb, _, sb)) = spans[n.other] else {
                continue;
            };
            if sa.shares_day(sb) {
                soft += n.common as usize;
                if n.same_region && va != vb {
                    soft += 1;
                }
            }
            if n.wanted && va == vb && inst.near(va, sa, sb) {
                ev.wanted_colocations += 1;
            }
        }
    }
    for items in &inst.person_items {
        let mut placed: Vec<(u16, Span<'_>, u32)> = items
            .iter()
            .filter_map(|item| match *item {
                Item::Event(e) => spans[e].map(|(v, _, s)| (v, s, inst.events[e].rank)),
                Item::Fixed(f) => inst.fixed_span(f).map(|(v, s)| (v, s, inst.fixed[f].rank)),
            })
            .collect();
        ev.trips_if_apart += placed.len();
        ev.trips += person_trips(inst, &mut placed);
    }
    ev.soft_clashes = soft;
    ev.cost = inst.w_unplaced * ev.unplaced as f64 - inst.w_wanted * ev.wanted_colocations as f64
        + inst.w_trip * ev.trips as f64
        + inst.w_soft * ev.soft_clashes as f64;
    ev
}
