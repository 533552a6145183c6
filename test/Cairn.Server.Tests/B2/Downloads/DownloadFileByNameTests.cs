using System.Net;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Downloads;

public sealed class DownloadFileByNameTests(MemoryServerFixture memory, DiskServerFixture disk) : IClassFixture<MemoryServerFixture>, IClassFixture<DiskServerFixture>
{
    [Theory]
    [InlineData("plain.txt", "plain.txt")]
    [InlineData("with space.txt", "with%20space.txt")]
    [InlineData("with space.txt", "with+space.txt")]
    [InlineData("one+two.txt", "one%2Btwo.txt")]
    [InlineData("ünï/cödé/😀.txt", "%C3%BCn%C3%AF/c%C3%B6d%C3%A9/%F0%9F%98%80.txt")]
    [InlineData("a/b/c/d/e/f/g/deep.txt", "a/b/c/d/e/f/g/deep.txt")]
    [InlineData("~!$'()*;=:@", "~!$'()*;=:@")]
    [InlineData("~!$'()*;=:@", "%7E%21%24%27%28%29%2A%3B%3D%3A%40")]
    [InlineData(",&?#%\\\"<>{}|^[]` x", "%2C%26%3F%23%25%5C%22%3C%3E%7B%7D%7C%5E%5B%5D%60%20x")]
    public async Task DownloadFileByName_EncodedName_ServesTheFile(string name, string encodedPath)
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var content = TestWire.Bytes("content of " + name);
        var fileId = (await session.UploadAsync(bucketId, name, content)).GetProperty("fileId").GetString();

        using var response = await session.DownloadAsync($"file/{bucketName}/{encodedPath}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(fileId, TestWire.Header(response, "x-bz-file-id"));
        var headerName = TestWire.Header(response, "x-bz-file-name")!;
        Assert.DoesNotContain("+", headerName, StringComparison.Ordinal);
        Assert.Equal(name, Uri.UnescapeDataString(headerName));
    }

    [Fact]
    public async Task DownloadFileByName_Head_ContentLengthEqualsGet()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var content = new byte[12_345];
        await session.UploadAsync(bucketId, "sized.bin", content);

        using var get = await session.DownloadAsync($"file/{bucketName}/sized.bin");
        using var head = await session.DownloadAsync($"file/{bucketName}/sized.bin", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(12_345, head.Content.Headers.ContentLength);
        Assert.Equal(TestWire.Header(get, "x-bz-file-id"), TestWire.Header(head, "x-bz-file-id"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DownloadFileByName_B2ContentInfo_IsServedAsRealHeadersNotXBzInfo()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        await session.UploadAsync(bucketId, "report.txt", TestWire.Bytes("x"), headers: new Dictionary<string, string>
        {
            ["X-Bz-Info-b2-content-disposition"] = Uri.EscapeDataString("attachment; filename=\"report.txt\""),
            ["X-Bz-Info-b2-content-language"] = "de-DE",
            ["X-Bz-Info-b2-expires"] = Uri.EscapeDataString("Thu, 01 Dec 2044 16:00:00 GMT"),
            ["X-Bz-Info-b2-cache-control"] = Uri.EscapeDataString("max-age=3600"),
            ["X-Bz-Info-b2-content-encoding"] = "gzip",
            ["X-Bz-Info-color"] = "blue",
        });

        using var response = await session.DownloadAsync($"file/{bucketName}/report.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"report.txt\"", TestWire.Header(response, "Content-Disposition"));
        Assert.Equal("de-DE", TestWire.Header(response, "Content-Language"));
        Assert.Equal("Thu, 01 Dec 2044 16:00:00 GMT", TestWire.Header(response, "Expires"));
        Assert.Equal("max-age=3600", TestWire.Header(response, "Cache-Control"));
        Assert.Equal("gzip", TestWire.Header(response, "Content-Encoding"));
        Assert.Equal("blue", TestWire.Header(response, "x-bz-info-color"));
        Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), h => h.Key.StartsWith("x-bz-info-b2-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("x", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownloadFileByName_QueryOverrides_ReplaceTheStoredHeaders()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        await session.UploadAsync(bucketId, "o.txt", TestWire.Bytes("x"), headers: new Dictionary<string, string>
        {
            ["X-Bz-Info-b2-content-disposition"] = "inline",
        });
        var query = "b2ContentDisposition=" + Uri.EscapeDataString("attachment; filename=\"o.txt\"")
            + "&b2ContentType=" + Uri.EscapeDataString("application/x-custom")
            + "&b2CacheControl=no-store&b2ContentLanguage=fr&b2Expires=" + Uri.EscapeDataString("Mon, 01 Jan 2046 00:00:00 GMT")
            + "&b2ContentEncoding=identity";

        foreach (var path in new[] { $"file/{bucketName}/o.txt?{query}", null })
        {
            var target = path ?? $"b2api/v2/b2_download_file_by_id?fileId={await FileIdAsync(session, bucketId, "o.txt")}&{query}";
            using var response = await session.DownloadAsync(target);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment; filename=\"o.txt\"", TestWire.Header(response, "Content-Disposition"));
            Assert.Equal("application/x-custom", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", TestWire.Header(response, "Cache-Control"));
            Assert.Equal("fr", TestWire.Header(response, "Content-Language"));
            Assert.Equal("Mon, 01 Jan 2046 00:00:00 GMT", TestWire.Header(response, "Expires"));
            Assert.Equal("identity", TestWire.Header(response, "Content-Encoding"));
        }
    }

    [Fact]
    public async Task DownloadFileByName_NewestVersion_IsServed()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        await session.UploadAsync(bucketId, "n.txt", TestWire.Bytes("first"));
        var second = await session.UploadAsync(bucketId, "n.txt", TestWire.Bytes("second"));
        using var response = await session.DownloadAsync($"file/{bucketName}/n.txt");
        Assert.Equal("second", await response.Content.ReadAsStringAsync());
        Assert.Equal(second.GetProperty("fileId").GetString(), TestWire.Header(response, "x-bz-file-id"));
    }

