using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Storage.Postgres.Internal;
using Npgsql;

namespace Cairn.Storage.Postgres.Mapping;

/// <summary>
/// Maps <see cref="FileVersion"/> to and from <c>file_versions</c> (aliased <c>v</c> in every query) and
/// its <c>segments</c>.
/// </summary>
internal static class VersionRows
{
    /// <summary>The columns <see cref="ReadAllAsync"/> expects, in order, from a table aliased <c>v</c>.</summary>
    public const string Columns =
        "v.seq, v.file_id, v.account_id, v.bucket_id, v.file_name, v.action, v.content_length, v.content_sha1, " +
        "v.content_md5, v.content_type, v.file_info, v.upload_timestamp, v.retention_mode, v.retain_until, v.legal_hold, v.sse_mode, v.sse_key_md5, v.replication_status";

    /// <summary>Every column but seq, for an INSERT.</summary>
    public const string InsertColumns =
        "file_id, account_id, bucket_id, file_name, action, content_length, content_sha1, content_md5, content_type, " +
        "file_info, upload_timestamp, retention_mode, retain_until, legal_hold, sse_mode, sse_key_md5, replication_status";

    // The parameters Bind sets, in the order of InsertColumns, in two parts around upload_timestamp (which the insert computes).

    /// <summary>The parameters before <c>upload_timestamp</c> in <see cref="InsertColumns"/>, with the comma after the last.</summary>
    public const string InsertParametersBeforeTimestamp =
        "@file_id, @account_id, @bucket_id, @file_name, @action, @content_length, @content_sha1, @content_md5, @content_type, @file_info, ";

    /// <summary>The parameters after <c>upload_timestamp</c> in <see cref="InsertColumns"/>.</summary>
    public const string InsertParametersAfterTimestamp = "@retention_mode, @retain_until, @legal_hold, @sse_mode, @sse_key_md5, @replication_status";

    // The primary key (seq, ordinal) delivers the rows of each version in order.
    private const string SegmentsOfMany =
        "SELECT seq, blob_id, blob_offset, blob_length, blob_key FROM segments WHERE seq = ANY(@seqs) ORDER BY seq, ordinal";

    /// <summary>
    /// Inserts a version's segments in one statement from parallel arrays (<see cref="BindSegments"/>), numbered from 0
    /// in array order; <c>@seq</c> names the version.
    /// </summary>
    public const string InsertSegments =
        "INSERT INTO segments (seq, ordinal, blob_id, blob_offset, blob_length, blob_key) " +
        "SELECT @seq, t.o - 1, t.blob_id, t.blob_offset, t.blob_length, t.blob_key " +
        "FROM unnest(@blob_ids, @blob_offsets, @blob_lengths, @blob_keys) WITH ORDINALITY AS t(blob_id, blob_offset, blob_length, blob_key, o)";

    /// <summary>A stored version and its store-assigned insertion sequence number.</summary>
    public readonly record struct Row(long Seq, FileVersion Version);

    /// <summary>
    /// Runs a query selecting <see cref="Columns"/> and returns its rows, with their segments unless
    /// <paramref name="withSegments"/> is false (listings, which never read bytes, skip that second query).
    /// </summary>
    public static async Task<List<Row>> ReadAllAsync(PostgresSession session, NpgsqlCommand query, CancellationToken cancellationToken, bool withSegments = true)
    {
        var rows = await query.ReadAllAsync(reader => new Row(reader.GetInt64(0), ReadVersion(reader)), cancellationToken).ConfigureAwait(false);
        if (withSegments && rows.Count > 0)
        {
            await AttachSegmentsAsync(session, rows, cancellationToken).ConfigureAwait(false);
        }
        return rows;
    }

    /// <summary>
    /// The segment columns <see cref="ReadOneAsync"/> expects after <see cref="Columns"/>, from <see cref="JoinSegments"/>;
    /// the query orders its rows by <c>s.ordinal</c>.
    /// </summary>
    public const string SegmentColumns = ", s.blob_id, s.blob_offset, s.blob_length, s.blob_key";

    public const string JoinSegments = " LEFT JOIN segments AS s ON s.seq = v.seq";

    // Where the segment columns start: after every one of Columns.
    private static readonly int FirstSegmentColumn = Columns.Split(',').Length;

