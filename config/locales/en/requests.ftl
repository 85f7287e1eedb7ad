# Field errors of the application and the store: imported calendars, windows from files and
# URLs, references to venues, rooms and calendars (DESIGN §16).

## Calendar documents that cannot be read (the reason is the parser’s)

calendar-unreadable-line = line { $line }: { $reason }
calendar-unreadable = { $reason }

## Calendars of a window search

windows-unknown-calendar = no imported calendar with id “{ $id }”
windows-file-unreadable = { $path }: { $reason }
windows-file-cannot-read = cannot read { $path }: { $reason }
windows-read-failed = reading this calendar failed unexpectedly

## The anchor of a co-location search

colocation-unknown-anchor = no event with id “{ $id }”
colocation-anchor-no-venue = the anchor event has no venue to hold an event alongside

## A session of a season plan

season-session-invalid = the session on { $date } at { $venue }: { $reason }

## Importing a calendar from a URL

import-url-not-url = not a URL ({ $reason })
import-url-no-host = the URL has no host
import-url-scheme = the scheme “{ $scheme }” is not fetched: use https, http or webcal
import-redirect-no-location = a redirect without a Location
import-redirect-invalid = a redirect to an invalid URL ({ $reason })
import-redirect-scheme = a redirect to the scheme “{ $scheme }”, which is not fetched
import-too-large = the calendar is larger than the limit of { $limit } bytes
import-too-many-redirects = more than { $max } redirects
import-refused-resolves = refused: { $host } resolves to { $address }, which is not a public address ({ $range }); calendars are fetched from public addresses only (list the host in import.allow_hosts to allow it)
import-refused-address = refused: { $host } is not a public address ({ $range }); calendars are fetched from public addresses only (list the host in import.allow_hosts to allow it)
import-refused-scheme = refused: { $host }: the scheme “{ $scheme }” is not fetched: use https, http or webcal
import-refused-no-host = refused: { $host }: the URL has no host
import-refused-no-address = refused: { $host }: the name resolves to no address

## References the store checks

reference-no-venue = no venue with id { $id }
reference-no-room = venue { $venue } has no room { $room }
reference-room-without-venue = a room needs its venue_id
reference-no-alongside = no other event with id { $id }
reference-no-occurrence = the event has no occurrence
reference-rule = { $reason }
