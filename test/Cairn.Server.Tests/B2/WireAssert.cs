using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cairn.Server.Tests.B2;

/// <summary>Assertions on what B2 clients read off the wire: status, headers, and the exact shape of JSON bodies.</summary>
public static class WireAssert
{
    /// <summary>Reads the body as JSON after checking the status and the headers every B2 JSON reply carries.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        B2Headers(response);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts a B2 error: the status, a body of exactly <c>{code,message,status}</c> with <c>status</c> equal to the
    /// HTTP status, and the usual headers. Returns the message.
    /// </summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, int status, string code, string? message = null)
    {
        var body = await JsonAsync(response, status);
        Assert.Equal(["code", "message", "status"], Keys(body));
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        var actual = body.GetProperty("message").GetString();
        Assert.NotNull(actual);
        if (message is not null)
        {
            Assert.Equal(message, actual);
        }
        return actual;
    }

    /// <summary><c>Date</c> in RFC 1123 GMT form, a JSON content type and B2's no-cache <c>Cache-Control</c>.</summary>
    public static void B2Headers(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Date", out var dates), "the Date header is missing");
        var date = Assert.Single(dates);
        Assert.True(DateTime.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed), $"Date is not RFC 1123: {date}");
        Assert.EndsWith(" GMT", date, StringComparison.Ordinal);
        Assert.InRange(parsed, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.NonValidated.TryGetValues("Cache-Control", out var cacheControl), "the Cache-Control header is missing");
        Assert.Equal("max-age=0, no-cache, no-store", cacheControl.ToString());
    }

    /// <summary>The keys of a JSON object, sorted ordinally.</summary>
    public static string[] Keys(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>A request with the account token (raw, no scheme) and, unless null, a JSON body.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>A request whose body is the given bytes, sent as JSON.</summary>
    public static HttpRequestMessage RawRequest(string url, string? token, byte[] body)
    {
        var request = Request(HttpMethod.Post, url, token);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }
}
