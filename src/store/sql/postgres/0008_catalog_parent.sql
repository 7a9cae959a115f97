-- Entries that belong to an entry of another catalog (issue #4): a commune-level unit to its province.
ALTER TABLE catalog_entries ADD COLUMN parent TEXT NOT NULL DEFAULT '';
