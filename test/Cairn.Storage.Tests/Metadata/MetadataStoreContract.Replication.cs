using Cairn.Core.Replication;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task InsertFileVersion_ReplicationStatus_IsKeptInReadsAndListings()
    {
        var bucket = await AddBucketAsync();
        var pending = await AddAsync(NewUpload(bucket.BucketId, "pending") with { ReplicationStatus = ReplicationStatus.Pending });
        var none = await AddAsync(NewUpload(bucket.BucketId, "plain"));

        AssertSameVersion(pending, await Store.GetFileVersionAsync(pending.FileId, Ct));
        AssertSameVersion(none, await Store.GetFileVersionAsync(none.FileId, Ct));
        var listed = await Store.ListFileVersionsAsync(bucket.BucketId, "", "", null, 10, Ct);
        Assert.Equal(ReplicationStatus.Pending, Assert.Single(listed, v => v.FileId == pending.FileId).ReplicationStatus);
        Assert.Null(Assert.Single(listed, v => v.FileId == none.FileId).ReplicationStatus);
    }

    [Fact]
    public async Task FinishLargeFile_KeepsTheReplicationStatusDecidedAtStart()
    {
        var bucket = await AddBucketAsync();
        var start = await AddAsync(NewStart(bucket.BucketId, "big") with { ReplicationStatus = ReplicationStatus.Pending });
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }

        Assert.True(await Store.FinishLargeFileAsync(Finished(start, parts), Ct));

        var stored = await Store.GetFileVersionAsync(start.FileId, Ct);
        Assert.Equal(ReplicationStatus.Pending, stored!.ReplicationStatus);
    }
}
