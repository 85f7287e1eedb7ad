-- Organisers' web sessions (the pages' sign-in, tower-sessions): in the database, so any
-- instance serves any signed-in browser and a restart signs nobody out. Only the SHA-256 of
-- a session's id (the cookie's secret) is kept, with the session's data (JSON: the token's
-- SHA-256 and the CSRF token) and when it ends, by the store's clock.

CREATE TABLE web_sessions (
    id_hash    BYTEA PRIMARY KEY,
    data       TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);
