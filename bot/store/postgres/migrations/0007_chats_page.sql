-- The console pages through the chats in the order of their key, compared
-- byte by byte: sorting ten thousand chats by the database's locale to
-- reach a late page took ten times as long as walking this index.
CREATE INDEX chats_page ON chats (platform COLLATE "C", chat_id COLLATE "C", thread COLLATE "C");
