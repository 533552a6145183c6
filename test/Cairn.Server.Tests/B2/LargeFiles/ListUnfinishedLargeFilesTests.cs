using System.Text.Json;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class ListUnfinishedLargeFilesTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task ListUnfinished_PagesOldestFirst()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var ids = new List<string>();
        foreach (var name in new[] { "e", "a", "d", "b", "c" })
        {
            ids.Add(await session.StartIdAsync(bucketId, name));
        }
        await session.UploadLargeAsync(bucketId, "finished", TwoParts(1));

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId, startFileId = next, maxFileCount = 2 });
            Assert.Equal(["files", "nextFileId", "nextFileName"], page.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(JsonValueKind.Null, page.GetProperty("nextFileName").ValueKind);
            foreach (var file in page.GetProperty("files").EnumerateArray())
            {
                Assert.Equal("start", file.GetProperty("action").GetString());
                seen.Add(file.GetProperty("fileId").GetString()!);
            }
            next = page.GetProperty("nextFileId").GetString();
            pages++;
        }
        while (next is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListUnfinished_NamePrefix_FiltersNames()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var inside = await session.StartIdAsync(bucketId, "photos/a.jpg");
        await session.StartIdAsync(bucketId, "music/b.mp3");
        var inside2 = await session.StartIdAsync(bucketId, "photos/c.jpg");
        var page = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId, namePrefix = "photos/" });
        Assert.Equal([inside, inside2], page.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileId").GetString()).ToList());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task ListUnfinished_MaxFileCountOutOfRange_Returns400(int maxFileCount)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await ErrorAsync(await session.PostAsync("b2_list_unfinished_large_files", new { bucketId, maxFileCount }), 400, "bad_request");
    }

    [Fact]
    public async Task ListUnfinished_UnknownBucket_Returns400BadBucketId()
    {
        var session = await fixture.SessionAsync();
        await ErrorAsync(await session.PostAsync("b2_list_unfinished_large_files", new { bucketId = "0123456789abcdef01234567" }), 400, "bad_bucket_id");
    }

    [Fact]
    public async Task ListUnfinished_ExplicitNulls_MeanDefaults()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "x");
        var page = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId, namePrefix = (string?)null, startFileId = (string?)null, maxFileCount = (int?)null });
        Assert.Equal(fileId, Assert.Single(page.GetProperty("files").EnumerateArray()).GetProperty("fileId").GetString());
    }
}

public sealed class ListUnfinishedLargeFilesMemoryTests(MemoryLargeFileFixture fixture) : ListUnfinishedLargeFilesTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class ListUnfinishedLargeFilesDiskTests(DiskLargeFileFixture fixture) : ListUnfinishedLargeFilesTests(fixture), IClassFixture<DiskLargeFileFixture>;
