-- Cairn metadata schema, version 4: a placeholder on the `sse` branch only. Version 4 belongs to the event
-- notifications branch; migrations must be numbered without gaps, so this keeps 005 runnable until both are
-- merged. Delete this file when the real 004 arrives.
SELECT 1;
