-- Lead search (issue 21): a lead is found by a prefix of its id, name, e-mail or company, ignoring
-- case, as an index range on the lower-cased value (lower(x) >= lower(q) AND lower(x) < lower(q)
-- followed by the highest code point), never a scan of the leads. SQLite compares text byte by byte
-- (UTF-8), so a range of an expression index is exactly the values that start with the prefix; its
-- lower() folds ASCII letters only, and the query folds the typed text with the same function.
CREATE INDEX leads_search_id ON leads (lower(id));
CREATE INDEX leads_search_name ON leads (lower(name));
CREATE INDEX leads_search_email ON leads (lower(email));
CREATE INDEX leads_search_company ON leads (lower(company));
