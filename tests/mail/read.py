#!/usr/bin/env python3
"""Read what the SMTP sink received, as a mail client would (DESIGN §15).

    read.py DIR

Prints one JSON object per message (sorted by arrival), read with Python's `email` package
and PyPI `icalendar`: its recipient, subject, Message-ID, the MIME structure, the
`text/calendar` part's `method=` parameter, and from the iCalendar: METHOD, and per VEVENT
UID, SEQUENCE, STATUS, DTSTART and DTEND as UTC instants, ORGANIZER, ATTENDEE with ROLE and
RSVP; the plain-text part; and the arrival time (ns) from the file name.
"""

import datetime as dt
import email
import email.policy
import json
import pathlib
import sys

import icalendar

UTC = dt.timezone.utc


def instant(prop):
    if prop is None:
        return None
    value = prop.dt
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ValueError(f"not a zoned DATE-TIME: {value!r}")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read(path):
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    out = {
        "arrived_ns": int(path.stem.split("-")[0]),
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "content_type": message.get_content_type(),
        "parts": [],
    }
    for part in message.walk():
        ctype = part.get_content_type()
        if part.is_multipart():
            continue
        out["parts"].append(ctype)
        if ctype == "text/plain":
            out["text"] = part.get_content()
        elif ctype == "text/calendar":
            out["mime_method"] = part.get_param("method")
            out["charset"] = part.get_content_charset()
            calendar = icalendar.Calendar.from_ical(part.get_content())
            for component in calendar.walk():
                if component.errors:
                    raise ValueError(f"{component.name}: {component.errors}")
            out["method"] = str(calendar.get("METHOD"))
            out["vtimezones"] = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
            events = []
            for e in calendar.walk("VEVENT"):
                attendee = e.get("ATTENDEE")
                status = e.get("STATUS")
                events.append(
                    {
                        "uid": str(e.get("UID")),
                        "sequence": int(e.get("SEQUENCE", 0)),
                        "status": str(status) if status is not None else None,
                        "dtstart": instant(e.get("DTSTART")),
                        "dtend": instant(e.get("DTEND")),
                        "organizer": str(e.get("ORGANIZER")),
                        "attendee": str(attendee),
                        "role": attendee.params.get("ROLE") if attendee is not None else None,
                        "rsvp": attendee.params.get("RSVP") if attendee is not None else None,
                    }
                )
            out["events"] = events
    return out


def main(directory):
    for path in sorted(pathlib.Path(directory).glob("*.eml")):
        print(json.dumps(read(path)))


if __name__ == "__main__":
    main(sys.argv[1])
