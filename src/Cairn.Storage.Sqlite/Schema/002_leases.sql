-- Cairn metadata schema, version 2: leases that let one node at a time run a background job.
CREATE TABLE leases (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL -- milliseconds since the Unix epoch
) WITHOUT ROWID;
