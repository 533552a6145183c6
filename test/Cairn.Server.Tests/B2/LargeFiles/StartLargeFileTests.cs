using System.Net;
using System.Text.Json;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;

namespace Cairn.Server.Tests.B2.LargeFiles;

public abstract class StartLargeFileTests(LargeFileFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task StartLargeFile_ReturnsStartVersion(int version)
    {
        var session = await fixture.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var started = await session.StartAsync(bucketId, "big/movie.txt", fileInfo: new Dictionary<string, string> { ["large_file_sha1"] = new string('a', 40) });
        Assert.Equal("start", started.GetProperty("action").GetString());
        Assert.Equal(0, started.GetProperty("contentLength").GetInt64());
        Assert.Equal("none", started.GetProperty("contentSha1").GetString());
        Assert.Equal(JsonValueKind.Null, started.GetProperty("contentMd5").ValueKind);
        Assert.Equal("text/plain", started.GetProperty("contentType").GetString());
        Assert.Equal("big/movie.txt", started.GetProperty("fileName").GetString());
        Assert.Equal(bucketId, started.GetProperty("bucketId").GetString());
        Assert.Equal(session.AccountId, started.GetProperty("accountId").GetString());
        Assert.Equal(new string('a', 40), started.GetProperty("fileInfo").GetProperty("large_file_sha1").GetString());
        Assert.InRange(started.GetProperty("uploadTimestamp").GetInt64(), before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var fileId = started.GetProperty("fileId").GetString()!;
        Assert.StartsWith($"4_z{bucketId}_f2", fileId, StringComparison.Ordinal);
        Assert.True(started.TryGetProperty("serverSideEncryption", out _));
    }

    [Fact]
    public async Task StartLargeFile_UnknownBucket_Returns400BadBucketId()
    {
        var session = await fixture.SessionAsync();
        await ErrorAsync(await session.PostAsync("b2_start_large_file", new { bucketId = "0123456789abcdef01234567", fileName = "a", contentType = "b2/x-auto" }), 400, "bad_bucket_id");
    }

    [Fact]
    public async Task StartLargeFile_MissingContentType_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await ErrorAsync(await session.PostAsync("b2_start_large_file", new { bucketId, fileName = "a" }), 400, "bad_request");
    }

    [Fact]
    public async Task StartLargeFile_InvalidFileName_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await ErrorAsync(await session.PostAsync("b2_start_large_file", new { bucketId, fileName = "bad\u0001name", contentType = "b2/x-auto" }), 400, "bad_request");
    }

    [Fact]
    public async Task StartLargeFile_SseB2_StartsAnEncryptedFile_AndModeNullMeansPlaintext()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var encrypted = await OkAsync(await session.PostAsync("b2_start_large_file", new { bucketId, fileName = "a", contentType = "b2/x-auto", serverSideEncryption = new { mode = "SSE-B2", algorithm = "AES256" } }));
        Assert.Equal("SSE-B2", encrypted.GetProperty("serverSideEncryption").GetProperty("mode").GetString());
        // b2sdk's "no encryption" form is accepted.
        var plain = await OkAsync(await session.PostAsync("b2_start_large_file", new { bucketId, fileName = "a", contentType = "b2/x-auto", serverSideEncryption = new { mode = (string?)null } }));
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("serverSideEncryption").GetProperty("mode").ValueKind);
    }

    [Fact]
    public async Task StartLargeFile_Unfinished_ListedAsStartInVersionsOnly_AndNeverDownloadable()
    {
        var session = await fixture.SessionAsync();
        var (bucketId, bucketName) = (await session.NewBucketAsync(), "");
        var buckets = await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId });
        bucketName = buckets.GetProperty("buckets")[0].GetProperty("bucketName").GetString()!;
        await session.UploadAsync(bucketId, "done.txt", "done"u8.ToArray());
        var fileId = await session.StartIdAsync(bucketId, "pending.bin");
        await session.UploadPartAsync(fileId, 1, Bytes(100, 1));

        var versions = await session.CallAsync("b2_list_file_versions", new { bucketId });
        var entries = versions.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("action").GetString() + " " + f.GetProperty("fileName").GetString()).ToList();
        Assert.Equal(["upload done.txt", "start pending.bin"], entries);
        var start = versions.GetProperty("files")[1];
        Assert.Equal(fileId, start.GetProperty("fileId").GetString());
        Assert.Equal("none", start.GetProperty("contentSha1").GetString());
        Assert.Equal(0, start.GetProperty("contentLength").GetInt64());

        var names = await session.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Equal(["done.txt"], names.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()).ToList());

        using (var byId = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={fileId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        }
        using (var byName = await session.DownloadAsync($"file/{bucketName}/pending.bin"))
        {
            Assert.Equal(HttpStatusCode.NotFound, byName.StatusCode);
        }
    }
}

public sealed class StartLargeFileMemoryTests(MemoryLargeFileFixture fixture) : StartLargeFileTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class StartLargeFileDiskTests(DiskLargeFileFixture fixture) : StartLargeFileTests(fixture), IClassFixture<DiskLargeFileFixture>;
