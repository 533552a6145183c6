using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Sqlite.Mapping;

/// <summary>
/// Maps <see cref="FileVersion"/> to and from <c>file_versions</c> (aliased <c>v</c> in every query) and
/// its <c>segments</c>.
/// </summary>
internal static class VersionRows
{
    /// <summary>The columns <see cref="ReadAll"/> expects, in order, from a table aliased <c>v</c>.</summary>
    public const string Columns =
        "v.seq, v.file_id, v.account_id, v.bucket_id, v.file_name, v.action, v.content_length, v.content_sha1, " +
        "v.content_md5, v.content_type, v.file_info, v.upload_timestamp, v.retention_mode, v.retain_until, v.legal_hold, v.sse_mode, v.sse_key_md5, v.replication_status";

    private const string SegmentsOfOne =
        "SELECT seq, blob_id, blob_offset, blob_length, blob_key FROM segments WHERE seq = $seq ORDER BY ordinal";

    // The IN list is walked in ascending order, so the primary key (seq, ordinal) delivers rows already sorted.
    private const string SegmentsOfMany =
        "SELECT seq, blob_id, blob_offset, blob_length, blob_key FROM segments " +
        "WHERE seq IN (SELECT value FROM json_each($seqs)) ORDER BY seq, ordinal";

    private const string InsertSegment =
        "INSERT INTO segments (seq, ordinal, blob_id, blob_offset, blob_length, blob_key) VALUES ($seq, $ordinal, $blob_id, $blob_offset, $blob_length, $blob_key)";

    /// <summary>A stored version and its store-assigned insertion sequence number.</summary>
    public readonly record struct Row(long Seq, FileVersion Version);

    /// <summary>
    /// Runs a query selecting <see cref="Columns"/> and returns its rows, with their segments unless
    /// <paramref name="withSegments"/> is false (listings, which never read bytes, skip that second lookup per row).
    /// </summary>
    public static List<Row> ReadAll(SqliteSession session, SqliteCommand query, bool withSegments = true)
    {
        var rows = new List<Row>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(new Row(reader.GetInt64(0), ReadVersion(reader)));
            }
        }
        if (withSegments && rows.Count > 0)
        {
            AttachSegments(session, rows);
        }
        return rows;
    }

    /// <summary>
    /// The segment columns <see cref="ReadOne"/> expects after <see cref="Columns"/>, from <see cref="JoinSegments"/>;
    /// the query orders its rows by <c>s.ordinal</c>.
    /// </summary>
    public const string SegmentColumns = ", s.blob_id, s.blob_offset, s.blob_length, s.blob_key";

    public const string JoinSegments = " LEFT JOIN segments AS s ON s.seq = v.seq";

    // Where the segment columns start: after every one of Columns.
    private static readonly int FirstSegmentColumn = Columns.Split(',').Length;

    /// <summary>
    /// One version and its segments from a single statement (a row per segment, or one row with null segment columns
    /// when there are none): one statement reads one committed state, so no read transaction is needed around it.
    /// </summary>
    public static Row? ReadOne(SqliteCommand query)
    {
        using var reader = query.ExecuteReader();
        if (!reader.Read())
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
        while (reader.Read());
        return new Row(seq, version with { Segments = segments });
    }

    /// <summary>Binds <c>$file_id</c> … <c>$replication_status</c>: every column except seq.</summary>
    public static SqliteCommand Bind(SqliteCommand command, FileVersion version) => command
        .With("$file_id", version.FileId)
        .With("$account_id", version.AccountId)
        .With("$bucket_id", version.BucketId)
        .With("$file_name", version.FileName)
        .With("$action", FileActionCodes.ToCode(version.Action))
        .With("$content_length", version.ContentLength)
        .With("$content_sha1", version.ContentSha1)
        .With("$content_md5", version.ContentMd5)
        .With("$content_type", version.ContentType)
        .With("$file_info", StoreJson.Write(version.FileInfo))
        .With("$upload_timestamp", version.UploadTimestamp)
        .With("$retention_mode", version.Retention?.Mode)
        .With("$retain_until", version.Retention?.RetainUntilTimestamp)
        .With("$legal_hold", version.LegalHold)
        .With("$sse_mode", version.Encryption?.Mode)
        .With("$sse_key_md5", version.Encryption?.CustomerKeyMd5)
        .With("$replication_status", version.ReplicationStatus);

    public static void InsertSegments(SqliteSession session, long seq, IReadOnlyList<BlobSegment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            session.Command(InsertSegment)
                .With("$seq", seq)
                .With("$ordinal", i)
                .With("$blob_id", segments[i].BlobId)
                .With("$blob_offset", segments[i].Offset)
                .With("$blob_length", segments[i].Length)
                .With("$blob_key", segments[i].Key)
                .ExecuteNonQuery();
        }
    }

    private static FileVersion ReadVersion(SqliteDataReader reader) => new()
    {
        FileId = reader.GetString(1),
        AccountId = reader.GetString(2),
        BucketId = reader.GetString(3),
        FileName = reader.GetString(4),
        Action = FileActionCodes.FromCode(reader.GetInt64(5)),
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

    private static void AttachSegments(SqliteSession session, List<Row> rows)
    {
        SqliteCommand query;
        if (rows.Count == 1)
        {
            query = session.Command(SegmentsOfOne).With("$seq", rows[0].Seq);
        }
        else
        {
            var seqs = new long[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                seqs[i] = rows[i].Seq;
            }
            query = session.Command(SegmentsOfMany).With("$seqs", StoreJson.Write(seqs));
        }

        var segments = new Dictionary<long, List<BlobSegment>>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                if (!segments.TryGetValue(seq, out var list))
                {
                    segments.Add(seq, list = []);
                }
                list.Add(new BlobSegment(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.NullableString(4)));
            }
        }
        if (segments.Count == 0)
        {
            return;
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
