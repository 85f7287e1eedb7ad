//! The season as a mixed-integer programme, solved by HiGHS (through the `highs` crate),
//! started from the local search's plan.
//!
//! Columns: `y[e,p]` (event e at position p, binary) and `x[e,p,r]` (in room r, binary,
//! only where a position has more than one room); continuous indicators in [0, 1] for the
//! pair terms: `sh[a,b]` (a and b share a day: soft clashes of their common
//! participants), `rg[a,b]` (they share a day at different venues: `region_overlap`),
//! `c[a,b]` (a wanted co-location), `nb[j,i]` (item j comes before item i at one venue and
//! is near it) and `z[i,p,S]` (item i, at its position p, continues a trip for the people
//! whose earlier items are S, weighted by how many they are).
//!
//! Rows: one position per event; rule 1 per room and day; rule 2 per group and day;
//! rule 3 per pair and shared day; rule 4 per biclique of positions of two events that
//! share a day at different venues; `sh`/`rg` bounded below by the same bicliques
//! (`y` on one side + `y` on the other - 1); `c`/`nb` transports between the two events'
//! positions; `z[i,p,S]` bounded by `y[i,p]` and by the `nb` columns of S that put i at
//! p (so a fractional i cannot count a continuation at a position it is not at). At an integral `y` the indicators take exactly §14's values, so the
//! programme's optimum is the season's, and HiGHS's dual bound is a bound on §14's cost.
//!
//! The objective is the cost less that of the empty plan (added back), so that HiGHS's
//! bound and the plan's cost are on the same scale.
//!
//! The season is split into parts whose events cannot interact (`parts`), and each
//! part's programme is solved on its own: the cost is the empty plan's plus each part's
//! change from it, so the bound is the empty plan's cost plus the parts' bounds. (HiGHS
//! does not split a programme itself; on the small benchmark season, parts of 7, 4 and 1
//! events, the proof takes 0.31–0.35 s against 0.45–0.60 s in one programme.)

// Indexing here is by indices this planner made itself from the validated model (events,
// positions, rooms, venues, calendar days), each below the length of what it indexes by
// construction; no index comes from request text. The property and exhaustive tests run
// every path. (The validation in model.rs and the calendar use checked access.)
#![allow(clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use highs::{HighsModelStatus, RowProblem, Sense};

use super::cost::Assignment;
use super::instance::{Instance, Item};

/// Largest programme (columns + rows, over all parts) handed to HiGHS. The small benchmark season's has
/// about 7,000 and is proven optimal in seconds; the medium one's has about 49,000 and
/// HiGHS gave no bound in 10 s (BENCHMARKS.md), time the local search uses better.
pub const MAX_SIZE: usize = 20_000;

/// What HiGHS found.
pub struct MilpOutcome {
    /// Its plan (the start when it found nothing better).
    pub assignment: Assignment,
    /// Its proven lower bound on the cost, when it has one.
    pub bound: Option<f64>,
    /// True when HiGHS proved its plan optimal (it stopped by itself).
    pub optimal: bool,
}

/// One linear row `lo <= sum(coef * col) <= hi`.
struct Row {
    terms: Vec<(usize, f64)>,
    lo: f64,
    hi: f64,
}

/// A column: cost, bounds, integrality.
struct Column {
    cost: f64,
    hi: f64,
    integer: bool,
}

/// The programme before it is handed to HiGHS, with what the warm start needs.
pub struct Programme {
    columns: Vec<Column>,
    rows: Vec<Row>,
    /// Per event, per position: its `y` column.
    y: Vec<Vec<usize>>,
    /// Per event, per position: `(room, x column)` when it has more than one room.
    x: Vec<Vec<Vec<(u16, usize)>>>,
    /// Per column, the rows it appears in (indicators only), for the warm start.
    rows_of: HashMap<usize, Vec<usize>>,
}

impl Programme {
    fn column(&mut self, cost: f64, hi: f64, integer: bool) -> usize {
        self.columns.push(Column { cost, hi, integer });
        self.columns.len() - 1
    }

    fn row(&mut self, terms: Vec<(usize, f64)>, lo: f64, hi: f64) {
        self.rows.push(Row { terms, lo, hi });
    }

