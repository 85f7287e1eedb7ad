-- Imported calendars (DESIGN §8): the last good copy of each, its fetch state, and a lease so
-- that one refresh runs at a time. Instants are INTEGER seconds since the Unix epoch (UTC).

CREATE TABLE calendars (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    -- The source; NULL for a calendar uploaded inline (never refreshed).
    url                 TEXT,
    -- Whose calendar it is: a participant id, or a venue (its holiday calendar), or nobody.
    owner_participant   TEXT,
    venue_id            TEXT REFERENCES venues (id) ON DELETE CASCADE,
    -- The raw bytes of the last good copy (not necessarily UTF-8: Latin-1 feeds exist).
    ics                 BLOB NOT NULL,
    -- Bumped whenever `ics` changes, so parsed copies cached in memory know they are stale.
    content_version     INTEGER NOT NULL DEFAULT 1,
    etag                TEXT,
    last_modified       TEXT,
    event_count         INTEGER NOT NULL,
    -- REFRESH-INTERVAL / X-PUBLISHED-TTL of the last good copy, in seconds.
    published_refresh_seconds INTEGER,
    last_success_at     INTEGER,
    last_error          TEXT,
    last_error_line     INTEGER,
    last_error_at       INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    refreshed_at        INTEGER,
    next_refresh_at     INTEGER,
    lease_owner         TEXT,
    lease_until         INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK (owner_participant IS NULL OR venue_id IS NULL)
);

-- A venue has one holiday calendar; importing another replaces it.
CREATE UNIQUE INDEX calendars_one_per_venue ON calendars (venue_id) WHERE venue_id IS NOT NULL;
CREATE INDEX calendars_by_owner ON calendars (owner_participant) WHERE owner_participant IS NOT NULL;
CREATE INDEX calendars_due ON calendars (next_refresh_at) WHERE url IS NOT NULL;
