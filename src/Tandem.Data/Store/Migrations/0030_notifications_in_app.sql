-- Notifications in the app (issue 22): every user sees the warnings and breaches of their leads'
-- clocks (a sales rep their own rep id's, everyone else all), newest first, with an unread count in
-- the top bar of every page. Both read only these partial indexes: the alerts in recording order,
-- and a rep's alerts (by lower(rep), as the pages match a rep ignoring case) in that order; so a
-- page of 50 and a count capped at 100 are index range reads, never a scan of every event.
CREATE INDEX sla_events_alerts ON sla_events (id) WHERE state IN ('warning', 'breached');
CREATE INDEX sla_events_rep_alerts ON sla_events (lower(rep), id) WHERE state IN ('warning', 'breached');

-- What a user has read: every alert up to through_id (marking all shown read), and single alerts
-- above it marked one at a time (removed once the mark passes them).
CREATE TABLE notification_read_marks (
    user_name  TEXT   NOT NULL PRIMARY KEY,
    through_id BIGINT NOT NULL,
    marked_at  BIGINT NOT NULL
);
CREATE TABLE notification_reads (
    user_name TEXT   NOT NULL,
    event_id  BIGINT NOT NULL,
    read_at   BIGINT NOT NULL,
    PRIMARY KEY (user_name, event_id)
){without_rowid};
