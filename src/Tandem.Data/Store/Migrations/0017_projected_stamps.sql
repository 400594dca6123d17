-- Writers project what they write in the same transaction (the import batch by batch, the API's
-- ingest, the lead operations) and note the stamp they gave their records here, so the projector's
-- catch-up does not project those records again; it prunes stamps older than its window.
CREATE TABLE projected_stamps (
    stamp BIGINT PRIMARY KEY
);
