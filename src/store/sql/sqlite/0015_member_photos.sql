-- The member's photo (issue #4; src/domain/photo.h): at most one per member, replaced by a new upload.
-- The file is kept as uploaded (JPEG or PNG, checked by its header); the small columns come first so
-- that reading them does not touch the bytes.
CREATE TABLE member_photos (
  member_id     INTEGER PRIMARY KEY REFERENCES members(id),
  content_type  TEXT NOT NULL,        -- image/jpeg | image/png
  size_bytes    INTEGER NOT NULL,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  updated_by    TEXT NOT NULL,
  bytes         BLOB NOT NULL
);
