-- The next free send slot per key ("send:telegram"), shared by every
-- instance so that together they keep to a platform's rate.
CREATE TABLE rate_slots (
    key     TEXT   PRIMARY KEY,
    next_us BIGINT NOT NULL
);
