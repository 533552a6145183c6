using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

public sealed class GetFileInfoTests(MemoryServerFixture memory) : IClassFixture<MemoryServerFixture>
{
    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task GetFileInfo_Upload_ReturnsTheSameObjectAsTheUpload(int version)
    {
        var session = await memory.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var stored = await session.UploadAsync(bucketId, "info me.txt", TestWire.Bytes("info"), headers: new Dictionary<string, string> { ["X-Bz-Info-color"] = "red" });
        var fileId = stored.GetProperty("fileId").GetString()!;

        var info = await TestWire.JsonAsync(await session.PostAsync("b2_get_file_info", new { fileId }));
        Assert.Equal(stored.GetRawText(), info.GetRawText());
        Assert.False(info.TryGetProperty("size", out _));

        var viaGet = await TestWire.JsonAsync(await session.GetCallAsync("b2_get_file_info", [new("fileId", fileId)]));
        Assert.Equal(stored.GetRawText(), viaGet.GetRawText());
    }

    [Fact]
    public async Task GetFileInfo_OlderVersion_IsStillAvailable()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var old = await session.UploadAsync(bucketId, "v", TestWire.Bytes("old"));
        await session.UploadAsync(bucketId, "v", TestWire.Bytes("newer"));
        var info = await session.CallAsync("b2_get_file_info", new { fileId = old.GetProperty("fileId").GetString() });
        Assert.Equal(3, info.GetProperty("contentLength").GetInt64());
    }

    [Fact]
    public async Task GetFileInfo_UnknownId_Returns404NotFound()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "gone", [])).GetProperty("fileId").GetString()!;
        await session.CallAsync("b2_delete_file_version", new { fileId, fileName = "gone" });
        await TestWire.ErrorAsync(await session.PostAsync("b2_get_file_info", new { fileId }), 404, "not_found");
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("4_z0123456789abcdef01234567_f1")]
    public async Task GetFileInfo_MalformedId_Returns400InvalidFileId(string fileId)
    {
        var session = await memory.SessionAsync();
        var error = await TestWire.ErrorAsync(await session.PostAsync("b2_get_file_info", new { fileId }), 400, "bad_request");
        Assert.Equal($"Invalid fileId: {fileId}", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetFileInfo_MissingFileId_Returns400()
    {
        var session = await memory.SessionAsync();
        await TestWire.ErrorAsync(await session.PostAsync("b2_get_file_info", new { }), 400, "bad_request");
    }
}
