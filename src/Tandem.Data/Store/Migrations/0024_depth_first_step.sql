-- Depth is judged where the cadence first asks something: at the end of its first step (3 attempts
-- within 14 days is judged at 14 days; at 7 days nothing is asked, so nothing can fail). The step
-- ends at a deadline of each lead's own (its terms, calendar days or working days, its rep's
-- calendar), not at a fixed age, so each handoff keeps that instant and its point there.
--
-- first_step_at: Unix milliseconds at which the handoff's first cadence step ends, as its depth
-- clock computed the deadline; NULL when its terms have no cadence. d_first: the depth point then,
-- packed as d7/d14/d30 are (ReportFactRows.Pack), NULL when the lead does not count there (reached
-- before it, or its clocks stopped before it).
ALTER TABLE handoff_facts ADD COLUMN first_step_at BIGINT;
ALTER TABLE handoff_facts ADD COLUMN d_first BIGINT;

-- Per handoff day, segment and rep, split by the UTC day (Unix milliseconds / 86,400,000) on which
-- the first step ends (-1 without a cadence): the handoffs, and the sums of the points of those that
-- count (leads, attempts, required, target, on cadence). A read as of an instant takes the days
-- before its UTC day as old enough, reads that day's from the facts by instant, and counts later
-- ones as younger, so nothing is written as time passes (as handoff_score_daily does for breaches).
CREATE TABLE handoff_first_step_daily (
    handoff_day BIGINT NOT NULL,
    segment_key TEXT   NOT NULL,
    rep         TEXT   NOT NULL,
    due_day     BIGINT NOT NULL,
    handoffs    BIGINT NOT NULL,
    leads       BIGINT NOT NULL,
    attempts    BIGINT NOT NULL,
    required    BIGINT NOT NULL,
    target      BIGINT NOT NULL,
    on_cadence  BIGINT NOT NULL,
    PRIMARY KEY (handoff_day, segment_key, rep, due_day)
){without_rowid};

-- Grouped from the facts as they are (HandoffRollup.RebuildAsync runs the same statement), so the
-- rollup equals its facts from the start.
INSERT INTO handoff_first_step_daily (handoff_day, segment_key, rep, due_day, handoffs, leads, attempts, required, target, on_cadence)
SELECT handoff_day, segment_key, rep, due_day, COUNT(*), COUNT(d_first),
       COALESCE(SUM((d_first >> 41) & 1048575), 0), COALESCE(SUM((d_first >> 21) & 1048575), 0), COALESCE(SUM((d_first >> 1) & 1048575), 0), COALESCE(SUM(d_first & 1), 0)
FROM (SELECT handoff_day, segment_key, rep, d_first, CASE WHEN first_step_at IS NULL THEN -1 ELSE first_step_at / 86400000 END AS due_day FROM handoff_facts) f
GROUP BY handoff_day, segment_key, rep, due_day;

-- The new columns need each lead clocked again, which SQL cannot do: forget the projector's
-- watermark, so its next pass (the server's monitor, tandem sla refresh, the next import) rebuilds
-- every derived row, these included. Until then the command line's reports say the derived data
-- has not been built.
DELETE FROM service_state WHERE name = 'projector_watermark';
