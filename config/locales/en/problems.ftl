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