    /// A row that bounds indicator `col` (recorded for the warm start).
    fn indicator_row(&mut self, col: usize, terms: Vec<(usize, f64)>, lo: f64, hi: f64) {
        self.rows_of.entry(col).or_default().push(self.rows.len());
        self.row(terms, lo, hi);
    }

    /// A row `sum(terms) <= hi` over several indicators `cols` (recorded for each).
    fn group_row(&mut self, cols: &[usize], terms: Vec<(usize, f64)>, hi: f64) {
        for &c in cols {
            self.rows_of.entry(c).or_default().push(self.rows.len());
        }
        self.row(terms, f64::NEG_INFINITY, hi);
    }

    fn size(&self) -> usize {
        self.columns.len() + self.rows.len()
    }
}

/// Builds the programme of the events in `part` (the others are left out of it, as they
/// are of the start: see [`parts`]); `None` when it would exceed `limit` rows and
/// columns.
#[allow(clippy::too_many_lines)]
fn build(inst: &Instance, part: &[bool], limit: usize) -> Option<Programme> {
    let mut m = Programme {
        columns: Vec::new(),
        rows: Vec::new(),
        y: Vec::new(),
        x: Vec::new(),
        rows_of: HashMap::new(),
    };
    let n = inst.events.len();
    for (e, event) in inst.events.iter().enumerate() {
        if !part[e] {
            m.y.push(Vec::new());
            continue;
        }
        let ys: Vec<usize> = event
            .positions
            .iter()
            .map(|p| m.column(p.unary - inst.w_unplaced, 1.0, true))
            .collect();
        if !ys.is_empty() {
            m.row(
                ys.iter().map(|&c| (c, 1.0)).collect(),
                f64::NEG_INFINITY,
                1.0,
            );
        }
        m.y.push(ys);
    }
    // Rooms: x where a position has a choice of rooms.
    let mut room_day: BTreeMap<(u16, u16, i32), Vec<usize>> = BTreeMap::new();
    for (e, event) in inst.events.iter().enumerate() {
        if !part[e] {
            m.x.push(Vec::new());
            continue;
        }
        let mut xs = Vec::with_capacity(event.positions.len());
        for (p, pos) in event.positions.iter().enumerate() {
            let mut here = Vec::new();
            if pos.rooms.len() == 1 {
                for d in pos.start..pos.start + event.len {
                    room_day
                        .entry((pos.venue, pos.rooms[0], d))
                        .or_default()
                        .push(m.y[e][p]);
                }
            } else {
                let mut terms = vec![(m.y[e][p], -1.0)];
                for &r in &pos.rooms {
                    let c = m.column(0.0, 1.0, true);
                    terms.push((c, 1.0));
                    here.push((r, c));
                    for d in pos.start..pos.start + event.len {
                        room_day.entry((pos.venue, r, d)).or_default().push(c);
                    }
                }
                m.row(terms, 0.0, 0.0);
            }
            xs.push(here);
        }
        m.x.push(xs);
        if m.size() > limit {
            return None;
        }
    }
    for cols in room_day.values().filter(|c| c.len() > 1) {
        m.row(
            cols.iter().map(|&c| (c, 1.0)).collect(),
            f64::NEG_INFINITY,
            1.0,
        );
    }
    // Occupancy: per event and day, the y columns covering it.
    let mut at_day: Vec<BTreeMap<i32, Vec<usize>>> = vec![BTreeMap::new(); n];
    for (e, event) in inst.events.iter().enumerate() {
        if !part[e] {
            continue;
        }
        for (p, pos) in event.positions.iter().enumerate() {
            for d in pos.start..pos.start + event.len {
                at_day[e].entry(d).or_default().push(m.y[e][p]);
            }
        }
    }
    let mut group_day: BTreeMap<(u32, i32), Vec<usize>> = BTreeMap::new();
    for (e, event) in inst.events.iter().enumerate() {
        if let Some(g) = event.group {
            for (d, cols) in &at_day[e] {
                group_day.entry((g, *d)).or_default().extend(cols);
            }
        }
    }
    for cols in group_day.values().filter(|c| c.len() > 1) {
        m.row(
            cols.iter().map(|&c| (c, 1.0)).collect(),
            f64::NEG_INFINITY,
            1.0,
        );
    }
    // Rule 3: per person and day, at most one of the events requiring them.
    let mut required_by: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (e, event) in inst.events.iter().enumerate() {
        for &p in &event.required {
            required_by.entry(p).or_default().push(e);
        }
    }
    let mut cliques: std::collections::BTreeSet<(Vec<usize>, i32)> =
        std::collections::BTreeSet::new();
    for events in required_by.values().filter(|e| e.len() > 1) {
        let mut days: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for &e in events {
            for d in at_day[e].keys() {
                days.entry(*d).or_default().push(e);
            }
        }
        for (d, es) in days {
            if es.len() > 1 {
                cliques.insert((es, d));
            }
        }
    }
    for (es, d) in cliques {
        let terms: Vec<(usize, f64)> = es
            .iter()
            .flat_map(|&e| at_day[e][&d].iter().map(|&c| (c, 1.0)))
            .collect();
        m.row(terms, f64::NEG_INFINITY, 1.0);
    }
    let mut near = Vec::new();
    for (a, event) in inst.events.iter().enumerate() {
        for nb in &event.neighbours {
            let b = nb.other;
            if b <= a || m.y[a].is_empty() || m.y[b].is_empty() {
                continue;
            }
            let common: Vec<i32> = at_day[a]
                .keys()
                .filter(|d| at_day[b].contains_key(d))
                .copied()
                .collect();
            // Rule 4 (rule 3 is stated per person and day below): at most one of each
            // biclique of positions at different venues that share a day.
            if nb.in_person_both && !nb.required_both && !common.is_empty() {
                for (left, right) in bicliques(inst, a, b, true) {
                    let mut terms: Vec<(usize, f64)> =
                        left.iter().map(|&pa| (m.y[a][pa], 1.0)).collect();
                    terms.extend(right.iter().map(|&pb| (m.y[b][pb], 1.0)));
                    m.row(terms, f64::NEG_INFINITY, 1.0);
                }
            }
            // Soft clashes: at least (a on a set of positions A) + (b on a set B) - 1, for
            // sets A and B of which every pair shares a day: from each position of either
            // event, the positions of the other sharing a day with it, and every position
            // of its own sharing a day with all of those (the biclique around the star).
            if !common.is_empty() && nb.common > 0 && !nb.required_both {
                let sh = m.column(f64::from(nb.common) * inst.w_soft, 1.0, false);
                for (left, right) in bicliques(inst, a, b, false) {
                    let mut terms = vec![(sh, -1.0)];
                    terms.extend(left.iter().map(|&pa| (m.y[a][pa], 1.0)));
                    terms.extend(right.iter().map(|&pb| (m.y[b][pb], 1.0)));
                    m.indicator_row(sh, terms, f64::NEG_INFINITY, 1.0);
                }
            }
            if !common.is_empty() && nb.same_region {
                let rg = m.column(inst.w_soft, 1.0, false);
                for (left, right) in bicliques(inst, a, b, true) {
                    let mut terms = vec![(rg, -1.0)];
                    terms.extend(left.iter().map(|&pa| (m.y[a][pa], 1.0)));
                    terms.extend(right.iter().map(|&pb| (m.y[b][pb], 1.0)));
                    m.indicator_row(rg, terms, f64::NEG_INFINITY, 1.0);
                }
            }
            // Wanted co-location: a transport between the positions of a and the near
            // positions of b (the bipartite matching polytope: exact for the pair).
            if nb.wanted {
                let mut pairs = Vec::new();
                for pa in 0..inst.events[a].positions.len() {
                    let (v, sa) = inst.span(a, pa);
                    inst.near_positions(b, v, sa, &mut near);
                    pairs.extend(near.iter().map(|&pb| (pa, pb)));
                }
                transport(&mut m, a, b, &pairs, -inst.w_wanted);
            }
        }
        if m.size() > limit {
            return None;
        }
    }
    // Trips: item i continues a trip for a person when one of their earlier items is
    // near it. `nb(j, i)` is a sum of columns (at most one is 1), each tagged with the
    // position of i it needs (for an event i). The continuation is stated position by
    // position: `z[i,p,S]` (i at p continues from one of the earlier items S) is at most
    // `y[i,p]` and at most the columns of S that need p, so a fractional i cannot count
    // a continuation at a position it is not at (the OR over S is then priced within
    // `y[i,p]`, not within 1).
    let mut nb_of: HashMap<(Item, Item), Pred> = HashMap::new();
    let mut conts: BTreeMap<(Item, Vec<Tagged>), f64> = BTreeMap::new();
    let in_part = |item: &Item| match *item {
        Item::Event(e) => part[e],
        Item::Fixed(_) => true,
    };
    for all in &inst.person_items {
        let items: Vec<Item> = all.iter().copied().filter(in_part).collect();
        for &i in &items {
            let mut preds = Vec::new();
            let mut constant = false;
            for &j in &items {
                if j == i {
                    continue;
                }
                if !nb_of.contains_key(&(j, i)) {
                    if let (Item::Event(ej), Item::Event(ei)) = (j, i) {
                        // Both orders of a pair share one transport: exactly one of two
                        // near events continues from the other.
                        let (first, second) = pair_transport(inst, &mut m, ej, ei);
                        nb_of.insert((j, i), first);
                        nb_of.insert((i, j), second);
                    } else {
                        let pred = before_near(inst, &mut m, j, i);
                        nb_of.insert((j, i), pred);
                    }
                }
                let pred = &nb_of[&(j, i)];
                match pred {
                    // Two fixed items: the continuation is a constant of the empty plan.
                    Pred::Constant => {
                        constant = true;
                        break;
                    }
                    Pred::Sum(cols) => preds.extend(cols.iter().copied()),
                    Pred::Never => {}
                }
            }
            if constant || preds.is_empty() {
                continue;
            }
            preds.sort_unstable();
            *conts.entry((i, preds)).or_default() += 1.0;
        }
        if m.size() > limit {
            return None;
        }
    }
    for ((i, preds), mult) in conts {
        let mut by_position: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
        for (p, c) in preds {
            by_position.entry(p).or_default().push(c);
        }
        for (p, cols) in by_position {
            let z = m.column(-inst.w_trip * mult, 1.0, false);
            let mut terms = vec![(z, 1.0)];
            terms.extend(cols.iter().map(|&c| (c, -1.0)));
            m.indicator_row(z, terms, f64::NEG_INFINITY, 0.0);
            if let (Item::Event(e), Some(p)) = (i, p) {
                let y = m.y[e][p];
                if cols != [y] {
                    m.indicator_row(z, vec![(z, 1.0), (y, -1.0)], f64::NEG_INFINITY, 0.0);
                }
            }
        }
        if m.size() > limit {
            return None;
        }
    }
    (m.size() <= limit).then_some(m)
}

