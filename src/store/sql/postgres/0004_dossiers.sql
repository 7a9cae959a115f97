-- Member dossiers (hồ sơ đảng viên, issue #4): every change of the extended record is a new version with
-- the date it takes effect from; "as of D" reads the latest version with valid_from <= D. Versions are
-- never updated nor deleted. `data` is the dossier as JSON (app/json_codec DossierToJson).
CREATE TABLE member_dossiers (
  id          BIGSERIAL PRIMARY KEY,
  member_id   BIGINT NOT NULL REFERENCES members(id),
  valid_from  TEXT NOT NULL,     -- YYYY-MM-DD
  recorded_at BIGINT NOT NULL,   -- unix ms
  recorded_by TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL
);
CREATE INDEX member_dossiers_member ON member_dossiers(member_id, valid_from, id);
