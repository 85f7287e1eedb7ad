-- The transactional outbox of invitations (DESIGN §15): each message is written in the same
-- transaction as the event change it announces, and a sender task delivers it over SMTP.
-- One row per (event, sequence, recipient, kind): written twice, it is kept once, so a
-- message is sent once per change whatever happens to the writer or the sender. A newer
-- message to the same recipient about the same event supersedes a pending older one.
-- Times are Unix seconds from the store's clock, as everywhere in this schema.
CREATE TABLE outbox (
    id                     TEXT PRIMARY KEY,
    event_id               TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- The participant as the message addresses them (they may have left the event since).
    participant_id         TEXT NOT NULL,
    participant_name       TEXT,
    participant_tz         TEXT NOT NULL,
    participant_attendance TEXT NOT NULL,
    participant_required   INTEGER NOT NULL,
    recipient              TEXT NOT NULL,
    -- request | cancel | uninvite
    kind                   TEXT NOT NULL,
    sequence               INTEGER NOT NULL,
    -- pending | sent | failed | superseded
    state                  TEXT NOT NULL DEFAULT 'pending',
    attempts               INTEGER NOT NULL DEFAULT 0,
    next_attempt_at        INTEGER NOT NULL,
    lease_owner            TEXT,
    lease_until            INTEGER,
    last_error             TEXT,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    sent_at                INTEGER,
    UNIQUE (event_id, sequence, recipient, kind)
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_event ON outbox (event_id, recipient, created_at);
