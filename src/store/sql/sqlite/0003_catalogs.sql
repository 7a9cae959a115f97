-- Catalogs (danh mục, issue #4): coded lists. Built-in entries are inserted at start from catalogs/*.csv
-- (those missing only); administrators add entries and retire them (docs/glossary.md "catalog").
CREATE TABLE catalog_entries (
  catalog   TEXT NOT NULL,
  code      TEXT NOT NULL,
  name      TEXT NOT NULL,
  aliases   TEXT NOT NULL DEFAULT '',  -- other accepted spellings, separated by |
  successor TEXT NOT NULL DEFAULT '',
  sort      INTEGER NOT NULL DEFAULT 0,
  builtin   INTEGER NOT NULL DEFAULT 0,
  retired   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (catalog, code)
);
