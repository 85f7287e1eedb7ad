#!/usr/bin/env bash
# Season-planning benchmark (not a test; BENCHMARKS.md "Season planning"): tandem's planner
# and OR-Tools CP-SAT on the same compiled model of each gen_season.py scenario, one run
# each, with peak memory from /usr/bin/time -v and the load average beside every figure.
#
#   bench/season.sh [OUT]        (from the repository root; OUT defaults to /var/tmp/season-bench)
#
# Needs python3 with icalendar 7.x (for gen_season.py), and builds a venv outside the clone
# for ortools==9.14.6206. Time limits: ours 10 s (small, medium) and 30 s (large); CP-SAT
# 60 s, and also ours' limit, with 2 workers.
set -euo pipefail
OUT="${1:-/var/tmp/season-bench}"
GEN="${GEN:-}"
if [ -z "$GEN" ]; then
    for g in ../shared/bench/gen_season.py ../../shared/bench/gen_season.py; do
        [ -f "$g" ] && GEN="$g" && break
    done
fi
VENV="${TANDEM_CPSAT_VENV:-/var/tmp/season-cpsat-venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/tandem-target}"
if ! "$VENV/bin/python" -c 'import ortools' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check ortools==9.14.6206
fi
cargo build --release --locked -p tandem-ical --example season_bench
BIN="$CARGO_TARGET_DIR/release/examples/season_bench"
mkdir -p "$OUT/out"
for size in small medium large; do
    [ -f "$OUT/$size/scenario.json" ] || python3 "$GEN" "$OUT/$size" --size "$size"
done
peak() { awk '/Maximum resident set size/ { printf "%.0f MiB", $6 / 1024 }' "$1"; }
for size in small medium large; do
    limit=10
    [ "$size" = large ] && limit=30
    scenario="$OUT/$size/scenario.json"
    model="$OUT/out/$size-model.json"
    "$BIN" "$scenario" --time-limit 0.01 --export "$model" >/dev/null
    echo "== $size: tandem, ${limit} s  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    /usr/bin/time -v "$BIN" "$scenario" --time-limit "$limit" 2>"$OUT/out/$size-ours.time" | tee "$OUT/out/$size-ours.json"
    echo "   peak $(peak "$OUT/out/$size-ours.time")"
    for cp in "$limit" 60; do
        echo "== $size: CP-SAT, ${cp} s, 2 workers  (load: $(cut -d' ' -f1-3 /proc/loadavg))"
        /usr/bin/time -v "$VENV/bin/python" bench/season_cpsat.py "$model" --time-limit "$cp" --workers 2 \
            --out "$OUT/out/$size-cpsat-$cp.assignment.json" 2>"$OUT/out/$size-cpsat-$cp.time" |
            tee "$OUT/out/$size-cpsat-$cp.json"
        echo "   peak $(peak "$OUT/out/$size-cpsat-$cp.time")"
        if [ -s "$OUT/out/$size-cpsat-$cp.assignment.json" ]; then
            echo "   re-priced by tandem: $("$BIN" "$scenario" --check "$OUT/out/$size-cpsat-$cp.assignment.json")"
        fi
    done
done
