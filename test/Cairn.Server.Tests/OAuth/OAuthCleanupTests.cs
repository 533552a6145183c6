using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Core.Storage;
using Cairn.Testing;
using Microsoft.Extensions.Time.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.OAuth;

/// <summary>
/// Spent and expired sign-in state does not pile up: codes, refresh tokens, grants and registrations no sign-in used are
/// deleted as agent sign-in goes on; and dynamic client registration has a cap with a clear OAuth error.
/// </summary>
public class OAuthCleanupTests
{
    private static readonly string[] ReadOnly = ["listBuckets", "listFiles", "readFiles"];

    [Fact]
    public async Task Sweep_DeletesExpiredCodesTokensGrants_AndUnusedRegistrations_KeepsWhatStillWorks()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CairnServer.StartAsync(inMemory: true, time: clock);
        var store = server.GetService<IMetadataStore>();
        using var master = await B2Session.AuthorizeAsync(server, 4);
        var key = await CreateAsync(master, ReadOnly, version: 4);
        using var agent = new OAuthAgent(server);
        var unused = await agent.RegisterAsync("never signs in");
        var (_, spentCode, _) = await agent.ApproveAsync(Id(key), Secret(key), ReadOnly);
        var clientId = await agent.RegisterAsync("signs in");
        var (verifier, challenge) = OAuthAgent.NewPkce();
        using var consent = await agent.PostConsentAsync(OAuthAgent.AuthorizeParameters(clientId, challenge, agent.Resource), Id(key), Secret(key), ReadOnly, validForSeconds: 3 * 86400);
        var code = OAuthAgent.RedirectQuery(consent)["code"];
        var (_, tokens) = await agent.ExchangeAsync(clientId, code, verifier);
        var refresh = tokens.GetProperty("refresh_token").GetString()!;

        // A day and a half on: the codes have expired and the unused registration is stale; the grant still runs.
        clock.Advance(TimeSpan.FromHours(36));
        await agent.RegisterAsync("triggers a sweep");

        Assert.Null(await store.GetOAuthClientAsync(unused, CancellationToken.None));
        Assert.NotNull(await store.GetOAuthClientAsync(clientId, CancellationToken.None));
        Assert.Null(await store.UseGrantCredentialAsync(Hash(spentCode), 0, CancellationToken.None));
        Assert.Null(await store.UseGrantCredentialAsync(Hash(code), 0, CancellationToken.None));
        var (refreshed, rotated) = await agent.RefreshAsync(clientId, refresh);
        Assert.Equal(HttpStatusCode.OK, refreshed);

        // Past the grant's expiry: the grant, its refresh tokens (spent and fresh) and then its client go. (ApproveAsync's
        // grant of 7 days, never traded, stays with its client.)
        clock.Advance(TimeSpan.FromDays(2));
        await agent.RegisterAsync("triggers another sweep");

        Assert.DoesNotContain(await store.ListAgentGrantsAsync(master.AccountId, CancellationToken.None), g => g.ClientId == clientId);
        Assert.Null(await store.UseGrantCredentialAsync(Hash(rotated.GetProperty("refresh_token").GetString()!), 0, CancellationToken.None));
        Assert.Null(await store.GetOAuthClientAsync(clientId, CancellationToken.None));
        Assert.Equal(2, await store.CountOAuthClientsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Registration_PastTheCap_IsTemporarilyUnavailable_UntilUnusedRegistrationsExpire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await CairnServer.StartAsync(inMemory: true, time: clock,
            settings: new Dictionary<string, string> { ["Cairn:OAuth:MaxRegisteredClients"] = "2" });
        using var agent = new OAuthAgent(server);
        await agent.RegisterAsync("one");
        await agent.RegisterAsync("two");

        using var refused = await agent.Http.PostAsJsonAsync("oauth/register", new { client_name = "three", redirect_uris = new[] { OAuthAgent.RedirectUri } });
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        clock.Advance(TimeSpan.FromHours(25));
        var accepted = await agent.RegisterAsync("three, a day later");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("temporarily_unavailable", error.GetProperty("error").GetString());
        Assert.Contains("most client registrations it allows (2)", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("cairn-client-", accepted, StringComparison.Ordinal);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
