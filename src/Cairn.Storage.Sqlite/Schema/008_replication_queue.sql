-- Cairn metadata schema, version 8: the Cloud Replication outbox.
-- One row per source version waiting to be copied to its rules' destinations: queued in the transaction that makes a
-- pending upload visible (or marks existing files for a backfill), removed when its status becomes completed or failed.
-- seq keeps the order versions were queued in.
CREATE TABLE replication_queue (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    file_id         TEXT    NOT NULL UNIQUE,
    bucket_id       TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0  -- milliseconds since the Unix epoch
);

CREATE INDEX replication_queue_due ON replication_queue (next_attempt_at, seq);
