-- Access entries (reads of a dossier by someone else, refused attempts) are written at the rate the
-- dossiers are read. They are appended to the table only, and indexed later in bulk, in key order, into
-- audit_access_index (docs/decisions/0006-access-log.md).
ALTER TABLE audit_log ADD COLUMN access SMALLINT NOT NULL DEFAULT 0;
DROP INDEX audit_entity;
DROP INDEX audit_org;
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id) WHERE access = 0;
CREATE INDEX audit_org ON audit_log(org_path, id) WHERE access = 0;
CREATE TABLE audit_access_index (
  entity    TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  id        BIGINT NOT NULL,
  PRIMARY KEY (entity, entity_id, id)
);
-- access entries with an id above this are not in audit_access_index yet
CREATE TABLE audit_access_indexed (upto BIGINT NOT NULL);
INSERT INTO audit_access_indexed(upto) VALUES (0);
