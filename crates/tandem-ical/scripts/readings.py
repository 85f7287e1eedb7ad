"""How the PyPI parsers read the fixtures of tests/fixtures/readings/ (README: "Readings
where parsers differ"). Prints, per file and parser, each VEVENT's UID and DTSTART as a UTC
instant, and the occurrences recurring-ical-events expands in March 2027.

    /var/tmp/tandem-ci-venv/bin/python crates/tandem-ical/scripts/readings.py
"""

import datetime
import pathlib
import sys

import icalendar
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "readings"
UTC = datetime.timezone.utc


def z(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def main():
    files = sorted(FIXTURES.glob("*.ics")) if len(sys.argv) < 2 else map(pathlib.Path, sys.argv[1:])
    for path in files:
        text = path.read_text()
        print(f"== {path.name}")
        calendar = icalendar.Calendar.from_ical(text)
        for event in calendar.walk("VEVENT"):
            print(f"  icalendar {icalendar.__version__} walk(): {event['UID']} {z(event['DTSTART'].dt)}")
        expanded = recurring_ical_events.of(calendar).between(
            datetime.date(2027, 3, 1), datetime.date(2027, 4, 1)
        )
        for event in expanded:
            print(f"  recurring-ical-events: {event['UID']} {z(event['DTSTART'].dt)}")
        try:
            for event in IcsCalendarStream.calendar_from_ics(text).events:
                print(f"  ical: {event.uid} {z(event.dtstart)}")
        except Exception as error:  # the strict parser's verdict is part of the answer
            print(f"  ical: rejected ({type(error).__name__}: {str(error)[:160]})")


if __name__ == "__main__":
    main()
