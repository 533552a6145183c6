namespace Cairn.Core.Replication;

/// <summary>
/// One file version waiting in the metadata store's replication outbox. The store queues it in the same transaction
/// that makes a <see cref="ReplicationStatus.Pending"/> upload visible (an upload, a copy, a finished large file) or that
/// marks existing files for an <c>includeExistingFiles</c> backfill, so work is never lost between the two.
/// </summary>
public sealed record ReplicationTask
{
    /// <summary>The source version.</summary>
    public required string FileId { get; init; }

    public required string BucketId { get; init; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Not tried before this time (milliseconds since the Unix epoch); the backoff after a failure.</summary>
    public long NextAttemptAt { get; init; }
}
