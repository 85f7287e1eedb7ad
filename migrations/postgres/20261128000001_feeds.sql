-- Feeds: private feed tokens, venue coordinates (GEO), and a revision counter bumped by every
-- write a feed can show, so each instance knows when its cached feeds are stale. The counter
-- row is updated inside each writing transaction, so its value orders committed changes.

CREATE TABLE feed_tokens (
    id             UUID PRIMARY KEY,
    participant_id TEXT NOT NULL,
    token_hash     BYTEA NOT NULL UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ
);

CREATE INDEX feed_tokens_by_participant ON feed_tokens (participant_id);

ALTER TABLE venues ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE venues ADD COLUMN longitude DOUBLE PRECISION;

CREATE INDEX events_by_co_location ON events (co_located_with);

INSERT INTO meta (key, value) VALUES ('revision', '0') ON CONFLICT (key) DO NOTHING;
