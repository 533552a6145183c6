-- Cairn metadata schema on PostgreSQL, version 1: the same tables as the SQLite store at its version 5.
--
-- Every name and id column is COLLATE "C": PostgreSQL then compares the UTF-8 bytes (memcmp), which is B2's file
-- name order (unsigned UTF-8 bytes = Unicode code point order), whatever the database's own locale. The indexes
-- inherit the column's collation, so a name range is an index range scan.
--
-- file_versions.action codes: 0 = upload, 1 = start (unfinished large file), 2 = hide marker.
-- The partial indexes below repeat these literals; FileActionCodes.cs is their C# side.

CREATE TABLE settings (
    name  text COLLATE "C" NOT NULL PRIMARY KEY,
    value text NOT NULL
);

-- A Cairn server has one account; the CHECK keeps it that way.
CREATE TABLE account (
    id         integer NOT NULL PRIMARY KEY CHECK (id = 1),
    account_id text    NOT NULL,
    created_at bigint  NOT NULL
);

CREATE TABLE application_keys (
    key_id               text COLLATE "C" NOT NULL PRIMARY KEY,
    account_id           text COLLATE "C" NOT NULL,
    key_name             text    NOT NULL,
    capabilities         text    NOT NULL, -- JSON array of strings
    bucket_ids           text,             -- JSON array of strings; NULL: every bucket
    name_prefix          text,
    expiration_timestamp bigint,
    secret_hash          text    NOT NULL,
    is_master            boolean NOT NULL,
    created_at           bigint  NOT NULL
);

-- list_keys: one account's non-master keys in id order.
CREATE INDEX application_keys_by_account ON application_keys (account_id, is_master, key_id);

CREATE TABLE buckets (
    bucket_id         text COLLATE "C" NOT NULL PRIMARY KEY,
    account_id        text COLLATE "C" NOT NULL,
    bucket_name       text COLLATE "C" NOT NULL,
    bucket_type       text    NOT NULL,
    bucket_info       text    NOT NULL, -- JSON object of strings
    cors_rules        text    NOT NULL, -- JSON array, verbatim
    lifecycle_rules   text    NOT NULL, -- JSON array of B2 lifecycle rules
    revision          bigint  NOT NULL,
    default_sse       text,
    file_lock_enabled boolean NOT NULL,
    created_at        bigint  NOT NULL,
    default_retention text,             -- JSON {mode, duration, unit}, NULL: none
    replication       text              -- JSON object as sent, NULL: none
);

-- Bucket names are unique server-wide, compared case-insensitively. lower() under the "C" collation folds exactly
-- the ASCII letters.
CREATE UNIQUE INDEX buckets_by_name ON buckets (lower(bucket_name));
CREATE INDEX buckets_by_account ON buckets (account_id, bucket_name);

-- Every version of every name. seq is the store's insertion order: within a name, a larger seq is newer.
-- An identity column never hands out a value twice.
CREATE TABLE file_versions (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_id          text COLLATE "C" NOT NULL UNIQUE,
    bucket_id        text COLLATE "C" NOT NULL REFERENCES buckets (bucket_id),
    account_id       text    NOT NULL,
    file_name        text COLLATE "C" NOT NULL,
    action           integer NOT NULL CHECK (action IN (0, 1, 2)),
    content_length   bigint  NOT NULL,
    content_sha1     text    NOT NULL,
    content_md5      text,
    content_type     text    NOT NULL,
    file_info        text    NOT NULL, -- JSON object of strings
    upload_timestamp bigint  NOT NULL,
    retention_mode   text,             -- governance | compliance | NULL
    retain_until     bigint,           -- ms since the epoch
    legal_hold       text,             -- on | off | NULL
    sse_mode         text,             -- SSE-B2 | SSE-C | NULL (plaintext)
    sse_key_md5      text              -- SSE-C: base64 MD5 of the customer's key
);

-- list_file_versions: name order, newest first, as one forward range scan.
CREATE INDEX file_versions_by_name ON file_versions (bucket_id, file_name, seq DESC);

-- list_unfinished_large_files: oldest first, touching only unfinished files.
CREATE INDEX file_versions_unfinished ON file_versions (bucket_id, seq) WHERE action = 1;

-- The current version (newest upload or hide marker) of every name that has one, kept up to date on insert,
-- delete and finish, inside the same transactions. get_file_info by name is a primary key lookup;
-- list_file_names is a range scan of the partial index of visible names.
CREATE TABLE current_versions (
    bucket_id text COLLATE "C" NOT NULL,
    file_name text COLLATE "C" NOT NULL,
    seq       bigint  NOT NULL,
    is_upload boolean NOT NULL,
    PRIMARY KEY (bucket_id, file_name)
);

CREATE INDEX current_versions_visible ON current_versions (bucket_id, file_name) INCLUDE (seq) WHERE is_upload;

-- Where each version's bytes live, in order. Several versions may share a blob (copies, finished large files).
CREATE TABLE segments (
    seq         bigint  NOT NULL REFERENCES file_versions (seq),
    ordinal     integer NOT NULL,
    blob_id     text COLLATE "C" NOT NULL,
    blob_offset bigint  NOT NULL,
    blob_length bigint  NOT NULL,
    blob_key    text,             -- NULL: plaintext blob
    PRIMARY KEY (seq, ordinal)
);

CREATE INDEX segments_by_blob ON segments (blob_id);

-- Parts of unfinished large files. Finishing drops the rows; the finished version's segments keep the blobs.
CREATE TABLE parts (
    file_id          text COLLATE "C" NOT NULL REFERENCES file_versions (file_id),
    part_number      integer NOT NULL,
    blob_id          text COLLATE "C" NOT NULL,
    content_length   bigint  NOT NULL,
    content_sha1     text    NOT NULL,
    content_md5      text    NOT NULL,
    upload_timestamp bigint  NOT NULL,
    blob_key         text,             -- NULL: plaintext blob
    PRIMARY KEY (file_id, part_number)
);

CREATE INDEX parts_by_blob ON parts (blob_id);

-- Leases that let one node at a time run a background job.
CREATE TABLE leases (
    name       text COLLATE "C" NOT NULL PRIMARY KEY,
    holder     text   NOT NULL,
    expires_at bigint NOT NULL -- milliseconds since the Unix epoch
);

-- A bucket's event notification rules as one JSON array (read and replaced as a whole); they go away with the bucket.
CREATE TABLE notification_rules (
    bucket_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES buckets (bucket_id) ON DELETE CASCADE,
    rules     text NOT NULL
);

-- Events queued for a rule's webhook, until delivered or dropped. seq keeps the order they were queued in.
CREATE TABLE notification_events (
    seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          text COLLATE "C" NOT NULL UNIQUE,
    account_id        text    NOT NULL,
    bucket_id         text COLLATE "C" NOT NULL,
    bucket_name       text    NOT NULL,
    rule_name         text COLLATE "C" NOT NULL,
    event_type        text    NOT NULL,
    event_timestamp   bigint  NOT NULL, -- milliseconds since the Unix epoch
    object_name       text    NOT NULL,
    object_size       bigint,
    object_version_id text    NOT NULL,
    attempts          integer NOT NULL DEFAULT 0,
    next_attempt_at   bigint  NOT NULL  -- milliseconds since the Unix epoch
);

CREATE INDEX notification_events_due ON notification_events (next_attempt_at, seq);
CREATE INDEX notification_events_by_rule ON notification_events (bucket_id, rule_name);
