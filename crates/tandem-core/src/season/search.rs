//! Local search over the compiled season: a greedy start, then moves of one event at a time
//! (to its best feasible position, or out of the plan), ejections (an unplaced event takes
//! the place of one that blocks it, which moves elsewhere), and ruin-and-recreate (a few
//! related events are taken out and put back greedily in a random order), accepting a
//! worse plan with a small, shrinking threshold and always keeping the best.
//!
//! Every move is priced incrementally from the event's own terms (its position, its
//! neighbours, the trips of the people in it), and every plan handed back is re-priced by
//! [`super::cost::evaluate`]. The random choices come from a seeded generator, so the same
//! instance and budget give the same plan.

// Indexing here is by indices this planner made itself from the validated model (events,
// positions, rooms, venues, calendar days), each below the length of what it indexes by
// construction; no index comes from request text. The property and exhaustive tests run
// every path. (The validation in model.rs and the calendar use checked access.)
#![allow(clippy::indexing_slicing)]

use std::time::Instant;

use super::cost::Assignment;
use super::instance::{Instance, Item, Span};

/// SplitMix64: a tiny, well-known generator; seeded, so runs repeat exactly (a dependency
/// for eight lines of arithmetic is not worth it, and `rand`'s streams may change between
/// versions, which would change plans).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles `items` in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

const FREE: u32 = u32::MAX;

/// The search state: where each event is, and who holds each room and group day.
#[derive(Clone)]
pub struct State<'a> {
    inst: &'a Instance,
    /// Per event: `(position, room)`.
    pub at: Assignment,
    /// Per room (venue base + room) and day index: the event holding it, or FREE.
    room_day: Vec<Vec<u32>>,
    /// Per group and day index: the event holding it, or FREE.
    group_day: Vec<Vec<u32>>,
    room_base: Vec<usize>,
    /// The cost of the plan, kept incrementally (re-priced from scratch at the end).
    pub cost: f64,
}

impl<'a> State<'a> {
    /// The empty plan.
    pub fn new(inst: &'a Instance) -> Self {
        let days = inst.calendar.len();
        let mut room_base = Vec::with_capacity(inst.rooms_per_venue.len());
        let mut total = 0;
        for n in &inst.rooms_per_venue {
            room_base.push(total);
            total += n;
        }
        let cost = super::cost::evaluate(inst, &vec![None; inst.events.len()]).cost;
        Self {
            inst,
            at: vec![None; inst.events.len()],
            room_day: vec![vec![FREE; days]; total],
            group_day: vec![vec![FREE; days]; inst.groups],
            room_base,
            cost,
        }
    }

    fn day_index(&self, day: i32) -> usize {
        usize::try_from(day - self.inst.calendar.origin()).unwrap_or(0)
    }

    fn span_of(&self, e: usize) -> Option<(u16, Span<'static>)> {
        self.at[e].map(|(p, _)| self.inst.span(e, p as usize))
    }

    /// The room of position `p` of `e` free on all its days, if any; otherwise the events
    /// holding the first eligible room.
    fn free_room(&self, e: usize, p: usize) -> Option<u16> {
        let pos = &self.inst.events[e].positions[p];
        let base = self.room_base[usize::from(pos.venue)];
        let first = self.day_index(pos.start);
        let len = usize::try_from(self.inst.events[e].len).unwrap_or(1);
        pos.rooms.iter().copied().find(|&r| {
            self.room_day[base + usize::from(r)][first..first + len]
                .iter()
                .all(|&x| x == FREE || x as usize == e)
        })
    }

    /// True when `e` can be at position `p` with the others where they are (`e` itself
    /// ignored): a free room, its group free, no neighbour breaking rule 3 or 4.
    fn feasible(&self, e: usize, p: usize) -> Option<u16> {
        let event = &self.inst.events[e];
        let pos = &event.positions[p];
        let first = self.day_index(pos.start);
        let len = usize::try_from(event.len).unwrap_or(1);
        if let Some(g) = event.group {
            if self.group_day[g as usize][first..first + len]
                .iter()
                .any(|&x| x != FREE && x as usize != e)
            {
                return None;
            }
        }
        let (v, span) = self.inst.span(e, p);
        for n in &event.neighbours {
            if !(n.required_both || n.in_person_both) {
                continue;
            }
            let Some((vo, so)) = self.span_of(n.other) else {
                continue;
            };
            if n.other == e || !span.shares_day(so) {
                continue;
            }
            if n.required_both || vo != v {
                return None;
            }
        }
        self.free_room(e, p)
    }

