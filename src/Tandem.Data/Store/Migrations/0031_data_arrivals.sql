-- When data last arrived and how many records are stored, per table and source (issue 22): the
-- Data page says it for every kind a store holds, at a million leads, without counting any table
-- per request. UpsertWriter, the one place records are written, adds each call's inserted rows
-- and stamps the arrival in the writing transaction, so the counts commit with the records (no
-- lead table ever deletes a row). last_arrived_at is the last write call that sent the source's
-- records, changed or not; here, for the records stored before, the last change (updated_at).
CREATE TABLE data_arrivals (
    table_name      TEXT   NOT NULL,   -- leads, stage_changes, touches, ... (TableSpec.Name)
    source          TEXT   NOT NULL,
    records         BIGINT NOT NULL,   -- rows of the table from the source
    last_arrived_at BIGINT NOT NULL,   -- Unix ms
    PRIMARY KEY (table_name, source)
);
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'leads', source, COUNT(*), MAX(updated_at) FROM leads GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'stage_changes', source, COUNT(*), MAX(updated_at) FROM stage_changes GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'touches', source, COUNT(*), MAX(updated_at) FROM touches GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'deals', source, COUNT(*), MAX(updated_at) FROM deals GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'reps', source, COUNT(*), MAX(updated_at) FROM reps GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'content_pieces', source, COUNT(*), MAX(updated_at) FROM content_pieces GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'content_uses', source, COUNT(*), MAX(updated_at) FROM content_uses GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'campaigns', source, COUNT(*), MAX(updated_at) FROM campaigns GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'campaign_leads', source, COUNT(*), MAX(updated_at) FROM campaign_leads GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'performance_reports', source, COUNT(*), MAX(updated_at) FROM performance_reports GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'report_feedback', source, COUNT(*), MAX(updated_at) FROM report_feedback GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'product_launches', source, COUNT(*), MAX(updated_at) FROM product_launches GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'trainings', source, COUNT(*), MAX(updated_at) FROM trainings GROUP BY source;
INSERT INTO data_arrivals (table_name, source, records, last_arrived_at) SELECT 'training_attendance', source, COUNT(*), MAX(updated_at) FROM training_attendance GROUP BY source;
