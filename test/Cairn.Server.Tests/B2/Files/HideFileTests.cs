using System.Net;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

public sealed class HideFileTests(MemoryServerFixture memory) : IClassFixture<MemoryServerFixture>
{
    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task HideFile_VisibleName_ReturnsAHideMarker(int version)
    {
        var session = await memory.SessionAsync(version);
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var stored = await session.UploadAsync(bucketId, "hide me.txt", TestWire.Bytes("x"));

        var marker = await TestWire.JsonAsync(await session.PostAsync("b2_hide_file", new { bucketId, fileName = "hide me.txt" }));
        Assert.Equal(
            ["accountId", "action", "bucketId", "contentLength", "contentMd5", "contentSha1", "contentType", "fileId", "fileInfo", "fileName", "uploadTimestamp"],
            TestWire.Keys(marker));
        Assert.Equal(session.AccountId, marker.GetProperty("accountId").GetString());
        Assert.Equal("hide", marker.GetProperty("action").GetString());
        Assert.Equal(bucketId, marker.GetProperty("bucketId").GetString());
        Assert.Equal(0, marker.GetProperty("contentLength").GetInt64());
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", marker.GetProperty("contentMd5").GetString());
        Assert.Equal("da39a3ee5e6b4b0d3255bfef95601890afd80709", marker.GetProperty("contentSha1").GetString());
        Assert.Equal("application/x-bz-hide-marker", marker.GetProperty("contentType").GetString());
        Assert.StartsWith($"4_z{bucketId}_f1", marker.GetProperty("fileId").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(stored.GetProperty("fileId").GetString(), marker.GetProperty("fileId").GetString());
        Assert.Equal("{}", marker.GetProperty("fileInfo").GetRawText());
        Assert.Equal("hide me.txt", marker.GetProperty("fileName").GetString());
        Assert.True(marker.GetProperty("uploadTimestamp").GetInt64() >= stored.GetProperty("uploadTimestamp").GetInt64());

        Assert.Empty(TestWire.Names(await session.CallAsync("b2_list_file_names", new { bucketId })));
        using var byName = await session.DownloadAsync($"file/{bucketName}/hide%20me.txt");
        Assert.Equal(HttpStatusCode.NotFound, byName.StatusCode);
    }

    [Fact]
    public async Task HideFile_AlreadyHidden_Returns400AlreadyHidden()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "twice", []);
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "twice" });
        await TestWire.ErrorAsync(await session.PostAsync("b2_hide_file", new { bucketId, fileName = "twice" }), 400, "already_hidden");
        Assert.Equal(["hide twice", "upload twice"], TestWire.ActionsAndNames(await session.CallAsync("b2_list_file_versions", new { bucketId })));
    }

    [Fact]
    public async Task HideFile_MissingName_Returns400NoSuchFile()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "present", []);
        await TestWire.ErrorAsync(await session.PostAsync("b2_hide_file", new { bucketId, fileName = "absent" }), 400, "no_such_file");
        await TestWire.ErrorAsync(await session.PostAsync("b2_hide_file", new { bucketId, fileName = "pres" }), 400, "no_such_file");
    }

    [Fact]
    public async Task HideFile_UnknownBucket_Returns400BadBucketId()
    {
        var session = await memory.SessionAsync();
        await TestWire.ErrorAsync(await session.PostAsync("b2_hide_file", new { bucketId = "0123456789abcdef01234567", fileName = "x" }), 400, "bad_bucket_id");
    }

    [Fact]
    public async Task HideFile_ThenReupload_MakesTheNameVisibleAgain()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "back", TestWire.Bytes("1"));
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "back" });
        var again = await session.UploadAsync(bucketId, "back", TestWire.Bytes("2"));
        var listing = await session.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Equal(again.GetProperty("fileId").GetString(), Assert.Single(listing.GetProperty("files").EnumerateArray()).GetProperty("fileId").GetString());
    }
}
