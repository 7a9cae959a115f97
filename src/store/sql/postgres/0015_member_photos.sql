-- The member's photo (issue #4; src/domain/photo.h): at most one per member, replaced by a new upload.
-- The file is kept as uploaded (JPEG or PNG, checked by its header); the small columns come first so
-- that reading them does not touch the bytes.
CREATE TABLE member_photos (
  member_id     BIGINT PRIMARY KEY REFERENCES members(id),
  content_type  TEXT NOT NULL,        -- image/jpeg | image/png
  size_bytes    BIGINT NOT NULL,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  updated_by    TEXT NOT NULL,
  bytes         BYTEA NOT NULL
);
