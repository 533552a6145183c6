using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Accounts;

/// <summary>b2_authorize_account: Basic auth over GET or POST, in the shape of each API version (b2-api/auth-and-keys.md).</summary>
public sealed class AuthorizeAccountTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] AllowedV1Keys = ["bucketId", "bucketName", "capabilities", "namePrefix"];
    private static readonly string[] V1Keys =
        ["absoluteMinimumPartSize", "accountId", "allowed", "apiUrl", "authorizationToken", "downloadUrl", "minimumPartSize", "recommendedPartSize", "s3ApiUrl"];
    private static readonly string[] V2Keys =
        ["absoluteMinimumPartSize", "accountId", "allowed", "apiUrl", "authorizationToken", "downloadUrl", "recommendedPartSize", "s3ApiUrl"];
    private static readonly string[] V3V4TopKeys = ["accountId", "apiInfo", "applicationKeyExpirationTimestamp", "authorizationToken"];
    private static readonly string[] StorageV3Keys =
        ["absoluteMinimumPartSize", "apiUrl", "bucketId", "bucketName", "capabilities", "downloadUrl", "infoType", "namePrefix", "recommendedPartSize", "s3ApiUrl"];
    private static readonly string[] StorageV4Keys =
        ["absoluteMinimumPartSize", "allowed", "apiUrl", "downloadUrl", "recommendedPartSize", "s3ApiUrl"];
    private static readonly string[] AllowedV4Keys = ["buckets", "capabilities", "namePrefix"];

    private static AuthenticationHeaderValue Basic(string scheme, string keyId, string key) =>
        new(scheme, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keyId}:{key}")));

    private async Task<HttpResponseMessage> AuthorizeAsync(int version, HttpMethod method, AuthenticationHeaderValue? auth, string? body = null)
    {
        using var request = new HttpRequestMessage(method, $"b2api/v{version}/b2_authorize_account");
        request.Headers.Authorization = auth;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return await fixture.Http.SendAsync(request);
    }

    /// <summary>The part of a v3/v4 reply that holds the storage fields; the whole reply below v3.</summary>
    private static JsonElement Storage(JsonElement reply, int version) =>
        version >= 3 ? reply.GetProperty("apiInfo").GetProperty("storageApi") : reply;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_Get_ReturnsTheVersionsExactKeys(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Get, CairnServer.MasterBasicAuth());
        var reply = await WireAssert.JsonAsync(response);

        switch (version)
        {
            case 1:
                Assert.Equal(V1Keys, WireAssert.Keys(reply));
                Assert.Equal(AllowedV1Keys, WireAssert.Keys(reply.GetProperty("allowed")));
                Assert.Equal(100_000_000, reply.GetProperty("minimumPartSize").GetInt64());
                break;
            case 2:
                Assert.Equal(V2Keys, WireAssert.Keys(reply));
                Assert.Equal(AllowedV1Keys, WireAssert.Keys(reply.GetProperty("allowed")));
                break;
            case 3:
                Assert.Equal(V3V4TopKeys, WireAssert.Keys(reply));
                Assert.Contains("storageApi", WireAssert.Keys(reply.GetProperty("apiInfo")));
                Assert.Equal(StorageV3Keys, WireAssert.Keys(Storage(reply, 3)));
                Assert.Equal("storageApi", Storage(reply, 3).GetProperty("infoType").GetString());
                break;
            default:
                Assert.Equal(V3V4TopKeys, WireAssert.Keys(reply));
                var storage = Storage(reply, 4);
                foreach (var key in StorageV4Keys)
                {
                    Assert.True(storage.TryGetProperty(key, out _), $"storageApi.{key} is missing");
                }
                Assert.False(storage.TryGetProperty("bucketId", out _), "v4 storageApi must not carry bucketId");
                Assert.False(storage.TryGetProperty("bucketName", out _), "v4 storageApi must not carry bucketName");
                Assert.Equal(AllowedV4Keys, WireAssert.Keys(storage.GetProperty("allowed")));
                break;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_MasterKey_IsUnrestrictedWithEveryCapability(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Get, CairnServer.MasterBasicAuth());
        var reply = await WireAssert.JsonAsync(response);

        var storage = Storage(reply, version);
        var allowed = version switch
        {
            1 or 2 => reply.GetProperty("allowed"),
            3 => storage,
            _ => storage.GetProperty("allowed"),
        };
        if (version == 4)
        {
            Assert.Equal(JsonValueKind.Null, allowed.GetProperty("buckets").ValueKind);
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, allowed.GetProperty("bucketId").ValueKind);
            Assert.Equal(JsonValueKind.Null, allowed.GetProperty("bucketName").ValueKind);
        }
        Assert.Equal(JsonValueKind.Null, allowed.GetProperty("namePrefix").ValueKind);
        var capabilities = allowed.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToList();
        foreach (var capability in new[] { "listBuckets", "writeBuckets", "deleteBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles", "listKeys", "writeKeys", "deleteKeys" })
        {
            Assert.Contains(capability, capabilities);
        }
        Assert.Matches("^[0-9a-f]{12}$", reply.GetProperty("accountId").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("authorizationToken").GetString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_Urls_PointBackAtTheServer(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Get, CairnServer.MasterBasicAuth());
        var storage = Storage(await WireAssert.JsonAsync(response), version);

        Assert.Equal(fixture.Server.BaseUrl, storage.GetProperty("apiUrl").GetString());
        Assert.Equal(fixture.Server.BaseUrl, storage.GetProperty("downloadUrl").GetString());
        Assert.True(Uri.TryCreate(storage.GetProperty("s3ApiUrl").GetString(), UriKind.Absolute, out _), "s3ApiUrl must be an absolute URL");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_PartSizes_DefaultToB2s(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Get, CairnServer.MasterBasicAuth());
        var storage = Storage(await WireAssert.JsonAsync(response), version);

        Assert.Equal(100_000_000, storage.GetProperty("recommendedPartSize").GetInt64());
        Assert.Equal(5_000_000, storage.GetProperty("absoluteMinimumPartSize").GetInt64());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_PostWithEmptyObject_Works(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Post, CairnServer.MasterBasicAuth(), "{}");
        var reply = await WireAssert.JsonAsync(response);

        Assert.False(string.IsNullOrEmpty(reply.GetProperty("authorizationToken").GetString()));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("{\"accountId\":5}")]
    public async Task AuthorizeAccount_PostWithAnyBody_IgnoresIt(string body)
    {
        using var response = await AuthorizeAsync(2, HttpMethod.Post, CairnServer.MasterBasicAuth(), body);

        await WireAssert.JsonAsync(response);
    }

    [Fact]
    public async Task AuthorizeAccount_PostWithoutBody_Works()
    {
        using var response = await AuthorizeAsync(2, HttpMethod.Post, CairnServer.MasterBasicAuth());

        await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("BASIC")]
    [InlineData("bAsIc")]
    public async Task AuthorizeAccount_BasicScheme_IsCaseInsensitive(string scheme)
    {
        using var response = await AuthorizeAsync(2, HttpMethod.Get, Basic(scheme, CairnServer.MasterKeyId, CairnServer.MasterKey));

        await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_AccountIdInPlaceOfMasterKeyId_Works(int version)
    {
        var accountId = (await fixture.SessionAsync()).AccountId;

        using var response = await AuthorizeAsync(version, HttpMethod.Get, Basic("Basic", accountId, CairnServer.MasterKey));
        var reply = await WireAssert.JsonAsync(response);

        Assert.Equal(accountId, reply.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task AuthorizeAccount_TokenFromAccountId_AuthorizesCalls()
    {
        var session = await fixture.SessionAsync();
        using var authorize = await AuthorizeAsync(2, HttpMethod.Get, Basic("Basic", session.AccountId, CairnServer.MasterKey));
        var token = (await WireAssert.JsonAsync(authorize)).GetProperty("authorizationToken").GetString();

        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", token, $$"""{"accountId":"{{session.AccountId}}"}""");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_WrongSecret_Returns401UnauthorizedWithChallenge(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Get, Basic("Basic", CairnServer.MasterKeyId, "K000notTheRightSecretAtAll0000000"));

        await WireAssert.ErrorAsync(response, 401, "unauthorized");
        Assert.Equal("BASIC realm=\"authorize_account\"", string.Join(", ", response.Headers.GetValues("WWW-Authenticate")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task AuthorizeAccount_MasterKey_ListsEveryCapabilityIncludingLoggingAndLifecycleRules(int version)
    {
        using var response = await AuthorizeAsync(version, HttpMethod.Get, CairnServer.MasterBasicAuth());
        var reply = await WireAssert.JsonAsync(response);
        var allowed = version >= 4 ? Storage(reply, 4).GetProperty("allowed") : reply.GetProperty("allowed");

        var capabilities = allowed.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).ToList();

        Assert.Equal(Core.Keys.Capabilities.All, capabilities);
        Assert.Equal(30, capabilities.Count);
        foreach (var added in new[] { "readBucketLogging", "writeBucketLogging", "readBucketLifecycleRules", "writeBucketLifecycleRules" })
        {
            Assert.Contains(added, capabilities);
        }
    }

    [Fact]
    public async Task AuthorizeAccount_UnknownKeyId_Returns401Unauthorized()
    {
        using var response = await AuthorizeAsync(2, HttpMethod.Get, Basic("Basic", "000nosuchkey0000000000000", CairnServer.MasterKey));

        await WireAssert.ErrorAsync(response, 401, "unauthorized");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuthorizeAccount_MissingHeader_Returns401(bool post)
    {
        using var response = await AuthorizeAsync(2, post ? HttpMethod.Post : HttpMethod.Get, null, post ? "{}" : null);

        await WireAssert.ErrorAsync(response, 401, "bad_auth_token");
    }

    [Theory]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic bm9jb2xvbg==")]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    public async Task AuthorizeAccount_GarbledHeader_Returns401BadAuthToken(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "b2api/v2/b2_authorize_account");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 401, "bad_auth_token");
    }

    [Fact]
    public async Task AuthorizeAccount_EachCall_IssuesAWorkingToken()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await AuthorizeAsync(2, HttpMethod.Get, CairnServer.MasterBasicAuth());
            tokens.Add((await WireAssert.JsonAsync(response)).GetProperty("authorizationToken").GetString()!);
        }

        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AuthorizeAccount_ConfiguredPartSizes_AreAdvertised(int version)
    {
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string>
        {
            ["Cairn:RecommendedPartSize"] = "12345678",
            ["Cairn:AbsoluteMinimumPartSize"] = "1234567",
        });
        using var session = await B2Session.AuthorizeAsync(server, version);

        var storage = version >= 3 ? session.Authorization.GetProperty("apiInfo").GetProperty("storageApi") : session.Authorization;
        Assert.Equal(12_345_678, storage.GetProperty("recommendedPartSize").GetInt64());
        Assert.Equal(1_234_567, storage.GetProperty("absoluteMinimumPartSize").GetInt64());
        if (version == 1)
        {
            Assert.Equal(12_345_678, storage.GetProperty("minimumPartSize").GetInt64());
        }
    }

    [Fact]
    public async Task AuthorizeAccount_TokenUsedAfterItsLifetime_Returns401ExpiredAuthToken()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string>
        {
            ["Cairn:AuthTokenLifetime"] = "00:00:01",
        });
        using var session = await B2Session.AuthorizeAsync(server);

        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        using var response = await session.PostAsync("b2_list_buckets", new { accountId = session.AccountId });

        await WireAssert.ErrorAsync(response, 401, "expired_auth_token");
    }
}
