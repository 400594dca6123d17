-- One projector keeps every derived table; reads only read (issue 18).
--
-- Clocks carry what the breach queue filters and orders by, so a page reads one period's breaches
-- through an index instead of every clock: the lead's segment (keyed as the report facts key it),
-- and the instant the timeline breaches (NULL when it does not), which stays true as time passes
-- because a breach is final. The state "now" is still read off the stored timeline.
ALTER TABLE sla_clocks ADD COLUMN segment_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sla_clocks ADD COLUMN breached_at BIGINT;
CREATE INDEX sla_clocks_breached ON sla_clocks (breached_at);
DROP INDEX sla_clocks_state_due;
-- Covering: `sla status` counts a million clocks by state from the index alone, and the queue finds live warnings.
CREATE INDEX sla_clocks_state_next ON sla_clocks (state, next_at, commitment, computed_at, started_at);

-- The scorecard judges depth from the facts: whether the handoff's depth clock counts (it did not
-- end stopped or cancelled) and when it breaches, if it does.
ALTER TABLE handoff_facts ADD COLUMN depth_counted BIGINT NOT NULL DEFAULT 1;
ALTER TABLE handoff_facts ADD COLUMN depth_breached_at BIGINT;
-- Covering: the scorecard's counts per day come from the index alone, not from every row of six months.
CREATE INDEX handoff_facts_score ON handoff_facts (handoff_day, segment_key, within_commitment, depth_counted, depth_breached_at);

-- Each clock's standing in the breach queue: its latest breach action, kept with the action in one
-- transaction, so the queue and the scorecard join one small row instead of replaying every action.
CREATE TABLE breach_standings (
    source     TEXT   NOT NULL,
    lead_id    TEXT   NOT NULL,
    episode    BIGINT NOT NULL,
    commitment TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    until      BIGINT,
    action_id  BIGINT NOT NULL,
    PRIMARY KEY (source, lead_id, episode, commitment)
);
CREATE INDEX breach_standings_action ON breach_standings (action);
INSERT INTO breach_standings (source, lead_id, episode, commitment, action, until, action_id)
SELECT b.source, b.lead_id, b.episode, b.commitment, b.action, b.until, b.id
FROM breach_actions b
WHERE b.id = (SELECT MAX(x.id) FROM breach_actions x
              WHERE x.source = b.source AND x.lead_id = b.lead_id AND x.episode = b.episode AND x.commitment = b.commitment);

-- The two watermarks (clocks, report facts) become the projector's one. The new columns are empty
-- until the projector has run once: forget both, so the next pass rebuilds everything.
DELETE FROM service_state WHERE name IN ('clock_refresh_watermark', 'report_facts_watermark', 'report_facts_fingerprint');

-- `tandem sla status --at` in the past reads the clocks stored after that instant from their timelines.
CREATE INDEX sla_clocks_computed ON sla_clocks (computed_at);

-- Deals feed derived figures too: the projector's catch-up finds the ones written since its watermark.
CREATE INDEX deals_updated ON deals (updated_at);

-- Touches by time with their channel (capacity's recent channel mix), read from the index alone.
CREATE INDEX touches_at ON touches (at, channel);

-- A content piece's earliest uses in time order (it is judged by its n-th use).
DROP INDEX content_uses_piece;
CREATE INDEX content_uses_piece ON content_uses (source, piece_id, used_at);
