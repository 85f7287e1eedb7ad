#!/usr/bin/env python3
"""Check that third-party parsers read tandem's feeds exactly (DESIGN §7).

    interop.py DIR

For every DIR/*.ics (sorted):

  1. PyPI `ical` (strict, pydantic): IcsCalendarStream.calendar_from_ics must accept it;
  2. PyPI `icalendar`: Calendar.from_ical must record no error on any component;
  3. when DIR/NAME.expected.json exists, the instants must equal the expected ones exactly:
     - "events": each VEVENT's DTSTART and DTEND (null: no DTEND) as UTC instants, read by
       `icalendar` and by `ical` (overrides, with RECURRENCE-ID, count as occurrences);
     - "occurrences": every occurrence in "range", expanded by `recurring-ical-events` and
       by `ical`'s timeline (uid, start, end; all of them, cancelled ones included);
     - "freebusy": each FREEBUSY period (FBTYPE, start, end), read by `icalendar` and `ical`;
  4. when the expected file says "check_own_vtimezones": true, steps 1-3 run again on a copy
     in which every TZID is renamed to one no library knows (and X-LIC-LOCATION removed),
     so that each library must use the VTIMEZONE the feed carries instead of its own tz
     database; events listed in "own_vtimezones_exempt_uids" are left out of that pass
     (both `ical` and `icalendar`, through dateutil, read a local time inside a DST gap with
     the offset *after* the gap when they interpret a VTIMEZONE themselves, against
     RFC 5545 §3.3.5; with an IANA TZID they use zoneinfo and get it right).

Prints "ok NAME" or "FAIL NAME" with one line per problem; exits 1 if anything failed.
Tested with icalendar==7.3.2 ical==14.3.1 recurring-ical-events==3.8.2.
"""

import datetime as dt
import json
import pathlib
import re
import sys
import traceback

import icalendar
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

UTC = dt.timezone.utc


