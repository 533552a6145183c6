using System.Text.Json;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

public sealed class ListFileVersionsTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task ListFileVersions_ReuploadAndHide_ListsEveryVersionNewestFirst(int version)
    {
        var session = await memory.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var first = await session.UploadAsync(bucketId, "doc.txt", TestWire.Bytes("one"));
        var second = await session.UploadAsync(bucketId, "doc.txt", TestWire.Bytes("two!"));
        var marker = await session.CallAsync("b2_hide_file", new { bucketId, fileName = "doc.txt" });
        await session.UploadAsync(bucketId, "a.txt", TestWire.Bytes("a"));

        var listing = await TestWire.JsonAsync(await session.PostAsync("b2_list_file_versions", new { bucketId }));
        Assert.Equal(["files", "nextFileId", "nextFileName"], TestWire.Keys(listing));
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("nextFileId").ValueKind);
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("nextFileName").ValueKind);
        Assert.Equal(["upload a.txt", "hide doc.txt", "upload doc.txt", "upload doc.txt"], TestWire.ActionsAndNames(listing));
        var ids = listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileId").GetString()).ToList();
        Assert.Equal([marker.GetProperty("fileId").GetString(), second.GetProperty("fileId").GetString(), first.GetProperty("fileId").GetString()], ids[1..]);
        Assert.NotEqual(first.GetProperty("fileId").GetString(), second.GetProperty("fileId").GetString());

        var hide = listing.GetProperty("files")[1];
        Assert.False(hide.TryGetProperty("fileRetention", out _));
        Assert.False(hide.TryGetProperty("legalHold", out _));
        foreach (var entry in listing.GetProperty("files").EnumerateArray())
        {
            Assert.Equal(version == 1, entry.TryGetProperty("size", out var size));
            if (version == 1)
            {
                Assert.Equal(entry.GetProperty("contentLength").GetInt64(), size.GetInt64());
            }
        }

        Assert.Equal(["upload a.txt"], TestWire.ActionsAndNames(await session.CallAsync("b2_list_file_names", new { bucketId })));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10_000)]
    public async Task ListFileVersions_Paging_WalksEveryVersionOnceWithNextFileId(int maxFileCount)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var uploaded = new List<(string Name, string Id)>();
        foreach (var name in new[] { "😀", "b", "\uE000", "a", "b", "b", "\uE000", "é" })
        {
            uploaded.Add((name, (await session.UploadAsync(bucketId, name, TestWire.Bytes(name))).GetProperty("fileId").GetString()!));
        }
        string[] order = ["a", "b", "é", "\uE000", "😀"];
        var expected = uploaded.OrderBy(u => Array.IndexOf(order, u.Name)).ThenByDescending(u => uploaded.IndexOf(u)).Select(u => u.Id).ToList();

        var (entries, _) = await Listing.WalkAsync(session, "b2_list_file_versions", bucketId, maxFileCount);
        Assert.Equal(expected, entries.Select(e => e.GetProperty("fileId").GetString()!).ToList());
    }

    [Fact]
    public async Task ListFileVersions_PagingOnDisk_WalksEveryVersionOnce()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Insert(0, (await session.UploadAsync(bucketId, "same", TestWire.Bytes($"v{i}"))).GetProperty("fileId").GetString()!);
        }
        var (entries, pages) = await Listing.WalkAsync(session, "b2_list_file_versions", bucketId, 1);
        Assert.Equal(ids, entries.Select(e => e.GetProperty("fileId").GetString()!).ToList());
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task ListFileVersions_StartFileNameAndStartFileId_AreInclusive()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Insert(0, (await session.UploadAsync(bucketId, "x", TestWire.Bytes($"{i}"))).GetProperty("fileId").GetString()!);
        }
        await session.UploadAsync(bucketId, "y", []);

        var page = await session.CallAsync("b2_list_file_versions", new { bucketId, startFileName = "x", startFileId = ids[1], maxFileCount = 1 });
        Assert.Equal(ids[1], Assert.Single(page.GetProperty("files").EnumerateArray()).GetProperty("fileId").GetString());
        Assert.Equal("x", page.GetProperty("nextFileName").GetString());
        Assert.Equal(ids[2], page.GetProperty("nextFileId").GetString());

        Assert.Equal(["x", "x", "x", "y"], TestWire.Names(await session.CallAsync("b2_list_file_versions", new { bucketId, startFileName = "x" })));
    }

    [Fact]
    public async Task ListFileVersions_StartFileIdWithoutStartFileName_Returns400()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "x", [])).GetProperty("fileId").GetString();
        await TestWire.ErrorAsync(await session.PostAsync("b2_list_file_versions", new { bucketId, startFileId = fileId }), 400, "bad_request");
    }

    [Fact]
    public async Task ListFileVersions_Delimiter_FoldsFoldersAndKeepsHiddenFiles()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var name in new[] { "photos/alice.jpg", "photos/cats/fluffy.jpg", "photos/cats/fluffy.jpg", "photos/lilly.jpg" })
        {
            await session.UploadAsync(bucketId, name, []);
        }
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "photos/lilly.jpg" });
        var listing = await session.CallAsync("b2_list_file_versions", new { bucketId, prefix = "photos/", delimiter = "/" });
        Assert.Equal(["upload photos/alice.jpg", "folder photos/cats/", "hide photos/lilly.jpg", "upload photos/lilly.jpg"], TestWire.ActionsAndNames(listing));
        Assert.Equal(0, listing.GetProperty("files")[1].GetProperty("uploadTimestamp").GetInt64());
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("files")[1].GetProperty("fileId").ValueKind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ListFileVersions_DelimiterPaging_FolderOnAPageBoundaryIsReturnedOnce(int maxFileCount)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var name in new[] { "a", "a", "b/1", "b/1", "b/2", "c", "c", "d/x/y", "e" })
        {
            await session.UploadAsync(bucketId, name, []);
        }
        var (entries, _) = await Listing.WalkAsync(session, "b2_list_file_versions", bucketId, maxFileCount, delimiter: "/");
        Assert.Equal(["upload a", "upload a", "folder b/", "upload c", "upload c", "folder d/", "upload e"], entries.Select(Listing.Describe).ToArray());
    }

    [Fact]
    public async Task ListFileVersions_MaxFileCountOver10000_Returns400OutOfRange()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var over = await TestWire.ErrorAsync(await session.PostAsync("b2_list_file_versions", new { bucketId, maxFileCount = 10_001 }), 400, "out_of_range");
        Assert.Equal("maxFileCount out of range: 10001", over.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ListFileVersions_GetWithQueryParametersAndExplicitNulls_ListLikePost()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "q1", []);
        await session.UploadAsync(bucketId, "q2", []);
        var get = await TestWire.JsonAsync(await session.GetCallAsync("b2_list_file_versions", [new("bucketId", bucketId), new("maxFileCount", "1")]));
        Assert.Equal(["q1"], TestWire.Names(get));
        Assert.Equal("q2", get.GetProperty("nextFileName").GetString());
        Assert.NotNull(get.GetProperty("nextFileId").GetString());

        var nulls = await TestWire.JsonAsync(await session.PostRawJsonAsync("b2_list_file_versions",
            $$"""{"bucketId":"{{bucketId}}","startFileName":null,"startFileId":null,"maxFileCount":null,"prefix":null,"delimiter":null}"""));
        Assert.Equal(["q1", "q2"], TestWire.Names(nulls));
    }
}
