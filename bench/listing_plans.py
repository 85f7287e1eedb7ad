#!/usr/bin/env python3
"""The plans PostgreSQL runs for `GET /api/v1/events` (issue 12), as `tandem serve` sends
them: not a test, a measurement (BENCHMARKS.md, "Listing at scale, keyset").

    python3 bench/listing_plans.py --database postgres://postgres@127.0.0.1:5432/DB \
        --bin target/release/tandem [--log /var/log/postgresql/postgresql-15-main.log]

DB is a database seeded by `tandem seed --seed 1 --from 2027-01-01` (bench/scale.sh with
KEEP_DB=1 leaves one), already migrated by the binary measured, after VACUUM ANALYZE.
The script turns on `auto_explain` (ANALYZE, BUFFERS, JSON) for that database only,
starts `tandem serve` on loopback, requests each case twice, and reads the plan of the
second request's listing statement from the server log (superuser and a readable log
needed; the settings are reset on exit). It prints one line per case: rows the plan read
from `events` (returned by its scans, and removed by their filters), probes of
`event_occurrences`, shared buffers, and the executor's time.
"""

import argparse
import base64
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

SETTINGS = {
    "session_preload_libraries": "auto_explain",
    "auto_explain.log_min_duration": "0",
    "auto_explain.log_analyze": "on",
    "auto_explain.log_buffers": "on",
    "auto_explain.log_timing": "on",
    "auto_explain.log_format": "json",
}


