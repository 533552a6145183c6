using System.Net;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

public sealed class DeleteFileVersionTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task DeleteFileVersion_HideMarker_MakesTheNameVisibleAgain(int version)
    {
        var session = await memory.SessionAsync(version);
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var stored = await session.UploadAsync(bucketId, "peek a boo.txt", TestWire.Bytes("boo"));
        var marker = await session.CallAsync("b2_hide_file", new { bucketId, fileName = "peek a boo.txt" });
        var markerId = marker.GetProperty("fileId").GetString();

        var deleted = await TestWire.JsonAsync(await session.PostAsync("b2_delete_file_version", new { fileId = markerId, fileName = "peek a boo.txt" }));
        Assert.Equal(["fileId", "fileName"], TestWire.Keys(deleted));
        Assert.Equal(markerId, deleted.GetProperty("fileId").GetString());
        Assert.Equal("peek a boo.txt", deleted.GetProperty("fileName").GetString());

        var listing = await session.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Equal(stored.GetProperty("fileId").GetString(), Assert.Single(listing.GetProperty("files").EnumerateArray()).GetProperty("fileId").GetString());
        using var byName = await session.DownloadAsync($"file/{bucketName}/peek+a+boo.txt");
        Assert.Equal("boo", await byName.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteFileVersion_CurrentUpload_ExposesThePreviousVersion()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var old = await session.UploadAsync(bucketId, "layered", TestWire.Bytes("old"));
        var current = await session.UploadAsync(bucketId, "layered", TestWire.Bytes("current"));
        await session.CallAsync("b2_delete_file_version", new { fileId = current.GetProperty("fileId").GetString(), fileName = "layered" });

        using var byName = await session.DownloadAsync($"file/{bucketName}/layered");
        Assert.Equal("old", await byName.Content.ReadAsStringAsync());
        Assert.Equal(old.GetProperty("fileId").GetString(), TestWire.Header(byName, "x-bz-file-id"));
        Assert.Equal(["upload layered"], TestWire.ActionsAndNames(await session.CallAsync("b2_list_file_versions", new { bucketId })));

        await session.CallAsync("b2_delete_file_version", new { fileId = old.GetProperty("fileId").GetString(), fileName = "layered" });
        Assert.Empty(TestWire.Names(await session.CallAsync("b2_list_file_versions", new { bucketId })));
        using var gone = await session.DownloadAsync($"file/{bucketName}/layered");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task DeleteFileVersion_MismatchedFileName_Returns400AndKeepsTheVersion()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "right", [])).GetProperty("fileId").GetString();
        await TestWire.ErrorAsync(await session.PostAsync("b2_delete_file_version", new { fileId, fileName = "wrong" }), 400, "bad_request");
        Assert.Equal(["right"], TestWire.Names(await session.CallAsync("b2_list_file_versions", new { bucketId })));
    }

    [Fact]
    public async Task DeleteFileVersion_UnknownId_Returns400FileNotPresent()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "once", [])).GetProperty("fileId").GetString();
        await session.CallAsync("b2_delete_file_version", new { fileId, fileName = "once" });
        await TestWire.ErrorAsync(await session.PostAsync("b2_delete_file_version", new { fileId, fileName = "once" }), 400, "file_not_present");
    }

    [Fact]
    public async Task DeleteFileVersion_MalformedId_Returns400InvalidFileId()
    {
        var session = await memory.SessionAsync();
        var error = await TestWire.ErrorAsync(await session.PostAsync("b2_delete_file_version", new { fileId = "bogus", fileName = "x" }), 400, "bad_request");
        Assert.Equal("Invalid fileId: bogus", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DeleteFileVersion_OnDisk_RemovesTheBlobOfTheLastReference()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var blobs = Path.Combine(disk.Server.DataPath!, "blobs");
        int Count() => Directory.Exists(blobs) ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories).Length : 0;
        var before = Count();
        var fileId = (await session.UploadAsync(bucketId, "reclaim", TestWire.Bytes("bytes"))).GetProperty("fileId").GetString();
        Assert.Equal(before + 1, Count());
        await session.CallAsync("b2_delete_file_version", new { fileId, fileName = "reclaim" });
        Assert.Equal(before, Count());
    }
}
