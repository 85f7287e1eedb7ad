#!/usr/bin/env python3
"""Commit → receipt delay of invitations (DESIGN §15; issue 17's closing figure). Not a test.

    mail_delay.py BASE_URL TOKEN SINK_DIR [CHANGES] [RATE]

Makes CHANGES visible changes (default 1000) at about RATE per second (default 20) against a
running `tandem serve` whose mail goes to the aiosmtpd sink writing SINK_DIR: each change
either creates an event with one participant with an address (a REQUEST, SEQUENCE 0) or
moves one created earlier whose invitation has arrived (a REQUEST with the next SEQUENCE),
alternately (a create when no earlier invitation has arrived yet: a move before that would
supersede the invitation in the outbox). The commit time of a change is when its HTTP answer
arrives; the receipt time is when the sink wrote the message (its file name). Prints p50/p90/p99/max of
receipt − commit over the changes whose message arrived within 120 s, and how many did not.
"""

import email
import email.policy
import json
import pathlib
import statistics
import sys
import time
import urllib.request


def call(method, url, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    return answer, time.time_ns()


def received(directory, out=None, seen=None):
    """(uid, sequence) → arrival ns, from the sink's files (the calendar part decoded by
    Python's `email`: lettre picks quoted-printable or base64 as the text needs). With `out`
    and `seen` given, only the files not in `seen` are read and `out` is added to."""
    out = {} if out is None else out
    seen = set() if seen is None else seen
    for path in pathlib.Path(directory).glob("*.eml"):
        if path.name in seen:
            continue
        seen.add(path.name)
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for part in message.walk():
            if part.get_content_type() != "text/calendar":
                continue
            text = part.get_content().replace("\r\n ", "")
            uid = seq = None
            for line in text.splitlines():
                if line.startswith("UID:") and uid is None:
                    uid = line[4:].strip()
                elif line.startswith("SEQUENCE:") and seq is None:
                    seq = int(line[9:].strip())
            if uid is not None and seq is not None:
                out[(uid, seq)] = int(path.stem.split("-")[0])
    return out


def main(base, token, sink, changes=1000, rate=20.0):
    changes, rate = int(changes), float(rate)
    commits = {}
    created = []
    arrived, seen = {}, set()
    interval = 1.0 / rate
    start = time.monotonic()
    for i in range(changes):
        due = start + i * interval
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        # Move only an event whose invitation has arrived: a PATCH while it is still in the
        # outbox supersedes it (DESIGN §15), and its delay would never be measured.
        if created and (f"{created[0]['id']}@tandem", 0) not in arrived:
            received(sink, arrived, seen)
        if i % 2 == 0 or not created or (f"{created[0]['id']}@tandem", 0) not in arrived:
            day = 1 + (i // 2) % 28
            month = 1 + (i // 56) % 12
            body = {
                "title": f"Delay {i}", "kind": "meeting", "mode": "virtual", "status": "confirmed",
                "region": "AFR", "tz": "Africa/Douala",
                "start": f"2028-{month:02d}-{day:02d}T09:00", "end": f"2028-{month:02d}-{day:02d}T10:00",
                "participants": [{"id": f"p-{i}", "tz": "Asia/Bangkok", "email": f"p{i}@example.org"}],
            }
            event, at = call("POST", f"{base}/api/v1/events", token, body)
            created.append(event)
        else:
            event = created.pop(0)
            start_local = event["start"].replace("T09:", "T11:").replace("T10:", "T12:")
            end_local = event["end"].replace("T10:", "T12:").replace("T11:", "T13:")
            event, at = call("PATCH", f"{base}/api/v1/events/{event['id']}", token,
                             {"start": start_local, "end": end_local})
        commits[(f"{event['id']}@tandem", event["sequence"])] = at
    deadline = time.monotonic() + 120
    got = {}
    while time.monotonic() < deadline:
        got = received(sink)
        if all(k in got for k in commits):
            break
        time.sleep(0.5)
    delays = sorted((got[k] - t) / 1e6 for k, t in commits.items() if k in got)
    missing = sum(1 for k in commits if k not in got)
    if not delays:
        print("no message arrived")
        return 1
    q = statistics.quantiles(delays, n=100, method="inclusive")
    print(f"changes: {len(commits)}, delivered: {len(delays)}, not delivered within 120 s: {missing}")
    print(f"commit -> receipt ms: p50 {q[49]:.0f}, p90 {q[89]:.0f}, p99 {q[98]:.0f}, max {delays[-1]:.0f}")
    return 0 if missing == 0 else 2


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
