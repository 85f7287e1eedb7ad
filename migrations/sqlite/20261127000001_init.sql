-- tandem schema for SQLite. Instants are INTEGER seconds since the Unix epoch (UTC);
-- canonical local times are TEXT 'YYYY-MM-DDTHH:MM[:SS]' beside their IANA zone.

CREATE TABLE venues (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    city             TEXT NOT NULL,
    country          TEXT NOT NULL,
    tz               TEXT NOT NULL,
    weekend          TEXT NOT NULL,
    holiday_calendar TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

CREATE TABLE rooms (
    id       TEXT PRIMARY KEY,
    venue_id TEXT NOT NULL REFERENCES venues (id),
    name     TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    position INTEGER NOT NULL,
    UNIQUE (venue_id, name)
);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    description     TEXT,
    kind            TEXT NOT NULL,
    mode            TEXT NOT NULL,
    status          TEXT NOT NULL,
    region          TEXT NOT NULL,
    group_code      TEXT,
    venue_id        TEXT REFERENCES venues (id),
    room_id         TEXT REFERENCES rooms (id),
    tz              TEXT NOT NULL,
    local_start     TEXT NOT NULL,
    local_end       TEXT NOT NULL,
    rrule           TEXT,
    co_located_with TEXT REFERENCES events (id),
    remote_url      TEXT,
    sequence        INTEGER NOT NULL DEFAULT 0,
    version         INTEGER NOT NULL DEFAULT 1,
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    last_ends_at    INTEGER NOT NULL,
    tzdata_version  TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE INDEX events_by_start ON events (starts_at, id);
CREATE INDEX events_by_region ON events (region, starts_at);
CREATE INDEX events_by_group ON events (group_code, starts_at);
CREATE INDEX events_by_venue ON events (venue_id, starts_at);
CREATE INDEX events_by_last_end ON events (last_ends_at);

CREATE TABLE event_participants (
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL,
    name           TEXT,
    tz             TEXT NOT NULL,
    attendance     TEXT NOT NULL,
    required       INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (event_id, participant_id)
);

CREATE INDEX event_participants_by_participant ON event_participants (participant_id);

-- One row per occurrence. A confirmed occurrence in a room may overlap no other confirmed
-- occurrence in that room; SQLite has no exclusion constraints, so the store checks and
-- writes in one BEGIN IMMEDIATE transaction (the database's single writer lock).
CREATE TABLE event_occurrences (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    room_id   TEXT REFERENCES rooms (id),
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    confirmed INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE INDEX event_occurrences_by_room ON event_occurrences (room_id, starts_at) WHERE confirmed = 1;
CREATE INDEX event_occurrences_by_event ON event_occurrences (event_id);
CREATE INDEX event_occurrences_by_time ON event_occurrences (starts_at, ends_at);

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    regions    TEXT NOT NULL,
    label      TEXT,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
