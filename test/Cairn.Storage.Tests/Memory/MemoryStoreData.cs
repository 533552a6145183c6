using Cairn.Core.Buckets;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;

namespace Cairn.Storage.Tests.Memory;

/// <summary>Builders for the records the memory store tests insert.</summary>
internal static class MemoryStoreData
{
    public const string AccountId = "d2e6b27577ea";

    public static Bucket Bucket(string name, string accountId = AccountId) => new()
    {
        AccountId = accountId,
        BucketId = IdGenerator.NewBucketId(),
        BucketName = name,
        BucketType = BucketTypes.AllPrivate,
    };

    public static FileVersion Upload(string bucketId, string fileName, params string[] blobIds) =>
        Version(bucketId, fileName, FileAction.Upload, FileIdKind.Small) with
        {
            ContentLength = 10L * blobIds.Length,
            ContentSha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            Segments = [.. blobIds.Select(b => new BlobSegment(b, 0, 10))],
        };

    public static FileVersion Hide(string bucketId, string fileName) => Version(bucketId, fileName, FileAction.Hide, FileIdKind.Small);

    public static FileVersion Start(string bucketId, string fileName) => Version(bucketId, fileName, FileAction.Start, FileIdKind.Large);

    /// <summary>The finished form of an unfinished large file: same id and name, an upload made of the given blobs.</summary>
    public static FileVersion Finished(FileVersion start, params string[] blobIds) => start with
    {
        Action = FileAction.Upload,
        ContentLength = 10L * blobIds.Length,
        Segments = [.. blobIds.Select(b => new BlobSegment(b, 0, 10))],
    };

    public static Part Part(string fileId, int number, string blobId) => new()
    {
        FileId = fileId,
        PartNumber = number,
        BlobId = blobId,
        ContentLength = 10,
        ContentSha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        ContentMd5 = "d41d8cd98f00b204e9800998ecf8427e",
        UploadTimestamp = 1,
    };

    public static ApplicationKey Key(string id, bool isMaster = false, string accountId = AccountId) => new()
    {
        ApplicationKeyId = id,
        AccountId = accountId,
        KeyName = "key-" + id,
        Capabilities = Capabilities.All,
        SecretHash = "salt:hash",
        IsMaster = isMaster,
    };

    private static FileVersion Version(string bucketId, string fileName, FileAction action, FileIdKind kind) => new()
    {
        FileId = IdGenerator.NewFileId(bucketId, kind, DateTimeOffset.UtcNow),
        AccountId = AccountId,
        BucketId = bucketId,
        FileName = fileName,
        Action = action,
        ContentSha1 = "none",
        ContentType = "application/octet-stream",
        // Deliberately decreasing: "newest" is insertion order, never the timestamp.
        UploadTimestamp = 2_000_000_000_000 - Interlocked.Increment(ref _timestamp),
    };

    private static long _timestamp;
}
