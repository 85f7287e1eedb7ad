# Texts every part of tandem writes: the glue of dates and times, the names of the reference data's terms.

# A date and a time, both already formatted by CLDR.
date-time = { $date }, { $time }
# A span of time on one day: start date and time, end time, zone.
time-span-day = { $start } – { $end } { $zone }
# A span of time over several days.
time-span = { $start } – { $end } { $zone }
# A time with the zone's full name.
time-with-zone = { $time } ({ $zone })
utc = UTC
region-AFR = Africa
region-AMS = Americas
region-ARB = Arab States
region-ASP = Asia-Pacific
region-CIS = CIS
region-EUR = Europe
kind-meeting = meeting
kind-workshop = workshop
kind-conference = conference
kind-session = session
mode-in_person = in person
mode-virtual = virtual
mode-hybrid = hybrid
status-proposed = proposed
status-confirmed = confirmed
status-cancelled = cancelled
severity-hard = hard
severity-soft = soft
clash-room_overlap = room double-booked
clash-group_overlap = regional group meets twice at once
clash-participant_overlap = participant booked twice
clash-region_overlap = region holds two events at once
clash-venue_closed = venue closed
clash-remote_hours = outside remote participants' hours
clash-detail-room_overlap = both events hold the same room at the same time
clash-detail-group_overlap = group { $group } has two events at the same time
clash-detail-participant_overlap = participant { $participant } is expected at both events
clash-detail-calendar_busy = { $participant } is busy in their own calendar at that time
clash-detail-region_overlap = two events of { $region } at different venues overlap and compete for the same delegates
clash-detail-venue_closed = { $date } is a weekend day or a public holiday at the venue
clash-detail-remote_hours = remote participant { $participant } would join { $span } ({ $zone }), outside the acceptable hours of { $from }–{ $to }, Monday to Friday
clash-detail-remote_hours-unknown-zone = remote participant { $participant } would join outside the acceptable hours of { $from }–{ $to } local time, Monday to Friday
role-admin = administrator
role-organiser = organiser
role-viewer = reader
term-regional-group = regional group
term-study-group = study group
seats = { $count ->
    [one] { $count } seat
   *[other] { $count } seats
}

## Why nothing was found or placed (sentences of the planners)

list-separator = {"; "}
why-no-window-range = no window: the range is shorter than the duration
why-no-window-participant = no window: { $participant } is unavailable in { $blocked }% of candidates (outside acceptable hours in { $outside }%, busy in { $busy }%); together the required participants rule out every candidate
why-no-window = no window was found
why-no-dates = no candidate dates: no run of working days at { $venue } ({ $zone }; holidays from calendar { $calendar }) fits within { $gap } working days of the anchor
why-no-room-that-large = no room at { $venue } seats { $seats } (largest: { $largest })
why-no-free-room = every one of the { $dates } candidate dates has no free room seating { $seats } at { $venue }
why-season-no-room = no working day of its venues from { $from } to { $to } has a room for { $seats } (the largest seats { $largest })
why-season-no-run = no { $days } consecutive working days of its venues from { $from } to { $to }
why-season-taken = every working day of its venues from { $from } to { $to } with a room for { $seats } is taken by existing events: { $causes }
why-season-costs-more = { $free } of its { $positions } candidate placements are free, but placing it would cost more than the { $weight } of leaving it out
why-season-blocked = each of its { $positions } candidate placements clashes with a placed event (room, group, or a participant required or in person there): { $events }
why-cause-group = group { $group } meets at “{ $event }”
why-cause-required = required participant { $participant } is required at “{ $event }”
why-cause-in-person = participant { $participant } is in person at “{ $event }” at another venue
why-cause-rooms-booked = every room of { $venue } seating { $seats } is booked
why-cause-count = { $cause } ({ $count } of { $total })
why-placed-count = “{ $event }” ({ $count })

## What is wrong with a field (validation)

invalid-date = “{ $value }” is not a date such as 2027-04-04 (YYYY-MM-DD)
invalid-date-bounds = { $value } is outside the dates tandem accepts, { $first } to { $last }
invalid-minutes-positive = must be a positive number of minutes
invalid-minutes-max = must be at most { $max } minutes
invalid-range-empty = the range is empty: end must be after start
invalid-range-shorter = the range is shorter than the duration
invalid-too-many-candidates = the request has { $count } candidate windows, more than the { $max } allowed: shorten the range or lengthen the step
invalid-participants-none = at least one participant is needed
invalid-participants-max = at most { $max } participants
invalid-zone-missing = a time zone is required
invalid-zone = unknown time zone “{ $value }”: expected an IANA name such as Africa/Douala
invalid-time-of-day = invalid time of day “{ $value }”: expected HH:MM between 00:00 and 24:00
invalid-instant = “{ $value }” is not an RFC 3339 instant such as 2027-03-01T00:00:00Z
invalid-text-empty = must not be empty
invalid-text-too-long = must be at most { $max } characters
invalid-dst-gap = { $value } does not exist in { $zone }: the clocks skip it for a DST change
invalid-end-before-start = must be after start
invalid-event-too-long = an event lasts at most { $max } days; use “rrule” for a series

## What is wrong with a season request (validation)

season-invalid-date = “{ $value }” is not a date such as 2027-03-08 (YYYY-MM-DD)
season-invalid-date-bounds = { $value } is outside the dates accepted, 1990-01-01 to 2099-12-31
season-invalid-weight = { $value } is not a weight: weights are non-negative numbers up to 1e9
season-invalid-range-empty = the range is empty: { $last } is before { $first }
season-invalid-range-long = a range may span at most { $max } days
season-invalid-gap = must be a whole number of working days from 0 to { $max }
season-invalid-time-limit = { $value } is not allowed: the limit is more than 0 and at most { $max } seconds
season-unknown-event = unknown event “{ $id }”
season-fixed-cancelled = event “{ $id }” is cancelled: a fixed event must stand
season-event-twice = event “{ $id }” is listed twice
season-fixed-venue = event “{ $id }” is at venue “{ $venue }”, which is not among the venues
season-fixed-room = event “{ $id }” is in room “{ $room }”, which its venue does not have
season-too-many-events = at most { $max } events per request
season-id-twice = id “{ $id }” is used by two events
season-id-existing = id “{ $id }” is already an existing event’s
season-unknown-group = unknown group “{ $group }”
season-invalid-days = must be a whole number of days from 1 to { $max }
season-invalid-daily-end = must be after the start ({ $start }); sessions end on the day they start
season-no-venue = at least one venue is needed
season-unknown-venue = unknown venue “{ $venue }”
season-venue-twice = venue “{ $venue }” is listed twice
season-latest-before-earliest = { $latest } is before earliest ({ $earliest })
season-too-many-participants = at most { $max } participants per event
season-participant-twice = participant “{ $participant }” is listed twice
season-virtual-in-person = a virtual event has no in-person participants
season-invalid-seats = must be a whole number of seats from 0 to { $max }
season-alongside-itself = event “{ $event }” cannot be held alongside itself
season-alongside-not-fixed = event “{ $event }” is not listed in “fixed”: only fixed events can be anchors
season-alongside-cancelled = event “{ $event }” is cancelled
season-alongside-unknown = “{ $name }” is neither a group, a fixed event nor an event of this request
season-alongside-twice = “{ $name }” is listed twice
