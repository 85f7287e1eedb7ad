# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## What is wrong with a recurrence rule (RFC 5545 §3.3.10)

rule-number-out-of-range = { $key }={ $value }: “{ $item }” is out of range; RFC 5545 allows { $low } to { $high }
rule-signed-number-out-of-range = { $key }={ $value }: “{ $item }” is out of range; RFC 5545 allows { $low } to { $high } or -{ $high } to -{ $low }
rule-byday-not-weekday = BYDAY={ $value }: “{ $item }” is not a weekday (MO, TU, WE, TH, FR, SA, SU, optionally after an ordinal such as 1MO or -1FR)
rule-byday-ordinal-range = BYDAY={ $value }: “{ $item }” has an ordinal out of range; RFC 5545 allows 1 to 53 or -53 to -1
rule-byday-ordinal-freq = BYDAY={ $value }: an ordinal weekday (“{ $item }”) is allowed only with FREQ=MONTHLY, or FREQ=YEARLY without BYWEEKNO (RFC 5545 §3.3.10)
rule-part-twice = { $key } is given twice; each rule part may appear once
rule-part-empty = { $key } has no value
rule-freq-unsupported = FREQ={ $value } is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY
rule-freq-missing = the rule has no FREQ
rule-part-not-with-freq = { $key } may not be used with FREQ={ $freq } (RFC 5545 §3.3.10)
rule-count-invalid = COUNT={ $value }: the count must be a whole number from 1
rule-count-too-many = COUNT={ $value }: the rule gives more than { $max } occurrences; split the series
rule-interval-invalid = INTERVAL={ $value }: the interval must be a whole number from 1 (RFC 5545 §3.3.10)
rule-wkst-invalid = WKST={ $value } is not a weekday (MO, TU, WE, TH, FR, SA, SU)
rule-part-unknown = “{ $key }” is not an RFC 5545 rule part
rule-bysetpos-alone = BYSETPOS needs another BYxxx rule part to select from (RFC 5545 §3.3.10)
rule-count-and-until = COUNT and UNTIL may not both be given (RFC 5545 §3.3.10): keep one
rule-unbounded = the rule must end: add COUNT or UNTIL (tandem stores every occurrence)
rule-empty = an empty rule: leave “rrule” null for a single event
rule-part-malformed = “{ $part }” is not a KEY=VALUE part of an RRULE
rule-too-many-occurrences = the rule gives more than { $max } occurrences; split the series
rule-unreadable = the rule { $rule } cannot be read
rule-unexpandable = the rule { $rule } cannot be expanded
# The reason is the recurrence library's own, in English.
rule-invalid = invalid rule: { $reason }
rule-until-invalid = UNTIL={ $value } is not a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)
rule-until-before-start = UNTIL ({ $until }) is before the start ({ $start }): the series would have no occurrence
rule-until-out-of-bounds = UNTIL: { $reason }
rule-start-not-occurrence = { $start } ({ $day }) is not an occurrence of the rule { $rule }: start the series on its first occurrence ({ $first })
rule-start-not-occurrence-none = { $start } ({ $day }) is not an occurrence of the rule { $rule }: start the series on its first occurrence

## What is wrong with a venue or a room

venue-country-invalid = invalid country “{ $value }”: expected an ISO 3166-1 alpha-2 code such as CM
venue-room-capacity = must be between 1 and { $max }
venue-latitude = latitude must be between -90 and 90
venue-longitude = longitude must be between -180 and 180
venue-no-working-day = a venue needs at least one working day
venue-too-many-rooms = at most { $max } rooms
venue-room-twice = room “{ $room }” is listed twice

## What is wrong with an event

event-room-without-venue = a room needs its venue_id
# $expected lists the accepted values, as the API spells them.
event-unknown-value = unknown value “{ $value }”: expected one of { $expected }
event-text-control = must not contain control characters
event-participant-id-invalid = invalid participant id “{ $value }”: use 1 to 100 of A-Z a-z 0-9 . _ @ -
event-series-too-late = the series’ last occurrence (starting { $start }) ends after the last date tandem accepts: { $reason }

## Regions, weekdays, e-mail addresses, local date-times

region-unknown = unknown region “{ $value }”: expected one of AFR, AMS, ARB, ASP, CIS, EUR
weekday-unknown = unknown day “{ $value }”: expected one of mon, tue, wed, thu, fri, sat, sun
weekday-twice = day “{ $value }” is listed twice
email-empty = invalid e-mail address: it is empty
email-too-long = invalid e-mail address: longer than 254 octets
email-no-at = invalid e-mail address: it has no “@”
email-local-part = invalid e-mail address: the part before “@” may hold letters, digits, dots (not first, last or two in a row) and !#$%&'*+/=?^_`{"{"}|{"}"}~-
email-domain = invalid e-mail address: the part after “@” must be a domain name such as example.org
localtime-format = invalid local date-time “{ $value }”: expected YYYY-MM-DDTHH:MM
localtime-calendar-date = invalid local date-time “{ $value }”: expected YYYY-MM-DDTHH:MM with a real calendar date
localtime-offset = invalid local date-time “{ $value }”: local times carry no offset; give the zone in the “tz” field
localtime-seconds = invalid local date-time “{ $value }”: seconds must be :00
localtime-time-of-day = invalid local date-time “{ $value }”: expected a time between 00:00 and 24:00

## What is wrong with a window search request

search-hours-end-before-start = must be after start ({ $start }); use 24:00 for midnight
search-limit = must be between 1 and { $max }
search-invalid-request = invalid request
search-participant-twice = participant “{ $participant }” is listed twice
search-venue-tz-required = is required: participant “{ $participant }” attends in person and is judged in the venue’s zone
search-weight-invalid = must be a finite number ≥ 0
search-busy-end-before-start = must not be before start

## What is wrong with a season request's window

season-days-beyond-window = { $days } days are longer than its window { $window }
season-days-outside-range = { $days } days do not fit where its window { $window } meets the range { $range }
