-- Rollups of handoff_facts, so that the speed, depth and scorecard reads cost a period's days,
-- segments and reps rather than its handoffs (80,000 a month at a million leads). The projector
-- keeps them in the transaction that replaces the facts (ReportFacts.WriteAsync subtracts a
-- scope's old rows and adds its new ones, as it keeps arrivals_daily); HandoffRollup.RebuildAsync
-- derives them from the facts with the statements at the end of this script, which fill them here.

-- Speed per handoff day, segment and rep: the handoffs, those within the commitment, and the whole
-- minutes from handoff to first touch of the touched ones, wall-clock and working, ascending and
-- comma-separated. Medians and percentiles are exact only from every value, and one rep's day holds
-- about as many distinct values as handoffs, so (value, count) rows would not be fewer than the
-- facts; a list per row is. A rowid table: the lists make long rows.
CREATE TABLE handoff_speed_daily (
    handoff_day       BIGINT NOT NULL,
    segment_key       TEXT   NOT NULL,
    rep               TEXT   NOT NULL,
    handoffs          BIGINT NOT NULL,
    within_commitment BIGINT NOT NULL,
    wall_minutes      TEXT   NOT NULL,
    working_minutes   TEXT   NOT NULL,
    PRIMARY KEY (handoff_day, segment_key, rep)
);

-- Depth per handoff day, segment and rep: the handoffs, and at each age (7, 14, 30 days) the sums
-- over those that count at it (handoff_facts' d7, d14 and d30 unpacked): leads, attempts, required,
-- target, on cadence. Whether an age has come by the as-of instant is the reader's filter: whole
-- days from here, the days around the cutoff from the facts.
CREATE TABLE handoff_depth_daily (
    handoff_day    BIGINT NOT NULL,
    segment_key    TEXT   NOT NULL,
    rep            TEXT   NOT NULL,
    handoffs       BIGINT NOT NULL,
    d7_leads       BIGINT NOT NULL,
    d7_attempts    BIGINT NOT NULL,
    d7_required    BIGINT NOT NULL,
    d7_target      BIGINT NOT NULL,
    d7_on_cadence  BIGINT NOT NULL,
    d14_leads      BIGINT NOT NULL,
    d14_attempts   BIGINT NOT NULL,
    d14_required   BIGINT NOT NULL,
    d14_target     BIGINT NOT NULL,
    d14_on_cadence BIGINT NOT NULL,
    d30_leads      BIGINT NOT NULL,
    d30_attempts   BIGINT NOT NULL,
    d30_required   BIGINT NOT NULL,
    d30_target     BIGINT NOT NULL,
    d30_on_cadence BIGINT NOT NULL,
    PRIMARY KEY (handoff_day, segment_key, rep)
){without_rowid};

-- The scorecard per handoff day and segment, split by the UTC day (Unix milliseconds / 86,400,000)
-- on which a counted handoff's depth clock breaches, -1 when it does not breach or is not counted:
-- a read as of an instant counts the breaches of earlier days as happened, reads the facts for
-- that day's, and leaves later ones out, so "kept as of now" needs no write as time passes.
CREATE TABLE handoff_score_daily (
    handoff_day       BIGINT NOT NULL,
    segment_key       TEXT   NOT NULL,
    breach_day        BIGINT NOT NULL,
    handoffs          BIGINT NOT NULL,
    within_commitment BIGINT NOT NULL,
    depth_counted     BIGINT NOT NULL,
    PRIMARY KEY (handoff_day, segment_key, breach_day)
){without_rowid};

-- Filled from the facts (HandoffRollup.RebuildAsync runs the same statements).
INSERT INTO handoff_speed_daily (handoff_day, segment_key, rep, handoffs, within_commitment, wall_minutes, working_minutes)
SELECT handoff_day, segment_key, rep, COUNT(*), SUM(within_commitment),
       COALESCE(string_agg(CAST(wall_minutes AS TEXT), ',' ORDER BY wall_minutes), ''),
       COALESCE(string_agg(CAST(working_minutes AS TEXT), ',' ORDER BY working_minutes), '')
FROM handoff_facts GROUP BY handoff_day, segment_key, rep;

INSERT INTO handoff_depth_daily (handoff_day, segment_key, rep, handoffs,
    d7_leads, d7_attempts, d7_required, d7_target, d7_on_cadence,
    d14_leads, d14_attempts, d14_required, d14_target, d14_on_cadence,
    d30_leads, d30_attempts, d30_required, d30_target, d30_on_cadence)
SELECT handoff_day, segment_key, rep, COUNT(*),
       COUNT(d7), COALESCE(SUM((d7 >> 41) & 1048575), 0), COALESCE(SUM((d7 >> 21) & 1048575), 0), COALESCE(SUM((d7 >> 1) & 1048575), 0), COALESCE(SUM(d7 & 1), 0),
       COUNT(d14), COALESCE(SUM((d14 >> 41) & 1048575), 0), COALESCE(SUM((d14 >> 21) & 1048575), 0), COALESCE(SUM((d14 >> 1) & 1048575), 0), COALESCE(SUM(d14 & 1), 0),
       COUNT(d30), COALESCE(SUM((d30 >> 41) & 1048575), 0), COALESCE(SUM((d30 >> 21) & 1048575), 0), COALESCE(SUM((d30 >> 1) & 1048575), 0), COALESCE(SUM(d30 & 1), 0)
FROM handoff_facts GROUP BY handoff_day, segment_key, rep;

INSERT INTO handoff_score_daily (handoff_day, segment_key, breach_day, handoffs, within_commitment, depth_counted)
SELECT handoff_day, segment_key, breach_day, COUNT(*), SUM(within_commitment), SUM(depth_counted)
FROM (SELECT handoff_day, segment_key, within_commitment, depth_counted,
             CASE WHEN depth_counted = 1 AND depth_breached_at IS NOT NULL THEN depth_breached_at / 86400000 ELSE -1 END AS breach_day
      FROM handoff_facts) f
GROUP BY handoff_day, segment_key, breach_day;
