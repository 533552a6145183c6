using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Storage;
using Cairn.Storage.Postgres.Internal;
using Cairn.Storage.Postgres.Mapping;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    // Writers of one name take its advisory lock first (a transaction-scoped lock in a key space of its own; a hash
    // collision only makes two names wait for each other). Under it the name's newest version is committed and the
    // new row's seq is drawn after it, so seq order is commit order and the insert sees the timestamp it must pass.
    private const string LockName =
        "SELECT pg_advisory_xact_lock(" + NameLockSpace + ", hashtext(@bucket_id || '/' || @file_name))";

    // The key space of the name locks ("Cair"): the two-key advisory locks share nothing with the migration lock's one key.
    private const string NameLockSpace = "1130457458";

    // The second statement, sent in the same round trip as the lock: lock the bucket against deletion (no row: it is
    // gone), add the version with its timestamp raised past the name's newest, its segments and, unless it is an
    // unfinished large file, offer it as the name's current version; a pending upload also enters the replication outbox.
    private const string InsertVersion =
        LockName + "; " +
        "WITH b AS (SELECT bucket_id FROM buckets WHERE bucket_id = @bucket_id FOR KEY SHARE), " +
        "v AS (INSERT INTO file_versions (" + VersionRows.InsertColumns + ") SELECT " + VersionRows.InsertParametersBeforeTimestamp +
        "GREATEST(@upload_timestamp, (SELECT n.upload_timestamp + 1 FROM file_versions AS n " +
        "WHERE n.bucket_id = @bucket_id AND n.file_name = @file_name ORDER BY n.seq DESC LIMIT 1)), " +
        VersionRows.InsertParametersAfterTimestamp + " FROM b RETURNING seq, upload_timestamp), " +
        "s AS (INSERT INTO segments (seq, ordinal, blob_id, blob_offset, blob_length, blob_key) " +
        "SELECT v.seq, t.o - 1, t.blob_id, t.blob_offset, t.blob_length, t.blob_key FROM v, " +
        "unnest(@blob_ids, @blob_offsets, @blob_lengths, @blob_keys) WITH ORDINALITY AS t(blob_id, blob_offset, blob_length, blob_key, o)), " +
        "c AS (INSERT INTO current_versions (bucket_id, file_name, seq, is_upload) " +
        "SELECT @bucket_id, @file_name, v.seq, @action = 0 FROM v WHERE @action <> 1" + CurrentVersions.UpsertConflict + "), " +
        "q AS (INSERT INTO replication_queue (file_id, bucket_id) SELECT @file_id, @bucket_id FROM v " +
        "WHERE @action = 0 AND @replication_status::text = 'pending') " +
        "SELECT upload_timestamp FROM v";

    private const string SelectVersionById =
        "SELECT " + VersionRows.Columns + VersionRows.SegmentColumns + " FROM file_versions AS v" + VersionRows.JoinSegments +
        " WHERE v.file_id = @file_id ORDER BY s.ordinal";

    private const string LockVersionById = SelectVersionById + " FOR UPDATE OF v";

    private const string SelectCurrentVersion =
        "SELECT " + VersionRows.Columns + VersionRows.SegmentColumns + " FROM current_versions AS c JOIN file_versions AS v ON v.seq = c.seq" +
        VersionRows.JoinSegments + " WHERE c.bucket_id = @bucket_id AND c.file_name = @file_name ORDER BY s.ordinal";

    // One range scan of the partial index of visible names (name order under "C"); each hit is a primary key lookup.
    // Without an upper bound (empty prefix) the scan runs from @from to the bucket's last visible name, stopped by LIMIT.
    private const string SelectCurrentVersionsFrom =
        "SELECT " + VersionRows.Columns + " FROM current_versions AS c JOIN file_versions AS v ON v.seq = c.seq " +
        "WHERE c.bucket_id = @bucket_id AND c.is_upload AND c.file_name >= @from";

    private const string SelectCurrentVersions = SelectCurrentVersionsFrom + " ORDER BY c.file_name LIMIT @limit";

    internal const string SelectCurrentVersionsBounded = SelectCurrentVersionsFrom + " AND c.file_name < @to ORDER BY c.file_name LIMIT @limit";

    private const string SelectVersionsFromStart =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v WHERE v.bucket_id = @bucket_id AND v.file_name >= @from";

    private const string SelectVersionsAfterStart =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v WHERE v.bucket_id = @bucket_id AND v.file_name > @after";

    private const string VersionOrder = " ORDER BY v.file_name, v.seq DESC LIMIT @limit";

    private const string UpperBound = " AND v.file_name < @to";

    private const string SelectVersionsOfNameFrom =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v " +
        "WHERE v.bucket_id = @bucket_id AND v.file_name = @file_name AND v.seq <= @seq ORDER BY v.seq DESC LIMIT @limit";

    private const string SelectSeqOfVersion =
        "SELECT seq FROM file_versions WHERE file_id = @file_id AND bucket_id = @bucket_id AND file_name = @file_name";

    // Parts and segments reference the version; they go first, in one statement, then the version.
    private const string DeletePartsAndSegments =
        "WITH p AS (DELETE FROM parts WHERE file_id = @file_id RETURNING blob_id), " +
        "s AS (DELETE FROM segments WHERE seq = @seq) SELECT blob_id FROM p";

    private const string DeleteVersion = "DELETE FROM file_versions WHERE seq = @seq";

    /// <remarks>
    /// Two round trips: the name's lock and the insert go together (Npgsql prepends the BEGIN), then the COMMIT that
    /// releases the lock. Each statement at READ COMMITTED reads what was committed when it began, so the insert, which
    /// begins once the lock is held, sees every earlier writer of the name.
    /// </remarks>
    public Task<FileVersion> InsertFileVersionAsync(FileVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        return WriteAsync(async (s, ct) =>
        {
            var command = VersionRows.BindSegments(VersionRows.Bind(s.Command(InsertVersion), version), version.Segments);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // The lock's result first, then the insert's: one row, or none when the bucket is gone.
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    return await reader.ReadAsync(ct).ConfigureAwait(false)
                        ? version with { UploadTimestamp = reader.GetInt64(0) }
                        : throw Fail.BucketNotFound(version.BucketId);
                }
            }
        }, cancellationToken);
    }

    public async Task<FileVersion?> GetFileVersionAsync(string fileId, CancellationToken cancellationToken) =>
        NameRange.HasNul(fileId) ? null : (await ReadAsync((s, ct) => VersionRows.ReadOneAsync(s.Command(SelectVersionById).With("file_id", fileId), ct), cancellationToken)
            .ConfigureAwait(false))?.Version;

    public async Task<FileVersion?> GetCurrentVersionAsync(string bucketId, string fileName, CancellationToken cancellationToken) =>
        NameRange.HasNul(bucketId) || NameRange.HasNul(fileName) ? null : (await ReadAsync((s, ct) => VersionRows.ReadOneAsync(s.Command(SelectCurrentVersion)
            .With("bucket_id", bucketId)
            .With("file_name", fileName), ct), cancellationToken).ConfigureAwait(false))?.Version;

    public async Task<IReadOnlyList<FileVersion>> ListCurrentVersionsAsync(string bucketId, string prefix, string startFileName, int limit, CancellationToken cancellationToken)
    {
        if (NameRange.HasNul(prefix))
        {
            return [];
        }
        var to = NameRange.UpperBound(prefix);
        var rows = await ReadAsync((s, ct) =>
        {
            var query = s.Command(to is null ? SelectCurrentVersions : SelectCurrentVersionsBounded)
                .With("bucket_id", bucketId)
                .With("from", NameRange.LowerBound(Later(prefix, startFileName)))
                .With("limit", (long)Math.Max(limit, 0));
            if (to is not null)
            {
                query.With("to", to);
            }
            return VersionRows.ReadAllAsync(s, query, ct, withSegments: false);
        }, cancellationToken).ConfigureAwait(false);
        return Versions(rows);
    }

    public async Task<IReadOnlyList<FileVersion>> ListFileVersionsAsync(string bucketId, string prefix, string startFileName, string? startFileId, int limit, CancellationToken cancellationToken)
    {
        if (NameRange.HasNul(prefix))
        {
            return [];
        }
        var to = NameRange.UpperBound(prefix);
        limit = Math.Max(limit, 0);
        var rows = await ReadAsync(async (s, ct) =>
        {
            var startSeq = startFileId is null || NameRange.HasNul(startFileId) || NameRange.HasNul(startFileName) ? null : (long?)await s.Command(SelectSeqOfVersion)
                .With("file_id", startFileId)
                .With("bucket_id", bucketId)
                .With("file_name", startFileName)
                .ScalarAsync(ct).ConfigureAwait(false);
            if (startSeq is null || FileNameOrder.Instance.Compare(startFileName, prefix) < 0)
            {
                // No version to resume at (or it lies before the prefix): every version from the first name on.
                var from = s.Command(SelectVersionsFromStart + (to is null ? "" : UpperBound) + VersionOrder)
                    .With("bucket_id", bucketId)
                    .With("from", NameRange.LowerBound(Later(prefix, startFileName)))
                    .With("limit", (long)limit);
                return await VersionRows.ReadAllAsync(s, to is null ? from : from.With("to", to), ct, withSegments: false).ConfigureAwait(false);
            }
            // Resume inside startFileName at startFileId, then continue with the names after it: two range scans.
            var page = startFileName.StartsWith(prefix, StringComparison.Ordinal)
                ? await VersionRows.ReadAllAsync(s, s.Command(SelectVersionsOfNameFrom)
                    .With("bucket_id", bucketId)
                    .With("file_name", startFileName)
                    .With("seq", startSeq.Value)
                    .With("limit", (long)limit), ct, withSegments: false).ConfigureAwait(false)
                : [];
            if (page.Count < limit)
            {
                var after = s.Command(SelectVersionsAfterStart + (to is null ? "" : UpperBound) + VersionOrder)
                    .With("bucket_id", bucketId)
                    .With("after", startFileName)
                    .With("limit", (long)(limit - page.Count));
                page.AddRange(await VersionRows.ReadAllAsync(s, to is null ? after : after.With("to", to), ct, withSegments: false).ConfigureAwait(false));
            }
            return page;
        }, cancellationToken, snapshot: true).ConfigureAwait(false);
        return Versions(rows);
    }

    public Task<DeletedFileVersion?> DeleteFileVersionAsync(string fileId, bool unfinishedOnly, CancellationToken cancellationToken) =>
        WriteAsync(async (s, ct) =>
        {
            // Locked, so a finish, a part upload or another delete of the same file waits for this one and then finds it gone.
            if (await VersionRows.ReadOneAsync(s.Command(LockVersionById).With("file_id", fileId), ct).ConfigureAwait(false) is not { } row
                || (unfinishedOnly && row.Version.Action != FileAction.Start))
            {
                return null;
            }
            var version = row.Version;
            var partBlobs = await s.Command(DeletePartsAndSegments).With("file_id", fileId).With("seq", row.Seq)
                .ReadAllAsync(r => r.GetString(0), ct).ConfigureAwait(false);
            await s.Command(DeleteVersion).With("seq", row.Seq).ExecuteAsync(ct).ConfigureAwait(false);
            if (version.Action != FileAction.Start)
            {
                await CurrentVersions.WithdrawAsync(s, version.BucketId, version.FileName, row.Seq, ct).ConfigureAwait(false);
            }
            var blobIds = version.Segments.Select(segment => segment.BlobId).Concat(partBlobs);
            return new DeletedFileVersion(version, await BlobReferences.UnreferencedAsync(s, blobIds, ct).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>The later of two names in UTF-8 byte order.</summary>
    private static string Later(string a, string b) => FileNameOrder.Instance.Compare(a, b) >= 0 ? a : b;

    private static List<FileVersion> Versions(List<VersionRows.Row> rows) => rows.ConvertAll(row => row.Version);
}
