-- Cairn metadata schema, version 3: Object Lock and replication settings.
ALTER TABLE buckets ADD COLUMN default_retention TEXT;  -- JSON {mode, duration, unit}, NULL: none
ALTER TABLE buckets ADD COLUMN replication TEXT;        -- JSON object as sent, NULL: none
ALTER TABLE file_versions ADD COLUMN retention_mode TEXT;      -- governance | compliance | NULL
ALTER TABLE file_versions ADD COLUMN retain_until INTEGER;     -- ms since the epoch
ALTER TABLE file_versions ADD COLUMN legal_hold TEXT;          -- on | off | NULL
