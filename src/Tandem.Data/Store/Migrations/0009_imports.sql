-- Every import, from the command line or the browser, with its counts and the problems of the
-- rows it rejected (the first 1,000, as the summary keeps them), so the Data page can show what
-- came in, what did not and why. A file refused whole is kept too, with the reason.
CREATE TABLE imports (
    id          {identity},
    kind        TEXT   NOT NULL,   -- leads, stages, touches, deals, reps
    file_name   TEXT   NOT NULL,   -- as given: a path on the command line, the uploaded file's name
    layout      TEXT   NOT NULL,   -- generic, hubspot, salesforce
    source      TEXT   NOT NULL,
    via         TEXT   NOT NULL,   -- cli or web
    by_user     TEXT,              -- web: who uploaded it
    dry_run     BIGINT NOT NULL,   -- 1 when everything was rolled back
    started_at  BIGINT NOT NULL,
    elapsed_ms  BIGINT NOT NULL,
    rows_read   BIGINT NOT NULL,
    inserted    BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    rejected    BIGINT NOT NULL,
    refused     TEXT               -- why the whole file was refused (nothing written), else null
);
CREATE INDEX imports_started ON imports (started_at);

CREATE TABLE import_problems (
    import_id   BIGINT NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line        BIGINT NOT NULL,   -- the file's physical line; the header is line 1
    column_name TEXT   NOT NULL,
    reason      TEXT   NOT NULL
);
CREATE INDEX import_problems_import ON import_problems (import_id, line);
