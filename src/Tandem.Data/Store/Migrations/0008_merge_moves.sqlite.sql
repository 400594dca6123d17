-- A lead merged into one lead and later into another (or restored from a merge) takes its records
-- away from the first; nothing stamped on the first says so. Like a corrected touch (0005), the
-- lead left is recorded in touch_moves, so the monitor's and the reports' catch-up refresh it.
CREATE TRIGGER leads_merge_moved AFTER UPDATE OF merged_into ON leads
WHEN old.merged_into IS NOT NULL AND (new.merged_into IS NULL OR old.merged_into <> new.merged_into)
BEGIN
    INSERT INTO touch_moves (source, lead_id, moved_at) VALUES (old.source, old.merged_into, new.updated_at);
END;
