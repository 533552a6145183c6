using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Replication;
using Cairn.Core.Storage;
using Cairn.Storage.Sqlite.Internal;
using Cairn.Storage.Sqlite.Mapping;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    // The timestamp is decided here, in the writer's transaction that also decides the order: never below one more
    // than the name's newest version (one index probe), so newest first by seq is latest first by timestamp.
    private const string InsertVersion =
        "INSERT INTO file_versions (file_id, account_id, bucket_id, file_name, action, content_length, content_sha1, " +
        "content_md5, content_type, file_info, upload_timestamp, retention_mode, retain_until, legal_hold, sse_mode, sse_key_md5, replication_status) VALUES ($file_id, $account_id, " +
        "$bucket_id, $file_name, $action, $content_length, $content_sha1, $content_md5, $content_type, $file_info, " +
        "MAX($upload_timestamp, COALESCE((SELECT n.upload_timestamp + 1 FROM file_versions AS n INDEXED BY file_versions_by_name " +
        "WHERE n.bucket_id = $bucket_id AND n.file_name = $file_name ORDER BY n.seq DESC LIMIT 1), $upload_timestamp)), " +
        "$retention_mode, $retain_until, $legal_hold, $sse_mode, $sse_key_md5, $replication_status) RETURNING seq, upload_timestamp";

    private const string SelectVersionById =
        "SELECT " + VersionRows.Columns + VersionRows.SegmentColumns + " FROM file_versions AS v" + VersionRows.JoinSegments +
        " WHERE v.file_id = $file_id ORDER BY s.ordinal";

    private const string SelectCurrentVersion =
        "SELECT " + VersionRows.Columns + VersionRows.SegmentColumns + " FROM current_versions AS c JOIN file_versions AS v ON v.seq = c.seq" +
        VersionRows.JoinSegments + " WHERE c.bucket_id = $bucket_id AND c.file_name = $file_name ORDER BY s.ordinal";

    // One range scan of the partial index of visible names; each hit is a rowid lookup. INDEXED BY makes the
    // statement fail to prepare, rather than silently scan, should the index ever go missing.
    private const string SelectCurrentVersions =
        "SELECT " + VersionRows.Columns + " FROM current_versions AS c INDEXED BY current_versions_visible " +
        "JOIN file_versions AS v ON v.seq = c.seq " +
        "WHERE c.bucket_id = $bucket_id AND c.is_upload = 1 AND c.file_name >= $from AND c.file_name < CAST($to AS TEXT) " +
        "ORDER BY c.file_name LIMIT $limit";

    private const string SelectVersionsFrom =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v INDEXED BY file_versions_by_name " +
        "WHERE v.bucket_id = $bucket_id AND v.file_name >= $from AND v.file_name < CAST($to AS TEXT) " +
        "ORDER BY v.file_name, v.seq DESC LIMIT $limit";

    private const string SelectVersionsAfter =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v INDEXED BY file_versions_by_name " +
        "WHERE v.bucket_id = $bucket_id AND v.file_name > $after AND v.file_name < CAST($to AS TEXT) " +
        "ORDER BY v.file_name, v.seq DESC LIMIT $limit";

    private const string SelectVersionsOfNameFrom =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v INDEXED BY file_versions_by_name " +
        "WHERE v.bucket_id = $bucket_id AND v.file_name = $file_name AND v.seq <= $seq " +
        "ORDER BY v.seq DESC LIMIT $limit";

    private const string SelectSeqOfVersion =
        "SELECT seq FROM file_versions WHERE file_id = $file_id AND bucket_id = $bucket_id AND file_name = $file_name";

    private const string SelectPartBlobs = "SELECT blob_id FROM parts WHERE file_id = $file_id";
    private const string DeleteParts = "DELETE FROM parts WHERE file_id = $file_id";
    private const string DeleteSegments = "DELETE FROM segments WHERE seq = $seq";
    private const string DeleteVersion = "DELETE FROM file_versions WHERE seq = $seq";

    public Task<FileVersion> InsertFileVersionAsync(FileVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        return WriteAsync(s =>
        {
            if (!BucketExists(s, version.BucketId))
            {
                throw Fail.BucketNotFound(version.BucketId);
            }
            long seq, uploadTimestamp;
            using (var reader = VersionRows.Bind(s.Command(InsertVersion), version).ExecuteReader())
            {
                reader.Read();
                (seq, uploadTimestamp) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            VersionRows.InsertSegments(s, seq, version.Segments);
            if (version.Action != FileAction.Start)
            {
                CurrentVersions.Offer(s, version.BucketId, version.FileName, seq, version.Action == FileAction.Upload);
            }
            if (version.ReplicationStatus == ReplicationStatus.Pending && version.Action == FileAction.Upload)
            {
                QueueReplication(s, seq);
            }
            return version with { UploadTimestamp = uploadTimestamp };
        }, cancellationToken);
    }

    public async Task<FileVersion?> GetFileVersionAsync(string fileId, CancellationToken cancellationToken) =>
        (await ReadAsync(s => VersionRows.ReadOne(s.Command(SelectVersionById).With("$file_id", fileId)), cancellationToken)
            .ConfigureAwait(false))?.Version;

    public async Task<FileVersion?> GetCurrentVersionAsync(string bucketId, string fileName, CancellationToken cancellationToken) =>
        (await ReadAsync(s => VersionRows.ReadOne(s.Command(SelectCurrentVersion)
            .With("$bucket_id", bucketId)
            .With("$file_name", fileName)), cancellationToken).ConfigureAwait(false))?.Version;

    public async Task<IReadOnlyList<FileVersion>> ListCurrentVersionsAsync(string bucketId, string prefix, string startFileName, int limit, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(s => VersionRows.ReadAll(s, s.Command(SelectCurrentVersions)
            .With("$bucket_id", bucketId)
            .With("$from", Later(prefix, startFileName))
            .With("$to", Utf8Range.SuccessorOfPrefix(prefix))
            .With("$limit", Math.Max(limit, 0)), withSegments: false), cancellationToken).ConfigureAwait(false);
        return Versions(rows);
    }

    public async Task<IReadOnlyList<FileVersion>> ListFileVersionsAsync(string bucketId, string prefix, string startFileName, string? startFileId, int limit, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(s =>
        {
            var to = Utf8Range.SuccessorOfPrefix(prefix);
            limit = Math.Max(limit, 0);
            var startSeq = startFileId is null ? null : (long?)s.Command(SelectSeqOfVersion)
                .With("$file_id", startFileId)
                .With("$bucket_id", bucketId)
                .With("$file_name", startFileName)
                .Scalar();
            if (startSeq is null || FileNameOrder.Instance.Compare(startFileName, prefix) < 0)
            {
                // No version to resume at (or it lies before the prefix): every version from the first name on.
                return VersionRows.ReadAll(s, s.Command(SelectVersionsFrom)
                    .With("$bucket_id", bucketId)
                    .With("$from", Later(prefix, startFileName))
                    .With("$to", to)
                    .With("$limit", limit), withSegments: false);
            }
            // Resume inside startFileName at startFileId, then continue with the names after it: two range scans.
            var page = startFileName.StartsWith(prefix, StringComparison.Ordinal)
                ? VersionRows.ReadAll(s, s.Command(SelectVersionsOfNameFrom)
                    .With("$bucket_id", bucketId)
                    .With("$file_name", startFileName)
                    .With("$seq", startSeq.Value)
                    .With("$limit", limit), withSegments: false)
                : [];
            if (page.Count < limit)
            {
                page.AddRange(VersionRows.ReadAll(s, s.Command(SelectVersionsAfter)
                    .With("$bucket_id", bucketId)
                    .With("$after", startFileName)
                    .With("$to", to)
                    .With("$limit", limit - page.Count), withSegments: false));
            }
            return page;
        }, cancellationToken, snapshot: true).ConfigureAwait(false);
        return Versions(rows);
    }

    public Task<DeletedFileVersion?> DeleteFileVersionAsync(string fileId, bool unfinishedOnly, CancellationToken cancellationToken) =>
        WriteAsync(s =>
        {
            if (VersionRows.ReadOne(s.Command(SelectVersionById).With("$file_id", fileId)) is not { } row
                || (unfinishedOnly && row.Version.Action != FileAction.Start))
            {
                return null;
            }
            var version = row.Version;
            var blobIds = version.Segments.Select(segment => segment.BlobId)
                .Concat(s.Command(SelectPartBlobs).With("$file_id", fileId).ReadAll(r => r.GetString(0)))
                .ToList();
            s.Command(DeleteParts).With("$file_id", fileId).ExecuteNonQuery();
            s.Command(DeleteSegments).With("$seq", row.Seq).ExecuteNonQuery();
            s.Command(DeleteVersion).With("$seq", row.Seq).ExecuteNonQuery();
            if (version.Action != FileAction.Start)
            {
                CurrentVersions.Withdraw(s, version.BucketId, version.FileName, row.Seq);
            }
            return new DeletedFileVersion(version, BlobReferences.Unreferenced(s, blobIds));
        }, cancellationToken);

    /// <summary>The later of two names in UTF-8 byte order.</summary>
    private static string Later(string a, string b) => FileNameOrder.Instance.Compare(a, b) >= 0 ? a : b;

    private static List<FileVersion> Versions(List<VersionRows.Row> rows) => rows.ConvertAll(row => row.Version);
}
