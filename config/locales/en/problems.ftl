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

# The details tandem writes with values of the request: each English message is the very
# sentence the code writes (crates/tandem-server/src/problem.rs, DETAILS), so a detail read
# as one of them is given in the reader's language with the same values.
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
problem-detail-event-not-rewritable = the event can no longer be rewritten
problem-detail-stored-event-not-rewritable = the stored event can no longer be rewritten
problem-detail-send-json = send the body as JSON with 'Content-Type: application/json'
# $id: the id as the request gave it (quoted when the request's own text).
problem-detail-no-event = no event with id { $id }
problem-detail-no-venue = no venue with id { $id }
problem-detail-no-calendar = no calendar with id { $id }
problem-detail-no-clash = no clash with id { $id }
problem-detail-no-feed-token = no feed token with id { $id }
problem-detail-no-token = no token with id { $id }
problem-detail-no-open-clash = no open clash with id { $id } (it may have been resolved: GET it for its history)
problem-detail-no-group = no group { $code }
problem-detail-no-region = no region { $code }: expected AFR, AMS, ARB, ASP, CIS or EUR
problem-detail-no-feed-file = no feed { $file }: feed names end in .ics
problem-detail-suggestion-stale = suggestion { $suggestion } does not apply to clash { $id } now; GET the clash for current suggestions
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
