using Cairn.Core.Errors;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Storage.Memory;
using static Cairn.Storage.Tests.Memory.MemoryStoreData;

namespace Cairn.Storage.Tests.Memory;

/// <summary>
/// The trickier parts of <see cref="MemoryMetadataStore"/>: name order, which version is current, listing starts,
/// and which blobs a change frees. The shared metadata contract covers the rest.
/// </summary>
public sealed class MemoryMetadataStoreTests : IAsyncLifetime
{
    private readonly MemoryMetadataStore _store = new();
    private string _bucketId = "";

    public async Task InitializeAsync()
    {
        var bucket = Bucket("bucket-a");
        await _store.InsertBucketAsync(bucket, default);
        _bucketId = bucket.BucketId;
    }

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    // ---- name order -----------------------------------------------------------------------------------

    [Fact]
    public async Task Listings_OrderNamesByUtf8Bytes_EmojiAfterPrivateUseArea()
    {
        // Code point order; .NET's ordinal (UTF-16) order would put the emoji (a surrogate pair) before U+E000.
        string[] expected = ["a", "a/b", "ab", "z", "\u00E9", "\uE000", "\uFFFD", "\U0001F600", "\U0001F600x"];
        Assert.NotEqual(expected, expected.Order(StringComparer.Ordinal));
        foreach (var name in expected.Reverse())
        {
            await InsertAsync(Upload(_bucketId, name));
        }

        var current = await _store.ListCurrentVersionsAsync(_bucketId, "", "", 100, default);
        var all = await _store.ListFileVersionsAsync(_bucketId, "", "", null, 100, default);

        Assert.Equal(expected, current.Select(v => v.FileName));
        Assert.Equal(expected, all.Select(v => v.FileName));
    }

    [Theory]
    [InlineData("\uE000", new[] { "\uE000", "\uFFFD", "\U0001F600" })]
    [InlineData("\uE001", new[] { "\uFFFD", "\U0001F600" })]
    [InlineData("\uFFFF", new[] { "\U0001F600" })]
    [InlineData("\U0001F600", new[] { "\U0001F600" })]
    [InlineData("\U0001F601", new string[0])]
    public async Task ListCurrentVersions_StartFileName_FollowsUtf8Order(string startFileName, string[] expected)
    {
        foreach (var name in new[] { "a", "\U0001F600", "\uE000", "\uFFFD" })
        {
            await InsertAsync(Upload(_bucketId, name));
        }

        var page = await _store.ListCurrentVersionsAsync(_bucketId, "", startFileName, 100, default);

        Assert.Equal(expected, page.Select(v => v.FileName));
    }

    [Fact]
    public async Task ListFileVersions_WithinAName_NewestInsertedFirst()
    {
        // The builder gives each later version an older timestamp: order must follow insertion alone.
        var first = await InsertAsync(Upload(_bucketId, "f"));
        var second = await InsertAsync(Hide(_bucketId, "f"));
        var third = await InsertAsync(Start(_bucketId, "f"));
        var fourth = await InsertAsync(Upload(_bucketId, "f"));

        var all = await _store.ListFileVersionsAsync(_bucketId, "", "", null, 100, default);

        Assert.Equal([fourth.FileId, third.FileId, second.FileId, first.FileId], all.Select(v => v.FileId));
    }

    // ---- current version ------------------------------------------------------------------------------

    [Fact]
    public async Task GetCurrentVersion_NewerUnfinishedLargeFile_DoesNotCount()
    {
        var upload = await InsertAsync(Upload(_bucketId, "f"));
        await InsertAsync(Start(_bucketId, "f"));

        Assert.Equal(upload.FileId, (await _store.GetCurrentVersionAsync(_bucketId, "f", default))?.FileId);
        Assert.Equal([upload.FileId], await CurrentIdsAsync());
    }

