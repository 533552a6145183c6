using System.Net;
using Cairn.Testing;
using Microsoft.Extensions.Time.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.OAuth;

/// <summary>Lifetimes, on a server whose clock the test moves: access tokens (1 h), codes (60 s), grants (as approved).</summary>
public class OAuthExpiryTests
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task AccessToken_Expired_IsRefused_AndTheRefreshTokenGetsANewOne()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CairnServer.StartAsync(inMemory: true, time: clock);
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(server);
        var (access, refresh) = await agent.SignInAsync(Id(key), Secret(key), ReadOnly);

        clock.Advance(TimeSpan.FromMinutes(61));
        using var expired = await agent.RawMcpAsync(access);
        var (refreshed, tokens) = await agent.RefreshAsync(agent.LastClientId!, refresh);
        using var fresh = await agent.RawMcpAsync(tokens.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Code_OlderThanItsLifetime_IsInvalidGrant()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CairnServer.StartAsync(inMemory: true, time: clock);
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(server);
        var (clientId, code, verifier) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);

        clock.Advance(TimeSpan.FromSeconds(61));
        var (status, body) = await agent.ExchangeAsync(clientId, code, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Grant_PastTheExpiryThePersonChose_EndsEveryToken()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CairnServer.StartAsync(inMemory: true, time: clock);
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(server);
        var clientId = await agent.RegisterAsync();
        var (verifier, challenge) = OAuthAgent.NewPkce();
        using var consent = await agent.PostConsentAsync(OAuthAgent.AuthorizeParameters(clientId, challenge, agent.Resource), Id(key), Secret(key), ReadOnly, validForSeconds: 1800);
        var (_, tokens) = await agent.ExchangeAsync(clientId, OAuthAgent.RedirectQuery(consent)["code"], verifier);

        Assert.InRange(tokens.GetProperty("expires_in").GetInt64(), 1, 1800);
        clock.Advance(TimeSpan.FromMinutes(31));
        using var mcp = await agent.RawMcpAsync(tokens.GetProperty("access_token").GetString());
        var (refreshed, _) = await agent.RefreshAsync(clientId, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed);
    }
}
