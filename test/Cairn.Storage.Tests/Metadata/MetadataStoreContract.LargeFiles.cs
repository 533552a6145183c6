using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task ListUnfinishedLargeFiles_OldestFirst_OnlyUnfinishedWithPrefix()
    {
        var bucket = await AddBucketAsync();
        var other = await AddBucketAsync();
        var first = await AddStartAsync(bucket.BucketId, "videos/z");
        await AddUploadAsync(bucket.BucketId, "videos/upload");
        await AddStartAsync(bucket.BucketId, "photos/a");
        var second = await AddStartAsync(bucket.BucketId, "videos/a");
        await AddStartAsync(other.BucketId, "videos/b");
        var finished = await AddStartAsync(bucket.BucketId, "videos/finished");
        Assert.True(await Store.FinishLargeFileAsync(Finished(finished, []), Ct));

        var listed = await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "videos/", null, 10, Ct);

        Assert.Equal(Ids([first, second]), Ids(listed));
        AssertSameVersion(first, listed[0]);
    }

    [Fact]
    public async Task ListUnfinishedLargeFiles_StartFileIdAndLimit_PageInclusively()
    {
        var bucket = await AddBucketAsync();
        var starts = new List<FileVersion>();
        for (var i = 0; i < 5; i++)
        {
            starts.Add(await AddStartAsync(bucket.BucketId, $"file-{4 - i}"));
        }

        var first = await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", null, 2, Ct);
        var second = await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", starts[2].FileId, 2, Ct);
        var last = await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", starts[4].FileId, 2, Ct);

        Assert.Equal(Ids(starts[..2]), Ids(first));
        Assert.Equal(Ids(starts[2..4]), Ids(second));
        Assert.Equal(Ids(starts[4..]), Ids(last));
    }

    [Fact]
    public async Task UpsertPart_ThenListParts_AscendingFromStartNumberWithinLimit()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var parts = new[] { NewPart(start.FileId, 3), NewPart(start.FileId, 1), NewPart(start.FileId, 10), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            Assert.Empty(await Store.UpsertPartAsync(part, Ct));
        }

        var all = await Store.ListPartsAsync(start.FileId, 1, 100, Ct);
        var page = await Store.ListPartsAsync(start.FileId, 2, 2, Ct);

        Assert.Equal(parts.OrderBy(p => p.PartNumber), all);
        Assert.Equal([2, 3], page.Select(p => p.PartNumber));
        Assert.Empty(await Store.ListPartsAsync(start.FileId, 11, 100, Ct));
    }

    [Fact]
    public async Task UpsertPart_SameNumber_ReplacesPartAndFreesOldBlob()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var original = NewPart(start.FileId, 1);
        await Store.UpsertPartAsync(original, Ct);
        var replacement = NewPart(start.FileId, 1) with { ContentLength = 42, ContentSha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709" };

        var freed = await Store.UpsertPartAsync(replacement, Ct);

        Assert.Equal([original.BlobId], freed);
        Assert.Equal(replacement, Assert.Single(await Store.ListPartsAsync(start.FileId, 1, 10, Ct)));
    }

    [Fact]
    public async Task UpsertPart_SameBlobAgain_FreesNothing()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var part = NewPart(start.FileId, 1);
        await Store.UpsertPartAsync(part, Ct);

        Assert.Empty(await Store.UpsertPartAsync(part with { UploadTimestamp = part.UploadTimestamp + 1 }, Ct));
    }

    [Fact]
    public async Task UpsertPart_ReplacedBlobStillReferenced_FreesNothing()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var shared = IdGenerator.NewBlobId();
        await AddUploadAsync(bucket.BucketId, "copy-source", shared);
        await Store.UpsertPartAsync(NewPart(start.FileId, 1, shared), Ct);

        Assert.Empty(await Store.UpsertPartAsync(NewPart(start.FileId, 1), Ct));
    }

    [Fact]
    public async Task UpsertPart_FileIsNotUnfinished_ThrowsFileNotPresent()
    {
        var bucket = await AddBucketAsync();
        var upload = await AddUploadAsync(bucket.BucketId, "small");
        var finished = await AddStartAsync(bucket.BucketId, "big");
        await Store.FinishLargeFileAsync(Finished(finished, []), Ct);
        var unknown = IdGenerator.NewFileId(bucket.BucketId, FileIdKind.Large, DateTimeOffset.UtcNow);

        foreach (var fileId in new[] { upload.FileId, finished.FileId, unknown })
        {
            await AssertCairnErrorAsync(CairnError.FileNotPresent, () => Store.UpsertPartAsync(NewPart(fileId, 1), Ct));
            Assert.Empty(await Store.ListPartsAsync(fileId, 1, 10, Ct));
        }
    }

    [Fact]
    public async Task FinishLargeFile_Newest_BecomesCurrentWithSameId()
    {
        var bucket = await AddBucketAsync();
        await AddUploadAsync(bucket.BucketId, "big");
        var start = await AddStartAsync(bucket.BucketId, "big");
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }
        var finished = Finished(start, parts);

        Assert.True(await Store.FinishLargeFileAsync(finished, Ct));

        AssertSameVersion(finished, await Store.GetFileVersionAsync(start.FileId, Ct));
        AssertSameVersion(finished, await Store.GetCurrentVersionAsync(bucket.BucketId, "big", Ct));
        AssertSameListed(finished, Assert.Single(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct)));
        Assert.Empty(await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", null, 10, Ct));
    }

    [Fact]
    public async Task FinishLargeFile_NewerVersionsExist_KeepsItsPlace()
    {
        var bucket = await AddBucketAsync();
        var older = await AddUploadAsync(bucket.BucketId, "big");
        var start = await AddStartAsync(bucket.BucketId, "big");
        var newer = await AddUploadAsync(bucket.BucketId, "big");

        Assert.True(await Store.FinishLargeFileAsync(Finished(start, []), Ct));

        AssertSameVersion(newer, await Store.GetCurrentVersionAsync(bucket.BucketId, "big", Ct));
        Assert.Equal(Ids([newer, start, older]), Ids(await Store.ListFileVersionsAsync(bucket.BucketId, "", "", null, 10, Ct)));
    }

    [Fact]
    public async Task FinishLargeFile_NewerHideMarker_KeepsNameHidden()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var hide = await AddHideAsync(bucket.BucketId, "big");

        Assert.True(await Store.FinishLargeFileAsync(Finished(start, []), Ct));

        AssertSameVersion(hide, await Store.GetCurrentVersionAsync(bucket.BucketId, "big", Ct));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct));
    }

    [Fact]
    public async Task FinishLargeFile_DropsPartsButKeepsTheirBlobsReferenced()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }

        await Store.FinishLargeFileAsync(Finished(start, parts), Ct);

        Assert.Empty(await Store.ListPartsAsync(start.FileId, 1, 10, Ct));
        Assert.Empty(await Store.FindUnreferencedBlobsAsync(parts.Select(p => p.BlobId).ToList(), Ct));
        var deleted = await Store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: false, Ct);
        Assert.Equal(parts.Select(p => p.BlobId).Order(), deleted!.FreedBlobIds.Order());
    }

    [Fact]
    public async Task FinishLargeFile_NotUnfinished_ReturnsFalse()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var upload = await AddUploadAsync(bucket.BucketId, "small");
        Assert.True(await Store.FinishLargeFileAsync(Finished(start, []), Ct));

        Assert.False(await Store.FinishLargeFileAsync(Finished(start, []), Ct));
        Assert.False(await Store.FinishLargeFileAsync(Finished(upload, []), Ct));
        Assert.False(await Store.FinishLargeFileAsync(Finished(NewStart(bucket.BucketId, "never-started"), []), Ct));
        AssertSameVersion(upload, await Store.GetFileVersionAsync(upload.FileId, Ct));
    }

    [Fact]
    public async Task FinishLargeFile_SegmentsNotTheCurrentParts_ThrowsAndChangesNothing()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }
        var stale = Finished(start, parts);
        var replacement = NewPart(start.FileId, 1);
        var freed = await Store.UpsertPartAsync(replacement, Ct);

        await AssertCairnErrorAsync(CairnError.PartSha1Mismatch, () => Store.FinishLargeFileAsync(stale, Ct));
        await AssertCairnErrorAsync(CairnError.PartSha1Mismatch, () => Store.FinishLargeFileAsync(Finished(start, [replacement]), Ct));
        await AssertCairnErrorAsync(CairnError.PartSha1Mismatch, () => Store.FinishLargeFileAsync(Finished(start, [parts[1], replacement]), Ct));

        Assert.Equal([parts[0].BlobId], freed);
        Assert.Equal(FileAction.Start, (await Store.GetFileVersionAsync(start.FileId, Ct))!.Action);
        Assert.Equal([replacement, parts[1]], await Store.ListPartsAsync(start.FileId, 1, 10, Ct));
        Assert.True(await Store.FinishLargeFileAsync(Finished(start, [replacement, parts[1]]), Ct));
    }

    [Fact]
    public async Task DeleteFileVersion_UnfinishedOnly_LeavesAFinishedFileInPlace()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }
        Assert.True(await Store.FinishLargeFileAsync(Finished(start, parts), Ct));

        Assert.Null(await Store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: true, Ct));

        Assert.Equal(FileAction.Upload, (await Store.GetFileVersionAsync(start.FileId, Ct))!.Action);
    }

    [Fact]
    public async Task DeleteFileVersion_UnfinishedLargeFile_DropsPartsAndFreesTheirBlobs()
    {
        var bucket = await AddBucketAsync();
        var start = await AddStartAsync(bucket.BucketId, "big");
        var parts = new[] { NewPart(start.FileId, 1), NewPart(start.FileId, 2) };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }

        var deleted = await Store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: false, Ct);

        AssertSameVersion(start, deleted!.Version);
        Assert.Equal(parts.Select(p => p.BlobId).Order(), deleted.FreedBlobIds.Order());
        Assert.Empty(await Store.ListPartsAsync(start.FileId, 1, 10, Ct));
        Assert.Empty(await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", null, 10, Ct));
    }

    [Fact]
    public async Task FindUnreferencedBlobs_ReturnsOnlyBlobsNoSegmentOrPartNames()
    {
        var bucket = await AddBucketAsync();
        var inSegment = IdGenerator.NewBlobId();
        await AddUploadAsync(bucket.BucketId, "a", inSegment);
        var start = await AddStartAsync(bucket.BucketId, "big");
        var part = NewPart(start.FileId, 1);
        await Store.UpsertPartAsync(part, Ct);
        var orphans = Enumerable.Range(0, 1200).Select(_ => IdGenerator.NewBlobId()).ToList();

        var found = await Store.FindUnreferencedBlobsAsync([inSegment, .. orphans, part.BlobId, orphans[0]], Ct);

        Assert.Equal(orphans.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.Empty(await Store.FindUnreferencedBlobsAsync([], Ct));
    }
}
