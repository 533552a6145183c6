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

    [Fact]
    public async Task InsertFileVersion_PendingUpload_IsQueuedForReplicationInOrder()
    {
        var bucket = await AddBucketAsync();
        var first = await AddAsync(NewUpload(bucket.BucketId, "b") with { ReplicationStatus = ReplicationStatus.Pending });
        await AddAsync(NewUpload(bucket.BucketId, "plain"));
        await AddAsync(NewStart(bucket.BucketId, "unfinished") with { ReplicationStatus = ReplicationStatus.Pending });
        var second = await AddAsync(NewUpload(bucket.BucketId, "a") with { ReplicationStatus = ReplicationStatus.Pending });

        var due = await Store.ListDueReplicationsAsync(0, 10, Ct);

        Assert.Equal([first.FileId, second.FileId], due.Select(t => t.FileId));
        Assert.All(due, t => Assert.Equal(bucket.BucketId, t.BucketId));
        Assert.All(due, t => Assert.Equal(0, t.Attempts));
    }

    [Fact]
    public async Task FinishLargeFile_StartedPending_IsQueuedForReplication()
    {
        var bucket = await AddBucketAsync();
        var start = await AddAsync(NewStart(bucket.BucketId, "big") with { ReplicationStatus = ReplicationStatus.Pending });
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }
        Assert.Empty(await Store.ListDueReplicationsAsync(0, 10, Ct));

        Assert.True(await Store.FinishLargeFileAsync(Finished(start, parts), Ct));

        Assert.Equal(start.FileId, Assert.Single(await Store.ListDueReplicationsAsync(0, 10, Ct)).FileId);
    }

    [Fact]
    public async Task CompleteReplication_SetsTheStatusAndDequeues_RescheduleDelays()
    {
        var bucket = await AddBucketAsync();
        var done = await AddAsync(NewUpload(bucket.BucketId, "done") with { ReplicationStatus = ReplicationStatus.Pending });
        var waiting = await AddAsync(NewUpload(bucket.BucketId, "waiting") with { ReplicationStatus = ReplicationStatus.Pending });

        await Store.CompleteReplicationAsync(done.FileId, ReplicationStatus.Completed, Ct);
        await Store.RescheduleReplicationAsync(waiting.FileId, 2, 5_000, Ct);

        Assert.Equal(ReplicationStatus.Completed, (await Store.GetFileVersionAsync(done.FileId, Ct))!.ReplicationStatus);
        Assert.Empty(await Store.ListDueReplicationsAsync(4_999, 10, Ct));
        var task = Assert.Single(await Store.ListDueReplicationsAsync(5_000, 10, Ct));
        Assert.Equal((waiting.FileId, 2, 5_000L), (task.FileId, task.Attempts, task.NextAttemptAt));
    }

    [Fact]
    public async Task CompleteReplication_VersionGone_StillDequeues()
    {
        var bucket = await AddBucketAsync();
        var version = await AddAsync(NewUpload(bucket.BucketId, "gone") with { ReplicationStatus = ReplicationStatus.Pending });
        await Store.DeleteFileVersionAsync(version.FileId, unfinishedOnly: false, Ct);

        await Store.CompleteReplicationAsync(version.FileId, ReplicationStatus.Failed, Ct);

        Assert.Empty(await Store.ListDueReplicationsAsync(0, 10, Ct));
    }

    [Fact]
    public async Task QueueExistingForReplication_MarksUnreplicatedUploadsUnderThePrefix_OldestFirst()
    {
        var bucket = await AddBucketAsync();
        var old = await AddAsync(NewUpload(bucket.BucketId, "docs/b"));
        var newer = await AddAsync(NewUpload(bucket.BucketId, "docs/a"));
        var replica = await AddAsync(NewUpload(bucket.BucketId, "docs/replica") with { ReplicationStatus = ReplicationStatus.Replica });
        await AddAsync(NewHide(bucket.BucketId, "docs/hidden"));
        await AddAsync(NewUpload(bucket.BucketId, "other"));

        Assert.Equal(2, await Store.QueueExistingForReplicationAsync(bucket.BucketId, "docs/", Ct));

        Assert.Equal([old.FileId, newer.FileId], (await Store.ListDueReplicationsAsync(0, 10, Ct)).Select(t => t.FileId));
        Assert.Equal(ReplicationStatus.Pending, (await Store.GetFileVersionAsync(old.FileId, Ct))!.ReplicationStatus);
        Assert.Equal(ReplicationStatus.Replica, (await Store.GetFileVersionAsync(replica.FileId, Ct))!.ReplicationStatus);
        Assert.Equal(0, await Store.QueueExistingForReplicationAsync(bucket.BucketId, "docs/", Ct));
    }
}
