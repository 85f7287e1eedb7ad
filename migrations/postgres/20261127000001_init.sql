-- tandem schema for PostgreSQL. Canonical local times are TEXT 'YYYY-MM-DDTHH:MM[:SS]'
-- beside their IANA zone; instants are derived timestamptz columns.

-- btree_gist lets one exclusion constraint mix equality (room) and overlap (time range).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE venues (
    id               UUID PRIMARY KEY,
    name             TEXT NOT NULL,
    city             TEXT NOT NULL,
    country          TEXT NOT NULL,
    tz               TEXT NOT NULL,
    weekend          TEXT NOT NULL,
    holiday_calendar TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE rooms (
    id       UUID PRIMARY KEY,
    venue_id UUID NOT NULL REFERENCES venues (id),
    name     TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    position INTEGER NOT NULL,
    UNIQUE (venue_id, name)
);

CREATE TABLE events (
    id              UUID PRIMARY KEY,
    title           TEXT NOT NULL,
    description     TEXT,
    kind            TEXT NOT NULL,
    mode            TEXT NOT NULL,
    status          TEXT NOT NULL,
    region          TEXT NOT NULL,
    group_code      TEXT,
    venue_id        UUID REFERENCES venues (id),
    room_id         UUID REFERENCES rooms (id),
    tz              TEXT NOT NULL,
    local_start     TEXT NOT NULL,
    local_end       TEXT NOT NULL,
    rrule           TEXT,
    co_located_with UUID REFERENCES events (id),
    remote_url      TEXT,
    sequence        BIGINT NOT NULL DEFAULT 0,
    version         BIGINT NOT NULL DEFAULT 1,
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    last_ends_at    TIMESTAMPTZ NOT NULL,
    tzdata_version  TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX events_by_start ON events (starts_at, id);
CREATE INDEX events_by_region ON events (region, starts_at);
CREATE INDEX events_by_group ON events (group_code, starts_at);
CREATE INDEX events_by_venue ON events (venue_id, starts_at);
CREATE INDEX events_by_last_end ON events (last_ends_at);

CREATE TABLE event_participants (
    event_id       UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL,
    name           TEXT,
    tz             TEXT NOT NULL,
    attendance     TEXT NOT NULL,
    required       BOOLEAN NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (event_id, participant_id)
);

CREATE INDEX event_participants_by_participant ON event_participants (participant_id);

-- One row per occurrence; the exclusion constraint is what makes double booking of a room
-- impossible, whatever the number of instances racing for it.
CREATE TABLE event_occurrences (
    event_id  UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    room_id   UUID REFERENCES rooms (id),
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at   TIMESTAMPTZ NOT NULL,
    confirmed BOOLEAN NOT NULL,
    during    TSTZRANGE GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    CHECK (ends_at > starts_at),
    CONSTRAINT events_room_no_overlap
        EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (confirmed AND room_id IS NOT NULL)
);

CREATE INDEX event_occurrences_by_event ON event_occurrences (event_id);
CREATE INDEX event_occurrences_by_time ON event_occurrences USING gist (during);

CREATE TABLE api_tokens (
    id         UUID PRIMARY KEY,
    token_hash BYTEA NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    regions    TEXT NOT NULL,
    label      TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
