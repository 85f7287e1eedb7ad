# tandem's web pages (crates/tandem-server/src/web). English is the reference: every other
# language has the same messages with the same variables (tests/messages.rs).

## Every page

page-title = { $title } · tandem
skip-to-content = Skip to the content
nav-main = Main
nav-events = Events
nav-planner = Planner
nav-colocation = Co-location
nav-season = Seasons
nav-clashes = Clashes
nav-api = API
language-switcher = Language
# The language's name in itself, as the switcher shows it.
language-self = English

## Errors

not-found-title = Not found
not-found-text = There is no such page or event.
not-found-back = All events
busy-title = Busy
busy-heading = tandem is busy
busy-text = The database is busy or unreachable; please try again in a moment.
error-title = Error
error-heading = Something went wrong
error-text = The error was logged; please try again.
refused-title = Not done
refused-heading = That was not done
refused-changed-meanwhile = the event changed meanwhile: reload the page and try again
form-expired-title = Form expired
form-expired-heading = This form has expired
form-expired-text = Reload the page and send the form again.

## Times

## Subscribe links

subscribe = Subscribe
subscribe-label = Subscribe to { $feed } in your calendar app
subscribe-https = https feed
subscribe-https-label = https feed of { $feed }
feed-all = all events
feed-region = region { $code }
feed-group = group { $code }
feed-event = this event
feed-the-region = the region
feed-the-group = the group

## Reference terms


## Home page

home-title = Upcoming meetings
home-intro = Times are shown at each meeting's venue. Subscribe to a region or group to see every change in your own calendar app.
home-plan-link = Plan a call across time zones
home-empty = No upcoming events.
home-region = { $name } ({ $code })
home-other-events = Other events of the region
home-all-events = All events:

## Event page

