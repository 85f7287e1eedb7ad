#!/usr/bin/env python3
"""Expand every file of shared/corpus/ics with the reference implementation and write the
oracle fixtures that `tests/oracle.rs` compares tandem-ical against.

Reference: PyPI icalendar==7.3.2 + recurring-ical-events==3.8.2 (shared/corpus/VALIDATORS.md).

    python3 -m venv /var/tmp/tandem-venv
    /var/tmp/tandem-venv/bin/pip install icalendar==7.3.2 recurring-ical-events==3.8.2
    /var/tmp/tandem-venv/bin/python crates/tandem-ical/scripts/expand_corpus.py

Fixed choices (mirrored in tests/oracle.rs):
  * range: [2000-01-01T00:00:00Z, 2031-01-01T00:00:00Z), half-open; an occurrence is kept
    when start < range.end and (end > range.start, or it is zero-length and starts at or
    after range.start);
  * owner zone: Europe/Zurich. Floating DATE-TIMEs and DATE values (all-day) that the
    reference leaves naive are placed in that zone: a naive time with fold=0, which is
    RFC 5545's rule (gap: the offset before the gap; overlap: the first occurrence), and a
    DATE spans local midnight to local midnight.

Output: tests/fixtures/expansion/<file>.json, either
  {"file", "range", "owner_zone", "occurrences": [{"uid", "start", "end", "all_day"}]}
with instants in UTC RFC 3339 (sorted), or {"file", "error"} when the reference rejects
the file (the Rust test then only checks that tandem-ical does not panic on it).
"""

import datetime as dt
import json
import pathlib
import sys
import zoneinfo

import icalendar
import recurring_ical_events

HERE = pathlib.Path(__file__).resolve().parent
CRATE = HERE.parent
CORPUS = CRATE.parent.parent.parent / "shared" / "corpus" / "ics"
OUT = CRATE / "tests" / "fixtures" / "expansion"

RANGE_START = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
RANGE_END = dt.datetime(2031, 1, 1, tzinfo=dt.timezone.utc)
OWNER = zoneinfo.ZoneInfo("Europe/Zurich")
UTC = dt.timezone.utc


def to_utc(value):
    """An instant in UTC for a DATE (owner midnight) or DATE-TIME (naive = owner zone)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=OWNER, fold=0)
        return value.astimezone(UTC)
    return dt.datetime.combine(value, dt.time(0), tzinfo=OWNER).astimezone(UTC)


def rfc3339(instant):
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def expand(path):
    data = path.read_bytes()
    calendars = icalendar.Calendar.from_ical(data, multiple=True)
    occurrences = []
    for calendar in calendars:
        # The query bounds are wider than the range (a day either side, as naive dates, so
        # floating events are not compared against an aware bound); the exact range is
        # applied below on UTC instants.
        query = recurring_ical_events.of(calendar)
        for event in query.between(dt.date(1999, 12, 30), dt.date(2031, 1, 3)):
            start_value = event["DTSTART"].dt
            all_day = not isinstance(start_value, dt.datetime)
            end_value = event["DTEND"].dt if "DTEND" in event else start_value
            start = to_utc(start_value)
            end = to_utc(end_value)
            zero = start == end
            if not (start < RANGE_END and (end > RANGE_START or (zero and start >= RANGE_START))):
                continue
            occurrences.append(
                {
                    "uid": str(event.get("UID", "")),
                    "start": rfc3339(start),
                    "end": rfc3339(end),
                    "all_day": all_day,
                }
            )
    occurrences.sort(key=lambda o: (o["start"], o["end"], o["uid"], o["all_day"]))
    return occurrences


def main():
    if not CORPUS.is_dir():
        sys.exit(f"corpus folder not found: {CORPUS}")
    OUT.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.ics")):
        fixture = {"file": path.name}
        try:
            fixture["range"] = {"start": rfc3339(RANGE_START), "end": rfc3339(RANGE_END)}
            fixture["owner_zone"] = "Europe/Zurich"
            fixture["occurrences"] = expand(path)
        except Exception as error:  # the reference rejects the file: record why
            fixture = {"file": path.name, "error": f"{type(error).__name__}: {error}"}
        target = OUT / (path.name + ".json")
        target.write_text(json.dumps(fixture, indent=1, ensure_ascii=False) + "\n")
        status = fixture.get("error") or f"{len(fixture['occurrences'])} occurrences"
        print(f"{path.name}: {status}")


if __name__ == "__main__":
    main()
