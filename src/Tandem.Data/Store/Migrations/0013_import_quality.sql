-- The data-quality report of each import (ImportQuality as JSON: the fields the reports need that
-- its rows lack, the values it could not read, and the findings in words). Null for imports logged
-- before it existed and for files refused whole.
ALTER TABLE imports ADD COLUMN quality TEXT;
