#!/usr/bin/env python3
"""OR-Tools CP-SAT on the season model that tandem's planner solves (not a test).

usage: season_cpsat.py MODEL.json [--time-limit S] [--workers N] [--out ASSIGNMENT.json]

MODEL.json is the compiled model the Rust runner exports
(`cargo run --release -p tandem-ical --example season_bench -- scenario.json --export MODEL.json`,
see `tandem_core::season::export`): every event's candidate positions (venue, first day,
rooms that seat it, the cost terms of the event alone), the pairs of events that interact,
the fixed events and who attends what in person. This script states DESIGN §14 over it as
a CP-SAT model:

- y[e,p] (event e at position p) and x[e,p,r] (in room r): sum_r x = y, sum_p y <= 1;
- rule 1: at most one x per room and day; rule 2: at most one y per group and day;
  rule 3: at most one of two events requiring one person per day; rule 4: two events with
  one person in person never on one day at different venues;
- cost = cost of the empty plan + sum y*(position's own terms - unplaced)
  + soft*(common participants, region) for pairs sharing a day (at different venues)
  - wanted per wanted pair placed near - trip per trip continued, the last two as
  clauses over the positions that make them true.

It prints one JSON line: cost (recomputed from the solution's objective terms), bound,
status, seconds (solving; building the model in Python is reported apart and not
charged to the time limit). `--out` writes the assignment ([position, room] or null per event) so
that the Rust runner can re-check and re-price it (`--check`).

Needs `pip install ortools==9.14.6206` (in a venv outside the clone).
"""
import argparse
import json
import sys
import time
from collections import defaultdict

from ortools.sat.python import cp_model

