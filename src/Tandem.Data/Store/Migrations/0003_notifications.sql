-- Notifications: where SLA events go (channels), and the outbox of deliveries. An event and its
-- deliveries are written in one transaction, so none is lost; a dispatcher claims pending
-- deliveries (a lease, and FOR UPDATE SKIP LOCKED on PostgreSQL) so that with several instances
-- each delivery is claimed by exactly one. Delivery is at least once; idempotency_key lets the
-- receiver drop a repeat after a crash between sending and recording.
CREATE TABLE notification_channels (
    name        TEXT   NOT NULL PRIMARY KEY,
    kind        TEXT   NOT NULL,            -- webhook, slack or email
    target      TEXT   NOT NULL,            -- a URL, 'rep' (the lead's rep) or e-mail addresses
    secret      TEXT,                       -- HMAC key for webhooks
    states      TEXT   NOT NULL,            -- comma-separated: warning,breached,...
    commitments TEXT   NOT NULL,            -- comma-separated: speed,depth
    created_at  BIGINT NOT NULL
);

CREATE TABLE notifications (
    id              {identity},
    event_id        BIGINT NOT NULL,
    channel         TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    target          TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    payload         TEXT   NOT NULL,
    idempotency_key TEXT   NOT NULL UNIQUE,
    status          TEXT   NOT NULL,        -- pending, sent, failed
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_by      TEXT,
    claimed_until   BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);

-- Small named values the background services keep, such as the last refresh's watermark.
CREATE TABLE service_state (
    name  TEXT   NOT NULL PRIMARY KEY,
    value BIGINT NOT NULL
);
