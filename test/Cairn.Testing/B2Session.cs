using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cairn.Testing;

/// <summary>
/// A client-side B2 session over plain HttpClient, as a test would drive the wire: authorize, JSON calls, uploads.
/// It does nothing clever, so tests see exactly what the server sends.
/// </summary>
public sealed class B2Session : IDisposable
{
    private readonly HttpClient _http;

    private B2Session(HttpClient http, int version, JsonElement authorization)
    {
        _http = http;
        Version = version;
        Authorization = authorization;
        var storage = version >= 3 ? authorization.GetProperty("apiInfo").GetProperty("storageApi") : authorization;
        Token = authorization.GetProperty("authorizationToken").GetString()!;
        AccountId = authorization.GetProperty("accountId").GetString()!;
        ApiUrl = storage.GetProperty("apiUrl").GetString()!;
        DownloadUrl = storage.GetProperty("downloadUrl").GetString()!;
    }

    public int Version { get; }

    public JsonElement Authorization { get; }

    public string Token { get; }

    public string AccountId { get; }

    public string ApiUrl { get; }

    public string DownloadUrl { get; }

    public HttpClient Http => _http;

    public static Task<B2Session> AuthorizeAsync(CairnServer server, int version = 2, string? keyId = null, string? key = null) =>
        AuthorizeAsync(server.CreateClient(), version, keyId, key);

    public static Task<B2Session> AuthorizeAsync(CairnProcess server, int version = 2, string? keyId = null, string? key = null) =>
        AuthorizeAsync(server.CreateClient(), version, keyId, key);

    /// <summary>Authorizes over <paramref name="http"/> (aimed at the server's base URL); the session owns and disposes it.</summary>
    public static async Task<B2Session> AuthorizeAsync(HttpClient http, int version = 2, string? keyId = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"b2api/v{version}/b2_authorize_account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keyId ?? CairnServer.MasterKeyId}:{key ?? CairnServer.MasterKey}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            http.Dispose();
            throw new InvalidOperationException($"authorize failed: {(int)response.StatusCode} {body}");
        }
        return new B2Session(http, version, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>POSTs a JSON call with the account token and returns the raw response.</summary>
    public async Task<HttpResponseMessage> PostAsync(string operation, object body, int? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ApiUrl}/b2api/v{version ?? Version}/{operation}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Token);
        return await _http.SendAsync(request);
    }

    /// <summary>POSTs a JSON call and returns its JSON body; throws with the body when the status is not 200.</summary>
    public async Task<JsonElement> CallAsync(string operation, object body, int? version = null)
    {
        using var response = await PostAsync(operation, body, version);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new B2CallException((int)response.StatusCode, text);
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> CreateBucketAsync(string name, string type = "allPrivate")
    {
        var bucket = await CallAsync("b2_create_bucket", new { accountId = AccountId, bucketName = name, bucketType = type });
        return bucket.GetProperty("bucketId").GetString()!;
    }

    public async Task<(string Url, string Token)> GetUploadUrlAsync(string bucketId)
    {
        var result = await CallAsync("b2_get_upload_url", new { bucketId });
        return (result.GetProperty("uploadUrl").GetString()!, result.GetProperty("authorizationToken").GetString()!);
    }

    /// <summary>Uploads bytes with their real SHA-1 and returns the raw response.</summary>
    public async Task<HttpResponseMessage> SendUploadAsync(string bucketId, string encodedFileName, byte[] content,
        string contentType = "b2/x-auto", string? sha1 = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (url, token) = await GetUploadUrlAsync(bucketId);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("X-Bz-File-Name", encodedFileName);
        request.Headers.TryAddWithoutValidation("X-Bz-Content-Sha1", sha1 ?? Sha1Hex(content));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await _http.SendAsync(request);
    }

    /// <summary>Uploads bytes and returns the file version JSON; throws unless 200.</summary>
    public async Task<JsonElement> UploadAsync(string bucketId, string fileName, byte[] content, string contentType = "b2/x-auto",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var response = await SendUploadAsync(bucketId, Uri.EscapeDataString(fileName).Replace("%2F", "/", StringComparison.Ordinal), content, contentType, headers: headers);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new B2CallException((int)response.StatusCode, text);
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GET (or HEAD) on the download URL with the account token unless <paramref name="withToken"/> is false.</summary>
    public async Task<HttpResponseMessage> DownloadAsync(string pathAndQuery, HttpMethod? method = null, bool withToken = true, string? range = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"{DownloadUrl}/{pathAndQuery.TrimStart('/')}");
        if (withToken)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Token);
        }
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }
        return await _http.SendAsync(request);
    }

    public static string Sha1Hex(byte[] content) => Convert.ToHexStringLower(SHA1.HashData(content));

    public void Dispose() => _http.Dispose();
}

/// <summary>A B2 call answered with something other than 200.</summary>
public sealed class B2CallException(int status, string body) : Exception($"{status}: {body}")
{
    public int Status { get; } = status;

    public string Body { get; } = body;

    public string Code => JsonDocument.Parse(Body).RootElement.GetProperty("code").GetString()!;
}
