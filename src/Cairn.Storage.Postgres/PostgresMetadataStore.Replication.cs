using Cairn.Core.Replication;
using Cairn.Storage.Postgres.Internal;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string SelectDueReplications =
        "SELECT file_id, bucket_id, attempts, next_attempt_at FROM replication_queue WHERE next_attempt_at <= @now ORDER BY seq LIMIT @limit";

    // The status and the dequeue in one statement.
    private const string CompleteReplication =
        "WITH u AS (UPDATE file_versions SET replication_status = @status WHERE file_id = @file_id) " +
        "DELETE FROM replication_queue WHERE file_id = @file_id";

    private const string RescheduleReplication =
        "UPDATE replication_queue SET attempts = @attempts, next_attempt_at = @next_attempt_at WHERE file_id = @file_id";

    // Marks and queues in one statement; the queue's identity follows the ORDER BY, so the oldest versions go first.
    private const string QueueExistingFrom =
        "WITH m AS (UPDATE file_versions SET replication_status = 'pending' " +
        "WHERE bucket_id = @bucket_id AND action = 0 AND replication_status IS NULL AND file_name >= @from";

    private const string QueueExistingRest =
        " RETURNING seq, file_id, bucket_id) " +
        "INSERT INTO replication_queue (file_id, bucket_id) SELECT file_id, bucket_id FROM m ORDER BY seq ON CONFLICT (file_id) DO NOTHING";

    public async Task<IReadOnlyList<ReplicationTask>> ListDueReplicationsAsync(long now, int limit, CancellationToken cancellationToken) =>
        await ReadAsync((s, ct) => s.Command(SelectDueReplications).With("now", now).With("limit", limit).ReadAllAsync(r => new ReplicationTask
        {
            FileId = r.GetString(0),
            BucketId = r.GetString(1),
            Attempts = r.GetInt32(2),
            NextAttemptAt = r.GetInt64(3),
        }, ct), cancellationToken).ConfigureAwait(false);

    public Task CompleteReplicationAsync(string fileId, string status, CancellationToken cancellationToken) =>
        WriteAsync((s, ct) => s.Command(CompleteReplication).With("file_id", fileId).With("status", status).ExecuteAsync(ct), cancellationToken);

    public Task RescheduleReplicationAsync(string fileId, int attempts, long nextAttemptAt, CancellationToken cancellationToken) =>
        WriteAsync((s, ct) => s.Command(RescheduleReplication)
            .With("file_id", fileId)
            .With("attempts", attempts)
            .With("next_attempt_at", nextAttemptAt)
            .ExecuteAsync(ct), cancellationToken);

    public Task<int> QueueExistingForReplicationAsync(string bucketId, string prefix, CancellationToken cancellationToken)
    {
        if (NameRange.HasNul(prefix))
        {
            return Task.FromResult(0);
        }
        var to = NameRange.UpperBound(prefix);
        return WriteAsync((s, ct) =>
        {
            var command = s.Command(QueueExistingFrom + (to is null ? "" : " AND file_name < @to") + QueueExistingRest)
                .With("bucket_id", bucketId)
                .With("from", prefix);
            if (to is not null)
            {
                command.With("to", to);
            }
            return command.ExecuteAsync(ct);
        }, cancellationToken);
    }
}
