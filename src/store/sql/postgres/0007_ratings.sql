-- Annual (or quarterly) review and rating (issue #6, rules §6): a campaign opened by a committee for its
-- subtree, one rating row per member and period (self-assessment, branch proposal, committee decision,
-- downgrade by a higher committee, or not rated with the reason), one per organization and period, and
-- the outcome counts of every organization over its subtree (rating_tallies) maintained with every write,
-- so that the statistics of a subtree read a few rows instead of every member's rating.
CREATE TABLE rating_campaigns (
  id             BIGSERIAL PRIMARY KEY,
  org_id         BIGINT NOT NULL REFERENCES orgs(id),
  year           INTEGER NOT NULL,
  quarter        INTEGER NOT NULL DEFAULT 0,  -- 0 = the whole year
  rating_date    TEXT NOT NULL,               -- membership counted and rules applied on this date
  self_due       TEXT,                        -- timeline: self-assessment, branch review, committee, decision
  branch_due     TEXT,
  committee_due  TEXT,
  decision_due   TEXT,
  state          TEXT NOT NULL,               -- open | closed
  opened_on      TEXT NOT NULL,
  opened_by      TEXT NOT NULL,
  closed_on      TEXT,
  closed_by      TEXT,
  rule_version   TEXT NOT NULL,
  UNIQUE (org_id, year, quarter)
);
CREATE TABLE member_ratings (
  year             INTEGER NOT NULL,
  quarter          INTEGER NOT NULL,
  member_id        BIGINT NOT NULL REFERENCES members(id),
  campaign_id      BIGINT NOT NULL REFERENCES rating_campaigns(id),
  org_id           BIGINT NOT NULL REFERENCES orgs(id),  -- the member's branch when first recorded
  role             TEXT NOT NULL DEFAULT 'member',
  duty_group       TEXT NOT NULL DEFAULT '',
  assessment       TEXT,                                   -- JSON: per-criterion scores and the facts
  self_total       INTEGER,
  derived_level    TEXT,
  self_by          TEXT,
  self_at_ms       BIGINT,
  proposed_level   TEXT,
  proposal_note    TEXT,
  proposed_by      TEXT,
  proposed_at_ms   BIGINT,
  level            TEXT,                                   -- decided (after any downgrade)
  override_reason  TEXT,
  decided_by       TEXT,
  decided_at_ms    BIGINT,
  downgraded_from  TEXT,
  downgrade_reason TEXT,
  downgraded_by    TEXT,
  downgraded_at_ms BIGINT,
  not_rated        TEXT,                                   -- reason when counted but not rated
  not_rated_detail TEXT,
  rule_version     TEXT NOT NULL,
  PRIMARY KEY (year, quarter, member_id)
);
CREATE INDEX member_ratings_campaign ON member_ratings(campaign_id, org_id);
CREATE TABLE org_ratings (
  year             INTEGER NOT NULL,
  quarter          INTEGER NOT NULL,
  org_id           BIGINT NOT NULL REFERENCES orgs(id),
  campaign_id      BIGINT NOT NULL REFERENCES rating_campaigns(id),
  assessment       TEXT,
  self_total       INTEGER,
  derived_level    TEXT,
  level            TEXT,
  label            TEXT,                                   -- e.g. "trong sạch, vững mạnh" when configured
  override_reason  TEXT,
  decided_by       TEXT,
  decided_at_ms    BIGINT,
  downgraded_from  TEXT,
  downgrade_reason TEXT,
  downgraded_by    TEXT,
  downgraded_at_ms BIGINT,
  not_rated        TEXT,
  not_rated_detail TEXT,
  rule_version     TEXT NOT NULL,
  PRIMARY KEY (year, quarter, org_id)
);
CREATE INDEX org_ratings_campaign ON org_ratings(campaign_id);
-- Outcome counts of each organization over its whole subtree: the rated members of its branches (subject
-- 'member'), the rated organizations in it, itself included (subject 'org'); a write updates the row of
-- the branch (or organization) and of every organization above it. outcome = 'level:<level>' |
-- 'not_rated:<reason>'; from_level = '' or the level before a downgrade.
CREATE TABLE rating_tallies (
  year       INTEGER NOT NULL,
  quarter    INTEGER NOT NULL,
  subject    TEXT NOT NULL,
  org_id     BIGINT NOT NULL REFERENCES orgs(id),
  role       TEXT NOT NULL,
  outcome    TEXT NOT NULL,
  from_level TEXT NOT NULL,
  n          BIGINT NOT NULL,
  PRIMARY KEY (year, quarter, subject, org_id, role, outcome, from_level)
);
