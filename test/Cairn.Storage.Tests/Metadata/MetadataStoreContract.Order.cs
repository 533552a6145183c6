namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task InsertFileVersion_TimestampNotAfterNewest_IsRaisedAboveIt()
    {
        var bucket = await AddBucketAsync();
        var first = await Store.InsertFileVersionAsync(NewUpload(bucket.BucketId, "a") with { UploadTimestamp = 2_000 }, Ct);
        var same = await Store.InsertFileVersionAsync(NewHide(bucket.BucketId, "a") with { UploadTimestamp = 2_000 }, Ct);
        var older = await Store.InsertFileVersionAsync(NewUpload(bucket.BucketId, "a") with { UploadTimestamp = 1_000 }, Ct);
        var later = await Store.InsertFileVersionAsync(NewStart(bucket.BucketId, "a") with { UploadTimestamp = 5_000 }, Ct);
        var otherName = await Store.InsertFileVersionAsync(NewUpload(bucket.BucketId, "b") with { UploadTimestamp = 1_000 }, Ct);

        Assert.Equal([2_000L, 2_001, 2_002, 5_000, 1_000], new[] { first, same, older, later, otherName }.Select(v => v.UploadTimestamp));
        Assert.Equal(2_002, (await Store.GetFileVersionAsync(older.FileId, Ct))!.UploadTimestamp);
        Assert.Equal([5_000L, 2_002, 2_001, 2_000], (await Store.ListFileVersionsAsync(bucket.BucketId, "a", "a", null, 10, Ct)).Select(v => v.UploadTimestamp));
    }

    [Fact]
    public async Task InsertFileVersion_SameNameRacing_NewestFirstIsLatestTimestampFirst()
    {
        // Each writer reads the clock before it commits, as the object service does; the commits then race. Whatever
        // order they land in, listing newest first must list the latest timestamp first.
        var bucket = await AddBucketAsync();
        const int Rounds = 60;
        const int Writers = 4;
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"race-{round:D2}";
            var versions = Enumerable.Range(0, Writers)
                .Select(i => i % 2 == 0 ? NewUpload(bucket.BucketId, name) : NewHide(bucket.BucketId, name))
                .ToList();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writes = versions.Select(v => Task.Run(async () =>
            {
                await gate.Task;
                return await Store.InsertFileVersionAsync(v, Ct);
            })).ToList();
            gate.SetResult();
            var stored = await Task.WhenAll(writes);

            var listed = await Store.ListFileVersionsAsync(bucket.BucketId, name, name, null, 100, Ct);
            Assert.Equal(Writers, listed.Count);
            for (var i = 1; i < listed.Count; i++)
            {
                Assert.True(listed[i - 1].UploadTimestamp > listed[i].UploadTimestamp,
                    $"round {round}: version {i - 1} ({listed[i - 1].Action}) has {listed[i - 1].UploadTimestamp}, the older one after it {listed[i].UploadTimestamp}");
            }
            Assert.All(stored, s => Assert.Equal(s.UploadTimestamp, listed.Single(l => l.FileId == s.FileId).UploadTimestamp));
        }
    }
}
