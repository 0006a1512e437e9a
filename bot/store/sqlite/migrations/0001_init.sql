-- Sources, their fetch state and the articles seen; subscriptions and the
-- delivery outbox are created here and filled by the bot core.
CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    url              TEXT    NOT NULL UNIQUE,
    title            TEXT    NOT NULL DEFAULT '',
    interval_seconds INTEGER NOT NULL DEFAULT 0,
    backfill         INTEGER NOT NULL DEFAULT 0,
    added_us         INTEGER NOT NULL
);

CREATE TABLE source_state (
    source_id       INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    etag            TEXT    NOT NULL DEFAULT '',
    last_modified   TEXT    NOT NULL DEFAULT '',
    last_poll_us    INTEGER NOT NULL DEFAULT 0,
    last_success_us INTEGER NOT NULL DEFAULT 0,
    status          INTEGER NOT NULL DEFAULT 0,
    failures        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '',
    hint            TEXT    NOT NULL DEFAULT '',
    next_poll_us    INTEGER NOT NULL DEFAULT 0,
    polls           INTEGER NOT NULL DEFAULT 0
);

-- Articles outlive their source (no foreign key) so that a source removed
-- and added again does not post its archive twice.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL,
    guid          TEXT    NOT NULL,
    url           TEXT    NOT NULL DEFAULT '',
    canonical_url TEXT    NOT NULL DEFAULT '',
    fingerprint   TEXT    NOT NULL DEFAULT '',
    title         TEXT    NOT NULL DEFAULT '',
    body          TEXT    NOT NULL DEFAULT '',
    source_name   TEXT    NOT NULL DEFAULT '',
    published_us  INTEGER NOT NULL DEFAULT 0,
    fetched_us    INTEGER NOT NULL,
    muted         INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX articles_source_guid ON articles (source_id, guid);
CREATE INDEX articles_canonical_url ON articles (canonical_url) WHERE canonical_url <> '';
CREATE INDEX articles_fingerprint ON articles (fingerprint) WHERE fingerprint <> '';
CREATE INDEX articles_fetched ON articles (fetched_us);

-- A chat is identified by platform, chat id and thread (a forum topic or
-- a Slack thread; '' for the chat itself).
CREATE TABLE chats (
    platform       TEXT    NOT NULL,
    chat_id        TEXT    NOT NULL,
    thread         TEXT    NOT NULL DEFAULT '',
    schedule       TEXT    NOT NULL DEFAULT '',
    quiet          TEXT    NOT NULL DEFAULT '',
    quiet_day      INTEGER NOT NULL DEFAULT 0,
    backfill       INTEGER NOT NULL DEFAULT 0,
    paused         TEXT    NOT NULL DEFAULT '',
    last_digest_us INTEGER NOT NULL DEFAULT 0,
    next_digest_us INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, chat_id, thread)
);
CREATE INDEX chats_next_digest ON chats (next_digest_us) WHERE schedule <> '' AND paused = '';

CREATE TABLE subscriptions (
    platform   TEXT    NOT NULL,
    chat_id    TEXT    NOT NULL,
    thread     TEXT    NOT NULL DEFAULT '',
    topic      TEXT    NOT NULL,
    created_us INTEGER NOT NULL,
    PRIMARY KEY (platform, chat_id, thread, topic)
);

-- The outbox: every message is written here before it is sent. A row is
-- claimed with a lease; a sender that dies leaves the lease to expire and
-- another claims the row again.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    platform        TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    thread          TEXT    NOT NULL DEFAULT '',
    dedup_key       TEXT    NOT NULL,
    payload         BLOB    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending', -- pending, sent, dead
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_us INTEGER NOT NULL DEFAULT 0,
    lease_until_us  INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_us      INTEGER NOT NULL,
    sent_us         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (platform, chat_id, thread, dedup_key)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_us);
CREATE INDEX deliveries_chat ON deliveries (platform, chat_id, thread, sent_us);
