-- The Deliverables page lists the period's latest 200 uses of content, newest first: through this
-- index a range read that stops at 200, instead of every use stored, sorted (a year of uses is
-- 270,000 rows at a million leads).
CREATE INDEX content_uses_used ON content_uses (used_at, source, id);
