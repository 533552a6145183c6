-- Cairn metadata schema, version 5: server-side encryption.
-- A version records how its content is encrypted; each segment and part records how its blob is keyed
-- (an opaque envelope from Cairn.Core.Encryption.BlobEnvelope: initial counter plus wrapped data key for SSE-B2,
-- initial counter plus the customer key's MD5 for SSE-C). Customer keys and unwrapped data keys are never stored.
ALTER TABLE file_versions ADD COLUMN sse_mode TEXT;     -- SSE-B2 | SSE-C | NULL (plaintext)
ALTER TABLE file_versions ADD COLUMN sse_key_md5 TEXT;  -- SSE-C: base64 MD5 of the customer's key
ALTER TABLE segments ADD COLUMN blob_key TEXT;          -- NULL: plaintext blob
ALTER TABLE parts ADD COLUMN blob_key TEXT;             -- NULL: plaintext blob
