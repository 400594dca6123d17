-- Campaign follow-up facts: each campaign lead judged once, when its records are written, so the
-- scorecard and the Deliverables page count a period's campaign leads from an index instead of
-- looking up every lead's first touch since it responded (75,000 lookups for the scorecard's six
-- months at a million leads). The projector keeps them with the lead's other derived rows
-- (CampaignFollowUps): a campaign lead is found by the lead it names, the projector's key.
--
-- One row per campaign lead whose lead is not deleted. kept: 1 when its first touch since it
-- responded (under its lead or the lead that one was merged into) came by the commitment's
-- deadline, then judged_at is that touch, which is when it counts as kept; 0 otherwise, then
-- judged_at is the deadline, after which it counts as missed. responded_day is the response's
-- date in the agreement's zone (days since 1970-01-01). The terms they were judged under (the
-- follow-up commitment and the agreement's calendar) are hashed in service_state as
-- 'campaign_follow_up_terms'; the readers use them only under the same terms.
CREATE TABLE campaign_follow_ups (
    source        TEXT   NOT NULL,
    campaign_id   TEXT   NOT NULL,
    lead_id       TEXT   NOT NULL,
    responded_at  BIGINT NOT NULL,
    responded_day BIGINT NOT NULL,
    kept          BIGINT NOT NULL,
    judged_at     BIGINT NOT NULL,
    PRIMARY KEY (source, campaign_id, lead_id)
);
CREATE INDEX campaign_follow_ups_lead ON campaign_follow_ups (source, lead_id);
-- Covering: a period's counts as of an instant come from the index alone.
CREATE INDEX campaign_follow_ups_day ON campaign_follow_ups (responded_day, responded_at, kept, judged_at);

-- The projector finds the campaign leads written since its watermark, as it finds the other
-- records, and a lead's campaign leads by its id.
CREATE INDEX campaign_leads_updated ON campaign_leads (updated_at);
CREATE INDEX campaign_leads_lead ON campaign_leads (source, lead_id);
