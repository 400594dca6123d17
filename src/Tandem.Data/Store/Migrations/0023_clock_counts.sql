-- `tandem sla status` counts the clocks by state from a rollup instead of counting every stored
-- clock per call (1.67 million at a million leads, 2-3 s a call from a covering index).
--
-- The clocks per commitment and stored state, of the clocks that had started when they were stored
-- (started_at <= computed_at; a clock stored before its start is left out until it is stored
-- again). Kept by the projector in the transaction that replaces the clocks (ClockCounts). A read
-- at an instant takes these counts, then moves the few clocks whose stored state may not hold at it
-- (next_at come, through its index; stored after it) from their stored state to the state their
-- timeline gives, so the figures are live without a write.
CREATE TABLE sla_clock_counts (
    commitment TEXT   NOT NULL,
    state      TEXT   NOT NULL,
    clocks     BIGINT NOT NULL,
    PRIMARY KEY (commitment, state)
);

-- Filled from the clocks (ClockCounts.RecountAsync runs the same statement at a rebuild's start).
INSERT INTO sla_clock_counts (commitment, state, clocks)
SELECT commitment, state, COUNT(*) FROM sla_clocks WHERE started_at <= computed_at GROUP BY commitment, state;

-- The Deliverables page counts a campaign's leads touched since responding from the follow-up
-- facts, through this index, instead of looking into the touches lead by lead (37,000 lookups for
-- a quarter's campaigns at a million leads). touched_at: the first touch since the lead responded,
-- under its lead or the lead that one was merged into (NULL when none), as CampaignFollowUps judges.
ALTER TABLE campaign_follow_ups ADD COLUMN touched_at BIGINT;
UPDATE campaign_follow_ups SET touched_at =
    (SELECT MIN(t.at) FROM touches t
     WHERE t.source = campaign_follow_ups.source AND t.lead_id = campaign_follow_ups.lead_id AND t.at >= campaign_follow_ups.responded_at);
-- A merged lead's campaign leads: the lead it was merged into may have been touched first.
UPDATE campaign_follow_ups SET touched_at =
    (SELECT MIN(x.at) FROM (
        SELECT t.at FROM touches t JOIN leads l ON t.source = l.source AND t.lead_id = l.merged_into
        WHERE l.source = campaign_follow_ups.source AND l.id = campaign_follow_ups.lead_id AND t.at >= campaign_follow_ups.responded_at
        UNION ALL SELECT campaign_follow_ups.touched_at) x)
WHERE EXISTS (SELECT 1 FROM leads l WHERE l.source = campaign_follow_ups.source AND l.id = campaign_follow_ups.lead_id AND l.merged_into IS NOT NULL);
CREATE INDEX campaign_follow_ups_campaign ON campaign_follow_ups (source, campaign_id, touched_at);
