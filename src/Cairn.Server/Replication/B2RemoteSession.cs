using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cairn.Server.Replication;

/// <summary>
/// One authorized session with a B2-compatible service (Backblaze B2 or another Cairn), over the B2 Native API v2: the
/// few calls replication needs. A rule-free transport: every error becomes an exception whose message carries the
/// service's status and code, for the replication status log.
/// </summary>
internal sealed class B2RemoteSession
{
    private readonly HttpClient _http;

    private B2RemoteSession(HttpClient http, string accountId, string apiUrl, string token, long recommendedPartSize, long absoluteMinimumPartSize)
    {
        _http = http;
        AccountId = accountId;
        ApiUrl = apiUrl.TrimEnd('/');
        Token = token;
        RecommendedPartSize = recommendedPartSize;
        AbsoluteMinimumPartSize = absoluteMinimumPartSize;
    }

    public string AccountId { get; }

    public string ApiUrl { get; }

    public string Token { get; }

    public long RecommendedPartSize { get; }

    public long AbsoluteMinimumPartSize { get; }

    public static async Task<B2RemoteSession> AuthorizeAsync(HttpClient http, string endpoint, string keyId, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.TrimEnd('/') + "/b2api/v2/b2_authorize_account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(keyId + ":" + key)));
        var json = await SendAsync(http, request, cancellationToken);
        return new B2RemoteSession(http, (string)json["accountId"]!, (string)json["apiUrl"]!, (string)json["authorizationToken"]!,
            (long)json["recommendedPartSize"]!, (long?)json["absoluteMinimumPartSize"] ?? (long)json["recommendedPartSize"]!);
    }

    /// <summary>A JSON call on the API URL.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiUrl + "/b2api/v2/" + operation)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Token);
        return await SendAsync(_http, request, cancellationToken);
    }

    /// <summary>POSTs content to an upload URL (b2_upload_file or b2_upload_part) with the given headers.</summary>
    public async Task<JsonObject> PostContentAsync(string url, string token, HttpContent content, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await SendAsync(_http, request, cancellationToken);
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new B2RemoteException((int)response.StatusCode, Describe(text), $"{request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {Describe(text)}");
        }
        return JsonNode.Parse(text) as JsonObject ?? throw new B2RemoteException(0, "", $"{request.RequestUri?.AbsolutePath} answered no JSON object");
    }

    private static string Describe(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject error ? $"{error["code"]}: {error["message"]}" : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
