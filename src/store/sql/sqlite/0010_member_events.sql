-- Status changes of members with their decisions (issue #7 item 2; src/domain/member_event.h): exemption
-- and its end, reduction, removal, withdrawal, expulsion, death. Append-only: an event is never updated
-- nor deleted; a correction is a new event whose `supersedes` names the one it replaces. `org_id` and
-- `org_path` are the member's branch when the event was recorded, so that "who left the subtree in a year"
-- reads the events alone (index member_events_path).
CREATE TABLE member_events (
  id                INTEGER PRIMARY KEY,
  member_id         INTEGER NOT NULL REFERENCES members(id),
  kind              TEXT NOT NULL,     -- exemption | exemption_end | reduction | removal | withdrawal | expulsion | death
  effective_on      TEXT NOT NULL,     -- YYYY-MM-DD
  until             TEXT,              -- exemption (optional) and reduction: the last day
  decision_number   TEXT NOT NULL,
  decision_date     TEXT NOT NULL,
  decision_body     TEXT NOT NULL,     -- branch | grassroots | upper | province | central
  decision_body_name TEXT NOT NULL DEFAULT '',
  ground            TEXT,              -- removal: its ground
  ground_months     INTEGER NOT NULL DEFAULT 0,
  card_returned     INTEGER NOT NULL DEFAULT 0,
  card_returned_on  TEXT,
  note              TEXT NOT NULL DEFAULT '',
  supersedes        INTEGER REFERENCES member_events(id),
  status_before     TEXT NOT NULL,
  status_after      TEXT NOT NULL,
  org_id            INTEGER NOT NULL REFERENCES orgs(id),
  org_path          TEXT NOT NULL,
  recorded_by       TEXT NOT NULL,
  recorded_at_ms    INTEGER NOT NULL
);
CREATE INDEX member_events_member ON member_events(member_id, id);
CREATE INDEX member_events_path ON member_events(org_path, effective_on);
CREATE UNIQUE INDEX member_events_supersedes ON member_events(supersedes) WHERE supersedes IS NOT NULL;
-- Open periods (exemptions and reductions with an end) for the watchlist.
CREATE INDEX member_events_until ON member_events(kind, until) WHERE until IS NOT NULL;
