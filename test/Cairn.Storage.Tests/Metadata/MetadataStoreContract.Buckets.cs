using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task InsertBucket_ThenGet_RoundTripsEveryField()
    {
        var bucket = NewBucket("Photos-2024") with
        {
            BucketType = BucketTypes.AllPublic,
            BucketInfo = new Dictionary<string, string> { ["Cache-Control"] = "max-age=60", ["owner"] = "zoë" },
            CorsRulesJson = """[{"corsRuleName":"all","allowedOrigins":["*"],"allowedOperations":["b2_download_file_by_id"],"maxAgeSeconds":60}]""",
            LifecycleRules =
            [
                new LifecycleRule("logs/", 7, 30, null),
                new LifecycleRule("", null, null, 2),
            ],
            Revision = 3,
            DefaultServerSideEncryption = "SSE-B2",
            FileLockEnabled = true,
            CreatedAt = 1_700_000_000_123,
        };

        await Store.InsertBucketAsync(bucket, Ct);

        AssertSameBucket(bucket, await Store.GetBucketAsync(bucket.BucketId, Ct));
        AssertSameBucket(bucket, await Store.GetBucketByNameAsync("Photos-2024", Ct));
    }

    [Fact]
    public async Task InsertBucket_SameNameInOtherCase_ThrowsDuplicateBucketName()
    {
        await AddBucketAsync("My-Bucket");

        var error = await AssertCairnErrorAsync(CairnError.DuplicateBucketName,
            () => Store.InsertBucketAsync(NewBucket("my-BUCKET", OtherAccountId), Ct));

        Assert.Equal("Bucket name is already in use.", error.Message);
        Assert.Single(await Store.ListBucketsAsync(AccountId, Ct));
        Assert.Empty(await Store.ListBucketsAsync(OtherAccountId, Ct));
    }

    [Fact]
    public async Task GetBucketByName_OtherCase_FindsBucket()
    {
        var bucket = await AddBucketAsync("Mixed-Case");

        AssertSameBucket(bucket, await Store.GetBucketByNameAsync("mIXED-cASE", Ct));
        Assert.Null(await Store.GetBucketByNameAsync("mixed-case2", Ct));
    }

    [Fact]
    public async Task GetBucket_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetBucketAsync("000000000000000000000000", Ct));
    }

    [Fact]
    public async Task ListBuckets_OrdersByNameAndKeepsToTheAccount()
    {
        await AddBucketAsync("charlie");
        await AddBucketAsync("Bravo");
        await AddBucketAsync("alpha");
        await AddBucketAsync("delta", OtherAccountId);

        var buckets = await Store.ListBucketsAsync(AccountId, Ct);

        Assert.Equal(["Bravo", "alpha", "charlie"], buckets.Select(b => b.BucketName));
    }

    [Fact]
    public async Task UpdateBucket_ExpectedRevision_ReplacesBucket()
    {
        var bucket = await AddBucketAsync();
        var updated = bucket with
        {
            BucketType = BucketTypes.AllPublic,
            BucketInfo = new Dictionary<string, string> { ["k"] = "v" },
            LifecycleRules = [new LifecycleRule("tmp/", null, 1, null)],
            Revision = 2,
        };

        Assert.True(await Store.UpdateBucketAsync(updated, 1, Ct));

        AssertSameBucket(updated, await Store.GetBucketAsync(bucket.BucketId, Ct));
    }

    [Fact]
    public async Task UpdateBucket_StaleRevision_ReturnsFalseAndChangesNothing()
    {
        var bucket = await AddBucketAsync();
        Assert.True(await Store.UpdateBucketAsync(bucket with { BucketType = BucketTypes.AllPublic, Revision = 2 }, 1, Ct));

        Assert.False(await Store.UpdateBucketAsync(bucket with { BucketType = BucketTypes.AllPrivate, Revision = 2 }, 1, Ct));

        var stored = await Store.GetBucketAsync(bucket.BucketId, Ct);
        Assert.Equal(BucketTypes.AllPublic, stored!.BucketType);
        Assert.Equal(2, stored.Revision);
    }

    [Fact]
    public async Task UpdateBucket_Missing_ReturnsFalse()
    {
        Assert.False(await Store.UpdateBucketAsync(NewBucket("ghost") with { Revision = 2 }, 1, Ct));
        Assert.Null(await Store.GetBucketByNameAsync("ghost", Ct));
    }

    [Fact]
    public async Task DeleteBucket_Empty_DeletesIt()
    {
        var bucket = await AddBucketAsync("short-lived");

        Assert.Equal(BucketDeleteResult.Deleted, await Store.DeleteBucketAsync(bucket.BucketId, Ct));

        Assert.Null(await Store.GetBucketAsync(bucket.BucketId, Ct));
        Assert.Null(await Store.GetBucketByNameAsync("short-lived", Ct));
        await Store.InsertBucketAsync(NewBucket("short-lived"), Ct);
    }

    [Fact]
    public async Task DeleteBucket_Missing_ReturnsNotFound()
    {
        Assert.Equal(BucketDeleteResult.NotFound, await Store.DeleteBucketAsync("000000000000000000000000", Ct));
    }

    [Theory]
    [InlineData("upload")]
    [InlineData("hide")]
    [InlineData("start")]
    [InlineData("start with part")]
    public async Task DeleteBucket_HoldingAnyVersion_ReturnsNotEmpty(string kind)
    {
        var bucket = await AddBucketAsync();
        var version = kind switch
        {
            "upload" => await AddUploadAsync(bucket.BucketId, "a"),
            "hide" => await AddHideAsync(bucket.BucketId, "a"),
            _ => await AddStartAsync(bucket.BucketId, "a"),
        };
        if (kind == "start with part")
        {
            await Store.UpsertPartAsync(NewPart(version.FileId, 1), Ct);
        }

        Assert.Equal(BucketDeleteResult.NotEmpty, await Store.DeleteBucketAsync(bucket.BucketId, Ct));
        Assert.NotNull(await Store.GetBucketAsync(bucket.BucketId, Ct));
    }

    [Fact]
    public async Task DeleteBucket_AfterDeletingEveryVersion_DeletesIt()
    {
        var bucket = await AddBucketAsync();
        var upload = await AddUploadAsync(bucket.BucketId, "a");
        var start = await AddStartAsync(bucket.BucketId, "b");
        await Store.UpsertPartAsync(NewPart(start.FileId, 1), Ct);
        await Store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, Ct);
        await Store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: false, Ct);

        Assert.Equal(BucketDeleteResult.Deleted, await Store.DeleteBucketAsync(bucket.BucketId, Ct));
    }

    [Fact]
    public async Task InsertFileVersion_MissingBucket_ThrowsBucketNotFound()
    {
        var bucket = await AddBucketAsync();
        await Store.DeleteBucketAsync(bucket.BucketId, Ct);

        var error = await AssertCairnErrorAsync(CairnError.BucketNotFound,
            () => Store.InsertFileVersionAsync(NewUpload(bucket.BucketId, "a"), Ct));

        Assert.Equal($"Bucket {bucket.BucketId} does not exist", error.Message);
    }
}
