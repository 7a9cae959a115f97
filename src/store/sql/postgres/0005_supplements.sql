-- The yearly dossier supplement (phiếu bổ sung hồ sơ, issue #4): a campaign per organization and year over
-- its subtree, and one entry per member once the branch has recorded the changes or "no change".
-- Members without an entry are pending; the members counted are those in the subtree now.
CREATE TABLE supplement_campaigns (
  id        BIGSERIAL PRIMARY KEY,
  org_id    BIGINT NOT NULL REFERENCES orgs(id),
  year      INTEGER NOT NULL,
  opened_on TEXT NOT NULL,  -- YYYY-MM-DD
  due       TEXT,
  opened_by TEXT NOT NULL,
  closed    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (org_id, year)
);
CREATE TABLE supplement_entries (
  campaign_id BIGINT NOT NULL REFERENCES supplement_campaigns(id),
  member_id   BIGINT NOT NULL REFERENCES members(id),
  state       TEXT NOT NULL,  -- changed | no_change
  at_ms       BIGINT NOT NULL,
  by_login    TEXT NOT NULL,
  PRIMARY KEY (campaign_id, member_id)
);
