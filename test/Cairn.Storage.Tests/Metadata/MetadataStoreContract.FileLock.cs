using Cairn.Core.Buckets;
using Cairn.Core.Files;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task InsertFileVersion_WithRetentionAndLegalHold_RoundTrips()
    {
        var bucket = await AddBucketAsync();
        var version = await AddAsync(NewUpload(bucket.BucketId, "locked") with
        {
            Retention = new FileRetention(FileRetention.Compliance, 32503680000000),
            LegalHold = "on",
        });
        AssertSameVersion(version, await Store.GetFileVersionAsync(version.FileId, Ct));
        AssertSameListed(version, Assert.Single(await Store.ListFileVersionsAsync(bucket.BucketId, "", "", null, 10, Ct)));
    }

    [Fact]
    public async Task UpdateFileLock_ReplacesRetentionAndLegalHold()
    {
        var bucket = await AddBucketAsync();
        var version = await AddUploadAsync(bucket.BucketId, "a");
        Assert.True(await Store.UpdateFileLockAsync(version.FileId, new FileRetention(FileRetention.Governance, 1000), "on", Ct));
        var updated = await Store.GetFileVersionAsync(version.FileId, Ct);
        Assert.Equal(new FileRetention(FileRetention.Governance, 1000), updated!.Retention);
        Assert.Equal("on", updated.LegalHold);

        Assert.True(await Store.UpdateFileLockAsync(version.FileId, null, "off", Ct));
        updated = await Store.GetFileVersionAsync(version.FileId, Ct);
        Assert.Null(updated!.Retention);
        Assert.Equal("off", updated.LegalHold);
        AssertSameVersion(updated, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
    }

    [Fact]
    public async Task UpdateFileLock_UnknownVersion_ReturnsFalse() =>
        Assert.False(await Store.UpdateFileLockAsync("4_z000000000000000000000000_f1000000000000000_d20300101_m000000_c000_v0000000_t0000", null, "on", Ct));

    [Fact]
    public async Task FinishLargeFile_KeepsTheFinishedLockState()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var part = NewPart(start.FileId, 1);
        await Store.UpsertPartAsync(part, Ct);
        var finished = start with
        {
            Action = FileAction.Upload,
            ContentLength = part.ContentLength,
            Segments = [new BlobSegment(part.BlobId, 0, part.ContentLength)],
            Retention = new FileRetention(FileRetention.Governance, 5000),
            LegalHold = "off",
        };
        Assert.True(await Store.FinishLargeFileAsync(finished, Ct));
        AssertSameVersion(finished, await Store.GetFileVersionAsync(start.FileId, Ct));
    }

    [Fact]
    public async Task Bucket_DefaultRetentionAndReplication_RoundTripThroughInsertAndUpdate()
    {
        var bucket = NewBucket("lockedbucket") with
        {
            FileLockEnabled = true,
            DefaultRetention = new DefaultRetention(FileRetention.Compliance, 7, DefaultRetention.Days),
            ReplicationConfigurationJson = """{"asReplicationSource":null,"asReplicationDestination":null}""",
        };
        await Store.InsertBucketAsync(bucket, Ct);
        AssertSameBucket(bucket, await Store.GetBucketAsync(bucket.BucketId, Ct));

        var updated = bucket with { DefaultRetention = new DefaultRetention(FileRetention.Governance, 1, DefaultRetention.Years), ReplicationConfigurationJson = null, Revision = 2 };
        Assert.True(await Store.UpdateBucketAsync(updated, 1, Ct));
        AssertSameBucket(updated, await Store.GetBucketAsync(bucket.BucketId, Ct));
    }
}
