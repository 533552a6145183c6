using System.Net;
using System.Text;
using Cairn.Server.Tests.Support;
using Cairn.Testing;

namespace Cairn.Server.Tests.B2.Cors;

/// <summary>Bucket CORS rules on the wire: validation, preflights and response headers.</summary>
public class CorsTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private const string Origin = "https://app.example.com";

    [Fact]
    public async Task Preflight_AllowedOriginMethodAndHeader_Returns200WithCorsHeaders()
    {
        var (session, bucketName, _) = await BucketWithRuleAsync();
        using var request = Preflight($"/file/{bucketName}/a.txt", "GET", "range");
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("range", Single(response, "Access-Control-Allow-Headers"));
        Assert.Equal("120", Single(response, "Access-Control-Max-Age"));
        Assert.Contains("GET", Single(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        session.Dispose();
    }

    [Theory]
    [InlineData("https://evil.example.com", "GET", "range")]
    [InlineData(Origin, "GET", "authorization")]
    [InlineData(Origin, "DELETE", "")]
    public async Task Preflight_NotAllowed_Returns403WithoutCorsHeaders(string origin, string method, string headers)
    {
        var (session, bucketName, _) = await BucketWithRuleAsync();
        using var request = Preflight($"/file/{bucketName}/a.txt", method, headers, origin);
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        session.Dispose();
    }

    [Fact]
    public async Task Preflight_ForUnknownBucket_Returns403()
    {
        using var request = Preflight("/file/no-such-bucket-here/a.txt", "GET", "");
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Download_FromAllowedOrigin_CarriesAllowOriginAndExposeHeaders()
    {
        var (session, bucketName, _) = await BucketWithRuleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/file/{bucketName}/a.txt");
        request.Headers.Add("Origin", Origin);
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("x-bz-content-sha1", Single(response, "Access-Control-Expose-Headers"));

        using var other = new HttpRequestMessage(HttpMethod.Get, $"/file/{bucketName}/a.txt");
        other.Headers.Add("Origin", "https://evil.example.com");
        using var refused = await fixture.Http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        session.Dispose();
    }

    [Fact]
    public async Task Preflight_UploadUrl_FollowsUploadFileRule()
    {
        var (session, _, bucketId) = await BucketWithRuleAsync();
        var (url, _) = await session.GetUploadUrlAsync(bucketId);
        using var request = Preflight(url, "POST", "authorization,x-bz-file-name");
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", Single(response, "Access-Control-Allow-Methods"));
        session.Dispose();
    }

    [Theory]
    [InlineData("""[{"corsRuleName":"short","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"],"maxAgeSeconds":1}]""")]
    [InlineData("""[{"corsRuleName":"badOperation","allowedOrigins":["*"],"allowedOperations":["nope"],"maxAgeSeconds":1}]""")]
    [InlineData("""[{"corsRuleName":"noMaxAgeHere","allowedOrigins":["*"],"allowedOperations":["b2_upload_file"]}]""")]
    public async Task UpdateBucket_InvalidCorsRules_Returns400(string rules)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName("cors"));
        using var content = new StringContent($$"""{"accountId":"{{session.AccountId}}","bucketId":"{{bucketId}}","corsRules":{{rules}}}""", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/b2api/v2/b2_update_bucket") { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        using var response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<(B2Session Session, string BucketName, string BucketId)> BucketWithRuleAsync()
    {
        var session = await B2Session.AuthorizeAsync(fixture.Server);
        var name = ServerFixture.NewBucketName("cors");
        var bucketId = await session.CreateBucketAsync(name, "allPublic");
        await session.UploadAsync(bucketId, "a.txt", Encoding.UTF8.GetBytes("hello"));
        // Downloads may send only Range; uploads may send their own headers.
        await session.CallAsync("b2_update_bucket", new
        {
            accountId = session.AccountId,
            bucketId,
            corsRules = new object[]
            {
                new
                {
                    corsRuleName = "appDownloads",
                    allowedOrigins = new[] { Origin },
                    allowedOperations = new[] { "b2_download_file_by_name", "b2_download_file_by_id" },
                    allowedHeaders = new[] { "range" },
                    exposeHeaders = new[] { "x-bz-content-sha1" },
                    maxAgeSeconds = 120,
                },
                new
                {
                    corsRuleName = "appUploads",
                    allowedOrigins = new[] { Origin },
                    allowedOperations = new[] { "b2_upload_file" },
                    allowedHeaders = new[] { "authorization", "x-bz-*" },
                    exposeHeaders = Array.Empty<string>(),
                    maxAgeSeconds = 120,
                },
            },
        });
        return (session, name, bucketId);
    }

    private static HttpRequestMessage Preflight(string url, string method, string headers, string origin = Origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers.Length > 0)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }
        return request;
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"missing header {name}");
}
