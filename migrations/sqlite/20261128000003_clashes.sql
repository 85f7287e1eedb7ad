-- Clashes (DESIGN §6): the clashes found among stored events, each with a stable id (a UUID
-- v5 of its kind, events, start and subject), and the history of their resolutions. A write
-- replaces the clashes that involve the event written, and only those.

CREATE TABLE clashes (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    severity       TEXT NOT NULL,
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    other_event_id TEXT REFERENCES events (id) ON DELETE CASCADE,
    starts_at      INTEGER NOT NULL,
    ends_at        INTEGER NOT NULL,
    subject        TEXT,
    detail         TEXT NOT NULL,
    detected_at    INTEGER NOT NULL
);

CREATE INDEX clashes_by_event ON clashes (event_id);
CREATE INDEX clashes_by_other_event ON clashes (other_event_id);
CREATE INDEX clashes_by_start ON clashes (starts_at, id);

-- Kept when the clash itself is gone (that is what a resolution does), so no foreign key.
CREATE TABLE clash_resolutions (
    id             TEXT PRIMARY KEY,
    clash_id       TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    resolved_by    TEXT NOT NULL,
    resolved_at    INTEGER NOT NULL,
    action         TEXT NOT NULL,
    clash          TEXT NOT NULL,
    version_before INTEGER NOT NULL,
    version_after  INTEGER NOT NULL
);

CREATE INDEX clash_resolutions_by_clash ON clash_resolutions (clash_id, resolved_at);

