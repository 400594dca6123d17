-- The deliverables of the content, campaign, reporting and training commitments (with the
-- product launches a session must precede), and sales' side of each: which pieces reps used in which touches, the leads tied to a campaign, feedback on
-- reports, the reps named for a training session and whether they came. Like the lead tables,
-- every record is keyed by its source and the source's id and written by upsert (`revision`,
-- `updated_at`), so an import or API call can be repeated; references between them (a use's piece,
-- a campaign lead's lead) are ids in the same source, with no foreign keys, so either side may
-- arrive first. Instants are BIGINT Unix milliseconds UTC; a launch date is text yyyy-MM-dd.

CREATE TABLE content_pieces (
    source       TEXT   NOT NULL,
    id           TEXT   NOT NULL,
    kind         TEXT   NOT NULL,   -- blog post, white paper, case study, ... (the agreement's quotas name them)
    title        TEXT,
    published_at BIGINT NOT NULL,
    url          TEXT,
    author       TEXT,
    revision     BIGINT NOT NULL DEFAULT 1,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX content_pieces_published ON content_pieces (published_at);

CREATE TABLE content_uses (
    source     TEXT   NOT NULL,
    id         TEXT   NOT NULL,
    piece_id   TEXT   NOT NULL,
    used_at    BIGINT NOT NULL,
    rep        TEXT,
    touch_id   TEXT,              -- the touch it was used in (touches.id), when known
    lead_id    TEXT,
    revision   BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX content_uses_piece ON content_uses (source, piece_id);

CREATE TABLE campaigns (
    source      TEXT   NOT NULL,
    id          TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    launched_at BIGINT NOT NULL,
    channel     TEXT,
    ends_at     BIGINT,
    revision    BIGINT NOT NULL DEFAULT 1,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX campaigns_launched ON campaigns (launched_at);

-- A lead tied to a campaign; its follow-up is read from the lead's touches (same source and lead id).
CREATE TABLE campaign_leads (
    source       TEXT   NOT NULL,
    campaign_id  TEXT   NOT NULL,
    lead_id      TEXT   NOT NULL,
    responded_at BIGINT NOT NULL,  -- when the lead came in from the campaign: the follow-up clock starts
    revision     BIGINT NOT NULL DEFAULT 1,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (source, campaign_id, lead_id)
);
CREATE INDEX campaign_leads_responded ON campaign_leads (responded_at);

CREATE TABLE performance_reports (
    source       TEXT   NOT NULL,
    id           TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    delivered_at BIGINT NOT NULL,
    url          TEXT,
    revision     BIGINT NOT NULL DEFAULT 1,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX performance_reports_delivered ON performance_reports (delivered_at);

CREATE TABLE report_feedback (
    source     TEXT   NOT NULL,
    id         TEXT   NOT NULL,
    report_id  TEXT   NOT NULL,
    given_at   BIGINT NOT NULL,
    rep        TEXT,
    comment    TEXT,
    revision   BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX report_feedback_report ON report_feedback (source, report_id);

CREATE TABLE trainings (
    source      TEXT   NOT NULL,
    id          TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    product     TEXT   NOT NULL,  -- the product whose launch it prepares for
    launch_date TEXT   NOT NULL,  -- yyyy-MM-dd, in the agreement calendar's zone
    held_at     BIGINT NOT NULL,
    revision    BIGINT NOT NULL DEFAULT 1,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX trainings_held ON trainings (held_at);

-- Product launches a training session must precede; a session also names its launch, so a launch
-- logged here matters when it has no session at all.
CREATE TABLE product_launches (
    source      TEXT   NOT NULL,
    id          TEXT   NOT NULL,
    product     TEXT   NOT NULL,
    launch_date TEXT   NOT NULL,  -- yyyy-MM-dd, in the agreement calendar's zone
    revision    BIGINT NOT NULL DEFAULT 1,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);

-- The reps named for a session; attended is 1 or 0.
CREATE TABLE training_attendance (
    source      TEXT   NOT NULL,
    training_id TEXT   NOT NULL,
    rep         TEXT   NOT NULL,
    attended    BIGINT NOT NULL,
    revision    BIGINT NOT NULL DEFAULT 1,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (source, training_id, rep)
);
