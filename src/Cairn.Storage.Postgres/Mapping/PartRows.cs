using Cairn.Core.LargeFiles;
using Cairn.Storage.Postgres.Internal;
using Npgsql;

namespace Cairn.Storage.Postgres.Mapping;

/// <summary>Maps <see cref="Part"/> to and from the <c>parts</c> table.</summary>
internal static class PartRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "file_id, part_number, blob_id, content_length, content_sha1, content_md5, upload_timestamp, blob_key";

    /// <summary>Parameters named after the columns, in the same order.</summary>
    public const string Parameters = "@file_id, @part_number, @blob_id, @content_length, @content_sha1, @content_md5, @upload_timestamp, @blob_key";

    public static Part Read(NpgsqlDataReader reader) => new()
    {
        FileId = reader.GetString(0),
        PartNumber = reader.GetInt32(1),
        BlobId = reader.GetString(2),
        ContentLength = reader.GetInt64(3),
        ContentSha1 = reader.GetString(4),
        ContentMd5 = reader.GetString(5),
        UploadTimestamp = reader.GetInt64(6),
        Key = reader.NullableString(7),
    };

    public static NpgsqlCommand Bind(NpgsqlCommand command, Part part) => command
        .With("file_id", part.FileId)
        .With("part_number", part.PartNumber)
        .With("blob_id", part.BlobId)
        .With("content_length", part.ContentLength)
        .With("content_sha1", part.ContentSha1)
        .With("content_md5", part.ContentMd5)
        .With("upload_timestamp", part.UploadTimestamp)
        .With("blob_key", part.Key);
}
