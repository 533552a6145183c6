using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Files;

/// <summary>
/// The <c>b2-*</c> file info entries become real response headers on download, so B2 requires each value to be valid for
/// its header (RFC 6266 for Content-Disposition, with non-ASCII names as RFC 5987 <c>filename*=UTF-8''…</c>). Every way in
/// (upload headers, copy with REPLACE, start large file, the download's query overrides) refuses what can not be sent,
/// and what is accepted downloads with 200 and exactly that header.
/// </summary>
public sealed class ContentHeaderInfoTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    /// <summary>What b2sdk stores for résumé.pdf: an ASCII value whose file name is an RFC 5987 extended value.</summary>
    private const string Rfc5987Disposition = "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf";

    public static TheoryData<string, string> RefusedValues => new()
    {
        // Percent-encoded on the wire as X-Bz-Info-* values are; these are the decoded values.
        { "b2-content-disposition", "attachment; filename=\"résumé.pdf\"" },
        { "b2-content-disposition", "attachment\r\nX-Injected: 1" },
        { "b2-content-disposition", "attachment; filename=\"a\u0000b\"" },
        { "b2-content-disposition", "attachment; filename*=ISO-8859-1''r%E9sum%E9.pdf" },
        { "b2-content-disposition", "attachment; filename*=UTF-8'fr'r%C3%A9sum%C3%A9.pdf" },
        { "b2-content-disposition", "attachment; filename*=UTF-8''%C3" },
        { "b2-content-disposition", "attachment; filename*0=\"a\"; filename*1=\"b\"" },
        { "b2-content-disposition", "attachment; filename=\"unclosed" },
        { "b2-content-disposition", "; filename=a" },
        { "b2-content-language", "fr\u0001" },
        { "b2-content-language", "français" },
        { "b2-expires", "Thu, 01 Dec 1994 16:00:00 GMT\u007F" },
        { "b2-cache-control", "max-age=60\r\n" },
        { "b2-cache-control", "max-âge=60" },
        { "b2-content-encoding", "gzip\u0000" },
    };

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task UploadFile_InvalidContentHeaderInfo_Returns400AndStoresNothing(string name, string value)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        using var response = await session.SendUploadAsync(bucketId, "f.txt", TestWire.Bytes("x"),
            headers: new Dictionary<string, string> { ["X-Bz-Info-" + name] = Encode(value) });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
        var listed = await session.CallAsync("b2_list_file_names", new { bucketId });
        Assert.Empty(listed.GetProperty("files").EnumerateArray());
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("GET")]
    public async Task UploadFile_EncodedNonAsciiDisposition_DownloadsWith200AndThatHeader(string method)
    {
        var session = await fixture.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();

        var file = await session.UploadAsync(bucketId, "résumé.pdf", TestWire.Bytes("cv"),
            headers: new Dictionary<string, string> { ["X-Bz-Info-b2-content-disposition"] = Encode(Rfc5987Disposition) });

        Assert.Equal(Rfc5987Disposition, file.GetProperty("fileInfo").GetProperty("b2-content-disposition").GetString());
        using var byName = await session.DownloadAsync($"file/{bucketName}/r%C3%A9sum%C3%A9.pdf", new HttpMethod(method));
        AssertDisposition(byName, Rfc5987Disposition);
        using var byId = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={file.GetProperty("fileId").GetString()}", new HttpMethod(method));
        AssertDisposition(byId, Rfc5987Disposition);
    }

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task CopyFile_ReplaceWithInvalidContentHeaderInfo_Returns400(string name, string value)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = await session.UploadAsync(bucketId, "src.txt", TestWire.Bytes("x"));

        using var response = await session.PostAsync("b2_copy_file", new
        {
            sourceFileId = source.GetProperty("fileId").GetString(),
            fileName = "dst.txt",
            metadataDirective = "REPLACE",
            contentType = "text/plain",
            fileInfo = new Dictionary<string, string> { [name] = value },
        });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task CopyFile_ReplaceWithRfc5987Disposition_DownloadsWithThatHeader()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = await session.UploadAsync(bucketId, "src.txt", TestWire.Bytes("x"));

        var copy = await session.CallAsync("b2_copy_file", new
        {
            sourceFileId = source.GetProperty("fileId").GetString(),
            fileName = "dst.txt",
            metadataDirective = "REPLACE",
            contentType = "text/plain",
            fileInfo = new Dictionary<string, string> { ["b2-content-disposition"] = Rfc5987Disposition },
        });

        using var download = await session.DownloadAsync($"b2api/v2/b2_download_file_by_id?fileId={copy.GetProperty("fileId").GetString()}");
        AssertDisposition(download, Rfc5987Disposition);
    }

    [Theory]
    [InlineData("text/plain; name=\"é\"")]
    [InlineData("text/plain\u0001")]
    public async Task CopyFile_ReplaceWithContentTypeNotValidAsHeader_Returns400(string contentType)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();
        var source = await session.UploadAsync(bucketId, "src.txt", TestWire.Bytes("x"));

        using var response = await session.PostAsync("b2_copy_file", new
        {
            sourceFileId = source.GetProperty("fileId").GetString(),
            fileName = "dst.txt",
            metadataDirective = "REPLACE",
            contentType,
        });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task StartLargeFile_InvalidContentHeaderInfo_Returns400(string name, string value)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        using var response = await session.PostAsync("b2_start_large_file", new
        {
            bucketId,
            fileName = "big.bin",
            contentType = "application/octet-stream",
            fileInfo = new Dictionary<string, string> { [name] = value },
        });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
        var unfinished = await session.CallAsync("b2_list_unfinished_large_files", new { bucketId });
        Assert.Empty(unfinished.GetProperty("files").EnumerateArray());
    }

    [Fact]
    public async Task StartLargeFile_Rfc5987Disposition_IsAccepted()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        var started = await session.CallAsync("b2_start_large_file", new
        {
            bucketId,
            fileName = "big.bin",
            contentType = "application/octet-stream",
            fileInfo = new Dictionary<string, string> { ["b2-content-disposition"] = Rfc5987Disposition },
        });

        Assert.Equal(Rfc5987Disposition, started.GetProperty("fileInfo").GetProperty("b2-content-disposition").GetString());
    }

    [Theory]
    [InlineData("b2ContentDisposition", "attachment; filename=\"résumé.pdf\"")]
    [InlineData("b2ContentDisposition", "attachment\r\nX-Injected: 1")]
    [InlineData("b2ContentLanguage", "français")]
    [InlineData("b2Expires", "tomorrow\u0000")]
    [InlineData("b2CacheControl", "no-cache\u007F")]
    [InlineData("b2ContentEncoding", "gzîp")]
    [InlineData("b2ContentType", "text/plain; name=\"é\"")]
    public async Task Download_OverrideNotValidAsHeader_Returns400BadRequest(string parameter, string value)
    {
        var session = await fixture.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        await session.UploadAsync(bucketId, "f.txt", TestWire.Bytes("x"));

        using var response = await session.DownloadAsync($"file/{bucketName}/f.txt?{parameter}={Uri.EscapeDataString(value)}");

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task Download_Rfc5987DispositionOverride_Returns200WithThatHeader()
    {
        var session = await fixture.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        await session.UploadAsync(bucketId, "f.txt", TestWire.Bytes("x"));

        using var response = await session.DownloadAsync($"file/{bucketName}/f.txt?b2ContentDisposition={Uri.EscapeDataString(Rfc5987Disposition)}");

        AssertDisposition(response, Rfc5987Disposition);
    }

    [Fact]
    public async Task GetDownloadAuthorization_DispositionNotValidAsHeader_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        using var response = await session.PostAsync("b2_get_download_authorization", new
        {
            bucketId,
            fileNamePrefix = "",
            validDurationInSeconds = 60,
            b2ContentDisposition = "attachment; filename=\"résumé.pdf\"",
        });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task UpdateBucket_CacheControlInfoNotValidAsHeader_Returns400()
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.NewBucketAsync();

        using var response = await session.PostAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            bucketInfo = new Dictionary<string, string> { ["Cache-Control"] = "max-âge=60" },
        });

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    private static void AssertDisposition(HttpResponseMessage response, string expected)
    {
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(response.Content.Headers.NonValidated.TryGetValues("Content-Disposition", out var values), "Content-Disposition is missing");
        Assert.Equal(expected, values.ToString());
    }

    /// <summary>B2's percent-encoding of an X-Bz-Info-* value, as b2sdk sends it (every byte outside A–Z a–z 0–9 -._~ encoded).</summary>
    private static string Encode(string value) => Uri.EscapeDataString(value);
}
