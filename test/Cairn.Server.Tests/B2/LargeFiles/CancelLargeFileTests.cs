using Cairn.Testing;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class CancelLargeFileTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task CancelLargeFile_ReturnsTheFileAndRemovesIt()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "dir/cancel-me");
        await session.UploadPartAsync(fileId, 1, Bytes(10, 1));
        var cancelled = await session.CallAsync("b2_cancel_large_file", new { fileId });
        Assert.Equal(["accountId", "bucketId", "fileId", "fileName"], cancelled.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(session.AccountId, cancelled.GetProperty("accountId").GetString());
        Assert.Equal(bucketId, cancelled.GetProperty("bucketId").GetString());
        Assert.Equal(fileId, cancelled.GetProperty("fileId").GetString());
        Assert.Equal("dir/cancel-me", cancelled.GetProperty("fileName").GetString());

        Assert.Equal(0, (await session.CallAsync("b2_list_file_versions", new { bucketId })).GetProperty("files").GetArrayLength());
        Assert.Equal(0, (await session.CallAsync("b2_list_unfinished_large_files", new { bucketId })).GetProperty("files").GetArrayLength());
        await ErrorAsync(await session.PostAsync("b2_cancel_large_file", new { fileId }), 400, "bad_request");
        // The bucket is empty again.
        await session.CallAsync("b2_delete_bucket", new { accountId = session.AccountId, bucketId });
    }

    [Fact]
    public async Task CancelLargeFile_FinishedFileOrBadId_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var finished = (await session.UploadLargeAsync(bucketId, "f", TwoParts(1))).GetProperty("fileId").GetString()!;
        await ErrorAsync(await session.PostAsync("b2_cancel_large_file", new { fileId = finished }), 400, "bad_request");
        Assert.Equal("Invalid fileId: bad-id", await ErrorAsync(await session.PostAsync("b2_cancel_large_file", new { fileId = "bad-id" }), 400, "bad_request"));
    }
}

public sealed class CancelLargeFileMemoryTests(MemoryLargeFileFixture fixture) : CancelLargeFileTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class CancelLargeFileDiskTests(DiskLargeFileFixture fixture) : CancelLargeFileTests(fixture), IClassFixture<DiskLargeFileFixture>;

/// <summary>Blob files on disk, counted on a server of its own so no other test's blobs interfere.</summary>
public sealed class CancelLargeFileBlobTests
{
    [Fact]
    public async Task CancelLargeFile_OnDisk_LeavesNoBlobFiles()
    {
        await using var server = await CairnServer.StartAsync(settings: LargeFileFixture.Settings);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "cancel-me");
        for (var number = 1; number <= 4; number++)
        {
            await session.UploadPartAsync(fileId, number, Bytes(LargeFileFixture.MinPartSize, number));
        }
        // A replaced part frees its blob at once.
        await session.UploadPartAsync(fileId, 2, Bytes(LargeFileFixture.MinPartSize, 20));
        Assert.Equal(4, BlobFileCount(server.DataPath!));
        await session.CallAsync("b2_cancel_large_file", new { fileId });
        Assert.Equal(0, BlobFileCount(server.DataPath!));
    }
}
