using System.Text;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Wire;

/// <summary>
/// Requests Kestrel refuses before any middleware runs (request target or headers over its limits, <c>%00</c> in a path,
/// header bytes that are not UTF-8, a broken request line) still get B2's JSON error body, on every B2 path.
/// </summary>
public sealed class KestrelRejectionTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private Uri Server => new(fixture.Server.BaseUrl);

    private Task<string> SendAsync(string head, params byte[][] extra) =>
        RawWire.SendAsync(Server, [.. Encoding.ASCII.GetBytes(head), .. extra.SelectMany(b => b)]);

    [Theory]
    [InlineData("/b2api/v2/b2_list_buckets?accountId=")]
    [InlineData("/b2api/v4/b2_upload_file/bucket/token?x=")]
    [InlineData("/file/bucket/name?x=")]
    public async Task RequestTargetOver8KiB_Returns414WithB2Body(string target)
    {
        var response = await SendAsync($"GET {target}{new string('a', 9000)} HTTP/1.1\r\nHost: {Server.Authority}\r\n\r\n");

        RawWire.AssertB2ErrorBody(response, 414, "bad_request");
    }

    [Fact]
    public async Task OneHugeHeader_Returns431WithB2Body()
    {
        var response = await SendAsync($"POST /b2api/v2/b2_list_buckets HTTP/1.1\r\nHost: {Server.Authority}\r\nX-Pad: {new string('p', 40 * 1024)}\r\nContent-Length: 0\r\n\r\n");

        RawWire.AssertB2ErrorBody(response, 431, "bad_request");
    }

    [Fact]
    public async Task TooManyHeaders_Returns431WithB2Body()
    {
        var headers = string.Concat(Enumerable.Range(0, 150).Select(i => $"X-Bz-Info-k{i}: v\r\n"));

        var response = await SendAsync($"POST /b2api/v2/b2_upload_file/b/t HTTP/1.1\r\nHost: {Server.Authority}\r\n{headers}Content-Length: 0\r\n\r\n");

        RawWire.AssertB2ErrorBody(response, 431, "bad_request");
    }

    [Theory]
    [InlineData("/file/bucket/a%00b")]
    [InlineData("/b2api/v2/b2_download_file_by_id%00")]
    public async Task NulInPathSegment_Returns400WithB2Body(string path)
    {
        var response = await SendAsync($"GET {path} HTTP/1.1\r\nHost: {Server.Authority}\r\n\r\n");

        RawWire.AssertB2ErrorBody(response, 400, "bad_request");
    }

    [Fact]
    public async Task HeaderBytesNotUtf8_Returns400WithB2Body()
    {
        var response = await SendAsync($"POST /b2api/v2/b2_upload_file/b/t HTTP/1.1\r\nHost: {Server.Authority}\r\nX-Bz-File-Name: a",
            [0xFF, 0xFE], Encoding.ASCII.GetBytes("b\r\nContent-Length: 0\r\n\r\n"));

        RawWire.AssertB2ErrorBody(response, 400, "bad_request");
    }

    [Theory]
    [InlineData("GET /b2api/v2/b2_list_buckets HTTP/1.1 extra\r\n\r\n")]
    [InlineData("GET  HTTP/1.1\r\n\r\n")]
    [InlineData("GET /b2api/v2/b2_list_buckets HTTP/1.1\r\nNo-Colon\r\n\r\n")]
    public async Task MalformedRequest_Returns400WithB2Body(string request)
    {
        var response = await SendAsync(request);

        RawWire.AssertB2ErrorBody(response, 400, "bad_request");
    }

    [Fact]
    public async Task RefusalAfterServedRequests_LeavesEarlierRepliesIntact()
    {
        var session = await fixture.SessionAsync();
        var (bucketId, bucketName) = await session.NewNamedBucketAsync();
        // A file whose bytes look exactly like one of Kestrel's bodiless refusals must still download as it is.
        var lookalike = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        await session.UploadAsync(bucketId, "lookalike.txt", Encoding.ASCII.GetBytes(lookalike));
        var get = $"GET /file/{bucketName}/lookalike.txt HTTP/1.1\r\nHost: {Server.Authority}\r\nAuthorization: {session.Token}\r\n\r\n";

        var response = await SendAsync(get + get + $"GET /file/{bucketName}/a%00 HTTP/1.1\r\nHost: {Server.Authority}\r\n\r\n");

        // Two downloads (status line and the lookalike body each), then the refusal.
        Assert.Equal(5, CountOf(response, "HTTP/1.1 "));
        Assert.Equal(2, CountOf(response, "HTTP/1.1 200 OK\r\n"));
        Assert.Equal(2, CountOf(response, "\r\n\r\n" + lookalike));
        RawWire.AssertB2ErrorBody(response[response.LastIndexOf("HTTP/1.1 400", StringComparison.Ordinal)..], 400, "bad_request");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
