-- Each participation carries its event's span (first start to last end), so the clash
-- check finds the events of a participant around a time through one GiST index
-- (participant, span) instead of reading every participation of that person
-- (PostgreSQL only; the store writes the span with the participants and when it re-derives
-- an event's instants).
ALTER TABLE event_participants ADD COLUMN starts_at TIMESTAMPTZ, ADD COLUMN last_ends_at TIMESTAMPTZ;
UPDATE event_participants p SET starts_at = e.starts_at, last_ends_at = e.last_ends_at
    FROM events e WHERE e.id = p.event_id;
ALTER TABLE event_participants ALTER COLUMN starts_at SET NOT NULL, ALTER COLUMN last_ends_at SET NOT NULL;
CREATE INDEX event_participants_span ON event_participants
    USING gist (participant_id, tstzrange(starts_at, last_ends_at, '[)'));
