using Cairn.Core.Files;
using Cairn.Core.Ids;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task InsertFileVersion_ThenGet_RoundTripsEveryField()
    {
        var bucket = await AddBucketAsync();
        var blob = IdGenerator.NewBlobId();
        var version = NewUpload(bucket.BucketId, "dir/naïve 😀.txt") with
        {
            ContentLength = 30,
            ContentMd5 = null,
            ContentSha1 = "unverified:2aae6c35c94fcfb415dbe95f408b9ce91ee846ed",
            FileInfo = new Dictionary<string, string> { ["src_last_modified_millis"] = "1700000000000", ["b2-content-language"] = "fr" },
            Segments = [new BlobSegment(blob, 0, 10), new BlobSegment(IdGenerator.NewBlobId(), 5, 15), new BlobSegment(blob, 10, 5)],
        };

        await Store.InsertFileVersionAsync(version, Ct);

        AssertSameVersion(version, await Store.GetFileVersionAsync(version.FileId, Ct));
    }

    [Fact]
    public async Task GetFileVersion_Unknown_ReturnsNull()
    {
        var bucket = await AddBucketAsync();

        Assert.Null(await Store.GetFileVersionAsync(IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Small, DateTimeOffset.UtcNow), Ct));
    }

    [Fact]
    public async Task GetCurrentVersion_SeveralUploads_ReturnsNewest()
    {
        var bucket = await AddBucketAsync();
        await AddUploadAsync(bucket.BucketId, "a");
        var newest = await AddUploadAsync(bucket.BucketId, "a");
        await AddUploadAsync(bucket.BucketId, "b");

        AssertSameVersion(newest, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
    }

    [Fact]
    public async Task GetCurrentVersion_HiddenName_ReturnsHideMarker()
    {
        var bucket = await AddBucketAsync();
        await AddUploadAsync(bucket.BucketId, "a");
        var hide = await AddHideAsync(bucket.BucketId, "a");

        AssertSameVersion(hide, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct));
    }

    [Fact]
    public async Task GetCurrentVersion_NewerUnfinishedLargeFile_IsIgnored()
    {
        var bucket = await AddBucketAsync();
        var upload = await AddUploadAsync(bucket.BucketId, "a");
        await AddStartAsync(bucket.BucketId, "a");

        AssertSameVersion(upload, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        AssertSameListed(upload, Assert.Single(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct)));
    }

    [Fact]
    public async Task GetCurrentVersion_OnlyUnfinishedLargeFile_ReturnsNull()
    {
        var bucket = await AddBucketAsync();
        await AddStartAsync(bucket.BucketId, "a");

        Assert.Null(await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        Assert.Null(await Store.GetCurrentVersionAsync(bucket.BucketId, "never", Ct));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct));
    }

    [Fact]
    public async Task GetCurrentVersion_SameNameInOtherBucket_IsSeparate()
    {
        var first = await AddBucketAsync();
        var second = await AddBucketAsync();
        var upload = await AddUploadAsync(first.BucketId, "a");
        await AddHideAsync(second.BucketId, "a");

        AssertSameVersion(upload, await Store.GetCurrentVersionAsync(first.BucketId, "a", Ct));
        Assert.Equal(FileAction.Hide, (await Store.GetCurrentVersionAsync(second.BucketId, "a", Ct))!.Action);
    }

    [Fact]
    public async Task DeleteFileVersion_CurrentUpload_RestoresPreviousVersion()
    {
        var bucket = await AddBucketAsync();
        var older = await AddUploadAsync(bucket.BucketId, "a");
        var newer = await AddUploadAsync(bucket.BucketId, "a");

        await Store.DeleteFileVersionAsync(newer.FileId, unfinishedOnly: false, Ct);

        AssertSameVersion(older, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        AssertSameListed(older, Assert.Single(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct)));
        Assert.Null(await Store.GetFileVersionAsync(newer.FileId, Ct));
    }

    [Fact]
    public async Task DeleteFileVersion_HideMarker_MakesNameVisibleAgain()
    {
        var bucket = await AddBucketAsync();
        var upload = await AddUploadAsync(bucket.BucketId, "a");
        var hide = await AddHideAsync(bucket.BucketId, "a");

        await Store.DeleteFileVersionAsync(hide.FileId, unfinishedOnly: false, Ct);

        AssertSameVersion(upload, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        AssertSameListed(upload, Assert.Single(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct)));
    }

    [Fact]
    public async Task DeleteFileVersion_CurrentUploadAboveHideMarker_LeavesNameHidden()
    {
        var bucket = await AddBucketAsync();
        await AddUploadAsync(bucket.BucketId, "a");
        var hide = await AddHideAsync(bucket.BucketId, "a");
        await AddStartAsync(bucket.BucketId, "a");
        var upload = await AddUploadAsync(bucket.BucketId, "a");

        await Store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, Ct);

        AssertSameVersion(hide, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct));
    }

    [Fact]
    public async Task DeleteFileVersion_OlderVersion_LeavesCurrentAlone()
    {
        var bucket = await AddBucketAsync();
        var older = await AddUploadAsync(bucket.BucketId, "a");
        var newer = await AddUploadAsync(bucket.BucketId, "a");

        var deleted = await Store.DeleteFileVersionAsync(older.FileId, unfinishedOnly: false, Ct);

        AssertSameVersion(older, deleted!.Version);
        AssertSameVersion(newer, await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
    }

    [Fact]
    public async Task DeleteFileVersion_EveryVersion_LeavesNoCurrentVersion()
    {
        var bucket = await AddBucketAsync();
        var upload = await AddUploadAsync(bucket.BucketId, "a");
        var hide = await AddHideAsync(bucket.BucketId, "a");

        await Store.DeleteFileVersionAsync(hide.FileId, unfinishedOnly: false, Ct);
        await Store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, Ct);

        Assert.Null(await Store.GetCurrentVersionAsync(bucket.BucketId, "a", Ct));
        Assert.Empty(await Store.ListFileVersionsAsync(bucket.BucketId, "", "", null, 10, Ct));
    }

    [Fact]
    public async Task DeleteFileVersion_Unknown_ReturnsNull()
    {
        var bucket = await AddBucketAsync();

        Assert.Null(await Store.DeleteFileVersionAsync(IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Small, DateTimeOffset.UtcNow), unfinishedOnly: false, Ct));
    }

    [Fact]
    public async Task DeleteFileVersion_LastReference_FreesBlob()
    {
        var bucket = await AddBucketAsync();
        var blob = IdGenerator.NewBlobId();
        var upload = await AddUploadAsync(bucket.BucketId, "a", blob);

        var deleted = await Store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, Ct);

        Assert.NotNull(deleted);
        AssertSameVersion(upload, deleted.Version);
        Assert.Equal([blob], deleted.FreedBlobIds);
    }

    [Fact]
    public async Task DeleteFileVersion_SharedSegment_FreesBlobOnlyWithLastReference()
    {
        var bucket = await AddBucketAsync();
        var other = await AddBucketAsync();
        var shared = IdGenerator.NewBlobId();
        var own = IdGenerator.NewBlobId();
        var original = await AddUploadAsync(bucket.BucketId, "original", shared);
        var copy = await AddUploadAsync(other.BucketId, "copy", own, shared);

        var first = await Store.DeleteFileVersionAsync(original.FileId, unfinishedOnly: false, Ct);
        var second = await Store.DeleteFileVersionAsync(copy.FileId, unfinishedOnly: false, Ct);

        Assert.Empty(first!.FreedBlobIds);
        Assert.Equal(new[] { own, shared }.Order(), second!.FreedBlobIds.Order());
    }

    [Fact]
    public async Task DeleteFileVersion_BlobUsedTwiceByOneVersion_FreesItOnce()
    {
        var bucket = await AddBucketAsync();
        var blob = IdGenerator.NewBlobId();
        var upload = await AddUploadAsync(bucket.BucketId, "a", blob, blob);

        var deleted = await Store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, Ct);

        Assert.Equal([blob], deleted!.FreedBlobIds);
    }

    [Fact]
    public async Task DeleteFileVersion_HideMarker_FreesNothing()
    {
        var bucket = await AddBucketAsync();
        var hide = await AddHideAsync(bucket.BucketId, "a");

        var deleted = await Store.DeleteFileVersionAsync(hide.FileId, unfinishedOnly: false, Ct);

        AssertSameVersion(hide, deleted!.Version);
        Assert.Empty(deleted.FreedBlobIds);
    }
}
