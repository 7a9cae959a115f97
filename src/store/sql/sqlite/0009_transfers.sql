-- Transfers of party registration (chuyển sinh hoạt đảng, issue #7; src/domain/transfer.h). One case per
-- transfer, seen by the sending and the receiving side: the member, the kind (official or temporary, with
-- its reason and end date), the sending branch, the receiving branch of our tree or an external
-- destination (another province outside the system, the army, the police, abroad), the triggering
-- decision, the state, the introduction letter and the steps with their deadlines and lateness.
CREATE TABLE transfer_cases (
  id                  INTEGER PRIMARY KEY,
  member_id           INTEGER NOT NULL REFERENCES members(id),
  kind                TEXT NOT NULL,                 -- official | temporary
  temporary_reason    TEXT NOT NULL DEFAULT '',      -- work_or_residence | study (temporary only)
  temporary_until     TEXT,
  from_branch_id      INTEGER NOT NULL REFERENCES orgs(id),
  to_branch_id        INTEGER REFERENCES orgs(id),   -- NULL: an external destination
  external_kind       TEXT NOT NULL DEFAULT '',      -- other_province | army | police | abroad
  external_name       TEXT NOT NULL DEFAULT '',      -- the destination as written on the letter
  decision_number     TEXT NOT NULL,
  decision_date       TEXT NOT NULL,
  decision_body       TEXT NOT NULL,                 -- who decided (the agency or the authority)
  decision_effective  TEXT NOT NULL,
  requested_on        TEXT NOT NULL,
  state               TEXT NOT NULL,
  is_open             INTEGER NOT NULL DEFAULT 1,    -- 0 once closed (official registered, returned, cancelled)
  letter_number       TEXT,
  letter_issued_by    TEXT,
  letter_fees_paid_to TEXT,                          -- YYYY-MM
  letter_issuer_id    INTEGER REFERENCES orgs(id),   -- the committee whose transfer book holds the letter
  letter_year         INTEGER,
  letter_seq          INTEGER,
  next_step           TEXT,
  next_deadline       TEXT,
  created_by          TEXT NOT NULL,
  created_at_ms       INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);
-- Both sides' boards: the branches of a subtree (orgs.path range), then their cases' ids from these indexes
-- alone (the open ones; the overdue ones by the next step's stored deadline).
CREATE INDEX transfer_cases_from ON transfer_cases(from_branch_id, is_open, next_deadline);
CREATE INDEX transfer_cases_to ON transfer_cases(to_branch_id, is_open, next_deadline);
-- At most one open case per member: two staff opening or receiving the same member at once conflict.
CREATE UNIQUE INDEX transfer_cases_open_member ON transfer_cases(member_id) WHERE is_open = 1;
CREATE UNIQUE INDEX transfer_cases_letter ON transfer_cases(letter_issuer_id, letter_year, letter_seq)
  WHERE letter_seq IS NOT NULL;
CREATE TABLE transfer_steps (
  case_id           INTEGER NOT NULL REFERENCES transfer_cases(id),
  seq               INTEGER NOT NULL,
  kind              TEXT NOT NULL,
  date              TEXT NOT NULL,
  recorded_by       TEXT NOT NULL,
  reason            TEXT NOT NULL DEFAULT '',
  dossier_complete  INTEGER NOT NULL DEFAULT 0,
  deadline          TEXT,
  late_days         INTEGER NOT NULL DEFAULT 0,      -- working days after the deadline
  rule_key          TEXT NOT NULL DEFAULT '',
  recorded_at_ms    INTEGER NOT NULL,
  PRIMARY KEY (case_id, seq)
);
-- The transfer book (sổ giới thiệu sinh hoạt đảng, Mẫu 10-SHĐ): the last letter number per issuing
-- committee and year.
CREATE TABLE transfer_books (
  issuer_id INTEGER NOT NULL REFERENCES orgs(id),
  year      INTEGER NOT NULL,
  last_seq  INTEGER NOT NULL,
  PRIMARY KEY (issuer_id, year)
);
-- Members under inspection, discipline review or complaint handling (rules.md §3: not transferred while
-- it lasts), recorded by staff; cleared_on set when it ends.
CREATE TABLE member_reviews (
  member_id   INTEGER PRIMARY KEY REFERENCES members(id),
  since       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