SCALE = 1000  # CP-SAT's objective is integral: weights are scaled, then divided back


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    began = time.monotonic()
    with open(args.model) as f:
        m = json.load(f)
    cal = m["calendar"]
    origin, before, ndays = cal["origin"], cal["before"], cal["len"]
    G = m["max_gap"]
    w_un, w_want, w_trip, w_soft = m["w_unplaced"], m["w_wanted"], m["w_trip"], m["w_soft"]
    events, fixed = m["events"], m["fixed"]

    def between(v, a, b):
        lo, hi = min(a, b), max(a, b)
        if hi - lo <= 1:
            return 0
        clamp = lambda d: min(max(d - origin, 0), ndays)
        return before[v][clamp(hi)] - before[v][clamp(lo + 1)]

    def near(v, a, b):  # a, b: (first, last)
        e, l = (a, b) if a[0] <= b[0] else (b, a)
        return e[1] >= l[0] or between(v, e[1], l[0]) <= G

    import bisect
    by_venue = []  # per event: venue -> (starts, position indices), sorted by start
    for ev in events:
        d = defaultdict(lambda: ([], []))
        for p, pos in enumerate(ev["positions"]):
            d[pos["venue"]][0].append(pos["start"])
            d[pos["venue"]][1].append(p)
        by_venue.append(d)

    def near_positions(j, v, span_):
        """Positions of event j at venue v near span_ (walking out from its start)."""
        if v not in by_venue[j]:
            return []
        starts, idx = by_venue[j][v]
        ln = events[j]["len"]
        mid = bisect.bisect_right(starts, span_[0])
        out = []
        for k in range(mid - 1, -1, -1):
            if not near(v, (starts[k], starts[k] + ln - 1), span_):
                break
            out.append(idx[k])
        for k in range(mid, len(starts)):
            if not near(v, (starts[k], starts[k] + ln - 1), span_):
                break
            out.append(idx[k])
        return out

    model = cp_model.CpModel()
    y = []  # y[e][p]
    objective = []
    for e, ev in enumerate(events):
        ys = []
        for p, pos in enumerate(ev["positions"]):
            v = model.NewBoolVar(f"y{e}_{p}")
            ys.append(v)
            objective.append((v, round((pos["unary"] - w_un) * SCALE)))
        y.append(ys)
        if ys:
            model.AddAtMostOne(ys)
    span = lambda e, p: (events[e]["positions"][p]["start"],
                         events[e]["positions"][p]["start"] + events[e]["len"] - 1)
    # Rooms.
    room_day = defaultdict(list)
    xvars = [[None] * len(ev["positions"]) for ev in events]
    for e, ev in enumerate(events):
        for p, pos in enumerate(ev["positions"]):
            xs = [model.NewBoolVar(f"x{e}_{p}_{r}") for r in pos["rooms"]]
            xvars[e][p] = list(zip(pos["rooms"], xs))
            model.Add(sum(xs) == y[e][p])
            for r, xv in zip(pos["rooms"], xs):
                for d in range(pos["start"], pos["start"] + ev["len"]):
                    room_day[(pos["venue"], r, d)].append(xv)
    for xs in room_day.values():
        if len(xs) > 1:
            model.AddAtMostOne(xs)
    # Coverage: positions of e covering day d, per venue.
    cover = []
    for e, ev in enumerate(events):
        c = defaultdict(list)
        for p, pos in enumerate(ev["positions"]):
            for d in range(pos["start"], pos["start"] + ev["len"]):
                c[(pos["venue"], d)].append(y[e][p])
        cover.append(c)
    at_day = [defaultdict(list) for _ in events]
    for e, c in enumerate(cover):
        for (v, d), ys in c.items():
            at_day[e][d].extend(ys)
    # Groups.
    group_day = defaultdict(list)
    for e, ev in enumerate(events):
        if ev["group"] is not None:
            for d, ys in at_day[e].items():
                group_day[(ev["group"], d)].extend(ys)
    for ys in group_day.values():
        if len(ys) > 1:
            model.AddAtMostOne(ys)
    # Pairs.
    for a, ev in enumerate(events):
        for n in ev["neighbours"]:
            b = n["other"]
            if b <= a or not y[a] or not y[b]:
                continue
            common_days = sorted(set(at_day[a]) & set(at_day[b]))
            if n["required_both"]:
                for d in common_days:
                    model.AddAtMostOne(at_day[a][d] + at_day[b][d])
            elif n["in_person_both"]:
                for d in common_days:
                    venues = {v for (v, dd) in cover[a] if dd == d}
                    for v in venues:
                        other = [yv for (vb, dd), ys in cover[b].items() if dd == d and vb != v for yv in ys]
                        if other:
                            model.Add(sum(cover[a][(v, d)]) + sum(other) <= 1)
            if common_days and n["common"] > 0 and not n["required_both"]:
                sh = model.NewBoolVar(f"sh{a}_{b}")
                for d in common_days:
                    model.Add(sh >= sum(at_day[a][d]) + sum(at_day[b][d]) - 1)
                objective.append((sh, round(n["common"] * w_soft * SCALE)))
            if common_days and n["same_region"]:
                rg = model.NewBoolVar(f"rg{a}_{b}")
                for d in common_days:
                    venues = {v for (v, dd) in cover[a] if dd == d}
                    for v in venues:
                        other = [yv for (vb, dd), ys in cover[b].items() if dd == d and vb != v for yv in ys]
                        if other:
                            model.Add(rg >= sum(cover[a][(v, d)]) + sum(other) - 1)
                objective.append((rg, round(w_soft * SCALE)))
            if n["wanted"]:
                c = model.NewBoolVar(f"c{a}_{b}")
                model.AddBoolOr([c.Not()] + y[a])
                for pa, pos in enumerate(events[a]["positions"]):
                    sa = span(a, pa)
                    ok = [y[b][pb] for pb in near_positions(b, pos["venue"], sa)]
                    model.AddBoolOr([c.Not(), y[a][pa].Not()] + ok)
                objective.append((c, round(-w_want * SCALE)))
    # Trips: nb[(j, i)] = item j comes before item i at one venue and is near it.
    nb = {}

    def before_near(j, i):
        key = (json.dumps(j, sort_keys=True), json.dumps(i, sort_keys=True))
        if key in nb:
            return nb[key]
        (jk, jx), (ik, ix) = next(iter(j.items())), next(iter(i.items()))
        lit = None
        if jk == "Fixed" and ik == "Fixed":
            fj, fi = fixed[jx], fixed[ix]
            ok = (fj["venue"] is not None and fj["venue"] == fi["venue"]
                  and (fj["days"][0], fj["rank"]) < (fi["days"][0], fi["rank"])
                  and near(fj["venue"], (fj["days"][0], fj["days"][-1]), (fi["days"][0], fi["days"][-1])))
            lit = True if ok else False
        elif jk == "Fixed":
            fj = fixed[jx]
            opts = [y[ix][p] for p, pos in enumerate(events[ix]["positions"])
                    if pos["venue"] == fj["venue"] and (fj["days"][0], fj["rank"]) < (pos["start"], events[ix]["rank"])
                    and near(pos["venue"], (fj["days"][0], fj["days"][-1]), span(ix, p))]
            if opts:
                lit = model.NewBoolVar("nb")
                model.AddBoolOr([lit.Not()] + opts)
        elif ik == "Fixed":
            fi = fixed[ix]
            opts = [y[jx][p] for p, pos in enumerate(events[jx]["positions"])
                    if pos["venue"] == fi["venue"] and (pos["start"], events[jx]["rank"]) < (fi["days"][0], fi["rank"])
                    and near(pos["venue"], span(jx, p), (fi["days"][0], fi["days"][-1]))]
            if opts:
                lit = model.NewBoolVar("nb")
                model.AddBoolOr([lit.Not()] + opts)
        else:
            pj, pi = events[jx]["positions"], events[ix]["positions"]
            rows = []
            for p, pos in enumerate(pi):
                opts = [y[jx][q] for q in near_positions(jx, pos["venue"], span(ix, p))
                        if (pj[q]["start"], events[jx]["rank"]) < (pos["start"], events[ix]["rank"])]
                if opts:
                    rows.append((p, opts))
            if rows:
                lit = model.NewBoolVar("nb")
                model.AddBoolOr([lit.Not()] + [y[ix][p] for p, _ in rows])
                for p, opts in rows:
                    model.AddBoolOr([lit.Not(), y[ix][p].Not()] + opts)
        nb[key] = lit
        return lit

    conts = defaultdict(int)
    lits = {}
    for items in m["person_items"]:
        for i in items:
            preds = []
            constant = False
            for j in items:
                if j == i:
                    continue
                lit = before_near(j, i)
                if lit is True:
                    constant = True
                    break
                if lit is not None and lit is not False:
                    preds.append(lit)
            if constant or not preds:
                continue
            for lit in preds:
                lits[lit.Index()] = lit
            conts[(json.dumps(i, sort_keys=True), tuple(sorted(p.Index() for p in preds)))] += 1
    for (i, preds), mult in conts.items():
        cont = model.NewBoolVar("cont")
        model.AddBoolOr([cont.Not()] + [lits[p] for p in preds])
        objective.append((cont, round(-w_trip * mult * SCALE)))
    model.Minimize(sum(coef * v for v, coef in objective))
    built = time.monotonic() - began
    solver = cp_model.CpSolver()
    # The whole time limit for solving: building the model in Python is not charged.
    solver.parameters.max_time_in_seconds = args.time_limit
    solver.parameters.num_workers = args.workers
    solver.parameters.random_seed = 1
    status = solver.Solve(model)
    out = {"model": args.model, "status": solver.StatusName(status), "seconds": solver.WallTime(),
           "total_seconds": time.monotonic() - began,
           "build_seconds": built, "workers": args.workers, "time_limit": args.time_limit}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        out["cost"] = m["empty_cost"] + solver.ObjectiveValue() / SCALE
        out["bound"] = m["empty_cost"] + solver.BestObjectiveBound() / SCALE
        assignment = []
        for e, ev in enumerate(events):
            got = None
            for p, pos in enumerate(ev["positions"]):
                if solver.Value(y[e][p]):
                    got = [p, next(r for r, xv in xvars[e][p] if solver.Value(xv))]
            assignment.append(got)
        out["placed"] = sum(a is not None for a in assignment)
        if args.out:
            with open(args.out, "w") as f:
                json.dump(assignment, f)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
