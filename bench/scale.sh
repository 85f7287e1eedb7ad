#!/usr/bin/env bash
# Running at scale on PostgreSQL (issue 8): feeds, event listing, window search and event
# creation against a release `tandem serve` on a database of EVENTS seeded events, measured
# with wrk, beside nginx serving the very same feed bytes as a static file.
#   EVENTS=100000 bash bench/scale.sh       (needs: cargo, psql, a PostgreSQL server with
#   EVENTS=1000000 bash bench/scale.sh       trust auth, wrk, nginx, curl)
# Creates a fresh database (dropped on exit), seeds it (`tandem seed`, timed), VACUUM
# ANALYZE, starts `tandem serve` on loopback, and runs every workload for DURATION seconds
# (bench/scale.lua varies the requests), PASSES times, sampling the server's resident memory;
# then, PROBES times, CONNECTIONS requests at once for the feed just after a write made it
# stale.
# Loopback only; every load run is bounded; the server, nginx, the sampler and the database
# are removed on exit.
#
# Settings (environment):
#   PG               server URL without database (postgres://postgres@127.0.0.1:5432)
#   EVENTS           events to seed (100000)
#   PARTICIPANTS     participant pool (EVENTS / 20: as many participations per person at
#                    every size)
#   DURATION         seconds per wrk run (10)
#   CONNECTIONS      wrk connections for the feed runs, tandem and nginx alike (64, as
#                    bench/feeds.sh)
#   API_CONNECTIONS  wrk connections for listing, window search and creation (8: the size
#                    of tandem's database pool)
#   THREADS          wrk threads (2)
#   PASSES           times every tandem workload runs (2: the second shows whether memory
#                    keeps growing)
#   PROBES           stale-feed probes (2; more show whether memory keeps growing with
#                    every rebuild of the feed)
#   FEED             region of the feed measured (AFR)
#   NGINX_PORT       loopback port for nginx (8094)
#   WAIT_IDLE        most seconds to wait, before measuring, while another process keeps
#                    the machine busy (900; 0 does not wait)
#   KEEP_DB          set: keep the database for a closer look (EXPLAIN) instead of dropping it
#   REUSE_DB         name of a database on PG already seeded as this script seeds (e.g. one
#                    KEEP_DB left), already migrated by the binary measured: no creation, no
#                    seeding, not dropped (its seed figures are then not measured)
#   WORKLOADS        which to run, of: feed list search create probe (all of them); the feed
#                    and nginx setup run either way, since the other workloads start from them
#   LOG_DIR          set: copy the server log, wrk outputs, memory samples and results there
#   TANDEM_BIN       a release tandem binary to measure instead of building this tree's
#                    (e.g. one built from a clean export of a commit, in its own target dir)
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
EVENTS="${EVENTS:-100000}"
PARTICIPANTS="${PARTICIPANTS:-$((EVENTS / 20))}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
API_CONNECTIONS="${API_CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
PASSES="${PASSES:-2}"
PROBES="${PROBES:-2}"
FEED="${FEED:-AFR}"
NGINX_PORT="${NGINX_PORT:-8094}"
WAIT_IDLE="${WAIT_IDLE:-900}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/tandem-target}"
if [ -n "${TANDEM_BIN:-}" ]; then
    BIN="$TANDEM_BIN"
else
    cargo build --release --quiet --bin tandem
    BIN="$CARGO_TARGET_DIR/release/tandem"
