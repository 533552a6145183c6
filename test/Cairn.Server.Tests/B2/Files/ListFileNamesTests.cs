using System.Net;
using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

public sealed class ListFileNamesTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    private static readonly string[] Photos =
        ["photos/alice.jpg", "photos/cats/fluffy.jpg", "photos/cats/mittens.jpg", "photos/dogs/spot.jpg", "photos/lilly.jpg"];

    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task ListFileNames_EntryShape_V1CarriesSizeAndContentLengthLaterOnlyContentLength(int version)
    {
        var session = await memory.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("twelve bytes");
        await session.UploadAsync(bucketId, "shape.txt", content);

        var listing = await TestWire.JsonAsync(await session.PostAsync("b2_list_file_names", new { bucketId }));
        Assert.Equal(["files", "nextFileName"], TestWire.Keys(listing));
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("nextFileName").ValueKind);
        var entry = Assert.Single(listing.GetProperty("files").EnumerateArray());
        string[] expected =
        [
            "accountId", "action", "bucketId", "contentLength", "contentMd5", "contentSha1", "contentType", "fileId", "fileInfo",
            "fileName", "fileRetention", "legalHold", "serverSideEncryption", "uploadTimestamp",
        ];
        Assert.Equal(version == 1 ? [.. expected, "size"] : expected, TestWire.Keys(entry).OrderBy(k => k == "size" ? 1 : 0).ToArray());
        Assert.Equal(content.Length, entry.GetProperty("contentLength").GetInt64());
        if (version == 1)
        {
            Assert.Equal(content.Length, entry.GetProperty("size").GetInt64());
        }
        Assert.Equal("upload", entry.GetProperty("action").GetString());
    }

    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task ListFileNames_DelimiterOnTheDocsPhotosExample_ReturnsFilesAndFolders(int version)
    {
        var session = await memory.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        foreach (var name in Photos.Append("other/x.jpg").Append("photos.txt"))
        {
            await session.UploadAsync(bucketId, name, TestWire.Bytes(name));
        }

        var listing = await session.CallAsync("b2_list_file_names", new { bucketId, prefix = "photos/", delimiter = "/" });
        Assert.Equal(["upload photos/alice.jpg", "folder photos/cats/", "folder photos/dogs/", "upload photos/lilly.jpg"], TestWire.ActionsAndNames(listing));
        Assert.Equal(JsonValueKind.Null, listing.GetProperty("nextFileName").ValueKind);

        var folder = listing.GetProperty("files")[1];
        Assert.Equal(0, folder.GetProperty("uploadTimestamp").GetInt64());
        Assert.Equal(0, folder.GetProperty("contentLength").GetInt64());
        Assert.Equal(JsonValueKind.Null, folder.GetProperty("fileId").ValueKind);
        Assert.Equal(JsonValueKind.Null, folder.GetProperty("contentType").ValueKind);
        Assert.Equal(JsonValueKind.Null, folder.GetProperty("contentMd5").ValueKind);
        Assert.Equal("{}", folder.GetProperty("fileInfo").GetRawText());
        Assert.Equal(bucketId, folder.GetProperty("bucketId").GetString());
        Assert.False(folder.TryGetProperty("fileRetention", out _));
        Assert.False(folder.TryGetProperty("legalHold", out _));
        if (version == 1)
        {
            Assert.Equal(0, folder.GetProperty("size").GetInt64());
        }

        var top = await session.CallAsync("b2_list_file_names", new { bucketId, delimiter = "/" });
        // "photos.txt" sorts before "photos/…" because "." (0x2E) is below "/" (0x2F).
        Assert.Equal(["folder other/", "upload photos.txt", "folder photos/"], TestWire.ActionsAndNames(top));
    }

    [Fact]
    public async Task ListFileNames_PrefixWithoutDelimiter_IsAStringPrefix()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var name in Photos)
        {
            await session.UploadAsync(bucketId, name, TestWire.Bytes(name));
        }
        Assert.Equal(["photos/cats/fluffy.jpg", "photos/cats/mittens.jpg"], TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId, prefix = "photos/c" })));
        Assert.Equal(["folder photos/cats/"], TestWire.ActionsAndNames(await session.CallAsync("b2_list_file_names", new { bucketId, prefix = "photos/c", delimiter = "/" })));
        Assert.Empty(TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId, prefix = "zzz" })));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(100)]
    public async Task ListFileNames_Paging_ReturnsEveryNameOnceInUtf8ByteOrder(int maxFileCount)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        // UTF-8 byte order: a < z < é (C3) < U+E000 (EE) < U+FFFD (EF) < 😀 (F0). UTF-16 order would put 😀 before U+E000.
        string[] sorted = ["a", "a/b", "ab", "z", "é", "\uE000", "\uE000x", "\uFFFD", "😀", "😀😀"];
        foreach (var name in sorted.Reverse())
        {
            await session.UploadAsync(bucketId, name, TestWire.Bytes(name));
        }
        var (entries, pages) = await Listing.WalkAsync(session, "b2_list_file_names", bucketId, maxFileCount);
        Assert.Equal(sorted, entries.Select(e => e.GetProperty("fileName").GetString()!).ToArray());
        Assert.Equal(maxFileCount >= sorted.Length ? 1 : (int)Math.Ceiling(sorted.Length / (double)maxFileCount), pages);
    }

    [Fact]
    public async Task ListFileNames_PagingOnDisk_ReturnsEveryNameOnceInUtf8ByteOrder()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        string[] sorted = ["a", "é", "\uE000", "\uFFFD", "😀"];
        foreach (var name in sorted.Reverse())
        {
            await session.UploadAsync(bucketId, name, TestWire.Bytes(name));
        }
        var (entries, _) = await Listing.WalkAsync(session, "b2_list_file_names", bucketId, 2);
        Assert.Equal(sorted, entries.Select(e => e.GetProperty("fileName").GetString()!).ToArray());
    }

    [Fact]
    public async Task ListFileNames_MaxFileCountLimits_DefaultIs100AndAbove10000Is400()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var names = Enumerable.Range(0, 101).Select(i => $"f{i:D3}").ToList();
        foreach (var name in names)
        {
            await session.UploadAsync(bucketId, name, []);
        }

        var absent = await session.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Equal(names.Take(100), TestWire.Names(absent));
        Assert.Equal("f100", absent.GetProperty("nextFileName").GetString());
        var zero = await session.CallAsync("b2_list_file_names", new { bucketId, maxFileCount = 0 });
        Assert.Equal(100, TestWire.Names(zero).Count);
        var nulls = await TestWire.JsonAsync(await session.PostRawJsonAsync("b2_list_file_names",
            $$"""{"bucketId":"{{bucketId}}","startFileName":null,"maxFileCount":null,"prefix":null,"delimiter":null}"""));
        Assert.Equal(100, TestWire.Names(nulls).Count);
        var all = await session.CallAsync("b2_list_file_names", new { bucketId, maxFileCount = 10_000 });
        Assert.Equal(names, TestWire.Names(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextFileName").ValueKind);

        // B2 documents its own code and text for this one: 400 out_of_range "maxFileCount out of range: <n>".
        var over = await TestWire.ErrorAsync(await session.PostAsync("b2_list_file_names", new { bucketId, maxFileCount = 10_001 }), 400, "out_of_range");
        Assert.Equal("maxFileCount out of range: 10001", over.GetProperty("message").GetString());
        await TestWire.ErrorAsync(await session.PostAsync("b2_list_file_names", new { bucketId, maxFileCount = -1 }), 400, "out_of_range");
    }

    [Fact]
    public async Task ListFileNames_StartFileName_IsInclusive()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await session.UploadAsync(bucketId, name, []);
        }
        Assert.Equal(["b", "c", "d"], TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId, startFileName = "b" })));
        Assert.Equal(["c", "d"], TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId, startFileName = "bb" })));
        var page = await session.CallAsync("b2_list_file_names", new { bucketId, startFileName = "b", maxFileCount = 2 });
        Assert.Equal(["b", "c"], TestWire.Names(page));
        Assert.Equal("d", page.GetProperty("nextFileName").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ListFileNames_DelimiterPaging_FolderOnAPageBoundaryIsReturnedOnce(int maxFileCount)
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var name in new[] { "a.txt", "b/1", "b/2", "b/3/x", "b0", "c.txt", "d/1", "d/2", "e.txt" })
        {
            await session.UploadAsync(bucketId, name, []);
        }
        var (entries, _) = await Listing.WalkAsync(session, "b2_list_file_names", bucketId, maxFileCount, delimiter: "/");
        Assert.Equal(["upload a.txt", "folder b/", "upload b0", "upload c.txt", "folder d/", "upload e.txt"], entries.Select(Listing.Describe).ToArray());

        var (nested, _) = await Listing.WalkAsync(session, "b2_list_file_names", bucketId, maxFileCount, prefix: "b/", delimiter: "/");
        Assert.Equal(["upload b/1", "upload b/2", "folder b/3/"], nested.Select(Listing.Describe).ToArray());
    }

    [Fact]
    public async Task ListFileNames_HiddenAndReuploadedNames_ShowOnlyTheCurrentVisibleVersion()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "hidden.txt", TestWire.Bytes("h"));
        await session.UploadAsync(bucketId, "kept.txt", TestWire.Bytes("old"));
        var current = await session.UploadAsync(bucketId, "kept.txt", TestWire.Bytes("newer"));
        await session.UploadAsync(bucketId, "only/hidden.txt", TestWire.Bytes("h"));
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "hidden.txt" });
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "only/hidden.txt" });

        var listing = await session.CallAsync("b2_list_file_names", new { bucketId });
        var entry = Assert.Single(listing.GetProperty("files").EnumerateArray());
        Assert.Equal(current.GetProperty("fileId").GetString(), entry.GetProperty("fileId").GetString());
        Assert.Equal(5, entry.GetProperty("contentLength").GetInt64());
        Assert.Equal(["upload kept.txt"], TestWire.ActionsAndNames(await session.CallAsync("b2_list_file_names", new { bucketId, delimiter = "/" })));
    }

    [Fact]
    public async Task ListFileNames_GetWithQueryParameters_ListsLikePost()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var name in Photos)
        {
            await session.UploadAsync(bucketId, name, []);
        }
        var listing = await TestWire.JsonAsync(await session.GetCallAsync("b2_list_file_names",
            [new("bucketId", bucketId), new("prefix", "photos/"), new("delimiter", "/"), new("maxFileCount", "2"), new("startFileName", "photos/b")]));
        Assert.Equal(["folder photos/cats/", "folder photos/dogs/"], TestWire.ActionsAndNames(listing));
        Assert.Equal("photos/lilly.jpg", listing.GetProperty("nextFileName").GetString());
    }

    [Fact]
    public async Task ListFileNames_UnknownBucket_Returns400BadBucketId()
    {
        var session = await memory.SessionAsync();
        await TestWire.ErrorAsync(await session.PostAsync("b2_list_file_names", new { bucketId = "0123456789abcdef01234567" }), 400, "bad_bucket_id");
    }

    [Fact]
    public async Task ListFileNames_NoToken_Returns401()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{session.ApiUrl}/b2api/v2/b2_list_file_names")
        {
            Content = new StringContent($$"""{"bucketId":"{{bucketId}}"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await session.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
