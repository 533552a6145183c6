using System.Net;
using System.Text.Json;
using Cairn.Server.Tests.Support;
using Cairn.Testing;
using ModelContextProtocol.Protocol;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.OAuth;

/// <summary>
/// MCP authorization end to end over loopback: discovery from the 401, registration, the consent form, the code with
/// PKCE, an MCP client calling tools with the access token, refresh rotation, revocation — and each way it must fail.
/// </summary>
public class OAuthFlowTests(MemoryServerFixture fixture) : IClassFixture<MemoryServerFixture>
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];
    private static readonly string[] Full = ["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles", "shareFiles", "writeBuckets", "listKeys", "writeKeys", "deleteKeys"];

    [Fact]
    public async Task Mcp_WithoutToken_PointsToTheMetadata_WhichLeadsToEveryEndpoint()
    {
        using var agent = new OAuthAgent(fixture.Server);
        using var unauthorized = await agent.RawMcpAsync(null);
        using var prm = JsonDocument.Parse(await agent.Http.GetStringAsync(".well-known/oauth-protected-resource"));
        using var prmWithPath = JsonDocument.Parse(await agent.Http.GetStringAsync(".well-known/oauth-protected-resource/mcp"));
        using var asm = JsonDocument.Parse(await agent.Http.GetStringAsync(".well-known/oauth-authorization-server"));
        var b = agent.BaseUrl;

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal($"Bearer resource_metadata=\"{b}/.well-known/oauth-protected-resource\"", unauthorized.Headers.WwwAuthenticate.ToString());
        Assert.Equal(b + "/mcp", prm.RootElement.GetProperty("resource").GetString());
        Assert.Equal([b], prm.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(prm.RootElement.ToString(), prmWithPath.RootElement.ToString());
        var server = asm.RootElement;
        Assert.Equal(b, server.GetProperty("issuer").GetString());
        Assert.Equal(b + "/oauth/authorize", server.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(b + "/oauth/token", server.GetProperty("token_endpoint").GetString());
        Assert.Equal(b + "/oauth/register", server.GetProperty("registration_endpoint").GetString());
        Assert.Equal(b + "/oauth/revoke", server.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(["S256"], server.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["none"], server.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task FullFlow_RegisterConsentTokenToolsRefreshRevoke_AndNoSecretInTheLogs()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, Full, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        agent.Secrets.Add(Secret(key));
        var clientId = await agent.RegisterAsync("Claude Desktop");
        var (verifier, challenge) = OAuthAgent.NewPkce();
        var parameters = OAuthAgent.AuthorizeParameters(clientId, challenge, agent.Resource);

        using var page = await agent.GetAuthorizeAsync(parameters);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Claude Desktop", html, StringComparison.Ordinal);
        Assert.Contains("listBuckets listFiles readFiles", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // Nothing from elsewhere: every script and style is Cairn's own.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);

        using var consent = await agent.PostConsentAsync(parameters, Id(key), Secret(key), ["listBuckets", "listFiles", "readFiles", "writeFiles"]);
        var query = OAuthAgent.RedirectQuery(consent);
        Assert.Equal("st-123", query["state"]);
        agent.Secrets.Add(query["code"]);
        var (status, tokens) = await agent.ExchangeAsync(clientId, query["code"], verifier, resource: agent.Resource);
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.InRange(tokens.GetProperty("expires_in").GetInt64(), 1, 3600);
        Assert.Equal("listBuckets listFiles readFiles writeFiles", tokens.GetProperty("scope").GetString());
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        await using (var client = await agent.ConnectAsync(access))
        {
            var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
            Assert.Contains("list_buckets", tools);
            Assert.Contains("upload_file", tools);
            Assert.DoesNotContain("delete_file_version", tools);
            Assert.DoesNotContain("create_key", tools);
        }

        var (refreshed, rotated) = await agent.RefreshAsync(clientId, refresh);
        Assert.True(refreshed == HttpStatusCode.OK, rotated.ToString());
        var access2 = rotated.GetProperty("access_token").GetString()!;
        var refresh2 = rotated.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(refresh, refresh2);
        await using (var client = await agent.ConnectAsync(access2))
        {
            Assert.Contains("list_files", (await client.ListToolsAsync()).Select(t => t.Name));
        }

        Assert.Equal(HttpStatusCode.OK, await agent.RevokeAsync(refresh2, clientId));
        using var afterRevoke = await agent.RawMcpAsync(access2);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("error=\"invalid_token\"", afterRevoke.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var (afterRevokeRefresh, _) = await agent.RefreshAsync(clientId, refresh2);
        Assert.Equal(HttpStatusCode.BadRequest, afterRevokeRefresh);

        var logs = string.Join('\n', fixture.Server.Logs);
        Assert.All(agent.Secrets, secret => Assert.DoesNotContain(secret, logs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authorize_WithAnUnregisteredRedirectUri_IsShownToThePersonNeverRedirected()
    {
        using var agent = new OAuthAgent(fixture.Server);
        var clientId = await agent.RegisterAsync();
        var (_, challenge) = OAuthAgent.NewPkce();
        var parameters = OAuthAgent.AuthorizeParameters(clientId, challenge, agent.Resource);
        parameters["redirect_uri"] = OAuthAgent.RedirectUri + "/other";
        var prefixOnly = new Dictionary<string, string?>(parameters) { ["redirect_uri"] = "http://127.0.0.1:33418/" };
        var unknownClient = new Dictionary<string, string?>(parameters) { ["client_id"] = "cairn-client-nobody", ["redirect_uri"] = OAuthAgent.RedirectUri };

        foreach (var bad in new[] { parameters, prefixOnly, unknownClient })
        {
            using var response = await agent.GetAuthorizeAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task Token_WithAnotherRedirectUriThanTheAuthorization_IsInvalidGrant()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (clientId, code, verifier) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);

        var (status, body) = await agent.ExchangeAsync(clientId, code, verifier, redirectUri: OAuthAgent.RedirectUri + "x");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("plain", null)]
    [InlineData("S256", "too-short")]
    public async Task Authorize_WithoutS256Pkce_RedirectsInvalidRequestWithState(string? method, string? challenge)
    {
        using var agent = new OAuthAgent(fixture.Server);
        var clientId = await agent.RegisterAsync();
        var parameters = OAuthAgent.AuthorizeParameters(clientId, "unused", agent.Resource, state: "keep-me");
        parameters["code_challenge_method"] = method;
        parameters["code_challenge"] = challenge ?? (method == "plain" ? OAuthAgent.NewPkce().Verifier : null);

        using var page = await agent.GetAuthorizeAsync(parameters);
        var query = OAuthAgent.RedirectQuery(page);

        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("keep-me", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Deny_RedirectsAccessDeniedWithState()
    {
        using var agent = new OAuthAgent(fixture.Server);
        var clientId = await agent.RegisterAsync();
        var parameters = OAuthAgent.AuthorizeParameters(clientId, OAuthAgent.NewPkce().Challenge, agent.Resource);

        using var denied = await agent.PostConsentAsync(parameters, "", "", [], decision: "deny");
        var query = OAuthAgent.RedirectQuery(denied);

        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("st-123", query["state"]);
    }

    [Fact]
    public async Task Code_WithTheWrongVerifierOrClient_OrWithoutVerifier_IsRefused()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (clientId, code, verifier) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);
        var (clientId2, code2, _) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);
        var (clientId3, _, _) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);

        var (wrongVerifier, wrongVerifierBody) = await agent.ExchangeAsync(clientId2, code2, OAuthAgent.NewPkce().Verifier);
        var (noVerifier, noVerifierBody) = await agent.TokenAsync(new() { ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code, ["redirect_uri"] = OAuthAgent.RedirectUri });
        var (otherClient, otherClientBody) = await agent.ExchangeAsync(clientId3, code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier);
        Assert.Equal("invalid_grant", wrongVerifierBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noVerifier);
        Assert.Equal("invalid_request", noVerifierBody.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", otherClientBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, otherClient);
    }

    [Fact]
    public async Task Code_Replayed_IsRefused_AndTheFirstTokensDie()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (clientId, code, verifier) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);

        var (first, tokens) = await agent.ExchangeAsync(clientId, code, verifier);
        using var before = await agent.RawMcpAsync(tokens.GetProperty("access_token").GetString());
        var (second, replay) = await agent.ExchangeAsync(clientId, code, verifier);
        using var after = await agent.RawMcpAsync(tokens.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", replay.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Token_ForAnotherAudience_IsRefusedEverywhere()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var clientId = await agent.RegisterAsync();
        var (_, challenge) = OAuthAgent.NewPkce();

        using var otherResource = await agent.GetAuthorizeAsync(OAuthAgent.AuthorizeParameters(clientId, challenge, "https://elsewhere.example/mcp"));
        Assert.Equal("invalid_target", OAuthAgent.RedirectQuery(otherResource)["error"]);

        var (clientId2, code, verifier) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);
        var (otherAtToken, body) = await agent.ExchangeAsync(clientId2, code, verifier, resource: "https://elsewhere.example/mcp");
        Assert.Equal(HttpStatusCode.BadRequest, otherAtToken);
        Assert.Equal("invalid_target", body.GetProperty("error").GetString());

        // A token issued for http://127.0.0.1:<port>/mcp, presented to the same server reached as another resource.
        var (access, _) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly);
        using var sameResource = await agent.RawMcpAsync(access);
        using var otherHost = await agent.RawMcpAsync(access, host: "localhost:" + new Uri(agent.BaseUrl).Port);
        Assert.Equal(HttpStatusCode.OK, sameResource.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherHost.StatusCode);
        Assert.Contains("another resource", otherHost.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        // Nor is it a B2 account token.
        using var b2 = new HttpRequestMessage(HttpMethod.Post, "b2api/v4/b2_list_buckets") { Content = new StringContent($"{{\"accountId\":\"{master.AccountId}\"}}") };
        b2.Headers.TryAddWithoutValidation("Authorization", access);
        using var b2Answer = await agent.Http.SendAsync(b2);
        Assert.Equal(HttpStatusCode.Unauthorized, b2Answer.StatusCode);
    }

    [Fact]
    public async Task RefreshToken_Reused_RevokesTheWholeGrant()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (_, refresh) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly);
        var clientId = agent.LastClientId!;

        var (ok, rotated) = await agent.RefreshAsync(clientId, refresh);
        var (reused, reuseBody) = await agent.RefreshAsync(clientId, refresh);
        var (newOneAfter, _) = await agent.RefreshAsync(clientId, rotated.GetProperty("refresh_token").GetString()!);
        using var mcp = await agent.RawMcpAsync(rotated.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(HttpStatusCode.BadRequest, reused);
        Assert.Equal("invalid_grant", reuseBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, newOneAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Fact]
    public async Task AccessToken_Revoked_IsDead_AndUnknownTokensRevokeQuietly()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (access, refresh) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly);

        Assert.Equal(HttpStatusCode.OK, await agent.RevokeAsync(access, agent.LastClientId!));
        Assert.Equal(HttpStatusCode.OK, await agent.RevokeAsync("cairn_rt_not-a-token", agent.LastClientId!));
        using var mcp = await agent.RawMcpAsync(access);
        var (refreshed, _) = await agent.RefreshAsync(agent.LastClientId!, refresh);

        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed);
    }

    [Fact]
    public async Task KeyDeleted_EndsItsTokens()
    {
        var master = await fixture.SessionAsync(4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (access, refresh) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly);
        using (var before = await agent.RawMcpAsync(access))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await master.CallAsync("b2_delete_key", new { applicationKeyId = Id(key) });
        using var after = await agent.RawMcpAsync(access);
        var (refreshed, body) = await agent.RefreshAsync(agent.LastClientId!, refresh);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task NarrowedGrant_IsEnforcedOnToolCalls()
    {
        var master = await fixture.SessionAsync(4);
        var mine = await master.NewBucketAsync();
        var other = await master.NewBucketAsync();
        await master.UploadAsync(mine, "images/a.png", TestWire.Bytes("png"));
        await master.UploadAsync(mine, "secret/b.txt", TestWire.Bytes("txt"));
        var key = await CreateAsync(master, Full, version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var (access, _) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly, bucketIds: [mine], namePrefix: "images/");
        await using var client = await agent.ConnectAsync(access);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).Order().ToList();
        var inside = await client.CallToolAsync("list_files", new Dictionary<string, object?> { ["bucketId"] = mine, ["prefix"] = "images/" });
        var otherPrefix = await client.CallToolAsync("list_files", new Dictionary<string, object?> { ["bucketId"] = mine, ["prefix"] = "secret/" });
        var otherBucket = await client.CallToolAsync("list_files", new Dictionary<string, object?> { ["bucketId"] = other });

        Assert.Equal(["call_operation", "describe_operation", "download_file", "get_file_info", "get_lifecycle_rules", "list_buckets", "list_files", "list_parts", "search_operations"], tools);
        Assert.False(inside.IsError == true, Text(inside));
        Assert.Contains("images/a.png", Text(inside), StringComparison.Ordinal);
        Assert.True(otherPrefix.IsError);
        Assert.StartsWith("unauthorized:", Text(otherPrefix), StringComparison.Ordinal);
        Assert.True(otherBucket.IsError);
    }

    [Fact]
    public async Task Consent_AskingMoreThanTheKeyHas_IsRefusedToThePerson()
    {
        var master = await fixture.SessionAsync(4);
        var bucket = await master.NewBucketAsync();
        var other = await master.NewBucketAsync();
        var key = await CreateAsync(master, ReadOnly, [bucket], namePrefix: "docs/", version: 4);
        using var agent = new OAuthAgent(fixture.Server);
        var clientId = await agent.RegisterAsync();
        var parameters = OAuthAgent.AuthorizeParameters(clientId, OAuthAgent.NewPkce().Challenge, agent.Resource);

        using var moreCapabilities = await agent.PostConsentAsync(parameters, Id(key), Secret(key), ["listFiles", "writeFiles"]);
        using var otherBucket = await agent.PostConsentAsync(parameters, Id(key), Secret(key), ["listFiles"], bucketIds: [other]);
        using var widerPrefix = await agent.PostConsentAsync(parameters, Id(key), Secret(key), ["listFiles"], namePrefix: "do");
        using var wrongSecret = await agent.PostConsentAsync(parameters, Id(key), Secret(key) + "x", ["listFiles"]);

        Assert.Equal(HttpStatusCode.BadRequest, moreCapabilities.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherBucket.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, widerPrefix.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.All(new[] { moreCapabilities, otherBucket, widerPrefix, wrongSecret }, r => Assert.Null(r.Headers.Location));
    }

    [Theory]
    [InlineData("http://evil.example/callback")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example/cb#fragment")]
    [InlineData("not a uri")]
    public async Task Register_RefusesUnsafeRedirectUris(string redirectUri)
    {
        using var agent = new OAuthAgent(fixture.Server);
        using var response = await agent.Http.PostAsync("oauth/register", new StringContent(JsonSerializer.Serialize(new { redirect_uris = new[] { redirectUri } }), System.Text.Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_redirect_uri", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AgentToken_FromB2CreateAgentToken_StillWorks()
    {
        var master = await fixture.SessionAsync(4);
        var (_, token) = await AgentAccess.MintAsync(master, ReadOnly);
        using var agent = new OAuthAgent(fixture.Server);
        using var response = await agent.RawMcpAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
