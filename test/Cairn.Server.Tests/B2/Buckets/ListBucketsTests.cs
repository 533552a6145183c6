using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Buckets;

/// <summary>b2_list_buckets: all buckets sorted by name, or one by id or name, filtered by type; GET or POST.</summary>
public sealed class ListBucketsTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static List<string> Names(JsonElement reply) =>
        [.. reply.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("bucketName").GetString()!)];

    private async Task<JsonElement> ListAsync(B2Session session, object body)
    {
        using var response = await session.PostAsync("b2_list_buckets", body);
        var reply = await WireAssert.JsonAsync(response);
        Assert.Equal(["buckets"], WireAssert.Keys(reply));
        return reply;
    }

    private async Task<JsonElement> GetAsync(B2Session session, string query, int version = 2)
    {
        using var request = WireAssert.Request(HttpMethod.Get, $"b2api/v{version}/b2_list_buckets?accountId={session.AccountId}&{query}", session.Token);
        using var response = await fixture.Http.SendAsync(request);
        return await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ListBuckets_All_ReturnsEveryBucketSortedByName(int version)
    {
        var session = await fixture.SessionAsync(version);
        var stem = ServerFixture.NewBucketName("all")[..20];
        string[] created = [stem + "-c", stem + "-a", stem + "-b"];
        foreach (var name in created)
        {
            await session.CreateBucketAsync(name);
        }

        var names = Names(await ListAsync(session, new { accountId = session.AccountId }));

        Assert.Equal([.. names.Order(StringComparer.Ordinal)], names);
        Assert.Equal(created.Order(StringComparer.Ordinal), names.Where(n => n.StartsWith(stem, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListBuckets_ByBucketId_ReturnsOnlyThatBucketWithEveryKey()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName();
        var bucketId = await session.CreateBucketAsync(name);

        var reply = await ListAsync(session, new { accountId = session.AccountId, bucketId });

        var bucket = Assert.Single(reply.GetProperty("buckets").EnumerateArray());
        Assert.Equal(bucketId, bucket.GetProperty("bucketId").GetString());
        Assert.Equal(name, bucket.GetProperty("bucketName").GetString());
        Assert.Equal(12, WireAssert.Keys(bucket).Length);
    }

    [Fact]
    public async Task ListBuckets_ByBucketName_ReturnsOnlyThatBucket()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName();
        var bucketId = await session.CreateBucketAsync(name);

        var reply = await ListAsync(session, new { accountId = session.AccountId, bucketName = name });

        Assert.Equal(bucketId, Assert.Single(reply.GetProperty("buckets").EnumerateArray()).GetProperty("bucketId").GetString());
    }

    [Theory]
    [InlineData("bucketId", "0123456789abcdef01234567")]
    [InlineData("bucketId", "not-a-bucket-id")]
    [InlineData("bucketName", "no-such-bucket-here")]
    public async Task ListBuckets_Unknown_ReturnsEmptyList(string field, string value)
    {
        var session = await fixture.SessionAsync();
        var body = new Dictionary<string, string> { ["accountId"] = session.AccountId, [field] = value };

        using var response = await session.PostAsync("b2_list_buckets", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"buckets":[]}""", text);
    }

    [Fact]
    public async Task ListBuckets_ExplicitNulls_AreTreatedAsAbsent()
    {
        var session = await fixture.SessionAsync();
        var name = ServerFixture.NewBucketName();
        await session.CreateBucketAsync(name);

        var reply = await ListAsync(session, new Dictionary<string, object?>
        {
            ["accountId"] = session.AccountId,
            ["bucketId"] = null,
            ["bucketName"] = null,
            ["bucketTypes"] = new[] { "all" },
        });

        Assert.Contains(name, Names(reply));
    }

    [Fact]
    public async Task ListBuckets_BucketTypes_FilterByType()
    {
        var session = await fixture.SessionAsync();
        var priv = ServerFixture.NewBucketName("priv");
        var pub = ServerFixture.NewBucketName("pub");
        await session.CreateBucketAsync(priv, "allPrivate");
        await session.CreateBucketAsync(pub, "allPublic");

        var all = Names(await ListAsync(session, new { accountId = session.AccountId, bucketTypes = new[] { "all" } }));
        var publicOnly = Names(await ListAsync(session, new { accountId = session.AccountId, bucketTypes = new[] { "allPublic" } }));
        var both = Names(await ListAsync(session, new { accountId = session.AccountId, bucketTypes = new[] { "allPublic", "allPrivate" } }));

        Assert.Contains(priv, all);
        Assert.Contains(pub, all);
        Assert.Contains(pub, publicOnly);
        Assert.DoesNotContain(priv, publicOnly);
        Assert.Contains(priv, both);
        Assert.Contains(pub, both);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ListBuckets_Get_WithQueryParameters_Works(int version)
    {
        var session = await fixture.SessionAsync(version);
        var name = ServerFixture.NewBucketName();
        var bucketId = await session.CreateBucketAsync(name);

        Assert.Contains(name, Names(await GetAsync(session, "", version)));
        Assert.Equal([name], Names(await GetAsync(session, $"bucketId={bucketId}", version)));
        Assert.Equal([name], Names(await GetAsync(session, $"bucketName={name}", version)));
    }

    [Theory]
    [InlineData("bucketTypes=%5B%22allPublic%22%5D")]
    [InlineData("bucketTypes=allPublic")]
    [InlineData("bucketTypes=allPublic,snapshot")]
    public async Task ListBuckets_Get_BucketTypesAsJsonOrCommaList_Filters(string query)
    {
        var session = await fixture.SessionAsync();
        var priv = ServerFixture.NewBucketName("qpriv");
        var pub = ServerFixture.NewBucketName("qpub");
        await session.CreateBucketAsync(priv, "allPrivate");
        await session.CreateBucketAsync(pub, "allPublic");

        var names = Names(await GetAsync(session, query));

        Assert.Contains(pub, names);
        Assert.DoesNotContain(priv, names);
    }

    [Theory]
    [InlineData("bucketTypes=%5B%22all%22%5D")]
    [InlineData("bucketTypes=all")]
    public async Task ListBuckets_Get_BucketTypesAll_ListsEveryType(string query)
    {
        var session = await fixture.SessionAsync();
        var priv = ServerFixture.NewBucketName("apriv");
        var pub = ServerFixture.NewBucketName("apub");
        await session.CreateBucketAsync(priv, "allPrivate");
        await session.CreateBucketAsync(pub, "allPublic");

        var names = Names(await GetAsync(session, query));

        Assert.Contains(pub, names);
        Assert.Contains(priv, names);
    }

    public static TheoryData<string, string[]> RefusedBucketTypes() => new()
    {
        { "all beside another type", ["all", "allPublic"] },
        { "another type beside all", ["allPrivate", "all"] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(RefusedBucketTypes))]
    public async Task ListBuckets_BucketTypesAllWithOthersOrEmpty_Returns400BadRequest(string why, string[] bucketTypes)
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_list_buckets", new { accountId = session.AccountId, bucketTypes });

        var message = await WireAssert.ErrorAsync(response, 400, "bad_request");
        Assert.Contains("bucketTypes", message, StringComparison.Ordinal);
        Assert.NotEmpty(why);
    }

    [Fact]
    public async Task ListBuckets_MissingAccountId_Returns400BadRequest()
    {
        var session = await fixture.SessionAsync();

        using var response = await session.PostAsync("b2_list_buckets", new { });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task ListBuckets_MissingAuthorization_Returns401()
    {
        var session = await fixture.SessionAsync();

        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", null, $$"""{"accountId":"{{session.AccountId}}"}""");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 401, "missing_auth_token");
    }
}
