using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Testing;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol.Client;

namespace Cairn.Server.Tests.OAuth;

/// <summary>
/// What an MCP client does to sign in, step by step over real HTTP: register, open the authorization URL, (the person
/// posts the consent form), trade the code with its PKCE verifier, refresh, revoke. Redirects are not followed, so each
/// step's answer can be read.
/// </summary>
public sealed class OAuthAgent : IDisposable
{
    public const string RedirectUri = "http://127.0.0.1:33418/callback";

    private readonly HttpClient _http;

    public OAuthAgent(CairnServer server)
    {
        BaseUrl = server.BaseUrl;
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public string Resource => BaseUrl + "/mcp";

    public HttpClient Http => _http;

    /// <summary>Every code, token and verifier this agent saw, for the log audit.</summary>
    public List<string> Secrets { get; } = [];

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public async Task<string> RegisterAsync(string clientName = "Test Agent", params string[] redirectUris)
    {
        using var response = await _http.PostAsync("oauth/register", Json(new { client_name = clientName, redirect_uris = redirectUris.Length == 0 ? [RedirectUri] : redirectUris }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("client_id").GetString()!;
    }

    public static Dictionary<string, string?> AuthorizeParameters(string clientId, string challenge, string? resource, string state = "st-123") => new()
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = RedirectUri,
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
        ["resource"] = resource,
        ["scope"] = "listBuckets listFiles readFiles",
        ["state"] = state,
    };

    public Task<HttpResponseMessage> GetAuthorizeAsync(Dictionary<string, string?> parameters) =>
        _http.GetAsync(QueryHelpers.AddQueryString("oauth/authorize", parameters.Where(p => p.Value is not null)));

    /// <summary>The person's decision, posted as the consent page's form posts it.</summary>
    public async Task<HttpResponseMessage> PostConsentAsync(Dictionary<string, string?> parameters, string keyId, string key, IEnumerable<string> capabilities,
        IEnumerable<string>? bucketIds = null, string? namePrefix = null, string decision = "approve", long validForSeconds = 604800)
    {
        var form = parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)).ToList();
        form.Add(new("key_id", keyId));
        form.Add(new("application_key", key));
        form.AddRange(capabilities.Select(c => new KeyValuePair<string, string>("capability", c)));
        form.AddRange((bucketIds ?? []).Select(b => new KeyValuePair<string, string>("bucket_id", b)));
        form.Add(new("name_prefix", namePrefix ?? ""));
        form.Add(new("valid_for_seconds", validForSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        form.Add(new("decision", decision));
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync("oauth/authorize", content);
    }

    /// <summary>The query parameters of a redirect's Location.</summary>
    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(RedirectUri + "?", location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>Registers, consents as the given key and returns the code with its verifier.</summary>
    public async Task<(string ClientId, string Code, string Verifier)> ApproveAsync(string keyId, string key, IEnumerable<string> capabilities,
        IEnumerable<string>? bucketIds = null, string? namePrefix = null)
    {
        var clientId = await RegisterAsync();
        var (verifier, challenge) = NewPkce();
        var parameters = AuthorizeParameters(clientId, challenge, Resource);
        using var response = await PostConsentAsync(parameters, keyId, key, capabilities, bucketIds, namePrefix);
        var query = RedirectQuery(response);
        Assert.Equal("st-123", query["state"]);
        Secrets.Add(query["code"]);
        Secrets.Add(verifier);
        return (clientId, query["code"], verifier);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync("oauth/token", content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if (body.TryGetProperty("access_token", out var access))
        {
            Secrets.Add(access.GetString()!);
            Secrets.Add(body.GetProperty("refresh_token").GetString()!);
        }
        return (response.StatusCode, body);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> ExchangeAsync(string clientId, string code, string verifier, string redirectUri = RedirectUri, string? resource = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        };
        if (resource is not null)
        {
            form["resource"] = resource;
        }
        return TokenAsync(form);
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string clientId, string refreshToken) => TokenAsync(new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = clientId,
        ["refresh_token"] = refreshToken,
        ["resource"] = Resource,
    });

    /// <summary>Code to tokens in one go, asserting success: (access token, refresh token).</summary>
    public async Task<(string Access, string Refresh)> SignInAsync(string keyId, string key, IEnumerable<string> capabilities,
        IEnumerable<string>? bucketIds = null, string? namePrefix = null)
    {
        var (clientId, code, verifier) = await ApproveAsync(keyId, key, capabilities, bucketIds, namePrefix);
        var (status, body) = await ExchangeAsync(clientId, code, verifier, resource: Resource);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        LastClientId = clientId;
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }

    public string? LastClientId { get; private set; }

    public async Task<HttpStatusCode> RevokeAsync(string token, string clientId)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = clientId });
        using var response = await _http.PostAsync("oauth/revoke", content);
        return response.StatusCode;
    }

    /// <summary>A raw tools/list on /mcp with the bearer, as any client's first call would be.</summary>
    public async Task<HttpResponseMessage> RawMcpAsync(string? accessToken, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return await _http.SendAsync(request);
    }

    public async Task<McpClient> ConnectAsync(string accessToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Resource),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken },
        });
        return await McpClient.CreateAsync(transport);
    }

    public void Dispose() => _http.Dispose();

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
