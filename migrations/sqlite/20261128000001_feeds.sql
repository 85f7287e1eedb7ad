-- Feeds: private feed tokens, venue coordinates (GEO), and a revision counter bumped by every
-- write a feed can show, so each instance knows when its cached feeds are stale.

CREATE TABLE feed_tokens (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL,
    token_hash     BLOB NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    revoked_at     INTEGER
);

CREATE INDEX feed_tokens_by_participant ON feed_tokens (participant_id);

ALTER TABLE venues ADD COLUMN latitude REAL;
ALTER TABLE venues ADD COLUMN longitude REAL;

CREATE INDEX events_by_co_location ON events (co_located_with);

INSERT INTO meta (key, value) VALUES ('revision', '0') ON CONFLICT (key) DO NOTHING;
