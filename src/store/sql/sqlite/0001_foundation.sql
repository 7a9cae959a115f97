-- Foundation schema (SQLite). Forward-only: never edit a released migration, add a new one.
CREATE TABLE orgs (
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES orgs(id),
  kind         TEXT NOT NULL,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  founded_on   TEXT,
  dissolved_on TEXT,
  path         TEXT NOT NULL UNIQUE,   -- "/1/7/42/": the subtree is the range [path, path + 1)
  depth        INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX orgs_parent ON orgs(parent_id);

CREATE TABLE members (
  id             INTEGER PRIMARY KEY,
  org_id         INTEGER NOT NULL REFERENCES orgs(id),
  full_name      TEXT NOT NULL,
  name_fold      TEXT NOT NULL,          -- lower case, no diacritics, đ -> d
  sort_key       BLOB NOT NULL,          -- ICU Vietnamese key of "given middle family"
  sort_rank      INTEGER NOT NULL,       -- integer with the order of (sort_key, id); FTS rowid
  gender         TEXT NOT NULL,
  birth_date     TEXT NOT NULL,
  ethnicity      TEXT NOT NULL DEFAULT '',
  religion       TEXT NOT NULL DEFAULT '',
  hometown       TEXT NOT NULL DEFAULT '',
  residence      TEXT NOT NULL DEFAULT '',
  national_id    TEXT,
  admission_date TEXT,
  ceremony_date  TEXT,
  official_date  TEXT,
  card_number    TEXT,
  cv_number      TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL,
  left_on        TEXT,
  a0             INTEGER NOT NULL,       -- ancestors by depth (0..3) of the member's branch
  a1             INTEGER,
  a2             INTEGER,
  a3             INTEGER,
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX members_rank ON members(sort_rank);
CREATE UNIQUE INDEX members_national_id ON members(national_id) WHERE national_id IS NOT NULL;
CREATE UNIQUE INDEX members_card_number ON members(card_number) WHERE card_number IS NOT NULL;
CREATE INDEX members_org ON members(org_id, sort_rank);
-- No index on a0: the roots are few (one, usually), so members_rank serves their subtrees.
CREATE INDEX members_a1 ON members(a1, sort_rank);
CREATE INDEX members_a2 ON members(a2, sort_rank);
CREATE INDEX members_a3 ON members(a3, sort_rank);

-- Search without diacritics: the folded name, indexed with rowid = sort_rank so that matches stream
-- in Vietnamese order (docs/decisions/0004-search.md).
CREATE VIRTUAL TABLE member_fts USING fts5(
  name_fold, content='', detail='none', columnsize=0, prefix='1 2 3 4 5 6',
  tokenize='unicode61 remove_diacritics 2');

-- Maintained aggregates: members of the whole subtree of org_id, by status and gender.
CREATE TABLE org_counts (
  org_id  INTEGER NOT NULL REFERENCES orgs(id),
  status  TEXT NOT NULL,
  gender  TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (org_id, status, gender)
) WITHOUT ROWID;

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL,
  org_id        INTEGER REFERENCES orgs(id),
  member_id     INTEGER REFERENCES members(id),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  login TEXT NOT NULL,
  ip    TEXT NOT NULL,
  at    INTEGER NOT NULL
);
CREATE INDEX login_failures_login ON login_failures(login, at);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at_ms       INTEGER NOT NULL,
  user_id     INTEGER,
  login       TEXT NOT NULL DEFAULT '',
  ip          TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER NOT NULL DEFAULT 0,
  org_path    TEXT NOT NULL DEFAULT '',
  before_json TEXT,
  after_json  TEXT,
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_org ON audit_log(org_path, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
