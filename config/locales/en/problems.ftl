# Problem documents (RFC 9457): titles by type, and the details tandem writes whole.

problem-invalid-request = Invalid request
problem-not-found = Not found
problem-unauthorized = Authentication required
problem-forbidden = Forbidden
problem-clash = The room is already booked
problem-conflict = Conflict
problem-stale-version = The resource changed
problem-source-unreachable = The calendar could not be fetched
problem-too-large = Request body too large
problem-unsupported-media-type = Unsupported media type
problem-rate-limited = Too many requests
problem-unavailable = Service unavailable
problem-internal = Internal error
problem-unavailable-detail = the database is busy or unreachable; retry shortly
problem-internal-detail = an unexpected error occurred; it has been logged
problem-too-large-detail = the request body is larger than tandem accepts

# The details tandem writes with values of the request. The code names the message and its
# values (a tandem_core::Phrase); the API's English detail is the sentence the code wrote,
# these messages are what the pages and the other languages say.
problem-detail-bearer-expected = expected 'Authorization: Bearer <token>'
problem-detail-token-needed = this needs a token: send 'Authorization: Bearer <token>'
problem-detail-token-unknown = the token is unknown or revoked
problem-detail-viewer-read-only = a viewer token cannot change anything
problem-detail-viewer-feed-tokens = a viewer token cannot manage feed tokens
problem-detail-feed-token-own = a feed token manages only its own participant's tokens
# $regions: the token's region codes (or "no region"); $region: the one outside them.
problem-detail-region-outside = this organiser token covers { $regions }; region { $region } is outside it
problem-detail-no-such-feed = no such feed
problem-detail-token-revoked = this token was revoked; create a new one
problem-detail-send-json = send the body as JSON with 'Content-Type: application/json'
# $id: the id as the request gave it, or the stored record's.
problem-detail-no-event = no event with id “{ $id }”
problem-detail-no-venue = no venue with id “{ $id }”
problem-detail-no-calendar = no calendar with id “{ $id }”
problem-detail-no-clash = no clash with id “{ $id }”
problem-detail-no-feed-token = no feed token with id “{ $id }”
problem-detail-no-token = no token with id “{ $id }”
problem-detail-no-open-clash = no open clash with id “{ $id }” (it may have been resolved: GET it for its history)
problem-detail-no-group = no group “{ $code }”
problem-detail-no-region = no region “{ $code }”: expected AFR, AMS, ARB, ASP, CIS or EUR
problem-detail-no-feed-file = no feed “{ $file }”: feed names end in .ics
problem-detail-suggestion-stale = suggestion “{ $suggestion }” does not apply to clash “{ $id }” now; GET the clash for current suggestions
problem-detail-stale-version = If-Match named version { $expected }, but the event is at version { $current }: read it again and retry
# $events: the events holding the room, each as 'title' (id).
problem-detail-room-held = the room is held at that time by { $events }
problem-detail-rate-limited = this client sent more than { $burst } requests at once or more than { $rate } a second; retry after { $seconds } s
# A validation problem's summary in the other languages (English keeps its own detail);
# $fields: the invalid fields' names, as in errors[].
problem-invalid-request-detail =
    { $count ->
        [one] this field is invalid: { $fields }
       *[other] these fields are invalid: { $fields }
    }

problem-method-not-allowed = Method not allowed
problem-method-not-allowed-detail = this resource does not answer that method; the Allow header lists those it does
problem-timeout = The request took too long
problem-timeout-detail = the request took longer than tandem allows; retry shortly
problem-detail-no-route = no such resource; the API is described at /api/v1/openapi.json
problem-detail-feed-token-reads-only = a feed token only reads its participant’s events; this needs an API token
problem-detail-region-none = this organiser token covers no region; region { $region } is outside it
problem-detail-no-record = no record with id “{ $id }”
# $reason: what the calendar’s server or the network answered, as they said it.
problem-detail-fetch-failed = the calendar could not be fetched: { $reason }
problem-detail-calendar-not-refreshable = this calendar was uploaded inline and has no source to refresh from
problem-detail-calendar-busy = a refresh of this calendar is already running
# A season plan applied after the events it was made against changed: nothing was written.
problem-detail-plan-event-appeared = event “{ $title }” ({ $id }) appeared since the plan was made
problem-detail-plan-event-changed = event “{ $title }” ({ $id }) changed since the plan was made (version { $was }, now { $now })
problem-detail-plan-event-gone = event { $id } was cancelled or moved since the plan was made

# Field errors of the HTTP API's own checks (errors[].message). $value is what the request
# sent; $reason, where there is one, is the JSON parser's or the web framework's own words.
api-after = must be after { $other }
api-at-most = must be at most { $max }
api-between = must be between { $min } and { $max }
api-bad-cursor = not a cursor returned by this API
api-bad-if-match = expected the event’s ETag, such as "3"
api-bad-query = invalid query parameter: { $reason }
api-body-unreadable = the body could not be read: { $reason }
api-not-json = the body is not valid JSON: { $reason }
api-missing-field = this field is required
api-unreadable-value = this value cannot be read: { $reason }
api-calendar-no-source = give 'url' (https, http or webcal) or 'ics' (the calendar’s text)
api-calendar-url-and-ics = give either 'url' (fetched and refreshed) or 'ics' (uploaded once), not both
api-calendar-two-owners = a calendar belongs to a participant ('owner') or a venue ('venue_id'), not both
api-days-or-minutes = give exactly one of days and duration_minutes
api-longer-than-day = is longer than the daily hours
api-listed-twice = listed twice
api-placement-none = name at least one placement
api-group-unknown = unknown group “{ $code }”
api-group-unknown-see-list = unknown group “{ $code }”: see GET /api/v1/groups for the codes
api-unknown-value = unknown value “{ $value }”: expected { $expected }
api-not-an-event-id = “{ $value }” is not an event id
api-not-a-venue-id = “{ $value }” is not a venue id
api-not-a-room-id = “{ $value }” is not a room id
api-not-http-url = “{ $value }” is not an http(s) URL
api-room-needs-venue = a room needs its venue_id
api-no-holiday-calendar = no bundled holiday calendar “{ $code }”: the known codes are { $known }
api-invalid-event = the event could not be read
api-invalid-venue = the venue could not be read
