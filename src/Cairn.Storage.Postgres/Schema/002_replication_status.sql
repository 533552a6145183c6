-- Cairn metadata schema on PostgreSQL, version 2: Cloud Replication status (SQLite's 006_replication_status.sql).
-- B2's replicationStatus of a version: 'pending' when a replication rule of its bucket selected it at upload,
-- later 'completed' or 'failed'; 'replica' for a version written by replication. NULL: not replicated.
ALTER TABLE file_versions ADD COLUMN replication_status text;
