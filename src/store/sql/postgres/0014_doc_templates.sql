-- Document templates edited by administrators (issue #6 item 6, issue #5 item 7; decision 0011): every
-- saved version is kept, newest last; a reset to the built-in template is a row with is_reset = 1 and an
-- empty body. Without any row the built-in template (templates/<key>.tpl, compiled in) applies.
CREATE TABLE doc_templates (
  id          BIGSERIAL PRIMARY KEY,
  doc_key     TEXT NOT NULL,
  body        TEXT NOT NULL,
  is_reset    INTEGER NOT NULL DEFAULT 0,
  saved_by    TEXT NOT NULL,
  saved_at_ms BIGINT NOT NULL
);
CREATE INDEX doc_templates_key ON doc_templates(doc_key, id);
