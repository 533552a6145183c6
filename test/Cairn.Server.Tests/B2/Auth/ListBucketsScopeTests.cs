using Cairn.Server.Tests.B2.Keys;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.B2.Auth;

/// <summary>The b2_list_buckets rules the matrix cannot express: unnamed listings and listAllBucketNames.</summary>
public class ListBucketsScopeTests(KeyServerFixture fixture) : IClassFixture<KeyServerFixture>
{
    [Fact]
    public async Task ListBuckets_RestrictedKeyWithoutName_Refused_UnlessListAllBucketNames()
    {
        using var master = await fixture.MasterAsync();
        var mine = await master.CreateBucketAsync(UniqueBucketName());
        await master.CreateBucketAsync(UniqueBucketName());

        using var restricted = await SessionForNewKeyAsync(fixture.Server, master, ["listBuckets"], [mine]);
        var refused = await FailsAsync(() => restricted.CallAsync("b2_list_buckets", new { accountId = master.AccountId }));
        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
        var v1 = await restricted.CallAsync("b2_list_buckets", new { accountId = master.AccountId }, version: 1);
        Assert.Equal([mine], v1.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("bucketId").GetString()));

        using var allNames = await SessionForNewKeyAsync(fixture.Server, master, ["listBuckets", "listAllBucketNames"], [mine]);
        var all = await allNames.CallAsync("b2_list_buckets", new { accountId = master.AccountId });
        Assert.True(all.GetProperty("buckets").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task ListBuckets_RestrictedKeyNamingABucketThatDoesNotExist_Returns401Unauthorized()
    {
        // B2: a restricted key must name its own bucket. b2sdk's RawSimulator looks the name up and refuses when it
        // finds none; the TS SDK's simulator refuses the mismatch too. Cairn used to answer an empty list.
        using var master = await fixture.MasterAsync();
        var mine = await master.CreateBucketAsync(UniqueBucketName());
        using var restricted = await SessionForNewKeyAsync(fixture.Server, master, ["listBuckets"], [mine]);

        var refused = await FailsAsync(() => restricted.CallAsync("b2_list_buckets", new { accountId = master.AccountId, bucketName = UniqueBucketName() }));
        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
        var unknownId = await FailsAsync(() => restricted.CallAsync("b2_list_buckets", new { accountId = master.AccountId, bucketId = "ffffffffffffffffffffffff" }));
        Assert.Equal((401, "unauthorized"), (unknownId.Status, unknownId.Code));
    }

    [Fact]
    public async Task ListBuckets_ListAllBucketNamesAlone_Returns401Unauthorized()
    {
        using var master = await fixture.MasterAsync();
        using var namesOnly = await SessionForNewKeyAsync(fixture.Server, master, ["listAllBucketNames"]);
        var refused = await FailsAsync(() => namesOnly.CallAsync("b2_list_buckets", new { accountId = master.AccountId }));
        Assert.Equal((401, "unauthorized"), (refused.Status, refused.Code));
    }
}
