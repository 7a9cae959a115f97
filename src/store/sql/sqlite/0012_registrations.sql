-- Member registrations over time (issue #7: member counts "as of" a date; docs/decisions/0010):
-- `members.org_id` is today's branch and `members.registered_on` the day the member was registered in it
-- (NULL: since the admission, or since the register knows them). Each earlier branch is a row here,
-- written when a transfer or a restructuring moves the member: [valid_from, valid_to).
ALTER TABLE members ADD COLUMN registered_on TEXT;
CREATE TABLE member_registrations (
  id         INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL REFERENCES members(id),
  org_id     INTEGER NOT NULL REFERENCES orgs(id),
  valid_from TEXT,                             -- inclusive; NULL: since the admission
  valid_to   TEXT NOT NULL                     -- exclusive: the day of the move
);
CREATE INDEX member_registrations_org ON member_registrations(org_id, valid_to);
CREATE INDEX member_registrations_member ON member_registrations(member_id);
