-- Every source has a state row from the moment it is added, so that the
-- sources due for a poll are found through an index on the next poll
-- instead of a scan of every source.
INSERT INTO source_state (source_id)
SELECT id FROM sources s WHERE NOT EXISTS (SELECT 1 FROM source_state st WHERE st.source_id = s.id);
CREATE INDEX source_state_next_poll ON source_state (next_poll_us, source_id);
