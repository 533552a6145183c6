-- Cairn metadata schema, version 1.
--
-- Text columns use SQLite's default BINARY collation, which compares the UTF-8 bytes with memcmp: that is
-- B2's file name order (unsigned UTF-8 bytes = Unicode code point order). Every name bound against these
-- columns is bound as TEXT (or CAST to TEXT), never as BLOB, because SQLite sorts every TEXT before every BLOB.
--
-- file_versions.action codes: 0 = upload, 1 = start (unfinished large file), 2 = hide marker.
-- The partial indexes below repeat these literals; FileActionCodes.cs is their C# side.

CREATE TABLE settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A Cairn server has one account; the CHECK keeps it that way.
CREATE TABLE account (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    account_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE application_keys (
    key_id               TEXT    NOT NULL PRIMARY KEY,
    account_id           TEXT    NOT NULL,
    key_name             TEXT    NOT NULL,
    capabilities         TEXT    NOT NULL, -- JSON array of strings
    bucket_ids           TEXT,             -- JSON array of strings; NULL: every bucket
    name_prefix          TEXT,
    expiration_timestamp INTEGER,
    secret_hash          TEXT    NOT NULL,
    is_master            INTEGER NOT NULL CHECK (is_master IN (0, 1)),
    created_at           INTEGER NOT NULL
) WITHOUT ROWID;

-- list_keys: one account's non-master keys in id order.
CREATE INDEX application_keys_by_account ON application_keys (account_id, is_master, key_id);

CREATE TABLE buckets (
    bucket_id         TEXT    NOT NULL PRIMARY KEY,
    account_id        TEXT    NOT NULL,
    bucket_name       TEXT    NOT NULL,
    bucket_type       TEXT    NOT NULL,
    bucket_info       TEXT    NOT NULL, -- JSON object of strings
    cors_rules        TEXT    NOT NULL, -- JSON array, verbatim
    lifecycle_rules   TEXT    NOT NULL, -- JSON array of B2 lifecycle rules
    revision          INTEGER NOT NULL,
    default_sse       TEXT,
    file_lock_enabled INTEGER NOT NULL CHECK (file_lock_enabled IN (0, 1)),
    created_at        INTEGER NOT NULL
) WITHOUT ROWID;

-- Bucket names are unique server-wide, compared case-insensitively. NOCASE folds exactly the ASCII letters.
CREATE UNIQUE INDEX buckets_by_name ON buckets (bucket_name COLLATE NOCASE);
CREATE INDEX buckets_by_account ON buckets (account_id, bucket_name);

-- Every version of every name. seq is the store's insertion order: within a name, a larger seq is newer.
-- AUTOINCREMENT keeps seq from ever being reused after the newest row is deleted.
CREATE TABLE file_versions (
    seq              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    file_id          TEXT    NOT NULL UNIQUE,
    bucket_id        TEXT    NOT NULL REFERENCES buckets (bucket_id),
    account_id       TEXT    NOT NULL,
    file_name        TEXT    NOT NULL,
    action           INTEGER NOT NULL CHECK (action IN (0, 1, 2)),
    content_length   INTEGER NOT NULL,
    content_sha1     TEXT    NOT NULL,
    content_md5      TEXT,
    content_type     TEXT    NOT NULL,
    file_info        TEXT    NOT NULL, -- JSON object of strings
    upload_timestamp INTEGER NOT NULL
);

-- list_file_versions: name order, newest first, as one forward range scan.
CREATE INDEX file_versions_by_name ON file_versions (bucket_id, file_name, seq DESC);

-- list_unfinished_large_files: oldest first, touching only unfinished files.
CREATE INDEX file_versions_unfinished ON file_versions (bucket_id, seq) WHERE action = 1;

-- The current version (newest upload or hide marker) of every name that has one, kept up to date on insert,
-- delete and finish. get_file_info by name is a primary key lookup; list_file_names is a range scan of the
-- partial index of visible names, so a page costs in proportion to its size, not the bucket's.
-- seq carries no foreign key on purpose: enforcing one would make every delete from file_versions search
-- this table by seq, which no index serves. The store maintains the table inside the same transactions.
CREATE TABLE current_versions (
    bucket_id TEXT    NOT NULL,
    file_name TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    is_upload INTEGER NOT NULL CHECK (is_upload IN (0, 1)),
    PRIMARY KEY (bucket_id, file_name)
) WITHOUT ROWID;

CREATE INDEX current_versions_visible ON current_versions (bucket_id, file_name, seq) WHERE is_upload = 1;

-- Where each version's bytes live, in order. Several versions may share a blob (copies, finished large files).
CREATE TABLE segments (
    seq         INTEGER NOT NULL REFERENCES file_versions (seq),
    ordinal     INTEGER NOT NULL,
    blob_id     TEXT    NOT NULL,
    blob_offset INTEGER NOT NULL,
    blob_length INTEGER NOT NULL,
    PRIMARY KEY (seq, ordinal)
) WITHOUT ROWID;

CREATE INDEX segments_by_blob ON segments (blob_id);

-- Parts of unfinished large files. Finishing drops the rows; the finished version's segments keep the blobs.
CREATE TABLE parts (
    file_id          TEXT    NOT NULL REFERENCES file_versions (file_id),
    part_number      INTEGER NOT NULL,
    blob_id          TEXT    NOT NULL,
    content_length   INTEGER NOT NULL,
    content_sha1     TEXT    NOT NULL,
    content_md5      TEXT    NOT NULL,
    upload_timestamp INTEGER NOT NULL,
    PRIMARY KEY (file_id, part_number)
) WITHOUT ROWID;

CREATE INDEX parts_by_blob ON parts (blob_id);
