-- Report facts: what the pacing, speed and depth reports read, derived per lead from the raw
-- records by the same code that runs the SLA clocks, and refreshed for the leads that changed
-- (tandem's report catch-up and the server's monitor pass). A month of one segment is then a range
-- scan of its own rows instead of a pass over all history. Rebuilt from the raw records at any time.

-- Finding what changed since a watermark is an index range scan, not a pass over every table.
CREATE INDEX leads_updated ON leads (updated_at);
CREATE INDEX stage_changes_updated ON stage_changes (updated_at);
CREATE INDEX touches_updated ON touches (updated_at);
-- Reading one lead with the leads merged into it.
CREATE INDEX leads_merged_into ON leads (source, merged_into);

-- One row per handoff (a lead's clock episode). Days are days since 1970-01-01 in the active
-- agreement's time zone; segment_key is the segment trimmed and lower-cased ('' for none).
-- Minutes are whole minutes from handoff to the first touch (NULL: never touched). For each age
-- (7, 14, 30 days) d7, d14 and d30 hold the depth point packed in one integer (attempts, required
-- and target in 20 bits each, on cadence in the lowest bit; see ReportFactRows.Pack), NULL when the
-- lead does not count at that age (reached before it, or its clocks stopped); the as-of filter
-- (handed_off_at + age <= as-of) is applied when reading. One column per age keeps a month's read short.
-- Clustered by segment and day on SQLite, so a segment's month is one sequential range.
CREATE TABLE handoff_facts (
    segment_key      TEXT   NOT NULL,
    handoff_day      BIGINT NOT NULL,
    source           TEXT   NOT NULL,
    lead_id          TEXT   NOT NULL,
    episode          BIGINT NOT NULL,
    handed_off_at    BIGINT NOT NULL,
    rep              TEXT   NOT NULL,
    wall_minutes     BIGINT,
    working_minutes  BIGINT,
    within_commitment BIGINT NOT NULL,
    d7               BIGINT,
    d14              BIGINT,
    d30              BIGINT,
    PRIMARY KEY (segment_key, handoff_day, source, lead_id, episode)
){without_rowid};
CREATE INDEX handoff_facts_lead ON handoff_facts (source, lead_id);
CREATE INDEX handoff_facts_day ON handoff_facts (handoff_day);

-- One row per lead that entered the funnel's first stage: the day it did, its segment and lead type.
CREATE TABLE arrival_facts (
    source        TEXT   NOT NULL,
    lead_id       TEXT   NOT NULL,
    arrival_day   BIGINT NOT NULL,
    segment_key   TEXT   NOT NULL,
    lead_type_key TEXT   NOT NULL,
    PRIMARY KEY (source, lead_id)
);

-- The daily rollup of arrival_facts, kept by adding and subtracting each refreshed lead's row.
CREATE TABLE arrivals_daily (
    arrival_day   BIGINT NOT NULL,
    segment_key   TEXT   NOT NULL,
    lead_type_key TEXT   NOT NULL,
    leads         BIGINT NOT NULL,
    PRIMARY KEY (arrival_day, segment_key, lead_type_key)
);