def psql(database, sql):
    out = subprocess.run(
        ["psql", "-XAtq", database, "-c", sql], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def admin_url(database):
    return database.rsplit("/", 1)[0] + "/postgres"


def cursor(starts_at_epoch, event_id):
    text = f"{starts_at_epoch}:{event_id}".encode()
    return base64.urlsafe_b64encode(text).decode().rstrip("=")


def deep_cursor(database, where, depth):
    row = psql(
        database,
        f"SELECT extract(epoch FROM starts_at)::bigint || ' ' || id FROM events WHERE {where} "
        f"ORDER BY starts_at, id OFFSET {depth} LIMIT 1",
    )
    if not row:
        return None
    epoch, event_id = row.split()
    return cursor(epoch, event_id)


def cases(database):
    total = int(psql(database, "SELECT count(*) FROM events"))
    group = psql(
        database,
        "SELECT group_code FROM events WHERE region = 'AFR' AND group_code IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
    venue = psql(
        database,
        "SELECT venue_id FROM events WHERE region = 'AFR' AND venue_id IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    )
    late = "from=2028-10-01T00:00:00Z&to=2028-10-15T00:00:00Z"
    early = "from=2027-02-01T00:00:00Z&to=2027-02-15T00:00:00Z"
    live = "status IN ('proposed', 'confirmed')"
    listed = [
        ("region, late window", f"region=AFR&{late}"),
        ("region, early window", f"region=AFR&{early}"),
        ("group, late window", f"group={group}&{late}"),
        ("venue, late window", f"venue_id={venue}&{late}"),
        ("region, cancelled, late window", f"region=AFR&status=cancelled&{late}"),
        ("region+group, every status, late window",
         f"region=AFR&group={group}&status=proposed,confirmed,cancelled&{late}"),
        ("no filter, late window", late),
        ("region, from only (late)", "region=AFR&from=2028-10-01T00:00:00Z"),
        ("region, to only (early)", "region=AFR&to=2027-03-01T00:00:00Z"),
    ]
    depth = total // 10
    deep = [
        (f"region, page at event {depth // 6:,}", "region=AFR",
         deep_cursor(database, f"region = 'AFR' AND {live}", depth // 6)),
        (f"region, from (late), page at event {depth // 60:,}", "region=AFR&from=2028-10-01T00:00:00Z",
         deep_cursor(database, f"region = 'AFR' AND {live} AND last_ends_at > '2028-10-01T00:00:00Z'",
                     depth // 60)),
        (f"no filter, page at event {depth:,}", "", deep_cursor(database, live, depth)),
    ]
    for name, query, c in deep:
        if c:
            listed.append((name, f"{query}&cursor={c}" if query else f"cursor={c}"))
    return [(name, f"{query}&limit=50") for name, query in listed]


def plans_since(log, offset, database):
    """The auto_explain JSON plans of `database` written to `log` after `offset`."""
    with open(log, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", "replace")
    db = database.rsplit("/", 1)[1]
    entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
    plans = []
    for entry in entries:
        head, _, body = entry.partition("\n")
        if f"@{db} " not in head + " " or "plan:" not in head:
            continue
        try:
            plans.append(json.loads(body))
        except json.JSONDecodeError:
            continue
    return plans


def summary(plan):
    acc = {"rows": 0, "removed": 0, "scans": 0, "indexes": set(), "probes": 0, "sorts": []}

    def walk(node):
        loops = node.get("Actual Loops", 1)
        if node.get("Relation Name") == "events" and "Scan" in node["Node Type"]:
            acc["rows"] += node["Actual Rows"] * loops
            acc["removed"] += (node.get("Rows Removed by Filter", 0)
                               + node.get("Rows Removed by Index Recheck", 0)) * loops
            acc["scans"] += 1
            acc["indexes"].add(node.get("Index Name", node["Node Type"]))
        if node.get("Relation Name") == "event_occurrences" and node["Node Type"] != "Bitmap Index Scan":
            acc["probes"] += loops
        if node["Node Type"] == "Sort":
            acc["sorts"].append(node.get("Sort Method", "?"))
        for child in node.get("Plans", []):
            walk(child)

    top = plan["Plan"]
    walk(top)
    buffers = top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
    return (f"returned {top['Actual Rows']}, events rows read {acc['rows']:,} + {acc['removed']:,} "
            f"removed by filters, {acc['scans']} scans of {'/'.join(sorted(acc['indexes']))}, "
            f"{acc['probes']} occurrence probes, sorts: {', '.join(acc['sorts']) or 'none'}, "
            f"{buffers:,} buffers ({top.get('Shared Read Blocks', 0):,} read), "
            f"{plan.get('Execution Time', top['Actual Total Time']):.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--log", default="/var/log/postgresql/postgresql-15-main.log")
    args = parser.parse_args()
    db = args.database.rsplit("/", 1)[1]
    admin = admin_url(args.database)
    for key, value in SETTINGS.items():
        psql(admin, f"ALTER DATABASE {db} SET {key} = '{value}'")
    env = dict(os.environ, TANDEM__RATE_LIMIT__REQUESTS_PER_SECOND="0", RUST_LOG="warn")
    server = subprocess.Popen(
        [args.bin, "serve", "--database", args.database, "--bind", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        base = None
        deadline = time.time() + 60
        while time.time() < deadline and base is None:
            line = server.stdout.readline()
            if line.startswith("tandem listening on "):
                base = line.split()[-1]
        if base is None:
            sys.exit("tandem serve did not start")
        print(f"== {args.bin} on {db}: {psql(args.database, 'SELECT count(*) FROM events')} events")
        for name, query in cases(args.database):
            url = f"{base}/api/v1/events?{query}"
            urllib.request.urlopen(url, timeout=60).read()
            offset = os.path.getsize(args.log)
            with urllib.request.urlopen(url, timeout=60) as answer:
                items = len(json.load(answer)["items"])
            time.sleep(0.5)
            listing = [p for p in plans_since(args.log, offset, args.database)
                       if "FROM events" in p.get("Query Text", "")
                       and "ORDER BY starts_at, id LIMIT" in p.get("Query Text", "")]
            if not listing:
                print(f"{name}: {items} items; no plan found in {args.log}")
                continue
            print(f"{name}: {summary(listing[-1])}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        for key in SETTINGS:
            psql(admin, f"ALTER DATABASE {db} RESET {key}")


if __name__ == "__main__":
    main()
