using System.Net;
using System.Text;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Downloads;

public sealed class DownloadFileByIdTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    [Theory]
    [MemberData(nameof(TestWire.Versions), MemberType = typeof(TestWire))]
    public async Task DownloadFileById_Get_ServesTheBytesAndEveryXBzHeader(int version)
    {
        var session = await memory.SessionAsync(version);
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("by id, any version");
        var stored = await session.UploadAsync(bucketId, "dir/a+b c€.txt", content, headers: new Dictionary<string, string>
        {
            ["X-Bz-Info-src_last_modified_millis"] = "1637248673875",
            ["X-Bz-Info-note"] = "a%2Bb+c%E2%82%AC",
        });
        var fileId = stored.GetProperty("fileId").GetString()!;

        using var response = await session.DownloadAsync($"b2api/v{version}/b2_download_file_by_id?fileId={fileId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(content.Length, response.Content.Headers.ContentLength);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", TestWire.Header(response, "Accept-Ranges"));
        Assert.Equal(fileId, TestWire.Header(response, "x-bz-file-id"));
        Assert.Equal("dir/a%2Bb%20c%E2%82%AC.txt", TestWire.Header(response, "x-bz-file-name"));
        Assert.Equal(TestWire.Sha1Hex(content), TestWire.Header(response, "x-bz-content-sha1"));
        Assert.Equal(stored.GetProperty("uploadTimestamp").GetInt64().ToString(), TestWire.Header(response, "x-bz-upload-timestamp"));
        Assert.Equal("1637248673875", TestWire.Header(response, "x-bz-info-src_last_modified_millis"));
        Assert.Equal("a+b c€", Uri.UnescapeDataString(TestWire.Header(response, "x-bz-info-note")!));
        Assert.Equal("a%2Bb%20c%E2%82%AC", TestWire.Header(response, "x-bz-info-note"));
        Assert.NotNull(response.Headers.Date);
    }

    [Fact]
    public async Task DownloadFileById_Head_HasTheHeadersAndContentLengthOfGetWithoutABody()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("head me");
        var fileId = (await session.UploadAsync(bucketId, "head.txt", content)).GetProperty("fileId").GetString()!;

        using var head = await session.DownloadAsync($"b2api/v1/b2_download_file_by_id?fileId={fileId}", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(fileId, TestWire.Header(head, "x-bz-file-id"));
        Assert.Equal(TestWire.Sha1Hex(content), TestWire.Header(head, "x-bz-content-sha1"));
    }

    [Fact]
    public async Task DownloadFileById_PostWithJsonBody_ServesTheFile()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var content = TestWire.Bytes("posted");
        var fileId = (await session.UploadAsync(bucketId, "post.txt", content)).GetProperty("fileId").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{session.DownloadUrl}/b2api/v2/b2_download_file_by_id")
        {
            Content = new StringContent($$"""{"fileId":"{{fileId}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        using var response = await session.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DownloadFileById_OlderAndHiddenVersions_AreStillServed()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var old = await session.UploadAsync(bucketId, "v.txt", TestWire.Bytes("old"));
        var current = await session.UploadAsync(bucketId, "v.txt", TestWire.Bytes("new"));
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "v.txt" });

        foreach (var (version, text) in new[] { (old, "old"), (current, "new") })
        {
            using var response = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + version.GetProperty("fileId").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(text, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task DownloadFileById_HideMarkerId_Returns404NotFound()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        await session.UploadAsync(bucketId, "h.txt", TestWire.Bytes("x"));
        var marker = await session.CallAsync("b2_hide_file", new { bucketId, fileName = "h.txt" });
        await TestWire.ErrorAsync(await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + marker.GetProperty("fileId").GetString()), 404, "not_found");
    }

    [Fact]
    public async Task DownloadFileById_UnknownWellFormedId_Returns404NotFound()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "gone.txt", TestWire.Bytes("x"))).GetProperty("fileId").GetString()!;
        await session.CallAsync("b2_delete_file_version", new { fileId, fileName = "gone.txt" });
        await TestWire.ErrorAsync(await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + fileId), 404, "not_found");

        var otherBucket = $"4_z{"0123456789abcdef01234567"}_f1000000000000001_d20240101_m000000_c000_v0000001_t0001";
        await TestWire.ErrorAsync(await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + otherBucket), 404, "not_found");
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("4_zNOTHEX")]
    public async Task DownloadFileById_MalformedId_Returns400InvalidFileId(string fileId)
    {
        var session = await memory.SessionAsync();
        var error = await TestWire.ErrorAsync(await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + fileId), 400, "bad_request");
        Assert.Equal($"Invalid fileId: {fileId}", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DownloadFileById_NoFileId_Returns400()
    {
        var session = await memory.SessionAsync();
        await TestWire.ErrorAsync(await session.DownloadAsync("b2api/v2/b2_download_file_by_id"), 400, "bad_request");
    }

    [Fact]
    public async Task DownloadFileById_UnknownApiVersion_Returns404()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "v5.txt", [])).GetProperty("fileId").GetString();
        await TestWire.ErrorAsync(await session.DownloadAsync("b2api/v5/b2_download_file_by_id?fileId=" + fileId), 404, "not_found");
    }

    [Fact]
    public async Task DownloadFileById_ErrorOnHead_HasStatusButNoBody()
    {
        var session = await memory.SessionAsync();
        using var response = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=nonsense", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DownloadFileById_PrivateBucket_NeedsAToken()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync("allPrivate");
        var fileId = (await session.UploadAsync(bucketId, "secret.txt", TestWire.Bytes("secret"))).GetProperty("fileId").GetString()!;
        var path = "b2api/v2/b2_download_file_by_id?fileId=" + fileId;

        await TestWire.ErrorAsync(await session.DownloadAsync(path, withToken: false), 401, "unauthorized");
        using var withToken = await session.DownloadAsync(path);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        using var withQueryToken = await session.DownloadAsync(path + "&Authorization=" + Uri.EscapeDataString(session.Token), withToken: false);
        Assert.Equal(HttpStatusCode.OK, withQueryToken.StatusCode);
    }

    [Fact]
    public async Task DownloadFileById_PublicBucket_NeedsNoToken()
    {
        var session = await memory.SessionAsync();
        var bucketId = await session.NewBucketAsync("allPublic");
        var fileId = (await session.UploadAsync(bucketId, "open.txt", TestWire.Bytes("open"))).GetProperty("fileId").GetString()!;
        using var response = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + fileId, withToken: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("open", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownloadFileById_DiskServer_RoundTripsManySizes()
    {
        var session = await disk.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        foreach (var size in new[] { 0, 1, 4095, 4096, 131_073, 1_000_003 })
        {
            var content = new byte[size];
            Random.Shared.NextBytes(content);
            var fileId = (await session.UploadAsync(bucketId, $"size/{size}", content)).GetProperty("fileId").GetString()!;
            using var response = await session.DownloadAsync("b2api/v1/b2_download_file_by_id?fileId=" + fileId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(size, response.Content.Headers.ContentLength);
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        }
    }
}
