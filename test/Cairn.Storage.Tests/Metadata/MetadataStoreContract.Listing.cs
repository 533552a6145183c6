using Cairn.Core.Files;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    /// <summary>In UTF-8 byte order: U+E000..U+FFFF sort before every supplementary character (UTF-16 order differs).</summary>
    private static readonly string[] NamesInByteOrder =
    [
        "A", "a", "a/b", "a0", "z", "é", "\uE000", "\uFFFD", "\uFFFF", "😀", "😀a", "😀😀", "😀\U0010FFFF", "😁", "\U0010FFFF", "\U0010FFFFx",
    ];

    private async Task<string> AddNamesAsync(IEnumerable<string> names)
    {
        var bucket = await AddBucketAsync();
        foreach (var name in names)
        {
            await AddUploadAsync(bucket.BucketId, name);
        }
        return bucket.BucketId;
    }

    [Fact]
    public async Task ListCurrentVersions_Names_OrderedByUtf8Bytes()
    {
        var bucketId = await AddNamesAsync(NamesInByteOrder.Reverse());

        var names = Names(await Store.ListCurrentVersionsAsync(bucketId, "", "", 100, Ct)).ToList();

        Assert.Equal(NamesInByteOrder, names);
        Assert.True(names.IndexOf("\uE000") < names.IndexOf("😀"), "U+E000 sorts before U+1F600 in UTF-8 byte order.");
    }

    [Theory]
    [InlineData("a", new[] { "a", "a/b", "a0" })]
    [InlineData("a/", new[] { "a/b" })]
    [InlineData("😀", new[] { "😀", "😀a", "😀😀", "😀\U0010FFFF" })]
    [InlineData("\uFFFF", new[] { "\uFFFF" })]
    [InlineData("\U0010FFFF", new[] { "\U0010FFFF", "\U0010FFFFx" })]
    [InlineData("\U0010FFFFx", new[] { "\U0010FFFFx" })]
    [InlineData("é", new[] { "é" })]
    [InlineData("b", new string[0])]
    [InlineData("😀b", new string[0])]
    public async Task ListCurrentVersions_Prefix_ReturnsExactlyNamesStartingWithIt(string prefix, string[] expected)
    {
        var bucketId = await AddNamesAsync(NamesInByteOrder);

        var names = Names(await Store.ListCurrentVersionsAsync(bucketId, prefix, "", 100, Ct));

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task ListCurrentVersions_StartFileName_IsInclusiveAndLimitHolds()
    {
        var bucketId = await AddNamesAsync(["a", "b", "c", "d", "e"]);

        Assert.Equal(["c", "d"], Names(await Store.ListCurrentVersionsAsync(bucketId, "", "c", 2, Ct)));
        Assert.Equal(["d", "e"], Names(await Store.ListCurrentVersionsAsync(bucketId, "", "c\0", 2, Ct)));
        Assert.Equal(["e"], Names(await Store.ListCurrentVersionsAsync(bucketId, "", "e", 2, Ct)));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucketId, "", "f", 2, Ct));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucketId, "", "", 0, Ct));
    }

    [Fact]
    public async Task ListCurrentVersions_PagedThroughByStartFileName_ReturnsEveryNameOnce()
    {
        var bucketId = await AddNamesAsync(NamesInByteOrder);
        var seen = new List<string>();
        var start = "";

        while (true)
        {
            // Ask for one more than a page: the extra entry's name is where the next page starts.
            var page = Names(await Store.ListCurrentVersionsAsync(bucketId, "", start, 4, Ct)).ToList();
            seen.AddRange(page.Take(3));
            if (page.Count < 4)
            {
                break;
            }
            start = page[3];
        }

        Assert.Equal(NamesInByteOrder, seen);
    }

    [Fact]
    public async Task ListCurrentVersions_StartFileNameOutsidePrefix_IsClampedToPrefix()
    {
        var bucketId = await AddNamesAsync(["a", "b/1", "b/2", "c"]);

        Assert.Equal(["b/1", "b/2"], Names(await Store.ListCurrentVersionsAsync(bucketId, "b/", "a", 10, Ct)));
        Assert.Equal(["b/2"], Names(await Store.ListCurrentVersionsAsync(bucketId, "b/", "b/2", 10, Ct)));
        Assert.Empty(await Store.ListCurrentVersionsAsync(bucketId, "b/", "c", 10, Ct));
    }

    [Fact]
    public async Task ListCurrentVersions_SkipsHiddenAndUnfinishedNamesAndOtherBuckets()
    {
        var bucket = await AddBucketAsync();
        var other = await AddBucketAsync();
        var visible = await AddUploadAsync(bucket.BucketId, "visible");
        await AddUploadAsync(bucket.BucketId, "hidden");
        await AddHideAsync(bucket.BucketId, "hidden");
        await AddStartAsync(bucket.BucketId, "started");
        await AddUploadAsync(other.BucketId, "elsewhere");
        await AddHideAsync(bucket.BucketId, "only-hidden");

        var listed = await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct);

        AssertSameListed(visible, Assert.Single(listed));
    }

    [Fact]
    public async Task ListCurrentVersions_ReturnsNewestUploadOfEachName()
    {
        var bucket = await AddBucketAsync();
        await AddUploadAsync(bucket.BucketId, "a");
        var a = await AddUploadAsync(bucket.BucketId, "a");
        await AddUploadAsync(bucket.BucketId, "b");
        await AddHideAsync(bucket.BucketId, "b");
        var b = await AddUploadAsync(bucket.BucketId, "b");

        var listed = await Store.ListCurrentVersionsAsync(bucket.BucketId, "", "", 10, Ct);

        Assert.Equal([a.FileId, b.FileId], Ids(listed));
        AssertSameListed(b, listed[1]);
    }

    [Fact]
    public async Task ListFileVersions_OrdersByNameThenNewestFirst()
    {
        var bucket = await AddBucketAsync();
        var b1 = await AddUploadAsync(bucket.BucketId, "b");
        var a1 = await AddUploadAsync(bucket.BucketId, "a");
        var a2 = await AddHideAsync(bucket.BucketId, "a");
        var b2 = await AddStartAsync(bucket.BucketId, "b");
        var a3 = await AddUploadAsync(bucket.BucketId, "a");
        var emoji = await AddUploadAsync(bucket.BucketId, "😀");
        var privateUse = await AddUploadAsync(bucket.BucketId, "\uE000");

        var listed = await Store.ListFileVersionsAsync(bucket.BucketId, "", "", null, 100, Ct);

        Assert.Equal(Ids([a3, a2, a1, b2, b1, privateUse, emoji]), Ids(listed));
        AssertSameListed(b2, listed[3]);
    }

    [Fact]
    public async Task ListFileVersions_StartFileId_BeginsAtThatVersion()
    {
        var bucket = await AddBucketAsync();
        var a1 = await AddUploadAsync(bucket.BucketId, "a");
        var a2 = await AddUploadAsync(bucket.BucketId, "a");
        await AddUploadAsync(bucket.BucketId, "a");
        var b1 = await AddUploadAsync(bucket.BucketId, "b");

        var listed = await Store.ListFileVersionsAsync(bucket.BucketId, "", "a", a2.FileId, 10, Ct);
        var limited = await Store.ListFileVersionsAsync(bucket.BucketId, "", "a", a2.FileId, 1, Ct);

        Assert.Equal(Ids([a2, a1, b1]), Ids(listed));
        Assert.Equal(Ids([a2]), Ids(limited));
    }

    [Fact]
    public async Task ListFileVersions_PagedThroughByNameAndId_ReturnsEveryVersionOnce()
    {
        var bucket = await AddBucketAsync();
        var all = new List<FileVersion>();
        foreach (var name in new[] { "x", "y", "x", "x", "z", "y", "x" })
        {
            all.Add(await AddUploadAsync(bucket.BucketId, name));
        }
        var expected = all.OrderBy(v => v.FileName, StringComparer.Ordinal).ThenByDescending(all.IndexOf).Select(v => v.FileId);
        var seen = new List<string>();
        string startName = "", startId = null!;

        while (true)
        {
            var page = await Store.ListFileVersionsAsync(bucket.BucketId, "", startName, startId, 3, Ct);
            seen.AddRange(Ids(page.Take(2)));
            if (page.Count < 3)
            {
                break;
            }
            (startName, startId) = (page[2].FileName, page[2].FileId);
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ListFileVersions_StartFileIdOfAnotherName_StartsWithEveryVersionOfStartFileName()
    {
        var bucket = await AddBucketAsync();
        var a1 = await AddUploadAsync(bucket.BucketId, "a");
        var b1 = await AddUploadAsync(bucket.BucketId, "b");
        var b2 = await AddUploadAsync(bucket.BucketId, "b");

        var listed = await Store.ListFileVersionsAsync(bucket.BucketId, "", "b", a1.FileId, 10, Ct);

        Assert.Equal(Ids([b2, b1]), Ids(listed));
    }

    [Fact]
    public async Task ListFileVersions_Prefix_ReturnsOnlyMatchingNames()
    {
        var bucket = await AddBucketAsync();
        await AddUploadAsync(bucket.BucketId, "logs");
        var l1 = await AddUploadAsync(bucket.BucketId, "logs/1");
        var l2 = await AddHideAsync(bucket.BucketId, "logs/1");
        var l3 = await AddUploadAsync(bucket.BucketId, "logs/2");
        await AddUploadAsync(bucket.BucketId, "logs0");

        var listed = await Store.ListFileVersionsAsync(bucket.BucketId, "logs/", "", null, 10, Ct);
        var resumed = await Store.ListFileVersionsAsync(bucket.BucketId, "logs/", "logs/1", l1.FileId, 10, Ct);
        var before = await Store.ListFileVersionsAsync(bucket.BucketId, "logs/", "a", null, 10, Ct);

        Assert.Equal(Ids([l2, l1, l3]), Ids(listed));
        Assert.Equal(Ids([l1, l3]), Ids(resumed));
        Assert.Equal(Ids([l2, l1, l3]), Ids(before));
    }
}