    /// The events that stop `e` from taking position `p` (rooms: the holders of the
    /// first eligible room), or `None` when something other than events to place does.
    pub fn blockers_of(&self, e: usize, p: usize, out: &mut Vec<usize>) {
        out.clear();
        let event = &self.inst.events[e];
        let pos = &event.positions[p];
        let first = self.day_index(pos.start);
        let len = usize::try_from(event.len).unwrap_or(1);
        if let Some(g) = event.group {
            for &x in &self.group_day[g as usize][first..first + len] {
                if x != FREE && x as usize != e && !out.contains(&(x as usize)) {
                    out.push(x as usize);
                }
            }
        }
        let (v, span) = self.inst.span(e, p);
        for n in &event.neighbours {
            if !(n.required_both || n.in_person_both) {
                continue;
            }
            let Some((vo, so)) = self.span_of(n.other) else {
                continue;
            };
            if span.shares_day(so) && (n.required_both || vo != v) && !out.contains(&n.other) {
                out.push(n.other);
            }
        }
        if self.free_room(e, p).is_none() {
            // The room with the fewest holders.
            let base = self.room_base[usize::from(pos.venue)];
            let mut best: Option<Vec<usize>> = None;
            for &r in &pos.rooms {
                let mut holders: Vec<usize> = Vec::new();
                for &x in &self.room_day[base + usize::from(r)][first..first + len] {
                    if x != FREE && x as usize != e && !holders.contains(&(x as usize)) {
                        holders.push(x as usize);
                    }
                }
                if best.as_ref().is_none_or(|b| holders.len() < b.len()) {
                    best = Some(holders);
                }
            }
            for x in best.unwrap_or_default() {
                if !out.contains(&x) {
                    out.push(x);
                }
            }
        }
    }

