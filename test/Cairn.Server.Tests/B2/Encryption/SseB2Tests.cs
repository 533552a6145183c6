using System.Net;
using Cairn.Server.Tests.B2.LargeFiles;
using static Cairn.Server.Tests.B2.Encryption.EncryptionWire;
using static Cairn.Server.Tests.B2.LargeFiles.LargeFileWire;
using static Cairn.Server.Tests.Support.TestWire;

namespace Cairn.Server.Tests.B2.Encryption;

public abstract class SseB2Tests(LargeFileFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task UploadFile_SseB2Header_RoundTripsWithModeInResponsesAndHeaders(int apiVersion)
    {
        var session = await fixture.SessionAsync(apiVersion);
        var bucketId = await session.NewBucketAsync();
        var content = LargeFileWire.Bytes(70_000, 1);

        var uploaded = await session.UploadAsync(bucketId, "secret.bin", content, headers: SseB2Headers);

        Assert.Equal("SSE-B2", Mode(uploaded));
        Assert.Equal("AES256", uploaded.GetProperty("serverSideEncryption").GetProperty("algorithm").GetString());
        Assert.Equal(Sha1(content), uploaded.GetProperty("contentSha1").GetString());
        Assert.Equal(Md5(content), uploaded.GetProperty("contentMd5").GetString());
        var fileId = uploaded.GetProperty("fileId").GetString()!;
        var info = await session.CallAsync("b2_get_file_info", new { fileId });
        Assert.Equal("SSE-B2", Mode(info));

        using var whole = await session.DownloadByIdAsync(fileId);
        Assert.Equal("AES256", Header(whole, "X-Bz-Server-Side-Encryption"));
        Assert.Null(Header(whole, "X-Bz-Server-Side-Encryption-Customer-Algorithm"));
        Assert.Equal(content, await BytesAsync(whole));
    }

    [Theory]
    [InlineData("bytes=0-0")]
    [InlineData("bytes=15-16")]
    [InlineData("bytes=12345-65432")]
    [InlineData("bytes=-100")]
    [InlineData("bytes=69999-")]
    public async Task Download_RangeOfSseB2File_DecryptsExactlyThoseBytes(string range)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = LargeFileWire.Bytes(70_000, 2);
        var fileId = (await session.UploadAsync(bucketId, "r.bin", content, headers: SseB2Headers)).GetProperty("fileId").GetString()!;

        using var response = await session.DownloadByIdAsync(fileId, range: range);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var (first, last) = ParseContentRange(Header(response, "Content-Range")!);
        Assert.Equal(content[(int)first..((int)last + 1)], await BytesAsync(response));
    }

    [Fact]
    public async Task Head_SseB2File_ShowsHeadersAndLengthWithoutBody()
    {
        var session = await fixture.SessionAsync();
        var (bucketId, bucketName) = (await session.NewBucketAsync(), "");
        bucketName = (await session.CallAsync("b2_list_buckets", new { accountId = session.AccountId, bucketId })).GetProperty("buckets")[0].GetProperty("bucketName").GetString()!;
        await session.UploadAsync(bucketId, "h.txt", Bytes("hello"), headers: SseB2Headers);

        using var head = await session.DownloadAsync($"file/{bucketName}/h.txt", HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("AES256", Header(head, "X-Bz-Server-Side-Encryption"));
        Assert.Equal(5, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task LargeFile_SseB2_EveryPartEncrypted_FinishedFileDownloadsAcrossParts()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var parts = new[] { LargeFileWire.Bytes(LargeFileFixture.MinPartSize, 1), LargeFileWire.Bytes(LargeFileFixture.MinPartSize, 2), LargeFileWire.Bytes(777, 3) };
        var started = await session.CallAsync("b2_start_large_file", new { bucketId, fileName = "big", contentType = "b2/x-auto", serverSideEncryption = SseB2 });
        Assert.Equal("SSE-B2", Mode(started));
        var fileId = started.GetProperty("fileId").GetString()!;
        for (var i = 0; i < parts.Length; i++)
        {
            // b2sdk sends no SSE header on parts of an SSE-B2 file; the SSE-B2 header is accepted too.
            var part = i == 0
                ? await OkAsync(await SendPartWithHeadersAsync(session, fileId, 1, parts[0], SseB2Headers))
                : await session.UploadPartAsync(fileId, i + 1, parts[i]);
            Assert.Equal("SSE-B2", Mode(part));
        }
        var listed = await session.CallAsync("b2_list_parts", new { fileId });
        Assert.All(listed.GetProperty("parts").EnumerateArray(), p => Assert.Equal("SSE-B2", Mode(p)));

        var finished = await OkAsync(await session.FinishAsync(fileId, parts.Select(Sha1)));

        Assert.Equal("SSE-B2", Mode(finished));
        var all = parts.SelectMany(p => p).ToArray();
        Assert.Equal(all, await BytesAsync(await session.DownloadByIdAsync(fileId)));
        Assert.Equal(all[4990..10010], await BytesAsync(await session.DownloadByIdAsync(fileId, range: "bytes=4990-10009")));
    }

    [Fact]
    public async Task LargeFile_PlaintextFile_RefusesAnSseB2Part()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = await session.StartIdAsync(bucketId, "plain");

        await LargeFileWire.ErrorAsync(await SendPartWithHeadersAsync(session, fileId, 1, Bytes("x"), SseB2Headers), 400, "bad_request");
    }

    [Fact]
    public async Task UploadFile_SseHeaderNone_Returns400LikeB2()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        using var response = await session.SendUploadAsync(bucketId, "n", Bytes("n"), headers: new Dictionary<string, string> { ["X-Bz-Server-Side-Encryption"] = "NONE" });

        await LargeFileWire.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task UploadFile_SseB2_FileInfoBudgetIs2048Bytes()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var headers = new Dictionary<string, string>(SseB2Headers) { ["X-Bz-Info-big"] = new string('a', 3000) };

        using var encrypted = await session.SendUploadAsync(bucketId, "i", Bytes("i"), headers: headers);
        await LargeFileWire.ErrorAsync(encrypted, 400, "bad_request");
        headers.Remove("X-Bz-Server-Side-Encryption");
        using var plain = await session.SendUploadAsync(bucketId, "i", Bytes("i"), headers: headers);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    public static async Task<HttpResponseMessage> SendPartWithHeadersAsync(Cairn.Testing.B2Session session, string fileId, int partNumber, byte[] content, IReadOnlyDictionary<string, string> headers)
    {
        var (url, token) = await session.GetPartUrlAsync(fileId);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-Part-Number", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", Sha1(content));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await session.Http.SendAsync(request);
    }

    private static (long First, long Last) ParseContentRange(string header)
    {
        var range = header["bytes ".Length..header.IndexOf('/', StringComparison.Ordinal)].Split('-');
        return (long.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SseB2MemoryTests(MemoryLargeFileFixture fixture) : SseB2Tests(fixture), IClassFixture<MemoryLargeFileFixture>;

public sealed class SseB2DiskTests(DiskLargeFileFixture fixture) : SseB2Tests(fixture), IClassFixture<DiskLargeFileFixture>;
