using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Testing;

namespace Cairn.Server.Tests.Support;

/// <summary>Small wire helpers shared by the integration tests: raw uploads, JSON reads, error checks, listing walks.</summary>
public static class TestWire
{
    public static readonly int[] ApiVersions = [1, 2, 3, 4];

    public static TheoryData<int> Versions => new(ApiVersions);

    /// <summary>A bucket name no other test uses.</summary>
    public static string UniqueBucketName() => "it-" + Guid.NewGuid().ToString("N");

    public static async Task<string> NewBucketAsync(this B2Session session, string type = "allPrivate") =>
        await session.CreateBucketAsync(UniqueBucketName(), type);

    /// <summary>Creates a bucket and returns its id and name.</summary>
    public static async Task<(string Id, string Name)> NewNamedBucketAsync(this B2Session session, string type = "allPrivate")
    {
        var name = UniqueBucketName();
        return (await session.CreateBucketAsync(name, type), name);
    }

    public static string Sha1Hex(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    public static string Md5Hex(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Reads the body as JSON, asserting the status first (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a B2 error body (<c>status</c> equals the HTTP status) and returns it.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status, string code)
    {
        var error = await JsonAsync(response, (HttpStatusCode)status);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }

    /// <summary>POSTs <paramref name="content"/> to an upload URL with the given headers; nothing is added implicitly.</summary>
    public static async Task<HttpResponseMessage> PostUploadAsync(HttpClient http, string url, string? token, string? encodedName,
        HttpContent content, string? contentType = "b2/x-auto", string? sha1 = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        if (encodedName is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Bz-File-Name", encodedName);
        }
        if (sha1 is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", sha1);
        }
        content.Headers.ContentType = null;
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers ?? [])
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), name);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Uploads with a fresh upload URL and an explicit, already percent-encoded name; returns the raw response.</summary>
    public static async Task<HttpResponseMessage> UploadEncodedAsync(this B2Session session, string bucketId, string encodedName, byte[] content,
        string contentType = "b2/x-auto", string? sha1 = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var (url, token) = await session.GetUploadUrlAsync(bucketId);
        return await PostUploadAsync(session.Http, url, token, encodedName, new ByteArrayContent(content), contentType, sha1 ?? Sha1Hex(content), headers);
    }

    /// <summary>A JSON call as GET with query parameters.</summary>
    public static async Task<HttpResponseMessage> GetCallAsync(this B2Session session, string operation, IEnumerable<KeyValuePair<string, string>> query, int? version = null)
    {
        var text = string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{session.ApiUrl}/b2api/v{version ?? session.Version}/{operation}?{text}");
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        return await session.Http.SendAsync(request);
    }

    /// <summary>Posts a raw JSON text (to send explicit nulls exactly as b2sdk does).</summary>
    public static async Task<HttpResponseMessage> PostRawJsonAsync(this B2Session session, string operation, string json, int? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{session.ApiUrl}/b2api/v{version ?? session.Version}/{operation}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", session.Token);
        return await session.Http.SendAsync(request);
    }

    /// <summary>The <c>fileName</c> of every entry, in order.</summary>
    public static List<string> Names(JsonElement listing) =>
        listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()!).ToList();

    /// <summary>"action name" for every entry, in order.</summary>
    public static List<string> ActionsAndNames(JsonElement listing) =>
        listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("action").GetString() + " " + f.GetProperty("fileName").GetString()).ToList();

    /// <summary>Every key of a JSON object, sorted.</summary>
    public static List<string> Keys(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
