using System.Net;
using System.Text.Json;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class FinishLargeFileTests(LargeFileFixture fixture)
{
    private const int Min = LargeFileFixture.MinPartSize;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task FinishLargeFile_ReturnsUploadMadeOfItsParts(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var started = await session.StartAsync(bucketId, "big.bin");
        var fileId = started.GetProperty("fileId").GetString()!;
        byte[][] parts = [Bytes(Min, 1), Bytes(Min + 1, 2), Bytes(3, 3)];
        for (var i = 0; i < parts.Length; i++)
        {
            await session.UploadPartAsync(fileId, i + 1, parts[i]);
        }
        var finished = await OkAsync(await session.FinishAsync(fileId, parts.Select(Sha1)));
        Assert.Equal("upload", finished.GetProperty("action").GetString());
        Assert.Equal(fileId, finished.GetProperty("fileId").GetString());
        Assert.Equal(2 * Min + 4, finished.GetProperty("contentLength").GetInt64());
        Assert.Equal("none", finished.GetProperty("contentSha1").GetString());
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("contentMd5").ValueKind);
        Assert.Equal("application/octet-stream", finished.GetProperty("contentType").GetString());
        Assert.Equal(started.GetProperty("uploadTimestamp").GetInt64(), finished.GetProperty("uploadTimestamp").GetInt64());

        using var download = await session.DownloadAsync($"b2api/v{version}/b2_download_file_by_id?fileId={fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("none", download.Headers.GetValues("x-bz-content-sha1").Single());
        Assert.Equal(Concat(parts), await download.Content.ReadAsByteArrayAsync());

        var names = await session.CallAsync("b2_list_file_names", new { bucketId });
        var entry = Assert.Single(names.GetProperty("files").EnumerateArray());
        Assert.Equal("upload", entry.GetProperty("action").GetString());
        Assert.Equal(fileId, entry.GetProperty("fileId").GetString());
        var unfinished = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId });
        Assert.Equal(0, unfinished.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task FinishLargeFile_FewerThanTwoParts_Returns400BeforeAnyOtherCheck()
    {
        const string Message = "large files must have at least 2 parts";
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "one");
        var first = Bytes(Min, 9);
        await session.UploadPartAsync(fileId, 1, first);

        Assert.Equal(Message, await ErrorAsync(await session.FinishAsync(fileId, [Sha1(first)]), 400, "bad_request"));
        Assert.Equal(Message, await ErrorAsync(await session.FinishAsync(fileId, []), 400, "bad_request"));
        // Checked before the SHA-1s and before the file is looked up.
        Assert.Equal(Message, await ErrorAsync(await session.FinishAsync(fileId, ["not-a-sha1"]), 400, "bad_request"));
        Assert.Equal(Message, await ErrorAsync(await session.FinishAsync("4_zno_such_file", [Sha1(first)]), 400, "bad_request"));

        // The file is still unfinished, and finishes once it has two parts.
        var last = Bytes(1, 10);
        await session.UploadPartAsync(fileId, 2, last);
        var finished = await OkAsync(await session.FinishAsync(fileId, [Sha1(first), Sha1(last)]));
        Assert.Equal(Min + 1, finished.GetProperty("contentLength").GetInt64());
    }

    [Theory]
    [InlineData("bytes=0-99")]
    [InlineData("bytes=4990-5010")]
    [InlineData("bytes=4999-5000")]
    [InlineData("bytes=100-12345")]
    [InlineData("bytes=9000-")]
    [InlineData("bytes=-7000")]
    [InlineData("bytes=0-15099")]
    public async Task Download_RangeSpanningPartBoundaries_Returns206WithTheRightBytes(string range)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        byte[][] parts = [Bytes(Min, 1), Bytes(Min, 2), Bytes(Min, 3), Bytes(100, 4)];
        var all = Concat(parts);
        var fileId = (await session.UploadLargeAsync(bucketId, "ranges", parts)).GetProperty("fileId").GetString()!;
        using var response = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={fileId}", range: range);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var spec = range[6..];
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        long first, last;
        if (dash == 0)
        {
            first = all.Length - long.Parse(spec[1..], System.Globalization.CultureInfo.InvariantCulture);
            last = all.Length - 1;
        }
        else
        {
            first = long.Parse(spec[..dash], System.Globalization.CultureInfo.InvariantCulture);
            last = dash == spec.Length - 1 ? all.Length - 1 : long.Parse(spec[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal($"bytes {first}-{last}/{all.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(all[(int)first..((int)last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task FinishLargeFile_MissingPart_Returns400MissingPart()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "gap");
        byte[][] parts = [Bytes(Min, 1), Bytes(Min, 2), Bytes(10, 3)];
        await session.UploadPartAsync(fileId, 1, parts[0]);
        await session.UploadPartAsync(fileId, 3, parts[2]);
        await ErrorAsync(await session.FinishAsync(fileId, parts.Select(Sha1)), 400, "missing_part");
        // Still unfinished: the missing part can be uploaded and the file finished.
        await session.UploadPartAsync(fileId, 2, parts[1]);
        await OkAsync(await session.FinishAsync(fileId, parts.Select(Sha1)));
    }

    [Fact]
    public async Task FinishLargeFile_WrongPartSha1Array_Returns400PartSha1Mismatch()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "a");
        byte[][] parts = [Bytes(Min, 1), Bytes(10, 2)];
        await session.UploadPartAsync(fileId, 1, parts[0]);
        await session.UploadPartAsync(fileId, 2, parts[1]);
        await ErrorAsync(await session.FinishAsync(fileId, [Sha1(parts[1]), Sha1(parts[0])]), 400, "part_sha1_mismatch");
        await ErrorAsync(await session.FinishAsync(fileId, ["not-a-sha1", Sha1(parts[1])]), 400, "bad_request");
    }

    [Fact]
    public async Task FinishLargeFile_UnverifiedPartSha1s_AreTheirHex()
    {
        // A part uploaded without a SHA-1 lists as "unverified:<hex>"; clients echo that form back when finishing.
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "echoed");
        byte[][] parts = [Bytes(Min, 1), Bytes(10, 2)];
        await session.UploadPartAsync(fileId, 1, parts[0]);
        await session.UploadPartAsync(fileId, 2, parts[1]);
        await ErrorAsync(await session.FinishAsync(fileId, ["unverified:" + Sha1(parts[1]), "unverified:" + Sha1(parts[0])]), 400, "part_sha1_mismatch");
        await OkAsync(await session.FinishAsync(fileId, ["unverified:" + Sha1(parts[0]), Sha1(parts[1])]));
    }

    [Fact]
    public async Task FinishLargeFile_TooSmallNonLastPart_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "small-parts");
        byte[][] parts = [Bytes(Min - 1, 1), Bytes(Min, 2)];
        await session.UploadPartAsync(fileId, 1, parts[0]);
        await session.UploadPartAsync(fileId, 2, parts[1]);
        var message = await ErrorAsync(await session.FinishAsync(fileId, parts.Select(Sha1)), 400, "bad_request");
        Assert.Contains("Part number 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishLargeFile_PartNotInArray_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "extra");
        byte[][] parts = [Bytes(Min, 1), Bytes(10, 2)];
        await session.UploadPartAsync(fileId, 1, parts[0]);
        await session.UploadPartAsync(fileId, 2, parts[1]);
        await ErrorAsync(await session.FinishAsync(fileId, [Sha1(parts[0])]), 400, "bad_request");
        await ErrorAsync(await session.FinishAsync(fileId, []), 400, "bad_request");
        await ErrorAsync(await session.PostAsync("b2_finish_large_file", new { fileId }), 400, "bad_request");
    }

    [Fact]
    public async Task FinishLargeFile_CancelledOrFinishedFile_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var parts = TwoParts(1);
        var cancelled = await session.StartIdAsync(bucketId, "c");
        await session.UploadPartAsync(cancelled, 1, parts[0]);
        await session.UploadPartAsync(cancelled, 2, parts[1]);
        await session.CallAsync("b2_cancel_large_file", new { fileId = cancelled });
        await ErrorAsync(await session.FinishAsync(cancelled, parts.Select(Sha1)), 400, "bad_request");

        var finished = (await session.UploadLargeAsync(bucketId, "f", parts)).GetProperty("fileId").GetString()!;
        await ErrorAsync(await session.FinishAsync(finished, parts.Select(Sha1)), 400, "bad_request");
    }
}

public sealed class FinishLargeFileMemoryTests(MemoryLargeFileFixture fixture) : FinishLargeFileTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class FinishLargeFileDiskTests(DiskLargeFileFixture fixture) : FinishLargeFileTests(fixture), IClassFixture<DiskLargeFileFixture>;
