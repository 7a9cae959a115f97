-- Restructuring of the organization tree (issue #7 item 4; docs/decisions/0010-restructuring.md):
-- the decisions, and dated structural versions of every organization for the tree "as of" a date.
CREATE TABLE org_events (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,              -- rename, move, merge, split, dissolve
  effective       TEXT NOT NULL,
  decision_number TEXT NOT NULL,
  decision_date   TEXT NOT NULL,
  decision_body   TEXT NOT NULL,
  subject_id      INTEGER NOT NULL REFERENCES orgs(id),
  note            TEXT NOT NULL DEFAULT '',
  plan_json       TEXT NOT NULL,              -- the steps and the hand-over record with its counts
  recorded_by     TEXT NOT NULL,
  recorded_at_ms  INTEGER NOT NULL
);
CREATE INDEX org_events_subject ON org_events(subject_id, id);

-- One row per period in which an organization had the same parent, kind, code and name.
CREATE TABLE org_versions (
  org_id     INTEGER NOT NULL REFERENCES orgs(id),
  valid_from TEXT NOT NULL,                   -- inclusive
  valid_to   TEXT,                            -- exclusive; NULL while current
  parent_id  INTEGER REFERENCES orgs(id),
  kind       TEXT NOT NULL,
  code       TEXT NOT NULL,
  name       TEXT NOT NULL,
  event_id   INTEGER REFERENCES org_events(id),
  PRIMARY KEY (org_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX org_versions_parent ON org_versions(parent_id, valid_from);
INSERT INTO org_versions(org_id, valid_from, valid_to, parent_id, kind, code, name)
  SELECT id, COALESCE(founded_on, '1800-01-01'), dissolved_on, parent_id, kind, code, name FROM orgs;

-- Members admitted after a date (a rating's pending count leaves out members admitted after its rating
-- date): few rows, found by this index whatever the subtree.
CREATE INDEX members_admission ON members(admission_date);

-- The transfers of a member (the watchlist leaves out dossier changes followed by a transfer).
CREATE INDEX transfer_cases_member ON transfer_cases(member_id);
