-- Accounts of the web app: local users with hashed passwords and a role, the keys that protect
-- sign-in cookies (shared by every instance behind a load balancer), breach actions, and scopes
-- on API tokens.
CREATE TABLE users (
    id              {identity},
    user_name       TEXT   NOT NULL UNIQUE, -- lower-case; what people type to sign in
    display_name    TEXT   NOT NULL,
    role            TEXT   NOT NULL,        -- admin, marketing, sales-manager, sales-rep, viewer
    rep             TEXT,                   -- a sales rep's id in the lead data: whose leads are theirs
    password_hash   TEXT   NOT NULL,        -- ASP.NET Core Identity's PBKDF2 format, never the password
    security_stamp  TEXT   NOT NULL,        -- changes with the password or role: older cookies stop working
    failed_sign_ins BIGINT NOT NULL DEFAULT 0,
    locked_until    BIGINT,                 -- sign-in refused until then (too many failures)
    created_at      BIGINT NOT NULL,
    disabled_at     BIGINT
);

CREATE TABLE data_protection_keys (
    name      TEXT   NOT NULL PRIMARY KEY,
    xml       TEXT   NOT NULL,
    stored_at BIGINT NOT NULL
);

-- What a manager did about a breach: acknowledged, snoozed (until), or excused (with a reason).
-- The latest action of a clock is its standing; all of them are its history.
CREATE TABLE breach_actions (
    id         {identity},
    source     TEXT   NOT NULL,
    lead_id    TEXT   NOT NULL,
    episode    BIGINT NOT NULL,
    commitment TEXT   NOT NULL,
    action     TEXT   NOT NULL,   -- acknowledge, snooze, excuse, reopen
    reason     TEXT,
    until      BIGINT,            -- snooze: hidden from the queue until then
    by_user    TEXT   NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX breach_actions_clock ON breach_actions (source, lead_id, episode, commitment, id);

-- Tokens made before scopes existed keep every scope, so the scripts using them go on working.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'ingest read manage';
