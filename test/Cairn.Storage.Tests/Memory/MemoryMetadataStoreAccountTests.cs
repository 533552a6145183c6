using Cairn.Core.Errors;
using Cairn.Core.Keys;
using Cairn.Core.Storage;
using Cairn.Storage.Memory;
using static Cairn.Storage.Tests.Memory.MemoryStoreData;

namespace Cairn.Storage.Tests.Memory;

/// <summary><see cref="MemoryMetadataStore"/>'s settings, account, keys and buckets.</summary>
public sealed class MemoryMetadataStoreAccountTests
{
    private readonly MemoryMetadataStore _store = new();

    [Fact]
    public async Task GetOrAddSetting_FirstValueWins()
    {
        Assert.Equal("one", await _store.GetOrAddSettingAsync("s", "one", default));
        Assert.Equal("one", await _store.GetOrAddSettingAsync("s", "two", default));
        Assert.Equal("x", await _store.GetOrAddSettingAsync("S", "x", default));
    }

    [Fact]
    public async Task GetOrAddAccount_FirstAccountWins()
    {
        Assert.Null(await _store.GetAccountAsync(default));
        var first = new Account("aaaaaaaaaaaa", 1);

        Assert.Equal(first, await _store.GetOrAddAccountAsync(first, default));
        Assert.Equal(first, await _store.GetOrAddAccountAsync(new Account("bbbbbbbbbbbb", 2), default));
        Assert.Equal(first, await _store.GetAccountAsync(default));
    }

    [Fact]
    public async Task ListKeys_ExcludesTheMasterKey_OrdinalOrderFromStartWithLimit()
    {
        await _store.UpsertKeyAsync(Key("000master", isMaster: true), default);
        foreach (var id in new[] { "000c", "000a", "000B", "000b" })
        {
            await _store.UpsertKeyAsync(Key(id), default);
        }
        await _store.UpsertKeyAsync(Key("000other", accountId: "ffffffffffff"), default);

        Assert.Equal(["000B", "000a", "000b", "000c"], await KeyIdsAsync(null, 10));
        Assert.Equal(["000a", "000b"], await KeyIdsAsync("000a", 2));
        Assert.Equal(["000c"], await KeyIdsAsync("000bb", 10));
        Assert.Equal("000master", (await _store.GetMasterKeyAsync(AccountId, default))?.ApplicationKeyId);
        Assert.Null(await _store.GetMasterKeyAsync("ffffffffffff", default));
    }

    [Fact]
    public async Task UpsertKey_SameId_Replaces_DeleteReturnsItOnce()
    {
        await _store.UpsertKeyAsync(Key("000a"), default);
        await _store.UpsertKeyAsync(Key("000a") with { KeyName = "renamed" }, default);

        Assert.Equal("renamed", (await _store.GetKeyAsync("000a", default))?.KeyName);
        Assert.Equal("renamed", (await _store.DeleteKeyAsync("000a", default))?.KeyName);
        Assert.Null(await _store.DeleteKeyAsync("000a", default));
        Assert.Null(await _store.GetKeyAsync("000a", default));
    }

    [Theory]
    [InlineData("Bucket-A")]
    [InlineData("bucket-a")]
    [InlineData("BUCKET-A")]
    public async Task InsertBucket_NameTakenInAnyAsciiCase_ThrowsDuplicateBucketName(string name)
    {
        await _store.InsertBucketAsync(Bucket("bucket-A"), default);

        var e = await Assert.ThrowsAsync<CairnException>(() => _store.InsertBucketAsync(Bucket(name, "ffffffffffff"), default));

        Assert.Equal(CairnError.DuplicateBucketName, e.Error);
        Assert.Equal("Bucket name is already in use.", e.Message);
    }

    [Fact]
    public async Task BucketNames_FoldOnlyAsciiCase()
    {
        var bucket = Bucket("b\u00E9");
        await _store.InsertBucketAsync(bucket, default);

        await _store.InsertBucketAsync(Bucket("B\u00C9"), default);

        Assert.Equal(bucket, await _store.GetBucketByNameAsync("B\u00E9", default));
    }

    [Fact]
    public async Task ListBuckets_TheAccountsBucketsInOrdinalNameOrder()
    {
        foreach (var name in new[] { "b", "a", "C" })
        {
            await _store.InsertBucketAsync(Bucket(name), default);
        }
        await _store.InsertBucketAsync(Bucket("other", "ffffffffffff"), default);

        var buckets = await _store.ListBucketsAsync(AccountId, default);

        Assert.Equal(["C", "a", "b"], buckets.Select(b => b.BucketName));
    }

    [Fact]
    public async Task UpdateBucket_OnlyAtTheExpectedRevision()
    {
        var bucket = Bucket("b");
        await _store.InsertBucketAsync(bucket, default);
        var updated = bucket with { BucketType = "allPublic", Revision = 2 };

        Assert.False(await _store.UpdateBucketAsync(updated, 2, default));
        Assert.True(await _store.UpdateBucketAsync(updated, 1, default));
        Assert.False(await _store.UpdateBucketAsync(updated with { Revision = 3 }, 1, default));
        Assert.False(await _store.UpdateBucketAsync(Bucket("missing"), 1, default));
        Assert.Equal(updated, await _store.GetBucketAsync(bucket.BucketId, default));
    }

    [Fact]
    public async Task DeleteBucket_RefusesWhileAnyVersionRemains()
    {
        var bucket = Bucket("b");
        await _store.InsertBucketAsync(bucket, default);
        var start = Start(bucket.BucketId, "unfinished");
        await _store.InsertFileVersionAsync(start, default);

        Assert.Equal(BucketDeleteResult.NotEmpty, await _store.DeleteBucketAsync(bucket.BucketId, default));

        await _store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: false, default);
        Assert.Equal(BucketDeleteResult.Deleted, await _store.DeleteBucketAsync(bucket.BucketId, default));
        Assert.Equal(BucketDeleteResult.NotFound, await _store.DeleteBucketAsync(bucket.BucketId, default));
        Assert.Null(await _store.GetBucketByNameAsync("b", default));
        await _store.InsertBucketAsync(Bucket("B"), default);
    }

    private async Task<string[]> KeyIdsAsync(string? start, int limit) =>
        [.. (await _store.ListKeysAsync(AccountId, start, limit, default)).Select(k => k.ApplicationKeyId)];
}