fi
LUA="$PWD/bench/scale.lua"
NAME="${REUSE_DB:-tandem_scale_$$}"
WORKLOADS="${WORKLOADS:-feed list search create probe}"
wanted() { case " $WORKLOADS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
DB="$PG/$NAME"
WORK="$(mktemp -d)"
chmod 755 "$WORK" # nginx's workers must be able to read the static copy
SERVER=""
SAMPLER=""
NGINX=""
cleanup() {
    [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
    [ -n "$NGINX" ] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
    if [ -n "${REUSE_DB:-}" ]; then
        echo "database $DB reused, left as it is"
    elif [ -n "${KEEP_DB:-}" ]; then
        echo "database kept: $DB (drop it: psql $PG/postgres -c 'DROP DATABASE $NAME')"
    else
        psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" || true
    fi
    if [ -n "${LOG_DIR:-}" ]; then
        mkdir -p "$LOG_DIR" && cp "$WORK"/*.log "$WORK"/*.tsv "$LOG_DIR"/ 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }
# Compilers and linkers running (someone else's build).
builds() { ps -e -o comm= | grep -cxE 'rustc|cargo|cc1|cc|ld|ld.lld|ld.gold|collect2|build-script-bu.*' || true; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

echo "== machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB," \
    "$(uname -sr), $(psql -At "$PG/postgres" -c 'SHOW server_version'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)," \
    "$(nginx -v 2>&1 | cut -d' ' -f3)"
if [ -n "${TANDEM_BIN:-}" ]; then
    echo "== tandem: $BIN"
else
    echo "== tandem at $(git rev-parse --short HEAD)$(git status --porcelain --untracked-files=no | grep -q . && echo ' (uncommitted changes in the tree)')"
fi
if [ -n "${REUSE_DB:-}" ]; then
    echo "== reusing $NAME (seeded earlier; not seeded again)"
    EVENTS=$(psql -At "$DB" -c "SELECT count(*) FROM events")
    PARTICIPANTS=$(psql -At "$DB" -c "SELECT count(DISTINCT participant_id) FROM event_participants")
else
    psql -q "$PG/postgres" -c "CREATE DATABASE $NAME"

    echo "== seeding $EVENTS events, $PARTICIPANTS participants"
    START=$(now)
    "$BIN" seed --database "$DB" --events "$EVENTS" --participants "$PARTICIPANTS" --seed 1 --from 2027-01-01 > "$WORK/seed.log" 2>&1 ||
        { cat "$WORK/seed.log"; exit 1; }
    echo "seed: $(since "$START") s"
fi
START=$(now)
# Steady state: statistics, and the visibility map the seeding left unset (else autovacuum
# runs during the load).
psql -q "$DB" -c "VACUUM ANALYZE"
echo "vacuum analyze: $(since "$START") s"
psql -At "$DB" -c "SELECT 'events ' || count(*) FROM events" \
    -c "SELECT 'occurrences ' || count(*) FROM event_occurrences" \
    -c "SELECT 'participations ' || count(*) FROM event_participants" \
    -c "SELECT 'venues ' || count(*) FROM venues" \
    -c "SELECT 'database size ' || pg_size_pretty(pg_database_size(current_database())) || ' (' || pg_database_size(current_database()) || ' bytes)'"
TOKEN=$("$BIN" token create --role admin --database "$DB" 2>/dev/null)

# What the workloads draw from: regions and groups for listing, the seeded period, and
# confirmed single meetings in a room (spread over the period by id) as creation anchors.
REGIONS=$(psql -At "$DB" -c "SELECT string_agg(DISTINCT region, ',') FROM events")
GROUP_CODES=$(psql -At "$DB" -c "SELECT string_agg(DISTINCT group_code, ',') FROM events")
SPAN_DAYS=$(psql -At "$DB" -c "SELECT ceil(extract(epoch FROM max(starts_at) - '2027-01-01T00:00Z') / 86400)::int FROM events")
psql -At -F $'\t' "$DB" -c "
  SELECT region, coalesce(group_code, ''), venue_id, room_id, tz, left(local_start, 10) FROM events
  WHERE status = 'confirmed' AND kind = 'meeting' AND room_id IS NOT NULL AND rrule IS NULL
  ORDER BY id LIMIT 500" > "$WORK/anchors.tsv"
echo "regions $REGIONS; $(echo "$GROUP_CODES" | tr ',' '\n' | wc -l) groups; $SPAN_DAYS days; $(wc -l < "$WORK/anchors.tsv") creation anchors"

# One load generator is one client: the per-client rate limit would measure itself.
TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND=0 RUST_LOG=warn "$BIN" serve --database "$DB" --bind 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "tandem listening on" "$WORK/serve.log" && break; sleep 0.1; done
BASE=$(sed -n 's/^tandem listening on //p' "$WORK/serve.log")
[ -n "$BASE" ] || { cat "$WORK/serve.log"; exit 1; }
echo "== tandem serve (pid $SERVER) on $BASE, rate limit off; RSS after start: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$SERVER/status)"

# Resident memory every 0.2 s, tagged with the running workload and whether a compiler or
# linker (someone else's build) was running.
echo idle > "$WORK/phase"
(
    while kill -0 "$SERVER" 2>/dev/null; do
        RSS=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status" 2>/dev/null) || break
        echo "$(cat "$WORK/phase") $RSS $(builds)"
        sleep 0.2
    done > "$WORK/rss.log"
) &
SAMPLER=$!

# The feed: its first (cold) build, its size, and its ETag.
FEED_URL="$BASE/feeds/regions/$FEED.ics"
fetch_feed() {
    curl -s -o "$WORK/$FEED.ics" -w '%{http_code} %{time_total}\n' "$FEED_URL"
}
read -r CODE SECONDS_COLD < <(fetch_feed)
read -r _ SECONDS_WARM < <(fetch_feed)
[ "$CODE" = 200 ] || { echo "feed: HTTP $CODE"; cat "$WORK/$FEED.ics"; exit 1; }
etag() { curl -sI "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}'; }
ETAG=$(etag "$FEED_URL")
echo "feed /feeds/regions/$FEED.ics: $(grep -c 'BEGIN:VEVENT' "$WORK/$FEED.ics") events, $(wc -c < "$WORK/$FEED.ics") bytes," \
    "first request (build) ${SECONDS_COLD} s, second (cached) ${SECONDS_WARM} s, ETag $ETAG"
cp "$WORK/$FEED.ics" "$WORK/static.ics"
chmod 644 "$WORK/static.ics"

cat > "$WORK/nginx.conf" << NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    types { text/calendar ics; }
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK; etag on; }
}
NGINX
nginx -c "$WORK/nginx.conf"
NGINX=1
STATIC_URL="http://127.0.0.1:$NGINX_PORT/static.ics"
for _ in $(seq 1 20); do curl -sf -o /dev/null "$STATIC_URL" && break; sleep 0.1; done
# Both must serve the same bytes, or the comparison means nothing.
cmp <(curl -sf "$STATIC_URL") "$WORK/$FEED.ics"
cmp <(curl -sf "$FEED_URL") "$WORK/$FEED.ics"
NGINX_ETAG=$(etag "$STATIC_URL")

# Another process keeping the cores busy would skew every figure: wait (bounded) until the
# machine is quiet, judged by its CPU use over 5 s while nothing of ours runs.
busy_share() {
    local a b
    a=$(awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat)
    sleep 5
    b=$(awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat)
    echo "$a $b" | awk '{ printf "%.0f", 100 * ($3 - $1) / ($4 - $2) }'
}
WAITED=0
while :; do
    SHARE=$(busy_share)
    if [ "$SHARE" -le 20 ] || [ "$WAITED" -ge "$WAIT_IDLE" ]; then break; fi
    echo "machine busy ($SHARE% CPU, load $(cut -d' ' -f1-3 /proc/loadavg)," \
        "$(builds) compiler processes): waiting 60 s"
    sleep 60
    WAITED=$((WAITED + 60))
done
echo "== measuring: machine at $SHARE% CPU over 5 s before the load (waited $WAITED s), load $(cut -d' ' -f1-3 /proc/loadavg)"

# run LABEL WORKLOAD CONNECTIONS URL [wrk options]: one bounded wrk run, one RESULT line.
run() {
    local label=$1 workload=$2 connections=$3 url=$4
    shift 4
    echo "$(date +%T) $label" >> "$WORK/phases"
    echo "$label" > "$WORK/phase"
    LABEL="$label" WORKLOAD="$workload" ERRORS="$WORK/errors.$label" REGIONS="$REGIONS" \
        GROUP_CODES="$GROUP_CODES" SPAN_DAYS="$SPAN_DAYS" ANCHORS="$WORK/anchors.tsv" TOKEN="$TOKEN" \
        PARTICIPANTS="$PARTICIPANTS" OFFSET="$((RANDOM * 1000))" \
        wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --timeout 10s --latency -s "$LUA" "$@" "$url" \
        > "$WORK/wrk.$label.log" 2>&1 || true
    echo idle > "$WORK/phase"
    if grep -q '^RESULT' "$WORK/wrk.$label.log"; then
        grep -E '^(RESULT|SOCKET)' "$WORK/wrk.$label.log" | tee -a "$WORK/results.tsv" | grep '^SOCKET' || true
    else
        cat "$WORK/wrk.$label.log"
    fi
    for f in "$WORK/errors.$label".*; do
        [ -e "$f" ] || continue
        echo "-- $label: first error answer of a wrk thread:"
        head -c 1200 "$f"
        echo
    done
    rm -f "$WORK/errors.$label".*
}

rss() { grep -E 'VmRSS|VmHWM' "/proc/$SERVER/status" | tr -s ' \t' ' ' | paste -sd, -; }

# herd LABEL: after a write the cached feed is stale; CONNECTIONS subscribers ask for it at
# the same moment (one request each, 60 s at most). One HERD line:
# answers, first, median and last answer time, statuses; the first non-200 body is shown.
herd() {
    local label=$1
    echo "$(date +%T) $label" >> "$WORK/phases"
    echo "$label" > "$WORK/phase"
    rm -f "$WORK"/herd.*
    : > "$WORK/herd.times"
    # shellcheck disable=SC2016
    seq "$CONNECTIONS" | xargs -P "$CONNECTIONS" -I{} sh -c '
        out=$(curl -s -o "$1.$2" --max-time 60 -w "%{http_code} %{time_total}" "$3")
        echo "$out" >> "$1.times"
        case "$out" in 200\ *) rm -f "$1.$2" ;; esac' sh "$WORK/herd" {} "$FEED_URL" || true
    echo idle > "$WORK/phase"
    sort -k2,2 -n "$WORK/herd.times" | awk -v label="$label" '
        { t[NR] = $2; c[$1]++ }
        END { s = ""; for (k in c) s = s (s ? "," : "") k ":" c[k]
              printf "HERD\t%s\t%d\t%.2f\t%.2f\t%.2f\t%s\n", label, NR, t[1], t[int((NR + 1) / 2)], t[NR], s }' |
        tee -a "$WORK/results.tsv"
    for f in "$WORK"/herd.[0-9]*; do
        [ -e "$f" ] || continue
        echo "-- $label: a non-200 answer:"
        head -c 1200 "$f"
        echo
        break
    done
}

for PASS in $(seq 1 "$PASSES"); do
    echo "== pass $PASS (${DURATION} s per workload)"
    read -r _ SECONDS_FEED < <(fetch_feed)
    cmp -s "$WORK/$FEED.ics" "$WORK/static.ics" || echo "note: the feed's bytes changed since nginx's copy"
    ETAG=$(etag "$FEED_URL")
    echo "feed request before the pass: ${SECONDS_FEED} s"
    if wanted feed; then
        run "p$PASS feed 200" feed "$CONNECTIONS" "$FEED_URL"
        run "p$PASS feed 304" feed304 "$CONNECTIONS" "$FEED_URL" -H "If-None-Match: $ETAG"
        if [ "$PASS" = 1 ]; then
            run "nginx 200" feed "$CONNECTIONS" "$STATIC_URL"
            run "nginx 304" feed304 "$CONNECTIONS" "$STATIC_URL" -H "If-None-Match: $NGINX_ETAG"
        fi
    fi
    if wanted list; then run "p$PASS list" list "$API_CONNECTIONS" "$BASE"; fi
    if wanted search; then run "p$PASS search" search "$API_CONNECTIONS" "$BASE"; fi
    if wanted create; then run "p$PASS create" create "$API_CONNECTIONS" "$BASE"; fi
    echo "after pass $PASS: $(rss)"
done
# The last creates moved the store's revision; before every later probe one more create does.
read -r A_REGION A_VENUE A_ROOM A_TZ A_DAY < <(awk -F'\t' 'NR == 1 {print $1, $3, $4, $5, $6}' "$WORK/anchors.tsv")
wanted probe || PROBES=0
for H in $(seq 1 "$PROBES"); do
    if [ "$H" -gt 1 ]; then
        curl -s -o /dev/null -w "one create to make the feed stale: HTTP %{http_code}\n" -X POST "$BASE/api/v1/events" \
            -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "{\"title\": \"Stale-feed probe\",
            \"kind\": \"meeting\", \"mode\": \"hybrid\", \"status\": \"proposed\", \"region\": \"$A_REGION\",
            \"venue_id\": \"$A_VENUE\", \"room_id\": \"$A_ROOM\", \"tz\": \"$A_TZ\",
            \"start\": \"${A_DAY}T07:00\", \"end\": \"${A_DAY}T08:00\", \"remote_url\": \"https://meet.example.org/probe\"}"
    fi
    herd "stale feed $H"
    echo "after stale-feed probe $H: $(rss)"
done
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=""
echo "workload start times (UTC):"
paste -sd';' "$WORK/phases"
echo "server log (warnings and errors): $(grep -cvE '^tandem listening on' "$WORK/serve.log") lines; by message (numbers as N):"
# (Backtrace frames, when RUST_BACKTRACE is set, left out.)
sed -E 's/\x1b\[[0-9;]*m//g' "$WORK/serve.log" | grep -vE '^tandem listening on|^ *[0-9]+: |^ +at ' |
    sed -E 's/^[^ ]+ +//; s/[0-9]+(\.[0-9]+)?/N/g' | cut -c1-300 | sort | uniq -c | sort -rn | head -10 || true
curl -s "$BASE/metrics" | grep -E '^tandem_(feed|http_requests|db|pool)' | head -30 || true

echo "== summary: $EVENTS events; wrk -t$THREADS, ${DURATION} s each, --timeout 10s; feeds at $CONNECTIONS connections, API at $API_CONNECTIONS"
printf '%-22s %9s %9s %9s %9s %9s %8s %7s %9s %10s  %s\n' workload 'req/s' p50 p90 p99 max requests errors 'B/answer' 'peak RSS' statuses
awk -F'\t' 'NR == FNR { n = split($0, w, " "); rss = w[n - 1];
        label = $0; sub(/ [0-9]+ [0-9]+$/, "", label); if (rss > peak[label]) peak[label] = rss; next }
    $1 == "RESULT" && $8 == 0 { printf "%-22s no answer within the run\n", $2; next }
    $1 == "RESULT" { printf "%-22s %9.0f %7.2fms %7.2fms %7.2fms %7.0fms %8d %7d %9.0f %8.0fMB  %s\n",
        $2, $3, $4 / 1000, $5 / 1000, $6 / 1000, $7 / 1000, $8, $9, ($8 ? $10 / $8 : 0), peak[$2] / 1024, $11 }' \
    "$WORK/rss.log" "$WORK/results.tsv"
echo "stale feed, $CONNECTIONS requests at once (answer times in s):"
awk -F'\t' 'NR == FNR { n = split($0, w, " "); rss = w[n - 1];
        label = $0; sub(/ [0-9]+ [0-9]+$/, "", label); if (rss > peak[label]) peak[label] = rss; next }
    $1 == "HERD" { printf "%-22s answers %d, first %.2f, median %.2f, last %.2f; peak RSS %.0f MB; statuses %s\n",
        $2, $3, $4, $5, $6, peak[$2] / 1024, $7 }' "$WORK/rss.log" "$WORK/results.tsv"
echo "peak RSS of tandem over the whole run: $(awk '$(NF - 1) > m {m = $(NF - 1)} END {print m}' "$WORK/rss.log") kB sampled," \
    "$(awk '/VmHWM/ {print $2 " kB"}' /proc/$SERVER/status) VmHWM"
echo "samples taken while a compiler or linker ran: $(awk '$NF > 0' "$WORK/rss.log" | wc -l) of $(wc -l < "$WORK/rss.log")"
