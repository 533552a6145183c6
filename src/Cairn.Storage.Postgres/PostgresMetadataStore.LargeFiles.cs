using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.LargeFiles;
using Cairn.Storage.Postgres.Internal;
using Cairn.Storage.Postgres.Mapping;

namespace Cairn.Storage.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string SelectSeqInBucket = "SELECT seq FROM file_versions WHERE file_id = @file_id AND bucket_id = @bucket_id";

    // The partial index holds only unfinished files, in age order; the prefix is a filter on those few rows.
    private const string SelectUnfinished =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v " +
        "WHERE v.bucket_id = @bucket_id AND v.action = 1 AND v.seq >= @from_seq AND starts_with(v.file_name, @prefix) " +
        "ORDER BY v.seq LIMIT @limit";

    // Parts of one file are stored one at a time (so that the part a replacement frees is known exactly), and never
    // beside a finish or a delete of the file, which lock it FOR UPDATE.
    private const string LockUnfinished = "SELECT action FROM file_versions WHERE file_id = @file_id FOR NO KEY UPDATE";

    // The CTE reads the row the upsert replaces (statements see the state from before they began).
    private const string UpsertPart =
        "WITH old AS (SELECT blob_id FROM parts WHERE file_id = @file_id AND part_number = @part_number), " +
        "up AS (INSERT INTO parts (" + PartRows.Columns + ") VALUES (" + PartRows.Parameters + ") " +
        "ON CONFLICT (file_id, part_number) DO UPDATE SET blob_id = excluded.blob_id, content_length = excluded.content_length, " +
        "content_sha1 = excluded.content_sha1, content_md5 = excluded.content_md5, upload_timestamp = excluded.upload_timestamp, " +
        "blob_key = excluded.blob_key) " +
        "SELECT blob_id FROM old";

    private const string SelectParts =
        "SELECT " + PartRows.Columns + " FROM parts WHERE file_id = @file_id AND part_number >= @start ORDER BY part_number LIMIT @limit";

    private const string SelectPartBlobs = "SELECT part_number, blob_id FROM parts WHERE file_id = @file_id ORDER BY part_number";

    private const string LockUnfinishedForFinish =
        "SELECT seq, bucket_id, file_name FROM file_versions WHERE file_id = @file_id AND action = 1 FOR UPDATE";

    // Drops the parts and the old segments and turns the row into an upload, in one statement (three tables, no overlap).
    private const string FinishVersion =
        "WITH p AS (DELETE FROM parts WHERE file_id = @file_id), s AS (DELETE FROM segments WHERE seq = @seq), " +
        "q AS (INSERT INTO replication_queue (file_id, bucket_id) SELECT file_id, bucket_id FROM file_versions " +
        "WHERE seq = @seq AND replication_status = 'pending' ON CONFLICT (file_id) DO NOTHING) " +
        "UPDATE file_versions SET action = 0, content_length = @content_length, content_sha1 = @content_sha1, " +
        "content_md5 = @content_md5, content_type = @content_type, file_info = @file_info, upload_timestamp = @upload_timestamp, " +
        "retention_mode = @retention_mode, retain_until = @retain_until, legal_hold = @legal_hold WHERE seq = @seq";

    // The new segments and the offer as current version, in one statement.
    private const string InsertSegmentsAndOffer =
        "WITH s AS (" + VersionRows.InsertSegments + ") " +
        "INSERT INTO current_versions (bucket_id, file_name, seq, is_upload) VALUES (@bucket_id, @file_name, @seq, true)" +
        CurrentVersions.UpsertConflict;

    /// <remarks>
    /// A <paramref name="startFileId"/> that names no version of the bucket (for instance because that upload
    /// was canceled since the previous page) yields an empty list: there is no place to resume from.
    /// </remarks>
    public async Task<IReadOnlyList<FileVersion>> ListUnfinishedLargeFilesAsync(string bucketId, string prefix, string? startFileId, int limit, CancellationToken cancellationToken)
    {
        if (NameRange.HasNul(prefix) || (startFileId is not null && NameRange.HasNul(startFileId)))
        {
            return [];
        }
        var rows = await ReadAsync(async (s, ct) =>
        {
            var fromSeq = 0L;
            if (startFileId is not null)
            {
                if (await s.Command(SelectSeqInBucket).With("file_id", startFileId).With("bucket_id", bucketId).ScalarAsync(ct).ConfigureAwait(false) is not long seq)
                {
                    return [];
                }
                fromSeq = seq;
            }
            return await VersionRows.ReadAllAsync(s, s.Command(SelectUnfinished)
                .With("bucket_id", bucketId)
                .With("from_seq", fromSeq)
                .With("prefix", prefix)
                .With("limit", (long)Math.Max(limit, 0)), ct).ConfigureAwait(false);
        }, cancellationToken, snapshot: true).ConfigureAwait(false);
        return Versions(rows);
    }

    public Task<IReadOnlyList<string>> UpsertPartAsync(Part part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        return WriteAsync<IReadOnlyList<string>>(async (s, ct) =>
        {
            if (await s.Command(LockUnfinished).With("file_id", part.FileId).ScalarAsync(ct).ConfigureAwait(false) is not FileActionCodes.Start)
            {
                throw Fail.FileNotPresent($"File not present: {part.FileId}");
            }
            var replaced = (string?)await PartRows.Bind(s.Command(UpsertPart), part).ScalarAsync(ct).ConfigureAwait(false);
            return replaced is null || replaced == part.BlobId ? [] : await BlobReferences.UnreferencedAsync(s, [replaced], ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Part>> ListPartsAsync(string fileId, int startPartNumber, int limit, CancellationToken cancellationToken) =>
        await ReadAsync((s, ct) => s.Command(SelectParts)
            .With("file_id", fileId)
            .With("start", startPartNumber)
            .With("limit", (long)Math.Max(limit, 0))
            .ReadAllAsync(PartRows.Read, ct), cancellationToken).ConfigureAwait(false);

    /// <remarks>
    /// The version keeps its stored id, bucket, name and account; everything else comes from
    /// <paramref name="finished"/>, and its action becomes upload. Blobs of parts that the finished version's
    /// segments do not name are left to the orphan sweep.
    /// </remarks>
    public Task<bool> FinishLargeFileAsync(FileVersion finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        return WriteAsync(async (s, ct) =>
        {
            var found = await s.Command(LockUnfinishedForFinish).With("file_id", finished.FileId)
                .ReadAllAsync(r => (Seq: r.GetInt64(0), BucketId: r.GetString(1), FileName: r.GetString(2)), ct).ConfigureAwait(false);
            if (found.Count == 0)
            {
                return false;
            }
            var (seq, bucketId, fileName) = found[0];
            // The version is locked FOR UPDATE, which a part upload's FOR NO KEY UPDATE waits for: these parts stay.
            var parts = await s.Command(SelectPartBlobs).With("file_id", finished.FileId)
                .ReadAllAsync(r => (Number: r.GetInt32(0), BlobId: r.GetString(1)), ct).ConfigureAwait(false);
            LargeFileParts.EnsureSegmentsAre(parts, finished.Segments);
            await s.Command(FinishVersion)
                .With("file_id", finished.FileId)
                .With("seq", seq)
                .With("content_length", finished.ContentLength)
                .With("content_sha1", finished.ContentSha1)
                .With("content_md5", finished.ContentMd5)
                .With("content_type", finished.ContentType)
                .With("file_info", StoreJson.Write(finished.FileInfo))
                .With("upload_timestamp", finished.UploadTimestamp)
                .With("retention_mode", finished.Retention?.Mode)
                .With("retain_until", finished.Retention?.RetainUntilTimestamp)
                .With("legal_hold", finished.LegalHold)
                .ExecuteAsync(ct).ConfigureAwait(false);
            await VersionRows.BindSegments(s.Command(InsertSegmentsAndOffer), finished.Segments)
                .With("seq", seq)
                .With("bucket_id", bucketId)
                .With("file_name", fileName)
                .ExecuteAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindUnreferencedBlobsAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobIds);
        return await ReadAsync((s, ct) => BlobReferences.UnreferencedAsync(s, blobIds, ct), cancellationToken, snapshot: true).ConfigureAwait(false);
    }
}
