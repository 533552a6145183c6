using Cairn.Core.Files;

namespace Cairn.Core.Replication;

/// <summary>No remote services configured: every destination must be a bucket of this Cairn.</summary>
public sealed class NoReplicationRemotes : IReplicationRemotes
{
    public Task<bool> HasBucketAsync(string bucketId, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> TryWriteReplicaAsync(string bucketId, string? sourceApplicationKeyId, FileVersion source, bool asLargeFile,
        Func<long, long, Stream, CancellationToken, Task> copyContent, CancellationToken cancellationToken) => Task.FromResult(false);
}
