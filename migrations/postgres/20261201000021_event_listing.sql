-- Listing by (first start, id) in pages that cost a page's worth of index entries, however
-- many events are stored (issue 12; crates/tandem-store/src/listing.rs says how the store
-- reads them). `span_class` is the smallest c with last_ends_at - starts_at <= 4^c hours
-- (10: unbounded): an event of class c still running at an instant T started
-- less than 4^c hours before T, which gives each class's index range a lower bound.
-- The thresholds are the store's SPAN_CLASS_HOURS; the column is generated, so every
-- write path keeps it right. Adding it rewrites the table once.
ALTER TABLE events ADD COLUMN span_class SMALLINT NOT NULL GENERATED ALWAYS AS (
    CASE
        WHEN last_ends_at - starts_at <= interval '1 hour' THEN 0
        WHEN last_ends_at - starts_at <= interval '4 hours' THEN 1
        WHEN last_ends_at - starts_at <= interval '16 hours' THEN 2
        WHEN last_ends_at - starts_at <= interval '64 hours' THEN 3
        WHEN last_ends_at - starts_at <= interval '256 hours' THEN 4
        WHEN last_ends_at - starts_at <= interval '1024 hours' THEN 5
        WHEN last_ends_at - starts_at <= interval '4096 hours' THEN 6
        WHEN last_ends_at - starts_at <= interval '16384 hours' THEN 7
        WHEN last_ends_at - starts_at <= interval '65536 hours' THEN 8
        WHEN last_ends_at - starts_at <= interval '262144 hours' THEN 9
        ELSE 10
    END) STORED;

-- One index per equality filter the listing is driven by (venue, group, region, none), each
-- ordered as the list within a (status, span class) and ending in last_ends_at, so rows of
-- a range that ended before `from` are rejected in the index.
CREATE INDEX events_list ON events (status, span_class, starts_at, id, last_ends_at);
CREATE INDEX events_list_by_region ON events (region, status, span_class, starts_at, id, last_ends_at);
CREATE INDEX events_list_by_group ON events (group_code, status, span_class, starts_at, id, last_ends_at);
CREATE INDEX events_list_by_venue ON events (venue_id, status, span_class, starts_at, id, last_ends_at);

-- Superseded: the listing was their only reader (the clash check uses the span GiST
-- indexes of 20261128000004).
DROP INDEX events_by_region;
DROP INDEX events_by_group;
DROP INDEX events_by_venue;
