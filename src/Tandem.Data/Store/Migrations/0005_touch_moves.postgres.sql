-- A touch corrected onto another lead leaves its old lead's clocks and report facts out of date,
-- and nothing stamped on the old lead says so. This trigger records the old lead, so the monitor's
-- and the reports' catch-up refresh it too (see ChangedLeads).
CREATE TABLE touch_moves (
    source   TEXT   NOT NULL,
    lead_id  TEXT   NOT NULL,
    moved_at BIGINT NOT NULL
);
CREATE INDEX touch_moves_at ON touch_moves (moved_at);
CREATE FUNCTION tandem_touch_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO touch_moves (source, lead_id, moved_at) VALUES (OLD.source, OLD.lead_id, NEW.updated_at);
    RETURN NEW;
END;
$$;
CREATE TRIGGER touches_moved AFTER UPDATE OF lead_id ON touches
FOR EACH ROW WHEN (OLD.lead_id IS DISTINCT FROM NEW.lead_id)
EXECUTE FUNCTION tandem_touch_moved();
