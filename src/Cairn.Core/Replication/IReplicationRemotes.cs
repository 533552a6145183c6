using Cairn.Core.Files;

namespace Cairn.Core.Replication;

/// <summary>
/// Writes replicas into buckets of other B2-compatible services (<see cref="ReplicationOptions.Remotes"/>). The host
/// implements it over the B2 Native API; Core decides what is replicated, when and with which status.
/// </summary>
public interface IReplicationRemotes
{
    /// <summary>Whether a configured remote has the bucket (used to accept a rule whose destination is not here).</summary>
    Task<bool> HasBucketAsync(string bucketId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="source"/> (name, content type, file info, content) as the newest version of its name in the
    /// remote bucket <paramref name="bucketId"/>: as a large file when <paramref name="asLargeFile"/> and the content is
    /// long enough for two parts there. <paramref name="copyContent"/> streams a range of the content (offset, length).
    /// Returns false when no configured remote has the bucket, or when it refuses <paramref name="sourceApplicationKeyId"/>
    /// (its <c>sourceToDestinationKeyMapping</c> does not name the remote's key for it). Throws when the write fails.
    /// </summary>
    Task<bool> TryWriteReplicaAsync(string bucketId, string? sourceApplicationKeyId, FileVersion source, bool asLargeFile,
        Func<long, long, Stream, CancellationToken, Task> copyContent, CancellationToken cancellationToken);
}