/// Sets `(A, B)` of positions of events a and b such that every position in A shares a
/// day with every one in B (and, with `apart`, is at another venue), one per position of
/// either event that shares a day with some position of the other: the positions of the
/// other sharing a day with it (B), and the positions of its own event (at its venue, with
/// `apart`) sharing a day with all of those (A).
fn bicliques(inst: &Instance, a: usize, b: usize, apart: bool) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut out = std::collections::BTreeSet::new();
    let mut other = Vec::new();
    for (e, f, flip) in [(a, b, false), (b, a, true)] {
        let (le, lf) = (inst.events[e].len, inst.events[f].len);
        for pe in 0..inst.events[e].positions.len() {
            let (v, se) = inst.span(e, pe);
            let exclude = apart.then_some(v);
            inst.overlapping_positions(f, se.first, se.last, None, exclude, &mut other);
            if other.is_empty() {
                continue;
            }
            let min_last = other
                .iter()
                .map(|&q| inst.events[f].positions[q].start + lf - 1)
                .min()
                .unwrap_or(se.last);
            let max_first = other
                .iter()
                .map(|&q| inst.events[f].positions[q].start)
                .max()
                .unwrap_or(se.first);
            let venues: std::collections::BTreeSet<u16> = other
                .iter()
                .map(|&q| inst.events[f].positions[q].venue)
                .collect();
            let own: Vec<usize> = (0..inst.events[e].positions.len())
                .filter(|&q| {
                    let p = &inst.events[e].positions[q];
                    p.start <= min_last
                        && p.start + le > max_first
                        && (!apart || !venues.contains(&p.venue))
                })
                .collect();
            let pair = if flip {
                (other.clone(), own)
            } else {
                (own, other.clone())
            };
            out.insert(pair);
        }
    }
    out.into_iter().collect()
}

