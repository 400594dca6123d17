-- The lead page (issue 21) lists the notifications sent about a lead: its clocks' events
-- (sla_events, found by their (source, lead_id, ...) key) and the deliveries of each, found here
-- by event rather than by a scan of the whole outbox.
CREATE INDEX notifications_event ON notifications (event_id);
