-- Cairn metadata schema on PostgreSQL, version 4: the Cloud Replication outbox (SQLite's 008_replication_queue.sql).
-- One row per source version waiting to be copied to its rules' destinations: queued in the transaction that makes a
-- pending upload visible (or marks existing files for a backfill), removed when its status becomes completed or failed.
-- seq keeps the order versions were queued in.
CREATE TABLE replication_queue (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id         text COLLATE "C" NOT NULL UNIQUE,
    bucket_id       text COLLATE "C" NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint  NOT NULL DEFAULT 0  -- milliseconds since the Unix epoch
);

CREATE INDEX replication_queue_due ON replication_queue (next_attempt_at, seq);