/// A column of `nb(j, i)` with the position of i it needs (`None` when i is fixed).
type Tagged = (Option<usize>, usize);

/// Whether item j comes before item i at one venue and is near it.
enum Pred {
    /// Always (two fixed items).
    Constant,
    /// Never.
    Never,
    /// Exactly when one of these columns is 1 (at most one can be), each with the
    /// position of i it needs (`None` when i is fixed).
    Sum(Vec<Tagged>),
}

/// `nb(j, i)` as columns: for a fixed and an event, the event's positions that make it
/// hold; for two events, one `z` per position p of i, at most `y[i,p]` and at most the
/// positions of j near p and before it.
fn before_near(inst: &Instance, m: &mut Programme, j: Item, i: Item) -> Pred {
    let key = |item: Item, first: i32| match item {
        Item::Event(e) => (first, inst.events[e].rank),
        Item::Fixed(f) => (first, inst.fixed[f].rank),
    };
    let sum = |cols: Vec<Tagged>| {
        if cols.is_empty() {
            Pred::Never
        } else {
            Pred::Sum(cols)
        }
    };
    let mut near = Vec::new();
    match (j, i) {
        (Item::Fixed(fj), Item::Fixed(fi)) => {
            let (Some((vj, sj)), Some((vi, si))) = (inst.fixed_span(fj), inst.fixed_span(fi))
            else {
                return Pred::Never;
            };
            if vj == vi && key(j, sj.first) < key(i, si.first) && inst.near(vj, sj, si) {
                Pred::Constant
            } else {
                Pred::Never
            }
        }
        (Item::Fixed(fj), Item::Event(ei)) => {
            let Some((vj, sj)) = inst.fixed_span(fj) else {
                return Pred::Never;
            };
            inst.near_positions(ei, vj, sj, &mut near);
            sum(near
                .iter()
                .filter(|&&p| key(j, sj.first) < key(i, inst.span(ei, p).1.first))
                .map(|&p| (Some(p), m.y[ei][p]))
                .collect())
        }
        (Item::Event(ej), Item::Fixed(fi)) => {
            let Some((vi, si)) = inst.fixed_span(fi) else {
                return Pred::Never;
            };
            inst.near_positions(ej, vi, si, &mut near);
            sum(near
                .iter()
                .filter(|&&p| key(j, inst.span(ej, p).1.first) < key(i, si.first))
                .map(|&p| (None, m.y[ej][p]))
                .collect())
        }
        (Item::Event(_), Item::Event(_)) => {
            unreachable!("pairs of events go through pair_transport")
        }
    }
}

