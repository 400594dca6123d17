-- A lead merged into one lead and later into another (or restored from a merge) takes its records
-- away from the first; nothing stamped on the first says so. Like a corrected touch (0005), the
-- lead left is recorded in touch_moves, so the monitor's and the reports' catch-up refresh it.
CREATE FUNCTION tandem_merge_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO touch_moves (source, lead_id, moved_at) VALUES (OLD.source, OLD.merged_into, NEW.updated_at);
    RETURN NEW;
END;
$$;
CREATE TRIGGER leads_merge_moved AFTER UPDATE OF merged_into ON leads
FOR EACH ROW WHEN (OLD.merged_into IS NOT NULL AND OLD.merged_into IS DISTINCT FROM NEW.merged_into)
EXECUTE FUNCTION tandem_merge_moved();
