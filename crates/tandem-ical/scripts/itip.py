#!/usr/bin/env python3
"""Check that third-party parsers read tandem's iTIP invitations as sent (DESIGN §15).

    itip.py DIR

For every DIR/NAME.ics with a DIR/NAME.itip.json beside it, both PyPI `ical` (strict) and
`icalendar` must read the same:

  - METHOD (REQUEST or CANCEL);
  - for every VEVENT: UID, SEQUENCE, STATUS (null: absent), ORGANIZER's address, and exactly
    one ATTENDEE with the expected address, CN (null: absent), ROLE, RSVP=FALSE and
    CUTYPE=INDIVIDUAL;
  - the number of VEVENTs (a REQUEST carries a series' overrides, a CANCEL the master only).

The instants are checked by interop.py on the same files. Prints "ok NAME" or "FAIL NAME"
with one line per problem; exits 1 if anything failed.
"""

import json
import pathlib
import sys
import traceback

import icalendar
from ical.calendar_stream import IcsCalendarStream


def by_ical(text):
    calendar = IcsCalendarStream.calendar_from_ics(text)
    events = []
    for e in calendar.events:
        events.append(
            {
                "uid": e.uid,
                "sequence": e.sequence or 0,
                "status": e.status.value if e.status else None,
                "organizer": e.organizer.uri if e.organizer else None,
                "attendees": [
                    {
                        "email": a.uri,
                        "cn": a.common_name,
                        "role": a.role,
                        "rsvp": a.rsvp,
                        "cutype": a.user_type,
                    }
                    for a in e.attendees
                ],
            }
        )
    return calendar.method, events


def by_icalendar(text):
    calendar = icalendar.Calendar.from_ical(text)
    for component in calendar.walk():
        if component.errors:
            raise ValueError(f"{component.name}: {component.errors}")
    events = []
    for e in calendar.walk("VEVENT"):
        attendees = e.get("ATTENDEE")
        if attendees is None:
            attendees = []
        elif not isinstance(attendees, list):
            attendees = [attendees]
        status = e.get("STATUS")
        organizer = e.get("ORGANIZER")
        events.append(
            {
                "uid": str(e.get("UID")),
                "sequence": int(e.get("SEQUENCE", 0)),
                "status": str(status) if status is not None else None,
                "organizer": str(organizer) if organizer is not None else None,
                "attendees": [
                    {
                        "email": str(a),
                        "cn": a.params.get("CN"),
                        "role": a.params.get("ROLE"),
                        "rsvp": {"TRUE": True, "FALSE": False}.get(a.params.get("RSVP")),
                        "cutype": a.params.get("CUTYPE"),
                    }
                    for a in attendees
                ],
            }
        )
    return str(calendar.get("METHOD")), events


def problems(reader, method, events, want):
    out = []
    if method != want["method"]:
        out.append(f"{reader}: METHOD {method!r}, expected {want['method']!r}")
    if len(events) != want["vevents"]:
        out.append(f"{reader}: {len(events)} VEVENTs, expected {want['vevents']}")
    attendee = {
        "email": "mailto:" + want["attendee"]["email"],
        "cn": want["attendee"]["cn"],
        "role": want["attendee"]["role"],
        "rsvp": False,
        "cutype": "INDIVIDUAL",
    }
    for e in events:
        got = {k: e[k] for k in ("uid", "sequence", "status", "organizer")}
        expected = {
            "uid": want["uid"],
            "sequence": want["sequence"],
            "status": want["status"],
            "organizer": "mailto:" + want["organizer"],
        }
        if got != expected:
            out.append(f"{reader}: VEVENT {got}, expected {expected}")
        if e["attendees"] != [attendee]:
            out.append(f"{reader}: ATTENDEE {e['attendees']}, expected [{attendee}]")
    return out


def main(directory):
    failed = False
    for path in sorted(pathlib.Path(directory).glob("*.ics")):
        spec = path.with_suffix(".itip.json")
        if not spec.exists():
            continue
        want = json.loads(spec.read_text())
        text = path.read_text(encoding="utf-8")
        found = []
        for reader, read in (("ical", by_ical), ("icalendar", by_icalendar)):
            try:
                method, events = read(text)
            except Exception:  # noqa: BLE001 - any failure to read is a finding
                found.append(f"{reader}: cannot read: {traceback.format_exc(limit=2)}")
                continue
            found.extend(problems(reader, method, events, want))
        if found:
            failed = True
            print(f"FAIL {path.stem}")
            for line in found:
                print(f"  {line}")
        else:
            print(f"ok {path.stem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