/// `nb(j, i)` and `nb(i, j)` for two events: one transport over every near pair of their
/// positions, its columns split by which event comes first.
fn pair_transport(inst: &Instance, m: &mut Programme, j: usize, i: usize) -> (Pred, Pred) {
    let mut near = Vec::new();
    let mut pairs = Vec::new();
    let mut j_first = Vec::new();
    for q in 0..inst.events[j].positions.len() {
        let (v, s) = inst.span(j, q);
        inst.near_positions(i, v, s, &mut near);
        for &p in &near {
            let sp = inst.span(i, p).1.first;
            pairs.push((q, p));
            j_first.push((s.first, inst.events[j].rank) < (sp, inst.events[i].rank));
        }
    }
    let cols = transport(m, j, i, &pairs, 0.0);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for ((c, first), &(q, p)) in cols.into_iter().zip(j_first).zip(&pairs) {
        // j first: i continues, at p; else j continues from i, at q.
        if first {
            a.push((Some(p), c));
        } else {
            b.push((Some(q), c));
        }
    }
    let sum = |cols: Vec<Tagged>| {
        if cols.is_empty() {
            Pred::Never
        } else {
            Pred::Sum(cols)
        }
    };
    (sum(a), sum(b))
}

/// Columns `w[pa, pb]` for the compatible position pairs of events a and b, each with
/// `cost`, their sums bounded by `y[a, pa]` and by `y[b, pb]`; returns them.
fn transport(
    m: &mut Programme,
    a: usize,
    b: usize,
    pairs: &[(usize, usize)],
    cost: f64,
) -> Vec<usize> {
    let mut from: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut to: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut cols = Vec::with_capacity(pairs.len());
    for &(pa, pb) in pairs {
        let w = m.column(cost, 1.0, false);
        from.entry(pa).or_default().push(w);
        to.entry(pb).or_default().push(w);
        cols.push(w);
    }
    for (pa, ws) in from {
        let mut terms: Vec<(usize, f64)> = ws.iter().map(|&w| (w, 1.0)).collect();
        terms.push((m.y[a][pa], -1.0));
        m.group_row(&ws, terms, 0.0);
    }
    for (pb, ws) in to {
        let mut terms: Vec<(usize, f64)> = ws.iter().map(|&w| (w, 1.0)).collect();
        terms.push((m.y[b][pb], -1.0));
        m.group_row(&ws, terms, 0.0);
    }
    cols
}

