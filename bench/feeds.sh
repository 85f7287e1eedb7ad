#!/usr/bin/env bash
# Feed serving benchmark (issue 4): a cached 1,000-event feed from tandem beside nginx
# serving the same bytes as a static file, both measured with wrk on this machine.
#   bash bench/feeds.sh            (needs: cargo, python3, nginx, wrk)
# Loopback only; every load run is bounded (DURATION seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/tandem-target}"
cargo build --release --quiet --bin tandem
BIN="$CARGO_TARGET_DIR/release/tandem"
WORK="$(mktemp -d)"
chmod 755 "$WORK"   # nginx's workers must be able to read the static copy
trap 'kill $(jobs -p) 2>/dev/null || true; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$WORK"' EXIT

DB="sqlite://$WORK/bench.db"
TOKEN=$("$BIN" token create --role admin --database "$DB" 2>/dev/null)
# One load generator is one client: the per-client rate limit would measure itself.
TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND=0 RUST_LOG=warn "$BIN" serve --database "$DB" --bind 127.0.0.1:8091 > "$WORK/serve.log" 2>&1 &
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8091/healthz > /dev/null && break; sleep 0.2; done

python3 - "$TOKEN" <<'PY'
import json, sys, urllib.request
token = sys.argv[1]
def post(path, body):
    req = urllib.request.Request("http://127.0.0.1:8091" + path, data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token}, method="POST")
    return json.load(urllib.request.urlopen(req))
venue = post("/api/v1/venues", {"name": "Palais des Congrès", "city": "Yaoundé", "country": "CM",
    "tz": "Africa/Douala", "geo": {"lat": 3.8667, "lon": 11.5167},
    "rooms": [{"name": f"Room {i}", "capacity": 100} for i in range(10)]})
for i in range(1000):
    day = i // 10
    post("/api/v1/events", {"title": f"SG3RG-AFR session {i}", "kind": "session", "mode": "hybrid",
        "region": "AFR", "group": "SG3RG-AFR", "venue_id": venue["id"], "room_id": venue["rooms"][i % 10]["id"],
        "tz": "Africa/Douala", "start": f"2027-{1 + day // 28:02d}-{1 + day % 28:02d}T09:00",
        "end": f"2027-{1 + day // 28:02d}-{1 + day % 28:02d}T12:30",
        "description": "Study Group 3 regional group for Africa: tariffs, economics and policy. " * 3,
        "remote_url": f"https://meet.example.org/sg3rg-afr/{i}"})
# Feed rebuild time: the first read builds the feed; each write makes it stale, and the
# next read builds it anew (VTIMEZONEs included).
import time
def build_ms():
    t = time.perf_counter()
    urllib.request.urlopen("http://127.0.0.1:8091/feeds/regions/AFR.ics").read()
    return (time.perf_counter() - t) * 1000
first = build_ms()
after = []
for i in range(9):
    post("/api/v1/events", {"title": f"SG3RG-AFR extra {i}", "kind": "session", "mode": "virtual",
        "region": "AFR", "group": "SG3RG-AFR", "tz": "Africa/Douala",
        "start": f"2028-01-{10 + i:02d}T09:00", "end": f"2028-01-{10 + i:02d}T10:00"})
    after.append(build_ms())
after.sort()
print(f"feed rebuild: first read {first:.1f} ms; after a write, median {after[4]:.1f} ms "
      f"(min {after[0]:.1f}, max {after[-1]:.1f}, 9 writes)")
PY

URL=http://127.0.0.1:8091/feeds/regions/AFR.ics
curl -s "$URL" -o "$WORK/AFR.ics"
ETAG=$(curl -sI "$URL" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "feed: $(grep -c 'BEGIN:VEVENT' "$WORK/AFR.ics") events, $(wc -c < "$WORK/AFR.ics") bytes, ETag $ETAG"

cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    types { text/calendar ics; }
    server { listen 127.0.0.1:8092; root $WORK; etag on; }
}
NGINX
chmod 644 "$WORK/AFR.ics"
nginx -c "$WORK/nginx.conf"
sleep 0.5
# Both must serve the same bytes, or the comparison means nothing.
cmp <(curl -sf http://127.0.0.1:8092/AFR.ics) "$WORK/AFR.ics"
cmp <(curl -sf "$URL") "$WORK/AFR.ics"

run() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" | grep -E 'Requests/sec|Latency|50%|99%|Transfer/sec'; }
echo "== nginx, static file"; run http://127.0.0.1:8092/AFR.ics
echo "== tandem, cached feed"; run "$URL"
echo "== tandem, 304 (If-None-Match)"; run -H "If-None-Match: $ETAG" "$URL"
echo "== nginx, 304 (If-None-Match)"
NGINX_ETAG=$(curl -sI http://127.0.0.1:8092/AFR.ics | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
run -H "If-None-Match: $NGINX_ETAG" http://127.0.0.1:8092/AFR.ics
