-- A source added from a chat or the console is fetched through the guard
-- on every poll, its own host included; those added before are taken as
-- the operator's, trusted as they were.
ALTER TABLE sources ADD COLUMN guarded BOOLEAN NOT NULL DEFAULT FALSE;
