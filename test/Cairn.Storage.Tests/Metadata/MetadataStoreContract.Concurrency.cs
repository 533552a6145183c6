using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task InsertFileVersion_200Concurrent_AllVisibleAfterwards()
    {
        var bucket = await AddBucketAsync();
        var versions = Enumerable.Range(0, 200).Select(i => NewUpload(bucket.BucketId, $"file-{i:D3}")).ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() => Store.InsertFileVersionAsync(v, Ct))));

        var listed = await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 1000, Ct);
        Assert.Equal(versions.Select(v => v.FileId), Ids(listed));
    }

    [Fact]
    public async Task ConcurrentWrites_SomeFail_OnlyThoseCallersFail()
    {
        var bucket = await AddBucketAsync("taken");
        var missingBucketId = IdGenerator.NewBucketId();
        var good = Enumerable.Range(0, 60).Select(i => NewUpload(bucket.BucketId, $"good-{i:D2}")).ToList();
        var bad = Enumerable.Range(0, 6).Select(i => NewUpload(missingBucketId, $"bad-{i}")).ToList();

        // Interleave failing writes with good ones so that they land in the same batches.
        List<Task> goodTasks = [.. good.Select(v => Store.InsertFileVersionAsync(v, Ct))];
        var badTasks = new List<Task>();
        for (var i = 0; i < bad.Count; i++)
        {
            badTasks.Add(Store.InsertFileVersionAsync(bad[i], Ct));
            badTasks.Add(Store.InsertBucketAsync(NewBucket(i % 2 == 0 ? "TAKEN" : "Taken"), Ct));
            goodTasks.Add(Store.InsertBucketAsync(NewBucket($"fresh-{i}"), Ct));
        }

        await Task.WhenAll(goodTasks);
        foreach (var task in badTasks)
        {
            var error = await Assert.ThrowsAsync<CairnException>(() => task);
            Assert.Contains(error.Error, new[] { CairnError.BucketNotFound, CairnError.DuplicateBucketName });
        }
        Assert.Equal(good.Select(v => v.FileId), Ids(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 1000, Ct)));
        Assert.Equal(1 + bad.Count, (await Store.ListBucketsAsync(AccountId, Ct)).Count);
        foreach (var version in bad)
        {
            Assert.Null(await Store.GetFileVersionAsync(version.FileId, Ct));
        }
    }

    [Fact]
    public async Task InsertBucket_SameNameConcurrently_ExactlyOneSucceeds()
    {
        var attempts = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Store.InsertBucketAsync(NewBucket(i % 2 == 0 ? "race" : "RACE"), Ct)))
            .ToList();

        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return (CairnError?)null;
            }
            catch (CairnException e)
            {
                return e.Error;
            }
        }));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(CairnError.DuplicateBucketName, o));
    }

    [Fact]
    public async Task ConcurrentReadsAndWrites_ReadersSeeConsistentPages()
    {
        var bucket = await AddBucketAsync();
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var version = await AddUploadAsync(bucket.BucketId, $"n-{i:D2}");
                if (i % 3 == 0)
                {
                    await Store.DeleteFileVersionAsync(version.FileId, unfinishedOnly: false, Ct);
                }
            }
        });
        var reads = Task.Run(async () =>
        {
            while (!writes.IsCompleted)
            {
                var page = await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 1000, Ct);
                Assert.All(page, v => Assert.Equal(FileAction.Upload, v.Action));
                Assert.Equal(page.Select(v => v.FileName).Order(StringComparer.Ordinal), page.Select(v => v.FileName));
            }
        });

        await Task.WhenAll(writes, reads);

        Assert.Equal(33, (await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 1000, Ct)).Count);
    }
}
