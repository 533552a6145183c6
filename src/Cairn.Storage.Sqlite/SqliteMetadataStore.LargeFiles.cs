using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.LargeFiles;
using Cairn.Storage.Sqlite.Internal;
using Cairn.Storage.Sqlite.Mapping;

namespace Cairn.Storage.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string SelectSeqInBucket = "SELECT seq FROM file_versions WHERE file_id = $file_id AND bucket_id = $bucket_id";

    // The partial index holds only unfinished files, in age order; the prefix is a filter on those few rows.
    private const string SelectUnfinished =
        "SELECT " + VersionRows.Columns + " FROM file_versions AS v INDEXED BY file_versions_unfinished " +
        "WHERE v.bucket_id = $bucket_id AND v.action = 1 AND v.seq >= $from_seq " +
        "AND v.file_name >= $prefix AND v.file_name < CAST($to AS TEXT) ORDER BY v.seq LIMIT $limit";

    private const string SelectAction = "SELECT action FROM file_versions WHERE file_id = $file_id";

    private const string SelectPartBlob = "SELECT blob_id FROM parts WHERE file_id = $file_id AND part_number = $part_number";

    private const string UpsertPart =
        "INSERT INTO parts (" + PartRows.Columns + ") VALUES (" + PartRows.Parameters + ") " +
        "ON CONFLICT (file_id, part_number) DO UPDATE SET blob_id = excluded.blob_id, content_length = excluded.content_length, " +
        "content_sha1 = excluded.content_sha1, content_md5 = excluded.content_md5, upload_timestamp = excluded.upload_timestamp, " +
        "blob_key = excluded.blob_key";

    private const string SelectParts =
        "SELECT " + PartRows.Columns + " FROM parts WHERE file_id = $file_id AND part_number >= $start ORDER BY part_number LIMIT $limit";

    private const string SelectNumberedPartBlobs = "SELECT part_number, blob_id FROM parts WHERE file_id = $file_id ORDER BY part_number";

    private const string SelectUnfinishedForFinish =
        "SELECT seq, bucket_id, file_name FROM file_versions WHERE file_id = $file_id AND action = 1";

    private const string FinishVersion =
        "UPDATE file_versions SET action = 0, content_length = $content_length, content_sha1 = $content_sha1, " +
        "content_md5 = $content_md5, content_type = $content_type, file_info = $file_info, upload_timestamp = $upload_timestamp, " +
        "retention_mode = $retention_mode, retain_until = $retain_until, legal_hold = $legal_hold WHERE seq = $seq";

    /// <remarks>
    /// A <paramref name="startFileId"/> that names no version of the bucket (for instance because that upload
    /// was canceled since the previous page) yields an empty list: there is no place to resume from.
    /// </remarks>
    public async Task<IReadOnlyList<FileVersion>> ListUnfinishedLargeFilesAsync(string bucketId, string prefix, string? startFileId, int limit, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(s =>
        {
            var fromSeq = 0L;
            if (startFileId is not null)
            {
                if (s.Command(SelectSeqInBucket).With("$file_id", startFileId).With("$bucket_id", bucketId).Scalar() is not long seq)
                {
                    return [];
                }
                fromSeq = seq;
            }
            return VersionRows.ReadAll(s, s.Command(SelectUnfinished)
                .With("$bucket_id", bucketId)
                .With("$from_seq", fromSeq)
                .With("$prefix", prefix)
                .With("$to", Utf8Range.SuccessorOfPrefix(prefix))
                .With("$limit", Math.Max(limit, 0)));
        }, cancellationToken, snapshot: true).ConfigureAwait(false);
        return Versions(rows);
    }

    public Task<IReadOnlyList<string>> UpsertPartAsync(Part part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        return WriteAsync<IReadOnlyList<string>>(s =>
        {
            if (s.Command(SelectAction).With("$file_id", part.FileId).Scalar() is not FileActionCodes.Start)
            {
                throw Fail.FileNotPresent($"File not present: {part.FileId}");
            }
            var replaced = (string?)s.Command(SelectPartBlob)
                .With("$file_id", part.FileId)
                .With("$part_number", part.PartNumber)
                .Scalar();
            PartRows.Bind(s.Command(UpsertPart), part).ExecuteNonQuery();
            return replaced is null || replaced == part.BlobId ? [] : BlobReferences.Unreferenced(s, [replaced]);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<Part>> ListPartsAsync(string fileId, int startPartNumber, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.Command(SelectParts)
            .With("$file_id", fileId)
            .With("$start", startPartNumber)
            .With("$limit", Math.Max(limit, 0))
            .ReadAll(PartRows.Read), cancellationToken).ConfigureAwait(false);

    /// <remarks>
    /// The version keeps its stored id, bucket, name and account; everything else comes from
    /// <paramref name="finished"/>, and its action becomes upload. Blobs of parts that the finished version's
    /// segments do not name are left to the orphan sweep.
    /// </remarks>
    public Task<bool> FinishLargeFileAsync(FileVersion finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        return WriteAsync(s =>
        {
            long seq;
            string bucketId, fileName;
            using (var reader = s.Command(SelectUnfinishedForFinish).With("$file_id", finished.FileId).ExecuteReader())
            {
                if (!reader.Read())
                {
                    return false;
                }
                (seq, bucketId, fileName) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            }
            var parts = s.Command(SelectNumberedPartBlobs).With("$file_id", finished.FileId).ReadAll(r => (Number: r.GetInt32(0), BlobId: r.GetString(1)));
            LargeFileParts.EnsureSegmentsAre(parts, finished.Segments);
            s.Command(FinishVersion)
                .With("$seq", seq)
                .With("$content_length", finished.ContentLength)
                .With("$content_sha1", finished.ContentSha1)
                .With("$content_md5", finished.ContentMd5)
                .With("$content_type", finished.ContentType)
                .With("$file_info", StoreJson.Write(finished.FileInfo))
                .With("$upload_timestamp", finished.UploadTimestamp)
                .With("$retention_mode", finished.Retention?.Mode)
                .With("$retain_until", finished.Retention?.RetainUntilTimestamp)
                .With("$legal_hold", finished.LegalHold)
                .ExecuteNonQuery();
            s.Command(DeleteParts).With("$file_id", finished.FileId).ExecuteNonQuery();
            s.Command(DeleteSegments).With("$seq", seq).ExecuteNonQuery();
            VersionRows.InsertSegments(s, seq, finished.Segments);
            CurrentVersions.Offer(s, bucketId, fileName, seq, isUpload: true);
            QueueReplication(s, seq);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindUnreferencedBlobsAsync(IReadOnlyCollection<string> blobIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobIds);
        return await ReadAsync(s => BlobReferences.Unreferenced(s, blobIds), cancellationToken, snapshot: true).ConfigureAwait(false);
    }
}
