using System.Text.Json;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.B2.Keys;

/// <summary>Each test gets its own server, because b2_list_keys sees every key of the account.</summary>
public class ListKeysTests
{
    [Fact]
    public async Task ListKeys_PagesInIdOrder_WithoutTheMasterKeyOrSecrets()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(Id(await CreateAsync(master, ["readFiles"], keyName: $"k{i}", version: 2)));
        }
        var seen = new List<string>();
        string? start = null;
        var pages = 0;
        do
        {
            var page = await master.CallAsync("b2_list_keys", new { accountId = master.AccountId, maxKeyCount = 2, startApplicationKeyId = start });
            pages++;
            foreach (var key in page.GetProperty("keys").EnumerateArray())
            {
                Assert.False(key.TryGetProperty("applicationKey", out _));
                Assert.Equal("s3", key.GetProperty("options")[0].GetString());
                seen.Add(Id(key));
            }
            start = page.GetProperty("nextApplicationKeyId").GetString();
        }
        while (start is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen);
        Assert.DoesNotContain(CairnServer.MasterKeyId, seen);
        var all = await master.CallAsync("b2_list_keys", new { accountId = master.AccountId });
        Assert.Equal(5, all.GetProperty("keys").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextApplicationKeyId").ValueKind);
    }

    [Fact]
    public async Task ListKeys_BelowV4_LeavesOutMultiBucketKeys_V4ShowsBucketIds()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var a = await master.CreateBucketAsync(UniqueBucketName());
        var b = await master.CreateBucketAsync(UniqueBucketName());
        var single = Id(await CreateAsync(master, ["readFiles"], [a]));
        var several = Id(await CreateAsync(master, ["readFiles"], [a, b]));

        foreach (var version in new[] { 1, 2, 3 })
        {
            var keys = (await master.CallAsync("b2_list_keys", new { accountId = master.AccountId }, version)).GetProperty("keys").EnumerateArray().ToList();
            Assert.Equal([single], keys.Select(Id));
            Assert.Equal(a, keys[0].GetProperty("bucketId").GetString());
        }
        var v4 = (await master.CallAsync("b2_list_keys", new { accountId = master.AccountId })).GetProperty("keys").EnumerateArray().ToDictionary(Id);
        Assert.Equal(new[] { single, several }.Order(StringComparer.Ordinal), v4.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, v4[several].GetProperty("bucketIds").GetArrayLength());
        Assert.False(v4[several].TryGetProperty("bucketId", out _));
    }

    [Fact]
    public async Task ListKeys_RestrictedCaller_SeesOnlyKeysWithinItsScope()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var a = await master.CreateBucketAsync(UniqueBucketName());
        var b = await master.CreateBucketAsync(UniqueBucketName());
        var inside = Id(await CreateAsync(master, ["readFiles"], [a], "x/"));
        await CreateAsync(master, ["readFiles"], [b]);
        await CreateAsync(master, ["readFiles"]);
        using var restricted = await SessionForNewKeyAsync(server, master, ["listKeys"], [a]);

        var keys = (await restricted.CallAsync("b2_list_keys", new { accountId = master.AccountId })).GetProperty("keys").EnumerateArray().Select(Id).ToList();
        Assert.Contains(inside, keys);
        Assert.Equal(2, keys.Count); // inside, and the restricted key itself
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task ListKeys_MaxKeyCountOutOfRange_Returns400BadRequest(int maxKeyCount)
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var refused = await FailsAsync(() => master.CallAsync("b2_list_keys", new { accountId = master.AccountId, maxKeyCount }));
        Assert.Equal((400, "bad_request"), (refused.Status, refused.Code));
    }
}
