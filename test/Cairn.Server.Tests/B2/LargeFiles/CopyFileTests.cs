using System.Net;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class CopyFileTests(LargeFileFixture fixture)
{
    private const int Min = LargeFileFixture.MinPartSize;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task CopyFile_Whole_ReturnsCopyActionAndSameContent(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var content = Bytes(1234, 1);
        var source = await session.UploadAsync(bucketId, "src.txt", content, headers: new Dictionary<string, string> { ["X-Bz-Info-color"] = "blue" });
        var copy = await session.CallAsync("b2_copy_file", new { sourceFileId = source.GetProperty("fileId").GetString(), fileName = "dst.bin" });
        Assert.Equal("copy", copy.GetProperty("action").GetString());
        Assert.NotEqual(source.GetProperty("fileId").GetString(), copy.GetProperty("fileId").GetString());
        Assert.Equal("dst.bin", copy.GetProperty("fileName").GetString());
        Assert.Equal(1234, copy.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(content), copy.GetProperty("contentSha1").GetString());
        Assert.Equal(Md5(content), copy.GetProperty("contentMd5").GetString());
        Assert.Equal("text/plain", copy.GetProperty("contentType").GetString());
        Assert.Equal("blue", copy.GetProperty("fileInfo").GetProperty("color").GetString());
        Assert.Equal(content, await session.DownloadByIdAsync(copy.GetProperty("fileId").GetString()!));

        var versions = await session.CallAsync("b2_list_file_versions", new { bucketId });
        Assert.Equal(["upload dst.bin", "upload src.txt"], versions.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("action").GetString() + " " + f.GetProperty("fileName").GetString()));
    }

    [Fact]
    public async Task CopyFile_Replace_SetsContentTypeAndFileInfo()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = await session.UploadAsync(bucketId, "src.txt", "hello"u8.ToArray(), headers: new Dictionary<string, string> { ["X-Bz-Info-color"] = "blue" });
        var sourceId = source.GetProperty("fileId").GetString();
        var copy = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "page.html", metadataDirective = "REPLACE", contentType = "b2/x-auto", fileInfo = new Dictionary<string, string> { ["shape"] = "round" } });
        Assert.Equal("text/html", copy.GetProperty("contentType").GetString());
        Assert.Equal(["shape"], copy.GetProperty("fileInfo").EnumerateObject().Select(p => p.Name));
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", metadataDirective = "COPY", contentType = "text/plain" }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", fileInfo = new Dictionary<string, string>() }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", metadataDirective = "REPLACE" }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", metadataDirective = "MOVE" }), 400, "bad_request");
    }

    [Fact]
    public async Task CopyFile_Range_CopiesAndHashesThatRange()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = Bytes(1000, 2);
        var sourceId = (await session.UploadAsync(bucketId, "src", content)).GetProperty("fileId").GetString();
        var copy = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "part", range = "bytes=100-199" });
        var slice = content[100..200];
        Assert.Equal(100, copy.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(slice), copy.GetProperty("contentSha1").GetString());
        Assert.Equal(Md5(slice), copy.GetProperty("contentMd5").GetString());
        Assert.Equal(slice, await session.DownloadByIdAsync(copy.GetProperty("fileId").GetString()!));
    }

    [Fact]
    public async Task CopyFile_LargeSource_WholeAndRangeAcrossPartBoundaries()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        byte[][] parts = [Bytes(Min, 1), Bytes(Min, 2), Bytes(Min, 3), Bytes(50, 4)];
        var all = Concat(parts);
        var sourceId = (await session.UploadLargeAsync(bucketId, "large", parts)).GetProperty("fileId").GetString();

        var whole = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "large-copy" });
        Assert.Equal("none", whole.GetProperty("contentSha1").GetString());
        Assert.Equal(all.Length, whole.GetProperty("contentLength").GetInt64());
        var wholeId = whole.GetProperty("fileId").GetString()!;
        Assert.Equal(all, await session.DownloadByIdAsync(wholeId));
        // A range of the copy spans the source's part boundaries.
        Assert.Equal(all[4990..10011], await session.DownloadByIdAsync(wholeId, "bytes=4990-10010"));

        var range = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "large-range", range = "bytes=4000-15020" });
        var slice = all[4000..15021];
        Assert.Equal(Sha1(slice), range.GetProperty("contentSha1").GetString());
        var rangeId = range.GetProperty("fileId").GetString()!;
        Assert.Equal(slice, await session.DownloadByIdAsync(rangeId));
        Assert.Equal(slice[990..2011], await session.DownloadByIdAsync(rangeId, "bytes=990-2010"));
    }

    [Fact]
    public async Task CopyFile_RangeStartingAtOrPastTheEnd_Returns416_AndAnEndPastItIsClamped()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = Bytes(100, 1);
        var sourceId = (await session.UploadAsync(bucketId, "src", source)).GetProperty("fileId").GetString();
        var clamped = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "tail", range = "bytes=50-100" });
        Assert.Equal(50, clamped.GetProperty("contentLength").GetInt64());
        Assert.Equal(Sha1(source[50..]), clamped.GetProperty("contentSha1").GetString());
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", range = "bytes=100-150" }), 416, "range_not_satisfiable");
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", range = "bytes=200-300" }), 416, "range_not_satisfiable");
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", range = "bytes=9-3" }), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", range = "0-3" }), 400, "bad_request");
        var lastByte = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", range = "bytes=99-99" });
        Assert.Equal(1, lastByte.GetProperty("contentLength").GetInt64());
    }

    [Fact]
    public async Task CopyFile_MissingSource_Returns404AndBadIdReturns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = await session.UploadAsync(bucketId, "gone", Bytes(10, 1));
        var sourceId = source.GetProperty("fileId").GetString()!;
        await session.CallAsync("b2_delete_file_version", new { fileId = sourceId, fileName = "gone" });
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x" }), 404, "not_found");
        Assert.Equal("Invalid fileId: bad-id", await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = "bad-id", fileName = "x" }), 400, "bad_request"));
    }

    [Fact]
    public async Task CopyFile_HiddenFile_CopiesByIdButHideMarkerAndUnfinishedFileAreRefused()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = Bytes(10, 1);
        var sourceId = (await session.UploadAsync(bucketId, "hidden", content)).GetProperty("fileId").GetString()!;
        var marker = await session.CallAsync("b2_hide_file", new { bucketId, fileName = "hidden" });
        var copy = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "revived" });
        Assert.Equal(content, await session.DownloadByIdAsync(copy.GetProperty("fileId").GetString()!));

        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = marker.GetProperty("fileId").GetString(), fileName = "x" }), 400, "bad_request");
        var unfinished = await session.StartIdAsync(bucketId, "pending");
        await session.UploadPartAsync(unfinished, 1, content);
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = unfinished, fileName = "x" }), 400, "bad_request");
    }

    [Fact]
    public async Task CopyFile_AnotherBucket_AndUnknownBucket()
    {
        var session = await fixture.SessionAsync();
        var from = await session.NewBucketAsync();
        var to = await session.NewBucketAsync();
        var content = Bytes(10, 1);
        var sourceId = (await session.UploadAsync(from, "a", content)).GetProperty("fileId").GetString()!;
        var copy = await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "b", destinationBucketId = to });
        Assert.Equal(to, copy.GetProperty("bucketId").GetString());
        Assert.StartsWith($"4_z{to}_", copy.GetProperty("fileId").GetString(), StringComparison.Ordinal);
        Assert.Equal(content, await session.DownloadByIdAsync(copy.GetProperty("fileId").GetString()!));
        await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "b", destinationBucketId = "0123456789abcdef01234567" }), 400, "bad_bucket_id");
    }

    [Fact]
    public async Task CopyFile_SourceAboveMaxUploadSize_Returns400SourceTooLargeWithB2Message()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        byte[][] parts = [Bytes(60_000, 1), Bytes(60_000, 2)];
        var sourceId = (await session.UploadLargeAsync(bucketId, "huge", parts)).GetProperty("fileId").GetString();
        var message = await ErrorAsync(await session.PostAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x" }), 400, "source_too_large");
        Assert.Equal("Copy source too big: 120000", message);
        // A range within the limit is fine.
        await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "x", range = "bytes=0-99999" });
    }

    [Fact]
    public async Task CopyFile_DeleteSource_CopyStillDownloads_AndTheOtherWayRound()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        byte[][] parts = [Bytes(Min, 1), Bytes(77, 2)];
        var all = Concat(parts);
        var sourceId = (await session.UploadLargeAsync(bucketId, "source", parts)).GetProperty("fileId").GetString()!;
        var wholeId = (await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "whole" })).GetProperty("fileId").GetString()!;
        var rangeId = (await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "range", range = "bytes=10-5010" })).GetProperty("fileId").GetString()!;

        await session.CallAsync("b2_delete_file_version", new { fileId = sourceId, fileName = "source" });
        Assert.Equal(all, await session.DownloadByIdAsync(wholeId));
        Assert.Equal(all[10..5011], await session.DownloadByIdAsync(rangeId));

        // Copy of the copy, then delete the first copy: the second still reads.
        var againId = (await session.CallAsync("b2_copy_file", new { sourceFileId = wholeId, fileName = "again" })).GetProperty("fileId").GetString()!;
        await session.CallAsync("b2_delete_file_version", new { fileId = wholeId, fileName = "whole" });
        Assert.Equal(all, await session.DownloadByIdAsync(againId));
        Assert.Equal(all[10..5011], await session.DownloadByIdAsync(rangeId));
    }

    [Fact]
    public async Task CopyFile_DeleteCopy_SourceStillDownloads()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = Bytes(300, 5);
        var sourceId = (await session.UploadAsync(bucketId, "source", content)).GetProperty("fileId").GetString()!;
        var copyId = (await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "copy" })).GetProperty("fileId").GetString()!;
        await session.CallAsync("b2_delete_file_version", new { fileId = copyId, fileName = "copy" });
        Assert.Equal(content, await session.DownloadByIdAsync(sourceId));
        using var gone = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={copyId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}