    [Fact]
    public async Task HideMarker_IsCurrent_NameLeavesAndReturnsToListings()
    {
        var upload = await InsertAsync(Upload(_bucketId, "f"));
        var hide = await InsertAsync(Hide(_bucketId, "f"));

        Assert.Equal(hide.FileId, (await _store.GetCurrentVersionAsync(_bucketId, "f", default))?.FileId);
        Assert.Empty(await CurrentIdsAsync());

        await _store.DeleteFileVersionAsync(hide.FileId, unfinishedOnly: false, default);

        Assert.Equal(upload.FileId, (await _store.GetCurrentVersionAsync(_bucketId, "f", default))?.FileId);
        Assert.Equal([upload.FileId], await CurrentIdsAsync());
    }

    [Fact]
    public async Task DeleteFileVersion_UploadBelowAHideMarker_NameStaysHidden()
    {
        var upload = await InsertAsync(Upload(_bucketId, "f"));
        var hide = await InsertAsync(Hide(_bucketId, "f"));

        await _store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, default);

        Assert.Equal(hide.FileId, (await _store.GetCurrentVersionAsync(_bucketId, "f", default))?.FileId);
        Assert.Empty(await CurrentIdsAsync());
    }

    [Fact]
    public async Task DeleteFileVersion_NewestUpload_OlderUploadBecomesCurrent()
    {
        var older = await InsertAsync(Upload(_bucketId, "f"));
        var newer = await InsertAsync(Upload(_bucketId, "f"));

        await _store.DeleteFileVersionAsync(newer.FileId, unfinishedOnly: false, default);

        Assert.Equal([older.FileId], await CurrentIdsAsync());
    }

    [Fact]
    public async Task DeleteFileVersion_LastVersion_NameDisappears()
    {
        var upload = await InsertAsync(Upload(_bucketId, "f"));

        var deleted = await _store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, default);

        Assert.Equal(upload, deleted?.Version);
        Assert.Null(await _store.GetCurrentVersionAsync(_bucketId, "f", default));
        Assert.Null(await _store.GetFileVersionAsync(upload.FileId, default));
        Assert.Empty(await _store.ListFileVersionsAsync(_bucketId, "", "", null, 10, default));
        Assert.Null(await _store.DeleteFileVersionAsync(upload.FileId, unfinishedOnly: false, default));
    }

    [Fact]
    public async Task OnlyAnUnfinishedLargeFile_NoCurrentVersion_ListedOnlyAmongVersions()
    {
        var start = await InsertAsync(Start(_bucketId, "f"));

        Assert.Null(await _store.GetCurrentVersionAsync(_bucketId, "f", default));
        Assert.Empty(await CurrentIdsAsync());
        Assert.Equal([start.FileId], (await _store.ListFileVersionsAsync(_bucketId, "", "", null, 10, default)).Select(v => v.FileId));
    }

    // ---- listing starts and prefixes ------------------------------------------------------------------

    [Theory]
    [InlineData("dir/", "", 10, new[] { "dir/a", "dir/b", "dir/d" })]
    [InlineData("dir/", "dir/b", 10, new[] { "dir/b", "dir/d" })]
    [InlineData("dir/", "dir/c", 10, new[] { "dir/d" })]
    [InlineData("dir/", "a", 10, new[] { "dir/a", "dir/b", "dir/d" })]
    [InlineData("dir/", "dir/a", 2, new[] { "dir/a", "dir/b" })]
    [InlineData("dir/", "e", 10, new string[0])]
    [InlineData("dir", "dir/c", 10, new[] { "dir/d", "dir0" })]
    [InlineData("", "dir0", 10, new[] { "dir0", "dis" })]
    public async Task ListCurrentVersions_PrefixStartAndLimit(string prefix, string startFileName, int limit, string[] expected)
    {
        foreach (var name in new[] { "dis", "dir/d", "dir0", "dir/a", "dir/c", "dir/b", "cat" })
        {
            await InsertAsync(Upload(_bucketId, name));
        }
        await InsertAsync(Hide(_bucketId, "dir/c"));

        var page = await _store.ListCurrentVersionsAsync(_bucketId, prefix, startFileName, limit, default);

        Assert.Equal(expected, page.Select(v => v.FileName));
    }

    [Fact]
    public async Task ListFileVersions_StartFileId_BeginsAtThatVersionAndSkipsNewerOnes()
    {
        var x1 = await InsertAsync(Upload(_bucketId, "x"));
        var x2 = await InsertAsync(Hide(_bucketId, "x"));
        var x3 = await InsertAsync(Upload(_bucketId, "x"));
        var y1 = await InsertAsync(Upload(_bucketId, "y"));

        Assert.Equal([x2.FileId, x1.FileId, y1.FileId], await VersionIdsAsync("", "x", x2.FileId));
        Assert.Equal([x1.FileId, y1.FileId], await VersionIdsAsync("", "x", x1.FileId));
        Assert.Equal([x3.FileId, x2.FileId, x1.FileId, y1.FileId], await VersionIdsAsync("", "x", x3.FileId));
    }

    [Fact]
    public async Task ListFileVersions_StartFileIdOfAnotherName_IsIgnored()
    {
        var x1 = await InsertAsync(Upload(_bucketId, "x"));
        var x2 = await InsertAsync(Upload(_bucketId, "x"));
        var y1 = await InsertAsync(Upload(_bucketId, "y"));

        Assert.Equal([x2.FileId, x1.FileId, y1.FileId], await VersionIdsAsync("", "x", y1.FileId));
        Assert.Equal([x2.FileId, x1.FileId, y1.FileId], await VersionIdsAsync("", "x", IdGenerator.NewFileId(_bucketId, FileIdKind.Small, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task ListFileVersions_PagedByNameAndId_VisitsEveryVersionOnce()
    {
        foreach (var name in new[] { "b", "a", "c", "a", "b", "a", "d/x", "d/y" })
        {
            await InsertAsync(Upload(_bucketId, name));
        }
        await InsertAsync(Hide(_bucketId, "a"));
        await InsertAsync(Start(_bucketId, "b"));
        var everything = await _store.ListFileVersionsAsync(_bucketId, "", "", null, 100, default);

        // Ask for one more than a page; the extra entry is where the next page starts.
        var paged = new List<FileVersion>();
        string startName = "", startId = "";
        while (true)
        {
            var page = await _store.ListFileVersionsAsync(_bucketId, "", startName, startId == "" ? null : startId, 3, default);
            paged.AddRange(page.Take(2));
            if (page.Count < 3)
            {
                break;
            }
            (startName, startId) = (page[2].FileName, page[2].FileId);
        }

        Assert.Equal(10, everything.Count);
        Assert.Equal(everything, paged);
    }

    [Fact]
    public async Task ListFileVersions_Prefix_IncludesEveryKindOfVersion()
    {
        var upload = await InsertAsync(Upload(_bucketId, "p/a"));
        var hide = await InsertAsync(Hide(_bucketId, "p/a"));
        var start = await InsertAsync(Start(_bucketId, "p/b"));
        await InsertAsync(Upload(_bucketId, "q"));

        Assert.Equal([hide.FileId, upload.FileId, start.FileId], await VersionIdsAsync("p/", "", null));
    }

    // ---- blobs freed ----------------------------------------------------------------------------------

    [Fact]
    public async Task DeleteFileVersion_BlobSharedByACopy_FreedOnlyWithTheLastReference()
    {
        var blob = IdGenerator.NewBlobId();
        var original = await InsertAsync(Upload(_bucketId, "f", blob));
        var copy = await InsertAsync(Upload(_bucketId, "g", blob));

        Assert.Empty((await _store.DeleteFileVersionAsync(original.FileId, unfinishedOnly: false, default))!.FreedBlobIds);
        Assert.Empty(await _store.FindUnreferencedBlobsAsync([blob], default));

        Assert.Equal([blob], (await _store.DeleteFileVersionAsync(copy.FileId, unfinishedOnly: false, default))!.FreedBlobIds);
        Assert.Equal([blob], await _store.FindUnreferencedBlobsAsync([blob], default));
    }

    [Fact]
    public async Task DeleteFileVersion_TwoSegmentsOfOneBlob_FreesItOnce()
    {
        var blob = IdGenerator.NewBlobId();
        var version = await InsertAsync(Upload(_bucketId, "f", blob, blob));

        Assert.Equal([blob], (await _store.DeleteFileVersionAsync(version.FileId, unfinishedOnly: false, default))!.FreedBlobIds);
    }

    [Fact]
    public async Task UpsertPart_Replacement_FreesTheOldBlobUnlessStillReferenced()
    {
        var start = await InsertAsync(Start(_bucketId, "big"));
        string p1 = IdGenerator.NewBlobId(), p2 = IdGenerator.NewBlobId(), p3 = IdGenerator.NewBlobId();

        Assert.Empty(await _store.UpsertPartAsync(Part(start.FileId, 1, p1), default));
        Assert.Equal([p1], await _store.UpsertPartAsync(Part(start.FileId, 1, p2), default));
        Assert.Empty(await _store.UpsertPartAsync(Part(start.FileId, 1, p2), default));
        Assert.Empty(await _store.UpsertPartAsync(Part(start.FileId, 2, p3), default));
        await InsertAsync(Upload(_bucketId, "copy", p3));
        Assert.Empty(await _store.UpsertPartAsync(Part(start.FileId, 2, p1), default));

        var parts = await _store.ListPartsAsync(start.FileId, 1, 10, default);
        Assert.Equal([(1, p2), (2, p1)], parts.Select(p => (p.PartNumber, p.BlobId)));
    }

    [Fact]
    public async Task DeleteFileVersion_UnfinishedLargeFile_FreesItsParts()
    {
        var start = await InsertAsync(Start(_bucketId, "big"));
        string p1 = IdGenerator.NewBlobId(), p2 = IdGenerator.NewBlobId();
        await _store.UpsertPartAsync(Part(start.FileId, 1, p1), default);
        await _store.UpsertPartAsync(Part(start.FileId, 2, p2), default);

        var deleted = await _store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: false, default);

        Assert.Equal(new[] { p1, p2 }.Order(StringComparer.Ordinal), deleted!.FreedBlobIds.Order(StringComparer.Ordinal));
        Assert.Empty(await _store.ListPartsAsync(start.FileId, 1, 10, default));
        Assert.Empty(await _store.ListUnfinishedLargeFilesAsync(_bucketId, "", null, 10, default));
    }

    // ---- large files ----------------------------------------------------------------------------------

    [Fact]
    public async Task FinishLargeFile_KeepsItsPlaceAmongTheVersionsOfItsName()
    {
        var older = await InsertAsync(Upload(_bucketId, "f"));
        var start = await InsertAsync(Start(_bucketId, "f"));
        var newer = await InsertAsync(Upload(_bucketId, "f"));
        string p1 = IdGenerator.NewBlobId(), p2 = IdGenerator.NewBlobId();
        await _store.UpsertPartAsync(Part(start.FileId, 1, p1), default);
        await _store.UpsertPartAsync(Part(start.FileId, 2, p2), default);

        Assert.True(await _store.FinishLargeFileAsync(Finished(start, p1, p2), default));

        Assert.Equal([newer.FileId, start.FileId, older.FileId], await VersionIdsAsync("", "", null));
        Assert.Equal(FileAction.Upload, (await _store.GetFileVersionAsync(start.FileId, default))?.Action);
        Assert.Equal(newer.FileId, (await _store.GetCurrentVersionAsync(_bucketId, "f", default))?.FileId);
        Assert.Empty(await _store.FindUnreferencedBlobsAsync([p1, p2], default));
        Assert.Empty(await _store.ListPartsAsync(start.FileId, 1, 10, default));
        Assert.Empty(await _store.ListUnfinishedLargeFilesAsync(_bucketId, "", null, 10, default));
        Assert.False(await _store.FinishLargeFileAsync(Finished(start, p1, p2), default));

        var deleted = await _store.DeleteFileVersionAsync(start.FileId, unfinishedOnly: false, default);
        Assert.Equal(new[] { p1, p2 }.Order(StringComparer.Ordinal), deleted!.FreedBlobIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FinishLargeFile_NewestVersion_BecomesCurrentAndVisible()
    {
        await InsertAsync(Upload(_bucketId, "f"));
        var start = await InsertAsync(Start(_bucketId, "f"));
        var blob = IdGenerator.NewBlobId();
        await _store.UpsertPartAsync(Part(start.FileId, 1, blob), default);

        await _store.FinishLargeFileAsync(Finished(start, blob), default);

        Assert.Equal([start.FileId], await CurrentIdsAsync());
    }

    [Fact]
    public async Task UpsertPart_NotAnUnfinishedLargeFile_ThrowsFileNotPresent()
    {
        var upload = await InsertAsync(Upload(_bucketId, "f"));
        var start = await InsertAsync(Start(_bucketId, "g"));
        await _store.FinishLargeFileAsync(Finished(start), default);
        var unknown = IdGenerator.NewFileId(_bucketId, FileIdKind.Large, DateTimeOffset.UtcNow);

        foreach (var fileId in new[] { upload.FileId, start.FileId, unknown })
        {
            var e = await Assert.ThrowsAsync<CairnException>(() => _store.UpsertPartAsync(Part(fileId, 1, IdGenerator.NewBlobId()), default));
            Assert.Equal(CairnError.FileNotPresent, e.Error);
        }
    }

    [Fact]
    public async Task ListUnfinishedLargeFiles_OldestFirst_FromStartFileIdWithPrefix()
    {
        var s1 = await InsertAsync(Start(_bucketId, "b"));
        var s2 = await InsertAsync(Start(_bucketId, "a"));
        var s3 = await InsertAsync(Start(_bucketId, "b2"));
        var s4 = await InsertAsync(Start(_bucketId, "c"));
        await InsertAsync(Upload(_bucketId, "b3"));
        await _store.FinishLargeFileAsync(Finished(s4), default);

        Assert.Equal([s1.FileId, s2.FileId, s3.FileId], await UnfinishedIdsAsync("", null, 10));
        Assert.Equal([s1.FileId, s3.FileId], await UnfinishedIdsAsync("b", null, 10));
        Assert.Equal([s2.FileId, s3.FileId], await UnfinishedIdsAsync("", s2.FileId, 10));
        Assert.Equal([s3.FileId], await UnfinishedIdsAsync("b", s2.FileId, 10));
        Assert.Equal([s1.FileId], await UnfinishedIdsAsync("", null, 1));
    }

    [Fact]
    public async Task InsertFileVersion_MissingBucket_ThrowsBucketNotFound()
    {
        var bucketId = IdGenerator.NewBucketId();

        var e = await Assert.ThrowsAsync<CairnException>(() => _store.InsertFileVersionAsync(Upload(bucketId, "f"), default));

        Assert.Equal(CairnError.BucketNotFound, e.Error);
        Assert.Equal($"Bucket {bucketId} does not exist", e.Message);
    }

    [Fact]
    public async Task ConcurrentInserts_AllLandInOrder()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, ct) =>
        {
            for (var i = 0; i < 100; i++)
            {
                await _store.InsertFileVersionAsync(Upload(_bucketId, $"n{i % 10:D2}"), ct);
            }
        });

        var all = await _store.ListFileVersionsAsync(_bucketId, "", "", null, 1000, default);
        var current = await _store.ListCurrentVersionsAsync(_bucketId, "", "", 1000, default);

        Assert.Equal(800, all.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"n{i:D2}"), current.Select(v => v.FileName));
        Assert.Equal(all.Select(v => v.FileName).Order(StringComparer.Ordinal), all.Select(v => v.FileName));
    }

    private async Task<FileVersion> InsertAsync(FileVersion version)
    {
        await _store.InsertFileVersionAsync(version, default);
        return version;
    }

    private async Task<string[]> CurrentIdsAsync() =>
        [.. (await _store.ListCurrentVersionsAsync(_bucketId, "", "", 100, default)).Select(v => v.FileId)];

    private async Task<string[]> VersionIdsAsync(string prefix, string startFileName, string? startFileId) =>
        [.. (await _store.ListFileVersionsAsync(_bucketId, prefix, startFileName, startFileId, 100, default)).Select(v => v.FileId)];

    private async Task<string[]> UnfinishedIdsAsync(string prefix, string? startFileId, int limit) =>
        [.. (await _store.ListUnfinishedLargeFilesAsync(_bucketId, prefix, startFileId, limit, default)).Select(v => v.FileId)];
}
