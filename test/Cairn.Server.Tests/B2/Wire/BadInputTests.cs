using System.Net.Http.Headers;
using System.Text;
using Cairn.Server.Tests.Support;

namespace Cairn.Server.Tests.B2.Wire;

/// <summary>
/// Whatever a client sends, a JSON call answers promptly with a B2 error, never a 500: malformed or oversized bodies,
/// wrong types, out-of-range numbers, invalid UTF-8, missing or garbage tokens.
/// </summary>
public sealed class BadInputTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private async Task<HttpResponseMessage> PostBytesAsync(string operation, byte[] body, bool withToken = true)
    {
        var session = await fixture.SessionAsync();
        using var request = WireAssert.RawRequest($"b2api/v2/{operation}", withToken ? session.Token : null, body);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await fixture.Http.SendAsync(request, timeout.Token);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string operation, string json) => PostBytesAsync(operation, Encoding.UTF8.GetBytes(json));

    private async Task<string> AccountIdAsync() => (await fixture.SessionAsync()).AccountId;

    [Theory]
    [InlineData("{")]
    [InlineData("{\"accountId\":")]
    [InlineData("{\"accountId\" \"x\"}")]
    [InlineData("{'accountId':'x'}")]
    [InlineData("{\"accountId\":\"x\",}")]
    [InlineData("not json at all")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("\u0000")]
    public async Task MalformedJson_Returns400BadJson(string body)
    {
        using var response = await PostJsonAsync("b2_list_buckets", body);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"accountId\":\"x\"}]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task NonObjectBody_Returns400BadJson(string body)
    {
        using var response = await PostJsonAsync("b2_list_buckets", body);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Fact]
    public async Task DeeplyNestedJson_Returns400BadJson()
    {
        var body = "{\"accountId\":" + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await PostJsonAsync("b2_list_buckets", body);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [InlineData("\"bucketName\":5")]
    [InlineData("\"bucketName\":true")]
    [InlineData("\"bucketName\":[\"a\"]")]
    [InlineData("\"bucketName\":{\"a\":1}")]
    [InlineData("\"bucketInfo\":\"x\"")]
    [InlineData("\"bucketInfo\":{\"k\":5}")]
    [InlineData("\"bucketInfo\":[]")]
    [InlineData("\"lifecycleRules\":{}")]
    [InlineData("\"lifecycleRules\":[5]")]
    [InlineData("\"corsRules\":\"x\"")]
    [InlineData("\"corsRules\":[1]")]
    [InlineData("\"fileLockEnabled\":\"yes\"")]
    public async Task WrongType_Returns400(string field)
    {
        var accountId = await AccountIdAsync();
        var json = $$"""{"accountId":"{{accountId}}","bucketName":"{{ServerFixture.NewBucketName()}}","bucketType":"allPrivate",{{field}}}""";

        using var response = await PostJsonAsync("b2_create_bucket", json);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [InlineData("\"accountId\":5")]
    [InlineData("\"bucketId\":5")]
    [InlineData("\"bucketTypes\":\"all\"")]
    [InlineData("\"bucketTypes\":[1]")]
    public async Task WrongTypeInListBuckets_Returns400BadJson(string field)
    {
        var accountId = await AccountIdAsync();
        var json = field.StartsWith("\"accountId\"", StringComparison.Ordinal) ? $"{{{field}}}" : $$"""{"accountId":"{{accountId}}",{{field}}}""";

        using var response = await PostJsonAsync("b2_list_buckets", json);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public async Task HugeOrNonIntegerRevision_Returns400(string number)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        using var response = await PostJsonAsync("b2_update_bucket", $$"""{"accountId":"{{session.AccountId}}","bucketId":"{{bucketId}}","ifRevisionIs":{{number}}}""");

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("99999999999999999999")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("2.5")]
    public async Task HugeOrInvalidLifecycleDays_Returns400BadRequest(string number)
    {
        var accountId = await AccountIdAsync();
        var json = $$"""
            {"accountId":"{{accountId}}","bucketName":"{{ServerFixture.NewBucketName()}}","bucketType":"allPrivate",
             "lifecycleRules":[{"fileNamePrefix":"","daysFromHidingToDeleting":{{number}}}]}
            """;

        using var response = await PostJsonAsync("b2_create_bucket", json);

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task HugeStringValue_Returns400()
    {
        var accountId = await AccountIdAsync();

        using var response = await PostJsonAsync("b2_create_bucket",
            $$"""{"accountId":"{{accountId}}","bucketName":"{{new string('a', 500_000)}}","bucketType":"allPrivate"}""");

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public async Task InvalidUtf8InAString_Returns400(byte[] bad)
    {
        var accountId = await AccountIdAsync();
        var body = Encoding.UTF8.GetBytes($$"""{"accountId":"{{accountId}}","bucketType":"allPrivate","bucketName":"abc""")
            .Concat(bad)
            .Concat(Encoding.UTF8.GetBytes("def\"}"))
            .ToArray();

        using var response = await PostBytesAsync("b2_create_bucket", body);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Theory]
    [InlineData("\\uD800abcdef")]
    [InlineData("abcdef\\uDC00")]
    [InlineData("\\uDC00\\uD800abc")]
    public async Task LoneSurrogateEscapeInAString_Returns400(string escaped)
    {
        var accountId = await AccountIdAsync();

        using var response = await PostJsonAsync("b2_create_bucket", $$"""{"accountId":"{{accountId}}","bucketType":"allPrivate","bucketName":"{{escaped}}"}""");

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Fact]
    public async Task InvalidUtf8InAPropertyName_Returns400()
    {
        var body = Encoding.UTF8.GetBytes("{\"acc").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\":\"x\"}")).ToArray();

        using var response = await PostBytesAsync("b2_list_buckets", body);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Fact]
    public async Task InvalidUtf8InABucketInfoValue_Returns400()
    {
        var accountId = await AccountIdAsync();
        var body = Encoding.UTF8.GetBytes($$"""{"accountId":"{{accountId}}","bucketName":"{{ServerFixture.NewBucketName()}}","bucketType":"allPrivate","bucketInfo":{"k":" """)
            .Concat(new byte[] { 0xFF })
            .Concat(Encoding.UTF8.GetBytes("\"}}"))
            .ToArray();

        using var response = await PostBytesAsync("b2_create_bucket", body);

        await WireAssert.ErrorAsync(response, 400, "bad_json");
    }

    [Fact]
    public async Task InvalidUtf8InTheQueryString_Returns400OrEmpty()
    {
        var session = await fixture.SessionAsync();

        using var request = WireAssert.Request(HttpMethod.Get, $"b2api/v2/b2_list_buckets?accountId={session.AccountId}&bucketName=%FF%FE", session.Token);
        using var response = await fixture.Http.SendAsync(request);

        Assert.NotEqual(500, (int)response.StatusCode);
        Assert.True(response.Headers.Date.HasValue);
    }

    [Theory]
    [InlineData("b2_create_bucket", "{\"bucketName\":\"abcdef\",\"bucketType\":\"allPrivate\"}")]
    [InlineData("b2_update_bucket", "{\"accountId\":\"ACCOUNT\"}")]
    [InlineData("b2_delete_bucket", "{\"accountId\":\"ACCOUNT\"}")]
    [InlineData("b2_list_buckets", "{}")]
    [InlineData("b2_list_buckets", "")]
    [InlineData("b2_list_buckets", "  \r\n ")]
    public async Task MissingRequiredField_Returns400BadRequest(string operation, string json)
    {
        var accountId = await AccountIdAsync();

        using var response = await PostJsonAsync(operation, json.Replace("ACCOUNT", accountId, StringComparison.Ordinal));

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task BodyOverOneMebibyte_WithContentLength_Returns400()
    {
        var accountId = await AccountIdAsync();
        var json = $$"""{"accountId":"{{accountId}}","pad":"{{new string('x', 1024 * 1024 + 10)}}"}""";

        using var response = await PostJsonAsync("b2_list_buckets", json);

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task BodyOverOneMebibyte_Chunked_Returns400()
    {
        var session = await fixture.SessionAsync();
        var json = Encoding.UTF8.GetBytes($$"""{"accountId":"{{session.AccountId}}","pad":"{{new string('x', 2 * 1024 * 1024)}}"}""");
        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", session.Token);
        request.Content = new StreamContent(new MemoryStream(json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await fixture.Http.SendAsync(request, timeout.Token);

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }

    [Fact]
    public async Task BodyOfExactlyOneMebibyte_IsAccepted()
    {
        var accountId = await AccountIdAsync();
        var head = $$"""{"accountId":"{{accountId}}","pad":" """;
        var json = head + new string('x', 1024 * 1024 - head.Length - 2) + "\"}";
        Assert.Equal(1024 * 1024, Encoding.UTF8.GetByteCount(json));

        using var response = await PostJsonAsync("b2_list_buckets", json);

        await WireAssert.JsonAsync(response);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task AnyContentType_IsReadAsJson(string? contentType)
    {
        var session = await fixture.SessionAsync();
        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", session.Token);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"accountId":"{{session.AccountId}}"}"""));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.JsonAsync(response);
    }

    [Fact]
    public async Task MissingAuthorization_Returns401()
    {
        var accountId = await AccountIdAsync();

        using var response = await PostBytesAsync("b2_list_buckets", Encoding.UTF8.GetBytes($$"""{"accountId":"{{accountId}}"}"""), withToken: false);

        await WireAssert.ErrorAsync(response, 401, "missing_auth_token");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("4_0000000000000000000000000000")]
    [InlineData("Bearer xyz")]
    [InlineData("Basic MDEyMzQ1Njc4OWFiOks=")]
    [InlineData("%%%%")]
    public async Task GarbageToken_Returns401BadAuthToken(string token)
    {
        var accountId = await AccountIdAsync();

        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", token, $$"""{"accountId":"{{accountId}}"}""");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 401, "bad_auth_token");
    }

    [Fact]
    public async Task TamperedToken_Returns401BadAuthToken()
    {
        var session = await fixture.SessionAsync();
        var token = session.Token;
        var tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        using var request = WireAssert.Request(HttpMethod.Post, "b2api/v2/b2_list_buckets", tampered, $$"""{"accountId":"{{session.AccountId}}"}""");
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 401, "bad_auth_token");
    }

    [Theory]
    [InlineData("ifRevisionIs=abc", "bad_request")]
    [InlineData("ifRevisionIs=99999999999999999999999", "bad_request")]
    [InlineData("ifRevisionIs=", "bad_request")]
    [InlineData("bucketInfo=%7Bbroken", "bad_request")]
    [InlineData("bucketInfo=%5B%5D", "bad_json")]
    [InlineData("bucketInfo=%7B%22k%22%3A%22%5CuD800%22%7D", "bad_json")]
    [InlineData("lifecycleRules=%7B%7D", "bad_json")]
    public async Task BadQueryParameter_Returns400(string query, string code)
    {
        var session = await fixture.SessionAsync();
        var bucketId = await session.CreateBucketAsync(ServerFixture.NewBucketName());

        using var request = WireAssert.Request(HttpMethod.Get, $"b2api/v2/b2_update_bucket?accountId={session.AccountId}&bucketId={bucketId}&{query}", session.Token);
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 400, code);
    }

    [Fact]
    public async Task BadQueryArray_Returns400()
    {
        var session = await fixture.SessionAsync();

        using var request = WireAssert.Request(HttpMethod.Get, $"b2api/v2/b2_list_buckets?accountId={session.AccountId}&bucketTypes=%5B1%2C", session.Token);
        using var response = await fixture.Http.SendAsync(request);

        await WireAssert.ErrorAsync(response, 400, "bad_request");
    }
}
