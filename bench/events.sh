#!/usr/bin/env bash
# Event creation and co-location search on PostgreSQL with 100,000 seeded events (issue 6).
#   bash bench/events.sh        (needs: cargo, psql, a PostgreSQL server; trust auth)
# Creates a fresh database, seeds it (`tandem seed`), starts a release `tandem serve` on
# loopback, runs bench/loadgen.rs (bounded request counts), prints EXPLAIN ANALYZE of the
# clash-check queries, and drops the database on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
EVENTS="${EVENTS:-100000}"
PARTICIPANTS="${PARTICIPANTS:-5000}"
CREATES="${CREATES:-2000}"
CONCURRENCY="${CONCURRENCY:-8}"
SEARCHES="${SEARCHES:-200}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/tandem-target}"
cargo build --release --quiet --bin tandem --example loadgen
BIN="$CARGO_TARGET_DIR/release/tandem"
LOADGEN="$CARGO_TARGET_DIR/release/examples/loadgen"
NAME="tandem_bench_$$"
DB="$PG/$NAME"
WORK="$(mktemp -d)"
SERVER=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
    psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
psql -q "$PG/postgres" -c "CREATE DATABASE $NAME"

echo "== seeding $EVENTS events"
"$BIN" seed --database "$DB" --events "$EVENTS" --participants "$PARTICIPANTS" --seed 1 --from 2027-01-01
psql -q "$DB" -c "ANALYZE"
psql -At "$DB" -c "SELECT 'events: ' || count(*) FROM events" \
    -c "SELECT 'occurrences: ' || count(*) FROM event_occurrences" \
    -c "SELECT 'participations: ' || count(*) FROM event_participants"
TOKEN=$("$BIN" token create --role admin --database "$DB" 2>/dev/null)

# One load generator is one client: the per-client rate limit would measure itself.
TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND=0 RUST_LOG=warn "$BIN" serve --database "$DB" --bind 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "tandem listening on" "$WORK/serve.log" && break; sleep 0.1; done
BASE=$(sed -n 's/^tandem listening on //p' "$WORK/serve.log")
echo "== load against $BASE"
"$LOADGEN" "$BASE" "$TOKEN" "$CREATES" "$CONCURRENCY" "$SEARCHES"

echo "== clash-check queries as the store issues them (EXPLAIN ANALYZE), one seeded meeting's neighbourhood"
IFS='|' read -r REGION GROUP VENUE PARTICIPANT FROM TO < <(psql -At -F'|' "$DB" -c "
  SELECT e.region, e.group_code, e.venue_id, p.participant_id,
         e.starts_at - interval '1 day', e.ends_at + interval '1 day'
  FROM events e JOIN event_participants p ON p.event_id = e.id
  WHERE e.kind = 'meeting' AND e.group_code IS NOT NULL AND e.venue_id IS NOT NULL AND e.status = 'confirmed'
  ORDER BY e.id LIMIT 1")
for WHERE in "region = '$REGION'" "group_code = '$GROUP'" "venue_id = '$VENUE'" \
    "EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.participant_id = '$PARTICIPANT')"; do
    echo "-- $WHERE"
    psql -At "$DB" -c "EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) SELECT id FROM events e WHERE $WHERE
        AND status = ANY(ARRAY['proposed','confirmed'])
        AND tstzrange(e.starts_at, e.last_ends_at, '[)') && tstzrange('$FROM', '$TO', '[)')
        AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND o.ends_at > '$FROM' AND o.starts_at < '$TO')
        ORDER BY starts_at, id LIMIT 5000" | grep -E "Scan|Execution Time|Rows Removed|Join"
done