event-when = When
event-venue-zone = ({ $zone }, the venue's zone)
event-repeats = Repeats: { $rule }
event-room = { $room } ({ $seats })
event-remote = Remote participation:
event-cities = In the main cities of { $region }
event-city = City
event-local-time = Local time
event-alongside = Held alongside
event-no-alongside = No co-located event.
event-clashes = Clashes
event-no-clash = No clash.
event-other = the other event
event-subscribe = Subscribe
event-this-event = This event:
event-download = Download .ics

## Planner

planner-title = Planner
planner-heading = Plan a call across time zones
planner-places = Places, one a line: a city (Geneva, Yaoundé, Bangkok…) or a zone (Asia/Kathmandu), optionally followed by ids of imported calendars
planner-from = From (UTC date)
planner-to = To (UTC date, inclusive)
planner-duration = Duration (minutes)
planner-submit = Find windows
planner-correction = The form needs a correction:
planner-best = Best windows
planner-no-window = No window fits.
planner-legend-working = working hours
planner-legend-acceptable = acceptable hours
planner-legend-night = night / off
planner-legend-windows = best windows
planner-considered = { $count ->
    [one] { $count } candidate window considered.
   *[other] { $count } candidate windows considered.
}
planner-rank = #
planner-local-times = Local times
planner-outside-hours = Outside working hours
planner-minutes = { $minutes } min
planner-strips-title = 24-hour strips for { $day } (UTC), one per place
planner-strips-caption = { $day } (UTC hours across the top; local hours in each strip)
planner-window = Window { $rank }: { $start } – { $end }
planner-utc-hour = { $hour }Z
planner-error-calendars-first = line { $line }: calendars need a place before them
planner-error-unknown-place = line { $line }: '{ $place }' is neither a city of the reference data nor an IANA zone
planner-error-no-place = name at least one place
planner-error-duration = '{ $value }' is not a number of minutes
field-places = Places
field-from = From
field-to = To
field-duration = Duration

## Co-location

coloc-title = Co-location
coloc-heading = Hold an event alongside another
coloc-intro = Resolution 21: workshops alongside regional group meetings, and vice versa. Candidates use the anchor's venue, its working days and free rooms.
coloc-anchor = Anchor meeting
coloc-event-title = Title
coloc-kind = Kind
coloc-default-title = Regional workshop
coloc-days = Working days
coloc-gap = Largest gap (working days)
coloc-seats = Seats needed
coloc-placement = Placement
placement-before = before
placement-after = after
placement-during = during (parallel room)
coloc-submit = Find dates
coloc-candidates = Candidates
coloc-no-candidate = No candidate fits.
coloc-room = Room { $room } ({ $seats })
coloc-gap-days = { $days ->
    [one] gap { $days } working day
   *[other] gap { $days } working days
}
coloc-no-clash = no clash
coloc-create = Create this one
coloc-signin = Sign in to create it
coloc-not-created-title = Not created
coloc-not-created-heading = The event was not created
coloc-back = Back to co-location

## Clash dashboard

clashes-title = Clashes
signout = Sign out
clashes-signed-in-label = Signed in with the token “{ $label }” ({ $role }).
clashes-signed-in = Signed in with a token ({ $role }).
clashes-resolved = Clash { $id } resolved.
clashes-empty = No clash in your regions.
clashes-no-fix = No suggestion: change the events by hand.
fix-move = move
fix-switch_room = switch room
clashes-fix = { $action }: { $start } – { $end } ({ $zone })
clashes-leaves = { $count ->
    [one] leaves { $count } clash
   *[other] leaves { $count } clashes
}
clashes-apply = Apply
clashes-not-applied-title = Not applied
clashes-not-applied-heading = The suggestion was not applied
clashes-back = Back to the clashes

## Sign-in

signin-title = Sign in
signin-heading = Organiser sign-in
signin-token = API token (from { $command })
signin-submit = Sign in
signin-note = The token is checked once and never stored in your browser: a session cookie is.
signin-unknown = That token is unknown or revoked.

## Season planning (/seasons)
season-title = Season planning
season-heading = Plan a season
season-intro = Place a whole season of meetings, workshops and forums at once, each alongside the meetings it belongs with (Resolution 21). Venues and fixed events are named by their ids in this database.
season-document = Season document (JSON)
season-submit = Plan the season
season-demo-loaded = The demo's season is filled in: workshops and forums to hold alongside the SG3RG-AFR meeting in Yaoundé and the SG5RG-ARB meeting in Cairo.
season-plan = The plan
season-cost = Cost
season-status-optimal = proven optimal
season-status-feasible = feasible, not proven optimal
season-bound = Proven lower bound
season-placed = Events placed
season-colocations = Wanted co-locations
season-trips = Trips
season-trips-apart = Trips if held apart
season-soft-clashes = Soft clashes
season-chart = The plan by venue and day: each bar an event, co-located clusters outlined and numbered.
season-legend-placed = Placed event
season-legend-fixed = Fixed meeting
season-legend-closed = Weekend or holiday
season-legend-cluster = Co-located cluster
season-table = Placements
season-col-event = Event
season-col-venue = Venue
season-col-room = Room
season-col-days = Days
season-col-alongside = Alongside
season-col-cluster = Cluster
season-fixed = fixed
season-unplaced = Not placed
season-none-unplaced = Every event is placed.
season-apply = Apply: create these events as proposed
season-apply-signin = Sign in as an organiser to apply this plan
season-applied-title = Season applied
season-applied-heading = The plan is applied
season-applied-intro = These proposed events were created, each linked to the event it is held alongside.
season-not-applied-title = Not applied
season-not-applied-heading = The plan was not applied
season-back = Back to season planning

## API reference (/api/docs)

apidocs-title = API reference
apidocs-intro = Every operation of tandem's HTTP API, drawn from its OpenAPI document ({ $document }). The descriptions are the document's own, in English. To try the operations in the browser, open the { $console }.
apidocs-console = interactive console (Swagger UI)
apidocs-auth = Reading is open where the server allows it; writing needs an API token, sent as { $header }.
apidocs-contents = Contents
apidocs-schemas = Schemas
apidocs-parameters = Parameters
apidocs-name = Name
apidocs-in = Where
apidocs-in-query = query string
apidocs-in-path = path
apidocs-in-header = header
apidocs-in-cookie = cookie
apidocs-type = Type
apidocs-required = Required
apidocs-description = Description
apidocs-yes = yes
apidocs-no = no
apidocs-body = Request body:
apidocs-body-required = required
apidocs-responses = Responses
apidocs-status = Status
apidocs-values = Values:
apidocs-fields = Fields of { $schema }
