-- The transactional outbox of invitations (DESIGN §15): each message is written in the same
-- transaction as the event change it announces, and a sender task delivers it over SMTP.
-- One row per (event, sequence, recipient, kind): written twice, it is kept once, so a
-- message is sent once per change whatever happens to the writer or the sender. A newer
-- message to the same recipient about the same event supersedes a pending older one.
-- Senders on several instances claim due rows with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE outbox (
    id                     UUID PRIMARY KEY,
    event_id               UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- The participant as the message addresses them (they may have left the event since).
    participant_id         TEXT NOT NULL,
    participant_name       TEXT,
    participant_tz         TEXT NOT NULL,
    participant_attendance TEXT NOT NULL,
    participant_required   BOOLEAN NOT NULL,
    recipient              TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('request', 'cancel', 'uninvite')),
    sequence               BIGINT NOT NULL,
    state                  TEXT NOT NULL DEFAULT 'pending'
                           CHECK (state IN ('pending', 'sent', 'failed', 'superseded')),
    attempts               INTEGER NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ NOT NULL,
    lease_owner            TEXT,
    lease_until            TIMESTAMPTZ,
    last_error             TEXT,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    sent_at                TIMESTAMPTZ,
    CONSTRAINT outbox_once UNIQUE (event_id, sequence, recipient, kind)
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_by_event ON outbox (event_id, recipient, created_at);