/// Column values of `at` in the programme: `y`/`x` from the plan, each indicator at the
/// value its rows allow (the least for a cost, the most for a reward), in column order
/// (an indicator's rows only name columns before it).
fn values(m: &Programme, at: &Assignment) -> Vec<f64> {
    let mut v = vec![0.0; m.columns.len()];
    for (e, a) in at.iter().enumerate() {
        if let Some((p, r)) = a {
            let p = *p as usize;
            v[m.y[e][p]] = 1.0;
            if let Some(&(_, c)) = m.x[e][p].iter().find(|(room, _)| room == r) {
                v[c] = 1.0;
            }
        }
    }
    let mut cols: Vec<usize> = m.rows_of.keys().copied().collect();
    cols.sort_unstable();
    for col in cols {
        let reward = m.columns[col].cost <= 0.0;
        let (mut lo, mut hi) = (0.0f64, m.columns[col].hi);
        for &r in &m.rows_of[&col] {
            let row = &m.rows[r];
            let mut coef = 0.0;
            let mut rest = 0.0;
            for &(c, a) in &row.terms {
                if c == col {
                    coef += a;
                } else {
                    rest += a * v[c];
                }
            }
            if coef > 0.0 {
                hi = hi.min((row.hi - rest) / coef);
            } else if coef < 0.0 {
                lo = lo.max((row.hi - rest) / coef);
            }
        }
        v[col] = if reward { hi.max(lo) } else { lo.min(hi) };
    }
    v
}

/// The programmes HiGHS is given: one per part of the season (see `parts`).
pub struct Programmes {
    /// Each part's events, with its programme.
    parts: Vec<(Vec<usize>, Programme)>,
}

/// The season's programmes, one per part with an event that has a position, when some
/// event has one and together they have at most [`MAX_SIZE`] rows and columns (the
/// planner then hands them to HiGHS).
pub fn programme(inst: &Instance) -> Option<Programmes> {
    if inst.events.iter().all(|e| e.positions.is_empty()) {
        return None;
    }
    let mut out = Vec::new();
    let mut size = 0;
    for events in parts(inst) {
        if events.iter().all(|&e| inst.events[e].positions.is_empty()) {
            continue;
        }
        let mut part = vec![false; inst.events.len()];
        for &e in &events {
            part[e] = true;
        }
        let m = build(inst, &part, MAX_SIZE - size)?;
        size += m.size();
        out.push((events, m));
    }
    Some(Programmes { parts: out })
}

