-- Imported calendars (DESIGN §8): the last good copy of each, its fetch state, and a lease so
-- that across instances one refresh of a calendar runs at a time (claimed with
-- FOR UPDATE SKIP LOCKED).

CREATE TABLE calendars (
    id                  UUID PRIMARY KEY,
    name                TEXT NOT NULL,
    -- The source; NULL for a calendar uploaded inline (never refreshed).
    url                 TEXT,
    -- Whose calendar it is: a participant id, or a venue (its holiday calendar), or nobody.
    owner_participant   TEXT,
    venue_id            UUID REFERENCES venues (id) ON DELETE CASCADE,
    -- The raw bytes of the last good copy (not necessarily UTF-8: Latin-1 feeds exist).
    ics                 BYTEA NOT NULL,
    -- Bumped whenever `ics` changes, so parsed copies cached in memory know they are stale.
    content_version     BIGINT NOT NULL DEFAULT 1,
    etag                TEXT,
    last_modified       TEXT,
    event_count         BIGINT NOT NULL,
    -- REFRESH-INTERVAL / X-PUBLISHED-TTL of the last good copy, in seconds.
    published_refresh_seconds BIGINT,
    last_success_at     TIMESTAMPTZ,
    last_error          TEXT,
    last_error_line     BIGINT,
    last_error_at       TIMESTAMPTZ,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    refreshed_at        TIMESTAMPTZ,
    next_refresh_at     TIMESTAMPTZ,
    lease_owner         TEXT,
    lease_until         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT calendars_one_owner CHECK (owner_participant IS NULL OR venue_id IS NULL)
);

-- A venue has one holiday calendar; importing another replaces it.
CREATE UNIQUE INDEX calendars_one_per_venue ON calendars (venue_id) WHERE venue_id IS NOT NULL;
CREATE INDEX calendars_by_owner ON calendars (owner_participant) WHERE owner_participant IS NOT NULL;
CREATE INDEX calendars_due ON calendars (next_refresh_at) WHERE url IS NOT NULL;
