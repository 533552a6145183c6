using System.Net;
using Cairn.Server.Tests.B2.LargeFiles;
using static Cairn.Server.Tests.B2.Encryption.EncryptionWire;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;
using static Cairn.Server.Tests.Support.TestWire;

namespace Cairn.Server.Tests.B2.Encryption;

public abstract class SseCTests(LargeFileFixture fixture)
{
    [Fact]
    public async Task UploadFile_SseC_RoundTripsWithTheKey_HeadersShowAlgorithmAndKeyMd5()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var key = NewKey();
        var content = LargeFileWire.Bytes(20_000, 3);
        var headers = SseCHeaders(key);
        headers["X-Bz-Info-sse_c_key_id"] = "my%20key";

        var uploaded = await session.UploadAsync(bucketId, "c.bin", content, headers: headers);

        Assert.Equal("SSE-C", Mode(uploaded));
        Assert.Equal("AES256", uploaded.GetProperty("serverSideEncryption").GetProperty("algorithm").GetString());
        Assert.False(uploaded.GetProperty("serverSideEncryption").TryGetProperty("customerKey", out _));
        Assert.Equal("my key", uploaded.GetProperty("fileInfo").GetProperty("sse_c_key_id").GetString());
        var fileId = uploaded.GetProperty("fileId").GetString()!;
        using var download = await session.DownloadByIdAsync(fileId, SseCHeaders(key));
        Assert.Equal("AES256", Header(download, "X-Bz-Server-Side-Encryption-Customer-Algorithm"));
        Assert.Equal(KeyMd5(key), Header(download, "X-Bz-Server-Side-Encryption-Customer-Key-Md5"));
        Assert.Null(Header(download, "X-Bz-Server-Side-Encryption-Customer-Key"));
        Assert.Null(Header(download, "X-Bz-Server-Side-Encryption"));
        Assert.Equal(content, await BytesAsync(download));
        Assert.Equal(content[100..200], await BytesAsync(await session.DownloadByIdAsync(fileId, SseCHeaders(key), "bytes=100-199")));
    }

    [Fact]
    public async Task Download_SseCFile_WrongOrMissingKey_Returns403AccessDenied()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "c", LargeFileWire.Bytes(100, 1), headers: SseCHeaders(NewKey()))).GetProperty("fileId").GetString()!;

        await LargeFileWire.ErrorAsync(await session.DownloadByIdAsync(fileId), 403, "access_denied");
        await LargeFileWire.ErrorAsync(await session.DownloadByIdAsync(fileId, SseCHeaders(NewKey())), 403, "access_denied");
        await LargeFileWire.ErrorAsync(await session.DownloadByIdAsync(fileId, SseCHeaders(NewKey()), "bytes=0-9"), 403, "access_denied");
        // HEAD without a key shows metadata only (b2sdk's get_file_info_by_name sends none); with a wrong key it is refused.
        using var head = await session.DownloadByIdAsync(fileId, method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("AES256", Header(head, "X-Bz-Server-Side-Encryption-Customer-Algorithm"));
        using var wrongHead = await session.DownloadByIdAsync(fileId, SseCHeaders(NewKey()), method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.Forbidden, wrongHead.StatusCode);
    }

    [Fact]
    public async Task SseCHeaders_KeyMd5Mismatch_Returns400OnUploadAndDownload()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var key = NewKey();
        var badMd5 = SseCHeaders(key, KeyMd5(NewKey()));

        using var upload = await session.SendUploadAsync(bucketId, "c", LargeFileWire.Bytes(10, 1), headers: badMd5);
        await LargeFileWire.ErrorAsync(upload, 400, "bad_request");
        var fileId = (await session.UploadAsync(bucketId, "c", LargeFileWire.Bytes(10, 1), headers: SseCHeaders(key))).GetProperty("fileId").GetString()!;
        await LargeFileWire.ErrorAsync(await session.DownloadByIdAsync(fileId, badMd5), 400, "bad_request");
        var shortKey = SseCHeaders(new byte[16]);
        using var upload16 = await session.SendUploadAsync(bucketId, "c", LargeFileWire.Bytes(10, 1), headers: shortKey);
        await LargeFileWire.ErrorAsync(upload16, 400, "bad_request");
        var noKey = new Dictionary<string, string> { ["X-Bz-Server-Side-Encryption-Customer-Algorithm"] = "AES256" };
        using var uploadNoKey = await session.SendUploadAsync(bucketId, "c", LargeFileWire.Bytes(10, 1), headers: noKey);
        await LargeFileWire.ErrorAsync(uploadNoKey, 400, "bad_request");
    }

    [Fact]
    public async Task LargeFile_SseC_PartsNeedTheStartKey_FinishedFileDecryptsAcrossParts()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var key = NewKey();
        var parts = new[] { LargeFileWire.Bytes(LargeFileFixture.MinPartSize, 11), LargeFileWire.Bytes(1234, 12) };
        var started = await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "big-c", contentType = "b2/x-auto", serverSideEncryption = SseC(key) });
        Assert.Equal("SSE-C", Mode(started));
        var fileId = started.GetProperty("fileId").GetString()!;

        await LargeFileWire.ErrorAsync(await session.SendPartAsync(fileId, 1, parts[0]), 400, "bad_request");
        await LargeFileWire.ErrorAsync(await SseB2Tests.SendPartWithHeadersAsync(session, fileId, 1, parts[0], SseCHeaders(NewKey())), 400, "bad_request");
        await LargeFileWire.ErrorAsync(await SseB2Tests.SendPartWithHeadersAsync(session, fileId, 1, parts[0], SseB2Headers), 400, "bad_request");
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await OkAsync(await SseB2Tests.SendPartWithHeadersAsync(session, fileId, i + 1, parts[i], SseCHeaders(key)));
            Assert.Equal("SSE-C", Mode(part));
        }
        var finished = await OkAsync(await session.FinishAsync(fileId, parts.Select(Sha1)));

        Assert.Equal("SSE-C", Mode(finished));
        var all = parts.SelectMany(p => p).ToArray();
        Assert.Equal(all, await BytesAsync(await session.DownloadByIdAsync(fileId, SseCHeaders(key))));
        Assert.Equal(all[4000..6000], await BytesAsync(await session.DownloadByIdAsync(fileId, SseCHeaders(key), "bytes=4000-5999")));
        await LargeFileWire.ErrorAsync(await session.DownloadByIdAsync(fileId, SseCHeaders(NewKey()), "bytes=4000-5999"), 403, "access_denied");
    }
}

public sealed class SseCMemoryTests(MemoryLargeFileFixture fixture) : SseCTests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class SseCDiskTests(DiskLargeFileFixture fixture) : SseCTests(fixture), IClassFixture<DiskLargeFileFixture>;
