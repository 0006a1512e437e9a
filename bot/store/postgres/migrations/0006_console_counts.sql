-- Each source counts the articles stored from it, kept up by the batch
-- that stores them, so that the console's page of sources reads a column
-- instead of counting the articles of each source.
ALTER TABLE sources ADD COLUMN articles BIGINT NOT NULL DEFAULT 0;
UPDATE sources SET articles = (SELECT count(*) FROM articles a WHERE a.source_id = sources.id);
-- A chat's id, title and platform as the console's search reads them,
-- folded to lower case once when the row is written instead of at each
-- search for every chat. (SQLite's LIKE folds ASCII case itself.)
ALTER TABLE chats ADD COLUMN search TEXT
    GENERATED ALWAYS AS (lower(chat_id || E'\x1f' || title || E'\x1f' || platform)) STORED;
