-- Lead search (issue 21): a lead is found by a prefix of its id, name, e-mail or company, ignoring
-- case, as an index range on the lower-cased value (lower(x) >= lower(q) AND lower(x) < lower(q)
-- followed by the highest code point), never a scan of the leads. The indexes and the query compare
-- under the "C" collation (code point order), so the range is exactly the values that start with
-- the prefix whatever the database's own collation; lower() folds as the database's locale does,
-- and the query folds the typed text with the same function.
CREATE INDEX leads_search_id ON leads ((lower(id)) COLLATE "C");
CREATE INDEX leads_search_name ON leads ((lower(name)) COLLATE "C");
CREATE INDEX leads_search_email ON leads ((lower(email)) COLLATE "C");
CREATE INDEX leads_search_company ON leads ((lower(company)) COLLATE "C");
