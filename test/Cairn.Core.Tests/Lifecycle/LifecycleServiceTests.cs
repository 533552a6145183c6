using Cairn.Core.Buckets;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Core.LargeFiles;
using Cairn.Core.Lifecycle;
using Cairn.Core.Limits;
using Cairn.Core.Storage;
using Cairn.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Lifecycle;

/// <summary>Lifecycle rules on the memory stores with a fake clock that the tests move forward by days.</summary>
public class LifecycleServiceTests
{
    private const string AccountId = "0123456789ab";
    private static readonly TimeSpan Lease = TimeSpan.FromHours(1);
    private readonly MemoryMetadataStore _store = new();
    private readonly MemoryBlobStore _blobs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly LifecycleService _lifecycle;

    public LifecycleServiceTests()
    {
        _lifecycle = new LifecycleService(_store, new BlobReclaimer(_store, _blobs, NullLogger<BlobReclaimer>.Instance), _clock, NullLogger<LifecycleService>.Instance,
            new AccountCaps(new CapOptions(), _store, _clock));
    }

    [Fact]
    public async Task KeepOnlyTheLastVersion_DeletesOlderVersionsOneDayAfterTheyWereReplaced()
    {
        var bucket = await BucketAsync(new LifecycleRule("", null, 1, null));
        var v1 = await UploadAsync(bucket, "doc.txt");
        _clock.Advance(TimeSpan.FromHours(1));
        var v2 = await UploadAsync(bucket, "doc.txt");

        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(v2.UploadTimestamp) + TimeSpan.FromDays(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, (await RunAsync()).VersionsDeleted);
        Assert.Equal([v2.FileId, v1.FileId], await VersionIdsAsync(bucket));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, (await RunAsync()).VersionsDeleted);
        Assert.Equal([v2.FileId], await VersionIdsAsync(bucket));
        Assert.Single(await BlobIdsAsync());
    }

    [Fact]
    public async Task DeleteAfterNDays_HidesThenDeletesTheVersionAndItsMarker()
    {
        var bucket = await BucketAsync(new LifecycleRule("logs/", 7, 1, null));
        await UploadAsync(bucket, "logs/app.log");
        var kept = await UploadAsync(bucket, "other/app.log");

        _clock.Advance(TimeSpan.FromDays(7));
        var first = await RunAsync();
        Assert.Equal(1, first.HideMarkersCreated);
        var current = await _store.GetCurrentVersionAsync(bucket.BucketId, "logs/app.log", default);
        Assert.Equal(FileAction.Hide, current!.Action);

        _clock.Advance(TimeSpan.FromDays(1));
        var second = await RunAsync();
        Assert.Equal(2, second.VersionsDeleted);
        Assert.Equal([kept.FileId], await VersionIdsAsync(bucket));
        Assert.Single(await BlobIdsAsync());
    }

    [Fact]
    public async Task HidingToDeleting_RemovesHiddenFilesAndLeavesVisibleOnesAlone()
    {
        var bucket = await BucketAsync(new LifecycleRule("", null, 2, null));
        var visible = await UploadAsync(bucket, "visible.txt");
        await UploadAsync(bucket, "hidden.txt");
        await HideAsync(bucket, "hidden.txt");

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, (await RunAsync()).VersionsDeleted);
        Assert.Equal([visible.FileId], await VersionIdsAsync(bucket));
    }

    [Fact]
    public async Task UnfinishedLargeFiles_AreCancelledNDaysAfterStart()
    {
        var bucket = await BucketAsync(new LifecycleRule("", null, null, 3));
        var start = await StartLargeFileAsync(bucket, "big.iso");
        await _store.UpsertPartAsync(new Part { FileId = start.FileId, PartNumber = 1, BlobId = await BlobAsync(), ContentLength = 1, ContentSha1 = EmptyContent.Sha1, ContentMd5 = EmptyContent.Md5, UploadTimestamp = Now }, default);

        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(start.UploadTimestamp) + TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await RunAsync()).LargeFilesCancelled);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await RunAsync()).LargeFilesCancelled);
        Assert.Empty(await VersionIdsAsync(bucket));
        Assert.Empty(await BlobIdsAsync());
    }

    [Fact]
    public async Task Pass_WhileAnotherNodeHoldsTheLease_DoesNothing()
    {
        var bucket = await BucketAsync(new LifecycleRule("", null, 1, null));
        await UploadAsync(bucket, "a");
        await UploadAsync(bucket, "a");
        Assert.True(await _store.TryAcquireLeaseAsync(LifecycleService.LeaseName, "another-node", _clock.GetUtcNow(), TimeSpan.FromDays(5), default));
        _clock.Advance(TimeSpan.FromDays(2));

        var report = await RunAsync();

        Assert.False(report.Ran);
        Assert.Equal(2, (await VersionIdsAsync(bucket)).Count);
    }

    [Fact]
    public async Task ManyNames_SpanningListingPages_AreAllProcessed()
    {
        var bucket = await BucketAsync(new LifecycleRule("", null, 1, null));
        for (var i = 0; i < 700; i++)
        {
            await UploadAsync(bucket, $"f{i:D4}");
            await UploadAsync(bucket, $"f{i:D4}");
        }
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(700, (await RunAsync()).VersionsDeleted);
        Assert.Equal(700, (await VersionIdsAsync(bucket)).Count);
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<LifecycleReport> RunAsync() => _lifecycle.RunOnceAsync(Lease, default);

    private async Task<Bucket> BucketAsync(params LifecycleRule[] rules)
    {
        await _store.GetOrAddAccountAsync(new Account(AccountId, Now), default);
        var bucket = new Bucket
        {
            AccountId = AccountId,
            BucketId = IdGenerator.NewBucketId(),
            BucketName = "lifecycle-" + IdGenerator.RandomHex(8),
            BucketType = BucketTypes.AllPrivate,
            LifecycleRules = rules,
        };
        await _store.InsertBucketAsync(bucket, default);
        return bucket;
    }

    private async Task<string> BlobAsync()
    {
        var id = IdGenerator.NewBlobId();
        await using var writer = await _blobs.CreateAsync(id, default);
        await writer.WriteAsync(new byte[] { 1 }, default);
        await writer.CommitAsync(default);
        return id;
    }

    private async Task<FileVersion> UploadAsync(Bucket bucket, string name)
    {
        var version = Version(bucket, name, FileAction.Upload) with { ContentLength = 1, Segments = [new BlobSegment(await BlobAsync(), 0, 1)] };
        await _store.InsertFileVersionAsync(version, default);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        return version;
    }

    private async Task HideAsync(Bucket bucket, string name)
    {
        await _store.InsertFileVersionAsync(Version(bucket, name, FileAction.Hide), default);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    private async Task<FileVersion> StartLargeFileAsync(Bucket bucket, string name)
    {
        var version = Version(bucket, name, FileAction.Start) with { ContentSha1 = "none" };
        await _store.InsertFileVersionAsync(version, default);
        return version;
    }

    private FileVersion Version(Bucket bucket, string name, FileAction action) => new()
    {
        FileId = IdGenerator.NewFileId(bucket.BucketId, action == FileAction.Start ? FileIdKind.Large : FileIdKind.Small, _clock.GetUtcNow()),
        AccountId = AccountId,
        BucketId = bucket.BucketId,
        FileName = name,
        Action = action,
        ContentSha1 = EmptyContent.Sha1,
        ContentType = "text/plain",
        UploadTimestamp = Now,
    };

    private async Task<List<string>> VersionIdsAsync(Bucket bucket) =>
        (await _store.ListFileVersionsAsync(bucket.BucketId, "", "", null, 10_000, default)).Select(v => v.FileId).ToList();

    private async Task<List<string>> BlobIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var blob in _blobs.ListAsync(default))
        {
            ids.Add(blob.BlobId);
        }
        return ids;
    }
}
