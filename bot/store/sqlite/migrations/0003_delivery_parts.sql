-- A message of several parts is sent part by part: the outbox records how
-- many went out, and what the next one needs (the Slack thread of a
-- digest), so that a retry sends only the rest. Rows written before have
-- sent none.
ALTER TABLE deliveries ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN part_state TEXT NOT NULL DEFAULT '';
