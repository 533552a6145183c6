using Cairn.Core.Keys;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private static ApplicationKey NewKey(string keyId, string accountId = AccountId, bool isMaster = false) => new()
    {
        ApplicationKeyId = keyId,
        AccountId = accountId,
        KeyName = "key-" + keyId,
        Capabilities = [Capabilities.ListBuckets, Capabilities.ReadFiles],
        SecretHash = "c2FsdA==:aGFzaA==",
        IsMaster = isMaster,
        CreatedAt = 1_700_000_000_000,
    };

    [Fact]
    public async Task GetOrAddSetting_Absent_StoresAndReturnsValue()
    {
        Assert.Equal("first", await Store.GetOrAddSettingAsync("token-secret", "first", Ct));
    }

    [Fact]
    public async Task GetOrAddSetting_Present_ReturnsStoredValue()
    {
        await Store.GetOrAddSettingAsync("token-secret", "first", Ct);

        Assert.Equal("first", await Store.GetOrAddSettingAsync("token-secret", "second", Ct));
        Assert.Equal("other", await Store.GetOrAddSettingAsync("another", "other", Ct));
    }

    [Fact]
    public async Task GetAccount_BeforeCreation_ReturnsNull()
    {
        Assert.Null(await Store.GetAccountAsync(Ct));
    }

    [Fact]
    public async Task GetOrAddAccount_Twice_KeepsFirst()
    {
        var first = new Account(AccountId, 1_700_000_000_000);

        Assert.Equal(first, await Store.GetOrAddAccountAsync(first, Ct));
        Assert.Equal(first, await Store.GetOrAddAccountAsync(new Account(OtherAccountId, 5), Ct));
        Assert.Equal(first, await Store.GetAccountAsync(Ct));
    }

    [Fact]
    public async Task UpsertKey_New_RoundTripsEveryField()
    {
        var restricted = NewKey("000" + AccountId + "0000000001") with
        {
            BucketIds = ["8d625eb63be2775577c70e1a", "9d625eb63be2775577c70e1b"],
            NamePrefix = "photos/ü/",
            ExpirationTimestamp = 1_800_000_000_000,
        };
        var unrestricted = NewKey("000" + AccountId + "0000000002");

        await Store.UpsertKeyAsync(restricted, Ct);
        await Store.UpsertKeyAsync(unrestricted, Ct);

        AssertSameKey(restricted, await Store.GetKeyAsync(restricted.ApplicationKeyId, Ct));
        AssertSameKey(unrestricted, await Store.GetKeyAsync(unrestricted.ApplicationKeyId, Ct));
    }

    [Fact]
    public async Task UpsertKey_SameId_ReplacesKey()
    {
        var key = NewKey("000" + AccountId + "0000000001");
        await Store.UpsertKeyAsync(key, Ct);
        var replacement = key with { KeyName = "renamed", Capabilities = [Capabilities.WriteFiles], NamePrefix = "x/" };

        await Store.UpsertKeyAsync(replacement, Ct);

        AssertSameKey(replacement, await Store.GetKeyAsync(key.ApplicationKeyId, Ct));
    }

    [Fact]
    public async Task GetKey_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetKeyAsync("000" + AccountId + "ffffffffff", Ct));
    }

    [Fact]
    public async Task GetMasterKey_ReturnsOnlyTheAccountsMasterKey()
    {
        Assert.Null(await Store.GetMasterKeyAsync(AccountId, Ct));
        var master = NewKey(AccountId, isMaster: true) with { Capabilities = Capabilities.All };
        await Store.UpsertKeyAsync(NewKey("000" + AccountId + "0000000001"), Ct);
        await Store.UpsertKeyAsync(master, Ct);

        AssertSameKey(master, await Store.GetMasterKeyAsync(AccountId, Ct));
        Assert.Null(await Store.GetMasterKeyAsync(OtherAccountId, Ct));
    }

    [Fact]
    public async Task ListKeys_OrderedById_ExcludesMasterAndOtherAccounts()
    {
        await Store.UpsertKeyAsync(NewKey(AccountId, isMaster: true), Ct);
        foreach (var suffix in new[] { "0000000003", "0000000001", "000000000a", "0000000002" })
        {
            await Store.UpsertKeyAsync(NewKey("000" + AccountId + suffix), Ct);
        }
        await Store.UpsertKeyAsync(NewKey("000" + OtherAccountId + "0000000000", OtherAccountId), Ct);

        var keys = await Store.ListKeysAsync(AccountId, null, 100, Ct);

        Assert.Equal(
            new[] { "0000000001", "0000000002", "0000000003", "000000000a" }.Select(s => "000" + AccountId + s),
            keys.Select(k => k.ApplicationKeyId));
    }

    [Fact]
    public async Task ListKeys_StartIdAndLimit_PageInclusively()
    {
        var ids = Enumerable.Range(1, 5).Select(i => $"000{AccountId}000000000{i}").ToList();
        foreach (var id in ids)
        {
            await Store.UpsertKeyAsync(NewKey(id), Ct);
        }

        var first = await Store.ListKeysAsync(AccountId, null, 2, Ct);
        var second = await Store.ListKeysAsync(AccountId, ids[2], 2, Ct);
        var last = await Store.ListKeysAsync(AccountId, ids[4], 2, Ct);

        Assert.Equal(ids[..2], first.Select(k => k.ApplicationKeyId));
        Assert.Equal(ids[2..4], second.Select(k => k.ApplicationKeyId));
        Assert.Equal(ids[4..], last.Select(k => k.ApplicationKeyId));
    }

    [Fact]
    public async Task DeleteKey_Existing_ReturnsKeyAndRemovesIt()
    {
        var key = NewKey("000" + AccountId + "0000000001");
        await Store.UpsertKeyAsync(key, Ct);

        AssertSameKey(key, await Store.DeleteKeyAsync(key.ApplicationKeyId, Ct));
        Assert.Null(await Store.GetKeyAsync(key.ApplicationKeyId, Ct));
        Assert.Empty(await Store.ListKeysAsync(AccountId, null, 10, Ct));
    }

    [Fact]
    public async Task DeleteKey_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.DeleteKeyAsync("000" + AccountId + "0000000001", Ct));
    }
}
