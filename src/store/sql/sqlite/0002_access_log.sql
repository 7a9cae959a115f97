-- Access entries (reads of a dossier by someone else, refused attempts) are written at the rate the
-- dossiers are read. Indexing each one by (entity, entity_id) and by org_path made every batch write
-- random index pages (docs/benchmarks.md, "the read-audit tail"). They are now appended to the table
-- only, and indexed later in bulk, in key order, into audit_access_index (docs/decisions/0006-access-log.md).
ALTER TABLE audit_log ADD COLUMN access INTEGER NOT NULL DEFAULT 0;
DROP INDEX audit_entity;
DROP INDEX audit_org;
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id) WHERE access = 0;
CREATE INDEX audit_org ON audit_log(org_path, id) WHERE access = 0;
CREATE TABLE audit_access_index (
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  id        INTEGER NOT NULL,
  PRIMARY KEY (entity, entity_id, id)
) WITHOUT ROWID;
-- access entries with an id above this are not in audit_access_index yet
CREATE TABLE audit_access_indexed (upto INTEGER NOT NULL);
INSERT INTO audit_access_indexed(upto) VALUES (0);
