-- Tandem's first schema. Instants are BIGINT Unix epoch milliseconds (UTC) so SQLite and
-- PostgreSQL store, compare and sum them the same way; money and hours are BIGINT ten-thousandths
-- (the _e4 columns) so sums stay exact on both. Every record from outside is keyed by its source
-- and the source's id; `revision` starts at 1 and grows with each change, which is how an upsert
-- tells an insert from an update. There are no foreign keys between the lead tables on purpose:
-- a touch or stage change that arrives before its lead is kept and joins it when the lead arrives.

CREATE TABLE leads (
    source       TEXT   NOT NULL,
    id           TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    lead_type    TEXT,
    segment      TEXT,
    owner        TEXT,
    name         TEXT,
    email        TEXT,
    company      TEXT,
    title        TEXT,
    deleted_at   BIGINT,
    merged_into  TEXT,
    forgotten_at BIGINT,
    revision     BIGINT NOT NULL DEFAULT 1,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX leads_created_at ON leads (created_at);

CREATE TABLE stage_changes (
    source     TEXT   NOT NULL,
    lead_id    TEXT   NOT NULL,
    stage      TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    rep        TEXT,
    revision   BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (source, lead_id, stage, at)
);
CREATE INDEX stage_changes_stage_at ON stage_changes (stage, at);

CREATE TABLE touches (
    source     TEXT   NOT NULL,
    id         TEXT   NOT NULL,
    lead_id    TEXT   NOT NULL,
    rep        TEXT,
    channel    TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    outcome    TEXT,
    revision   BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX touches_lead ON touches (source, lead_id, at);

CREATE TABLE deals (
    source     TEXT   NOT NULL,
    id         TEXT   NOT NULL,
    lead_id    TEXT,
    amount_e4  BIGINT,
    currency   TEXT,
    status     TEXT   NOT NULL,
    closed_at  BIGINT,
    created_at BIGINT,
    revision   BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX deals_lead ON deals (source, lead_id);

CREATE TABLE reps (
    source             TEXT   NOT NULL,
    id                 TEXT   NOT NULL,
    name               TEXT,
    email              TEXT,
    team               TEXT,
    time_zone          TEXT,
    start_date         TEXT,
    weekly_hours_e4    BIGINT,
    marketing_share_e4 BIGINT,
    revision           BIGINT NOT NULL DEFAULT 1,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (source, id)
);

CREATE TABLE agreements (
    id         {identity},
    name       TEXT   NOT NULL,
    period     TEXT   NOT NULL,
    content    TEXT   NOT NULL,
    stored_at  BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id         {identity},
    name       TEXT   NOT NULL UNIQUE,
    token_hash TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
