-- The operator's web console. A paused source is never due; a chat's name
-- on its platform is shown beside its id; every chat that follows a topic
-- has a row, so that the console lists chats from one table.
ALTER TABLE sources ADD COLUMN paused BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE chats ADD COLUMN title TEXT NOT NULL DEFAULT '';
INSERT INTO chats (platform, chat_id, thread)
SELECT DISTINCT platform, chat_id, thread FROM subscriptions
ON CONFLICT (platform, chat_id, thread) DO NOTHING;

-- Signed-in operators: only a hash of each session's token is kept.
CREATE TABLE web_sessions (
    token_hash TEXT    PRIMARY KEY,
    created_us BIGINT  NOT NULL,
    expires_us BIGINT  NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_us);

-- The console's counts and pages, each served by an index: the failing
-- and paused sources, the outbox by status in the order it was written,
-- what was sent since a time, and per chat its newest failure. (A chat's
-- waiting deliveries are found through deliveries_chat: they have not
-- been sent, sent_us = 0.)
CREATE INDEX source_state_failing ON source_state (source_id) WHERE failures > 0;
CREATE INDEX sources_paused ON sources (id) WHERE paused;
CREATE INDEX deliveries_status ON deliveries (status, id);
CREATE INDEX deliveries_sent ON deliveries (status, sent_us);
CREATE INDEX deliveries_chat_failed ON deliveries (platform, chat_id, thread, id)
    WHERE status = 'dead' OR (status = 'pending' AND last_error <> '');