/// The events of the season in parts that do not interact: no two events of different
/// parts can share a room, a group day or a required participant, be a pair of
/// neighbours (rules 3 and 4, soft clashes, wanted co-locations, trips that continue
/// one another), or both be near a fixed event that one of their in-person
/// participants attends (whether that fixed event continues a trip depends on every
/// earlier item near it). The cost is then the empty plan's plus each part's change
/// from it, and each part's programme is solved alone: its bound on its change adds up
/// with the others'. Parts in order of their first event.
fn parts(inst: &Instance) -> Vec<Vec<usize>> {
    fn root(up: &mut [usize], mut e: usize) -> usize {
        while up[e] != e {
            up[e] = up[up[e]];
            e = up[e];
        }
        e
    }
    fn join(up: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (root(up, a), root(up, b));
        if ra != rb {
            up[ra.max(rb)] = ra.min(rb);
        }
    }
    let n = inst.events.len();
    let mut up: Vec<usize> = (0..n).collect();
    // Neighbours: every relation between two events to place (groups, required and
    // in-person participants, common participants, regions, wanted co-locations).
    for (e, event) in inst.events.iter().enumerate() {
        for nb in &event.neighbours {
            join(&mut up, e, nb.other);
        }
    }
    // Rooms: two events that may hold one room on one day.
    let mut holder: HashMap<(u16, u16, i32), usize> = HashMap::new();
    for (e, event) in inst.events.iter().enumerate() {
        for pos in &event.positions {
            for &r in &pos.rooms {
                for d in pos.start..pos.start + event.len {
                    let first = *holder.entry((pos.venue, r, d)).or_insert(e);
                    join(&mut up, e, first);
                }
            }
        }
    }
    // Fixed events: the events of a person near a fixed event they attend in person.
    let mut near = Vec::new();
    for items in &inst.person_items {
        for &f in items {
            let Item::Fixed(f) = f else {
                continue;
            };
            let Some((v, span)) = inst.fixed_span(f) else {
                continue;
            };
            let mut first = None;
            for &i in items {
                let Item::Event(e) = i else {
                    continue;
                };
                inst.near_positions(e, v, span, &mut near);
                if !near.is_empty() {
                    let a = *first.get_or_insert(e);
                    join(&mut up, a, e);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for e in 0..n {
        by_root.entry(root(&mut up, e)).or_default().push(e);
    }
    by_root.into_values().collect()
}

/// Solves `programmes` of `inst` with HiGHS from `start` until `deadline`, part by part;
/// `None` when no part was solved (no time left, or HiGHS refused them).
pub fn improve(
    inst: &Instance,
    programmes: &Programmes,
    start: &Assignment,
    deadline: Instant,
) -> Option<MilpOutcome> {
    let n = inst.events.len();
    let empty = super::cost::evaluate(inst, &vec![None; n]).cost;
    let mut assignment = start.clone();
    // The sum of the parts' bounds on their change from the empty plan.
    let mut change = Some(0.0);
    let mut optimal = true;
    let mut solved_any = false;
    for (events, m) in &programmes.parts {
        let mut own: Assignment = vec![None; n];
        for &e in events {
            own[e] = start[e];
        }
        let Some(part) = solve(inst, m, &own, empty, deadline) else {
            change = None;
            optimal = false;
            continue;
        };
        solved_any = true;
        for &e in events {
            assignment[e] = part.assignment[e];
        }
        change = change
            .zip(part.bound)
            .map(|(sum, b)| sum + round_change(inst, b, empty));
        optimal &= part.optimal;
    }
    solved_any.then(|| MilpOutcome {
        assignment,
        bound: change.map(|c| c + empty),
        optimal,
    })
}

/// Solves programme `m` (the part of `inst` that `start` places events of; the empty
/// plan costs `empty`) with HiGHS until `deadline`: its plan for the part, and its bound
/// on the part's change from the empty plan, unrounded. `None` when no time is left, the
/// programme does not price the start as [`super::cost::evaluate`] does, or HiGHS
/// refuses it.
fn solve(
    inst: &Instance,
    m: &Programme,
    start: &Assignment,
    empty: f64,
    deadline: Instant,
) -> Option<MilpOutcome> {
    let left = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    if left < 0.05 {
        return None;
    }
    let mut problem = RowProblem::default();
    let cols: Vec<highs::Col> = m
        .columns
        .iter()
        .map(|c| {
            if c.integer {
                problem.add_integer_column(c.cost, 0.0..=c.hi)
            } else {
                problem.add_column(c.cost, 0.0..=c.hi)
            }
        })
        .collect();
    for row in &m.rows {
        // HiGHS refuses a row that names a column twice: such terms are summed.
        let mut merged: Vec<(usize, f64)> = Vec::with_capacity(row.terms.len());
        for &(c, a) in &row.terms {
            match merged.iter_mut().find(|(d, _)| *d == c) {
                Some((_, b)) => *b += a,
                None => merged.push((c, a)),
            }
        }
        let terms: Vec<(highs::Col, f64)> = merged.iter().map(|&(c, a)| (cols[c], a)).collect();
        problem.add_row(row.lo..=row.hi, &terms);
    }
    // A programme HiGHS refuses is not solved: the local search's plan stands, unbounded.
    let mut model = problem.try_optimise(Sense::Minimise).ok()?;
    model.make_quiet();
    model.set_option("threads", 1);
    model.set_option("random_seed", 0);
    model.set_option("mip_rel_gap", 0.0);
    // Measured on the small benchmark season (BENCHMARKS.md): HiGHS's presolve costs the
    // proof more than it saves (1.1–1.4 s of CPU to prove it optimal without it; it
    // stopped at bounds of 127 within 10 s with it).
    model.set_option("presolve", "off");
    // HiGHS always starts from the local search's plan, so its feasibility jump (a search
    // for a first feasible plan) only spends time: 0.03-0.05 s of the small season's
    // 0.45-0.50 s of CPU (BENCHMARKS.md).
    model.set_option("mip_heuristic_run_feasibility_jump", false);
    // With whole weights every cost is a whole number: a gap under 1 is none.
    model.set_option(
        "mip_abs_gap",
        if whole_weights(inst) {
            1.0 - 1e-6
        } else {
            1e-6
        },
    );
    let left = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    if left < 0.05 {
        return None;
    }
    model.set_option("time_limit", left);
    let warm = values(m, start);
    let at_start: f64 = m.columns.iter().zip(&warm).map(|(c, v)| c.cost * v).sum();
    if (at_start + empty - super::cost::evaluate(inst, start).cost).abs() > 1e-6 {
        // The programme must price the start as §14 does; if it ever does not, neither
        // its plans nor its bound can be trusted.
        return None;
    }
    if model
        .try_set_solution(Some(&warm), None, None, None)
        .is_err()
    {
        // HiGHS refused the start: it solves from scratch.
    }
    let solved = model.try_solve().ok()?;
    let status = solved.status();
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    let solution = solved.get_solution();
    let columns = solution.columns();
    let mut assignment: Assignment = vec![None; inst.events.len()];
    let has_solution = columns.len() == m.columns.len()
        && matches!(
            status,
            HighsModelStatus::Optimal
                | HighsModelStatus::ReachedTimeLimit
                | HighsModelStatus::ObjectiveBound
                | HighsModelStatus::ReachedSolutionLimit
        );
    if has_solution {
        for (e, ys) in m.y.iter().enumerate() {
            for (p, &y) in ys.iter().enumerate() {
                if columns[y] > 0.5 {
                    let room = if m.x[e][p].is_empty() {
                        inst.events[e].positions[p].rooms[0]
                    } else {
                        m.x[e][p]
                            .iter()
                            .find(|(_, c)| columns[*c] > 0.5)
                            .map_or(inst.events[e].positions[p].rooms[0], |(r, _)| *r)
                    };
                    assignment[e] = Some((u32::try_from(p).unwrap_or(0), room));
                }
            }
        }
    } else {
        assignment.clone_from(start);
    }
    Some(MilpOutcome {
        assignment,
        bound,
        optimal: status == HighsModelStatus::Optimal,
    })
}

/// HiGHS's bound on a part's change from the empty plan (which costs `empty`) is a float
/// within its tolerances; when every weight is a whole number so is every cost and every
/// change, and the bound rounds up to the next one (less a tolerance).
fn round_change(inst: &Instance, change: f64, empty: f64) -> f64 {
    if whole_weights(inst) {
        (change - 1e-6).ceil()
    } else {
        change - 1e-6 * (change.abs() + empty.abs()).max(1.0)
    }
}

/// True when every weight is a whole number (then so is every cost).
fn whole_weights(inst: &Instance) -> bool {
    [inst.w_unplaced, inst.w_wanted, inst.w_trip, inst.w_soft]
        .iter()
        .all(|w| w.fract() == 0.0)
}
