-- Today equals the breach queue (issues 18 and 20): both count open breaches whatever their
-- period, by segment, from a rollup instead of grouping every breach with its standing per request.
--
-- Clocks carry the lead's lead type beside its segment (keyed as the report facts key them), so
-- the queue and the rollup filter by both. A database from before this fills it from the leads;
-- the projector writes it from then on.
ALTER TABLE sla_clocks ADD COLUMN lead_type_key TEXT NOT NULL DEFAULT '';
UPDATE sla_clocks SET lead_type_key = COALESCE(
    (SELECT lower(trim(l.lead_type)) FROM leads l WHERE l.source = sla_clocks.source AND l.id = sla_clocks.lead_id), '');

-- One segment's breaches newest first (the queue filtered by segment, in a period or any) are an
-- index range, not the scan of every segment's breaches it was.
CREATE INDEX sla_clocks_segment_breached ON sla_clocks (segment_key, breached_at);

-- Breached clocks per UTC day of the breach (Unix milliseconds / 86,400,000), segment, lead type,
-- rep, commitment and standing (the latest breach action: acknowledge, snooze, excuse, or open for
-- none or a reopen). Kept by the projector in the transaction that replaces the clocks
-- (BreachRollup) and by a breach action in its own. A breach is final, so a clock is in its row
-- from the start; a read as of now sums the days before now's UTC day, reads the clocks of the
-- edge days by instant, and moves the snoozes that have expired (few rows) from snoozed to open.
CREATE TABLE breaches_daily (
    segment_key   TEXT   NOT NULL,
    breach_day    BIGINT NOT NULL,
    lead_type_key TEXT   NOT NULL,
    rep           TEXT   NOT NULL,
    commitment    TEXT   NOT NULL,
    standing      TEXT   NOT NULL,
    breaches      BIGINT NOT NULL,
    PRIMARY KEY (breach_day, segment_key, lead_type_key, rep, commitment, standing)
){without_rowid};

-- The same without the day: a count of open breaches whatever their period (Today's) is this small
-- table less the rollup's rows of now's UTC day and later (breaches still to come, bounded by the
-- open clocks, not by the history) plus the clocks of now's day up to now.
CREATE TABLE breaches_total (
    segment_key   TEXT   NOT NULL,
    lead_type_key TEXT   NOT NULL,
    rep           TEXT   NOT NULL,
    commitment    TEXT   NOT NULL,
    standing      TEXT   NOT NULL,
    breaches      BIGINT NOT NULL,
    PRIMARY KEY (segment_key, lead_type_key, rep, commitment, standing)
){without_rowid};

-- Filled from the clocks (BreachRollup.RebuildAsync runs the same statements).
INSERT INTO breaches_daily (segment_key, breach_day, lead_type_key, rep, commitment, standing, breaches)
SELECT c.segment_key, c.breached_at / 86400000, c.lead_type_key, c.rep, c.commitment,
       CASE WHEN s.action IN ('acknowledge', 'snooze', 'excuse') THEN s.action ELSE 'open' END, COUNT(*)
FROM sla_clocks c
LEFT JOIN breach_standings s ON s.source = c.source AND s.lead_id = c.lead_id AND s.episode = c.episode AND s.commitment = c.commitment
WHERE c.breached_at IS NOT NULL
GROUP BY c.segment_key, c.breached_at / 86400000, c.lead_type_key, c.rep, c.commitment,
         CASE WHEN s.action IN ('acknowledge', 'snooze', 'excuse') THEN s.action ELSE 'open' END;

INSERT INTO breaches_total (segment_key, lead_type_key, rep, commitment, standing, breaches)
SELECT segment_key, lead_type_key, rep, commitment, standing, SUM(breaches)
FROM breaches_daily GROUP BY segment_key, lead_type_key, rep, commitment, standing;
