using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.Core.Storage;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// The behaviour every <see cref="IMetadataStore"/> promises. A store's test class inherits this suite and
/// only says how to create the store; xunit makes a fresh instance, so a fresh store, for every test.
/// </summary>
public abstract partial class MetadataStoreContract : IAsyncLifetime
{
    protected const string AccountId = "0123456789ab";
    protected const string OtherAccountId = "ba9876543210";

    private IMetadataStore? _store;
    private long _clock = 1_700_000_000_000;

    protected IMetadataStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new store over fresh, empty storage. The suite calls <see cref="IMetadataStore.InitializeAsync"/>.</summary>
    protected abstract Task<IMetadataStore> CreateStoreAsync();

    public virtual async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Ct);
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    /// <summary>Disposes the store and opens a new one over the same storage (for stores that persist).</summary>
    protected async Task ReopenStoreAsync()
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Ct);
    }

    // ---- builders ---------------------------------------------------------------------------------------

    protected long Now() => Interlocked.Increment(ref _clock);

    protected static Bucket NewBucket(string name, string accountId = AccountId) => new()
    {
        AccountId = accountId,
        BucketId = IdGenerator.NewBucketId(),
        BucketName = name,
        BucketType = BucketTypes.AllPrivate,
    };

    protected async Task<Bucket> AddBucketAsync(string? name = null, string accountId = AccountId)
    {
        var bucket = NewBucket(name ?? "bucket-" + IdGenerator.RandomHex(8), accountId);
        await Store.InsertBucketAsync(bucket, Ct);
        return bucket;
    }

    protected FileVersion NewUpload(string bucketId, string fileName, params string[] blobIds) => new()
    {
        FileId = IdGenerator.NewFileId(bucketId, FileIdKind.Small, DateTimeOffset.UtcNow),
        AccountId = AccountId,
        BucketId = bucketId,
        FileName = fileName,
        Action = FileAction.Upload,
        ContentLength = 10L * Math.Max(blobIds.Length, 1),
        ContentSha1 = "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed",
        ContentMd5 = "5eb63bbbe01eeed093cb22bb8f5acdc3",
        ContentType = "text/plain",
        UploadTimestamp = Now(),
        Segments = (blobIds.Length == 0 ? [IdGenerator.NewBlobId()] : blobIds)
            .Select(blobId => new BlobSegment(blobId, 0, 10)).ToList(),
    };

    protected FileVersion NewHide(string bucketId, string fileName) => new()
    {
        FileId = IdGenerator.NewFileId(bucketId, FileIdKind.Small, DateTimeOffset.UtcNow),
        AccountId = AccountId,
        BucketId = bucketId,
        FileName = fileName,
        Action = FileAction.Hide,
        ContentSha1 = "none",
        ContentType = "application/x-bz-hide-marker",
        UploadTimestamp = Now(),
    };

    protected FileVersion NewStart(string bucketId, string fileName) => new()
    {
        FileId = IdGenerator.NewFileId(bucketId, FileIdKind.Large, DateTimeOffset.UtcNow),
        AccountId = AccountId,
        BucketId = bucketId,
        FileName = fileName,
        Action = FileAction.Start,
        ContentSha1 = "none",
        ContentType = "b2/x-auto",
        FileInfo = new Dictionary<string, string> { ["large_file_sha1"] = "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed" },
        UploadTimestamp = Now(),
    };

    protected static Part NewPart(string fileId, int partNumber, string? blobId = null) => new()
    {
        FileId = fileId,
        PartNumber = partNumber,
        BlobId = blobId ?? IdGenerator.NewBlobId(),
        ContentLength = 5_000_000,
        ContentSha1 = "a9993e364706816aba3e25717850c26c9cd0d89d",
        ContentMd5 = "900150983cd24fb0d6963f7d28e17f72",
        UploadTimestamp = 1_700_000_000_000 + partNumber,
    };

    protected async Task<FileVersion> AddAsync(FileVersion version)
    {
        await Store.InsertFileVersionAsync(version, Ct);
        return version;
    }

    protected Task<FileVersion> AddUploadAsync(string bucketId, string fileName, params string[] blobIds) =>
        AddAsync(NewUpload(bucketId, fileName, blobIds));

    protected Task<FileVersion> AddHideAsync(string bucketId, string fileName) => AddAsync(NewHide(bucketId, fileName));

    protected Task<FileVersion> AddStartAsync(string bucketId, string fileName) => AddAsync(NewStart(bucketId, fileName));

    /// <summary>A finished large file made of <paramref name="parts"/>, as the object service builds it.</summary>
    protected FileVersion Finished(FileVersion start, IReadOnlyList<Part> parts) => start with
    {
        Action = FileAction.Upload,
        ContentLength = parts.Sum(p => p.ContentLength),
        ContentSha1 = "none",
        ContentMd5 = null,
        ContentType = "application/octet-stream",
        UploadTimestamp = Now(),
        Segments = parts.Select(p => new BlobSegment(p.BlobId, 0, p.ContentLength)).ToList(),
    };

    // ---- assertions ---------------------------------------------------------------------------------------

    /// <summary>Every field, with maps and segments compared by content (records compare collections by reference).</summary>
    protected static void AssertSameVersion(FileVersion expected, FileVersion? actual) => AssertSameVersion(expected, actual, segments: true);

    /// <summary>As <see cref="AssertSameVersion(FileVersion, FileVersion?)"/> without segments, which listings may leave out.</summary>
    protected static void AssertSameListed(FileVersion expected, FileVersion? actual) => AssertSameVersion(expected, actual, segments: false);

    private static void AssertSameVersion(FileVersion expected, FileVersion? actual, bool segments)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.FileId, actual.FileId);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.BucketId, actual.BucketId);
        Assert.Equal(expected.FileName, actual.FileName);
        Assert.Equal(expected.Action, actual.Action);
        Assert.Equal(expected.ContentLength, actual.ContentLength);
        Assert.Equal(expected.ContentSha1, actual.ContentSha1);
        Assert.Equal(expected.ContentMd5, actual.ContentMd5);
        Assert.Equal(expected.ContentType, actual.ContentType);
        AssertSameMap(expected.FileInfo, actual.FileInfo);
        Assert.Equal(expected.UploadTimestamp, actual.UploadTimestamp);
        if (segments)
        {
            Assert.Equal(expected.Segments, actual.Segments);
        }
        Assert.Equal(expected.Retention, actual.Retention);
        Assert.Equal(expected.LegalHold, actual.LegalHold);
        Assert.Equal(expected.Encryption, actual.Encryption);
        Assert.Equal(expected.ReplicationStatus, actual.ReplicationStatus);
    }

    protected static void AssertSameMap(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));

    protected static void AssertSameBucket(Bucket expected, Bucket? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.BucketId, actual.BucketId);
        Assert.Equal(expected.BucketName, actual.BucketName);
        Assert.Equal(expected.BucketType, actual.BucketType);
        AssertSameMap(expected.BucketInfo, actual.BucketInfo);
        Assert.Equal(expected.CorsRulesJson, actual.CorsRulesJson);
        Assert.Equal(expected.LifecycleRules, actual.LifecycleRules);
        Assert.Equal(expected.Revision, actual.Revision);
        Assert.Equal(expected.DefaultServerSideEncryption, actual.DefaultServerSideEncryption);
        Assert.Equal(expected.FileLockEnabled, actual.FileLockEnabled);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.DefaultRetention, actual.DefaultRetention);
        Assert.Equal(expected.ReplicationConfigurationJson, actual.ReplicationConfigurationJson);
    }

    protected static void AssertSameKey(ApplicationKey expected, ApplicationKey? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ApplicationKeyId, actual.ApplicationKeyId);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.KeyName, actual.KeyName);
        Assert.Equal(expected.Capabilities, actual.Capabilities);
        Assert.Equal(expected.BucketIds, actual.BucketIds);
        Assert.Equal(expected.NamePrefix, actual.NamePrefix);
        Assert.Equal(expected.ExpirationTimestamp, actual.ExpirationTimestamp);
        Assert.Equal(expected.SecretHash, actual.SecretHash);
        Assert.Equal(expected.IsMaster, actual.IsMaster);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
    }

    protected static async Task<CairnException> AssertCairnErrorAsync(CairnError error, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<CairnException>(action);
        Assert.Equal(error, exception.Error);
        return exception;
    }

    protected static IEnumerable<string> Ids(IEnumerable<FileVersion> versions) => versions.Select(v => v.FileId);

    protected static IEnumerable<string> Names(IEnumerable<FileVersion> versions) => versions.Select(v => v.FileName);
}
