#!/usr/bin/env bash
# Event creation and co-location search on PostgreSQL with 100,000 seeded events (issue 6).
#   bash bench/events.sh        (needs: cargo, psql, a PostgreSQL server; trust auth)
# Creates a fresh database, seeds it (`tandem seed`), starts a release `tandem serve` on
# loopback, runs bench/loadgen.rs (bounded request counts), prints EXPLAIN ANALYZE of the
# clash check's neighbour query, and drops the database on exit.
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
# Steady state: statistics, and the visibility map the seeding left unset (else autovacuum
# runs during the load).
psql -q "$DB" -c "VACUUM ANALYZE"
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

echo "== the clash check's neighbour query as the store issues it (generic plan), EXPLAIN ANALYZE"
echo "   for the last event created (a quiet period before the seeded data, or a busy one)"
IFS='|' read -r ID REGION GROUP VENUE FROM TO < <(psql -At -F'|' "$DB" -c "
  SELECT id, region, coalesce(group_code, ''), venue_id, starts_at, last_ends_at
  FROM events ORDER BY created_at DESC, id LIMIT 1")
PEOPLE=$(psql -At "$DB" -c "SELECT string_agg(quote_literal(participant_id), ',') FROM event_participants WHERE event_id = '$ID'")
psql -At "$DB" <<SQL | grep -E "Scan|Nested|Execution Time|Planning Time"
PREPARE neighbours(timestamptz, timestamptz, text, uuid, text, text[], uuid, bigint) AS
WITH candidates AS (
  SELECT id FROM events WHERE region = \$3 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange(\$1, \$2, '[)')
  UNION SELECT id FROM events WHERE venue_id = \$4 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange(\$1, \$2, '[)')
  UNION SELECT id FROM events WHERE group_code = \$5 AND tstzrange(starts_at, last_ends_at, '[)') && tstzrange(\$1, \$2, '[)')
  UNION SELECT p.event_id FROM UNNEST(\$6::text[]) AS who (id) JOIN event_participants p
    ON p.participant_id = who.id AND tstzrange(p.starts_at, p.last_ends_at, '[)') && tstzrange(\$1, \$2, '[)'))
SELECT id FROM events e WHERE e.id IN (SELECT id FROM candidates)
  AND (\$7::uuid IS NULL OR e.id <> \$7) AND e.status IN ('proposed', 'confirmed')
  AND EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND o.ends_at > \$1 AND o.starts_at < \$2)
ORDER BY e.starts_at, e.id LIMIT \$8;
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE neighbours('$FROM', '$TO', '$REGION', '$VENUE', '$GROUP', ARRAY[$PEOPLE]::text[], '$ID', 20000);
SQL
