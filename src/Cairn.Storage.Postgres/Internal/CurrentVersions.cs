namespace Cairn.Storage.Postgres.Internal;

/// <summary>
/// Maintains <c>current_versions</c>: for each name, the seq of its newest upload or hide marker. Every change to
/// <c>file_versions</c> that can move it calls in here, inside the same transaction. Concurrent writers of one name
/// meet on its current_versions row: an offer upserts it (locking it), a withdrawal locks it first.
/// </summary>
internal static class CurrentVersions
{
    /// <summary>
    /// The upsert of an offer, to be fed one row (bucket_id, file_name, seq, is_upload). The WHERE keeps an older
    /// version (a large file finished after a newer upload, or an insert that got its seq earlier but commits later)
    /// from displacing a newer one.
    /// </summary>
    public const string UpsertConflict =
        " ON CONFLICT (bucket_id, file_name) DO UPDATE SET seq = excluded.seq, is_upload = excluded.is_upload " +
        "WHERE excluded.seq > current_versions.seq";

    private const string Upsert =
        "INSERT INTO current_versions (bucket_id, file_name, seq, is_upload) VALUES (@bucket_id, @file_name, @seq, @is_upload)" + UpsertConflict;

    private const string LockCurrent =
        "SELECT seq FROM current_versions WHERE bucket_id = @bucket_id AND file_name = @file_name FOR UPDATE";

    // Run with the row locked, so its snapshot already holds every version whose writer touched the row before us;
    // writers after us wait for the lock and then compare their seq with what we leave. Either the newest remaining
    // upload or hide marker takes over, or the row goes.
    private const string Replace =
        "WITH n AS (SELECT seq, action FROM file_versions WHERE bucket_id = @bucket_id AND file_name = @file_name " +
        "AND action <> 1 ORDER BY seq DESC LIMIT 1), " +
        "u AS (UPDATE current_versions AS c SET seq = n.seq, is_upload = n.action = 0 FROM n " +
        "WHERE c.bucket_id = @bucket_id AND c.file_name = @file_name) " +
        "DELETE FROM current_versions WHERE bucket_id = @bucket_id AND file_name = @file_name AND NOT EXISTS (SELECT 1 FROM n)";

    /// <summary>An upload or hide marker with this seq now exists; it becomes current unless a newer one is.</summary>
    public static Task OfferAsync(PostgresSession session, string bucketId, string fileName, long seq, bool isUpload, CancellationToken cancellationToken) =>
        session.Command(Upsert)
            .With("bucket_id", bucketId)
            .With("file_name", fileName)
            .With("seq", seq)
            .With("is_upload", isUpload)
            .ExecuteAsync(cancellationToken);

    /// <summary>The version with this seq was deleted (in this transaction); if it was current, its predecessor (if any) takes over.</summary>
    public static async Task WithdrawAsync(PostgresSession session, string bucketId, string fileName, long deletedSeq, CancellationToken cancellationToken)
    {
        var current = await session.Command(LockCurrent).With("bucket_id", bucketId).With("file_name", fileName).ScalarAsync(cancellationToken).ConfigureAwait(false);
        if (current is not long seq || seq != deletedSeq)
        {
            return;
        }
        await session.Command(Replace).With("bucket_id", bucketId).With("file_name", fileName).ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }
}
