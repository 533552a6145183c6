using System.Net;
using System.Text;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Downloads;

public sealed class RangeTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    private const string Text = "0123456789abcdefghij"; // 20 bytes

    [Theory]
    [InlineData("bytes=0-4", 0, 4)]
    [InlineData("bytes=5-9", 5, 9)]
    [InlineData("bytes=15-", 15, 19)]
    [InlineData("bytes=-3", 17, 19)]
    [InlineData("bytes=-50", 0, 19)]
    [InlineData("bytes=10-1000", 10, 19)]
    [InlineData("bytes=0-19", 0, 19)]
    [InlineData("bytes=19-19", 19, 19)]
    public async Task Range_Satisfiable_Returns206WithContentRange(string range, int first, int last)
    {
        foreach (var fixture in new ServerFixture[] { memory, disk })
        {
            var (session, path) = await UploadAsync(fixture);
            using var response = await session.DownloadAsync(path, range: range);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal($"bytes {first}-{last}/20", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
            Assert.Equal(Text[first..(last + 1)], await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Range_OnHead_Returns206WithTheRangeLengthAndNoBody()
    {
        var (session, path) = await UploadAsync(memory);
        using var response = await session.DownloadAsync(path, HttpMethod.Head, range: "bytes=2-5");
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(4, response.Content.Headers.ContentLength);
        Assert.Equal("bytes 2-5/20", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Range_ByName_Returns206()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        await session.UploadAsync(bucketId, "r.txt", Encoding.ASCII.GetBytes(Text));
        using var response = await session.DownloadAsync($"file/{bucketName}/r.txt", range: "bytes=3-6");
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("3456", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("bytes=20-")]
    [InlineData("bytes=20-25")]
    [InlineData("bytes=100-200")]
    public async Task Range_StartAtOrPastTheEnd_Returns416RangeNotSatisfiable(string range)
    {
        var (session, path) = await UploadAsync(memory);
        using var response = await session.DownloadAsync(path, range: range);
        Assert.Equal("bytes */20", response.Content.Headers.ContentRange?.ToString());
        await TestWire.ErrorAsync(response, 416, "range_not_satisfiable");
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=5-2")]
    [InlineData("items=0-4")]
    [InlineData("bytes=x-4")]
    [InlineData("garbage")]
    public async Task Range_MultipleOrGarbage_Returns200WithTheWholeFile(string range)
    {
        var (session, path) = await UploadAsync(memory);
        using var response = await session.DownloadAsync(path, range: range);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(Text, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("bytes=0-9999999")]
    [InlineData("bytes=0-")]
    [InlineData("bytes=-10")]
    public async Task Range_OnAnEmptyFile_Returns416WithContentRangeOfZero(string range)
    {
        // As for any range starting at or past the end: a client reading in ranges until 416 must stop here.
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "empty", [])).GetProperty("fileId").GetString();
        foreach (var path in new[] { "b2api/v2/b2_download_file_by_id?fileId=" + fileId, $"file/{bucketName}/empty" })
        {
            using var response = await session.DownloadAsync(path, range: range);
            Assert.Equal("bytes */0", response.Content.Headers.ContentRange?.ToString());
            await TestWire.ErrorAsync(response, 416, "range_not_satisfiable");
        }
        using var whole = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + fileId);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Empty(await whole.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_AcrossALargeBlobOnDisk_ReturnsExactlyThoseBytes()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = new byte[1_000_000];
        Random.Shared.NextBytes(content);
        var fileId = (await session.UploadAsync(bucketId, "big.bin", content)).GetProperty("fileId").GetString();
        using var response = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + fileId, range: "bytes=131000-655400");
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[131000..655401], await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<(Cairn.Testing.B2Session Session, string Path)> UploadAsync(ServerFixture fixture)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "range.txt", Encoding.ASCII.GetBytes(Text))).GetProperty("fileId").GetString();
        return (session, "b2api/v2/b2_download_file_by_id?fileId=" + fileId);
    }
}
