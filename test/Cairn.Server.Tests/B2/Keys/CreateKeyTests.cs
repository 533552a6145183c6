using Cairn.Core.Auth;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.B2.Keys;

public class CreateKeyTests(KeyServerFixture fixture) : IClassFixture<KeyServerFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CreateKey_ReturnsTheSecretOnce_InB2Shapes(int version)
    {
        using var master = await fixture.MasterAsync(version);
        var key = await CreateAsync(master, ["listFiles", "readFiles"], keyName: "my-special-key", version: version);

        Assert.Matches("^000" + master.AccountId + "[0-9a-f]{10}$", Id(key));
        Assert.Matches("^K000[0-9A-Za-z]{27}$", Secret(key));
        Assert.Equal(["listFiles", "readFiles"], key.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Equal("my-special-key", key.GetProperty("keyName").GetString());
        Assert.Equal(master.AccountId, key.GetProperty("accountId").GetString());
        Assert.Equal("s3", key.GetProperty("options")[0].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, key.GetProperty("expirationTimestamp").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, key.GetProperty("namePrefix").ValueKind);
        Assert.True(key.TryGetProperty(version >= 4 ? "bucketIds" : "bucketId", out _));
        Assert.False(key.TryGetProperty(version >= 4 ? "bucketId" : "bucketIds", out _));

        var stored = await fixture.Server.GetService<IMetadataStore>().GetKeyAsync(Id(key), default);
        Assert.NotNull(stored);
        Assert.DoesNotContain(Secret(key), stored.SecretHash, StringComparison.Ordinal);
        Assert.True(SecretHasher.Verify(Secret(key), stored.SecretHash));
        using var listed = await master.PostAsync("b2_list_keys", new { accountId = master.AccountId });
        Assert.DoesNotContain(Secret(key), await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKey_BucketAndPrefix_AuthorizeWithAllowedAsCreated()
    {
        using var master = await fixture.MasterAsync();
        var name = UniqueBucketName();
        var bucketId = await master.CreateBucketAsync(name);
        var key = await CreateAsync(master, ["listFiles"], [bucketId], "photos/", version: 2);
        Assert.Equal(bucketId, key.GetProperty("bucketId").GetString());
        Assert.Equal("photos/", key.GetProperty("namePrefix").GetString());

        using var v2 = await B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key));
        var allowed = v2.Authorization.GetProperty("allowed");
        Assert.Equal(bucketId, allowed.GetProperty("bucketId").GetString());
        Assert.Equal(name, allowed.GetProperty("bucketName").GetString());
        Assert.Equal("photos/", allowed.GetProperty("namePrefix").GetString());
        Assert.Equal(["listFiles"], allowed.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        using var v4 = await B2Session.AuthorizeAsync(fixture.Server, 4, Id(key), Secret(key));
        var allowed4 = v4.Authorization.GetProperty("apiInfo").GetProperty("storageApi").GetProperty("allowed");
        Assert.Equal(bucketId, allowed4.GetProperty("buckets")[0].GetProperty("id").GetString());
        Assert.Equal(name, allowed4.GetProperty("buckets")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreateKey_SeveralBuckets_WorkOnlyThroughV4()
    {
        using var master = await fixture.MasterAsync(4);
        var a = await master.CreateBucketAsync(UniqueBucketName());
        var b = await master.CreateBucketAsync(UniqueBucketName());
        var key = await CreateAsync(master, ["listFiles"], [a, b]);
        Assert.Equal([a, b], key.GetProperty("bucketIds").EnumerateArray().Select(e => e.GetString()));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key)));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Contains("unauthorized", refused.Message, StringComparison.Ordinal);
        using var v4 = await B2Session.AuthorizeAsync(fixture.Server, 4, Id(key), Secret(key));
        Assert.Equal(2, v4.Authorization.GetProperty("apiInfo").GetProperty("storageApi").GetProperty("allowed").GetProperty("buckets").GetArrayLength());
        // rclone authorizes through v4 and then calls v1: a multi-bucket token must work there.
        await v4.CallAsync("b2_list_file_names", new { bucketId = b }, version: 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CreateKey_PrefixWithoutBucket_AppliesInEveryBucket(int version)
    {
        using var master = await fixture.MasterAsync(version);
        var first = await master.CreateBucketAsync(UniqueBucketName());
        var second = await master.CreateBucketAsync(UniqueBucketName());
        var key = await CreateAsync(master, ["listFiles", "writeFiles"], null, "logs/", version: version);
        Assert.Equal("logs/", key.GetProperty("namePrefix").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, key.GetProperty(version >= 4 ? "bucketIds" : "bucketId").ValueKind);

        // B2's allowed: no bucket, the prefix.
        using var v2 = await B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key));
        var allowed = v2.Authorization.GetProperty("allowed");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, allowed.GetProperty("bucketId").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, allowed.GetProperty("bucketName").ValueKind);
        Assert.Equal("logs/", allowed.GetProperty("namePrefix").GetString());
        using var v4 = await B2Session.AuthorizeAsync(fixture.Server, 4, Id(key), Secret(key));
        var allowed4 = v4.Authorization.GetProperty("apiInfo").GetProperty("storageApi").GetProperty("allowed");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, allowed4.GetProperty("buckets").ValueKind);
        Assert.Equal("logs/", allowed4.GetProperty("namePrefix").GetString());

        // The prefix holds in every bucket of the account.
        foreach (var bucketId in new[] { first, second })
        {
            await v2.UploadAsync(bucketId, "logs/a.txt", [1, 2, 3]);
            var outside = await FailsAsync(() => v2.UploadAsync(bucketId, "photos/a.txt", [1, 2, 3]));
            Assert.Equal((401, "unauthorized"), (outside.Status, outside.Code));
            await v2.CallAsync("b2_list_file_names", new { bucketId, prefix = "logs/" });
            var wider = await FailsAsync(() => v2.CallAsync("b2_list_file_names", new { bucketId }));
            Assert.Equal((401, "unauthorized"), (wider.Status, wider.Code));
        }
    }

    [Fact]
    public async Task CreateKey_LoggingAndLifecycleRulesCapabilities_AreKnown()
    {
        using var master = await fixture.MasterAsync(2);
        string[] added = ["readBucketLogging", "writeBucketLogging", "readBucketLifecycleRules", "writeBucketLifecycleRules"];
        var key = await CreateAsync(master, added, version: 2);
        Assert.Equal(added.Order(), key.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).Order());

        using var session = await B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key));
        Assert.Equal(added.Order(), session.Authorization.GetProperty("allowed").GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).Order());
    }

    public static TheoryData<string, object> InvalidRequests() => new()
    {
        { "no capabilities", new { capabilities = Array.Empty<string>(), keyName = "k" } },
        { "unknown capability", new { capabilities = new[] { "readFiles", "fly" }, keyName = "k" } },
        { "missing capabilities", new { keyName = "k" } },
        { "missing keyName", new { capabilities = new[] { "readFiles" } } },
        { "name with underscore", new { capabilities = new[] { "readFiles" }, keyName = "my_key" } },
        { "name too long", new { capabilities = new[] { "readFiles" }, keyName = new string('k', 101) } },
        { "duration zero", new { capabilities = new[] { "readFiles" }, keyName = "k", validDurationInSeconds = 0 } },
        { "duration over 1000 days", new { capabilities = new[] { "readFiles" }, keyName = "k", validDurationInSeconds = 86_400_001 } },
        { "unknown bucket", new { capabilities = new[] { "readFiles" }, keyName = "k", bucketId = "0123456789abcdef01234567" } },
        { "garbled bucket", new { capabilities = new[] { "readFiles" }, keyName = "k", bucketId = "nope" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateKey_InvalidRequest_Returns400BadRequest(string why, object fields)
    {
        using var master = await fixture.MasterAsync();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(fields)!.AsObject();
        body["accountId"] = master.AccountId;
        var refused = await FailsAsync(() => master.CallAsync("b2_create_key", body));
        Assert.True(refused.Status == 400 && refused.Code == "bad_request", $"{why}: {refused.Message}");
    }

    [Fact]
    public async Task CreateKey_LongestNameAndDuration_AreAccepted()
    {
        using var master = await fixture.MasterAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var key = await CreateAsync(master, ["readFiles"], keyName: new string('K', 100), validDurationInSeconds: 86_400_000, version: 2);
        var expires = key.GetProperty("expirationTimestamp").GetInt64();
        Assert.InRange(expires, before + 86_400_000_000L, before + 86_400_000_000L + 60_000);
    }

    [Fact]
    public async Task CreateKey_OtherAccount_Returns401Unauthorized()
    {
        using var master = await fixture.MasterAsync();
        var refused = await FailsAsync(() => master.CallAsync("b2_create_key", new { accountId = "ffffffffffff", capabilities = new[] { "readFiles" }, keyName = "k" }));
        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task CreateKey_WithoutWriteKeys_Returns401Unauthorized()
    {
        using var master = await fixture.MasterAsync();
        using var limited = await SessionForNewKeyAsync(fixture.Server, master, Capabilities.All.Where(c => c != "writeKeys").ToList());
        var refused = await FailsAsync(() => CreateAsync(limited, ["readFiles"]));
        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task CreateKey_RestrictedCaller_CreatesOnlyWithinItsOwnScope()
    {
        using var master = await fixture.MasterAsync();
        var mine = await master.CreateBucketAsync(UniqueBucketName());
        var other = await master.CreateBucketAsync(UniqueBucketName());
        using var restricted = await SessionForNewKeyAsync(fixture.Server, master, ["writeKeys", "readFiles"], [mine], "team/");

        await CreateAsync(restricted, ["readFiles"], [mine], "team/");
        await CreateAsync(restricted, ["readFiles"], [mine], "team/sub/");
        foreach (var (buckets, prefix) in new (string[]?, string?)[] { (null, null), ([other], "team/"), ([mine], null), ([mine], "tea"), ([mine], "other/"), ([mine, other], "team/") })
        {
            var refused = await FailsAsync(() => CreateAsync(restricted, ["readFiles"], buckets, prefix));
            Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
        }
    }

    [Fact]
    public async Task CreateKey_ExpiredKey_CannotAuthorizeAndItsTokensStop()
    {
        using var master = await fixture.MasterAsync();
        var bucketId = await master.CreateBucketAsync(UniqueBucketName());
        var key = await CreateAsync(master, ["listFiles"], validDurationInSeconds: 1);
        using var session = await B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key));
        await session.CallAsync("b2_list_file_names", new { bucketId });
        await Task.Delay(1100);

        var stale = await FailsAsync(() => session.CallAsync("b2_list_file_names", new { bucketId }));
        Assert.Equal((401, "expired_auth_token"), (stale.Status, stale.Code));
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => B2Session.AuthorizeAsync(fixture.Server, 2, Id(key), Secret(key)));
        Assert.Contains("401", again.Message, StringComparison.Ordinal);
    }
}
