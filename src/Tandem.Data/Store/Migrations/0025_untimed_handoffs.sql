-- Judge only what the data can judge (issue 20): a handoff of a source with no touch at all in the
-- store (Olist's funnel has none) cannot be clocked for speed or depth. The projector stores no
-- clocks and no handoff facts for it, so no queue, count, rollup or notification sees a breach; it
-- keeps the handoff here instead, so that reports say "no touch data from SOURCE" and how many
-- handoffs that leaves out. When the first touch of such a source is stored, the projector projects
-- the leads of its rows here again, which then get real clocks.
--
-- One row per untimed handoff: the day it is dated on (days from 1970-01-01 in the active
-- agreement's zone, as handoff_facts), the lead's segment key and the handoff's rep.
CREATE TABLE untimed_handoffs (
    source      TEXT   NOT NULL,
    lead_id     TEXT   NOT NULL,
    episode     BIGINT NOT NULL,
    handoff_day BIGINT NOT NULL,
    segment_key TEXT   NOT NULL,
    rep         TEXT   NOT NULL,
    PRIMARY KEY (source, lead_id, episode)
){without_rowid};

-- Untimed handoffs per handoff day, segment and source: what a report of a period (and sla status,
-- over all days) reads, a few rows a day. Kept by the projector in the transaction that replaces
-- the rows above (UntimedHandoffs), equal to a grouping of them.
CREATE TABLE untimed_handoffs_daily (
    handoff_day BIGINT NOT NULL,
    segment_key TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    handoffs    BIGINT NOT NULL,
    PRIMARY KEY (handoff_day, segment_key, source)
){without_rowid};

-- The touchless sources' clocks stored before this are breached where nothing could be judged:
-- forget the projector's watermark, so its next pass (the server's monitor, tandem sla refresh,
-- the next import) rebuilds every derived row without them.
DELETE FROM service_state WHERE name = 'projector_watermark';
