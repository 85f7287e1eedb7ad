-- Clash checks and time-bounded listings ask "events of this region / group / venue that
-- overlap [from, to)". Without these, PostgreSQL could only narrow by region (thousands of
-- rows at 100,000 events) and then probe occurrences, or scan every occurrence (measured in
-- BENCHMARKS.md: 25-50 ms per query). An event's span runs from its first start to its last
-- end, so it overlaps [from, to) whenever one of its occurrences does; the store adds that
-- condition beside the exact occurrence test, and these GiST indexes (btree_gist, already
-- installed for the room constraint) answer it together with the equality filter.
CREATE INDEX events_span ON events USING gist (tstzrange(starts_at, last_ends_at, '[)'));
CREATE INDEX events_span_by_region ON events USING gist (region, tstzrange(starts_at, last_ends_at, '[)'));
CREATE INDEX events_span_by_group ON events USING gist (group_code, tstzrange(starts_at, last_ends_at, '[)'));
CREATE INDEX events_span_by_venue ON events USING gist (venue_id, tstzrange(starts_at, last_ends_at, '[)'));
