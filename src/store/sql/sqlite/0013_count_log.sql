-- The count ledger (issue #7: counts "as of" a date at 5.5 M members; docs/decisions/0010): for the
-- organizations with count_log = 1 (the root and the provinces), the changes of their subtree's member
-- counts by day and status. A count as of a day is the sum of the rows up to it.
ALTER TABLE orgs ADD COLUMN count_log INTEGER NOT NULL DEFAULT 0;
CREATE TABLE org_count_log (
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  day    TEXT NOT NULL,                -- YYYY-MM-DD; '1800-01-01': since always
  status TEXT NOT NULL,
  n      INTEGER NOT NULL,             -- members entering (+) or leaving (-) the status in the subtree that day
  women  INTEGER NOT NULL,             -- of them, women
  PRIMARY KEY (org_id, day, status)
) WITHOUT ROWID;