def instant(value, what):
    """An aware datetime as `YYYY-MM-DDTHH:MM:SSZ`; anything else is a problem."""
    if not isinstance(value, dt.datetime):
        raise ValueError(f"{what} is a DATE ({value!r}), expected a DATE-TIME")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} is floating ({value!r}), expected a zoned DATE-TIME")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_range(expected):
    bounds = expected.get("range") or {"start": "2000-01-01T00:00:00Z", "end": "2040-01-01T00:00:00Z"}
    return tuple(
        dt.datetime.strptime(bounds[k], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        for k in ("start", "end")
    )


def diff(label, got, want, exempt=frozenset()):
    """Problems when two lists of records differ as multisets (records of `exempt` UIDs
    left out of both)."""
    got = sorted(json.dumps(g, sort_keys=True) for g in got if g.get("uid") not in exempt)
    want = sorted(json.dumps(w, sort_keys=True) for w in want if w.get("uid") not in exempt)
    if got == want:
        return []
    missing, extra = list(want), []
    for item in got:
        if item in missing:
            missing.remove(item)
        else:
            extra.append(item)
    lines = [f"{label}: {len(got)} read, {len(want)} expected"]
    lines += [f"  missing {m}" for m in missing[:10]]
    lines += [f"  unexpected {e}" for e in extra[:10]]
    return lines


def check_ical(text, expected, exempt=frozenset()):
    """Strict parse with `ical`, then its view of the instants."""
    try:
        calendar = IcsCalendarStream.calendar_from_ics(text)
    except Exception as error:  # noqa: BLE001 - every rejection is a finding
        detail = getattr(error, "detailed_error", "")
        return [f"ical (strict) rejects the file: {error} {detail}".strip()]
    if expected is None:
        return []
    problems = []
    events = []
    for event in calendar.events:
        if event.recurrence_id is not None:
            continue  # an override: checked with the occurrences
        events.append(
            {
                "uid": event.uid,
                "dtstart": instant(event.dtstart, f"ical {event.uid} DTSTART"),
                "dtend": instant(event.dtend, f"ical {event.uid} DTEND") if event.dtend else None,
            }
        )
    problems += diff("ical events", events, expected.get("events", []), exempt)
    start, end = parse_range(expected)
    occurrences = []
    for item in calendar.timeline_tz(UTC).overlapping(start, end):
        occurrences.append(
            {
                "uid": item.uid,
                "start": instant(item.start, f"ical timeline {item.uid} start"),
                "end": instant(item.end, f"ical timeline {item.uid} end"),
            }
        )
    problems += diff("ical timeline", occurrences, expected.get("occurrences", []), exempt)
    periods = []
    for freebusy in calendar.freebusy:
        for period in freebusy.freebusy:
            periods.append(
                {
                    "fbtype": str(period.free_busy_type.value if period.free_busy_type else "BUSY"),
                    "start": instant(period.start, "ical FREEBUSY start"),
                    "end": instant(period.end, "ical FREEBUSY end"),
                }
            )
    problems += diff("ical FREEBUSY", periods, expected.get("freebusy", []))
    return problems


def check_icalendar(text, expected, exempt=frozenset()):
    """Lenient parse with `icalendar` (no recorded errors), its instants, and the expansion
    by `recurring-ical-events`."""
    calendars = icalendar.Calendar.from_ical(text.encode("utf-8"), multiple=True)
    if len(calendars) != 1:
        return [f"icalendar reads {len(calendars)} calendars, expected 1"]
    calendar = calendars[0]
    problems = [
        f"icalendar records an error in {component.name}: {error}"
        for component in calendar.walk()
        for error in component.errors
    ]
    if expected is None:
        return problems
    events = []
    for event in calendar.walk("VEVENT"):
        if "RECURRENCE-ID" in event:
            continue  # an override: checked with the occurrences
        uid = str(event["UID"])
        events.append(
            {
                "uid": uid,
                "dtstart": instant(event["DTSTART"].dt, f"icalendar {uid} DTSTART"),
                "dtend": instant(event["DTEND"].dt, f"icalendar {uid} DTEND") if "DTEND" in event else None,
            }
        )
    problems += diff("icalendar events", events, expected.get("events", []), exempt)
    start, end = parse_range(expected)
    occurrences = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        uid = str(event["UID"])
        first = event["DTSTART"].dt
        last = event["DTEND"].dt if "DTEND" in event else first
        occurrences.append(
            {
                "uid": uid,
                "start": instant(first, f"recurring-ical-events {uid} start"),
                "end": instant(last, f"recurring-ical-events {uid} end"),
            }
        )
    problems += diff("recurring-ical-events", occurrences, expected.get("occurrences", []), exempt)
    periods = []
    for component in calendar.walk("VFREEBUSY"):
        values = component.get("FREEBUSY", [])
        for value in values if isinstance(values, list) else [values]:
            first, last = value.dt
            periods.append(
                {
                    "fbtype": str(value.params.get("FBTYPE", "BUSY")),
                    "start": instant(first, "icalendar FREEBUSY start"),
                    "end": instant(last, "icalendar FREEBUSY end"),
                }
            )
    problems += diff("icalendar FREEBUSY", periods, expected.get("freebusy", []))
    return problems


def with_own_vtimezones(text, stem):
    """The same calendar with every TZID renamed to one no library knows (unique per file,
    since icalendar caches VTIMEZONEs by TZID) and without X-LIC-LOCATION."""
    unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
    tzids = re.findall(r"^TZID:(.+)$", unfolded, flags=re.MULTILINE)
    if not tzids:
        return unfolded, {}
    renamed = {tzid.strip(): f"Tandem-Interop-{stem}-{re.sub(r'[^A-Za-z0-9]', '-', tzid.strip())}" for tzid in tzids}
    lines = []
    for line in unfolded.split("\r\n"):
        if line.startswith("X-LIC-LOCATION:"):
            continue
        for old, new in renamed.items():
            if line == f"TZID:{old}":
                line = f"TZID:{new}"
            line = line.replace(f";TZID={old}:", f";TZID={new}:").replace(f";TZID={old};", f";TZID={new};")
        lines.append(line)
    return "\r\n".join(lines), renamed


def check_file(path):
    text = path.read_bytes().decode("utf-8")
    expected_path = path.with_name(path.stem + ".expected.json")
    expected = json.loads(expected_path.read_text("utf-8")) if expected_path.exists() else None
    problems = []
    passes = [("", text, frozenset())]
    if expected and expected.get("check_own_vtimezones"):
        own, renamed = with_own_vtimezones(text, path.stem)
        if not renamed:
            problems.append("check_own_vtimezones is set but the file has no VTIMEZONE")
        exempt = frozenset(expected.get("own_vtimezones_exempt_uids", []))
        passes.append(("[own VTIMEZONEs] ", own, exempt))
    for label, body, exempt in passes:
        for check in (check_ical, check_icalendar):
            try:
                problems += [label + p for p in check(body, expected, exempt)]
            except Exception:  # noqa: BLE001 - a crash is a finding too
                problems.append(label + f"{check.__name__} crashed:\n" + traceback.format_exc())
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    directory = pathlib.Path(argv[1])
    files = sorted(directory.glob("*.ics"))
    if not files:
        print(f"FAIL: no .ics file in {directory}")
        return 1
    failed = 0
    for path in files:
        problems = check_file(path)
        if problems:
            failed += 1
            print(f"FAIL {path.name}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"ok {path.name}")
    print(f"{len(files) - failed} of {len(files)} files read exactly by ical, icalendar and recurring-ical-events")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
