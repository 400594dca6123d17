-- Digests: who gets the daily and the period-end digest, and at what time of day (HH:mm in the
-- active agreement's zone). The digests themselves go through the notifications outbox.
CREATE TABLE digest_settings (
    kind       TEXT   NOT NULL PRIMARY KEY, -- daily or period
    recipients TEXT   NOT NULL,             -- comma-separated e-mail addresses
    send_at    TEXT   NOT NULL,             -- HH:mm
    updated_at BIGINT NOT NULL
);
