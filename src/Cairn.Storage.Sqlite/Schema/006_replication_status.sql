-- Cairn metadata schema, version 6: Cloud Replication status.
-- B2's replicationStatus of a version: 'pending' when a replication rule of its bucket selected it at upload,
-- later 'completed' or 'failed'; 'replica' for a version written by replication. NULL: not replicated.
ALTER TABLE file_versions ADD COLUMN replication_status TEXT;