    /// Trips of person `q` at venue `v`, with `e` at `with` (or absent).
    fn trips_at(&self, q: u32, v: u16, e: usize, with: Option<Span<'_>>) -> i64 {
        let mut items: Vec<(u16, Span<'_>, u32)> = Vec::new();
        for item in &self.inst.person_items[q as usize] {
            match *item {
                Item::Event(i) if i == e => {
                    if let Some(s) = with {
                        items.push((v, s, self.inst.events[e].rank));
                    }
                }
                Item::Event(i) => {
                    if let Some((vi, s)) = self.span_of(i) {
                        if vi == v {
                            items.push((v, s, self.inst.events[i].rank));
                        }
                    }
                }
                Item::Fixed(f) => {
                    if let Some((vf, s)) = self.inst.fixed_span(f) {
                        if vf == v {
                            items.push((v, s, self.inst.fixed[f].rank));
                        }
                    }
                }
            }
        }
        i64::try_from(super::cost::person_trips(self.inst, &mut items)).unwrap_or(0)
    }

    /// The cost terms of `e` at position `p` with the others where they are (`e`'s own
    /// current place ignored), or of leaving it out (`None`).
    pub fn local_cost(&self, e: usize, p: Option<usize>) -> f64 {
        let inst = self.inst;
        let Some(p) = p else {
            return inst.w_unplaced;
        };
        let event = &inst.events[e];
        let pos = &event.positions[p];
        let (v, span) = inst.span(e, p);
        let mut cost = pos.unary;
        let mut soft = 0u32;
        let mut wanted = 0u32;
        for n in &event.neighbours {
            let Some((vo, so)) = self.span_of(n.other) else {
                continue;
            };
            if n.other == e {
                continue;
            }
            if span.shares_day(so) {
                soft += n.common;
                if n.same_region && vo != v {
                    soft += 1;
                }
            }
            if n.wanted && vo == v && inst.near(v, span, so) {
                wanted += 1;
            }
        }
        cost += f64::from(soft) * inst.w_soft - f64::from(wanted) * inst.w_wanted;
        // Trips: the change at this venue beyond the one trip the unary term counts.
        if inst.w_trip != 0.0 {
            let mut change = 0i64;
            for &q in &event.in_person {
                let with = self.trips_at(q, v, e, Some(span));
                let without = self.trips_at(q, v, e, None);
                change += with - without - 1;
            }
            cost += change as f64 * inst.w_trip;
        }
        cost
    }

    /// The cost terms `e` has where it is now.
    pub fn current_local(&self, e: usize) -> f64 {
        match self.at[e] {
            None => self.local_cost(e, None),
            Some((p, _)) => self.local_cost(e, Some(p as usize)),
        }
    }

    fn mark(&mut self, e: usize, value: u32) {
        let Some((p, r)) = self.at[e] else {
            return;
        };
        let event = &self.inst.events[e];
        let pos = &event.positions[p as usize];
        let first = self.day_index(pos.start);
        let len = usize::try_from(event.len).unwrap_or(1);
        let base = self.room_base[usize::from(pos.venue)];
        for x in &mut self.room_day[base + usize::from(r)][first..first + len] {
            *x = value;
        }
        if let Some(g) = event.group {
            for x in &mut self.group_day[g as usize][first..first + len] {
                *x = value;
            }
        }
    }

    /// Moves `e` to `to` (feasibility already checked), updating the cost by `delta`.
    pub fn put(&mut self, e: usize, to: Option<(u32, u16)>, delta: f64) {
        self.mark(e, FREE);
        self.at[e] = to;
        self.mark(e, u32::try_from(e).unwrap_or(FREE));
        self.cost += delta;
    }

    /// The best place for `e` with the others where they are: `(position and room, cost
    /// of its terms)`, `None` meaning left out. Ties go to the first position.
    pub fn best_place(&self, e: usize, work: &mut u64) -> (Option<(u32, u16)>, f64) {
        let mut best: (Option<(u32, u16)>, f64) = (None, self.local_cost(e, None));
        for p in 0..self.inst.events[e].positions.len() {
            *work += 1;
            let Some(room) = self.feasible(e, p) else {
                continue;
            };
            let c = self.local_cost(e, Some(p));
            if c < best.1 - 1e-9 {
                best = (Some((u32::try_from(p).unwrap_or(0), room)), c);
            }
        }
        best
    }

    /// Takes `e` out and puts it at its best place; returns the improvement.
    pub fn reinsert(&mut self, e: usize, work: &mut u64) -> f64 {
        let now = self.current_local(e);
        let old = self.at[e];
        self.put(e, None, 0.0);
        let (place, c) = self.best_place(e, work);
        if c < now - 1e-9 {
            self.put(e, place, c - now);
            now - c
        } else {
            self.put(e, old, 0.0);
            0.0
        }
    }
}

/// How the search went.
#[derive(Clone, Copy, Debug, Default)]
pub struct SearchStats {
    /// Positions priced.
    pub work: u64,
    /// True when it stopped at the deadline rather than at the end of its budget.
    pub timed_out: bool,
}

/// Runs the local search from `start` (or the empty plan) until `budget` positions have
/// been priced or `deadline` passes, calling `improved` with each better cost.
pub fn local_search(
    inst: &Instance,
    start: Option<&Assignment>,
    budget: u64,
    deadline: Instant,
    seed: u64,
    improved: &mut dyn FnMut(f64, &Assignment),
) -> (Assignment, SearchStats) {
    let mut rng = Rng::new(seed);
    let mut state = State::new(inst);
    let mut stats = SearchStats::default();
    let n = inst.events.len();
    if let Some(start) = start {
        for (e, a) in start.iter().enumerate() {
            if let Some((p, _)) = a {
                if let Some(room) = state.feasible(e, *p as usize) {
                    let c = state.local_cost(e, Some(*p as usize)) - state.local_cost(e, None);
                    state.put(e, Some((*p, room)), c);
                }
            }
        }
    }
    // Greedy: the events with the fewest positions first (they have the least choice).
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&e| (inst.events[e].positions.len(), e));
    for &e in &order {
        if state.at[e].is_none() && !inst.events[e].positions.is_empty() {
            state.reinsert(e, &mut stats.work);
        }
    }
    descend(&mut state, &mut rng, &mut stats.work);
    let mut best = state.at.clone();
    let mut best_cost = state.cost;
    improved(best_cost, &best);
    let placeable: Vec<usize> = (0..n)
        .filter(|&e| !inst.events[e].positions.is_empty())
        .collect();
    if placeable.is_empty() {
        return (best, stats);
    }
    let mut blockers = Vec::new();
    let mut round = 0u64;
    let start_work = stats.work;
    while stats.work - start_work < budget {
        round += 1;
        if round % 8 == 0 && Instant::now() >= deadline {
            stats.timed_out = true;
            break;
        }
        let before = state.clone();
        let before_cost = state.cost;
        // Ruin: a random event and some of its neighbours, or an ejection for an
        // unplaced one.
        let seed_event = placeable[rng.below(placeable.len())];
        let mut ruined: Vec<usize> = vec![seed_event];
        let roll = rng.unit();
        if roll < 0.35 {
            // Ejection towards one of the event's most attractive positions (priced as if
            // free): the events in the way make room and go elsewhere.
            let positions = inst.events[seed_event].positions.len();
            let mut priced: Vec<(f64, usize)> = (0..positions)
                .filter(|&p| state.at[seed_event].is_none_or(|(q, _)| q as usize != p))
                .map(|p| (state.local_cost(seed_event, Some(p)), p))
                .collect();
            stats.work += positions as u64;
            priced.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if !priced.is_empty() {
                let p = priced[rng.below(priced.len().min(3))].1;
                state.blockers_of(seed_event, p, &mut blockers);
                if blockers.len() <= 3 {
                    let d = state.local_cost(seed_event, None) - state.current_local(seed_event);
                    state.put(seed_event, None, d);
                    for &b in &blockers {
                        let d = state.local_cost(b, None) - state.current_local(b);
                        state.put(b, None, d);
                        ruined.push(b);
                    }
                    if let Some(room) = state.feasible(seed_event, p) {
                        let d = state.local_cost(seed_event, Some(p))
                            - state.local_cost(seed_event, None);
                        state.put(seed_event, Some((u32::try_from(p).unwrap_or(0), room)), d);
                    }
                }
            }
        } else if state.at[seed_event].is_none() && roll < 0.8 {
            // Ejection: a position whose blockers are few.
            let positions = inst.events[seed_event].positions.len();
            let p = rng.below(positions);
            state.blockers_of(seed_event, p, &mut blockers);
            stats.work += 1;
            if blockers.len() <= 2 {
                for &b in &blockers {
                    let d = state.local_cost(b, None) - state.current_local(b);
                    state.put(b, None, d);
                    ruined.push(b);
                }
                if let Some(room) = state.feasible(seed_event, p) {
                    let d =
                        state.local_cost(seed_event, Some(p)) - state.local_cost(seed_event, None);
                    state.put(seed_event, Some((u32::try_from(p).unwrap_or(0), room)), d);
                }
            }
        } else {
            let k = 2 + rng.below(5);
            let neighbours = &inst.events[seed_event].neighbours;
            for _ in 0..k {
                if neighbours.is_empty() {
                    break;
                }
                let o = neighbours[rng.below(neighbours.len())].other;
                if !ruined.contains(&o) {
                    ruined.push(o);
                }
            }
            for &x in &ruined {
                let d = state.local_cost(x, None) - state.current_local(x);
                state.put(x, None, d);
            }
        }
        // Recreate in a random order.
        rng.shuffle(&mut ruined[..]);
        for &x in &ruined {
            if state.at[x].is_none() {
                state.reinsert(x, &mut stats.work);
            }
        }
        descend_some(&mut state, &ruined, &mut stats.work);
        // Accept when no worse, or a little worse now and then.
        let threshold = if rng.unit() < 0.05 {
            inst.w_trip.max(1.0)
        } else {
            0.0
        };
        if state.cost <= before_cost + threshold + 1e-9 {
            if state.cost < best_cost - 1e-9 {
                best_cost = state.cost;
                best.clone_from(&state.at);
                improved(best_cost, &best);
            }
        } else {
            state = before;
        }
        // Drift guard: back to the best now and then.
        if round % 500 == 0 && state.cost > best_cost + 1e-9 {
            let mut fresh = State::new(inst);
            for (e, a) in best.iter().enumerate() {
                if let Some((p, r)) = a {
                    let d = fresh.local_cost(e, Some(*p as usize)) - fresh.local_cost(e, None);
                    fresh.put(e, Some((*p, *r)), d);
                }
            }
            state = fresh;
        }
    }
    (best, stats)
}

/// Moves events one at a time to their best place until none improves.
fn descend(state: &mut State<'_>, rng: &mut Rng, work: &mut u64) {
    let n = state.at.len();
    let mut order: Vec<usize> = (0..n).collect();
    loop {
        rng.shuffle(&mut order);
        let mut gain = 0.0;
        for &e in &order {
            gain += state.reinsert(e, work);
        }
        if gain <= 1e-9 {
            break;
        }
    }
}

/// Moves the given events and their neighbours to their best places, once.
fn descend_some(state: &mut State<'_>, events: &[usize], work: &mut u64) {
    let inst = state.inst;
    for &e in events {
        state.reinsert(e, work);
        for n in &inst.events[e].neighbours {
            if n.wanted || n.in_person_both {
                state.reinsert(n.other, work);
            }
        }
    }
}
