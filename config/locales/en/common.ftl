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
role-admin = administrator
role-organiser = organiser
role-viewer = reader
term-regional-group = regional group
term-study-group = study group
seats = { $count ->
    [one] { $count } seat
   *[other] { $count } seats
}
