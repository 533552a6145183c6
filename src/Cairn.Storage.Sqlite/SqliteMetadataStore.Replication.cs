using Cairn.Core.Replication;
using Cairn.Storage.Sqlite.Internal;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    // Queues the version at $seq when it is a pending upload; run in the transaction that makes it visible.
    private const string QueueReplicationOfSeq =
        "INSERT OR IGNORE INTO replication_queue (file_id, bucket_id) SELECT file_id, bucket_id FROM file_versions " +
        "WHERE seq = $seq AND action = 0 AND replication_status = 'pending'";

    private const string SelectDueReplications =
        "SELECT file_id, bucket_id, attempts, next_attempt_at FROM replication_queue WHERE next_attempt_at <= $now ORDER BY seq LIMIT $limit";

    private const string SetReplicationStatus = "UPDATE file_versions SET replication_status = $status WHERE file_id = $file_id";

    private const string DequeueReplication = "DELETE FROM replication_queue WHERE file_id = $file_id";

    private const string RescheduleReplication =
        "UPDATE replication_queue SET attempts = $attempts, next_attempt_at = $next_attempt_at WHERE file_id = $file_id";

    private const string SelectUnreplicated =
        "SELECT seq FROM file_versions INDEXED BY file_versions_by_name " +
        "WHERE bucket_id = $bucket_id AND file_name >= $from AND file_name < CAST($to AS TEXT) AND action = 0 AND replication_status IS NULL";

    private const string MarkPendingAndQueue =
        "UPDATE file_versions SET replication_status = 'pending' WHERE seq = $seq";

    public async Task<IReadOnlyList<ReplicationTask>> ListDueReplicationsAsync(long now, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.Command(SelectDueReplications).With("$now", now).With("$limit", (long)limit).ReadAll(r => new ReplicationTask
        {
            FileId = r.GetString(0),
            BucketId = r.GetString(1),
            Attempts = r.GetInt32(2),
            NextAttemptAt = r.GetInt64(3),
        }), cancellationToken).ConfigureAwait(false);

    public Task CompleteReplicationAsync(string fileId, string status, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            s.Command(SetReplicationStatus).With("$file_id", fileId).With("$status", status).ExecuteNonQuery();
            return s.Command(DequeueReplication).With("$file_id", fileId).ExecuteNonQuery();
        }, cancellationToken);

    public Task RescheduleReplicationAsync(string fileId, int attempts, long nextAttemptAt, CancellationToken cancellationToken) =>
        WriteAsync(s => s.Command(RescheduleReplication)
            .With("$file_id", fileId)
            .With("$attempts", (long)attempts)
            .With("$next_attempt_at", nextAttemptAt)
            .ExecuteNonQuery(), cancellationToken);

    public Task<int> QueueExistingForReplicationAsync(string bucketId, string prefix, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            var seqs = s.Command(SelectUnreplicated)
                .With("$bucket_id", bucketId)
                .With("$from", prefix)
                .With("$to", Utf8Range.SuccessorOfPrefix(prefix))
                .ReadAll(r => r.GetInt64(0));
            foreach (var seq in seqs.Order())
            {
                s.Command(MarkPendingAndQueue).With("$seq", seq).ExecuteNonQuery();
                s.Command(QueueReplicationOfSeq).With("$seq", seq).ExecuteNonQuery();
            }
            return seqs.Count;
        }, cancellationToken);

    private static void QueueReplication(SqliteSession session, long seq) =>
        session.Command(QueueReplicationOfSeq).With("$seq", seq).ExecuteNonQuery();
}
