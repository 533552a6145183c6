using Cairn.Core.Files;
using Cairn.Core.Replication;

namespace Cairn.Storage.Memory;

public sealed partial class MemoryMetadataStore
{
    // Queued in order; file ids index into it.
    private readonly LinkedList<ReplicationTask> _replicationOutbox = new();
    private readonly Dictionary<string, LinkedListNode<ReplicationTask>> _replicationById = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<ReplicationTask>> ListDueReplicationsAsync(long now, int limit, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<ReplicationTask>>(cancellationToken, () => _replicationOutbox.Where(t => t.NextAttemptAt <= now).Take(limit).ToList());

    public Task CompleteReplicationAsync(string fileId, string status, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (_versions.TryGetValue(fileId, out var entry))
            {
                entry.Version = entry.Version with { ReplicationStatus = status };
            }
            return DequeueReplication(fileId);
        });

    public Task RescheduleReplicationAsync(string fileId, int attempts, long nextAttemptAt, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            if (_replicationById.TryGetValue(fileId, out var node))
            {
                node.Value = node.Value with { Attempts = attempts, NextAttemptAt = nextAttemptAt };
            }
            return true;
        });

    public Task<int> QueueExistingForReplicationAsync(string bucketId, string prefix, CancellationToken cancellationToken) =>
        Locked(cancellationToken, () =>
        {
            var existing = _versions.Values
                .Where(e => e.Version.BucketId == bucketId && e.Version.Action == FileAction.Upload && e.Version.ReplicationStatus is null
                    && e.Name.Name.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(e => e.Sequence)
                .ToList();
            foreach (var entry in existing)
            {
                entry.Version = entry.Version with { ReplicationStatus = ReplicationStatus.Pending };
                QueueReplication(entry.Version);
            }
            return existing.Count;
        });

    // Called under the lock by the writes that make a pending upload visible.
    private void QueueReplication(FileVersion version)
    {
        if (version.Action == FileAction.Upload && version.ReplicationStatus == ReplicationStatus.Pending && !_replicationById.ContainsKey(version.FileId))
        {
            _replicationById[version.FileId] = _replicationOutbox.AddLast(new ReplicationTask { FileId = version.FileId, BucketId = version.BucketId });
        }
    }

    private bool DequeueReplication(string fileId)
    {
        if (!_replicationById.Remove(fileId, out var node))
        {
            return false;
        }
        _replicationOutbox.Remove(node);
        return true;
    }
}
