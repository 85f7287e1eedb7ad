-- Listing by (first start, id) in pages that cost a page's worth of index entries, however
-- many events are stored (issue 12; crates/tandem-store/src/listing.rs says how the store
-- reads them). `span_class` is the smallest c with last_ends_at - starts_at <= 4^c hours
-- (instants are seconds; 10: unbounded): an event of class c still running at an instant T
-- started less than 4^c hours before T, which gives each class's index range a lower
-- bound. The thresholds are the store's SPAN_CLASS_HOURS; the column is generated, so
-- every write path keeps it right.
ALTER TABLE events ADD COLUMN span_class INTEGER NOT NULL GENERATED ALWAYS AS (
    CASE
        WHEN last_ends_at - starts_at <= 3600 THEN 0
        WHEN last_ends_at - starts_at <= 14400 THEN 1
        WHEN last_ends_at - starts_at <= 57600 THEN 2
        WHEN last_ends_at - starts_at <= 230400 THEN 3
        WHEN last_ends_at - starts_at <= 921600 THEN 4
        WHEN last_ends_at - starts_at <= 3686400 THEN 5
        WHEN last_ends_at - starts_at <= 14745600 THEN 6
        WHEN last_ends_at - starts_at <= 58982400 THEN 7
        WHEN last_ends_at - starts_at <= 235929600 THEN 8
        WHEN last_ends_at - starts_at <= 943718400 THEN 9
        ELSE 10
    END) VIRTUAL;

-- One index per equality filter the listing is driven by (venue, group, region, none), each
-- ordered as the list within a (status, span class) and ending in last_ends_at, so rows of
-- a range that ended before `from` are rejected in the index. The older (region,
-- starts_at)-style indexes stay: the clash check's neighbour query reads them.
CREATE INDEX events_list ON events (status, span_class, starts_at, id, last_ends_at);
CREATE INDEX events_list_by_region ON events (region, status, span_class, starts_at, id, last_ends_at);
CREATE INDEX events_list_by_group ON events (group_code, status, span_class, starts_at, id, last_ends_at);
CREATE INDEX events_list_by_venue ON events (venue_id, status, span_class, starts_at, id, last_ends_at);