public sealed class CopyFileMemoryTests(MemoryLargeFileFixture fixture) : CopyFileTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class CopyFileDiskTests(DiskLargeFileFixture fixture) : CopyFileTests(fixture), IClassFixture<DiskLargeFileFixture>;

/// <summary>Blob files on disk, on a server of its own: copies share blobs, and the last reference frees them.</summary>
public sealed class CopyFileBlobTests
{
    [Fact]
    public async Task CopyFile_SharesBlobs_AndTheLastDeleteFreesThem()
    {
        await using var server = await CairnServer.StartAsync(settings: LargeFileFixture.Settings);
        using var session = await B2Session.AuthorizeAsync(server);
        var bucketId = await session.NewBucketAsync();
        byte[][] parts = [Bytes(LargeFileFixture.MinPartSize, 1), Bytes(10, 2)];
        var sourceId = (await session.UploadLargeAsync(bucketId, "source", parts)).GetProperty("fileId").GetString()!;
        Assert.Equal(2, BlobFileCount(server.DataPath!));
        var wholeId = (await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "whole" })).GetProperty("fileId").GetString()!;
        var rangeId = (await session.CallAsync("b2_copy_file", new { sourceFileId = sourceId, fileName = "range", range = "bytes=1-4999" })).GetProperty("fileId").GetString()!;
        Assert.Equal(2, BlobFileCount(server.DataPath!));

        await session.CallAsync("b2_delete_file_version", new { fileId = sourceId, fileName = "source" });
        Assert.Equal(2, BlobFileCount(server.DataPath!));
        await session.CallAsync("b2_delete_file_version", new { fileId = wholeId, fileName = "whole" });
        // The range copy still references the first part's blob only.
        Assert.Equal(1, BlobFileCount(server.DataPath!));
        Assert.Equal(parts[0][1..], await session.DownloadByIdAsync(rangeId));
        await session.CallAsync("b2_delete_file_version", new { fileId = rangeId, fileName = "range" });
        Assert.Equal(0, BlobFileCount(server.DataPath!));
    }
}
