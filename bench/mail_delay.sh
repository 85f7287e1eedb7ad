#!/usr/bin/env bash
# Commit → receipt delay of invitations over 1,000 changes on PostgreSQL (issue 17). Not a test.
#   bash bench/mail_delay.sh      (needs: cargo, psql, a PostgreSQL server with trust auth, and
#                                  a Python with aiosmtpd: TANDEM_INTEROP_PYTHON or python3)
# Creates a fresh database, starts the aiosmtpd sink and a release `tandem serve` sending to it,
# runs bench/mail_delay.py, and drops the database on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
PY="${TANDEM_INTEROP_PYTHON:-python3}"
CHANGES="${CHANGES:-1000}"
RATE="${RATE:-20}"
PORT="${PORT:-2526}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/tandem-target}"
PROFILE="${PROFILE:-release}"
# The whole workspace, as every build here: a lone `--bin` build unifies other features and
# rebuilds the C++ of HiGHS.
if [ "$PROFILE" = release ]; then cargo build --release --workspace --quiet; else cargo build --workspace --quiet; fi
BIN="$CARGO_TARGET_DIR/$PROFILE/tandem"
NAME="tandem_mail_bench_$$"
DB="$PG/$NAME"
WORK="$(mktemp -d)"
SERVER=""
SINK=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
    [ -n "$SINK" ] && kill "$SINK" 2>/dev/null && wait "$SINK" 2>/dev/null || true
    psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
psql -q "$PG/postgres" -c "CREATE DATABASE $NAME"
"$PY" tests/mail/sink.py --port "$PORT" --dir "$WORK/sink" > "$WORK/sink.log" 2>&1 &
SINK=$!
TOKEN=$("$BIN" token create --role admin --database "$DB" 2>/dev/null)
TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND=0 TANDEM__MAIL__URL="smtp://127.0.0.1:$PORT" \
    RUST_LOG=warn "$BIN" serve --database "$DB" --bind 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q "tandem listening on" "$WORK/serve.log" && break; sleep 0.1; done
BASE=$(sed -n 's/^tandem listening on //p' "$WORK/serve.log")
echo "== $CHANGES changes at $RATE/s against $BASE (mail.poll_seconds as configured)"
"$PY" bench/mail_delay.py "$BASE" "$TOKEN" "$WORK/sink" "$CHANGES" "$RATE"
