namespace Cairn.Storage.Sqlite.Internal;

/// <summary>
/// Maintains <c>current_versions</c>: for each name, the seq of its newest upload or hide marker. Every change
/// to <c>file_versions</c> that can move it calls in here, inside the same transaction.
/// </summary>
internal static class CurrentVersions
{
    // The WHERE keeps an older version (a large file finished after a newer upload) from displacing a newer one.
    private const string Upsert =
        "INSERT INTO current_versions (bucket_id, file_name, seq, is_upload) VALUES ($bucket_id, $file_name, $seq, $is_upload) " +
        "ON CONFLICT (bucket_id, file_name) DO UPDATE SET seq = excluded.seq, is_upload = excluded.is_upload " +
        "WHERE excluded.seq > current_versions.seq";

    private const string SelectCurrentSeq = "SELECT seq FROM current_versions WHERE bucket_id = $bucket_id AND file_name = $file_name";

    // Newest non-start version of the name; walks the name's index entries newest first.
    private const string SelectNewest =
        "SELECT seq, action FROM file_versions INDEXED BY file_versions_by_name " +
        "WHERE bucket_id = $bucket_id AND file_name = $file_name AND action <> 1 ORDER BY seq DESC LIMIT 1";

    private const string Delete = "DELETE FROM current_versions WHERE bucket_id = $bucket_id AND file_name = $file_name";

    /// <summary>An upload or hide marker with this seq now exists; it becomes current unless a newer one is.</summary>
    public static void Offer(SqliteSession session, string bucketId, string fileName, long seq, bool isUpload) =>
        session.Command(Upsert)
            .With("$bucket_id", bucketId)
            .With("$file_name", fileName)
            .With("$seq", seq)
            .With("$is_upload", isUpload)
            .ExecuteNonQuery();

    /// <summary>The version with this seq was deleted; if it was current, its predecessor (if any) takes over.</summary>
    public static void Withdraw(SqliteSession session, string bucketId, string fileName, long deletedSeq)
    {
        var current = session.Command(SelectCurrentSeq).With("$bucket_id", bucketId).With("$file_name", fileName).Scalar();
        if (current is not long seq || seq != deletedSeq)
        {
            return;
        }
        session.Command(Delete).With("$bucket_id", bucketId).With("$file_name", fileName).ExecuteNonQuery();
        using var reader = session.Command(SelectNewest).With("$bucket_id", bucketId).With("$file_name", fileName).ExecuteReader();
        if (reader.Read())
        {
            var newest = reader.GetInt64(0);
            var isUpload = reader.GetInt64(1) == FileActionCodes.Upload;
            reader.Close();
            Offer(session, bucketId, fileName, newest, isUpload);
        }
    }
}