    /// <summary>
    /// One version and its segments from a single statement (a row per segment, or one row with null segment columns
    /// when there are none): one statement reads one committed state.
    /// </summary>
    public static async Task<Row?> ReadOneAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        await using (query.ConfigureAwait(false))
        {
            var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
                var seq = reader.GetInt64(0);
                var version = ReadVersion(reader);
                var first = FirstSegmentColumn;
                if (reader.IsDBNull(first))
                {
                    return new Row(seq, version);
                }
                var segments = new List<BlobSegment>(1);
                do
                {
                    segments.Add(new BlobSegment(reader.GetString(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2), reader.NullableString(first + 3)));
                }
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
                return new Row(seq, version with { Segments = segments });
            }
        }
    }

    /// <summary>Binds <c>@file_id</c> … <c>@replication_status</c>: every column except seq.</summary>
    public static NpgsqlCommand Bind(NpgsqlCommand command, FileVersion version) => command
        .With("file_id", version.FileId)
        .With("account_id", version.AccountId)
        .With("bucket_id", version.BucketId)
        .With("file_name", version.FileName)
        .With("action", FileActionCodes.ToCode(version.Action))
        .With("content_length", version.ContentLength)
        .With("content_sha1", version.ContentSha1)
        .With("content_md5", version.ContentMd5)
        .With("content_type", version.ContentType)
        .With("file_info", StoreJson.Write(version.FileInfo))
        .With("upload_timestamp", version.UploadTimestamp)
        .With("retention_mode", version.Retention?.Mode)
        .With("retain_until", version.Retention?.RetainUntilTimestamp)
        .With("legal_hold", version.LegalHold)
        .With("sse_mode", version.Encryption?.Mode)
        .With("sse_key_md5", version.Encryption?.CustomerKeyMd5)
        .With("replication_status", version.ReplicationStatus);

    /// <summary>Binds the segment arrays of <see cref="InsertSegments"/>.</summary>
    public static NpgsqlCommand BindSegments(NpgsqlCommand command, IReadOnlyList<BlobSegment> segments) => command
        .With("blob_ids", segments.Select(s => (string?)s.BlobId).ToArray())
        .With("blob_offsets", segments.Select(s => s.Offset).ToArray())
        .With("blob_lengths", segments.Select(s => s.Length).ToArray())
        .With("blob_keys", segments.Select(s => s.Key).ToArray());

    private static FileVersion ReadVersion(NpgsqlDataReader reader) => new()
    {
        FileId = reader.GetString(1),
        AccountId = reader.GetString(2),
        BucketId = reader.GetString(3),
        FileName = reader.GetString(4),
        Action = FileActionCodes.FromCode(reader.GetInt32(5)),
        ContentLength = reader.GetInt64(6),
        ContentSha1 = reader.GetString(7),
        ContentMd5 = reader.NullableString(8),
        ContentType = reader.GetString(9),
        FileInfo = StoreJson.ReadMap(reader.GetString(10)),
        UploadTimestamp = reader.GetInt64(11),
        Retention = reader.NullableString(12) is { } mode ? new FileRetention(mode, reader.GetInt64(13)) : null,
        LegalHold = reader.NullableString(14),
        Encryption = reader.NullableString(15) is { } sseMode ? new FileEncryption(sseMode, reader.NullableString(16)) : null,
        ReplicationStatus = reader.NullableString(17),
    };

    private static async Task AttachSegmentsAsync(PostgresSession session, List<Row> rows, CancellationToken cancellationToken)
    {
        var seqs = rows.ConvertAll(row => row.Seq);
        var found = await session.Command(SegmentsOfMany).With("seqs", seqs)
            .ReadAllAsync(reader => (Seq: reader.GetInt64(0), Segment: new BlobSegment(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.NullableString(4))), cancellationToken)
            .ConfigureAwait(false);
        if (found.Count == 0)
        {
            return;
        }
        var segments = new Dictionary<long, List<BlobSegment>>();
        foreach (var (seq, segment) in found)
        {
            if (!segments.TryGetValue(seq, out var list))
            {
                segments.Add(seq, list = []);
            }
            list.Add(segment);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (segments.TryGetValue(rows[i].Seq, out var list))
            {
                rows[i] = rows[i] with { Version = rows[i].Version with { Segments = list } };
            }
        }
    }
}
