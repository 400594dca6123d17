-- Versions of the agreement: each stored text is a version with a status (draft, proposed, signed,
-- active, superseded). Only one is active; the clocks run on the versions that were active, each
-- from the moment it was activated. Agreements stored before versions existed were each active
-- from when they were stored until the next one came: the latest stays active.
ALTER TABLE agreements ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE agreements ADD COLUMN note TEXT;                -- why this version exists: imported, recalibration, edited on the web
ALTER TABLE agreements ADD COLUMN based_on BIGINT;          -- the version it revises, if any
ALTER TABLE agreements ADD COLUMN created_by TEXT;          -- the account or operator that stored it
ALTER TABLE agreements ADD COLUMN proposed_at BIGINT;
ALTER TABLE agreements ADD COLUMN activated_at BIGINT;      -- when it came into force (the clocks switch then)
ALTER TABLE agreements ADD COLUMN superseded_at BIGINT;
ALTER TABLE agreements ADD COLUMN effective_from TEXT;      -- first period it is active for
ALTER TABLE agreements ADD COLUMN effective_to TEXT;        -- last period, once a later version takes over

UPDATE agreements SET status = 'superseded', activated_at = stored_at, effective_from = period, note = 'stored before versions',
    superseded_at = (SELECT MIN(b.stored_at) FROM agreements b WHERE b.id > agreements.id);
UPDATE agreements SET status = 'active', superseded_at = NULL WHERE id = (SELECT MAX(id) FROM agreements);
CREATE INDEX agreements_activated ON agreements (activated_at, id);

-- A signature binds one named signatory to the exact text of one version (its SHA-256): a change
-- makes a new version, which is signed again.
CREATE TABLE agreement_signatures (
    id           {identity},
    agreement_id BIGINT NOT NULL REFERENCES agreements (id),
    signatory    TEXT   NOT NULL,   -- the name as the agreement spells it
    side         TEXT   NOT NULL,   -- marketing or sales
    content_hash TEXT   NOT NULL,   -- SHA-256 of the text signed, lower-case hex
    signed_at    BIGINT NOT NULL,
    by_user      TEXT   NOT NULL    -- the account that signed, or cli:<operator>
);
CREATE UNIQUE INDEX agreement_signatures_once ON agreement_signatures (agreement_id, signatory);