    [Fact]
    public async Task DownloadFileByName_HiddenName_Returns404ButTheIdStillDownloads()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var fileId = (await session.UploadAsync(bucketId, "hidden.txt", TestWire.Bytes("x"))).GetProperty("fileId").GetString();
        await session.CallAsync("b2_hide_file", new { bucketId, fileName = "hidden.txt" });

        await TestWire.ErrorAsync(await session.DownloadAsync($"file/{bucketName}/hidden.txt"), 404, "not_found");
        using var head = await session.DownloadAsync($"file/{bucketName}/hidden.txt", HttpMethod.Head);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var byId = await session.DownloadAsync("b2api/v2/b2_download_file_by_id?fileId=" + fileId);
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
    }

    [Fact]
    public async Task DownloadFileByName_MissingNameOrBucket_Returns404NotFound()
    {
        var session = await memory.SessionAsync();
        var (_, bucketName) = await session.NewNamedBucketAsync();
        await TestWire.ErrorAsync(await session.DownloadAsync($"file/{bucketName}/nothing-here.txt"), 404, "not_found");
        await TestWire.ErrorAsync(await session.DownloadAsync($"file/{TestWire.UniqueBucketName()}/x.txt"), 404, "not_found");
    }

    [Fact]
    public async Task DownloadFileByName_PrivateBucket_401WithoutTokenAnd200WithAccountToken()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync("allPrivate");
        await session.UploadAsync(bucketId, "p.txt", TestWire.Bytes("private"));
        await TestWire.ErrorAsync(await session.DownloadAsync($"file/{bucketName}/p.txt", withToken: false), 401, "unauthorized");
        using var head = await session.DownloadAsync($"file/{bucketName}/p.txt", HttpMethod.Head, withToken: false);
        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
        using var ok = await session.DownloadAsync($"file/{bucketName}/p.txt");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("private", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownloadFileByName_PublicBucket_200WithoutToken()
    {
        var session = await memory.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync("allPublic");
        await session.UploadAsync(bucketId, "pub lic.txt", TestWire.Bytes("public"));
        using var response = await session.DownloadAsync($"file/{bucketName}/pub+lic.txt", withToken: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DownloadFileByName_DiskServer_ServesWhatWasUploaded()
    {
        var session = await disk.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        var content = new byte[333_333];
        Random.Shared.NextBytes(content);
        await session.UploadAsync(bucketId, "photos/ünï code+plus.bin", content);
        using var response = await session.DownloadAsync($"file/{bucketName}/photos/%C3%BCn%C3%AF%20code%2Bplus.bin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> FileIdAsync(Cairn.Testing.B2Session session, string bucketId, string name) =>
        (await session.CallAsync("b2_list_file_names", new { bucketId, prefix = name })).GetProperty("files")[0].GetProperty("fileId").GetString()!;
}
