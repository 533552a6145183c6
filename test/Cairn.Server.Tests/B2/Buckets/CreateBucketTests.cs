using System.Text.Json;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Buckets;

/// <summary>b2_create_bucket: the full bucket object back, B2's name rules, global case-insensitive uniqueness.</summary>
public sealed class CreateBucketTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] BucketKeys =
    [
        "accountId", "bucketId", "bucketInfo", "bucketName", "bucketType", "corsRules", "defaultServerSideEncryption",
        "fileLockConfiguration", "lifecycleRules", "options", "replicationConfiguration", "revision",
    ];

    private async Task<HttpResponseMessage> CreateAsync(int version, object body) => await (await fixture.SessionAsync(version)).PostAsync("b2_create_bucket", body);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CreateBucket_Minimal_ReturnsEveryKeyOfTheBucketObject(int version)
    {
        var session = await fixture.SessionAsync(version);
        var name = ServerFixture.NewBucketName();

        using var response = await CreateAsync(version, new { accountId = session.AccountId, bucketName = name, bucketType = "allPrivate" });
        var bucket = await WireAssert.JsonAsync(response);

        Assert.Equal(BucketKeys, WireAssert.Keys(bucket));
        Assert.Equal(session.AccountId, bucket.GetProperty("accountId").GetString());
        Assert.Matches("^[0-9a-f]{24}$", bucket.GetProperty("bucketId").GetString());
        Assert.Equal(JsonValueKind.Object, bucket.GetProperty("bucketInfo").ValueKind);
        Assert.Empty(bucket.GetProperty("bucketInfo").EnumerateObject());
        Assert.Equal(name, bucket.GetProperty("bucketName").GetString());
        Assert.Equal("allPrivate", bucket.GetProperty("bucketType").GetString());
        Assert.Equal("[]", bucket.GetProperty("corsRules").GetRawText());
        Assert.Equal("[]", bucket.GetProperty("lifecycleRules").GetRawText());
        Assert.Equal("""["s3"]""", bucket.GetProperty("options").GetRawText());
        Assert.Equal(1, bucket.GetProperty("revision").GetInt64());

        var encryption = bucket.GetProperty("defaultServerSideEncryption");
        Assert.True(encryption.GetProperty("isClientAuthorizedToRead").GetBoolean());
        Assert.Equal(["algorithm", "mode"], WireAssert.Keys(encryption.GetProperty("value")));

        var fileLock = bucket.GetProperty("fileLockConfiguration");
        Assert.Equal(["isClientAuthorizedToRead", "value"], WireAssert.Keys(fileLock));
        Assert.True(fileLock.GetProperty("isClientAuthorizedToRead").GetBoolean());
        var lockValue = fileLock.GetProperty("value");
        Assert.Equal(["defaultRetention", "isFileLockEnabled"], WireAssert.Keys(lockValue));
        Assert.False(lockValue.GetProperty("isFileLockEnabled").GetBoolean());
        Assert.Equal(["mode", "period"], WireAssert.Keys(lockValue.GetProperty("defaultRetention")));
    }

    [Fact]
    public async Task CreateBucket_AllPublic_IsKept()
    {
        var session = await fixture.SessionAsync();

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = ServerFixture.NewBucketName(), bucketType = "allPublic" });

        Assert.Equal("allPublic", (await WireAssert.JsonAsync(response)).GetProperty("bucketType").GetString());
    }

    [Fact]
    public async Task CreateBucket_ExplicitNullSettings_AreTreatedAsAbsent()
    {
        var session = await fixture.SessionAsync();
        var json = $$"""
            {"accountId":"{{session.AccountId}}","bucketName":"{{ServerFixture.NewBucketName()}}","bucketType":"allPrivate",
             "bucketInfo":null,"corsRules":null,"lifecycleRules":null,"fileLockEnabled":null,"defaultServerSideEncryption":null}
            """;

        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_create_bucket", session.Token, json);
        using var response = await fixture.Http.SendAsync(request);
        var bucket = await WireAssert.JsonAsync(response);

        Assert.Equal("{}", bucket.GetProperty("bucketInfo").GetRawText());
        Assert.Equal("[]", bucket.GetProperty("corsRules").GetRawText());
        Assert.Equal("[]", bucket.GetProperty("lifecycleRules").GetRawText());
    }

    [Fact]
    public async Task CreateBucket_WithInfoAndLifecycleRules_EchoesThem()
    {
        var session = await fixture.SessionAsync();

        using var response = await CreateAsync(2, new
        {
            accountId = session.AccountId,
            bucketName = ServerFixture.NewBucketName(),
            bucketType = "allPrivate",
            bucketInfo = new Dictionary<string, string> { ["color"] = "blue" },
            lifecycleRules = new[] { new { fileNamePrefix = "logs/", daysFromHidingToDeleting = 5 } },
        });
        var bucket = await WireAssert.JsonAsync(response);

        Assert.Equal("""{"color":"blue"}""", bucket.GetProperty("bucketInfo").GetRawText());
        var rule = Assert.Single(bucket.GetProperty("lifecycleRules").EnumerateArray());
        Assert.Equal("logs/", rule.GetProperty("fileNamePrefix").GetString());
        Assert.Equal(5, rule.GetProperty("daysFromHidingToDeleting").GetInt32());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("daysFromUploadingToHiding").ValueKind);
    }

    [Theory]
    [InlineData("abcde")]
    [InlineData("a")]
    [InlineData("")]
    [InlineData("b2-reserved-name")]
    [InlineData("B2-reserved-name")]
    [InlineData("has_underscore")]
    [InlineData("has.dot.in-it")]
    [InlineData("has space-in-it")]
    [InlineData("slash/in-name")]
    [InlineData("ünïcode-name")]
    public async Task CreateBucket_InvalidName_Returns400BadRequest(string name)
    {
        var session = await fixture.SessionAsync();

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = name, bucketType = "allPrivate" });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task CreateBucket_NameOf64Characters_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = new string('a', 64), bucketType = "allPrivate" });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task CreateBucket_NamesOf6And63Characters_AreAccepted()
    {
        var session = await fixture.SessionAsync();
        var suffix = Guid.NewGuid().ToString("N");

        foreach (var name in new[] { "s" + suffix[..5], ("L" + suffix + suffix)[..63] })
        {
            using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = name, bucketType = "allPrivate" });
            Assert.Equal(name, (await WireAssert.JsonAsync(response)).GetProperty("bucketName").GetString());
        }
    }

    [Theory]
    [InlineData("private")]
    [InlineData("allprivate")]
    [InlineData("snapshot")]
    [InlineData("restricted")]
    [InlineData("")]
    public async Task CreateBucket_InvalidBucketType_Returns400BadRequest(string type)
    {
        var session = await fixture.SessionAsync();

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = ServerFixture.NewBucketName(), bucketType = type });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CreateBucket_DuplicateName_Returns400DuplicateBucketName(int version)
    {
        var session = await fixture.SessionAsync(version);
        var name = ServerFixture.NewBucketName();
        await session.CreateBucketAsync(name);

        using var response = await CreateAsync(version, new { accountId = session.AccountId, bucketName = name, bucketType = "allPublic" });

        await WireAssert.ErrorAsync(response, 400, "duplicate_bucket_name", "Bucket name is already in use.");
    }

    [Fact]
    public async Task CreateBucket_NameDifferingOnlyInCase_Returns400DuplicateBucketName()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName("case");
        await session.CreateBucketAsync(name);

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = name.ToUpperInvariant(), bucketType = "allPrivate" });

        await WireAssert.ErrorAsync(response, 400, "duplicate_bucket_name", "Bucket name is already in use.");
    }

    [Fact]
    public async Task CreateBucket_MixedCaseName_IsStoredAsGiven()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName("MixedCase");

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = name, bucketType = "allPrivate" });

        Assert.Equal(name, (await WireAssert.JsonAsync(response)).GetProperty("bucketName").GetString());
    }

    [Fact]
    public async Task CreateBucket_SameNameConcurrently_ExactlyOneWins()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            session.PostAsync("b2_create_bucket", new { accountId = session.AccountId, bucketName = name, bucketType = "allPrivate" })));
        try
        {
            Assert.Single(responses, r => (int)r.StatusCode == 200);
            foreach (var response in responses.Where(r => (int)r.StatusCode != 200))
            {
                await WireAssert.ErrorAsync(response, 400, "duplicate_bucket_name", "Bucket name is already in use.");
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
    public async Task CreateBucket_TenInfoEntries_AreAccepted()
    {
        var session = await fixture.SessionAsync();
        var info = Enumerable.Range(0, 10).ToDictionary(i => $"key{i}", i => $"value{i}");

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = ServerFixture.NewBucketName(), bucketType = "allPrivate", bucketInfo = info });

        Assert.Equal(10, (await WireAssert.JsonAsync(response)).GetProperty("bucketInfo").EnumerateObject().Count());
    }

    [Fact]
    public async Task CreateBucket_ElevenInfoEntries_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();
        var info = Enumerable.Range(0, 11).ToDictionary(i => $"key{i}", i => $"value{i}");

        using var response = await CreateAsync(2, new { accountId = session.AccountId, bucketName = ServerFixture.NewBucketName(), bucketType = "allPrivate", bucketInfo = info });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task CreateBucket_OverlappingLifecycleRules_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();

        using var response = await CreateAsync(2, new
        {
            accountId = session.AccountId,
            bucketName = ServerFixture.NewBucketName(),
            bucketType = "allPrivate",
            lifecycleRules = new[] { new { fileNamePrefix = "a/", daysFromHidingToDeleting = 1 }, new { fileNamePrefix = "a/b/", daysFromHidingToDeleting = 2 } },
        });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Theory]
    [InlineData("accountId")]
    [InlineData("bucketName")]
    [InlineData("bucketType")]
    public async Task CreateBucket_MissingRequiredField_Returns400BadRequest(string missing)
    {
        var session = await fixture.SessionAsync();
        var body = new Dictionary<string, string>
        {
            ["accountId"] = session.AccountId,
            ["bucketName"] = ServerFixture.NewBucketName(),
            ["bucketType"] = "allPrivate",
        };
        body.Remove(missing);

        using var response = await CreateAsync(2, body);

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task CreateBucket_OtherAccountId_Returns401Unauthorized()
    {
        using var response = await CreateAsync(2, new { accountId = "000000000000", bucketName = ServerFixture.NewBucketName(), bucketType = "allPrivate" });

        Assert.Equal(401, (int)response.StatusCode);
        await WireAssert.ErrorAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task CreateBucket_GetWithQueryParameters_Works()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName();

        using var request = WireAssert.Request(HttpMethod.Get, $"b2api/v2/b2_create_bucket?accountId={session.AccountId}&bucketName={name}&bucketType=allPrivate", session.Token);
        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(name, (await WireAssert.JsonAsync(response)).GetProperty("bucketName").GetString());
    }
}
