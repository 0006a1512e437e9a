-- Each source counts the articles stored from it, kept up by the batch
-- that stores them, so that the console's page of sources reads a column
-- instead of counting the articles of each source.
ALTER TABLE sources ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET articles = (SELECT count(*) FROM articles a WHERE a.source_id = sources.id);
