-- Cairn metadata schema, version 4: event notification rules and the outbox of events awaiting delivery.

-- A bucket's rules as one JSON array (they are read and replaced as a whole); they go away with the bucket.
CREATE TABLE notification_rules (
    bucket_id TEXT NOT NULL PRIMARY KEY REFERENCES buckets (bucket_id) ON DELETE CASCADE,
    rules     TEXT NOT NULL
) WITHOUT ROWID;

-- Events queued for a rule's webhook, until delivered or dropped. seq keeps the order they were queued in.
CREATE TABLE notification_events (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id          TEXT    NOT NULL UNIQUE,
    account_id        TEXT    NOT NULL,
    bucket_id         TEXT    NOT NULL,
    bucket_name       TEXT    NOT NULL,
    rule_name         TEXT    NOT NULL,
    event_type        TEXT    NOT NULL,
    event_timestamp   INTEGER NOT NULL, -- milliseconds since the Unix epoch
    object_name       TEXT    NOT NULL,
    object_size       INTEGER,
    object_version_id TEXT    NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   INTEGER NOT NULL  -- milliseconds since the Unix epoch
);

CREATE INDEX notification_events_due ON notification_events (next_attempt_at, seq);
CREATE INDEX notification_events_by_rule ON notification_events (bucket_id, rule_name);
