using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Buckets;

/// <summary>b2_delete_bucket: returns the bucket as it was; refused while any version, hide markers included, remains.</summary>
public sealed class DeleteBucketTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static Task<HttpResponseMessage> DeleteAsync(B2Session session, string bucketId) =>
        session.PostAsync("b2_delete_bucket", new { accountId = session.AccountId, bucketId });

    private static async Task<bool> ExistsAsync(B2Session session, string bucketId)
    {
        var listed = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId });
        return listed.GetProperty("buckets").GetArrayLength() == 1;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task DeleteBucket_Empty_ReturnsTheBucketAndRemovesIt(int version)
    {
        var session = await fixture.SessionAsync(version);
        var name = ServerFixture.NewBucketName();
        var bucketId = await session.CreateBucketAsync(name);

        using var response = await DeleteAsync(session, bucketId);
        var bucket = await WireAssert.JsonAsync(response);

        Assert.Equal(12, WireAssert.Keys(bucket).Length);
        Assert.Equal(bucketId, bucket.GetProperty("bucketId").GetString());
        Assert.Equal(name, bucket.GetProperty("bucketName").GetString());
        Assert.False(await ExistsAsync(session, bucketId));
    }

    [Fact]
    public async Task DeleteBucket_NameIsFreeAfterwards()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName();
        var bucketId = await session.CreateBucketAsync(name);
        using (var deleted = await DeleteAsync(session, bucketId))
        {
            await WireAssert.JsonAsync(deleted);
        }

        var again = await session.CreateBucketAsync(name);

        Assert.NotEqual(bucketId, again);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task DeleteBucket_HoldingAFile_Returns400CannotDeleteNonEmptyBucket(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        await session.UploadAsync(bucketId, "a.txt", Encoding.UTF8.GetBytes("hello"));

        using var response = await DeleteAsync(session, bucketId);

        await WireAssert.ErrorAsync(response, 400, "cannot_delete_non_empty_bucket");
        Assert.True(await ExistsAsync(session, bucketId));
    }

    [Fact]
    public async Task DeleteBucket_HoldingOnlyAHideMarker_Returns400CannotDeleteNonEmptyBucket()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        var file = await session.UploadAsync(bucketId, "hidden.txt", Encoding.UTF8.GetBytes("x"));
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "hidden.txt" });
        await DeleteVersionAsync(session, file);

        using var response = await DeleteAsync(session, bucketId);

        await WireAssert.ErrorAsync(response, 400, "cannot_delete_non_empty_bucket");
    }

    [Fact]
    public async Task DeleteBucket_AfterEveryVersionIsDeleted_Succeeds()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        var first = await session.UploadAsync(bucketId, "f.txt", Encoding.UTF8.GetBytes("one"));
        var second = await session.UploadAsync(bucketId, "f.txt", Encoding.UTF8.GetBytes("two"));
        var marker = await session.CallAsync("b2_hide_file", new { bucketId, fileName = "f.txt" });
        foreach (var version in new[] { first, second, marker })
        {
            await DeleteVersionAsync(session, version);
        }

        using var response = await DeleteAsync(session, bucketId);

        Assert.Equal(bucketId, (await WireAssert.JsonAsync(response)).GetProperty("bucketId").GetString());
        Assert.False(await ExistsAsync(session, bucketId));
    }

    [Fact]
    public async Task DeleteBucket_OnDisk_RefusedWhileHoldingAFileThenSucceeds()
    {
        await using var server = await CairnServer.StartAsync();
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        var file = await session.UploadAsync(bucketId, "dir/on-disk.bin", new byte[4096]);

        using (var refused = await DeleteAsync(session, bucketId))
        {
            await WireAssert.ErrorAsync(refused, 400, "cannot_delete_non_empty_bucket");
        }
        await DeleteVersionAsync(session, file);
        using var response = await DeleteAsync(session, bucketId);

        Assert.Equal(bucketId, (await WireAssert.JsonAsync(response)).GetProperty("bucketId").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task DeleteBucket_UnknownBucket_Returns400BadBucketId(int version)
    {
        var session = await fixture.SessionAsync(version);
        const string bucketId = "eeeeeeeeeeeeeeeeeeeeeeee";

        using var response = await DeleteAsync(session, bucketId);

        await WireAssert.ErrorAsync(response, 400, "bad_bucket_id", $"Bucket {bucketId} does not exist");
    }

    [Fact]
    public async Task DeleteBucket_Twice_SecondReturns400BadBucketId()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        using (var first = await DeleteAsync(session, bucketId))
        {
            await WireAssert.JsonAsync(first);
        }

        using var second = await DeleteAsync(session, bucketId);

        await WireAssert.ErrorAsync(second, 400, "bad_bucket_id", $"Bucket {bucketId} does not exist");
    }

    [Fact]
    public async Task DeleteBucket_MissingBucketId_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_delete_bucket", new { accountId = session.AccountId });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    private static async Task DeleteVersionAsync(B2Session session, JsonElement version) =>
        await session.CallAsync("b2_delete_file_version", new { fileId = version.GetProperty("fileId").GetString(), fileName = version.GetProperty("fileName").GetString() });
}
