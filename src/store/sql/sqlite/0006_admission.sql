-- Admission (kết nạp đảng viên, issue #5). A case is the candidate file of one person followed by a branch
-- (source, awareness-course certificate, application, CV, introducers, background verifications, comments)
-- and the steps of the state machine (src/domain/admission.h) recorded on it, each with its date, document
-- number, votes, the rules applied (key, value, source as on its date), who recorded it and when.
CREATE TABLE admission_cases (
  id                  INTEGER PRIMARY KEY,
  branch_id           INTEGER NOT NULL REFERENCES orgs(id),
  full_name           TEXT NOT NULL,
  gender              TEXT NOT NULL,
  birth_date          TEXT,
  ethnicity           TEXT NOT NULL DEFAULT '',
  religion            TEXT NOT NULL DEFAULT '',
  youth_union         INTEGER NOT NULL DEFAULT 0,  -- đoàn viên
  private_enterprise  INTEGER NOT NULL DEFAULT 0,  -- works in a private enterprise
  source              TEXT NOT NULL,               -- youth_union | trade_union | other
  general_education   TEXT NOT NULL DEFAULT '',
  education_consent   INTEGER NOT NULL DEFAULT 0,
  over_age_consent    INTEGER NOT NULL DEFAULT 0,
  certificate_date    TEXT,                        -- awareness course (nhận thức về Đảng)
  application_date    TEXT,
  cv_date             TEXT,
  introducers_json    TEXT NOT NULL DEFAULT '[]',
  verifications_json  TEXT NOT NULL DEFAULT '[]',  -- [{place, sent, answered, conclusion}]
  comments_json       TEXT NOT NULL DEFAULT '[]',  -- [{by, date, text}]
  sub_committee       INTEGER NOT NULL DEFAULT 0,  -- the case passes a đảng ủy bộ phận
  grassroots_committee INTEGER NOT NULL DEFAULT 1, -- the case passes a đảng ủy cơ sở
  stage               TEXT NOT NULL,
  stopped_at          TEXT,
  decision_date       TEXT,
  official_date       TEXT,
  next_deadline       TEXT,                        -- of the next step on the main path, for the inboxes
  member_id           INTEGER REFERENCES members(id),  -- the member created by the admission decision
  created_by          TEXT NOT NULL,
  created_at_ms       INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX admission_cases_branch ON admission_cases(branch_id, stage);
CREATE INDEX admission_cases_decision ON admission_cases(decision_date);
CREATE TABLE admission_steps (
  case_id          INTEGER NOT NULL REFERENCES admission_cases(id),
  seq              INTEGER NOT NULL,
  kind             TEXT NOT NULL,
  date             TEXT NOT NULL,
  document_number  TEXT NOT NULL DEFAULT '',
  votes_yes        INTEGER,
  votes_no         INTEGER,
  votes_entitled   INTEGER,
  reason           TEXT NOT NULL DEFAULT '',
  extension_days   INTEGER NOT NULL DEFAULT 0,
  received_on      TEXT,
  consent_document TEXT NOT NULL DEFAULT '',
  deadline         TEXT,
  late             INTEGER NOT NULL DEFAULT 0,
  rules_applied    TEXT NOT NULL DEFAULT '',  -- one "key<TAB>value<TAB>source" line per rule
  warnings         TEXT NOT NULL DEFAULT '',  -- one warning per line
  recorded_by      TEXT NOT NULL,
  recorded_at_ms   INTEGER NOT NULL,
  PRIMARY KEY (case_id, seq)
);
-- The competent committee (cấp ủy có thẩm quyền) deciding admissions for the subtree of an organization
-- (rules.md §1.5, §10): set as data; without a setting, the nearest commune/ward, bloc or provincial
-- committee above the branch.
CREATE TABLE admission_competence (
  org_id       INTEGER PRIMARY KEY REFERENCES orgs(id),
  committee_id INTEGER NOT NULL REFERENCES orgs(id)
);
CREATE TABLE admission_quotas (
  org_id     INTEGER NOT NULL REFERENCES orgs(id),
  period     TEXT NOT NULL,  -- year | term
  first_year INTEGER NOT NULL,
  last_year  INTEGER NOT NULL,
  target     INTEGER NOT NULL,
  set_by     TEXT NOT NULL,
  set_at_ms  INTEGER NOT NULL,
  PRIMARY KEY (org_id, period, first_year)
);
-- The working-day calendar (src/domain/workcal.h) as editable data, seeded from rules/holidays.csv.
CREATE TABLE work_calendar_years (
  year   INTEGER PRIMARY KEY,
  status TEXT NOT NULL,  -- official | provisional
  source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE work_calendar_days (
  day     TEXT PRIMARY KEY,  -- YYYY-MM-DD
  year    INTEGER NOT NULL REFERENCES work_calendar_years(year),
  working INTEGER NOT NULL,  -- 1: a weekend day worked; 0: a day off
  name    TEXT NOT NULL DEFAULT ''
);
