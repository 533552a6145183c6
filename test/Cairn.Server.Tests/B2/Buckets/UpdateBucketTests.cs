using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Buckets;

/// <summary>b2_update_bucket: settings given replace the old ones, omitted ones stay, revision counts every update.</summary>
public sealed class UpdateBucketTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static async Task<JsonElement> UpdateAsync(B2Session session, object body)
    {
        using var response = await session.PostAsync("b2_update_bucket", body);
        return await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task UpdateBucket_BucketType_ChangesItAndBumpsRevision(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        var bucket = await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketType = "allPublic" });

        Assert.Equal("allPublic", bucket.GetProperty("bucketType").GetString());
        Assert.Equal(2, bucket.GetProperty("revision").GetInt64());
        Assert.Equal(12, WireAssert.Keys(bucket).Length);
    }

    [Fact]
    public async Task UpdateBucket_BucketInfo_IsReplacedWholesale()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketInfo = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });

        var bucket = await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketInfo = new Dictionary<string, string> { ["c"] = "3" } });

        Assert.Equal("""{"c":"3"}""", bucket.GetProperty("bucketInfo").GetRawText());
    }

    [Fact]
    public async Task UpdateBucket_OmittedOrNullSettings_StayAsTheyWere()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName(), "allPublic");
        await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketInfo = new Dictionary<string, string> { ["keep"] = "me" } });

        var bucket = await UpdateAsync(session, new Dictionary<string, object?>
        {
            ["accountId"] = session.AccountId,
            ["bucketId"] = bucketId,
            ["bucketType"] = null,
            ["bucketInfo"] = null,
            ["corsRules"] = null,
            ["lifecycleRules"] = null,
        });

        Assert.Equal("allPublic", bucket.GetProperty("bucketType").GetString());
        Assert.Equal("""{"keep":"me"}""", bucket.GetProperty("bucketInfo").GetRawText());
        Assert.Equal(3, bucket.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task UpdateBucket_LifecycleRules_AreEchoedWithNulls()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        var bucket = await UpdateAsync(session, new
        {
            accountId = session.AccountId,
            bucketId,
            lifecycleRules = new object[]
            {
                new { fileNamePrefix = "logs/", daysFromHidingToDeleting = (int?)5, daysFromUploadingToHiding = (int?)null },
                new { fileNamePrefix = "tmp/", daysFromUploadingToHiding = (int?)1, daysFromHidingToDeleting = (int?)1 },
                new { fileNamePrefix = "big/", daysFromStartingToCancelingUnfinishedLargeFiles = (int?)2, daysFromHidingToDeleting = (int?)null },
            },
        });

        var rules = bucket.GetProperty("lifecycleRules").EnumerateArray().ToList();
        Assert.Equal(3, rules.Count);
        var logs = rules.Single(r => r.GetProperty("fileNamePrefix").GetString() == "logs/");
        Assert.Equal(5, logs.GetProperty("daysFromHidingToDeleting").GetInt32());
        Assert.Equal(JsonValueKind.Null, logs.GetProperty("daysFromUploadingToHiding").ValueKind);
        var tmp = rules.Single(r => r.GetProperty("fileNamePrefix").GetString() == "tmp/");
        Assert.Equal(1, tmp.GetProperty("daysFromUploadingToHiding").GetInt32());
        Assert.Equal(1, tmp.GetProperty("daysFromHidingToDeleting").GetInt32());
        Assert.Equal(["daysFromHidingToDeleting", "daysFromUploadingToHiding", "fileNamePrefix"], WireAssert.Keys(tmp));
        var big = rules.Single(r => r.GetProperty("fileNamePrefix").GetString() == "big/");
        Assert.Equal(2, big.GetProperty("daysFromStartingToCancelingUnfinishedLargeFiles").GetInt32());
        Assert.Equal(JsonValueKind.Null, big.GetProperty("daysFromHidingToDeleting").ValueKind);
        Assert.Equal(JsonValueKind.Null, big.GetProperty("daysFromUploadingToHiding").ValueKind);
    }

    [Fact]
    public async Task UpdateBucket_EmptyLifecycleRules_ClearsThem()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        await UpdateAsync(session, new { accountId = session.AccountId, bucketId, lifecycleRules = new[] { new { fileNamePrefix = "", daysFromHidingToDeleting = 1 } } });

        var bucket = await UpdateAsync(session, new { accountId = session.AccountId, bucketId, lifecycleRules = Array.Empty<object>() });

        Assert.Equal("[]", bucket.GetProperty("lifecycleRules").GetRawText());
    }

    [Fact]
    public async Task UpdateBucket_EachUpdate_IncrementsRevisionByOne()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        for (var expected = 2; expected <= 5; expected++)
        {
            var bucket = await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketType = expected % 2 == 0 ? "allPublic" : "allPrivate" });
            Assert.Equal(expected, bucket.GetProperty("revision").GetInt64());
        }
    }

    [Fact]
    public async Task UpdateBucket_ConcurrentWithSameRevision_ExactlyOneWins()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, bucketInfo = new Dictionary<string, string> { ["n"] = $"{i}" }, ifRevisionIs = 1 })));
        try
        {
            Assert.Single(responses, r => (int)r.StatusCode == 200);
            foreach (var response in responses.Where(r => (int)r.StatusCode != 200))
            {
                await WireAssert.ErrorAsync(response, 409, "conflict", "simultaneous updates to bucket");
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task UpdateBucket_IfRevisionIsCurrent_Succeeds()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        var bucket = await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketType = "allPublic", ifRevisionIs = 1 });

        Assert.Equal(2, bucket.GetProperty("revision").GetInt64());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task UpdateBucket_IfRevisionIsStale_Returns409Conflict(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        await UpdateAsync(session, new { accountId = session.AccountId, bucketId, bucketType = "allPublic" });

        using var response = await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, bucketType = "allPrivate", ifRevisionIs = 1 });

        await WireAssert.ErrorAsync(response, 409, "conflict", "simultaneous updates to bucket");
    }

    [Fact]
    public async Task UpdateBucket_StaleRevision_LeavesTheBucketUnchanged()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());
        using (var stale = await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, bucketType = "allPublic", ifRevisionIs = 7 }))
        {
            await WireAssert.ErrorAsync(stale, 409, "conflict");
        }

        var listed = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId });

        var bucket = Assert.Single(listed.GetProperty("buckets").EnumerateArray());
        Assert.Equal("allPrivate", bucket.GetProperty("bucketType").GetString());
        Assert.Equal(1, bucket.GetProperty("revision").GetInt64());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task UpdateBucket_UnknownBucket_Returns400BadBucketId(int version)
    {
        var session = await fixture.SessionAsync(version);
        const string bucketId = "ffffffffffffffffffffffff";

        using var response = await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, bucketType = "allPublic" });

        await WireAssert.ErrorAsync(response, 400, "bad_bucket_id", $"Bucket {bucketId} does not exist");
    }

    [Fact]
    public async Task UpdateBucket_MalformedBucketId_Returns400BadBucketId()
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId = "1234567", bucketType = "allPublic" });

        await WireAssert.ErrorAsync(response, 400, "bad_bucket_id", "Bucket 1234567 does not exist");
    }

    [Fact]
    public async Task UpdateBucket_InvalidBucketType_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        using var response = await session.PostAsync("b2_update_bucket", new { accountId = session.AccountId, bucketId, bucketType = "snapshot" });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task UpdateBucket_Get_WithQueryParameters_Works()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        using var request = WireAssert.Request(HttpMethod.Get,
            $"b2api/v2/b2_update_bucket?accountId={session.AccountId}&bucketId={bucketId}&bucketType=allPublic&ifRevisionIs=1&bucketInfo=%7B%22k%22%3A%22v%22%7D", session.Token);
        using var response = await fixture.Http.SendAsync(request);
        var bucket = await WireAssert.JsonAsync(response);

        Assert.Equal("allPublic", bucket.GetProperty("bucketType").GetString());
        Assert.Equal("""{"k":"v"}""", bucket.GetProperty("bucketInfo").GetRawText());
        Assert.Equal(2, bucket.GetProperty("revision").GetInt64());
    }
}
