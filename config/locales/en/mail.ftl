# Invitations by e-mail (DESIGN §15): the mail's subject and its plain-text part, one message
# a line. Values arrive formatted: dates, times and zone names by CLDR for the language, the
# title and the place as the organiser wrote them, links and rules as they are.
# The continuation line of `mail-when-event` starts with spaces in quotes, kept as written.

## Subject (also the first line of the text)

mail-subject-invitation = Invitation: { $title }
mail-subject-update = Updated: { $title }
mail-subject-cancel = Cancelled: { $title }
mail-subject-uninvite = No longer invited: { $title }

## The text

mail-cancelled = This event is cancelled; your calendar removes it.
mail-uninvited = You are no longer a participant; your calendar removes this event.
# $span: the start and end on the participant's clock; $zone: their zone's name and offset.
mail-when = When:   { $span } ({ $zone })
# The same span at the event's own place.
mail-when-event = {"        "}{ $span } ({ $zone }, the event's time)
# $rule: the RFC 5545 recurrence rule, as stored.
mail-repeats = Repeats: { $rule } (the first occurrence is shown)
mail-where = Where:  { $location }
mail-online-only = online only
mail-remote = Remote: { $link }
mail-page = Event:  { $link }
mail-required = You are a required participant.
mail-optional = Your participation is optional.

## Pieces

# A span within one day: the start's date and time, then the end's time.
mail-span-day = { $start } – { $end }
# A span over several days: both dates and times.
mail-span = { $start } – { $end }
# A zone: its CLDR name at that date, and its offset from UTC.
mail-zone = { $name }, { $offset }
